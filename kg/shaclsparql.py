"""SHACL shapes run as SPARQL on the store: validation at store speed, in the store's memory.

pySHACL needs the whole graph as rdflib objects in Python: at a million
triples that is minutes and gigabytes. The constraints kg's shapes use (SHACL
Core: targets, counts, datatypes, classes, patterns, ranges, ``sh:in``,
``sh:or``, property pair comparisons) each become one SPARQL query that returns
only the violations, so the store does the scanning and Python sees a few
rows. SHACL itself defines these components by SPARQL (the SHACL spec's
"SPARQL-based constraint components"), which is what is followed here.

:func:`compile_shapes` returns ``None`` for a shapes graph that uses anything
else (a complex path, a node-level constraint, a shape without ``sh:message``
…); the caller then falls back to pySHACL, so a new shape is never silently
skipped. ``tests/test_validate_sparql.py`` checks both engines agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from kg.namespaces import SH

#: Predicates on a shape that carry no constraint (documentation, targets, wiring).
_IGNORED = {
    RDF.type,
    RDFS.label,
    RDFS.comment,
    RDFS.seeAlso,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.message,
    SH.severity,
    SH.path,
    SH.property,
    SH.targetClass,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.targetNode,
    SH.deactivated,
}
#: Value constraints: each a boolean SPARQL expression on ?v that is true when the value conforms.
_VALUE_COMPONENTS = {
    SH.datatype,
    SH["class"],
    SH.pattern,
    SH.flags,
    SH["in"],
    SH.minInclusive,
    SH.maxInclusive,
    SH.minExclusive,
    SH.maxExclusive,
    SH.minLength,
    SH.maxLength,
    SH.nodeKind,
    SH["or"],
}
_PAIR_COMPONENTS = {SH.lessThan: "<", SH.lessThanOrEquals: "<="}
_COUNT_COMPONENTS = {SH.minCount, SH.maxCount}
#: Datatypes whose lexical form SPARQL can check by casting (pySHACL flags ill-formed ones).
_CASTABLE = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean}


class Unsupported(Exception):
    """The shapes use a feature this compiler does not translate."""


@dataclass(frozen=True)
class Check:
    """One SPARQL query over one property shape's focus nodes; its rows are violations.

    ``kind`` says how to read a row: ``count`` rows are (focus, number of
    values), one result each when below ``min_count`` or above ``max_count``;
    ``value`` rows are (focus, value, ok₁, ok₂ …), one result per component whose
    flag is false; ``pair`` rows are (focus, value), one result each.
    """

    query: str
    kind: str
    shape: Node
    path: URIRef
    message: str
    severity: URIRef
    min_count: int | None = None
    max_count: int | None = None
    components: int = 1

    def results(self, row: tuple[Node | None, ...]) -> Iterator[tuple[Node, Node | None]]:
        """(focus, value) of each result one row stands for."""
        focus = row[0]
        if focus is None:
            return
        if self.kind == "count":
            n = int(row[1].toPython()) if row[1] is not None else 0  # type: ignore[attr-defined]
            if self.min_count is not None and n < self.min_count:
                yield focus, None
            if self.max_count is not None and n > self.max_count:
                yield focus, None
        elif self.kind == "value":
            for flag in row[2 : 2 + self.components]:
                if flag is None or not flag.toPython():  # type: ignore[attr-defined]
                    yield focus, row[1]
        else:
            yield focus, row[1]


def _sparql(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise Unsupported(f"blank node {term} in a constraint")


def _subclasses(ontology: Graph, cls: URIRef) -> list[URIRef]:
    """``cls`` and everything below it by rdfs:subClassOf, as pySHACL sees it in the ontology."""
    found = {cls}
    todo = [cls]
    while todo:
        for sub in ontology.subjects(RDFS.subClassOf, todo.pop()):
            if isinstance(sub, URIRef) and sub not in found:
                found.add(sub)
                todo.append(sub)
    return sorted(found)


def _class_pattern(ontology: Graph, cls: URIRef, var: str = "?v") -> str:
    values = " ".join(f"<{c}>" for c in _subclasses(ontology, cls))
    return f"{var} a ?cls_ . VALUES ?cls_ {{ {values} }}"


def _class_test(ontology: Graph, cls: URIRef, var: str = "?v") -> str:
    return f"EXISTS {{ {_class_pattern(ontology, cls, var)} }}"


def _value_test(shapes: Graph, ontology: Graph, shape: Node, predicate: URIRef, obj: Node) -> str | None:
    """The SPARQL expression that holds when ?v satisfies one value constraint (None: not one)."""
    if predicate == SH.datatype:
        test = f"(isLiteral(?v) && sameTerm(DATATYPE(?v), {_sparql(obj)})"
        if obj in _CASTABLE:  # and a well-formed lexical form, as pySHACL checks
            test += f" && COALESCE({_sparql(obj)}(STR(?v)) = ?v, false)"
        return test + ")"
    if predicate == SH["class"]:
        return _class_test(ontology, obj)  # type: ignore[arg-type]
    if predicate == SH.pattern:
        flags = shapes.value(shape, SH.flags)
        flag_arg = f", {Literal(str(flags)).n3()}" if flags is not None else ""
        return f"(!isBlank(?v) && REGEX(STR(?v), {Literal(str(obj)).n3()}{flag_arg}))"
    if predicate == SH.flags:
        return None  # read with sh:pattern
    if predicate == SH["in"]:
        members = list(Collection(shapes, obj))  # type: ignore[arg-type]
        return "(" + " || ".join(f"sameTerm(?v, {_sparql(m)})" for m in members) + ")" if members else "false"
    comparisons = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}
    if predicate in comparisons:
        return f"COALESCE(!isBlank(?v) && ?v {comparisons[predicate]} {_sparql(obj)}, false)"
    if predicate in (SH.minLength, SH.maxLength):
        op = ">=" if predicate == SH.minLength else "<="
        return f"(!isBlank(?v) && STRLEN(STR(?v)) {op} {int(obj)})"  # type: ignore[call-overload]
    if predicate == SH.nodeKind:
        kinds = {
            SH.IRI: "isIRI(?v)",
            SH.BlankNode: "isBlank(?v)",
            SH.Literal: "isLiteral(?v)",
            SH.BlankNodeOrIRI: "(isBlank(?v) || isIRI(?v))",
            SH.BlankNodeOrLiteral: "(isBlank(?v) || isLiteral(?v))",
            SH.IRIOrLiteral: "(isIRI(?v) || isLiteral(?v))",
        }
        if obj not in kinds:
            raise Unsupported(f"sh:nodeKind {obj}")
        return kinds[obj]
    if predicate == SH["or"]:
        alternatives = []
        for member in Collection(shapes, obj):  # type: ignore[arg-type]
            tests = []
            for p, o in shapes.predicate_objects(member):
                if p in _IGNORED - {SH.message}:
                    continue
                if p not in _VALUE_COMPONENTS:
                    raise Unsupported(f"{p} inside sh:or")
                test = _value_test(shapes, ontology, member, p, o)  # type: ignore[arg-type]
                if test is not None:
                    tests.append(test)
            alternatives.append("(" + " && ".join(tests or ["true"]) + ")")
        return "(" + " || ".join(alternatives or ["false"]) + ")"
    raise Unsupported(f"{predicate}")


def _targets(shapes: Graph, ontology: Graph, shape: Node) -> str | None:
    """A group pattern that binds ?focus to the focus nodes of ``shape`` (None: it has no targets).

    A node may come back more than once; callers use it inside ``EXISTS`` (the
    store scans the property first and checks the target per candidate, ten
    times faster than listing the targets first) or under ``SELECT DISTINCT``.
    """
    parts = []
    for cls in shapes.objects(shape, SH.targetClass):
        values = " ".join(f"<{c}>" for c in _subclasses(ontology, cls))  # type: ignore[arg-type]
        parts.append(f"{{ ?focus a ?tcls_ . VALUES ?tcls_ {{ {values} }} }}")
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        parts.append(f"{{ ?focus {_sparql(prop)} ?tany_ }}")
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        parts.append(f"{{ ?tany_ {_sparql(prop)} ?focus }}")
    for node in shapes.objects(shape, SH.targetNode):
        parts.append(f"{{ BIND({_sparql(node)} AS ?focus) }}")
    if (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL.Class) in shapes:
        raise Unsupported("implicit class target")
    if not parts:
        return None
    return " UNION ".join(parts)


def _property_checks(
    shapes: Graph, ontology: Graph, node_shape: Node, prop_shape: Node, target: str
) -> Iterator[Check]:
    path = shapes.value(prop_shape, SH.path)
    inverse = (
        shapes.value(path, SH.inversePath) if path is not None and not isinstance(path, URIRef) else None
    )
    if not isinstance(path, URIRef) and not isinstance(inverse, URIRef):
        raise Unsupported("a path that is not a single property or its inverse")
    message = shapes.value(prop_shape, SH.message)
    if message is None:
        raise Unsupported(f"shape {prop_shape} has no sh:message")
    severity = shapes.value(prop_shape, SH.severity) or SH.Violation
    if (prop_shape, SH.deactivated, Literal(True)) in shapes:
        return

    def check(query: str, kind: str, **more: int | None) -> Check:
        return Check(query, kind, node_shape, path, str(message), severity, **more)  # type: ignore[arg-type]

    p = _sparql(path) if inverse is None else f"^{_sparql(inverse)}"
    counts: dict[URIRef, int] = {}
    tests: list[str] = []
    #: per test, the pattern of the values that pass it when it is a lone sh:class ("" otherwise)
    passing: list[str] = []
    for predicate, obj in sorted(shapes.predicate_objects(prop_shape)):
        if predicate in _IGNORED:
            continue
        if predicate in _COUNT_COMPONENTS:
            counts[predicate] = int(obj)  # type: ignore[call-overload]
        elif predicate in _PAIR_COMPONENTS:
            query = (
                f"SELECT ?focus ?v WHERE {{ {{ SELECT ?focus ?v WHERE {{ ?focus {p} ?v . ?focus {_sparql(obj)} ?w . "
                f"FILTER(!COALESCE(?v {_PAIR_COMPONENTS[predicate]} ?w, false)) }} }} FILTER EXISTS {{ {target} }} }}"
            )
            yield check(query, "pair")
        elif predicate in _VALUE_COMPONENTS:
            test = _value_test(shapes, ontology, prop_shape, predicate, obj)  # type: ignore[arg-type]
            if test is not None:
                tests.append(f"COALESCE({test}, false)")
                passing.append(_class_pattern(ontology, obj) if predicate == SH["class"] else "")  # type: ignore[arg-type]
        else:
            raise Unsupported(f"{predicate} on a property shape")
    low, high = counts.get(SH.minCount), counts.get(SH.maxCount)
    if low == 1:  # the common case: the targets that lack the property
        query = f"SELECT DISTINCT ?focus ?n WHERE {{ {target} MINUS {{ ?focus {p} ?v }} }}"
        yield check(query, "count", min_count=low)
    elif low is not None:
        query = (
            f"SELECT ?focus (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {{ SELECT DISTINCT ?focus WHERE {{ {target} }} }} "
            f"OPTIONAL {{ ?focus {p} ?v }} }} GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) < {low})"
        )
        yield check(query, "count", min_count=low)
    if high is not None:  # only nodes with too many values can break it: count those, then check the target
        query = (
            f"SELECT ?focus ?n WHERE {{ {{ SELECT ?focus (COUNT(DISTINCT ?v) AS ?n) WHERE {{ ?focus {p} ?v }} "
            f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) > {high}) }} FILTER EXISTS {{ {target} }} }}"
        )
        yield check(query, "count", max_count=high)
    if tests:
        # The inner select drops conforming values first (pyoxigraph would run an EXISTS
        # beside it first, 10x slower); the flags say which components the few left break.
        # A lone sh:class drops the values of the class with MINUS: one hash anti-join instead of
        # an EXISTS per value (30x faster over prov:wasDerivedFrom at 2 M quads).
        flags = " ".join(f"({t} AS ?ok{i}_)" for i, t in enumerate(tests))
        drop = (
            f"MINUS {{ {passing[0]} }}"
            if len(tests) == 1 and passing[0]
            else f"FILTER({' || '.join(f'!{t}' for t in tests)})"
        )
        query = (
            f"SELECT DISTINCT ?focus ?v {flags} WHERE {{ {{ SELECT ?focus ?v WHERE {{ ?focus {p} ?v . "
            f"{drop} }} }} FILTER EXISTS {{ {target} }} }}"
        )
        yield check(query, "value", components=len(tests))


def compile_shapes(shapes: Graph, ontology: Graph) -> list[Check] | None:
    """Every constraint of ``shapes`` as a SPARQL query, or None when a feature is not supported."""
    try:
        return list(_compile(shapes, ontology))
    except Unsupported:
        return None


def _compile(shapes: Graph, ontology: Graph) -> Iterator[Check]:
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    nested = set(shapes.objects(None, SH.property))
    top_property_shapes = set(shapes.subjects(RDF.type, SH.PropertyShape)) - nested
    for shape in sorted(node_shapes, key=str):
        if (shape, SH.deactivated, Literal(True)) in shapes:
            continue
        for predicate, _obj in shapes.predicate_objects(shape):
            if predicate not in _IGNORED:
                raise Unsupported(f"{predicate} on a node shape")
        target = _targets(shapes, ontology, shape)
        if target is None:
            continue
        for prop_shape in sorted(shapes.objects(shape, SH.property), key=str):
            yield from _property_checks(shapes, ontology, shape, prop_shape, target)
    for shape in sorted(top_property_shapes, key=str):
        target = _targets(shapes, ontology, shape)
        if target is not None:
            yield from _property_checks(shapes, ontology, shape, shape, target)
