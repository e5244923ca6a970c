"""Business links (product, uses, supplier, subsidiary, partnership) and the final sanity filters.

Every sentence here is written for these tests; all companies and products are invented.
"""

from __future__ import annotations

from typing import Any

import pytest
from extract_helpers import named_facts

from kg.extract import extract_article
from kg.extract.entities import EntityInfo
from kg.extract.reader import article_from_string
from kg.extract.rules import Draft
from kg.extract.sanity import DENIAL, _results_amount, sane_drafts


def extract(nlp, text: str, published: str | None = "2024-05-01") -> list[dict[str, Any]]:
    return named_facts(nlp, text, published)


def has(facts: list[dict[str, Any]], **want: Any) -> bool:
    return any(all(str(f.get(k, "")).lower() == str(v).lower() for k, v in want.items()) for f in facts)


def of_type(facts: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [f for f in facts if f["type"] == kind]


# ------------------------------------------------------------------ supplier ---


def test_makes_things_for_a_list_of_customers(nlp):
    facts = extract(
        nlp, "Veltrion Systems builds motor controllers for Orkney Motors, Halvard Trucks and Pinemark Auto."
    )
    for customer in ("Orkney Motors", "Halvard Trucks", "Pinemark Auto"):
        assert has(facts, type="supplier", supplier="Veltrion Systems", customer=customer)
    assert not of_type(facts, "product")  # customers are not products


def test_contract_to_make_chips_for_a_customer(nlp):
    facts = extract(
        nlp, "Quillon Semiconductor won a $2 billion order to produce sensors for Dravex Robotics."
    )
    assert has(
        facts, type="supplier", supplier="Quillon Semiconductor", customer="Dravex Robotics", what="sensors"
    )


def test_supply_with_keeps_a_number_in_what_is_supplied(nlp):
    facts = extract(
        nlp,
        "Quillon Semiconductor will supply Dravex Robotics with 40,000 Zephyr boards from next year.",
    )
    fact = next(f for f in facts if f["type"] == "supplier")
    assert fact["supplier"] == "Quillon Semiconductor" and fact["customer"] == "Dravex Robotics"
    assert fact["what"].startswith("40,000")


def test_orders_from_customers_including(nlp):
    facts = extract(
        nlp,
        "Quillon Semiconductor has won contracts worth $900 million from clients such as Dravex Robotics.",
    )
    assert has(facts, type="supplier", supplier="Quillon Semiconductor", customer="Dravex Robotics")


def test_supplies_named_things_to_a_customer(nlp):
    facts = extract(nlp, "Orbis Dynamics supplies Kestrel sonar arrays and cables to Marlowe Shipyards.")
    assert has(
        facts,
        type="supplier",
        supplier="Orbis Dynamics",
        customer="Marlowe Shipyards",
        what="Kestrel sonar arrays and cables",
    )


def test_product_used_by_customers_including(nlp):
    facts = extract(
        nlp,
        "Quillon Semiconductor's Zephyr modules are used by robot makers including Orkney Motors and Pinemark Auto.",
    )
    for customer in ("Orkney Motors", "Pinemark Auto"):
        assert has(facts, type="supplier", supplier="Quillon Semiconductor", customer=customer)


@pytest.mark.parametrize(
    "sentence",
    [
        "Brantwood Energy said the merger makes sense for Solvay Mining shareholders.",
        "Brimley Group made a surprise bid for Solvay Mining in March.",
        "Harlow Group has built a strong case for Fennick Systems, analysts said.",
    ],
)
def test_made_for_that_supplies_nothing(nlp, sentence: str):
    assert not of_type(extract(nlp, sentence), "supplier")


@pytest.mark.parametrize(
    "sentence",
    [
        "Brantwood Energy makes drill heads for Solvay Mining.",
        "Brimley Group made conveyor belts for Solvay Mining in March.",
        "Harlow Group has built control software for Fennick Systems, analysts said.",
    ],
)
def test_made_for_with_a_product_supplies(nlp, sentence: str):
    """The twins of the sentences above: the same 'made ... for' with a thing made gives a supplier."""
    assert of_type(extract(nlp, sentence), "supplier")


# --------------------------------------------------------------- partnership ---


def test_partnership_agreements_with_a_list(nlp):
    facts = extract(
        nlp,
        "Marrow Labs has struck distribution partnerships with broadcasters including Telvane Media and Corvid News.",
    )
    assert has(facts, type="partnership", party_a="Marrow Labs", party_b="Telvane Media") or has(
        facts, type="partnership", party_a="Telvane Media", party_b="Marrow Labs"
    )
    assert len(of_type(facts, "partnership")) == 2


def test_alliance_partner_apposition(nlp):
    facts = extract(
        nlp, "Ostrava Motors, Pellucid Auto's technology partner, will share its battery designs."
    )
    assert len(of_type(facts, "partnership")) == 1
    pair = of_type(facts, "partnership")[0]
    assert {pair["party_a"], pair["party_b"]} == {"Ostrava Motors", "Pellucid Auto"}


def test_agreed_with_to_set_up_a_joint_venture(nlp):
    facts = extract(
        nlp,
        "Brantwood Energy agreed with Solvay Mining to form a joint venture that will refine lithium.",
    )
    pair = of_type(facts, "partnership")
    assert pair and {pair[0]["party_a"], pair[0]["party_b"]} == {"Brantwood Energy", "Solvay Mining"}


def test_announced_agreement_with_a_ticker_in_parentheses(nlp):
    facts = extract(
        nlp,
        "Brantwood Energy (LSE: BRNT) and Solvay Mining on Monday announced a research collaboration.",
    )
    pair = of_type(facts, "partnership")
    assert pair and {pair[0]["party_a"], pair[0]["party_b"]} == {"Brantwood Energy", "Solvay Mining"}


@pytest.mark.parametrize(
    ("sentence", "is_partnership"),
    [
        ("Brimley Group reached an agreement with the Orrery Commission over its pricing practices.", False),
        (
            "Brimley Group reached a partnership agreement with the Orrery Commission over its pricing practices.",
            True,
        ),
        ("Brimley Group signed an agreement with Solvay Mining to buy its cobalt unit.", False),
        ("Brimley Group signed a research agreement with Solvay Mining to study its cobalt unit.", True),
    ],
)
def test_a_bare_agreement_is_no_partnership(nlp, sentence: str, is_partnership: bool):
    assert bool(of_type(extract(nlp, sentence), "partnership")) is is_partnership


def test_a_licensing_agreement_is_a_partnership(nlp):
    facts = extract(
        nlp, "Brimley Group signed a licensing agreement with Solvay Mining covering its technology."
    )
    pair = of_type(facts, "partnership")
    assert pair and {pair[0]["party_a"], pair[0]["party_b"]} == {"Brimley Group", "Solvay Mining"}


@pytest.mark.parametrize(
    "sentence",
    [
        '"Our partnership with Telvane Media lets us reach new viewers," said Ana Kettle, chief executive of Marrow Labs.',
        "Marrow Labs' collaboration with Telvane Media began in 2021.",
    ],
)
def test_a_named_partnership_with(nlp, sentence: str):
    pair = of_type(extract(nlp, sentence), "partnership")
    assert pair and {pair[0]["party_a"], pair[0]["party_b"]} == {"Marrow Labs", "Telvane Media"}


@pytest.mark.parametrize(("partner", "is_partnership"), [("Norway's navy", False), ("Norvane Marine", True)])
def test_working_with_a_country_s_navy_is_no_partnership_with_the_country(nlp, partner, is_partnership):
    facts = extract(nlp, f"Kestrel Systems says it works with {partner} on sonar upgrades.")
    assert bool(of_type(facts, "partnership")) is is_partnership


@pytest.mark.parametrize(("verb", "is_partnership"), [("has not partnered", False), ("has partnered", True)])
def test_denied_partnership_gives_nothing(nlp, verb, is_partnership):
    facts = extract(nlp, f"Marrow Labs {verb} with Telvane Media, a spokesperson said.")
    assert bool(of_type(facts, "partnership")) is is_partnership


# ---------------------------------------------------------------- subsidiary ---


def test_unit_of_apposition(nlp):
    facts = extract(
        nlp, "Crestline Robotics, the warehouse-automation arm of Harlow Group, raised $300 million."
    )
    assert has(facts, type="subsidiary", parent="Harlow Group", child="Crestline Robotics")


def test_owns_outright(nlp):
    facts = extract(nlp, "Harlow Group now owns Fennick Systems outright after buying out its founders.")
    assert has(facts, type="subsidiary", parent="Harlow Group", child="Fennick Systems")


@pytest.mark.parametrize(
    ("sentence", "is_subsidiary"),
    [
        ("Tamsin Analytics is part of Orrery Cloud's accelerator scheme for young firms.", False),
        ("Tamsin Analytics is a unit of Orrery Cloud.", True),
    ],
)
def test_part_of_a_partnership_programme_is_no_subsidiary(nlp, sentence, is_subsidiary):
    assert bool(of_type(extract(nlp, sentence), "subsidiary")) is is_subsidiary


@pytest.mark.parametrize(
    ("lead", "is_subsidiary"),
    [("Bellmont Capital", False), ("Bellmont Capital, a unit of Bellmont Group,", True)],
)
def test_short_name_of_an_investment_firm_is_not_its_parent(nlp, lead, is_subsidiary):
    facts = extract(
        nlp,
        f"{lead} led the round, which also drew Quarry Partners. "
        "Bellmont has backed three other logistics companies this year.",
    )
    subsidiaries = of_type(facts, "subsidiary")
    assert bool(subsidiaries) is is_subsidiary
    assert all(f["parent"] == "Bellmont Group" for f in subsidiaries)


def test_owned_by_after_a_comma(nlp):
    facts = extract(nlp, "Its rival Strideon, owned by Halvard Brands, cut prices in March.")
    assert has(facts, type="subsidiary", parent="Halvard Brands", child="Strideon")


def test_the_chain_owned_by(nlp):
    facts = extract(nlp, "Taverno, the restaurant group owned by Orrery Foods, opened 40 sites last year.")
    assert has(facts, type="subsidiary", parent="Orrery Foods", child="Taverno")


def test_subsidiary_whose_name_ends_in_inc(nlp):
    facts = extract(
        nlp,
        "The company will expand Fennick Manufacturing, Inc., a wholly owned subsidiary of Harlow Group.",
    )
    assert has(facts, type="subsidiary", parent="Harlow Group", child="Fennick Manufacturing")
    doc = extract_article(
        article_from_string(
            "The company will expand Fennick Manufacturing, Inc., a wholly owned subsidiary of Harlow Group.",
            "t",
        ),
        nlp,
    )
    assert not any(e.name.strip(".").lower() == "inc" for e in doc.entities)


# ------------------------------------------------------------------- product ---


def test_startup_that_makes_a_product_apposition(nlp):
    facts = extract(
        nlp,
        "Tamsin Analytics, a Leeds company that develops the Quibble tax assistant, has raised $20 million.",
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
    facts = extract(nlp, "Yorvik Games' products include Dragon's Keep, Skyreach and Tiny Paddle.")
    products = {f["product"] for f in of_type(facts, "product")}
    assert "Skyreach" in products
    assert products <= {
        "Skyreach",
        "Tiny Paddle",
        "Dragon's Keep",
    }  # whole titles only, never "Keep" or "Paddle"
    assert not any(f["organization"] == "Dragon" for f in of_type(facts, "product"))


def test_selling_a_stake_is_no_product(nlp):
    facts = extract(nlp, "Harlow Group sold its stake in Fennick Systems to Brimley Group last year.")
    assert not of_type(facts, "product")
    twin = extract(
        nlp,
        "Harlow Group, the maker of the Zephyr drone, sold its stake in Fennick Systems to Brimley Group last year.",
    )
    assert [(f["organization"], f["product"]) for f in of_type(twin, "product")] == [
        ("Harlow Group", "Zephyr")
    ]


def test_a_slot_right_after_a_capitalised_word_is_part_of_a_longer_name():
    from kg.extract.masking import MaskedSentence, Slot
    from kg.extract.rules.context import Context
    from kg.extract.rules.products import _part_of_longer_name

    source = "Its games include Skyreach and Tiny Paddle."
    cut = Slot("ENT", 2, source.index("Paddle"), source.index("Paddle") + len("Paddle"))
    whole = Slot("ENT", 1, source.index("Skyreach"), source.index("Skyreach") + len("Skyreach"))
    ms = MaskedSentence(0, 0, len(source), "Its games include ENT0 and Tiny ENT1.", [whole, cut], source)
    ctx = Context({1: "Product", 2: "Product"}, None, None)
    assert _part_of_longer_name(ms, cut, ctx)
    assert not _part_of_longer_name(ms, whole, ctx)


# ---------------------------------------------------------------------- uses ---


def test_uses_a_named_product(nlp):
    facts = extract(nlp, "Dravex Robotics uses Quillon Semiconductor's Zephyr chips to train its models.")
    assert has(facts, type="uses", user="Dravex Robotics", product="Zephyr")


def test_staff_at_companies_use_the_product_named_before(nlp):
    facts = extract(
        nlp,
        "Tamsin Analytics, a Leeds company that develops the Quibble tax assistant, has raised $20 million. "
        "Developers at Orkney Motors and Pinemark Auto rely on the product.",
    )
    assert has(facts, type="uses", user="Orkney Motors", product="Quibble")
    assert has(facts, type="uses", user="Pinemark Auto", product="Quibble")


def test_a_name_made_of_a_company_name_is_its_product(nlp):
    facts = extract(
        nlp,
        "Dravex Robotics uses Orrery Cloud to host its simulation software. Orrery said the deal was its largest.",
    )
    assert has(facts, type="uses", user="Dravex Robotics", product="Orrery Cloud")


@pytest.mark.parametrize(("verb", "uses"), [("does not use", False), ("has begun to use", True)])
def test_does_not_use_gives_nothing(nlp, verb, uses):
    facts = extract(nlp, f"Dravex Robotics {verb} Quillon Semiconductor's Zephyr chips.")
    assert bool(of_type(facts, "uses")) is uses


# ------------------------------------------------------------ sanity filters ---


@pytest.mark.parametrize(("verb", "is_investment"), [("denied", False), ("confirmed", True)])
def test_denied_investment_gives_no_fact(nlp, verb, is_investment):
    facts = extract(nlp, f"Harlow Group {verb} a report that it had invested $50 million in Fennick Systems.")
    assert bool(of_type(facts, "investment")) is is_investment


@pytest.mark.parametrize(
    ("sentence", "is_acquisition"),
    [
        ("Brantwood Energy has no plans to buy Solvay Mining, its chief executive said on Tuesday.", False),
        ("Brantwood Energy has agreed to buy Solvay Mining, a spokesperson said on Tuesday.", True),
        ("Brantwood Energy has agreed to buy Solvay Mining, its chief executive said on Tuesday.", True),
    ],
)
def test_no_plans_to_buy_gives_no_acquisition(nlp, sentence, is_acquisition):
    assert bool(of_type(extract(nlp, sentence), "acquisition")) is is_acquisition


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
        ("The purchase does not fundamentally change Globex's strategy.", False),
        ("The regulator did not raise objections to the merger.", False),
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
    sents = [_Sent("Globex partnered with Initech.")]
    drafts = [Draft("partnership", {"party_a": 0, "party_b": 1}, {}, 0, 0.8, "x")]
    assert sane_drafts(drafts, sents, sents[0].text, _entities("Globex", "Initech"), []) == drafts


def test_a_company_named_twice_does_not_buy_itself():
    sents = [_Sent("Initech agreed to buy Initech Holdings.")]
    drafts = [Draft("acquisition", {"acquirer": 0, "target": 1}, {}, 0, 0.8, "x")]
    assert sane_drafts(drafts, sents, sents[0].text, _entities("Initech", "Initech Holdings"), []) == []
    unit = [Draft("subsidiary", {"parent": 0, "child": 1}, {}, 0, 0.8, "x")]
    assert sane_drafts(unit, sents, sents[0].text, _entities("Initech", "Initech Holdings"), []) == unit
