"""``kg serve``'s explorer: pages over HTTP from a real server process, and one walk in Chromium."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.explore import article_text, highlight, page_url
from tests.conftest import free_port, stop_process, wait_until_answering

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("kg-explore")]

PAYLOAD = "<img src=x onerror=alert(1)>"
#: Invented article: names and wording made up for this test.
TEXT = (
    "Quillfeather Robotics raises money\n\n"
    "Marlow Peaks Fund put $12m into Quillfeather Robotics in March 2024. "
    "<img src=x onerror=alert(2)> bought a stake too. "
    "Odessa Vantreight runs Quillfeather as its <i>chief</i>.\n"
)
EVIDENCE = [
    "Marlow Peaks Fund put $12m into Quillfeather Robotics in March 2024.",
    "<img src=x onerror=alert(2)> bought a stake too.",
    "Odessa Vantreight runs Quillfeather as its <i>chief</i>.",
]
HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def _evidence(sentence: str) -> dict:
    start = TEXT.index(sentence)
    return {"start": start, "end": start + len(sentence), "text": sentence}


def write_article(folder: Path) -> Path:
    """The article file and its facts file (as `kg extract` would write it, with the file's sha256)."""
    article = folder / "quill.txt"
    article.write_bytes(TEXT.encode("utf-8"))
    doc = {
        "schema": "kg-facts/1",
        "article": {
            "id": "quill",
            "source": str(article),
            "sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
            "title": "Quillfeather </title><script>alert(3)</script> raises money",
            "published": "2024-03-20",
        },
        "entities": [
            {"id": "q", "name": "Quillfeather Robotics", "type": "Organization", "aliases": ["Quillfeather"]},
            {"id": "m", "name": "Marlow Peaks Fund", "type": "Organization", "aliases": []},
            {"id": "e", "name": PAYLOAD, "type": "Organization", "aliases": []},
            {"id": "o", "name": "Odessa Vantreight", "type": "Person", "aliases": []},
        ],
        "facts": [
            {
                "type": "investment",
                "investor": "m",
                "investee": "q",
                "amount": 12000000,
                "currency": "USD",
                "date": "2024-03",
                "status": "completed",
                "evidence": _evidence(EVIDENCE[0]),
                "confidence": 0.9,
            },
            {"type": "investment", "investor": "e", "investee": "q", "evidence": _evidence(EVIDENCE[1])},
            {
                "type": "role",
                "person": "o",
                "organization": "q",
                "title": "<i>chief</i>",
                "current": True,
                "evidence": _evidence(EVIDENCE[2]),
            },
        ],
    }
    facts = folder / "quill.facts.json"
    facts.write_text(json.dumps(doc), encoding="utf-8")
    return facts


@contextlib.contextmanager
def kg_serve(store: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from kg.cli import main; main()",
            "serve",
            "--store",
            str(store),
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(f"{base}/query?query=ASK%7B%7D", process)
        yield base
    finally:
        stop_process(process)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("explore")
    result = CliRunner().invoke(cli, ["ingest", str(write_article(folder)), "--store", str(folder / "store")])
    assert result.exit_code == 0, result.output
    with kg_serve(folder / "store") as base:
        yield base


def get(base: str, path: str, **params: str) -> httpx.Response:
    response = httpx.get(base + path, params=params or None, headers=HTML, timeout=30)
    assert response.headers["content-type"].startswith("text/html")
    return response


def text_of(html: str) -> str:
    """What a reader sees: tags dropped, entities decoded."""
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", "", html))


def assert_safe(html: str) -> None:
    """No payload as markup, nothing loaded from elsewhere, only the page's own nonce'd script."""
    for raw in ("<img src=x", "<script>alert", "<i>chief", "</title><script>"):
        assert raw not in html
    assert not re.search(r"""(src|href|action)\s*=\s*["']?\s*(https?:|javascript:)?//""", html, re.I)
    assert all("nonce=" in tag for tag in re.findall(r"<script[^>]*>", html))


def test_home_counts_and_named_queries(site: str) -> None:
    page = get(site, "/")
    assert page.status_code == 200
    assert "default-src 'none'" in page.headers["content-security-policy"]
    text = text_of(page.text)
    assert "1 article, 4 entities, 3 facts." in text
    assert re.search(r"Organization\s*3", text) and re.search(r"Person\s*1", text)
    for name in ("acquisitions", "investors-of", "top-investors", "people-roles"):
        assert f'href="/query?name={name}"' in page.text
    assert 'href="/id/article/quill"' in page.text
    assert_safe(page.text)


def test_search_finds_by_name_and_alias_and_links_entity_pages(site: str) -> None:
    page = get(site, "/search", q="quillfeather")
    assert re.findall(r'<td><a href="(/id/[^"]+)">([^<]+)</a>', page.text) == [
        ("/id/org/quillfeather-robotics", "Quillfeather Robotics")
    ]
    assert "Quillfeather Robotics" in text_of(page.text)  # the headline matches too (an article)
    payload = get(site, "/search", q="<img")
    assert "/id/org/" in payload.text and "&lt;img src=x onerror=alert(1)&gt;" in payload.text
    assert_safe(payload.text)


def test_entity_page_has_facts_neighbourhood_and_timeline(site: str) -> None:
    page = get(site, "/id/org/quillfeather-robotics")
    assert page.status_code == 200
    text = text_of(page.text)
    assert "USD 12m" in text and "\u201c" not in text  # amounts; evidence is in blockquotes
    for sentence in EVIDENCE:
        assert sentence in text  # every evidence sentence, as text
    assert "source: Quillfeather </title><script>alert(3)</script> raises money" in text
    svg = re.search(r'<svg class="graph" id="neighbourhood".*?</svg>', page.text, re.S).group(0)
    assert len(re.findall(r"<a href=\"/id/", svg)) == 3  # Marlow Peaks Fund, the payload, Odessa Vantreight
    timeline = re.search(r'<ol class="timeline" id="timeline">(.*?)</ol>', page.text, re.S).group(1)
    assert "2024-03" in timeline and "USD 12m" in timeline
    assert_safe(page.text)
    missing = get(site, "/id/org/nobody-at-all")
    assert missing.status_code == 404 and "nothing in the store" in missing.text


def test_article_page_marks_the_evidence_in_the_text(site: str) -> None:
    page = get(site, "/id/article/quill")
    assert page.status_code == 200
    marks = [text_of(m) for m in re.findall(r"<mark [^>]*>(.*?)<sup>", page.text, re.S)]
    assert sorted(marks) == sorted(EVIDENCE)
    assert "Quillfeather Robotics raises money" in text_of(page.text)
    assert 'href="/id/person/odessa-vantreight"' in page.text
    assert_safe(page.text)


def test_query_page_runs_named_queries_links_iris_and_downloads(site: str) -> None:
    page = get(site, "/query", name="investors-of", org="Quillfeather")
    assert page.status_code == 200
    assert '<input name="org" value="Quillfeather" required>' in page.text
    rows = re.findall(
        r"<tr>(.*?)</tr>", re.search(r'<table id="results">(.*?)</table>', page.text, re.S).group(1)
    )
    assert len(rows) == 3  # the header and two investors
    csv_link = re.search(r'href="(/query\?name=investors-of&amp;org=Quillfeather&amp;format=csv)"', page.text)
    download = httpx.get(site + csv_link.group(1).replace("&amp;", "&"), timeout=30)
    assert download.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(download.text)))
    assert sorted(r["investor"] for r in table) == sorted(["Marlow Peaks Fund", PAYLOAD])
    as_json = httpx.get(
        site + "/query", params={"name": "investors-of", "org": "Quillfeather", "format": "json"}
    )
    assert len(as_json.json()["results"]["bindings"]) == 2
    linked = get(site, "/query", query="SELECT ?e WHERE { ?e a kgo:Person }")
    assert '<a href="/id/person/odessa-vantreight">kgperson:odessa-vantreight</a>' in linked.text
    unknown = httpx.get(site + "/query", params={"name": "no-such-query"}, timeout=30)
    assert unknown.status_code == 400 and "no named query" in unknown.text
    # programs still get the protocol at the same URL
    program = httpx.get(site + "/query", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    assert program.json() == {"head": {}, "boolean": True}
    assert_safe(page.text)


def test_graph_page_of_the_store_and_of_one_entity(site: str) -> None:
    entity = get(site, "/id/org/quillfeather-robotics")
    link = re.search(r'<a id="graph-link" href="([^"]+)"', entity.text).group(1).replace("&amp;", "&")
    page = get(site, link)
    assert page.status_code == 200
    assert (
        "<title>Quillfeather Robotics and entities within 2 hops \u2014 kg entity graph</title>" in page.text
    )
    assert (
        "Content-Security-Policy" in page.text and "<img src=x" not in page.text
    )  # the page's own CSP, data escaped
    whole = get(site, "/graph")
    assert "<title>kg entity graph</title>" in whole.text and "4 entities" in whole.text
    missing = get(site, "/graph", focus="Nobody Anywhere")
    assert missing.status_code == 404 and "no entity named" in missing.text


def test_article_text_is_read_only_when_the_file_is_the_one_ingested(tmp_path: Path) -> None:
    other = tmp_path / "secret.txt"
    other.write_text("not an article", encoding="utf-8")
    text, why = article_text(str(other), hashlib.sha256(b"something else").hexdigest(), tmp_path / "store")
    assert text is None and "changed since it was ingested" in why
    assert article_text(str(other), None, tmp_path)[0] is None
    assert article_text("/nowhere/at/all.txt", "00", tmp_path)[1].endswith("is not readable from here")


def test_highlight_cuts_overlapping_evidence_into_segments() -> None:
    from kg.explore import FactView

    facts = [FactView("f1", spans=[(0, 5)]), FactView("f2", spans=[(3, 8)]), FactView("f3", evidence=["xyz"])]
    assert highlight("abcdefghij xyz", facts) == [
        ("abc", [1]),
        ("de", [1, 2]),
        ("fgh", [2]),
        ("ij ", []),
        ("xyz", [3]),
    ]
    # offsets that belong to another article's text (a fact two articles state) are not used here
    shared = FactView("f4", evidence=["ghij", "Other text."], spans=[(0, 4), (6, 10)])
    assert highlight("abcdefghij", [shared]) == [("abcdef", []), ("ghij", [1])]


def test_page_urls_only_for_kg_iris() -> None:
    assert page_url("https://w3id.org/kg-news/id/org/acme") == "/id/org/acme"
    assert page_url("https://example.org/x") is None
    assert (
        page_url("https://w3id.org/kg-news/id/a b?c")
        == "/resource?iri=https%3A%2F%2Fw3id.org%2Fkg-news%2Fid%2Fa+b%3Fc"
    )


@pytest.mark.browser
def test_a_reader_walks_from_search_to_an_article_and_runs_a_query(site: str) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("needs a chromium binary (CI installs one)")
    sync_api = pytest.importorskip("playwright.sync_api")
    outside: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.add_init_script(
                "window.alert = (m) => { window.__alerts = (window.__alerts || []).concat([m]); };"
            )
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("pageerror", lambda e: errors.append(str(e)))

            def only_local(route) -> None:
                if route.request.url.startswith(site):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            page.route("**/*", only_local)
            page.goto(site + "/")
            # keyboard only: type in the header's search box, Enter, Tab to the first hit, Enter
            page.get_by_label("Search entities").fill("quill")
            page.keyboard.press("Enter")
            page.wait_for_url("**/search?q=quill")
            page.get_by_role("link", name="Quillfeather Robotics", exact=True).focus()
            page.keyboard.press("Enter")
            page.wait_for_url("**/id/org/quillfeather-robotics")
            assert page.locator("#timeline li").count() == 1
            assert page.locator("#neighbourhood a").count() == 3
            page.locator("#facts .sources a").first.click()
            page.wait_for_url("**/id/article/quill")
            assert page.locator("#article-text mark").count() == 3
            assert (
                page.title()
                == "Quillfeather </title><script>alert(3)</script> raises money \u00b7 kg explorer"
            )
            page.goto(site + "/query")
            page.fill(
                "#query", "SELECT ?name WHERE { ?e a kgo:Organization ; rdfs:label ?name } ORDER BY ?name"
            )
            page.click("#form button[type=submit]")
            page.wait_for_selector("#results td")
            names = page.locator("#results td").all_inner_texts()
            assert names == [PAYLOAD, "Marlow Peaks Fund", "Quillfeather Robotics"]
            assert page.inner_text("#status") == "3 rows"
            page.fill("#query", "SELECT ?x WHERE { ?x ")
            page.focus("#query")
            page.keyboard.press("Control+Enter")
            page.wait_for_selector("#status.error")
            assert page.inner_text("#status").startswith("HTTP 400: invalid SPARQL query")
            assert page.evaluate(
                "() => window.__alerts === undefined && document.querySelectorAll('img').length === 0"
            )
        finally:
            browser.close()
    assert outside == [] and dialogs == [] and errors == []
