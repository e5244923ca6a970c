"""Article ids across separate ingests: a different source under a stored id is refused, the same one replaces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.store import OxigraphStore

FIRST = "Pellwick Foods said on Monday that it had bought Sarnoval Dairy for $40 million in cash.\n"
SECOND = "Quorrin Labs raised $12 million from Tavimere Capital to build farm sensors, the company said.\n"


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def held(store: Path) -> dict[str, tuple[str, int]]:
    """Article id -> (source, triples in its graph), and the total under the key ''."""
    with OxigraphStore(store, create=False) as opened:
        _, rows = opened.select_values(
            "SELECT ?id ?src (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a a kgo:Article ; schema:identifier ?id ; "
            "kgo:source ?src . ?s ?p ?o } } GROUP BY ?id ?src"
        )
        out = {str(r[0]): (str(r[1]), int(r[2])) for r in rows}
        out[""] = ("", opened.triple_count())
    return out


def names(store: Path) -> set[str]:
    with OxigraphStore(store, create=False) as opened:
        _, rows = opened.select_values("SELECT DISTINCT ?n WHERE { GRAPH ?g { ?m kgo:name ?n } }")
    return {str(r[0]) for r in rows}


@pytest.fixture()
def folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    for name, text in (("a", FIRST), ("b", SECOND)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "news.txt").write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    assert run("ingest", tmp_path / "a" / "news.txt", "--store", store).exit_code == 0
    return tmp_path / "a" / "news.txt", tmp_path / "b" / "news.txt", store


def test_a_same_named_file_from_another_folder_is_an_error_and_the_store_is_unchanged(folders) -> None:
    first, second, store = folders
    before = held(store)
    result = run("ingest", second, "--store", store)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert "article id 'news' is already in the store" in result.output
    assert str(first) in result.output and "nothing was written" in result.output
    assert held(store) == before
    assert "Quorrin Labs" not in names(store)


def test_the_clash_is_found_in_a_folder_and_among_other_files_too(folders, tmp_path: Path) -> None:
    _first, second, store = folders
    before = held(store)
    (second.parent / "other.txt").write_text(SECOND.replace("Quorrin", "Vessaly"), encoding="utf-8")
    result = run("ingest", second.parent, "--store", store)
    assert result.exit_code == 2 and "already in the store" in result.output
    assert held(store) == before


def test_renamed_the_second_article_is_stored_beside_the_first(folders) -> None:
    first, second, store = folders
    renamed = second.with_name("news-b.txt")
    second.rename(renamed)
    result = run("ingest", renamed, "--store", store)
    assert result.exit_code == 0, result.output
    stored = held(store)
    assert stored["news"][0] == str(first) and stored["news-b"][0] == str(renamed)
    assert {"Pellwick Foods", "Quorrin Labs"} <= names(store)


def test_the_same_file_changed_is_ingested_again_and_replaces_its_article(folders) -> None:
    first, _second, store = folders
    first.write_text(FIRST.replace("Pellwick", "Drovanel"), encoding="utf-8")
    result = run("ingest", first, "--store", store)
    assert result.exit_code == 0, result.output
    assert "Drovanel Foods" in names(store) and "Pellwick Foods" not in names(store)
    assert set(held(store)) == {"", "news"}


def test_the_same_file_by_another_relative_path_is_the_same_article(folders, monkeypatch) -> None:
    first, _second, store = folders
    first.write_text(FIRST.replace("Pellwick", "Drovanel"), encoding="utf-8")
    monkeypatch.chdir(first.parent)
    result = run("ingest", "news.txt", "--store", store)
    assert result.exit_code == 0, result.output
    assert "Drovanel Foods" in names(store)


def test_a_facts_document_from_another_source_under_a_stored_id_is_refused(folders, tmp_path: Path) -> None:
    _first, _second, store = folders
    before = held(store)
    out = tmp_path / "facts.jsonl"
    doc = {
        "schema": "kg-facts/1",
        "article": {"id": "news", "source": "https://example.org/other/news"},
        "entities": [{"id": "o", "name": "Halvren Group", "type": "Organization"}],
        "facts": [],
    }
    out.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    result = run("ingest", out, "--store", store)
    assert result.exit_code == 2 and "https://example.org/other/news" in result.output
    assert "already in the store" in result.output
    assert held(store) == before
