"""The embedded, persistent store: Oxigraph (RocksDB) through pyoxigraph."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.namespaces import PREFIXES
from kg.store.base import EXPORT_FORMATS, QueryResult, Store

DEFAULT_STORE_DIR = ".kg"

_RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}
_PREFIX_MAP = {p: str(ns) for p, ns in PREFIXES.items()}
#: Graphs larger than this are written in several transactions.
_MAX_TRIPLES_PER_UPDATE = 250_000


def default_store_path() -> Path:
    """``$KG_STORE`` or ``.kg`` in the working directory."""
    return Path(os.environ.get("KG_STORE") or DEFAULT_STORE_DIR)


def to_rdflib(term: object) -> Node | None:
    """A pyoxigraph term as the equivalent rdflib term."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"unsupported term {term!r}")


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = frozenset(f"{_XSD}{t}" for t in ("integer", "int", "long", "short", "nonNegativeInteger"))
_FLOAT_TYPES = frozenset((f"{_XSD}double", f"{_XSD}float"))


def _plain(term: object) -> object:
    """pyoxigraph term -> plain value, as :func:`kg.store.base.plain_value` does for rdflib terms."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype == f"{_XSD}decimal":
            number = Decimal(term.value)
            return int(number) if number == number.to_integral_value() else float(number)
        if datatype in _INTEGER_TYPES:
            return int(term.value)
        if datatype in _FLOAT_TYPES:
            return float(term.value)
        if datatype == f"{_XSD}boolean":
            return term.value in ("true", "1")
    return term.value


class OxigraphStore(Store):
    """A persistent Oxigraph store in a directory (or in memory when ``path`` is None)."""

    def __init__(self, path: Path | str | None = None, *, create: bool = True, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self.description = f"embedded store at {self.path}" if self.path else "in-memory store"
        if self.path is not None and not create and not (self.path / "CURRENT").exists():
            raise StoreError(
                f"no kg store at {self.path} (run `kg ingest` first, or pass --store / set KG_STORE)"
            )
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            hint = (
                " (is another kg process, e.g. `kg serve`, using it?)" if "lock" in str(exc).lower() else ""
            )
            raise StoreError(f"cannot open store at {self.path}: {exc}{hint}") from None

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for bulk operations and serving."""
        return self._store

    # -- reading --------------------------------------------------------------
    def _run(self, sparql: str) -> object:
        """The raw pyoxigraph result, over the union of the graphs, with kg's prefixes."""
        try:
            return self._store.query(sparql, use_default_graph_as_union=True, prefixes=_PREFIX_MAP)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {_one_line(exc)}") from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"query failed: {_one_line(exc)}") from None

    def query(self, sparql: str) -> QueryResult:
        result = self._run(sparql)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            # the same IRI comes back in many rows: convert each distinct term once
            memo: dict[object, Node | None] = {}

            def convert(term: object) -> Node | None:
                try:
                    return memo[term]
                except KeyError:
                    memo[term] = converted = to_rdflib(term)
                    return converted

            rows = [tuple(convert(sol[v]) for v in variables) for sol in result]
            return QueryResult("select", variables=variables, rows=rows)
        graph = Graph()
        data = result.serialize(format=ox.RdfFormat.N_TRIPLES)
        if data:
            graph.parse(data=data.decode("utf-8"), format="nt")
        return QueryResult("graph", graph=graph)

    def select_values(self, sparql: str) -> tuple[list[str], list[tuple[object, ...]]]:
        result = self._run(sparql)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("select_values needs a SELECT query")
        variables = [v.value for v in result.variables]
        return variables, [tuple(_plain(sol[v]) for v in variables) for sol in result]

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def triple_count(self) -> int:
        return len(self._store)

    def dump(self, fmt: str) -> bytes:
        if fmt not in EXPORT_FORMATS:
            raise QueryError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
        rdf_format = _RDF_FORMATS[fmt]
        if EXPORT_FORMATS[fmt][1]:
            return self._store.dump(format=rdf_format, prefixes=_PREFIX_MAP)
        # Triple formats: the union of the graphs, each triple once. Dumping graph by
        # graph and merging in memory is ~8x faster than a DISTINCT CONSTRUCT over the union.
        graphs = [ox.DefaultGraph(), *self._store.named_graphs()]
        merged = ox.Store()
        merged.load(
            b"".join(self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g) for g in graphs),
            format=ox.RdfFormat.N_TRIPLES,
        )
        return merged.dump(format=rdf_format, from_graph=ox.DefaultGraph(), prefixes=_PREFIX_MAP)

    # -- writing --------------------------------------------------------------
    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql, prefixes=_PREFIX_MAP)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL update: {_one_line(exc)}") from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise StoreError(f"update failed: {_one_line(exc)}") from None

    def replace_graphs(self, graphs: Iterable[tuple[str, str]]) -> None:
        batch: list[str] = []
        size = 0
        for iri, ntriples in graphs:
            batch.append(
                f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{ntriples}\n}} }} ;\n"
            )
            size += ntriples.count("\n")
            if size >= _MAX_TRIPLES_PER_UPDATE:
                self._write(batch)
                batch, size = [], 0
        if batch:
            self._write(batch)

    def _write(self, parts: list[str]) -> None:
        text = "".join(parts).rstrip().rstrip(";")
        try:
            self._store.update(text)
        except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
            raise StoreError(f"could not write to {self.description}: {_one_line(exc)}") from None

    def remove_graphs(self, graph_iris: Iterable[str]) -> None:
        drops = " ;\n".join(f"DROP SILENT GRAPH <{iri}>" for iri in graph_iris)
        if drops:
            self.update(drops)

    def close(self) -> None:
        """Flush and release the database, so the directory can be opened again or removed."""
        with contextlib.suppress(OSError, AttributeError, RuntimeError):  # read-only stores cannot flush
            self._store.flush()
        # RocksDB's lock goes with the last reference to the pyoxigraph store
        self._store = None  # type: ignore[assignment]


def _one_line(exc: BaseException) -> str:
    """The error as one readable line: the parser's long list of expected tokens is cut short."""
    text = " ".join(str(exc).split())
    head, sep, expected = text.partition("expected one of ")
    if sep and len(expected) > 80:
        tokens = [t for t in expected.split(", ") if t.startswith('"') and len(t) < 12][:8]
        return f"{head}expected one of {', '.join(tokens)}, …"
    return text
