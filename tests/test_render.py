"""`kg render`: one self-contained page, escaped data, limits and focus (no browser here)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.analyze import entity_graph
from kg.cli import cli
from kg.ingest import ingest
from kg.render import RenderedGraph, render, script_json
from kg.store.oxigraph import OxigraphStore

DATA = Path(__file__).parent / "data" / "analyze"
PAYLOAD = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    target = OxigraphStore(None)
    ingest([DATA / "network.jsonl", DATA / "injection.facts.json"], target)
    return target


@pytest.fixture(scope="module")
def page(store) -> RenderedGraph:
    return render(store)


def page_data(text: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S)
    assert match
    return json.loads(match.group(1))


def test_page_loads_nothing_from_the_network(page):
    assert re.findall(r'(src|href)="https?://', page.html) == []
    assert "<link" not in page.html and "<script src" not in page.html
    assert "sourceMappingURL" not in page.html
    assert "vis.Network" in page.html and ".vis-network" in page.html  # vis-network inlined


def test_page_data_matches_the_graph(store, page):
    graph = entity_graph(store)
    data = page_data(page.html)
    assert (page.nodes, page.edges) == (graph.number_of_nodes(), graph.number_of_edges()) == (11, 10)
    assert {n["id"] for n in data["nodes"]} == set(graph.nodes)
    labels = {e["label"] for e in data["edges"]}
    assert "invested in · USD 100m" in labels and "chief executive" in labels
    nova = next(n for n in data["nodes"] if n["label"] == "Nova Labs")
    jane = next(n for n in data["nodes"] if n["label"] == "Jane Doe")
    assert nova["color"] != jane["color"] and nova["size"] > jane["size"]
    assert "Organization (8)" in page.html and "Person (2)" in page.html  # legend
    assert data["options"]["physics"]["stabilization"]["enabled"] is True


def test_article_text_is_never_raw_html(page):
    # the payloads only exist JSON-escaped inside the data block
    for raw in (
        PAYLOAD,
        "<img src=x onerror=alert(2)>",
        "<svg onload",
        "<script>alert(6)",
        "</script><script>window.__pwned",
        "<b>Bold</b>",
        "<i onmouseover",
    ):
        assert raw not in page.html
    data = page_data(page.html)
    assert any(n["label"] == PAYLOAD for n in data["nodes"])  # yet the names survive intact
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page.html
    edge = next(e for e in data["edges"] if e["kg"]["relation"] == "investedIn" and "Safe" in str(e["kg"]))
    assert edge["kg"]["evidence"] == ["<img src=x onerror=alert(2)> put $1m into Safe Harbor & Co."]


def test_script_json_escapes_what_could_end_a_script():
    text = script_json({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_limit_keeps_the_most_central_and_says_so(store):
    limited = render(store, limit=3)
    data = page_data(limited.html)
    assert limited.nodes == 3 and limited.total_nodes == 11
    assert {n["label"] for n in data["nodes"]} == {"Nova Labs", "Orbit AI", "Safe Harbor & Co"}
    assert "Showing the 3 most central of 11 entities" in limited.html
    assert "most central" not in render(store, limit=None).html


def test_focus_draws_the_neighbourhood(store):
    focused = render(store, focus="gamma", hops=1)
    assert {n["label"] for n in page_data(focused.html)["nodes"]} == {
        "Gamma Corp",
        "Orbit AI",
        "Delta Systems",
    }
    assert render(store, focus="gamma", hops=2).nodes == 5


def test_notebook_display_is_an_escaped_iframe(page):
    shown = page._repr_html_()
    assert shown.startswith('<iframe srcdoc="') and 'sandbox="allow-scripts"' in shown
    srcdoc = re.match(r'<iframe srcdoc="([^"]*)"', shown).group(1)
    assert html.unescape(srcdoc) == page.html


def test_cli_render_writes_the_file(tmp_path):
    store_dir, out = tmp_path / "store", tmp_path / "graph.html"
    runner = CliRunner()
    runner.invoke(cli, ["ingest", str(DATA / "network.jsonl"), "--store", str(store_dir)])
    result = runner.invoke(cli, ["render", "--store", str(store_dir), "-o", str(out), "--limit", "5"])
    assert result.exit_code == 0, result.output
    assert "5 entities" in result.output and "most central of 8" in result.output
    assert len(page_data(out.read_text(encoding="utf-8"))["nodes"]) == 5
    missing = runner.invoke(cli, ["render", "--store", str(store_dir), "-o", str(out), "--focus", "Nobody"])
    assert missing.exit_code != 0 and "Error: no entity named 'Nobody'" in missing.output


def test_jupyter_shows_the_page_inline(page):
    formatters = pytest.importorskip("IPython.core.formatters")
    shown, _ = formatters.DisplayFormatter().format(page)
    assert shown["text/html"].startswith("<iframe srcdoc=")


def test_role_edges_are_labelled_with_the_title_and_former_roles_say_so():
    graph = nx.MultiDiGraph()
    for iri, label, cls in (("p", "Pat Smith", "Person"), ("o", "Oak Ltd", "Organization")):
        graph.add_node(iri, label=label, cls=cls, articles=1, aliases=[])
    base = {
        "relation": "memberOf",
        "fact_type": "role",
        "amount": None,
        "currency": None,
        "date": None,
        "status": None,
        "articles": ["x"],
        "evidence": [],
        "facts": [],
        "symmetric": False,
    }
    graph.add_edge("p", "o", **base, details={"title": "treasurer", "current": False})
    graph.add_edge("p", "o", **base, details={"title": "director", "current": True})
    labels = sorted(e["label"] for e in page_data(render(graph).html)["edges"])
    assert labels == ["director", "former treasurer"]
