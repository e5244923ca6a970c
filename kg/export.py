"""Export the store as Turtle, N-Triples, JSON-LD, TriG or N-Quads (network formats: kg.netexport)."""

from __future__ import annotations

from pathlib import Path

from kg.errors import KgError
from kg.fsutil import atomic_write_bytes
from kg.store.base import EXPORT_FORMATS, Store

SUFFIX_FORMATS = {f".{ext}": fmt for fmt, (ext, _) in EXPORT_FORMATS.items()} | {".json": "jsonld"}


def format_for(path: Path | None, fmt: str | None) -> str:
    """The export format: as given, else guessed from the file suffix, else Turtle."""
    if fmt:
        if fmt not in EXPORT_FORMATS:
            raise KgError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
        return fmt
    if path is not None and path.suffix.lower() in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[path.suffix.lower()]
    return "turtle"


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
