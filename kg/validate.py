"""Check a graph against kg's SHACL shapes (``ontology/shapes.ttl``) with pySHACL.

The store's article graphs are checked as one union graph, because an entity
is shared by every article that names it. The ontology is passed as pySHACL's
ontology graph so ``sh:targetClass kgo:Fact`` reaches every fact class; no
inference runs, which keeps validation fast and the report about what is
actually stated.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from kg.errors import InputError, KgError
from kg.ingest import ARTICLE_SUFFIXES, FACTS_SUFFIXES
from kg.namespaces import PREFIXES, SH
from kg.ontology import SHAPES_NS, load_ontology, load_shapes
from kg.store.base import Store

#: RDF files ``kg validate FILE`` parses directly: suffix -> (rdflib format, holds named graphs).
RDF_SUFFIXES: dict[str, tuple[str, bool]] = {
    ".ttl": ("turtle", False),
    ".turtle": ("turtle", False),
    ".nt": ("nt", False),
    ".n3": ("n3", False),
    ".rdf": ("xml", False),
    ".owl": ("xml", False),
    ".xml": ("xml", False),
    ".jsonld": ("json-ld", False),
    ".trig": ("trig", True),
    ".nq": ("nquads", True),
}

_CURIES = {**{p: str(ns) for p, ns in PREFIXES.items()}, "sh": str(SH), "kgsh": SHAPES_NS}


@dataclass(frozen=True)
class ValidationResult:
    """One thing the graph gets wrong, in the words of the shape that caught it."""

    focus: str
    focus_label: str | None
    path: str | None
    value: str | None
    message: str
    shape: str | None
    severity: str

    def line(self) -> str:
        where = self.focus + (f" ({self.focus_label})" if self.focus_label else "")
        path = f" {self.path}:" if self.path else ":"
        value = f" [value: {self.value}]" if self.value is not None else ""
        return f"{where}{path} {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """pySHACL's verdict on a graph: ``conforms``, the results one by one, and its own text."""

    conforms: bool
    results: tuple[ValidationResult, ...]
    text: str
    triples: int
    source: str

    @property
    def violations(self) -> int:
        """Results of severity sh:Violation (all of kg's shapes use it)."""
        return sum(1 for r in self.results if r.severity == "Violation")

    def summary(self) -> str:
        if self.conforms and self.triples == 0:
            return f"{self.source}: the graph is empty, nothing to check"
        if self.conforms:
            return f"{self.source}: conforms to the kg shapes ({self.triples} triples checked)"
        return (
            f"{self.source}: does not conform to the kg shapes: {self.violations} violation(s) "
            f"in {self.triples} triples"
        )

    def details(self, limit: int | None = None) -> str:
        """The summary, then one line per result (at most ``limit``)."""
        lines = [self.summary()]
        shown = self.results if not limit else self.results[:limit]
        lines += [f"  {r.severity}: {r.line()}" for r in shown]
        if len(shown) < len(self.results):
            lines.append(f"  … and {len(self.results) - len(shown)} more (use --limit 0 to see all)")
        return "\n".join(lines)


def _curie(term: Node | None) -> str | None:
    if term is None:
        return None
    text = str(term)
    if isinstance(term, URIRef):
        for prefix, ns in sorted(_CURIES.items(), key=lambda item: -len(item[1])):
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns) :]}"
        return f"<{text}>"
    return text


def _results(report_graph: Graph, data: Graph, shapes: Graph) -> tuple[ValidationResult, ...]:
    found = []
    for result in report_graph.subjects(RDF.type, SH.ValidationResult):
        focus = report_graph.value(result, SH.focusNode)
        source_shape = report_graph.value(result, SH.sourceShape)
        # Property shapes are blank nodes; name the node shape that holds them.
        node_shape = shapes.value(None, SH.property, source_shape) if source_shape is not None else None
        severity = report_graph.value(result, SH.resultSeverity)
        label = data.value(focus, RDFS.label) if focus is not None else None
        found.append(
            ValidationResult(
                focus=_curie(focus) or "?",
                focus_label=str(label) if label is not None else None,
                path=_curie(report_graph.value(result, SH.resultPath)),
                value=_curie(report_graph.value(result, SH.value)),
                message=str(report_graph.value(result, SH.resultMessage) or "constraint violated"),
                shape=_curie(node_shape if node_shape is not None else source_shape),
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            )
        )
    return tuple(sorted(found, key=lambda r: (r.focus, r.path or "", r.message, r.value or "")))


def validate_graph(graph: Graph, source: str = "graph", *, inplace: bool = False) -> ValidationReport:
    """Validate an rdflib graph (a union of article graphs) against the kg shapes.

    The ontology is mixed into the data (pySHACL's ``ont_graph``) so the shapes
    see the class hierarchy. ``inplace=True`` mixes it into ``graph`` itself
    instead of a copy: faster for a large graph the caller no longer needs.
    """
    import pyshacl

    shapes = load_shapes()
    triples = len(graph)
    data = graph if inplace else _copy(graph)
    data += load_ontology()
    try:
        conforms, report_graph, text = pyshacl.validate(
            data,
            shacl_graph=shapes,
            inference="none",
            inplace=True,  # already a graph of our own: skip pySHACL's copy
            abort_on_first=False,
            allow_warnings=False,
            meta_shacl=False,
            advanced=False,
        )
    except Exception as exc:  # pySHACL reports its own failures as many exception types
        raise KgError(f"validation could not run: {' '.join(str(exc).split())}") from None
    return ValidationReport(
        conforms=bool(conforms),
        results=_results(report_graph, data, shapes),
        text=str(text),
        triples=triples,
        source=source,
    )


def _copy(graph: Graph) -> Graph:
    out = Graph()
    out.addN((s, p, o, out) for s, p, o in graph)
    return out


def validate(store: Store, *, engine: str = "auto") -> ValidationReport:
    """Validate the union of the store's article graphs.

    ``engine="sparql"`` runs the shapes as SPARQL queries on the store
    (:mod:`kg.shaclsparql`): seconds and the store's own memory at a million
    triples, where pySHACL needs minutes and gigabytes. ``"pyshacl"`` loads the
    union into rdflib and runs pySHACL. ``"auto"`` (the default) uses SPARQL
    whenever the shapes compile, else pySHACL; both report the same results.
    """
    if engine not in ("auto", "sparql", "pyshacl"):
        raise InputError(f"unknown validation engine {engine!r} (choose from auto, sparql, pyshacl)")
    if engine != "pyshacl":
        report = _validate_sparql(store)
        if report is not None:
            return report
        if engine == "sparql":
            raise KgError("the SHACL shapes use a feature the SPARQL engine does not translate; use pyshacl")
    data = store.dump("nt")
    graph = Graph()
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    return validate_graph(graph, source=getattr(store, "description", "store"), inplace=True)


def graph_from_files(paths: Iterable[Path]) -> Graph:
    """One union graph from RDF files (by suffix) and facts files or articles (built first)."""
    union = Graph()
    others: list[Path] = []
    for path in paths:
        path = Path(path)
        rdf = RDF_SUFFIXES.get(path.suffix.lower()) if path.is_file() else None
        if rdf is None:
            if path.is_file() and path.suffix.lower() not in ARTICLE_SUFFIXES | FACTS_SUFFIXES:
                raise InputError(
                    f"{path}: unsupported file type {path.suffix or '(none)'} (RDF: "
                    f"{' '.join(RDF_SUFFIXES)}; facts: .json .jsonl; articles: .txt .md .html)"
                )
            others.append(path)
            continue
        fmt, quads = rdf
        try:
            if quads:
                dataset = Dataset()
                with warnings.catch_warnings():  # rdflib's TriG parser uses its own deprecated API
                    warnings.simplefilter("ignore", DeprecationWarning)
                    dataset.parse(path, format=fmt)
                for s, p, o, _ in dataset.quads((None, None, None, None)):
                    union.add((s, p, o))
            else:
                union.parse(path, format=fmt)
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        except Exception as exc:  # rdflib's parsers raise many exception types for bad input
            raise InputError(f"{path}: cannot parse as {fmt}: {' '.join(str(exc).split())}") from None
    if others:
        from kg.build import build_graph
        from kg.ingest import facts_documents

        # built together, so one entity or deal named by two documents is one node
        for triple in build_graph(facts_documents(others)):
            union.add(triple)
    return union


def validate_files(paths: Iterable[Path]) -> ValidationReport:
    """Validate RDF files, facts files (``.json``/``.jsonl``) or articles, as one union graph."""
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError("no files to validate")
    source = str(paths[0]) if len(paths) == 1 else f"{len(paths)} files"
    return validate_graph(graph_from_files(paths), source=source, inplace=True)


def _validate_sparql(store: Store) -> ValidationReport | None:
    """The shapes as SPARQL queries on the store (None when they do not compile)."""
    from kg.shaclsparql import compile_shapes

    checks = compile_shapes(load_shapes(), load_ontology())
    if checks is None:
        return None
    found: list[tuple[object, ...]] = []
    for check in checks:
        for row in store.query(check.query).rows:
            found.extend((check, focus, value) for focus, value in check.results(row))
    labels = _labels(store, {focus for _, focus, _ in found if isinstance(focus, URIRef)})
    results = tuple(
        sorted(
            (
                ValidationResult(
                    focus=_curie(focus) or "?",  # type: ignore[arg-type]
                    focus_label=labels.get(str(focus)),
                    path=_curie(check.path),  # type: ignore[attr-defined]
                    value=_curie(value),  # type: ignore[arg-type]
                    message=check.message,  # type: ignore[attr-defined]
                    shape=_curie(check.shape),  # type: ignore[attr-defined]
                    severity=str(check.severity).rsplit("#", 1)[-1],  # type: ignore[attr-defined]
                )
                for check, focus, value in found
            ),
            key=lambda r: (r.focus, r.path or "", r.message, r.value or ""),
        )
    )
    text = f"Validation Report\nConforms: {not results}\nResults ({len(results)}):\n" + "".join(
        f"  {r.severity}: {r.line()}\n" for r in results
    )
    return ValidationReport(
        conforms=not results,
        results=results,
        text=text,
        triples=store.triple_count(),
        source=getattr(store, "description", "store"),
    )


def _labels(store: Store, nodes: set[URIRef]) -> dict[str, str]:
    """One rdfs:label (the least) of each node, for the report's lines."""
    if not nodes:
        return {}
    values = " ".join(f"<{n}>" for n in sorted(nodes)[:10_000])
    result = store.query(
        f"SELECT ?n (MIN(STR(?l)) AS ?label) WHERE {{ VALUES ?n {{ {values} }} ?n rdfs:label ?l }} GROUP BY ?n"
    )
    return {str(n): str(label) for n, label in result.rows if label is not None}
