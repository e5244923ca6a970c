"""URLs and feeds as input: a local news site on 127.0.0.1 (tests/newsite.py), never any other address."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from newsite import ARTICLE_ONE, ARTICLE_TWO_CHANGED, NewsSite

from kg.cli import cli
from kg.fetch import Fetcher, FetchError, FetchPolicy, Page, PageCache, canonical_url
from kg.store import OxigraphStore
from kg.web import (
    WebOptions,
    WebReader,
    article_id,
    feed_links,
    page_kind,
    parse_interval,
    sitemap_links,
    watch,
)

FAST = ["--delay", "0", "--timeout", "1", "--max-bytes", "200000"]


@pytest.fixture(scope="module")
def site():
    running = NewsSite().start()
    yield running
    running.stop()


@pytest.fixture()
def fresh_site():
    running = NewsSite().start()
    yield running
    running.stop()


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def articles(store: Path) -> dict[str, tuple[str, str | None]]:
    """article source URL -> (id, published) in the store."""
    with OxigraphStore(store, create=False) as source:
        rows = source.query(
            "SELECT ?id ?src ?date WHERE { ?a a kgo:Article ; schema:identifier ?id ; kgo:source ?src . "
            "OPTIONAL { ?a schema:datePublished ?date } }"
        ).rows
    return {str(src): (str(i), str(d) if d is not None else None) for i, src, d in rows}


def test_feed_ingest_lands_allowed_articles_reports_the_rest_then_reruns_from_cache(
    fresh_site: NewsSite, tmp_path: Path
):
    site, store = fresh_site, tmp_path / "store"
    feeds = [f"{site.base}/feed.rss", f"{site.base}/feed.atom"]
    first = run("ingest", *feeds, "--store", str(store), *FAST)
    assert first.exit_code == 0, first.output
    landed = articles(store)
    base = site.base
    # three layouts; dates from the page (meta, <time>) and, for the bare page, from the feed
    assert {src: date for src, (_, date) in landed.items()} == {
        f"{base}/news/one.html": "2026-03-02",
        f"{base}/news/two.html": "2026-03-05",
        f"{base}/news/three.html": "2026-03-07",
    }
    assert landed[f"{base}/news/one.html"][0] == article_id(f"{base}/news/one.html")
    out = first.output
    assert "5 of 8 failed:" in out
    for path, reason in [
        ("/private/memo.html", "forbidden by robots.txt"),
        ("/missing.html", "HTTP 404"),
        ("/files/brochure.pdf", "not an article or feed (content type application/pdf)"),
        ("/slow.html", "timed out after 1 s"),
        ("/huge.html", "too large (more than 200,000 bytes)"),
    ]:
        assert f"{base}{path}: {reason}" in out
    assert not any(p.startswith("/private/") for p, _, _ in site.log), "robots.txt was not obeyed"
    assert {agent for _, _, agent in site.log} == {FetchPolicy().user_agent}
    assert FetchPolicy().user_agent.startswith("kg/")
    assert "3 extracted, 0 from the cache" in out
    assert (store / "fetch-cache").is_dir()

    # a re-run downloads no article again (304s) and extracts nothing
    triples = OxigraphStore(store, create=False).triple_count()
    site.log.clear()
    again = run("ingest", *feeds, "--store", str(store), *FAST)
    assert again.exit_code == 0, again.output
    assert site.downloads("/news/") == []
    assert sum(1 for p, status, _ in site.log if status == 304 and p.startswith("/news/")) == 3
    assert "0 extracted, 3 from the cache" in again.output
    assert "(0 new, 0 changed, 3 unchanged)" in again.output
    assert OxigraphStore(store, create=False).triple_count() == triples

    # a new menu around the same article is downloaded but is no change: nothing re-extracted
    site.set_page(
        "/news/one.html", "text/html", ARTICLE_ONE.replace("Markets</a>", "Markets</a> <a>Podcasts</a>")
    )
    site.log.clear()
    menu = run("ingest", *feeds, "--store", str(store), *FAST)
    assert site.downloads("/news/") == ["/news/one.html"]
    assert "0 extracted, 3 from the cache" in menu.output and "(0 new, 0 changed, 3 unchanged)" in menu.output

    # a changed article is downloaded and re-extracted, the others are not
    site.set_page("/news/two.html", "text/html", ARTICLE_TWO_CHANGED)
    site.log.clear()
    changed = run("ingest", *feeds, "--store", str(store), *FAST)
    assert site.downloads("/news/") == ["/news/two.html"]
    assert "1 extracted, 2 from the cache" in changed.output
    assert "(0 new, 1 changed, 2 unchanged)" in changed.output
    with OxigraphStore(store, create=False) as source:
        amounts = {int(r[0].toPython()) for r in source.query("SELECT ?x WHERE { ?f kgo:amount ?x }").rows}
    assert 91_000_000 in amounts and 85_000_000 not in amounts


def test_strict_writes_nothing_when_one_page_fails(site: NewsSite, tmp_path: Path):
    store = tmp_path / "store"
    result = run("ingest", f"{site.base}/feed.rss", "--store", str(store), "--strict", *FAST)
    assert result.exit_code == 2
    assert "Error: " in result.output and "--strict: nothing was written" in result.output
    assert "Traceback" not in result.output
    with OxigraphStore(store, create=True) as source:
        assert source.triple_count() == 0
    # the same without a failing page lands
    ok = run("ingest", f"{site.base}/feed.atom", "--store", str(store), "--strict", *FAST)
    assert ok.exit_code == 0, ok.output
    assert len(articles(store)) == 2


def test_all_inputs_failing_exits_1(site: NewsSite, tmp_path: Path):
    result = run("ingest", f"{site.base}/missing.html", "--store", str(tmp_path / "s"), *FAST)
    assert result.exit_code == 1
    assert "1 of 1 failed:" in result.output and "HTTP 404" in result.output


def test_extract_reads_a_sitemap_and_a_page(site: NewsSite, tmp_path: Path):
    out = tmp_path / "facts.jsonl"
    result = run(
        "extract", f"{site.base}/sitemap.xml", f"{site.base}/news/one.html", "-o", str(out),
        "--cache", str(tmp_path / "cache"), *FAST,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in out.read_text().splitlines()]
    assert [d["article"]["source"] for d in docs] == [
        f"{site.base}/news/three.html",
        f"{site.base}/news/one.html",
    ]
    assert docs[0]["article"]["published"] == "2026-03-07"  # the sitemap's lastmod: the page has none
    names = {e["name"] for e in docs[0]["entities"]}
    assert {"Fenwhistle Capital", "Ostrava Kite Labs"} <= names
    assert any(f["type"] == "investment" for f in docs[0]["facts"])


def test_watch_rounds_report_new_then_changed(fresh_site: NewsSite, tmp_path: Path):
    site, store = fresh_site, tmp_path / "store"
    lines: list[str] = []
    warnings: list[str] = []

    def between_rounds(seconds: float) -> None:
        assert 0 <= seconds <= 60
        site.set_page("/news/two.html", "text/html", ARTICLE_TWO_CHANGED)

    rounds = watch(
        [f"{site.base}/feed.atom", f"{site.base}/news/two.html", f"{site.base}/missing.html"],
        lambda: OxigraphStore(store, create=True),
        every=60,
        web=WebOptions(tmp_path / "cache", policy=FetchPolicy(delay=0, timeout=2)),
        rounds=2,
        echo=lines.append,
        warn=warnings.append,
        sleep=between_rounds,
    )
    assert rounds == 2 and len(lines) == 2
    assert lines[0].endswith("round 1: 3 new, 0 changed, 1 failed (0 unchanged)")
    assert lines[1].endswith("round 2: 0 new, 1 changed, 1 failed (2 unchanged)")
    assert warnings == [f"  {site.base}/missing.html: HTTP 404 Not Found"] * 2
    assert len(articles(store)) == 3


def test_watch_stops_cleanly_on_ctrl_c(site: NewsSite, tmp_path: Path):
    # warm the cache in this process (spaCy is loaded here already), so the child extracts nothing
    cache = str(tmp_path / "cache")
    run("ingest", f"{site.base}/feed.atom", "--store", str(tmp_path / "warm"), "--cache", cache, *FAST)
    env = {**os.environ, "KG_STORE": str(tmp_path / "store")}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import main; main()", "watch", f"{site.base}/feed.atom",
         "--every", "1h", "--delay", "0", "--cache", cache],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert proc.stdout is not None
    first = proc.stdout.readline()  # after round 1, it sleeps for an hour
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert "round 1: 2 new, 0 changed, 0 failed" in first
    assert proc.returncode == 0
    assert "stopped" in err and "Traceback" not in err


# ------------------------------------------------------------ the fetcher alone ---
def test_per_host_delay_and_crawl_delay(site: NewsSite):
    waits: list[float] = []
    with Fetcher(FetchPolicy(delay=5), sleep=waits.append) as fetcher:
        fetcher.get(f"{site.base}/news/one.html")
        fetcher.get(f"{site.base}/news/two.html")
    # robots.txt, one.html, two.html: two waits of (almost) the full delay
    assert len(waits) == 2 and all(4.5 < w <= 5 for w in waits)

    def robots_with_crawl_delay(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: kg\nCrawl-delay: 30\nDisallow: /drafts/\n")
        return httpx.Response(200, html="<p>Hello</p>")

    waits.clear()
    transport = httpx.MockTransport(robots_with_crawl_delay)
    with Fetcher(FetchPolicy(delay=1), transport=transport, sleep=waits.append) as fetcher:
        fetcher.get("http://127.0.0.1:9/a.html")
        fetcher.get("http://127.0.0.1:9/b.html")
        with pytest.raises(FetchError, match="forbidden by robots.txt"):
            fetcher.get("http://127.0.0.1:9/drafts/c.html")
    assert len(waits) == 2 and all(w > 29 for w in waits)


@pytest.mark.parametrize(("robots_status", "allowed"), [(404, True), (403, True), (500, False), (503, False)])
def test_robots_status_codes_follow_rfc_9309(robots_status: int, allowed: bool):
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(robots_status, text="")
        return httpx.Response(200, html="<p>Hi</p>")

    with Fetcher(FetchPolicy(delay=0), transport=httpx.MockTransport(handler)) as fetcher:
        assert fetcher.allowed("http://127.0.0.1:9/x.html") is allowed


def test_redirect_into_a_forbidden_path_is_refused_and_cache_survives_restart(tmp_path: Path):
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nDisallow: /private/\n")
        if request.url.path == "/go":
            return httpx.Response(302, headers={"Location": "/private/x.html"})
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(200, html="<p>Body</p>", headers={"ETag": '"v1"'})

    cache = PageCache(tmp_path)
    with Fetcher(FetchPolicy(delay=0), cache, transport=httpx.MockTransport(handler)) as fetcher:
        with pytest.raises(FetchError, match="robots"):
            fetcher.get("http://127.0.0.1:9/go")
        assert fetcher.get("http://127.0.0.1:9/page").not_modified is False
    with Fetcher(FetchPolicy(delay=0), cache, transport=httpx.MockTransport(handler)) as fetcher:
        page = fetcher.get("http://127.0.0.1:9/page")
    assert page.not_modified and page.body == b"<p>Body</p>" and fetcher.stats.downloaded == 0


@given(
    path=st.from_regex(r"/[a-z0-9/_.-]{0,40}", fullmatch=True),
    other=st.from_regex(r"/[a-z0-9/_.-]{0,40}", fullmatch=True),
)
def test_article_ids_are_stable_and_unique(path: str, other: str):
    url = f"http://News.Example.org:80{path}"
    same = f"http://news.example.org{path}?utm_source=feed#comments"
    assert canonical_url(url) == canonical_url(same)
    assert article_id(url) == article_id(same)
    assert len(article_id(url)) <= 92
    if canonical_url(f"http://news.example.org{other}") != canonical_url(same):
        assert article_id(f"http://news.example.org{other}") != article_id(url)


def test_parse_interval():
    assert [parse_interval(x) for x in ("15m", "90s", "2h", "1d", "5")] == [900, 90, 7200, 86400, 5]
    with pytest.raises(Exception, match="not an interval"):
        parse_interval("soon")


def test_watch_refuses_a_file_path(tmp_path: Path):
    result = CliRunner().invoke(cli, ["watch", "feed.xml", "--store", str(tmp_path / "s")])
    assert result.exit_code == 2 and "is not an http(s) URL" in result.output


def test_timeout_is_for_the_whole_response(tmp_path: Path):
    """A server that drips bytes never trips a read timeout; the whole-response limit must."""

    class Drip(httpx.SyncByteStream):
        def __iter__(self):
            for _ in range(100):
                time.sleep(0.05)
                yield b"<p>x</p>"

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, headers={"Content-Type": "text/html"}, stream=Drip())

    started = time.monotonic()
    with (
        Fetcher(FetchPolicy(delay=0, timeout=0.5), transport=httpx.MockTransport(handler)) as fetcher,
        pytest.raises(FetchError, match="timed out"),
    ):
        fetcher.get("http://127.0.0.1:9/drip.html")
    assert time.monotonic() - started < 2


def test_a_page_too_long_to_extract_is_a_failure_not_a_crash(site: NewsSite, monkeypatch):
    monkeypatch.setattr("kg.web.MAX_ARTICLE_CHARS", 100)  # spaCy's limit is 1,000,000 characters
    with Fetcher(FetchPolicy(delay=0)) as fetcher:
        reader = WebReader(fetcher)
        assert list(reader.documents([f"{site.base}/news/one.html"])) == []
    [(url, reason)] = reader.report.failures
    assert url.endswith("/news/one.html") and reason.startswith("too long to extract (")
    assert reason.endswith("characters; the limit is 100)")


@given(
    body=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(
            lambda t: f'<?xml version="1.0"?><rss><channel>{t}</channel></rss>'.encode()
        ),
        st.text(max_size=300).map(lambda t: f"<urlset><url><loc>{t}</loc></url></urlset>".encode()),
    ),
    content_type=st.sampled_from(
        ["application/rss+xml", "application/xml", "text/html", "application/atom+xml"]
    ),
)
def test_feed_and_sitemap_parsers_fail_only_with_fetch_errors(body: bytes, content_type: str):
    page = Page("http://127.0.0.1:9/f", "http://127.0.0.1:9/f", content_type, None, body)
    try:
        kind = page_kind(page)
        if kind == "feed":
            links = feed_links(page)
        elif kind == "sitemap":
            links = sitemap_links(
                page,
                Fetcher(FetchPolicy(delay=0), transport=httpx.MockTransport(lambda r: httpx.Response(404))),
            )
        else:
            links = []
    except FetchError:
        return
    assert all(link.url.startswith("http") for link in links)


def test_a_public_feed_cannot_send_kg_into_the_local_network():
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><link>http://127.0.0.1:9/admin</link></item>"
        "<item><link>http://intranet.corp/secret.html</link></item>"
        "<item><link>http://feeds.example/go</link></item>"
        "<item><link>http://feeds.example/story.html</link></item></channel></rss>"
    )

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if request.url.path == "/feed.rss":
            return httpx.Response(200, text=feed, headers={"Content-Type": "application/rss+xml"})
        if request.url.path == "/go":  # a public page redirecting into the LAN
            return httpx.Response(302, headers={"Location": "http://10.1.2.3/router"})
        return httpx.Response(200, html="<h1>Story</h1><p>Story text.</p>")

    addresses = {"feeds.example": ["93.184.215.14"], "intranet.corp": ["192.168.7.20"]}
    fetcher = Fetcher(
        FetchPolicy(delay=0), transport=httpx.MockTransport(handler), resolve=lambda host: addresses[host]
    )
    reader = WebReader(fetcher)
    with pytest.raises(FetchError, match="private address"):
        fetcher.get("http://feeds.example/go")
    fetched = []
    reader._article = lambda link, page, private_ok: fetched.append(
        fetcher.get(link.url, allow_private=private_ok)
    )  # type: ignore[method-assign]
    list(reader.documents(["http://feeds.example/feed.rss"]))
    refused = {url: reason for url, reason in reader.report.failures}
    assert set(refused) == {
        "http://127.0.0.1:9/admin",
        "http://intranet.corp/secret.html",
        "http://feeds.example/go",
    }
    assert all("private address" in reason for reason in refused.values())
    assert [p.url for p in fetched] == ["http://feeds.example/story.html"]
    # a feed the user runs on their own machine may link to its own pages
    assert fetcher.get("http://127.0.0.1:9/admin").body.startswith(b"<h1>")
    fetcher.close()


@given(rest=st.text(max_size=60))
def test_any_url_text_gives_an_id_or_one_fetch_error(rest: str):
    try:
        ident = article_id("http://" + rest)
    except FetchError as exc:
        assert str(exc).startswith("not a valid URL")
    else:
        assert ident and len(ident) <= 92 and "/" not in ident


def test_a_response_fresh_by_max_age_is_not_asked_for_again(tmp_path: Path):
    requests: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request.url.path)
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        control = "max-age=3600" if request.url.path == "/fresh.html" else "no-cache"
        return httpx.Response(200, html="<p>Body</p>", headers={"Cache-Control": control})

    cache = PageCache(tmp_path)
    for _ in range(2):
        with Fetcher(FetchPolicy(delay=0), cache, transport=httpx.MockTransport(handler)) as fetcher:
            fresh, stale = (
                fetcher.get("http://127.0.0.1:9/fresh.html"),
                fetcher.get("http://127.0.0.1:9/stale.html"),
            )
    assert fresh.not_modified and not stale.not_modified and fetcher.stats.fresh == 1
    assert [p for p in requests if p != "/robots.txt"] == ["/fresh.html", "/stale.html", "/stale.html"]
