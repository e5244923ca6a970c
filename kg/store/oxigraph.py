"""The embedded, persistent store: Oxigraph (RocksDB) through pyoxigraph."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import InputError, QueryError, StoreError
from kg.namespaces import PREFIXES
from kg.store import layout
from kg.store.base import EXPORT_FORMATS, QueryResult, Store, Triple
from kg.store.nquads import NQuadsWriter
from kg.store.nquads import iri as nquads_iri

DEFAULT_STORE_DIR = ".kg"

_RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
_PREFIX_MAP = {p: str(ns) for p, ns in PREFIXES.items()}


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


_TSV_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", '"': '"', "\\": "\\"}
_TSV_ESCAPE = re.compile(r"\\(.)")
_TSV_NUMBER = re.compile(r"[+-]?(\d+)(\.\d*)?|[+-]?\.\d+")


def _tsv_value(cell: str) -> object:
    """One cell of pyoxigraph's SPARQL TSV as :func:`_plain` makes the term (unbound: None).

    pyoxigraph writes IRIs as ``<…>``, blank nodes as ``_:…``, integers,
    decimals and booleans bare, and every other literal quoted (escaping only
    tab, line breaks, quote and backslash) with its language or datatype.
    """
    if not cell:
        return None
    first = cell[0]
    if first == "<":
        return cell[1:-1]
    if first == '"':
        end = cell.rindex('"')
        lexical = cell[1:end]
        if "\\" in lexical:
            lexical = _TSV_ESCAPE.sub(lambda m: _TSV_ESCAPES[m.group(1)], lexical)
        if cell.startswith("^^<", end + 1):
            return _typed(lexical, cell[end + 4 : -1])
        return lexical
    if cell.startswith("_:"):
        return cell[2:]
    if cell in ("true", "false"):
        return cell == "true"
    match = _TSV_NUMBER.fullmatch(cell)
    if match is None:
        raise ValueError(f"unexpected TSV value {cell!r}")
    if match.group(2) is None and match.group(1) is not None:
        return int(cell)
    return _typed(cell, f"{_XSD}decimal")


def _typed(lexical: str, datatype: str) -> object:
    if datatype == f"{_XSD}decimal":
        number = Decimal(lexical)
        return int(number) if number == number.to_integral_value() else float(number)
    if datatype in _INTEGER_TYPES:
        return int(lexical)
    if datatype in _FLOAT_TYPES:
        return float(lexical)
    if datatype == f"{_XSD}boolean":
        return lexical in ("true", "1")
    return lexical


def tsv_rows(text: str) -> list[tuple[object, ...]]:
    """The rows of a SELECT result written as SPARQL TSV by pyoxigraph, as plain values.

    Faster than one Python term per value: the engine writes the text, and most
    cells (IRIs, short literals) become a string with one slice.
    """
    lines = text.split("\n")
    return [tuple(map(_tsv_value, line.split("\t"))) for line in lines[1:-1]]


class OxigraphStore(Store):
    """A persistent Oxigraph store in a directory (or in memory when ``path`` is None).

    On disk, every write is staged in a new version and made visible with one atomic
    rename (see :mod:`kg.store.layout`): readers never see half of it, and a crash
    leaves the old state or the whole new one. Reads use a read-only opener, so any
    number of readers run beside each other and beside a writer.
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        create: bool = True,
        read_only: bool = False,
        lock_wait: float = 0.0,
    ):
        self.path = Path(path) if path is not None else None
        self.description = f"embedded store at {self.path}" if self.path else "in-memory store"
        self.read_only = read_only
        self._lock_wait = lock_wait
        self._lease: layout.ReaderLease | None = None
        self._stage: ox.Store | None = None
        self._next_version = ""
        self._depth = 0
        if self.path is None:
            self._store = ox.Store()
            return
        found = layout.kind(self.path)
        if found == "foreign":
            what = "a file" if not self.path.is_dir() else "a folder with other files in it"
            raise StoreError(f"{self.path} is not a kg store but {what}; give --store a new or empty folder")
        if found in ("missing", "empty") and not create:
            raise StoreError(
                f"no kg store at {self.path} (run `kg ingest` first, or pass --store / set KG_STORE)"
            )
        self._open_reader()

    def _open_reader(self) -> None:
        """Open the current version read-only (an empty in-memory store if nothing is written yet)."""
        assert self.path is not None
        self._release_reader()
        found = layout.kind(self.path)
        try:
            if found == "versioned":
                version, self._lease = layout.open_version(self.path)
                self._store = ox.Store.read_only(str(self.path / version))
            elif found == "legacy":
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store()
        except OSError as exc:
            self._release_reader()
            raise StoreError(f"cannot open store at {self.path}: {_one_line(exc)}") from None

    def _release_reader(self) -> None:
        self._store = None  # type: ignore[assignment]
        if self._lease is not None:
            self._lease.release()
            self._lease = None

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
    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes into one version: all of them become visible at once, or none.

        Takes the store's write lock at once (so what is read inside is what is
        written over) and refreshes the reader to the newest version.
        """
        if self.path is None or self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        if self.read_only:
            raise StoreError(f"{self.description} was opened read-only")
        root = self.path
        created = not root.exists()
        try:
            root.mkdir(parents=True, exist_ok=True)
            lock = layout.WriteLock(root, self._lock_wait)
        except OSError as exc:
            raise StoreError(f"cannot write to {self.description}: {_one_line(exc)}") from None
        version = None
        try:
            self._open_reader()  # the newest version: another writer may have finished since we opened
            version = self._next_version = layout.next_version(root)
            self._depth = 1
            try:
                yield
            finally:
                self._depth = 0
            if self._stage is not None:
                stage, self._stage = self._stage, None
                stage.flush()
                del stage  # closes the database: RocksDB's lock goes with the last reference
                layout.switch(root, version)
                self._open_reader()
                layout.collect_garbage(root)
        except OSError as exc:
            raise StoreError(f"could not write to {self.description}: {_one_line(exc)}") from None
        finally:
            self._stage = None
            if version is not None and (root / version).exists() and not self._is_current(version):
                shutil.rmtree(root / version, ignore_errors=True)
            lock.release()
            if created and layout.kind(root) in ("empty", "missing"):
                shutil.rmtree(root, ignore_errors=True)

    def _is_current(self, version: str) -> bool:
        assert self.path is not None
        try:
            return layout.current_version(self.path) == version
        except StoreError:
            return False

    def _staged(self) -> ox.Store:
        """The store writes go to: the staged version (checked out on first use), or the memory store."""
        if self.path is None:
            return self._store
        if not self._depth:
            raise RuntimeError("write outside a transaction")
        if self._stage is None:
            target = self.path / self._next_version
            if layout.kind(self.path) in ("versioned", "legacy"):
                self._store.backup(str(target))  # a checkpoint: hard links, instant
            self._stage = ox.Store(str(target))
        return self._stage

    def update(self, sparql: str) -> None:
        with self.transaction():
            try:
                self._staged().update(sparql, prefixes=_PREFIX_MAP)
            except SyntaxError as exc:
                raise QueryError(f"invalid SPARQL update: {_one_line(exc)}") from None
            except (ValueError, RuntimeError) as exc:
                raise StoreError(f"update failed: {_one_line(exc)}") from None

    def patch_graph(self, graph_iri: str, delete: str, ntriples: str) -> None:
        """The deletes as an update, the new triples through the loader: in one staged version.

        ``INSERT DATA`` of the shared graph after a big ingest (hundreds of thousands of
        triples) held them all in one in-memory transaction: slower and bigger than the bulk load.
        """
        with self.transaction():
            self._patch_staged(graph_iri, delete, ntriples)

    def _patch_staged(self, graph_iri: str, delete: str, ntriples: str) -> None:
        store = self._staged()
        try:
            if delete:
                store.update(delete, prefixes=_PREFIX_MAP)
            if ntriples:
                data = ntriples.encode("utf-8")
                graph = ox.NamedNode(graph_iri)
                if self.path is None:
                    store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
                else:
                    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        except SyntaxError as exc:
            raise StoreError(f"could not write to {self.description}: {_one_line(exc)}") from None
        except (ValueError, RuntimeError) as exc:
            raise StoreError(f"update failed: {_one_line(exc)}") from None

    def replace_graphs(self, graphs: Iterable[tuple[str, str]]) -> None:
        def nquads() -> Iterator[tuple[str, str]]:
            for graph_iri, ntriples in graphs:
                tail = f" {nquads_iri(graph_iri)} .\n"
                yield (
                    graph_iri,
                    "".join(line[: line.rindex(".")].rstrip() + tail for line in _lines(ntriples)),
                )

        self._load(nquads())

    def load_graphs(self, graphs: Iterable[tuple[str, str]]) -> None:
        self._load(graphs)

    def write_graphs(self, graphs: Iterable[tuple[str, Iterable[Triple]]]) -> None:
        writer = NQuadsWriter()
        self._load((graph_iri, writer.graph(graph_iri, triples)) for graph_iri, triples in graphs)

    def _load(self, graphs: Iterable[tuple[str, str]]) -> None:
        """Replace each graph with its N-Quads, in one version, through the bulk loader.

        The N-Quads go to ``bulk_load`` in parts while Python produces them (the loader
        runs in Rust, without the GIL; see :func:`_bulk_load_parts`). Graphs the store
        already has go to a second file, loaded after they are dropped. An error anywhere drops the staged
        version, so the store stays as it was.
        """
        with self.transaction():
            # in a method of its own, so no reference to the staged database outlives it: the
            # transaction closes the database before switching to it and opening it to read
            self._load_staged(graphs)

    def _load_staged(self, graphs: Iterable[tuple[str, str]]) -> None:
        store = self._staged()
        existing = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
        if self.path is None:
            self._load_in_memory(store, graphs, existing)
            return
        stage_dir = self.path / f".load-{os.getpid()}"
        stage_dir.mkdir(exist_ok=True)
        try:
            replaced = stage_dir / "replaced.nq"
            replaced_iris: list[str] = []
            with open(replaced, "w", encoding="utf-8") as side:
                seen: set[str] = set()
                last = [""]  # the graph of the piece before

                def fresh() -> Iterator[str]:
                    for graph_iri, text in graphs:
                        # a graph may come in pieces one after the other, not twice apart
                        if graph_iri in seen and last[0] != graph_iri:
                            raise InputError(
                                f"graph <{graph_iri}> comes twice in one write; nothing was written"
                            )
                        seen.add(graph_iri)
                        last[0] = graph_iri
                        if graph_iri in existing:  # dropped first, then loaded: see below
                            replaced_iris.append(graph_iri)
                            side.write(text)
                        else:
                            yield text

                _bulk_load_parts(store, fresh(), stage_dir)
            if replaced_iris:
                store.update(" ;\n".join(f"DROP SILENT GRAPH {nquads_iri(g)}" for g in replaced_iris))
                store.bulk_load(path=str(replaced), format=ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise StoreError(f"could not write to {self.description}: {_one_line(exc)}") from None
        finally:
            shutil.rmtree(stage_dir, ignore_errors=True)

    def _load_in_memory(self, store: ox.Store, graphs: Iterable[tuple[str, str]], existing: set[str]) -> None:
        # everything built (and every input error raised) before the first write; a graph given again
        # later replaces its earlier text, pieces one after the other add up
        texts: dict[str, list[str]] = {}
        last = None
        for graph_iri, text in graphs:
            if graph_iri != last:
                texts[graph_iri] = []
            texts[graph_iri].append(text)
            last = graph_iri
        items = [(g, "".join(parts)) for g, parts in texts.items()]
        drops = [g for g, _ in items if g in existing]
        try:
            if drops:
                store.update(" ;\n".join(f"DROP SILENT GRAPH {nquads_iri(g)}" for g in drops))
            store.load("".join(text for _, text in items).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"could not write to {self.description}: {_one_line(exc)}") from None

    def remove_graphs(self, graph_iris: Iterable[str]) -> None:
        drops = " ;\n".join(f"DROP SILENT GRAPH <{iri}>" for iri in graph_iris)
        if drops:
            self.update(drops)

    def close(self) -> None:
        """Release the database, so the directory can be opened again or removed."""
        if self.path is None:
            self._store = None  # type: ignore[assignment]
            return
        self._release_reader()


def _lines(ntriples: str) -> Iterator[str]:
    return (line for line in ntriples.splitlines() if line.strip() and not line.lstrip().startswith("#"))


#: Lines (quads) per bulk load when a write is split into several (see :func:`_bulk_load_parts`).
PART_QUADS = 400_000
#: Bulk loads running at once; each sorts and writes its quads on a thread of its own.
LOADS_AT_ONCE = 2


def _bulk_load_parts(store: ox.Store, chunks: Iterable[str], scratch: Path) -> None:
    """``store.bulk_load`` of ``chunks``, in parts loaded while the next part is produced.

    The loader reads its whole input before it sorts and writes the last million quads, on one
    thread, so one load of everything leaves that last sort for after Python's last line. Here
    the text goes to files of about :data:`PART_QUADS` lines (a part grows to a quarter of what
    was written before it, so a huge write makes tens of loads, not thousands), each loaded on a
    thread (the loader runs in Rust, without the GIL) as soon as it is written, two at a time:
    the sorting overlaps the building and uses both cores, and only the last part is left at the
    end. The parts go into the same staged version, so the write is still all or nothing. The
    loader is given regular files, not a pipe: on four cores or more it splits its input file by
    size to parse it in parallel, which a pipe (size 0) would turn into no input at all.
    """
    pool = ThreadPoolExecutor(max_workers=LOADS_AT_ONCE, thread_name_prefix="kg-bulk-load")
    loads: deque[Future[None]] = deque()

    def load(path: Path) -> None:
        try:
            store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        finally:
            path.unlink(missing_ok=True)

    def submit(path: Path) -> None:
        # a part waits on disk while both loaders are busy; one more is written, then Python waits
        while len(loads) > LOADS_AT_ONCE:
            loads.popleft().result()
        for done in [f for f in loads if f.done()]:
            done.result()  # a load that failed stops the write now
        loads.append(pool.submit(load, path))

    out = None
    try:
        part = lines = written = 0
        path = scratch / "part-0.nq"
        for chunk in chunks:
            if out is None:
                path = scratch / f"part-{part}.nq"
                out = open(path, "w", encoding="utf-8", buffering=1 << 20)  # noqa: SIM115 - closed when the part is full
            out.write(chunk)
            lines += chunk.count("\n")
            if lines >= max(PART_QUADS, written // 4):
                out.close()
                out = None
                submit(path)
                part, written, lines = part + 1, written + lines, 0
        if out is not None:
            out.close()
            out = None
            submit(path)
        while loads:
            loads.popleft().result()
    finally:
        if out is not None:
            out.close()
        pool.shutdown(wait=True, cancel_futures=True)  # no load may outlive the staged database


def _one_line(exc: BaseException) -> str:
    """The error as one readable line: the parser's long list of expected tokens is cut short."""
    text = " ".join(str(exc).split())
    head, sep, expected = text.partition("expected one of ")
    if sep and len(expected) > 80:
        tokens = [t for t in expected.split(", ") if t.startswith('"') and len(t) < 12][:8]
        return f"{head}expected one of {', '.join(tokens)}, …"
    return text
