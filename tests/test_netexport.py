"""The entity graph out to network tools: GraphML, GEXF, Cytoscape.js JSON and Neo4j CSV, read back."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.analyze import entity_graph
from kg.cli import cli
from kg.facttypes import FACT_TYPES
from kg.netexport import flat_graph, network_format, render_network
from kg.store.oxigraph import OxigraphStore

DATA = Path(__file__).parent / "data"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("netexport") / "store"
    result = CliRunner().invoke(
        cli,
        [
            "ingest",
            str(DATA / "all-fact-types.facts.json"),
            str(DATA / "small.facts.json"),
            "--store",
            str(path),
        ],
    )
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def stats(store_path: Path) -> dict:
    result = CliRunner().invoke(cli, ["stats", "--json", "--store", str(store_path)])
    return json.loads(result.output)


def relationship_facts(stats: dict) -> int:
    """Facts of the types that are an edge between two entities (kg stats counts them per type)."""
    return sum(n for name, n in stats["facts"].items() if FACT_TYPES[name].shortcut is not None)


def export(store_path: Path, *args: str, stream: str = "output") -> str:
    result = CliRunner().invoke(cli, ["export", "--store", str(store_path), *args])
    assert result.exit_code == 0, result.output
    return getattr(result, stream)


@pytest.mark.parametrize(("suffix", "read"), [(".graphml", nx.read_graphml), (".gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back_with_the_counts_of_kg_stats(store_path, stats, tmp_path, suffix, read):
    out = tmp_path / f"graph{suffix}"
    message = export(store_path, "-o", str(out))
    graph = read(out)
    entities, edges = sum(stats["entities"].values()), relationship_facts(stats)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (entities, edges)
    assert f"{entities} entities, {edges} relationships" in message
    assert graph.is_directed() and graph.is_multigraph()
    # attributes survive the round trip, typed
    nodes = {data["label"]: data for _, data in graph.nodes(data=True)}
    assert nodes["Globex Corp"]["class"] == "Organization" and nodes["Globex Corp"]["aliases"] == "Globex"
    assert nodes["Globex Corp"]["articles"] == 1
    invest = next(
        d for u, v, d in graph.edges(data=True) if d["relation"] == "investedIn" and d["currency"] == "USD"
    )
    assert invest["amount"] == 2.5e9 and invest["date"] == "2023-09" and invest["status"] == "completed"
    assert invest["sources"] == "small-1" and invest["evidence"].startswith("Globex invested $2.5bn")
    # same structure as the entity graph itself (isomorphic, edges matched by relation)
    original = flat_graph(entity_graph(OxigraphStore(store_path, create=False)))
    assert nx.is_isomorphic(
        original, graph, edge_match=nx.algorithms.isomorphism.categorical_multiedge_match("relation", None)
    )


def test_export_to_stdout_and_format_choice(store_path):
    text = export(store_path, "--format", "graphml", stream="stdout")
    assert text.lstrip().startswith("<?xml") and "<graphml" in text
    assert network_format(Path("x.GEXF"), None) == "gexf"
    assert network_format(Path("x.ttl"), None) is None
    assert network_format(None, "cyjs") == "cyjs"


def test_neo4j_csv_files_and_command(store_path, stats, tmp_path):
    out = tmp_path / "neo"
    message = export(store_path, "--format", "neo4j", "-o", str(out))
    assert "neo4j-admin database import full" in message
    assert (
        f"--nodes={out / 'nodes.csv'}" in message
        and f"--relationships={out / 'relationships.csv'}" in message
    )
    nodes = list(csv.DictReader((out / "nodes.csv").open(encoding="utf-8")))
    rels = list(csv.DictReader((out / "relationships.csv").open(encoding="utf-8")))
    assert len(nodes) == sum(stats["entities"].values()) and len(rels) == relationship_facts(stats)
    ids = {n["id:ID"] for n in nodes}
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in rels)  # no dangling relationship
    assert {r[":TYPE"] for r in rels} >= {"INVESTED_IN", "ACQUIRED", "PARTNER_OF"}
    globex = next(n for n in nodes if n["name"] == "Globex Corp")
    assert globex[":LABEL"] == "Entity;Organization" and globex["aliases:string[]"] == "Globex"
    # a file name is refused: neo4j needs a folder for its two files
    result = CliRunner().invoke(cli, ["export", "--store", str(store_path), "--format", "neo4j"])
    assert result.exit_code == 2 and "give a folder with -o DIR" in result.output


def test_empty_store_exports_an_empty_graph():
    graph = nx.read_gexf(io.BytesIO(render_network(entity_graph(OxigraphStore(None)), "gexf")))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (0, 0)


# ---------------------------------------------------------- Cytoscape.js in Chromium ---
@pytest.fixture(scope="module")
def cytoscape_js(tmp_path_factory) -> Path:
    """cytoscape.min.js installed from npm into a temporary folder (skips when npm cannot)."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed, so Cytoscape.js cannot be fetched")
    folder = tmp_path_factory.mktemp("npm")
    try:
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--silent", "cytoscape@3"],
            cwd=folder, check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"npm install cytoscape failed ({exc}); no registry reachable?")
    script = folder / "node_modules" / "cytoscape" / "dist" / "cytoscape.min.js"
    if not script.exists():
        pytest.skip("npm installed cytoscape without dist/cytoscape.min.js")
    return script


@pytest.mark.browser
def test_cytoscape_js_loads_the_export_in_chromium(store_path, stats, tmp_path, cytoscape_js):
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (dev extra) is not installed")
    out = tmp_path / "graph.cyjs"
    export(store_path, "-o", str(out))
    page_file = tmp_path / "page.html"
    shutil.copy(cytoscape_js, tmp_path / "cytoscape.min.js")
    page_file.write_text(
        '<!doctype html><html><body><div id="cy" style="width:800px;height:600px"></div>'
        '<script src="cytoscape.min.js"></script></body></html>',
        encoding="utf-8",
    )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(page_file.as_uri())
            counts = page.evaluate(
                """(doc) => {
                    const cy = cytoscape({container: document.getElementById('cy'), elements: doc.elements,
                                          layout: {name: 'cose', animate: false}});
                    const investment = cy.edges('[relation = "investedIn"][currency = "USD"]')[0];
                    return {nodes: cy.nodes().length, edges: cy.edges().length,
                            label: cy.getElementById(investment.data('source')).data('name'),
                            amount: investment.data('amount'), version: cytoscape.version || ''};
                }""",
                json.loads(out.read_text(encoding="utf-8")),
            )
        finally:
            browser.close()
    assert errors == []
    assert counts["nodes"] == sum(stats["entities"].values())
    assert counts["edges"] == relationship_facts(stats)
    assert counts["label"] == "Globex Corp" and counts["amount"] == 2.5e9
