"""facts -> RDF, compared by graph isomorphism with a hand-checked expected graph."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.build import EntityResolver, build_graph, entity_iri, name_key, slug
from kg.facts import Entity, FactsDocument, read_facts_file
from kg.namespaces import KGO

HERE = Path(__file__).parent


def _small() -> FactsDocument:
    return next(read_facts_file(HERE / "data" / "small.facts.json"))


def test_small_document_builds_the_hand_checked_graph():
    built = build_graph(_small())
    expected = Graph().parse(HERE / "golden" / "small.ttl")
    if not isomorphic(built, expected):
        _, only_built, only_expected = graph_diff(to_isomorphic(built), to_isomorphic(expected))
        raise AssertionError(
            "graphs differ\nonly built:\n"
            + only_built.serialize(format="nt")
            + "\nonly expected:\n"
            + only_expected.serialize(format="nt")
        )


def test_name_key_ignores_case_punctuation_suffixes_and_honorifics():
    assert name_key("Globex Corp.") == name_key("globex") == "globex"
    assert name_key("Dr. Jane Roe") == "jane roe"
    assert name_key("Acme, Inc.") == "acme"
    assert slug("Société Générale S.A.") == "societe-generale"
    # a lone suffix word is still a name
    assert name_key("Limited") == "limited"


def test_resolver_merges_an_alias_seen_in_another_article():
    resolver = EntityResolver()
    first = resolver.resolve(Entity("aws", "AWS", "Organization", ("Amazon Web Services",)))
    second = resolver.resolve(Entity("amazon-web-services", "Amazon Web Services", "Organization"))
    assert first == second == entity_iri(Entity("x", "AWS", "Organization"))


def test_resolver_seeded_from_store_labels_reuses_the_store_iri():
    known = [
        ("Organization", "Initech Holdings", "https://w3id.org/kg-news/id/org/initech-holdings", True),
        ("Organization", "Initech", "https://w3id.org/kg-news/id/org/initech-holdings", False),
    ]
    resolver = EntityResolver(known)
    iri = resolver.resolve(Entity("i", "Initech", "Organization"))
    assert iri == URIRef("https://w3id.org/kg-news/id/org/initech-holdings")
    assert resolver.label(iri) == "Initech Holdings"
    # same name, other type: another node
    assert resolver.resolve(Entity("i", "Initech", "Person")) != URIRef(
        "https://w3id.org/kg-news/id/org/initech-holdings"
    )


def test_symmetric_partnership_gets_both_direct_edges():
    doc = FactsDocument.from_dict(
        {
            "schema": "kg-facts/1",
            "article": {"id": "p"},
            "entities": [
                {"id": "a", "name": "Alpha", "type": "Organization"},
                {"id": "b", "name": "Beta", "type": "Organization"},
            ],
            "facts": [{"type": "partnership", "party_a": "a", "party_b": "b"}],
        }
    )
    g = build_graph(doc)
    a, b = (entity_iri(e) for e in doc.entities)
    assert (a, KGO.partnerOf, b) in g and (b, KGO.partnerOf, a) in g


def test_dates_keep_their_precision_as_datatypes():
    doc = FactsDocument.from_dict(
        {
            "schema": "kg-facts/1",
            "article": {"id": "d"},
            "entities": [{"id": "a", "name": "Alpha", "type": "Organization"}],
            "facts": [
                {"type": "funding_round", "organization": "a", "date": d}
                for d in ("2021", "2021-05", "2021-05-04")
            ],
        }
    )
    g = build_graph(doc)
    types = sorted(str(o.datatype).rsplit("#", 1)[1] for o in g.objects(None, KGO.date))
    assert types == ["date", "gYear", "gYearMonth"]


def test_bulk_ntriples_text_is_the_same_graph_as_build_graph():
    from kg.build import article_ntriples

    doc = _small()
    text = article_ntriples(doc)
    assert isomorphic(Graph().parse(data=text, format="nt"), build_graph(doc))
    assert len(text.splitlines()) == len(build_graph(doc))  # each triple once
