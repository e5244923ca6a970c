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
        assert page.locator(".kg-legend-item").first.inner_text().startswith("Organization (8)")
        assert page.locator(".kg-relation-item").first.inner_text() == "invested in (5)"
        # edges are coloured by relation: one colour per relation, different relations differ
        colours = page.evaluate(
            "() => { const by = {}; kg.edges.forEach(e => { (by[e.kg.relation] = by[e.kg.relation] || new Set()).add(e.color.color); });"
            " return Object.fromEntries(Object.entries(by).map(([k, v]) => [k, [...v]])); }"
        )
        assert all(len(c) == 1 for c in colours.values()) and len({c[0] for c in colours.values()}) == len(
            colours
        )
        # at the zoom that fits everything, the central labels are drawn at a readable size, the rest are not
        sizes = page.evaluate(
            "() => { const s = kg.network.getScale(); return kg.nodes.get().map(n =>"
            " [kg.central.includes(n.id), ((n.font && n.font.size) || 14) * s]); }"
        )
        assert all(size >= 12 for central, size in sizes if central)
        assert len(page.evaluate("() => kg.central")) == 5
    finally:
        visit.close()


def test_search_box_finds_and_selects_a_node(browser, graph_file):
    path, _ = graph_file
    visit = Visit(browser, path)
    try:
        page = visit.page
        page.evaluate(
            "() => { window.__moved = 0; kg.network.on('animationFinished', () => window.__moved++); }"
        )
        page.fill("#kg-search", "nova labs")
        page.press("#kg-search", "Enter")
        assert page.evaluate("() => kg.network.getSelectedNodes()") == [ORG + "nova-labs"]
        assert page.locator("#kg-status").inner_text() == "Found: Nova Labs"
        assert page.evaluate("() => document.body.dataset.kgSearches") == "1"  # Enter searches once
        page.wait_for_function("() => window.__moved > 0")
        # the view is centred on the entity, and stays there when the mouse moves over the graph
        where = "() => [kg.network.getViewPosition(), kg.network.getPosition(document.body.dataset.kgFound)]"
        view, node = page.evaluate(where)
        assert abs(view["x"] - node["x"]) < 2 and abs(view["y"] - node["y"]) < 2
        page.mouse.move(200, 300)
        page.mouse.move(700, 500, steps=5)
        page.wait_for_timeout(300)
        assert page.evaluate(where)[0] == view
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
        panel = page.locator("#kg-panel")
        assert (
            PAYLOAD in panel.inner_text() and "\u201c<img src=x onerror=alert(2)> put" in panel.inner_text()
        )
        page.fill("#kg-search", "ada <b>")
        page.press("#kg-search", "Enter")
        assert "<i onmouseover=alert(5)>chair</i>" in panel.inner_text()
        assert "<script>alert(6)</script>" in panel.inner_text()
        page.wait_for_timeout(200)
        found = page.evaluate("""() => [window.__alerts, window.__pwned === undefined,
            document.querySelectorAll('img, svg, script:not([nonce]):not([type]), #kg-bar b, #kg-bar i,'
              + ' #kg-panel b, #kg-panel i, #kg-panel script, div.vis-tooltip b').length]""")
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


def test_filters_hide_relationships_and_entities_and_reset_shows_all(browser, graph_file):
    path, _ = graph_file
    visit = Visit(browser, path)
    try:
        page = visit.page
        visible = "() => document.body.dataset.kgVisible"
        assert page.evaluate(visible) == "11/10"
        page.fill("#kg-min-amount", "30000000")  # only the three deals of at least 30m, and their parties
        assert page.evaluate(visible) == "5/3"
        assert page.locator("#kg-shown").inner_text() == "showing 5 of 11 entities, 3 of 10 relationships"
        page.click("#kg-reset")
        assert page.evaluate(visible) == "11/10"
        page.fill("#kg-from", "2023-02-01")
        page.fill("#kg-to", "2023-12-31")
        page.uncheck(
            "#kg-undated"
        )  # dated Feb-Dec 2023: the EUR investment (2023-06) and the acquisition (2023-09)
        assert page.evaluate(visible) == "3/2"
        page.click("#kg-reset")
        page.uncheck(".kg-relation[value=investedIn]")
        assert page.evaluate(visible) == "8/5"
        assert page.evaluate(
            "() => kg.edges.get().filter(e => !e.hidden).every(e => e.kg.relation !== 'investedIn')"
        )
        page.click("#kg-reset")
        page.uncheck(".kg-class[value=Person]")
        assert page.evaluate(visible) == "9/8"
        hidden = page.evaluate("() => kg.nodes.get().filter(n => n.hidden).map(n => n.kg.cls)")
        assert hidden == ["Person", "Person"]
        page.fill("#kg-search", "jane doe")  # search looks only among what is shown
        page.press("#kg-search", "Enter")
        assert (
            page.locator("#kg-status").inner_text()
            == "No entity matches \u201cjane doe\u201d among those shown"
        )
        assert visit.errors == []
    finally:
        visit.close()


def test_clicking_a_node_opens_its_facts_and_the_keyboard_works(browser, graph_file):
    path, _ = graph_file
    visit = Visit(browser, path)
    try:
        page = visit.page
        x, y = page.evaluate(
            """(id) => { const p = kg.network.canvasToDOM(kg.network.getPosition(id));
                         const box = document.querySelector('#kg-network canvas').getBoundingClientRect();
                         return [box.left + p.x, box.top + p.y]; }""",
            ORG + "orbit-ai",
        )
        page.mouse.click(x, y)
        panel = page.locator("#kg-panel")
        panel.wait_for(state="visible")
        text = panel.inner_text()
        assert "Orbit AI" in text and "3 facts" in text
        assert "acquired" in text and "USD 500m" in text and "date: 2023-09" in text
        assert "\u201cAlpha also backed Orbit AI with EUR 20m.\u201d" in text
        assert "source: analyze-a2 \u2014 Gamma Corp buys Orbit AI" in text
        # keyboard: Tab reaches the entity links in the panel, Enter follows one, Escape closes
        panel.get_by_role("button", name="Gamma Corp").focus()
        page.keyboard.press("Enter")
        shown = "() => [kg.nodes.get(document.body.dataset.kgPanel).label, kg.nodes.get(kg.network.getSelectedNodes()[0]).label]"
        assert page.evaluate(shown) == ["Gamma Corp", "Gamma Corp"]
        page.keyboard.press("Escape")
        assert panel.is_hidden()
        page.keyboard.press("/")
        assert page.evaluate("() => document.activeElement.id") == "kg-search"
        page.keyboard.type("delta")
        page.keyboard.press("Enter")
        assert page.evaluate(shown) == ["Delta Systems", "Delta Systems"]
        assert "partner of" in panel.inner_text()
        assert visit.errors == []
    finally:
        visit.close()


def test_focus_is_highlighted_and_named_in_the_title(browser, graph_file, tmp_path):
    _, graph = graph_file
    path = tmp_path / "focus.html"
    render(graph, path, focus="orbit ai")
    visit = Visit(browser, path)
    try:
        page = visit.page
        assert page.title() == "Orbit AI and entities within 1 hop \u2014 kg entity graph"
        assert page.locator("h1").inner_text() == page.title()
        focused = page.evaluate(
            f"() => [kg.network.getSelectedNodes(), kg.nodes.get('{ORG}orbit-ai').borderWidth]"
        )
        assert focused == [[ORG + "orbit-ai"], 5]
        assert visit.errors == []
    finally:
        visit.close()
