"""Shared fixtures. Helpers add theirs below with small edits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: on a loaded 2-core CI machine the first call into
# dateparser alone can take longer than hypothesis's 200 ms. Speed lives in benchmarks/.
settings.register_profile("kg", deadline=None)
settings.load_profile("kg")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "000_4736b13f4837a170.txt"


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline with kg's components, loaded once per test session."""
    from kg.extract import load_nlp

    return load_nlp()


@pytest.fixture()
def small_facts(tmp_path: Path) -> Path:
    """A copy of the small hand-written facts file."""
    target = tmp_path / "small.facts.json"
    shutil.copy(DATA / "small.facts.json", target)
    return target


@pytest.fixture()
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


# --- SPARQL servers (tests/test_store_remote.py, test_serve.py, test_push_remove.py) ---
def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answering(url: str, process, timeout: float = 20.0) -> None:
    """Poll ``url`` until it answers HTTP; fail early if ``process`` died."""
    import time

    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {process.stderr.read()!r}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise RuntimeError(f"server at {url} did not answer within {timeout} s")


def stop_process(process) -> None:
    """Terminate, then kill, a server we started."""
    import subprocess

    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture()
def oxigraph_server(tmp_path: Path):
    """An Oxigraph server (the `oxigraph` PyPI binary) on a free 127.0.0.1 port, union default graph.

    Yields its base URL; /query, /update and /store are the SPARQL, update and Graph Store endpoints.
    """
    import subprocess
    import sys

    binary = Path(sys.executable).with_name("oxigraph")
    if not binary.exists():
        found = shutil.which("oxigraph")
        if not found:
            pytest.fail("the oxigraph server binary is missing: pip install -e '.[dev]'")
        binary = Path(found)
    port = free_port()
    process = subprocess.Popen(
        [
            str(binary),
            "serve",
            "--location",
            str(tmp_path / "oxigraph"),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(f"{base}/query?query=ASK%7B%7D", process)
        yield base
    finally:
        stop_process(process)


@pytest.fixture()
def two_articles(tmp_path: Path) -> tuple[Path, Path]:
    """small.facts.json (Globex invests in Initech) and a second article in which Hooli invests in Initech."""
    return write_two_articles(tmp_path)


def write_two_articles(folder: Path) -> tuple[Path, Path]:
    import json

    first = folder / "small.facts.json"
    shutil.copy(DATA / "small.facts.json", first)
    second_doc = {
        "schema": "kg-facts/1",
        "article": {
            "id": "small-2",
            "source": "tests/data/second.txt",
            "sha256": None,
            "title": "Hooli backs Initech",
            "published": "2024-05-06",
        },
        "entities": [
            {"id": "hooli", "name": "Hooli", "type": "Organization", "aliases": []},
            {"id": "initech", "name": "Initech", "type": "Organization", "aliases": []},
        ],
        "facts": [
            {
                "type": "investment",
                "investor": "hooli",
                "investee": "initech",
                "amount": 5000000,
                "currency": "EUR",
                "date": "2024-04",
                "status": "completed",
                "evidence": {"start": 0, "end": 38, "text": "Hooli put EUR5m into Initech in April."},
                "confidence": 0.9,
            },
        ],
    }
    second = folder / "second.facts.json"
    second.write_text(json.dumps(second_doc, indent=1), encoding="utf-8")
    return first, second
