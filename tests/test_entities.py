"""`kg entities`: aliases, types, article counts, likely duplicates."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli


def _doc(article: str, entities: list[dict]) -> dict:
    return {"schema": "kg-facts/1", "article": {"id": article}, "entities": entities, "facts": []}


def test_entities_lists_aliases_counts_and_likely_duplicates(tmp_path: Path):
    docs = [
        _doc(
            "a1",
            [
                {"id": "x", "name": "Northwind Cloud Services", "type": "Organization", "aliases": ["NCS"]},
                {"id": "y", "name": "Harbor Street", "type": "Organization"},
            ],
        ),
        _doc(
            "a2",
            [
                {"id": "x", "name": "NCS", "type": "Organization"},
                {"id": "y", "name": "Harbor Street Capital Partners", "type": "Organization"},
                {"id": "z", "name": "Quill", "type": "Product"},
            ],
        ),
        _doc(
            "a3",
            [
                {"id": "z", "name": "Quill", "type": "Organization"},
                {"id": "w", "name": "Tailspin Toys", "type": "Organization"},
            ],
        ),
        _doc("a4", [{"id": "w", "name": "TT", "type": "Organization"}]),
    ]
    facts = tmp_path / "f.jsonl"
    facts.write_text("".join(json.dumps(d) + "\n" for d in docs))
    store = tmp_path / "s"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(facts), "--store", str(store)]).exit_code == 0
    result = runner.invoke(cli, ["entities", "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    by_name = {e["name"]: e for e in data["entities"]}
    # merged through the alias: one node, two articles
    ncs = by_name["Northwind Cloud Services"]
    assert ncs["articles"] == 2 and ncs["aliases"] == ["NCS"]
    pairs = {frozenset((d["a"], d["b"])): d["reason"] for d in data["likely_duplicates"]}
    assert frozenset(("Harbor Street", "Harbor Street Capital Partners")) in pairs
    assert any("Quill" in pair and "different types" in reason for pair, reason in pairs.items())
    assert frozenset(("TT", "Tailspin Toys")) in pairs
    # merged ones are not reported as duplicates
    assert not any("NCS" in pair for pair in pairs)
    table = runner.invoke(cli, ["entities", "--store", str(store), "--type", "Product"]).output
    assert "Quill" in table and "Harbor" not in table.split("likely duplicates")[0]
