"""Articles from the web: article pages, RSS/Atom feeds and sitemaps -> facts documents.

An input URL is fetched (politely, see :mod:`kg.fetch`); a feed or sitemap yields the
articles it links to, an HTML page is the article. Each article's id is derived from
its canonical URL (readable and stable, with a hash for uniqueness) and its ``source``
is the URL. Extraction results are cached by the page's text, so a re-run neither
downloads (the server answers 304) nor re-extracts an unchanged page.

A page that fails is recorded in :class:`WebReport` and the rest still goes on;
``strict=True`` raises at the first failure instead, so a caller writing to a store
inside one transaction writes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from kg import __version__
from kg.errors import InputError
from kg.facts import FactsDocument
from kg.fetch import (
    FEED_TYPES,
    Fetcher,
    FetchError,
    FetchPolicy,
    FetchStats,
    Page,
    PageCache,
    canonical_url,
    is_url,
)
from kg.ingest import IngestReport
from kg.store.base import Store

#: Most article links read from one feed or sitemap (a sitemap index is followed one level).
MAX_LINKS = 5000
#: Longest article text extracted (spaCy's own default limit: its parser needs ~1 GB per 100,000 characters).
MAX_ARTICLE_CHARS = 1_000_000
_FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF|urlset|sitemapindex)[\s>/]")


def article_id(url: str) -> str:
    """A stable, unique article id for a URL: host and path as a slug, plus 10 hex of its hash.

    >>> article_id("https://News.example.com/2026/01/acme-raises?utm_source=x#top")
    'news-example-com-2026-01-acme-raises-1b6f0f4b8c'
    """
    url = canonical_url(url)
    parts = urlsplit(url)
    slug = re.sub(r"[^a-z0-9]+", "-", f"{parts.netloc}{parts.path}".lower()).strip("-")
    if len(slug) > 80:
        slug = slug[:40].rstrip("-") + "--" + slug[-38:].lstrip("-")
    return f"{slug}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:10]}"


@dataclass(frozen=True)
class Link:
    """An article a feed or sitemap points to, with the date the feed gives for it."""

    url: str
    published: str | None = None


def page_kind(page: Page) -> str:
    """ "feed", "sitemap" or "html": by content type, and by the root element for generic XML."""
    head = page.body[:4096].lstrip()
    match = _FEED_ROOT.search(head) if page.content_type in FEED_TYPES or head.startswith(b"<?xml") else None
    if match:
        return "sitemap" if match.group(1) in (b"urlset", b"sitemapindex") else "feed"
    if page.content_type in FEED_TYPES:
        raise FetchError(f"XML but not a feed or sitemap ({page.content_type})")
    return "html"


def _iso_date(value: object) -> str | None:
    if isinstance(value, time.struct_time):
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    if isinstance(value, str):
        found = re.match(r"^\s*(\d{4}-\d{2}-\d{2})", value)
        return found.group(1) if found else None
    return None


def feed_links(page: Page) -> list[Link]:
    """The article links of an RSS or Atom feed, with their published (else updated) dates."""
    import feedparser

    parsed = feedparser.parse(page.body, response_headers={"content-location": page.final_url})
    if parsed.bozo and not parsed.entries:
        raise FetchError(f"unreadable feed ({type(parsed.bozo_exception).__name__})")
    links = []
    for entry in parsed.entries[:MAX_LINKS]:
        href = entry.get("link") or next(
            (x.get("href") for x in entry.get("links", []) if x.get("rel", "alternate") == "alternate"), None
        )
        if href and is_url(urljoin(page.final_url, href)):
            date = _iso_date(entry.get("published_parsed") or entry.get("updated_parsed"))
            links.append(Link(urljoin(page.final_url, href), date))
    return links


def sitemap_links(page: Page, fetcher: Fetcher, depth: int = 0) -> list[Link]:
    """The page URLs of a sitemap (``lastmod`` as date); a sitemap index is followed one level."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(page.body, parser)
    except etree.XMLSyntaxError as exc:
        raise FetchError(f"unreadable sitemap ({exc})") from None
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    local = etree.QName(root).localname
    links: list[Link] = []
    for item in root:
        if not isinstance(item.tag, str):
            continue
        loc = item.findtext(f"{ns}loc") or item.findtext("loc")
        if not loc or not is_url(loc.strip()):
            continue
        if local == "sitemapindex":
            if depth == 0:
                index_ok = fetcher.is_private(page.url)
                links.extend(
                    sitemap_links(fetcher.get(loc.strip(), allow_private=index_ok), fetcher, depth + 1)
                )
        else:
            lastmod = item.findtext(f"{ns}lastmod") or item.findtext("lastmod")
            links.append(Link(loc.strip(), _iso_date(lastmod)))
        if len(links) >= MAX_LINKS:
            break
    return links[:MAX_LINKS]


@dataclass
class WebReport:
    """What happened to each web input: new, changed, unchanged (already in the store) or failed."""

    articles: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    extracted: int = 0
    reused: int = 0  # extraction results taken from the cache
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def attempted(self) -> int:
        return self.articles + len(self.failures)

    def round_line(self) -> str:
        """One line per ``kg watch`` round."""
        return f"{self.new} new, {self.changed} changed, {len(self.failures)} failed ({self.unchanged} unchanged)"

    def failure_lines(self, limit: int = 20) -> list[str]:
        if not self.failures:
            return []
        lines = [f"{len(self.failures)} of {self.attempted} failed:"]
        lines += [f"  {url}: {reason}" for url, reason in self.failures[:limit]]
        if len(self.failures) > limit:
            lines.append(f"  … and {len(self.failures) - limit} more")
        return lines

    def summary(self, fetched: FetchStats | None = None) -> str:
        line = (
            f"web: {self.articles} article(s) read ({self.new} new, {self.changed} changed, "
            f"{self.unchanged} unchanged); {self.extracted} extracted, {self.reused} from the cache"
        )
        if fetched is not None:
            s = fetched
            line += f"; {s.downloaded} downloaded ({s.bytes:,} bytes), {s.not_modified} not modified"
            if s.fresh:
                line += f", {s.fresh} fresh in the cache"
        return "\n".join([line, *self.failure_lines()])


def known_articles(store: Store) -> dict[str, str]:
    """Article id -> sha256 of the text it was extracted from, for the articles already in ``store``."""
    result = store.query(
        "SELECT ?id ?sha WHERE { ?a a kgo:Article ; schema:identifier ?id ; kgo:sha256 ?sha }"
    )
    return {str(i): str(s) for i, s in result.rows}  # type: ignore[misc]


def _filter(doc: FactsDocument, min_confidence: float) -> FactsDocument:
    """Facts below ``min_confidence`` dropped, as ``kg extract --min-confidence`` does."""
    if min_confidence <= 0:
        return doc
    facts = tuple(f for f in doc.facts if (f.confidence or 0) >= min_confidence)
    used = {v for f in facts for v in f.roles.values()}
    return replace(
        doc, facts=facts, entities=tuple(e for e in doc.entities if e.id in used or e.type != "Place")
    )


class WebReader:
    """Turns input URLs into facts documents, recording every failure in :attr:`report`."""

    def __init__(
        self,
        fetcher: Fetcher,
        *,
        published: str | None = None,
        min_confidence: float = 0.0,
        strict: bool = False,
        known: Mapping[str, str] | None = None,
        only_changed: bool = False,
    ):
        self.fetcher = fetcher
        self.published = published
        self.min_confidence = min_confidence
        self.strict = strict
        self.known = dict(known or {})
        self.only_changed = only_changed
        self.report = WebReport()
        self._nlp = None

    def _fail(self, url: str, error: InputError) -> None:
        if self.strict:
            raise InputError(f"{url}: {error} (--strict: nothing was written)")
        self.report.failures.append((url, str(error)))

    def documents(self, urls: Iterable[str]) -> Iterator[FactsDocument]:
        """Facts documents for the articles the URLs are or link to (each article once)."""
        seen: set[str] = set()
        for url in urls:
            try:
                page = self.fetcher.get(url)
                kind = page_kind(page)
                if kind == "feed":
                    links = feed_links(page)
                elif kind == "sitemap":
                    links = sitemap_links(page, self.fetcher)
                else:
                    links = [Link(page.url)]
                private_ok = self.fetcher.is_private(page.url)
            except InputError as exc:
                self._fail(url, exc)
                continue
            for link in links:
                try:
                    key = canonical_url(link.url)
                    if key in seen:
                        continue
                    seen.add(key)
                    doc = self._article(link, page if kind == "html" else None, private_ok)
                except InputError as exc:
                    self._fail(link.url, exc)
                    continue
                except Exception as exc:  # a page off the web must not stop the other articles
                    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
                    self._fail(link.url, InputError(f"extraction failed ({type(exc).__name__}: {detail})"))
                    continue
                if doc is not None:
                    yield doc

    def _article(self, link: Link, page: Page | None, private_ok: bool = False) -> FactsDocument | None:
        from kg.extract import extract_article
        from kg.extract.reader import article_from_string

        page = page or self.fetcher.get(link.url, allow_private=private_ok)
        if page_kind(page) != "html":
            raise FetchError("a feed or sitemap where an article was expected")
        url = page.url
        ident = article_id(url)
        text = article_from_string(page.text(), ident, published=self.published, fmt="html")
        if text.published is None and link.published:
            text = replace(text, published=link.published)
        if len(text.text) > MAX_ARTICLE_CHARS:
            raise FetchError(
                f"too long to extract ({len(text.text):,} characters; the limit is {MAX_ARTICLE_CHARS:,})"
            )
        # The article is what was extracted, not the page around it: a new ad or menu is no change.
        content = "\n".join([text.title or "", text.published or "", text.text])
        text = replace(
            text, source=url, sha256=hashlib.sha256(content.encode("utf-8", "replace")).hexdigest()
        )
        before = self.known.get(ident)
        status = "unchanged" if before == text.sha256 else "new" if before is None else "changed"
        if status == "unchanged" and self.only_changed:
            self._count(status)
            return None
        key = "|".join([__version__, ident, url, text.sha256, str(self.min_confidence)])
        cached = self.fetcher.cache.load_json("facts", key)
        doc = None
        if cached is not None:
            with contextlib.suppress(InputError):
                doc = FactsDocument.from_dict(cached, where=f"cached facts of {url}")  # type: ignore[arg-type]
        if doc is not None:
            self.report.reused += 1
        else:
            if self._nlp is None:
                from kg.extract import load_nlp

                self._nlp = load_nlp()
            doc = _filter(extract_article(text, self._nlp), self.min_confidence)
            self.report.extracted += 1
            self.fetcher.cache.save_json("facts", key, doc.to_dict())
        self.known[ident] = text.sha256
        self._count(status)
        return doc

    def _count(self, status: str) -> None:
        self.report.articles += 1
        setattr(self.report, status, getattr(self.report, status) + 1)


def default_cache_dir(store_path: Path | None) -> Path:
    """Inside the embedded store, else the user's cache folder (``$XDG_CACHE_HOME/kg``)."""
    import os

    from kg.store.layout import FETCH_CACHE

    if store_path is not None:
        return Path(store_path) / FETCH_CACHE
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg" / "fetch-cache"


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """``90s``, ``15m``, ``2h``, ``1d`` or plain seconds -> seconds."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not found:
        raise InputError(f"{text!r} is not an interval (e.g. 30s, 15m, 2h)")
    return float(found.group(1)) * _UNITS[found.group(2) or "s"]


def split_inputs(items: Iterable[str]) -> tuple[list[str], list[Path]]:
    """URLs and file paths, each in the order given."""
    urls = [str(item) for item in items if is_url(str(item))]
    return urls, [Path(item) for item in items if not is_url(str(item))]


@dataclass(frozen=True)
class WebOptions:
    """How ``kg ingest``/``kg watch`` read URLs: the cache folder, --strict, the fetch policy."""

    cache: Path | None = None
    strict: bool = False
    policy: FetchPolicy = field(default_factory=FetchPolicy)


@dataclass(frozen=True)
class IngestResult:
    """The store's ingest report, and what happened on the web (None when no URL was given)."""

    ingest: IngestReport
    web: WebReport | None = None
    fetch: FetchStats | None = None

    @property
    def all_failed(self) -> bool:
        """Every web input failed and nothing came in: a cron job should hear about it."""
        return bool(self.web and self.web.failures and not self.web.articles and not self.ingest.articles)

    def summary(self) -> str:
        lines = [self.ingest.summary()]
        if self.web is not None:
            lines.append(self.web.summary(self.fetch))
        return "\n".join(lines)


def ingest_inputs(
    items: Iterable[str],
    store: Store,
    *,
    web: WebOptions | None = None,
    published: str | None = None,
    min_confidence: float = 0.0,
    progress: bool = False,
    only_changed: bool = False,
    **extraction: Any,
) -> IngestResult:
    """``kg ingest``: files and folders as before, URLs fetched; all of it in one ingest.

    With ``only_changed`` (``kg watch``) articles already in the store with the same
    text are skipped instead of being written again. ``extraction``: ``jobs``,
    ``scheduler``, ``force`` for the files (see :func:`kg.ingest.ingest`).
    """
    from kg.ingest import ingest

    web = web or WebOptions()
    urls, paths = split_inputs(items)
    if not urls:
        return IngestResult(
            ingest(
                paths,
                store,
                published=published,
                min_confidence=min_confidence,
                progress=progress,
                **extraction,
            )
        )
    with Fetcher(web.policy, PageCache(web.cache)) as fetcher:
        reader = WebReader(
            fetcher,
            published=published,
            min_confidence=min_confidence,
            strict=web.strict,
            known=known_articles(store),
            only_changed=only_changed,
        )
        report = ingest(
            paths,
            store,
            published=published,
            min_confidence=min_confidence,
            progress=progress,
            documents=reader.documents(urls),
            **extraction,
        )
    return IngestResult(report, reader.report, fetcher.stats)


def extract_urls(
    urls: Iterable[str],
    *,
    web: WebOptions | None = None,
    published: str | None = None,
    min_confidence: float = 0.0,
) -> tuple[Iterator[FactsDocument], WebReport, Fetcher]:
    """``kg extract URL``: facts documents streamed, the report filled as they come (close the fetcher)."""
    web = web or WebOptions()
    fetcher = Fetcher(web.policy, PageCache(web.cache))
    reader = WebReader(fetcher, published=published, min_confidence=min_confidence, strict=web.strict)
    return reader.documents(urls), reader.report, fetcher


def watch(
    feeds: list[str],
    open_store: Callable[[], Store],
    *,
    every: float,
    web: WebOptions | None = None,
    rounds: int | None = None,
    published: str | None = None,
    min_confidence: float = 0.0,
    echo: Callable[[str], None] = print,
    warn: Callable[[str], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Re-read ``feeds`` every ``every`` seconds and ingest new or changed articles; one line per round.

    ``echo`` gets the round lines, ``warn`` (default: ``echo``) which pages failed and why.

    The store is opened for each round only, so readers (``kg serve``) see each round's
    articles as soon as it ends. Returns the number of rounds run (Ctrl+C ends it between
    or inside rounds; a round cut short writes nothing).
    """
    done = 0
    while rounds is None or done < rounds:
        started = time.monotonic()
        with open_store() as store:
            result = ingest_inputs(
                feeds, store, web=web, published=published, min_confidence=min_confidence, only_changed=True
            )
        done += 1
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%SZ")
        assert result.web is not None
        echo(f"{stamp} round {done}: {result.web.round_line()}")
        for line in result.web.failure_lines(limit=5)[1:]:
            (warn or echo)(line)
        if rounds is not None and done >= rounds:
            break
        sleep(max(0.0, every - (time.monotonic() - started)))
    return done
