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

from kg.build.names import name_key, slug
from kg.facts import Entity, Fact, FactsDocument
from kg.facttypes import FACT_TYPES, LITERALS
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
    another the same node. Keys are per entity type.
    """

    def __init__(self, known: Iterable[tuple[str, str, str]] = ()):
        #: (entity type, name key) -> IRI
        self._by_key: dict[tuple[str, str], URIRef] = {}
        for etype, name, iri in known:
            self._by_key.setdefault((etype, name_key(name)), URIRef(iri))

    def resolve(self, entity: Entity) -> URIRef:
        keys = [(entity.type, name_key(n)) for n in (entity.name, *entity.aliases) if name_key(n)]
        iri = next((self._by_key[k] for k in keys if k in self._by_key), None) or entity_iri(entity)
        for key in keys:
            self._by_key.setdefault(key, iri)
        return iri


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


def build_graph(doc: FactsDocument, resolver: EntityResolver | None = None) -> Graph:
    """The article's graph (identifier = the article IRI) for one facts document."""
    resolver = resolver or EntityResolver()
    art = article_iri(doc.article.id)
    g = Graph(identifier=art)
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)

    g.add((art, RDF.type, KGO.Article))
    g.add((art, SCHEMA.identifier, Literal(doc.article.id)))
    if doc.article.title:
        g.add((art, SCHEMA.headline, Literal(doc.article.title)))
    if doc.article.published:
        g.add((art, SCHEMA.datePublished, _literal("date", doc.article.published)))
    if doc.article.source:
        g.add((art, KGO.source, Literal(doc.article.source)))
    if doc.article.sha256:
        g.add((art, KGO.sha256, Literal(doc.article.sha256)))

    iris: dict[str, URIRef] = {}
    names: dict[str, str] = {}
    for ent in doc.entities:
        iri = resolver.resolve(ent)
        iris[ent.id], names[ent.id] = iri, ent.name
        g.add((iri, RDF.type, ENTITY_CLASSES[ent.type]))
        g.add((iri, RDFS.label, Literal(ent.name)))
        for alias in ent.aliases:
            if alias != ent.name:
                g.add((iri, SKOS.altLabel, Literal(alias)))
        g.add((art, SCHEMA.mentions, iri))

    for index, fact in enumerate(doc.facts):
        ft = FACT_TYPES[fact.type]
        node = KGID[f"fact/{quote(doc.article.id, safe='')}-f{index}"]
        g.add((node, RDF.type, ft.rdf_class))
        g.add((node, RDFS.label, Literal(fact_label(fact, names))))
        g.add((node, PROV.wasDerivedFrom, art))
        for role, prop in ft.roles.items():
            if role in fact.roles:
                g.add((node, prop, iris[fact.roles[role]]))
        for name, value in fact.values.items():
            if name in LITERALS and value is not None:
                g.add((node, LITERALS[name][0], _literal(name, value)))
        if fact.evidence is not None:
            g.add((node, KGO.evidenceStart, Literal(fact.evidence.start)))
            g.add((node, KGO.evidenceEnd, Literal(fact.evidence.end)))
            if fact.evidence.text is not None:
                g.add((node, KGO.evidenceText, Literal(fact.evidence.text)))
        if fact.confidence is not None:
            g.add((node, KGO.confidence, Literal(Decimal(str(round(fact.confidence, 3))))))
        if ft.shortcut is not None:
            subj_role, pred, obj_role = ft.shortcut
            if subj_role in fact.roles and obj_role in fact.roles:
                s, o = iris[fact.roles[subj_role]], iris[fact.roles[obj_role]]
                g.add((s, pred, o))
                if ft.symmetric:
                    g.add((o, pred, s))
    return g
