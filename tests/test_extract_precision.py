"""Precision: sentences that tempt a rule into a false fact. All names, numbers and wording are invented.

Each test states one phrasing that used to give a wrong fact (wrong company, wrong date, a total read
as a round, a per-share price read as the deal value ...) and checks the fact is absent or right. A test
that checks a fact is absent also checks a minimally different sentence that must give it, so an
extractor that finds nothing fails.
"""

from __future__ import annotations

from typing import Any

import pytest
from extract_helpers import named_facts

from kg.extract import extract_article
from kg.extract.reader import article_from_string


def extract(nlp, text: str, published: str | None = "2024-05-14") -> list[dict[str, Any]]:
    return named_facts(nlp, text, published)


def of_type(facts: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [f for f in facts if f["type"] == kind]


SOLD_MILL = "Harwick Mills finished buying Ostrel Alloys on Thursday.\n\n"


def test_head_of_state_is_not_a_company_officer(nlp):
    facts = extract(
        nlp,
        SOLD_MILL + "The purchase went through a week after President Mara Quint approved it by decree. "
        "Her predecessor, former President Colm Fairley, had vetoed the sale in February.",
    )
    assert not of_type(facts, "role")
    twin = extract(
        nlp,
        SOLD_MILL
        + "The purchase went through a week after Harwick Mills President Mara Quint signed it off.",
    )
    assert [
        f
        for f in of_type(twin, "role")
        if f["person"] == "Mara Quint" and f["organization"] == "Harwick Mills"
    ]


TWO_COMPANY_STORY = (
    "Globex Holdings has completed its takeover of Initech Foods.\n\n"
    "Globex Holdings is the largest brewer in the country. Globex Holdings sells beer in 40 countries.\n\n"
    "Initech Foods makes fizzy water and juices. Initech Foods said sales rose last year.\n\n"
)


def test_title_without_company_in_a_two_company_story_is_not_guessed(nlp):
    facts = extract(nlp, TWO_COMPANY_STORY + "Chief executive Jane Roe said the group would keep the brands.")
    assert not [f for f in of_type(facts, "role") if f["organization"] == "Initech Foods"]
    twin = extract(
        nlp,
        TWO_COMPANY_STORY + "Initech Foods chief executive Jane Roe said the group would keep the brands.",
    )
    assert [
        f for f in of_type(twin, "role") if f["organization"] == "Initech Foods" and f["person"] == "Jane Roe"
    ]


def test_compound_of_two_company_names_is_not_a_persons_surname(nlp):
    doc = extract_article(
        article_from_string(
            "Globex has completed its takeover of Initech.\n\n"
            "Globex will combine Initech with its own brewing arm to create Globex Initech. "
            "Initech's chief executive, Jane Roe, will run the new company.",
            "t",
            "2024-05-14",
        ),
        nlp,
    )
    names = {e.name for e in doc.entities}
    assert {"Globex", "Initech", "Globex Initech"} <= names


def test_total_after_a_backer_joined_belongs_to_the_funded_company(nlp):
    facts = extract(
        nlp,
        "Pendrel, a Leeds-based software maker, has raised $18 million in a Series A round led by Corrib Partners. "
        "Halvard Fund took part as well, taking its total funding to over $31 million.",
    )
    totals = of_type(facts, "funding_total")
    assert totals and all(f["organization"] == "Pendrel" for f in totals)


def test_has_now_raised_is_a_total_not_a_new_round(nlp):
    facts = extract(
        nlp,
        "Pendrel closed a $12 million Series A on Thursday, led by Corrib Partners. "
        "Counting this round, Pendrel has now raised about $47 million.",
    )
    assert not [f for f in of_type(facts, "funding_round") if f.get("amount") == 47_000_000]
    assert [f for f in of_type(facts, "funding_total") if f.get("amount") == 47_000_000]


def test_date_in_an_apposition_does_not_date_the_round(nlp):
    facts = extract(
        nlp,
        "Vessomar, the battery maker that Ruthen Group spun off in 2017, said on Tuesday it had raised "
        "$45 million in its debut outside round.",
    )
    rounds = of_type(facts, "funding_round")
    assert rounds and all(f.get("date") != "2017" for f in rounds)


def test_date_opening_the_sentence_dates_the_round(nlp):
    facts = extract(
        nlp,
        "Later in January, Dunmore Bio, a developer of crop enzymes, completed a $22 million Series A "
        "led by Ashcombe Partners.",
    )
    rounds = of_type(facts, "funding_round")
    assert rounds and rounds[0].get("date") == "2024-01"


def test_planned_purchase_is_not_completed(nlp):
    facts = extract(
        nlp,
        "Harwick Group is still trying to close its proposed $780 million cash purchase of Tessaly Parts, "
        "which makes its brake systems.",
    )
    deals = of_type(facts, "acquisition")
    assert deals and all(f["status"] != "completed" for f in deals)


def test_deal_value_after_a_per_share_price(nlp):
    facts = extract(
        nlp,
        "Corvel Group said on Thursday it would acquire Ardent Ledger, a payroll software firm, "
        "for $14.50 per share, or roughly $1.8 billion in total.",
    )
    deals = of_type(facts, "acquisition")
    assert deals and deals[0].get("amount") == 1_800_000_000
    assert all(f.get("amount") != 14.5 for f in deals)


@pytest.mark.parametrize("former, current", [("former ", False), ("", True)])
def test_former_co_chief_is_not_a_current_chief(nlp, former, current):
    facts = extract(
        nlp,
        f"Among its competitors is Brindle Labs, set up by {former}Harlan Systems co-CEO Tomas Ekberg, "
        "which investors valued at $700 million in 2023.",
    )
    roles = [f for f in of_type(facts, "role") if f["person"] == "Tomas Ekberg"]
    assert roles and all(f.get("current") is current for f in roles)


def test_the_round_brought_total_funding_is_the_round_companys(nlp):
    facts = extract(
        nlp,
        "Osprey Labs secured $90 million in its first external financing, the firm said on Tuesday.\n\n"
        "In a separate deal, Quenby Health raised $48 million in a Series B led by Talland Capital in March. "
        "The round lifted total funding to $131 million and tripled its valuation since 2021.",
    )
    totals = of_type(facts, "funding_total")
    assert totals and all(f["organization"] == "Quenby Health" for f in totals)


def test_total_at_the_time_is_not_the_current_total(nlp):
    then = "In October 2022 Quenby Health raised $27 million in a Series A led by Talland Capital, "
    facts = extract(nlp, then + "which took its total funding to roughly $41 million at the time.")
    assert not [
        f for f in of_type(facts, "funding_total") if f.get("amount") == 41_000_000 and "date" not in f
    ]
    now = "Quenby Health raised $27 million in a Series A led by Talland Capital, "
    twin = extract(nlp, now + "which took its total funding to roughly $41 million.")
    assert [f for f in of_type(twin, "funding_total") if f.get("amount") == 41_000_000]


def test_it_is_not_a_regulator(nlp):
    facts = extract(
        nlp,
        "Harwick Steel has completed its takeover of Ostrel Alloys.\n\n"
        "The Competition Bureau approved the merger in April provided that Mara Quint stepped down from the board. "
        "The Competition Bureau lifted that condition last week.\n\n"
        "The takeover is Harwick Steel's third deal since 2020. It bought Pellow Wire for $300 million in 2022.",
    )
    assert not [f for f in of_type(facts, "acquisition") if f["acquirer"] == "Competition Bureau"]
    assert [
        f
        for f in of_type(facts, "acquisition")
        if f["acquirer"] == "Harwick Steel" and f["target"] == "Pellow Wire"
    ]


def test_exchange_named_after_on_is_not_the_company_raising(nlp):
    facts = extract(
        nlp,
        "Tamberly makes garden tools.\n\n"
        "Tamberly listed on the Korvia Stock Exchange in June 2019, selling shares at $18 each and raising $640 million.",
    )
    rounds = [f for f in of_type(facts, "funding_round") if f.get("amount") == 640_000_000]
    assert rounds and all(f["organization"] == "Tamberly" for f in rounds)


def test_listed_place_is_not_the_target(nlp):
    facts = extract(
        nlp, "Harwick Group agreed in March to buy Frankfurt-listed Ostrel Alloys for roughly €1.4bn."
    )
    deals = of_type(facts, "acquisition")
    assert not [f for f in deals if f["target"] == "Frankfurt"]
    assert [f for f in deals if f["target"] == "Ostrel Alloys"]


def test_succession_without_company_in_a_two_company_story_is_not_guessed(nlp):
    facts = extract(nlp, TWO_COMPANY_STORY + "Mara Quint took over from Colm Fairley as chair in April.")
    assert not [f for f in of_type(facts, "role") if f["organization"] == "Initech Foods"]
    twin = extract(
        nlp, TWO_COMPANY_STORY + "Mara Quint took over from Colm Fairley as chair of Initech Foods in April."
    )
    assert [
        f
        for f in of_type(twin, "role")
        if f["organization"] == "Initech Foods" and f["person"] == "Mara Quint"
    ]


@pytest.mark.parametrize(
    "where, is_valuation", [("on the stock market", False), ("in its last funding round", True)]
)
def test_market_value_on_the_stock_market_is_not_a_valuation(nlp, where, is_valuation):
    facts = extract(
        nlp,
        "Harwick Mills and Ostrel Alloys have broken off merger discussions, two people briefed on the talks said. "
        f"Harwick Mills had been negotiating for Ostrel Alloys, a company valued at roughly $4 billion {where}.",
    )
    found = [f for f in of_type(facts, "valuation") if f.get("amount") == 4_000_000_000]
    assert bool(found) is is_valuation


def test_company_that_raises_money_is_not_a_product(nlp):
    doc = extract_article(
        article_from_string(
            "Pello raises $300m to take its electric ferries to new routes\n\n"
            "Pello, the marine arm of Harwick Group, has secured $300 million in a round led by its parent.\n\n"
            "The round values Pello at over $2 billion. It is now run by joint chief executives Mara Quint and "
            "Colm Fairley.\n\n"
            "The company's ferry service, Pello Wave, now carries 5,000 passengers a day. "
            "Pello's service and the Pello fleet will grow, and Pello's app will get new features.",
            "t",
            "2024-05-14",
        ),
        nlp,
    )
    types = {e.name: e.type for e in doc.entities}
    assert types.get("Pello") == "Organization"
    names = {e.id: e.name for e in doc.entities}
    roles = [f for f in doc.facts if f.type == "role"]
    assert roles and all(names[f.roles["organization"]] != "Harwick Group" for f in roles)


def test_name_after_code_editor_is_a_product(nlp):
    doc = extract_article(
        article_from_string(
            "Brightloom, which builds the code editor Quillpad in Dublin, closed a $50 million Series B "
            "led by Corrib Partners.\n\n"
            "The round values the company at $900 million, a person briefed on the deal said.",
            "t",
            "2024-05-14",
        ),
        nlp,
    )
    types = {e.name: e.type for e in doc.entities}
    assert types.get("Quillpad") == "Product"
    names = {e.id: e.name for e in doc.entities}
    valuations = [f for f in doc.facts if f.type == "valuation"]
    assert valuations and all(names[f.roles["organization"]] == "Brightloom" for f in valuations)


def test_the_startup_is_the_last_sentences_subject_in_a_roundup(nlp):
    facts = extract(
        nlp,
        "This week's deals\n\n"
        "- **Harwick.** Harwick Mills will buy Ostrel Alloys for roughly $6 billion, it said on Thursday. "
        "Mara Quint, Harwick Mills's chief executive, said the two fit well together. "
        "Harwick Mills also bought a wire maker in 2020.\n\n"
        "- **Brightloom.** Brightloom Labs, which builds the testing assistant Quill, secured $175 million at a "
        "$2 billion valuation from investors led by Corrib Partners. "
        "The startup also raised $21 million from that investor back in February.\n",
        published="2024-04-26",
    )
    rounds = [f for f in of_type(facts, "funding_round") if f.get("amount") == 21_000_000]
    assert rounds and all(f["organization"] == "Brightloom Labs" for f in rounds)


def test_undated_talks_take_the_month_of_the_report(nlp):
    facts = extract(
        nlp,
        "Harwick Mills and Ostrel Alloys have ended their talks without a deal, people familiar with the matter "
        "said. Harwick Mills had been in late-stage talks to acquire Ostrel Alloys.",
        published="2024-04-26",
    )
    talks = [f for f in of_type(facts, "acquisition") if f["status"] == "in_talks"]
    assert talks and all(f.get("date") == "2024-04" for f in talks)


def test_the_round_values_takes_the_rounds_date_not_a_later_clauses(nlp):
    facts = extract(
        nlp,
        "Brightloom, a Cork-based startup, has secured $70 million in a Series B led by Corrib Partners.\n\n"
        "The round values the three-year-old firm at $1.1 billion, two people with knowledge of it said, "
        "more than three times the $300 million valuation it received in June, when it raised $25 million "
        "in a Series A.",
        published="2025-01-14",
    )
    big = [f for f in of_type(facts, "valuation") if f.get("amount") == 1_100_000_000]
    assert big and all(f.get("date") != "2024-06" for f in big)
