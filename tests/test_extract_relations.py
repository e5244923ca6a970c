"""Each fact type and its conventions, on sentences written for these tests (fictional companies)."""

from __future__ import annotations

from typing import Any

import pytest

from kg.extract import extract_article
from kg.extract.reader import article_from_string


def extract(nlp, text: str, published: str | None = None) -> list[dict[str, Any]]:
    """Facts with entity names in place of ids, for readable assertions."""
    doc = extract_article(article_from_string(text, "t", published), nlp)
    names = {e.id: e.name for e in doc.entities}
    return [{"type": f.type, **{k: names[v] for k, v in f.roles.items()}, **f.values} for f in doc.facts]


def find(facts: list[dict[str, Any]], **want: Any) -> dict[str, Any] | None:
    """The first fact whose fields include ``want`` (names compared case-insensitively)."""
    for fact in facts:
        if all(str(fact.get(k, "")).lower() == str(v).lower() for k, v in want.items()):
            return fact
    return None


def test_investment_with_amount_date_and_status(nlp):
    facts = extract(
        nlp, "In March 2022, Norland Capital invested $40 million in robotics startup Brightwave."
    )
    fact = find(facts, type="investment", investor="Norland Capital", investee="Brightwave")
    assert fact is not None
    assert fact["amount"] == 40_000_000 and fact["currency"] == "USD"
    assert fact["date"] == "2022-03"
    assert fact["status"] == "completed"


def test_planned_investment_is_announced_not_completed(nlp):
    facts = extract(
        nlp, "Harlow Motors said on Tuesday it would invest €120m in battery maker Cellora.", "2024-02-06"
    )
    fact = find(facts, type="investment", investor="Harlow Motors", investee="Cellora")
    assert fact is not None
    assert fact["status"] == "announced"
    assert fact["amount"] == 120_000_000 and fact["currency"] == "EUR"
    assert fact["date"] == "2024-02-06"


def test_led_by_with_participation_gives_round_and_one_investment_per_investor(nlp):
    text = (
        "Quillmark, a London-based payments start-up, has raised $85 million in a Series B round led by "
        "Tarrow Ventures, with participation from Eastgate Capital and Morrow Partners."
    )
    facts = extract(nlp, text, "2023-05-10")
    rnd = find(facts, type="funding_round", organization="Quillmark")
    assert rnd is not None and rnd["amount"] == 85_000_000 and rnd["round"] == "Series B"
    investors = {f["investor"] for f in facts if f["type"] == "investment" and f["investee"] == "Quillmark"}
    assert investors == {"Tarrow Ventures", "Eastgate Capital", "Morrow Partners"}
    assert all(f["round"] == "Series B" for f in facts if f["type"] == "investment")


def test_round_participants_in_a_following_sentence(nlp):
    text = (
        "Vantorix has raised $30 million in a Series A funding round. "
        "The round was led by Halden Capital. Pellham Ventures and Orrin Partners also took part."
    )
    facts = extract(nlp, text)
    investors = {f["investor"] for f in facts if f["type"] == "investment"}
    assert investors == {"Halden Capital", "Pellham Ventures", "Orrin Partners"}


def test_secondary_sale_names_the_seller(nlp):
    text = (
        "Kestrel Holdings has agreed to sell $200 million worth of shares in Lumina Bio to a group of buyers, "
        "including Ashford Partners and Greyline Capital."
    )
    facts = extract(nlp, text)
    fact = find(facts, type="investment", investor="Ashford Partners", investee="Lumina Bio")
    assert fact is not None and fact["seller"] == "Kestrel Holdings"


def test_valuation_and_total_raised(nlp):
    text = (
        "Lending start-up Corvane raised $50 million at a valuation of $1.2 billion. "
        "The company has raised a total of $140 million over four rounds."
    )
    facts = extract(nlp, text)
    assert find(facts, type="valuation", organization="Corvane", amount=1_200_000_000) is not None
    total = find(facts, type="funding_total", organization="Corvane")
    assert total is not None and total["amount"] == 140_000_000 and total["rounds"] == 4


def test_acquisition_completed_with_amount_and_date(nlp):
    facts = extract(
        nlp, "Dalton Systems completed its $2.1 billion acquisition of Fenwick Labs on 3 June 2021."
    )
    fact = find(facts, type="acquisition", acquirer="Dalton Systems", target="Fenwick Labs")
    assert fact is not None
    assert fact["amount"] == 2_100_000_000 and fact["date"] == "2021-06-03" and fact["status"] == "completed"


def test_acquisition_agreed_is_announced(nlp):
    facts = extract(nlp, "Marlow Group has agreed to buy Pinecrest Software for $600 million.")
    fact = find(facts, type="acquisition", acquirer="Marlow Group", target="Pinecrest Software")
    assert fact is not None and fact["status"] == "announced" and fact["amount"] == 600_000_000


def test_acquisition_in_talks(nlp):
    facts = extract(
        nlp, "Ostrava Media was reported to be in talks to buy Whitfield Games last year.", "2020-06-01"
    )
    fact = find(facts, type="acquisition", acquirer="Ostrava Media", target="Whitfield Games")
    assert fact is not None and fact["status"] == "in_talks"


def test_founders_with_year(nlp):
    facts = extract(nlp, "Brightwave was founded in 2016 by Lena Okafor and Tomas Reyes.")
    founders = {f["founder"] for f in facts if f["type"] == "founded" and f["organization"] == "Brightwave"}
    assert founders == {"Lena Okafor", "Tomas Reyes"}
    assert all(f["date"] == "2016" for f in facts if f["type"] == "founded")


def test_roles_with_titles_before_and_after_names_and_former_roles(nlp):
    text = (
        "Halvorsen Energy chief executive Marta Lindqvist said the deal was good. "
        "Peter Okonjo, Corvane's chief financial officer, agreed. "
        "Anna Berg, a former Tessel researcher, joined the board."
    )
    facts = extract(nlp, text)
    before = find(facts, type="role", person="Marta Lindqvist", organization="Halvorsen Energy")
    after = find(facts, type="role", person="Peter Okonjo", organization="Corvane")
    former = find(facts, type="role", person="Anna Berg", organization="Tessel")
    assert before is not None and before["current"] is True
    assert after is not None and after["title"] == "chief financial officer"
    assert former is not None and former["current"] is False


def test_cofounder_and_chief_executive_gives_founding_and_role(nlp):
    facts = extract(nlp, "Ravi Menon, co-founder and chief executive of Quillmark, declined to comment.")
    assert find(facts, type="founded", organization="Quillmark", founder="Ravi Menon") is not None
    role = find(facts, type="role", person="Ravi Menon", organization="Quillmark")
    assert role is not None and role["title"] == "chief executive"


def test_products_of_an_organisation(nlp):
    text = "Orbitel, the start-up behind the chatbot Wisp, also makes the Lantern 2 model."
    facts = extract(nlp, text)
    assert find(facts, type="product", organization="Orbitel", product="Wisp") is not None
    assert find(facts, type="product", organization="Orbitel", product="Lantern 2") is not None


def test_uses_a_product(nlp):
    facts = extract(nlp, "Analytics firm Corvane will use Stratus X9 chips to train its models.")
    assert find(facts, type="uses", user="Corvane", product="Stratus X9") is not None


def test_supplier_cloud_provider(nlp):
    facts = extract(nlp, "Nimbra is also Corvane's primary cloud provider.")
    fact = find(facts, type="supplier", supplier="Nimbra", customer="Corvane")
    assert fact is not None and fact["what"] == "cloud"


def test_subsidiary_from_apposition(nlp):
    facts = extract(nlp, "Tarrow Ventures, the investment arm of Tarrow Industries, joined the round.")
    assert find(facts, type="subsidiary", parent="Tarrow Industries", child="Tarrow Ventures") is not None


def test_partnership(nlp):
    facts = extract(
        nlp, "Brightwave signed a collaboration agreement with Halden Robotics to build warehouse robots."
    )
    assert find(facts, type="partnership", party_a="Brightwave", party_b="Halden Robotics") or find(
        facts, type="partnership", party_a="Halden Robotics", party_b="Brightwave"
    )


def test_stake_percent(nlp):
    facts = extract(
        nlp, "In 2019, Ashford Partners acquired a 15 percent stake in Lumina Bio for $90 million."
    )
    fact = find(facts, type="investment", investor="Ashford Partners", investee="Lumina Bio")
    assert fact is not None and fact["stake_percent"] == 15 and fact["amount"] == 90_000_000


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Ostrava Media pledged up to $300 million to Whitfield Games.", "pledged"),
        ("Ostrava Media plans to invest $300 million in Whitfield Games.", "planned"),
    ],
)
def test_status_from_verbs_and_modals(nlp, sentence, status):
    fact = find(
        extract(nlp, sentence), type="investment", investor="Ostrava Media", investee="Whitfield Games"
    )
    assert fact is not None and fact["status"] == status
