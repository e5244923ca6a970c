"""Investments stated with an investing verb: "A invested $X in B", "B drew $X from A"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kg.extract.entities import ORG, PERSON
from kg.extract.masking import MaskedSentence
from kg.extract.rules.clauses import (
    _is,
    amount_values,
    completed_investment,
    ent,
    list_entities,
    money_ok,
    status_of,
    strip_asides,
)
from kg.extract.rules.context import Context, Draft
from kg.extract.rules.grammar import _W, AMOUNT_HEDGE, DESC, LIST, D, E, M, P, negated
from kg.extract.rules.patterns import run_stage
from kg.extract.rules.rounds import list_plain
from kg.extract.rules.stakes import _follow_up_investments, _investment

# ----------------------------------------------------------- investments ---

INVEST = r"\b(?:invest(?:ed|s|ing)?|put(?:ting)?\s+in|puts?(?=\s+(?:\w+\s+){0,3}MON\d+\s+into\b)|pump(?:ed|s|ing)?|pour(?:ed|s|ing)?|inject(?:ed|s)?|commit(?:ted|s)?|pledg(?:ed|es|e|ing)(?:\s+to\s+(?:provide|invest))?|provide|providing)\b"


#: a preposition of place inside the description before the investee: "into new offices near Y"
PLACE_PREP = r"(?:near|outside|beside|besides|across|around|next\s+to|behind|within|inside|opposite|along)"


def investments(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    plain = strip_asides(text)
    produced = False
    # X invested $A in Y / X will invest $A in Y / X committed up to $A to Y
    for m in re.finditer(
        rf"({E})\s+(?:(?:[a-z]+|{D})\s+){{0,5}}?{INVEST}\s+(?:{AMOUNT_HEDGE}({M})\s+)?(?:more\s+)?(?:in|into|to)\s+(?:(?:the\s+)?{DESC})?(?:{E}'s\s+{DESC})?({E})",
        plain,
    ):
        a, money_tok, b = ent(ms, m.group(1)), m.group(2), ent(ms, m.group(3))
        if a == b or not _is(ctx, a, ORG, PERSON) or not _is(ctx, b, ORG):
            continue
        if re.search(rf"\b(?:into|in|to)\s+(?:[\w-]+\s+){{0,4}}?{PLACE_PREP}\s+$", plain[: m.start(3)]):
            continue  # "put $4m into new offices near Y": the money went to a place by Y, not into Y
        produced = True
        d0 = _investment(ms, plain, ctx, a, b, money_tok, m.start(), m.end(), 0.9)
        # "A and B have (each) invested $50m in Y": every investor named before the verb
        # (the list's items may carry descriptors: "Boston-based A, B, a growth fund, and C invested")
        co = re.search(
            rf"(?<![\w-])({LIST}),?\s+(?:and|as\s+well\s+as)\s+(?:(?:the|a|an)\s+)?{DESC}$",
            list_plain(plain[: m.start()]),
        )
        if co and not re.search(r"\beach\b", m.group(0)):
            d0.values.pop("amount", None)  # a joint amount is not the last investor's alone
            d0.values.pop("currency", None)
        yield d0
        for a2 in list_entities(ms, co.group(1), ctx) if co else []:
            if a2 not in (a, b) and _is(ctx, a2, ORG, PERSON):
                d2 = Draft(
                    "investment", {"investor": a2, "investee": b}, dict(d0.values), ms.index, 0.8, "invest-co"
                )
                d2.negated = d0.negated  # "A and B considered investing in Y": neither did
                if not re.search(r"\beach\b", m.group(0)):
                    d2.values.pop("amount", None)  # a joint amount is not each investor's
                    d2.values.pop("currency", None)
                yield d2
        yield from _follow_up_investments(ms, plain, ctx, a, b, m.end())
    # X made an (initial) investment of $A ... in Y
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,3}}?(?:made|makes|make|announced)\s+(?:an?\s+|its\s+|ENT\d+'s\s+)?(?:[^.;]{{0,50}}?\s)?investment\s+(?:of\s+{AMOUNT_HEDGE}({M})\s+)?[^.;]*?\bin\s+(?:(?:the\s+)?{DESC})?({E})",
        plain,
    ):
        a, money_tok, b = ent(ms, m.group(1)), m.group(2), ent(ms, m.group(3))
        if money_tok is None:  # "made a $100m strategic investment in Y"
            before_noun = re.match(
                rf"[^.;]*?\b(?:made|makes|make|announced)\s+(?:an?\s+)?{AMOUNT_HEDGE}({M})\s+(?:[a-z-]+\s+){{0,2}}investment\b",
                m.group(0),
            )
            money_tok = before_noun.group(1) if before_noun and money_ok(ms, before_noun.group(1)) else None
        if a != b and _is(ctx, a, ORG, PERSON) and _is(ctx, b, ORG):
            produced = True
            yield _investment(ms, plain, ctx, a, b, money_tok, m.start(), m.end(), 0.85)
    # X took / acquired / bought a 10 percent stake in Y (for $A)
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,4}}?(?:acquired|acquire|acquiring|acquires|took|take|takes|taking|bought|buy|buys|buying|purchased?|purchasing|built|build|holds?|has|taken|received|get|gets|got)\s+(?:an?\s+|its\s+|ENT\d+'s\s+)(?:({P})\s+|minority\s+|majority\s+|controlling\s+|significant\s+|small\s+|(?:about|around|roughly|nearly|almost)\s+)*(?:stake|holding|interest)\s+in\s+(?:(?:the\s+)?{DESC})?(?:{E}'s\s+{DESC})?({E})(?:[^.;]{{0,30}}?\bfor\s+{AMOUNT_HEDGE}({M}))?",
        plain,
    ):
        a, pct, b, money_tok = ent(ms, m.group(1)), m.group(2), ent(ms, m.group(3)), m.group(4)
        if a == b or not _is(ctx, a, ORG, PERSON) or not _is(ctx, b, ORG):
            continue
        produced = True
        d = _investment(ms, plain, ctx, a, b, money_tok, m.start(), m.end(), 0.85)
        if pct:
            d.values["stake_percent"] = ms.slot(pct).value
        seller_m = re.match(rf"\s+from\s+(?:(?:the\s+)?{DESC})?({E})(?!'s)", plain[m.end(3) :])
        if (
            seller_m
            and ent(ms, seller_m.group(1)) not in (a, b)
            and _is(ctx, ent(ms, seller_m.group(1)), ORG, PERSON)
        ):
            d.roles["seller"] = ent(ms, seller_m.group(1))  # "acquired a 49% stake in Y from Z"
        yield d
        yield from _follow_up_investments(ms, plain, ctx, a, b, m.end())
        seller = re.search(
            rf"\b({E})\s+(?:[a-z]+\s+){{0,3}}?sold\s+an?\s+({P})\s+stake\s+to\s+(?:(?:the\s+)?{DESC})?({E})",
            plain[m.end() :],
        )
        if seller:
            buyer = ent(ms, seller.group(3))
            if _is(ctx, buyer, ORG, PERSON):
                d2 = Draft(
                    "investment",
                    {"investor": buyer, "investee": b, "seller": ent(ms, seller.group(1))},
                    {"stake_percent": ms.slot(seller.group(2)).value, "status": d.values.get("status")},
                    ms.index,
                    0.7,
                    "stake-sale",
                )
                if "date" in d.values:
                    d2.values["date"] = d.values["date"]
                yield d2
    # X sold / will sell $A (worth) of shares in Y to LIST  (secondary sale)
    for m in re.finditer(
        rf"({E})\s+[^.;]*?\b(?:sell\w*|sold)\s+(?:{AMOUNT_HEDGE}({M})\s+(?:worth\s+)?of\s+)?(?:its\s+|ENT\d+'s\s+|an?\s+)?(?:({P})\s+|entire\s+|remaining\s+|whole\s+)*(?:shares|stake|holding)\s+in\s+({E})\s+to\s+[^.;]*?({LIST})(?:[^.;]{{0,30}}?\bfor\s+{AMOUNT_HEDGE}({M}))?",
        plain,
    ):
        seller, b = ent(ms, m.group(1)), ent(ms, m.group(4))
        money_tok = m.group(2) or m.group(6)
        status = status_of(plain[m.start() : m.end()], "completed")
        buyers = [i for i in list_entities(ms, m.group(5), ctx) if i not in (seller, b)]
        for inv in buyers:
            produced = True
            values: dict[str, Any] = {"status": status}
            if len(buyers) == 1:  # the price and the stake belong to a single buyer
                values.update(amount_values(ms, money_tok) if money_ok(ms, money_tok) else {})
                if m.group(3):
                    values["stake_percent"] = ms.slot(m.group(3)).value
            yield Draft(
                "investment",
                {"investor": inv, "investee": b, "seller": seller},
                values,
                ms.index,
                0.75,
                "secondary",
            )
    # X (first) agreed to back Y (, pledging ... and putting in ...)
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,4}}?(?<!was )(?<!were )(?<!been )(?<!is )(?<!are )(?<!be )(?:back|backed|backs)\s+(?!by\b)(?:(?:the\s+)?{DESC})?({E})(?!'s)",
        plain,
    ):
        a, b = ent(ms, m.group(1)), ent(ms, m.group(2))
        if a == b or not _is(ctx, a, ORG, PERSON) or not _is(ctx, b, ORG):
            continue
        produced = True
        d = _investment(ms, plain, ctx, a, b, None, m.start(), m.end(), 0.75)
        yield d
        for f in _follow_up_investments(ms, plain, ctx, a, b, m.end()):
            if "date" not in f.values and "date" in d.values:
                f.values["date"] = d.values["date"]
            yield f
    # X added another $A (to the investment stated before)
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,2}}?(?:added|adds|put in|invested)\s+(?:another|a further|an additional|a fresh)\s+({M})(?!\s+(?:in|into|to)\b)",
        plain,
    ):
        a = ent(ms, m.group(1))
        prev = [d for d in ctx.drafts if d.type == "investment" and d.roles.get("investor") == a]
        if prev:
            produced = True
            yield _investment(
                ms, plain, ctx, a, prev[-1].roles["investee"], m.group(2), m.start(), m.end(), 0.6
            )
    # a fresh $A investment that X disclosed ... (commitment to Y)
    for m in re.finditer(
        rf"\b(?:a|an)\s+(?:fresh\s+|new\s+|further\s+|additional\s+)?({M})\s+investment\s+(?:that|which)\s+({E})\s+(?:disclosed|announced|made|unveiled|confirmed)",
        plain,
    ):
        a = ent(ms, m.group(2))
        to = re.search(
            rf"\b(?:commitment|investment|stake)\s+(?:to|in)\s+(?:the\s+{DESC})?({E})", plain[m.end() :]
        )
        b = ent(ms, to.group(1)) if to else ctx.focus
        if b is not None and a != b and _is(ctx, a, ORG, PERSON) and _is(ctx, b, ORG):
            produced = True
            d = _investment(ms, plain, ctx, a, b, m.group(1), m.start(), m.end(), 0.6)
            dd = re.search(D, plain[m.end() : m.end() + 40])
            if dd:
                d.values["date"] = ms.slot(dd.group(0)).value
            yield d
    # A, B and C were among investors that agreed to buy shares (in the offering)
    for m in re.finditer(
        rf"({LIST})\s+(?:were|are)\s+among\s+(?:a\s+group\s+of\s+)?(?:{_W}\s+){{0,2}}?investors\s+(?:that|who)\s+([^.;]*?\b(?:buy|bought|invest|invested|purchase|subscribe)\b[^.;]*)",
        plain,
    ):
        b = ctx.focus
        status = "pledged" if re.search(r"\bagreed|\bcommitted|\bwill\b", m.group(2)) else "completed"
        for a in list_entities(ms, m.group(1), ctx):
            if b is not None and a != b:
                produced = True
                values = {"status": status, **({"date": ctx.published} if ctx.published else {})}
                yield Draft(
                    "investment", {"investor": a, "investee": b}, values, ms.index, 0.55, "among-investors"
                )
    # P became an early backer / investor (of the company the article is about)
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,2}}?became\s+(?:an?\s+)?(?:[a-z]+\s+and\s+an?\s+)?(?:early\s+|key\s+|major\s+|big\s+|first\s+)?(?:backer|investor|shareholder)\b(?:\s+(?:in|of)\s+(?:the\s+)?{DESC}({E}))?",
        plain,
    ):
        a = ent(ms, m.group(1))
        b = ent(ms, m.group(2)) if m.group(2) else ctx.focus
        if b is not None and a != b and _is(ctx, a, ORG, PERSON):
            produced = True
            yield completed_investment(ms, a, b, 0.55, "became-backer")
    # X (, which ...,) is also an investor (in the company the article is about)
    for m in re.finditer(
        rf"({E})\s+(?:is|was)\s+(?:also\s+)?(?:an?\s+)?(?:early\s+|existing\s+|major\s+)?(?:investor|backer|shareholder)\s*(?:in\s+(?:the\s+)?{DESC}({E}))?[.,;]",
        plain,
    ):
        a = ent(ms, m.group(1))
        b = ent(ms, m.group(2)) if m.group(2) else ctx.focus
        if b is not None and a != b and _is(ctx, a, ORG, PERSON) and _is(ctx, b, ORG):
            produced = True
            yield completed_investment(ms, a, b, 0.55 if m.group(2) is None else 0.75, "is-investor")
    # Early money came from LIST (and from ..., among them LIST)
    for m in re.finditer(r"\b(?i:money|funding|backing|capital|investment)\s+came\s+from\s+(.*)$", text):
        b = ctx.focus
        tail = strip_asides(m.group(1))
        people = []
        for lm in re.finditer(rf"(?:^|\bfrom\s+|\bamong\s+them\s+|\bincluding\s+)({LIST})", tail):
            people += list_entities(ms, lm.group(1), ctx)
        for a in dict.fromkeys(people):
            if b is not None and a != b:
                produced = True
                yield completed_investment(ms, a, b, 0.55, "money-came-from")
    # X, which ... first backed Y with $A in 2018
    for m in re.finditer(
        rf"({E}),\s+which\s+[^;]*?(?<![\w-])(?:first\s+|also\s+|previously\s+)?(?:backed|invested\s+in)\s+({E})(?:\s+with\s+{AMOUNT_HEDGE}({M}))?",
        text,
    ):
        a, b = ent(ms, m.group(1)), ent(ms, m.group(2))
        if (
            a != b
            and _is(ctx, a, ORG, PERSON)
            and _is(ctx, b, ORG)
            and not negated(m.group(0)[len(m.group(1)) :])
        ):
            produced = True
            d = _investment(ms, text, ctx, a, b, m.group(3), m.start(), m.end(), 0.7)
            d.negated = False
            yield d
    # "Acme-backed Globex", "Globex, whose backers include Acme", "Acme, an investor in Globex", ...
    for d in run_stage("investments.backers", ms, raw, text, ctx):
        produced = True
        yield d
    # X (agreed to) pay $A for a stake / for N percent (in an announced raise)
    for m in re.finditer(
        rf"({E})\s+(?:[a-z,]+\s+){{0,5}}?(?:pay|paying|invest|put\s+in|contribute|contributing)\s+{AMOUNT_HEDGE}({M})\s+(?:[^.;]{{0,60}}?)\bfor\s+(?:a\s+stake\s+of\s+|an?\s+|about\s+|around\s+|roughly\s+)*({P})",
        plain,
    ):
        a, money_tok, pct = ent(ms, m.group(1)), m.group(2), m.group(3)
        rnd = ctx.current_round(None)
        if rnd is None or a == rnd.organization or not _is(ctx, a, ORG, PERSON):
            continue
        produced = True
        d = _investment(ms, plain, ctx, a, rnd.organization, money_tok, m.start(), m.end(), 0.7)
        d.values["stake_percent"] = ms.slot(pct).value
        if rnd.date and "date" not in d.values:
            d.values["date"] = rnd.date
        if rnd.draft.values.get("status"):
            d.values["status"] = rnd.draft.values["status"]
        yield d
    if produced:
        return
    for m in re.finditer(
        rf"({E})\s+(?:was|is|were|had been|has been)\s+in\s+(?:advanced\s+)?talks\s+to\s+invest\s+{AMOUNT_HEDGE}({M})(?!\s+(?:in|into)\b)",
        plain,
    ):
        a = ent(ms, m.group(1))
        b = ctx.focus if ctx.focus != a else ctx.topic
        if b is not None and b != a and _is(ctx, a, ORG, PERSON):
            d = _investment(ms, plain, ctx, a, b, m.group(2), m.start(), m.end(), 0.5)
            d.values["status"] = "in_talks"
            yield d
            return
    # X has committed up to $A to the company (investee by reference)
    for m in re.finditer(
        rf"({E})\s+(?:has\s+|had\s+|have\s+)?(?:also\s+)?(?:committed|pledged|invested)\s+{AMOUNT_HEDGE}({M})",
        plain,
    ):
        a = ent(ms, m.group(1))
        rest = plain[m.end() : m.end() + 60]
        b_m = re.match(rf"\s+(?:in|into|to)\s+(?:(?:the\s+)?{DESC})?({E})", rest)
        if not b_m:
            continue
        b = ent(ms, b_m.group(1))
        if a != b and _is(ctx, a, ORG, PERSON) and _is(ctx, b, ORG):
            yield _investment(ms, plain, ctx, a, b, m.group(2), m.start(), m.end(), 0.75)
