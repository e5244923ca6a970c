"""Reading the store column by column gives the graph the analyses expect, whole or in part."""

from __future__ import annotations

import itertools
from pathlib import Path

import networkx as nx
import pytest

from kg.analyze import coinvestors, paths
from kg.errors import InputError
from kg.graphread import entity_graph, facts_between, topology
from kg.ingest import ingest
from kg.store.oxigraph import OxigraphStore

DATA = Path(__file__).parent / "data" / "analyze"


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    store = OxigraphStore(None)
    ingest([DATA / "network.jsonl"], store)
    return store


@pytest.fixture(scope="module")
def graph(store) -> nx.MultiDiGraph:
    return entity_graph(store)


def test_topology_has_the_entity_graphs_nodes_and_pairs(store, graph):
    topo = topology(store)
    assert dict(topo.nodes(data=True)) == {n: d for n, d in graph.nodes(data=True)}
    assert {(u, d["relation"], v) for u, v, d in topo.edges(data=True)} == {
        (u, d["relation"], v) for u, v, d in graph.edges(data=True)
    }
    assert topo.number_of_edges() <= graph.number_of_edges()


def test_a_graph_of_some_facts_holds_exactly_their_edges(store, graph):
    u, v, data = next(iter(graph.edges(data=True)))
    part = entity_graph(store, facts=facts_between(store, [(u, v)]))
    assert part.number_of_nodes() == graph.number_of_nodes()
    expected = [d for a, b, d in graph.edges(data=True) if {a, b} == {u, v}]
    got = [d for _, _, d in part.edges(data=True)]
    key = repr
    assert sorted(map(key, got)) == sorted(map(key, expected)) and data in got
    assert entity_graph(store, facts=[]).number_of_edges() == 0


def test_store_and_prebuilt_graph_give_the_same_paths_and_coinvestors(store, graph):
    assert coinvestors(store) == coinvestors(graph)
    labels = sorted(d["label"] for _, d in graph.nodes(data=True))
    for a, b in itertools.combinations(labels[:6], 2):
        assert paths(store, a, b) == paths(graph, a, b), (a, b)


def test_the_store_search_picks_the_same_paths_when_there_are_more_than_asked(store, graph):
    nodes = sorted(graph.nodes)
    for a, b in itertools.combinations(nodes, 2):  # IRIs: every pair, one path each
        assert paths(store, a, b, max_paths=1) == paths(graph, a, b, max_paths=1), (a, b)


def _tiny_store(entities: list[tuple[str, str, list[str]]], links: list[tuple[str, str]]) -> OxigraphStore:
    from kg.build import write
    from kg.facts import FactsDocument

    doc = {
        "schema": "kg-facts/1",
        "article": {"id": "names-1"},
        "entities": [{"id": i, "name": n, "type": "Organization", "aliases": a} for i, n, a in entities],
        "facts": [
            {"type": "partnership", "party_a": a, "party_b": b, "evidence": {"start": 0, "end": 1}}
            for a, b in links
        ],
    }
    store = OxigraphStore(None)
    write(store, [FactsDocument.from_dict(doc)])
    return store


def test_names_are_matched_as_on_the_graph_even_where_casefold_and_lowercase_differ():
    store = _tiny_store(
        [("a", "Große Werke", ["GW"]), ("c", "Ostwind", []), ("d", "Ende", []), ("e", "Insel", [])],
        [("a", "d"), ("c", "d")],
    )
    graph = entity_graph(store)
    for name in ("grosse werke", "GROSSE WERKE", "große werke", "gw", "ENDE"):  # "ß" casefolds to "ss"
        assert paths(store, name, "Ostwind") == paths(graph, name, "Ostwind") != [], name
    with pytest.raises(InputError, match="did you mean 'Ostwind'"):
        paths(store, "Ostwnd", "Ende")
    assert paths(store, "Insel", "Ende") == paths(graph, "Insel", "Ende") == []


def test_weighted_topology_gives_the_full_graphs_pagerank(store, graph):
    from kg.analyze import undirected

    topo = topology(store, weighted=True)
    full, light = undirected(graph), undirected(topo)
    assert sorted(full.edges(data="weight")) == sorted(light.edges(data="weight"))
    assert nx.pagerank(full, weight="weight") == nx.pagerank(light, weight="weight")


@pytest.mark.parametrize("options", [{"limit": 5}, {"limit": None}, {"focus": "Gamma", "hops": 1}])
def test_rendering_a_store_draws_what_rendering_its_graph_draws(store, graph, options):
    import re

    from kg.render import render

    def page(source) -> str:
        return re.sub(r'nonce="[^"]+"|nonce-[A-Za-z0-9_-]+', "", render(source, **options).html)

    assert page(store) == page(graph)


def test_a_partnership_with_several_parties_on_each_side_links_across_sides_only():
    """Two names on each side (a fact merged from two articles): every pair across the sides is an
    edge, stored once per unordered pair, and no edge joins two names of one side."""
    from kg.graphread import fact_edges, iri_column
    from kg.namespaces import KGO

    store = OxigraphStore(None)
    ingest([DATA / "network.jsonl"], store)
    fact = iri_column(store, f"SELECT ?f WHERE {{ ?f a <{KGO.Partnership}> }} LIMIT 1")[0]
    store.update(
        f"INSERT DATA {{ GRAPH <urn:test> {{ <{fact}> <{KGO.partyA}> <urn:x:aa> ; <{KGO.partyB}> <urn:x:zz> }} }}"
    )
    sides = {
        side: set(iri_column(store, f"SELECT ?e WHERE {{ <{fact}> <{KGO[side]}> ?e }}"))
        for side in ("partyA", "partyB")
    }
    got = {(u, v) for (u, _, v), facts in fact_edges(store).items() if fact in facts}
    expected = {tuple(sorted((a, b))) for a in sides["partyA"] for b in sides["partyB"]}
    assert got == expected and len(expected) == 4
    part = entity_graph(store, facts=[fact])
    assert {tuple(sorted((u, v))) for u, v in part.edges()} == expected
