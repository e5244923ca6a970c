"""Scaling benchmark (issue 14): each kg command beside the engine underneath, same data, same run.

A synthetic store (``benchmarks/synthetic.py``: 7 facts per article over
recurring entities; 10,000 articles make 1.16 M quads) is built once, then:

- analysis (centrality, communities, co-investors, paths): kg on the store
  against networkx on the same entity graph already built in memory;
- render --limit 1000, kg entities: seconds, against pyoxigraph ``bulk_load``
  of the same quads;
- validate: kg's SHACL-as-SPARQL against ``bulk_load``, and its peak memory.

Each line prints wall and CPU seconds; the ratio uses CPU seconds, which a
busy shared machine disturbs far less than wall time (both are shown).

- render on a store of about 100,000 entities (``--wide DIR``), and for each
  page the seconds until its layout settles in headless Chromium.

    python benchmarks/bench_scale.py [--articles 2000] [--store DIR] [--wide DIR]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import documents  # noqa: E402

from kg import analyze  # noqa: E402
from kg.build import write  # noqa: E402
from kg.entities import likely_duplicates, list_entities  # noqa: E402
from kg.graphread import entity_graph  # noqa: E402
from kg.render import render  # noqa: E402
from kg.store.oxigraph import OxigraphStore  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def timed(fn: Callable[[], object]) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process, result)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def line(name: str, ours: tuple[float, float], base: tuple[float, float] | None, target: str) -> None:
    text = f"{name:<34} kg {ours[0]:6.2f}s wall {ours[1]:6.2f}s cpu"
    if base is not None:
        ratio = ours[1] / base[1] if base[1] else float("inf")
        text += f" | baseline {base[0]:6.2f}s wall {base[1]:6.2f}s cpu | ratio {ratio:5.2f}x"
    print(f"{text}  (target {target})", flush=True)


def settle_seconds(html: str) -> float | None:
    """Seconds from opening the page in headless Chromium (network off) until its layout has settled.

    The page sets ``data-kg-stable`` once vis-network's stabilisation is done and
    physics is switched off. None when Chromium or playwright is missing.
    """
    if not Path(CHROMIUM).exists():
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "graph.html"
        page_file.write_text(html, encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.route(
                "**/*",
                lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
            )
            start = time.perf_counter()
            page.goto(page_file.as_uri())
            page.wait_for_selector('body[data-kg-stable="1"]', state="attached", timeout=120_000)
            seconds = time.perf_counter() - start
            browser.close()
    return seconds


def build_store(path: Path, n_articles: int, **options: int) -> Path:
    """The synthetic store, and the same quads as an N-Quads file for the bulk_load baseline."""
    with OxigraphStore(path) as store:
        write(store, documents(n_articles, **options))  # what `kg ingest` writes: article and shared graphs
    nquads = path.parent / "same.nq"
    with OxigraphStore(path, create=False, read_only=True) as store:
        nquads.write_bytes(store.dump("nquads"))
    return nquads


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--store", type=Path, help="reuse (or create) the store here")
    ap.add_argument("--wide", type=Path, help="also render a store of about 100,000 entities here (reused)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    path = args.store or work / "store"
    nquads = path.parent / "same.nq"
    if not path.exists() or not nquads.exists():
        print(f"building a store of {args.articles} synthetic articles in {path} …", flush=True)
        build_store(path, args.articles)

    import pyoxigraph as ox

    bulk_dir = work / "bulk"
    bulk = timed(lambda: ox.Store(str(bulk_dir)).bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS))
    store = OxigraphStore(path, create=False, read_only=True)
    print(
        f"{store.triple_count():,} quads; pyoxigraph bulk_load of them: {bulk[0]:.2f}s wall {bulk[1]:.2f}s cpu"
    )

    # -- analysis: kg from the store vs networkx on the same graph, prebuilt ---------------
    read = timed(lambda: entity_graph(store))
    graph = read[2]
    print(f"entity graph: {graph.number_of_nodes():,} entities, {graph.number_of_edges():,} edges")
    line("read the entity graph", read[:2], None, "part of each analysis below")
    hub = max(graph.nodes, key=lambda n: graph.degree(n))
    far = max(n for n in graph.nodes if n != hub and graph.degree(n) > 0)
    cases = {
        "analyze communities": lambda g: analyze.communities(g),
        "analyze centrality": lambda g: analyze.centrality(g),
        "analyze co-investors": lambda g: analyze.coinvestors(g),
        "analyze paths": lambda g: analyze.paths(g, hub, far),
    }
    for name, run in cases.items():
        base = timed(lambda run=run: run(graph))
        ours = timed(lambda run=run: run(store))  # reads the store itself
        line(name, ours[:2], base[:2], "<= 3x")

    # -- render, entities, validate ----------------------------------------------------------
    page = timed(lambda: render(store, limit=1000))
    line("render --limit 1000", page[:2], bulk[:2], "<= 5 s")
    print(
        f"{'':<34} HTML {len(page[2].html.encode()) / 1e6:.2f} MB, {page[2].nodes} nodes, {page[2].edges} edges"
    )
    settled = settle_seconds(page[2].html)
    print(f"{'':<34} layout settled in Chromium after {settled:.1f}s (target <= 10 s)" if settled else "")
    entities = timed(lambda: likely_duplicates(list_entities(store)))
    line("entities (with likely duplicates)", entities[:2], bulk[:2], "<= 2 s")
    store.close()

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    code = (
        "from kg.store.oxigraph import OxigraphStore; from kg.validate import validate; "
        f"r = validate(OxigraphStore({str(path)!r}, create=False, read_only=True)); print(r.summary()); "
        # VmHWM: this process's own peak (ru_maxrss of a child still counts the parent's pages at fork)
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    line("validate (SHACL as SPARQL)", (time.perf_counter() - wall, cpu), bulk[:2], "<= 30 s, <= 1 GB")
    summary, peak_kb = done.stdout.strip().rsplit("\n", 1)
    print(f"{'':<34} peak memory {int(peak_kb) / 1024:.0f} MB; {summary}")
    if args.wide:
        wide(args.wide, args.articles)


def wide(path: Path, n_articles: int) -> None:
    """``kg render`` (default limit) on a store of about 100,000 entities: few facts, many names."""
    if not path.exists():
        print(f"building a store of about 100,000 entities in {path} …", flush=True)
        build_store(path, n_articles, n_orgs=14 * n_articles, mentioned=14)
    with OxigraphStore(path, create=False, read_only=True) as store:
        entities = len(list_entities(store))
        page = timed(lambda: render(store))
    line(f"render, {entities:,} entities", page[:2], None, "<= 10 s, HTML <= 5 MB")
    settled = settle_seconds(page[2].html)
    print(
        f"{'':<34} HTML {len(page[2].html.encode()) / 1e6:.2f} MB, {page[2].nodes} nodes, {page[2].edges} edges"
        + (f"; layout settled in Chromium after {settled:.1f}s (target <= 10 s)" if settled else "")
    )


if __name__ == "__main__":
    main()
