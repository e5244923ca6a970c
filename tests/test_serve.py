"""``kg serve``: the SPARQL 1.1 Protocol endpoint, run as a real process on a free 127.0.0.1 port."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.cli import cli
from kg.serve import accepted_media, choose_media, run_query
from kg.store import OxigraphStore
from tests.conftest import free_port, stop_process, wait_until_answering, write_two_articles

COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
ORGANIZATIONS = (
    "SELECT DISTINCT ?org ?name WHERE { ?org a kgo:Organization ; rdfs:label ?name } ORDER BY ?name"
)
ORG_GRAPH = "CONSTRUCT { ?org rdfs:label ?name } WHERE { ?org a kgo:Organization ; rdfs:label ?name }"
#: Five-way cross join of ~80 triples: billions of rows, far beyond a 2 s limit.
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o }"
MAX_RESULTS = 50
#: One worker runs these tests, so the module's server starts once under pytest-xdist.
pytestmark = pytest.mark.xdist_group("kg-serve")


def ok(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def stats_triples(store: Path) -> int:
    return json.loads(ok("stats", "--json", "--store", store))["triples"]


@contextlib.contextmanager
def kg_serve(store: Path, *options: str) -> Iterator[str]:
    """``kg serve`` in a subprocess; yields its base URL and always stops it."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from kg.cli import main; main()",
            "serve",
            "--store",
            str(store),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            *options,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(f"{base}/", process)
        yield base
    finally:
        stop_process(process)


@pytest.fixture(scope="session")  # session: stays up while xdist interleaves other modules
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A read-only ``kg serve`` over a store of two articles, 2 s time limit (room for a loaded CI machine), 50-row limit."""
    folder = tmp_path_factory.mktemp("served")
    store = folder / "store"
    ok("ingest", *write_two_articles(folder), "--store", store)
    with kg_serve(store, "--timeout", "2", "--max-results", str(MAX_RESULTS)) as base:
        yield base, store


def post_query(base: str, query: str, accept: str = "application/sparql-results+json") -> httpx.Response:
    return httpx.post(f"{base}/query", data={"query": query}, headers={"Accept": accept}, timeout=15)


def count_of(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


# -- acceptance ------------------------------------------------------------------------------
@pytest.mark.server
def test_count_over_the_protocol_equals_kg_stats(served: tuple[str, Path]) -> None:
    base, store = served
    # The curl: --data-urlencode 'query=…' with Accept: application/sparql-results+json
    assert count_of(post_query(base, COUNT_QUADS)) == stats_triples(store) > 0


@pytest.mark.server
def test_updates_are_refused_when_read_only_and_change_nothing(served: tuple[str, Path]) -> None:
    base, store = served
    before = stats_triples(store)
    insert = (
        "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/s> <https://example.org/p> 1 } }"
    )
    refused = httpx.post(f"{base}/update", data={"update": insert}, timeout=10)
    assert refused.status_code == 403
    assert "read-only" in refused.text and "--allow-update" in refused.text
    as_body = httpx.post(
        f"{base}/update", content=insert, headers={"Content-Type": "application/sparql-update"}, timeout=10
    )
    assert as_body.status_code == 403
    as_query = post_query(base, insert)
    assert 400 <= as_query.status_code < 500
    assert count_of(post_query(base, COUNT_QUADS)) == stats_triples(store) == before


# -- protocol ---------------------------------------------------------------------------------
@pytest.mark.server
def test_get_and_sparqlwrapper_queries_answer_like_the_embedded_store(served: tuple[str, Path]) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    base, store = served
    with OxigraphStore(store, create=False) as local:
        expected = [(str(org), str(name)) for org, name in local.query(ORGANIZATIONS).rows]
    assert [name for _, name in expected] == ["Globex Corp", "Hooli", "Initech"]

    response = httpx.get(f"{base}/query", params={"query": ORGANIZATIONS}, timeout=10)
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert [
        (b["org"]["value"], b["name"]["value"]) for b in response.json()["results"]["bindings"]
    ] == expected

    client = SPARQLWrapper(f"{base}/query")
    client.setQuery(
        "PREFIX kgo: <https://w3id.org/kg-news/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + ORGANIZATIONS
    )
    client.setReturnFormat(JSON)
    for method in ("GET", "POST"):
        client.setMethod(method)
        bindings = client.query().convert()["results"]["bindings"]  # type: ignore[index]
        assert [(b["org"]["value"], b["name"]["value"]) for b in bindings] == expected

    direct = httpx.post(
        f"{base}/query",
        content=ORGANIZATIONS,
        headers={"Content-Type": "application/sparql-query"},
        timeout=10,
    )
    assert direct.json() == response.json()


@pytest.mark.server
@pytest.mark.parametrize(
    ("accept", "results_format"),
    [
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("text/csv", None),
    ],
)
def test_select_results_in_each_format(served: tuple[str, Path], accept: str, results_format) -> None:
    base, _ = served
    response = post_query(base, ORGANIZATIONS, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(accept)
    if results_format is None:  # CSV loses term types: compare the plain values
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == ["org", "name"]
        assert [r[1] for r in rows[1:]] == ["Globex Corp", "Hooli", "Initech"]
        return
    solutions = ox.parse_query_results(response.content, format=results_format)
    assert [s["name"].value for s in solutions] == ["Globex Corp", "Hooli", "Initech"]


@pytest.mark.server
@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_construct_results_in_each_format(served: tuple[str, Path], accept: str, rdflib_format: str) -> None:
    base, store = served
    response = post_query(base, ORG_GRAPH, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(accept)
    with OxigraphStore(store, create=False) as local:
        expected = local.query(ORG_GRAPH).graph
    assert expected is not None and len(expected) == 3
    assert isomorphic(Graph().parse(data=response.content, format=rdflib_format), expected)


@pytest.mark.server
def test_ask_format_parameter_and_unacceptable_types(served: tuple[str, Path]) -> None:
    base, _ = served
    assert post_query(base, "ASK { ?x a kgo:Investment }").json()["boolean"] is True
    xml = httpx.get(
        f"{base}/query", params={"query": "ASK { ?x a kgo:Acquisition }", "format": "xml"}, timeout=10
    )
    assert bool(ox.parse_query_results(xml.content, format=ox.QueryResultsFormat.XML)) is False
    refused = post_query(base, ORGANIZATIONS, "image/png")
    assert refused.status_code == 406
    assert "application/sparql-results+json" in refused.text
    default = post_query(base, ORG_GRAPH, "*/*")
    assert default.headers["content-type"].startswith("text/turtle")


@pytest.mark.server
def test_bad_requests_get_clear_4xx_messages(served: tuple[str, Path]) -> None:
    base, _ = served
    syntax = post_query(base, "SELECT ?x WHERE { ?x ")
    assert syntax.status_code == 400 and syntax.text.startswith("invalid SPARQL query")
    missing = httpx.get(f"{base}/query", timeout=10)
    assert missing.status_code == 400 and "missing query" in missing.text


# -- limits -----------------------------------------------------------------------------------
@pytest.mark.server
def test_an_over_long_query_is_cut_off_and_the_server_keeps_answering(served: tuple[str, Path]) -> None:
    base, store = served
    started = time.monotonic()
    response = post_query(base, CROSS_JOIN)
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "time limit of 2 s" in response.text
    assert 2 <= elapsed < 8
    # The worker that ran it was replaced; the pool answers the next queries.
    for _ in range(3):
        assert count_of(post_query(base, COUNT_QUADS)) == stats_triples(store)


@pytest.mark.server
def test_results_over_the_row_limit_are_refused_not_cut(served: tuple[str, Path]) -> None:
    base, store = served
    assert stats_triples(store) > MAX_RESULTS
    too_many = post_query(base, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert too_many.status_code == 400
    assert f"more than {MAX_RESULTS} rows" in too_many.text and "LIMIT" in too_many.text
    graph = post_query(base, "CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle")
    assert graph.status_code == 400 and f"more than {MAX_RESULTS} triples" in graph.text
    page = post_query(base, f"SELECT * WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} LIMIT {MAX_RESULTS}")
    assert len(page.json()["results"]["bindings"]) == MAX_RESULTS


# -- page, and writers beside the server -------------------------------------------------------
@pytest.mark.server
def test_query_page_works_offline(served: tuple[str, Path]) -> None:
    base, _ = served
    page = httpx.get(f"{base}/query", headers={"Accept": "text/html"}, timeout=10)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "<textarea" in html and 'action="/query"' in html
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.IGNORECASE)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", html)


@pytest.mark.server
def test_read_only_server_sees_articles_ingested_and_removed_while_it_runs(
    served: tuple[str, Path], tmp_path: Path
) -> None:
    base, store = served
    before = count_of(post_query(base, COUNT_QUADS))
    third = tmp_path / "third.facts.json"
    doc = json.loads((Path(__file__).parent / "data" / "small.facts.json").read_text(encoding="utf-8"))
    doc["article"]["id"] = "small-3"
    third.write_text(json.dumps(doc), encoding="utf-8")
    try:
        ok("ingest", third, "--store", store)  # the server holds no lock: kg ingest may write
        assert count_of(post_query(base, COUNT_QUADS)) == stats_triples(store) > before
    finally:
        ok("remove", "small-3", "--store", store)
    assert count_of(post_query(base, COUNT_QUADS)) == before


@pytest.mark.server
def test_updates_are_applied_with_allow_update(two_articles: tuple[Path, Path], store_dir: Path) -> None:
    ok("ingest", *two_articles, "--store", store_dir)
    before = stats_triples(store_dir)
    with kg_serve(store_dir, "--allow-update", "--workers", "1") as base:
        insert = 'INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/s> rdfs:label "x" } }'
        done = httpx.post(f"{base}/update", data={"update": insert}, timeout=10)
        assert done.status_code == 204, done.text
        assert count_of(post_query(base, COUNT_QUADS)) == before + 1
        bad = httpx.post(
            f"{base}/update",
            content="INSERT DATA {",
            timeout=10,
            headers={"Content-Type": "application/sparql-update"},
        )
        assert bad.status_code == 400 and "invalid SPARQL update" in bad.text
        dropped = httpx.post(
            f"{base}/update", data={"update": "DROP GRAPH <https://example.org/g>"}, timeout=10
        )
        assert dropped.status_code == 204
        assert count_of(post_query(base, COUNT_QUADS)) == before
        # every write is staged and switched in, so the server holds no lock between updates
        ok("ingest", two_articles[0], "--store", store_dir)
        assert count_of(post_query(base, COUNT_QUADS)) == before
    assert stats_triples(store_dir) == before


def test_serve_without_a_store_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert "Error: no kg store at" in result.output


# -- units --------------------------------------------------------------------------------------
def test_accept_header_is_ranked_by_quality_then_order() -> None:
    assert accepted_media("text/csv;q=0.5, application/sparql-results+xml, text/turtle;q=0.9") == [
        "application/sparql-results+xml",
        "text/turtle",
        "text/csv",
    ]
    assert accepted_media(None) == ["*/*"]
    assert accepted_media("text/csv;q=0") == ["*/*"]


def test_media_choice_handles_wildcards() -> None:
    offered = {"text/turtle": "TURTLE", "application/n-triples": "N_TRIPLES"}
    assert choose_media(["application/n-triples"], offered, "text/turtle") == "application/n-triples"
    assert choose_media(["*/*"], offered, "text/turtle") == "text/turtle"
    assert choose_media(["application/*"], offered, "text/turtle") == "application/n-triples"
    assert choose_media(["image/png"], offered, "text/turtle") is None


def test_run_query_keeps_literal_types_and_languages() -> None:
    store = ox.Store()
    s, p = ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p")
    graph = ox.NamedNode("https://example.org/g")
    for value in (
        ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ox.Literal("Köln", language="de"),
        ox.Literal("plain"),
        ox.BlankNode("b1"),
    ):
        store.add(ox.Quad(s, p, value, graph))
    answer = run_query(store, "SELECT ?o WHERE { ?s ?p ?o }", ["application/sparql-results+json"], 10)
    values = {json.dumps(b["o"], sort_keys=True) for b in json.loads(answer.body)["results"]["bindings"]}
    assert values == {
        json.dumps(v, sort_keys=True)
        for v in (
            {"type": "literal", "value": "7", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
            {"type": "literal", "value": "Köln", "xml:lang": "de"},
            {"type": "literal", "value": "plain"},
            {"type": "bnode", "value": "b1"},
        )
    }
    assert run_query(store, "SELECT ?o WHERE { ?s ?p ?o }", ["*/*"], 3).status == 400
    empty = run_query(store, "SELECT ?o WHERE { ?s ?p ?o } LIMIT 0", ["text/csv"], 3)
    assert empty.status == 200 and empty.body.strip() == b"o"


def test_cors_is_off_by_default_and_on_with_the_flag(
    two_articles: tuple[Path, Path], store_dir: Path
) -> None:
    from starlette.testclient import TestClient

    from kg.serve import ServeConfig, create_app

    ok("ingest", two_articles[0], "--store", store_dir)
    preflight = {"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST"}
    # No `with`: the lifespan (worker processes) is not needed to answer a preflight.
    closed = TestClient(create_app(ServeConfig(store_dir))).options("/query", headers=preflight)
    assert "access-control-allow-origin" not in closed.headers
    opened = TestClient(create_app(ServeConfig(store_dir, cors=True))).options("/query", headers=preflight)
    assert opened.status_code == 200
    assert opened.headers["access-control-allow-origin"] == "*"
    writable = create_app(ServeConfig(store_dir, cors=True, allow_update=True))
    update_preflight = TestClient(writable).options("/update", headers=preflight)
    assert "access-control-allow-origin" not in update_preflight.headers  # --cors never covers updates


@pytest.mark.server
@pytest.mark.browser
def test_query_page_runs_a_query_and_shows_errors_in_a_browser(served: tuple[str, Path]) -> None:
    import shutil

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("needs a chromium binary (CI installs one)")
    base, _ = served
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page()

            def only_local(route) -> None:  # the page must not need the network
                if route.request.url.startswith(base):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            page.route("**/*", only_local)
            page.goto(f"{base}/query")
            page.fill("#query", ORGANIZATIONS)
            page.click("button[type=submit]")
            page.wait_for_selector("table td", timeout=10_000)
            assert [th.inner_text() for th in page.query_selector_all("th")] == ["org", "name"]
            names = [
                row.query_selector_all("td")[1].inner_text() for row in page.query_selector_all("tbody tr")
            ]
            assert names == ["Globex Corp", "Hooli", "Initech"]
            assert page.inner_text("#status").startswith("3 rows")
            page.fill("#query", "SELECT ?x WHERE { ?x ")
            page.keyboard.press("Control+Enter")
            page.wait_for_selector("#status.error", timeout=10_000)
            assert "HTTP 400: invalid SPARQL query" in page.inner_text("#status")
        finally:
            browser.close()
    assert outside == []
