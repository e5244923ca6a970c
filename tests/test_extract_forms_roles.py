"""Roles in the forms news prints them (found by `benchmarks/forms/perturb.py roles`). Each case is
paired: the form that must give the fact, and a near form that must not. Names and wording are invented."""

from __future__ import annotations

from extract_helpers import find, named_facts


def test_former_or_ex_opening_a_sentence_is_no_part_of_the_company(nlp) -> None:
    former = named_facts(nlp, "Intro line.\n\nFormer Tarlow Mills chief Edda Brunn said costs rose.")
    assert find(former, type="role", person="Edda Brunn", organization="Tarlow Mills", current=False)
    ex = named_facts(nlp, "Intro line.\n\nEx-Tarlow Mills CEO Edda Brunn said costs rose.")
    assert find(ex, type="role", person="Edda Brunn", organization="Tarlow Mills", current=False)
    now = named_facts(nlp, "Intro line.\n\nTarlow Mills CEO Edda Brunn said costs rose.")
    assert find(now, type="role", person="Edda Brunn", organization="Tarlow Mills", current=True)
    assert find(now, type="role", current=False) is None


def test_a_former_title_list_is_former_throughout(nlp) -> None:
    text = '"Costs rose," said Edda Brunn, former co-founder and CEO of Tarlow Mills.'
    facts = named_facts(nlp, text)
    assert find(facts, type="founded", organization="Tarlow Mills", founder="Edda Brunn")
    assert find(facts, type="role", person="Edda Brunn", organization="Tarlow Mills", current=False)
    assert find(facts, type="role", person="Edda Brunn", current=True) is None
    now = named_facts(nlp, text.replace("former ", ""))
    assert find(now, type="role", person="Edda Brunn", organization="Tarlow Mills", current=True)


def test_ex_title_is_a_former_post(nlp) -> None:
    facts = named_facts(nlp, '"Costs rose," said Edda Brunn, ex-CFO of Tarlow Mills.')
    assert find(
        facts, type="role", person="Edda Brunn", organization="Tarlow Mills", title="CFO", current=False
    )
    assert find(facts, type="role", current=True) is None


def test_org_title_name_after_former_is_one_former_role(nlp) -> None:
    facts = named_facts(nlp, '"Costs rose," former Tarlow Mills chief executive Edda Brunn said.')
    roles = [f for f in facts if f["type"] == "role"]
    assert len(roles) == 1 and roles[0]["current"] is False


def test_a_department_head_titled_before_the_name_needs_the_company_named(nlp) -> None:
    facts = named_facts(nlp, "Sales at Tarlow Mills grew, and head of logistics Edda Brunn expects more.")
    assert find(facts, type="role", person="Edda Brunn", organization="Tarlow Mills")
    # the word before the title names some other body: no guess at the article's company
    other = named_facts(
        nlp,
        "Tarlow Mills grinds flour. We asked the fund's managing director Edda Brunn about the year.",
    )
    assert find(other, type="role", person="Edda Brunn") is None


def test_capitalised_chief_alone_is_an_office_outside_business(nlp) -> None:
    office = named_facts(nlp, "Intro line.\n\nVarnland's Chief Justice Orla Penn opened the registry.")
    assert [f for f in office if f["type"] == "role"] == []
    business = named_facts(nlp, "Intro line.\n\nFormer Varnland Foods chief Orla Penn opened the plant.")
    assert find(business, type="role", person="Orla Penn", organization="Varnland Foods")


def test_a_name_with_a_space_before_its_comma(nlp) -> None:
    facts = named_facts(nlp, "Orla Penn , chief executive of Varnland Foods, said sales rose.")
    assert find(facts, type="role", person="Orla Penn", organization="Varnland Foods")
    near = named_facts(nlp, "Orla Penn , a customer of Varnland Foods, said sales rose.")
    assert find(near, type="role", person="Orla Penn") is None


def test_a_department_is_no_company(nlp) -> None:
    at = named_facts(nlp, "Orla Penn, head of Retail Banking at Varnland Trust, said loans rose.")
    assert find(at, type="role", person="Orla Penn", organization="Varnland Trust")
    assert find(at, type="role", person="Orla Penn", organization="Retail Banking") is None
    possessive = named_facts(nlp, "Orla Penn, Varnland Trust's head of Retail Banking, said loans rose.")
    assert find(possessive, type="role", person="Orla Penn", organization="Varnland Trust")
    assert find(possessive, type="role", person="Orla Penn", organization="Retail Banking") is None
    of = named_facts(nlp, "Orla Penn, vice president of Retail Banking of Varnland Trust, said loans rose.")
    assert find(of, type="role", person="Orla Penn", organization="Varnland Trust")
    # "of" still joins a name that is one: the chairman of a bank called "Bank of X"
    bank = named_facts(nlp, "Orla Penn, chairman of Bank of Varnland, said loans rose.")
    assert find(bank, type="role", person="Orla Penn", organization="Bank of Varnland")


def test_an_analyst_titled_by_the_firm_before_the_name(nlp) -> None:
    facts = named_facts(nlp, '"Loans look cheap," said Brisco Partners analyst Yuna Feld.')
    assert find(facts, type="role", person="Yuna Feld", organization="Brisco Partners")
    near = named_facts(nlp, '"Loans look cheap," said Brisco Partners customer Yuna Feld.')
    assert find(near, type="role", person="Yuna Feld") is None


def test_leaving_or_joining_a_post_types_its_holder_a_person(nlp) -> None:
    facts = named_facts(
        nlp, "Intro line.\n\nBrannoch Velt stepped down as chairman of Osgrove Cement last week."
    )
    assert find(facts, type="role", person="Brannoch Velt", organization="Osgrove Cement", current=False)
    # a bank appointed as an adviser is no person
    bank = named_facts(nlp, "Intro line.\n\nHalberd Kessing was appointed as adviser to Osgrove Cement.")
    assert find(bank, type="role") is None


def test_appointed_to_a_board(nlp) -> None:
    facts = named_facts(nlp, "Intro line.\n\nIngrid Solvang has been appointed to Marrowby Foods's board.")
    assert find(
        facts, type="role", person="Ingrid Solvang", organization="Marrowby Foods", title="board member"
    )
    near = named_facts(
        nlp, "Intro line.\n\nIngrid Solvang has been appointed to Marrowby Foods's supplier panel."
    )
    assert find(near, type="role") is None


def test_hired_with_an_aside_about_the_last_employer(nlp) -> None:
    facts = named_facts(
        nlp, "Quorra Labs has hired Martin Brandt, formerly of Taskell, as its head of design."
    )
    assert find(facts, type="role", person="Martin Brandt", organization="Quorra Labs", current=True)
    assert find(facts, type="role", person="Martin Brandt", organization="Taskell", current=False)
    assert find(facts, type="role", person="Martin Brandt", organization="Taskell", current=True) is None


def test_a_long_time_staffer_and_a_copula_without_possessive(nlp) -> None:
    appos = named_facts(nlp, "Martin Brandt, a long-time Quorra Labs engineer, built the valve.")
    assert find(appos, type="role", person="Martin Brandt", organization="Quorra Labs")
    was = named_facts(nlp, "Martin Brandt was Quorra Labs chief executive for nine years before retiring.")
    assert find(was, type="role", person="Martin Brandt", organization="Quorra Labs", current=False)
    near = named_facts(nlp, "Martin Brandt was a long-time Quorra Labs customer before switching.")
    assert find(near, type="role", person="Martin Brandt") is None


def test_a_post_held_before_told_in_a_clause(nlp) -> None:
    after = named_facts(
        nlp, "Martin Brandt moved to Taskell last spring, after serving as president of Quorra Labs."
    )
    assert find(after, type="role", person="Martin Brandt", organization="Quorra Labs", current=False)
    working = named_facts(
        nlp, "Martin Brandt wrote the first code while working as an engineer at Quorra Labs."
    )
    assert find(working, type="role", person="Martin Brandt", organization="Quorra Labs", current=False)
    # two people before the clause: whose post it was is not told
    two = named_facts(
        nlp, "Martin Brandt hired Lena Moss in 2020 after serving as president of Quorra Labs for years."
    )
    assert find(two, type="role", organization="Quorra Labs") is None
