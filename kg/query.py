"""SPARQL queries against the store: ad hoc, from a file, or named (``kg/queries/*.rq``)."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import BNode, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.namespaces import PREFIXES
from kg.store.base import QueryResult, Store, plain_value

FORMATS = ("table", "csv", "tsv", "json")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    params: dict[str, str]
    text: str


def named_queries() -> dict[str, NamedQuery]:
    """The queries shipped in ``kg/queries``, by name (file name without ``.rq``)."""
    found: dict[str, NamedQuery] = {}
    folder = resources.files("kg").joinpath("queries")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            found[entry.name[:-3]] = _parse_named(entry.name[:-3], entry.read_text("utf-8"))
    return found


def _parse_named(name: str, text: str) -> NamedQuery:
    title, params = name, {}
    for line in text.splitlines():
        if line.startswith("# title:"):
            title = line.split(":", 1)[1].strip()
        elif line.startswith("# param:"):
            pname, _, doc = line.split(":", 1)[1].strip().partition(" ")
            params[pname] = doc.strip()
    return NamedQuery(name, title, params, text)


def resolve_query(spec: str) -> NamedQuery:
    """``spec`` is a named query, a ``.rq`` file, or SPARQL text."""
    named = named_queries()
    if spec in named:
        return named[spec]
    if spec.endswith((".rq", ".sparql")) or ("\n" not in spec and Path(spec).is_file()):
        path = Path(spec)
        try:
            return _parse_named(path.stem, path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read query file {spec}: {exc}") from None
    if not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", spec, re.IGNORECASE):
        raise QueryError(f"{spec!r} is not a named query, a .rq file or SPARQL (see `kg query --list`)")
    return NamedQuery("query", "ad hoc query", {}, spec)


def sparql_literal(value: str) -> str:
    """``value`` as a SPARQL string literal, escaped so it cannot change the query."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def bind_params(query: NamedQuery, params: dict[str, str]) -> str:
    """Substitute ``$name`` placeholders with literals; every declared parameter is required."""
    missing = [p for p in query.params if p not in params]
    if missing:
        raise QueryError(f"query {query.name!r} needs " + ", ".join(f"--param {p}=VALUE" for p in missing))
    return _PARAM.sub(
        lambda m: sparql_literal(params[m.group(1)]) if m.group(1) in params else m.group(0), query.text
    )


def run_query(
    store: Store, spec: str, params: dict[str, str] | None = None, *, timeout: float | None = None
) -> QueryResult:
    """Run a named query, a ``.rq`` file or SPARQL text against ``store``.

    The query runs in a helper thread (the engine releases the GIL), so Ctrl+C and
    ``timeout`` stop the wait at once; the caller exits, which ends the query with it.
    """
    text = bind_params(resolve_query(spec), params or {})
    outcome: list[QueryResult | BaseException] = []

    def evaluate() -> None:
        try:
            outcome.append(store.query(text))
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            outcome.append(exc)

    worker = threading.Thread(target=evaluate, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise QueryError(f"query cut off: it ran longer than {timeout:g} s (--timeout)")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


# -- output ----------------------------------------------------------------------
def _compact(iri: str) -> str:
    """``kgorg:anthropic`` for a kg IRI: the longest namespace that fits wins."""
    best = max(
        ((p, str(ns)) for p, ns in PREFIXES.items() if iri.startswith(str(ns)) and p not in ("rdf", "owl")),
        key=lambda item: len(item[1]),
        default=None,
    )
    return f"{best[0]}:{iri[len(best[1]) :]}" if best else f"<{iri}>"


def display(term: Node | None, *, compact: bool = True) -> str:
    """A term as a reader wants it in a table cell."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return _compact(str(term)) if compact else str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as an aligned table, CSV, TSV or JSON (rows as objects)."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if result.kind == "ask":
        return json.dumps(result.boolean) if fmt == "json" else ("yes" if result.boolean else "no")
    if result.kind == "graph":
        assert result.graph is not None
        for prefix, ns in PREFIXES.items():
            result.graph.bind(prefix, ns)
        return result.graph.serialize(format="json-ld" if fmt == "json" else "turtle")
    if fmt == "json":
        rows = [
            {v: plain_value(t) for v, t in zip(result.variables, row, strict=True)} for row in result.rows
        ]
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows([display(t, compact=False) for t in row] for row in result.rows)
        return out.getvalue().rstrip("\n")
    return text_table(result.variables, [[display(t) for t in row] for row in result.rows])


#: C0/C1 controls (terminal escapes) and the bidi controls that reorder what a terminal shows
_UNSAFE_FOR_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with control and bidi characters shown as ``\\x1b``/``\\u202e`` escapes.

    Article text is data from anywhere: an escape sequence in a company name must
    not recolour, retitle or rewrite the reader's terminal.
    """
    return _UNSAFE_FOR_TERMINAL.sub(lambda m: _escape(m.group()), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def text_table(headers: list[str], rows: list[list[str]], max_width: int = 60) -> str:
    """A plain aligned table (no colours: it goes into files and READMEs too); control characters escaped."""
    rows = [[terminal_safe(c.replace("\n", " ").replace("\t", " ")) for c in row] for row in rows]
    cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    right = [
        all(_is_number(r[i]) for r in cells if r[i]) and any(r[i] for r in cells) for i in range(len(headers))
    ]

    def line(values: list[str]) -> str:
        return "  ".join(
            v.rjust(w) if ra else v.ljust(w) for v, w, ra in zip(values, widths, right, strict=True)
        ).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
