"""Read a store column by column: (subject, value) pairs per property, IRI-only TSV split in one pass.

The graph readers (:mod:`kg.graphread`) build on these: one property at a time with quad patterns
on the embedded Oxigraph store (no SPARQL parsing, no join) or one trivial SELECT per property on a
remote server, joined afterwards in dictionaries keyed by IRI, so no Python dict is made per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator

from kg.store.base import Store

#: Rows per VALUES block: pyoxigraph 0.5 switches to a far slower join between 1,000 and 2,000.
_VALUES_BATCH = 500


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def rows(store: Store, sparql: str) -> list[tuple[object, ...]]:
    """A SELECT's rows as plain values; on the embedded store written out as TSV by the engine and read here.

    A quarter faster than one Python term per value (:func:`kg.store.oxigraph.tsv_rows`).
    """
    run = getattr(store, "_run", None)
    if run is None:
        return store.select_values(sparql)[1]
    from kg.store.oxigraph import tsv_rows

    return tsv_rows(_tsv(run(sparql)))


def pairs(store: Store, predicate: str, subjects: Collection[str] | None = None) -> list[tuple[str, object]]:
    """Every (subject, object) of ``predicate`` in the union of the graphs, as plain values.

    A triple stated in several graphs comes back once per graph (callers
    collect into sets or dicts). One ``SELECT ?s ?o`` that any store answers
    from one index; on pyoxigraph it is twice as fast as ``quads_for_pattern``,
    which builds a Python quad per triple. ``subjects`` limits it to those IRIs.
    """
    if subjects is not None:
        found: list[tuple[str, object]] = []
        ordered = sorted(subjects)
        for start in range(0, len(ordered), _VALUES_BATCH):
            values = " ".join(f"<{s}>" for s in ordered[start : start + _VALUES_BATCH])
            found += rows(store, f"SELECT ?s ?o WHERE {{ VALUES ?s {{ {values} }} ?s <{predicate}> ?o }}")  # type: ignore[arg-type]
        return found
    run = getattr(store, "_run", None)
    if run is None:
        return store.select_values(f"SELECT ?s ?o WHERE {{ ?s <{predicate}> ?o }}")[1]  # type: ignore[return-value]
    from kg.store.oxigraph import _plain

    return [(s.value, _plain(o)) for s, o in run(f"SELECT ?s ?o WHERE {{ ?s <{predicate}> ?o }}")]


def _least(found: Iterable[tuple[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for subject, value in found:
        old = out.get(subject)
        if old is None or str(value) < str(old):
            out[subject] = value
    return out


def _grouped(found: Iterable[tuple[str, object]]) -> dict[str, set]:
    out: dict[str, set] = defaultdict(set)
    for subject, value in found:
        out[subject].add(value)
    return out


def iri_rows(store: Store, sparql: str) -> list[list[str]]:
    """A SELECT's rows whose values are all IRIs, as strings (other values are left out of their row).

    On the embedded store the solutions are written out as TSV by the engine and split
    here, a third faster than one Python term per value.
    """
    run = getattr(store, "_run", None)
    if run is None:
        return [[str(v) for v in row] for row in store.select_values(sparql)[1]]
    text = _tsv(run(sparql))
    cells = _iri_cells(text)
    if cells is not None:
        width, values = cells
        return [values[i : i + width] for i in range(0, len(values), width)]
    return [[v[1:-1] for v in line.split("\t") if v.startswith("<")] for line in text.split("\n")[1:] if line]


def iri_column(store: Store, sparql: str) -> list[str]:
    """The IRIs of a one-variable SELECT (other values are left out)."""
    run = getattr(store, "_run", None)
    if run is not None:
        cells = _iri_cells(_tsv(run(sparql)))
        if cells is not None:
            return cells[1]
    return [row[0] for row in iri_rows(store, sparql) if row]


def iri_pairs(store: Store, sparql: str) -> Iterable[tuple[str, str]]:
    """The rows of a two-variable SELECT whose values are both IRIs (rows with any other value are left out)."""
    run = getattr(store, "_run", None)
    if run is not None:
        cells = _iri_cells(_tsv(run(sparql)))
        if cells is not None:
            return zip(cells[1][0::2], cells[1][1::2], strict=True)
    return [(row[0], row[1]) for row in iri_rows(store, sparql) if len(row) == 2]


def iri_links(store: Store, predicate: str) -> Iterable[tuple[str, str]]:
    """Every (subject, object) of ``predicate`` where both are IRIs, in the union of the graphs.

    On the embedded store the query has no ``FILTER(isIRI(?o))``: the engine's
    filter costs more than writing the odd literal out, and the TSV split leaves
    rows with any other value out just as the filter would (a third of the read
    at 140,000 role values). A server is asked with the filter, since its rows
    come back as plain values.
    """
    run = getattr(store, "_run", None)
    if run is None:
        return iri_pairs(store, f"SELECT ?s ?o WHERE {{ ?s <{predicate}> ?o FILTER(isIRI(?o)) }}")
    return iri_pairs(store, f"SELECT ?s ?o WHERE {{ ?s <{predicate}> ?o }}")


def _tsv(solutions: object) -> str:
    import pyoxigraph as ox

    return solutions.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8")  # type: ignore[attr-defined]


def _iri_cells(text: str) -> tuple[int, list[str]] | None:
    """(columns, every cell without its brackets) of a TSV result whose cells are all IRIs, else None.

    TSV escapes tabs and line breaks inside values, so a cell starts at the text's
    start or after a tab or line break: when every start is ``<`` and splitting at
    whitespace gives as many values as cells, every cell is an IRI (which cannot
    hold ``<``, ``>`` or spaces) and one ``replace`` and ``split`` read them all,
    several times faster than splitting line by line.
    """
    header, _, body = text.partition("\n")
    width = header.count("\t") + 1
    cells = body.count("\n") * width
    if body.startswith("<") + body.count("\t<") + body.count("\n<") != cells:
        return None
    values = body.replace("<", "").replace(">", "").split()
    return (width, values) if len(values) == cells else None


def _first(store: Store, predicate: str, subjects: Collection[str] | None = None) -> dict[str, object]:
    """subject -> its least value of ``predicate`` (as MIN would pick; one value is the norm)."""
    return _least(pairs(store, predicate, subjects))


def _sets(store: Store, predicate: str, subjects: Collection[str] | None = None) -> dict[str, set]:
    return _grouped(pairs(store, predicate, subjects))


class _Columns:
    """Properties of some subjects (or of all, ``subjects`` None), one at a time, as plain values.

    With subjects given, the wanted ``predicates`` of a batch of subjects come in
    one query (``VALUES ?s … ?s ?p ?o``): for thousands of subjects far cheaper
    than one query per property and batch.
    """

    def __init__(
        self,
        store: Store,
        subjects: Collection[str] | None,
        predicates: Iterable[str] = (),
        *,
        read: Callable[[Store, list[str], list[str]], Iterable[tuple[str, str, object]]] | None = None,
    ) -> None:
        """``read`` (store, subjects, predicates) -> (subject, predicate, value): another way to read some subjects."""
        self.store, self.subjects = store, subjects
        self.cache: dict[str, dict[str, list[object]]] | None = None
        if subjects is not None:
            self.cache = {subject: defaultdict(list) for subject in subjects}
            if read is not None:
                for subject, predicate, value in read(store, sorted(subjects), sorted(set(predicates))):
                    self.cache[subject][predicate].append(value)
                return
            wanted = ", ".join(f"<{p}>" for p in sorted(set(predicates)))
            for batch, values in numbered(subjects, "s") if wanted else ():
                query = f"SELECT ?n ?p ?o WHERE {{ {values} ?s ?p ?o FILTER(?p IN ({wanted})) }}"
                for n, predicate, value in rows(store, query):
                    self.cache[batch[n]][predicate].append(value)  # type: ignore[index,call-overload]

    def pairs(self, predicate: str) -> list[tuple[str, object]]:
        if self.cache is None:
            return pairs(self.store, predicate, self.subjects)
        return [(s, v) for s, found in self.cache.items() for v in found.get(predicate, ())]

    def first(self, predicate: str) -> dict[str, object]:
        """subject -> its least value of ``predicate`` (as MIN would pick; one value is the norm)."""
        return _least(self.pairs(predicate))

    def sets(self, predicate: str) -> dict[str, set]:
        return _grouped(self.pairs(predicate))


def numbered(iris: Collection[str], variable: str) -> Iterator[tuple[list[str], str]]:
    """Batches of ``iris`` (sorted), each with a ``VALUES (?variable ?n)`` block giving every IRI its place.

    A query that selects ``?n`` instead of ``?variable`` makes the engine write
    out a small integer per row where it would look up and write the IRI again
    (a third of the cost of reading a few values of thousands of facts).
    """
    ordered = sorted(iris)
    for start in range(0, len(ordered), _VALUES_BATCH):
        batch = ordered[start : start + _VALUES_BATCH]
        yield (
            batch,
            f"VALUES (?{variable} ?n) {{ {' '.join(f'(<{iri}> {n})' for n, iri in enumerate(batch))} }}",
        )


def _restricted(query: str, variable: str, iris: Collection[str] | None) -> list[str]:
    """``query`` as is, or once per batch of ``iris`` with ``VALUES ?variable`` put first in its pattern."""
    if iris is None:
        return [query]
    ordered = sorted(iris)
    head, brace, rest = query.partition("WHERE {")
    return [
        f"{head}{brace} VALUES ?{variable} {{ {' '.join(f'<{i}>' for i in ordered[n : n + _VALUES_BATCH])} }} {rest}"
        for n in range(0, len(ordered), _VALUES_BATCH)
    ]
