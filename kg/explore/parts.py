"""The explorer's building blocks that need no server: terms and links, fact cards, article text
with the evidence marked, and the neighbourhood drawing. :mod:`kg.explore.site` renders them."""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from kg.analyze import money
from kg.build.rdf import ENTITY_CLASSES
from kg.errors import QueryError
from kg.facttypes import FACT_TYPES, LITERALS
from kg.namespaces import KGID, KGO, PREFIXES, PROV, RDF, RDFS
from kg.palette import RELATION_COLORS
from kg.query import NamedQuery, bind_params, named_queries

HTML_FORMATS = ("html",)
SEARCH_LIMIT = 100
#: Most entities ``/graph`` draws (``kg render --limit``); more would not lay out in a browser.
GRAPH_LIMIT = 2000
NEIGHBOUR_LIMIT = 36
_CLASS_BY_IRI = {str(iri): name for name, iri in ENTITY_CLASSES.items()}
_FACT_BY_IRI = {str(ft.rdf_class): ft for ft in FACT_TYPES.values()}
_ROLE_BY_IRI = {str(prop): role for ft in FACT_TYPES.values() for role, prop in ft.roles.items()}
_LITERAL_BY_IRI = {str(prop): name for name, (prop, _dt) in LITERALS.items()}
_SHORTCUTS = {str(ft.shortcut[1]): ft for ft in FACT_TYPES.values() if ft.shortcut is not None}
_SAFE_PATH = re.compile(r"^[A-Za-z0-9._~%/-]+$")
_ENTITY_VALUES = " ".join(f"<{iri}>" for iri in ENTITY_CLASSES.values())
_FACT_VALUES = " ".join(f"<{ft.rdf_class}>" for ft in FACT_TYPES.values())

Ask = Callable[[dict[str, Any]], Awaitable[Any]]


class ExploreError(Exception):
    """A query behind a page failed: shown as the page's error, with the endpoint's status."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


# ------------------------------------------------------------------ terms ---
@dataclass(frozen=True)
class Term:
    """One value from a SPARQL result, as the page shows it."""

    kind: str  # uri, literal, bnode, triple
    value: str
    datatype: str | None = None
    lang: str | None = None

    @property
    def href(self) -> str | None:
        return page_url(self.value) if self.kind == "uri" else None

    @property
    def short(self) -> str:
        return compact(self.value) if self.kind == "uri" else self.value


def compact(iri: str) -> str:
    """``kgorg:nova-labs``: the longest known namespace wins."""
    best = max(
        ((p, str(ns)) for p, ns in PREFIXES.items() if iri.startswith(str(ns))),
        key=lambda item: len(item[1]),
        default=None,
    )
    return f"{best[0]}:{iri[len(best[1]) :]}" if best else iri


def page_url(iri: str) -> str | None:
    """The explorer page of a kg IRI (``/id/org/nova-labs``); None for IRIs of other sites."""
    if not iri.startswith(str(KGID)):
        return None
    rest = iri[len(str(KGID)) :]
    if _SAFE_PATH.match(rest) and ".." not in rest:
        return "/id/" + rest
    return "/resource?" + urlencode({"iri": iri})


def _term(cell: dict[str, Any]) -> Term:
    if cell["type"] == "triple":
        return Term("triple", json.dumps(cell["value"]))
    kind = "literal" if cell["type"] == "typed-literal" else cell["type"]
    return Term(kind, cell["value"], cell.get("datatype"), cell.get("xml:lang"))


# ------------------------------------------------------------------ facts ---
@dataclass
class FactView:
    """A fact node with everything its card shows."""

    iri: str
    type: str = "fact"
    label: str = ""
    roles: list[tuple[str, Term]] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)

    @property
    def amount(self) -> str:
        return money(self.values.get("amount"), self.values.get("currency"))

    @property
    def date(self) -> str:
        return self.values.get("date", "")

    @property
    def details(self) -> list[tuple[str, str]]:
        skip = {"amount", "currency", "date"}
        return [(k, v) for k, v in self.values.items() if k not in skip]


def _facts_from_rows(rows: list[dict[str, Term]], labels: dict[str, str]) -> list[FactView]:
    """Group ``?fact ?p ?o`` rows into fact cards (several articles may state one fact)."""
    facts: dict[str, FactView] = {}
    starts: dict[str, list[int]] = defaultdict(list)
    ends: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        fact = facts.setdefault(row["fact"].value, FactView(row["fact"].value))
        p, o = row["p"].value, row["o"]
        if p == str(RDF.type) and o.value in _FACT_BY_IRI:
            fact.type = _FACT_BY_IRI[o.value].label
        elif p == str(RDFS.label):
            fact.label = o.value
        elif p in _ROLE_BY_IRI and o.kind == "uri":
            if (_ROLE_BY_IRI[p], o) not in fact.roles:
                fact.roles.append((_ROLE_BY_IRI[p], o))
        elif p in _LITERAL_BY_IRI:
            fact.values[_LITERAL_BY_IRI[p]] = o.value
        elif p == str(KGO.evidenceText) and o.value not in fact.evidence:
            fact.evidence.append(o.value)
        elif p == str(KGO.evidenceStart):
            starts[fact.iri].append(int(o.value))
        elif p == str(KGO.evidenceEnd):
            ends[fact.iri].append(int(o.value))
        elif p == str(PROV.wasDerivedFrom) and o.value not in fact.articles:
            fact.articles.append(o.value)
    for iri, fact in facts.items():
        fact.spans = list(zip(sorted(starts[iri]), sorted(ends[iri]), strict=False))
        fact.roles.sort(key=lambda r: r[0])
        fact.articles.sort()
        if not fact.label:
            fact.label = fact.type + ": " + " → ".join(labels.get(t.value, t.short) for _r, t in fact.roles)
    return sorted(facts.values(), key=lambda f: (f.date or "9999", f.type, f.label))


def wants_html(request: Any) -> bool:
    """A browser asking for a page (format=html, or text/html first in Accept), not a program."""
    if request.method != "GET":
        return False
    fmt = request.query_params.get("format")
    if fmt:
        return fmt.lower() in HTML_FORMATS
    accept = request.headers.get("accept", "")
    first = accept.split(",")[0].split(";")[0].strip().lower()
    return first in ("text/html", "application/xhtml+xml")


def named_query_text(params: Any) -> str | None:
    """SPARQL for ``?name=NAMED&param=value`` (downloads of named queries); None without ``name``."""
    name = params.get("name")
    if not name:
        return None
    chosen: NamedQuery | None = named_queries().get(name)
    if chosen is None:
        raise QueryError(f"no named query {name!r}")
    return bind_params(chosen, {p: params[p] for p in chosen.params if p in params})


def _plain_iri(iri: str) -> bool:
    """An absolute IRI that can sit between ``<`` and ``>`` in a query as it is."""
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", iri, re.I))


# ------------------------------------------------------------ article text ---
def article_text(source: str | None, sha256: str | None, store_path: Path) -> tuple[str | None, str]:
    """The article's text, read again from its file, only if the file is the one that was ingested.

    The sha256 recorded at ingest must match the file's bytes: a path stored in a
    (possibly hostile) facts file can then never make the server show a file
    other than the article itself.
    """
    if not source:
        return None, "the store does not say where the article's file is"
    if not sha256:
        return None, "the store has no checksum for the article's file, so it is not shown"
    candidates = [Path(source)]
    if not Path(source).is_absolute():
        candidates.append(store_path.resolve().parent / source)
    for path in candidates:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() != sha256:
            return None, f"{source} changed since it was ingested"
        from kg.extract import read_article  # spaCy loads only when an article is shown

        return read_article(path).text, ""
    return None, f"{source} is not readable from here"


def highlight(text: str, facts: list[FactView]) -> list[tuple[str, list[int]]]:
    """The text cut into segments, each with the numbers (1-based, in ``facts`` order) of the facts whose evidence covers it."""
    marks: list[tuple[int, int, int]] = []
    for number, fact in enumerate(facts, start=1):
        # Offsets count only where they cut out one of the fact's sentences: a fact stated by
        # several articles may carry offsets into the other articles' texts too.
        spans = [
            (s, e)
            for s, e in fact.spans
            if 0 <= s < e <= len(text) and (not fact.evidence or text[s:e] in fact.evidence)
        ]
        found = {text[s:e] for s, e in spans}
        for sentence in fact.evidence:  # no (fitting) offsets: find the sentence instead
            at = text.find(sentence) if sentence not in found else -1
            if at >= 0:
                spans.append((at, at + len(sentence)))
        marks += [(s, e, number) for s, e in spans]
    cuts = sorted({0, len(text), *(s for s, _, _ in marks), *(e for _, e, _ in marks)})
    segments = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = sorted({n for s, e, n in marks if s <= start and end <= e})
        segments.append((text[start:end], covering))
    return segments


# ----------------------------------------------------------- neighbourhood ---
def neighbourhood_svg(
    iri: str, label: str, cls: str, links: list[dict[str, Term]], labels: dict[str, str]
) -> dict[str, Any]:
    """Positions for a small radial drawing: the entity in the middle, its neighbours around it."""
    neighbours: dict[str, dict[str, Any]] = {}
    for row in links:
        other = row["n"].value
        item = neighbours.setdefault(
            other,
            {
                "iri": other,
                "label": labels.get(other, compact(other)),
                "cls": _CLASS_BY_IRI.get(row["cls"].value, "Entity") if "cls" in row else "Entity",
                "relations": [],
            },
        )
        relation = row["p"].value.rsplit("#", 1)[-1]
        ft = _SHORTCUTS[row["p"].value]
        if relation not in [r for r, _ in item["relations"]]:
            item["relations"].append((relation, row["dir"].value if not ft.symmetric else "both"))
    ordered = sorted(neighbours.values(), key=lambda n: (n["relations"][0][0], n["label"].casefold()))
    hidden = max(0, len(ordered) - NEIGHBOUR_LIMIT)
    ordered = ordered[:NEIGHBOUR_LIMIT]
    width, height = 640, 420
    cx, cy = width / 2, height / 2
    radius = 165 if len(ordered) > 8 else 130
    for index, item in enumerate(ordered):
        angle = 2 * math.pi * index / max(1, len(ordered)) - math.pi / 2
        item["x"] = round(cx + radius * math.cos(angle), 1)
        item["y"] = round(cy + 0.8 * radius * math.sin(angle), 1)
        item["anchor"] = "start" if math.cos(angle) > 0.3 else "end" if math.cos(angle) < -0.3 else "middle"
        item["lx"] = round(item["x"] + 10 * math.cos(angle), 1)
        item["ly"] = round(item["y"] + 14 * math.sin(angle) + 4, 1)
        item["color"] = RELATION_COLORS.get(item["relations"][0][0], "#999999")
        item["short"] = item["label"] if len(item["label"]) <= 26 else item["label"][:25] + "…"
    return {
        "width": width,
        "height": height,
        "cx": cx,
        "cy": cy,
        "label": label,
        "cls": cls,
        "nodes": ordered,
        "hidden": hidden,
        "relations": sorted({r for n in ordered for r, _ in n["relations"]}),
    }
