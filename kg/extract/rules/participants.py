"""Investors in a round that an earlier sentence stated: "The round was led by X", "Y and Z
also took part", and bullet lists of backers after a colon. The round itself comes from
:mod:`kg.extract.rules.rounds` (``ctx.rounds``), which runs before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.entities import ORG, PERSON
from kg.extract.masking import MaskedSentence
from kg.extract.rules.clauses import _is, _subject_before, ent, list_entities, strip_asides
from kg.extract.rules.context import Context, Draft
from kg.extract.rules.grammar import _W, AMOUNT_HEDGE, LIST, ROUND_NAME, E, M
from kg.extract.rules.rounds import BROUGHT_IN, INCLUDING, RAISE, _round_investment, list_plain

#: a list that names where money went, not who put it in: "invested in companies including A and B"
PORTFOLIO_BEFORE = re.compile(
    r"\b(?:companies|startups|start-ups|firms|businesses|portfolio|investments|bets|stakes|holdings|brands|"
    r"clients|customers|markets|countries|products|deals|rivals|competitors|peers)\b[^,;.]{0,25}$"
)
ROUND_REF = r"(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|ENT\d+'s)\s+(?:new\s+|latest\s+|funding\s+|financing\s+|investment\s+)*(?:round|financing|funding|raise|fundraising|investment|Series [A-Z]\d?(?:\s+round)?)"


#: "A, B and a group of angel investors also chipped in": unnamed backers closing a list of named ones
OTHERS_TAIL = (
    r"(?:,?\s+(?:and|as well as)\s+(?:a\s+(?:group|number|handful)\s+of\s+|several\s+|other\s+|some\s+)"
    r"(?:[\w-]+\s+){0,2}?(?:investors|backers|individuals|angels|funds|family offices))?"
)


def round_participants(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    """Sentences about a round named earlier: 'The round was led by X', 'Y and Z also took part'."""
    if re.search(RAISE, text) and re.search(rf"{RAISE}\s+{AMOUNT_HEDGE}{M}", text):
        return  # the round rule handles sentences that state the round itself
    if not ctx.rounds or not re.search(E, text):
        return
    plain = strip_asides(text)
    name = ROUND_NAME.search(text)
    rnd = ctx.current_round(name.group(1) if name else None)
    if rnd is None:
        return
    owners = {
        ent(ms, t)
        for t in re.findall(
            rf"({E})'s?\s+(?:{M}\s+)?(?:new\s+|latest\s+|previous\s+|last\s+)?(?:Series|seed|round|funding|financing|IPO|fundrais)",
            text,
        )
    } | {
        ent(ms, t)
        for t in re.findall(
            rf"\b(?:invested|invests|invest)\s+(?:{AMOUNT_HEDGE}{M}\s+)?in\s+(?:the\s+)?({E})", text
        )
    }
    if owners and rnd.organization not in owners:
        return  # the sentence is about another company's round: "X invested in Y's Series B"
    raised = re.search(RAISE, plain)
    if raised:
        subject = _subject_before(ms, plain[: raised.start()], raised.start(), ctx)
        if subject is not None and subject != rnd.organization:
            return  # "Z last raised money in 2011, when A and B invested ...": Z's round, not the one stated
    main_name = ROUND_NAME.search(plain)  # not the one in "X, which led its seed round, invested again"
    if main_name and rnd.name and rnd.name.lower() != main_name.group(1).lower():
        return  # "X also led its Series B" while the round stated is the Series C: another round
    if (
        name
        and rnd.name is None
        and re.search(rf"{ROUND_REF}", text[max(0, name.start() - 12) : name.end() + 6])
    ):
        rnd.name = name.group(1)  # "The Series B round also drew ...": the round named afterwards
        rnd.draft.values["round"] = rnd.name
    found: list[int] = []
    patterns = [
        rf"{ROUND_REF}\s+(?:was|is|has been|were)\s+(?:co-?led|led|headed|spearheaded|anchored)\s+by\s+(?:the\s+likes\s+of\s+)?({LIST})",
        rf"{ROUND_REF}\s+(?:also\s+)?(?:drew|attracted|included|includes|saw participation from)\s+({LIST})",
        rf"{ROUND_REF}\s+(?:also\s+)?(?:included|includes|saw|drew|had|featured)\s+(?:(?:additional|further)\s+)?participation\s+(?:from|by)\s+({LIST})",
        rf"\bwith\s+({LIST})\s+(?:also\s+)?(?:participating|joining|taking part|investing|co-investing|contributing|following on)\b",
        rf"\b[Aa]mong\s+(?:the\s+)?(?:other\s+|new\s+|existing\s+)?(?:investors|backers|participants)(?:\s+in\s+(?:the|this)\s+(?:round|financing|funding|raise))?\s+(?:were|are|was|is)\s+({LIST})",
        rf"(?:^|[.;:]\s*)\s*(?:[A-Z][a-z]+\s+)?(?:[Ii]nvestors|[Bb]ackers|[Pp]articipants)\s+in\s+(?:the|this|that)\s+(?:latest\s+|new\s+)?(?:round|financing|funding|raise|fundraise|deal)\s+(?:also\s+)?(?:include|included|includes|are|were)\s*:?\s+({LIST})",
        rf"({LIST}){OTHERS_TAIL},?\s+(?:also\s+|have\s+also\s+|has\s+also\s+|all\s+)?(?:joined|took part|participated|returned|invested|backed|came in|chipped in|co-invested|contributed|put money|put in (?:more\s+)?(?:money|capital|cash)|followed on|re-?invested)(?!\s+(?:in|into)\s+{E})",
        rf"\bas did\s+(?:(?:{_W}\s+){{0,4}}{_W}:\s+)?({LIST})",
        rf"\b(?:funds|accounts|entities|vehicles|clients)\s+(?:and\s+\w+\s+)?(?:advised|managed)\s+by\s+({LIST})",
        rf"({LIST})\s+(?:co-?led|led)\s+(?:the\s+)?(?:{M}\s+)?(?:[a-z-]+\s+)?(?:round|investment|financing|funding)",
        rf"(?:other|existing|new)\s+(?:backers|investors|participants|shareholders)(?:\s+in the round)?\s+(?:include|included|including|are|were)\s*:?\s+({LIST})",
        rf"^\s*(?:[Nn]amed\s+|[Oo]ther\s+|[Nn]ew\s+|[Ee]xisting\s+|[Ll]ead\s+|[Kk]ey\s+)?(?:[Ii]nvestors|[Bb]ackers|[Pp]articipants)\s*:\s+({LIST})",
        # "Participants included A, B and C." opening a sentence about the round
        rf"^\s*(?:[Ii]nvestors|[Bb]ackers|[Pp]articipants|[Cc]o-investors)\s+(?:also\s+)?(?:include|included|includes|were|are)\s+({LIST})",
        rf"(?:other|existing|new)\s+(?:backers|investors)\s+({LIST})\s+(?:also\s+)?(?:took part|participated|returned|joined|invested)",
        rf"\balongside\s+({LIST})",
        rf"\bincluding\s+({LIST})",
        rf"\bwith\s+participation\s+from\s+({LIST})",
        rf"\bco-?led\s+by\s+({LIST})",
        rf"\bled\s+by\s+({LIST})",
    ]
    invest_talk = re.search(
        r"\b(?:invest\w*|round|back\w*|fund\w*|financ\w*|took part|joined|participat\w*|stake|raise\w*)\b",
        text,
        re.I,
    )
    if not invest_talk:
        patterns = [p for p in patterns if "alongside" not in p and "including" not in p]
    round_talk = re.search(
        rf"{ROUND_REF}|\b(?:investors?|backers?|participants|took part|joined|participated|co-led|led by|invested again|also invested|alongside|among others|returned|came from)\b",
        text,
        re.I,
    )
    if not round_talk:
        return
    for pattern in patterns:
        for m in re.finditer(pattern, plain):
            if PORTFOLIO_BEFORE.search(plain[max(0, m.start(1) - 45) : m.start(1)]):
                continue  # "an investor in companies including A and B": A and B are investees
            found += [i for i in list_entities(ms, m.group(1), ctx) if i not in found]
    # "Backing came from A and B": the model may take the capitalised noun opening the sentence for a name
    came = re.match(
        rf"^\s*(?:(?:The|This|Its)\s+)?(?:[Nn]ew\s+)?(\w+|{E})\s+(?:also\s+)?came\s+from\s+({LIST})", plain
    )
    if came:
        noun = came.group(1)
        if re.fullmatch(E, noun):
            slot = ms.slot(noun)
            noun = (ms.source or "")[slot.start : slot.end]
        if noun.lower() in (
            "backing",
            "funding",
            "money",
            "capital",
            "cash",
            "financing",
            "investment",
            "support",
        ):
            found += [i for i in list_entities(ms, came.group(2), ctx) if i not in found]
    # "..., which also brought in new investors including X, the Gulf fund, and Y": inside a dropped aside
    for pattern in (BROUGHT_IN, INCLUDING):
        for m in re.finditer(pattern, list_plain(text)):
            found += [i for i in list_entities(ms, m.group(1), ctx) if i not in found]
    status = rnd.draft.values.get("status", "completed")
    for inv in found:
        if inv != rnd.organization:
            yield _round_investment(ms, ctx, rnd, inv, status, 0.75)


def list_block_investors(ms: MaskedSentence, text: str, ctx: Context, items: list[int]) -> Iterator[Draft]:
    """A sentence ending in ':' followed by bullet items, each naming an investor."""
    if not re.search(
        r"\b(?:backers|investors|participants|include|including|investors in the round|shareholders|"
        r"subscribers|(?:money|funds|funding|capital|cash|investment)\s+(?:came|comes|come)\s+from|"
        r"(?:was|were)\s+(?:provided|contributed|put up)\s+by|(?:round|financing|placement)\s+(?:was\s+)?(?:led|joined)\s+by)\b",
        text,
        re.I,
    ):
        return
    rnd = ctx.current_round(None)
    if rnd is None:
        return
    for inv in items:
        if inv != rnd.organization and _is(ctx, inv, ORG, PERSON):
            yield _round_investment(ms, ctx, rnd, inv, rnd.draft.values.get("status", "completed"), 0.7)


#: "Acme Raises $7 Million in Series A Financing from A, B and C", "Acme Closes $5M Seed Round Led by A"
HEADLINE_BACKERS = re.compile(
    rf"^\s*(?:{_W}\s+){{0,4}}?({E})\s+(?:(?i:raises|secures|closes|lands|gets|bags|nabs|completes|announces|receives|"
    rf"picks\s+up|attracts))\b[^.;:]*?\b(?i:from|led\s+by|co-led\s+by|backed\s+by)\s+({LIST})"
)


def headline_investors(headlines: list[MaskedSentence], ctx: Context) -> Iterator[Draft]:
    """Backers that only the headline names, for the round the body states for the same company.

    Headlines are not read as facts (they repeat the body in other words), but a press-release headline
    often lists the investors the body leaves out. Without a round in the body nothing is read.
    """
    for ms in headlines:
        text = re.sub(r"\b(?:And|As Well As|Plus)\b", lambda m: m.group(0).lower(), ms.text)
        m = HEADLINE_BACKERS.search(text)
        if m is None:
            continue
        org = ent(ms, m.group(1))
        rnd = next((r for r in ctx.rounds if r.organization == org), None)
        if rnd is None or not _is(ctx, org, ORG):
            continue
        for inv in list_entities(ms, m.group(2), ctx):
            if inv != org:
                d = _round_investment(ms, ctx, rnd, inv, rnd.draft.values.get("status", "completed"), 0.7)
                d.rule = "headline_investors.headline-backers"
                yield d
