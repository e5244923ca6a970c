"""Article and shared-graph triples written straight as N-Quads text: the bulk path of ``write``.

At a million triples, making an rdflib term for every IRI and literal (and turning
it back into text) was most of an ingest's Python time. These functions write the
same triples as :func:`kg.build.rdf.article_triples`, :func:`kg.build.shared.entity_triples`
and :func:`kg.build.shared.fact_triples`, term for term, as lines for the store's
loader; those rdflib functions stay as the reference that
``tests/test_ingest_text.py`` compares these with (the stores they make are isomorphic).

Literal lexical forms follow rdflib's (``Decimal`` as ``f"{d:f}"``, ``bool`` as
``true``/``false``); a value of an unexpected Python type is handed to rdflib, so
the text is always what the reference would write.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from functools import lru_cache

from rdflib import Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.build.identity import FactCandidate
from kg.build.rdf import ENTITY_CLASSES, article_key, literal
from kg.facts import FactsDocument
from kg.facttypes import FACT_TYPES, LITERALS
from kg.namespaces import KGID, KGMENTION, KGO, KGSTMT, SCHEMA
from kg.store.nquads import iri
from kg.store.nquads import literal as literal_text

_STRING_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})

A = iri(str(RDF.type))
LABEL = iri(str(RDFS.label))
ALT_LABEL = iri(str(SKOS.altLabel))
DERIVED = iri(str(PROV.wasDerivedFrom))
_INTEGER = iri(str(XSD.integer))
_DECIMAL = iri(str(XSD.decimal))
TRUE = f'"true"^^{iri(str(XSD.boolean))}'
FALSE = f'"false"^^{iri(str(XSD.boolean))}'
#: ontology and schema.org terms by local name, as text (a namespace attribute makes a new URIRef each time)
K = {
    name: iri(str(KGO[name]))
    for name in (
        "Article",
        "Mention",
        "Statement",
        "source",
        "sha256",
        "reviewed",
        "mentionOf",
        "entityType",
        "name",
        "alias",
        "statementOf",
        "evidenceStart",
        "evidenceEnd",
        "evidenceText",
        "confidence",
        "sourceCount",
        "disputed",
    )
}
S = {name: iri(str(SCHEMA[name])) for name in ("identifier", "headline", "datePublished", "mentions")}
CLASSES = {name: iri(str(cls)) for name, cls in ENTITY_CLASSES.items()}
VALUE_PROPS = {name: iri(str(prop)) for name, (prop, _) in LITERALS.items()}
FACT_CLASSES = {name: iri(str(ft.rdf_class)) for name, ft in FACT_TYPES.items()}
ROLE_PROPS = {
    name: {role: iri(str(prop)) for role, prop in ft.roles.items()} for name, ft in FACT_TYPES.items()
}
_ARTICLE_BASE = str(KGID["article/"])
_MENTION_BASE, _STATEMENT_BASE = str(KGMENTION), str(KGSTMT)


def string(value: str) -> str:
    """A plain string literal."""
    return '"' + value.translate(_STRING_ESCAPES) + '"'


def integer(value: object) -> str:
    """``Literal(value)`` for an int; anything else as rdflib writes it."""
    if type(value) is int:
        return f'"{value}"^^{_INTEGER}'
    return literal_text(Literal(value))


def decimal(value: Decimal) -> str:
    return f'"{value:f}"^^{_DECIMAL}'


@lru_cache(maxsize=4096)
def _date(text: str) -> str:
    return literal_text(literal("date", text))


@lru_cache(maxsize=1024)
def confidence(value: float) -> str:
    """A statement's confidence, as ``kg.build.rdf`` rounds and types it."""
    return decimal(Decimal(str(round(value, 3))))


_KINDS = {
    name: "date" if name == "date" else str(datatype).rsplit("#", 1)[-1]
    for name, (_, datatype) in LITERALS.items()
}
_VALUES: dict[tuple[str, type, object], str] = {}


def value(name: str, val: object) -> str:
    """:func:`kg.build.rdf.literal` as text (remembered: currencies, statuses, dates recur)."""
    key = (name, type(val), val)
    try:
        return _VALUES[key]
    except KeyError:
        pass
    except TypeError:  # not hashable
        return _value(name, val)
    if len(_VALUES) > 200_000:
        _VALUES.clear()
    text = _VALUES[key] = _value(name, val)
    return text


def _value(name: str, val: object) -> str:
    kind = _KINDS[name]
    if kind == "date":
        return _date(str(val))
    if kind == "decimal":
        return decimal(Decimal(str(val)))
    if kind == "boolean":
        return TRUE if val else FALSE
    if kind == "integer":
        return f'"{int(val)}"^^{_INTEGER}'  # type: ignore[call-overload]
    return string(str(val))


class IriText(dict):
    """IRI -> its N-Triples text, remembered (entity and fact IRIs recur across articles); bounded.

    Called like a function, it is a dict lookup in C: Python runs only for an IRI not seen
    yet (``__missing__``), where a method of its own cost a call for each of the 600,000
    IRIs an ingest of 10,000 articles writes.
    """

    def __missing__(self, value: str) -> str:
        if len(self) > 500_000:
            self.clear()
        text = self[value] = iri(value)
        return text

    __call__ = dict.__getitem__


def article_lines(
    doc: FactsDocument, entity_iris: Sequence[str], fact_iris: Sequence[str], tail: str
) -> list[str]:
    """:func:`kg.build.rdf.article_triples` as lines ending in ``tail`` (`` <graph> .\\n``).

    ``entity_iris`` and ``fact_iris`` are already IRI text (``<…>``).
    """
    art_doc = doc.article
    key = article_key(art_doc.id)
    art = f"<{_ARTICLE_BASE}{key}>"
    out: list[str] = []
    add = out.append
    add(f"{art} {A} {K['Article']}{tail}")
    add(f"{art} {S['identifier']} {string(art_doc.id)}{tail}")
    if art_doc.title:
        add(f"{art} {S['headline']} {string(art_doc.title)}{tail}")
    if art_doc.published:
        add(f"{art} {S['datePublished']} {value('date', art_doc.published)}{tail}")
    if art_doc.source:
        add(f"{art} {K['source']} {string(art_doc.source)}{tail}")
    if art_doc.sha256:
        add(f"{art} {K['sha256']} {string(art_doc.sha256)}{tail}")
    if art_doc.reviewed:
        add(f"{art} {K['reviewed']} {TRUE}{tail}")

    for index, ent in enumerate(doc.entities):
        ref = entity_iris[index]
        mention = f"<{_MENTION_BASE}{key}/{index}>"
        add(f"{art} {S['mentions']} {ref}{tail}")
        add(f"{mention} {A} {K['Mention']}{tail}")
        add(f"{mention} {K['mentionOf']} {ref}{tail}")
        add(f"{mention} {DERIVED} {art}{tail}")
        add(f"{mention} {K['entityType']} {CLASSES[ent.type]}{tail}")
        add(f"{mention} {K['name']} {string(ent.name)}{tail}")
        for alias in dict.fromkeys(ent.aliases):
            if alias != ent.name:
                add(f"{mention} {K['alias']} {string(alias)}{tail}")

    for index, fact in enumerate(doc.facts):
        node = fact_iris[index]
        statement = f"<{_STATEMENT_BASE}{key}/{index}>"
        add(f"{node} {DERIVED} {art}{tail}")
        add(f"{statement} {A} {K['Statement']}{tail}")
        add(f"{statement} {K['statementOf']} {node}{tail}")
        add(f"{statement} {DERIVED} {art}{tail}")
        for name, val in fact.values.items():
            if name in LITERALS and val is not None:
                add(f"{statement} {VALUE_PROPS[name]} {value(name, val)}{tail}")
        if fact.evidence is not None:
            add(f"{statement} {K['evidenceStart']} {integer(fact.evidence.start)}{tail}")
            add(f"{statement} {K['evidenceEnd']} {integer(fact.evidence.end)}{tail}")
            if fact.evidence.text is not None:
                add(f"{statement} {K['evidenceText']} {string(fact.evidence.text)}{tail}")
        if fact.confidence is not None:
            add(f"{statement} {K['confidence']} {confidence(fact.confidence)}{tail}")
        if fact.reviewed:
            add(f"{statement} {K['reviewed']} {TRUE}{tail}")
    return out


def entity_lines(ref: str, types: Iterable[str], label: str, names: Iterable[str], tail: str) -> list[str]:
    """:func:`kg.build.shared.entity_triples` as lines ending in ``tail`` (``names``: the other names, sorted)."""
    out = [f"{ref} {A} {CLASSES[t]}{tail}" for t in types]
    out.append(f"{ref} {LABEL} {string(label)}{tail}")
    out.extend(f"{ref} {ALT_LABEL} {string(n)}{tail}" for n in names)
    return out


def fact_lines(
    fact: FactCandidate,
    ref: str,
    label: str,
    values: Mapping[str, object],
    sources: int,
    combined: float | None,
    disputed: bool,
    reviewed: bool,
    iri_text: IriText,
    tail: str,
) -> list[str]:
    """:func:`kg.build.shared.fact_triples` as lines ending in ``tail``, from what it computes."""
    out = [f"{ref} {A} {FACT_CLASSES[fact.fact_type]}{tail}", f"{ref} {LABEL} {string(label)}{tail}"]
    for role, prop in ROLE_PROPS[fact.fact_type].items():
        if role in fact.roles:
            out.append(f"{ref} {prop} {iri_text(fact.roles[role])}{tail}")
    for name, val in values.items():
        out.append(f"{ref} {VALUE_PROPS[name]} {value(name, val)}{tail}")
    out.append(f"{ref} {K['sourceCount']} {integer(sources)}{tail}")
    if combined is not None:
        out.append(f"{ref} {K['confidence']} {decimal(Decimal(str(combined)))}{tail}")
    out.append(f"{ref} {K['disputed']} {TRUE if disputed else FALSE}{tail}")
    if reviewed:
        out.append(f"{ref} {K['reviewed']} {TRUE}{tail}")
    return out
