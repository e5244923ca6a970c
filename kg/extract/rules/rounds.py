"""Funding rounds and the investors named in them (led by, with participation from, lists)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kg.extract.entities import ORG
from kg.extract.masking import MaskedSentence
from kg.extract.money import count_of
from kg.extract.rules.clauses import (
    REPORTED,
    _is,
    _subject_before,
    amount_values,
    article_date_if_undated,
    date_near,
    ent,
    list_entities,
    money_ok,
    status_of,
    strip_asides,
)
from kg.extract.rules.context import Context, Draft, Round
from kg.extract.rules.grammar import AMOUNT_HEDGE, DESC, LIST, ROUND_NAME, D, E, M, negated
from kg.extract.rules.subjects import DESCRIBED_SUBJECT, _investor_by_reference, _round_owner
from kg.extract.rules.valuations import _total_backers

RAISE = (
    r"\b(?:raised?|raises|raising|secured?|secures|securing|closed|closes|closing|picked up|picks up|"
    r"lands|landed|bagged|bags|garnered|attracted|received|obtained|drew in|draws in|drew|draws|launch(?:es|ed)? with|"
    r"snagged|snags|nabbed|nabs|scored|scores|scooped up|pulled in|pulls in|hauled in|netted|nets|raked in|rakes in|"
    r"launch with|completed|completes|gets|got|receives|attracts|grabs|grabbed|collects|collected|"
    r"brings in|brought in|pocketed|pockets|clinched|clinches|mopped up|mops up|wrapped up|wraps up|banked|banks|"
    r"reeled in|reels in|locked in|locks in|notched|notches|took in|takes in|score|scoring|bag|bagging|"
    # "announced the completion of a $7m round of financing" (the closing guard below still asks for a round word)
    r"(?:completion|closing|close)\s+of)\b"
)


def funding_rounds(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    for m in re.finditer(RAISE, text):
        rest = text[m.end() :]
        mm = re.match(
            rf"\s+(?:(?:its|ENT\d+'s|a|an|the|that|this)\s+)?(?:launch\s+with\s+)?{AMOUNT_HEDGE}({M})", rest
        )
        if not mm:
            mm2 = re.match(
                rf"\s+{AMOUNT_HEDGE}(?:{ROUND_NAME.pattern})[^.;]*?\b(?:of|worth)\s+{AMOUNT_HEDGE}({M})", rest
            )
            if not mm2:
                continue
            money_tok = mm2.group(mm2.lastindex)
        else:
            money_tok = mm.group(1)
        if not money_ok(ms, money_tok):
            continue
        if re.search(rf"{money_tok}\s+for\s+(?:{DESC})?{E}", rest[:80]):
            continue  # "raising $4bn for its owner": proceeds of a sale, not a round
        after = rest[:120]
        before = text[max(0, m.start() - 60) : m.start()]
        if (
            re.search(
                r"\b(?:[Ii]n|a) total\b|\b[Tt]o date\b|\b[Ss]o far\b|\b[Ii]n all\b|\bsince\b|"
                r"\b(?:in|over|during)\s+the\s+(?:past|last)\s+(?:year|decade|(?:\w+\s+)?(?:years|months))\b",
                after[:60] + " " + before[-25:],
            )
            or re.search(r"\ba total of\b", rest[:30])
            or re.search(r"\b(?:has|have)\s+now\s+$", before)
        ):
            continue  # a funding total ("has now raised $90m"), not a round
        if re.search(
            r"\b(?:bonds?|debt|notes|loans?|credit|revenues?|sales|profits?|earnings|income|fees|contracts|orders|deposits|bookings|prize|facility|facilities)\b",
            rest[:80],
        ) and not re.search(r"selling new shares|new shares|\bround\b", rest[:80]):
            continue  # money raised by selling bonds or earned as revenue is not a funding round
        if (
            m.group(0).startswith(("clos", "complet"))
            and not ROUND_NAME.search(rest[:60])
            and not re.search(r"\bround|financing|funding", rest[:60])
            and not re.match(
                rf"\s+{AMOUNT_HEDGE}{money_tok}(?:\s*\([^()]*\))?\s+from\s+(?:investors\s+(?:including|led\s+by)\s+)?{E}",
                rest,
            )
        ):
            continue
        if negated(text[max(0, m.start() - 25) : m.end()]):
            continue  # "did not raise", "could raise"
        if re.match(
            rf"\s+{AMOUNT_HEDGE}{money_tok}\s+(?:[\w-]+\s+){{0,2}}(?:deal|contract|order|mandate|tender)s?\b",
            rest,
        ):
            continue  # "bagged a $40m deal from X": a customer contract, not a funding round
        if GENERIC_PLURAL_SUBJECT.search(text[: m.start()]):
            continue  # "start-ups in the region raised $2bn": a market total, no one company's round
        rounds_count = re.match(
            rf"\s*{money_tok}\s+(?:\w+\s+){{0,2}}(?:in|across|over)\s+({_COUNT_WORD})\s+(?:separate\s+)?(?:funding\s+|financing\s+|investment\s+)?rounds\b",
            rest,
        )
        plain_pos = strip_asides(text[: m.start()])
        org = _subject_before(ms, plain_pos, len(plain_pos), ctx)
        named = [x for x in re.finditer(E, plain_pos) if org is not None and ent(ms, x.group(0)) == org]
        if named and re.search(
            r"\b(?:on|at|in|to|from|with|for|of)\s+(?:the\s+)?$", plain_pos[: named[-1].start()]
        ):
            # "X went public on the Globex Exchange, raising $3bn": the exchange is no subject
            org = _subject_before(ms, plain_pos[: named[-1].start()], named[-1].start(), ctx)
        via_topic = False
        if org is not None and _investor_by_reference(ms, plain_pos, org, ctx):
            org, via_topic = _round_owner(ctx), True  # "it" resolved to a backer named just before
        if org is None and DESCRIBED_SUBJECT.search(plain_pos):
            org, via_topic = ctx.topic, True  # "The Munich-based start-up raised ..."
        if org is None:
            head = text[: m.start()]
            # someone else is the subject ("X said ... Y raised"): leave it
            if (
                re.search(E, head)
                and not re.search(r"\b(?:that|which)\s+$", head)
                and not re.search(r"\b(?:it|that)\s+(?:has |had |have |will |would )?$", head)
            ):
                continue
            org = ctx.topic
            via_topic = True
        if org is None or not _is(ctx, org, ORG):
            continue
        own_clause = m.group(0) + re.split(rf";|{NEXT_ROUND}", text[m.end() :])[0]
        if rounds_count:
            # "X pulled in $80m in two funding rounds": a total over those rounds, not one round
            yield Draft(
                "funding_total",
                {"organization": org},
                {**amount_values(ms, money_tok), "rounds": count_of(rounds_count.group(1).lower())},
                ms.index,
                0.6 if via_topic else 0.75,
                "raised-over-rounds",
            )
            continue
        if (
            m.group(0).startswith("raised")
            and re.search(
                r"\b(?:which|that|who)\s+(?:has|have)\s+(?:now\s+|so\s+far\s+|already\s+)?$",
                text[: m.start()],
            )
            and not re.search(
                r"\b(?:Series|round|seed|IPO|placement|offering|financing|fundraise)\b", own_clause[:100]
            )
        ):
            # "X, which has raised $300m from investors including A": what X raised over time
            so_far = amount_values(ms, money_tok)
            if article_date_if_undated(ms, text, ctx):
                so_far["date"] = ctx.published  # a total is as of the article's date
            yield Draft("funding_total", {"organization": org}, so_far, ms.index, 0.7, "raised-so-far")
            yield from _total_backers(ms, text[m.end() :], ctx, org)
            continue
        name = ROUND_NAME.search(own_clause[:140])
        round_name = name.group(1) if name else None
        status = status_of(text[max(0, m.start() - 50) : m.start() + 12])
        if status == "announced" and re.match(r"(?:completion|closing|close)\b", m.group(0)):
            status = "completed"  # "announced the completion of a $7m round": the round is done
        if re.search(r"\bin talks\b", text[: m.start()]):
            status = "in_talks"
        elif status == "completed" and REPORTED.search(text):
            status = "reported"  # "..., people familiar with the matter said"
        date = date_near(
            ms,
            text,
            m.start() + len(m.group(0)) + (rest.find(money_tok) if money_tok in rest else 0),
            ctx.published,
        )
        draft = Draft(
            "funding_round",
            {"organization": org},
            {
                **amount_values(ms, money_tok),
                "status": status,
                **({"round": round_name} if round_name else {}),
                **({"date": date} if date else {}),
            },
            ms.index,
            0.6 if via_topic else 0.85,
            "raise",
        )
        ctx.rounds.append(Round(org, draft, round_name, date, m.start()))
        if round_name and date:
            # "X, which led Y's seed round, ..." stated before "Y raised that seed round in May 2022"
            for earlier in ctx.drafts:
                if (
                    earlier.type == "investment"
                    and earlier.roles.get("investee") == org
                    and str(earlier.values.get("round", "")).lower() == round_name.lower()
                    and "date" not in earlier.values
                ):
                    earlier.values["date"] = date
        yield draft
        clause = re.split(rf"{CLAUSE_SEMICOLON}|{RAISE}|{NEXT_ROUND}", text[m.end() :])[0]
        backers = list(_round_investors(ms, clause, ctx, ctx.rounds[-1], status))
        if len(backers) == 1 and (
            re.search(
                rf"{money_tok}\s+(?:[a-z-]+\s+){{0,2}}(?:investment|injection|infusion|cheque|check)\s+from\b",
                clause,
            )
            # "received $200m from X to ...": the one backer named right after the sum put in all of it
            or re.match(
                rf"\s+(?:{AMOUNT_HEDGE}){money_tok}(?:\s*\([^)]*\))?\s+from\s+(?:{DESC})?{E}(?!\s*(?:,|and\b))",
                clause,
            )
        ):
            backers[0].values.update(amount_values(ms, money_tok))  # "received a $25m investment from X"
        yield from backers
        yield from _next_rounds(ms, text, m.end(), org, status, draft.confidence, ctx)


#: "Start-ups in the region raised", "fintech companies globally raised", "local founders are
#: ..., raising": a plural common noun as the subject is a market total, not one company's round
GENERIC_PLURAL_SUBJECT = re.compile(
    r"(?:^|[,:;]\s+)(?:(?!(?:for|to|of|with|from|by|among|at|on|in|that|which)\b)[\w'-]+\s+){0,3}?"
    r"(?:start-?ups|companies|firms|businesses|fintechs|unicorns|founders|entrepreneurs|scale-?ups|brands)\b"
    r"(?:\s+(?!ENT\d)[\w'-]+){0,6}\s+$",
    re.IGNORECASE,
)
_COUNT_WORD = "two|three|four|five|six|[2-6]"

#: "... $15m in a Series A led by X in 2021 and $40m in a Series B led by Y last year": a further round
#: A semicolon between clauses, not one between the items of a list ("including A; B, a maker of X; and C").
CLAUSE_SEMICOLON = (
    r";(?!\s*(?:and\s+)?(?:the\s+)?ENT\d+(?:,\s+(?:a|an|the)\s[^;.]*)?(?:\s*;|\s+and\b|\s*\.|\s*$))"
)
NEXT_ROUND = rf"\b(?:and|,)\s+(?:then\s+|later\s+|another\s+)*{AMOUNT_HEDGE}{M}\s+in\s+(?:an?|its|the)\s+"


def _next_rounds(
    ms: MaskedSentence, text: str, pos: int, org: int, status: str, conf: float, ctx: Context
) -> Iterator[Draft]:
    """Further rounds listed after the first one in a raise sentence, each with its own investors and date."""
    tail = re.split(rf";|{RAISE}", text[pos:])[0]
    for nm in re.finditer(NEXT_ROUND, tail):
        money_tok = re.search(M, nm.group(0)).group(0)
        if not money_ok(ms, money_tok):
            continue
        clause = nm.group(0) + re.split(rf"{NEXT_ROUND}", tail[nm.end() :])[0]
        name = ROUND_NAME.search(clause)
        own = re.search(D, clause)
        date = ms.slot(own.group(0)).value if own else ctx.published
        values: dict[str, Any] = {**amount_values(ms, money_tok), "status": status}
        if name:
            values["round"] = name.group(1)
        if date:
            values["date"] = date
        draft = Draft("funding_round", {"organization": org}, values, ms.index, conf - 0.05, "raise-next")
        rnd = Round(org, draft, name.group(1) if name else None, date, pos + nm.start())
        ctx.rounds.append(rnd)
        yield draft
        yield from _round_investors(ms, clause, ctx, rnd, status)


def named_rounds(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    """A round named by its size and series without a 'raise' verb: 'a $125m Series B led by X'."""
    if re.search(RAISE, text):
        return
    for m in re.finditer(
        rf"\b(?:a|an|its|ENT\d+'s|the)\s+({M})\s+((?:Series [A-Z]\d?|seed|pre-seed)(?:\s+(?:funding\s+)?round)?)\s+(?:co-?led|led)\s+by\s+({LIST})"
        # "Y's $30m Series C round was led by X": the round's owner named before it
        rf"|\b({E})'s\s+({M})\s+((?:Series [A-Z]\d?|seed|pre-seed|funding|financing)(?:\s+(?:funding\s+)?round)?)\s+(?:was|is|has\s+been)\s+(?:co-?led|led)\s+by\s+({LIST})"
        # "the $12m round for Y was led by X": the owner named after the round
        rf"|\b(?:[Tt]he|[Aa]n?)\s+({M})\s+((?:(?:Series [A-Z]\d?|seed|pre-seed|funding|financing)\s+)?(?:funding\s+)?round)\s+(?:for|in)\s+{DESC}({E})\s+(?:was|is|has\s+been)\s+(?:co-?led|led)\s+by\s+({LIST})",
        text,
    ):
        if m.group(4):  # the possessive form: groups 5-7 play the parts of 1-3
            owner, money, noun, backers = m.group(4), m.group(5), m.group(6), m.group(7)
        elif m.group(10):  # the round "for Y": groups 8-11
            owner, money, noun, backers = m.group(10), m.group(8), m.group(9), m.group(11)
        else:
            owner, money, noun, backers = None, m.group(1), m.group(2), m.group(3)
        plain_pos = strip_asides(text[: m.start()])
        org = ent(ms, owner) if owner else _subject_before(ms, plain_pos, len(plain_pos), ctx, max_gap=60)
        if org is None:
            org = ctx.rounds[0].organization if ctx.rounds else ctx.focus
        if org is None or not money_ok(ms, money) or not _is(ctx, org, ORG):
            continue
        named = ROUND_NAME.search(noun)
        round_name = named.group(1) if named else None
        date = date_near(ms, text, m.end(), None)
        conf = 0.7 if owner else 0.6
        draft = Draft(
            "funding_round",
            {"organization": org},
            {
                **amount_values(ms, money),
                "status": "completed",
                **({"round": round_name} if round_name else {}),
                **({"date": date} if date else {}),
            },
            ms.index,
            conf,
            "named-round",
        )
        rnd = Round(org, draft, round_name, date, m.start())
        ctx.rounds.append(rnd)
        yield draft
        for inv in list_entities(ms, backers, ctx):
            if inv != org:
                yield _round_investment(ms, ctx, rnd, inv, "completed", conf)


BACKER_NOUN = r"(?:backers?|investors?|shareholders?|funders?)"
BACKERS_TALK = re.compile(
    r"\b(?:backers?|investors?|shareholders?|funders?|co-?led|led|leads|leading|co-leads|headed|anchored|"
    r"took part|participated|participating|invested|joined|co-invested)\b"
)
ROUND_WORDS = (
    r"(?:(?:Series [A-Z]\d?|seed|pre-seed|growth|funding|financing|investment|equity|venture)\s+){0,2}round"
)


def _new_round(
    ms: MaskedSentence,
    ctx: Context,
    org: int,
    money: str | None,
    name: str | None,
    date: str | None,
    pos: int,
    conf: float,
    rule_name: str,
) -> Round:
    values: dict[str, Any] = {**amount_values(ms, money), "status": "completed"}
    if name:
        values["round"] = name
    if date:
        values["date"] = date
    rnd = Round(
        org, Draft("funding_round", {"organization": org}, values, ms.index, conf, rule_name), name, date, pos
    )
    ctx.rounds.append(rnd)
    return rnd


def backers_and_led_rounds(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    """Rounds and investors stated without a 'raise' verb.

    "Y's first big backer was X, which led a $12m round in 2020"; "X led a $20m Series A round in Y";
    "Y was valued at $1bn in a funding round in 2021 led by X".
    """
    if len(re.findall(E, text)) < 2 or not BACKERS_TALK.search(text):
        return  # every pattern names two parties and one of these words (keeps the rule cheap)
    plain = strip_asides(text)
    # Y's (first / largest) backer was X (, ..., which led a $M round in D)
    for m in re.finditer(
        rf"({E})'s\s+(?:(?:first|biggest|largest|lead|early|earliest|main|major|principal|key|anchor|only|single|big|outside|institutional|controlling|top)\s+)*{BACKER_NOUN}(?:\s+and\s+(?:[\w-]+\s+){{0,3}}?(?:partner|customer|supplier|lender))?\s+(?:(?:then|at the time|also|now|already|still)\s+)?(?:was|is|were|are|has been|have been|include|included|includes)\s+({LIST})",
        text,
    ):
        b = ent(ms, m.group(1))
        if not _is(ctx, b, ORG):
            continue
        investors = [i for i in list_entities(ms, m.group(2), ctx) if i != b]
        led = re.match(
            rf"(?:,[^;]*?)?,?\s+(?:which|who)\s+(?:co-?led|led|headed|anchored)\s+(?:an?|its|the)\s+({M})\s+({ROUND_WORDS})(?:\s+in\s+({D}))?",
            text[m.end() :],
        )
        rnd = None
        if led and len(investors) == 1 and money_ok(ms, led.group(1)):
            name = ROUND_NAME.search(led.group(2))
            date = (
                ms.slot(led.group(3)).value
                if led.group(3)
                else date_near(ms, text, m.end() + led.start(1), None)
            )
            rnd = _new_round(
                ms,
                ctx,
                b,
                led.group(1),
                name.group(1) if name else None,
                date,
                m.start(),
                0.7,
                "backer-led-round",
            )
            yield rnd.draft
        if rnd is None and re.search(r"\b(?:then|at the time)\b", m.group(0)):
            # "Its backers then included A and B": the round just stated
            last = ctx.rounds[-1] if ctx.rounds else None
            rnd = last if last and last.organization == b and last.draft.sentence >= ms.index - 2 else None
        for a in investors:
            if rnd is not None:
                yield _round_investment(ms, ctx, rnd, a, "completed", 0.7)
            else:
                values = {"status": status_of(text[m.start() : m.end()], "completed")}
                yield Draft("investment", {"investor": a, "investee": b}, values, ms.index, 0.7, "backer-was")
    # X led a $20m (Series A) round in Y (in D); X is leading a $50m investment in Y; X took part in Y's $30m Series A
    lead_verb = r"(?:co-?led|led|headed|anchored|leads|co-leads|is\s+leading|are\s+leading|is\s+co-leading)"
    part_verb = (
        r"(?:took\s+part|participated|invested|joined|co-invested|(?:is|are)\s+participating)(?:\s+in)?"
    )
    round_noun = rf"(?:{ROUND_WORDS}|Series [A-Z]\d?|seed|investment|financing|fundraise|fundraising|funding)"
    for m in re.finditer(
        rf"({LIST})(?:,\s+(?:which|who)\b)?\s+(?:(?:has|have|had|also|previously|recently|then|reportedly)\s+)*(?:{lead_verb}\s+(?:an?|the)\s+({M})\s+({round_noun})\s+(?:in|into|for|of)\s+(?:(?:the\s+)?{DESC})?({E})(?!'s)"
        rf"|(?:{lead_verb}|{part_verb})\s+({E})'s?\s+(?:({M})\s+)?(?:new\s+|latest\s+)?({round_noun}(?:\s+round)?))",
        list_plain(text),
    ):
        money, b_tok, noun = (
            (m.group(2), m.group(4), m.group(3)) if m.group(4) else (m.group(6), m.group(5), m.group(7))
        )
        b = ent(ms, b_tok)
        if not _is(ctx, b, ORG) or (money and not money_ok(ms, money)):
            continue
        name = ROUND_NAME.search(noun)
        ongoing = re.search(r"\b(?:has|have|is|are)\b|\bleads\b", m.group(0))
        date = date_near(ms, m.string, m.start(), ctx.published if ongoing else None)
        status = status_of(text, "completed")
        if status == "announced" and not re.search(r"\b(?:will|would|agreed|to)\b", m.group(0)):
            status = "completed"
        investors = [a for a in list_entities(ms, m.group(1), ctx) if a != b]
        if money:
            rnd = _new_round(
                ms, ctx, b, money, name.group(1) if name else None, date, m.start(), 0.75, "led-round-in"
            )
            rnd.draft.values["status"] = status
            yield rnd.draft
            for a in investors:
                yield _round_investment(ms, ctx, rnd, a, status, 0.75)
        else:
            for a in investors:
                values: dict[str, Any] = {"status": status, **({"date": date} if date else {})}
                if name:
                    values["round"] = name.group(1)
                yield Draft(
                    "investment", {"investor": a, "investee": b}, values, ms.index, 0.75, "took-part-in"
                )
    # X led the $300m Series E, which values Y at $1.5bn (, with A and B also investing)
    if not re.search(RAISE, text):
        for m in re.finditer(
            rf"({LIST})\s+(?:(?:has|have|had|also)\s+)*(?:co-?led|led|headed|anchored)\s+(?:the|a|an)\s+({M})\s+({round_noun})\b(?!\s+(?:in|into|for|of)\s)",
            plain,
        ):
            values_it = re.search(
                rf"\bwhich\s+(?:values|valued|valuing)\s+({E})\b", text[text.find(m.group(2)) :]
            )
            if values_it is None or not money_ok(ms, m.group(2)):
                continue
            b = ent(ms, values_it.group(1))
            if not _is(ctx, b, ORG):
                continue
            name = ROUND_NAME.search(m.group(3))
            rnd = _new_round(
                ms,
                ctx,
                b,
                m.group(2),
                name.group(1) if name else None,
                date_near(ms, plain, m.start(2), ctx.published),
                m.start(),
                0.7,
                "led-round-values",
            )
            yield rnd.draft
            investors = list_entities(ms, m.group(1), ctx)
            for m2 in re.finditer(
                rf"\bwith\s+({LIST})\s+(?:also\s+)?(?:participating|joining|taking part|investing|co-investing)\b|\b(?:with\s+)?participation\s+from\s+({LIST})",
                list_plain(text),
            ):
                investors += list_entities(ms, m2.group(1) or m2.group(2), ctx)
            for a in dict.fromkeys(investors):
                if a != b:
                    yield _round_investment(ms, ctx, rnd, a, "completed", 0.7)
    # Y was valued at $M in a (funding) round (in D) led by X: the round and its lead, no raise verb
    if re.search(RAISE, text):
        return
    for m in re.finditer(
        rf"\b(?:in|after|following|through|with|via)\s+(?:an?|its|the)\s+(?:({M})\s+)?({ROUND_WORDS}|fundraise|fundraising|raise|financing|funding|investment)(?:\s+in\s+({D}))?\s*,?\s+(?:that\s+was\s+|which\s+was\s+)?(?:co-?led|led)\s+by\s+({LIST})",
        text,
    ):
        head = strip_asides(text[: m.start()])
        if not re.search(r"\bvalu(?:ed|ing|ation)\b|\bfunding\b|\binvest|\b(?:cash|money|capital)\b", head):
            continue
        org = _subject_before(ms, head, len(head), ctx, max_gap=200)
        cash_for = re.search(
            rf"\b(?:cash|money|capital|funding|investment)\s+(?:for|in|into)\s+({E})\b", head
        )
        if org is None and cash_for:
            org = ent(ms, cash_for.group(1))  # "The fresh cash for Y comes after a round led by X"
        if org is None or (m.group(1) and not money_ok(ms, m.group(1))):
            continue
        name = ROUND_NAME.search(m.group(2))
        now = ctx.published if re.search(r"\b(?:has|have|is|are)\b", head) else None
        date = ms.slot(m.group(3)).value if m.group(3) else date_near(ms, text, m.start(), now)
        rnd = _new_round(
            ms, ctx, org, m.group(1), name.group(1) if name else None, date, m.start(), 0.6, "valued-in-round"
        )
        yield rnd.draft
        for a in list_entities(ms, m.group(4), ctx):
            if a != org:
                yield _round_investment(ms, ctx, rnd, a, "completed", 0.7)


LED_BY = rf"\b(?:co-?led|led|headed|spearheaded)\s+by\s+(?:the\s+likes\s+of\s+)?({LIST})"
FROM_LIST = rf"\bfrom\s+(?:(?:a group|a consortium|a syndicate|investors|backers|a roster of [\w\s-]+?|a (?:[\w-]+\s+){{0,3}}(?:group|list|range|number) of [\w\s-]+?)\s*,?\s+(?:that\s+)?(?:includes?|including|led by|such as)\s+)?({LIST})"
WITH_PART = (
    rf"\b(?:with\s+)?participation\s+(?:from|by)\s+(?:(?:existing|new)\s+(?:investors|backers)\s+)?({LIST})"
)
INCLUDING = rf"\b(?:investors|backers|participants|investors that included|names)\s+(?:including|such as|like)\s+({LIST})"
ROUND_LED_BY = rf"\b(?:round|financing|funding|raise|fundraising|valuation|year|month|week|{M}|{D})\s*,?\s+(?:and\s+)?(?:was\s+)?(?:also\s+)?(?:co-?led|led|headed|spearheaded)\s+by\s+({LIST})"
BROUGHT_IN = (
    r"(?:\b(?:brought\s+in|drew|attracted|added|welcomed)\s+(?:new\s+|several\s+|other\s+)*(?:investors|backers|shareholders)\s+(?:including\s+|such\s+as\s+)?"
    r"|\b(?:round|financing|funding|raise|fundraise)\s+(?:that|which)\s+(?:also\s+)?(?:included|includes|drew|attracted|saw)\s+(?:participation\s+from\s+|(?:new\s+)?(?:investors|backers)\s+(?:such\s+as\s+)?)?)"
    rf"({LIST})"
)


def _round_investors(ms: MaskedSentence, text: str, ctx: Context, rnd: Round, status: str) -> Iterator[Draft]:
    plain = strip_asides(text)
    found: list[int] = []
    for pattern in (
        LED_BY,
        FROM_LIST,
        WITH_PART,
        INCLUDING,
        rf"\bwith\s+({LIST})\s+(?:also\s+)?(?:participating|joining|taking part|investing|co-investing|contributing|leading|co-leading)\b",
        # "with A leading and B and C participating"
        rf"\b(?:leading|co-leading)(?:\s+the\s+(?:round|deal|investment|financing|raise))?,?\s+and\s+({LIST})\s+(?:also\s+)?(?:participating|joining|taking part|investing|co-investing|contributing)\b",
        rf"({LIST}),?\s+(?:had|have|has|also|had\s+also|have\s+also|has\s+also)\s+(?:also\s+)?(?:invested|participated|joined\s+(?:the\s+)?(?:round|financing|raise|investment)|taken part|took part|co-invested)(?!\s+(?:in|into)\s+{E})",
        rf"\bselling\s+(?:new\s+)?shares\s+to\s+({LIST})",
        rf"({LIST})\s+(?:co-?led|led)\s+the\s+(?:round|investment|financing|raise)",
        # "raised a seed round of $2m by A and B": "by" right after the round's size names its backers
        rf"^\s*(?:(?:a|an|its)\s+)?(?:[\w-]+\s+){{0,3}}?(?:round|funding|financing|investment)?\s*(?:of\s+)?{AMOUNT_HEDGE}{M}\s+by\s+({LIST})",
    ):
        for m in re.finditer(pattern, plain):
            found += [i for i in _list_investors(ms, plain, m, ctx) if i not in found]
    # what strip_asides drops but still names the round's investors: "..., led by X", "which drew investors including X"
    flat = list_plain(text)
    for pattern in (ROUND_LED_BY, INCLUDING, BROUGHT_IN):
        for m in re.finditer(pattern, flat):
            found += [i for i in _list_investors(ms, flat, m, ctx) if i not in found]
    for inv in found:
        if inv != rnd.organization:
            yield _round_investment(ms, ctx, rnd, inv, status, 0.8)


def _list_investors(ms: MaskedSentence, text: str, m: re.Match, ctx: Context) -> list[int]:
    """The list of group 1, without a last item that starts a new clause ("from A, and B has joined the board")."""
    items = list_entities(ms, m.group(1), ctx)
    if (
        items
        and m.end(1) == m.end()  # the verb is not part of the pattern ("A and B had also invested")
        and re.match(
            r"\s+(?:has|have|had|is|are|was|were|will|would|said|says|joined|became|also)\b", text[m.end(1) :]
        )
        and re.search(r",?\s+and\s+(?:the\s+)?(?:\S+\s+){0,3}?ENT\d+$", m.group(1))
    ):
        items = items[:-1]
    return items


def list_plain(text: str) -> str:
    """Lists without the appositions of their items: "X, the Gulf state's fund, and Y" -> "X, and Y"."""
    text = re.sub(r"(?:(?<!\s)\s+)?\([^()]*\)", "", text)
    # "X, a Berlin venture firm, led ...": the investor meets its verb
    text = re.sub(
        rf"({E}),\s+(?:the|a|an|its)\s+(?:(?!\b(?:and|or|which|who|that|led|with)\b)[^,;:.])*?,\s+(?=(?:has\s+|have\s+|also\s+)*(?:co-?led|led|headed|anchored|took\s+part|participated|invested|joined)\b)",
        r"\1 ",
        text,
    )
    return re.sub(
        rf"({E}),\s+(?:the|a|an|its)\s+(?:(?!\b(?:and|or|which|who|that|led|with)\b)[^,;:.])*?(?=,\s+(?:and\s+|as well as\s+)?(?:the\s+)?{DESC}{E})",
        r"\1",
        text,
    )


def _round_investment(
    ms: MaskedSentence, ctx: Context, rnd: Round, investor: int, status: str, conf: float
) -> Draft:
    values: dict[str, Any] = {"status": status}
    if rnd.name:
        values["round"] = rnd.name
    if rnd.date:
        values["date"] = rnd.date
    return Draft(
        "investment",
        {"investor": investor, "investee": rnd.organization},
        values,
        ms.index,
        conf,
        "round-investor",
    )
