"""Build one article's named graph from its facts document.

The model (docs/ontology.md): entities and facts are described once, in the
shared graph (:mod:`kg.build.shared`); an article's graph holds only what is
that article's own:

- the article node and ``schema:mentions`` of every entity it names;
- a *mention* per entity: the names this article uses for it;
- a *statement* per fact: the fact it states (``kgo:statementOf``), the
  evidence sentence and offsets, the confidence, and the values as this
  article gives them;
- ``fact prov:wasDerivedFrom article`` for every fact it states.

Every triple of an article graph names the article or one of its own
records, so no triple is ever in two graphs and the union default graph
counts each once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from urllib.parse import quote

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD
from rdflib.term import Node

from kg.facts import Entity, FactsDocument
from kg.facttypes import FACT_TYPES, LITERALS
from kg.names import match_key, slug
from kg.namespaces import KGID, KGMENTION, KGO, KGSTMT, SCHEMA
from kg.store.nquads import NQuadsWriter

ENTITY_CLASSES = {
    "Organization": KGO.Organization,
    "Person": KGO.Person,
    "Product": KGO.Product,
    "Place": KGO.Place,
}
CLASS_TYPES = {str(iri): name for name, iri in ENTITY_CLASSES.items()}
_ENTITY_PATHS = {"Organization": "org", "Person": "person", "Product": "product", "Place": "place"}
_DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}

Triple = tuple[URIRef, URIRef, Node]


def article_key(article_id: str) -> str:
    return quote(article_id, safe="")


def article_iri(article_id: str) -> URIRef:
    """The article's IRI, which is also the name of its graph."""
    return KGID[f"article/{article_key(article_id)}"]


def statement_iri(article_id: str, index: int) -> URIRef:
    """What article ``article_id`` says in its ``index``-th fact."""
    return KGSTMT[f"{article_key(article_id)}/{index}"]


def mention_iri(article_id: str, index: int) -> URIRef:
    """How article ``article_id`` names its ``index``-th entity."""
    return KGMENTION[f"{article_key(article_id)}/{index}"]


def entity_iri(entity: Entity) -> URIRef:
    """An IRI from the entity's type and normalised name (legal forms dropped: "Mistral AI SAS" ->
    ``kgorg:mistral-ai``); names in other scripts are percent-encoded, never dropped.

    The resolver (:class:`EntityResolver`) makes "Mistral" in a later article the same node,
    comparing organisations without descriptive words; a new entity keeps the IRI of the
    first name it was seen under, so existing IRIs do not change.
    """
    return KGID[f"{_ENTITY_PATHS.get(entity.type, 'entity')}/{slug(entity.name)}"]


def fact_iri(
    fact_type: str,
    roles: Mapping[str, str],
    values: Mapping[str, object],
    salt: int = 0,
    *,
    amount: bool = False,
) -> URIRef:
    """A fact node's IRI from what it states: its type, its role entities, its identifying values.

    Dates count to the month, as in matching, so the same deal gets the same IRI whichever
    article states it first. Only a second deal with the same identity in one article (a tranche
    beside the total) hashes its amount in too (``amount=True``); which statements share a node
    is decided by :class:`kg.build.identity.FactMatcher`.
    """
    parts = [fact_type, *(f"{r}={roles[r]}" for r in sorted(roles))]
    for name in (*FACT_TYPES[fact_type].identity, *(("amount",) if amount else ())):
        if values.get(name) is not None:
            value = normal_value(name, values[name])
            parts.append(f"{name}={value[:7] if name == 'date' else value}")
    if salt:
        parts.append(f"#{salt}")
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return KGID[f"fact/{fact_type.replace('_', '-')}-{digest}"]


def normal_value(name: str, value: object) -> str:
    """A value as compared: numbers by value, words case-blind, dates as written."""
    if name in ("amount", "stake_percent"):
        number = Decimal(str(value))
        return str(number.normalize()) if number == number.to_integral_value() else str(number)
    if name in ("round", "title", "what", "currency"):
        return " ".join(str(value).casefold().split())
    return str(value)


class EntityResolver:
    """Maps entities to IRIs, reusing a known IRI when a name or alias was seen before.

    Seeded with the names already in the store, it makes "Amazon Web Services"
    in one article and "AWS" (alias "Amazon Web Services") in another the same
    node. Keys are per entity type; organisations compare without legal forms
    and descriptive words (:func:`kg.names.match_key`). ``merges`` (IRI -> IRI,
    from ``kg merge``) send an entity's IRI to the one it was merged into.
    """

    def __init__(
        self,
        known: Iterable[tuple[str, str, str, bool]] = (),
        merges: Mapping[str, str] | None = None,
    ):
        self._merges = {URIRef(k): URIRef(v) for k, v in (merges or {}).items()}
        #: (entity type, name key) -> IRI
        self._by_key: dict[tuple[str, str], URIRef] = {}
        #: IRI -> its label
        self._labels: dict[URIRef, str] = {}
        for etype, name, iri, is_label in sorted(known, key=lambda k: not k[3]):
            ref = self.canonical(URIRef(iri))
            self._by_key.setdefault((etype, match_key(name, etype)), ref)
            if is_label:
                self._labels.setdefault(ref, name)

    def canonical(self, iri: URIRef) -> URIRef:
        """The IRI after recorded merges (followed to the end of a chain)."""
        seen = {iri}
        while iri in self._merges:
            iri = self._merges[iri]
            if iri in seen:
                break
            seen.add(iri)
        return iri

    def resolve(self, entity: Entity) -> URIRef:
        keys = [
            (entity.type, k) for k in (match_key(n, entity.type) for n in (entity.name, *entity.aliases)) if k
        ]
        iri = next((self._by_key[k] for k in keys if k in self._by_key), None)
        iri = self.canonical(iri or entity_iri(entity))
        for key in keys:
            self._by_key.setdefault(key, iri)
        self._labels.setdefault(iri, entity.name)
        return iri

    def label(self, iri: URIRef) -> str | None:
        """The label the node was first given (the shared graph's label may differ: see kg.build.shared)."""
        return self._labels.get(iri)


def literal(field_name: str, value: object) -> Literal:
    """A fact value as a typed literal (dates at the precision the text gave)."""
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


def article_triples(
    doc: FactsDocument, entity_iris: Sequence[URIRef], fact_iris: Sequence[URIRef]
) -> list[Triple]:
    """Every triple of the article's own graph, in a stable order.

    ``entity_iris[i]`` is the IRI of ``doc.entities[i]``, ``fact_iris[j]`` the fact node
    ``doc.facts[j]`` states (see :func:`kg.build.resolve_documents`).
    """
    art = article_iri(doc.article.id)
    out: list[Triple] = []
    add = out.append

    add((art, RDF.type, KGO.Article))
    add((art, SCHEMA.identifier, Literal(doc.article.id)))
    if doc.article.title:
        add((art, SCHEMA.headline, Literal(doc.article.title)))
    if doc.article.published:
        add((art, SCHEMA.datePublished, literal("date", doc.article.published)))
    if doc.article.source:
        add((art, KGO.source, Literal(doc.article.source)))
    if doc.article.sha256:
        add((art, KGO.sha256, Literal(doc.article.sha256)))
    if doc.article.reviewed:
        add((art, KGO.reviewed, Literal(True)))

    for index, (ent, iri) in enumerate(zip(doc.entities, entity_iris, strict=True)):
        mention = mention_iri(doc.article.id, index)
        add((art, SCHEMA.mentions, iri))
        add((mention, RDF.type, KGO.Mention))
        add((mention, KGO.mentionOf, iri))
        add((mention, PROV.wasDerivedFrom, art))
        add((mention, KGO.entityType, ENTITY_CLASSES[ent.type]))
        add((mention, KGO.name, Literal(ent.name)))
        for alias in dict.fromkeys(ent.aliases):
            if alias != ent.name:
                add((mention, KGO.alias, Literal(alias)))

    for index, (fact, node) in enumerate(zip(doc.facts, fact_iris, strict=True)):
        statement = statement_iri(doc.article.id, index)
        add((node, PROV.wasDerivedFrom, art))
        add((statement, RDF.type, KGO.Statement))
        add((statement, KGO.statementOf, node))
        add((statement, PROV.wasDerivedFrom, art))
        for name, value in fact.values.items():
            if name in LITERALS and value is not None:
                add((statement, LITERALS[name][0], literal(name, value)))
        if fact.evidence is not None:
            add((statement, KGO.evidenceStart, Literal(fact.evidence.start)))
            add((statement, KGO.evidenceEnd, Literal(fact.evidence.end)))
            if fact.evidence.text is not None:
                add((statement, KGO.evidenceText, Literal(fact.evidence.text)))
        if fact.confidence is not None:
            add((statement, KGO.confidence, Literal(Decimal(str(round(fact.confidence, 3))))))
        if fact.reviewed:  # a person checked what this article says (kg review)
            add((statement, KGO.reviewed, Literal(True)))
    return out


_WRITER = NQuadsWriter()


def ntriples(triples: Iterable[Triple]) -> str:
    """Triples as N-Triples text, each once, for bulk loading (no rdflib Graph in between).

    The writer remembers each IRI's text: at a million triples rdflib's own row writer
    was most of the time spent writing.
    """
    return _WRITER.graph(None, triples)
