"""``kg push`` (embedded store -> remote store) and ``kg remove`` (drop articles), on both kinds of store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from kg.cli import cli
from kg.manage import push, remove_articles
from kg.namespaces import KGORG
from kg.store import OxigraphStore, open_store

HOOLI, INITECH, GLOBEX = KGORG["hooli"], KGORG["initech"], KGORG["globex"]


def run(*args: object) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def ok(*args: object) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.output


def stats(*where: object) -> dict:
    return json.loads(ok("stats", "--json", *where))


def union(*where: object) -> Graph:
    return Graph().parse(data=ok("export", "--format", "nt", *where), format="nt")


def labels(graph: Graph) -> set[str]:
    return {str(o) for s, o in graph.subject_objects(RDFS.label) if s in (HOOLI, INITECH, GLOBEX)}


@pytest.fixture()
def both(two_articles: tuple[Path, Path], store_dir: Path) -> Path:
    ok("ingest", *two_articles, "--store", store_dir)
    return store_dir


@pytest.fixture()
def only_first(two_articles: tuple[Path, Path], tmp_path: Path) -> Path:
    """A store that never saw the second article: what removing it must leave."""
    store = tmp_path / "only-first"
    ok("ingest", two_articles[0], "--store", store)
    return store


def test_entity_iris_in_fixture_are_the_ones_the_builder_makes(both: Path) -> None:
    assert labels(union("--store", both)) == {"Globex Corp", "Hooli", "Initech"}


# -- remove, embedded ---------------------------------------------------------------------
def test_removing_an_article_leaves_exactly_the_other_articles_graph(both: Path, only_first: Path) -> None:
    output = ok("remove", "small-2", "--store", both)
    assert "removed 1 article(s) (small-2)" in output
    after = union("--store", both)
    assert isomorphic(after, union("--store", only_first))
    # Hooli was only in the removed article; Initech is still mentioned by small-1 and keeps its label.
    assert (HOOLI, None, None) not in after
    assert (INITECH, RDFS.label, Literal("Initech")) in after
    assert stats("--store", both)["articles"] == 1


def test_an_entity_mentioned_by_a_remaining_article_stays(both: Path) -> None:
    ok("remove", "small-1", "--store", both)
    after = union("--store", both)
    assert labels(after) == {"Hooli", "Initech"}  # Globex and Jane Roe went with small-1
    assert (INITECH, None, None) in after
    counts = stats("--store", both)
    assert counts["facts"]["investment"] == 1 and counts["facts"]["role"] == 0


def test_unknown_article_is_an_error_and_removes_nothing(both: Path) -> None:
    before = stats("--store", both)
    result = run("remove", "small-2", "no-such-article", "--store", both)
    assert result.exit_code == 2
    assert "Error: no article 'no-such-article'" in result.output and "nothing removed" in result.output
    assert "Traceback" not in result.output
    assert stats("--store", both) == before


def test_remove_all_articles_empties_the_store(both: Path) -> None:
    with OxigraphStore(both, create=False) as store:
        report = remove_articles(store, ["small-1", "small-2"])
        assert report.triples_after == 0 == store.triple_count()
        assert report.triples_before > 0


# -- push and remove against a real server ---------------------------------------------------
@pytest.mark.server
def test_push_twice_leaves_the_same_triples(oxigraph_server: str, both: Path) -> None:
    endpoint = f"{oxigraph_server}/query"
    first = ok("push", "--store", both, "--endpoint", endpoint)
    assert "pushed 2 article graph(s)" in first and "warning" not in first
    after_first = stats("--endpoint", endpoint)
    ok("push", "--store", both, "--endpoint", endpoint)
    assert stats("--endpoint", endpoint) == after_first == stats("--store", both)
    ok("push", "--store", both, "--endpoint", endpoint, "--graph-store", f"{oxigraph_server}/store")
    assert stats("--endpoint", endpoint) == after_first
    assert isomorphic(union("--endpoint", endpoint), union("--store", both))


@pytest.mark.server
def test_push_replaces_a_changed_article_and_keeps_other_remote_graphs(
    oxigraph_server: str, both: Path, only_first: Path
) -> None:
    endpoint = f"{oxigraph_server}/query"
    ok("push", "--store", both, "--endpoint", endpoint)
    ok("remove", "small-1", "--store", only_first)
    ok("ingest", Path(__file__).parent / "data" / "small.facts.json", "--store", only_first)
    with OxigraphStore(only_first, create=False) as source, open_store(endpoint=endpoint) as target:
        report = push(source, target)
        assert report.graphs == 1
        # small-2 was never in only_first: push does not delete what the target alone has
        assert set(target.graph_names()) == set(source.graph_names()) | {
            "https://w3id.org/kg-news/id/article/small-2"
        }
    assert stats("--endpoint", endpoint) == stats("--store", both)


@pytest.mark.server
def test_remove_on_the_remote_store(oxigraph_server: str, both: Path, only_first: Path) -> None:
    endpoint = f"{oxigraph_server}/query"
    ok("push", "--store", both, "--endpoint", endpoint)
    output = ok("remove", "small-2", "--endpoint", endpoint)
    assert "removed 1 article(s) (small-2)" in output
    after = union("--endpoint", endpoint)
    assert isomorphic(after, union("--store", only_first))
    assert (HOOLI, None, None) not in after and (INITECH, RDFS.label, Literal("Initech")) in after
    missing = run("remove", "small-2", "--endpoint", endpoint)
    assert missing.exit_code == 2 and "no article 'small-2'" in missing.output


@pytest.mark.server
def test_push_warns_when_the_server_default_graph_is_not_the_union(tmp_path: Path, both: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import free_port, stop_process, wait_until_answering

    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("oxigraph")),
            "serve",
            "--location",
            str(tmp_path / "ox"),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until_answering(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process)
        output = ok("push", "--store", both, "--endpoint", f"http://127.0.0.1:{port}/query")
    finally:
        stop_process(process)
    assert "warning:" in output and "union of its named graphs" in output and "docs/stores.md" in output


def test_push_needs_an_endpoint(both: Path) -> None:
    result = CliRunner().invoke(cli, ["push", "--store", str(both)], env={"KG_ENDPOINT": ""})
    assert result.exit_code == 2
    assert "--endpoint" in result.output


_ = URIRef
