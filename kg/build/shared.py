"""The shared graph: one description per entity and per fact, derived from the articles' records.

An article graph says how the article names each entity (mentions) and what it
says about each fact (statements). The shared graph ``kgid:graph/shared`` holds
what they add up to:

- an entity's classes, its label (the name most articles use; on a tie the
  longer, then the first in alphabetical order) and every other name as
  ``skos:altLabel``, plus the direct entity-to-entity edges (``kgo:investedIn`` …)
  of the facts it takes part in;
- a fact's class, its role entities, a label, and its values: for each value
  the one most sources state (a date agrees with the same date written more
  precisely; on a tie the more precise date, the further status, the source
  with the higher confidence), ``kgo:sourceCount`` (articles stating it),
  ``kgo:confidence`` (combined: ``1 - Π(1 - cᵢ)`` over the articles, each
  article's best statement) and ``kgo:disputed`` (sources disagree on the
  amount, date, stake or status).

After any write (ingest, remove, merge, push) :func:`refresh` recomputes these
descriptions for the entities and facts the write touched, in one update:
what no remaining article states is gone.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.build.identity import MATCH_FIELDS, FactCandidate
from kg.build.rdf import CLASS_TYPES, ENTITY_CLASSES, Triple, literal, normal_value, ntriples
from kg.build.text import IriText, entity_lines, fact_lines
from kg.facttypes import FACT_TYPES, LITERALS, STATUSES
from kg.namespaces import KGO, MERGES_GRAPH, SHARED_GRAPH
from kg.store.base import Store

#: Values on which sources can disagree about one fact (``kg conflicts``).
CONFLICT_FIELDS = ("amount", "date", "stake_percent", "status")
#: On a tie, the status further along wins.
STATUS_ORDER = {
    s: i for i, s in enumerate(("reported", "in_talks", "planned", "pledged", "announced", "completed"))
}
_CLASS_FACT_TYPES = {str(ft.rdf_class): name for name, ft in FACT_TYPES.items()}
_ROLE_PROPS = {str(prop): role for ft in FACT_TYPES.values() for role, prop in ft.roles.items()}
_VALUE_PROPS = {str(prop): name for name, (prop, _) in LITERALS.items()}
_CHUNK = 400


@dataclass(slots=True)
class Mention:
    article: str
    entity: str
    entity_type: str
    name: str
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Statement:
    article: str
    values: dict[str, object] = field(default_factory=dict)
    confidence: float | None = None
    #: a person checked it (kg review)
    reviewed: bool = False


# -- pure computation -----------------------------------------------------------
def entity_label(mentions: list[Mention], preferred: str | None = None) -> str:
    """The name most articles use; on a tie the longer, then the alphabetically first.

    ``preferred`` (the kept entity's label, recorded by ``kg merge``) wins while an article uses it.
    """
    counts = Counter({name: len(arts) for name, arts in _names_by_article(mentions).items()})
    if preferred in counts:
        return preferred
    return min(counts, key=lambda n: (-counts[n], -len(n), n))


def _names_by_article(mentions: list[Mention]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        out[m.name].add(m.article)
    return out


def entity_triples(iri: str, mentions: list[Mention], label: str) -> list[Triple]:
    ref = URIRef(iri)
    out: list[Triple] = [
        (ref, RDF.type, ENTITY_CLASSES[t]) for t in sorted({m.entity_type for m in mentions})
    ]
    out.append((ref, RDFS.label, Literal(label)))
    names = sorted({n for m in mentions for n in (m.name, *m.aliases)} - {label})
    out.extend((ref, SKOS.altLabel, Literal(n)) for n in names)
    return out


def edges(fact: FactCandidate) -> list[tuple[str, URIRef, str]]:
    """The direct entity-to-entity edges a fact implies."""
    shortcut = FACT_TYPES[fact.fact_type].shortcut
    if shortcut is None:
        return []
    subj_role, pred, obj_role = shortcut
    if subj_role not in fact.roles or obj_role not in fact.roles:
        return []
    s, o = fact.roles[subj_role], fact.roles[obj_role]
    return [(s, pred, o), (o, pred, s)] if FACT_TYPES[fact.fact_type].symmetric else [(s, pred, o)]


def _dates_agree(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def disputed_fields(statements: list[Statement]) -> list[str]:
    """The conflict fields on which two statements give different values."""
    if len(statements) < 2:
        return []
    out = []
    for name in CONFLICT_FIELDS:
        values = {normal_value(name, s.values[name]) for s in statements if s.values.get(name) is not None}
        if name == "date":
            if any(not _dates_agree(a, b) for a in values for b in values):
                out.append(name)
        elif len(values) > 1:
            out.append(name)
    return out


def resolved_values(statements: list[Statement]) -> dict[str, object]:
    """Each value as most sources state it (ties: see the module docstring)."""
    if len(statements) == 1:  # most facts have one source: each value is its own
        given = statements[0].values
        return {name: given[name] for name in LITERALS if given.get(name) is not None}
    out: dict[str, object] = {}
    for name in LITERALS:
        stated = [(s.values[name], s.confidence or 0.0) for s in statements if s.values.get(name) is not None]
        if not stated:
            continue
        groups: dict[str, list[tuple[object, float]]] = defaultdict(list)
        for value, conf in stated:
            groups[normal_value(name, value)].append((value, conf))

        def rank(key: str, name: str = name, groups: dict = groups) -> tuple:
            if name == "date":
                support = sum(len(g) for k, g in groups.items() if _dates_agree(k, key))
                return (support, len(key), key)
            confidence = max(c for _, c in groups[key])
            order = Decimal(key) if name in ("amount", "stake_percent") else Decimal(0)
            return (len(groups[key]), STATUS_ORDER.get(key, 0), confidence, order, key)

        out[name] = groups[max(groups, key=rank)][0][0]
    return out


def combined_confidence(statements: list[Statement]) -> float | None:
    """``1 - Π(1 - cᵢ)`` over the articles (each article's best statement): two sources beat one."""
    best: dict[str, float] = {}
    for s in statements:
        if s.confidence is not None:
            best[s.article] = max(best.get(s.article, 0.0), float(s.confidence))
    if not best:
        return None
    remaining = 1.0
    for c in best.values():
        remaining *= 1.0 - min(max(c, 0.0), 1.0)
    return round(1.0 - remaining, 3)


def fact_label(fact: FactCandidate, labels: Mapping[str, str]) -> str:
    """A human label for a fact node: ``investment: Amazon → Anthropic``."""
    ft = FACT_TYPES[fact.fact_type]
    parties = [labels.get(fact.roles[r], fact.roles[r]) for r in ft.roles if r in fact.roles]
    return f"{ft.label}: {' → '.join(parties)}"


def fact_triples(fact: FactCandidate, statements: list[Statement], labels: Mapping[str, str]) -> list[Triple]:
    ft = FACT_TYPES[fact.fact_type]
    ref = URIRef(fact.iri)
    out: list[Triple] = [(ref, RDF.type, ft.rdf_class), (ref, RDFS.label, Literal(fact_label(fact, labels)))]
    for role, prop in ft.roles.items():
        if role in fact.roles:
            out.append((ref, prop, URIRef(fact.roles[role])))
    for name, value in resolved_values(statements).items():
        out.append((ref, LITERALS[name][0], literal(name, value)))
    out.append((ref, KGO.sourceCount, Literal(len({s.article for s in statements}))))
    confidence = combined_confidence(statements)
    if confidence is not None:
        out.append((ref, KGO.confidence, Literal(Decimal(str(confidence)))))
    out.append((ref, KGO.disputed, Literal(bool(disputed_fields(statements)))))
    if any(s.reviewed for s in statements):
        out.append((ref, KGO.reviewed, Literal(True)))
    return out


# -- reading the store ------------------------------------------------------------
def _chunks(items: Iterable[str]) -> Iterator[str]:
    items = sorted(set(items))
    for i in range(0, len(items), _CHUNK):
        yield " ".join(f"<{iri}>" for iri in items[i : i + _CHUNK])


def read_merges(store: Store) -> dict[str, str]:
    """Recorded merges: merged entity IRI -> the IRI it was merged into."""
    rows = store.select_values(f"SELECT ?a ?b WHERE {{ GRAPH <{MERGES_GRAPH}> {{ ?a kgo:mergedInto ?b }} }}")[
        1
    ]
    return {str(a): str(b) for a, b in rows}


def known_entities(store: Store) -> list[tuple[str, str, str, bool]]:
    """(type, name, IRI, is it the label) of every entity name in the shared graph, for the resolver."""
    values = " ".join(f'(<{cls}> "{name}")' for name, cls in ENTITY_CLASSES.items())
    rows = store.select_values(
        f"SELECT ?type ?name ?e ?label WHERE {{ GRAPH <{SHARED_GRAPH}> {{ VALUES (?cls ?type) {{ {values} }} "
        "?e a ?cls . { ?e rdfs:label ?name BIND(true AS ?label) } UNION "
        "{ ?e skos:altLabel ?name BIND(false AS ?label) } } }"
    )[1]
    return [(str(t), str(n), str(e), bool(lab)) for t, n, e, lab in rows]


def read_mentions(
    store: Store, entities: Iterable[str], skip_graphs: Set[str] = frozenset()
) -> dict[str, list[Mention]]:
    """Every article's mention of these entities (except in ``skip_graphs``)."""
    found: dict[str, Mention] = {}
    for chunk in _chunks(entities):
        rows = store.select_values(
            f"SELECT ?g ?m ?e ?art ?type ?name ?alias WHERE {{ VALUES ?e {{ {chunk} }} GRAPH ?g {{ "
            "?m kgo:mentionOf ?e ; prov:wasDerivedFrom ?art ; kgo:entityType ?type ; kgo:name ?name . "
            "OPTIONAL { ?m kgo:alias ?alias } } }"
        )[1]
        for g, m, e, art, etype, name, alias in rows:
            if g in skip_graphs:
                continue
            mention = found.setdefault(
                str(m), Mention(str(art), str(e), CLASS_TYPES.get(str(etype), "Organization"), str(name))
            )
            if alias is not None and str(alias) not in mention.aliases:
                mention.aliases.append(str(alias))
    out: dict[str, list[Mention]] = defaultdict(list)
    for mention in found.values():
        out[mention.entity].append(mention)
    return out


def read_statements(
    store: Store, facts: Iterable[str], skip_graphs: Set[str] = frozenset()
) -> dict[str, list[Statement]]:
    """Every article's statement of these facts (except in ``skip_graphs``), one row per statement."""
    names = list(LITERALS)
    optional = " ".join(f"OPTIONAL {{ ?s <{LITERALS[n][0]}> ?v_{n} }}" for n in names)
    out: dict[str, list[Statement]] = defaultdict(list)
    for chunk in _chunks(facts):
        rows = store.select_values(
            f"SELECT ?g ?f ?art ?conf ?rev {' '.join(f'?v_{n}' for n in names)} WHERE {{ VALUES ?f {{ {chunk} }} "
            f"GRAPH ?g {{ ?s kgo:statementOf ?f ; prov:wasDerivedFrom ?art . "
            f"OPTIONAL {{ ?s kgo:confidence ?conf }} OPTIONAL {{ ?s kgo:reviewed ?rev }} {optional} }} }}"
        )[1]
        for g, f, art, conf, rev, *vals in rows:
            if g in skip_graphs:
                continue
            statement = Statement(
                str(art),
                {n: v for n, v in zip(names, vals, strict=True) if v is not None},
                None if conf is None else float(conf),  # type: ignore[arg-type]
                rev is True,
            )
            out[str(f)].append(statement)
    return out


def read_facts(
    store: Store, *, facts: Iterable[str] = (), entities: Iterable[str] = ()
) -> dict[str, FactCandidate]:
    """Fact nodes of the shared graph (given, or with one of the entities in a role): type, roles, values."""
    out: dict[str, FactCandidate] = {}
    queries = [("?f", chunk, "") for chunk in _chunks(facts)] + [
        ("?x", chunk, "?f ?r0 ?x . ") for chunk in _chunks(entities)
    ]
    for var, chunk, link in queries:
        rows = store.select_values(
            f"SELECT ?f ?type ?p ?v WHERE {{ VALUES {var} {{ {chunk} }} GRAPH <{SHARED_GRAPH}> {{ "
            f"{link}?f a ?type ; ?p ?v }} }}"
        )[1]
        for f, ftype, p, v in rows:
            fact_type = _CLASS_FACT_TYPES.get(str(ftype))
            if fact_type is None:
                continue  # an entity with an edge to ?x, not a fact
            cand = out.setdefault(str(f), FactCandidate(URIRef(str(f)), fact_type, {}))
            if str(p) in _ROLE_PROPS:
                cand.roles[_ROLE_PROPS[str(p)]] = str(v)
            elif _VALUE_PROPS.get(str(p)) in MATCH_FIELDS:
                cand.values[_VALUE_PROPS[str(p)]] = v
    return out


def read_preferred_labels(store: Store, entities: Iterable[str]) -> dict[str, str]:
    """Labels ``kg merge`` recorded for kept entities (``skos:prefLabel`` in the merges graph)."""
    return _read_labels(store, entities, MERGES_GRAPH, "skos:prefLabel")


def read_labels(store: Store, entities: Iterable[str]) -> dict[str, str]:
    return _read_labels(store, entities, SHARED_GRAPH, "rdfs:label")


def _read_labels(store: Store, entities: Iterable[str], graph: str, predicate: str) -> dict[str, str]:
    """One label per entity from ``graph``, asked a chunk of entities at a time."""
    out: dict[str, str] = {}
    for chunk in _chunks(entities):
        rows = store.select_values(
            f"SELECT ?e ?l WHERE {{ VALUES ?e {{ {chunk} }} GRAPH <{graph}> {{ ?e {predicate} ?l }} }}"
        )[1]
        out.update((str(e), str(label)) for e, label in rows)
    return out


def article_references(store: Store, article_iris: Iterable[str]) -> tuple[set[str], set[str]]:
    """The entities and facts these articles' graphs (as stored now) refer to."""
    entities: set[str] = set()
    facts: set[str] = set()
    for chunk in _chunks(article_iris):
        for kind, target in store.select_values(
            f"SELECT ?kind ?x WHERE {{ VALUES ?g {{ {chunk} }} GRAPH ?g {{ "
            "{ ?m kgo:mentionOf ?x BIND(0 AS ?kind) } UNION { ?s kgo:statementOf ?x BIND(1 AS ?kind) } } }"
        )[1]:
            (facts if kind == 1 else entities).add(str(target))
    return entities, facts


# -- writing ---------------------------------------------------------------------------
def shared_update(
    store: Store,
    entities: Iterable[str],
    facts: Iterable[str],
    new_facts: Mapping[str, FactCandidate] | None = None,
    *,
    skip_graphs: Set[str] = frozenset(),
    mentions: Iterable[Mention] = (),
    statements: Mapping[str, list[Statement]] | None = None,
) -> tuple[str, int]:
    """The SPARQL update that makes the shared descriptions of these entities and facts right.

    See :func:`shared_changes`; returns (update text, triples inserted), the text empty
    when there is nothing to change.
    """
    delete, text = shared_changes(
        store, entities, facts, new_facts, skip_graphs=skip_graphs, mentions=mentions, statements=statements
    )
    parts = [delete] if delete else []
    if text:
        parts.append(f"INSERT DATA {{ GRAPH <{SHARED_GRAPH}> {{\n{text}}} }}")
    return " ;\n".join(parts), text.count("\n")


def shared_changes(
    store: Store,
    entities: Iterable[str],
    facts: Iterable[str],
    new_facts: Mapping[str, FactCandidate] | None = None,
    *,
    skip_graphs: Set[str] = frozenset(),
    mentions: Iterable[Mention] = (),
    statements: Mapping[str, list[Statement]] | None = None,
    reference: bool = False,
    tail: str = " .\n",
) -> tuple[str, str]:
    """What makes the shared descriptions of these entities and facts right: (deletes, new triples).

    See :func:`shared_chunks`; ``reference``: write the triples through rdflib terms
    (:func:`entity_triples`, :func:`fact_triples`), the slow path the tests compare with.
    """
    delete, chunks = shared_chunks(
        store,
        entities,
        facts,
        new_facts,
        skip_graphs=skip_graphs,
        mentions=mentions,
        statements=statements,
        reference=reference,
        tail=tail,
    )
    return delete, "".join(chunks)


def shared_chunks(
    store: Store,
    entities: Iterable[str],
    facts: Iterable[str],
    new_facts: Mapping[str, FactCandidate] | None = None,
    *,
    skip_graphs: Set[str] = frozenset(),
    mentions: Iterable[Mention] = (),
    statements: Mapping[str, list[Statement]] | None = None,
    reference: bool = False,
    tail: str = " .\n",
) -> tuple[str, Iterator[str]]:
    """What makes the shared descriptions of these entities and facts right: (deletes, new triples).

    The deletes are a SPARQL update that clears the descriptions; the new triples (N-Triples
    for the shared graph) are added after it. Records are read from the store's article graphs except ``skip_graphs`` (graphs about to
    be replaced or dropped), plus the given in-memory ``mentions`` and ``statements`` (fact IRI
    -> statements) of the graphs about to be written; so the update can be computed before the
    write and run with it. ``new_facts`` are fact nodes the shared graph does not describe yet.
    An entity or fact no article states is left out. Both texts are empty when there is
    nothing to change. Each line ends in ``tail`` (`` <graph> .\n`` makes N-Quads). The new triples come as pieces
    of text, written as they are asked for, so a big batch's shared graph never sits in memory
    as one text. ``reference``: write the triples through rdflib terms (the slow path the tests
    compare with).
    """
    new_facts = dict(new_facts or {})
    entity_set, fact_set = set(entities), set(facts) | set(new_facts)
    found_mentions = read_mentions(store, entity_set, skip_graphs)
    for mention in mentions:
        if mention.entity in entity_set:
            found_mentions[mention.entity].append(mention)
    preferred = read_preferred_labels(store, entity_set)
    labels = {e: entity_label(ms, preferred.get(e)) for e, ms in found_mentions.items() if ms}
    old_labels = read_labels(store, entity_set)
    touching = read_facts(store, entities=entity_set)
    touching.update({iri: f for iri, f in new_facts.items() if set(f.roles.values()) & entity_set})
    relabelled = {e for e in entity_set if labels.get(e) != old_labels.get(e)}
    fact_set |= {iri for iri, f in touching.items() if set(f.roles.values()) & relabelled}
    found_statements = read_statements(store, fact_set, skip_graphs)
    for iri, stated in (statements or {}).items():
        if iri in fact_set:
            found_statements[iri].extend(stated)
    cores = dict(touching)
    cores.update(read_facts(store, facts=fact_set - set(cores) - set(new_facts)))
    cores.update(new_facts)
    alive = {iri for iri in fact_set if found_statements.get(iri)} | (set(touching) - fact_set)
    role_entities = {e for iri in fact_set & alive if iri in cores for e in cores[iri].roles.values()}
    all_labels = read_labels(store, role_entities - set(labels))
    all_labels.update(labels)

    subjects = entity_set | fact_set
    if not subjects:
        return "", iter(())
    delete = " ;\n".join(
        f"DELETE {{ GRAPH <{SHARED_GRAPH}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{SHARED_GRAPH}> {{ "
        f"VALUES ?s {{ {chunk} }} ?s ?p ?o }} }}"
        for chunk in _chunks(subjects)
    )
    facts_alive = [cores[iri] for iri in sorted(fact_set & alive) if iri in cores]
    edge_facts = [touching[iri] for iri in sorted(alive & set(touching))]
    if reference:
        triples: list[Triple] = []
        for e, ms in found_mentions.items():
            if ms:
                triples.extend(entity_triples(e, ms, labels[e]))
        for fact in facts_alive:
            triples.extend(fact_triples(fact, found_statements[str(fact.iri)], all_labels))
        for fact in edge_facts:
            triples.extend((URIRef(s), pred, URIRef(o)) for s, pred, o in edges(fact) if s in labels)
        return delete, iter((ntriples(triples),))
    return delete, _shared_text(
        found_mentions, labels, facts_alive, found_statements, all_labels, edge_facts, tail
    )


def _shared_text(
    mentions: Mapping[str, list[Mention]],
    labels: Mapping[str, str],
    facts: Iterable[FactCandidate],
    statements: Mapping[str, list[Statement]],
    all_labels: Mapping[str, str],
    edge_facts: Iterable[FactCandidate],
    tail: str,
) -> Iterator[str]:
    """The shared descriptions as N-Triples (or N-Quads) text, written as :mod:`kg.build.text` does
    (no rdflib terms), in pieces of about a megabyte.

    No line comes twice (as :func:`kg.build.rdf.ntriples` would ensure): every entity and fact
    line has its own subject and predicate, and repeated edges are skipped.
    """
    iri_text = IriText()
    lines: list[str] = []
    for e, ms in mentions.items():
        if ms:
            label = labels[e]
            names = sorted({n for m in ms for n in (m.name, *m.aliases)} - {label})
            lines += entity_lines(iri_text(e), sorted({m.entity_type for m in ms}), label, names, tail)
            if len(lines) > 8192:
                yield "".join(lines)
                lines = []
    for fact in facts:
        if len(lines) > 8192:
            yield "".join(lines)
            lines = []
        stated = statements[str(fact.iri)]
        lines += fact_lines(
            fact,
            iri_text(str(fact.iri)),
            fact_label(fact, all_labels),
            resolved_values(stated),
            len({s.article for s in stated}),
            combined_confidence(stated),
            bool(disputed_fields(stated)),
            any(s.reviewed for s in stated),
            iri_text,
            tail,
        )
    seen: set[tuple[str, object, str]] = set()
    for fact in edge_facts:
        for edge in edges(fact):
            if edge[0] in labels and edge not in seen:
                seen.add(edge)
                lines.append(f"{iri_text(edge[0])} {iri_text(str(edge[1]))} {iri_text(edge[2])}{tail}")
    if lines:
        yield "".join(lines)


def refresh(
    store: Store,
    entities: Iterable[str],
    facts: Iterable[str],
    new_facts: Mapping[str, FactCandidate] | None = None,
) -> int:
    """Recompute, from the articles now stored, the shared descriptions of these entities and facts."""
    delete, text = shared_changes(store, entities, facts, new_facts)
    if delete or text:
        store.patch_graph(SHARED_GRAPH, delete, text)
    return text.count("\n")


assert set(STATUS_ORDER) == set(STATUSES), "every status needs a place in STATUS_ORDER"
