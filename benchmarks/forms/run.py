"""Form batteries: invented sentences in the many ways business English states each fact.

Each ``*.txt`` file here holds blocks separated by blank lines: the first line is a text, the
lines after it are facts that must be found (``TYPE role=Name; key=value``) or must not be
(``!TYPE ...``). Names and wording are invented; no article's sentence is copied or reworded.
Rules tuned on diagnosis articles carry little to unseen text; what carries is coverage of the
general forms, so these batteries are how gaps are found before any article is read.

    python benchmarks/forms/run.py [-v] [FILE ...]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
#: the publication date relative dates in the texts resolve against
PUBLISHED = "2025-03-10"


def parse_battery(text: str) -> list[tuple[str, list[tuple[bool, dict[str, Any]]]]]:
    """(text, [(must_hold, wanted fields)]) per block."""
    cases = []
    for block in text.split("\n\n"):
        lines = [line for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        wants = []
        for spec in lines[1:]:
            negative = spec.startswith("!")
            fact_type, _, rest = spec.lstrip("!").partition(" ")
            want: dict[str, Any] = {"type": fact_type}
            for pair in filter(None, (p.strip() for p in rest.split(";"))):
                key, _, value = pair.partition("=")
                want[key.strip()] = value.strip()
            wants.append((not negative, want))
        cases.append((lines[0], wants))
    return cases


def matches(fact: dict[str, Any], want: dict[str, Any]) -> bool:
    """Every wanted field is in the fact: numbers compared as numbers, names case-insensitively."""

    def same(a: Any, b: Any) -> bool:
        try:
            return float(a) == float(b)
        except (TypeError, ValueError):
            return str(a).lower() == str(b).lower()

    return all(key in fact and same(fact[key], value) for key, value in want.items())


def facts_reader() -> Callable[[str], list[dict[str, Any]]]:
    """text -> its facts with entity names in place of ids, read as of PUBLISHED (the model loaded once)."""
    sys.path.insert(0, str(HERE.parent.parent / "tests"))
    from extract_helpers import named_facts  # noqa: E402

    from kg.extract.pipeline import load_nlp

    nlp = load_nlp()
    return lambda text: named_facts(nlp, text, PUBLISHED)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true", help="print each failing text and what was found")
    args = ap.parse_args()
    read = facts_reader()
    total_ok = total = 0
    for path in args.files or sorted(HERE.glob("*.txt")):
        ok = 0
        cases = parse_battery(path.read_text(encoding="utf-8"))
        for text, wants in cases:
            facts = read(text)
            failed = [w for must, w in wants if any(matches(f, w) for f in facts) != must]
            ok += not failed
            if failed and args.verbose:
                print(f"FAIL {path.name}: {text}")
                for want in failed:
                    print(f"   wanted: {want}")
                for fact in facts:
                    print(f"   found:  {fact}")
        print(f"{path.name:18} {ok:3}/{len(cases)} texts pass")
        total_ok, total = total_ok + ok, total + len(cases)
    print(f"{'all':18} {total_ok:3}/{total}")


if __name__ == "__main__":
    main()
