"""The remote SPARQL 1.1 store: against a real Oxigraph server, and its HTTP edge cases with a mock transport."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.cli import cli
from kg.errors import QueryError, StoreError
from kg.store import OxigraphStore, open_store
from kg.store.remote import RemoteStore, default_update_endpoint

COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
ORGANIZATIONS = (
    "SELECT DISTINCT ?org ?name WHERE { ?org a kgo:Organization ; rdfs:label ?name } ORDER BY ?name"
)
FULL_ORGANIZATIONS = """
PREFIX kgo: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?org ?name WHERE { ?org a kgo:Organization ; rdfs:label ?name } ORDER BY ?name
"""


def run(*args: object) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def ok(*args: object) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture()
def embedded(two_articles: tuple[Path, Path], store_dir: Path) -> Path:
    ok("ingest", *two_articles, "--store", store_dir)
    return store_dir


# -- against a real Oxigraph server ----------------------------------------------------
@pytest.mark.server
def test_ingest_to_endpoint_then_named_query_gives_the_embedded_rows(
    oxigraph_server: str, two_articles: tuple[Path, Path], embedded: Path
) -> None:
    endpoint = f"{oxigraph_server}/query"
    summary = ok(
        "ingest", *two_articles, "--endpoint", endpoint, "--update-endpoint", f"{oxigraph_server}/update"
    )
    assert "ingested 2 article(s)" in summary
    remote_rows = json.loads(ok("query", "investments", "--format", "json", "--endpoint", endpoint))
    local_rows = json.loads(ok("query", "investments", "--format", "json", "--store", embedded))
    assert {row["investor"] for row in local_rows} == {"Globex Corp", "Hooli"}
    assert sorted(map(json.dumps, remote_rows)) == sorted(map(json.dumps, local_rows))
    remote_stats = json.loads(ok("stats", "--json", "--endpoint", endpoint))
    assert remote_stats == json.loads(ok("stats", "--json", "--store", embedded))


@pytest.mark.server
def test_seed_articles_ingested_to_endpoint_give_the_embedded_investments(
    oxigraph_server: str, store_dir: Path, nlp: object
) -> None:
    from tests.conftest import SEED

    endpoint = f"{oxigraph_server}/query"
    ok("ingest", SEED.parent, "--store", store_dir)
    ok("ingest", SEED.parent, "--endpoint", endpoint)
    local_rows = json.loads(ok("query", "investments", "--format", "json", "--store", store_dir))
    remote_rows = json.loads(ok("query", "investments", "--format", "json", "--endpoint", endpoint))
    assert local_rows, "the seed article has investments"
    # Same rows; rows that tie on the query's ORDER BY may come in either order.
    assert sorted(map(json.dumps, remote_rows)) == sorted(map(json.dumps, local_rows))


@pytest.mark.server
def test_update_endpoint_defaults_to_the_query_endpoints_sibling(
    oxigraph_server: str, two_articles: tuple[Path, Path], embedded: Path
) -> None:
    ok("ingest", *two_articles, "--endpoint", f"{oxigraph_server}/query")
    with open_store(endpoint=f"{oxigraph_server}/query") as remote, OxigraphStore(embedded) as local:
        assert remote.triple_count() == local.triple_count() > 0
        assert remote.graph_names() == local.graph_names()


@pytest.mark.server
def test_graph_store_protocol_writes_the_same_graphs_as_updates(
    oxigraph_server: str, two_articles: tuple[Path, Path], embedded: Path
) -> None:
    ok(
        "ingest",
        *two_articles,
        "--endpoint",
        f"{oxigraph_server}/query",
        "--graph-store",
        f"{oxigraph_server}/store",
    )
    # Re-ingesting through the Graph Store replaces the graphs instead of adding to them.
    ok(
        "ingest",
        *two_articles,
        "--endpoint",
        f"{oxigraph_server}/query",
        "--graph-store",
        f"{oxigraph_server}/store",
    )
    remote_quads = ok("export", "--format", "nquads", "--endpoint", f"{oxigraph_server}/query")
    local_quads = ok("export", "--format", "nquads", "--store", embedded)
    assert sorted(remote_quads.splitlines()) == sorted(local_quads.splitlines())


@pytest.mark.server
def test_export_turtle_from_endpoint_is_isomorphic_to_the_embedded_export(
    oxigraph_server: str, embedded: Path
) -> None:
    ok("push", "--store", embedded, "--endpoint", f"{oxigraph_server}/query")
    remote = Graph().parse(
        data=ok("export", "--format", "turtle", "--endpoint", f"{oxigraph_server}/query"), format="turtle"
    )
    local = Graph().parse(data=ok("export", "--format", "turtle", "--store", embedded), format="turtle")
    assert len(local) > 0
    assert isomorphic(remote, local)


@pytest.mark.server
def test_sparqlwrapper_and_plain_http_get_the_embedded_answers(oxigraph_server: str, embedded: Path) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    ok("push", "--store", embedded, "--endpoint", f"{oxigraph_server}/query")
    with OxigraphStore(embedded) as local:
        expected = [(str(org), str(name)) for org, name in local.query(ORGANIZATIONS).rows]
        expected_count = local.triple_count()
    assert [name for _, name in expected] == ["Globex Corp", "Hooli", "Initech"]

    client = SPARQLWrapper(f"{oxigraph_server}/query")
    client.setQuery(FULL_ORGANIZATIONS)
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]  # type: ignore[index]
    assert [(b["org"]["value"], b["name"]["value"]) for b in bindings] == expected

    response = httpx.post(
        f"{oxigraph_server}/query",
        data={"query": COUNT_QUADS},
        headers={"Accept": "application/sparql-results+json"},
        timeout=10,
    )
    response.raise_for_status()
    assert int(response.json()["results"]["bindings"][0]["n"]["value"]) == expected_count


@pytest.mark.server
def test_remote_query_results_are_rdflib_terms_like_the_embedded_ones(
    oxigraph_server: str, embedded: Path
) -> None:
    ok("push", "--store", embedded, "--endpoint", f"{oxigraph_server}/query")
    queries = [
        "SELECT ?a ?amount ?date WHERE { ?a kgo:amount ?amount OPTIONAL { ?a kgo:date ?date } } ORDER BY ?amount",
        "ASK { ?x a kgo:Investment }",
        "ASK { ?x a kgo:Acquisition }",
    ]
    with RemoteStore(f"{oxigraph_server}/query") as remote, OxigraphStore(embedded) as local:
        for sparql in queries:
            assert remote.query(sparql) == local.query(sparql), sparql
        construct = "CONSTRUCT { ?o rdfs:label ?n } WHERE { ?o a kgo:Organization ; rdfs:label ?n }"
        remote_graph, local_graph = remote.query(construct).graph, local.query(construct).graph
        assert remote_graph is not None and local_graph is not None
        assert len(local_graph) == 3
        assert isomorphic(remote_graph, local_graph)


@pytest.mark.server
def test_server_syntax_error_is_a_query_error_with_the_servers_message(oxigraph_server: str) -> None:
    with (
        RemoteStore(f"{oxigraph_server}/query") as remote,
        pytest.raises(QueryError, match="rejected the query"),
    ):
        remote.query("SELECT ?x WHERE { ?x ")
    result = run("query", "SELECT ?x WHERE { ?x ", "--endpoint", f"{oxigraph_server}/query")
    assert result.exit_code == 2
    assert result.output.startswith("Error: ") and "Traceback" not in result.output


# -- HTTP edge cases, no server needed ----------------------------------------------------
def test_connection_refused_is_a_store_error_that_names_the_url() -> None:
    from tests.conftest import free_port

    url = f"http://127.0.0.1:{free_port()}/query"
    with (
        RemoteStore(url, timeout=2) as remote,
        pytest.raises(StoreError, match="cannot reach .*is the SPARQL server running"),
    ):
        remote.query("ASK {}")
    result = run("stats", "--endpoint", url)
    assert result.exit_code == 2
    assert f"Error: cannot reach {url}" in result.output


def test_timeout_is_a_store_error_that_gives_the_limit() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    remote = RemoteStore("http://127.0.0.1:9/query", timeout=3, transport=httpx.MockTransport(slow))
    with pytest.raises(StoreError, match="did not answer the query within 3 s"):
        remote.query("ASK {}")


@pytest.mark.parametrize(
    ("status", "error", "message"),
    [
        (400, QueryError, "rejected the query: bad syntax here"),
        (401, StoreError, "check --user/--password or --token"),
        (404, StoreError, "is it the right endpoint URL"),
        (500, StoreError, "HTTP 500"),
    ],
)
def test_http_errors_become_kg_errors(status: int, error: type[Exception], message: str) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, text="bad syntax here"))
    remote = RemoteStore("http://127.0.0.1:9/query", transport=transport)
    with pytest.raises(error, match=message):
        remote.query("ASK {}")


def _recording_transport(seen: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("/query"):
            return httpx.Response(
                200,
                json={"head": {}, "boolean": True},
                headers={"Content-Type": "application/sparql-results+json"},
            )
        return httpx.Response(204)

    return httpx.MockTransport(handler)


def test_basic_and_bearer_auth_headers_are_sent() -> None:
    seen: list[httpx.Request] = []
    RemoteStore(
        "http://127.0.0.1:9/query", user="ann", password="s3cret", transport=_recording_transport(seen)
    ).query("ASK {}")
    RemoteStore("http://127.0.0.1:9/query", token="tok123", transport=_recording_transport(seen)).query(
        "ASK {}"
    )
    assert (
        seen[0].headers["Authorization"] == "Basic " + __import__("base64").b64encode(b"ann:s3cret").decode()
    )
    assert seen[1].headers["Authorization"] == "Bearer tok123"


def test_queries_are_form_posts_with_kg_prefixes_and_updates_go_to_the_update_endpoint() -> None:
    seen: list[httpx.Request] = []
    remote = RemoteStore("http://127.0.0.1:9/ds/query", transport=_recording_transport(seen))
    assert remote.query("ASK { ?x a kgo:Investment }").boolean is True
    remote.replace_graphs([("https://w3id.org/kg-news/id/article/a1", "<x:s> <x:p> <x:o> .\n")])
    query_request, update_request = seen
    assert query_request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert "application/sparql-results+json" in query_request.headers["Accept"]
    form = dict(httpx.QueryParams(query_request.content.decode()))
    assert "PREFIX kgo: <https://w3id.org/kg-news/ontology#>" in form["query"]
    assert str(update_request.url) == "http://127.0.0.1:9/ds/update"
    update = dict(httpx.QueryParams(update_request.content.decode()))["update"]
    assert "DROP SILENT GRAPH <https://w3id.org/kg-news/id/article/a1>" in update
    assert "INSERT DATA { GRAPH <https://w3id.org/kg-news/id/article/a1>" in update


def test_graph_store_writes_are_puts_of_n_triples_per_graph() -> None:
    seen: list[httpx.Request] = []
    remote = RemoteStore(
        "http://127.0.0.1:9/query",
        graph_store="http://127.0.0.1:9/store",
        transport=_recording_transport(seen),
    )
    remote.replace_graphs(
        [
            ("https://w3id.org/kg-news/id/article/a1", "<x:s> <x:p> <x:o> .\n"),
            ("https://w3id.org/kg-news/id/article/a2", "<x:s> <x:p> <x:o2> .\n"),
        ]
    )
    assert [r.method for r in seen] == ["PUT", "PUT"]
    assert seen[0].url.params["graph"] == "https://w3id.org/kg-news/id/article/a1"
    assert seen[0].headers["Content-Type"] == "application/n-triples"
    assert seen[1].content == b"<x:s> <x:p> <x:o2> .\n"


def test_large_replacements_are_split_into_several_update_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.store.remote as remote_module

    monkeypatch.setattr(remote_module, "MAX_UPDATE_BYTES", 100)
    seen: list[httpx.Request] = []
    remote = RemoteStore("http://127.0.0.1:9/query", transport=_recording_transport(seen))
    line = "<x:subject> <x:predicate> <x:object-with-a-long-name> .\n"
    remote.replace_graphs((f"https://w3id.org/kg-news/id/article/a{i}", line * 2) for i in range(5))
    assert len(seen) == 5  # each graph alone is over the 100-byte budget


@pytest.mark.parametrize(
    ("endpoint", "update"),
    [
        ("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update"),
        ("http://localhost:3030/ds/query", "http://localhost:3030/ds/update"),
        ("http://localhost:7200/repositories/kg", "http://localhost:7200/repositories/kg"),
        ("http://localhost:8890/sparql", "http://localhost:8890/sparql"),
    ],
)
def test_default_update_endpoint(endpoint: str, update: str) -> None:
    assert default_update_endpoint(endpoint) == update


def test_endpoint_must_be_http() -> None:
    with pytest.raises(StoreError, match="not an http"):
        RemoteStore("ftp://example.org/sparql")


def test_unreadable_results_are_a_store_error() -> None:
    transport = httpx.MockTransport(
        lambda request: httpx.Response(
            200, content=b"{not json", headers={"Content-Type": "application/sparql-results+json"}
        )
    )
    with pytest.raises(StoreError, match="unreadable results"):
        RemoteStore("http://127.0.0.1:9/query", transport=transport).query("SELECT * {}")


_ = ox  # pyoxigraph parses the server's results inside RemoteStore
