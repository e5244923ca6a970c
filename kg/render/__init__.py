"""The entity graph as one self-contained, offline HTML page (vis-network via pyvis).

pyvis assembles the nodes, edges and options; the page comes from our own
template because pyvis's loads bootstrap, tom-select and vis-network from
CDNs. vis-network's JavaScript and CSS (shipped inside the pyvis package) are
inlined, so the file opens anywhere with the network off. Every string from
an article reaches the page as JSON inside a non-executed ``<script>`` block
(with ``<``, ``>`` and ``&`` escaped) and is put on screen with
``textContent``; a Content-Security-Policy with a nonce stops any script the
page did not bring itself.
"""

from __future__ import annotations

import gc
import html
import json
import math
import re
import secrets
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from kg.analyze import GraphSource, money
from kg.fsutil import atomic_write_text
from kg.palette import CLASS_COLORS, RELATION_COLORS, RELATION_WORDS
from kg.render.choose import Choice, choose_in_graph, from_store

#: Default cap on nodes: enough to read, few enough to lay out in seconds.
DEFAULT_LIMIT = 300
_VIS_DIR = ("lib", "vis-9.1.2")


@dataclass(frozen=True)
class RenderedGraph:
    """A rendered page: save it, or let Jupyter show it inline."""

    html: str = field(repr=False)
    nodes: int
    edges: int
    #: entities before ``limit`` dropped any
    total_nodes: int
    notice: str | None = None

    def save(self, path: Path | str) -> Path:
        path = Path(path)
        atomic_write_text(path, self.html)
        return path

    def _repr_html_(self) -> str:
        # srcdoc keeps the page's scripts and styles apart from the notebook's.
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            'style="width: 100%; height: 640px; border: 1px solid #ddd;" '
            'sandbox="allow-scripts"></iframe>'
        )


def _vis_asset(name: str) -> str:
    import pyvis

    path = Path(pyvis.__file__).parent.joinpath(*_VIS_DIR, name)
    text = path.read_text(encoding="utf-8")
    # The source map is not shipped; a reference to it would only make devtools fetch.
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


def script_json(value: object) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&`` or line separators left raw."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def _physics(n_nodes: int) -> dict[str, object]:
    """Settings that let a few thousand nodes settle in seconds, then stop."""
    iterations = 1000 if n_nodes <= 300 else max(100, int(200_000 / n_nodes))
    if n_nodes <= 500:
        solver = {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -90,
                "centralGravity": 0.01,
                "springLength": 170,
                "springConstant": 0.08,
                "damping": 0.5,
                "avoidOverlap": 0.8,
            },
        }
    else:
        solver = {
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000,
                "centralGravity": 0.3,
                "springLength": 120,
                "springConstant": 0.04,
                "damping": 0.5,
                "avoidOverlap": 0.1,
            },
        }
    return {
        **solver,
        "enabled": True,
        "minVelocity": 1.0,
        "maxVelocity": 60,
        "timestep": 0.5,
        "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 25, "fit": True},
    }


def _edge_lines(data: dict) -> list[str]:
    details = data.get("details", {})
    lines = []
    amount = money(data.get("amount"), data.get("currency"))
    if amount:
        lines.append(amount + (f" for {details['stake_percent']}%" if "stake_percent" in details else ""))
    for key in ("date", "status"):
        if data.get(key):
            lines.append(f"{key}: {data[key]}")
    for key in ("round", "title", "what"):
        if details.get(key):
            lines.append(f"{key}: {details[key]}")
    if details.get("current") is False:
        lines.append("former")
    if data.get("disputed"):
        lines.append("disputed: sources disagree (kg conflicts)")
    return lines


def _edge_label(data: dict) -> str:
    words = RELATION_WORDS.get(data["relation"], data["relation"])
    details = data.get("details", {})
    if data["relation"] == "memberOf" and details.get("title"):
        words = ("former " if details.get("current") is False else "") + str(details["title"])
    amount = money(data.get("amount"), data.get("currency"))
    return f"{words} · {amount}" if amount else words


def select_nodes(
    graph: nx.MultiDiGraph, *, focus: str | None = None, hops: int = 1, limit: int | None = DEFAULT_LIMIT
) -> tuple[nx.MultiDiGraph, dict[str, float], str | None]:
    """The subgraph to draw, PageRank of its nodes, and a notice when ``limit`` dropped some."""
    choice = choose_in_graph(graph, focus=focus, hops=hops, limit=limit)
    return graph.subgraph(choice.nodes).copy(), choice.rank, _notice(graph, choice, limit)


def _notice(graph: nx.MultiDiGraph, choice: Choice, limit: int | None) -> str | None:
    """What the page says when ``limit`` dropped nodes (``graph`` holds at least the drawn ones)."""
    if not limit or choice.total <= limit:
        return None
    center = choice.center
    return (
        f"Showing the {limit:,} most central of {choice.total:,} entities (by PageRank)"
        f"{' around ' + graph.nodes[center]['label'] if center else ''}; "
        "`kg render --limit N` shows more, `--focus ENTITY` zooms in."
    )


def render(
    source: GraphSource,
    output: Path | str | None = None,
    *,
    focus: str | None = None,
    hops: int = 1,
    limit: int | None = DEFAULT_LIMIT,
    title: str | None = None,
) -> RenderedGraph:
    """Render the entity graph (of a store, or a graph from :func:`kg.analyze.entity_graph`).

    ``focus`` (a name, alias or IRI) draws only its ``hops`` neighbourhood;
    ``limit`` keeps the most central nodes and says so on the page. Writes
    ``output`` when given; the result also shows inline in Jupyter.
    """
    with _no_cycle_collection():
        return _render(source, output, focus=focus, hops=hops, limit=limit, title=title)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a page is read and built, then restored.

    Reading a big store makes hundreds of thousands of small containers (rows,
    tuples, dicts) and no cycles; each allocation past the collector's threshold
    makes it walk every live object again, which cost a sixth of ``--limit 1000``
    on the 2 M-quad store (about 1 s). Nothing it would have freed is lost: a
    collection can run after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _render(
    source: GraphSource,
    output: Path | str | None,
    *,
    focus: str | None,
    hops: int,
    limit: int | None,
    title: str | None,
) -> RenderedGraph:
    if isinstance(source, nx.MultiDiGraph):
        choice = choose_in_graph(source, focus=focus, hops=hops, limit=limit)
        graph = source.subgraph(choice.nodes).copy()
        headlines = source.graph.get("headlines", {})
        total = source.number_of_nodes()
    else:
        # From a store: choose on the weighted topology (the same PageRank as the full
        # entity graph), then read names, amounts, evidence and sources only for what is drawn.
        graph, choice, total = from_store(source, focus=focus, hops=hops, limit=limit)
        headlines = graph.graph["headlines"]
    rank, notice, center = choice.rank, _notice(graph, choice, limit), choice.center
    if title is None:
        title = _default_title(graph, center, hops)
    top_rank = max(rank.values(), default=1.0) or 1.0

    net = Network(directed=True)
    # pyvis's add_node/add_edge check membership in lists (quadratic); the graph
    # already guarantees unique nodes and known endpoints, so build its Node and
    # Edge records directly.
    for node, data in sorted(graph.nodes(data=True), key=lambda item: item[0]):  # same page, any source
        _add_node(
            net,
            node,
            label=data["label"],
            color=CLASS_COLORS.get(data["cls"], CLASS_COLORS["Entity"]),
            shape="dot",
            size=round(8 + 32 * math.sqrt(rank[node] / top_rank) ** 1.5, 1),
            kg={
                "cls": data["cls"],
                "articles": data["articles"],
                "aliases": data["aliases"],
                "pagerank": round(rank[node], 6),
            },
        )
    parallel: Counter[frozenset[str]] = Counter()
    for source_node, target_node, data in sorted(
        graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])
    ):
        pair = frozenset((source_node, target_node))
        index = parallel[pair]
        parallel[pair] += 1
        articles = [f"{a} — {headlines[a]}" if a in headlines else a for a in data["articles"]]
        options: dict[str, object] = {
            "label": _edge_label(data),
            "arrows": "" if data.get("symmetric") else "to",
            "kg": {
                "relation": data["relation"],
                "words": RELATION_WORDS.get(data["relation"], data["relation"]),
                "lines": _edge_lines(data),
                "evidence": data["evidence"],
                "articles": articles,
            },
        }
        if data.get("disputed"):  # sources disagree on amount, date, stake or status: dashed and red
            options["dashes"] = True
            options["color"] = {"color": "#c0392b", "highlight": "#e74c3c"}
            options["label"] = f"{options['label']} ⚠"
        if index:  # parallel edges bend apart instead of drawing on top of each other
            options["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if index % 2 else "curvedCCW",
                "roundness": 0.15 * ((index + 1) // 2),
            }
        color = RELATION_COLORS.get(data["relation"], "#9c9c9c")
        options["color"] = {"color": color, "highlight": color, "hover": color, "opacity": 0.8}
        # raw values the page filters on (date range, minimum amount)
        kg_data = options["kg"]
        assert isinstance(kg_data, dict)
        kg_data["date"] = str(data["date"]) if data.get("date") is not None else None
        kg_data["amount"] = float(data["amount"]) if data.get("amount") is not None else None
        kg_data["currency"] = str(data["currency"]) if data.get("currency") is not None else None
        net.edges.append(Edge(source_node, target_node, directed=True, **options).options)
    net.options = {
        "physics": _physics(len(net.nodes)),
        "layout": {"improvedLayout": len(net.nodes) <= 150, "randomSeed": 42},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": len(net.nodes) > 500,
            "hideEdgesOnZoom": len(net.nodes) > 500,
        },
        "nodes": {"font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"}, "borderWidth": 1},
        "edges": {
            "font": {"size": 10, "align": "middle", "color": "#555555", "strokeWidth": 3},
            "color": {"color": "#b8b8b8", "highlight": "#333333", "hover": "#666666"},
            "smooth": False,
            "width": 1.2,
            "arrows": {"to": {"scaleFactor": 0.5}},
        },
    }
    nodes, edges, _heading, _height, _width, options_json = net.get_network_data()

    classes = Counter(graph.nodes[n]["cls"] for n in graph.nodes)
    # legends list every class and relation present (known ones first): they are the filters too
    legend = [
        {"name": name, "color": CLASS_COLORS.get(name, CLASS_COLORS["Entity"]), "count": classes[name]}
        for name in sorted(
            classes,
            key=lambda c: (c not in CLASS_COLORS, list(CLASS_COLORS).index(c) if c in CLASS_COLORS else 0, c),
        )
    ]
    relations = Counter(data["relation"] for _s, _t, data in graph.edges(data=True))
    order = list(RELATION_COLORS)
    relation_legend = [
        {
            "name": name,
            "words": RELATION_WORDS.get(name, name),
            "color": RELATION_COLORS.get(name, "#9c9c9c"),
            "count": relations[name],
        }
        for name in sorted(relations, key=lambda r: (order.index(r) if r in order else len(order), r))
    ]
    page = _template().render(
        title=title,
        nonce=secrets.token_urlsafe(16),
        vis_css=_vis_asset("vis-network.css"),
        vis_js=_vis_asset("vis-network.min.js"),
        legend=legend,
        relation_legend=relation_legend,
        notice=notice,
        node_count=f"{len(nodes):,}",
        edge_count=f"{len(edges):,}",
        min_height="480px",
        data_json=script_json(
            {"nodes": nodes, "edges": edges, "options": json.loads(options_json), "focus": center}
        ),
    )
    result = RenderedGraph(page, len(nodes), len(edges), total, notice)
    if output is not None:
        result.save(output)
    return result


def _default_title(graph: nx.MultiDiGraph, center: str | None, hops: int) -> str:
    """What the page shows, in words: the whole graph, or whose neighbourhood."""
    if center is None:
        return "kg entity graph"
    within = "1 hop" if hops == 1 else f"{hops} hops"
    return f"{graph.nodes[center]['label']} and entities within {within} — kg entity graph"


def _add_node(net: Network, node_id: str, *, label: str, shape: str, **options: object) -> None:
    net.nodes.append(Node(node_id, shape, label, **options).options)
    net.node_ids.append(node_id)
    net.node_map[node_id] = net.nodes[-1]


def _template() -> jinja2.Template:
    text = resources.files("kg.render").joinpath("page.html.j2").read_text(encoding="utf-8")
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(text)
