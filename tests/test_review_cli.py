"""kg extract --review, kg ingest of review files, kg eval: the round trip from the command line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner
from review_helpers import ARTICLE, write_review

from kg.cli import cli

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
REVIEWED_FACTS = """
SELECT ?type ?conf WHERE {
  ?f prov:wasDerivedFrom/schema:identifier "quillfeather-series-b" ; a ?cls ; kgo:confidence ?conf ; kgo:reviewed true .
  BIND(STRAFTER(STR(?cls), "#") AS ?type)
} ORDER BY ?type
"""


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_extract_review_edit_ingest_round_trip(tmp_path):
    article = tmp_path / "articles" / ARTICLE.name
    article.parent.mkdir()
    shutil.copy(ARTICLE, article)
    reviews, store = tmp_path / "reviews", tmp_path / "store"

    first = run("extract", article, "--review", reviews)
    assert first.exit_code == 0, first.output
    path = reviews / "quillfeather-series-b.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["article"] == "quillfeather-series-b" and data["reviewed"] is False
    assert data["facts"] and all(f["reviewed"] is False and "evidence" in f for f in data["facts"])
    assert "wrote 1 review file(s)" in first.output

    # a person corrects the file in an editor: keeps the first fact, fixes nothing else, marks it checked
    text = path.read_text(encoding="utf-8")
    fact_lines = [line for line in text.splitlines() if line.startswith("  - {type: ")]
    kept = fact_lines[0].replace("reviewed: false", "reviewed: true")
    text = text.replace("\n".join(fact_lines), kept)
    path.write_text(text, encoding="utf-8")

    again = run("extract", article, "--review", reviews)
    assert again.exit_code == 0 and "kept 1 reviewed or edited file(s)" in again.output
    assert path.read_text(encoding="utf-8") == text  # never overwritten without --force

    ingested = run("ingest", reviews, "--store", store)
    assert ingested.exit_code == 0, ingested.output
    assert "ingested 1 article(s)" in ingested.output
    rows = json.loads(run("query", REVIEWED_FACTS, "--store", store, "--format", "json").output)
    assert len(rows) == 1 and float(rows[0]["conf"]) == 1.0

    # re-ingesting the article itself keeps the reviewed facts instead of a fresh extraction
    before = run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", store, "--format", "csv")
    redo = run("ingest", article, "--store", store)
    assert redo.exit_code == 0 and "kept the reviewed facts of 1 article(s)" in redo.output
    after = run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", store, "--format", "csv")
    assert after.output == before.output
    assert json.loads(run("query", REVIEWED_FACTS, "--store", store, "--format", "json").output) == rows

    forced = run("extract", article, "--review", reviews, "--force")
    assert forced.exit_code == 0 and "wrote 1 review file(s)" in forced.output
    assert "reviewed: true" not in path.read_text(encoding="utf-8").split("\narticle:")[1]


def test_ingest_reports_the_file_and_line_and_leaves_the_store_alone(tmp_path):
    reviews, store = tmp_path / "reviews", tmp_path / "store"
    path = write_review(reviews)
    assert run("ingest", reviews, "--store", store).exit_code == 0
    count = run(
        "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", store, "--format", "csv"
    ).output
    lines = path.read_text(encoding="utf-8").splitlines()
    bad = next(i for i, line in enumerate(lines) if "type: investment" in line)
    lines[bad] = lines[bad].replace("amount: 3000000", "amount: three million")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = run("ingest", reviews, "--store", store)
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"Error: {path}:{bad + 1}: amount: 'three million' is not a number"
    ]
    assert (
        run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", store, "--format", "csv").output
        == count
    )


def test_a_review_file_stands_in_for_its_article_in_one_ingest(tmp_path):
    articles, reviews, store = tmp_path / "articles", tmp_path / "reviews", tmp_path / "store"
    articles.mkdir()
    shutil.copy(ARTICLE, articles / ARTICLE.name)
    path = write_review(reviews)
    path.write_text(path.read_text(encoding="utf-8").replace("\nreviewed: false", "\nreviewed: true"))
    result = run("ingest", articles, reviews, "--store", store)
    assert result.exit_code == 0, result.output
    assert "ingested 1 article(s): 5 entities, 4 facts" in result.output  # the review's, not an extraction's
    amounts = run(
        "query",
        "SELECT ?n WHERE { ?f a kgo:Investment ; kgo:amount ?n ; kgo:reviewed true }",
        "--store",
        store,
        "--format",
        "csv",
    )
    assert amounts.output.split() == ["n", "3000000"]


def test_reviewed_facts_in_the_graph_conform_to_the_shapes(tmp_path):
    reviews, store = tmp_path / "reviews", tmp_path / "store"
    path = write_review(reviews)
    path.write_text(path.read_text(encoding="utf-8").replace("\nreviewed: false", "\nreviewed: true"))
    assert run("ingest", reviews, "--store", store).exit_code == 0
    result = run("validate", "--store", store)
    assert result.exit_code == 0, result.output
    asked = run(
        "query",
        "SELECT (COUNT(?f) AS ?n) WHERE { ?a kgo:reviewed true . ?f prov:wasDerivedFrom ?a ; kgo:reviewed true ; kgo:confidence 1.0 }",
        "--store",
        store,
        "--format",
        "csv",
    )
    assert asked.output.split() == ["n", "4"]


def test_eval_scores_the_extractor_on_finished_reviews_like_make_eval(tmp_path):
    article = tmp_path / "articles" / ARTICLE.name
    article.parent.mkdir()
    shutil.copy(ARTICLE, article)
    reviews = tmp_path / "reviews"
    assert run("extract", article, "--review", reviews).exit_code == 0
    unfinished = run("eval", reviews)
    assert unfinished.exit_code == 2 and "no finished reviews" in unfinished.output

    path = reviews / "quillfeather-series-b.yaml"
    text = path.read_text(encoding="utf-8").replace("\nreviewed: false", "\nreviewed: true")
    # a fact the text does not state, so no extractor finds it: one miss, whatever extraction finds
    missed = "  - {type: acquisition, acquirer: Pellucid Freight, target: Ostrander Capital}\n"
    text = text.replace("\nfacts:\n", "\nfacts:\n" + missed)
    for name in ("Pellucid Freight", "Ostrander Capital"):
        if f"name: {name}" not in text:
            text = text.replace("\nentities:\n", f"\nentities:\n  - {{name: {name}, type: Organization}}\n")
    path.write_text(text, encoding="utf-8")

    result = run("eval", reviews, "--json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    n_extracted = len(yaml.safe_load(text)["facts"]) - 1
    assert scores["strict"]["ALL"]["tp"] == n_extracted and scores["strict"]["ALL"]["fn"] == 1
    assert scores["strict"]["acquisition"]["recall"] == 0.0
    assert scores["strict"]["ALL"]["precision"] == 1.0

    # the same numbers as the shared scorer on the same predictions
    preds = tmp_path / "pred.jsonl"
    assert run("extract", article, "-o", preds).exit_code == 0
    shared = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            "--gold",
            str(reviews),
            "--pred",
            str(preds),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(shared.stdout) == scores
    table = run("eval", reviews)
    assert "acquisition" in table.output and "strict F1" in table.output


def test_eval_says_which_article_it_cannot_find(tmp_path):
    reviews = tmp_path / "reviews"
    path = write_review(reviews)
    text = path.read_text(encoding="utf-8").replace("\nreviewed: false", "\nreviewed: true")
    path.write_text(text.replace(f"source: {ARTICLE}", "source: gone/quillfeather-series-b.txt"))
    result = run("eval", reviews)
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"Error: {path}: cannot find the article 'quillfeather-series-b' "
        "(source: gone/quillfeather-series-b.txt); give its folder with --articles"
    )
    found = run("eval", reviews, "--articles", ARTICLE.parent, "--json")
    assert found.exit_code == 0 and json.loads(found.output)["articles"] == 1


def test_eval_reads_hand_made_gold_as_tolerantly_as_the_scorer(tmp_path):
    """No reviewed mark (hand-made gold) counts; a field kg would refuse to ingest does not stop scoring."""
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "quillfeather-series-b.yaml").write_text(
        "article: quillfeather-series-b\n"
        "entities:\n"
        "  - {name: Quillfeather Robotics, type: Organization}\n"
        "  - {name: Pellucid Freight, type: Organization}\n"
        "facts:\n"
        "  - {type: partnership, party_a: Pellucid Freight, party_b: Quillfeather Robotics, status: announced}\n",
        encoding="utf-8",
    )
    result = run("eval", gold, "--articles", ARTICLE.parent, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["strict"]["partnership"]["fn"] == 1
    refused = run("ingest", gold, "--store", tmp_path / "store")
    assert (
        refused.exit_code == 2
        and "quillfeather-series-b.yaml:6: a partnership fact has no field 'status'" in refused.output
    )
