"""Store benchmark: `kg ingest` of a facts file against pyoxigraph's own bulk loader.

The synthetic corpus every scaling benchmark shares (``benchmarks/synthetic.py``:
many articles, entities recurring across them) is written as JSON Lines. kg ingests it with the real command in a child process; the baseline
is a child process that bulk-loads the very quads kg stored (exported as N-Quads)
into a fresh pyoxigraph store with ``Store.bulk_load``. Both are timed in the same
run, with their peak memory (``wait4``), and reported as ratios, so the numbers
mean the same on any machine. Targets (issue 14): time <= 1.5x, memory <= 1.2x.

Also reported: how much of kg's time is building the rdflib triples (kg.build),
and the `top-investors` query against raw pyoxigraph on the same store.

    python benchmarks/bench_store.py [--articles 10000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import documents  # noqa: E402

from kg.build import prepare  # noqa: E402
from kg.query import named_queries  # noqa: E402
from kg.store.oxigraph import OxigraphStore  # noqa: E402


def child(code: list[str]) -> tuple[float, float]:
    """Run a child process; its wall time (s) and peak resident memory (MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(code)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{code[:4]} failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024


BULK_LOAD = """
import sys, pyoxigraph as ox
store = ox.Store(sys.argv[1])
store.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS)
store.flush()
print(len(store), file=sys.stderr)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--keep", type=Path, help="Keep the facts file and stores in this folder.")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-store-"))
    work.mkdir(parents=True, exist_ok=True)
    docs = documents(args.articles)
    facts = work / "facts.jsonl"
    with open(facts, "w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(doc.to_json() + "\n")
    kg_store, raw_store, nquads = work / "kg-store", work / "raw-store", work / "same.nq"
    for path in (kg_store, raw_store):
        shutil.rmtree(path, ignore_errors=True)

    t_kg, mem_kg = child(
        [
            sys.executable,
            "-c",
            "from kg.cli import main; main()",
            "ingest",
            str(facts),
            "--store",
            str(kg_store),
        ]
    )
    with OxigraphStore(kg_store, create=False) as store:
        quads = store.triple_count()
        nquads.write_bytes(store.dump("nquads"))
        query = named_queries()["top-investors"].text
        t0 = time.perf_counter()
        kg_rows = store.query(query).rows
        t_kg_query = time.perf_counter() - t0
        t0 = time.perf_counter()
        raw_rows = list(
            store.oxigraph.query(
                query,
                use_default_graph_as_union=True,
                prefixes={
                    "kgo": "https://w3id.org/kg-news/ontology#",
                    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                },
            )
        )
        t_raw_query = time.perf_counter() - t0
    assert len(kg_rows) == len(raw_rows)
    t_bulk, mem_bulk = child([sys.executable, "-c", BULK_LOAD, str(raw_store), str(nquads)])

    # the part of kg's time spent building (kg.build: resolving, article graphs, shared update), alone
    t0 = time.perf_counter()
    batch = prepare(OxigraphStore(None), docs)
    built = sum(text.count("\n") for text in batch.graphs.values()) + batch.shared_triples
    t_build = time.perf_counter() - t0

    print(f"articles {len(docs):,}, quads {quads:,} ({built:,} triples built)")
    print(f"kg ingest facts.jsonl: {t_kg:.1f} s, peak {mem_kg:,.0f} MB")
    print(f"pyoxigraph bulk_load of the same quads: {t_bulk:.1f} s, peak {mem_bulk:,.0f} MB")
    print(
        f"-> time {t_kg / t_bulk:.2f}x bulk_load (target <= 1.5x), memory {mem_kg / mem_bulk:.2f}x (target <= 1.2x)"
    )
    print(
        f"   of which building rdflib triples (kg.build) alone: {t_build:.1f} s = {t_build / t_bulk:.2f}x bulk_load"
    )
    print(
        f"top-investors query: kg {t_kg_query * 1000:.0f} ms vs raw pyoxigraph {t_raw_query * 1000:.0f} ms -> {t_kg_query / t_raw_query:.2f}x"
    )
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
