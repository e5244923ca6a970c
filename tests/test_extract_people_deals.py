"""Roles, foundings, acquisitions and entity typing on sentences written the way outlets write them.

All names are invented. Each test states one phrasing a wire story, a newspaper or a press
release uses; the rules must read it from general vocabulary and word order.
"""

from __future__ import annotations

from typing import Any

import pytest
from extract_helpers import find, named_facts

from kg.extract import extract_article
from kg.extract.reader import article_from_string


def run(nlp, text: str, published: str | None = "2024-05-14"):
    return extract_article(article_from_string(text, "t", published), nlp)


def extract(nlp, text: str, published: str | None = "2024-05-14") -> list[dict[str, Any]]:
    return named_facts(nlp, text, published)


def has_role(facts, person: str, org: str) -> bool:
    return find(facts, type="role", person=person, organization=org) is not None


def entity_type(doc, name: str) -> str | None:
    for e in doc.entities:
        if e.name == name or name in e.aliases:
            return e.type
    return None


# ------------------------------------------------------------------ roles ---


def test_press_release_appointment(nlp):
    facts = extract(
        nlp,
        "Globex Corporation today announced the appointment of Jane Roe as chief financial officer, "
        "effective June 1.",
    )
    assert has_role(facts, "Jane Roe", "Globex Corporation")


def test_company_named_its_officer_as_interim_chief(nlp):
    facts = extract(
        nlp,
        "Quarrel Foods shares slid 6% on Wednesday. Quarrel Foods named its head of operations, Tomas Berg, "
        "as acting chief executive.",
    )
    assert has_role(facts, "Tomas Berg", "Quarrel Foods")


def test_person_was_appointed_title_of_org(nlp):
    facts = extract(nlp, "Maria Keller was appointed chief executive of Vandelay Industries in March.")
    assert has_role(facts, "Maria Keller", "Vandelay Industries")


def test_press_release_title_case_with_degree(nlp):
    facts = extract(
        nlp,
        'John Doe, Ph.D., Chief Executive Officer of Hooli Therapeutics, said: "We are pleased."',
    )
    assert has_role(facts, "John Doe", "Hooli Therapeutics")


def test_possessive_with_bare_apostrophe_and_age(nlp):
    facts = extract(
        nlp,
        "Umbrella Brands confirmed the hire on Monday. "
        "Priya Nair, 52, will become Umbrella Brands' president and chief executive in October.",
    )
    assert has_role(facts, "Priya Nair", "Umbrella Brands")


@pytest.mark.parametrize(
    "text",
    [
        "Corvane, which sells tax software, is run by its founders. Lena Vogt and Omar Haddad, its co-chief "
        "executives, set it up in 2020.",
        pytest.param(
            "Corvane, which sells tax software, is run by its founders. Lena Vogt and Omar Haddad are both "
            "co-chief executives.",
            marks=pytest.mark.xfail(
                reason="a title shared by two people as the predicate ('A and B are both co-chief executives') "
                "gives no role",
                strict=True,
            ),
        ),
        pytest.param(
            "Corvane was started in 2020 by Lena Vogt and Omar Haddad, who are co-chief executives.",
            marks=pytest.mark.xfail(
                reason="a shared title in a 'who are' clause after a founders list gives no role", strict=True
            ),
        ),
    ],
)
def test_co_chief_executives(nlp, text):
    facts = extract(nlp, text)
    assert has_role(facts, "Lena Vogt", "Corvane")
    assert has_role(facts, "Omar Haddad", "Corvane")


@pytest.mark.parametrize(
    "text",
    [
        "Its new boss, Karl Weiss, a former chief executive of the Belgian packaging firm Brantwell, "
        "replaces acting boss Eva Lind.",
        pytest.param(
            "Karl Weiss, once chief executive of the Belgian packaging firm Brantwell, "
            "succeeded acting boss Eva Lind in June.",
            marks=pytest.mark.xfail(
                reason="'once <title> of' is not read as a past role, and the successor's company "
                "goes to the predecessor",
                strict=True,
            ),
        ),
    ],
)
def test_former_chief_of_described_group(nlp, text):
    facts = extract(nlp, "Brewline announced on Monday that its chief executive was departing. " + text)
    assert has_role(facts, "Karl Weiss", "Brantwell")
    assert has_role(facts, "Eva Lind", "Brewline")
    assert not has_role(facts, "Eva Lind", "Brantwell")


def test_stepped_down_as_title(nlp):
    facts = extract(nlp, "Paul Meyer stepped down as chief executive of Soylent Foods last year.")
    fact = find(facts, type="role", person="Paul Meyer", organization="Soylent Foods")
    assert fact is not None and fact["current"] is False


def test_successor_and_predecessor(nlp):
    facts = extract(
        nlp,
        "Wonka Industries said on Monday that Nora Blake will succeed Adam Frost as chief executive.",
    )
    assert has_role(facts, "Nora Blake", "Wonka Industries")
    fact = find(facts, type="role", person="Adam Frost", organization="Wonka Industries")
    assert fact is not None and fact["current"] is False


@pytest.mark.parametrize(
    "title",
    [
        "chief financial officer",
        pytest.param(
            "finance director",
            marks=pytest.mark.xfail(
                reason="'finance director' after a described company's possessive gives no role", strict=True
            ),
        ),
    ],
)
def test_description_with_possessive_names_the_company(nlp, title):
    facts = extract(
        nlp,
        "Brewline announced on Thursday that its chief executive was departing. "
        f"The bakery chain's {title}, Ida Moss, will take charge until a successor is found.",
    )
    assert has_role(facts, "Ida Moss", "Brewline")


def test_who_co_founded_and_is_its_chief(nlp):
    facts = extract(
        nlp,
        "Larkspur raised $50 million. Dana Quill, who co-founded Larkspur with Evan Marsh in 2016 "
        "and remains its chief executive, said hiring would continue.",
    )
    assert has_role(facts, "Dana Quill", "Larkspur")
    assert find(facts, type="founded", organization="Larkspur", founder="Dana Quill", date="2016")


def test_person_ran_organisation(nlp):
    facts = extract(
        nlp,
        "Hugo Kranz ran Tacoville, a pizza delivery business owned by Grillco, until he moved to Brewline in 2019.",
    )
    assert has_role(facts, "Hugo Kranz", "Tacoville")


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Sara Lind, a partner at Norvik Ventures, led Corvane's funding round in May.", False),
        ("Sara Lind ran Corvane until May.", True),
        pytest.param(
            "Sara Lind, a partner at Norvik Ventures, ran Corvane until May.",
            True,
            marks=pytest.mark.xfail(
                reason="a second role after a 'partner at' apposition is dropped", strict=True
            ),
        ),
    ],
)
def test_ran_a_round_is_not_a_role(nlp, text, role):
    assert has_role(extract(nlp, text), "Sara Lind", "Corvane") is role


# ---------------------------------------------------------------- founded ---


def test_founded_by_list_of_people(nlp):
    facts = extract(nlp, "Marc Avril, Jules Roche and Anne Petit founded Pellucid in Lyon in 2011.")
    for person in ("Marc Avril", "Jules Roche", "Anne Petit"):
        assert find(facts, type="founded", organization="Pellucid", founder=person, date="2011")


# ------------------------------------------------------------ acquisitions ---


def test_agreed_to_buy_for_amount(nlp):
    facts = extract(nlp, "Globex agreed to buy rival Initech for $2.1 billion in cash, the companies said.")
    fact = find(facts, type="acquisition", acquirer="Globex", target="Initech")
    assert fact is not None and fact["amount"] == 2_100_000_000 and fact["status"] == "announced"


def test_acquisition_through_place_adjective(nlp):
    facts = extract(
        nlp,
        "Hooli's last large deal came in 2020, when it bought the Austrian sensor maker Kessler Semiconductor "
        "for about €9bn.",
    )
    fact = find(facts, type="acquisition", acquirer="Hooli", target="Kessler Semiconductor")
    assert fact is not None and fact["amount"] == 9_000_000_000 and fact["date"] == "2020"


def test_that_clause_acquisition_with_price(nlp):
    facts = extract(
        nlp,
        "Ana Voss earlier started Moonfield, a puzzle-app studio that Zentrix acquired for $310m in 2016.",
    )
    fact = find(facts, type="acquisition", acquirer="Zentrix", target="Moonfield")
    assert fact is not None and fact["amount"] == 310_000_000 and fact["date"] == "2016"


def test_press_release_acquisition_with_total_consideration(nlp):
    facts = extract(
        nlp,
        "Acme Group today said it has signed a definitive agreement to acquire Vandelay Pharmaceuticals Inc. "
        "for a total consideration of up to approximately $1.2 billion, including milestone payments.",
    )
    fact = find(facts, type="acquisition", acquirer="Acme Group", target="Vandelay Pharmaceuticals Inc.")
    assert fact is not None and fact["amount"] == 1_200_000_000


def test_to_be_acquired_by(nlp):
    facts = extract(nlp, "Initech agreed to be acquired by Globex for $300 million.")
    fact = find(facts, type="acquisition", acquirer="Globex", target="Initech")
    assert fact is not None and fact["amount"] == 300_000_000


def test_located_description_as_target(nlp):
    facts = extract(
        nlp,
        "Pied Piper said on Monday that Hooli had ended talks to buy it, and Pied Piper would stay "
        "independent. Hooli agreed in September 2022 to acquire the Oakland-based developer of video "
        "codecs for cash. Pied Piper has 300 staff.",
    )
    fact = find(facts, type="acquisition", acquirer="Hooli", target="Pied Piper")
    assert fact is not None and fact["date"] == "2022-09"


# --------------------------------------------------------------- entities ---


def test_person_after_who_and_org_after_founded(nlp):
    doc = run(
        nlp,
        "Quorvo was founded in 1994 and is based in Tasmania. Ada Field, who joined Quorvo in 2001, said Quorvo "
        "shares had risen.",
    )
    assert entity_type(doc, "Quorvo") == "Organization"
    assert entity_type(doc, "Ada Field") == "Person"


def test_first_name_alone_does_not_make_a_full_name_an_organisation(nlp):
    doc = run(
        nlp,
        "Brantwell was founded by the brothers Yann and Luc Morvan. Yann Morvan, the company's chief "
        "executive, said the deal was good.",
    )
    assert entity_type(doc, "Yann Morvan") == "Person"


def test_examples_after_plural_noun_are_organisations(nlp):
    doc = run(nlp, "Its sensors go into trucks from manufacturers including Voltra, Bravik and Selmo.")
    for name in ("Voltra", "Bravik", "Selmo"):
        assert entity_type(doc, name) in ("Organization", None)
    assert entity_type(doc, "Voltra") == "Organization"


def test_industry_word_short_form_is_one_entity(nlp):
    doc = run(
        nlp,
        "Zelmora Pharmaceuticals said on Monday its trial had succeeded. Zelmora's lead drug treats "
        "prostate cancer, and Zelmora plans to file for approval.",
    )
    names = [e for e in doc.entities if e.name.startswith("Zelmora")]
    assert len(names) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Startups such as Qlyra have raised money. The supply chain of Norvik is long.",
        "Norvik makes parts. The value chain was disrupted, Norvik said.",
    ],
)
def test_supply_chain_is_not_a_company(nlp, text):
    doc = run(nlp, text)
    assert all(f.type != "role" for f in doc.facts)


@pytest.mark.parametrize(
    "text",
    [
        "Startups such as Qlyra have raised money. Norvik chief executive Lena Vogt said demand was strong.",
        "Norvik makes parts. Norvik chair Lena Vogt said demand was strong.",
    ],
)
def test_supply_chain_twin_with_a_real_officer_gives_a_role(nlp, text):
    assert has_role(extract(nlp, text), "Lena Vogt", "Norvik")


# ------------------------------------------------- more phrasings of roles ---


@pytest.mark.parametrize(
    ("text", "person", "org"),
    [
        (
            "Kestrel Robotics raised $30 million, CEO Maya Lund said on Tuesday.",
            "Maya Lund",
            "Kestrel Robotics",
        ),
        (
            "Talvik chief executive and co-founder Ruth Ames said the cash would pay for new staff.",
            "Ruth Ames",
            "Talvik",
        ),
        (
            "Ruth Ames, co-founder and chief executive of Talvik, said the cash would pay for new staff.",
            "Ruth Ames",
            "Talvik",
        ),
        (
            "Orrin Bank said on Monday that its chief financial officer, Leo Hart, would retire.",
            "Leo Hart",
            "Orrin Bank",
        ),
        (
            "Leo Hart, the former president of Orrin Bank, joined the board of Talvik.",
            "Leo Hart",
            "Orrin Bank",
        ),
        (
            "Hollis Group has hired Ines Ward, a veteran banker, as its new chief financial officer.",
            "Ines Ward",
            "Hollis Group",
        ),
    ],
)
def test_role_phrasings(nlp, text, person, org):
    assert has_role(extract(nlp, text), person, org)


def test_founders_apposition_list(nlp):
    facts = extract(
        nlp,
        "Brisco, which makes payroll software, was started in 2017. The company's co-founders, "
        "Alma Reyes and Theo Park, met at university.",
    )
    assert find(facts, type="founded", organization="Brisco", founder="Alma Reyes")
    assert find(facts, type="founded", organization="Brisco", founder="Theo Park")


def test_who_co_founded_with_partner_names_both_founders(nlp):
    facts = extract(
        nlp, "Dana Quill, who co-founded Larkspur in 2015 with Evan Marsh, said sales had doubled."
    )
    assert find(facts, type="founded", organization="Larkspur", founder="Dana Quill", date="2015")
    assert find(facts, type="founded", organization="Larkspur", founder="Evan Marsh", date="2015")


# -------------------------------------------- more phrasings of deals ---


def test_deal_valued_at(nlp):
    facts = extract(
        nlp, "Hollis Group agreed to acquire Talvik in a deal valued at $4.2 billion, the companies said."
    )
    fact = find(facts, type="acquisition", acquirer="Hollis Group", target="Talvik")
    assert fact is not None and fact["amount"] == 4_200_000_000


def test_completed_acquisition(nlp):
    facts = extract(nlp, "Hollis Group said on Friday it had completed its acquisition of Talvik.")
    fact = find(facts, type="acquisition", acquirer="Hollis Group", target="Talvik")
    assert fact is not None and fact["status"] == "completed"


def test_sale_of_unit_to_buyer(nlp):
    facts = extract(
        nlp,
        "Orrin Bank agreed to sell its asset management arm, Orrin Capital, to Hollis Group for $900 million.",
    )
    fact = find(facts, type="acquisition", acquirer="Hollis Group", target="Orrin Capital")
    assert fact is not None and fact["amount"] == 900_000_000


def test_bid_for_company(nlp):
    facts = extract(
        nlp, "Hollis Group made a $5 billion bid for Talvik on Monday, people familiar with the matter said."
    )
    fact = find(facts, type="acquisition", acquirer="Hollis Group", target="Talvik")
    assert fact is not None and fact["amount"] == 5_000_000_000 and fact["status"] != "completed"


def test_merger_talks_in_talks(nlp):
    facts = extract(
        nlp, "Hollis Group is in talks to buy Talvik, according to people familiar with the matter."
    )
    fact = find(facts, type="acquisition", acquirer="Hollis Group", target="Talvik")
    assert fact is not None and fact["status"] == "in_talks"


@pytest.mark.parametrize(("verb", "completed"), [("called off", False), ("completed", True)])
def test_called_off_deal_is_not_a_completed_acquisition(nlp, verb, completed):
    facts = extract(nlp, f"Hollis Group {verb} its planned takeover of Talvik on Friday.")
    fact = find(facts, type="acquisition", acquirer="Hollis Group", target="Talvik", status="completed")
    assert (fact is not None) is completed


@pytest.mark.parametrize(
    ("text", "acquisition"),
    [
        ("Hollis Group and Talvik agreed to merge in an all-stock deal.", False),
        ("Hollis Group agreed to buy Talvik in an all-stock deal.", True),
    ],
)
def test_merger_of_equals_is_not_an_acquisition(nlp, text, acquisition):
    facts = extract(nlp, text)
    assert any(f["type"] == "acquisition" for f in facts) is acquisition


def test_chipmaker_description_resolves(nlp):
    facts = extract(
        nlp,
        "Norcom Semiconductor reported higher sales on Monday. The chipmaker also said it had "
        "acquired Veltro for $200 million.",
    )
    fact = find(facts, type="acquisition", acquirer="Norcom Semiconductor", target="Veltro")
    assert fact is not None and fact["amount"] == 200_000_000


@pytest.mark.parametrize(
    "text",
    [
        "Hollis Group will buy Talvik in a $750 million all-cash deal, the companies said on Monday.",
        "Hollis Group agreed to buy Talvik on Monday. The deal is worth $750 million, including debt.",
        "Hollis Group agreed to buy Talvik on Monday. The transaction is valued at about $750 million.",
        "Hollis Group agreed to acquire Talvik for $750m, including debt.",
    ],
)
def test_deal_amounts(nlp, text):
    facts = extract(nlp, text)
    fact = find(facts, type="acquisition", acquirer="Hollis Group", target="Talvik")
    assert fact is not None and fact.get("amount") == 750_000_000 and fact["currency"] == "USD"


def test_founded_aside(nlp):
    facts = extract(nlp, "Talvik, founded in 2015 by Ruth Ames and Omar Haddad, sells payroll software.")
    assert find(facts, type="founded", organization="Talvik", founder="Ruth Ames", date="2015")
    assert find(facts, type="founded", organization="Talvik", founder="Omar Haddad", date="2015")


def test_org_boss_person(nlp):
    facts = extract(nlp, "Hollis Group boss Ines Ward said the bank would cut costs.")
    assert has_role(facts, "Ines Ward", "Hollis Group")


@pytest.mark.parametrize(
    "text",
    [
        "Orrin Bank completed the sale of Orrin Capital to Hollis Group for $900 million on Friday.",
        "Orrin Capital's sale to Hollis Group for $900 million was completed on Friday.",
    ],
)
def test_sale_of_company_to_buyer(nlp, text):
    facts = extract(nlp, text)
    fact = find(facts, type="acquisition", acquirer="Hollis Group", target="Orrin Capital")
    assert fact is not None and fact["amount"] == 900_000_000


@pytest.mark.parametrize(
    ("sold", "acquisition"), [("shares in Orrin Capital", False), ("Orrin Capital", True)]
)
def test_sale_of_shares_is_not_an_acquisition(nlp, sold, acquisition):
    facts = extract(nlp, f"Orrin Bank completed the sale of {sold} to Hollis Group on Friday.")
    fact = find(facts, type="acquisition", acquirer="Hollis Group", target="Orrin Capital")
    assert (fact is not None) is acquisition


@pytest.mark.parametrize(
    ("text", "person", "org"),
    [
        (
            'Ines Ward, Executive Vice President, Oncology Research, Hollis Group, said: "This is a milestone."',
            "Ines Ward",
            "Hollis Group",
        ),
        (
            "Omar Haddad, senior vice president and general counsel at Talvik, declined to comment.",
            "Omar Haddad",
            "Talvik",
        ),
        ("Omar Haddad, a non-executive director of Talvik, resigned.", "Omar Haddad", "Talvik"),
        (
            "Hugo Kranz, who has led Tacoville since 2009, plans to retire next year.",
            "Hugo Kranz",
            "Tacoville",
        ),
        (
            "Ruth Ames left Orrin Bank last year. She joined Talvik in March as chief operating officer.",
            "Ruth Ames",
            "Talvik",
        ),
    ],
)
def test_more_role_phrasings(nlp, text, person, org):
    assert has_role(extract(nlp, text), person, org)


def test_wire_story_with_dateline(nlp):
    text = (
        "SAN MARCO, May 14 (Newswire) - Globex Inc said on Tuesday it had agreed to buy data analytics "
        "startup Initech for $1 billion in cash, as the software maker seeks to expand. Initech, founded "
        "in 2016 by Ana Lopes and Raj Patel, has about 300 employees. Globex Chief Executive Officer Mark "
        "Stone said the purchase would help it compete with larger rivals."
    )
    doc = run(nlp, text)
    assert entity_type(doc, "SAN MARCO") is None and entity_type(doc, "Newswire") is None
    facts = extract(nlp, text)
    fact = find(facts, type="acquisition", acquirer="Globex Inc", target="Initech")
    assert fact is not None and fact["amount"] == 1_000_000_000 and fact["status"] == "announced"
    assert find(facts, type="founded", organization="Initech", founder="Raj Patel", date="2016")
    role = find(facts, type="role", person="Mark Stone", organization="Globex Inc")
    assert role is not None and role["title"] == "chief executive officer"


@pytest.mark.parametrize(
    "text",
    [
        "Hollis Group named Ines Ward its new chief executive on Monday.",
        "Hollis Group on Monday named Ines Ward chief executive, effective immediately.",
        "Hollis Group said on Monday that its founder, Ines Ward, would step down as chief executive.",
    ],
)
def test_appointment_without_as(nlp, text):
    assert has_role(extract(nlp, text), "Ines Ward", "Hollis Group")


def test_leads_something_at_org(nlp):
    facts = extract(
        nlp, "Leo Hart, Brisco's co-founder and one-time boss, now leads the data team at Talvik."
    )
    assert has_role(facts, "Leo Hart", "Talvik")


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Sara Lind led the funding round for Talvik in May.", False),
        ("Sara Lind led the sales team at Talvik until May.", True),
    ],
)
def test_leads_a_round_is_not_a_role(nlp, text, role):
    assert has_role(extract(nlp, text), "Sara Lind", "Talvik") is role


def test_relative_clause_without_pronoun_is_an_acquisition(nlp):
    facts = extract(nlp, "Its app runs on Chirpr, the social network Dario Volk bought in 2022 for $44bn.")
    fact = find(facts, type="acquisition", acquirer="Dario Volk", target="Chirpr")
    assert fact is not None and fact["date"] == "2022"


def test_who_is_now_possessive_title(nlp):
    facts = extract(
        nlp,
        "Brisco was founded by Ana Lopes and Theo Park, a former Hollis Group researcher who is now "
        "Brisco's chief scientist.",
    )
    assert has_role(facts, "Theo Park", "Brisco")


def test_weakly_typed_name_listed_among_people_is_a_person(nlp):
    facts = extract(
        nlp,
        "Brisco was founded in 2013 by researchers at a university lab, including Ana Lopes, "
        "Matei Orban and Ion Petrescu.",
    )
    for person in ("Ana Lopes", "Matei Orban", "Ion Petrescu"):
        assert find(facts, type="founded", organization="Brisco", founder=person)


@pytest.mark.parametrize(
    ("text", "long", "short"),
    [
        (
            'Northwind Cloud Services ("NCS") said on Monday that NCS had hired 200 engineers.',
            "Northwind Cloud Services",
            "NCS",
        ),
        (
            "Hollis Group, formerly known as Hollis Holdings, raised $20 million.",
            "Hollis Group",
            "Hollis Holdings",
        ),
        (
            "Kestrel Robotics, now called Kestrel Dynamics, raised $20 million.",
            "Kestrel Robotics",
            "Kestrel Dynamics",
        ),
    ],
)
def test_aliases(nlp, text, long, short):
    doc = run(nlp, text)
    ent = next((e for e in doc.entities if e.name == long or long in e.aliases), None)
    assert ent is not None and short in {ent.name, *ent.aliases}


@pytest.mark.parametrize(
    "text",
    [
        "Orrin Bank reported a loss on Monday. The Berlin-based lender's chief executive, Ines Ward, said "
        "costs would fall.",
        "Orrin Bank reported a loss on Monday. The lender said its chief executive Ines Ward would step down.",
        "Orrin Bank reported a loss on Monday. Ines Ward, the group's chief executive, said costs would fall.",
    ],
)
def test_roles_through_descriptions(nlp, text):
    assert has_role(extract(nlp, text), "Ines Ward", "Orrin Bank")


@pytest.mark.parametrize(
    "text",
    [
        "Globex co-CEOs Jane Roe and John Doe said demand was strong.",
        "Jane Roe and John Doe, Globex's co-chief executives, said demand was strong.",
        "Jane Roe and John Doe, the co-founders of Globex, said demand was strong.",
    ],
)
def test_pairs_of_people_with_one_title(nlp, text):
    facts = extract(nlp, text)
    assert has_role(facts, "Jane Roe", "Globex") or find(
        facts, type="founded", organization="Globex", founder="Jane Roe"
    )
    assert has_role(facts, "John Doe", "Globex") or find(
        facts, type="founded", organization="Globex", founder="John Doe"
    )


def test_which_agreed_to_buy_with_date_of_its_clause(nlp):
    facts = extract(
        nlp,
        "Globex, which agreed in March to buy Initech for $2 billion, said on Monday it expected the deal "
        "to close in June.",
    )
    fact = find(facts, type="acquisition", acquirer="Globex", target="Initech")
    assert fact is not None and fact["amount"] == 2_000_000_000 and fact["date"] == "2024-03"


def test_buyer_after_a_long_gap(nlp):
    facts = extract(
        nlp, "Globex won regulatory approval on Friday to buy Initech, ending an 18-month review."
    )
    assert find(facts, type="acquisition", acquirer="Globex", target="Initech")


def test_alumnus_and_former_engineer(nlp):
    facts = extract(
        nlp,
        "Ana Lopes set up Brisco in 2019 together with Theo Park, another Hollis Group alumnus. "
        "Former Initech engineer Raj Patel joined later.",
    )
    fact = find(facts, type="role", person="Theo Park", organization="Hollis Group")
    assert fact is not None and fact["current"] is False
    fact = find(facts, type="role", person="Raj Patel", organization="Initech")
    assert fact is not None and fact["current"] is False


def test_person_shaped_name_without_evidence_is_a_person(nlp):
    doc = run(nlp, "Ana Lopes set up Brisco in 2019 together with Theo Park.")
    assert entity_type(doc, "Theo Park") == "Person"


def test_developer_of_names_a_product(nlp):
    doc = run(nlp, "Hollis Games acquired Kessler Studio, maker of the farming game Moon Harvest, in 2021.")
    assert entity_type(doc, "Moon Harvest") in ("Product", None)
    assert entity_type(doc, "Moon Harvest") != "Person"


def test_whose_founders_include(nlp):
    facts = extract(nlp, "Brisco, whose founders include Ana Lopes and Theo Park, raised $9 million.")
    assert find(facts, type="founded", organization="Brisco", founder="Ana Lopes")
    assert find(facts, type="founded", organization="Brisco", founder="Theo Park")


def test_product_maker_description(nlp):
    facts = extract(
        nlp,
        "Globex's Zapchat app has 90 million users. On Monday the Zapchat maker named Ines Ward as its "
        "chief financial officer.",
    )
    assert has_role(facts, "Ines Ward", "Globex")
