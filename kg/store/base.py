"""The store interface every backend implements.

kg talks to storage only through :class:`Store`: the embedded Oxigraph store
(:mod:`kg.store.oxigraph`) and any SPARQL 1.1 server (:mod:`kg.store.remote`).
Query results come back as rdflib terms so the views never see a backend.
"""

from __future__ import annotations

import contextlib
import itertools
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal as TypingLiteral

from rdflib import Graph
from rdflib.term import Node

ResultKind = TypingLiteral["select", "ask", "graph"]
#: a triple as kg.build makes them (rdflib terms)
Triple = tuple[Node, Node, Node]

#: Export formats: name -> (file extension, whether it keeps named graphs).
EXPORT_FORMATS: dict[str, tuple[str, bool]] = {
    "turtle": ("ttl", False),
    "nt": ("nt", False),
    "jsonld": ("jsonld", False),
    "trig": ("trig", True),
    "nquads": ("nq", True),
    "rdfxml": ("rdf", False),
}


@dataclass
class QueryResult:
    """A SPARQL result, backend-neutral.

    ``select``: ``variables`` and ``rows`` (tuples of rdflib terms or None);
    ``ask``: ``boolean``; ``graph`` (CONSTRUCT/DESCRIBE): ``graph``.
    """

    kind: ResultKind
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def dicts(self) -> Iterator[dict[str, Node | None]]:
        """Rows as {variable: term}, for code that prefers names to positions."""
        for row in self.rows:
            yield dict(zip(self.variables, row, strict=True))

    def values(self) -> Iterator[dict[str, object]]:
        """Rows as {variable: Python value} (literals converted, IRIs as strings)."""
        for row in self.rows:
            yield {v: _py(t) for v, t in zip(self.variables, row, strict=True)}


def _py(term: Node | None) -> object:
    from rdflib import Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return value if not isinstance(value, Literal) else str(term)
    return str(term)


def plain_value(term: Node | None) -> object:
    """A term as a plain value: IRIs and most literals as strings, numbers as int/float, booleans as bool.

    Whole decimals become ints (amounts are whole currency units); dates stay
    their lexical form, at the precision the text gave.
    """
    from decimal import Decimal

    from rdflib import Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        if isinstance(value, bool | int | float):
            return value
    return str(term)


class Store(ABC):
    """A quad store kg can write article graphs to and query.

    Queries see the union of all named graphs as their default graph, so a
    question needs no ``GRAPH`` clause; ``GRAPH ?g`` still reaches one article.
    """

    #: a short description for messages ("embedded store at .kg", "endpoint http://…")
    description: str = "store"

    @abstractmethod
    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL query; raise QueryError if it does not parse or cannot run."""

    def select_values(self, sparql: str) -> tuple[list[str], list[tuple[object, ...]]]:
        """A SELECT's variables and rows as plain values (see :func:`plain_value`).

        For code that wants numbers and strings, not RDF terms, over many rows:
        backends override it with a path that skips rdflib terms.
        """
        result = self.query(sparql)
        return result.variables, [tuple(plain_value(t) for t in row) for row in result.rows]

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL update atomically; raise QueryError/StoreError."""

    @abstractmethod
    def replace_graphs(self, graphs: Iterable[tuple[str, str]]) -> None:
        """Replace each named graph (IRI, N-Triples text) with the given triples.

        Atomic where the backend allows: either every graph is replaced or none.
        """

    def load_graphs(self, graphs: Iterable[tuple[str, str]]) -> None:
        """Replace each named graph (IRI, N-Quads text whose every line ends in that graph's name).

        A graph may come in pieces, one right after the other. ``graphs`` may be a generator: the
        embedded store streams it into its bulk loader as it comes; by default each graph goes
        to :meth:`replace_graphs` as N-Triples.
        """
        from kg.store.nquads import iri

        def whole() -> Iterator[tuple[str, str]]:
            for g, pieces in itertools.groupby(graphs, key=lambda item: item[0]):
                yield g, "".join(text for _, text in pieces).replace(f" {iri(g)} .\n", " .\n")

        self.replace_graphs(whole())

    def write_graphs(self, graphs: Iterable[tuple[str, Iterable[Triple]]]) -> None:
        """Replace each named graph (IRI, rdflib triples); all of them or none become visible.

        ``graphs`` may be a generator: a backend consumes it as it writes, and an
        exception raised by it leaves the store as it was.
        """
        from rdflib.plugins.serializers.nt import _nt_row

        with self.transaction():
            self.replace_graphs(
                [(iri, "".join(_nt_row(t) for t in dict.fromkeys(triples))) for iri, triples in graphs]
            )

    def patch_graph(self, graph_iri: str, delete: str, ntriples: str) -> None:
        """Run the ``delete`` update, then add the N-Triples to the graph, as one write.

        The shared graph's refresh after an ingest: a few deletes, then many new triples
        (backends with a bulk loader override it to skip parsing them as a SPARQL update).
        """
        parts = [delete] if delete else []
        if ntriples:
            parts.append(f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{ntriples}}} }}")
        if parts:
            self.update(" ;\n".join(parts))

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """Writes inside become visible together, where the backend can do that (see OxigraphStore)."""
        return contextlib.nullcontext()

    @abstractmethod
    def remove_graphs(self, graph_iris: Iterable[str]) -> None:
        """Drop named graphs (missing ones are ignored)."""

    @abstractmethod
    def graph_names(self) -> list[str]:
        """IRIs of the named graphs in the store."""

    @abstractmethod
    def dump(self, fmt: str) -> bytes:
        """Serialise the store: quad formats keep graphs, triple formats the union."""

    def triple_count(self) -> int:
        """Quads in all named graphs (a triple stated by two articles counts twice)."""
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(result.rows[0][0].toPython()) if result.rows else 0  # type: ignore[union-attr]

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the store (flush, close connections)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
