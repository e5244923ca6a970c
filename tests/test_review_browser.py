"""The review page in headless Chromium: reject, edit, add, save, and the YAML that comes out."""

from __future__ import annotations

import os
import runpy
from pathlib import Path

import pytest
import yaml
from review_helpers import ARTICLE, write_review

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip(
        f"{CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)", allow_module_level=True
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (dev extra) is not installed")

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
PAYLOAD = "</script><img src=x onerror=alert(1)>"


@pytest.fixture()
def review_server(tmp_path: Path):
    from kg.review.server import ReviewServer, load_session

    hostile = tmp_path / "articles" / "hostile-note.txt"
    hostile.parent.mkdir()
    hostile.write_text(f"Headline {PAYLOAD}\n\nNothing else happens in this note.\n", encoding="utf-8")
    out = tmp_path / "reviews"
    write_review(out)
    server = ReviewServer(load_session([ARTICLE, hostile], out), port=0)
    server.start()
    try:
        yield server, out
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


def open_page(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = {"errors": [], "outside": [], "dialogs": []}
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    base = f"http://127.0.0.1:{server.port}/"

    def only_local(route) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            seen["outside"].append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(server.url)
    page.wait_for_selector('body[data-ready="1"]', timeout=10_000)
    return page, seen


def select_text(page, sentence: str) -> None:
    """Select ``sentence`` in the article text, as a mouse drag would."""
    page.evaluate(
        """(sentence) => {
            const box = document.getElementById('kg-text');
            const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
            for (let t = walker.nextNode(); t; t = walker.nextNode()) {
                const at = t.data.indexOf(sentence);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(t, at); range.setEnd(t, at + sentence.length);
                    const sel = document.getSelection(); sel.removeAllRanges(); sel.addRange(range);
                    return;
                }
            }
            throw new Error('sentence not in one text node');
        }""",
        sentence,
    )


def test_reject_edit_add_and_save_writes_the_review_file(browser, review_server):
    server, out = review_server
    page, seen = open_page(browser, server)
    try:
        facts = page.locator("#kg-facts li.fact")
        assert facts.count() == 4
        assert page.locator("#kg-text mark").count() >= 3  # evidence highlighted in the text
        # the keyboard alone: j to the first fact, a accepts it, j, then edit the wrong amount
        page.focus("#kg-text")
        page.keyboard.press("j")
        page.keyboard.press("a")
        assert facts.nth(0).get_attribute("class") == "fact accepted"
        page.keyboard.press("j")
        page.keyboard.press("e")  # focuses the first field (investor)
        page.fill("#kg-f1-amount", "30m")
        page.keyboard.press("Escape")
        assert page.evaluate("document.activeElement.dataset.index") == "1"
        # reject the invented acquisition with its button
        facts.nth(2).get_by_role("button", name="Reject").click()
        assert facts.nth(2).get_attribute("class") == "fact rejected"
        facts.nth(3).get_by_role("button", name="Accept").click()
        # add the missed fact from selected text, with a new entity
        select_text(page, "Pellucid Freight uses Heronlift in four depots")
        assert "Pellucid Freight uses" in page.inner_text("#kg-selection")
        page.select_option("#kg-add-type", "uses")
        page.click("#kg-add-button")
        assert facts.count() == 5
        page.fill("#kg-f4-user", "Pellucid Freight")
        page.fill("#kg-f4-product", "Heronlift")
        page.select_option('select[aria-label="type of the new entity Heronlift"]', "Product")
        page.keyboard.press("Control+s")
        page.wait_for_selector("#kg-status.ok", timeout=10_000)
        assert seen == {"errors": [], "outside": [], "dialogs": []}
    finally:
        page.close()

    from kg.review import read_review_file

    path = out / "quillfeather-series-b.yaml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["reviewed"] is True  # every fact decided
    assert not (out / "hostile-note.yaml").exists()  # never opened, so not saved
    assert [f["type"] for f in data["facts"]] == ["funding_round", "investment", "founded", "uses"]
    assert all(f["reviewed"] is True for f in data["facts"])
    assert data["facts"][1]["amount"] == 30_000_000
    added = data["facts"][3]
    assert (added["user"], added["product"]) == ("Pellucid Freight", "Heronlift")
    article_text = ARTICLE.read_text(encoding="utf-8")
    ev = added["evidence"]
    assert (
        article_text[ev["start"] : ev["end"]]
        == ev["text"]
        == "Pellucid Freight uses Heronlift in four depots"
    )
    assert {"name": "Heronlift", "type": "Product"} in data["entities"]
    assert sum(1 for line in text.splitlines() if line.startswith("  - {type: ")) == 4  # one fact per line
    score = runpy.run_path(str(SHARED / "eval" / "score.py"))
    assert len(score["load_gold"](out)["quillfeather-series-b"]["facts"]) == 4  # the scorer's gold
    doc = read_review_file(path)  # what kg ingest reads
    assert [f.confidence for f in doc.facts] == [1.0] * 4 and all(f.reviewed for f in doc.facts)


def test_article_text_is_shown_as_text_and_bad_values_are_refused(browser, review_server):
    server, out = review_server
    before = (out / "quillfeather-series-b.yaml").read_bytes()
    page, seen = open_page(browser, server)
    try:
        page.click("#kg-articles button:has-text('hostile-note')")
        assert PAYLOAD in page.inner_text("#kg-text")
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        page.click("#kg-articles button:has-text('quillfeather-series-b')")
        page.fill("#kg-f0-amount", "lots")
        page.click("#kg-save")
        page.wait_for_selector("#kg-status.error", timeout=10_000)
        assert "amount" in page.inner_text("#kg-status")
        assert seen["dialogs"] == [] and seen["outside"] == []
    finally:
        page.close()
    assert not (out / "hostile-note.yaml").exists()  # a refused save writes nothing
    assert (out / "quillfeather-series-b.yaml").read_bytes() == before
