"""Moving, removing and merging: ``kg push``, ``kg remove`` and ``kg merge``.

Every article is one named graph holding what that article says (its mentions
and statements); the shared graph describes each entity and fact once (see
:mod:`kg.build.shared`). So every write here is: change the article graphs,
then recompute the shared descriptions they touch, which drops an entity or
fact no remaining article states.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.build.rdf import article_iri
from kg.build.shared import article_references, read_facts, refresh, shared_update
from kg.errors import KgError
from kg.namespaces import MERGES_GRAPH, SHARED_GRAPH
from kg.store.base import Store


@dataclass(frozen=True)
class PushReport:
    graphs: int
    triples: int
    target: str
    target_triples: int
    warning: str | None = None

    def summary(self) -> str:
        text = (
            f"pushed {self.graphs} article graph(s), {self.triples} triples, to {self.target}; "
            f"it now holds {self.target_triples} triples"
        )
        return text + (f"\nwarning: {self.warning}" if self.warning else "")


@dataclass(frozen=True)
class RemoveReport:
    articles: list[str]
    triples_before: int
    triples_after: int
    store: str

    def summary(self) -> str:
        return (
            f"removed {len(self.articles)} article(s) ({', '.join(self.articles)}) from {self.store}: "
            f"{self.triples_before - self.triples_after} triples dropped, {self.triples_after} left"
        )


def graph_ntriples(store: Store, iri: str) -> str:
    """One named graph as N-Triples text."""
    from kg.store.oxigraph import OxigraphStore

    if isinstance(store, OxigraphStore):  # fast path: no query, no rdflib round trip
        import pyoxigraph as ox

        triples = (q.triple for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(iri)))
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
    assert result.graph is not None
    return result.graph.serialize(format="nt")


def push(source: Store, target: Store, graph_iris: Iterable[str] | None = None) -> PushReport:
    """Copy the source's article graphs (and recorded merges) to the target, then refresh its shared graph.

    Idempotent: pushing twice leaves the same triples. Articles only the target has
    are left alone, and a deal both stores hold counts both stores' sources. The
    target writes in batches (see ``Store.replace_graphs``).
    """
    from kg.build import check_layout

    check_layout(target)
    iris = [
        g for g in (graph_iris if graph_iris is not None else source.graph_names()) if g != str(SHARED_GRAPH)
    ]
    articles = [g for g in iris if g != str(MERGES_GRAPH)]
    old_entities, old_facts = article_references(target, articles)
    new_entities, new_facts = article_references(source, articles)
    cores = read_facts(source, facts=new_facts)
    counted = {"triples": 0}

    def graphs() -> Iterator[tuple[str, str]]:
        for iri in iris:
            text = graph_ntriples(source, iri)
            counted["triples"] += text.count("\n")
            yield iri, text

    target.replace_graphs(graphs())
    counted["triples"] += refresh(target, old_entities | new_entities, old_facts | new_facts, cores)
    warning = None
    check = getattr(target, "default_graph_is_union", None)
    if check is not None and check() is False:
        warning = (
            f"{target.description} does not query the union of its named graphs by default, so kg's "
            "queries will find nothing there; configure the server as docs/stores.md shows"
        )
    return PushReport(len(iris), counted["triples"], target.description, target.triple_count(), warning)


def article_graphs(article_ids: Iterable[str]) -> dict[str, str]:
    """Article id -> its graph IRI."""
    return {article_id: str(article_iri(article_id)) for article_id in article_ids}


def remove_articles(store: Store, article_ids: Iterable[str]) -> RemoveReport:
    """Drop the articles' graphs, and every entity and fact only they stated.

    All ids must name articles in the store; otherwise nothing is removed.
    """
    graphs = article_graphs(article_ids)
    if not graphs:
        raise KgError("give at least one article id to remove")
    from kg.build import check_layout

    check_layout(store)
    present = set(store.graph_names())
    unknown = [article_id for article_id, iri in graphs.items() if iri not in present]
    if unknown:
        raise KgError(
            f"no article {', '.join(repr(a) for a in unknown)} in {store.description}; nothing removed "
            "(article ids are the facts files' article.id; list them with "
            "`kg query 'SELECT ?id WHERE { ?a a kgo:Article ; schema:identifier ?id }'`)"
        )
    before = store.triple_count()
    with store.transaction():
        entities, facts = article_references(store, graphs.values())
        shared, _ = shared_update(store, entities, facts, skip_graphs=set(graphs.values()))
        # one update: the article graphs go and the shared graph follows, or nothing changes
        drops = " ;\n".join(f"DROP SILENT GRAPH <{iri}>" for iri in graphs.values())
        store.update(drops + (" ;\n" + shared if shared else ""))
    return RemoveReport(list(graphs), before, store.triple_count(), store.description)


@dataclass(frozen=True)
class MergeReport:
    kept: str
    kept_iri: str
    merged: str
    merged_iri: str
    articles: int

    def summary(self) -> str:
        return (
            f"merged {self.merged!r} ({self.merged_iri}) into {self.kept!r} ({self.kept_iri}): "
            f"{self.articles} article graph(s) rebuilt; the merge is recorded in {MERGES_GRAPH}, "
            "so re-ingesting and removing articles keep it"
        )


def find_entity(store: Store, spec: str) -> tuple[str, str]:
    """(IRI, label) of the entity ``spec`` names: an IRI, a prefixed name (``kgorg:x``) or a name or alias."""
    from kg.namespaces import PREFIXES
    from kg.query import sparql_literal

    prefix, sep, local = spec.partition(":")
    if spec.startswith(("http://", "https://")):
        where = f"VALUES ?e {{ <{spec}> }} ?e rdfs:label ?label"
    elif sep and prefix in PREFIXES and " " not in spec:
        where = f"VALUES ?e {{ <{PREFIXES[prefix]}{local}> }} ?e rdfs:label ?label"
    else:
        where = (
            "?e rdfs:label ?label ; rdfs:label|skos:altLabel ?name "
            f"FILTER(LCASE(STR(?name)) = LCASE({sparql_literal(spec)}))"
        )
    rows = store.select_values(f"SELECT DISTINCT ?e ?label WHERE {{ GRAPH <{SHARED_GRAPH}> {{ {where} }} }}")[
        1
    ]
    if not rows:
        raise KgError(f"no entity {spec!r} in {store.description} (list them with `kg entities`)")
    if len(rows) > 1:
        choices = ", ".join(f"{label} <{iri}>" for iri, label in rows[:5])
        raise KgError(f"{spec!r} names {len(rows)} entities ({choices}); give the IRI of the one you mean")
    return str(rows[0][0]), str(rows[0][1])


def merge_entities(store: Store, keep: str, merge: str) -> MergeReport:
    """Make ``merge`` the same entity as ``keep``: record it, rebuild the articles that name ``merge``.

    The record (``merge kgo:mergedInto keep`` in the merges graph) is read by every
    later ingest, so re-ingesting an article that names the merged entity builds the
    kept one; ``kg remove`` leaves the record alone.
    """
    from kg.build import check_layout, write
    from kg.build.batch import stored_document
    from kg.query import sparql_literal

    check_layout(store)
    keep_iri, keep_label = find_entity(store, keep)
    merge_iri, merge_label = find_entity(store, merge)
    if keep_iri == merge_iri:
        raise KgError(f"{keep!r} and {merge!r} are already one entity ({keep_iri})")
    graphs = [
        str(g)
        for (g,) in store.select_values(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?m kgo:mentionOf <{merge_iri}> }} }}"
        )[1]
    ]
    docs, pinned = [], {}
    for graph in graphs:
        doc, iris = stored_document(store, graph)
        docs.append(doc)
        pinned[doc.article.id] = iris
    store.update(
        f"DELETE WHERE {{ GRAPH <{MERGES_GRAPH}> {{ <{keep_iri}> kgo:mergedInto ?x }} }} ;\n"
        f"DELETE WHERE {{ GRAPH <{MERGES_GRAPH}> {{ <{keep_iri}> skos:prefLabel ?l }} }} ;\n"
        f"INSERT DATA {{ GRAPH <{MERGES_GRAPH}> {{ <{merge_iri}> kgo:mergedInto <{keep_iri}> . "
        f"<{keep_iri}> skos:prefLabel {sparql_literal(keep_label)} }} }}"
    )
    write(store, docs, pinned)
    return MergeReport(keep_label, keep_iri, merge_label, merge_iri, len(docs))
