"""Facts documents -> article graphs + shared descriptions, against what a store already holds.

:func:`prepare` resolves entities (names, aliases, recorded merges) and facts
(:class:`kg.build.identity.FactMatcher`) against the store and builds each
article's graph as N-Triples; the caller writes those graphs
(``store.replace_graphs``) and then calls :meth:`PreparedBatch.refresh_shared`,
which recomputes the shared descriptions the batch touched.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import Dataset, Graph, URIRef

from kg.build.identity import MATCH_FIELDS, FactCandidate, FactMatcher
from kg.build.rdf import CLASS_TYPES, EntityResolver, article_iri, article_triples, ntriples
from kg.build.shared import (
    Mention,
    Statement,
    article_references,
    known_entities,
    read_facts,
    read_merges,
    shared_changes,
    shared_chunks,
)
from kg.build.text import IriText, article_lines
from kg.errors import KgError
from kg.facts import FactsDocument
from kg.facttypes import LITERALS
from kg.namespaces import KGO, PREFIXES, SCHEMA, SHARED_GRAPH
from kg.store.base import Store


class OldLayoutError(KgError):
    """The store was written by a kg before the shared-graph model."""


@dataclass
class PreparedBatch:
    #: article graph IRI -> its N-Triples
    graphs: dict[str, str] = field(default_factory=dict)
    entities: set[str] = field(default_factory=set)
    #: every fact the batch touches: stated by a new document, or by an article's stored version
    fact_iris: set[str] = field(default_factory=set)
    #: the facts the new documents state, with type and roles
    facts: dict[str, FactCandidate] = field(default_factory=dict)
    n_articles: int = 0
    n_entities: int = 0
    n_facts: int = 0
    #: the SPARQL update that clears the shared descriptions the new article graphs touch
    shared_delete: str = ""
    #: their new descriptions (N-Triples for the shared graph), added after the deletes
    shared_insert: str = ""
    shared_triples: int = 0

    def refresh_shared(self, store: Store) -> int:
        """After the graphs are written: update the shared descriptions they touch (one write)."""
        if self.shared_delete or self.shared_insert:
            store.patch_graph(SHARED_GRAPH, self.shared_delete, self.shared_insert)
        return self.shared_triples


def check_layout(store: Store) -> None:
    """Refuse a store in the old layout (entity labels and facts inside the article graphs)."""
    old = store.query(
        "ASK { GRAPH ?g { ?a a kgo:Article . ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l } "
        f"FILTER(?g != <{SHARED_GRAPH}>) }}"
    ).boolean
    if old:
        raise OldLayoutError(
            f"{store.description} was written by an older kg (entities and facts inside each article's "
            "graph); rebuild it: move it aside and run `kg ingest` on your articles again"
        )


def prepare(
    store: Store,
    docs: Iterable[FactsDocument],
    pinned: Mapping[str, Sequence[str]] | None = None,
    *,
    reference: bool = False,
) -> PreparedBatch:
    """Resolve and build a batch of documents against the store (reads only), all in memory.

    ``pinned`` (article id -> entity IRIs) keeps the IRIs a stored article already has, after
    recorded merges; other documents' entities are resolved by name. ``reference``: build
    every triple as rdflib terms, the path :func:`write`'s streamed text is tested against.
    """
    docs = list(docs)
    pinned = pinned or {}
    batch = PreparedBatch()
    resolver = EntityResolver(known_entities(store), read_merges(store))
    entity_iris = [
        [resolver.canonical(URIRef(i)) for i in pinned[doc.article.id]]
        if doc.article.id in pinned
        else [resolver.resolve(e) for e in doc.entities]
        for doc in docs
    ]
    all_entities = {str(iri) for iris in entity_iris for iri in iris}
    matcher = FactMatcher(read_facts(store, entities=all_entities).values())
    old_entities, old_facts = article_references(store, {str(article_iri(d.article.id)) for d in docs})
    #: article graph -> (its mentions, its (fact IRI, statement)s); a later document with the same id wins
    records: dict[str, tuple[list[Mention], list[tuple[str, Statement]]]] = {}
    for doc, iris in zip(docs, entity_iris, strict=True):
        by_id = {e.id: str(iri) for e, iri in zip(doc.entities, iris, strict=True)}
        stated = _stated(doc, by_id)
        fact_iris = matcher.assign(stated)
        for iri, (ftype, roles, values) in zip(fact_iris, stated, strict=True):
            batch.facts.setdefault(
                str(iri),
                FactCandidate(iri, ftype, roles, {k: v for k, v in values.items() if k in MATCH_FIELDS}),
            )
        graph = str(article_iri(doc.article.id))
        if reference:
            batch.graphs[graph] = ntriples(article_triples(doc, iris, fact_iris))
        else:
            batch.graphs[graph] = "".join(
                dict.fromkeys(
                    article_lines(doc, [iri(str(i)) for i in iris], [iri(str(i)) for i in fact_iris], " .\n")
                )
            )
        records[graph] = _records(doc, graph, iris, fact_iris)
        new_here = set(by_id.values()) - batch.entities
        batch.entities |= new_here
        batch.n_entities += len(new_here)  # distinct nodes, as kg stats counts them
        batch.n_facts += len(doc.facts)
    batch.entities |= old_entities
    batch.fact_iris = set(batch.facts) | old_facts
    statements: dict[str, list[Statement]] = defaultdict(list)
    for _, stated_here in records.values():
        for iri, statement in stated_here:
            statements[iri].append(statement)
    batch.shared_delete, batch.shared_insert = shared_changes(
        store,
        batch.entities,
        batch.fact_iris,
        batch.facts,
        skip_graphs=set(batch.graphs),
        mentions=[m for mentions, _ in records.values() for m in mentions],
        statements=statements,
        reference=reference,
    )
    batch.n_articles = len(batch.graphs)
    batch.shared_triples = batch.shared_insert.count("\n")
    return batch


def _stated(doc: FactsDocument, by_id: Mapping[str, Any]) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Each fact of ``doc`` as the matcher takes it: (type, role -> entity IRI, set values)."""
    return [
        (
            fact.type,
            {role: by_id[eid] for role, eid in fact.roles.items()},
            {k: v for k, v in fact.values.items() if v is not None},
        )
        for fact in doc.facts
    ]


def _records(
    doc: FactsDocument,
    graph: str,
    entity_iris: Sequence[URIRef],
    fact_iris: Sequence[URIRef],
    same: Callable[[Any], Any] | None = None,
) -> tuple[list[Mention], list[tuple[str, Statement]]]:
    """The mentions and statements the article graph holds, as the shared refresh reads them.

    ``same`` maps an IRI or a string value to one shared string object (see :class:`_Strings`).
    """
    same = same or _Strings()
    mentions = [
        Mention(graph, same(iri), e.type, same(e.name), [a for a in dict.fromkeys(e.aliases) if a != e.name])
        for e, iri in zip(doc.entities, entity_iris, strict=True)
    ]
    stated = [
        (
            same(iri),
            Statement(
                graph,
                {k: same(v) for k, v in fact.values.items() if k in LITERALS and v is not None},
                None if fact.confidence is None else round(fact.confidence, 3),
                fact.reviewed,
            ),
        )
        for fact, iri in zip(doc.facts, fact_iris, strict=True)
    ]
    return mentions, stated


def write(
    store: Store, docs: Iterable[FactsDocument], pinned: Mapping[str, Sequence[str]] | None = None
) -> PreparedBatch:
    """Build and write the article graphs as the documents stream in, then refresh the shared graph.

    The whole ingest write, in one transaction: each article's N-Quads go to the store's
    loader as soon as they are built (:meth:`Store.load_graphs`) and only its records
    (mentions, statements) stay for the shared refresh. Writes the same RDF as
    :func:`prepare` + ``replace_graphs`` + ``refresh_shared`` (``reference=True``), the
    rdflib path the tests compare with.
    """
    with store.transaction():  # reads see the old version, both writes become visible together
        stream = _Stream(store, pinned)
        store.load_graphs(stream.graphs(docs))
        batch = stream.finish()
        batch.refresh_shared(store)  # nothing left to do when the shared graph went with the articles
    return batch


class _Strings(dict):
    """One string object per distinct IRI or short text value: a big batch holds the same entity
    IRI, currency or status in thousands of records, each otherwise its own copy."""

    def __call__(self, value: Any) -> Any:
        if type(value) is not str and not isinstance(value, URIRef):
            return value  # numbers, booleans
        text = self.get(value)
        if text is None:
            text = self[value] = str(value)
        return text


class _Stream:
    """:func:`prepare`, one document at a time: resolve, match, write the article's N-Quads, keep its records."""

    #: documents resolved together before their facts are matched: the store's facts about their
    #: entities are read once per chunk
    CHUNK = 512

    def __init__(self, store: Store, pinned: Mapping[str, Sequence[str]] | None) -> None:
        self.store = store
        self.pinned = pinned or {}
        self.batch = PreparedBatch()
        self.resolver = EntityResolver(known_entities(store), read_merges(store))
        self.matcher = FactMatcher()
        #: entities whose stored facts the matcher has (an empty store has none to read)
        self.seeded: set[str] = set()
        #: a store with a shared graph: its facts are matched, its descriptions deleted before new ones go in
        self.store_facts = store.query(f"ASK {{ GRAPH <{SHARED_GRAPH}> {{ ?s ?p ?o }} }}").boolean
        self.records: dict[str, tuple[list[Mention], list[tuple[str, Statement]]]] = {}
        self.iri_text = IriText()
        self.same = _Strings()
        #: the entities and facts the stored versions of the batch's articles refer to
        self.old_entities: set[str] = set()
        self.old_facts: set[str] = set()
        self.finished = False

    def graphs(self, docs: Iterable[FactsDocument]) -> Iterator[tuple[str, str]]:
        """(article graph IRI, its N-Quads) per document, built as the documents come."""
        chunk: list[FactsDocument] = []
        for doc in docs:
            chunk.append(doc)
            if len(chunk) >= self.CHUNK:
                yield from self._chunk(chunk)
                chunk = []
        if chunk:
            yield from self._chunk(chunk)
        if not self.store_facts:  # nothing to delete first: the shared graph goes in the same load
            graph = str(SHARED_GRAPH)
            count = 0
            for text in self._finish(f" {self.iri_text(graph)} .\n"):
                count += text.count("\n")
                yield graph, text  # in pieces, one after the other (see Store.load_graphs)
            self.batch.shared_triples = count

    def _chunk(self, docs: list[FactsDocument]) -> Iterator[tuple[str, str]]:
        resolver = self.resolver
        entity_iris = [
            [resolver.canonical(URIRef(i)) for i in self.pinned[doc.article.id]]
            if doc.article.id in self.pinned
            else [resolver.resolve(e) for e in doc.entities]
            for doc in docs
        ]
        if self.store_facts:  # the stored facts these entities take part in, before matching
            fresh = {str(iri) for iris in entity_iris for iri in iris} - self.seeded
            self.seeded |= fresh
            self.matcher.add(read_facts(self.store, entities=fresh).values())
        batch, iri_text, same = self.batch, self.iri_text, self.same
        # what these articles' stored graphs refer to, read before they are replaced (a store
        # without staging, a SPARQL server, shows the new graphs to reads once they are written)
        old_entities, old_facts = article_references(
            self.store, {str(article_iri(d.article.id)) for d in docs}
        )
        self.old_entities |= old_entities
        self.old_facts |= old_facts
        for doc, iris in zip(docs, entity_iris, strict=True):
            by_id = {e.id: same(iri) for e, iri in zip(doc.entities, iris, strict=True)}
            stated = _stated(doc, by_id)
            fact_iris = self.matcher.assign(stated)
            for iri, (ftype, roles, values) in zip(fact_iris, stated, strict=True):
                key = same(iri)
                if (
                    key not in batch.facts
                ):  # a node new in this batch: the matcher's own candidate is the same
                    batch.facts[key] = self.matcher.created.pop(iri, None) or FactCandidate(
                        iri, ftype, roles, {k: v for k, v in values.items() if k in MATCH_FIELDS}
                    )
            graph = str(article_iri(doc.article.id))
            lines = article_lines(
                doc,
                [iri_text(str(i)) for i in iris],
                [iri_text(str(i)) for i in fact_iris],
                f" {iri_text(graph)} .\n",
            )
            self.records[graph] = _records(doc, graph, iris, fact_iris, same)
            new_here = set(by_id.values()) - batch.entities
            batch.entities |= new_here
            batch.n_entities += len(new_here)
            batch.n_facts += len(doc.facts)
            yield graph, "".join(dict.fromkeys(lines))

    def finish(self) -> PreparedBatch:
        """After the article graphs: the shared graph's deletes and new triples (reads the old version)."""
        if not self.finished:
            self.batch.shared_insert = "".join(self._finish(" .\n"))
            self.batch.shared_triples = self.batch.shared_insert.count("\n")
        return self.batch

    def _finish(self, tail: str) -> Iterator[str]:
        """Sets the batch's counts and deletes; the shared graph's new lines, in pieces."""
        self.finished = True
        batch, records = self.batch, self.records
        batch.n_articles = len(records)
        batch.entities |= self.old_entities
        batch.fact_iris = set(batch.facts) | self.old_facts
        statements: dict[str, list[Statement]] = defaultdict(list)
        for _, stated_here in records.values():
            for iri, statement in stated_here:
                statements[iri].append(statement)
        batch.shared_delete, chunks = shared_chunks(
            self.store,
            batch.entities,
            batch.fact_iris,
            batch.facts,
            skip_graphs=set(records),
            mentions=[m for mentions, _ in records.values() for m in mentions],
            statements=statements,
            tail=tail,
        )
        if not self.store_facts:
            batch.shared_delete = ""  # the shared graph is empty: nothing to delete
        self.records = {}
        return chunks


def build_dataset(docs: Iterable[FactsDocument]) -> Dataset:
    """The documents as a Dataset (article graphs + shared graph), built in an in-memory store."""
    from kg.store.oxigraph import OxigraphStore

    store = OxigraphStore(None)
    write(store, docs)
    dataset = Dataset()
    with warnings.catch_warnings():  # rdflib's N-Quads parser uses its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset.parse(data=store.dump("nquads").decode("utf-8"), format="nquads")
    return dataset


def build_graph(docs: FactsDocument | Iterable[FactsDocument]) -> Graph:
    """The union of :func:`build_dataset`: every triple once, as a query sees the store."""
    from kg.store.oxigraph import OxigraphStore

    store = OxigraphStore(None)
    write(store, [docs] if isinstance(docs, FactsDocument) else docs)
    union = Graph()
    for prefix, ns in PREFIXES.items():
        union.bind(prefix, ns)
    return union.parse(data=store.dump("nt").decode("utf-8"), format="nt")


def stored_document(store: Store, graph: str) -> tuple[FactsDocument, list[str]]:
    """An article as its stored graph (and the shared fact nodes) says it: the document and its entity IRIs.

    Used to rebuild articles after ``kg merge`` without the original files.
    """
    from kg.facts import Article, Entity, Evidence, Fact

    meta = dict(store.select_values(f"SELECT ?p ?o WHERE {{ GRAPH <{graph}> {{ <{graph}> ?p ?o }} }}")[1])
    article = Article(
        id=str(meta.get(str(SCHEMA.identifier), graph.rsplit("/", 1)[-1])),
        source=_opt(meta.get(str(KGO.source))),
        sha256=_opt(meta.get(str(KGO.sha256))),
        title=_opt(meta.get(str(SCHEMA.headline))),
        published=_opt(meta.get(str(SCHEMA.datePublished))),
        reviewed=meta.get(str(KGO.reviewed)) is True,
    )
    mentions: dict[str, dict] = {}
    for m, e, etype, name, alias in store.select_values(
        f"SELECT ?m ?e ?type ?name ?alias WHERE {{ GRAPH <{graph}> {{ ?m kgo:mentionOf ?e ; "
        "kgo:entityType ?type ; kgo:name ?name OPTIONAL { ?m kgo:alias ?alias } } }"
    )[1]:
        entry = mentions.setdefault(
            str(m), {"iri": str(e), "type": CLASS_TYPES[str(etype)], "name": str(name), "aliases": []}
        )
        if alias is not None and str(alias) not in entry["aliases"]:
            entry["aliases"].append(str(alias))
    ordered = [mentions[k] for k in sorted(mentions, key=_index)]
    entities = tuple(
        Entity(f"e{i}", m["name"], m["type"], tuple(m["aliases"])) for i, m in enumerate(ordered)
    )
    ids = {m["iri"]: f"e{i}" for i, m in enumerate(ordered)}
    statements: dict[str, dict] = {}
    for s, f, p, v in store.select_values(
        f"SELECT ?s ?f ?p ?v WHERE {{ GRAPH <{graph}> {{ ?s kgo:statementOf ?f ; ?p ?v }} }}"
    )[1]:
        statements.setdefault(str(s), {"fact": str(f), "props": {}})["props"][str(p)] = v
    cores = read_facts(store, facts={s["fact"] for s in statements.values()})
    facts = []
    for key in sorted(statements, key=_index):
        core = cores.get(statements[key]["fact"])
        props = statements[key]["props"]
        if core is None or any(iri not in ids for iri in core.roles.values()):
            continue
        values = {name: props[str(prop)] for name, (prop, _) in LITERALS.items() if str(prop) in props}
        start, end = props.get(str(KGO.evidenceStart)), props.get(str(KGO.evidenceEnd))
        evidence = None
        if start is not None and end is not None:
            text = props.get(str(KGO.evidenceText))
            evidence = Evidence(int(start), int(end), None if text is None else str(text))  # type: ignore[call-overload]
        confidence = props.get(str(KGO.confidence))
        facts.append(
            Fact(
                core.fact_type,
                {role: ids[iri] for role, iri in core.roles.items()},
                values,
                evidence,
                None if confidence is None else float(confidence),  # type: ignore[arg-type]
                props.get(str(KGO.reviewed)) is True,
            )
        )
    return FactsDocument(article, entities, tuple(facts)), [m["iri"] for m in ordered]


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _index(iri: str) -> int:
    tail = iri.rsplit("/", 1)[-1]
    return int(tail) if tail.isdigit() else 0
