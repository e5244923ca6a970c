"""Investor lists in the shapes real news gives them, each paired with a near form that must give no
investor. Found by the investor perturbation probe (``benchmarks/forms/perturb.py investors``).
Names and wording are invented."""

from __future__ import annotations

import pytest
from extract_helpers import find, named_facts

CO = "Kestrel Foods"


def investors_of(facts: list[dict], investee: str = CO) -> set[str]:
    return {f["investor"] for f in facts if f["type"] == "investment" and f["investee"] == investee}


def test_each_investor_of_a_list_keeps_its_place_descriptor(nlp) -> None:
    facts = named_facts(
        nlp,
        f"{CO} raised $9 million in a seed round led by Denver-based Quillon Partners, "
        "Austin-based Tessine Capital and Lyon-based Falk Harbor Fund.",
    )
    assert investors_of(facts) == {"Quillon Partners", "Tessine Capital", "Falk Harbor Fund"}
    # "City, State-based" stays one place word, in a list or before a common noun
    state = named_facts(
        nlp, f"{CO} raised $9 million from Quillon Partners and Cambridge, MA-based Tessine Capital."
    )
    assert investors_of(state) == {"Quillon Partners", "Tessine Capital"}
    maker = named_facts(nlp, f"{CO}, a Denver, Colo.-based snack maker, raised $9 million in a seed round.")
    assert find(maker, type="funding_round", organization=CO, amount=9_000_000)
    assert investors_of(maker) == set()


def test_an_apposition_naming_a_city_is_no_investor(nlp) -> None:
    facts = named_facts(
        nlp,
        f"{CO} has landed $9 million in a round led by Quillon Partners, a Denver venture firm, "
        "and Tessine Capital, the growth fund.",
    )
    assert investors_of(facts) == {"Quillon Partners", "Tessine Capital"}


def test_co_investors_before_the_verb_with_descriptors(nlp) -> None:
    facts = named_facts(
        nlp, f"Denver-based Quillon Partners and Austin-based Tessine Capital invested $9 million in {CO}."
    )
    assert investors_of(facts) == {"Quillon Partners", "Tessine Capital"}
    mulled = named_facts(
        nlp, f"Quillon Partners, a Denver venture firm, and Tessine Capital considered investing in {CO}."
    )
    assert investors_of(mulled) == set()


def test_a_headline_names_the_backers_the_body_leaves_out(nlp) -> None:
    body = f"{CO} has raised $9 million in a seed round to open a second kitchen."
    facts = named_facts(
        nlp, f"{CO} Bags $9 Million Seed Round From Quillon Partners and Tessine Capital\n\n{body}"
    )
    assert investors_of(facts) == {"Quillon Partners", "Tessine Capital"}
    no_round = named_facts(
        nlp,
        f"{CO} Bags $9 Million Seed Round From Quillon Partners and Tessine Capital\n\n"
        f"{CO} opened a second kitchen in Leeds.",
    )
    assert investors_of(no_round) == set()
    award = named_facts(nlp, f"{CO} Wins Kitchen Award from Quillon Partners\n\n{body}")
    assert investors_of(award) == set()


def test_the_completion_of_a_round_is_a_round(nlp) -> None:
    facts = named_facts(
        nlp,
        f"{CO} has confirmed the completion of a $9 million financing round. "
        "Quillon Partners and Tessine Capital took part.",
    )
    assert find(facts, type="funding_round", organization=CO, amount=9_000_000, status="completed")
    assert investors_of(facts) == {"Quillon Partners", "Tessine Capital"}
    purchase = named_facts(
        nlp, f"{CO} announced the completion of its $90 million purchase of Brindle Farms."
    )
    assert find(purchase, type="funding_round") is None
    fund = named_facts(nlp, "Brindle Ventures reached a first close of $40 million on its second fund.")
    assert find(fund, type="funding_round") is None


def test_an_investment_named_as_a_possessive_noun(nlp) -> None:
    facts = named_facts(nlp, f"Quillon Partners's investment in {CO}'s seed round was not disclosed.")
    assert investors_of(facts) == {"Quillon Partners"}
    kitchens = named_facts(nlp, "Quillon Partners's investment in new kitchens was not disclosed.")
    assert [f for f in kitchens if f["type"] == "investment"] == []


@pytest.mark.parametrize(
    ("second", "wanted"),
    [
        ("That round was led by the likes of Quillon Partners and Tessine Capital.", True),
        ("That tour was led by the likes of Quillon Partners and Tessine Capital.", False),
        ("Other investors that took part include Quillon Partners and Tessine Capital.", True),
        ("Other customers that took part include Quillon Partners and Tessine Capital.", False),
        ("Returning backers Quillon Partners and Tessine Capital also put in more money.", True),
        ("Returning customers Quillon Partners and Tessine Capital also put in more orders.", False),
    ],
)
def test_backers_named_in_a_second_sentence(nlp, second: str, wanted: bool) -> None:
    facts = named_facts(nlp, f"{CO} raised $9 million in a Series A round in 2023. {second}")
    assert investors_of(facts) == ({"Quillon Partners", "Tessine Capital"} if wanted else set())


def test_one_lead_and_the_others_participating(nlp) -> None:
    facts = named_facts(
        nlp,
        f"{CO} raised $9 million, with Quillon Partners leading the round and Tessine Capital "
        "and Falk Harbor Fund participating.",
    )
    assert investors_of(facts) == {"Quillon Partners", "Tessine Capital", "Falk Harbor Fund"}


def test_put_an_amount_into_a_company(nlp) -> None:
    facts = named_facts(nlp, f"Quillon Partners put $4 million into {CO} in 2022.")
    assert find(facts, type="investment", investor="Quillon Partners", investee=CO, amount=4_000_000)
    offices = named_facts(nlp, f"Quillon Partners put $4 million into new offices near {CO}.")
    assert [f for f in offices if f["type"] == "investment"] == []


def test_a_past_round_recalled_with_described_backers(nlp) -> None:
    facts = named_facts(
        nlp,
        f"{CO} had last sold shares to investors in 2019, when Quillon Partners, a Denver venture firm, and "
        "Tessine Capital, the growth fund, invested $20 million in a first-stage round.",
    )
    assert investors_of(facts) == {"Quillon Partners", "Tessine Capital"}


def test_a_round_in_talks_with_its_lead_named_after_a_comma(nlp) -> None:
    facts = named_facts(nlp, f"{CO} is set to score about $300 million, led by Quillon Partners.")
    assert investors_of(facts) == {"Quillon Partners"}
    assert find(facts, type="funding_round", organization=CO, amount=300_000_000)
    points = named_facts(
        nlp, f"{CO} is set to score about 300 points in the ranking, led by Quillon Partners."
    )
    assert investors_of(points) == set()


def test_an_earlier_round_recalled_after_the_new_cash(nlp) -> None:
    facts = named_facts(
        nlp,
        f"The fresh cash for {CO} comes after a $60 million round led by Quillon Partners and "
        "Tessine Capital in May.",
    )
    assert investors_of(facts) == {"Quillon Partners", "Tessine Capital"}
    visit = named_facts(
        nlp, f"The fresh menu at {CO} comes after a tasting tour led by Quillon Partners in May."
    )
    assert investors_of(visit) == set()


def test_another_companys_past_round_is_not_the_round_stated(nlp) -> None:
    facts = named_facts(
        nlp,
        f"{CO} is set to score about $300 million, led by Quillon Partners. Brindle Farms, a loss-making "
        "grower, raised its earlier money in 2019, when Tessine Capital and Falk Harbor Fund put $40 million "
        "into a Series B.",
    )
    assert investors_of(facts) == {"Quillon Partners"}
    assert investors_of(facts, "Brindle Farms") == {"Tessine Capital", "Falk Harbor Fund"}


def test_a_shareholder_who_is_also_a_partner(nlp) -> None:
    facts = named_facts(
        nlp, f"{CO}'s biggest shareholder and long-time supply partner is the Oslo-based Quillon Group."
    )
    assert investors_of(facts) == {"Quillon Group"}
    supplier = named_facts(
        nlp, f"{CO}'s biggest supplier and long-time partner is the Oslo-based Quillon Group."
    )
    assert investors_of(supplier) == set()


def test_a_share_of_the_shares_without_an_article(nlp) -> None:
    facts = named_facts(nlp, f"Quillon Partners owns almost 12% of shares of {CO}, a trade journal said.")
    assert find(facts, type="investment", investor="Quillon Partners", investee=CO, stake_percent=12.0)
    market = named_facts(nlp, f"Quillon Partners holds nearly 12% of the market, ahead of {CO}.")
    assert investors_of(market) == set()


@pytest.mark.parametrize(
    ("second", "wanted"),
    [
        ("Backing came from Quillon Partners and Tessine Capital.", True),
        ("Its chief executive came from Quillon Partners and Tessine Capital.", False),
        ("Participants included Quillon Partners and Tessine Capital.", True),
        ("Speakers at the launch included Quillon Partners and Tessine Capital.", False),
        ("Quillon Partners, Tessine Capital and a group of angel investors also chipped in.", True),
        ("Quillon Partners, Tessine Capital and a group of angel investors also attended.", False),
    ],
)
def test_more_backers_in_a_second_sentence(nlp, second: str, wanted: bool) -> None:
    facts = named_facts(nlp, f"{CO} raised $9 million in a Series A round in 2023. {second}")
    assert investors_of(facts) == ({"Quillon Partners", "Tessine Capital"} if wanted else set())
