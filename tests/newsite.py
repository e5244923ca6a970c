"""A small news site on 127.0.0.1 for the fetching tests: articles, feeds, robots.txt and bad pages.

Every name and sentence here is invented. The server answers ETag/If-None-Match with 304,
logs every request (path, status, user agent) and lets a test change a page's body.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Three layouts: <article> with OpenGraph time, div soup with <time>, bare paragraphs (date only in feeds).
ARTICLE_ONE = """<!doctype html><html><head><title>Quillfeather Robotics raises $12 million</title>
<meta property="article:published_time" content="2026-03-02T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/markets">Markets</a></nav>
<article><h1>Quillfeather Robotics raises $12 million</h1>
<p>Quillfeather Robotics, a maker of warehouse sorting arms based in Tarnwick, said on Monday it had raised
$12 million in a Series A round led by Brackenridge Ventures.</p>
<p>The company plans to hire forty engineers and open a second assembly line next year.</p>
<p>Brackenridge Ventures partner Odalys Venn will join the board of Quillfeather Robotics.</p>
</article><footer>Copyright The Tarnwick Ledger</footer></body></html>"""

ARTICLE_TWO = """<!doctype html><html><head><title>Marrowgate Foods buys Pellucid Dairy</title></head>
<body><div class="header"><div class="menu">Sections | Deals | Opinion</div></div>
<div class="story"><div class="headline"><h2>Marrowgate Foods buys Pellucid Dairy</h2></div>
<div class="byline">By Ines Threlkeld <time datetime="2026-03-05">5 March 2026</time></div>
<div class="story-body"><p>Marrowgate Foods has acquired Pellucid Dairy, a cheese producer from the
Vennmoor valley, for $85 million, the two companies announced on Thursday.</p>
<p>Pellucid Dairy will keep its brand and its plant in Vennmoor after the acquisition closes.</p></div>
</div><div class="related"><h3>Related</h3><ul><li><a href="/x">Other stories</a></li></ul></div></body></html>"""

ARTICLE_TWO_CHANGED = ARTICLE_TWO.replace("for $85 million", "for $91 million")

ARTICLE_THREE = """<html><body>
<h1>Ostrava Kite Labs lands backing from Fenwhistle Capital</h1>
<p>Fenwhistle Capital has invested $4 million in Ostrava Kite Labs, a designer of cargo drones.</p>
<p>Ostrava Kite Labs was founded by Mirela Sokk and will use the money to certify its first aircraft.</p>
</body></html>"""

BROKEN = ["/private/memo.html", "/missing.html", "/files/brochure.pdf", "/slow.html", "/huge.html"]


def rss(base: str) -> str:
    items = [
        ("/news/one.html", "Mon, 02 Mar 2026 09:00:00 GMT"),
        ("/news/two.html", "Thu, 05 Mar 2026 10:00:00 GMT"),
        *((path, "Fri, 06 Mar 2026 08:00:00 GMT") for path in BROKEN),
    ]
    body = "".join(
        f"<item><title>{p}</title><link>{base}{p}</link><pubDate>{d}</pubDate></item>" for p, d in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tarnwick Ledger</title>'
        f"<link>{base}/</link><description>Deals</description>{body}</channel></rss>"
    )


def atom(base: str) -> str:
    entries = [("/news/three.html", "2026-03-07T07:30:00Z"), ("/news/one.html", "2026-03-02T09:00:00Z")]
    body = "".join(
        f'<entry><title>{p}</title><id>{base}{p}</id><link rel="alternate" href="{base}{p}"/>'
        f"<updated>{d}</updated><published>{d}</published></entry>"
        for p, d in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Tarnwick Ledger</title><id>{base}/</id><updated>2026-03-07T07:30:00Z</updated>{body}</feed>"
    )


def sitemap(base: str) -> str:
    urls = "".join(
        f"<url><loc>{base}{p}</loc><lastmod>2026-03-07</lastmod></url>" for p in ["/news/three.html"]
    )
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


class NewsSite:
    """The site's content and request log; ``start()`` serves it on 127.0.0.1 in a thread."""

    def __init__(self, huge_bytes: int = 3_000_000, slow_seconds: float = 3.0):
        self.pages: dict[str, tuple[str, bytes]] = {}
        self.log: list[tuple[str, int, str]] = []
        self.huge_bytes = huge_bytes
        self.slow_seconds = slow_seconds
        self._server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def set_page(self, path: str, content_type: str, body: str | bytes) -> None:
        self.pages[path] = (content_type, body.encode("utf-8") if isinstance(body, str) else body)

    def downloads(self, prefix: str = "/news/") -> list[str]:
        """Paths answered with a full body (200) under ``prefix``."""
        return [p for p, status, _ in self.log if status == 200 and p.startswith(prefix)]

    def start(self) -> NewsSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                pass

            def _send(self, status: int, content_type: str, body: bytes, *, length: bool = True) -> None:
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if status == 200 and self.headers.get("If-None-Match") == etag:
                    status, body = 304, b""
                site.log.append((self.path, status, self.headers.get("User-Agent", "")))
                self.send_response(status)
                if status in (200, 304):
                    self.send_header("ETag", etag)
                if status != 304:
                    self.send_header("Content-Type", content_type)
                    if length:
                        self.send_header("Content-Length", str(len(body)))
                    else:
                        self.send_header("Connection", "close")
                self.end_headers()
                if status != 304:
                    # the client may have given up (timeout test)
                    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                        self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                path = self.path
                if path == "/slow.html":
                    time.sleep(site.slow_seconds)
                    self._send(200, "text/html", b"<html><body><p>Too late.</p></body></html>")
                elif path == "/huge.html":  # no Content-Length: the cap must hold while reading
                    site.log.append((path, 200, self.headers.get("User-Agent", "")))
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    chunk = b"<p>" + b"filler words " * 5000 + b"</p>"
                    try:
                        for _ in range(site.huge_bytes // len(chunk) + 1):
                            self.wfile.write(chunk)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    self.close_connection = True
                elif path in site.pages:
                    content_type, body = site.pages[path]
                    self._send(200, content_type, body)
                else:
                    self._send(404, "text/html", b"<html><body>Not here</body></html>")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        base = self.base
        self.set_page("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\n")
        self.set_page("/news/one.html", "text/html; charset=utf-8", ARTICLE_ONE)
        self.set_page("/news/two.html", "text/html", ARTICLE_TWO)
        self.set_page("/news/three.html", "text/html; charset=utf-8", ARTICLE_THREE)
        self.set_page("/private/memo.html", "text/html", "<html><body><p>Private.</p></body></html>")
        self.set_page("/files/brochure.pdf", "application/pdf", b"%PDF-1.4\x00\x01\x02binary")
        self.set_page("/feed.rss", "application/rss+xml", rss(base))
        self.set_page("/feed.atom", "application/atom+xml", atom(base))
        self.set_page("/sitemap.xml", "application/xml", sitemap(base))
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
