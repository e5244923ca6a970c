"""Shared fixtures. Helpers add theirs below with small edits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
