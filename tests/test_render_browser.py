"""The rendered page in a real headless Chromium with the network switched off."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.analyze import centrality, entity_graph
from kg.ingest import ingest
from kg.render import render
from kg.store.oxigraph import OxigraphStore

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
DATA = Path(__file__).parent / "data" / "analyze"
PAYLOAD = "<img src=x onerror=alert(1)>"
ORG = "https://w3id.org/kg-news/id/org/"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Any alert, or the flag the headline payload would set, shows that article text ran as code.
TRAPS = "window.__alerts = []; window.alert = window.confirm = window.prompt = (m) => { window.__alerts.push(String(m)); };"

if not os.path.exists(CHROMIUM):
    pytest.skip(
        f"{CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)", allow_module_level=True
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (dev extra) is not installed")


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    store = OxigraphStore(None)
    ingest([DATA / "network.jsonl", DATA / "injection.facts.json"], store)
    graph = entity_graph(store)
    path = tmp_path_factory.mktemp("render") / "graph.html"
    render(graph, path)
    return path, graph


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Visit:
    """A page opened offline, recording console errors, dialogs and attempted requests."""

    def __init__(self, browser, path: Path, *, bypass_csp: bool = False):
        self.context = browser.new_context(viewport={"width": 1200, "height": 800}, bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.blocked: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route("**/*", self._route)
        self.page.add_init_script(TRAPS)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector('body[data-kg-stable="1"]', state="attached", timeout=20_000)

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def hover_node(self, node_id: str) -> str:
        """Move the mouse onto a node and return the tooltip's text."""
        x, y = self.page.evaluate(
            """(id) => { const p = window.kg.network.canvasToDOM(window.kg.network.getPosition(id));
                         const box = document.querySelector('#kg-network canvas').getBoundingClientRect();
                         return [box.left + p.x, box.top + p.y]; }""",
            node_id,
        )
        self.page.mouse.move(x - 40, y - 40)
        self.page.mouse.move(x, y, steps=4)
        tooltip = self.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
        return tooltip.text_content() or ""

    def close(self):
        self.context.close()


def test_page_draws_offline_without_errors(browser, graph_file):
    path, graph = graph_file
    visit = Visit(browser, path)
    try:
        page = visit.page
        assert visit.errors == [] and visit.blocked == []
        assert page.locator("#kg-network canvas").count() == 1
        drawn = page.evaluate("""() => { const c = document.querySelector('#kg-network canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return [c.width, n]; }""")
        assert drawn[0] > 300 and drawn[1] > 1000  # vis-network painted nodes on its canvas
        counts = page.evaluate(
            "() => [kg.nodes.length, kg.edges.length, document.body.dataset.kgNodes,"
            " Object.keys(kg.network.getPositions()).length]"
        )
        assert counts == [
            graph.number_of_nodes(),
            graph.number_of_edges(),
            str(graph.number_of_nodes()),
            graph.number_of_nodes(),
        ]
        assert page.evaluate("() => kg.network.physics.physicsEnabled") is False  # settled, then stopped
        assert page.locator("#kg-legend").inner_text().split("\n")[0].startswith("Organization (8)")
    finally:
        visit.close()


def test_search_box_finds_and_selects_a_node(browser, graph_file):
    path, _ = graph_file
    visit = Visit(browser, path)
    try:
        page = visit.page
        page.fill("#kg-search", "nova labs")
        page.press("#kg-search", "Enter")
        assert page.evaluate("() => kg.network.getSelectedNodes()") == [ORG + "nova-labs"]
        assert page.locator("#kg-status").inner_text() == "Found: Nova Labs"
        page.fill("#kg-search", "alpha")  # an alias
        page.press("#kg-search", "Enter")
        assert page.evaluate("() => document.body.dataset.kgFound") == ORG + "alpha-capital"
        page.fill("#kg-search", "no such thing")
        page.press("#kg-search", "Enter")
        assert page.locator("#kg-status").inner_text().startswith("No entity matches")
        assert visit.errors == []
    finally:
        visit.close()


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_injected_markup_shows_as_text_and_never_runs(browser, graph_file, bypass_csp):
    path, graph = graph_file
    evil = next(n for n, d in graph.nodes(data=True) if d["label"] == PAYLOAD)
    visit = Visit(browser, path, bypass_csp=bypass_csp)
    try:
        page = visit.page
        assert PAYLOAD in visit.hover_node(evil)
        page.mouse.move(5, 5)
        boss = next(n for n, d in graph.nodes(data=True) if d["label"].startswith("Ada"))
        assert "Ada <b>Bold</b> Lovelace" in visit.hover_node(boss)
        # the datalist of the search box holds the names as values, not markup
        assert PAYLOAD in page.evaluate(
            "() => [...document.querySelectorAll('#kg-names option')].map(o => o.value)"
        )
        page.fill("#kg-search", PAYLOAD)
        page.press("#kg-search", "Enter")
        assert page.evaluate("() => document.body.dataset.kgFound") == evil
        page.wait_for_timeout(200)
        found = page.evaluate("""() => [window.__alerts, window.__pwned === undefined,
            document.querySelectorAll('img, svg, #kg-bar b, #kg-bar i, div.vis-tooltip b').length]""")
        assert found == [[], True, 0]
        assert visit.dialogs == [] and visit.errors == []
    finally:
        visit.close()


def test_the_seed_articles_page_shows_fully_offline(browser, tmp_path):
    seed = Path(__file__).resolve().parent.parent / "seeds" / "000_4736b13f4837a170.txt"
    store = OxigraphStore(None)
    ingest([seed], store)  # extracted from the text, as `make demo` does
    graph = entity_graph(store)
    assert graph.number_of_edges() > 0
    path = tmp_path / "seed.html"
    render(store, path)
    visit = Visit(browser, path)
    try:
        page = visit.page
        assert visit.errors == [] and visit.blocked == []
        assert page.evaluate("() => [kg.nodes.length, kg.edges.length]") == [
            graph.number_of_nodes(),
            graph.number_of_edges(),
        ]
        hub = centrality(graph, top=1)[0]
        page.fill("#kg-search", hub.label.lower())
        page.press("#kg-search", "Enter")
        assert page.evaluate("() => kg.network.getSelectedNodes()") == [hub.entity]
    finally:
        visit.close()
