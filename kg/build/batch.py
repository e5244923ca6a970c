"""Facts documents -> article graphs + shared descriptions, against what a store already holds.

:func:`prepare` resolves entities (names, aliases, recorded merges) and facts
(:class:`kg.build.identity.FactMatcher`) against the store and builds each
article's graph as N-Triples; the caller writes those graphs
(``store.replace_graphs``) and then calls :meth:`PreparedBatch.refresh_shared`,
which recomputes the shared descriptions the batch touched.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Dataset, Graph

from kg.build.identity import MATCH_FIELDS, FactCandidate, FactMatcher
from kg.build.rdf import EntityResolver, article_iri, article_triples, ntriples
from kg.build.shared import article_references, known_entities, read_facts, read_merges, refresh
from kg.errors import KgError
from kg.facts import FactsDocument
from kg.namespaces import PREFIXES, SHARED_GRAPH
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
    n_entities: int = 0
    n_facts: int = 0

    def refresh_shared(self, store: Store) -> int:
        """After the graphs are written: recompute the shared descriptions they touch."""
        return refresh(store, self.entities, self.fact_iris, self.facts)


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


def prepare(store: Store, docs: Iterable[FactsDocument]) -> PreparedBatch:
    """Resolve and build a batch of documents against the store (reads only)."""
    docs = list(docs)
    batch = PreparedBatch()
    resolver = EntityResolver(known_entities(store), read_merges(store))
    entity_iris = [[resolver.resolve(e) for e in doc.entities] for doc in docs]
    all_entities = {str(iri) for iris in entity_iris for iri in iris}
    matcher = FactMatcher(read_facts(store, entities=all_entities).values())
    old_entities, old_facts = article_references(store, {str(article_iri(d.article.id)) for d in docs})
    for doc, iris in zip(docs, entity_iris, strict=True):
        by_id = {e.id: str(iri) for e, iri in zip(doc.entities, iris, strict=True)}
        stated = [
            (
                fact.type,
                {role: by_id[eid] for role, eid in fact.roles.items()},
                {k: v for k, v in fact.values.items() if v is not None},
            )
            for fact in doc.facts
        ]
        fact_iris = matcher.assign(stated)
        for iri, (ftype, roles, values) in zip(fact_iris, stated, strict=True):
            batch.facts.setdefault(
                str(iri),
                FactCandidate(iri, ftype, roles, {k: v for k, v in values.items() if k in MATCH_FIELDS}),
            )
        batch.graphs[str(article_iri(doc.article.id))] = ntriples(article_triples(doc, iris, fact_iris))
        batch.entities |= set(by_id.values())
        batch.n_entities += len(doc.entities)
        batch.n_facts += len(doc.facts)
    batch.entities |= old_entities
    batch.fact_iris = set(batch.facts) | old_facts
    return batch


def write(store: Store, docs: Iterable[FactsDocument]) -> PreparedBatch:
    """Prepare, write the article graphs, refresh the shared graph: the whole ingest write."""
    batch = prepare(store, docs)
    store.replace_graphs(batch.graphs.items())
    batch.refresh_shared(store)
    return batch


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
