"""Perturbation probes: textbook facts under the complications real news adds.

A fact that reads in its plain form should still read when the subject carries an apposition or
a ticker, the amount a conversion, the sentence an attribution, or when the company is named
sentences earlier and the fact says "the company". Each complication is one axis; the script
prints recall and stray facts per value of each axis, so a complication that breaks reading
stands out. Names and wording are invented.

    python benchmarks/forms/perturb.py funding|acquisition|deals|discourse|investors|relations|roles [--limit N] [-v]
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from run import facts_reader, matches  # benchmarks/forms/run.py: the script's own folder is on sys.path

Case = tuple[str, dict[str, str], list[dict[str, Any]], set[str]]  # text, axis values, wanted, types checked

CO = "Corvane Robotics"
BUYER, TARGET = "Brannock Systems", "Quelvin Data"


def funding_cases() -> Iterator[Case]:
    subjects = {
        "plain": CO,
        "desc-before": f"Warehouse automation startup {CO}",
        "based-appos": f"{CO}, a Lisbon-based maker of picking robots,",
        "ticker": f"{CO} (NASDAQ: CRVN)",
        "founded-rel": f"{CO}, which was founded in 2016 by Ilse Marr and Tomas Quint,",
    }
    verbs = {
        "raised": "raised",
        "has-raised": "has raised",
        "said-had": "said on Tuesday it had raised",
        "announced-today": "today announced that it has raised",
        "closed": "has closed",
        "secured": "has secured",
    }
    money = {
        "usd": ("$20 million", 20_000_000),
        "conv": ("€18 million ($20 million)", 18_000_000),
        "about": ("about $20 million", 20_000_000),
        "short": ("$20M", 20_000_000),
    }
    tails = {
        "series-led": (" in a Series A round led by Hollin Ventures", ["Hollin Ventures"]),
        "led-with": (
            " in a Series A round led by Hollin Ventures, with participation from Ostrander Capital and Mirefield",
            ["Hollin Ventures", "Ostrander Capital", "Mirefield"],
        ),
        "from-list": (
            " from Hollin Ventures, Ostrander Capital and the Quay Fund",
            ["Hollin Ventures", "Ostrander Capital", "Quay Fund"],
        ),
        "in-funding": (" in new funding", []),
        "desc-investors": (
            " from investors including Boston-based Hollin Ventures and Ostrander Capital, the venture arm of Pellet Foods",
            ["Hollin Ventures", "Ostrander Capital"],
        ),
    }
    ends = {
        "none": ".",
        "statement": ", the company said in a statement.",
        "purpose": " to expand into Germany and hire 40 engineers.",
        "filing": ", according to a regulatory filing.",
    }
    for s, v, m, t, e in itertools.product(subjects, verbs, money, tails, ends):
        (amount_text, amount), (tail, backers) = money[m], tails[t]
        wanted = [{"type": "funding_round", "organization": CO, "amount": amount}]
        wanted += [{"type": "investment", "investor": b, "investee": CO} for b in backers]
        text = f"{subjects[s]} {verbs[v]} {amount_text}{tail}{ends[e]}"
        yield (
            text,
            {"subject": s, "verb": v, "money": m, "tail": t, "end": e},
            wanted,
            {"funding_round", "investment"},
        )


def acquisition_cases() -> Iterator[Case]:
    subjects = {
        "plain": BUYER,
        "desc-before": f"Freight software group {BUYER}",
        "based-appos": f"{BUYER}, a Leeds-based logistics software maker,",
        "ticker": f"{BUYER} (LSE: BRNK)",
        "relative": f"{BUYER}, which sells route-planning tools to hauliers,",
    }
    verbs = {
        "acquired": "acquired",
        "has-agreed": "has agreed to buy",
        "said-would": "said on Monday it would acquire",
        "announced-today": "today announced that it has acquired",
        "signed": "has signed a definitive agreement to acquire",
        "completed-acq": "has completed its acquisition of",
        "snapped": "snapped up",
    }
    objects = {
        "plain": TARGET,
        "desc-before": f"data analytics start-up {TARGET}",
        "appos": f"{TARGET}, a Dublin maker of fleet sensors,",
        "rival": f"rival {TARGET}",
        "owner-unit": f"Harl Group's analytics unit, {TARGET},",
    }
    prices = {
        "none": ("", None),
        "for": (" for $240 million", 240_000_000),
        "deal-valued": (" in a deal valued at $240 million", 240_000_000),
        "cash-stock": (" for $240 million in cash and stock", 240_000_000),
        "conv": (" for £190 million ($240 million)", 190_000_000),
    }
    ends = {
        "none": ".",
        "statement": ", the companies said in a joint statement.",
        "purpose": " to expand its European business.",
        "close": ". The deal is expected to close in the second quarter.",
    }
    for s, v, o, p, e in itertools.product(subjects, verbs, objects, prices, ends):
        price, amount = prices[p]
        obj = objects[o]
        if not price and obj.endswith(","):
            obj = obj[:-1] if ends[e].startswith((".", " ")) else obj[:-1]
        text = f"{subjects[s]} {verbs[v]} {obj}{price}{ends[e]}"
        wanted = {"type": "acquisition", "acquirer": BUYER, "target": TARGET}
        if amount:
            wanted["amount"] = amount
        axes = {"subject": s, "verb": v, "object": o, "price": p, "end": e}
        yield text, axes, [wanted], {"acquisition"}


def deal_cases() -> Iterator[Case]:
    """One deal told in the forms news uses (passive, nominal, relative, take-private), its price in
    the phrasings that put other money beside it, and its date as a weekday, a month or a past year."""
    forms = {
        "agreed": "{A} agreed to acquire {T}{P}{W}.",
        "passive-prog": "{T} is being taken over by {A}{P}{W}.",
        "to-be-bought": "{T} agreed to be bought by {A}{P}{W}.",
        "nominal-by": "The acquisition of {T} by {A}{P} was announced{W}.",
        "possessive": "{A}'s proposed takeover of {T}{P} was announced{W}.",
        "which-bought": "{T}, which {A} bought{P}{W}, makes fleet sensors.",
        "bought-by": "{T} was bought by {A}{P}{W}.",
        "take-private": "{A} agreed to take {T} private{P}{W}.",
        "pay-for": "{A} will pay{P}{W} for {T}.",
    }
    prices = {
        "none": ("", None),
        "for": (" for $240 million", 240_000_000),
        "cash-stock-debt": (
            " for $240 million in cash and stock, plus the assumption of $60 million in debt",
            240_000_000,
        ),
        "per-share-total": (" for $12 a share, or about $240 million", 240_000_000),
        "conv-yen": (" for 36 billion yen ($240 million)", 36_000_000_000),
        "deal-worth": (" in a deal worth $240 million", 240_000_000),
    }
    whens = {
        "none": ("", None),
        "weekday": (" on Thursday", "2025-03-06"),
        "last-month": (" last month", "2025-02"),
        "past-year": (" in 2019", "2019"),
    }
    for f, p, w in itertools.product(forms, prices, whens):
        (price, amount), (when, date) = prices[p], whens[w]
        if f == "pay-for":  # "will pay $N for Y": the price is the verb's object
            if not price.startswith(" for ") or when:
                continue
            price = price[len(" for") :]
        text = forms[f].format(A=BUYER, T=TARGET, P=price, W=when)
        wanted: dict[str, Any] = {"type": "acquisition", "acquirer": BUYER, "target": TARGET}
        if amount:
            wanted["amount"] = amount
        if date:
            wanted["date"] = date
        yield text, {"form": f, "price": p, "when": w}, [wanted], {"acquisition"}


def discourse_cases() -> Iterator[Case]:
    intros = {
        "desc": f"{CO} makes robots that pick parcels in warehouses.",
        "aim": f"{CO} wants to put a robot in every warehouse.",
        "quote": f'"Warehouses are running out of people," said Ilse Marr, chief executive of {CO}.',
        "founded": f"{CO} was founded in 2016 by Ilse Marr and Tomas Quint.",
        "dateline": f"LISBON, March 4 (Newswire) - {CO} makes robots that pick parcels in warehouses.",
    }
    middles = {
        "none": "",
        "customers": " Its customers include grocery chains and parcel carriers.",
        "quote": ' "We will use the money to hire," said Ilse Marr, its chief executive.',
    }
    references = {
        "the-company": "The company",
        "the-startup": "The startup",
        "the-based": "The Lisbon-based firm",
        "it": "It",
        "name": CO,
        "ceo-said": "Its chief executive, Ilse Marr, said the company",
    }
    facts = {
        "round": (
            "{R} has raised $20 million in a Series A round led by Hollin Ventures.",
            [
                {"type": "funding_round", "organization": CO, "amount": 20_000_000},
                {"type": "investment", "investor": "Hollin Ventures", "investee": CO},
            ],
        ),
        "acquisition": (
            "{R} has agreed to buy Quelvin Data for $40 million.",
            [{"type": "acquisition", "acquirer": CO, "target": TARGET, "amount": 40_000_000}],
        ),
        "valuation": (
            "{R} is now valued at $300 million.",
            [{"type": "valuation", "organization": CO, "amount": 300_000_000}],
        ),
        "acquired-by": (
            "{R} was acquired by Harl Group in 2023.",
            [{"type": "acquisition", "acquirer": "Harl Group", "target": CO}],
        ),
    }
    for i, m, r, f in itertools.product(intros, middles, references, facts):
        template, wanted = facts[f]
        sentence = template.format(R=references[r])
        if r == "ceo-said":
            sentence = sentence.replace("company has", "company had").replace("company is", "company was")
        text = f"Robots for every warehouse\n\n{intros[i]}{middles[m]} {sentence}"
        axes = {"intro": i, "middle": m, "reference": r, "fact": f}
        yield text, axes, wanted, {w["type"] for w in wanted}


INVESTORS = ["Hollin Ventures", "Ostrander Capital", "Brisk Lane Partners", "Tavener Growth"]
#: one descriptor per list position, by kind ("{}" is the investor's name)
DESCRIPTORS = {
    "none": ["{}"] * 4,
    "type-before": [
        "venture firm {}",
        "investment firm {}",
        "growth investor {}",
        "private equity group {}",
    ],
    "based-before": ["Boston-based {}", "London-based {}", "Singapore-based {}", "Oslo-based {}"],
    "appos": [
        "{}, a Boston venture firm,",
        "{}, the growth fund,",
        "{}, an early backer,",
        "{}, a family office,",
    ],
    "existing": ["existing investors {}", "{}", "{}", "{}"],
    "person-last": ["{}", "{}", "{}", "angel investor Rafe Okoro"],
}
SEPARATORS = {"and": (", ", " and "), "oxford": (", ", ", and "), "as-well-as": (", ", " as well as ")}
TENSES = {
    "raised": ("raised", "raised"),
    "has-raised": ("has raised", "raised"),
    "is-raising": ("is raising", "raising"),
    "said-had": ("said on Tuesday it had raised", "raised"),
    "secured": ("has secured", "secured"),
}
#: frames: (template, minimum list length, what is wanted). {S} subject, {V} verb, {L} the list,
#: {L1} its first item, {LR} the rest, {H} a headline verb
INVESTOR_FRAMES: dict[str, tuple[str, int, bool]] = {
    "led-by": ("{S} {V} $20 million in a Series B round led by {L}.", 1, True),
    "co-led": ("{S} {V} $20 million in a Series B round co-led by {L}.", 2, True),
    "led-with": (
        "{S} {V} $20 million in a Series B round led by {L1}, with participation from {LR}.",
        2,
        True,
    ),
    "led-with-nocomma": ("{S} {V} $20 million in a round led by {L1} with participation from {LR}.", 2, True),
    "from": ("{S} {V} $20 million in a Series B round from {L}.", 1, True),
    "from-incl": ("{S} {V} $20 million from investors including {L}.", 1, True),
    "list-invested": ("{L} invested $20 million in {S}.", 1, True),
    "list-led-round": ("{L} led a $20 million Series B round in {S}.", 1, True),
    "second-led": ("{S} {V} $20 million in a Series B round. The round was led by {L}.", 1, True),
    "second-also": ("{S} {V} $20 million in a Series B round. {L} also participated in the round.", 1, True),
    "second-company-said": ("{S} {V} $20 million. The company said {L} took part in the round.", 1, True),
    "second-other": (
        "{S} {V} $20 million in a round led by Pell Ridge Capital. Other investors include {L}.",
        1,
        True,
    ),
    "second-investors-were": ("{S} {V} $20 million. Investors in the round were {L}.", 1, True),
    "headline": (
        "{S} {H} $20 Million Series B Funding From {L}\n\n{S} {V} $20 million in a Series B round to build picking robots.",
        1,
        True,
    ),
    "which-picked-up": (
        "{S}, which picked up $20 million from {L} last year, plans to hire 40 engineers.",
        1,
        True,
    ),
    "further": ("{S} {V} a further $20 million from {L}.", 1, True),
    "backed-by": ("{S}, which is backed by {L}, makes picking robots.", 1, True),
    "past-when": (
        "{S} had last sold shares to investors in 2021, when {L} invested $50 million in a first-stage round.",
        1,
        True,
    ),
    "on-top": (
        "{S} {V} $20 million. The new cash follows a $60 million round led by {L} in 2023.",
        1,
        True,
    ),
    # near forms: nothing here may become an investment
    "neg-clients": ("{S} {V} $20 million in a Series B round. Its clients include {L}.", 1, False),
    "neg-declined": ("{S} {V} $20 million in a Series B round. {L} declined to invest.", 1, False),
    "neg-loan": ("{S} took out a $20 million loan from {L}.", 1, False),
    "neg-partners": (
        "{S} {V} $20 million in a Series B round. It works with partners such as {L}.",
        1,
        False,
    ),
    "neg-considered": ("{L} considered investing in {S} but walked away.", 1, False),
}


def _investor_list(names: list[str], desc: str, sep: str) -> tuple[str, list[str]]:
    """The list as text, and the investor names it holds (a person descriptor replaces a name)."""
    items, wanted = [], []
    for i, name in enumerate(names):
        if desc == "person-last" and i == len(names) - 1:
            items.append("angel investor Rafe Okoro")
            wanted.append("Rafe Okoro")
        else:
            items.append(DESCRIPTORS[desc][i].format(name) if desc != "person-last" else name)
            wanted.append(name)
    comma, last = SEPARATORS[sep] if len(items) > 2 or sep != "oxford" else SEPARATORS["and"]
    text = items[0] if len(items) == 1 else comma.join(items[:-1]) + last + items[-1]
    return text, wanted


def _tidy(text: str) -> str:
    """No doubled commas, no comma before a full stop, a capital after one."""
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r",([.\n])", r"\1", text)
    return re.sub(r"(^|[.] )([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def investor_cases() -> Iterator[Case]:
    """Every frame in turn (seeded order within each), so a --limit sample covers all frames evenly."""
    by_frame: dict[str, list[Case]] = defaultdict(list)
    for case in _investor_combinations():
        by_frame[case[1]["frame"]].append(case)
    for cases in by_frame.values():
        random.Random(7).shuffle(cases)
    for row in itertools.zip_longest(*by_frame.values()):
        yield from (case for case in row if case is not None)


def _investor_combinations() -> Iterator[Case]:
    subjects = {"plain": CO, "desc-before": f"Warehouse robotics start-up {CO}"}
    for f, n, d, sep, t, s in itertools.product(
        INVESTOR_FRAMES, range(1, 5), DESCRIPTORS, SEPARATORS, TENSES, subjects
    ):
        template, least, positive = INVESTOR_FRAMES[f]
        if (
            n < least
            or (n <= 2 and sep == "oxford")
            or (n == 1 and sep != "and")
            or (d == "existing" and n == 1)
        ):
            continue
        if d == "person-last" and n == 1 and f.startswith("list-"):
            continue
        if t != "raised" and "{V}" not in template:
            continue  # the tense axis only where the frame has the verb
        names = INVESTORS[:n]
        if "{L1}" in template:
            first, wanted_first = _investor_list(names[:1], "none" if d == "person-last" else d, sep)
            rest, wanted_rest = _investor_list(names[1:], "none" if d == "existing" else d, sep)
            wanted_names = wanted_first + wanted_rest
            listing = {"L1": first, "LR": rest}
        else:
            text_list, wanted_names = _investor_list(names, d, sep)
            listing = {"L": text_list}
        subject = subjects[s]
        verb, past = TENSES[t]
        if f.startswith("list-") or template.startswith("{L}"):
            subject = CO if s == "plain" else f"warehouse robotics start-up {CO}"
        text = template.replace("{S}", subject, 1).replace("{S}", CO)
        text = text.replace("{V}", verb).replace("{H}", "Lands")
        for key, value in listing.items():
            text = text.replace("{" + key + "}", value)
        text = _tidy(text)
        if "Pell Ridge Capital" in template:
            wanted_names = ["Pell Ridge Capital", *wanted_names]
        wanted = (
            [{"type": "investment", "investor": b, "investee": CO} for b in wanted_names] if positive else []
        )
        axes = {"frame": f, "n": str(n), "desc": d, "sep": sep, "tense": t, "subject": s}
        yield text, axes, wanted, {"investment"}


SUP, CUST = "Ledra Robotics", "Hask Markets"


def relations_cases() -> Iterator[Case]:
    """A supply relation (who supplies whom) under the complications of real news."""
    subjects = {
        "plain": ("", SUP),
        "desc-before": ("", f"Warehouse robot maker {SUP}"),
        "based-appos": ("", f"{SUP}, a Lyon-based maker of picking arms,"),
        "ticker": ("", f"{SUP} (EPA: LDRA)"),
        "the-company": (f"{SUP} makes picking arms for warehouses. ", "The company"),
    }
    customers = {
        "plain": CUST,
        "desc-before": f"the grocer {CUST}",
        "appos": f"{CUST}, Spain's third-largest grocer,",
        "ticker": f"{CUST} (BME: HSK)",
    }
    #: name -> (template, the same said by the supplier on a weekday); {S} supplier, {C} customer
    frames = {
        "will-supply-to": (
            "{S} will supply picking arms to {C}",
            "{S} said on Monday it would supply picking arms to {C}",
        ),
        "provide-with": (
            "{S} will provide {C} with picking arms",
            "{S} said on Monday it would provide {C} with picking arms",
        ),
        "contract-with": (
            "{S} signed a five-year, $40 million contract with {C} to supply picking arms",
            "{S} said on Monday it had signed a five-year, $40 million contract with {C} to supply picking arms",
        ),
        "won-from": (
            "{S} won a $40 million order from {C}",
            "{S} said on Monday it had won a $40 million order from {C}",
        ),
        "key-supplier": ("{S} is a key supplier to {C}", "{S} said on Monday it was a key supplier to {C}"),
        "supply-deal": (
            "{S} has signed a five-year supply deal with {C}",
            "{S} said on Monday it had signed a five-year supply deal with {C}",
        ),
        "selected": (
            "{C} has selected {S} as its automation supplier",
            "{C} said on Monday it had selected {S} as its automation supplier",
        ),
        "ordered-from": (
            "{C} ordered 300 picking arms from {S}",
            "{C} said on Monday it had ordered 300 picking arms from {S}",
        ),
        # near forms: the same two companies, no supply
        "near-competes": ("{S} competes with {C}", "{S} said on Monday it competed with {C}"),
        "near-sued": (
            "{S} sued {C} over unpaid invoices",
            "{S} said on Monday it had sued {C} over unpaid invoices",
        ),
        "near-hopes": (
            "{S} hopes to win {C} as a customer",
            "{S} said on Monday it hoped to win {C} as a customer",
        ),
    }
    ends = {
        "none": ".",
        "statement": ", the companies said in a statement.",
        "purpose": " for its new warehouses near Madrid.",
        "duration": " over the next five years.",
    }
    for s, c, f, said, e in itertools.product(subjects, customers, frames, ("plain", "said"), ends):
        intro, subject = subjects[s]
        template = frames[f][said == "said"]
        customer = customers[c]
        if template.startswith("{C}"):
            if s == "the-company":
                continue  # the reference stands for the supplier only
            customer = customer[0].upper() + customer[1:]
            subject = subject[0].lower() + subject[1:] if s == "desc-before" else subject
        text = template.format(S=subject, C=customer)
        text = intro + (text.rstrip(",") if ends[e].startswith((".", ",")) else text) + ends[e]
        wanted = [] if f.startswith("near-") else [{"type": "supplier", "supplier": SUP, "customer": CUST}]
        axes = {"subject": s, "customer": c, "frame": f, "said": said, "end": e}
        yield text, axes, wanted, {"supplier"}


PERSON, ANALYST, BANK = "Ilse Marr", "Tomas Quint", "Hollin Securities"


def roles_cases() -> Iterator[Case]:
    """A person's title at a company, placed the ways news places it (a founder title also gives a founding)."""
    people = {"ilse": PERSON, "darnell": "Darnell Okafor", "maren": "Maren Lindqvist"}
    titles = {
        "chief-exec": "chief executive",
        "ceo": "CEO",
        "cofounder-ceo": "co-founder and CEO",
        "managing-partner": "managing partner",
        "head-of": "head of logistics",
        "vp-sales": "vice president of sales",
        "cfo": "chief financial officer",
        "president": "president",
        "founder-chief": "founder and chief executive",
        "caps-cfo": "Chief Financial Officer",
        "caps-dept": "Vice President of Cloud Services",
        "head-dept": "head of Global Sales",
    }
    # {P} person, {T} title, {O} company; {F} "former " where the post is held no longer
    positions = {
        "said-of": ('"Orders are up," said {P}, {F}{T} of {O}.', None),
        "said-at": ('"Orders are up," said {P}, {F}{T} at {O}.', None),
        "poss-appos": ("{O}'s {F}{T}, {P}, said orders were up.", None),
        "appos-poss": ("{P}, {O}'s {F}{T}, said orders were up.", None),
        "org-title-name": ("{F}{O} {T} {P} said orders were up.", None),
        "quote-org-title": ('"Orders are up," {F}{O} {T} {P} said.', None),
        "according-to": ("According to {P}, {F}{T} of {O}, orders are up.", None),
        "appos-of-said": ("{P}, {F}{T} of {O}, said orders were up.", None),
        "the-title-of": ("The {F}{T} of {O}, {P}, said orders were up.", None),
        "second-its": ("{O} makes warehouse robots. Its {F}{T}, {P}, said orders were up.", None),
        "second-company": (
            "{O} makes warehouse robots. {P}, the company's {F}{T}, said orders were up.",
            None,
        ),
        "second-title-name": ("{O} makes warehouse robots. {F}{T} {P} said orders were up.", None),
        "named": ("{O} has named {P} as its new {T}, effective April 1.", True),
        "appointed": ("{P} has been appointed {T} of {O}, effective immediately.", True),
        "was-named": ("{P} was named {T} of {O} on Tuesday.", True),
        "joins-as": ("{P} joins {O} as {T} from a rival.", True),
        "step-down": ("{P} will step down as {T} of {O} at the end of the year.", None),
        "stepped-down": ("{P} stepped down as {T} of {O} last week.", False),
        "ex": ('"Orders are up," said {P}, ex-{T} of {O}.', False),
        "outgoing": ("Outgoing {O} {T} {P} said orders were up.", None),
        "who-was": ("{P}, who was {T} of {O} until 2019, now advises startups.", False),
        "space-comma": ("{P} , {F}{T} of {O}, said orders were up.", None),
        "long-time": ("{P}, a long-time {O} {T}, said orders were up.", None),
        "was-a": ("{P} was {O} {T} for a decade before joining Hollin Securities.", False),
        "serving-as": ("{P} joined Hollin Securities in 2019 after serving as {T} of {O}.", False),
        "working-as": ("{P} built the first prototype while working as {T} at {O}.", None),
        "rival-said": (
            '{O} makes warehouse robots. "Orders are up," said {P}, {F}{T} of rival Pellam Freight.',
            "rival",
        ),
    }
    status = {"current": "", "former": "former "}
    extras = {
        "none": "",
        "analyst": f' "The shares look cheap," said {ANALYST}, an analyst at {BANK}.',
        "other-co": f" {ANALYST}, chief executive of {BANK}, was not at the event.",
        "no-org": f" {ANALYST}, a chief executive, called it a good year.",
        "analyst-before": f' "The shares look cheap," said {BANK} analyst {ANALYST}.',
    }
    intros = {
        "none": "",
        "dateline": "LISBON, March 4 (Newswire) - ",
        "headline": "Robots for every warehouse\n\n",
    }
    for who, t, pos, st, ex, intro in itertools.product(people, titles, positions, status, extras, intros):
        template, fixed_current = positions[pos]
        if st == "former" and ("{F}" not in template or fixed_current in (True, False)):
            continue
        title = titles[t]
        person = people[who]
        text = template.format(P=person, T=title, O=CO, F=status[st])
        text = re.sub(r"(^|\. )([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
        text = intros[intro] + text + extras[ex]
        company = "Pellam Freight" if fixed_current == "rival" else CO
        role: dict[str, Any] = {"type": "role", "person": person, "organization": company}
        current = fixed_current if st == "current" else False
        if current in (True, False) and not ("founder" in title and title.split()[-1] == "founder"):
            role["current"] = current
        wanted = [role]
        if "founder" in title:
            wanted.append({"type": "founded", "organization": company, "founder": person})
        if ex in ("analyst", "other-co", "analyst-before"):
            wanted.append({"type": "role", "person": ANALYST, "organization": BANK})
        axes = {"person": who, "title": t, "position": pos, "status": st, "extra": ex, "intro": intro}
        yield text, axes, wanted, {"role", "founded"}


KINDS = {
    "funding": funding_cases,
    "acquisition": acquisition_cases,
    "deals": deal_cases,
    "discourse": discourse_cases,
    "investors": investor_cases,
    "relations": relations_cases,
    "roles": roles_cases,
}
#: kinds whose generator already orders its cases so that any prefix is a balanced sample
BALANCED = {"investors"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=sorted(KINDS))
    ap.add_argument("--limit", type=int, default=300, help="texts drawn (seeded) from all combinations")
    ap.add_argument(
        "-v", "--verbose", action="store_true", help="print each text with a miss or a stray fact"
    )
    args = ap.parse_args()
    read = facts_reader()
    cases = list(KINDS[args.kind]())
    if args.kind not in BALANCED:
        random.Random(7).shuffle(cases)
    found_of: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for text, axes, wanted, types in cases[: args.limit]:
        facts = read(text)
        found = sum(any(matches(f, w) for f in facts) for w in wanted)
        roles_only = [{k: v for k, v in w.items() if k != "amount"} for w in wanted]
        stray = [f for f in facts if f["type"] in types and not any(matches(f, w) for w in roles_only)]
        for axis, value in axes.items():
            row = found_of[(axis, value)]
            row[0], row[1], row[2] = row[0] + found, row[1] + len(wanted), row[2] + len(stray)
        if args.verbose and (found < len(wanted) or stray):
            print(text.replace("\n\n", " | "))
            for fact in facts:
                print(f"    {'STRAY ' if any(fact is f for f in stray) else ''}{fact}")
    for (axis, value), (found, wanted, stray) in sorted(found_of.items()):
        share = f"{found / wanted:.2f}" if wanted else " -- "
        print(f"{axis:10} {value:16} recall {share} ({found}/{wanted})  stray facts {stray}")


if __name__ == "__main__":
    main()
