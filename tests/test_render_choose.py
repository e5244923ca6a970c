"""Choosing what `kg render` draws from a store reading little gives what the whole graph gives.

The reference is the way render chose before it read only the topology: the
full entity graph, ``nx.pagerank`` on it undirected, the center first, then
rank, then label. Checked on the development corpus (``../shared/corpus``,
else examples/corpus) with several limits and focuses, and on an invented
store where many entities tie on rank across the cut.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.analyze import find_entity, neighbourhood, undirected
from kg.build import write
from kg.facts import FactsDocument
from kg.graphread import entity_graph, entity_labels, entity_nodes, topology
from kg.ingest import ingest
from kg.render import render
from kg.render.choose import pagerank, pair_weights
from kg.store.oxigraph import OxigraphStore, _plain, tsv_rows

ROOT = Path(__file__).resolve().parent.parent
CORPUS = next(
    p for p in (ROOT.parent / "shared" / "corpus" / "articles", ROOT / "examples" / "corpus") if p.is_dir()
)


@pytest.fixture(scope="module")
def corpus() -> OxigraphStore:
    store = OxigraphStore(None)
    ingest([CORPUS], store)
    return store


def _reference_nodes(graph: nx.MultiDiGraph, focus: str | None, hops: int, limit: int | None) -> set[str]:
    """The nodes render drew before choosing on the topology alone."""
    center = None
    if focus is not None:
        center = find_entity(graph, focus)
        graph = neighbourhood(graph, center, hops=hops)
    rank = nx.pagerank(undirected(graph), weight="weight") if graph.number_of_nodes() else {}
    ordered = sorted(graph.nodes, key=lambda n: (n != center, -rank[n], graph.nodes[n]["label"]))
    return set(ordered[:limit] if limit else ordered)


def _page(source, **options) -> str:
    return re.sub(r'nonce="[^"]+"|nonce-[A-Za-z0-9_-]+', "", render(source, **options).html)


def _drawn(page: str) -> set[str]:
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert data
    return {node["id"] for node in json.loads(data.group(1))["nodes"]}


def test_pagerank_is_networkx_pagerank_to_the_last_bit(corpus):
    for graph in (entity_graph(corpus), topology(corpus, weighted=True)):
        simple = undirected(graph)
        weights = {(min(u, v), max(u, v)): w for u, v, w in simple.edges(data="weight")}
        assert weights == pair_weights(graph.edges(data="count", default=1))
        assert pagerank(list(simple.nodes), weights) == nx.pagerank(simple, weight="weight")
    assert pagerank([], {}) == {}


def test_the_corpus_store_draws_what_the_whole_graph_drew(corpus):
    graph = entity_graph(corpus)
    hub = max(sorted(graph.nodes), key=graph.degree)
    label = graph.nodes[hub]["label"]
    cases = [
        {"limit": None},
        {"limit": 300},
        {"limit": 7},
        {"limit": 40},
        {"focus": label.upper(), "hops": 1},
        {"focus": label, "hops": 2, "limit": 6},
        {"focus": hub, "limit": 3},
    ]
    for options in cases:
        page = _page(corpus, **options)
        assert page == _page(graph, **options), options
        expected = _reference_nodes(graph, options.get("focus"), options.get("hops", 1), options.get("limit"))
        assert _drawn(page) == expected, options


def _star_store() -> OxigraphStore:
    """Hubs with leaves of equal rank, so a limit cuts through a tie that labels decide (invented names)."""
    names = ["Quillon", "Brasswick", "Tarnfield", "Ombrelle", "Vesk", "Corrandel", "Hallowmere", "Pibbet"]
    entities = [{"id": "hub", "name": "Zentor Hub", "type": "Organization", "aliases": ["ZH"]}]
    entities += [{"id": f"n{i}", "name": n, "type": "Organization"} for i, n in enumerate(names)]
    entities += [{"id": "lone", "name": "Aardle Solo", "type": "Person"}]
    facts = [
        {"type": "partnership", "party_a": "hub", "party_b": f"n{i}", "evidence": {"start": 0, "end": 1}}
        for i in range(len(names))
    ]
    doc = {"schema": "kg-facts/1", "article": {"id": "stars-1"}, "entities": entities, "facts": facts}
    store = OxigraphStore(None)
    write(store, [FactsDocument.from_dict(doc)])
    return store


@pytest.mark.parametrize("limit", [1, 2, 4, 8, 9, 10, None])
def test_a_cut_through_equal_ranks_is_decided_by_label_as_before(limit, monkeypatch):
    import kg.render.choose

    store = _star_store()
    graph = entity_graph(store)
    asked: list[int] = []
    monkeypatch.setattr(
        kg.render.choose,
        "entity_labels",
        lambda s, nodes, entities: asked.append(len(nodes)) or entity_labels(s, nodes, entities),
    )
    page = _page(store, limit=limit)
    assert asked == ([8] if limit in (2, 4, 8) else [])  # only a cut through the eight leaves asks for names
    assert page == _page(graph, limit=limit)
    assert _drawn(page) == _reference_nodes(graph, None, 1, limit)


def test_labels_and_nodes_read_for_a_few_equal_those_of_the_whole_graph(corpus):
    graph = entity_graph(corpus)
    some = sorted(graph.nodes)[::7]
    labels = entity_labels(corpus, some, set(graph.nodes))
    assert labels == {n: graph.nodes[n]["label"] for n in some}
    part = entity_nodes(corpus, some)
    assert dict(part.nodes(data=True)) == {n: graph.nodes[n] for n in some}


_XSD = "http://www.w3.org/2001/XMLSchema#"
_LITERALS = st.one_of(
    st.builds(lambda t: ox.Literal(t), st.text()),
    st.builds(lambda t, lang: ox.Literal(t, language=lang), st.text(), st.sampled_from(["en", "de-CH"])),
    st.builds(lambda n: ox.Literal(str(n), datatype=ox.NamedNode(_XSD + "integer")), st.integers()),
    st.builds(
        lambda n: ox.Literal(str(n), datatype=ox.NamedNode(_XSD + "decimal")),
        st.decimals(allow_nan=False, allow_infinity=False, places=3),
    ),
    st.builds(
        lambda x: ox.Literal(repr(x), datatype=ox.NamedNode(_XSD + "double")), st.floats(allow_nan=False)
    ),
    st.builds(
        lambda b: ox.Literal("true" if b else "false", datatype=ox.NamedNode(_XSD + "boolean")), st.booleans()
    ),
    st.builds(
        lambda t, d: ox.Literal(t, datatype=ox.NamedNode(d)),
        st.text(),
        st.sampled_from([_XSD + "gYearMonth", _XSD + "date", "urn:x:own"]),
    ),
    st.builds(lambda t: ox.NamedNode("urn:x:" + t), st.text(alphabet="abc-_.~0123456789", min_size=1)),
    st.builds(lambda t: ox.BlankNode(t), st.text(alphabet="abcdef0123456789", min_size=1)),
)


@given(st.lists(_LITERALS, min_size=1, max_size=6))
def test_tsv_rows_read_every_term_as_the_terms_themselves_do(values):
    store = ox.Store()
    for index, value in enumerate(values):
        store.add(ox.Quad(ox.NamedNode(f"urn:s:{index}"), ox.NamedNode("urn:p"), value))
    query = "SELECT ?s ?o ?none WHERE { ?s <urn:p> ?o OPTIONAL { ?o <urn:q> ?none } }"
    expected = [tuple(_plain(term) for term in solution) for solution in store.query(query)]
    assert tsv_rows(store.query(query).serialize(format=ox.QueryResultsFormat.TSV).decode()) == expected


def test_centrality_and_communities_of_a_store_equal_those_of_its_full_graph(corpus):
    """A store is read as its weighted topology for these measures; the answers must not change."""
    from kg.analyze import centrality, communities

    graph = entity_graph(corpus)
    assert communities(graph).__len__() > 1
    assert centrality(corpus, top=None) == centrality(graph, top=None)
    assert communities(corpus) == communities(graph)
    assert centrality(corpus, top=None, by="betweenness") == centrality(graph, top=None, by="betweenness")
