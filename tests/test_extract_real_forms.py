"""Forms that real published news uses and the extractor once misread. Each case is paired: the
form that must give the fact, and a near form that must not. Names and wording are invented."""

from __future__ import annotations

from extract_helpers import find, named_facts


def test_a_market_total_raised_by_startups_is_no_round(nlp) -> None:
    market = named_facts(
        nlp, "Last year, robotics start-ups in the region raised more than $900 million.", "2024-02-01"
    )
    assert [f for f in market if f["type"] == "funding_round"] == []
    one = named_facts(nlp, "Last year, the robotics start-up Quellbot raised $90 million.", "2024-02-01")
    assert find(one, type="funding_round", organization="Quellbot", amount=90_000_000)


def test_a_relative_clause_about_customers_keeps_the_round(nlp) -> None:
    facts = named_facts(
        nlp,
        "Tessaly, which sells payroll tools to small businesses, has raised $30 million in a Series B round.",
    )
    assert find(facts, type="funding_round", organization="Tessaly", amount=30_000_000)


def test_money_over_several_rounds_is_a_total(nlp) -> None:
    facts = named_facts(
        nlp,
        "Drone maker Ombrix Robotics pulled in $35 million in two funding rounds last year.",
        "2024-02-01",
    )
    total = find(facts, type="funding_total", organization="Ombrix Robotics", amount=35_000_000)
    assert total is not None and total["rounds"] == 2
    assert find(facts, type="funding_round", organization="Ombrix Robotics") is None


def test_a_market_cap_in_passing_is_no_valuation(nlp) -> None:
    passing = named_facts(
        nlp, "Kestrel Mining, which has a market capitalisation of about $400 million, cut jobs."
    )
    assert find(passing, type="valuation") is None
    listing = named_facts(
        nlp,
        "Kestrel Mining jumped 20% in its market debut, giving it a market capitalisation of $400 million.",
    )
    assert find(listing, type="valuation", organization="Kestrel Mining", amount=400_000_000)


def test_a_price_apiece_is_no_deal_value(nlp) -> None:
    apiece = named_facts(nlp, "Tamsin Foods will buy Corvel Bakeries shares at 1,250 yen apiece.")
    deal = find(apiece, type="acquisition", acquirer="Tamsin Foods")
    assert deal is None or "amount" not in deal
    whole = named_facts(nlp, "Tamsin Foods will buy Corvel Bakeries for 90 billion yen.")
    assert find(
        whole, type="acquisition", acquirer="Tamsin Foods", target="Corvel Bakeries", amount=90_000_000_000
    )


def test_a_place_abbreviation_before_based_is_not_part_of_the_name(nlp) -> None:
    facts = named_facts(
        nlp, "Last spring, Brisco, Tenn.-based Prairie Crest Payroll went live with Halvorsen Health Systems."
    )
    names = {
        v
        for f in facts
        for k, v in f.items()
        if k in ("supplier", "customer", "user", "product", "organization")
    }
    assert "Prairie Crest Payroll" in names
    assert not any("based" in n for n in names)


def test_a_city_and_state_before_based_leave_the_subject_its_round(nlp) -> None:
    facts = named_facts(
        nlp,
        "Korvia, a Tulsa, Okla.-based maker of crop software that helps growers plan, has raised $18M in "
        "Series B funding led by Halden Partners.",
    )
    assert find(facts, type="funding_round", organization="Korvia", amount=18_000_000)
    assert find(facts, type="investment", investor="Halden Partners", investee="Korvia")


def test_a_company_one_goes_live_with_is_a_supplier_but_a_platform_is_used(nlp) -> None:
    vendor = named_facts(
        nlp, "Since June, Brackley Hospital has gone live with Halvorsen Health Systems Inc."
    )
    assert find(
        vendor, type="supplier", supplier="Halvorsen Health Systems Inc.", customer="Brackley Hospital"
    ) or find(vendor, type="supplier", customer="Brackley Hospital")
    assert find(vendor, type="uses") is None
    platform = named_facts(nlp, "Yarrowby's booking service runs on Cirrabyte's Stratus cloud.")
    assert find(platform, type="uses", user="Yarrowby", product="Stratus")


def test_capitalised_titles_are_titles_not_names(nlp) -> None:
    facts = named_facts(nlp, "We spoke with Dana Whitlow, Pexo's Chief Revenue Officer, about the expansion.")
    assert find(facts, type="role", person="Dana Whitlow", organization="Pexo", title="chief revenue officer")
    facts = named_facts(
        nlp, "Halvern Chief Financial Officer Rupert Stanes takes over as acting chief executive."
    )
    assert find(facts, type="role", person="Rupert Stanes", organization="Halvern")
    assert not any("Financial" in str(v) for f in facts for v in f.values())
    # a capitalised word that is a name, not the middle of a title, stays a name
    named = named_facts(nlp, "Priya Nair, chief executive of Revenue Labs, spoke at the launch.")
    assert find(named, type="role", person="Priya Nair", organization="Revenue Labs")


def test_a_sign_off_gives_name_title_and_company(nlp) -> None:
    facts = named_facts(nlp, '"Orders picked up in spring," said Harriet Olsen, MD and CEO, Tarvik Foods.')
    assert find(facts, type="role", person="Harriet Olsen", organization="Tarvik Foods")
    listed = named_facts(
        nlp, "The prizes went to Harriet Olsen, MD and CEO, and to Tarvik Foods for its bakery."
    )
    assert find(listed, type="role", organization="Tarvik Foods") is None


def test_a_vp_of_something_at_a_company(nlp) -> None:
    facts = named_facts(
        nlp, '"We are moving fast," said Tomas Ferreira, VP of engineering and product at Quillon.'
    )
    assert find(facts, type="role", person="Tomas Ferreira", organization="Quillon")


def test_a_legal_form_after_the_name_is_not_part_of_it(nlp) -> None:
    facts = named_facts(nlp, "Zorvan Innovation Pvt., the operator of two video apps, raised $80 million.")
    assert find(facts, type="funding_round", organization="Zorvan Innovation", amount=80_000_000)


def test_a_customer_contract_is_no_round_and_its_value_no_valuation(nlp) -> None:
    facts = named_facts(
        nlp,
        "Tarvo Systems won a $400 million outsourcing contract from Ondra Telecom; a year earlier it had "
        "signed a deal valued at $700 million with a bank.",
    )
    assert [f for f in facts if f["type"] in ("funding_round", "valuation", "investment")] == []
    funding = named_facts(nlp, "Tarvo Systems bagged $16 million in a Series A round from Ondra Ventures.")
    assert find(funding, type="funding_round", organization="Tarvo Systems", amount=16_000_000)


def test_a_lending_facility_is_no_round(nlp) -> None:
    facts = named_facts(nlp, "Tarvo Systems raised a $150 million lending facility from Quill Bank.")
    assert find(facts, type="funding_round") is None
    equity = named_facts(nlp, "Tarvo Systems raised $150 million from Quill Ventures.")
    assert find(equity, type="funding_round", organization="Tarvo Systems", amount=150_000_000)


def test_a_company_described_with_city_and_state_keeps_its_round(nlp) -> None:
    facts = named_facts(
        nlp,
        "Korvia, Tulsa, Okla.-based company that helps farms plan crops, has raised $18M in Series B funding "
        "led by Halden Partners.",
    )
    assert find(facts, type="funding_round", organization="Korvia", amount=18_000_000)
    assert find(facts, type="investment", investor="Halden Partners", investee="Korvia")


def test_backers_named_with_by_right_after_the_rounds_size(nlp) -> None:
    facts = named_facts(
        nlp,
        "Cropnest, which sells soil sensors, landed a seed round of $3.5 million by Orrin Ventures and Fenwick Capital.",
    )
    assert find(facts, type="investment", investor="Fenwick Capital", investee="Cropnest")
    other = named_facts(nlp, "Cropnest raised $2 million, a sum praised by Orrin Ventures as modest.")
    assert find(other, type="investment", investor="Orrin Ventures") is None


def test_a_given_name_the_lexicon_lacks_is_a_person_when_the_context_says_so(nlp) -> None:
    facts = named_facts(nlp, "Orvell Mining named Kwabena Oyelaran chief executive on Monday.")
    assert find(facts, type="role", person="Kwabena Oyelaran", organization="Orvell Mining")
    # two capitalised words with no person context stay a firm's name
    firm = named_facts(nlp, "The round was led by Halvern Brisco, with Orrin Capital joining.")
    assert not find(firm, type="role")


def test_names_listed_after_founded_by_are_founders(nlp) -> None:
    facts = named_facts(
        nlp,
        "Orvell Mining explores for copper in Zambia. The firm was founded by Kwabena Oyelaran and Tunji Bayowa "
        "in 2019.",
    )
    assert find(facts, type="founded", organization="Orvell Mining", founder="Kwabena Oyelaran")
    assert find(facts, type="founded", organization="Orvell Mining", founder="Tunji Bayowa")
    assert not find(facts, type="founded", organization="Kwabena Oyelaran")


def test_the_one_backer_named_after_the_sum_put_in_all_of_it(nlp) -> None:
    facts = named_facts(nlp, "Lagos-based Quorix received $200m from Velta Pay to expand into Ghana.")
    one = find(facts, type="investment", investor="Velta Pay", investee="Quorix")
    assert one is not None and one["amount"] == 200_000_000
    several = named_facts(nlp, "Quorix raised $20m from Velta Capital and Orrin Partners.")
    both = [f for f in several if f["type"] == "investment"]
    assert len(both) == 2 and all("amount" not in f for f in both)


def test_money_raised_over_the_past_year_is_no_single_round(nlp) -> None:
    facts = named_facts(
        nlp, "Counting the new cash, Tarvo has pulled in about $420 million over the past year from backers."
    )
    assert find(facts, type="funding_round") is None
    one = named_facts(nlp, "Tarvo raised $15 million last year from Orrin Capital.", "2024-05-02")
    assert find(one, type="funding_round", organization="Tarvo", amount=15_000_000)


def test_a_category_word_or_a_single_letter_is_no_product(nlp) -> None:
    named = named_facts(nlp, "Brantley Software's products include Quillfeather, Inkwell and Lumenry.")
    assert find(named, type="product", organization="Brantley Software", product="Lumenry")
    category = named_facts(nlp, "Brantley Software's products include Quillfeather, Inkwell and Apps.")
    assert find(category, type="product", organization="Brantley Software", product="Inkwell")
    assert not find(category, type="product", product="Apps")
    letter = named_facts(nlp, "Brantley Software's products include Quillfeather, Inkwell and X.")
    assert not [f for f in letter if f["type"] == "product" and f["product"].strip(".") == "X"]


def test_a_name_always_followed_by_tab_or_project_is_no_product(nlp) -> None:
    facts = named_facts(nlp, "Brantley Software's products include the Quillfeather tab and Inkwell.")
    assert find(facts, type="product", organization="Brantley Software", product="Inkwell")
    assert not find(facts, type="product", product="Quillfeather")
    named_again = named_facts(
        nlp, "Brantley Software's products include the Quillfeather tab and Inkwell. Quillfeather is free."
    )
    assert find(named_again, type="product", organization="Brantley Software", product="Quillfeather")


def test_the_rival_named_before_a_product_is_not_the_makers(nlp) -> None:
    facts = named_facts(
        nlp,
        "Pellucid Media, the operator of Wirecast rival Stoatly and photo app Lumenry, hired 30 engineers.",
    )
    assert find(facts, type="product", organization="Pellucid Media", product="Lumenry")
    assert not find(facts, type="product", product="Wirecast")


def test_firms_that_joined_forces_are_partners_in_pairs(nlp) -> None:
    facts = named_facts(
        nlp,
        "Grain traders Harwick Holdings, Delmont Trading and Oakby Grain joined forces to form "
        "a shared export desk.",
    )
    assert find(facts, type="partnership", party_a="Harwick Holdings", party_b="Oakby Grain")
    assert find(facts, type="partnership", party_a="Delmont Trading", party_b="Oakby Grain")
    apart = named_facts(
        nlp,
        "Grain traders Harwick Holdings, Delmont Trading and Oakby Grain declined to form "
        "a shared export desk.",
    )
    assert not [f for f in apart if f["type"] == "partnership"]


def test_partnerships_listed_in_a_relative_clause_are_the_subjects(nlp) -> None:
    facts = named_facts(
        nlp,
        "Corrigan Industries has many projects in Asia, which include partnerships with Harwick Bank and Delmont Care.",
    )
    assert find(facts, type="partnership", party_a="Corrigan Industries", party_b="Harwick Bank")
    other = named_facts(
        nlp,
        "Corrigan Industries has many projects in Asia, which include disputes with Harwick Bank and Delmont Care.",
    )
    assert not [f for f in other if f["type"] == "partnership"]


def test_the_parent_company_of_a_brand_and_a_subsidiary_after_a_ticker(nlp) -> None:
    facts = named_facts(
        nlp,
        "Orvell Capital bought a stake in Harwick Holdings, the parent company of snack brand Crumbly Bites.",
    )
    assert find(facts, type="subsidiary", parent="Harwick Holdings", child="Crumbly Bites")
    former = named_facts(
        nlp,
        "Orvell Capital bought a stake in Harwick Holdings, the former supplier of snack brand Crumbly Bites.",
    )
    assert not [f for f in former if f["type"] == "subsidiary"]
    ticker = named_facts(
        nlp, "Corrigan Industries (NYSE: CRG) subsidiary Tessaly Labs signed a deal with Delmont Care."
    )
    assert find(ticker, type="subsidiary", parent="Corrigan Industries", child="Tessaly Labs")
    rival = named_facts(
        nlp, "Corrigan Industries (NYSE: CRG) rival Tessaly Labs signed a deal with Delmont Care."
    )
    assert not [f for f in rival if f["type"] == "subsidiary"]


def test_founded_by_then_the_year_in_an_apposition_keeps_the_year(nlp) -> None:
    facts = named_facts(
        nlp, "Tessaly, founded by Amara Okafor in 2012, built the first cold-storage network in the region."
    )
    assert find(facts, type="founded", organization="Tessaly", founder="Amara Okafor", date="2012")
    sued = named_facts(
        nlp, "Tessaly, sued by Amara Okafor in 2012, built the first cold-storage network in the region."
    )
    assert not [f for f in sued if f["type"] == "founded"]


def test_firms_that_joined_forces_to_form_a_body_found_it(nlp) -> None:
    facts = named_facts(
        nlp,
        "Shipping firms Harwick Lines, Delmont Freight and Oakby Cargo joined forces to form the Tessaly Booking "
        "Network.",
    )
    assert find(facts, type="founded", organization="Tessaly Booking Network", founder="Delmont Freight")
    oppose = named_facts(
        nlp,
        "Shipping firms Harwick Lines, Delmont Freight and Oakby Cargo joined forces to oppose the Tessaly Booking "
        "Network.",
    )
    assert not [f for f in oppose if f["type"] == "founded"]


def test_an_investor_list_goes_on_past_a_description_of_one_investor(nlp) -> None:
    text = (
        "Perrow Labs closed a $12 million Series A. The round also attracted Nolan Peak Capital, "
        "Ostrava Ventures, the family office of shipbuilder Kallum, and Brightwater Fund."
    )
    facts = named_facts(nlp, text)
    for investor in ("Ostrava Ventures", "Brightwater Fund", "Nolan Peak Capital"):
        assert find(facts, type="investment", investor=investor, investee="Perrow Labs"), investor
    # the company named inside the description is no investor in the round
    assert find(facts, type="investment", investor="Kallum") is None


def test_a_lowercase_series_names_the_round(nlp) -> None:
    facts = named_facts(nlp, "Perrow Labs raised $12 million in a series B round led by Ostrava Ventures.")
    fact = find(facts, type="funding_round", organization="Perrow Labs", amount=12_000_000)
    assert fact is not None and fact["round"] == "Series B"
    plain = named_facts(nlp, "Perrow Labs raised $12 million in a round led by Ostrava Ventures.")
    assert "round" not in find(plain, type="funding_round", organization="Perrow Labs")


def test_an_untagged_employer_before_a_title_and_a_name(nlp) -> None:
    facts = named_facts(nlp, "Quillory CFO Annika Brandvold said costs fell in the quarter.")
    assert find(facts, type="role", person="Annika Brandvold", organization="Quillory", title="CFO")
    # an analyst named after a company may only cover it: no role
    analyst = named_facts(nlp, "Quillory analyst Annika Brandvold said costs fell in the quarter.")
    assert find(analyst, type="role", person="Annika Brandvold") is None


def test_a_two_letter_scale_may_stand_after_a_space(nlp) -> None:
    facts = named_facts(
        nlp, "Castor Ridge led a USD 4.5 mn seed investment in Ombrelle Pay, the Lisbon payments app."
    )
    assert find(facts, type="funding_round", organization="Ombrelle Pay", amount=4_500_000)
    # one letter after a space is no scale: the amount is not read as millions
    loose = named_facts(
        nlp, "Castor Ridge led a USD 4.5 m seed investment in Ombrelle Pay, the Lisbon payments app."
    )
    assert find(loose, type="funding_round", amount=4_500_000) is None


def test_a_takeover_under_way_is_agreed_and_dated_by_the_article(nlp) -> None:
    facts = named_facts(
        nlp,
        "Shareholders heard on Tuesday that Brunnhof AG is being taken over by Lianrui Parts.",
        "2021-03-04",
    )
    deal = find(facts, type="acquisition", acquirer="Lianrui Parts", target="Brunnhof AG")
    assert deal is not None and deal["status"] == "announced" and deal["date"] == "2021-03-02"
    past = named_facts(nlp, "Lianrui Parts took over Brunnhof AG in 2015.", "2021-03-04")
    assert find(past, type="acquisition", acquirer="Lianrui Parts", date="2015")


def test_a_dotted_date_closing_the_masthead_dates_the_article(nlp) -> None:
    text = (
        "Varnby deal closes | Markets | 03.11.2019\n\n"
        "Ostrel Pumps has acquired Varnby Systems, its Danish rival."
    )
    facts = named_facts(nlp, text)
    assert find(
        facts, type="acquisition", acquirer="Ostrel Pumps", target="Varnby Systems", date="2019-11-03"
    )
    # a dotted number inside a sentence is no masthead date
    plain = named_facts(
        nlp, "Release 03.11.2019 of the pump software is out.\n\nOstrel Pumps has acquired Varnby Systems."
    )
    deal = find(plain, type="acquisition", acquirer="Ostrel Pumps", target="Varnby Systems")
    assert deal is not None and deal.get("date") != "2019-11-03"


def test_goods_being_bought_are_not_the_company_before_them(nlp) -> None:
    goods = named_facts(nlp, "Kessel Aero will service the trains being bought by Varna Rail.")
    assert find(goods, type="acquisition") is None
    company = named_facts(nlp, "Brunnhof AG is being bought by Lianrui Parts.")
    assert find(company, type="acquisition", acquirer="Lianrui Parts", target="Brunnhof AG")


def test_an_order_package_value_is_no_valuation(nlp) -> None:
    order = named_facts(nlp, "Varna Air signed for spare parts and training, an order worth $2.1 billion.")
    assert find(order, type="valuation") is None
    company = named_facts(nlp, "After the round, Varna Air is valued at $2.1 billion.")
    assert find(company, type="valuation", organization="Varna Air", amount=2_100_000_000)


def test_a_backed_prefix_inside_a_relative_clause_is_no_backing_by_the_subject(nlp) -> None:
    facts = named_facts(nlp, "Tavro Mobility, a rival of Orlen-backed Vogo Rides, sells car insurance.")
    assert find(facts, type="investment", investor="Tavro Mobility") is None
    backer = named_facts(nlp, "Tavro Mobility, which first backed Vogo Rides in 2019, sells car insurance.")
    assert find(backer, type="investment", investor="Tavro Mobility", investee="Vogo Rides")


def test_a_person_who_owns_a_company_is_no_parent_company(nlp) -> None:
    owner = named_facts(nlp, "Ferreyra Textiles, owned by Marcelo Ferreyra since 1998, opened a mill.")
    assert find(owner, type="subsidiary") is None
    parent = named_facts(nlp, "Ferreyra Textiles, owned by Quilmes Holdings since 1998, opened a mill.")
    assert find(parent, type="subsidiary", parent="Quilmes Holdings", child="Ferreyra Textiles")


def test_a_purchase_under_a_condition_is_no_deal(nlp) -> None:
    condition = named_facts(
        nlp, "If Harlan Tools buys Vessin Group, the combined firm would employ 9,000 people."
    )
    assert find(condition, type="acquisition") is None
    done = named_facts(nlp, "Harlan Tools acquires Vessin Group for $900 million.", "2020-01-01")
    assert find(done, type="acquisition", acquirer="Harlan Tools", target="Vessin Group", amount=900_000_000)


def test_a_joint_venture_set_up_or_launched_by_two_firms_is_a_partnership(nlp) -> None:
    for verb in ("have launched an insurance joint venture", "will set up a joint venture"):
        facts = named_facts(nlp, f"Harwick Telecom and Ostrava Mobile {verb} for farm insurance.")
        assert find(facts, type="partnership", party_a="Harwick Telecom", party_b="Ostrava Mobile"), verb
    apart = named_facts(
        nlp, "Harwick Telecom and Ostrava Mobile have launched rival insurance apps for farmers."
    )
    assert find(apart, type="partnership") is None


def test_investors_listed_with_semicolons_and_descriptions(nlp) -> None:
    text = (
        "Quellbot has closed a $60mn Series B. Its backers include Ostrava Capital; Kelvar Systems, "
        "a chip distributor; and Brightwater Fund, owned by Tamsin Group."
    )
    facts = named_facts(nlp, text)
    for investor in ("Ostrava Capital", "Kelvar Systems", "Brightwater Fund"):
        assert find(facts, type="investment", investor=investor, investee="Quellbot"), investor
    assert find(facts, type="investment", investor="Tamsin Group") is None
    two = named_facts(
        nlp, "Quellbot raised $60mn from Ostrava Capital; Kelvar Systems raised $5mn from Tamsin Group."
    )
    assert find(two, type="investment", investor="Tamsin Group", investee="Quellbot") is None


def test_a_name_may_start_with_digits_joined_to_letters(nlp) -> None:
    facts = named_facts(nlp, "Renata Solis, president and CEO of 5D Metrics, opened the plant.")
    assert find(facts, type="role", person="Renata Solis", organization="5D Metrics")
    money = named_facts(nlp, "Renata Solis said 5D Metrics raised $12m from Orlen Capital.")
    assert find(money, type="funding_round", organization="5D Metrics", amount=12_000_000)


def test_a_date_and_time_line_above_the_headline_dates_the_article(nlp) -> None:
    text = (
        "March 9, 2022 / 7:41 AM GMT\n\n"
        "Ostrel Pumps signs deal\n\n"
        "Ostrel Pumps has acquired Varnby Systems, its Danish rival."
    )
    facts = named_facts(nlp, text)
    assert find(facts, type="acquisition", acquirer="Ostrel Pumps", date="2022-03-09")
    caption = named_facts(
        nlp,
        "A photo of the plant, taken March 9, 2022 / by staff.\n\nOstrel Pumps has acquired Varnby Systems.",
    )
    deal = find(caption, type="acquisition", acquirer="Ostrel Pumps")
    assert deal is not None and deal.get("date") != "2022-03-09"


def test_a_short_title_before_a_name_takes_the_company_the_text_is_about(nlp) -> None:
    text = "Pellor Freight lost two big customers in May.\n\nMargins will recover by winter, CFO Ida Brenner told analysts."
    facts = named_facts(nlp, text)
    assert find(facts, type="role", person="Ida Brenner", organization="Pellor Freight", title="CFO")
    reporter = named_facts(
        nlp, "Pellor Freight lost two big customers in May.\n\nReporter Ida Brenner asked about margins."
    )
    assert find(reporter, type="role", person="Ida Brenner") is None


def test_a_new_post_named_before_the_person(nlp) -> None:
    facts = named_facts(nlp, "Pellor Freight's new boss, Omar Lind, wants to sell the ferries.")
    role = find(facts, type="role", person="Omar Lind", organization="Pellor Freight")
    assert role is not None and role["title"] == "boss" and role["current"] is True
    rival = named_facts(nlp, "Pellor Freight's new rival, Omar Lind, wants to buy the ferries.")
    assert find(rival, type="role", person="Omar Lind") is None


def test_a_deal_announced_with_no_date_is_dated_by_the_article(nlp) -> None:
    facts = named_facts(
        nlp, "Pellor Freight announced the acquisition of Harlow Dairies, a cheese maker.", "2022-06-14"
    )
    assert find(facts, type="acquisition", acquirer="Pellor Freight", date="2022-06-14")
    old = named_facts(
        nlp, "Pellor Freight announced the acquisition of Harlow Dairies in 2015.", "2022-06-14"
    )
    assert find(old, type="acquisition", acquirer="Pellor Freight", date="2015")


def test_a_bare_apostrophe_possessive_names_the_buyer(nlp) -> None:
    deal = named_facts(nlp, "Harlow Mills' $80 million takeover of Brenly Paper closed after a long review.")
    assert find(deal, type="acquisition", acquirer="Harlow Mills", target="Brenly Paper", amount=80_000_000)
    other = named_facts(nlp, "Harlow Mills' $80 million review of Brenly Paper closed after a long delay.")
    assert find(other, type="acquisition") is None


def test_has_taken_over_a_company_but_not_a_post(nlp) -> None:
    deal = named_facts(nlp, "Ostwald Group has taken over Fenner Tools, a maker of drill bits.")
    assert find(deal, type="acquisition", acquirer="Ostwald Group", target="Fenner Tools")
    post = named_facts(nlp, "Mirela Stan has taken over as head of Fenner Tools.")
    assert find(post, type="acquisition") is None


def test_a_second_target_named_after_the_first(nlp) -> None:
    both = named_facts(nlp, "Ostwald Group bought Fenner Tools and Sallow Metals last year.", "2024-05-01")
    assert find(both, type="acquisition", acquirer="Ostwald Group", target="Fenner Tools")
    assert find(both, type="acquisition", acquirer="Ostwald Group", target="Sallow Metals")
    clause = named_facts(
        nlp, "Ostwald Group bought Fenner Tools and Sallow Metals said it would look for a buyer too."
    )
    assert find(clause, type="acquisition", target="Sallow Metals") is None


def test_a_price_per_share_for_a_company_values_the_target_not_the_buyer(nlp) -> None:
    facts = named_facts(
        nlp, "Kessan Foods will pay $9 per share for Doria Snacks, valuing the company at $600 million."
    )
    deal = find(facts, type="acquisition", acquirer="Kessan Foods", target="Doria Snacks")
    assert deal is not None and deal.get("amount") in (None, 600_000_000)
    assert find(facts, type="valuation", organization="Kessan Foods") is None
    lent = named_facts(nlp, "Kessan Foods will lend $9 million to Doria Snacks.")
    assert find(lent, type="acquisition") is None


def test_a_sized_round_in_a_company_is_not_a_place(nlp) -> None:
    facts = named_facts(nlp, "Brightwater Capital and Kelso Partners co-led the $15 million round in Vantra.")
    assert find(facts, type="investment", investor="Brightwater Capital", investee="Vantra")
    assert find(facts, type="investment", investor="Kelso Partners", investee="Vantra")
    region = named_facts(nlp, "Brightwater Capital led the biggest round in Europe this spring.")
    assert find(region, type="investment", investee="Europe") is None


def test_a_possessive_round_led_by_its_backers(nlp) -> None:
    facts = named_facts(nlp, "Vantra's $30 million Series C round was led by Brightwater Capital.")
    assert find(facts, type="funding_round", organization="Vantra", amount=30_000_000, round="Series C")
    assert find(facts, type="investment", investor="Brightwater Capital", investee="Vantra")
    review = named_facts(nlp, "Vantra's $30 million Series C plan was praised by Brightwater Capital.")
    assert find(review, type="investment") is None


def test_an_investor_described_before_it_leads_a_round(nlp) -> None:
    facts = named_facts(
        nlp, "Brightwater Capital, a Dublin-based venture firm, led Vantra's $9 million seed round."
    )
    assert find(facts, type="investment", investor="Brightwater Capital", investee="Vantra")
    praised = named_facts(
        nlp, "Brightwater Capital, a Dublin-based venture firm, praised Vantra's $9 million seed round."
    )
    assert find(praised, type="investment") is None


def test_a_round_with_one_backer_leading_and_others_taking_part(nlp) -> None:
    facts = named_facts(
        nlp,
        "Vantra closed a $25 million Series B, with Brightwater Capital leading and Kelso Partners "
        "and Orme Fund participating.",
    )
    for backer in ("Brightwater Capital", "Kelso Partners", "Orme Fund"):
        assert find(facts, type="investment", investor=backer, investee="Vantra"), backer


def test_a_headline_gets_money_from_a_backer(nlp) -> None:
    facts = named_facts(nlp, "Payroll start-up Vantra gets $7 million from Brightwater Capital.")
    assert find(facts, type="funding_round", organization="Vantra", amount=7_000_000)
    assert find(facts, type="investment", investor="Brightwater Capital", investee="Vantra")
    award = named_facts(nlp, "Payroll start-up Vantra gets praise from Brightwater Capital.")
    assert find(award, type="investment") is None


def test_a_total_said_before_its_clause_is_no_round(nlp) -> None:
    facts = named_facts(nlp, "So far, Corvane Robotics has raised $64 million.", "2024-02-01")
    assert find(facts, type="funding_total", organization="Corvane Robotics", amount=64_000_000)
    assert find(facts, type="funding_round", organization="Corvane Robotics") is None
    fresh = named_facts(nlp, "On Tuesday, Pemberly Health raised $64 million.", "2024-02-01")
    assert find(fresh, type="funding_round", organization="Pemberly Health", amount=64_000_000)
    assert find(fresh, type="funding_total") is None


def test_money_across_several_rounds_is_a_total(nlp) -> None:
    facts = named_facts(nlp, "Pemberly Health has pulled in $64 million across three rounds.", "2024-02-01")
    assert find(facts, type="funding_total", organization="Pemberly Health", amount=64_000_000)
    assert find(facts, type="funding_round", organization="Pemberly Health") is None


def test_an_unknown_ly_name_opening_a_sentence_is_a_name_but_an_adverb_is_not(nlp) -> None:
    named = named_facts(nlp, "Quibbly raised $6 million in a seed round.", "2024-02-01")
    assert find(named, type="funding_round", organization="Quibbly", amount=6_000_000)
    adverb = named_facts(nlp, "Recently Tarrow Foods raised $6 million in a seed round.", "2024-02-01")
    assert find(adverb, type="funding_round", organization="Tarrow Foods", amount=6_000_000)


def test_the_owner_in_a_last_investor_description_is_no_investor(nlp) -> None:
    facts = named_facts(
        nlp,
        "Lumera Health raised $14 million from backers including Quarry Ventures and Ellison Row, "
        "the investment arm of Tobin Mills.",
        "2024-02-01",
    )
    assert find(facts, type="investment", investor="Ellison Row", investee="Lumera Health")
    assert find(facts, type="investment", investor="Tobin Mills") is None
    listed = named_facts(
        nlp,
        "Lumera Health raised $14 million from Quarry Ventures, Ellison Row and Tobin Mills.",
        "2024-02-01",
    )
    assert find(listed, type="investment", investor="Tobin Mills", investee="Lumera Health")


def test_money_closed_from_named_backers_is_a_round(nlp) -> None:
    facts = named_facts(
        nlp,
        "Lumera Health has closed €9 million ($10 million) from Quarry Ventures and Ellison Row.",
        "2024-02-01",
    )
    assert find(facts, type="funding_round", organization="Lumera Health", amount=9_000_000)
    assert find(facts, type="investment", investor="Ellison Row", investee="Lumera Health")
    office = named_facts(nlp, "Lumera Health has closed its office in Leeds after a review.", "2024-02-01")
    assert find(office, type="funding_round") is None


def test_a_unit_bought_from_its_owner_is_the_target(nlp) -> None:
    facts = named_facts(
        nlp, "Stavely Group has agreed to buy Orrick Holdings's payments unit, Tennet Pay, for $80 million."
    )
    assert find(facts, type="acquisition", acquirer="Stavely Group", target="Tennet Pay", amount=80_000_000)
    assert find(facts, type="acquisition", target="Orrick Holdings") is None


def test_an_investment_only_considered_is_not_made(nlp) -> None:
    weighed = named_facts(nlp, "Quarry Ventures considered investing in Lumera Health last year.")
    assert find(weighed, type="investment", investor="Quarry Ventures") is None
    made = named_facts(nlp, "Quarry Ventures began investing in Lumera Health last year.")
    assert find(made, type="investment", investor="Quarry Ventures", investee="Lumera Health")


def test_a_brand_written_with_a_lowercase_prefix_is_a_name(nlp) -> None:
    facts = named_facts(nlp, "tivaPay, a Lagos payments start-up, raised $4 million.", "2024-02-01")
    assert find(facts, type="funding_round", organization="tivaPay", amount=4_000_000)
    plain = named_facts(nlp, "ecommerce sales rose, and Lagos start-ups raised $4 million.", "2024-02-01")
    assert find(plain, type="funding_round") is None


def test_a_valuation_that_stands_at_an_amount(nlp) -> None:
    facts = named_facts(nlp, "Dorvel Labs' valuation now stands at $900 million.", "2024-02-01")
    assert find(facts, type="valuation", organization="Dorvel Labs", amount=900_000_000)
    staff = named_facts(nlp, "Dorvel Labs' headcount now stands at 900 people.", "2024-02-01")
    assert find(staff, type="valuation") is None


def test_a_stake_bought_from_a_seller_and_one_priced_first(nlp) -> None:
    sold = named_facts(nlp, "Marrick Partners acquired 35% of Velta Foods from Osric Holdings in 2022.")
    deal = find(
        sold, type="investment", investor="Marrick Partners", investee="Velta Foods", seller="Osric Holdings"
    )
    assert deal is not None and deal["stake_percent"] == 35
    priced = named_facts(nlp, "Marrick Partners paid $60 million for a 15% stake in Velta Foods.")
    assert find(
        priced, type="investment", investor="Marrick Partners", investee="Velta Foods", amount=60_000_000
    )
    majority = named_facts(nlp, "Marrick Partners paid $60 million for a 75% stake in Velta Foods.")
    assert find(majority, type="investment", investor="Marrick Partners", stake_percent=75) is None


def test_rival_opening_a_sentence_is_no_part_of_the_name(nlp) -> None:
    facts = named_facts(nlp, "Rival Sandmere Robotics raised $50 million last year.", "2024-02-01")
    assert find(facts, type="funding_round", organization="Sandmere Robotics", amount=50_000_000)
    assert find(facts, type="funding_round", organization="Rival Sandmere Robotics") is None
