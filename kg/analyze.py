"""Network analysis of the entity graph: who is connected to whom, and how strongly.

The store is read property by property (:mod:`kg.graphread`) into a :class:`networkx.MultiDiGraph`
whose nodes are entities and whose edges are the direct relationships of the
fact types (``kgo:investedIn``, ``kgo:acquired`` …), one edge per distinct fact
with its amount, date, evidence and source articles. The analyses below take
that graph (or the store) and return plain dataclasses; the CLI only formats.
"""

from __future__ import annotations

import csv
import difflib
import io
import itertools
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal

import networkx as nx
from rdflib import URIRef
from rdflib.namespace import XSD

from kg.errors import InputError, QueryError
from kg.facttypes import STATUSES
from kg.graphread import (
    entity_candidates,
    entity_graph,
    entity_nodes,
    facts_between,
    shortest_path_graph,
    sorted_simple,
    topology,
)
from kg.graphread import local_name as _local
from kg.namespaces import KGID, KGO
from kg.query import text_table
from kg.store.base import Store

#: The named graph ``--save`` writes scores to (replaced on every save).
ANALYSIS_GRAPH = str(KGID["graph/analysis"])
#: Seed for Louvain and betweenness sampling, so repeated runs give the same answer.
DEFAULT_SEED = 42
#: Above this many nodes betweenness is estimated from a sample of source nodes.
BETWEENNESS_EXACT_LIMIT = 1000
#: Work budget for sampled betweenness: sources x (nodes + edges), about ten seconds.
BETWEENNESS_BUDGET = 3_000_000
FORMATS = ("table", "csv", "tsv", "json")
#: Fields holding amounts of money, shown as ``2.75bn`` in tables.
MONEY_FIELDS = frozenset({"amount", "received", "raised", "given"})
__all__ = ["entity_graph"]  # read by kg.graphread, re-exported here where callers expect it


# ------------------------------------------------------------------ the graph ---
def _number(value: object) -> int | float:
    """A sum from SPARQL as int when whole (amounts are whole currency units mostly)."""
    number = Decimal(str(value or 0))
    return int(number) if number == number.to_integral_value() else float(number)


GraphSource = Store | nx.MultiDiGraph


def as_graph(source: GraphSource) -> nx.MultiDiGraph:
    """The entity graph of a store, or the graph itself: analyses accept either."""
    return source if isinstance(source, nx.MultiDiGraph) else entity_graph(source)


def as_weighted(source: GraphSource) -> nx.MultiDiGraph:
    """For measures of the weighted undirected graph: a store is read as its weighted topology.

    Its undirected weights equal the full entity graph's (tested), so centrality and
    communities give the same answers, without reading every fact's values and evidence.
    """
    return source if isinstance(source, nx.MultiDiGraph) else topology(source, weighted=True)


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """A simple undirected graph; ``weight`` counts the facts linking each pair.

    An edge of a :func:`kg.graphread.topology` graph stands for ``count`` facts.
    """
    simple = nx.Graph()
    # sorted, so seeded algorithms (Louvain, sampling) do not depend on query result order
    simple.add_nodes_from(sorted(graph.nodes(data=True), key=lambda item: item[0]))
    for source, target, count in sorted(graph.edges(data="count", default=1)):
        if source == target:
            continue
        if simple.has_edge(source, target):
            simple[source][target]["weight"] += count
        else:
            simple.add_edge(source, target, weight=count)
    return simple


# -------------------------------------------------------------- entity lookup ---
def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """The node for ``name``: an IRI, or a label or alias (case-insensitive).

    A label match wins over an alias match; several matches of the same kind
    are an error that lists them, so the user can pass an IRI instead.
    """
    if name in graph:
        return name
    if name.startswith("kgid:") and str(KGID) + name[5:] in graph:
        return str(KGID) + name[5:]
    wanted = name.casefold().strip()
    by_label = [n for n, d in graph.nodes(data=True) if d["label"].casefold() == wanted]
    by_alias = [n for n, d in graph.nodes(data=True) if any(a.casefold() == wanted for a in d["aliases"])]
    for found in (by_label, by_alias):
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            listed = ", ".join(
                f"{graph.nodes[n]['label']} ({graph.nodes[n]['cls']}, {n})" for n in sorted(found)
            )
            raise InputError(f"{name!r} names several entities: {listed}; pass one of the IRIs")
    labels = {d["label"].casefold(): d["label"] for _, d in graph.nodes(data=True)}
    close = difflib.get_close_matches(wanted, list(labels), n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(repr(labels[c]) for c in close)}?)" if close else ""
    raise InputError(f"no entity named {name!r} in the graph{hint}")


# ----------------------------------------------------------------- formatting ---
def money(amount: object, currency: object) -> str:
    """``USD 2.75bn``: an amount as a reader scans it in a table."""
    if amount is None:
        return ""
    value = float(amount)  # type: ignore[arg-type]
    for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= size:
            text = f"{value / size:.2f}".rstrip("0").rstrip(".") + suffix
            break
    else:
        text = f"{value:g}"
    return f"{currency} {text}" if currency else text


def describe_edge(graph: nx.MultiDiGraph, source: str, target: str, data: dict) -> str:
    """``Amazon investedIn Anthropic (USD 4bn, 2024-03)``."""
    extras = [
        x
        for x in (
            money(data.get("amount"), data.get("currency")),
            data.get("date") or "",
            data.get("details", {}).get("title") or "",
        )
        if x
    ]
    text = f"{graph.nodes[source]['label']} {data['relation']} {graph.nodes[target]['label']}"
    return text + (f" ({', '.join(str(x) for x in extras)})" if extras else "")


def format_records(
    records: Sequence[object], fmt: str = "table", table_columns: dict[str, str] | None = None
) -> str:
    """Analysis results (dataclasses) as a text table, CSV, TSV or JSON.

    JSON keeps every field; table and CSV show ``table_columns`` (field ->
    header; lists are joined with ``; ``). Tables show amounts (fields in
    :data:`MONEY_FIELDS`) as ``150m``, CSV as plain numbers.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    dicts = [r.as_dict() if hasattr(r, "as_dict") else asdict(r) for r in records]  # type: ignore[call-overload]
    if fmt == "json":
        return json.dumps(dicts, ensure_ascii=False, indent=2)
    columns = table_columns or ({k: k for k in dicts[0]} if dicts else {})

    def cell(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, float):
            return f"{value:.4f}" if fmt == "table" else repr(value)
        if isinstance(value, list | tuple):
            return "; ".join(cell(v) for v in value)
        return str(value)

    def table_cell(key: str, value: object) -> str:
        if fmt == "table" and key in MONEY_FIELDS and isinstance(value, int | float):
            return money(value, None) if value else ("0" if value == 0 else "")
        return cell(value)

    rows = [[table_cell(key, d.get(key)) for key in columns] for d in dicts]
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(list(columns.values()))
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    return text_table(list(columns.values()), rows, max_width=70)


# ----------------------------------------------------------------- centrality ---
@dataclass(frozen=True)
class CentralityRow:
    entity: str
    label: str
    cls: str
    articles: int
    degree: int
    degree_centrality: float
    pagerank: float
    betweenness: float

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


CENTRALITY_MEASURES = ("pagerank", "degree", "betweenness")


def _betweenness(simple: nx.Graph, sample: int | None, seed: int) -> dict[str, float]:
    n = simple.number_of_nodes()
    if sample is None:  # exact when small, else as many sources as the budget allows
        budget = BETWEENNESS_BUDGET // max(1, n + simple.number_of_edges())
        sample = 0 if n <= BETWEENNESS_EXACT_LIMIT else max(32, min(300, budget))
    k = sample if 0 < sample < n else None
    return nx.betweenness_centrality(simple, k=k, seed=seed, normalized=True)


def scores(
    graph: nx.MultiDiGraph, *, sample: int | None = None, seed: int = DEFAULT_SEED
) -> dict[str, dict[str, float]]:
    """Degree centrality, PageRank and betweenness of every node, on the undirected graph.

    PageRank is weighted by the number of facts linking two entities.
    Betweenness is exact up to 1,000 nodes; above, it is estimated from
    ``sample`` source nodes (default: 32 to 300, fewer for bigger graphs;
    ``sample=0``: always exact).
    """
    simple = undirected(graph)
    if simple.number_of_nodes() == 0:
        return {"degree_centrality": {}, "pagerank": {}, "betweenness": {}}
    return {
        "degree_centrality": nx.degree_centrality(simple)
        if simple.number_of_nodes() > 1
        else dict.fromkeys(simple, 0.0),
        "pagerank": nx.pagerank(simple, weight="weight"),
        "betweenness": _betweenness(simple, sample, seed),
    }


def centrality(
    graph: GraphSource,
    *,
    top: int | None = 20,
    by: str = "pagerank",
    sample: int | None = None,
    seed: int = DEFAULT_SEED,
) -> list[CentralityRow]:
    """The most central entities by ``by`` (pagerank, degree or betweenness), best first."""
    graph = as_weighted(graph)
    if by not in CENTRALITY_MEASURES:
        raise InputError(f"unknown measure {by!r} (choose from {', '.join(CENTRALITY_MEASURES)})")
    measured = scores(graph, sample=sample, seed=seed)
    simple_degree = dict(undirected(graph).degree())
    rows = [
        CentralityRow(
            node,
            data["label"],
            data["cls"],
            data["articles"],
            simple_degree.get(node, 0),
            measured["degree_centrality"][node],
            measured["pagerank"][node],
            measured["betweenness"][node],
        )
        for node, data in graph.nodes(data=True)
    ]
    key = {
        "pagerank": lambda r: r.pagerank,
        "degree": lambda r: r.degree_centrality,
        "betweenness": lambda r: r.betweenness,
    }[by]
    rows.sort(key=lambda r: (-key(r), -r.pagerank, r.label.casefold()))
    return rows[:top] if top else rows


CENTRALITY_COLUMNS = {
    "label": "entity",
    "cls": "class",
    "articles": "articles",
    "degree": "degree",
    "degree_centrality": "degree_centrality",
    "pagerank": "pagerank",
    "betweenness": "betweenness",
}


# ---------------------------------------------------------------- communities ---
@dataclass(frozen=True)
class Community:
    number: int
    size: int
    #: member labels, most central (PageRank) first
    members: list[str]
    entities: list[str] = field(repr=False)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def communities(
    graph: GraphSource, *, seed: int = DEFAULT_SEED, resolution: float = 1.0, top: int | None = None
) -> list[Community]:
    """Louvain communities of the undirected graph, largest first, numbered from 1.

    The seed makes the answer repeatable; entities with no edge are left out
    (each would be a community of one).
    """
    graph = as_weighted(graph)
    simple = undirected(graph)
    simple.remove_nodes_from([n for n, d in simple.degree() if d == 0])
    if simple.number_of_nodes() == 0:
        return []
    rank = nx.pagerank(simple, weight="weight")
    found = nx.community.louvain_communities(simple, weight="weight", resolution=resolution, seed=seed)
    ordered = sorted(
        (sorted(c, key=lambda n: (-rank[n], graph.nodes[n]["label"].casefold())) for c in found),
        key=lambda members: (-len(members), graph.nodes[members[0]]["label"].casefold()),
    )
    result = [
        Community(i, len(members), [graph.nodes[n]["label"] for n in members], members)
        for i, members in enumerate(ordered, 1)
    ]
    return result[:top] if top else result


COMMUNITY_COLUMNS = {"number": "community", "size": "size", "members": "members"}


# ---------------------------------------------------------------------- paths ---
@dataclass(frozen=True)
class Hop:
    path: int
    hop: int
    source: str
    relation: str
    target: str
    amount: object
    currency: object
    date: object
    articles: list[str]
    evidence: list[str]
    source_iri: str
    target_iri: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _facts_between(graph: nx.MultiDiGraph, u: str, v: str) -> list[tuple[str, str, dict]]:
    found = [(u, v, d) for d in graph.get_edge_data(u, v, default={}).values()]
    found += [(v, u, d) for d in graph.get_edge_data(v, u, default={}).values()]
    return sorted(
        found, key=lambda e: (e[2]["relation"], str(e[2].get("date") or ""), str(e[2].get("amount")))
    )


def _stored_entity(store: Store, name: str) -> str:
    """:func:`find_entity` on a store, reading only the entities the store finds may be called ``name``."""
    try:
        return find_entity(entity_nodes(store, entity_candidates(store, name)), name)
    except InputError:  # no match (or several): the whole list of names, for the same error and hint
        return find_entity(entity_nodes(store), name)


def paths(graph: GraphSource, source: str, target: str, *, max_paths: int = 3) -> list[Hop]:
    """The shortest paths (up to ``max_paths``) between two entities, ignoring edge direction.

    ``source`` and ``target`` are names, aliases or IRIs. Each hop lists every
    fact linking its two entities (one row per fact), in the fact's own
    direction. No path: an empty list.
    """
    if isinstance(graph, nx.MultiDiGraph):
        start, end = find_entity(graph, source), find_entity(graph, target)
        simple: nx.Graph | None = sorted_simple(graph) if start != end else None
    else:
        # From a store, the search asks the store for neighbours from both ends until they
        # meet, and only the facts along the paths found are read: a small part of the graph.
        start, end = _stored_entity(graph, source), _stored_entity(graph, target)
        simple = shortest_path_graph(graph, start, end) if start != end else None
    if simple is None or start == end:
        return []
    try:
        found = list(itertools.islice(nx.all_shortest_paths(simple, start, end), max_paths))
    except nx.NetworkXNoPath:
        return []
    if not isinstance(graph, nx.MultiDiGraph):
        steps = {pair for nodes in found for pair in itertools.pairwise(nodes)}
        on_paths = entity_nodes(graph, {n for nodes in found for n in nodes})
        graph = entity_graph(graph, facts=facts_between(graph, steps), nodes=on_paths)
    found.sort(key=lambda p: [graph.nodes[n]["label"].casefold() for n in p])
    hops = []
    for number, nodes in enumerate(found, 1):
        for index, (u, v) in enumerate(itertools.pairwise(nodes), 1):
            for s, t, data in _facts_between(graph, u, v):
                hops.append(
                    Hop(
                        number,
                        index,
                        graph.nodes[s]["label"],
                        data["relation"],
                        graph.nodes[t]["label"],
                        data["amount"],
                        data["currency"],
                        data["date"],
                        list(data["articles"]),
                        list(data["evidence"]),
                        s,
                        t,
                    )
                )
    return hops


PATH_COLUMNS = {
    "path": "path",
    "hop": "hop",
    "source": "from",
    "relation": "relation",
    "target": "to",
    "amount": "amount",
    "currency": "currency",
    "date": "date",
    "articles": "articles",
}


# --------------------------------------------------------------- co-investors ---
@dataclass(frozen=True)
class CoInvestors:
    investor_a: str
    investor_b: str
    count: int
    companies: list[str]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def coinvestors(graph: GraphSource, *, top: int | None = None) -> list[CoInvestors]:
    """Pairs of investors that invested in the same companies: how many, and which.

    A pair counts each company once, however many rounds they shared.
    """
    # only who invested in whom matters here: a store is read as that topology alone
    graph = graph if isinstance(graph, nx.MultiDiGraph) else topology(graph, fact_types=("investment",))
    investors: dict[str, set[str]] = defaultdict(set)
    for source, target, data in graph.edges(data=True):
        if data["relation"] == "investedIn":
            investors[target].add(source)
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for company, backers in investors.items():
        ordered = sorted(backers, key=lambda n: graph.nodes[n]["label"].casefold())
        for a, b in itertools.combinations(ordered, 2):
            shared[(a, b)].add(company)

    def label(n: str) -> str:
        return graph.nodes[n]["label"]

    rows = [
        CoInvestors(label(a), label(b), len(cs), sorted((label(c) for c in cs), key=str.casefold))
        for (a, b), cs in shared.items()
    ]
    rows.sort(key=lambda r: (-r.count, r.investor_a.casefold(), r.investor_b.casefold()))
    return rows[:top] if top else rows


COINVESTOR_COLUMNS = {
    "investor_a": "investor",
    "investor_b": "co-investor",
    "count": "companies",
    "companies": "in",
}


# -------------------------------------------------------------------- funding ---
@dataclass(frozen=True)
class Funding:
    organization: str
    label: str
    currency: str
    #: money invested in it by named investors (investment facts)
    received: int | float
    #: money it raised in rounds (funding-round facts, investors not named)
    raised: int | float
    #: money it invested in others
    given: int | float
    deals: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


_FUNDING_QUERY = """
SELECT ?org ?name ?kind ?currency ?total ?deals WHERE {
  {
    SELECT ?org ?kind ?currency (SUM(?amount) AS ?total) (COUNT(*) AS ?deals) WHERE {
      {
        SELECT DISTINCT ?org ?other ?amount ?currency ?date ("received" AS ?kind) WHERE {
          ?f a kgo:Investment ; kgo:investee ?org ; kgo:investor ?other ; kgo:amount ?amount .
          OPTIONAL { ?f kgo:currency ?c } BIND(COALESCE(?c, "") AS ?currency)
          OPTIONAL { ?f kgo:date ?date } %(status)s
        }
      } UNION {
        SELECT DISTINCT ?org ?other ?amount ?currency ?date ("given" AS ?kind) WHERE {
          ?f a kgo:Investment ; kgo:investor ?org ; kgo:investee ?other ; kgo:amount ?amount .
          OPTIONAL { ?f kgo:currency ?c } BIND(COALESCE(?c, "") AS ?currency)
          OPTIONAL { ?f kgo:date ?date } %(status)s
        }
      } UNION {
        SELECT DISTINCT ?org ?amount ?currency ?date ("raised" AS ?kind) WHERE {
          ?f a kgo:FundingRound ; kgo:organization ?org ; kgo:amount ?amount .
          OPTIONAL { ?f kgo:currency ?c } BIND(COALESCE(?c, "") AS ?currency)
          OPTIONAL { ?f kgo:date ?date } %(status)s
        }
      }
    }
    GROUP BY ?org ?kind ?currency
  }
  OPTIONAL { SELECT ?org (MIN(?l) AS ?name) WHERE { ?org rdfs:label ?l } GROUP BY ?org }
}
"""


def funding(
    store: Store,
    *,
    top: int | None = None,
    currency: str | None = None,
    statuses: Sequence[str] | None = None,
) -> list[Funding]:
    """Money received, raised and given per organisation, summed per currency.

    The same deal stated by several articles (same parties, amount, currency
    and date) counts once. Rounds without named investors are ``raised``, apart
    from ``received``, because one article may state both the round and each
    investor's share. ``statuses`` keeps only deals with those statuses (a
    deal without one is ``completed``). Largest first (received + raised, then given).
    """
    status_filter = ""
    if statuses:
        unknown = sorted(set(statuses) - set(STATUSES))
        if unknown:
            raise InputError(f"unknown status {', '.join(unknown)} (choose from {', '.join(STATUSES)})")
        listed = ", ".join(f'"{s}"' for s in statuses)
        status_filter = (
            f'OPTIONAL {{ ?f kgo:status ?st }} FILTER(COALESCE(STR(?st), "completed") IN ({listed}))'
        )
    totals: dict[tuple[str, str], dict[str, object]] = {}
    for row in store.query(_FUNDING_QUERY % {"status": status_filter}).values():
        key = (str(row["org"]), str(row["currency"] or ""))
        entry = totals.setdefault(
            key, {"label": row["name"] or _local(key[0]), "received": 0, "raised": 0, "given": 0, "deals": 0}
        )
        entry[str(row["kind"])] = _number(row["total"])
        entry["deals"] = int(entry["deals"]) + int(row["deals"] or 0)  # type: ignore[call-overload]
    rows = [
        Funding(org, str(e["label"]), cur, e["received"], e["raised"], e["given"], e["deals"])  # type: ignore[arg-type]
        for (org, cur), e in totals.items()
        if currency is None or cur.upper() == currency.upper()
    ]
    rows.sort(key=lambda r: (-(r.received + r.raised), -r.given, r.label.casefold(), r.currency))
    return rows[:top] if top else rows


FUNDING_COLUMNS = {
    "label": "organisation",
    "currency": "currency",
    "received": "received",
    "raised": "raised",
    "given": "given",
    "deals": "deals",
}


# ----------------------------------------------------------------- neighbours ---
@dataclass(frozen=True)
class Neighbour:
    entity: str
    label: str
    cls: str
    hops: int
    #: the facts linking it to entities one hop nearer the centre
    links: list[str]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def neighbourhood(graph: nx.MultiDiGraph, center: str, *, hops: int = 1) -> nx.MultiDiGraph:
    """The subgraph of entities within ``hops`` of ``center`` (an IRI), edges in any direction."""
    distances = nx.single_source_shortest_path_length(undirected(graph), center, cutoff=hops)
    return graph.subgraph(distances).copy()


def neighbours(graph: GraphSource, entity: str, *, hops: int = 1, top: int | None = None) -> list[Neighbour]:
    """Entities within ``hops`` of ``entity`` (name, alias or IRI), nearest first."""
    graph = as_graph(graph)
    if hops < 1:
        raise InputError("--hops must be at least 1")
    center = find_entity(graph, entity)
    distances = nx.single_source_shortest_path_length(undirected(graph), center, cutoff=hops)
    rows = []
    for node, distance in distances.items():
        if node == center:
            continue
        links = []
        for other in nx.all_neighbors(graph, node):
            if distances.get(other) == distance - 1:
                links += [describe_edge(graph, s, t, d) for s, t, d in _facts_between(graph, node, other)]
        data = graph.nodes[node]
        rows.append(Neighbour(node, data["label"], data["cls"], distance, sorted(set(links))))
    rows.sort(key=lambda r: (r.hops, -len(r.links), r.label.casefold()))
    return rows[:top] if top else rows


NEIGHBOUR_COLUMNS = {"label": "entity", "cls": "class", "hops": "hops", "links": "via"}


# ----------------------------------------------------------------------- save ---
def _double(value: float) -> str:
    return f'"{value!r}"^^<{XSD.double}>'


def save_scores(
    store: Store, graph: GraphSource | None = None, *, sample: int | None = None, seed: int = DEFAULT_SEED
) -> int:
    """Write PageRank, degree centrality, betweenness and community of every entity to the store.

    They go to their own named graph (:data:`ANALYSIS_GRAPH`), replaced as a
    whole, so SPARQL can sort by ``kgo:pagerank`` and re-ingesting articles
    never mixes with them. Returns the number of triples written.
    """
    graph = as_graph(graph if graph is not None else store)
    measured = scores(graph, sample=sample, seed=seed)
    community_of = {n: c.number for c in communities(graph, seed=seed) for n in c.entities}
    lines = []
    for node in graph.nodes:
        subject = f"<{URIRef(node)}>"
        lines.append(f"{subject} <{KGO.pagerank}> {_double(measured['pagerank'][node])} .")
        lines.append(f"{subject} <{KGO.degreeCentrality}> {_double(measured['degree_centrality'][node])} .")
        lines.append(f"{subject} <{KGO.betweenness}> {_double(measured['betweenness'][node])} .")
        if node in community_of:
            lines.append(f'{subject} <{KGO.community}> "{community_of[node]}"^^<{XSD.integer}> .')
    store.replace_graphs([(ANALYSIS_GRAPH, "\n".join(lines))])
    return len(lines)
