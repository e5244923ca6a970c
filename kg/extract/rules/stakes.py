"""Stakes and share purchases: "A took a 10% stake in B", cornerstone investors, secondary sales."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kg.extract.entities import ORG, PERSON
from kg.extract.masking import MaskedSentence
from kg.extract.rules.clauses import (
    _is,
    amount_values,
    date_near,
    ent,
    list_entities,
    status_of,
    strip_asides,
)
from kg.extract.rules.context import Context, Draft
from kg.extract.rules.grammar import AMOUNT_HEDGE, DESC, LIST, D, E, M, P, negated
from kg.extract.rules.rounds import list_plain

PCT_HEDGE = r"(?:(?:about|around|roughly|approximately|nearly|almost|some|more than|less than|just over|just under|over|under|a further|another|an additional|an?)\s+)*"
STAKE_NOUN = r"(?:stake|holding|shareholding|interest|equity stake|ownership stake)"


def _context_org(ctx: Context, not_this: int) -> int | None:
    """The company the article is about (its focus, else the current topic), unless that is not_this."""
    for org in (ctx.focus, ctx.topic):
        if org is not None and org != not_this and _is(ctx, org, ORG):
            return org
    return None


def _stake_investee(
    ms: MaskedSentence, text: str, tok: str, ctx: Context, investor: int
) -> tuple[int | None, bool]:
    """The organisation a stake is in: the named one, or the article's company for "the Oslo-based company"."""
    b = ent(ms, tok)
    if _is(ctx, b, ORG):
        return b, False
    described = re.search(
        rf"{tok}-based\s+(?:[\w-]+\s+)?(?:company|start-?up|firm|group|business|maker)\b", text
    )
    if described:
        return _context_org(ctx, investor), True
    return None, False


def stakes(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    """Holdings stated as percentages or stakes: investments with their stake_percent.

    "X, which already owns about 5% of Y", "X built up a stake of about 27% in Y", "X will acquire
    49.9% of the share capital of Y", "A, B and C will hold 6%, 5.5% and 2% stakes respectively",
    "X disclosed a sizeable stake in July" (in the company the article is about).
    """
    if not re.search(E, text) or not (
        re.search(P, text)
        or re.search(r"\b(?:stake|holding|shareholding|shareholder|interest|owner|investor)\b", text)
    ):
        return
    flat = list_plain(text)  # relative clauses kept: "X, which owns 5% of Y" is the point
    seen: set[tuple[int, int]] = set()

    def draft(
        a: int, b: int, pct: str | None, money: str | None, start: int, end: int, conf: float
    ) -> Draft | None:
        if a == b or (a, b) in seen or not _is(ctx, a, ORG, PERSON) or not _is(ctx, b, ORG):
            return None
        value = ms.slot(pct).value if pct else None
        if value is not None and not 0 < float(value) < 100:
            return None
        seen.add((a, b))
        earlier = next(
            (
                d
                for d in reversed(ctx.drafts)
                if d.type == "investment"
                and d.roles.get("investor") == a
                and d.roles.get("investee") == b
                and d.sentence >= ms.index - 2
                and "stake_percent" not in d.values
                and "seller" not in d.roles
            ),
            None,
        )
        if earlier is not None and value is not None and not money:
            # "X agreed to invest EUR300m in Y. Under the agreement, X will acquire 49.9% of Y": one deal
            earlier.values["stake_percent"] = value
            return None
        d = _investment(ms, flat, ctx, a, b, money, start, end, conf)
        own_date = date_near(ms, flat, end, None)  # "X, which took a minority stake last year"
        if own_date:
            d.values["date"] = own_date
        d.rule = "stake"
        if value is not None:
            d.values["stake_percent"] = value
        return d

    owns = rf"({E})(?:,\s+(?:which|who)\s+|\s+)(?:(?:[a-z]+|{D})\s+){{0,3}}?(?:owns?|owned|holds?|held|controls?|own|hold)\s+{PCT_HEDGE}({P})\s+(?:{STAKE_NOUN}\s+)?(?:of|in)\s+(?:(?:the\s+)?(?:shares|share capital|stock|equity|voting rights)\s+(?:of|in)\s+)?(?:(?:the\s+)?{DESC})?(?:{E}'s\s+{DESC})?({E})(?!'s\s+(?!shares|stock|equity))"
    take_of = rf"({E})(?:,\s+(?:which|who)\s+|\s+)(?:(?:[a-z]+|{D})\s+){{0,4}}?(?:acquire|acquired|buy|bought|take|took|purchase|purchased)\s+{PCT_HEDGE}({P})\s+(?:{STAKE_NOUN}\s+)?(?:of|in)\s+(?:the\s+(?:shares|share capital|stock|equity)\s+(?:of|in)\s+)?(?:(?:the\s+)?{DESC})?(?:{E}'s\s+{DESC})?({E})(?!'s\s+(?!shares|stock|equity))(?:[^.;]{{0,30}}?\bfor\s+{AMOUNT_HEDGE}({M}))?"
    stake_of = rf"({E})(?:,\s+(?:which|who)\s+|\s+)(?:(?:[a-z]+|{D})\s+){{0,3}}?(?:acquired|acquire|took|take|taken|bought|buy|built(?:\s+up)?|build(?:\s+up)?|amassed|accumulated|holds?|held|has|had)\s+(?:an?\s+|its\s+)(?:[a-z-]+\s+){{0,2}}?{STAKE_NOUN}\s+of\s+{PCT_HEDGE}({P})\s+in\s+(?:(?:the\s+)?{DESC})?(?:{E}'s\s+{DESC})?({E})(?!'s)(?:[^.;]{{0,30}}?\bfor\s+{AMOUNT_HEDGE}({M}))?"
    for pattern, conf in ((owns, 0.8), (take_of, 0.8), (stake_of, 0.85)):
        for m in re.finditer(pattern, flat):
            pct = m.group(2)
            if pattern is take_of and float(ms.slot(pct).value) >= 50:
                continue  # buying a majority is an acquisition (the acquisition rules' business)
            b, via = _stake_investee(ms, flat, m.group(3), ctx, ent(ms, m.group(1)))
            if b is None:
                continue
            money = m.group(4) if m.lastindex and m.lastindex >= 4 else None
            d = draft(ent(ms, m.group(1)), b, pct, money, m.start(), m.end(), conf - (0.2 if via else 0))
            if d:
                # "bought 49% of Y from Z": Z sold the shares
                seller = re.match(rf"\s+from\s+(?:(?:the\s+|its\s+)?{DESC})?({E})(?!'s)", flat[m.end(3) :])
                sold_by = ent(ms, seller.group(1)) if seller else None
                if sold_by is not None and _is(ctx, sold_by, ORG, PERSON) and sold_by not in d.roles.values():
                    d.roles["seller"] = sold_by
                yield d
    # "X paid $50m for a 20% stake in Y": the price first
    for m in re.finditer(
        rf"({E})\s+(?:(?:has|had|have|will|would|also|agreed\s+to)\s+)*(?:paid|pays|pay|paying|spent|spends|spend)\s+{AMOUNT_HEDGE}({M})\s+(?:for|to\s+(?:buy|acquire|take))\s+(?:an?\s+)?{PCT_HEDGE}({P})\s+(?:{STAKE_NOUN}\s+)?(?:in|of)\s+(?:(?:the\s+)?{DESC})?({E})(?!'s)",
        flat,
    ):
        if float(ms.slot(m.group(3)).value) >= 50:
            continue  # a majority bought is an acquisition
        d = draft(ent(ms, m.group(1)), ent(ms, m.group(4)), m.group(3), m.group(2), m.start(), m.end(), 0.8)
        if d:
            yield d
    # "X will become Y's largest shareholder (after agreeing to buy a 10% stake for $A)"
    for m in re.finditer(
        rf"({E})\s+(?:(?:will|would|is\s+to|has|had|to|set\s+to|also|now)\s+)*(?:become|becomes|became|becoming|remain|remains|remained|is|was)\s+(?:the\s+)?({E})'s?\s+(?:(?:largest|biggest|second-largest|single\s+largest|top|major|main|controlling)\s+)+(?:shareholder|investor|owner|backer)\b",
        flat,
    ):
        a = ent(ms, m.group(1))
        b, _via = _stake_investee(ms, flat, m.group(2), ctx, a)
        if b is None:
            continue
        rest = flat[m.end() :]
        bought = re.match(
            rf"[^.;]{{0,40}}?\b(?:buy|buying|acquire|acquiring|take|taking|purchase|purchasing|bought|took|acquired)\s+(?:an?\s+)?{PCT_HEDGE}({P})(?:\s+{STAKE_NOUN})?(?:[^.;]{{0,30}}?\bfor\s+{AMOUNT_HEDGE}({M}))?",
            rest,
        )
        money = bought.group(2) if bought else None
        d = draft(
            a,
            b,
            bought.group(1) if bought else None,
            money,
            m.start(),
            m.end() + (bought.end() if bought else 0),
            0.75,
        )
        if d:
            yield d
    # "X increased its stake in Y to 45%"
    for m in re.finditer(
        rf"({E})\s+(?:(?:has|had|have|will|would|also|recently|further)\s+)*(?:increased|increases|increase|raised|raises|raise|lifted|lifts|lift|boosted|boosts|boost|upped|ups|took|takes|take|built|builds|build)\s+(?:up\s+)?(?:its|his|her|their|{E}'s)\s+(?:[a-z-]+\s+)?{STAKE_NOUN}\s+in\s+(?:(?:the\s+)?{DESC})?({E})\s+to\s+{PCT_HEDGE}({P})",
        flat,
    ):
        b, via = _stake_investee(ms, flat, m.group(2), ctx, ent(ms, m.group(1)))
        d = (
            draft(ent(ms, m.group(1)), b, m.group(3), None, m.start(), m.end(), 0.8)
            if b is not None
            else None
        )
        if d:
            yield d
    # "A, B and C will hold 6%, 5.5% and 2% (equity) stakes respectively" -- the investee named before
    for m in re.finditer(
        rf"({LIST})\s+(?:(?:[a-z]+)\s+){{0,2}}?(?:hold|own|have|take|holds|owns|held|owned|took|acquire|acquired)\s+{PCT_HEDGE}((?:{P}\s*,\s*)*{P},?\s+and\s+{P})\s+(?:(?:equity|minority)\s+)?(?:stakes?|holdings?|shareholdings?)?\s*,?\s*respectively",
        flat,
    ):
        investors = list_entities(ms, m.group(1), ctx)
        pcts = re.findall(P, m.group(2))
        if len(investors) < len(pcts):
            continue
        investors = investors[len(investors) - len(pcts) :]  # "..., while A and B will hold": the last items
        of = [
            ent(ms, t)
            for t in re.findall(rf"\b(?:of|in)\s+(?:the\s+)?(?:{DESC})?({E})(?!'s)", flat[: m.start(2)])
            if ent(ms, t) not in investors
        ]
        if not of:
            continue
        b = of[-1]
        for a, pct in zip(investors, pcts, strict=True):
            d = draft(a, b, pct, None, m.start(), m.end(), 0.75)
            if d:
                yield d
    # "X disclosed a sizeable stake in July": a stake in the company the article is about
    for m in re.finditer(
        rf"({E})(?:,\s+(?:which|who)\s+|\s+)(?:(?:has|had|have|also|recently|quietly|already|since)\s+)*(?:disclosed|revealed|built(?:\s+up)?|amassed|accumulated|took|taken|acquired|bought)\s+(?:an?\s+)(?:[a-z-]+\s+){{0,2}}?{STAKE_NOUN}\b(?!\s+(?:in|of|at|to)\s+(?!{D}))",
        flat,
    ):
        b = _context_org(ctx, ent(ms, m.group(1)))
        if b is None:
            continue
        d = draft(ent(ms, m.group(1)), b, None, None, m.start(), m.end(), 0.55)
        if d:
            yield d


OFFERING = r"(?:initial public offering|public offering|IPO|listing|offering|private placement|placement|flotation|float|share sale|rights issue|capital increase|cornerstone|anchor investor)"


def share_purchases(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    """Shares bought: "X agreed to buy $100m of shares in Y's IPO" (cornerstone investors); "X bought
    shares from early employees of Y" (a secondary purchase: the seller when one is named)."""
    if not re.search(r"\b(?:shares|stock|equity)\b", text) or len(re.findall(E, text)) < 2 and not ctx.focus:
        return
    plain = strip_asides(text)
    for m in re.finditer(
        rf"({E})\s+(?:(?:[a-z]+|{D})\s+){{0,3}}?(?:bought|buys|buy|buying|acquired|purchased|purchase)\s+(?:{AMOUNT_HEDGE}({M})\s+(?:worth\s+)?of\s+)?(?:existing\s+|secondary\s+)?shares\s+from\s+([^.;]*?)\s*\b(?:of|in)\s+(?:the\s+)?{DESC}({E})(?!'s)",
        plain,
    ):
        a, b = ent(ms, m.group(1)), ent(ms, m.group(4))
        if a == b or not _is(ctx, a, ORG, PERSON) or not _is(ctx, b, ORG):
            continue
        d = _investment(ms, plain, ctx, a, b, m.group(2), m.start(), m.end(), 0.75)
        sellers = [i for i in list_entities(ms, m.group(3), ctx) if i not in (a, b)]
        if len(sellers) == 1:
            d.roles["seller"] = sellers[0]
        d.rule = "share-purchase"
        yield d
    # Y will issue new shares worth $A to X / Y sold new shares to A and B
    for m in re.finditer(
        rf"({E})\s+(?:(?:[a-z]+|{D})\s+){{0,3}}?(?:(?:issue[sd]?|issuing|allot(?:s|ted)?)\s+(?:new\s+)?|(?:sell|sells|sold|selling)\s+new\s+)(?:shares|stock)\s+(?:worth\s+{AMOUNT_HEDGE}({M})\s+)?to\s+({LIST})(?:[^.;]{{0,30}}?\bfor\s+{AMOUNT_HEDGE}({M}))?",
        plain,
    ):
        b = ent(ms, m.group(1))
        buyers = [a for a in list_entities(ms, m.group(3), ctx) if a != b] if _is(ctx, b, ORG) else []
        money = (m.group(2) or m.group(4)) if len(buyers) == 1 else None
        for a in buyers:
            d = _investment(ms, plain, ctx, a, b, money, m.start(), m.end(), 0.75)
            d.rule = "share-issue"
            yield d
    if not re.search(OFFERING, text, re.I):
        return
    for m in re.finditer(
        rf"({E})\s+(?:(?:[a-z]+|{D})\s+){{0,4}}?(?:buy|bought|buying|buys|subscribe(?:d)?\s+(?:for|to)|purchase[ds]?|take\s+up|took\s+up|acquire[ds]?)\s+{AMOUNT_HEDGE}({M})\s+(?:worth\s+)?of\s+(?:new\s+|the\s+)?(?:shares|stock|equity)\b([^.;]*)",
        plain,
    ):
        tail = m.group(3)
        if re.match(r"\s+from\b", tail) or not re.search(OFFERING, tail + plain[: m.start()], re.I):
            continue  # bought from a seller: a secondary sale, not new money
        named = re.match(rf"\s+(?:in|of)\s+(?:(?:the\s+)?{DESC})?({E})", tail) or re.search(
            rf"\b({E})'s\s+(?:[a-z-]+\s+){{0,2}}{OFFERING}", tail
        )
        a = ent(ms, m.group(1))
        b = ent(ms, named.group(1)) if named else _context_org(ctx, a)
        if b is None or a == b or not _is(ctx, a, ORG, PERSON) or not _is(ctx, b, ORG):
            continue
        d = _investment(ms, plain, ctx, a, b, m.group(2), m.start(), m.end(), 0.8 if named else 0.65)
        if re.search(
            r"\b(?:agreed|agrees|committed|commits|will|would|has agreed|to buy|to subscribe)\b",
            plain[m.start() : m.start(2)],
        ):
            d.values["status"] = "pledged"
        d.rule = "share-purchase"
        yield d


def _investment(ms, text, ctx, investor, investee, money_tok, start, end, conf) -> Draft:
    values: dict[str, Any] = amount_values(ms, money_tok) if money_tok else {}
    denied = negated(text[max(0, start - 20) : end]) or bool(
        re.search(r"\b(?:denied|denies|dismissed)\b", text[:start])
    )
    pos = text.find(money_tok) if money_tok else start
    date = date_near(ms, text[: end + 40], pos, None)
    if date is None and not re.search(r"\b(?:first|previously|earlier|already|initially)\b", text[start:end]):
        date = (
            ctx.published
            if re.search(
                r"\b(?:has|have|had|will|would|to|said|says|is|are)\b", text[max(0, start - 40) : end]
            )
            else None
        )
    if date:
        values["date"] = date
    stake = re.match(
        rf"[^.;]{{0,60}}?\b(?:for|giving\s+(?:it|them|{E})|in\s+(?:exchange|return)\s+for|to\s+take|taking)\s+"
        rf"(?:an?\s+)?{PCT_HEDGE}({P})(?:\s+{STAKE_NOUN}\b|\s+of\s+(?:the\s+(?:company|group|start-?up|shares|equity)|(?:its|{E}'s)\s+(?:shares|equity))|\s*(?:[,;.]|$))",
        text[end:],
    )
    if stake and 0 < float(ms.slot(stake.group(1)).value) < 100:
        values["stake_percent"] = ms.slot(stake.group(1)).value  # "... for a 10% stake", "giving it 7%"
    values["status"] = status_of(text[max(0, start - 30) : end], "completed")
    if values["status"] == "completed" and re.search(
        r"\b(?:reports?|reported|reportedly)\b", text[max(0, start - 40) : start]
    ):
        values["status"] = "reported"
    if ms.slots_in(text[start:end]) and any(s.via_reference for s in ms.slots_in(text[start:end])):
        conf -= 0.15
    draft = Draft(
        "investment", {"investor": investor, "investee": investee}, values, ms.index, conf, "invest"
    )
    draft.negated = denied
    return draft


def _follow_up_investments(ms, text, ctx, a, b, pos) -> Iterator[Draft]:
    """'..., investing an additional $500m in May and pledging another $1.5bn'."""
    second = re.search(
        rf"\bfollowed\s+(?:up\s+|that\s+)?with\s+an?\s+(?:second|third|further|new|another|follow-on)\s+investment(?:\s+of\s+{AMOUNT_HEDGE}({M}))?(?:\s+in\s+({D}))?",
        text[pos:],
    )
    if second:
        values = amount_values(ms, second.group(1)) if second.group(1) else {}
        if second.group(2):
            values["date"] = ms.slot(second.group(2)).value
        values["status"] = "completed"
        yield Draft("investment", {"investor": a, "investee": b}, values, ms.index, 0.7, "invest-second")
    for m in re.finditer(
        rf"\b(investing|pledging(?:\s+to\s+(?:provide|invest))?|adding|committing|putting\s+in|providing)\s+{AMOUNT_HEDGE}({M})",
        text[pos:],
    ):
        money_tok = m.group(2)
        values = amount_values(ms, money_tok)
        seg = text[pos + m.start() : pos + m.end() + 40]
        seg = re.split(r"\band\b|,|;", seg[len(m.group(0)) :])[0]
        d = re.search(D, seg)
        if d:
            values["date"] = ms.slot(d.group(0)).value
        values["status"] = "pledged" if m.group(1).startswith(("pledg", "commit")) else "completed"
        yield Draft("investment", {"investor": a, "investee": b}, values, ms.index, 0.75, "invest-followup")
