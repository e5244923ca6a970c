"""Precision: sentences that tempt a rule into a false fact. All names and numbers are invented.

Each test states one phrasing that used to give a wrong fact (wrong company, wrong date, a total read
as a round, a per-share price read as the deal value ...) and checks the fact is absent or right.
"""

from __future__ import annotations

from typing import Any

from extract_helpers import named_facts

from kg.extract import extract_article
from kg.extract.reader import article_from_string


def extract(nlp, text: str, published: str | None = "2024-05-14") -> list[dict[str, Any]]:
    return named_facts(nlp, text, published)


def of_type(facts: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [f for f in facts if f["type"] == kind]


def test_head_of_state_is_not_a_company_officer(nlp):
    facts = extract(
        nlp,
        "Globex Steel completed its purchase of Initech Metals on Friday.\n\n"
        "The deal closed days after President Jane Roe signed an order approving it. "
        "Former President John Doe had blocked the takeover in January.",
    )
    assert not of_type(facts, "role")


def test_title_without_company_in_a_two_company_story_is_not_guessed(nlp):
    facts = extract(
        nlp,
        "Globex Holdings has completed its takeover of Initech Foods.\n\n"
        "Globex Holdings is the largest brewer in the country. Globex Holdings sells beer in 40 countries.\n\n"
        "Initech Foods makes fizzy water and juices. Initech Foods said sales rose last year.\n\n"
        "Chief executive Jane Roe said the group would keep the brands.",
    )
    assert not [f for f in of_type(facts, "role") if f["organization"] == "Initech Foods"]


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
        "Initech, a Denver-based startup, has raised $40 million in a Series B round led by Globex Capital. "
        "Acme Ventures also participated, bringing its total funding to more than $65 million.",
    )
    totals = of_type(facts, "funding_total")
    assert totals and all(f["organization"] == "Initech" for f in totals)


def test_has_now_raised_is_a_total_not_a_new_round(nlp):
    facts = extract(
        nlp,
        "Initech raised $30 million in a Series C round led by Globex Capital on Tuesday. "
        "With the new money, Initech has now raised roughly $95 million.",
    )
    assert not [f for f in of_type(facts, "funding_round") if f.get("amount") == 95_000_000]
    assert [f for f in of_type(facts, "funding_total") if f.get("amount") == 95_000_000]


def test_date_in_an_apposition_does_not_date_the_round(nlp):
    facts = extract(
        nlp,
        "On Monday, Initech, the robotics company spun out of Globex in 2019, said it had raised "
        "$70 million in its first outside funding round.",
    )
    rounds = of_type(facts, "funding_round")
    assert rounds and all(f.get("date") != "2019" for f in rounds)


def test_date_opening_the_sentence_dates_the_round(nlp):
    facts = extract(
        nlp,
        "Also in January, Initech, which makes warehouse robots, closed a $50 million Series B led by Globex Capital.",
    )
    rounds = of_type(facts, "funding_round")
    assert rounds and rounds[0].get("date") == "2024-01"


def test_planned_purchase_is_not_completed(nlp):
    facts = extract(
        nlp,
        "Globex Aerospace is also working to close its planned $2.5 billion all-stock purchase of Initech, "
        "the supplier that builds its engines.",
    )
    deals = of_type(facts, "acquisition")
    assert deals and all(f["status"] != "completed" for f in deals)


def test_deal_value_after_a_per_share_price(nlp):
    facts = extract(
        nlp,
        "Globex agreed on Wednesday to buy Initech, the maker of billing software, for $20 a share in cash, "
        "or about $3.1 billion.",
    )
    deals = of_type(facts, "acquisition")
    assert deals and deals[0].get("amount") == 3_100_000_000
    assert all(f.get("amount") != 20 for f in deals)


def test_former_co_chief_is_not_a_current_chief(nlp):
    facts = extract(
        nlp,
        "Initech competes with rivals such as Acme, the startup co-founded by former Globex co-CEO Jane Roe, "
        "which was valued at $2 billion last year.",
    )
    assert not [f for f in of_type(facts, "role") if f["person"] == "Jane Roe" and f.get("current")]


def test_the_round_brought_total_funding_is_the_round_companys(nlp):
    facts = extract(
        nlp,
        "Acme Robotics raised $600 million in its first outside funding round, the company said on Monday.\n\n"
        "Separately, Initech raised $125 million in a Series C led by Globex Capital in February. "
        "The round more than doubled its valuation from 2022 and brought total funding to $272 million.",
    )
    totals = of_type(facts, "funding_total")
    assert totals and all(f["organization"] == "Initech" for f in totals)


def test_total_at_the_time_is_not_the_current_total(nlp):
    facts = extract(
        nlp,
        "In May 2023 Initech raised $66 million in a Series B led by Globex Capital, "
        "which took its total funding to about $98 million at the time.",
    )
    assert not [
        f for f in of_type(facts, "funding_total") if f.get("amount") == 98_000_000 and "date" not in f
    ]


def test_it_is_not_a_regulator(nlp):
    facts = extract(
        nlp,
        "Globex Energy has completed its takeover of Initech Oil.\n\n"
        "The Federal Trade Commission had cleared the deal last September on condition that Jane Roe "
        "did not join the board. The Federal Trade Commission withdrew that order this month.\n\n"
        "The takeover is Globex Energy's second big purchase in two years. It bought Acme Gas for $1 billion in 2021.",
    )
    assert not [f for f in of_type(facts, "acquisition") if f["acquirer"] == "Federal Trade Commission"]
    assert [
        f
        for f in of_type(facts, "acquisition")
        if f["acquirer"] == "Globex Energy" and f["target"] == "Acme Gas"
    ]


def test_exchange_named_after_on_is_not_the_company_raising(nlp):
    facts = extract(
        nlp,
        "Initech delivers groceries in 30 cities.\n\n"
        "Initech went public on the Globex Stock Exchange in December 2020, pricing shares at $50 and raising $2.1 billion.",
    )
    rounds = [f for f in of_type(facts, "funding_round") if f.get("amount") == 2_100_000_000]
    assert rounds and all(f["organization"] == "Initech" for f in rounds)


def test_listed_place_is_not_the_target(nlp):
    facts = extract(
        nlp, "Last month Globex Holdings agreed to buy London-listed Initech Group for about £2.9bn."
    )
    assert not [f for f in of_type(facts, "acquisition") if f["target"] == "London"]


def test_succession_without_company_in_a_two_company_story_is_not_guessed(nlp):
    facts = extract(
        nlp,
        "Globex Holdings has completed its takeover of Initech Foods.\n\n"
        "Globex Holdings is the largest brewer in the country. Globex Holdings sells beer in 40 countries.\n\n"
        "Initech Foods makes fizzy water and juices. Initech Foods said sales rose last year.\n\n"
        "Jane Roe replaced John Doe as chair in March.",
    )
    assert not [f for f in of_type(facts, "role") if f["organization"] == "Initech Foods"]


def test_market_value_on_the_stock_market_is_not_a_valuation(nlp):
    facts = extract(
        nlp,
        "Talks between Globex and Initech ended without an agreement, people familiar with the matter said. "
        "Globex had been in advanced talks to buy the company, which was valued at about $9 billion on the stock market.",
    )
    assert not [f for f in of_type(facts, "valuation") if f.get("amount") == 9_000_000_000]


def test_company_that_raises_money_is_not_a_product(nlp):
    doc = extract_article(
        article_from_string(
            "Initech raises $900m to take its delivery drones to more cities\n\n"
            "Initech, the drone unit of Globex, has raised $900 million in a funding round led by its parent company.\n\n"
            "The round values Initech at more than $8 billion. It is now run by co-CEOs Jane Roe and John Doe.\n\n"
            "The company's drone service, Initech Air, now flies 10,000 parcels a week. "
            "Initech's service and the Initech fleet will grow, and Initech's app will get new features.",
            "t",
            "2024-05-14",
        ),
        nlp,
    )
    types = {e.name: e.type for e in doc.entities}
    assert types.get("Initech") == "Organization"
    names = {e.id: e.name for e in doc.entities}
    roles = [f for f in doc.facts if f.type == "role"]
    assert all(names[f.roles["organization"]] != "Globex" for f in roles)


def test_name_after_code_editor_is_a_product(nlp):
    doc = extract_article(
        article_from_string(
            "Initech, a Boston-based startup that makes the AI-powered code editor Quillpad, has raised $50 million "
            "in a Series B round led by Globex Capital.\n\n"
            "The round values the company at $900 million, according to a person familiar with the matter.",
            "t",
            "2024-05-14",
        ),
        nlp,
    )
    types = {e.name: e.type for e in doc.entities}
    assert types.get("Quillpad") == "Product"
    names = {e.id: e.name for e in doc.entities}
    valuations = [f for f in doc.facts if f.type == "valuation"]
    assert valuations and all(names[f.roles["organization"]] == "Initech" for f in valuations)


def test_the_startup_is_the_last_sentences_subject_in_a_roundup(nlp):
    facts = extract(
        nlp,
        "Deals of the week\n\n"
        "- **Acme.** Acme Corp agreed on Wednesday to buy Hooli Systems for about $6 billion. Acme Corp chief "
        "executive Jane Roe called the purchase a natural fit. Acme Corp bought another software maker in 2019.\n\n"
        "- **Initech.** Initech Labs, the maker of the coding agent Quill, raised $175 million at a $2 billion "
        "valuation in a round led by Globex Capital. The startup raised $21 million from the same investor in March.\n",
        published="2024-04-26",
    )
    rounds = [f for f in of_type(facts, "funding_round") if f.get("amount") == 21_000_000]
    assert rounds and all(f["organization"] == "Initech Labs" for f in rounds)


def test_undated_talks_take_the_month_of_the_report(nlp):
    facts = extract(
        nlp,
        "Talks between Globex and Initech ended without an agreement, people familiar with the matter said. "
        "Globex had been in advanced talks to buy Initech.",
        published="2024-04-26",
    )
    talks = [f for f in of_type(facts, "acquisition") if f["status"] == "in_talks"]
    assert talks and all(f.get("date") == "2024-04" for f in talks)


def test_the_round_values_takes_the_rounds_date_not_a_later_clauses(nlp):
    facts = extract(
        nlp,
        "Initech, a Boston-based startup, has raised $105 million in a Series B round led by Globex Capital.\n\n"
        "The round values the two-year-old company at $2.6 billion, according to a person familiar with the matter, "
        "more than six times the $400 million valuation it fetched in August, when it raised $60 million "
        "in a Series A.",
        published="2025-01-14",
    )
    big = [f for f in of_type(facts, "valuation") if f.get("amount") == 2_600_000_000]
    assert big and all(f.get("date") != "2024-08" for f in big)
