"""Perturbation probes: textbook facts under the complications real news adds.

A fact that reads in its plain form should still read when the subject carries an apposition or
a ticker, the amount a conversion, the sentence an attribution, or when the company is named
sentences earlier and the fact says "the company". Each complication is one axis; the script
prints recall and stray facts per value of each axis, so a complication that breaks reading
stands out. Names and wording are invented.

    python benchmarks/forms/perturb.py funding|acquisition|discourse|roles [--limit N] [-v]
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
        "second-company": ("{O} makes warehouse robots. {P}, the company's {F}{T}, said orders were up.", None),
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
        "other-co": f' {ANALYST}, chief executive of {BANK}, was not at the event.',
        "no-org": f' {ANALYST}, a chief executive, called it a good year.',
        "analyst-before": f' "The shares look cheap," said {BANK} analyst {ANALYST}.',
    }
    intros = {"none": "", "dateline": "LISBON, March 4 (Newswire) - ", "headline": "Robots for every warehouse\n\n"}
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


KINDS = {"funding": funding_cases, "acquisition": acquisition_cases, "discourse": discourse_cases, "roles": roles_cases}


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
        print(f"{axis:10} {value:16} recall {found / wanted:.2f} ({found}/{wanted})  stray facts {stray}")


if __name__ == "__main__":
    main()
