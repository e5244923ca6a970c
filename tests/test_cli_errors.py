"""Errors a user can cause: one line on stderr, non-zero exit, no traceback, store unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli


def invoke(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def count(store_dir: Path) -> int:
    return json.loads(invoke("stats", "--store", store_dir, "--json").output)["triples"]


@pytest.fixture()
def loaded(small_facts: Path, store_dir: Path) -> Path:
    assert invoke("ingest", small_facts, "--store", store_dir).exit_code == 0
    return store_dir


def assert_one_clean_error(result) -> None:
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    err = result.stderr if result.stderr_bytes is not None else result.output
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("Error:"), err
    assert "Traceback" not in result.output


BAD_INPUTS = {
    "empty.txt": b"",
    "blank.md": b"   \n\n  ",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "latin1.txt": "Caf\u00e9 Soci\u00e9t\u00e9 raised \u00a35m.".encode("latin-1"),
    "broken.json": b'{"schema": "kg-facts/1", "article": {"id": "x"}, "entities": [',
    "wrong.json": b'{"schema": "kg-facts/1", "article": {"id": "x"}, "entities": [], "facts": [{"type": "bogus"}]}',
    "dangling.jsonl": json.dumps(
        {
            "schema": "kg-facts/1",
            "article": {"id": "x"},
            "entities": [],
            "facts": [{"type": "uses", "user": "nobody", "product": "nothing"}],
        }
    ).encode(),
    "notes.docx": b"PK\x03\x04",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_error_line_and_leaves_the_store_as_it_was(
    name: str, loaded: Path, tmp_path: Path, small_facts: Path
):
    before = count(loaded)
    bad = tmp_path / name
    bad.write_bytes(BAD_INPUTS[name])
    # the good file comes first: nothing of it may be written either
    result = invoke("ingest", small_facts, bad, "--store", loaded)
    assert_one_clean_error(result)
    assert count(loaded) == before


def test_missing_input_file(loaded: Path, tmp_path: Path):
    assert_one_clean_error(invoke("ingest", tmp_path / "nope.txt", "--store", loaded))


@pytest.mark.parametrize(
    "query",
    [
        "SELEC ?x WHERE { ?x ?p ?o }",
        "SELECT ?x WHERE { ?x ?p }",
        "SELECT * WHERE { ?s undefined:p ?o }",
        "hello",
    ],
)
def test_invalid_sparql(loaded: Path, query: str):
    before = count(loaded)
    assert_one_clean_error(invoke("query", query, "--store", loaded))
    assert count(loaded) == before


def test_missing_store_is_not_created_by_reading_commands(tmp_path: Path):
    missing = tmp_path / "nostore"
    for args in (["query", "investments"], ["stats"], ["export"]):
        assert_one_clean_error(invoke(*args, "--store", missing))
    assert not missing.exists()


def test_export_failure_leaves_no_partial_file(loaded: Path, tmp_path: Path):
    out = tmp_path / "g.ttl"
    out.write_text("previous")
    result = invoke("export", "--store", loaded, "--format", "turtle", "-o", out)
    assert result.exit_code == 0
    assert out.read_text().startswith("@prefix")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
