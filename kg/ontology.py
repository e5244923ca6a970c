"""The kg ontology and SHACL shapes: where the files are, loading them, and their docs.

``ontology/kg.ttl`` and ``ontology/shapes.ttl`` live at the top of the
repository; the wheel ships them as ``kg/ontology/``. ``docs/ontology.md`` is
generated from both files (``python -m kg.ontology``), so it cannot drift.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kg.errors import KgError
from kg.namespaces import KGO, PREFIXES, SH

ONTOLOGY_FILE = "kg.ttl"
SHAPES_FILE = "shapes.ttl"
ONTOLOGY_IRI = URIRef(str(KGO).rstrip("#"))
SHAPES_NS = "https://w3id.org/kg-news/shapes#"

_PACKAGE_DIR = Path(__file__).resolve().parent
#: The wheel's copy first, then the source tree's top-level folder.
_SEARCH_DIRS = (_PACKAGE_DIR / "ontology", _PACKAGE_DIR.parent / "ontology")
#: Where ``python -m kg.ontology`` writes the docs in a source checkout.
DEFAULT_DOCS_PATH = _PACKAGE_DIR.parent / "docs" / "ontology.md"

_DOC_PREFIXES: dict[str, str] = {
    **{p: str(ns) for p, ns in PREFIXES.items()},
    "sh": str(SH),
    "kgsh": SHAPES_NS,
}


def _find(name: str) -> Path:
    for folder in _SEARCH_DIRS:
        if (folder / name).is_file():
            return folder / name
    raise KgError(f"cannot find {name} (looked in {', '.join(str(d) for d in _SEARCH_DIRS)}); reinstall kg")


def _find_optional(name: str) -> Path | None:
    return next((d / name for d in _SEARCH_DIRS if (d / name).is_file()), None)


def ontology_path() -> Path:
    """The OWL ontology file, ``kg.ttl``."""
    return _find(ONTOLOGY_FILE)


def shapes_path() -> Path:
    """The SHACL shapes file, ``shapes.ttl``."""
    return _find(SHAPES_FILE)


@cache
def _parsed(path: Path) -> Graph:
    graph = Graph()
    for prefix, ns in _DOC_PREFIXES.items():
        graph.bind(prefix, ns)
    graph.parse(path, format="turtle")
    return graph


def _copy(graph: Graph) -> Graph:
    # Callers may add to what they get; the cached parse must stay as read.
    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns)
    for triple in graph:
        out.add(triple)
    return out


def load_ontology() -> Graph:
    """The ontology as a new rdflib graph (parsed once per process)."""
    return _copy(_parsed(ontology_path()))


def load_shapes() -> Graph:
    """The SHACL shapes as a new rdflib graph (parsed once per process)."""
    return _copy(_parsed(shapes_path()))


# -- docs ----------------------------------------------------------------------


def _curie(term: Node) -> str:
    if isinstance(term, BNode):  # a SHACL inverse path: ^kgo:mentionOf
        inverse = next(iter(_parsed(shapes_path()).objects(term, SH.inversePath)), None)
        if inverse is not None:
            return f"^{_curie(inverse)}"
    text = str(term)
    for prefix, ns in sorted(_DOC_PREFIXES.items(), key=lambda item: -len(item[1])):
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns) :]}"
    return f"<{text}>"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _text(graph: Graph, subject: Node, predicate: URIRef) -> str:
    value = graph.value(subject, predicate)
    return _cell(str(value)) if value is not None else ""


def _describe(graph: Graph, term: Node) -> str:
    """A class expression or datatype in words: ``kgo:Organization or kgo:Person``."""
    if isinstance(term, BNode):
        members = graph.value(term, OWL.unionOf)
        if members is not None:
            return " or ".join(_describe(graph, m) for m in Collection(graph, members))
        return "(anonymous)"
    return f"`{_curie(term)}`"


def _external(term: Node) -> bool:
    return isinstance(term, URIRef) and not str(term).startswith(str(KGO))


def _alignment(graph: Graph, subject: URIRef) -> str:
    """Links from a kgo term to other vocabularies (and to kgo superclasses)."""
    parts: list[str] = []
    for predicate, word in (
        (OWL.equivalentClass, "≡"),
        (RDFS.subClassOf, "⊑"),
        (OWL.equivalentProperty, "≡"),
        (RDFS.subPropertyOf, "⊑"),
        (OWL.inverseOf, "inverse of"),
        (RDFS.seeAlso, "see also"),
    ):
        for obj in sorted(graph.objects(subject, predicate), key=str):
            if isinstance(obj, URIRef):
                parts.append(f"{word} `{_curie(obj)}`")
    return ", ".join(parts)


def _kgo_terms(graph: Graph, rdf_type: URIRef) -> list[URIRef]:
    terms = {s for s in graph.subjects(RDF.type, rdf_type) if isinstance(s, URIRef) and not _external(s)}
    return sorted(terms, key=lambda t: str(t).lower())


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]


def _is_fact_class(graph: Graph, cls: URIRef) -> bool:
    return (cls, RDFS.subClassOf, KGO.Fact) in graph


def _domain_is_fact(graph: Graph, prop: URIRef) -> bool:
    domain = graph.value(prop, RDFS.domain)
    if domain is None:
        return False
    members = graph.value(domain, OWL.unionOf)
    classes = list(Collection(graph, members)) if members is not None else [domain]
    return all(c == KGO.Fact or _is_fact_class(graph, c) for c in classes)


def _property_rows(graph: Graph, props: Iterable[URIRef]) -> list[list[str]]:
    rows = []
    for prop in props:
        domain = graph.value(prop, RDFS.domain)
        rng = graph.value(prop, RDFS.range)
        kinds = [
            word
            for k, word in ((OWL.SymmetricProperty, "symmetric"), (OWL.FunctionalProperty, "functional"))
            if (prop, RDF.type, k) in graph
        ]
        name = f"`{_curie(prop)}`" + (f" ({', '.join(kinds)})" if kinds else "")
        rows.append(
            [
                name,
                _text(graph, prop, RDFS.label),
                _text(graph, prop, RDFS.comment),
                _describe(graph, domain) if domain is not None else "",
                _describe(graph, rng) if rng is not None else "",
                _alignment(graph, prop),
            ]
        )
    return rows


def _value_constraints(shapes: Graph, prop_shape: Node) -> str:
    parts: list[str] = []
    for cls in shapes.objects(prop_shape, SH["class"]):
        parts.append(f"class `{_curie(cls)}`")
    for datatype in shapes.objects(prop_shape, SH.datatype):
        parts.append(f"`{_curie(datatype)}`")
    for alternatives in shapes.objects(prop_shape, SH["or"]):
        options = []
        for option in Collection(shapes, alternatives):
            options += [f"class `{_curie(o)}`" for o in shapes.objects(option, SH["class"])]
            options += [f"`{_curie(o)}`" for o in shapes.objects(option, SH.datatype)]
        parts.append(" or ".join(options))
    for values in shapes.objects(prop_shape, SH["in"]):
        parts.append("one of " + ", ".join(f"`{v}`" for v in Collection(shapes, values)))
    for predicate, word in (
        (SH.minInclusive, "≥"),
        (SH.maxInclusive, "≤"),
        (SH.minLength, "length ≥"),
        (SH.pattern, "matches"),
        (SH.lessThanOrEquals, "≤"),
    ):
        for obj in shapes.objects(prop_shape, predicate):
            shown = _curie(obj) if isinstance(obj, URIRef) else str(obj)
            parts.append(f"{word} `{shown}`")
    return _cell("; ".join(parts))


def _count(shapes: Graph, prop_shape: Node) -> str:
    low = shapes.value(prop_shape, SH.minCount)
    high = shapes.value(prop_shape, SH.maxCount)
    low_text = str(low) if low is not None else "0"
    high_text = str(high) if high is not None else "*"
    return low_text if low_text == high_text else f"{low_text}..{high_text}"


def _shapes_section(shapes: Graph) -> list[str]:
    lines = [
        "## SHACL shapes",
        "",
        "From `ontology/shapes.ttl`; `kg validate` checks the union of all article graphs against them.",
        "",
    ]
    node_shapes = sorted(shapes.subjects(RDF.type, SH.NodeShape), key=str)
    for shape in node_shapes:
        targets = [f"class `{_curie(t)}`" for t in sorted(shapes.objects(shape, SH.targetClass), key=str)]
        targets += [
            f"subjects of `{_curie(t)}`" for t in sorted(shapes.objects(shape, SH.targetSubjectsOf), key=str)
        ]
        lines += [
            f"### {_text(shapes, shape, RDFS.label)} (`{_curie(shape)}`)",
            "",
            _text(shapes, shape, RDFS.comment),
            "",
            "Targets: " + ", ".join(targets) + ".",
            "",
        ]
        rows = []
        for prop_shape in shapes.objects(shape, SH.property):
            path = shapes.value(prop_shape, SH.path)
            rows.append(
                [
                    f"`{_curie(path)}`",
                    _count(shapes, prop_shape),
                    _value_constraints(shapes, prop_shape),
                    _text(shapes, prop_shape, SH.message),
                ]
            )
        rows.sort(key=lambda row: row[0].lower())
        lines += _table(["path", "count", "values", "message"], rows)
    standalone = sorted(
        (s for s in shapes.subjects(RDF.type, SH.PropertyShape) if isinstance(s, URIRef)), key=str
    )
    if standalone:
        lines += ["### Literals and analysis scores (checked on every node that has the property)", ""]
        rows = [
            [
                f"`{_curie(shapes.value(shape, SH.path))}`",
                _count(shapes, shape),
                _value_constraints(shapes, shape),
                _text(shapes, shape, SH.message),
            ]
            for shape in standalone
        ]
        rows.sort(key=lambda row: row[0].lower())
        lines += _table(["path", "count", "values", "message"], rows)
    return lines


def ontology_markdown() -> str:
    """``docs/ontology.md``: every class and property with label, comment, domain, range, alignment."""
    graph = _parsed(ontology_path())
    shapes = _parsed(shapes_path())
    version = _text(graph, ONTOLOGY_IRI, OWL.versionInfo)
    lines = [
        "# The kg ontology",
        "",
        "<!-- Generated from ontology/kg.ttl and ontology/shapes.ttl by `python -m kg.ontology`; do not edit. -->",
        "",
        f"**{_text(graph, ONTOLOGY_IRI, RDFS.label)}**, version {version}. "
        f"Namespace `{KGO}` (prefix `kgo:`); resources live under `{PREFIXES['kgid']}`.",
        "",
        _text(graph, ONTOLOGY_IRI, RDFS.comment),
        "",
        "Every deal or relation is one node of a fact class (a subclass of `kgo:Fact`) linked to its "
        "entities by role properties, however many articles state it; each article's `kgo:Statement` "
        "carries its evidence and its values. Binary facts also get a direct entity-to-entity edge, so simple "
        "questions are one triple pattern. Alignment: ⊑ subclass/subproperty of, ≡ equivalent to.",
        "",
    ]
    model = _find_optional("model.md")
    if model is not None:  # the hand-written description of the model, with its diagram and queries
        lines += [model.read_text(encoding="utf-8").rstrip("\n"), ""]
    lines += ["## Prefixes", ""]
    used = sorted({p for p in _DOC_PREFIXES if p != "kgsh"})
    lines += _table(["prefix", "namespace"], [[f"`{p}:`", f"`{_DOC_PREFIXES[p]}`"] for p in used])

    classes = _kgo_terms(graph, OWL.Class)
    entity_and_other = [c for c in classes if not _is_fact_class(graph, c)]
    fact_classes = [c for c in classes if _is_fact_class(graph, c)]
    class_header = ["class", "label", "comment", "alignment"]

    def class_rows(items: list[URIRef]) -> list[list[str]]:
        return [
            [
                f"`{_curie(c)}`",
                _text(graph, c, RDFS.label),
                _text(graph, c, RDFS.comment),
                _alignment(graph, c),
            ]
            for c in items
        ]

    lines += ["## Classes", "", "### Entities, articles and facts", ""]
    lines += _table(class_header, class_rows(entity_and_other))
    lines += ["### Fact classes", ""]
    lines += _table(class_header, class_rows(fact_classes))

    datatypes = _kgo_terms(graph, RDFS.Datatype)
    if datatypes:
        lines += ["### Datatypes", ""]
        lines += _table(
            ["datatype", "label", "comment", "definition"],
            [
                [
                    f"`{_curie(d)}`",
                    _text(graph, d, RDFS.label),
                    _text(graph, d, RDFS.comment),
                    " or ".join(_describe(graph, e) for e in graph.objects(d, OWL.equivalentClass)),
                ]
                for d in datatypes
            ],
        )

    prop_header = ["property", "label", "comment", "domain", "range", "alignment"]
    object_props = _kgo_terms(graph, OWL.ObjectProperty)
    roles = [p for p in object_props if _domain_is_fact(graph, p)]
    edges = [p for p in object_props if p not in roles]
    lines += ["## Properties", "", "### Roles (fact → entity)", ""]
    lines += _table(prop_header, _property_rows(graph, roles))
    lines += ["### Direct edges (entity → entity)", ""]
    lines += _table(prop_header, _property_rows(graph, edges))
    lines += ["### Datatype properties (literals, provenance, analysis scores)", ""]
    lines += _table(prop_header, _property_rows(graph, _kgo_terms(graph, OWL.DatatypeProperty)))

    external = sorted(
        (s for s in graph.subjects(RDF.type, None) if _external(s) and s != ONTOLOGY_IRI),
        key=lambda t: _curie(t),
    )
    lines += ["### Terms from other vocabularies kg writes", ""]
    lines += _table(
        ["term", "kind"],
        [
            [
                f"`{_curie(t)}`",
                ", ".join(f"`{_curie(k)}`" for k in sorted(graph.objects(t, RDF.type), key=str)),
            ]
            for t in external
        ],
    )
    lines += ["`rdfs:label` names every entity and fact (plain strings); `skos:altLabel` holds aliases.", ""]
    lines += _shapes_section(shapes)
    return "\n".join(lines).rstrip("\n") + "\n"


def write_ontology_docs(path: Path | None = None) -> Path:
    """Write :func:`ontology_markdown` to ``path`` (default ``docs/ontology.md``) atomically."""
    from kg.fsutil import atomic_write_text

    target = Path(path) if path is not None else DEFAULT_DOCS_PATH
    atomic_write_text(target, ontology_markdown())
    return target


def _main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else DEFAULT_DOCS_PATH
    print(f"wrote {write_ontology_docs(target)}")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))


__all__ = [
    "load_ontology",
    "load_shapes",
    "ontology_markdown",
    "ontology_path",
    "shapes_path",
    "write_ontology_docs",
]
