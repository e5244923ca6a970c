"""Helpers shared by the extraction tests: facts with entity names in place of ids."""

from __future__ import annotations

from typing import Any

from kg.extract import extract_article
from kg.extract.reader import article_from_string


def named_facts(nlp, text: str, published: str | None = None) -> list[dict[str, Any]]:
    """Facts of ``text`` with entity names in place of ids, for readable assertions."""
    doc = extract_article(article_from_string(text, "t", published), nlp)
    names = {e.id: e.name for e in doc.entities}
    return [{"type": f.type, **{k: names[v] for k, v in f.roles.items()}, **f.values} for f in doc.facts]


def find(facts: list[dict[str, Any]], **want: Any) -> dict[str, Any] | None:
    """The first fact whose fields include ``want`` (names compared case-insensitively)."""
    for fact in facts:
        if all(str(fact.get(k, "")).lower() == str(v).lower() for k, v in want.items()):
            return fact
    return None
