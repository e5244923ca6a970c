"""The entities in the store: names, aliases, types, article counts, and likely duplicates.

kg merges entities whose normalised names or aliases agree (see
:class:`kg.build.rdf.EntityResolver`). What it could not merge safely, it shows
here as *likely duplicates*, so a person can decide.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from kg.build.rdf import ENTITY_CLASSES
from kg.names import name_key
from kg.store.base import Store

_CLASS_NAMES = {str(iri): name for name, iri in ENTITY_CLASSES.items()}


@dataclass
class EntityInfo:
    iri: str
    name: str
    types: list[str]
    aliases: list[str] = field(default_factory=list)
    articles: int = 0


@dataclass(frozen=True)
class LikelyDuplicate:
    a: EntityInfo
    b: EntityInfo
    reason: str


def list_entities(store: Store, entity_type: str | None = None) -> list[EntityInfo]:
    """Every entity with its label, aliases, types and how many articles mention it (most mentioned first)."""
    values = " ".join(f"<{iri}>" for iri in _CLASS_NAMES)
    found: dict[str, EntityInfo] = {}
    # three plain queries joined here: far quicker than one GROUP_CONCAT over a big store
    for iri, cls, label in store.select_values(
        f"SELECT DISTINCT ?e ?cls ?label WHERE {{ VALUES ?cls {{ {values} }} ?e a ?cls ; rdfs:label ?label }}"
    )[1]:
        info = found.setdefault(str(iri), EntityInfo(str(iri), str(label), []))
        if _CLASS_NAMES[str(cls)] not in info.types:
            info.types.append(_CLASS_NAMES[str(cls)])
        if str(label) != info.name and str(label) not in info.aliases:
            info.aliases.append(str(label))  # a second label (two articles, two names) reads as an alias
    for iri, alias in store.select_values("SELECT DISTINCT ?e ?alt WHERE { ?e skos:altLabel ?alt }")[1]:
        info = found.get(str(iri))
        if info is not None and str(alias) != info.name and str(alias) not in info.aliases:
            info.aliases.append(str(alias))
    for iri, count in store.select_values(
        "SELECT ?e (COUNT(DISTINCT ?art) AS ?n) WHERE { ?art schema:mentions ?e } GROUP BY ?e"
    )[1]:
        if str(iri) in found:
            found[str(iri)].articles = int(count)  # type: ignore[call-overload]
    entities = [e for e in found.values() if not entity_type or entity_type in e.types]
    for e in entities:
        e.types.sort()
        e.aliases.sort()
    entities.sort(key=lambda e: (-e.articles, e.name.lower()))
    return entities


def _initials(key: str) -> str:
    return "".join(word[0] for word in key.split())


def likely_duplicates(entities: list[EntityInfo]) -> list[LikelyDuplicate]:
    """Pairs that are probably one entity but were kept apart.

    Reasons: same normalised name with different types; one name's words are the
    start of the other's ("Jane Street" / "Jane Street Global Trading"); one
    name is the other's initials ("AWS" / "Amazon Web Services").
    """
    keys = {e.iri: {name_key(n) for n in (e.name, *e.aliases) if name_key(n)} for e in entities}
    # indexes, so the work grows with the number of names, not with the number of pairs
    by_key: dict[str, list[EntityInfo]] = defaultdict(list)
    by_initials: dict[str, list[EntityInfo]] = defaultdict(list)
    for e in entities:
        for k in keys[e.iri]:
            by_key[k].append(e)
            if len(k.split()) >= 2:
                by_initials[_initials(k)].append(e)

    seen: set[tuple[str, str]] = set()
    out: list[LikelyDuplicate] = []

    def add(a: EntityInfo, b: EntityInfo, reason: str) -> None:
        pair = tuple(sorted((a.iri, b.iri)))
        if a.iri != b.iri and pair not in seen:
            seen.add(pair)  # type: ignore[arg-type]
            out.append(LikelyDuplicate(a, b, reason))

    for key, group in by_key.items():
        for a, b in combinations({e.iri: e for e in group}.values(), 2):
            add(a, b, f"same name {key!r}, different types")
    for e in entities:
        for k in keys[e.iri]:
            words = k.split()
            # a shorter name that is the start of this one: "harbor street" / "harbor street capital"
            for n in range(len(words) - 1, 0, -1):
                prefix = " ".join(words[:n])
                if n == 1 and len(prefix) <= 3:
                    break
                for other in by_key.get(prefix, []):
                    add(other, e, f"{prefix!r} starts {k!r}")
            if len(words) == 1 and len(k) >= 2:
                for other in by_initials.get(k, []):
                    add(e, other, f"{k!r} is the initials of {other.name!r}")
    return out


def format_entities(entities: list[EntityInfo], duplicates: list[LikelyDuplicate], fmt: str = "table") -> str:
    """Entities (and likely duplicates) as a table, CSV, TSV or JSON."""
    import csv
    import io
    import json

    from rdflib import URIRef

    from kg.query import display, text_table

    if fmt == "json":
        return json.dumps(
            {
                "entities": [e.__dict__ for e in entities],
                "likely_duplicates": [
                    {"a": d.a.name, "b": d.b.name, "a_iri": d.a.iri, "b_iri": d.b.iri, "reason": d.reason}
                    for d in duplicates
                ],
            },
            indent=2,
            ensure_ascii=False,
        )
    headers = ["name", "type", "aliases", "articles", "iri"]
    if fmt in ("csv", "tsv"):
        rows = [[e.name, "/".join(e.types), "; ".join(e.aliases), str(e.articles), e.iri] for e in entities]
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    rows = [
        [e.name, "/".join(e.types), "; ".join(e.aliases), str(e.articles), display(URIRef(e.iri))]
        for e in entities
    ]
    text = text_table(headers, rows, max_width=70)
    if duplicates:
        text += "\n\nlikely duplicates (not merged):\n" + text_table(
            ["entity", "entity", "why"], [[d.a.name, d.b.name, d.reason] for d in duplicates]
        )
    return text
