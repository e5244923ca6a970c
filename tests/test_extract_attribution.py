"""Newsrooms and data providers that report a fact are never parties to it (invented names and wording)."""

from __future__ import annotations

import pytest

from kg.extract.attribution import attribution_sources
from kg.extract.entity_build import build_entities
from tests.extract_helpers import find, named_facts


def _sources(nlp, text: str) -> set[str]:
    entities, mentions = build_entities(nlp(text))
    names = {e.index: e.name for e in entities}
    return {names[i] for i in attribution_sources(entities, mentions, text)}


@pytest.mark.parametrize(
    "text",
    [
        "Corvid Pay raised $5 million from Brammer Bank, according to Dealwire.",
        "Brammer Bank put $5 million into Corvid Pay, its chief executive told Dealwire.",
        "Brammer Bank put $5 million into Corvid Pay, data from Dealwire show.",
        "Brammer Bank put $5 million into Corvid Pay, Dealwire reported on Monday.",
        "Brammer Bank put $5 million into Corvid Pay, Dealwire's figures show.",
    ],
)
def test_a_name_framed_only_as_the_source_is_an_attribution_source(nlp, text) -> None:
    assert _sources(nlp, text) == {"Dealwire"}


def test_a_source_that_also_deals_is_not_only_a_source(nlp) -> None:
    text = (
        "Dealwire agreed to buy Corvid Pay for $40 million. "
        "Corvid Pay had raised $5 million from Brammer Bank, according to Dealwire."
    )
    assert "Dealwire" not in _sources(nlp, text)
    assert find(named_facts(nlp, text), type="acquisition", acquirer="Dealwire", target="Corvid Pay")


def test_a_company_reporting_its_results_is_no_source(nlp) -> None:
    assert _sources(nlp, "Norvale Textiles reported higher sales on Monday.") == set()


def test_the_parties_of_a_reported_deal_keep_their_fact(nlp) -> None:
    facts = named_facts(nlp, "Halbrook Foods has agreed to buy Tamsin Dairy, Dealwire reported.")
    assert find(facts, type="acquisition", acquirer="Halbrook Foods", target="Tamsin Dairy")
    assert not [f for f in facts if "Dealwire" in f.values()]
