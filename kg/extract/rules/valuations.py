"""Valuations and funding totals."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.entities import ORG
from kg.extract.masking import MaskedSentence
from kg.extract.money import count_of
from kg.extract.rules.acquisitions import ACQ_VERB
from kg.extract.rules.clauses import (
    _is,
    _subject_before,
    amount_values,
    article_date_if_undated,
    completed_investment,
    date_near,
    ent,
    list_entities,
    money_ok,
    status_of,
    strip_asides,
)
from kg.extract.rules.context import Context, Draft
from kg.extract.rules.grammar import AMOUNT_HEDGE, DESC, LIST, D, E, M, P
from kg.extract.rules.subjects import _first_org, _named_as_backer, _round_owner

# -------------------------------------------------------------- valuations ---


#: "a deal valued at": the amount is the deal's, not a valuation of the company
DEAL_VALUED_AT = re.compile(
    r"\b(?:deal|contract|order|agreement|pact|transaction|package|purchase|sale|programme|program|project)s?"
    r"(?:\s+[^.;,]{0,40}?)?\s+(?:(?:that\s+(?:is|was)\s+|was\s+|were\s+)?valued|worth)\s+(?:at\s+)?"
    rf"{AMOUNT_HEDGE}$"
)
#: a listing day: there a market capitalisation is what the offering valued the company at
LISTING_TALK = re.compile(
    r"\b(?:debut|IPO|initial public offering|listing|went public|go(?:es|ing)? public|first day of trading|"
    r"began trading|opened at|offer price)\b",
    re.IGNORECASE,
)


def valuations(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    patterns = [
        # "which brought the company's valuation up to": the owner of the valuation is named
        (
            rf"\b(?:brought|brings|bringing|took|takes|taking|lifted|lifts|lifting|pushed|pushes|pushing)\s+"
            rf"({E})'s?\s+(?:post-money\s+)?valuation\s+(?:up\s+)?to\s+{AMOUNT_HEDGE}({M})",
            1,
            2,
        ),
        (
            rf"\bvalu(?:es|ed|ing)\s+(?:(?:the\s+)?(?:[a-z-]+\s+){{0,4}}?({E})\s+)?at\s+{AMOUNT_HEDGE}({M})",
            1,
            2,
        ),
        # "to value it at", "investors now value X at": the bare verb takes its object ("deal value at" is a noun)
        (rf"\bvalue\s+(?:the\s+)?(?:[a-z-]+\s+){{0,4}}?({E})\s+at\s+{AMOUNT_HEDGE}({M})", 1, 2),
        (rf"\bvalued\s+at\s+{AMOUNT_HEDGE}({M})", None, 1),
        (
            rf"\bvalu(?:es|ed|ing)\s+the\s+(?:[a-z-]+\s+){{1,6}}?(?:company|start-?up|firm|group|business|developer|maker)\s+at\s+{AMOUNT_HEDGE}({M})",
            None,
            1,
        ),
        (rf"\bat\s+an?\s+(?:post-money\s+|pre-money\s+)?valuation\s+of\s+{AMOUNT_HEDGE}({M})", None, 1),
        (rf"\bat\s+an?\s+{AMOUNT_HEDGE}({M})\s+(?:post-money\s+|pre-money\s+)?valuation", None, 1),
        (
            rf"\b(?:post-money\s+|pre-money\s+)?valuation\s+(?:was|is|of|(?:up\s+)?to|at|above|of more than|hit|reached|rose to|topped|(?:now\s+)?(?:stands|stood)\s+at)\s+{AMOUNT_HEDGE}({M})",
            None,
            1,
        ),
        (
            rf"\b(?:market\s+value|market\s+capitali[sz]ation|market\s+cap|valuation)\s+of\s+{AMOUNT_HEDGE}({M})",
            None,
            1,
        ),
        (
            rf"(?:\b({E})'s?\s+)?\b(?:post-money\s+|pre-money\s+)?(?:valuation|market\s+value)\s+(?:has\s+|had\s+|have\s+)?(?:(?:more than|nearly|almost|roughly)\s+)?(?:rose|risen|jumped|climbed|soared|surged|doubled|tripled|fell|falls|dropped|slumped|plunged|increased|grew|grown|fallen|declined|sank|slid|tumbled|hit|reached|topped|exceeded|rises|jumps|climbs|soars|drops|slumps|plunges|sinks|slides|tumbles)\s+(?:by\s+)?(?:{P}\s+)?(?:to|at)\s+{AMOUNT_HEDGE}({M})",
            1,
            2,
        ),
        (
            rf"\b(?:gave|gives|giving|give|with|won|wins|earned|earns|earning|secured|secures|commands?|commanded|reached|achieved|carries|carried)\s+(?:{E}\s+)?(?:an?|its|a\s+new)\s+{AMOUNT_HEDGE}({M})\s+(?:post-money\s+|pre-money\s+)?(?:valuation|market\s+value)\b",
            None,
            1,
        ),
        (rf"\b(?:({E})'s\s+)?worth\s+at\s+{AMOUNT_HEDGE}({M})", 1, 2),
        # "the round puts X's value at $450m"
        (rf"\b(?:puts?|putting)\s+({E})'s?\s+(?:valuation|value|worth)\s+at\s+{AMOUNT_HEDGE}({M})", 1, 2),
        # "X, now worth $900m, plans ...": an apposition with "now" states the company's value
        (rf"({E}),\s+(?:which\s+is\s+)?now\s+(?:worth|valued\s+at)\s+{AMOUNT_HEDGE}({M})", 1, 2),
        (rf"({M})\s+at\s+which\s+(?:({E})\s+)?was\s+valued", 2, 1),
        (rf"\bvaluation\s+(?:is\s+)?up\s+from\s+{AMOUNT_HEDGE}({M})", None, 1),
        (rf"\bvaluation\s+(?:is\s+)?(?:more than\s+)?(?:double|triple|twice)\s+(?:the\s+)?({M})", None, 1),
    ]
    seen: set[str] = set()
    for pattern, org_group, money_group in patterns:
        for m in re.finditer(pattern, text):
            money_tok = m.group(money_group)
            if money_tok in seen or not money_ok(ms, money_tok):
                continue
            if DEAL_VALUED_AT.search(
                text[max(0, m.start() - 40) : m.start()] + m.group(0).split(money_tok)[0]
            ):
                continue  # "signed a deal valued at $2bn": the deal's value, not the company's
            if re.search(r"\bmarket\s+cap", m.group(0)) and not LISTING_TALK.search(text):
                continue  # a listed company's market capitalisation in passing is the market's, not a valuation
            if re.match(r"[^.;]{0,30}?\bon\s+the\s+(?:stock\s+)?(?:market|exchange)\b", text[m.end() :]):
                continue  # "valued at $11bn on the stock market": a listed company's market value, not a valuation
            before = text[max(0, m.start() - 80) : m.start()]
            # a deal's value is the acquisition's amount, not a company valuation
            deal_word = re.search(
                r"\b(?:deal|transaction|purchase|takeover|acquisition|offer|bid|proposal|proposals|offers|merger|sale)s?\b[^.]{0,40}$"
                # "will pay $12 a share for Y, valuing it at $900m": the price of the deal
                r"|\bpay(?:s|ing)?\s+[^.;]{0,40}?\bfor\s+(?:the\s+)?ENT\d+\b[^.]{0,40}$",
                before,
            )
            # "the deal values the company at": a funding deal when no acquisition was stated
            takeover_talk = re.search(rf"\b(?:{ACQ_VERB}|acquisition|takeover|merger|buyout)\b", text)
            if (
                deal_word
                and (ctx.deals or takeover_talk or not deal_word.group(0).startswith("deal"))
                and not re.search(
                    r"\b(?:round|financing|funding|investment|offer price|share price|listing)\b",
                    before[-60:],
                )
                # a listing through a SPAC merger values the company that lists
                and not re.search(
                    r"\b(?:go(?:es|ing)? public|special purpose acquisition|blank-check|SPAC)\b", text
                )
                # employees selling shares to investors: the price values the company, nobody buys it
                and not re.search(
                    r"\b(?:tender offer|secondary|share sale|sale of (?:employee )?shares|employee shares)\b",
                    before,
                )
            ):
                continue
            org = ent(ms, m.group(org_group)) if org_group and m.group(org_group) else None
            conf = 0.8
            same = [
                r
                for r in ctx.rounds
                if r.draft.sentence == ms.index
                and r.pos < m.start()
                and not re.search(r";", text[r.pos : m.start()])
            ]
            if org is None and same:
                org = same[-1].organization
            elif same and org_group and m.group(org_group) and ms.slot(m.group(org_group)).via_reference:
                org = same[-1].organization  # "raised $5m, taking its valuation to": the round's owner
            held = re.search(
                rf"\b(?:[Ss]hares|[Ss]take|[Hh]olding)\s+(?:from\s+[^.;]*?\s+)?(?:of|in)\s+(?:the\s+)?{DESC}({E})(?!'s)[^.;]*$",
                text[: m.start()],
            )
            by_reference = bool(
                org_group and m.group(org_group) and ms.slot(m.group(org_group)).via_reference
            )
            if (org is None or by_reference) and held and _is(ctx, ent(ms, held.group(1)), ORG):
                org = ent(ms, held.group(1))  # "bought shares in Y in a sale that valued the company at"
            guessed = org is None
            if org is None:
                plain_pos = strip_asides(text[: m.start()])
                org = _subject_before(ms, plain_pos, len(plain_pos), ctx, max_gap=200)
                if org is None:
                    rnd = ctx.current_round(None)
                    org = rnd.organization if rnd and rnd.draft.sentence >= ms.index - 3 else ctx.topic
                    conf = 0.6
            listing = re.search(
                rf"({E})\s+(?:(?:[a-z]+|{D})\s+){{0,4}}?go(?:es|ing)?\s+public\b", text[: m.start()]
            )
            if by_reference and listing and _is(ctx, ent(ms, listing.group(1)), ORG):
                org = ent(
                    ms, listing.group(1)
                )  # "X agreed to go public through a merger ... that valued it at"
            elif org is not None and (by_reference or guessed) and _named_as_backer(ms, text, org, ctx):
                # "a round led by A and B at an $11bn valuation": the nearest name is a backer
                # "X, which is backed by A and B, said the funding values it at": it is X, not B
                other = _first_org(ms, text, ctx, not_this=org)
                if other is not None and _named_as_backer(ms, text, other, ctx):
                    other = None  # "led by A and B at a valuation": neither backer is valued
                org, conf = (other if other is not None else _round_owner(ctx)), 0.6
                if org is not None and _named_as_backer(ms, text, org, ctx):
                    continue
            if org is None or not _is(ctx, org, ORG):
                continue
            deal = next((d for d in reversed(ctx.deals) if d.roles["target"] == org), None)
            if deal is not None and re.search(
                r"\b(?:them|offers?|proposals?|bids?|deal|price|terms)\b", text[: m.start()]
            ):
                # "the last of the offers valued the unit at £50bn": the bid's amount, not a valuation
                deal.values.setdefault("amount", amount_values(ms, money_tok).get("amount"))
                deal.values.setdefault("currency", amount_values(ms, money_tok).get("currency"))
                own_date = date_near(ms, text, m.start(money_group), None)
                if own_date:
                    deal.values["date"] = own_date
                seen.add(money_tok)
                continue
            seen.add(money_tok)
            pos = m.start(money_group)
            rnd = same[-1] if same else ctx.current_round(None)
            default_date = (
                rnd.date
                if rnd
                and rnd.organization == org
                and rnd.draft.sentence >= ms.index - 2
                and not re.search(
                    r"\bmarket (?:value|capitali[sz]ation)\b", text[max(0, m.start() - 30) : pos]
                )
                else ctx.published  # a market value is the market's, as of writing
            )
            date = date_near(ms, text, pos, default_date)
            earlier = next((r for r in reversed(ctx.rounds) if r.draft.sentence < ms.index), None)
            if (
                earlier is not None
                and earlier.organization == org
                and re.match(r"\s*(?:The|This|That)\s+(?:round|funding|financing|investment)\s+valu", text)
            ):
                # "The round values X at $2bn, ... the $400m it got in May": the round named before
                date = earlier.date or ctx.published
            status = (
                "reported"
                if re.search(r"\b(?:reported|people familiar|according to|sources)\b", text, re.I)
                else status_of(text[max(0, m.start() - 60) : m.start()], "completed")
            )
            if re.search(r"\bseek\b|\bin talks\b", text[max(0, m.start() - 80) : m.start()]):
                status = "in_talks"
            yield Draft(
                "valuation",
                {"organization": org},
                {**amount_values(ms, money_tok), "status": status, **({"date": date} if date else {})},
                ms.index,
                conf,
                "valuation",
            )


# ---------------------------------------------------------- funding totals ---


def funding_totals(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    patterns = [
        (
            rf"\b(?:has|have|had)\s+(?:(?:now|so\s+far|already|previously|collectively)\s+)?raised\s+(?:a\s+total\s+of|in\s+total|more\s+than|over|about|some)?\s*{AMOUNT_HEDGE}({M})(?=[^.;]{{0,40}}\b(?:in total|to date|so far|in all|since|over \S+ rounds|in funding over)\b)",
            1,
        ),
        (rf"\braised\s+a\s+total\s+of\s+{AMOUNT_HEDGE}({M})", 1),
        # "To date, X has raised $120m": the sum so far, said before the clause
        (
            rf"^\s*(?:To\s+date|So\s+far|In\s+total|In\s+all|Altogether),\s+{E}\s+(?:has|have)\s+(?:now\s+)?raised\s+(?:more\s+than|over|about|some)?\s*{AMOUNT_HEDGE}({M})",
            1,
        ),
        (rf"\b(?:has|have)\s+now\s+raised\s+(?:more\s+than|over|about|some)?\s*{AMOUNT_HEDGE}({M})", 1),
        (
            rf"\btotal\s+(?:({E})\s+has\s+raised|raised|funding|capital raised)(?:\s+since\s+{D})?\s+to\s+{AMOUNT_HEDGE}({M})",
            2,
        ),
        (rf"\b(?:total|overall)\s+funding\s+(?:of|to)\s+{AMOUNT_HEDGE}({M})", 1),
        (
            rf"\b(?:bring(?:s|ing)?|brought|tak(?:es|ing)|took|lift(?:s|ing|ed)?|push(?:es|ing|ed)?)\s+(?:its|their|the\s+company's|the\s+start-?up's|{E}'s)\s+(?:overall\s+|total\s+)?(?:total|tally|war chest)(?:\s+(?:raised|funding))?(?:\s+(?:so far|to date))?\s+to\s+{AMOUNT_HEDGE}({M})",
            1,
        ),
        (
            rf"\btotal\s+(?:amount\s+)?(?:raised|funding|capital raised)\s+(?:by|for)\s+({E})(?:\s+since\s+{D})?\s+to\s+{AMOUNT_HEDGE}({M})",
            2,
        ),
    ]
    for pattern, money_group in patterns:
        for m in re.finditer(pattern, text):
            money_tok = m.group(money_group)
            org = None
            if m.lastindex and m.lastindex >= 1 and money_group == 2 and m.group(1):
                org = ent(ms, m.group(1))
            if org is None:
                org = _subject_before(ms, text, m.start(), ctx, max_gap=200)
                rnd = ctx.current_round()
                if (
                    rnd is not None
                    and rnd.draft.sentence >= ms.index - 2
                    and re.match(r"\s*(?:The|This|That)\s+(?:round|funding|financing|raise)\b", text)
                ):
                    # "The round ... brought total funding to $90m": the round's company
                    org = rnd.organization
                org = _funded_not_backer(ctx, org if org is not None else ctx.topic)
                if re.match(r"[^.;]{0,40}?\bat\s+the\s+time\b", text[m.end() :]):
                    continue  # "took its total to $98m at the time": a past total, not the current one
            if org is None or not _is(ctx, org, ORG):
                continue
            values = amount_values(ms, money_tok)
            rounds = re.search(
                r"\bover\s+(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:funding\s+)?rounds\b",
                text,
            )
            if rounds:
                values["rounds"] = count_of(rounds.group(1))
            if article_date_if_undated(ms, text, ctx):
                values["date"] = ctx.published  # a total is as of the article's date
            yield Draft("funding_total", {"organization": org}, values, ms.index, 0.8, "total")
            yield from _total_backers(ms, text[m.end() :], ctx, org)
            return


def _funded_not_backer(ctx: Context, org: int | None) -> int | None:
    """ "Globex also participated, bringing its total to $90m": the total is the funded company's, not Globex's."""
    if org is None:
        return None
    backers = {d.roles.get("investor") for d in ctx.drafts if d.type == "investment"}
    if org not in backers or org in {d.roles.get("investee") for d in ctx.drafts if d.type == "investment"}:
        return org
    rnd = ctx.current_round()
    return rnd.organization if rnd is not None and rnd.organization != org else None


def _total_backers(ms: MaskedSentence, rest: str, ctx: Context, org: int) -> Iterator[Draft]:
    """'... has raised $210m to date from investors including A and B': A and B are its backers."""
    backers = re.search(
        rf"^[^;]*?\bfrom\s+(?:(?:investors|backers)\s+(?:including|such as|like)\s+|(?:investors|backers)\s+|a\s+(?:group|roster|list)\s+of\s+(?:investors|backers)\s+(?:including|such as|like|led by)\s+)?({LIST})",
        strip_asides(rest),
    )
    for inv in list_entities(ms, backers.group(1), ctx) if backers else []:
        if inv != org:
            yield completed_investment(ms, inv, org, 0.7, "total-backers")
