"""The CLI under signals and hostile text: Ctrl+C and --timeout stop queries, no temp files left, no escapes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.fsutil import atomic_open

SMALL = Path(__file__).parent / "data" / "small.facts.json"
#: a cross join the store cannot finish in seconds
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?p ?q ?r }"
KG = [sys.executable, "-c", "from kg.cli import main; main()"]


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    doc = json.loads(SMALL.read_text("utf-8"))
    doc["entities"][0]["name"] = "Evil\x1b]0;owned\x07 Corp\u202etxt.exe"
    facts = tmp_path / "evil.json"
    facts.write_text(json.dumps(doc), encoding="utf-8")
    assert CliRunner().invoke(cli, ["ingest", str(facts), "--store", str(path)]).exit_code == 0
    return path


def test_control_characters_never_reach_the_terminal_in_tables(store: Path) -> None:
    result = CliRunner().invoke(
        cli, ["query", "SELECT ?n { ?e a kgo:Organization ; rdfs:label ?n }", "--store", str(store)]
    )
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "\x07" not in result.output and "\u202e" not in result.output
    assert "Evil\\x1b]0;owned\\x07 Corp\\u202etxt.exe" in result.output
    listed = CliRunner().invoke(cli, ["entities", "--store", str(store)])
    assert "\x1b" not in listed.output and "Evil\\x1b" in listed.output


def test_query_timeout_stops_a_long_query(store: Path) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [*KG, "query", SLOW, "--timeout", "0.5", "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and result.stderr.startswith("Error: query cut off")
    assert time.monotonic() - started < 15


def test_ctrl_c_stops_a_long_query(store: Path) -> None:
    process = subprocess.Popen(
        [*KG, "query", SLOW, "--store", str(store)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while not _holds_store_open(process.pid, store) and time.monotonic() < deadline:
        time.sleep(0.05)  # imports take a while on a busy machine
    time.sleep(0.5)  # the store is open: the query is running
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("Ctrl+C did not stop kg query within 5 s")
    assert process.returncode != 0
    assert "Traceback" not in process.stderr.read()


def _holds_store_open(pid: int, store: Path) -> bool:
    """Whether the process holds a version of the store open (its reader's lock file)."""
    try:
        links = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
    except OSError:
        return False
    return any(link.startswith(str(store)) and link.endswith(".lock") for link in links)


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    code = (
        "import os, signal, sys; from pathlib import Path; from kg.fsutil import atomic_open\n"
        f"with atomic_open(Path({str(target)!r})) as fh:\n"
        "    fh.write('x' * 100000); fh.flush(); print('writing', flush=True); signal.pause()\n"
    )
    for sig in (signal.SIGTERM, signal.SIGKILL):
        process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        assert process.stdout.readline().strip() == "writing"
        assert any(p.name.startswith(".out.ttl.") for p in tmp_path.iterdir())
        process.send_signal(sig)
        process.wait(timeout=10)
        if sig == signal.SIGKILL:  # uncatchable: the next write to the same file removes the leftover
            with atomic_open(target) as fh:
                fh.write("done")
        assert sorted(p.name for p in tmp_path.iterdir()) == (["out.ttl"] if sig == signal.SIGKILL else []), (
            sig
        )
    assert target.read_text() == "done"
    assert not os.path.exists(str(target) + ".tmp")
