"""Entity typing, aliases and coreference, on sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from kg.extract.entities import name_key, slugify
from kg.extract.reader import article_from_string


def doc_of(nlp, text: str, published: str | None = None):
    return extract_article(article_from_string(text, "t", published), nlp)


def entity(doc, name: str):
    return next((e for e in doc.entities if e.name == name or name in e.aliases), None)


def test_slugs_and_name_keys():
    assert slugify("Harbor Lane Global Trading") == "harbor-lane-global-trading"
    assert slugify("Thérèse Duclos") == "therese-duclos"
    assert name_key("The Brightwave Group Inc.") == "brightwave"


def test_company_suffix_and_descriptor_make_an_organisation(nlp):
    doc = doc_of(nlp, "Robotics startup Tavrin raised $12 million from Oslund Capital.")
    assert entity(doc, "Tavrin").type == "Organization"
    assert entity(doc, "Oslund Capital").type == "Organization"


def test_title_before_a_name_makes_a_person(nlp):
    doc = doc_of(nlp, "Tavrin chief executive Ingrid Solberg said the company had raised $12 million.")
    assert entity(doc, "Ingrid Solberg").type == "Person"


def test_single_word_name_is_not_a_person_without_a_full_name(nlp):
    # the small model often labels one-word company names as people; people are introduced in full
    doc = doc_of(nlp, "Kelvora has raised $20 million. Investors said Kelvora was growing fast.")
    kelvora = entity(doc, "Kelvora")
    assert kelvora is not None and kelvora.type == "Organization"


def test_parenthesised_alias_is_one_entity(nlp):
    doc = doc_of(nlp, "Northwind Cloud Services (NCS) hosts the data of Tavrin. NCS said so on Monday.")
    ncs = entity(doc, "NCS")
    assert ncs is not None and {"Northwind Cloud Services", "NCS"} <= {ncs.name, *ncs.aliases}


def test_short_form_with_company_suffix_is_an_alias(nlp):
    doc = doc_of(nlp, "Tavrin Technologies has raised $5 million. Tavrin said the money would fund hiring.")
    ids = {e.id for e in doc.entities if e.name.startswith("Tavrin")}
    assert len(ids) == 1


def test_surname_refers_to_the_person_named_in_full(nlp):
    doc = doc_of(nlp, "Ingrid Solberg founded Tavrin in 2019. Solberg is chief executive.")
    people = [e for e in doc.entities if e.type == "Person"]
    assert len(people) == 1 and "Solberg" in people[0].aliases


def test_the_startup_resolves_to_the_company(nlp):
    doc = doc_of(
        nlp, "Robotics startup Tavrin is growing. Oslund Capital invested $8 million in the startup in 2022."
    )
    names = {e.id: e.name for e in doc.entities}
    inv = [f for f in doc.facts if f.type == "investment"]
    assert inv and names[inv[0].roles["investee"]] == "Tavrin"
    assert names[inv[0].roles["investor"]] == "Oslund Capital"


@pytest.mark.parametrize(
    "clause",
    [
        "In 2021 Oslund Capital made a first investment of $3 million in the company.",
        "Back in 2021 Oslund Capital put an initial $3 million into the company.",
    ],
)
def test_the_company_is_not_the_subject_of_its_own_clause(nlp, clause):
    text = "Tavrin is a robotics startup. " + clause
    doc = doc_of(nlp, text)
    names = {e.id: e.name for e in doc.entities}
    inv = next(f for f in doc.facts if f.type == "investment")
    assert names[inv.roles["investee"]] == "Tavrin"
    assert inv.values["date"] == "2021"


def test_x_based_firm_resolves_to_the_company(nlp):
    text = "Halvorn Systems has raised $40 million. The Oslo-based firm said it would hire engineers."
    doc = doc_of(nlp, text)
    assert any(f.type == "funding_round" for f in doc.facts)
    assert all(e.name != "Oslo-based" for e in doc.entities)


def test_coreference_lowers_confidence(nlp):
    direct = doc_of(nlp, "Oslund Capital invested $8 million in Tavrin.")
    via_ref = doc_of(
        nlp, "Robotics startup Tavrin is growing. Oslund Capital invested $8 million in the startup."
    )
    conf_direct = next(f for f in direct.facts if f.type == "investment").confidence
    conf_ref = next(f for f in via_ref.facts if f.type == "investment").confidence
    assert conf_ref < conf_direct
