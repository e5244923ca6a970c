"""facts -> RDF: the shared graph and the article graphs, compared by isomorphism with a checked dataset."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.build import EntityResolver, FactMatcher, build_dataset, build_graph, entity_iri, name_key, slug
from kg.facts import Entity, FactsDocument, read_facts_file
from kg.names import match_key, org_key
from kg.namespaces import KGO, SHARED_GRAPH

HERE = Path(__file__).parent


def _small() -> FactsDocument:
    return next(read_facts_file(HERE / "data" / "small.facts.json"))


def _graphs(dataset: Dataset) -> dict[str, Graph]:
    out: dict[str, Graph] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        out.setdefault(str(g.identifier if hasattr(g, "identifier") else g), Graph()).add((s, p, o))
    return out


def test_small_document_builds_the_checked_dataset():
    """Entities, facts and edges in the shared graph; the article, mentions and statements in its own."""
    built = _graphs(build_dataset([_small()]))
    expected = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        expected.parse(HERE / "golden" / "small.trig", format="trig")
    wanted = {k: v for k, v in _graphs(expected).items() if len(v)}
    assert (
        sorted(built)
        == sorted(wanted)
        == [
            "https://w3id.org/kg-news/id/article/small-1",
            str(SHARED_GRAPH),
        ]
    )
    for name, graph in built.items():
        if not isomorphic(graph, wanted[name]):
            _, only_built, only_expected = graph_diff(to_isomorphic(graph), to_isomorphic(wanted[name]))
            raise AssertionError(
                f"{name} differs\nonly built:\n"
                + only_built.serialize(format="nt")
                + "\nonly expected:\n"
                + only_expected.serialize(format="nt")
            )
    # no triple is in two graphs: the union default graph counts each once
    shared, article = built[str(SHARED_GRAPH)], built["https://w3id.org/kg-news/id/article/small-1"]
    assert not set(shared) & set(article)


def test_name_key_ignores_case_punctuation_suffixes_and_honorifics():
    assert name_key("Globex Corp.") == name_key("globex") == "globex"
    assert name_key("Dr. Jane Roe") == "jane roe"
    assert name_key("Acme, Inc.") == "acme"
    assert slug("Société Générale S.A.") == "societe-generale"
    # a lone suffix word is still a name
    assert name_key("Limited") == "limited"


def test_names_in_every_script_keep_their_identity():
    assert name_key("星河科技") == "星河科技" != name_key("蓝海资本")
    assert name_key("Северный Ветер") == "северный ветер"
    assert name_key("نجمة الصحراء") == "نجمة الصحراء"
    assert slug("星河科技") == "%E6%98%9F%E6%B2%B3%E7%A7%91%E6%8A%80"
    assert slug("Зарница") != slug("Северный Ветер") != "unnamed"
    assert slug("!!!") == "unnamed"  # only a name with no letters at all


def test_company_suffix_variants_share_a_key():
    assert org_key("Quillon") == org_key("Quillon AI") == org_key("Quillon AI SAS") == "quillon"
    assert org_key("Tessaly Group Holdings") == "tessaly"
    assert org_key("Labs") == "labs"  # never the last word
    assert match_key("Ada Lab", "Person") == "ada lab"  # people keep their names


def test_resolver_merges_an_alias_seen_in_another_article():
    resolver = EntityResolver()
    first = resolver.resolve(Entity("aws", "AWS", "Organization", ("Amazon Web Services",)))
    second = resolver.resolve(Entity("amazon-web-services", "Amazon Web Services", "Organization"))
    assert first == second == entity_iri(Entity("x", "AWS", "Organization"))


def test_resolver_follows_recorded_merges():
    merged, kept = "https://w3id.org/kg-news/id/org/tessalon", "https://w3id.org/kg-news/id/org/tessaly"
    resolver = EntityResolver(merges={merged: kept})
    assert resolver.resolve(Entity("t", "Tessalon", "Organization")) == URIRef(kept)


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
    # "2021" agrees with "2021-05", so the first two statements are one round; the day is another
    facts = sorted(str(o.datatype).rsplit("#", 1)[1] for s, o in g.subject_objects(KGO.date) if "/fact/" in s)
    statements = sorted(
        str(o.datatype).rsplit("#", 1)[1] for s, o in g.subject_objects(KGO.date) if "/statement/" in s
    )
    assert statements == ["date", "gYear", "gYearMonth"]
    assert len(facts) == len(set(g.subjects(KGO.sourceCount, None)))


def _fact(
    ftype: str, roles: dict[str, str], **values: object
) -> tuple[str, dict[str, str], dict[str, object]]:
    return ftype, roles, values


INV = {"investor": "urn:n", "investee": "urn:q"}


def test_matcher_keeps_one_articles_deals_apart_and_matches_by_amount_in_any_order():
    total, tranche = (
        _fact("investment", INV, amount=4, date="2024-09"),
        _fact("investment", INV, amount=1, date="2024-09"),
    )
    for order in ([total, tranche], [tranche, total]):
        matcher = FactMatcher()
        first = matcher.assign(order)
        assert len(set(first)) == 2
        # another article states only the tranche, with a more precise date: the same node
        (again,) = matcher.assign([_fact("investment", INV, amount=1, date="2024-09-12")])
        assert again == first[order.index(tranche)]


def test_matcher_needs_an_identifying_value_to_match_a_different_amount():
    matcher = FactMatcher()
    (dated,) = matcher.assign([_fact("investment", INV, amount=4, date="2024-09")])
    assert matcher.assign([_fact("investment", INV, amount=5, date="2024-09")]) == [dated]  # a conflict
    assert matcher.assign([_fact("investment", INV, amount=5)]) != [dated]  # no date: not provably the deal
    assert matcher.assign([_fact("investment", INV, amount=4, date="2025-02")]) != [dated]  # another month
    (bought,) = matcher.assign([_fact("acquisition", {"acquirer": "urn:n", "target": "urn:q"}, date="2024")])
    # one acquisition per buyer and target, whatever the date
    assert matcher.assign(
        [_fact("acquisition", {"acquirer": "urn:n", "target": "urn:q"}, date="2025-03")]
    ) == [bought]


@given(st.text(min_size=1, max_size=40))
def test_every_name_with_a_letter_or_digit_has_its_own_iri_safe_slug(name):
    import unicodedata

    text = slug(name)
    assert re.fullmatch(r"[A-Za-z0-9%-]+", text), text
    if any(unicodedata.category(c)[0] in "LN" for c in name):
        assert text != "unnamed"
