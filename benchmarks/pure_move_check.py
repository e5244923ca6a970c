"""Check that a refactor of the extractor changed no output: `kg extract` here vs at a base revision.

A behaviour-preserving move (splitting modules, renaming helpers) must leave every facts document
byte-identical on every article set we have. This runs the extractor of the working tree and of
BASE (a git revision, checked out into a temporary worktree) over the same articles and diffs
the JSON Lines they write.

    python benchmarks/pure_move_check.py --base HEAD~3

Exit 0 when identical, 1 with the first differing documents otherwise.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def article_paths() -> list[Path]:
    """Every article set: the shared corpus, the seed and each benchmarks/*/articles (recursively)."""
    paths = sorted((SHARED / "corpus" / "articles").glob("*")) + sorted((ROOT / "seeds").glob("*.txt"))
    for folder in sorted((ROOT / "benchmarks").glob("**/articles")):
        paths += sorted(p for p in folder.iterdir() if p.suffix in {".txt", ".md", ".html"})
    return paths


def extract(code_root: Path, paths: list[Path], out: Path) -> None:
    """Run `kg extract` with the kg package found at code_root."""
    command = [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())", "extract"]
    done = subprocess.run(
        [*command, *map(str, paths), "-o", str(out)],
        cwd=code_root,
        env={"PYTHONPATH": str(code_root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"kg extract failed in {code_root}:\n{done.stderr[-3000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="HEAD", help="git revision whose extractor is the reference")
    args = parser.parse_args()
    paths = article_paths()
    with tempfile.TemporaryDirectory() as tmp:
        base_tree = Path(tmp) / "base"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(base_tree), args.base], cwd=ROOT, check=True
        )
        try:
            extract(base_tree, paths, Path(tmp) / "base.jsonl")
            extract(ROOT, paths, Path(tmp) / "here.jsonl")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base_tree)], cwd=ROOT, check=True)
        base_lines = (Path(tmp) / "base.jsonl").read_text().splitlines()
        here_lines = (Path(tmp) / "here.jsonl").read_text().splitlines()
    differing = [i for i, (a, b) in enumerate(zip(base_lines, here_lines, strict=False)) if a != b]
    if len(base_lines) != len(here_lines) or differing:
        print(f"DIFFERENT: {len(differing)} of {len(paths)} documents differ from {args.base}")
        for i in differing[:5]:
            print(f"  {paths[i]}")
        return 1
    print(f"identical: {len(paths)} articles, {len(here_lines)} documents, same bytes as {args.base}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
