"""All-or-nothing writes to the embedded store: staged versions, one atomic switch, read-only readers."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.store import OxigraphStore, layout

SMALL = Path(__file__).parent / "data" / "small.facts.json"


def facts_lines(n_articles: int, prefix: str = "gen") -> str:
    """Invented facts documents: firms and people that recur across articles."""
    lines = []
    for a in range(n_articles):
        firms = [f"Vendrel Holding {(a * 7 + k) % 97}" for k in range(4)]
        doc = {
            "schema": "kg-facts/1",
            "article": {"id": f"{prefix}-{a}", "title": f"Round {a}", "published": "2021-05-06"},
            "entities": [{"id": f"o{k}", "name": n, "type": "Organization"} for k, n in enumerate(firms)]
            + [{"id": "p", "name": f"Orla Quenby {a % 13}", "type": "Person"}],
            "facts": [
                {
                    "type": "investment",
                    "investor": f"o{k}",
                    "investee": "o3",
                    "amount": 1000 * (k + 1),
                    "currency": "EUR",
                    "evidence": {"start": 0, "end": 20, "text": "invented sentence one"},
                    "confidence": 0.9,
                }
                for k in range(3)
            ]
            + [{"type": "role", "person": "p", "organization": "o3", "title": "founder"}],
        }
        lines.append(json.dumps(doc))
    return "\n".join(lines) + "\n"


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def count(store: Path) -> int:
    with OxigraphStore(store, create=False) as opened:
        return opened.triple_count()


@pytest.fixture()
def small_store(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    assert run("ingest", SMALL, "--store", store).exit_code == 0
    return store


def test_a_store_is_a_pointer_to_one_complete_version(small_store: Path, tmp_path: Path) -> None:
    first = layout.current_version(small_store)
    (tmp_path / "more.jsonl").write_text(facts_lines(3))
    assert run("ingest", tmp_path / "more.jsonl", "--store", small_store).exit_code == 0
    second = layout.current_version(small_store)
    assert second > first
    versions = sorted(p.name for p in small_store.iterdir() if p.is_dir())
    assert versions == [second]  # the old version went: nobody was reading it


def test_a_failed_ingest_leaves_the_store_and_folder_as_they_were(small_store: Path, tmp_path: Path) -> None:
    before, listing = count(small_store), sorted(p.name for p in small_store.iterdir())
    bad = tmp_path / "bad.jsonl"
    bad.write_text(facts_lines(5) + '{"schema": "kg-facts/1"}\n')
    result = run("ingest", bad, "--store", small_store)
    assert result.exit_code == 2 and result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert count(small_store) == before
    assert sorted(p.name for p in small_store.iterdir()) == listing


def test_a_first_ingest_that_fails_creates_no_store(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(facts_lines(2) + "{not json\n")
    assert run("ingest", bad, "--store", tmp_path / "new").exit_code == 2
    assert not (tmp_path / "new").exists()


def test_reingesting_replaces_an_article_graph(small_store: Path, tmp_path: Path) -> None:
    before = count(small_store)
    assert run("ingest", SMALL, "--store", small_store).exit_code == 0
    assert count(small_store) == before


def test_the_same_article_id_twice_is_an_error_before_anything_is_written(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "news.jsonl").write_text(facts_lines(1, prefix="same"))
    result = run("ingest", tmp_path / "a", tmp_path / "b", "--store", tmp_path / "store")
    assert result.exit_code == 2
    assert "'same-0' comes twice" in result.output and "nothing was written" in result.output
    assert not (tmp_path / "store").exists()


def test_a_folder_that_is_not_a_store_is_refused_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "cat.jpg").write_bytes(b"\xff\xd8")
    result = run("ingest", SMALL, "--store", folder)
    assert result.exit_code == 2 and "is not a kg store" in result.output
    assert [p.name for p in folder.iterdir()] == ["cat.jpg"]


def test_a_fifo_is_not_a_missing_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    result = run("ingest", fifo, "--store", tmp_path / "store")
    assert result.exit_code == 2 and "not a regular file" in result.output


def test_read_commands_run_beside_each_other_and_beside_a_writer(small_store: Path) -> None:
    before = count(small_store)
    with OxigraphStore(small_store) as writer, writer.transaction():
        writer.update(
            "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/s> rdfs:label 'x' } }"
        )
        # the write is staged: readers run, and see the old state until it is switched in
        for command in (["stats", "--json"], ["query", "SELECT * { ?s ?p ?o } LIMIT 1"], ["export"]):
            assert run(*command, "--store", small_store).exit_code == 0
        assert json.loads(run("stats", "--json", "--store", small_store).output)["triples"] == before
        assert "lock held" in run("ingest", SMALL, "--store", small_store).output  # one writer at a time
    assert count(small_store) == before + 1


def test_a_reader_keeps_the_version_it_opened(small_store: Path, tmp_path: Path) -> None:
    reader = OxigraphStore(small_store, create=False)
    before = reader.triple_count()
    (tmp_path / "more.jsonl").write_text(facts_lines(4))
    assert run("ingest", tmp_path / "more.jsonl", "--store", small_store).exit_code == 0
    assert reader.triple_count() == before  # still answers, from the version it opened
    assert count(small_store) > before
    reader.close()
    assert run("ingest", SMALL, "--store", small_store).exit_code == 0  # now the old version can go
    assert len([p for p in small_store.iterdir() if p.is_dir()]) == 1


def test_a_store_written_by_an_older_kg_is_read_and_upgraded(tmp_path: Path) -> None:
    import pyoxigraph as ox

    legacy = tmp_path / "legacy"
    old = ox.Store(str(legacy))
    old.add(
        ox.Quad(
            ox.NamedNode("https://e.org/s"),
            ox.NamedNode("https://e.org/p"),
            ox.Literal("v"),
            ox.NamedNode("https://e.org/g"),
        )
    )
    old.flush()
    del old
    assert count(legacy) == 1
    assert run("ingest", SMALL, "--store", legacy).exit_code == 0
    assert layout.kind(legacy) == "versioned" and not (legacy / "CURRENT").exists()
    assert count(legacy) > 1


def test_kill_9_at_random_moments_leaves_the_old_or_the_whole_new_state(tmp_path: Path) -> None:
    """A real `kg ingest` process, killed at random points; the store must open with all or none of it."""
    store = tmp_path / "store"
    assert run("ingest", SMALL, "--store", store).exit_code == 0
    old = count(store)
    big = tmp_path / "big.jsonl"
    big.write_text(facts_lines(600))
    command = [
        sys.executable,
        "-c",
        "from kg.cli import main; main()",
        "ingest",
        str(big),
        "--store",
        str(store),
    ]
    rng = random.Random(int(os.environ.get("KG_CRASH_SEED", "13")))
    started = time.monotonic()
    full = subprocess.run(command, capture_output=True, text=True, check=False)
    duration = time.monotonic() - started
    assert full.returncode == 0, full.stderr
    new = count(store)
    assert new > old
    # back to the old state (remove the articles), then crash ingests of the same file
    ids = [f"gen-{a}" for a in range(600)]
    assert run("remove", *ids, "--store", store).exit_code == 0
    assert count(store) == old
    seen = set()
    for _ in range(3):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.05) * duration)  # mostly past the imports, into the write
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = count(store)
        assert now in (old, new), f"half-written store: {now} quads (old {old}, new {new})"
        seen.add(now)
        if now == new:
            assert run("remove", *ids, "--store", store).exit_code == 0
    # the next write collects what the killed ones left behind
    assert run("ingest", big, "--store", store).exit_code == 0
    assert count(store) == new
    assert [p.name for p in store.iterdir() if p.is_dir() or p.name.startswith(".")] == [
        layout.current_version(store)
    ]


def test_a_full_disk_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    """A file size limit (RLIMIT_FSIZE) makes every write past it fail as a full disk would."""
    import resource

    store = tmp_path / "store"
    assert run("ingest", SMALL, "--store", store).exit_code == 0
    before, listing = count(store), sorted(p.name for p in store.iterdir())
    big = tmp_path / "big.jsonl"
    big.write_text(facts_lines(400))

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (128 * 1024, 128 * 1024))

    command = [
        sys.executable,
        "-c",
        "from kg.cli import main; main()",
        "ingest",
        str(big),
        "--store",
        str(store),
    ]
    result = subprocess.run(command, capture_output=True, text=True, preexec_fn=small_disk, check=False)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("Error: could not write") and result.stderr.count("\n") == 1, (
        result.stderr
    )
    assert count(store) == before
    assert sorted(p.name for p in store.iterdir()) == listing
