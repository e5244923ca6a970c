"""Extraction output validates against the kg-facts/1 schema and its evidence points into the text."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from kg.extract import extract_files, extract_text, read_article
from kg.facts import FactsDocument, validate_dict

ROOT = Path(__file__).resolve().parent.parent
SHARED_SCHEMA = ROOT.parent / "shared" / "facts" / "facts.schema.json"

ARTICLE_MD = """---
title: "Tavrin Robotics raises $30m"
date: 2022-11-15
---

# Tavrin Robotics raises $30m

Tavrin Robotics, which builds warehouse robots in Oslo, announced on Tuesday a $30 million
Series A round led by Oslund Capital. Investors valued the company at $150 million in the round.

Ingrid Solberg, the chief executive, started Tavrin Robotics in 2019 with Marius Dahl.
"""


def _schema() -> dict:
    path = SHARED_SCHEMA if SHARED_SCHEMA.exists() else ROOT / "kg" / "schema" / "facts.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_documents_validate_and_evidence_slices_the_text(nlp, tmp_path):
    md = tmp_path / "tavrin.md"
    md.write_text(ARTICLE_MD, encoding="utf-8")
    seed = ROOT / "seeds" / "000_4736b13f4837a170.txt"
    paths = [md, seed] if seed.exists() else [md]
    docs = list(extract_files(paths, batch_size=1))
    assert len(docs) == len(paths)
    validator = jsonschema.Draft202012Validator(_schema())
    for path, doc in zip(paths, docs, strict=True):
        data = doc.to_dict()
        assert not list(validator.iter_errors(data))
        validate_dict(data)  # kg/schema/facts.schema.json, the copy kg ships
        assert FactsDocument.from_dict(data) == doc
        text = read_article(path).text
        ids = {e["id"] for e in data["entities"]}
        assert len(ids) == len(data["entities"])  # ids are unique
        assert data["facts"]
        for fact in data["facts"]:
            ev = fact["evidence"]
            assert text[ev["start"] : ev["end"]] == ev["text"]
            assert 0 < fact["confidence"] <= 1
            assert all(fact[role] in ids for role in fact if role in ("investor", "investee", "organization"))


def test_markdown_front_matter_date_is_used_for_relative_dates(nlp, tmp_path):
    md = tmp_path / "tavrin.md"
    md.write_text(ARTICLE_MD, encoding="utf-8")
    doc = next(extract_files([md]))
    assert doc.article.published == "2022-11-15"
    rnd = next(f for f in doc.facts if f.type == "funding_round")
    assert rnd.values["date"] == "2022-11-15"
    assert rnd.values["round"] == "Series A"
    val = next(f for f in doc.facts if f.type == "valuation")
    assert val.values["amount"] == 150_000_000


def test_extract_text_is_deterministic():
    text = "Oslund Capital invested $8 million in Tavrin Robotics in 2021."
    assert extract_text(text).to_json() == extract_text(text).to_json()


def test_extract_files_streams_in_batches(nlp, tmp_path):
    paths = []
    for i in range(5):
        p = tmp_path / f"a{i}.txt"
        p.write_text(
            f"Oslund Capital invested ${i + 1} million in Tavrin Robotics in 2021.\n", encoding="utf-8"
        )
        paths.append(p)
    docs = list(extract_files(paths, batch_size=2))
    assert [d.article.id for d in docs] == [f"a{i}" for i in range(5)]
    amounts = [next(f for f in d.facts if f.type == "investment").values["amount"] for d in docs]
    assert amounts == [1_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000]


def test_entity_types_fit_the_roles_they_play(nlp, tmp_path):
    """A name used as a product is typed Product (the SHACL shapes check role types)."""
    from kg.facttypes import FACT_TYPES

    text = (
        "Brightpath's app, Pathfinder, is available in 12 countries. "
        "Analytics firm Corvane will use Stratus X9 chips. Brightpath counts Walmex and Targo among its customers."
    )
    doc = extract_text(text)
    types = {e.id: e.type for e in doc.entities}
    assert doc.facts
    for fact in doc.facts:
        for role, ent_id in fact.roles.items():
            assert types[ent_id] in FACT_TYPES[fact.type].role_types[role], (fact.type, role, ent_id)
