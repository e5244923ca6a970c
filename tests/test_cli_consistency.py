"""One CLI: the same --format everywhere, export by suffix, folders for extract, one entity count,
store options in their own help section, serve's bound port, and failures that leave nothing behind."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.cli import cli
from tests.conftest import stop_process, write_two_articles


def run(*args: object) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture()
def loaded(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    result = run("ingest", *write_two_articles(tmp_path), "--store", store)
    assert result.exit_code == 0, result.output
    return store


def test_stats_takes_format_like_every_other_command(loaded: Path) -> None:
    data = json.loads(run("stats", "--store", loaded, "--format", "json").output)
    assert list(data) == ["triples", "articles", "entities", "facts"]
    assert (
        data["articles"] == 2 and data["entities"]["Organization"] == 3 and data["facts"]["investment"] == 2
    )
    assert json.loads(run("stats", "--store", loaded, "--json").output) == data  # the old flag still works
    rows = list(csv.reader(io.StringIO(run("stats", "--store", loaded, "--format", "csv").output)))
    assert rows[0] == ["kind", "name", "count"] and ["entity", "Organization", "3"] in rows
    tsv = run("stats", "--store", loaded, "--format", "tsv").output.splitlines()
    assert "fact\tinvestment\t2" in tsv


@pytest.mark.parametrize(
    "command",
    [
        ["entities"],
        ["query", "investments"],
        ["analyze", "centrality"],
        ["analyze", "funding"],
        ["analyze", "neighbours", "initech"],
    ],
)
def test_every_row_printing_command_writes_tsv(loaded: Path, command: list[str]) -> None:
    result = run(*command, "--store", loaded, "--format", "tsv")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) >= 2 and all("\t" in line for line in lines[:2])
    as_csv = run(*command, "--store", loaded, "--format", "csv").output.strip().splitlines()
    assert lines[0].split("\t") == next(csv.reader([as_csv[0]]))  # same columns as CSV


def test_ingest_counts_entities_as_stats_does(tmp_path: Path) -> None:
    store = tmp_path / "store"
    # Initech is in both articles: one entity, not two
    files = write_two_articles(tmp_path)
    result = run("ingest", *files, "--store", store)
    total = sum(json.loads(run("stats", "--store", store, "--format", "json").output)["entities"].values())
    assert f"ingested 2 article(s): {total} entities" in result.output
    per_article = sum(len(json.loads(f.read_text(encoding="utf-8"))["entities"]) for f in files)
    assert total < per_article  # not the sum over articles


def test_export_picks_the_format_from_the_suffix_and_refuses_unknown_ones(
    loaded: Path, tmp_path: Path
) -> None:
    turtle = tmp_path / "g.ttl"
    assert run("export", "--store", loaded, "-o", turtle).exit_code == 0
    expected = Graph().parse(turtle, format="turtle")
    rdfxml = tmp_path / "g.rdf"
    assert run("export", "--store", loaded, "-o", rdfxml).exit_code == 0
    assert rdfxml.read_text(encoding="utf-8").startswith("<?xml")
    assert isomorphic(Graph().parse(rdfxml, format="xml"), expected)
    aliased = run("export", "--store", loaded, "--format", "ttl")
    assert aliased.exit_code == 0 and isomorphic(
        Graph().parse(data=aliased.stdout_bytes, format="turtle"), expected
    )
    unknown = tmp_path / "g.foo"
    refused = run("export", "--store", loaded, "-o", unknown)
    assert refused.exit_code != 0 and refused.output.count("\n") == 1
    assert refused.output.startswith("Error: cannot tell the format of g.foo") and not unknown.exists()


def test_store_options_come_after_the_commands_own_in_help() -> None:
    for command in (["query"], ["analyze", "centrality"], ["ingest"], ["render"]):
        text = run(*command, "--help").output
        own, _, store = text.partition("Store options (the embedded --store, or a remote SPARQL server):")
        assert "--endpoint" in store and "--token" in store and "--store" in store
        options = own.partition("\nOptions:\n")[2]
        assert "--endpoint" not in options and "--help" in options and "[QUERY]" not in options
    assert "--format" in run("query", "--help").output.partition("Store options")[0]


def test_failed_ingest_creates_no_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    missing = run("ingest", tmp_path / "nowhere.txt", "--store", store)
    assert missing.exit_code != 0 and not store.exists()
    bad = tmp_path / "bad.facts.json"
    bad.write_text('{"schema": "kg-facts/1", "article": {}}', encoding="utf-8")
    broken = run("ingest", bad, "--store", store)
    assert broken.exit_code != 0 and broken.output.startswith("Error: ") and not store.exists()


def test_extract_accepts_folders(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    (folder / "more").mkdir(parents=True)
    (folder / "one.txt").write_text(
        "Brindlewick Foods bought Tansey Mills for $40m in May 2022.\n", encoding="utf-8"
    )
    (folder / "more" / "two.md").write_text(
        "Corvale Labs hired Ines Marrow as chief executive.\n", encoding="utf-8"
    )
    (folder / "skip.facts.json").write_text("{}", encoding="utf-8")  # facts files are not articles
    result = run("extract", folder)
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()]
    assert sorted(ids) == ["one", "two"]
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run("extract", empty)
    assert nothing.exit_code != 0 and nothing.output.startswith("Error: no articles")


def _serve(store: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from kg.cli import main; main()",
            "serve",
            "--store",
            str(store),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.server
def test_serve_prints_the_port_it_bound_and_a_taken_port_is_one_error_line(loaded: Path) -> None:
    import httpx

    process = _serve(loaded, 0)
    try:
        line = process.stderr.readline()
        assert line.startswith(f"serving {loaded} (read-only) at http://127.0.0.1:")
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        assert port > 0
        assert (
            httpx.get(f"http://127.0.0.1:{port}/query", params={"query": "ASK {}"}, timeout=20).status_code
            == 200
        )
    finally:
        stop_process(process)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = _serve(loaded, taken.getsockname()[1])
        out, err = busy.communicate(timeout=60)
    assert busy.returncode != 0 and out == ""
    assert err.count("\n") == 1 and err.startswith("Error: port ") and "already in use" in err
