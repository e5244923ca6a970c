"""Store benchmark: `kg ingest` of a facts file against pyoxigraph's own bulk loader.

The synthetic corpus every scaling benchmark shares (``benchmarks/synthetic.py``:
many articles, entities recurring across them) is written as JSON Lines. kg ingests it with the real command in a child process; the baseline
is a child process that bulk-loads the very quads kg stored (exported as N-Quads)
into a fresh pyoxigraph store with ``Store.bulk_load``. Both are timed in the same
run, with their peak memory (``wait4``), and reported as ratios, so the numbers
mean the same on any machine. Targets (issue 14): time <= 1.5x, memory <= 1.2x.

Wall time, CPU time (user + system) and peak memory of each child; on a machine
shared with other work the CPU ratio is the steadier one. ``--repeat N`` runs both
N times, alternating, and reports medians.

Also reported: how much CPU building the RDF takes alone (kg.build, no store),
and the `top-investors` query against raw pyoxigraph on the same store.

    python benchmarks/bench_store.py [--articles 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import documents  # noqa: E402

from kg.build.batch import _Stream  # noqa: E402
from kg.query import named_queries  # noqa: E402
from kg.store.oxigraph import OxigraphStore  # noqa: E402


def child(code: list[str]) -> tuple[float, float, float]:
    """Run a child process; its wall time (s), CPU time (user + system, s) and peak resident memory (MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(code)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{code[:4]} failed with status {status}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


BULK_LOAD = """
import sys, pyoxigraph as ox
store = ox.Store(sys.argv[1])
store.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS)
store.flush()
print(len(store), file=sys.stderr)
"""


def build_only(docs: list) -> int:
    """What ``kg ingest`` builds for these documents, without a store to load it into: lines built."""
    store = OxigraphStore(None)
    stream = _Stream(store, None)
    lines = sum(text.count("\n") for _, text in stream.graphs(docs))  # with the shared graph (an empty store)
    stream.finish()
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--keep", type=Path, help="Keep the facts file and stores in this folder.")
    ap.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="Runs of each (kg, then bulk_load, alternating); medians reported.",
    )
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

    kg_command = [
        sys.executable,
        "-c",
        "from kg.cli import main; main()",
        "ingest",
        str(facts),
        "--store",
        str(kg_store),
    ]
    kg_runs, bulk_runs = [], []
    for run in range(args.repeat):
        shutil.rmtree(kg_store, ignore_errors=True)
        kg_runs.append(child(kg_command))
        if run == 0:
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
        shutil.rmtree(raw_store, ignore_errors=True)
        bulk_runs.append(child([sys.executable, "-c", BULK_LOAD, str(raw_store), str(nquads)]))
        (w, c, m), (bw, bc, bm) = kg_runs[-1], bulk_runs[-1]
        print(
            f"run {run + 1}: kg {w:.1f} s wall, {c:.1f} s CPU, {m:,.0f} MB | bulk_load {bw:.1f} s wall, "
            f"{bc:.1f} s CPU, {bm:,.0f} MB | ratios wall {w / bw:.2f}x, CPU {c / bc:.2f}x, memory {m / bm:.2f}x",
            flush=True,
        )

    # the part of kg's CPU spent building (kg.build: resolving, N-Quads text, shared descriptions), alone
    t0 = time.process_time()
    built = build_only(docs)
    t_build = time.process_time() - t0

    def med(runs: list[tuple[float, float, float]], i: int) -> float:
        return statistics.median(r[i] for r in runs)

    def med_ratio(i: int) -> float:
        return statistics.median(k[i] / b[i] for k, b in zip(kg_runs, bulk_runs, strict=True))

    print(f"articles {len(docs):,}, quads {quads:,} ({built:,} lines built); medians of {args.repeat} run(s)")
    print(
        f"kg ingest facts.jsonl: {med(kg_runs, 0):.1f} s wall, {med(kg_runs, 1):.1f} s CPU, "
        f"peak {med(kg_runs, 2):,.0f} MB"
    )
    print(
        f"pyoxigraph bulk_load of the same quads: {med(bulk_runs, 0):.1f} s wall, {med(bulk_runs, 1):.1f} s CPU, "
        f"peak {med(bulk_runs, 2):,.0f} MB"
    )
    print(
        f"-> time {med_ratio(0):.2f}x bulk_load wall, {med_ratio(1):.2f}x CPU (target <= 1.5x), "
        f"memory {med_ratio(2):.2f}x (target <= 1.2x)"
    )
    print(
        f"   of which building (kg.build, no store) alone: {t_build:.1f} s CPU = "
        f"{t_build / med(bulk_runs, 1):.2f}x bulk_load CPU"
    )
    print(
        f"top-investors query: kg {t_kg_query * 1000:.0f} ms vs raw pyoxigraph {t_raw_query * 1000:.0f} ms -> {t_kg_query / t_raw_query:.2f}x"
    )
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
