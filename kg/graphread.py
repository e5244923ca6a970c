"""Read the entity graph out of a store fast: column by column, not row by row.

The analyses and the renderer need every entity and every direct relationship
with its amount, date and sources. One SELECT joining all of that gives one row
per (fact, article, optional value …) and one Python dict per row; at a
million triples that took 24 s. Here each property is read on its own as
(subject, value) pairs, with quad patterns on the embedded Oxigraph store (no
SPARQL parsing, no join) or one trivial SELECT per property on a remote
server, and the pairs are joined in dictionaries keyed by IRI.

Which properties are read comes from the ontology's own tables
(:data:`kg.facttypes.FACT_TYPES`, :data:`kg.build.rdf.ENTITY_CLASSES`), so a new
fact type or role needs no change here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import networkx as nx
from rdflib.namespace import PROV, RDF

from kg import joinread
from kg.build.rdf import ENTITY_CLASSES
from kg.facttypes import FACT_TYPES, FactType
from kg.joinread import shortcut_roles
from kg.namespaces import KGID, KGO, SCHEMA
from kg.query import sparql_literal
from kg.store.base import Store
from kg.storeread import (
    _VALUES_BATCH,
    _Columns,
    _least,
    _restricted,
    iri_column,
    iri_links,
    iri_rows,
    local_name,
    numbered,
    rows,
)

#: Literal fields kept on an edge besides amount/currency/date/status.
DETAIL_FIELDS = {
    "stake_percent": KGO.stakePercent,
    "round": KGO.round,
    "title": KGO.title,
    "current": KGO.current,
    "what": KGO.what,
}
_CLASS_NAMES = {str(iri): name for name, iri in ENTITY_CLASSES.items()}
_CLASS_ORDER = {str(iri): i for i, iri in enumerate(ENTITY_CLASSES.values())}


_ENTITY_VALUES = " ".join(f"<{iri}>" for iri in ENTITY_CLASSES.values())
#: Entities and their classes, names and article counts: small answers the store aggregates itself.
_CLASSES_QUERY = f"SELECT DISTINCT ?e ?c WHERE {{ VALUES ?c {{ {_ENTITY_VALUES} }} ?e a ?c }}"
_NAMES_QUERY = f"""SELECT DISTINCT ?e ?name ?alias WHERE {{
  VALUES ?c {{ {_ENTITY_VALUES} }} ?e a ?c .
  {{ ?e rdfs:label ?name BIND(false AS ?alias) }} UNION {{ ?e skos:altLabel ?name BIND(true AS ?alias) }}
}}"""
_MENTIONS_QUERY = "SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a schema:mentions ?e } GROUP BY ?e"
#: The same two for some entities (``VALUES ?e`` put first): the classes as a FILTER, because
#: pyoxigraph 0.5 joins a second VALUES block first and so reads every entity (seconds, not ms).
_ENTITY_FILTER = f"FILTER(?c IN ({', '.join(f'<{iri}>' for iri in ENTITY_CLASSES.values())}))"
_CLASSES_OF_QUERY = f"SELECT DISTINCT ?e ?c WHERE {{ ?e a ?c {_ENTITY_FILTER} }}"
_NAMES_OF_QUERY = _NAMES_QUERY.replace(
    f"VALUES ?c {{ {_ENTITY_VALUES} }} ?e a ?c .", f"?e a ?c {_ENTITY_FILTER}"
)
_ENTITIES_QUERY = f"SELECT DISTINCT ?e WHERE {{ VALUES ?c {{ {_ENTITY_VALUES} }} ?e a ?c }}"
_LABELS_QUERY = "SELECT ?e ?name WHERE { ?e rdfs:label ?name }"
#: Above this many nodes, reading every label beats a VALUES query per batch of them.
_LABEL_SCAN = 20_000


def _ordered(values: Iterable) -> list:
    """Sorted, without sorting's cost for the usual one value."""
    listed = list(values)
    return sorted(listed) if len(listed) > 1 else listed


def entity_nodes(store: Store, entities: Collection[str] | None = None) -> nx.MultiDiGraph:
    """A graph of every entity (``label``, ``cls``, ``aliases``, ``articles``) and no edges yet.

    ``entities`` (IRIs) limits it to those of them the store holds as entities.
    """

    def read(query: str) -> list[tuple[object, ...]]:
        return [row for q in _restricted(query, "e", entities) for row in rows(store, q)]

    classes: dict[str, str] = {}
    for subject, cls in read(_CLASSES_QUERY if entities is None else _CLASSES_OF_QUERY):
        old = classes.get(subject)  # type: ignore[call-overload]
        if old is None or _CLASS_ORDER[cls] < _CLASS_ORDER[old]:  # type: ignore[index]
            classes[subject] = cls  # type: ignore[index,assignment]
    labels: dict[str, str] = {}
    names: dict[str, set[str]] = defaultdict(set)
    for subject, name, is_alias in read(_NAMES_QUERY if entities is None else _NAMES_OF_QUERY):
        names[subject].add(str(name))  # type: ignore[index]
        if not is_alias and (subject not in labels or str(name) < labels[subject]):  # type: ignore[index,operator]
            labels[subject] = str(name)  # type: ignore[index]
    mentions = dict(read(_MENTIONS_QUERY))  # type: ignore[arg-type]

    graph = nx.MultiDiGraph()
    for iri in sorted(classes):
        label = labels.get(iri) or local_name(iri)
        graph.add_node(
            iri,
            label=label,
            cls=_CLASS_NAMES[classes[iri]],
            articles=int(mentions.get(iri, 0)),  # type: ignore[call-overload]
            aliases=sorted(names.get(iri, set()) - {label}),
        )
    graph.graph["headlines"] = {}
    return graph


def _add_missing_node(graph: nx.MultiDiGraph, node: str) -> None:
    if node not in graph:  # an entity typed nowhere: keep the edge, name it from its IRI
        graph.add_node(node, label=local_name(node), cls="Entity", articles=0, aliases=[])


def _shortcut_types(names: Collection[str] | None = None) -> dict[str, FactType]:
    return {
        str(ft.rdf_class): ft
        for ft in FACT_TYPES.values()
        if ft.shortcut is not None and (names is None or ft.name in names)
    }


@dataclass(frozen=True)
class FactRoles:
    """The facts of the classes with a shortcut edge, and their role values (IRIs), as read by :func:`fact_roles`."""

    #: fact -> its class IRI
    types: dict[str, str]
    #: role property -> (fact -> its one value, fact -> its values when it has several)
    values: dict[str, tuple[dict[str, str], dict[str, set[str]]]]

    def of(self, prop: str, fact: str) -> set[str]:
        one, many = self.values.get(prop, ({}, {}))
        value = one.get(fact)
        return {value} if value is not None else set(many.get(fact, ()))


def fact_roles(store: Store, fact_types: Collection[str] | None = None) -> FactRoles:
    """The facts of each class with a shortcut edge and their roles, column by column.

    One indexed scan per property moves each value out of the store once, where
    a SPARQL join of the same properties costs the store a lookup per fact (on
    the embedded store :func:`fact_rows` joins them faster).
    """
    shortcut_types = _shortcut_types(fact_types)
    # one class at a time: the store then writes out only the facts, not their class beside each
    types = {
        fact: cls
        for cls in shortcut_types
        for fact in iri_column(store, f"SELECT ?f WHERE {{ ?f a <{cls}> }}")
    }
    role_props = {
        str(ft.roles[r]) for ft in shortcut_types.values() for r in (ft.shortcut[0], ft.shortcut[2])
    }  # type: ignore[index]
    values = {prop: _split_single(iri_links(store, prop)) for prop in sorted(role_props)}
    return FactRoles(types, values)


#: (fact, its class IRI, source, target): one combination of a fact's values of the two roles of its edge
FactRow = tuple[str, str, str, str]


def fact_rows(
    store: Store,
    fact_types: Collection[str] | None = None,
    *,
    entities: Collection[str] | None = None,
    within: Collection[str] | None = None,
    facts: bool = True,
    check: bool = True,
) -> list[FactRow] | None:
    """Every fact of a class with a shortcut edge with its two roles, from one hash join (embedded store only).

    What :func:`fact_roles` reads, for the facts with both roles (all that edges
    are made of), in one query instead of a column per class and role: the fact
    IRIs are written out once instead of three times, or not at all without
    ``facts`` (their place holds ""), and the role values as numbers
    (:func:`kg.joinread.shortcut_roles`). ``entities`` (the store's entity IRIs,
    from :func:`entity_iris`) saves reading those; ``within`` keeps only the facts
    with both ends among these IRIs. None on a server, or when a fact has two such
    classes (checked unless ``check`` is false): read the columns then.
    """
    if getattr(store, "_run", None) is None:
        return None
    classes = [
        (cls, str(ft.roles[ft.shortcut[0]]), str(ft.roles[ft.shortcut[2]]))  # type: ignore[index]
        for cls, ft in _shortcut_types(fact_types).items()
    ]
    ends = within if within is not None else entity_iris(store) if entities is None else entities
    return shortcut_roles(store, classes, sorted(ends), facts=facts, within=within is not None, check=check)


def edge_facts(
    store: Store, edges: Collection[tuple[str, str, str]]
) -> dict[tuple[str, str, str], list[str]]:
    """(source, relation IRI, target) -> the facts behind it (as :func:`fact_edges` has them), for these edges only.

    One lookup per pair: for the few edges that :func:`fact_rows` without facts
    found more than one row for.
    """
    found: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    wanted = set(edges)
    for cls, ft in _shortcut_types().items():
        subject_role, predicate, object_role = ft.shortcut  # type: ignore[misc]
        relation = str(predicate)
        pairs_ = sorted(
            {
                p
                for s, r, t in wanted
                if r == relation
                for p in ([(s, t), (t, s)] if ft.symmetric else [(s, t)])
            }
        )
        for start in range(0, len(pairs_), _VALUES_BATCH):
            values = " ".join(f"(<{s}> <{t}>)" for s, t in pairs_[start : start + _VALUES_BATCH])
            query = (
                f"SELECT ?f ?s ?o WHERE {{ VALUES (?s ?o) {{ {values} }} ?f <{ft.roles[subject_role]}> ?s . "
                f"?f <{ft.roles[object_role]}> ?o . ?f a <{cls}> }}"
            )
            for row in iri_rows(store, query):
                if len(row) == 3:
                    fact, source, target = row
                    if ft.symmetric and target < source:
                        source, target = target, source
                    if (source, relation, target) in wanted:
                        found[(source, relation, target)].append(fact)
    return found


def edges_of_rows(rows: Iterable[FactRow]) -> dict[tuple[str, str, str], list[str]]:
    """:func:`fact_edges` from :func:`fact_rows`."""
    shortcut_types = _shortcut_types()
    kinds = {cls: (str(ft.shortcut[1]), ft.symmetric) for cls, ft in shortcut_types.items()}  # type: ignore[index]
    edges: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for fact, cls, source, target in rows:
        relation, symmetric = kinds[cls]
        if symmetric and target < source:
            source, target = target, source  # one edge per unordered pair
        edges[(source, relation, target)].append(fact)
    return edges


def roles_of_rows(rows: Iterable[FactRow]) -> FactRoles:
    """:func:`fact_roles` from :func:`fact_rows` (of the facts in ``rows`` only)."""
    shortcut_types = _shortcut_types()
    types: dict[str, str] = {}
    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for fact, cls, source, target in rows:
        ft = shortcut_types[cls]
        types[fact] = cls
        pairs[str(ft.roles[ft.shortcut[0]])].append((fact, source))  # type: ignore[index]
        pairs[str(ft.roles[ft.shortcut[2]])].append((fact, target))  # type: ignore[index]
    return FactRoles(types, {prop: _split_single(found) for prop, found in sorted(pairs.items())})


def fact_edges(
    store: Store, fact_types: Collection[str] | None = None, *, roles: FactRoles | None = None
) -> dict[tuple[str, str, str], list[str]]:
    """(source, relation IRI, target) -> the facts behind that edge of the entity graph.

    ``roles`` (from :func:`fact_roles`) saves reading them again.
    """
    shortcut_types = _shortcut_types(fact_types)
    if not shortcut_types:
        return {}
    if roles is None:
        rows = fact_rows(store, fact_types)
        if rows is not None:
            return edges_of_rows(rows)
        roles = fact_roles(store, fact_types)
    by_type: dict[str, list[str]] = defaultdict(list)
    for fact, cls in roles.types.items():
        if cls in shortcut_types:
            by_type[cls].append(fact)
    edges: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for cls, facts in by_type.items():
        ft = shortcut_types[cls]
        subject_role, predicate, object_role = ft.shortcut  # type: ignore[misc]
        relation = str(predicate)
        (one_source, many_sources), (one_target, many_targets) = (
            roles.values[str(ft.roles[subject_role])],
            roles.values[str(ft.roles[object_role])],
        )
        for fact, source, target in zip(
            facts, map(one_source.get, facts), map(one_target.get, facts), strict=True
        ):
            if source is not None and target is not None:  # the usual fact: one of each
                if ft.symmetric and target < source:
                    source, target = target, source  # one edge per unordered pair
                edges[(source, relation, target)].append(fact)
                continue
            for one in many_sources.get(fact, ()) if source is None else (source,):
                for other in many_targets.get(fact, ()) if target is None else (target,):
                    # one edge per unordered pair, without renaming the loop's own names
                    a, b = (other, one) if ft.symmetric and other < one else (one, other)
                    edges[(a, relation, b)].append(fact)
    return edges


def _split_single(pairs: Iterable[tuple[str, str]]) -> tuple[dict[str, str], dict[str, set[str]]]:
    """(subject -> its one value, subject -> its values when it has several).

    Most facts have one value per role: a plain dict of those is built at C speed
    and only the rest are grouped into sets.
    """
    listed = list(pairs)
    one = dict(listed)
    if len(one) == len(listed):
        return one, {}
    many: dict[str, set[str]] = defaultdict(set)
    for subject, value in listed:
        many[subject].add(value)
    for subject, values in many.items():
        if len(values) > 1:
            del one[subject]
    return one, {subject: values for subject, values in many.items() if len(values) > 1}


def _deal_keys(store: Store, facts: Collection[str]) -> dict[str, tuple]:
    """fact -> what makes it a distinct edge of :func:`entity_graph`: amount, currency, date, details."""
    if not facts:
        return {}
    columns = _Columns(
        store,
        facts,
        [*(str(p) for p in (KGO.amount, KGO.currency, KGO.date)), *map(str, DETAIL_FIELDS.values())],
    )
    amount, currency, date = (columns.first(str(p)) for p in (KGO.amount, KGO.currency, KGO.date))
    details_of = {name: columns.first(str(prop)) for name, prop in DETAIL_FIELDS.items()}
    return {
        f: (
            amount.get(f),
            currency.get(f),
            date.get(f),
            tuple(sorted((name, values[f]) for name, values in details_of.items() if f in values)),
        )
        for f in facts
    }


def deal_counts(
    store: Store, edges: dict[tuple[str, str, str], list[str]]
) -> dict[tuple[str, str, str], int]:
    """Edge -> the distinct deals (amount, currency, date, details) behind it, for edges of several facts.

    Every other edge counts one; the values are read for those facts only.
    """
    keys = _deal_keys(store, {f for facts in edges.values() if len(facts) > 1 for f in facts})
    return {edge: len({keys[f] for f in facts}) for edge, facts in edges.items() if len(facts) > 1}


def weighted_edges(
    store: Store, fact_types: Collection[str] | None = None, *, weighted: bool = False
) -> list[tuple[str, str, str, int, list[str]]]:
    """(source, relation, target, count, facts) of each related pair and relation, sorted.

    ``relation`` is the local name (``investedIn``); ``count`` is 1, or with
    ``weighted`` the distinct deals behind the edge (see :func:`topology`).
    """
    edges = fact_edges(store, fact_types)
    counts = deal_counts(store, edges) if weighted else {}
    return [
        (
            source,
            local_name(relation),
            target,
            counts.get((source, relation, target), 1),
            _ordered(set(facts)),
        )
        for (source, relation, target), facts in sorted(edges.items())
    ]


def topology(
    store: Store, fact_types: Collection[str] | None = None, *, weighted: bool = False
) -> nx.MultiDiGraph:
    """Every entity, and one edge per related pair and relation, with ``relation`` and ``facts`` on it.

    Enough for reachability and co-investment, at a fraction of the cost of
    :func:`entity_graph`: only the fact classes and roles are read.
    ``fact_types`` (names such as ``investment``) limits the edges.
    ``weighted`` also counts on each edge (``count``) the distinct deals behind
    it (amount, currency, date, details), so PageRank on it equals PageRank on
    the full entity graph; the values are read only for pairs linked by more than one fact.
    """
    graph = entity_nodes(store)
    for source, relation, target, count, facts in weighted_edges(store, fact_types, weighted=weighted):
        _add_missing_node(graph, source)
        _add_missing_node(graph, target)
        graph.add_edge(source, target, relation=relation, count=count, facts=facts)
    return graph


def entity_iris(store: Store) -> set[str]:
    """The IRI of every entity (a subject typed with an entity class), and nothing else about them."""
    return set(iri_column(store, _ENTITIES_QUERY))


def entity_labels(store: Store, nodes: Collection[str], entities: Collection[str]) -> dict[str, str]:
    """node -> its ``label`` as :func:`entity_nodes` gives it; ``entities``: which nodes are typed entities.

    Many nodes (a tie across thousands): one scan of every label instead of a VALUES query per batch.
    """
    typed = {n for n in nodes if n in entities}
    if len(typed) > _LABEL_SCAN:
        found = [row for row in rows(store, _LABELS_QUERY) if row[0] in typed]
    else:
        found = [row for query in _restricted(_LABELS_QUERY, "e", typed) for row in rows(store, query)]
    labels: dict[str, str] = {}
    for subject, name in found:
        text = str(name)
        if subject not in labels or text < labels[subject]:  # type: ignore[index,operator]
            labels[subject] = text  # type: ignore[index]
    return {n: labels.get(n) or local_name(n) for n in nodes}


def _shortcut_predicates() -> list[str]:
    return sorted({str(ft.shortcut[1]) for ft in _shortcut_types().values()})  # type: ignore[index]


def _expand(store: Store, frontier: list[str], adjacency: dict[str, set[str]]) -> None:
    """Record in ``adjacency`` (both ways) every direct entity-to-entity edge of the frontier's nodes.

    The shared graph states each fact's edge directly (``kgo:investedIn`` …). On the
    embedded store each node is looked up in the indexes (a SPARQL ``VALUES`` join over
    many nodes is far slower there); on a server, one query per batch of nodes.
    """

    def add(node: str, other: str) -> None:
        if node != other:
            adjacency[node].add(other)
            adjacency[other].add(node)

    predicates = _shortcut_predicates()
    backend = getattr(store, "oxigraph", None)
    if backend is not None:
        import pyoxigraph as ox

        named = [ox.NamedNode(p) for p in predicates]
        for node in frontier:
            term = ox.NamedNode(node)
            for predicate in named:
                for quad in backend.quads_for_pattern(term, predicate, None):
                    if isinstance(quad.object, ox.NamedNode):
                        add(node, quad.object.value)
                for quad in backend.quads_for_pattern(None, predicate, term):
                    if isinstance(quad.subject, ox.NamedNode):
                        add(node, quad.subject.value)
        return
    kinds = " ".join(f"<{p}>" for p in predicates)
    for start in range(0, len(frontier), _VALUES_BATCH):
        values = " ".join(f"<{n}>" for n in frontier[start : start + _VALUES_BATCH])
        for pattern in ("?n ?p ?m", "?m ?p ?n"):
            query = f"SELECT ?n ?m WHERE {{ VALUES ?n {{ {values} }} VALUES ?p {{ {kinds} }} {pattern} FILTER(isIRI(?m)) }}"
            for node, other in rows(store, query):
                add(str(node), str(other))


def shortest_path_graph(store: Store, start: str, end: str) -> nx.Graph | None:
    """The undirected graph of every node and edge on the shortest paths from ``start`` to ``end``.

    A breadth-first search from both ends at once, asking the store for the
    neighbours of the smaller frontier at each step, so only the part of the
    graph within reach of both ends is read (a small world is crossed in a few
    steps). Edges join in sorted order, so each node's neighbours are in IRI
    order as in :func:`sorted_simple`: ``nx.all_shortest_paths`` then lists
    the paths in the order it lists them on the whole graph. None: no path.
    """
    adjacency: dict[str, set[str]] = defaultdict(set)
    levels = {start: [[start]], end: [[end]]}
    seen = {start: {start: 0}, end: {end: 0}}
    meet: set[str] = set()
    while not meet:
        side = min((start, end), key=lambda s: len(levels[s][-1]))
        frontier = levels[side][-1]
        if not frontier:
            return None
        _expand(store, frontier, adjacency)
        level, other = len(levels[side]), end if side == start else start
        grown = [v for v in sorted({v for u in frontier for v in adjacency[u]}) if v not in seen[side]]
        seen[side].update((v, level) for v in grown)
        levels[side].append(grown)
        meet = {v for v in grown if v in seen[other]}
    on_path: set[str] = set()
    for side in (start, end):
        wanted = meet  # walk back from the meeting nodes level by level, keeping nodes next to a kept one
        depth = seen[side][next(iter(meet))]
        for level in range(depth - 1, -1, -1):
            wanted = {u for u in levels[side][level] if adjacency[u] & wanted}
            on_path |= wanted
    on_path |= meet
    simple = nx.Graph()
    simple.add_nodes_from(sorted(on_path))
    simple.add_edges_from(
        sorted({(min(u, v), max(u, v)) for u in on_path for v in adjacency[u] if v in on_path})
    )
    return simple


def sorted_simple(graph: nx.MultiDiGraph) -> nx.Graph:
    """The graph undirected and simple, each node's neighbours in IRI order (see :func:`shortest_path_graph`)."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_edges_from(sorted({(min(u, v), max(u, v)) for u, v in graph.edges() if u != v}))
    return simple


_IRI_UNSAFE = re.compile(r'[\s<>"{}|\\^`]')


def entity_candidates(store: Store, name: str) -> set[str]:
    """The entities the store holds that are, or are called, ``name`` (an IRI, or a label or alias, any case).

    The store compares lower case (``LCASE``), which is Python's casefold for
    all but a few hundred characters (``ß`` folds to ``ss`` …); :func:`kg.analyze.find_entity`
    decides on the candidates and reads every name when none matches, so a name
    written with those characters is still found.
    """
    if name.startswith(("http://", "https://", "urn:", "kgid:")):
        iri = str(KGID) + name[5:] if name.startswith("kgid:") else name
        if not _IRI_UNSAFE.search(iri) and rows(
            store, f"SELECT ?c WHERE {{ VALUES ?c {{ {_ENTITY_VALUES} }} <{iri}> a ?c }} LIMIT 1"
        ):
            return {iri}
    query = (
        f"SELECT DISTINCT ?e WHERE {{ VALUES ?c {{ {_ENTITY_VALUES} }} ?e a ?c . "
        "VALUES ?p { rdfs:label skos:altLabel } ?e ?p ?name . "
        f"FILTER(isLiteral(?name) && LCASE(STR(?name)) = {sparql_literal(name.casefold().strip())}) }}"
    )
    return {str(row[0]) for row in rows(store, query)}


def facts_between(store: Store, pairs_: Iterable[tuple[str, str]]) -> set[str]:
    """The IRIs of the facts that link any of the (entity, entity) pairs, in either direction."""
    wanted = sorted({p for a, b in pairs_ for p in ((a, b), (b, a))})
    found: set[str] = set()
    for cls, ft in _shortcut_types().items():
        subject_role, _predicate, object_role = ft.shortcut  # type: ignore[misc]
        for start in range(0, len(wanted), _VALUES_BATCH):
            values = " ".join(f"(<{a}> <{b}>)" for a, b in wanted[start : start + _VALUES_BATCH])
            query = (
                f"SELECT DISTINCT ?f WHERE {{ VALUES (?s ?o) {{ {values} }} ?f a <{cls}> ; "
                f"<{ft.roles[subject_role]}> ?s ; <{ft.roles[object_role]}> ?o }}"
            )
            found.update(str(row[0]) for row in rows(store, query))
    return found


def _statements_of(store: Store) -> dict[str, set]:
    """fact -> the statements of it (``kgo:statementOf``)."""
    out: dict[str, set] = defaultdict(set)
    for statement, fact in rows(store, f"SELECT ?s ?f WHERE {{ ?s <{KGO.statementOf}> ?f }}"):
        out[str(fact)].add(statement)
    return out


def _evidence_of(store: Store, facts: Collection[str] | None) -> dict[str, set]:
    """fact -> the evidence texts of its statements, for all facts (two scans) or only these.

    For some facts one query per batch joins statement and text in the store:
    half the cost of reading the statements and then their texts.
    """
    if facts is not None:
        out: dict[str, set] = defaultdict(set)
        for batch, values in numbered(facts, "f"):
            query = (
                f"SELECT ?n ?e WHERE {{ {values} ?s <{KGO.statementOf}> ?f . ?s <{KGO.evidenceText}> ?e }}"
            )
            for n, text in rows(store, query):
                out[batch[n]].add(text)  # type: ignore[call-overload]
        return out
    statements_of = _statements_of(store)
    statement_evidence = _Columns(store, None, [str(KGO.evidenceText)]).sets(str(KGO.evidenceText))
    return {
        fact: {e for s in stmts for e in statement_evidence.get(s, ())}
        for fact, stmts in statements_of.items()
    }


def entity_graph(
    store: Store,
    *,
    facts: Collection[str] | None = None,
    nodes: nx.MultiDiGraph | None = None,
    roles: FactRoles | None = None,
) -> nx.MultiDiGraph:
    """The entity graph: entities as nodes, direct relationships as edges.

    Nodes are entity IRIs with ``label``, ``cls`` (Organization …), ``aliases``
    and ``articles`` (how many articles mention them). Each edge is one
    distinct fact (the same deal stated by two articles is one edge with two
    sources): ``relation`` (``investedIn`` …), ``fact_type``, ``amount``,
    ``currency``, ``date``, ``status``, ``details`` (title, round, stake …),
    ``articles`` (ids), ``evidence`` (sentences) and ``facts`` (fact IRIs).
    Symmetric relations (partnerships) are one edge, not two. The article
    headlines are in ``graph.graph["headlines"]``. ``facts`` (fact IRIs) limits
    the edges to those facts, read with a few indexed lookups; ``nodes`` (a
    graph read from the same store) saves reading the entities again, and
    ``roles`` (:func:`fact_roles` of the same store) their classes and roles.
    """
    shortcut_types = _shortcut_types()
    if nodes is None:
        graph = entity_nodes(store)
    else:
        graph = nx.MultiDiGraph()
        graph.add_nodes_from((n, dict(d)) for n, d in nodes.nodes(data=True))

    fact_values = " ".join(f"<{cls}>" for cls in shortcut_types)
    role_props = sorted(
        {str(ft.roles[r]) for ft in shortcut_types.values() for r in (ft.shortcut[0], ft.shortcut[2])}  # type: ignore[index]
    )
    known = roles if facts is not None else None  # classes and roles of these facts known: read the rest
    fact_properties = [str(p) for p in (KGO.amount, KGO.currency, KGO.date, KGO.status, KGO.disputed)]
    fact_properties += [] if known else [str(RDF.type), *role_props]
    # some facts on the embedded store: evidence and sources come from hash joins (kg.joinread)
    joined = facts is not None and getattr(store, "_run", None) is not None
    fact_properties += [] if joined else [str(PROV.wasDerivedFrom)]
    fact_properties += map(str, DETAIL_FIELDS.values())
    fact_columns = _Columns(
        store,
        None if facts is None else set(facts),
        fact_properties,
        read=joinread.properties if joined else None,
    )
    if known is not None and facts is not None:
        facts_of_type = {f: known.types[f] for f in facts if known.types.get(f) in shortcut_types}
        role_values: dict[str, dict[str, set]] = defaultdict(dict)
        for fact, cls in facts_of_type.items():
            ft = shortcut_types[cls]
            for role in (ft.shortcut[0], ft.shortcut[2]):  # type: ignore[index]
                prop = str(ft.roles[role])
                role_values[prop][fact] = known.of(prop, fact)
    elif facts is None:
        facts_of_type = dict(rows(store, f"SELECT ?f ?c WHERE {{ VALUES ?c {{ {fact_values} }} ?f a ?c }}"))
        role_values = {prop: fact_columns.sets(prop) for prop in role_props}
    else:
        facts_of_type = {f: c for f, c in fact_columns.pairs(str(RDF.type)) if c in shortcut_types}
        role_values = {prop: fact_columns.sets(prop) for prop in role_props}
    amount, currency = fact_columns.first(str(KGO.amount)), fact_columns.first(str(KGO.currency))
    date, status = fact_columns.first(str(KGO.date)), fact_columns.first(str(KGO.status))
    details_of = {name: fact_columns.first(str(prop)) for name, prop in DETAIL_FIELDS.items()}
    # evidence sits on each source's statement of the fact (kgo:statementOf)
    disputed = fact_columns.first(str(KGO.disputed))
    if joined:
        some = sorted(facts_of_type)
        evidence_of = joinread.evidence(store, some, str(KGO.statementOf), str(KGO.evidenceText))
        sources_of, ids, titles = joinread.sources(
            store, sorted(facts), str(PROV.wasDerivedFrom), str(SCHEMA.identifier), str(SCHEMA.headline)
        )
        article_ids = _least((a, v) for a, found in ids.items() for v in found)
        headline_of = _least((a, v) for a, found in titles.items() for v in found)
    else:
        evidence_of = _evidence_of(store, None if facts is None else set(facts_of_type))
        sources_of = fact_columns.sets(str(PROV.wasDerivedFrom))
        articles_read = None if facts is None else {str(a) for found in sources_of.values() for a in found}
        article_columns = _Columns(store, articles_read, [str(SCHEMA.identifier), str(SCHEMA.headline)])
        article_ids = article_columns.first(str(SCHEMA.identifier))
        headline_of = article_columns.first(str(SCHEMA.headline))

    headlines = {str(article_ids[a]): str(h) for a, h in headline_of.items() if a in article_ids}
    edges: dict[tuple, dict] = {}
    no_roles: dict[str, set] = {}
    for fact in sorted(facts_of_type):
        ft = shortcut_types[facts_of_type[fact]]
        subject_role, predicate, object_role = ft.shortcut  # type: ignore[misc]
        sources = role_values.get(str(ft.roles[subject_role]), no_roles).get(fact)
        targets = role_values.get(str(ft.roles[object_role]), no_roles).get(fact)
        if not sources or not targets:
            continue
        relation = str(predicate)
        details = {name: values[fact] for name, values in details_of.items() if fact in values}
        detail_key = tuple(sorted(details.items())) if details else ()
        articles = _ordered(str(article_ids[a]) for a in sources_of.get(fact, ()) if a in article_ids)
        evidence = _ordered(map(str, evidence_of.get(fact, ())))
        for one in _ordered(sources):
            for other in _ordered(targets):
                # one edge per unordered pair, without renaming the loop's own names
                source, target = (other, one) if ft.symmetric and other < one else (one, other)
                key = (
                    source,
                    relation,
                    target,
                    amount.get(fact),
                    currency.get(fact),
                    date.get(fact),
                    detail_key,
                )
                edge = edges.get(key)
                if edge is None:
                    edges[key] = {
                        "relation": local_name(relation),
                        "fact_type": ft.name,
                        "amount": amount.get(fact),
                        "currency": currency.get(fact),
                        "date": date.get(fact),
                        "status": status.get(fact),
                        "details": details,
                        "articles": articles,
                        "evidence": evidence,
                        "facts": [fact],
                        "symmetric": ft.symmetric,
                        "disputed": bool(disputed.get(fact)),
                    }
                    continue
                edge["articles"] = sorted(set(edge["articles"]).union(articles))
                edge["evidence"] = edge["evidence"] + [e for e in evidence if e not in edge["evidence"]]
                edge["facts"].append(fact)
                edge["disputed"] = edge["disputed"] or bool(disputed.get(fact))
    for key in edges:
        _add_missing_node(graph, key[0])
        _add_missing_node(graph, key[2])
    graph.add_edges_from(
        (key[0], key[2], attrs) for key, attrs in sorted(edges.items(), key=lambda kv: kv[0][:3])
    )
    graph.graph["headlines"] = headlines
    return graph
