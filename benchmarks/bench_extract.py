"""Extraction throughput against bare ``nlp.pipe`` of the same model on the same texts.

    .venv/bin/python benchmarks/bench_extract.py [--repeat 12] [ARTICLE ...]

Runs both in one process over the development corpus (texts repeated to get a
few hundred documents) and prints docs/second for each and their ratio. The
target is a ratio of at least 0.5: kg's rules may cost at most as much as the
parse itself.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.extract import load_nlp, read_article
from kg.extract.document import extract_doc
from kg.facts import Article

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"


def main(argv: list[str] | None = None) -> float:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=10, help="how many times to repeat the texts")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--rounds", type=int, default=3, help="alternating timing rounds")
    args = ap.parse_args(argv)
    paths = args.articles or sorted(DEFAULT_CORPUS.glob("*.*"))
    articles = [read_article(p) for p in paths] * args.repeat
    texts = [a.text for a in articles]
    nlp = load_nlp()
    list(nlp.pipe(texts[:8]))  # warm up

    def bare() -> None:
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass

    def full() -> None:
        for art, doc in zip(articles, nlp.pipe(texts, batch_size=args.batch_size), strict=True):
            extract_doc(doc, Article(art.id, art.source, art.sha256, art.title, art.published), art.text)

    # alternate the two and keep each one's best time: other load on the machine evens out
    times: dict[str, list[float]] = {"bare": [], "full": []}
    for _ in range(args.rounds):
        for name, fn in (("bare", bare), ("full", full)):
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    bare_time, full_time = min(times["bare"]), min(times["full"])

    n = len(texts)
    ratio = bare_time / full_time
    print(f"documents: {n} ({len(paths)} articles x {args.repeat}), best of {args.rounds} rounds")
    print(f"bare nlp.pipe:   {n / bare_time:8.1f} docs/s")
    print(f"kg extraction:   {n / full_time:8.1f} docs/s")
    print(f"ratio: {ratio:.2f} (target >= 0.50)")
    return ratio


if __name__ == "__main__":
    main()
