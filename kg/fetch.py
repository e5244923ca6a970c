"""A polite, bounded HTTP fetcher with an on-disk cache, for articles and feeds on the web.

Polite: a User-Agent naming kg, robots.txt obeyed (RFC 9309: a missing robots.txt
allows everything, an unreachable one forbids everything), and a delay between two
requests to the same host (robots.txt ``Crawl-delay`` when it asks for more).
Bounded: a time limit for the whole response (not only between bytes), a size cap
checked before and while reading, and only HTML and feed/sitemap content types are
read at all. Every failure is one :class:`FetchError` line, never a traceback.

The cache keeps each page's body with its ``ETag``/``Last-Modified``, so a re-run
asks the server "changed since?" and gets a bodiless 304 for unchanged pages.
"""

from __future__ import annotations

import email.message
import hashlib
import ipaddress
import json
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx

from kg import __version__
from kg.errors import InputError
from kg.fsutil import atomic_write_bytes

#: Product token robots.txt rules are matched against (``User-agent: kg``).
ROBOTS_TOKEN = "kg"
USER_AGENT = f"kg/{__version__} (kg-news knowledge-graph builder; obeys robots.txt)"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
ACCEPT = "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
#: robots.txt files are small; a bigger one is read up to this many bytes.
ROBOTS_MAX_BYTES = 512_000


class FetchError(InputError):
    """A page that cannot be fetched or is not one kg reads; the message says why in a few words."""


def is_url(text: str) -> bool:
    """An http(s) URL, as opposed to a file path."""
    return bool(re.match(r"^https?://", str(text), re.IGNORECASE))


_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)$", re.IGNORECASE)


def canonical_url(url: str) -> str:
    """The URL that names a page: scheme and host lower-cased, default port, fragment and tracking
    parameters (``utm_*``, ``fbclid``…) dropped, so the same article read twice is one article."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:  # a bad port or an unclosed IPv6 bracket
        raise FetchError(f"not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    query = "&".join(p for p in parts.query.split("&") if p and not _TRACKING.match(p.split("=", 1)[0]))
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and how far kg fetches."""

    user_agent: str = USER_AGENT
    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 20.0  # seconds for one whole response
    max_bytes: int = 5_000_000
    max_redirects: int = 5


@dataclass(frozen=True)
class Page:
    """A fetched (or revalidated) response body."""

    url: str  # canonical URL asked for
    final_url: str  # after redirects
    content_type: str  # media type without parameters
    charset: str | None
    body: bytes
    not_modified: bool = False  # the server answered 304 and the body is the cached one

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    def text(self) -> str:
        """The body decoded: the declared charset, else UTF-8 (undecodable bytes replaced)."""
        for encoding in (self.charset, "utf-8"):
            if encoding:
                try:
                    return self.body.decode(encoding)
                except (LookupError, UnicodeDecodeError):
                    continue
        return self.body.decode("utf-8", errors="replace")


def _addresses(host: str) -> list[str]:
    return [str(info[4][0]) for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)]


def _fresh_until(headers: httpx.Headers) -> float:
    """Until when a response may be reused without asking the server (``Cache-Control: max-age``)."""
    control = headers.get("cache-control", "").lower()
    if "no-cache" in control or "no-store" in control:
        return 0.0
    found = re.search(r"(?:^|[,\s])max-age\s*=\s*(\d+)", control)
    return time.time() + min(int(found.group(1)), 30 * 86400) if found else 0.0


def _media_type(header: str | None) -> tuple[str, str | None]:
    message = email.message.Message()
    message["content-type"] = header or ""
    charset = message.get_param("charset")
    return message.get_content_type() if header else "", str(charset) if isinstance(charset, str) else None


class PageCache:
    """Pages and extraction results on disk, one JSON + body pair per URL (written atomically)."""

    def __init__(self, root: Path | None):
        self.root = Path(root) if root is not None else None

    def _path(self, kind: str, key: str) -> Path:
        assert self.root is not None
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        return self.root / kind / digest[:2] / digest

    def load_page(self, url: str) -> tuple[dict, bytes] | None:
        if self.root is None:
            return None
        path = self._path("pages", url)
        try:
            meta = json.loads(path.with_suffix(".json").read_text("utf-8"))
            body = path.with_suffix(".body").read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("sha256") != hashlib.sha256(body).hexdigest():  # torn or tampered: refetch
            return None
        return meta, body

    def save_page(self, url: str, meta: dict, body: bytes) -> None:
        if self.root is None:
            return
        path = self._path("pages", url)
        atomic_write_bytes(path.with_suffix(".body"), body)
        meta = {**meta, "url": url, "sha256": hashlib.sha256(body).hexdigest()}
        atomic_write_bytes(path.with_suffix(".json"), json.dumps(meta, indent=1).encode("utf-8"))

    def load_json(self, kind: str, key: str) -> object | None:
        if self.root is None:
            return None
        try:
            return json.loads(self._path(kind, key).with_suffix(".json").read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def save_json(self, kind: str, key: str, data: object) -> None:
        if self.root is not None:
            text = json.dumps(data, ensure_ascii=False, sort_keys=True)
            atomic_write_bytes(self._path(kind, key).with_suffix(".json"), text.encode("utf-8"))


@dataclass
class FetchStats:
    """What the fetcher did, for the summary line."""

    downloaded: int = 0  # responses with a body
    not_modified: int = 0  # 304s answered from the cache
    fresh: int = 0  # still fresh by Cache-Control max-age: not asked at all
    bytes: int = 0
    robots_refused: int = 0
    waited: float = 0.0  # seconds spent in per-host delays


@dataclass
class _Host:
    robots: RobotFileParser | None = None
    robots_note: str = ""
    last_request: float = float("-inf")


class Fetcher:
    """Fetches pages politely; one instance per run keeps the per-host state (robots.txt, delays)."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        cache: PageCache | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        resolve: Callable[[str], list[str]] | None = None,
    ):
        self.policy = policy or FetchPolicy()
        self.cache = cache or PageCache(None)
        self.stats = FetchStats()
        self._hosts: dict[str, _Host] = {}
        self._sleep = sleep
        self._resolve = resolve or _addresses
        self._private: dict[str, bool] = {}
        self._client = httpx.Client(
            headers={"User-Agent": self.policy.user_agent},
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=False,  # followed by hand, so every hop is checked against robots.txt
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- politeness ---------------------------------------------------------------
    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        return self._hosts.setdefault(f"{parts.scheme}://{parts.netloc}", _Host())

    def _wait_turn(self, host: _Host) -> None:
        delay = self.policy.delay
        if host.robots is not None:
            crawl_delay = host.robots.crawl_delay(ROBOTS_TOKEN)
            if crawl_delay:
                delay = max(delay, float(crawl_delay))
        pause = host.last_request + delay - time.monotonic()
        if pause > 0:
            self.stats.waited += pause
            self._sleep(pause)
        host.last_request = time.monotonic()

    def _robots(self, url: str) -> RobotFileParser:
        host = self._host(url)
        if host.robots is not None:
            return host.robots
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        parser = RobotFileParser(robots_url)
        try:
            self._wait_turn(host)
            response, body = self._request(robots_url, ROBOTS_MAX_BYTES, {}, truncate=True)
        except FetchError as exc:  # unreachable: RFC 9309 says assume everything is forbidden
            parser.disallow_all = True
            host.robots_note = f"robots.txt unreachable ({exc})"
        else:
            if response.status_code >= 500:
                parser.disallow_all = True
                host.robots_note = f"robots.txt answered HTTP {response.status_code}"
            elif response.status_code >= 400 or response.status_code in REDIRECTS:
                parser.allow_all = True  # no robots.txt: everything allowed
            else:
                parser.parse(body.decode("utf-8", errors="replace").splitlines())
        host.robots = parser
        return parser

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets kg fetch ``url``."""
        return self._robots(url).can_fetch(ROBOTS_TOKEN, url)

    # -- fetching -----------------------------------------------------------------
    def is_private(self, url: str) -> bool:
        """Whether ``url``'s host is (or resolves to) a loopback, private, link-local or reserved address."""
        host = urlsplit(url).hostname or ""
        if host not in self._private:
            try:
                addresses = [ipaddress.ip_address(host)]
            except ValueError:
                try:
                    addresses = [ipaddress.ip_address(a.split("%")[0]) for a in self._resolve(host)]
                except (OSError, ValueError):
                    addresses = []  # unresolvable: the request itself will fail
            self._private[host] = any(
                a.is_private or a.is_loopback or a.is_link_local or a.is_reserved or a.is_unspecified
                for a in addresses
            )
        return self._private[host]

    def get(self, url: str, *, allow_private: bool | None = None) -> Page:
        """The page at ``url`` (from the cache when the server says it did not change).

        A hop to a private address (loopback, LAN, link-local) is refused unless
        ``allow_private``; by default it is allowed only when ``url`` itself is on one,
        so a page or feed on the public web cannot send kg into the local network.
        """
        if not is_url(url) or not urlsplit(url).hostname:
            raise FetchError("not an http(s) URL")
        asked = canonical_url(url)
        if allow_private is None:
            allow_private = self.is_private(asked)
        current = asked
        cached = self.cache.load_page(asked)
        if cached is not None and cached[0].get("fresh_until", 0) > time.time():  # Cache-Control: max-age
            self.stats.fresh += 1
            return self._cached_page(asked, cached)
        for _hop in range(self.policy.max_redirects + 1):
            if not allow_private and self.is_private(current):
                host = urlsplit(current).hostname
                raise FetchError(f"refused: {host} is a private address, linked from the public web")
            robots = self._robots(current)
            if not robots.can_fetch(ROBOTS_TOKEN, current):
                self.stats.robots_refused += 1
                note = self._host(current).robots_note
                raise FetchError(f"forbidden by robots.txt{f' ({note})' if note else ''}")
            headers = {"Accept": ACCEPT}
            if cached is not None and current in (asked, cached[0].get("final_url")):
                if cached[0].get("etag"):
                    headers["If-None-Match"] = cached[0]["etag"]
                if cached[0].get("last_modified"):
                    headers["If-Modified-Since"] = cached[0]["last_modified"]
            self._wait_turn(self._host(current))
            response, body = self._request(current, self.policy.max_bytes, headers)
            status = response.status_code
            if status in REDIRECTS and "location" in response.headers:
                target = urljoin(current, response.headers["location"])
                if not is_url(target):
                    raise FetchError(f"redirected to a non-http(s) address {target!r}")
                current = canonical_url(target)
                continue
            if status == 304 and cached is not None:
                self.stats.not_modified += 1
                meta = {**cached[0], "fresh_until": _fresh_until(response.headers)}
                self.cache.save_page(asked, meta, cached[1])
                return self._cached_page(asked, cached)
            if status >= 400:
                raise FetchError(f"HTTP {status} {response.reason_phrase}".rstrip())
            if status != 200:
                raise FetchError(f"unexpected HTTP {status}")
            media_type, charset = _media_type(response.headers.get("content-type"))
            self.stats.downloaded += 1
            self.stats.bytes += len(body)
            meta = {
                "final_url": current,
                "content_type": media_type,
                "charset": charset,
                "etag": response.headers.get("etag"),
                "last_modified": response.headers.get("last-modified"),
                "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "fresh_until": _fresh_until(response.headers),
            }
            self.cache.save_page(asked, meta, body)
            return Page(asked, current, media_type, charset, body)
        raise FetchError(f"more than {self.policy.max_redirects} redirects")

    @staticmethod
    def _cached_page(url: str, cached: tuple[dict, bytes]) -> Page:
        meta, body = cached
        return Page(url, meta.get("final_url", url), meta["content_type"], meta.get("charset"), body, True)

    def _request(
        self, url: str, max_bytes: int, headers: dict[str, str], *, truncate: bool = False
    ) -> tuple[httpx.Response, bytes]:
        """One GET: checks the content type before reading, the size while reading, the clock throughout."""
        deadline = time.monotonic() + self.policy.timeout
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code != 200 or truncate:
                    return response, self._read(response, max_bytes, deadline, truncate=True)
                media_type, _ = _media_type(response.headers.get("content-type"))
                if media_type not in HTML_TYPES | FEED_TYPES:
                    raise FetchError(f"not an article or feed (content type {media_type or 'missing'})")
                length = response.headers.get("content-length", "")
                if length.isdigit() and int(length) > max_bytes:
                    raise FetchError(f"too large ({int(length):,} bytes; the limit is {max_bytes:,})")
                return response, self._read(response, max_bytes, deadline)
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {self.policy.timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise FetchError(
                f"cannot fetch: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
            ) from None

    def _read(
        self, response: httpx.Response, max_bytes: int, deadline: float, *, truncate: bool = False
    ) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                if truncate:
                    break
                raise FetchError(f"too large (more than {max_bytes:,} bytes)")
            if time.monotonic() > deadline:
                raise FetchError(f"timed out after {self.policy.timeout:g} s")
        return b"".join(chunks)[: max_bytes if truncate else None]
