"""Round, backer and valuation forms found by the form batteries: each form beside a near form that is none."""

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
        "Kelmor Labs raised fresh capital from Vantry Partners last month, and the cash lifted the "
        "company's valuation to 12 billion yen.",
        "2024-02-01",
    )
    assert find(facts, type="valuation", organization="Kelmor Labs", amount=12_000_000_000)
    assert find(facts, type="valuation", organization="Vantry Partners") is None


def test_a_valuation_held_with_or_put_at_an_amount(nlp) -> None:
    held = named_facts(
        nlp,
        "Ostrel, which payroll managers across the region rely on, ended the year with a $4 billion valuation.",
        "2024-02-01",
    )
    assert find(held, type="valuation", organization="Ostrel", amount=4_000_000_000)
    put = named_facts(nlp, "The round puts Drosk's value at $450 million.", "2024-02-01")
    assert find(put, type="valuation", organization="Drosk", amount=450_000_000)
    debt = named_facts(nlp, "The agreement puts Halvern's debt at $300 million.", "2024-02-01")
    assert find(debt, type="valuation") is None


def test_now_worth_in_an_apposition_is_a_valuation(nlp) -> None:
    facts = named_facts(nlp, "Felbry, now worth $900 million, plans to hire 200 engineers.", "2024-02-01")
    assert find(facts, type="valuation", organization="Felbry", amount=900_000_000)
    vague = named_facts(nlp, "Cobbin, now worth less than it was a year ago, cut 80 jobs.", "2024-02-01")
    assert find(vague, type="valuation") is None


def test_money_put_into_a_company_is_an_investment(nlp) -> None:
    facts = named_facts(nlp, "Harlow Peak Ventures put $12 million into Tollary.", "2024-02-01")
    assert find(
        facts, type="investment", investor="Harlow Peak Ventures", investee="Tollary", amount=12_000_000
    )
    moved = named_facts(nlp, "Harlow Peak Ventures put Tollary into administration.", "2024-02-01")
    assert find(moved, type="investment") is None


def test_the_owner_of_a_round_is_a_company(nlp) -> None:
    text = "The quarter was busy.\nTollary's $12 million Series A was led by Harlow Peak Ventures."
    facts = named_facts(nlp, text, "2024-02-01")
    assert find(facts, type="funding_round", organization="Tollary", amount=12_000_000)
    assert find(facts, type="investment", investor="Harlow Peak Ventures", investee="Tollary")
    target = named_facts(
        nlp, "The $12 million round for Tollary was led by Harlow Peak Ventures.", "2024-02-01"
    )
    assert find(target, type="investment", investor="Harlow Peak Ventures", investee="Tollary")


def test_a_raise_that_failed_is_no_round(nlp) -> None:
    failed = named_facts(nlp, "Tollary Labs failed to raise $12 million last year.", "2024-02-01")
    assert find(failed, type="funding_round") is None
    done = named_facts(nlp, "Tollary Labs managed to raise $12 million last year.", "2024-02-01")
    assert find(done, type="funding_round", organization="Tollary Labs", amount=12_000_000)


def test_one_unknown_word_opening_company_news_is_a_company(nlp) -> None:
    plans = named_facts(nlp, "Tollary plans to raise up to $12 million next year.", "2024-02-01")
    assert find(plans, type="funding_round", organization="Tollary", amount=12_000_000, status="planned")
    agreed = named_facts(nlp, "Tollary has agreed to buy Brenwick Health.", "2024-02-01")
    assert find(agreed, type="acquisition", acquirer="Tollary", target="Brenwick Health")
    chat = doc_entities(nlp, "Tollary agreed with the analysts.")
    assert "Tollary" not in chat


def doc_entities(nlp, text: str) -> set[str]:
    from kg.extract import extract_article
    from kg.extract.reader import article_from_string

    return {e.name for e in extract_article(article_from_string(text, "t", "2024-02-01"), nlp).entities}


def test_a_valuation_after_a_list_of_backers_is_not_a_backers(nlp) -> None:
    text = (
        "Kelmor Labs makes warehouse robots. Last spring's $90 million financing, led by Orlent Capital "
        "and Vantry Partners, came at a $1.1 billion valuation."
    )
    facts = named_facts(nlp, text, "2024-02-01")
    assert find(facts, type="valuation", organization="Orlent Capital") is None
    assert find(facts, type="valuation", organization="Vantry Partners") is None
    assert find(facts, type="valuation", organization="Kelmor Labs", amount=1_100_000_000)


def test_shares_of_a_company_opening_the_sentence_name_whose_valuation_it_is(nlp) -> None:
    text = (
        "Shares of Tarrow Bio, which listed on the Ledgerline Exchange on Thursday, closed at a level "
        "that gives the vaccine maker a $640 million valuation."
    )
    facts = named_facts(nlp, text, "2024-02-01")
    assert find(facts, type="valuation", organization="Tarrow Bio", amount=640_000_000)
    assert find(facts, type="valuation", organization="Ledgerline Exchange") is None
