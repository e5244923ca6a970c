"""Valuation forms found by the form batteries: each stated form beside a near form that is no valuation."""

from __future__ import annotations

from extract_helpers import find, named_facts


def test_the_bare_verb_value_states_a_valuation(nlp) -> None:
    facts = named_facts(nlp, "Investors now value Mirrow at roughly $1.2bn, two people said.", "2024-02-01")
    assert find(facts, type="valuation", organization="Mirrow", amount=1_200_000_000)
    contract = named_facts(nlp, "Analysts value the Tessary contract at $40 million.", "2024-02-01")
    assert find(contract, type="valuation") is None


def test_a_valuation_brought_up_to_an_amount_belongs_to_the_named_company(nlp) -> None:
    facts = named_facts(
        nlp,
        "Kelmor Labs has raised an undisclosed sum from Vantry Partners, which brought the "
        "company's valuation up to 12 billion yen.",
        "2024-02-01",
    )
    assert find(facts, type="valuation", organization="Kelmor Labs", amount=12_000_000_000)
    assert find(facts, type="valuation", organization="Vantry Partners") is None


def test_a_valuation_held_with_or_put_at_an_amount(nlp) -> None:
    held = named_facts(
        nlp, "Quenby became the region's largest insurer with a $3 billion valuation.", "2024-02-01"
    )
    assert find(held, type="valuation", organization="Quenby", amount=3_000_000_000)
    put = named_facts(nlp, "The round puts Drosk's value at $450 million.", "2024-02-01")
    assert find(put, type="valuation", organization="Drosk", amount=450_000_000)
    debt = named_facts(nlp, "The agreement puts Halvern's debt at $300 million.", "2024-02-01")
    assert find(debt, type="valuation") is None


def test_now_worth_in_an_apposition_is_a_valuation(nlp) -> None:
    facts = named_facts(nlp, "Felbry, now worth $900 million, plans to hire 200 engineers.", "2024-02-01")
    assert find(facts, type="valuation", organization="Felbry", amount=900_000_000)
    vague = named_facts(nlp, "Cobbin, now worth less than it was a year ago, cut 80 jobs.", "2024-02-01")
    assert find(vague, type="valuation") is None
