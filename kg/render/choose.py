"""Which entities a page draws: by PageRank on the weighted topology, names read only where needed.

Choosing needs every node and the number of distinct deals between each pair,
nothing else: PageRank runs on that. Names decide only between nodes of equal
rank at the cut (and are read for those alone), and a drawn node's class,
names and mention count are read for the drawn nodes alone. So a store of
100,000 entities costs the reading of its facts' roles, not of every entity in
full. A prebuilt graph goes through the same choice (:func:`choose`), so both
draw the same nodes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

import networkx as nx

from kg.analyze import _stored_entity, find_entity
from kg.errors import InputError
from kg.graphread import (
    _add_missing_node,
    deal_counts,
    edge_facts,
    edges_of_rows,
    entity_graph,
    entity_iris,
    entity_labels,
    entity_nodes,
    fact_edges,
    fact_roles,
    fact_rows,
    roles_of_rows,
)
from kg.store.base import Store

#: nx.pagerank's defaults, which :func:`pagerank` reproduces exactly.
_ALPHA, _MAX_ITER, _TOL = 0.85, 100, 1.0e-6


def pagerank(nodes: list[str], weights: dict[tuple[str, str], float]) -> dict[str, float]:
    """``nx.pagerank(graph, weight="weight")`` of the undirected graph with these nodes (in this order) and weights.

    The same arithmetic on the same sparse matrix as networkx's SciPy
    implementation, so the same floats (ties at the cut stay ties), without
    building a networkx graph of every node first (a test compares the two).
    ``weights`` holds each pair once, no self-loops.
    """
    import numpy as np
    import scipy as sp

    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    rows = np.fromiter((index[u] for u, _ in weights), dtype=np.int64, count=len(weights))
    cols = np.fromiter((index[v] for _, v in weights), dtype=np.int64, count=len(weights))
    data = np.fromiter(weights.values(), dtype=float, count=len(weights))
    matrix = sp.sparse.coo_array(
        (np.concatenate([data, data]), (np.concatenate([rows, cols]), np.concatenate([cols, rows]))),
        shape=(n, n),
        dtype=float,
    ).asformat("csr")
    out = matrix.sum(axis=1)
    out[out != 0] = 1.0 / out[out != 0]
    matrix = sp.sparse.dia_array((out.T, 0), shape=matrix.shape).tocsr() @ matrix
    x = np.repeat(1.0 / n, n)
    p = np.repeat(1.0 / n, n)
    dangling = np.where(out == 0)[0]
    for _ in range(_MAX_ITER):
        last = x
        x = _ALPHA * (x @ matrix + sum(x[dangling]) * p) + (1 - _ALPHA) * p
        if np.absolute(x - last).sum() < n * _TOL:
            return dict(zip(nodes, map(float, x), strict=True))
    raise nx.PowerIterationFailedConvergence(_MAX_ITER)


def pair_weights(edges: Iterable[tuple[str, str, int]]) -> dict[tuple[str, str], int]:
    """(u, v) with u < v -> the summed ``count`` of the edges between them, as :func:`kg.analyze.undirected` weighs."""
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for source, target, count in edges:
        if source != target:
            weights[(source, target) if source < target else (target, source)] += count
    return weights


def within(adjacency: dict[str, set[str]], center: str, hops: int) -> set[str]:
    """The nodes within ``hops`` of ``center``, edges in any direction."""
    seen, frontier = {center}, [center]
    for _ in range(hops):
        frontier = [m for n in frontier for m in adjacency.get(n, ()) if m not in seen and not seen.add(m)]  # type: ignore[func-returns-value]
        if not frontier:
            break
    return seen


@dataclass(frozen=True)
class Choice:
    """The nodes to draw (in the graph's node order), the PageRank of each, and how many there were."""

    nodes: list[str]
    rank: dict[str, float]
    #: nodes the choice was made from (the neighbourhood with a focus, else every node)
    total: int
    center: str | None


def choose(
    order: list[str],
    weights: dict[tuple[str, str], int],
    *,
    center: str | None,
    limit: int | None,
    labels: Callable[[list[str]], dict[str, str]],
) -> Choice:
    """The ``limit`` most central of ``order``: the center first, then by PageRank, then by label.

    ``order`` is the graph's node order, which decides between equal labels
    too (as a stable sort of the graph's nodes would). ``labels`` is asked only
    for the nodes tied on rank across the cut.
    """
    members = set(order)
    if any(u not in members or v not in members for u, v in weights):  # a neighbourhood: its own pairs
        weights = {(u, v): w for (u, v), w in weights.items() if u in members and v in members}
    rank = pagerank(sorted(order), weights)
    if not limit or len(order) <= limit:
        return Choice(order, rank, len(order), center)

    def key(node: str) -> tuple[bool, float]:
        return (node != center, -rank[node])

    ranked = sorted(order, key=key)  # stable: equal keys keep the graph's order

    cut = key(ranked[limit - 1])
    first = limit - 1
    while first > 0 and key(ranked[first - 1]) == cut:
        first -= 1
    last = limit
    while last < len(ranked) and key(ranked[last]) == cut:
        last += 1
    tied = ranked[first:last]
    if len(tied) > limit - first:
        named = labels(tied)
        tied = sorted(tied, key=lambda n: named[n])
    chosen = set(ranked[:first]) | set(tied[: limit - first])
    return Choice([n for n in order if n in chosen], {n: rank[n] for n in chosen}, len(order), center)


def choose_in_graph(graph: nx.MultiDiGraph, *, focus: str | None, hops: int, limit: int | None) -> Choice:
    """:func:`choose` on a prebuilt entity graph (or neighbourhood of ``focus``)."""
    center = None
    order = list(graph.nodes)
    if focus is not None:
        if hops < 1:
            raise InputError("--hops must be at least 1")
        center = find_entity(graph, focus)
        adjacency: dict[str, set[str]] = defaultdict(set)
        for u, v in graph.edges():
            adjacency[u].add(v)
            adjacency[v].add(u)
        near = within(adjacency, center, hops)
        order = [n for n in order if n in near]
    weights = pair_weights(graph.edges(data="count", default=1))
    return choose(
        order,
        weights,
        center=center,
        limit=limit,
        labels=lambda nodes: {n: graph.nodes[n]["label"] for n in nodes},
    )


def from_store(
    store: Store, *, focus: str | None, hops: int, limit: int | None
) -> tuple[nx.MultiDiGraph, Choice, int]:
    """The drawn part of a store's entity graph (in full detail), the choice, and the store's node count.

    Reads the facts' roles (the weighted topology) and the entities' IRIs for
    the choice, then names, classes and mention counts of the drawn nodes and
    amounts, evidence and sources of the drawn facts only.
    """
    entities = entity_iris(store)
    # on the embedded store one hash join gives each fact's edge, without the facts' IRIs:
    # those are read for the edges of several rows (to count their deals) and for the drawn edges
    rows = fact_rows(store, entities=entities, facts=False)
    roles = fact_roles(store) if rows is None else None
    edges = edges_of_rows(rows) if rows is not None else fact_edges(store, roles=roles)
    if rows is not None:
        edges.update(edge_facts(store, [edge for edge, found in edges.items() if len(found) > 1]))
    counts = deal_counts(store, edges)
    # the node order of :func:`kg.graphread.topology`: entities by IRI, then untyped endpoints as met
    order = sorted(entities)
    untyped: set[str] = set()
    for source, _relation, target in sorted(e for e in edges if e[0] not in entities or e[2] not in entities):
        for node in (source, target):
            if node not in entities and node not in untyped:
                untyped.add(node)
                order.append(node)
    total = len(order)
    center = None
    if focus is not None:
        if hops < 1:
            raise InputError("--hops must be at least 1")
        center = _find(store, focus, set(order), entities)
        adjacency: dict[str, set[str]] = defaultdict(set)
        for source, _relation, target in edges:
            adjacency[source].add(target)
            adjacency[target].add(source)
        near = within(adjacency, center, hops)
        order = [n for n in order if n in near]

    def labels(nodes: list[str]) -> dict[str, str]:
        return entity_labels(store, nodes, entities)

    weights = pair_weights((s, t, counts.get((s, r, t), 1)) for s, r, t in edges)
    choice = choose(order, weights, center=center, limit=limit, labels=labels)
    drawn = set(choice.nodes)
    if rows is None:
        facts = {f for (s, _r, t), found in edges.items() if s in drawn and t in drawn for f in found}
    else:  # the drawn facts' classes and roles (between drawn nodes: all that is drawn of them)
        rows = fact_rows(store, within=drawn, check=False)
        facts = {row[0] for row in rows}  # type: ignore[union-attr]
        roles = roles_of_rows(rows)  # type: ignore[arg-type]
    nodes = entity_nodes(store, [n for n in choice.nodes if n in entities])
    for node in choice.nodes:
        _add_missing_node(nodes, node)
    detailed = entity_graph(store, facts=facts, nodes=nodes, roles=roles)
    if detailed.number_of_nodes() > len(choice.nodes):  # a fact of several parties reached beyond
        detailed = detailed.subgraph(choice.nodes).copy()
    return detailed, choice, total


def _find(store: Store, name: str, nodes: Collection[str], entities: Collection[str]) -> str:
    """:func:`kg.analyze.find_entity` over the store's nodes, reading only the candidates' names."""
    if name in nodes:
        return name
    untyped = sorted(n for n in nodes if n not in entities)
    if not untyped:
        return _stored_entity(store, name)
    # untyped endpoints are named by their IRI: let them compete as they would in the whole graph
    graph = entity_nodes(store)
    for node in untyped:
        _add_missing_node(graph, node)
    return find_entity(graph, name)
