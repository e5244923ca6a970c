"""Build one article's named graph from its facts document.

Every fact becomes a node of its fact type's class, linked to its entities by
role properties, carrying its literals and its provenance (the article, the
evidence sentence and offsets, the confidence). Binary facts also get a direct
entity-to-entity edge (``kgo:investedIn`` …) so simple questions are one
triple pattern and networkx gets a plain edge list.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD
from rdflib.plugins.serializers.nt import _nt_row  # rdflib's own N-Triples escaping
from rdflib.term import Node

from kg.facts import Entity, Fact, FactsDocument
from kg.facttypes import FACT_TYPES, LITERALS
from kg.names import name_key, slug
from kg.namespaces import KGID, KGO, PREFIXES, SCHEMA

ENTITY_CLASSES = {
    "Organization": KGO.Organization,
    "Person": KGO.Person,
    "Product": KGO.Product,
    "Place": KGO.Place,
}
_ENTITY_PATHS = {"Organization": "org", "Person": "person", "Product": "product", "Place": "place"}
_DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}


def article_iri(article_id: str) -> URIRef:
    """The article's IRI, which is also the name of its graph."""
    return KGID[f"article/{quote(article_id, safe='')}"]


def entity_iri(entity: Entity) -> URIRef:
    """An IRI from the entity's type and normalised name: one company, one node."""
    return KGID[f"{_ENTITY_PATHS.get(entity.type, 'entity')}/{slug(entity.name)}"]


class EntityResolver:
    """Maps entities to IRIs, reusing a known IRI when a name or alias was seen before.

    Seeded with the labels and aliases already in the store, it makes "Amazon
    Web Services" in one article and "AWS" (alias "Amazon Web Services") in
    another the same node. Keys are per entity type. The first name an IRI was
    seen under stays its label; other names become aliases.
    """

    def __init__(self, known: Iterable[tuple[str, str, str, bool]] = ()):
        #: (entity type, name key) -> IRI
        self._by_key: dict[tuple[str, str], URIRef] = {}
        #: IRI -> its label
        self._labels: dict[URIRef, str] = {}
        for etype, name, iri, is_label in sorted(known, key=lambda k: not k[3]):
            ref = URIRef(iri)
            self._by_key.setdefault((etype, name_key(name)), ref)
            if is_label:
                self._labels.setdefault(ref, name)

    def resolve(self, entity: Entity) -> URIRef:
        keys = [(entity.type, name_key(n)) for n in (entity.name, *entity.aliases) if name_key(n)]
        iri = next((self._by_key[k] for k in keys if k in self._by_key), None) or entity_iri(entity)
        for key in keys:
            self._by_key.setdefault(key, iri)
        self._labels.setdefault(iri, entity.name)
        return iri

    def label(self, iri: URIRef) -> str | None:
        """The label the node was first given."""
        return self._labels.get(iri)


def _literal(field_name: str, value: object) -> Literal:
    prop_datatype = LITERALS[field_name][1]
    if field_name == "date":
        text = str(value)
        return Literal(text, datatype=_DATE_TYPES.get(len(text), XSD.string))
    if prop_datatype == XSD.decimal:
        return Literal(Decimal(str(value)), datatype=XSD.decimal)
    if prop_datatype == XSD.boolean:
        return Literal(bool(value))
    if prop_datatype == XSD.integer:
        return Literal(int(value))  # type: ignore[call-overload]
    return Literal(str(value))


def fact_label(fact: Fact, names: dict[str, str]) -> str:
    """A human label for a fact node: ``investment: Amazon → Anthropic``."""
    ft = FACT_TYPES[fact.type]
    parties = [names.get(fact.roles[r], fact.roles[r]) for r in ft.roles if r in fact.roles]
    return f"{ft.label}: {' → '.join(parties)}"


Triple = tuple[URIRef, URIRef, Node]


def build_graph(doc: FactsDocument, resolver: EntityResolver | None = None) -> Graph:
    """The article's graph (identifier = the article IRI) for one facts document."""
    g = Graph(identifier=article_iri(doc.article.id))
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for triple in article_triples(doc, resolver):
        g.add(triple)
    return g


def article_ntriples(doc: FactsDocument, resolver: EntityResolver | None = None) -> str:
    """The article's triples as N-Triples text, for bulk loading (no rdflib Graph in between)."""
    return "".join(_nt_row(t) for t in dict.fromkeys(article_triples(doc, resolver)))


def article_triples(doc: FactsDocument, resolver: EntityResolver | None = None) -> list[Triple]:
    """Every triple of the article's graph, in a stable order (may repeat a triple)."""
    resolver = resolver or EntityResolver()
    art = article_iri(doc.article.id)
    out: list[Triple] = []
    add = out.append

    add((art, RDF.type, KGO.Article))
    add((art, SCHEMA.identifier, Literal(doc.article.id)))
    if doc.article.title:
        add((art, SCHEMA.headline, Literal(doc.article.title)))
    if doc.article.published:
        add((art, SCHEMA.datePublished, _literal("date", doc.article.published)))
    if doc.article.source:
        add((art, KGO.source, Literal(doc.article.source)))
    if doc.article.sha256:
        add((art, KGO.sha256, Literal(doc.article.sha256)))
    if doc.article.reviewed:
        add((art, KGO.reviewed, Literal(True)))

    iris: dict[str, URIRef] = {}
    names: dict[str, str] = {}
    for ent in doc.entities:
        iri = resolver.resolve(ent)
        label = resolver.label(iri) or ent.name
        iris[ent.id], names[ent.id] = iri, label
        add((iri, RDF.type, ENTITY_CLASSES[ent.type]))
        add((iri, RDFS.label, Literal(label)))
        for alias in dict.fromkeys((ent.name, *ent.aliases)):
            if alias != label:
                add((iri, SKOS.altLabel, Literal(alias)))
        add((art, SCHEMA.mentions, iri))

    article_key = quote(doc.article.id, safe="")
    for index, fact in enumerate(doc.facts):
        ft = FACT_TYPES[fact.type]
        node = KGID[f"fact/{article_key}-f{index}"]
        add((node, RDF.type, ft.rdf_class))
        add((node, RDFS.label, Literal(fact_label(fact, names))))
        add((node, PROV.wasDerivedFrom, art))
        for role, prop in ft.roles.items():
            if role in fact.roles:
                add((node, prop, iris[fact.roles[role]]))
        for name, value in fact.values.items():
            if name in LITERALS and value is not None:
                add((node, LITERALS[name][0], _literal(name, value)))
        if fact.evidence is not None:
            add((node, KGO.evidenceStart, Literal(fact.evidence.start)))
            add((node, KGO.evidenceEnd, Literal(fact.evidence.end)))
            if fact.evidence.text is not None:
                add((node, KGO.evidenceText, Literal(fact.evidence.text)))
        if fact.confidence is not None:
            add((node, KGO.confidence, Literal(Decimal(str(round(fact.confidence, 3))))))
        if fact.reviewed:
            add((node, KGO.reviewed, Literal(True)))
        if ft.shortcut is not None:
            subj_role, pred, obj_role = ft.shortcut
            if subj_role in fact.roles and obj_role in fact.roles:
                s, o = iris[fact.roles[subj_role]], iris[fact.roles[obj_role]]
                add((s, pred, o))
                if ft.symmetric:
                    add((o, pred, s))
    return out
