"""The entities in the store: names, aliases, types, article counts, and likely duplicates.

kg merges entities whose normalised names or aliases agree (see
:class:`kg.build.rdf.EntityResolver`). What it could not merge safely, it shows
here as *likely duplicates*, so a person can decide.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from kg.build.names import name_key
from kg.build.rdf import ENTITY_CLASSES
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
    rows = store.query(
        "SELECT ?e (SAMPLE(?label) AS ?name) (GROUP_CONCAT(DISTINCT STR(?cls); separator='\\n') AS ?classes) "
        "(GROUP_CONCAT(DISTINCT STR(?alt); separator='\\n') AS ?aliases) (COUNT(DISTINCT ?art) AS ?n) WHERE { "
        f"VALUES ?cls {{ {values} }} ?e a ?cls ; rdfs:label ?label . "
        "OPTIONAL { ?e skos:altLabel ?alt } OPTIONAL { ?art schema:mentions ?e } } GROUP BY ?e"
    ).rows
    found = []
    for iri, name, classes, aliases, n in rows:
        types = sorted(_CLASS_NAMES[c] for c in str(classes).split("\n") if c in _CLASS_NAMES)
        if entity_type and entity_type not in types:
            continue
        alias_list = sorted({a for a in str(aliases or "").split("\n") if a and a != str(name)})
        found.append(EntityInfo(str(iri), str(name), types, alias_list, int(n.toPython())))  # type: ignore[union-attr]
    found.sort(key=lambda e: (-e.articles, e.name.lower()))
    return found


def _initials(key: str) -> str:
    return "".join(word[0] for word in key.split())


def likely_duplicates(entities: list[EntityInfo]) -> list[LikelyDuplicate]:
    """Pairs that are probably one entity but were kept apart.

    Reasons: same normalised name with different types; one name's words are the
    start of the other's ("Jane Street" / "Jane Street Global Trading"); one
    name is the other's initials ("AWS" / "Amazon Web Services").
    """
    keys = {e.iri: {name_key(n) for n in (e.name, *e.aliases) if name_key(n)} for e in entities}
    by_first_word: dict[str, list[EntityInfo]] = defaultdict(list)
    for e in entities:
        for k in keys[e.iri]:
            by_first_word[k.split()[0]].append(e)
    by_initials: dict[str, list[EntityInfo]] = defaultdict(list)
    for e in entities:
        for k in keys[e.iri]:
            if len(k.split()) >= 2:
                by_initials[_initials(k)].append(e)

    seen: set[tuple[str, str]] = set()
    out: list[LikelyDuplicate] = []

    def add(a: EntityInfo, b: EntityInfo, reason: str) -> None:
        pair = tuple(sorted((a.iri, b.iri)))
        if a.iri != b.iri and pair not in seen:
            seen.add(pair)  # type: ignore[arg-type]
            out.append(LikelyDuplicate(a, b, reason))

    for group in by_first_word.values():
        for a, b in combinations({e.iri: e for e in group}.values(), 2):
            for ka in keys[a.iri]:
                for kb in keys[b.iri]:
                    if ka == kb:
                        add(a, b, f"same name {ka!r}, different types")
                    else:
                        short, long_ = sorted((ka.split(), kb.split()), key=len)
                        if long_[: len(short)] == short and (len(short) > 1 or len(short[0]) > 3):
                            add(a, b, f"{' '.join(short)!r} starts {' '.join(long_)!r}")
    for e in entities:
        for k in keys[e.iri]:
            if " " not in k and len(k) >= 2:
                for other in by_initials.get(k, []):
                    add(e, other, f"{k!r} is the initials of {other.name!r}")
    return out


def format_entities(entities: list[EntityInfo], duplicates: list[LikelyDuplicate], fmt: str = "table") -> str:
    """Entities (and likely duplicates) as a table, CSV or JSON."""
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
    if fmt == "csv":
        rows = [[e.name, "/".join(e.types), "; ".join(e.aliases), str(e.articles), e.iri] for e in entities]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    rows = [[e.name, "/".join(e.types), "; ".join(e.aliases), str(e.articles), display(URIRef(e.iri))]
            for e in entities]
    text = text_table(headers, rows, max_width=70)
    if duplicates:
        text += "\n\nlikely duplicates (not merged):\n" + text_table(
            ["entity", "entity", "why"], [[d.a.name, d.b.name, d.reason] for d in duplicates]
        )
    return text
