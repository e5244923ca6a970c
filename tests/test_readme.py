"""The README stays true: its examples print today what it shows, and the docs it links exist."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from kg.facttypes import FACT_TYPES
from kg.readme import README, ROOT, _merge, run_examples


def test_readme_examples_print_what_the_readme_shows(tmp_path: Path) -> None:
    committed = README.read_text(encoding="utf-8")
    fresh = run_examples(committed, tmp_path)
    diff = "".join(
        difflib.unified_diff(committed.splitlines(True), fresh.splitlines(True), "README.md", "now")
    )
    assert fresh == committed, f"README.md examples are stale: run make docs\n{diff}"


def test_elided_outputs_keep_their_head_and_tail() -> None:
    shown = ["a", "b", "…", "z"]
    assert _merge(shown, ["A", "B", "C", "D", "E"]) == ["A", "B", "…", "E"]
    assert _merge(["a", "  …"], ["A", "B", "C"]) == ["A", "  …"]
    assert _merge(["a"], ["A", "B"]) == ["A", "B"]  # nothing elided: all of it


def test_readme_links_only_files_in_the_repository() -> None:
    text = README.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(((?!https?:|#)[^)]+)\)", text):
        assert (ROOT / target.split("#")[0]).exists(), (
            f"README links {target}, which is not in the repository"
        )


def test_the_facts_format_is_documented_for_every_fact_type() -> None:
    doc = (ROOT / "docs" / "facts.md").read_text(encoding="utf-8")
    assert "kg-facts/1" in doc and "kg/schema/facts.schema.json" in doc
    for ft in FACT_TYPES.values():
        row = next((line for line in doc.splitlines() if line.startswith(f"| `{ft.name}` |")), None)
        assert row is not None, f"docs/facts.md lacks the fact type {ft.name}"
        for role in ft.roles:
            assert role in row, f"docs/facts.md: {ft.name} lacks its role {role}"
        for field in ft.literals:
            assert field in row, f"docs/facts.md: {ft.name} lacks its field {field}"


def test_marked_blocks_are_left_alone_and_globs_expand(tmp_path: Path) -> None:
    text = (
        "<!-- not run: a person edits files in between -->\n```console\n$ kg stats --store nowhere\nanything\n```\n"
        "```console\n$ kg extract seeds/*.txt -o facts.jsonl\nstale\n```\n"
    )
    fresh = run_examples(text, tmp_path)
    assert fresh.startswith(text.split("```console\n$ kg extract")[0])  # the marked block, as written
    assert "\n$ kg extract seeds/*.txt -o facts.jsonl\n1 document(s), " in fresh and "stale" not in fresh
