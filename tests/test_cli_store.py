"""CliRunner tests for the store commands: ingest, query, export, stats."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import cli

INVESTMENTS_OF = """
PREFIX kgo: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?investor ?amount WHERE {
  ?i a kgo:Investment ; kgo:investor/rdfs:label ?investor ;
     kgo:investee/rdfs:label ?t ; kgo:amount ?amount .
  FILTER(str(?t) = "Initech") }
"""


def run(*args: str) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture()
def loaded(small_facts: Path, store_dir: Path) -> Path:
    result = run("ingest", small_facts, "--store", store_dir)
    assert result.exit_code == 0, result.output
    return store_dir


def triples(store_dir: Path) -> int:
    return json.loads(run("stats", "--store", store_dir, "--json").output)["triples"]


def test_ingest_reports_and_reingest_replaces_the_article_graph(loaded: Path, small_facts: Path):
    first = triples(loaded)
    assert first > 40
    again = run("ingest", small_facts, "--store", loaded)
    assert again.exit_code == 0
    assert "1 article(s)" in again.output
    assert triples(loaded) == first


def test_query_acceptance_shape_answers_investor_and_amount(loaded: Path):
    result = run("query", INVESTMENTS_OF, "--store", loaded, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"investor": "Globex Corp", "amount": 2500000000}]


def test_named_query_with_parameter_matches_an_alias_case_insensitively(loaded: Path):
    result = run("query", "investors-of", "-p", "org=INITECH", "--store", loaded, "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("investor,amount,currency,date")
    assert lines[1].startswith("Globex Corp,2500000000,USD,2023-09")


def test_named_query_without_its_parameter_is_a_clear_error(loaded: Path):
    result = CliRunner().invoke(cli, ["query", "investors-of", "--store", str(loaded)])
    assert result.exit_code != 0
    assert "--param org=VALUE" in result.output


def test_parameter_values_cannot_inject_sparql(loaded: Path):
    evil = 'x") } } SELECT * WHERE { ?s ?p ?o } #'
    result = run("query", "investors-of", "-p", f"org={evil}", "--store", loaded, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output) == []


def test_query_list_names_the_shipped_queries():
    result = run("query", "--list")
    for name in ("investments", "investors-of", "top-investors", "people-roles"):
        assert name in result.output


def test_query_from_rq_file_and_table_output(loaded: Path, tmp_path: Path):
    rq = tmp_path / "people.rq"
    rq.write_text("SELECT ?name WHERE { ?p a kgo:Person ; rdfs:label ?name }")
    result = run("query", rq, "--store", loaded)
    assert result.exit_code == 0
    assert "Jane Roe" in result.output and "(1 row)" in result.output


def test_top_investors_sums_per_currency(loaded: Path):
    result = run("query", "top-investors", "--store", loaded, "--format", "json")
    rows = json.loads(result.output)
    assert (
        rows[0]["investor"] == "Globex Corp"
        and rows[0]["total"] == 2500000000
        and rows[0]["currency"] == "USD"
    )


@pytest.mark.parametrize(
    "fmt,parser", [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("trig", "trig")]
)
def test_export_formats_reparse_with_rdflib(loaded: Path, tmp_path: Path, fmt: str, parser: str):
    out = tmp_path / f"g.{fmt}"
    result = run("export", "--store", loaded, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    if fmt == "trig":
        from rdflib import Dataset

        ds = Dataset().parse(out, format="trig")
        assert len(list(ds.graphs())) >= 2
    else:
        g = Graph().parse(out, format=parser)
        assert len(g) == triples(loaded)  # one article: no triple is stated twice


def test_turtle_export_reparses_with_pyoxigraph_and_has_prefixes(loaded: Path, tmp_path: Path):
    out = tmp_path / "g.ttl"
    run("export", "--store", loaded, "-o", out)
    text = out.read_text()
    assert "@prefix kgo: <https://w3id.org/kg-news/ontology#>" in text
    assert "kgorg:initech" in text
    parsed = list(ox.parse(path=str(out), format=ox.RdfFormat.TURTLE))
    assert len(parsed) == triples(loaded)


def test_export_to_stdout_defaults_to_turtle(loaded: Path):
    result = run("export", "--store", loaded)
    assert result.exit_code == 0
    assert Graph().parse(data=result.output, format="turtle")


def test_stats_counts_entities_and_facts(loaded: Path):
    data = json.loads(run("stats", "--store", loaded, "--json").output)
    assert data["articles"] == 1
    assert data["entities"] == {"Organization": 2, "Person": 1, "Product": 1, "Place": 0}
    assert data["facts"]["investment"] == 1 and data["facts"]["role"] == 1 and data["facts"]["product"] == 1
    assert "investment" in run("stats", "--store", loaded).output


def test_kg_store_environment_variable_selects_the_store(loaded: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KG_STORE", str(loaded))
    assert json.loads(CliRunner().invoke(cli, ["stats", "--json"]).output)["articles"] == 1


def test_same_entity_in_two_articles_is_one_node(store_dir: Path, tmp_path: Path):
    base = json.loads((Path(__file__).parent / "data" / "small.facts.json").read_text())
    second = json.loads(json.dumps(base))
    second["article"]["id"] = "small-2"
    # the second article names the investor only by its alias
    second["entities"][0] = {"id": "g", "name": "Globex", "type": "Organization", "aliases": []}
    second["facts"][0]["investor"] = "g"
    (tmp_path / "a.json").write_text(json.dumps(base))
    (tmp_path / "b.json").write_text(json.dumps(second))
    assert run("ingest", tmp_path / "a.json", tmp_path / "b.json", "--store", store_dir).exit_code == 0
    data = json.loads(run("stats", "--store", store_dir, "--json").output)
    assert data["articles"] == 2
    assert data["entities"]["Organization"] == 2


def test_turtle_export_is_accepted_by_an_independent_parser(loaded: Path, tmp_path: Path):
    import shutil
    import subprocess

    if shutil.which("rapper") is None:
        pytest.skip("rapper (Debian raptor2-utils) is not installed; .ci/run installs it")
    out = tmp_path / "g.ttl"
    run("export", "--store", loaded, "-o", out)
    checked = subprocess.run(["rapper", "-i", "turtle", "-c", str(out)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert f"returned {triples(loaded)} triples" in checked.stderr


def test_totals_count_a_deal_two_articles_state_once(store_dir: Path, tmp_path: Path):
    base = json.loads((Path(__file__).parent / "data" / "small.facts.json").read_text())
    second = json.loads(json.dumps(base))
    second["article"]["id"] = "small-2"
    second["facts"][0]["amount"] = 500000000  # same investor, investee and month: the same deal
    (tmp_path / "a.json").write_text(json.dumps(base))
    (tmp_path / "b.json").write_text(json.dumps(second))
    assert run("ingest", tmp_path / "a.json", tmp_path / "b.json", "--store", store_dir).exit_code == 0
    rows = json.loads(run("query", "top-investors", "--store", store_dir, "--format", "json").output)
    # the sources disagree 1:1 at equal confidence: the larger amount is the fact's, both stay as statements
    assert rows == [
        {"investor": "Globex Corp", "currency": "USD", "total": 2500000000, "investments": 1, "companies": 1}
    ]
    invest = json.loads(run("query", "investments", "--store", store_dir, "--format", "json").output)
    assert len(invest) == 1 and invest[0]["sources"] == 2
    assert invest[0]["articles"] in ("small-1, small-2", "small-2, small-1")
