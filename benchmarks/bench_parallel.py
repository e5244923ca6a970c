"""Parallel extraction and incremental re-ingest (issue 14), as ratios measured in the same run.

- ``--jobs 2`` against ``--jobs 1`` on the same article files (target: >= 1.6x
  as fast on 2 cores; wall time, so it needs the cores to be free);
- re-ingesting the unchanged corpus against ingesting it the first time
  (target: >= 10x as fast).

The articles are examples/corpus, copied ``--copies`` times under new names.

    python benchmarks/bench_parallel.py [--copies 4]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from kg.ingest import ingest
from kg.parallel import extract_files_parallel
from kg.store.oxigraph import OxigraphStore

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=4)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-parallel-"))
    articles = []
    for copy in range(args.copies):
        for source in sorted(CORPUS.iterdir()):
            target = work / "articles" / f"{copy}-{source.name}"
            target.parent.mkdir(exist_ok=True)
            shutil.copy(source, target)
            articles.append(target)
    list(extract_files_parallel(articles[:1]))  # warm the caches (model files, imports) for both runs

    times, cpus = {}, {}
    for jobs in (1, 2):
        start, cpu = time.perf_counter(), _cpu()
        docs = list(extract_files_parallel(articles, jobs=jobs))
        times[jobs], cpus[jobs] = time.perf_counter() - start, _cpu() - cpu
        print(
            f"extract {len(docs)} articles --jobs {jobs}: {times[jobs]:.1f}s wall, "
            f"{cpus[jobs]:.1f}s cpu (this process and its workers)",
            flush=True,
        )
    print(
        f"--jobs 2 is {times[1] / times[2]:.2f}x as fast as --jobs 1 (target >= 1.6x; needs two free cores)"
    )
    # on a busy machine the wall ratio says little; the CPU the workers add says what two free cores would give
    print(
        f"   work done twice over: --jobs 2 used {cpus[2] / cpus[1]:.2f}x the CPU of --jobs 1, "
        f"so two free cores give at most {2 * cpus[1] / cpus[2]:.2f}x"
    )

    with OxigraphStore(work / "store") as store:
        start = time.perf_counter()
        first = ingest([work / "articles"], store)
        t_first = time.perf_counter() - start
        start = time.perf_counter()
        again = ingest([work / "articles"], store)
        t_again = time.perf_counter() - start
    print(
        f"first ingest {t_first:.1f}s ({first.articles} articles); re-ingest {t_again:.2f}s "
        f"({again.unchanged} unchanged, skipped)"
    )
    print(f"re-ingesting the unchanged corpus is {t_first / t_again:.1f}x as fast (target >= 10x)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
