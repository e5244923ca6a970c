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
    # with no words after it, the signer is the supplier (a guess: lower confidence)
    bare = named_facts(nlp, "Dolby Sands signed a supply agreement with Ravenna Glass on Monday.")
    assert find(bare, type="supplier", supplier="Dolby Sands", customer="Ravenna Glass")
    assert find(bare, type="supplier", supplier="Ravenna Glass") is None


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


def test_an_order_won_from_a_customer_is_supply_and_a_loan_or_a_lost_order_is_not(nlp) -> None:
    won = named_facts(nlp, "Pellam Avionics won a $60 million order from Rusk Airways for cabin screens.")
    assert find(won, type="supplier", supplier="Pellam Avionics", customer="Rusk Airways")
    loan = named_facts(nlp, "Pellam Avionics secured a $60 million loan from Rusk Bank.")
    assert find(loan, type="supplier") is None
    lost = named_facts(nlp, "Pellam Avionics lost a $60 million order from Rusk Airways.")
    assert find(lost, type="supplier") is None


def test_goods_ordered_from_a_maker_and_a_review_ordered_from_it(nlp) -> None:
    goods = named_facts(nlp, "Rusk Airways ordered 25 regional jets from Marden Aerospace.")
    assert find(goods, type="supplier", supplier="Marden Aerospace", customer="Rusk Airways")
    review = named_facts(nlp, "Rusk Airways ordered a safety review from Marden Aerospace.")
    assert find(review, type="supplier") is None


def test_the_signer_of_a_supply_deal_supplies_but_only_when_signing(nlp) -> None:
    signed = named_facts(nlp, "Corran Cells inks long-term cathode supply deal with Velby Motors")
    assert find(signed, type="supplier", supplier="Corran Cells", customer="Velby Motors")
    has = named_facts(nlp, "Velby Motors, which has a supply agreement with Corran Cells, cut its forecast.")
    assert find(has, type="supplier", supplier="Velby Motors") is None
    left = named_facts(nlp, "Corran Cells walked away from a supply deal with Velby Motors.")
    assert find(left, type="supplier") is None
    offtake = named_facts(nlp, "Tarrow Minerals has signed an offtake agreement with Velby Motors.")
    assert find(offtake, type="supplier", supplier="Tarrow Minerals", customer="Velby Motors")


def test_an_offtake_partner_buys_and_a_joint_venture_partner_does_not(nlp) -> None:
    buyer = named_facts(nlp, "Velby Motors, Tarrow Minerals' offtake partner, will take most of the ore.")
    assert find(buyer, type="supplier", supplier="Tarrow Minerals", customer="Velby Motors")
    venture = named_facts(
        nlp, "Velby Motors, Tarrow Minerals' joint venture partner, will take most of the ore."
    )
    assert find(venture, type="supplier") is None


def test_goods_made_by_a_foundry_for_their_owner(nlp) -> None:
    made = named_facts(nlp, "Quillon Semiconductor's next processors will be fabricated by Ardent Foundry.")
    assert find(made, type="supplier", supplier="Ardent Foundry", customer="Quillon Semiconductor")
    praised = named_facts(nlp, "Quillon Semiconductor's next processors were praised by Ardent Foundry.")
    assert find(praised, type="supplier") is None


def test_deploying_a_vendors_system_and_refusing_to(nlp) -> None:
    deploy = named_facts(
        nlp, "Harwell Clinics signed a contract to roll out Cordova Systems' billing software in its clinics."
    )
    assert find(deploy, type="supplier", supplier="Cordova Systems", customer="Harwell Clinics")
    refused = named_facts(nlp, "Harwell Clinics refused to roll out Cordova Systems' billing software.")
    assert find(refused, type="supplier") is None


def test_deliveries_begun_and_deliveries_hoped_for(nlp) -> None:
    begun = named_facts(nlp, "Brisk Robotics started shipping sorting arms to Tenby Parcel last month.")
    assert find(begun, type="supplier", supplier="Brisk Robotics", customer="Tenby Parcel")
    hoped = named_facts(nlp, "Brisk Robotics may start shipping sorting arms to Tenby Parcel next year.")
    assert find(hoped, type="supplier") is None


def test_a_company_picked_to_power_goods_and_one_hired_to_run_a_sale(nlp) -> None:
    power = named_facts(nlp, "Rusk Airways has chosen Hollis Turbines to power its new freighters.")
    assert find(power, type="supplier", supplier="Hollis Turbines", customer="Rusk Airways")
    sale = named_facts(nlp, "Rusk Airways has hired Hollis Advisers to run its sale process.")
    assert find(sale, type="supplier") is None


def test_a_country_supplied_is_a_market_not_a_customer(nlp) -> None:
    # a place named as one (a lone place label from the small model is as often a company)
    market = named_facts(
        nlp,
        "Brisk Robotics, which opened an office in Portugal last year, supplies Portugal with sorting arms.",
    )
    assert find(market, type="supplier") is None
    firm = named_facts(nlp, "Brisk Robotics supplies Tenby Freight with sorting arms.")
    assert find(firm, type="supplier", supplier="Brisk Robotics", customer="Tenby Freight")


def test_a_supplier_reporting_its_own_contract(nlp) -> None:
    own = named_facts(
        nlp,
        "Brisk Robotics (LSE: BRSK) said on Tuesday it had signed a four-year, $25 million contract with "
        "Tenby Parcel to supply sorting arms.",
    )
    assert find(own, type="supplier", supplier="Brisk Robotics", customer="Tenby Parcel")
    other = named_facts(
        nlp, "Brisk Robotics said Caddon Logistics had signed a contract with Tenby Parcel to supply vans."
    )
    assert find(other, type="supplier", supplier="Brisk Robotics") is None


def test_rivals_lawsuits_and_hopes_are_no_supply(nlp) -> None:
    for text in (
        "Brisk Robotics competes with Tenby Parcel in Portugal.",
        "Brisk Robotics sued Tenby Parcel over unpaid invoices.",
        "Brisk Robotics hopes to win Tenby Parcel as a customer.",
        "Brisk Robotics counts Tenby Parcel as a rival.",
    ):
        assert find(named_facts(nlp, text), type="supplier") is None, text
    client = named_facts(nlp, "Brisk Robotics, which counts Tenby Parcel as a customer, is hiring.")
    assert find(client, type="supplier", supplier="Brisk Robotics", customer="Tenby Parcel")


def test_a_relative_clause_of_supply_and_one_of_a_sale(nlp) -> None:
    supply = named_facts(nlp, "Orwen Textiles, which supplies uniforms to Caxby Rail, opened a mill.")
    assert find(supply, type="supplier", supplier="Orwen Textiles", customer="Caxby Rail")
    sale = named_facts(nlp, "Orwen Textiles, which sold its dye unit to Caxby Rail, opened a mill.")
    assert find(sale, type="supplier") is None


def test_a_customers_named_supplier_and_its_former_one(nlp) -> None:
    named = named_facts(nlp, "Caxby Rail's signalling supplier Tolmere Systems lifted its forecast.")
    assert find(named, type="supplier", supplier="Tolmere Systems", customer="Caxby Rail")
    former = named_facts(
        nlp, "Tolmere Systems, Caxby Rail's former signalling supplier, lifted its forecast."
    )
    assert find(former, type="supplier") is None


def test_a_biggest_customer_and_a_biggest_rival(nlp) -> None:
    customer = named_facts(nlp, "Tolmere Systems' largest customer, Caxby Rail, delayed its orders.")
    assert find(customer, type="supplier", supplier="Tolmere Systems", customer="Caxby Rail")
    rival = named_facts(nlp, "Tolmere Systems' largest rival, Caxby Rail, delayed its orders.")
    assert find(rival, type="supplier") is None


def test_a_share_of_sales_names_a_customer_and_a_share_of_funding_does_not(nlp) -> None:
    sales = named_facts(nlp, "Tolmere Systems gets 35% of its revenue from Caxby Rail.")
    assert find(sales, type="supplier", supplier="Tolmere Systems", customer="Caxby Rail")
    funding = named_facts(nlp, "Tolmere Systems gets 35% of its funding from Caxby Rail.")
    assert find(funding, type="supplier") is None


def test_supplying_a_company_since_a_year_and_a_place(nlp) -> None:
    firm = named_facts(nlp, "Tolmere Systems has been supplying Caxby Rail since 2018.")
    assert find(firm, type="supplier", supplier="Tolmere Systems", customer="Caxby Rail")
    stopped = named_facts(nlp, "Tolmere Systems stopped supplying Caxby Rail in 2018.")
    assert find(stopped, type="supplier") is None
