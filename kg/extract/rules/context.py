"""The draft and context types: what a rule yields and what it knows beyond its sentence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.extract.entities import ORG


@dataclass
class Draft:
    """A fact found by a rule, before merging: roles are entity indexes."""

    type: str
    roles: dict[str, int]
    values: dict[str, Any] = field(default_factory=dict)
    sentence: int = 0
    confidence: float = 0.8
    rule: str = ""
    negated: bool = False  # denied, called off or only speculated: dropped when merging


@dataclass
class Round:
    organization: int
    draft: Draft
    name: str | None
    date: str | None
    pos: int = 0  # where the round is stated in its masked sentence


class Context:
    """What the rules know about the article beyond the sentence at hand."""

    def __init__(self, types: dict[int, str], published: str | None, focus: int | None) -> None:
        self.types = types
        self.published = published
        self.focus = focus
        self.rounds: list[Round] = []
        self.drafts: list[Draft] = []
        self.topic: int | None = focus
        self.deals: list[Draft] = []
        self.weak: dict[int, bool] = {}  # entity -> typed on little evidence
        self.org_strength: dict[int, float] = {}  # entity -> votes for Organization
        self.person_shaped: dict[int, bool] = {}  # entity -> named like a person
        self.ner_person: dict[int, bool] = {}  # entity -> the model labelled a mention PERSON

    def type_of(self, index: int) -> str:
        return self.types.get(index, ORG)

    def current_round(self, name: str | None = None) -> Round | None:
        if name:
            for r in reversed(self.rounds):
                if r.name and r.name.lower() == name.lower():
                    return r
        return self.rounds[-1] if self.rounds else None
