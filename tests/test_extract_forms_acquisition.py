"""Acquisition forms of real news: the price among other money, the buyers and targets of lists,
the date of a deal agreed or offered. Each case is paired: the form that must give the fact and a
near form that must not. Names and wording are invented."""

from __future__ import annotations

from extract_helpers import find, named_facts

DAY = "2025-03-10"  # a Monday


def test_the_price_is_the_cash_and_stock_not_the_debt_taken_on(nlp) -> None:
    facts = named_facts(
        nlp,
        "Tavernier Pumps agreed to acquire Olsberg Valves for $410 million in cash and shares, "
        "plus the assumption of $95 million of debt.",
        DAY,
    )
    assert find(
        facts, type="acquisition", acquirer="Tavernier Pumps", target="Olsberg Valves", amount=410_000_000
    )
    assert find(facts, type="acquisition", amount=95_000_000) is None


def test_a_target_that_accepts_an_offer_is_being_bought(nlp) -> None:
    facts = named_facts(nlp, "Olsberg Valves accepts Tavernier Pumps' sweetened offer of $2.1 billion", DAY)
    deal = find(
        facts, type="acquisition", acquirer="Tavernier Pumps", target="Olsberg Valves", amount=2_100_000_000
    )
    assert deal is not None and deal["date"] == DAY
    rejected = named_facts(
        nlp, "Olsberg Valves rejects Tavernier Pumps' sweetened offer of $2.1 billion", DAY
    )
    assert find(rejected, type="acquisition") is None


def test_a_tender_offer_unveiled_with_a_converted_amount(nlp) -> None:
    facts = named_facts(
        nlp,
        "Kurogane Holdings unveiled a 12 billion yen ($80 million) tender offer to acquire Saikawa Tools.",
        DAY,
    )
    assert find(
        facts, type="acquisition", acquirer="Kurogane Holdings", target="Saikawa Tools", amount=12_000_000_000
    )
    other = named_facts(
        nlp, "Kurogane Holdings said Saikawa Tools will launch a tender offer for its shares.", DAY
    )
    assert find(other, type="acquisition", acquirer="Kurogane Holdings") is None


def test_shares_issued_to_buy_a_company_are_its_price(nlp) -> None:
    facts = named_facts(
        nlp,
        "Brindle Mining is issuing some $300 million of new stock to buy Carrow Lithium.",
        DAY,
    )
    assert find(
        facts, type="acquisition", acquirer="Brindle Mining", target="Carrow Lithium", amount=300_000_000
    )
    back = named_facts(nlp, "Brindle Mining spent $300 million to buy back shares from Carrow Lithium.", DAY)
    assert find(back, type="acquisition") is None


def test_bought_by_a_buyer_at_a_price(nlp) -> None:
    facts = named_facts(
        nlp,
        "Pellam Stores, which two founders left after it was bought by Ardmore Retail at $85 million in 2016, is growing.",
    )
    deal = find(
        facts, type="acquisition", acquirer="Ardmore Retail", target="Pellam Stores", amount=85_000_000
    )
    assert deal is not None and deal["date"] == "2016"
    per_share = named_facts(nlp, "Pellam Stores was bought by Ardmore Retail at $4 a share.")
    assert find(per_share, type="acquisition", amount=4) is None


def test_a_total_after_the_price_per_share(nlp) -> None:
    facts = named_facts(
        nlp, "Brindle Mining will pay $24 a share, or about $1.3 billion, for Carrow Lithium.", DAY
    )
    assert find(
        facts, type="acquisition", acquirer="Brindle Mining", target="Carrow Lithium", amount=1_300_000_000
    )
    assert find(facts, type="acquisition", amount=24) is None


def test_an_amount_offered_or_bid_for_a_company(nlp) -> None:
    facts = named_facts(nlp, "Brindle Mining bid $650 million for Carrow Lithium.", DAY)
    assert find(
        facts, type="acquisition", acquirer="Brindle Mining", target="Carrow Lithium", amount=650_000_000
    )
    stake = named_facts(nlp, "Brindle Mining bid $65 million for a stake in Carrow Lithium.", DAY)
    assert find(stake, type="acquisition") is None


def test_a_merger_agreement_signed_with_a_company(nlp) -> None:
    facts = named_facts(
        nlp, "Brindle Mining signed a $1.1 billion merger agreement with Carrow Lithium late on Tuesday.", DAY
    )
    assert find(
        facts, type="acquisition", acquirer="Brindle Mining", target="Carrow Lithium", amount=1_100_000_000
    )
    supply = named_facts(
        nlp, "Brindle Mining signed a $1.1 billion supply agreement with Carrow Lithium late on Tuesday.", DAY
    )
    assert find(supply, type="acquisition") is None


def test_two_buyers_take_a_company_private(nlp) -> None:
    facts = named_facts(
        nlp, "Halvard Partners and Mossgate agreed to take Carrow Lithium private for $700 million.", DAY
    )
    for buyer in ("Halvard Partners", "Mossgate"):
        assert find(facts, type="acquisition", acquirer=buyer, target="Carrow Lithium", amount=700_000_000)
    described = named_facts(
        nlp,
        "Buyout firms Halvard Partners and Mossgate will take the ore trader private under terms valuing Carrow Lithium at $1.5 billion.",
        DAY,
    )
    assert find(described, type="acquisition", acquirer="Mossgate", target="Carrow Lithium")
    private = named_facts(
        nlp, "Halvard Partners and Mossgate agreed to keep Carrow Lithium private for now.", DAY
    )
    assert find(private, type="acquisition") is None


def test_past_purchases_listed_by_kind(nlp) -> None:
    facts = named_facts(
        nlp,
        "Since 2015, Brindle Mining has added companies such as Carrow Lithium, Dulwick Ores and Pennel Quarries.",
        DAY,
    )
    for target in ("Carrow Lithium", "Dulwick Ores", "Pennel Quarries"):
        deal = find(facts, type="acquisition", acquirer="Brindle Mining", target=target)
        assert deal is not None and deal.get("date") != DAY
    customers = named_facts(
        nlp,
        "Brindle Mining has added customers such as Carrow Lithium, Dulwick Ores and Pennel Quarries.",
        DAY,
    )
    assert find(customers, type="acquisition") is None


def test_targets_listed_after_the_first(nlp) -> None:
    facts = named_facts(
        nlp,
        "Brindle Mining has bought businesses including Carrow Lithium, Dulwick Ores and Pennel Quarries.",
        DAY,
    )
    assert find(facts, type="acquisition", acquirer="Brindle Mining", target="Pennel Quarries")
    rivals = named_facts(
        nlp, "Brindle Mining bought Carrow Lithium, and Dulwick Ores and Pennel Quarries cut prices.", DAY
    )
    assert find(rivals, type="acquisition", target="Pennel Quarries") is None


def test_a_deal_is_dated_when_agreed_not_when_it_is_to_close(nlp) -> None:
    facts = named_facts(
        nlp, "Brindle Mining agreed to buy Carrow Lithium, with the deal set to close in April 2026.", DAY
    )
    deal = find(facts, type="acquisition", acquirer="Brindle Mining", target="Carrow Lithium")
    assert deal is not None and deal["date"] == DAY
    past = named_facts(nlp, "Brindle Mining agreed to buy Carrow Lithium in April 2024.", DAY)
    assert find(past, type="acquisition", target="Carrow Lithium", date="2024-04")


def test_an_offer_window_does_not_date_the_deal(nlp) -> None:
    facts = named_facts(
        nlp, "In an offer running from March 12 to April 9, Brindle Mining will buy Carrow Lithium.", DAY
    )
    deal = find(facts, type="acquisition", acquirer="Brindle Mining", target="Carrow Lithium")
    assert deal is not None and deal["date"] == DAY


def test_a_possessive_weekday_does_not_date_the_deal(nlp) -> None:
    facts = named_facts(
        nlp, "Brindle Mining agreed to buy Carrow Lithium at a premium to Friday's closing price.", DAY
    )
    deal = find(facts, type="acquisition", acquirer="Brindle Mining", target="Carrow Lithium")
    assert deal is not None and deal["date"] == DAY
    dated = named_facts(nlp, "Brindle Mining agreed on Friday to buy Carrow Lithium.", DAY)
    assert find(dated, type="acquisition", target="Carrow Lithium", date="2025-03-07")


def test_the_price_put_at_an_amount_in_the_next_sentence(nlp) -> None:
    facts = named_facts(
        nlp, "Brindle Mining will buy Carrow Lithium. The purchase price is put at $90 million.", DAY
    )
    assert find(
        facts, type="acquisition", acquirer="Brindle Mining", target="Carrow Lithium", amount=90_000_000
    )
    rent = named_facts(
        nlp, "Brindle Mining will buy Carrow Lithium. The office rent is put at $90 million.", DAY
    )
    assert find(rent, type="acquisition", amount=90_000_000) is None


def test_headline_verbs_of_buying(nlp) -> None:
    for text in (
        "Fennick Tools picks up Ardley Castings for $55 million",
        "Fennick Tools swallows Ardley Castings in $55 million deal",
        "Fennick Tools scoops up Ardley Castings for $55 million",
    ):
        facts = named_facts(nlp, text, DAY)
        assert find(
            facts, type="acquisition", acquirer="Fennick Tools", target="Ardley Castings", amount=55_000_000
        ), text
    orders = named_facts(nlp, "Fennick Tools picked up orders from Ardley Castings last year.", DAY)
    assert find(orders, type="acquisition") is None
    # control may come with a majority stake, which is an investment: no acquisition from "control of"
    control = named_facts(nlp, "Fennick Tools took control of Ardley Castings' marketing.", DAY)
    assert find(control, type="acquisition", target="Ardley Castings") is None


def test_a_company_sold_to_a_buyer(nlp) -> None:
    facts = named_facts(nlp, "Ardley Castings has been sold to Fennick Tools for $55 million.", DAY)
    assert find(
        facts, type="acquisition", acquirer="Fennick Tools", target="Ardley Castings", amount=55_000_000
    )
    goods = named_facts(nlp, "The valves Ardley Castings sold to Fennick Tools last year were faulty.", DAY)
    assert find(goods, type="acquisition") is None


def test_a_target_agrees_to_a_takeover_by_a_buyer(nlp) -> None:
    facts = named_facts(nlp, "Ardley Castings agreed to a $55 million takeover by Fennick Tools.", DAY)
    assert find(
        facts, type="acquisition", acquirer="Fennick Tools", target="Ardley Castings", amount=55_000_000
    )
    rejected = named_facts(nlp, "Ardley Castings rejected a $55 million takeover by Fennick Tools.", DAY)
    assert find(rejected, type="acquisition", status="announced") is None


def test_a_target_described_with_two_joined_words(nlp) -> None:
    facts = named_facts(
        nlp,
        "Fennick Tools has agreed to acquire German pump and valve maker Ardley Castings for $55 million.",
        DAY,
    )
    assert find(
        facts, type="acquisition", acquirer="Fennick Tools", target="Ardley Castings", amount=55_000_000
    )
    goods = named_facts(
        nlp, "Fennick Tools has agreed to acquire pumps and Ardley Castings will supply valves.", DAY
    )
    assert find(goods, type="acquisition", target="Ardley Castings") is None
