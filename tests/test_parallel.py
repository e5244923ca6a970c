"""--jobs gives the same facts as one process; unchanged articles are not extracted again; Dask agrees."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.parallel
from kg.cli import cli
from kg.errors import InputError
from kg.parallel import chunks, extract_files_parallel, unchanged_articles
from kg.store.oxigraph import OxigraphStore

# Invented companies, people and wording.
STORIES = {
    "alpha.txt": "Quillmoor Robotics raised $12 million from Brackenfold Ventures in March 2024.\n",
    "beta.txt": "Ottoline Vane, chief executive of Tessaloy Foods, said Tessaloy bought Marrowick Dairy.\n",
    "gamma.txt": "Fennick Partners invested $3 million in Glimmerside Labs, the startup said on Tuesday.\n",
}


@pytest.fixture()
def articles(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "articles"
    folder.mkdir()
    paths = []
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


@pytest.fixture()
def small_chunks(monkeypatch):
    monkeypatch.setattr(kg.parallel, "MIN_CHUNK", 1)  # three files, three tasks, two workers


def _jsonl(docs) -> list[str]:
    return [d.to_json() for d in docs]


def test_chunks_keep_order_and_cover_everything():
    items = [Path(str(i)) for i in range(50)]
    parts = chunks(items, 2)
    assert [p for part in parts for p in part] == items
    assert len(parts) == 8  # four per worker


def test_two_jobs_give_the_same_documents_in_the_same_order(articles, small_chunks):
    one = _jsonl(extract_files_parallel(articles, jobs=1))
    two = _jsonl(extract_files_parallel(articles, jobs=2))
    assert two == one
    assert len(one) == 3 and any('"investment"' in line for line in one)


def test_a_bad_file_stops_a_parallel_run_with_its_own_error(articles, small_chunks):
    bad = articles[0].parent / "empty.txt"
    bad.write_text("   \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty.txt: the file is empty"):
        list(extract_files_parallel([*articles, bad], jobs=2))


def test_cli_ingest_with_jobs_leaves_the_store_untouched_on_a_bad_file(articles, small_chunks, tmp_path):
    store = tmp_path / "store"
    runner = CliRunner()
    (articles[0].parent / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(cli, ["ingest", str(articles[0].parent), "--store", str(store), "--jobs", "2"])
    assert result.exit_code == 2 and "empty.txt" in result.output
    assert not (store / "CURRENT").exists() or OxigraphStore(store).triple_count() == 0


def test_reingesting_unchanged_articles_skips_their_extraction(articles, tmp_path, monkeypatch):
    store_dir = tmp_path / "store"
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", *map(str, articles), "--store", str(store_dir)])
    assert first.exit_code == 0, first.output
    with OxigraphStore(store_dir) as store:
        before = store.dump("nquads")
        assert unchanged_articles(articles, store) == set(articles)

    extracted: list[list[Path]] = []
    real = kg.parallel.extract_files_parallel

    def spy(paths, **kwargs):
        paths = list(paths)
        extracted.append(paths)
        return real(paths, **kwargs)

    monkeypatch.setattr(kg.parallel, "extract_files_parallel", spy)
    again = runner.invoke(cli, ["ingest", *map(str, articles), "--store", str(store_dir)])
    assert again.exit_code == 0, again.output
    assert "3 unchanged article(s) skipped" in again.output and extracted == []
    with OxigraphStore(store_dir) as store:
        assert store.dump("nquads") == before

    articles[1].write_text(STORIES["beta.txt"].replace("Marrowick", "Pellowen"), encoding="utf-8")
    changed = runner.invoke(cli, ["ingest", *map(str, articles), "--store", str(store_dir)])
    assert changed.exit_code == 0, changed.output
    assert extracted == [[articles[1]]] and "2 unchanged article(s) skipped" in changed.output
    with OxigraphStore(store_dir) as store:
        labels = {str(r[0]) for r in store.query("SELECT ?l WHERE { ?e rdfs:label ?l }").rows}
    assert any("Pellowen" in label for label in labels)

    forced = runner.invoke(cli, ["ingest", *map(str, articles), "--store", str(store_dir), "--force"])
    assert forced.exit_code == 0 and "skipped" not in forced.output
    assert len(extracted) == 2 and extracted[1] == articles


def test_dask_local_cluster_of_two_workers_gives_the_same_facts(articles):
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    from kg.dask import extract_on_cluster

    local = _jsonl(extract_files_parallel(articles, jobs=1))
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert len(client.scheduler_info()["workers"]) == 2
        on_cluster = _jsonl(extract_on_cluster(articles, client, partition_size=1))
        by_address = _jsonl(extract_on_cluster(articles, cluster.scheduler_address, partition_size=2))
    assert on_cluster == local and by_address == local


def test_dask_reports_a_missing_file_before_the_cluster_works(tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    from kg.dask import extract_on_cluster

    with pytest.raises(InputError, match="no such file"):
        list(extract_on_cluster([tmp_path / "nope.txt"], "tcp://127.0.0.1:1"))
