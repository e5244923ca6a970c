"""Reading the store column by column gives the graph the analyses expect, whole or in part."""

from __future__ import annotations

import itertools
from pathlib import Path

import networkx as nx
import pytest

from kg.analyze import coinvestors, paths
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
