"""Export the store as Turtle, N-Triples, JSON-LD, RDF/XML, TriG or N-Quads (network formats: kg.netexport)."""

from __future__ import annotations

from pathlib import Path

from kg.errors import KgError
from kg.fsutil import atomic_write_bytes
from kg.store.base import EXPORT_FORMATS, Store

SUFFIX_FORMATS = {f".{ext}": fmt for fmt, (ext, _) in EXPORT_FORMATS.items()} | {
    ".json": "jsonld",
    ".xml": "rdfxml",
    ".owl": "rdfxml",
    ".ntriples": "nt",
    ".nquads": "nquads",
}
#: Other names people give the formats (``--format ttl``), as in rapper and riot.
FORMAT_ALIASES = {
    "ttl": "turtle",
    "n-triples": "nt",
    "ntriples": "nt",
    "json-ld": "jsonld",
    "rdf": "rdfxml",
    "xml": "rdfxml",
    "rdf/xml": "rdfxml",
    "nq": "nquads",
    "n-quads": "nquads",
}
FORMAT_NAMES = (*EXPORT_FORMATS, *FORMAT_ALIASES)


def format_for(path: Path | None, fmt: str | None) -> str:
    """The export format: as given, else from the file's suffix (an unknown suffix is an error), else Turtle."""
    if fmt:
        name = FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
        if name not in EXPORT_FORMATS:
            raise KgError(f"unknown export format {fmt!r} (choose from {', '.join(FORMAT_NAMES)})")
        return name
    if path is None:
        return "turtle"
    if path.suffix.lower() in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[path.suffix.lower()]
    raise KgError(
        f"cannot tell the format of {path.name} from its suffix: use one of "
        f"{' '.join(sorted(SUFFIX_FORMATS))}, or give --format"
    )


def export(store: Store, fmt: str = "turtle", output: Path | None = None) -> bytes:
    """Serialise the store; write it atomically to ``output`` when given.

    Triple formats (Turtle, N-Triples, JSON-LD) hold the union of the article
    graphs; TriG and N-Quads keep one named graph per article.
    """
    from kg.netexport import export_network, network_format

    network = network_format(output, fmt)
    if network is not None:  # the entity graph for network tools (GraphML, GEXF, Cytoscape.js, Neo4j)
        return export_network(store, network, output).data
    data = store.dump(format_for(output, fmt))
    if output is not None:
        atomic_write_bytes(output, data)
    return data
