"""SHACL validation: good graphs conform, each broken shape is reported once, CLI exit codes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal
from rdflib.namespace import PROV, RDF, RDFS

from kg.build import build_dataset, build_graph, write
from kg.cli import cli
from kg.errors import InputError
from kg.facts import Evidence, FactsDocument, read_facts_file
from kg.namespaces import KGO
from kg.store.oxigraph import OxigraphStore
from kg.validate import validate, validate_files, validate_graph

DATA = Path(__file__).resolve().parent / "data"
ALL_TYPES = DATA / "all-fact-types.facts.json"


@pytest.fixture(scope="module")
def doc() -> FactsDocument:
    (document,) = read_facts_file(ALL_TYPES)
    return document


def _with_fact(doc: FactsDocument, index: int, **changes) -> FactsDocument:
    facts = list(doc.facts)
    facts[index] = dataclasses.replace(facts[index], **changes)
    return dataclasses.replace(doc, facts=tuple(facts))


def _investment_values(doc: FactsDocument, **changes) -> FactsDocument:
    values = {**doc.facts[0].values, **changes}
    return _with_fact(doc, 0, values={k: v for k, v in values.items() if v is not None})


def _paths(report) -> list[str | None]:
    return [r.path for r in report.results]


def test_a_valid_document_conforms(doc):
    report = validate_graph(build_graph(doc))
    assert report.conforms, report.details()
    assert report.violations == 0 and report.results == ()
    assert report.triples > 100
    assert "conforms" in report.summary()


def test_investment_without_investee_is_one_violation(doc):
    investment = doc.facts[0]
    roles = {k: v for k, v in investment.roles.items() if k != "investee"}
    report = validate_graph(build_graph(_with_fact(doc, 0, roles=roles)))
    assert not report.conforms
    assert report.violations == 1
    (result,) = report.results
    assert result.path == "kgo:investee"
    assert "exactly one kgo:investee" in result.message
    assert result.shape == "kgsh:InvestmentShape"
    assert result.focus.startswith("kgfact:investment-")
    assert result.focus_label and result.focus_label.startswith("investment: Northwind Capital")


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"amount": -5}, "kgo:amount"),
        ({"currency": None}, "kgo:currency"),
        ({"currency": "eur"}, "kgo:currency"),
        ({"status": "rumoured"}, "kgo:status"),
        ({"stake_percent": 140}, "kgo:stakePercent"),
        ({"date": "2024-13"}, "kgo:date"),
        ({"date": "June 2024"}, "kgo:date"),
    ],
    ids=[
        "negative-amount",
        "amount-without-currency",
        "lower-case-currency",
        "bad-status",
        "stake-over-100",
        "month-13",
        "date-as-text",
    ],
)
def test_each_broken_literal_is_one_violation_on_the_fact_and_one_on_its_source(doc, changes, path):
    report = validate_graph(build_graph(_investment_values(doc, **changes)))
    assert not report.conforms
    assert report.violations == 2, report.details()
    assert _paths(report) == [path, path]
    # the value is wrong where the source states it and where the fact takes it from its source
    assert sorted(r.focus.split(":")[0] for r in report.results) == ["kgfact", "kgstmt"]


def test_several_breaks_add_up(doc):
    broken = _investment_values(doc, amount=-1, status="rumoured", currency=None)
    report = validate_graph(build_graph(broken))
    assert report.violations == 6
    assert sorted(set(_paths(report))) == ["kgo:amount", "kgo:currency", "kgo:status"]


def test_confidence_above_one_and_backwards_evidence_are_violations(doc):
    broken = _with_fact(doc, 0, confidence=1.5, evidence=Evidence(50, 10, "backwards"))
    report = validate_graph(build_graph(broken))
    assert sorted(_paths(report)) == ["kgo:confidence", "kgo:evidenceStart"]


def test_investee_of_the_wrong_class_is_a_violation(doc):
    roles = {**doc.facts[0].roles, "investee": "mara"}  # a person
    report = validate_graph(build_graph(_with_fact(doc, 0, roles=roles)))
    assert _paths(report) == ["kgo:investee"]
    assert report.results[0].value and "mara" in report.results[0].value


def test_valuation_without_amount_is_a_violation(doc):
    index = next(i for i, f in enumerate(doc.facts) if f.type == "valuation")
    values = {k: v for k, v in doc.facts[index].values.items() if k not in ("amount", "currency")}
    report = validate_graph(build_graph(_with_fact(doc, index, values=values)))
    assert _paths(report) == ["kgo:amount"]
    assert report.results[0].shape == "kgsh:ValuationShape"


def test_fact_without_provenance_and_entity_without_name_are_violations(doc):
    graph = build_graph(doc)
    fact = next(iter(graph.subjects(RDF.type, KGO.Investment)))
    graph.remove((fact, PROV.wasDerivedFrom, None))
    entity = next(iter(graph.subjects(RDFS.label, Literal("Lisbon"))))
    graph.remove((entity, RDFS.label, None))
    report = validate_graph(graph)
    assert sorted(_paths(report)) == ["prov:wasDerivedFrom", "rdfs:label"]


def test_an_entity_with_two_names_in_the_union_is_a_violation(doc):
    """One entity, one label in the shared graph; other names are skos:altLabel."""
    graph = build_graph(doc)
    northwind = next(iter(graph.subjects(RDFS.label, Literal("Northwind Capital"))))
    graph.add((northwind, RDFS.label, Literal("Northwind Capital Partners")))
    report = validate_graph(graph)
    assert _paths(report) == ["rdfs:label"] and "exactly one name" in report.results[0].message


def test_analysis_scores_are_checked_where_they_occur(doc):
    from rdflib.namespace import XSD  # imported here: at module level pytest probes it and warns

    graph = build_graph(doc)
    northwind = next(iter(graph.subjects(RDFS.label, Literal("Northwind Capital"))))
    graph.add((northwind, KGO.pagerank, Literal(0.25, datatype=XSD.double)))
    graph.add((northwind, KGO.community, Literal(3)))
    assert validate_graph(graph).conforms
    graph.add((northwind, KGO.pagerank, Literal(0.5, datatype=XSD.double)))  # stale score left behind
    graph.add((northwind, KGO.betweenness, Literal(1.5, datatype=XSD.double)))
    assert sorted(_paths(validate_graph(graph))) == ["kgo:betweenness", "kgo:pagerank"]


def _store_with(docs: list[FactsDocument]) -> OxigraphStore:
    store = OxigraphStore(None)
    write(store, docs)
    return store


def test_validate_checks_the_union_of_the_store(doc):
    assert validate(_store_with([doc])).conforms
    bad_doc = dataclasses.replace(
        _investment_values(doc, status="rumoured"), article=dataclasses.replace(doc.article, id="bad-1")
    )
    # the second source states the same deal with a bad status: its statement is the one violation
    report = validate(_store_with([doc, bad_doc]))
    assert report.violations == 1
    assert report.results[0].focus.startswith("kgstmt:bad-1/")
    assert "in-memory store" in report.summary()


def test_validate_files_reads_turtle_trig_and_facts(doc, tmp_path):
    graph = build_graph(doc)
    ttl = tmp_path / "g.ttl"
    ttl.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    assert validate_files([ttl]).conforms
    assert validate_files([ALL_TYPES]).conforms

    bad = build_dataset([_investment_values(doc, amount=-3)])
    trig = tmp_path / "g.trig"
    trig.write_text(bad.serialize(format="trig"), encoding="utf-8")
    report = validate_files([trig])
    assert _paths(report) == ["kgo:amount", "kgo:amount"]


def test_a_file_that_is_not_turtle_is_an_input_error(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle <", encoding="utf-8")
    with pytest.raises(InputError, match="broken.ttl"):
        validate_files([broken])


# -- CLI -------------------------------------------------------------------------


def test_cli_validate_store_conforms(tmp_path):
    runner = CliRunner()
    store = tmp_path / "store"
    ingested = runner.invoke(cli, ["ingest", str(ALL_TYPES), "--store", str(store)])
    assert ingested.exit_code == 0, ingested.output
    result = runner.invoke(cli, ["validate", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_cli_validate_store_with_violations_exits_1(doc, tmp_path):
    store_dir = tmp_path / "store"
    store = OxigraphStore(store_dir)
    write(store, [_investment_values(doc, currency=None, status="rumoured")])
    store.close()
    del store  # release the RocksDB lock before the CLI opens the directory
    result = CliRunner().invoke(cli, ["validate", "--store", str(store_dir)])
    assert result.exit_code == 1, result.output
    assert "4 violation(s)" in result.output  # on the fact and on its one source, each
    assert "kgo:status: kgo:status is one of completed" in result.output
    assert "Error: 4 SHACL violation(s)" in result.stderr


def test_cli_validate_file_exit_codes(doc, tmp_path):
    runner = CliRunner()
    good = tmp_path / "good.ttl"
    good.write_text(build_graph(doc).serialize(format="turtle"), encoding="utf-8")
    assert runner.invoke(cli, ["validate", str(good)]).exit_code == 0

    bad = tmp_path / "bad.ttl"
    bad.write_text(
        build_graph(_investment_values(doc, amount=-1)).serialize(format="turtle"), encoding="utf-8"
    )
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "kgo:amount" in result.output

    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix : <", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(broken)])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.output


def test_cli_validate_limit_shortens_the_listing(doc, tmp_path):
    bad = tmp_path / "bad.ttl"
    broken = _investment_values(doc, amount=-1, status="rumoured", currency=None)
    bad.write_text(build_graph(broken).serialize(format="turtle"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(bad), "--limit", "1"])
    assert result.exit_code == 1
    assert "… and 5 more" in result.output


def test_cli_validate_missing_store_exits_2(tmp_path):
    result = CliRunner().invoke(cli, ["validate", "--store", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "Error:" in result.stderr


def test_cli_validate_unsupported_file_exits_2(tmp_path):
    table = tmp_path / "table.csv"
    table.write_text("a,b\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(table)])
    assert result.exit_code == 2
    assert "unsupported file type .csv" in result.stderr
