"""`kg extract` through click's CliRunner: output formats, options and bad input files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.facts import FactsDocument, validate_dict

ARTICLE = (
    "Quillmark raises $85m\n\n"
    "LONDON, 10 May 2023 — Quillmark, the London payments start-up, announced on Wednesday an $85 million "
    "Series B round led by Tarrow Ventures, with participation from Eastgate Capital.\n\n"
    "Ravi Menon, Quillmark's chief executive, set up the company in 2018.\n"
)


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "quillmark.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_extract_writes_jsonl_that_validates(nlp, article, tmp_path):
    out = tmp_path / "facts.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(article), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    validate_dict(data)
    doc = FactsDocument.from_dict(data)
    assert doc.article.id == "quillmark"
    assert doc.article.published == "2023-05-10"
    types = {f.type for f in doc.facts}
    assert {"funding_round", "investment", "founded", "role"} <= types


def test_extract_to_stdout_and_pretty_json(nlp, article):
    result = CliRunner().invoke(cli, ["extract", str(article), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == "kg-facts/1"
    assert "\n  " in result.output  # indented


def test_min_confidence_filters_facts(nlp, article):
    runner = CliRunner()
    all_facts = json.loads(runner.invoke(cli, ["extract", str(article)]).output)["facts"]
    levels = sorted({f["confidence"] for f in all_facts})
    assert len(levels) >= 2  # facts found in different ways carry different confidence
    cut = levels[-1]
    high = json.loads(runner.invoke(cli, ["extract", str(article), "--min-confidence", str(cut)]).output)[
        "facts"
    ]
    assert 0 < len(high) < len(all_facts)
    assert all(f["confidence"] >= cut for f in high)


def test_show_text_prints_the_text_evidence_points_into(nlp, article):
    runner = CliRunner()
    shown = runner.invoke(cli, ["extract", str(article), "--show-text"]).output
    data = json.loads(runner.invoke(cli, ["extract", str(article)]).output)
    for fact in data["facts"]:
        ev = fact["evidence"]
        assert shown[ev["start"] : ev["end"]] == ev["text"]


def test_published_option_resolves_relative_dates(nlp, tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text(
        "Tavrin Robotics said on Monday it had raised $9 million in a seed round.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["extract", str(path), "--published", "2024-03-06"])
    assert result.exit_code == 0, result.output
    facts = json.loads(result.output)["facts"]
    rnd = next(f for f in facts if f["type"] == "funding_round")
    assert rnd["date"] == "2024-03-04"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("binary.txt", b"\x00\x01\x02\x89PNG\x00\x00"),
        ("latin1.txt", "Caf\xe9 Holdings raised \xa35m".encode("latin-1")),
    ],
)
def test_bad_input_files_fail_with_one_line_and_no_output(nlp, tmp_path, article, name, content):
    bad = tmp_path / name
    bad.write_bytes(content)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(article), str(bad), "-o", str(out)])
    assert result.exit_code != 0
    assert result.output.strip().startswith("Error:")
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not out.exists()


def test_missing_file_is_an_error(nlp, tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0
    assert "Error" in result.output
