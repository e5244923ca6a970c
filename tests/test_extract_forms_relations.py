"""Business relations (supplier, partnership, subsidiary, uses, roles) in the forms business English
states them, each paired with a near form that must not give the fact. Names and wording are invented."""

from __future__ import annotations

from extract_helpers import find, named_facts


def test_a_supply_agreement_takes_its_direction_from_the_words_after_it(nlp) -> None:
    buys = named_facts(nlp, "Ravenna Glass signed a supply agreement with Dolby Sands for quartz grit.")
    assert find(buys, type="supplier", supplier="Dolby Sands", customer="Ravenna Glass")
    sells = named_facts(
        nlp, "Dolby Sands signed a supply agreement with Ravenna Glass to provide it with quartz grit."
    )
    assert find(sells, type="supplier", supplier="Dolby Sands", customer="Ravenna Glass")
    bare = named_facts(nlp, "Dolby Sands signed a supply agreement with Ravenna Glass on Monday.")
    assert find(bare, type="supplier") is None


def test_a_relative_clause_says_what_a_supplier_makes_for_whom(nlp) -> None:
    facts = named_facts(nlp, "Tamsett Castings, which makes gearbox housings for Orrel Tractors, is hiring.")
    assert find(facts, type="supplier", supplier="Tamsett Castings", customer="Orrel Tractors")
    sense = named_facts(nlp, "Tamsett Castings, which makes sense for Orrel Tractors, is hiring.")
    assert find(sense, type="supplier") is None


def test_selling_goods_is_supply_and_selling_a_business_is_not(nlp) -> None:
    goods = named_facts(nlp, "Brannock Nickel agreed to sell refined nickel to Ilsey Metals for six years.")
    assert find(goods, type="supplier", supplier="Brannock Nickel", customer="Ilsey Metals")
    unit = named_facts(nlp, "Brannock Nickel agreed to sell its smelting unit to Ilsey Metals.")
    assert find(unit, type="supplier") is None


def test_an_ended_partnership_is_no_partnership(nlp) -> None:
    made = named_facts(nlp, "Quarrel Games expanded its alliance with Vintry Studios on Friday.")
    assert find(made, type="partnership", party_a="Quarrel Games", party_b="Vintry Studios")
    ended = named_facts(nlp, "Quarrel Games terminated its alliance with Vintry Studios on Friday.")
    assert find(ended, type="partnership") is None


def test_a_memorandum_of_understanding_signed_is_a_partnership_and_one_for_goods_an_order(nlp) -> None:
    signed = named_facts(nlp, "Calder Hydrogen signed an MoU with Pentre Ports on fuelling ships.")
    assert find(signed, type="partnership", party_a="Calder Hydrogen", party_b="Pentre Ports")
    order = named_facts(
        nlp, "Pentre Ports has put its name to an MoU with Calder Hydrogen for 12 electrolysers."
    )
    assert find(order, type="partnership") is None


def test_a_partnership_to_sell_goods_is_still_a_partnership(nlp) -> None:
    facts = named_facts(
        nlp, "Calder Hydrogen announced a partnership with Pentre Ports to sell green fuel to ferries."
    )
    assert find(facts, type="partnership", party_a="Calder Hydrogen", party_b="Pentre Ports")
    deal = named_facts(nlp, "Calder Hydrogen signed an agreement with Pentre Ports to sell its depot.")
    assert find(deal, type="partnership") is None


def test_operating_as_a_subsidiary(nlp) -> None:
    facts = named_facts(nlp, "Lindqvist Freight operates as a subsidiary of Harrowmere Holdings.")
    assert find(facts, type="subsidiary", parent="Harrowmere Holdings", child="Lindqvist Freight")
    former = named_facts(nlp, "Lindqvist Freight, a former unit of Harrowmere Holdings, is hiring.")
    assert find(former, type="subsidiary") is None


def test_an_ousted_chief_holds_the_post_no_longer(nlp) -> None:
    facts = named_facts(nlp, "The board of Calloway Mills ousted chief executive Bruno Tesh on Friday.")
    role = find(facts, type="role", person="Bruno Tesh", organization="Calloway Mills")
    assert role is not None and role["current"] is False
    praised = named_facts(nlp, "The board of Calloway Mills praised chief executive Bruno Tesh on Friday.")
    kept = find(praised, type="role", person="Bruno Tesh", organization="Calloway Mills")
    assert kept is not None and kept["current"] is True


def test_a_city_used_as_a_base_is_no_product_in_use(nlp) -> None:
    used = named_facts(nlp, "Ferrow Logistics uses Quillon's Atlas software to plan its routes.")
    assert find(used, type="uses", user="Ferrow Logistics", product="Atlas")
    base = named_facts(nlp, "Ferrow Logistics uses Antwerp as its hub for northern Europe.")
    assert find(base, type="uses") is None


def test_the_maker_named_before_a_product_in_use_is_not_the_product(nlp) -> None:
    facts = named_facts(nlp, "Corrib Airways will use Tamsin Aero's Kite turbofan engines on its new jets.")
    assert find(facts, type="uses", user="Corrib Airways", product="Kite")
    assert find(facts, type="uses", user="Corrib Airways", product="Tamsin Aero") is None


def test_a_list_of_partners_ends_where_a_clause_begins(nlp) -> None:
    facts = named_facts(
        nlp, "Ostwick Bank has announced a partnership with Lumeo, rolling out Lumeo Assist to its tellers."
    )
    assert find(facts, type="partnership", party_a="Ostwick Bank", party_b="Lumeo")
    assert find(facts, type="partnership", party_b="Lumeo Assist") is None
    assert find(facts, type="partnership", party_a="Lumeo Assist") is None


def test_a_unit_name_is_no_subsidiary_when_the_short_name_only_shortens_it(nlp) -> None:
    text = "Ombrell Mobile will cut prices. Ombrell, the phone maker, reported higher sales."
    assert find(named_facts(nlp, text), type="subsidiary") is None
    text = "Ombrell, the phone maker, reported higher sales. Ombrell Mobile will cut prices."
    assert find(named_facts(nlp, text), type="subsidiary", parent="Ombrell", child="Ombrell Mobile")


def test_founders_described_before_their_names_are_people(nlp) -> None:
    facts = named_facts(
        nlp, "Corrow Analytics was founded by former bankers Tamsin Lowe and Hugo Vane in 2018."
    )
    assert find(facts, type="founded", organization="Corrow Analytics", founder="Hugo Vane")
    backed = named_facts(
        nlp, "Corrow Analytics was backed by former bankers Tamsin Lowe and Hugo Vane in 2018."
    )
    assert find(backed, type="founded") is None


def test_a_named_company_owns_the_product_after_its_possessive(nlp) -> None:
    text = "Marrick Audio reported higher sales. Marrick Audio's new Sola app lets fans share playlists."
    assert find(named_facts(nlp, text), type="product", organization="Marrick Audio", product="Sola")
    place = "Marrick Audio reported higher sales. London's new Sola app lets fans share playlists."
    assert find(named_facts(nlp, place), type="product", product="Sola") is None


def test_a_merger_or_loan_agreement_is_no_partnership(nlp) -> None:
    made = named_facts(nlp, "Tessaly Foods signed a distribution agreement with Borrow Dairies last week.")
    assert find(made, type="partnership", party_a="Tessaly Foods", party_b="Borrow Dairies")
    for kind in ("merger", "loan"):
        text = f"Tessaly Foods signed a {kind} agreement with Borrow Dairies last week."
        assert find(named_facts(nlp, text), type="partnership") is None


def test_money_or_news_handed_over_is_no_supply(nlp) -> None:
    goods = named_facts(nlp, "Ashby Steel will supply rolled coil to Fennick Cars from May.")
    assert find(goods, type="supplier", supplier="Ashby Steel", customer="Fennick Cars")
    for what in ("will supply the details to Fennick Cars' auditors", "provides an update to Fennick Cars"):
        assert find(named_facts(nlp, f"Ashby Steel {what}."), type="supplier") is None
