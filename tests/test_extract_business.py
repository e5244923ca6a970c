"""Business links (product, uses, supplier, subsidiary, partnership) and the final sanity filters.

Every sentence here is written for these tests; all companies and products are invented.
"""

from __future__ import annotations

from typing import Any

import pytest

from kg.extract import extract_article
from kg.extract.document import DENIAL, _results_amount, sane_drafts
from kg.extract.entities import EntityInfo
from kg.extract.reader import article_from_string
from kg.extract.relations import Draft


def extract(nlp, text: str, published: str | None = "2024-05-01") -> list[dict[str, Any]]:
    """Facts with entity names in place of ids, for readable assertions."""
    doc = extract_article(article_from_string(text, "t", published), nlp)
    names = {e.id: e.name for e in doc.entities}
    return [{"type": f.type, **{k: names[v] for k, v in f.roles.items()}, **f.values} for f in doc.facts]


def has(facts: list[dict[str, Any]], **want: Any) -> bool:
    return any(all(str(f.get(k, "")).lower() == str(v).lower() for k, v in want.items()) for f in facts)


def of_type(facts: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [f for f in facts if f["type"] == kind]


# ------------------------------------------------------------------ supplier ---


def test_makes_things_for_a_list_of_customers(nlp):
    facts = extract(
        nlp, "Veltrion Systems makes battery packs for Orkney Motors, Halvard Trucks and Pinemark Auto."
    )
    for customer in ("Orkney Motors", "Halvard Trucks", "Pinemark Auto"):
        assert has(facts, type="supplier", supplier="Veltrion Systems", customer=customer)
    assert not of_type(facts, "product")  # customers are not products


def test_contract_to_make_chips_for_a_customer(nlp):
    facts = extract(
        nlp, "Quillon Semiconductor has signed a $2 billion contract to make chips for Dravex Robotics."
    )
    assert has(
        facts, type="supplier", supplier="Quillon Semiconductor", customer="Dravex Robotics", what="chips"
    )


def test_supply_with_keeps_a_number_in_what_is_supplied(nlp):
    facts = extract(
        nlp,
        "Under the agreement, Quillon Semiconductor will supply Dravex Robotics with 40,000 Zephyr accelerators.",
    )
    fact = next(f for f in facts if f["type"] == "supplier")
    assert fact["supplier"] == "Quillon Semiconductor" and fact["customer"] == "Dravex Robotics"
    assert fact["what"].startswith("40,000")


def test_orders_from_customers_including(nlp):
    facts = extract(
        nlp,
        "Quillon Semiconductor has won orders worth $900 million from customers including Dravex Robotics.",
    )
    assert has(facts, type="supplier", supplier="Quillon Semiconductor", customer="Dravex Robotics")


def test_makes_sense_for_is_no_supply(nlp):
    facts = extract(nlp, "Brantwood Energy said the merger makes sense for Solvay Mining shareholders.")
    assert not of_type(facts, "supplier")


# --------------------------------------------------------------- partnership ---


def test_partnership_agreements_with_a_list(nlp):
    facts = extract(
        nlp,
        "Marrow Labs has signed partnership agreements with broadcasters including Telvane Media and Corvid News.",
    )
    assert has(facts, type="partnership", party_a="Marrow Labs", party_b="Telvane Media") or has(
        facts, type="partnership", party_a="Telvane Media", party_b="Marrow Labs"
    )
    assert len(of_type(facts, "partnership")) == 2


def test_alliance_partner_apposition(nlp):
    facts = extract(
        nlp, "Ostrava Motors, Pellucid Auto's long-time alliance partner, owns 30% of the carmaker."
    )
    assert len(of_type(facts, "partnership")) == 1
    pair = of_type(facts, "partnership")[0]
    assert {pair["party_a"], pair["party_b"]} == {"Ostrava Motors", "Pellucid Auto"}


def test_agreed_with_to_set_up_a_joint_venture(nlp):
    facts = extract(
        nlp,
        "Brantwood Energy agreed with Solvay Mining to set up a joint venture to build a lithium refinery.",
    )
    pair = of_type(facts, "partnership")
    assert pair and {pair[0]["party_a"], pair[0]["party_b"]} == {"Brantwood Energy", "Solvay Mining"}


def test_announced_agreement_with_a_ticker_in_parentheses(nlp):
    facts = extract(
        nlp,
        "Brantwood Energy and Solvay Mining (NYSE: SOLV) today announced a multi-year collaboration agreement.",
    )
    pair = of_type(facts, "partnership")
    assert pair and {pair[0]["party_a"], pair[0]["party_b"]} == {"Brantwood Energy", "Solvay Mining"}


def test_working_with_a_country_s_navy_is_no_partnership_with_the_country(nlp):
    facts = extract(nlp, "Kestrel Systems says it works with Norway's navy on sonar upgrades.")
    assert not of_type(facts, "partnership")


def test_denied_partnership_gives_nothing(nlp):
    facts = extract(nlp, "Marrow Labs has not partnered with Telvane Media, a spokesperson said.")
    assert not of_type(facts, "partnership")


# ---------------------------------------------------------------- subsidiary ---


def test_unit_of_apposition(nlp):
    facts = extract(
        nlp, "Crestline Robotics, the autonomous-driving unit of Harlow Group, raised $300 million."
    )
    assert has(facts, type="subsidiary", parent="Harlow Group", child="Crestline Robotics")


def test_owns_outright(nlp):
    facts = extract(nlp, "Harlow Group owns the logistics software maker Fennick Systems outright.")
    assert has(facts, type="subsidiary", parent="Harlow Group", child="Fennick Systems")


def test_part_of_a_partnership_programme_is_no_subsidiary(nlp):
    facts = extract(nlp, "Tamsin Analytics is part of Orrery Cloud's startup partnership programme.")
    assert not of_type(facts, "subsidiary")


def test_short_name_of_an_investment_firm_is_not_its_parent(nlp):
    facts = extract(
        nlp,
        "Bellmont Capital led the round, which also drew Quarry Partners. "
        "Bellmont has backed three other logistics companies this year.",
    )
    assert not of_type(facts, "subsidiary")


# ------------------------------------------------------------------- product ---


def test_startup_that_makes_a_product_apposition(nlp):
    facts = extract(
        nlp,
        "Tamsin Analytics, a London-based startup that makes the coding assistant Quibble, has raised $20 million.",
    )
    assert has(facts, type="product", organization="Tamsin Analytics", product="Quibble")


def test_whose_products_include(nlp):
    facts = extract(
        nlp, "Orbis Dynamics, whose products include the Fathom sonar system, was valued at $1 billion."
    )
    assert has(facts, type="product", organization="Orbis Dynamics", product="Fathom")


def test_portfolio_including_after_a_bare_apostrophe(nlp):
    facts = extract(
        nlp,
        "Nordhaven Foods' snack portfolio, including Crunchlets and Puffadoo, will be sold to Brimley Group.",
    )
    assert has(facts, type="product", organization="Nordhaven Foods", product="Crunchlets")
    assert has(facts, type="product", organization="Nordhaven Foods", product="Puffadoo")


def test_pieces_of_split_titles_are_not_products(nlp):
    facts = extract(nlp, "Yorvik Games' biggest franchises include Dragon's Keep, Skyreach and Just Paddle.")
    products = {f["product"] for f in of_type(facts, "product")}
    assert products <= {"Skyreach"}
    assert not any(f["organization"] == "Dragon" for f in of_type(facts, "product"))


# ---------------------------------------------------------------------- uses ---


def test_uses_a_named_product(nlp):
    facts = extract(nlp, "Dravex Robotics uses Quillon Semiconductor's Zephyr chips to train its models.")
    assert has(facts, type="uses", user="Dravex Robotics", product="Zephyr")


def test_does_not_use_gives_nothing(nlp):
    facts = extract(nlp, "Dravex Robotics does not use Quillon Semiconductor's Zephyr chips.")
    assert not of_type(facts, "uses")


# ------------------------------------------------------------ sanity filters ---


def test_denied_investment_gives_no_fact(nlp):
    facts = extract(nlp, "Harlow Group denied a report that it had invested $50 million in Fennick Systems.")
    assert not of_type(facts, "investment")


def test_no_plans_to_buy_gives_no_acquisition(nlp):
    facts = extract(
        nlp, "Brantwood Energy has no plans to buy Solvay Mining, its chief executive said on Tuesday."
    )
    assert not of_type(facts, "acquisition")


@pytest.mark.parametrize(
    ("sentence", "denies"),
    [
        ("Globex denied that it had invested in Initech.", True),
        ("Globex did not take part in the round.", True),
        ("Globex has no plans to sell its stake.", True),
        ("Globex didn't buy Initech.", True),
        ("Globex did not disclose the terms of its investment in Initech.", False),
        ("Globex declined to comment on reports that it is in talks to buy Initech.", False),
        ("Going global is not only about selling products, the founder said.", False),
        ("The executive did not join the board of Initech.", False),
    ],
)
def test_denial_pattern(sentence: str, denies: bool):
    assert bool(DENIAL.search(sentence)) is denies


@pytest.mark.parametrize(
    ("sentence", "amount_text", "is_results"),
    [
        ("Initech, which reported $80 million in annual revenue, raised $25 million.", "$80 million", True),
        ("Initech, which reported $80 million in annual revenue, raised $25 million.", "$25 million", False),
        ("Initech had revenue of $3 billion last year.", "$3 billion", True),
        ("Globex agreed to buy Initech for $3 billion.", "$3 billion", False),
        ("Initech raised $40 million from Globex and Hooli.", "$40 million", False),
    ],
)
def test_results_amounts(sentence: str, amount_text: str, is_results: bool):
    start = sentence.index(amount_text)
    assert _results_amount(sentence, 0, start, start + len(amount_text)) is is_results


class _Sent:
    def __init__(self, text: str) -> None:
        self.text, self.start_char, self.end_char = text, 0, len(text)


def _entities(*names: str) -> dict[int, EntityInfo]:
    return {i: EntityInfo(i, name) for i, name in enumerate(names)}


def test_a_fact_with_one_entity_in_two_roles_is_dropped():
    sents = [_Sent("Globex partnered with Globex.")]
    drafts = [Draft("partnership", {"party_a": 0, "party_b": 0}, {}, 0, 0.8, "x")]
    assert sane_drafts(drafts, sents, sents[0].text, _entities("Globex"), []) == []


def test_a_company_named_twice_does_not_buy_itself():
    sents = [_Sent("Initech agreed to buy Initech Holdings.")]
    drafts = [Draft("acquisition", {"acquirer": 0, "target": 1}, {}, 0, 0.8, "x")]
    assert sane_drafts(drafts, sents, sents[0].text, _entities("Initech", "Initech Holdings"), []) == []
    unit = [Draft("subsidiary", {"parent": 0, "child": 1}, {}, 0, 0.8, "x")]
    assert sane_drafts(unit, sents, sents[0].text, _entities("Initech", "Initech Holdings"), []) == unit
