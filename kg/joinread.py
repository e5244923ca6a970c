"""Joins the embedded store answers fast: scans hash-joined, IRIs numbered instead of written out.

Measured on pyoxigraph 0.5 (2.03 M quads, see docs/scaling.md): scanning one
property costs the engine about half a microsecond a row, but writing out an
IRI costs it 4 to 9 µs (a lookup in its string table per value), and a join
of two patterns in one group costs a lookup per row (20 to 40 µs). Each side of
a join put in its own subquery is scanned once and hash-joined instead (the
roles of 70,000 facts joined in 0.3 s, against 2.2 s), and a ``VALUES`` table
numbering some IRIs, also in its own subquery, lets a query answer with small
integers where it would write the same IRIs out again and again.

Only for the embedded store (``store._run``): a server may plan these queries
differently, so the column reads of :mod:`kg.storeread` stay its way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from kg.store.base import Store
from kg.storeread import _tsv


def table(iris: Iterable[str], variable: str, number: str) -> str:
    """A subquery numbering ``iris`` 0, 1, … as ``(?variable ?number)``: hash-joined, never looked up row by row."""
    rows = " ".join(f"(<{iri}> {n})" for n, iri in enumerate(iris))
    return f"{{ SELECT ?{variable} ?{number} WHERE {{ VALUES (?{variable} ?{number}) {{ {rows} }} }} }}"


def scan(pattern: str, *variables: str) -> str:
    """``pattern`` as a subquery of its own, so the engine scans it once and hash-joins it."""
    return f"{{ SELECT {' '.join('?' + v for v in variables)} WHERE {{ {pattern} }} }}"


def shortcut_roles(
    store: Store,
    classes: Sequence[tuple[str, str, str]],
    entities: Sequence[str],
    *,
    facts: bool = True,
    within: bool = False,
    check: bool = True,
) -> list[tuple[str, str, str, str]] | None:
    """(fact, class, source, target) of each fact of each (class, source role, target role) of ``classes``.

    One query: per class its type and two role columns hash-joined, the role values
    numbered by ``entities`` (any other IRI is written out; with ``within``, only
    facts with both ends among ``entities``). Only facts that are IRIs with IRI
    values in both roles, as the column reads keep them; a fact with several
    values of a role gives a row per combination, and a triple stated in several
    graphs a row per graph. Without ``facts`` the fact is "" (its IRI is most of
    the cost of the rows). None when a fact has two of these classes (checked
    unless ``check`` is false): which class wins is then decided by the caller's
    column reads, where a join reads only the classes whose roles a fact has.
    None too when there are more ``entities`` than facts (a store of many names
    and few deals): the table numbering them would cost more than it saves.
    Without ``facts``, a blank-node fact (kg writes none; the column reads leave
    them out) is not told apart: testing each fact in the query costs 0.3 s.
    """
    found: list[tuple[str, str, str, str]] = []
    if not classes:
        return found
    values = " ".join(f"<{cls}>" for cls, _source, _target in classes)
    if check:
        counts = _tsv(
            store._run(  # type: ignore[attr-defined]
                f"SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?f) AS ?d) WHERE {{ VALUES ?c {{ {values} }} ?f a ?c }}"
            )
        )
        typed, distinct = counts.split("\n")[1].split("\t")
        if typed != distinct:
            return None  # a fact of two classes (or a type stated in two graphs)
        if not within and len(entities) > int(typed):
            return None  # more entities than facts: numbering them costs more than it saves
    parts = " UNION ".join(
        f"{{ {scan(f'?f a <{cls}>', 'f')} {scan(f'?f <{source}> ?s', 'f', 's')} "
        f"{scan(f'?f <{target}> ?o', 'f', 'o')} BIND({k} AS ?k) }}"
        for k, (cls, source, target) in enumerate(classes)
    )
    # every cell an IRI, a number or "-" (a literal or blank node, left out as the column reads do)
    ends = f"{table(entities, 's', 'i')} {table(entities, 'o', 'j')}"
    if not within:
        ends = f"OPTIONAL {table(entities, 's', 'i')} OPTIONAL {table(entities, 'o', 'j')}"
    query = (
        f"SELECT {'?f' if facts else ''} ?k (IF(BOUND(?i), ?i, IF(isIRI(?s), ?s, '-')) AS ?x) "
        f"(IF(BOUND(?j), ?j, IF(isIRI(?o), ?o, '-')) AS ?y) WHERE {{ {parts} {ends} }}"
    )
    text = _tsv(store._run(query))  # type: ignore[attr-defined]
    body = text.partition("\n")[2].replace("<", "").replace(">", "")
    cells = body.split()
    width = 4 if facts else 3
    if len(cells) != width * body.count("\n"):  # IRIs, numbers and "-" hold no white space
        raise ValueError("unexpected TSV from the store")
    names = [cls for cls, _source, _target in classes]
    columns = (
        [cells[0::4], *(cells[c::4] for c in (1, 2, 3))]
        if facts
        else [[""] * (len(cells) // 3), *(cells[c::3] for c in (0, 1, 2))]
    )
    for fact, k, x, y in zip(*columns, strict=True):
        if x == '"-"' or y == '"-"' or fact.startswith("_:"):
            continue
        found.append(
            (
                fact,
                names[int(k)],
                entities[int(x)] if x.isdigit() else x,
                entities[int(y)] if y.isdigit() else y,
            )
        )
    return found


def _numbered_rows(store: Store, facts: Sequence[str], select: str, pattern: str) -> list[tuple[object, ...]]:
    """Rows of ``SELECT ?n {select}`` over ``facts`` (numbered ``?f``, ``?n`` its place) joined with ``pattern``."""
    from kg.store.oxigraph import tsv_rows

    if not facts:
        return []
    text = _tsv(store._run(f"SELECT ?n {select} WHERE {{ {table(facts, 'f', 'n')} {pattern} }}"))  # type: ignore[attr-defined]
    return tsv_rows(text)


def evidence(store: Store, facts: Sequence[str], statement_of: str, text: str) -> dict[str, set]:
    """fact -> the evidence texts of its statements: the statements' two columns scanned and hash-joined.

    A third of the cost of looking up each fact's statements and then their texts.
    """
    out: dict[str, set] = {}
    pattern = f"{scan(f'?s <{statement_of}> ?f', 's', 'f')} {scan(f'?s <{text}> ?e', 's', 'e')}"
    for n, found in _numbered_rows(store, facts, "?e", pattern):
        out.setdefault(facts[n], set()).add(found)  # type: ignore[call-overload]
    return out


def sources(
    store: Store, facts: Sequence[str], derived: str, identifier: str, headline: str
) -> tuple[dict[str, set], dict[str, list], dict[str, list]]:
    """(fact -> its sources with an identifier, source -> its identifiers, source -> its headlines), one hash join."""
    sources_of: dict[str, set] = {}
    ids: dict[str, list] = {}
    headlines: dict[str, list] = {}
    pattern = (
        f"{scan(f'?f <{derived}> ?a', 'f', 'a')} {scan(f'?a <{identifier}> ?id', 'a', 'id')} "
        f"OPTIONAL {scan(f'?a <{headline}> ?h', 'a', 'h')}"
    )
    for n, article, found, title in _numbered_rows(store, facts, "?a ?id ?h", pattern):
        sources_of.setdefault(facts[n], set()).add(article)  # type: ignore[call-overload]
        ids.setdefault(article, []).append(found)  # type: ignore[arg-type]
        if title is not None:
            headlines.setdefault(article, []).append(title)  # type: ignore[arg-type]
    return sources_of, ids, headlines


def properties(
    store: Store, subjects: Sequence[str], predicates: Sequence[str]
) -> Iterator[tuple[str, str, object]]:
    """(subject, predicate, value) of the ``predicates`` of ``subjects``: one lookup per subject, all in one query.

    Predicates come back numbered (hash-joined with a table of them) instead of
    written out on every row.
    """
    from kg.store.oxigraph import _tsv_value

    if not subjects or not predicates:
        return
    query = (
        f"SELECT ?n ?k ?o WHERE {{ {{ SELECT ?n ?p ?o WHERE {{ {table(subjects, 'f', 'n')} ?f ?p ?o }} }} "
        f"{table(predicates, 'p', 'k')} }}"
    )
    for line in _tsv(store._run(query)).split("\n")[1:]:  # type: ignore[attr-defined]
        if line:
            n, k, value = line.split("\t", 2)
            yield subjects[int(n)], predicates[int(k)], _tsv_value(value)
