"""The entity graph out to network tools: GraphML (Cytoscape, yEd), GEXF (Gephi), Cytoscape.js, Neo4j.

The graph is :func:`kg.analyze.entity_graph` (one node per entity, one edge per distinct
fact), flattened to the scalar attributes these formats hold: lists become ``; ``-joined
strings (evidence sentences `` | ``-joined), missing values are left out, amounts are
doubles (32-bit ``int`` in GraphML readers would overflow on billions). networkx writes
GraphML, GEXF and the Cytoscape.js JSON; Neo4j gets the two CSV files that
``neo4j-admin database import`` reads.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.errors import KgError
from kg.fsutil import atomic_write_bytes
from kg.store.base import Store

#: Network formats by name, with the file suffix each is chosen by.
NETWORK_FORMATS = {"graphml": ".graphml", "gexf": ".gexf", "cyjs": ".cyjs", "neo4j": None}
NETWORK_SUFFIXES = {suffix: name for name, suffix in NETWORK_FORMATS.items() if suffix}


def network_format(output: Path | None, fmt: str | None) -> str | None:
    """The network format asked for (``--format`` or the ``-o`` suffix), or None for an RDF export."""
    if fmt:
        return fmt if fmt in NETWORK_FORMATS else None
    if output is not None:
        return NETWORK_SUFFIXES.get(output.suffix.lower())
    return None


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The entity graph with scalar attributes only, edge keys ``e0``, ``e1`` … unique across the graph."""
    flat = nx.MultiDiGraph(name="kg entity graph")
    for node, data in sorted(graph.nodes(data=True), key=lambda item: item[0]):
        attrs = {
            "label": data["label"],
            "class": data["cls"],
            "aliases": "; ".join(data.get("aliases", [])),
            "articles": int(data.get("articles", 0)),
            "iri": node,
        }
        flat.add_node(node, **attrs)
    for index, (source, target, data) in enumerate(graph.edges(data=True)):
        attrs: dict[str, object] = {
            "label": data["relation"],
            "relation": data["relation"],
            "fact_type": data["fact_type"],
            "amount": float(data["amount"]) if data.get("amount") is not None else None,
            "currency": data.get("currency"),
            "date": data.get("date"),
            "status": data.get("status"),
            "evidence": " | ".join(str(e) for e in data.get("evidence", [])),
            "sources": "; ".join(str(a) for a in data.get("articles", [])),
            "facts": "; ".join(str(f) for f in data.get("facts", [])),
        }
        for name, value in (data.get("details") or {}).items():
            # one type per attribute across edges (GEXF/GraphML declare it once): numbers as doubles
            if isinstance(value, bool):
                attrs[name] = value
            elif isinstance(value, int | float):
                attrs[name] = float(value)
            else:
                attrs[name] = str(value)
        flat.add_edge(
            source, target, key=f"e{index}", **{k: v for k, v in attrs.items() if v not in (None, "")}
        )
    return flat


def cytoscape_json(flat: nx.MultiDiGraph) -> dict:
    """Cytoscape.js elements (also what Cytoscape desktop opens as .cyjs), written by networkx."""
    data = nx.cytoscape_data(flat, name="label", ident="id")
    data["data"] = dict(data["data"])  # graph attributes as an object, as Cytoscape desktop expects
    for edge in data["elements"]["edges"]:
        edge["data"]["id"] = edge["data"].pop("key")
    return data


def _relationship_type(relation: str) -> str:
    """``investedIn`` -> ``INVESTED_IN`` (Neo4j's convention for relationship types)."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", relation).upper()


def _csv(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow(["" if v is None else str(v).replace("\n", " ") for v in row])
    return buffer.getvalue().encode("utf-8")


def neo4j_csv(flat: nx.MultiDiGraph) -> tuple[bytes, bytes]:
    """``nodes.csv`` and ``relationships.csv`` with neo4j-admin's typed headers (arrays split on ``;``)."""
    nodes: list[list[object]] = [["id:ID", "name", ":LABEL", "aliases:string[]", "articles:int", "iri"]]
    for node, data in flat.nodes(data=True):
        nodes.append([node, data["label"], f"Entity;{data['class']}" if data["class"] != "Entity" else "Entity",
                      data.get("aliases", "").replace("; ", ";"), data["articles"], data["iri"]])  # fmt: skip
    columns = ["amount:double", "currency", "date", "status", "fact_type", "evidence", "sources:string[]"]
    rels: list[list[object]] = [[":START_ID", ":END_ID", ":TYPE", *columns]]
    for source, target, data in flat.edges(data=True):
        rels.append(
            [source, target, _relationship_type(data["relation"]), data.get("amount"), data.get("currency"),
             data.get("date"), data.get("status"), data["fact_type"], data.get("evidence"),
             data.get("sources", "").replace("; ", ";")]
        )  # fmt: skip
    return _csv(nodes), _csv(rels)


@dataclass(frozen=True)
class NetworkExport:
    """What was written: the bytes (for stdout), the counts, and a hint (neo4j-admin's command)."""

    fmt: str
    data: bytes
    nodes: int
    edges: int
    written: tuple[Path, ...] = ()
    hint: str = ""

    def message(self) -> str:
        counts = f"{self.nodes} entities, {self.edges} relationships ({self.fmt})"
        text = f"wrote {', '.join(str(p) for p in self.written)}: {counts}" if self.written else counts
        return f"{text}\n{self.hint}" if self.hint else text


def render_network(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """One file's bytes in ``fmt`` (graphml, gexf or cyjs)."""
    flat = flat_graph(graph)
    if fmt in ("graphml", "gexf"):
        buffer = io.BytesIO()
        write = nx.write_graphml if fmt == "graphml" else nx.write_gexf
        write(flat, buffer, encoding="utf-8", prettyprint=True)
        return buffer.getvalue()
    if fmt == "cyjs":
        return (json.dumps(cytoscape_json(flat), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    raise KgError(f"unknown network format {fmt!r} (choose from {', '.join(NETWORK_FORMATS)})")


def export_network(store: Store, fmt: str, output: Path | None) -> NetworkExport:
    """Write the store's entity graph as ``fmt`` to ``output`` (a folder for neo4j), atomically per file."""
    from kg.analyze import entity_graph

    graph = entity_graph(store)
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    if fmt == "neo4j":
        if output is None or output.suffix.lower() in NETWORK_SUFFIXES or output.is_file():
            raise KgError("--format neo4j writes two CSV files: give a folder with -o DIR")
        node_csv, rel_csv = neo4j_csv(flat_graph(graph))
        files = (output / "nodes.csv", output / "relationships.csv")
        for path, data in zip(files, (node_csv, rel_csv), strict=True):
            atomic_write_bytes(path, data)
        command = (
            "neo4j-admin database import full neo4j --overwrite-destination "
            f"--nodes={shlex.quote(str(files[0]))} --relationships={shlex.quote(str(files[1]))}"
        )
        hint = f"load it into Neo4j 5 (server stopped) with:\n  {command}"
        return NetworkExport(fmt, node_csv + rel_csv, nodes, edges, files, hint)
    data = render_network(graph, fmt)
    if output is not None:
        atomic_write_bytes(output, data)
    return NetworkExport(fmt, data, nodes, edges, (output,) if output is not None else ())
