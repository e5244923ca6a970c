"""Where sources disagree: one fact, several articles, different amounts, dates, stakes or statuses.

The named query ``conflicts`` (kg/queries/conflicts.rq) finds them, one row per
source value; here the rows are grouped into one conflict per fact and value
field, each with every source's value and evidence sentence.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field

from kg.store.base import Store


@dataclass
class SourceValue:
    article: str
    value: object
    evidence: str | None = None
    confidence: float | None = None


@dataclass
class Conflict:
    fact: str
    iri: str
    field: str
    sources: list[SourceValue] = field(default_factory=list)

    @property
    def values(self) -> list[object]:
        return list(dict.fromkeys(s.value for s in self.sources))


def find_conflicts(store: Store) -> list[Conflict]:
    """Every disputed field of every fact, with each source's value."""
    from kg.query import run_query

    result = run_query(store, "conflicts")
    found: dict[tuple[str, str], Conflict] = {}
    for row in result.values():
        key = (str(row["iri"]), str(row["property"]))
        conflict = found.setdefault(key, Conflict(str(row["fact"]), key[0], key[1]))
        conflict.sources.append(
            SourceValue(
                str(row["article"]),
                _plain(row["value"]),
                None if row["evidence"] is None else str(row["evidence"]),
                None if row["confidence"] is None else float(row["confidence"]),  # type: ignore[arg-type]
            )
        )
    return list(found.values())


def _plain(value: object) -> object:
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[union-attr]
    return value if isinstance(value, int | float | bool) else str(value)


FORMATS = ("table", "csv", "tsv", "json")
_HEADERS = ["fact", "field", "value", "article", "confidence", "evidence"]


def _rows(conflicts: list[Conflict]) -> list[list[str]]:
    return [
        [
            c.fact,
            c.field,
            str(s.value),
            s.article,
            "" if s.confidence is None else f"{s.confidence:g}",
            s.evidence or "",
        ]
        for c in conflicts
        for s in c.sources
    ]


def format_conflicts(conflicts: list[Conflict], fmt: str = "table") -> str:
    """Conflicts as a table (grouped), CSV or TSV (one row per source value), or JSON (nested)."""
    if fmt == "json":
        return json.dumps(
            [{**asdict(c), "values": c.values} for c in conflicts], indent=2, ensure_ascii=False, default=str
        )
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n", delimiter="\t" if fmt == "tsv" else ",")
        writer.writerow(_HEADERS)
        writer.writerows(_rows(conflicts))
        return out.getvalue().rstrip("\n")
    if not conflicts:
        return "no conflicts: no two sources disagree on an amount, date, stake or status"
    from kg.query import text_table

    blocks = []
    for c in conflicts:
        title = f"{c.fact} — {c.field}: {' vs '.join(str(v) for v in c.values)}"
        rows = [
            [s.article, str(s.value), "" if s.confidence is None else f"{s.confidence:g}", s.evidence or ""]
            for s in c.sources
        ]
        blocks.append(
            title + "\n" + text_table(["article", "value", "confidence", "evidence"], rows, max_width=90)
        )
    return "\n\n".join(blocks) + f"\n\n{len(conflicts)} conflict(s)"
