"""rdflib triples -> N-Quads text, fast: the store's loader parses it once, in Rust.

kg builds each article's triples as rdflib terms (:mod:`kg.build`). Turning them into
N-Quads lines here, with each distinct IRI written once, is what lets an ingest feed
Oxigraph's bulk loader directly instead of going through SPARQL ``INSERT DATA``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import BNode, Literal, URIRef

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: characters N-Triples does not allow raw in an IRI (written as \\uXXXX)
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STRING_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def iri(value: str) -> str:
    """``<value>`` with the characters N-Triples forbids escaped."""
    if _IRI_UNSAFE.search(value):
        value = _IRI_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", value)
    return f"<{value}>"


def literal(value: Literal) -> str:
    text = '"' + str(value).translate(_STRING_ESCAPES) + '"'
    if value.language:
        return f"{text}@{value.language}"
    datatype = value.datatype
    if datatype is None or str(datatype) == _XSD_STRING:
        return text
    return f"{text}^^{iri(str(datatype))}"


class NQuadsWriter:
    """Writes quads as N-Quads lines, remembering the text of each IRI it has written.

    The memo grows with the number of distinct IRIs (entities, predicates, classes, facts),
    not with the number of triples, and is bounded.
    """

    def __init__(self) -> None:
        self._iris: dict[str, str] = {}

    def term(self, node: object) -> str:
        if isinstance(node, URIRef):
            key = str(node)
            text = self._iris.get(key)
            if text is None:
                text = self._iris[key] = iri(key)
            return text
        if isinstance(node, Literal):
            return literal(node)
        if isinstance(node, BNode):
            return f"_:b{node}"
        raise TypeError(f"not an RDF term: {node!r}")

    def graph(self, graph_iri: str | None, triples: Iterable[tuple[object, object, object]]) -> str:
        """One graph's triples as N-Quads text, or N-Triples when ``graph_iri`` is None (repeated
        triples written once)."""
        tail = " .\n" if graph_iri is None else f" {iri(graph_iri)} .\n"
        term = self.term
        lines = dict.fromkeys(f"{term(s)} {term(p)} {term(o)}{tail}" for s, p, o in triples)
        if len(self._iris) > 200_000:  # an unusually varied corpus: stay bounded
            self._iris.clear()
        return "".join(lines)
