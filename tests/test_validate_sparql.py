"""The SHACL shapes run as SPARQL on the store report exactly what pySHACL reports.

On the development corpus (``../shared/corpus``, else examples/corpus), as
ingested, and after breaking it on purpose in every way the shapes check.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.ingest import ingest
from kg.ontology import load_ontology, load_shapes
from kg.shaclsparql import compile_shapes
from kg.store.oxigraph import OxigraphStore
from kg.validate import validate

ROOT = Path(__file__).resolve().parent.parent
CORPUS = next(
    p for p in (ROOT.parent / "shared" / "corpus" / "articles", ROOT / "examples" / "corpus") if p.is_dir()
)

#: Invented broken statements, each against one constraint component the shapes use.
BROKEN = """
PREFIX kgo: <https://w3id.org/kg-news/ontology#>
PREFIX article: <https://w3id.org/kg-news/id/article/>
PREFIX fact: <https://w3id.org/kg-news/id/fact/>
PREFIX statement: <https://w3id.org/kg-news/id/statement/>
PREFIX product: <https://w3id.org/kg-news/id/product/>
PREFIX person: <https://w3id.org/kg-news/id/person/>
PREFIX org: <https://w3id.org/kg-news/id/org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA { GRAPH <urn:test:broken> {
  article:broken a kgo:Article ; schema:identifier "b1", "b2" ; kgo:source 7 ;
      schema:datePublished "2024-13"^^xsd:gYearMonth .
  fact:broken-1 a kgo:Investment ; rdfs:label "investment: Quillmoor → ?" ;
      prov:wasDerivedFrom article:broken, article:missing ;
      kgo:investor product:zephyr-kettle ; kgo:amount -5 ; kgo:currency "usd" ;
      kgo:status "rumoured" ; kgo:date "2024"^^xsd:date ; kgo:sourceCount 0 ; kgo:disputed "perhaps" ;
      kgo:confidence 1.5 ; kgo:stakePercent 140 ; kgo:current "maybe"^^xsd:boolean .
  fact:broken-2 a kgo:Valuation ; rdfs:label "valuation"@en ; kgo:organization person:ottoline-vane ;
      prov:wasDerivedFrom article:broken ; kgo:currency "EUR" ; kgo:round 3 ;
      kgo:sourceCount 1, 2 .
  fact:broken-3 a kgo:Partnership ; prov:wasDerivedFrom article:broken ;
      kgo:partyA org:quillmoor ; kgo:partyB org:quillmoor, org:brackenfold ;
      kgo:sourceCount 1 ; kgo:disputed false .
  statement:broken-1 a kgo:Statement ; kgo:statementOf fact:broken-1, fact:broken-3 ;
      prov:wasDerivedFrom article:broken ; kgo:evidenceStart 50 ; kgo:evidenceEnd 10 ;
      kgo:evidenceText "Quillmoor et al."@en ; kgo:confidence 1.5 ; kgo:reviewed "maybe" .
  statement:broken-2 a kgo:Statement ; kgo:statementOf article:broken ;
      prov:wasDerivedFrom article:broken, article:missing ; kgo:evidenceStart -4 ; kgo:evidenceEnd -3, 2 .
  product:zephyr-kettle a kgo:Product ; rdfs:label "Zephyr Kettle" .
  person:ottoline-vane a kgo:Person ; rdfs:label "" ; skos:altLabel "O. Vane"@en .
  org:quillmoor a kgo:Organization ; kgo:pagerank 2.5 ; kgo:community -1 ; kgo:current "yes" .
  org:brackenfold a kgo:Organization ; rdfs:label "Brackenfold"@en .
} }
"""


def _comparable(report) -> list:
    # pySHACL names a node with several labels by whichever rdflib returns first: compare the rest
    return sorted(
        tuple(str(x) for x in dataclasses.astuple(dataclasses.replace(r, focus_label=None)))
        for r in report.results
    )


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory) -> OxigraphStore:
    store = OxigraphStore(tmp_path_factory.mktemp("corpus") / "store")
    ingest([CORPUS], store)
    return store


def test_kg_shapes_compile_to_sparql():
    checks = compile_shapes(load_shapes(), load_ontology())
    assert checks is not None and len(checks) > 50


def test_the_corpus_as_ingested_gets_the_same_verdict_from_both_engines(corpus_store):
    sparql, pyshacl = validate(corpus_store, engine="sparql"), validate(corpus_store, engine="pyshacl")
    assert sparql.conforms == pyshacl.conforms
    assert _comparable(sparql) == _comparable(pyshacl)


def test_the_broken_corpus_gets_the_same_violations_from_both_engines(corpus_store, tmp_path):
    corpus_store.update(BROKEN)
    try:
        sparql, pyshacl = validate(corpus_store, engine="sparql"), validate(corpus_store, engine="pyshacl")
    finally:
        corpus_store.remove_graphs(["urn:test:broken"])
    assert not pyshacl.conforms and not sparql.conforms
    assert _comparable(sparql) == _comparable(pyshacl)
    paths = {r.path for r in sparql.results}
    # every kind of constraint fired: counts, datatypes, classes, patterns, ranges, sh:in, sh:or, pairs
    assert {"kgo:investee", "prov:wasDerivedFrom", "kgo:amount", "kgo:currency", "kgo:status"} <= paths
    assert {"kgo:date", "kgo:confidence", "kgo:stakePercent", "kgo:partyB", "kgo:sourceCount"} <= paths
    assert {
        "schema:identifier",
        "schema:datePublished",
        "rdfs:label",
        "skos:altLabel",
        "kgo:disputed",
    } <= paths
    assert {"kgo:pagerank", "kgo:community", "kgo:current", "kgo:round", "kgo:source"} <= paths
    # the statements: evidence offsets (range, order), text, confidence, review flag, one fact, one article
    by_statement = {(r.focus, r.path) for r in sparql.results if r.focus.startswith("kgstmt:")}
    assert {
        ("kgstmt:broken-1", p) for p in ("kgo:evidenceStart", "kgo:evidenceText", "kgo:confidence")
    } <= by_statement
    assert {("kgstmt:broken-1", "kgo:reviewed"), ("kgstmt:broken-1", "kgo:statementOf")} <= by_statement
    assert {
        ("kgstmt:broken-2", p) for p in ("kgo:evidenceEnd", "kgo:statementOf", "prov:wasDerivedFrom")
    } <= by_statement
    unstated = [r for r in sparql.results if r.focus == "kgfact:broken-2" and "stated by" in r.message]
    assert len(unstated) == 1  # the inverse path: no statement of it
    labelled = {r.focus: r.focus_label for r in sparql.results}
    assert labelled["kgfact:broken-1"] == "investment: Quillmoor → ?"


def test_shapes_the_compiler_does_not_know_fall_back_to_pyshacl(monkeypatch, corpus_store):
    shapes = load_shapes()
    shapes.parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix kgo: <https://w3id.org/kg-news/ontology#> .
        <urn:test:closed> a sh:NodeShape ; sh:targetClass kgo:Article ; sh:closed false .""",
        format="turtle",
    )
    assert compile_shapes(shapes, load_ontology()) is None
    monkeypatch.setattr("kg.validate.load_shapes", lambda: shapes)
    from kg.errors import KgError

    with pytest.raises(KgError, match="pyshacl"):
        validate(corpus_store, engine="sparql")
    fallback = validate(corpus_store)  # auto: pySHACL ran instead, with the same verdict
    assert _comparable(fallback) == _comparable(validate(corpus_store, engine="pyshacl"))


def test_cli_validate_engine_option(tmp_path):
    store = tmp_path / "store"
    runner = CliRunner()
    facts = ROOT / "tests" / "data" / "small.facts.json"
    assert runner.invoke(cli, ["ingest", str(facts), "--store", str(store)]).exit_code == 0
    for engine in ("sparql", "pyshacl"):
        result = runner.invoke(cli, ["validate", "--store", str(store), "--engine", engine])
        assert result.exit_code == 0, result.output
        assert "conforms" in result.output
