"""Entity-typing cues: named evidence with a weight, each with an example.

kg/extract/entities.py looks for each cue around an entity's mentions and adds its weight to
the entity's vote for a type; the type with most votes wins. The table is the place to read
and tune typing; `kg extract --explain` lists the cues that typed each entity.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    name: str
    type: str  # Organization, Person, Product or Place
    weight: float
    example: str


ORG, PERSON, PRODUCT, PLACE = "Organization", "Person", "Product", "Place"

CUES: dict[str, Cue] = {
    c.name: c
    for c in (
        Cue("ner-organization", ORG, 1, "the model labels a mention ORG"),
        Cue("ner-person", PERSON, 1, "the model labels a mention PERSON"),
        Cue("ner-product", PRODUCT, 1, "the model labels a mention PRODUCT or WORK_OF_ART"),
        Cue(
            "ner-place", PLACE, 0.5, "the model's GPE/LOC label (half a vote: it calls many companies places)"
        ),
        Cue("company-word-in-name", ORG, 4, "Halden Foods Ltd; Bank of Corvia; Verrow Capital"),
        Cue("digit-in-name", PRODUCT, 2, "Zeta 3"),
        Cue("product-head-word", PRODUCT, 3, "Nimbus Platform"),
        Cue("raises-money-or-valued", ORG, 4, "X has raised $5m; values X at $1bn"),
        Cue("person-not-full-name", PERSON, -3, "a lone or unshaped name is not a person introduced in full"),
        Cue("org-descriptor-before", ORG, 3, "the startup X; the Oslo-based X; the chipmaker X"),
        Cue("title-before", PERSON, 3, "chief executive X; Dr. X"),
        Cue("product-word-before", PRODUCT, 3, "the app X"),
        Cue("tool-word-before", PRODUCT, 3, "the AI-powered code editor X"),
        Cue("shares-trade-in", PLACE, 1, "Globex's shares in Shenzhen"),
        Cue("money-in", ORG, 2, "invested $5m in X"),
        Cue("preposition-place", PLACE, 1, "offices in X"),
        Cue("money-from", ORG, 2, "received $20m from X; funding from X"),
        Cue("possessive-round", ORG, 2, "X's $12m Series A; X's seed round"),
        Cue("money-for", ORG, 2, "the round for X; $47m for X; put $12m into X"),
        Cue("of-after-deal-noun", ORG, 2, "the acquisition of X; co-founder of X"),
        Cue("coordinated-product-word", PRODUCT, 2, "X and Y chips"),
        Cue("place-possessive", PLACE, 1, "Norway's state-controlled X"),
        Cue("short-uppercase-place", PLACE, 1, "US"),
        Cue("based-suffix", PLACE, 4, "X-based"),
        Cue("combining-form", PLACE, 4, "the Franco-Italian carmaker"),
        Cue("product-word-after", PRODUCT, 2, "X chips"),
        Cue("possessive-title-after", ORG, 3, "X's chief executive"),
        Cue("apposition-descriptor", ORG, 2, "X, the Lagos lender,"),
        Cue("apposition-title", PERSON, 2, "X, chief executive of Y,"),
        Cue("possessive-title-apposition", PERSON, 2, "X, Y's chief executive,"),
        Cue("said-or-ceo-before", PERSON, 1, "said X; chief executive X"),
        Cue("title-of-before", ORG, 2, "chief executive of X"),
        Cue("is-title-after", PERSON, 2, "X is chief executive"),
        Cue("now-title-after", PERSON, 2, "X, its chief executive"),
        Cue("object-of-deal-verb", ORG, 2, "acquired X; backed X"),
        Cue("subject-of-deal-verb", ORG, 1, "X raised; X announced"),
        Cue("city-state-based", PLACE, 3, "the Sunnyvale, California-based startup"),
        Cue("who-after", PERSON, 2, "X, who co-founded"),
        Cue("age-apposition", PERSON, 3, "X, 52, will become"),
        Cue("org-follower-noun", ORG, 2, "X shares fell; X employees"),
        Cue("developer-of", PRODUCT, 2, "the developer of X"),
        Cue("passive-founded", ORG, 2, "X was founded in 2015"),
        Cue("title-comma-before", PERSON, 2, "its chief financial officer, X,"),
        Cue("named-as-title", PERSON, 2, "named X chief executive"),
        Cue("object-of-hiring", PERSON, 2, "hired X"),
        Cue("person-noun-apposition", PERSON, 2, "X, a veteran banker,"),
        Cue("by-after-deal-verb", ORG, 2, "acquired by X; backed by X"),
        Cue("buying-verb-soon-after", ORG, 1, "X won approval to buy Y"),
        Cue("subject-of-org-verb", ORG, 1, "X agreed to buy Y; X merged with Y"),
        Cue("subject-of-person-verb", PERSON, 1, "X told reporters"),
        Cue("stake-in", ORG, 1, "a stake of 6% in X"),
        Cue("example-of-org-plural", ORG, 2, "carmakers such as X and Y"),
        Cue("example-of-product-plural", PRODUCT, 2, "games like X"),
        Cue("no-given-name", PERSON, -2, "Halvern Freight: two capitalised words, the first no given name"),
        Cue("founded-by-list", PERSON, 2, "founded in 2019 by X and Y"),
        Cue("no-given-name-org", ORG, 1.5, "Halvern Freight: such a name is more often a firm's"),
    )
}


class Votes(Counter):
    """An entity's votes per type, remembering which cues gave them (for ``--explain``)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cues: list[str] = []

    def add(self, cue_name: str) -> None:
        cue = CUES[cue_name]
        self[cue.type] += cue.weight
        self.cues.append(cue_name)
