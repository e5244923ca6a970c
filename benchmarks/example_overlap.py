"""Find test sentences and pattern examples that echo an article's wording.

The rule: no name, number or sentence of any article (the shared corpus, every benchmark set)
goes into the extractor, its word lists or its tests, and "a sentence from an article with the
names swapped is still that article". This check reads each pattern example, counterexample and
long test string, turns every capitalised word into ``C`` and every number into ``9`` (so
swapped names and amounts do not hide a copy), and reports any run of ``--words`` tokens, with
at least three content words, that also occurs in an article. Common business phrases ("people
familiar with the matter") will show up: read the list and reword what is an article's sentence.

    python benchmarks/example_overlap.py [--words 8]
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ARTICLE_GLOBS = (
    "../shared/corpus/articles/*",
    "benchmarks/*/articles/*",
    "benchmarks/real/*/articles/*",
    "seeds/*.txt",
)


def shape(text: str) -> list[str]:
    """Tokens with names as ``C`` and numbers as ``9``."""
    out = []
    for word in re.findall(r"[A-Za-z][\w'’-]*|\d[\d.,]*|[$€£¥]", text):
        out.append("C" if word[0].isupper() else "9" if word[0].isdigit() else word.lower())
    return out


def runs(tokens: list[str], n: int) -> Iterator[tuple[str, ...]]:
    for i in range(len(tokens) - n + 1):
        run = tuple(tokens[i : i + n])
        if sum(1 for w in run if w not in ("C", "9") and len(w) > 3) >= 3:
            yield run


def sources() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "kg/extract/rules/patterns").glob("*.yaml")):
        for record in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            for example in record.get("examples", []):
                yield record["id"], example["text"] if isinstance(example, dict) else example
            for counter in record.get("counterexamples", []):
                yield record["id"], counter
    for path in sorted((ROOT / "tests").glob("*.py")):
        for m in re.finditer(r'"((?:[^"\\\n]|\\.){30,})"', path.read_text(encoding="utf-8")):
            yield path.name, m.group(1)
    for path in sorted((ROOT / "benchmarks/forms").glob("*.txt")):  # the form batteries' texts
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            if block.strip():
                yield path.name, block.strip().splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=8, help="length of a shared run (default 8)")
    n = parser.parse_args().words
    seen: dict[tuple[str, ...], str] = {}
    for pattern in ARTICLE_GLOBS:
        for path in sorted(ROOT.glob(pattern)):
            for run in runs(shape(path.read_text(encoding="utf-8", errors="replace")), n):
                seen.setdefault(run, path.name)
    hits = 0
    for where, text in sources():
        for run in runs(shape(text), n):
            if run in seen:
                print(f"{where}: '{' '.join(run)}' also in {seen[run]}\n    {text[:140]}")
                hits += 1
                break
    print(f"{hits} example(s) share a {n}-token run with an article")


if __name__ == "__main__":
    main()
