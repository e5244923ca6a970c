"""Acquisitions, mergers and their prices, with status (announced, in talks, completed)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.entities import ORG, PERSON
from kg.extract.masking import MaskedSentence
from kg.extract.rules.clauses import (
    _is,
    amount_values,
    date_near,
    ent,
    money_ok,
    nearest,
    status_of,
    strip_asides,
)
from kg.extract.rules.context import Context, Draft
from kg.extract.rules.grammar import _W, AMOUNT_HEDGE, DESC, NEWS_NOW, D, E, M, negated
from kg.extract.rules.patterns import Pattern, builder, first_group, run_stage

# ------------------------------------------------------------ acquisitions ---

ACQ_NOUN = r"(?:acquisition|takeover|purchase|buyout|buy-out|merger with)"
ACQ_VERB = (
    r"(?:acquire[ds]?|acquiring|buys?|bought|buying|purchased?|purchasing|took\s+over|take\s+over|takes\s+over|taking\s+over|taken\s+over|snapped\s+up|snap\s+up"
    r"|snaps\s+up|swallow(?:s|ed)?|(?:pick|scoop|gobble)(?:s|ed)?\s+up)"
)
#: A description that may join two words with "and" ("diesel and gas engine maker Y"), its last
#: part never empty ("buy stores and Y" names no description).
DESC_AND = rf"(?:(?:{_W}\s+){{1,3}}and\s+(?:{_W}\s+){{1,4}}?|{DESC})"
#: What stands between "for" and a deal's price: "for a total consideration of up to $2.4bn".
ACQ_PRICE = rf"(?:(?:a|an|the)\s+(?:total\s+|purchase\s+|aggregate\s+|cash\s+)?(?:consideration|price|sum|equity\s+value|enterprise\s+value)\s+of\s+)?{AMOUNT_HEDGE}"


def acquisitions(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    # "to buy London-listed Globex": the place qualifies the target, which follows it
    text = re.sub(r"\bENT\d+-(?:listed|based|headquartered|registered)\s+(?=ENT\d+\b)", "", text)
    # "to buy Harl Group's analytics unit, Y": the unit named is what changes hands
    text = re.sub(
        r"\b((?:buy|buys|buying|bought|acquire[sd]?|acquiring|purchase[sd]?|purchasing|snap(?:s|ped)?\s+up|took\s+over|take[sn]?\s+over|"
        r"(?:acquisition|purchase|takeover)\s+of)\s+)"
        r"ENT\d+'s\s+(?:[\w-]+\s+){0,3}?(?:unit|arm|division|business|subsidiary|operations|brand),?\s+(?=ENT\d+\b)",
        r"\1",
        text,
    )
    plain = strip_asides(text)
    out: list[Draft] = []
    # "X completed its acquisition of Y", "X's acquisition of Y", "X's last deal, the $A purchase of Y"
    out += run_stage("acquisitions.deals-named", ms, raw, text, ctx)
    # X acquired / bought / agreed to buy (the US chipmaker) Y (for $A); also inside asides of the full text
    for source in dict.fromkeys((plain, text)):
        for m in re.finditer(
            rf"({E})(?:,\s+which)?\s+(?:[a-z,]+\s+|DAT\d+\s+){{0,6}}?{ACQ_VERB}\s+(?:(?:the\s+|rival\s+|its\s+|ENT\d+'s\s+)?(?:ENT\d+\s+)?{DESC_AND})?({E})(?!'s)(?:[^.;]{{0,50}}?\bfor\s+{ACQ_PRICE}({M}))?",
            source,
        ):
            gap = re.sub(r"^ENT\d+,\s+which\b", "ENT", m.group(0))  # "X, which agreed to buy Y"
            if re.search(r"\b(?:stake|shares|holding)\b", gap):
                continue
            if re.search(r"\b(?:which|who|that)\b", gap.split(" ", 1)[1] if " " in gap else ""):
                continue
            out.append(
                _acq(ms, source, ctx, m.group(1), m.group(2), m.group(3), m.start(), m.end(), None, 0.85)
            )
            # "A and B agreed to buy Y": a consortium opening the sentence buys together
            if JOINT_BUYERS.search(source[: m.start(1)]):
                for buyer in re.findall(E, JOINT_BUYERS.search(source[: m.start(1)]).group(0)):
                    out.append(
                        _acq(ms, source, ctx, buyer, m.group(2), m.group(3), m.start(), m.end(), None, 0.7)
                    )
            # "X agreed to buy Y and Z for ...", "X bought Y, Z and W": more targets right after the first
            for extra in more_targets(source, m.end(2)):
                out.append(_acq(ms, source, ctx, m.group(1), extra, None, m.start(), m.end(), None, 0.7))
    # "X has added brands like Y, Z and W": a list of past purchases (no date of today)
    for m in ADDED_LIST.finditer(plain):
        for target in (m.group(2), *more_targets(plain, m.end(2))):
            d = _acq(ms, plain, ctx, m.group(1), target, None, m.start(), m.end(), "completed", 0.7)
            if d is not None and d.values.get("date") == ctx.published:
                d.values.pop("date")
            out.append(d)
    # "A and B agreed to take Y private (for $N)"; "... take the retailer private in a deal that values Y at $N"
    for m in TAKE_PRIVATE.finditer(plain):
        for buyer in re.findall(E, m.group("buyers")):
            target = m.group("target") or m.group("target_2")
            out.append(_acq(ms, plain, ctx, buyer, target, m.group("amount"), m.start(), m.end(), None, 0.75))
    # "Y, the developer that X bought", "Y to be acquired by X", "X, which bought Y", "Y, which X bought"
    out += run_stage("acquisitions.bought", ms, raw, text, ctx)
    # Y was bought by X / before it was bought by X
    for m in re.finditer(
        rf"({E})[^.;]{{0,60}}?\b(?:was|were|is|has been|had been|being)\s+(?:bought|acquired|purchased|taken over)\s+by\s+({E})(?:[^.;]{{0,30}}?\bfor\s+{AMOUNT_HEDGE}({M}))?",
        text,
    ):
        gap = m.group(0)[len(m.group(1)) : m.group(0).find(" by ")]
        if re.search(E, gap):
            continue
        reduced = re.search(r"(\w+),?\s+being\s+\w+(?:\s+over)?\s*$", gap)
        if reduced and reduced.group(1).lower() not in (
            "is",
            "are",
            "was",
            "were",
            "now",
            "currently",
            "also",
        ):
            continue  # "GE will power 20 jets being bought by Acme": the jets are bought, not GE
        under_way = re.search(
            r"\b(?:is|are)\s+being\s+(?:bought|acquired|purchased|taken over)\b", m.group(0)
        )
        status = "announced" if under_way else "completed"  # "is being taken over": agreed, not done
        out.append(_acq(ms, text, ctx, m.group(2), m.group(1), m.group(3), m.start(), m.end(), status, 0.8))
    # ... a string of acquisitions, including Y, bought for $A in 2018, and Z, acquired for $B
    acq_list = re.search(
        rf"({E})\s+(?:[a-z]+\s+){{0,4}}?(?:a\s+)?(?:string|series|run|number)\s+of\s+(?:[a-z]+\s+)?(?:acquisitions|deals|takeovers|purchases)",
        text,
    )
    if acq_list:
        buyer = acq_list.group(1)
        last_year = None
        for m in re.finditer(
            rf"({E})(?:'s\s+[a-z -]+?)?,\s+(?:bought|acquired|purchased)\s+for\s+{AMOUNT_HEDGE}({M})(?:\s+in\s+({D})|\s+the\s+(following|next|previous)\s+year)?",
            text[acq_list.end() :],
        ):
            d = _acq(ms, text, ctx, buyer, m.group(1), m.group(2), 0, 0, "completed", 0.65)
            if d is None:
                continue
            d.values.pop("date", None)
            if m.group(3):
                last_year = ms.slot(m.group(3)).value
                d.values["date"] = last_year
            elif m.group(4) and last_year:
                d.values["date"] = str(int(last_year[:4]) + (1 if m.group(4) != "previous" else -1))
            out.append(d)
    # X's (failed) attempt / bid / plan to buy Y
    for m in re.finditer(
        rf"({E})'s\s+(?:[a-z-]+\s+){{0,2}}?(?:attempt|bid|offer|plan|move|approach|proposal)s?\s+to\s+(?:buy|acquire|take\s+over)\s+(?:(?:the\s+)?{DESC})?({E})",
        text,
    ):
        status = (
            "in_talks"
            if re.search(r"\b(?:failed|rejected|abandoned|unsuccessful)\b", m.group(0))
            else "announced"
        )
        d = _acq(ms, text, ctx, m.group(1), m.group(2), None, m.start(), m.end(), status, 0.65)
        if d is not None:
            d.values.pop("date", None)
            out.append(d)
    # "X agreed to pay $A for Y", "a plan to sell Y to X"
    out += run_stage("acquisitions.agreed", ms, raw, text, ctx)
    # X (agreed to) sell(s) its cloud unit, Y, to Z (for $A)
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,3}}?(?:sell|sells|sold|selling)\s+(?:its|their|ENT\d+'s)\s+(?:[\w-]+\s+){{0,4}}?(?:unit|arm|division|business|subsidiary|operations?|brand|label)?,?\s*({E}),?\s+to\s+(?:(?:the\s+|rival\s+)?{DESC})?({E})(?:[^.;]{{0,40}}?\bfor\s+{ACQ_PRICE}({M}))?",
        plain,
    ):
        if re.search(r"\b(?:stake|shares|holding)\b", m.group(0)):
            continue
        d = _acq(ms, plain, ctx, m.group(3), m.group(2), m.group(4), m.start(), m.end(), None, 0.75)
        if d is not None and not _is(ctx, ent(ms, m.group(1)), ORG):
            d = None
        out.append(d)
    # "the sale of Y to X", "X made a bid for Y", "X held talks about buying Y"
    out += run_stage("acquisitions.sales-and-bids", ms, raw, text, ctx)
    for d in out:
        if d is not None:
            ctx.deals.append(d)
            yield d


@builder("acquisition")
def acquisition(p: Pattern, ms: MaskedSentence, m: re.Match[str], text: str, ctx: Context) -> Iterator[Draft]:
    """Acquisition records: groups ``acquirer``, ``target`` and ``amount``; the price, date and
    status are read around the match as for every deal (:func:`_acq`). ``params``: ``status``
    (else read from the clause) and ``status_if``, pairs [regex, status] tried in order on the match.
    """
    status = p.params.get("status")
    for pattern, then in p.params.get("status_if", ()):
        if re.search(pattern, m.group(0)):
            status = then
    draft = _acq(
        ms,
        text,
        ctx,
        first_group(m, "acquirer"),
        first_group(m, "target"),
        first_group(m, "amount"),
        m.start(),
        m.end(),
        status,
        p.confidence,
    )
    if draft is not None:
        draft.rule = p.id
        yield draft


def _acq(ms, text, ctx, a_tok, b_tok, money_tok, start, end, status, conf) -> Draft | None:
    a, b = ent(ms, a_tok), ent(ms, b_tok)
    if a == b or not _is(ctx, a, ORG, PERSON) or not _is(ctx, b, ORG):
        return None
    if money_tok is None:
        near = nearest(ms, text, end, "MON", window=160, after_only=True)
        if (
            near
            and money_ok(ms, near)
            and re.search(
                rf"\b(?:worth|valued at|for|at|deal of|value of)\s+{ACQ_PRICE}{near}"
                rf"|\b(?:in|via|through)\s+(?:an?\s+)?{AMOUNT_HEDGE}{near}\s+(?:[a-z-]+\s+){{0,2}}(?:deal|transaction|takeover|acquisition|purchase|buyout|merger)\b",
                text,
            )
        ):
            money_tok = near
    if money_tok is None or not money_ok(ms, money_tok):
        # "for $35 a share in cash, or about $6.4bn": the deal's value follows the per-share price
        total = re.match(
            rf"[^.;]{{0,60}}?\b(?:a|per)\s+share\b[^.;]{{0,25}}?,?\s+or\s+{AMOUNT_HEDGE}(MON\d+)(?!\s+(?:a|per)\s+share)",
            text[end:],
        )
        if total and money_ok(ms, total.group(1)):
            money_tok = total.group(1)
    values = amount_values(ms, money_tok) if money_ok(ms, money_tok) else {}
    if status is None:
        status = status_of(text[max(0, start - 20) : end], "completed")
    if re.search(r"\b(?:in talks|held talks|talks about)\b", text[max(0, start - 40) : end]):
        status = "in_talks"
    # "an offer period from June 1 to June 30" dates the offer's window, not the deal
    dated = PERIOD.sub(lambda p: " " * len(p.group(0)), text)
    inside = re.findall(D, dated[start:end]) if end > start else []
    # "X agreed last month to buy Y": a date inside the deal's own clause wins over one nearby
    date = ms.slot(inside[-1]).value if inside else date_near(ms, dated, end, None)
    if date and ctx.published and date > ctx.published[: len(date)]:
        date = ctx.published  # "to close in April next year": a deal is dated when it is agreed
    if (
        date is None
        and status in ("completed", "announced")
        and (
            re.search(
                r"\b(?:has|have|had|said|says|will|today|announced|announces|agreed|agrees|accepts|accepted)\b",
                text[max(0, start - 40) : end],
            )
            or (NEWS_NOW.search(text[max(0, start - 40) : end]) and not re.findall(D, text))
        )
    ):
        date = ctx.published
    if date is None and status == "in_talks" and ctx.published:
        date = ctx.published[:7]  # talks reported with no date: the month of the report
    if date:
        values["date"] = date
    values["status"] = status
    draft = Draft("acquisition", {"acquirer": a, "target": b}, values, ms.index, conf, "acquire")
    draft.negated = (
        negated(text[max(0, start - 20) : end])
        or bool(re.search(r"\b(?:denied|denies|dismissed)\b", text[:start]))
        or bool(
            re.search(r"(?:^|[,;]\s*)(?:[Ii]f|[Uu]nless|[Ss]hould)\s+$", text[:start])
        )  # "If X buys Y, ..."
    ) and status != "in_talks"
    if DEAL_ENDED.search(text[max(0, start - 20) : end]):
        draft.negated = True  # "X ended talks to buy Y"
    return draft


#: "... bought Y and Z in March", "... bought Y, Z and most recently W": more targets, the last
#: ending its clause (not "and Z said", "and Z's unit").
MORE_TARGETS = re.compile(
    rf"((?:,\s+{E}(?!'s))*),?\s+and\s+(?:(?:most\s+|more\s+)?recently\s+|later\s+|also\s+)?({E})(?!'s)"
    rf"(?=\s*[,.;]|\s*$|\s+(?:for|in|from|last|this|on|earlier|during|since|DAT\d+)\b)"
)


def more_targets(text: str, pos: int) -> list[str]:
    """The entity slots of a list continuing at ``pos`` (", Z and W"), or none."""
    m = MORE_TARGETS.match(text, pos)
    return [*re.findall(E, m.group(1)), m.group(2)] if m else []


#: "A and B (have) agreed to ...": buyers named together at the start of the sentence, before the last.
JOINT_BUYERS = re.compile(rf"^\s*(?:[A-Za-z-]+\s+){{0,3}}?(?:{E},\s+)*{E},?\s+and\s+$")

#: "X has added brands like Y": past purchases listed by kind (not "added customers like").
ADDED_LIST = re.compile(
    rf"({E})\s+(?:has\s+|had\s+|have\s+)?(?:also\s+|since\s+|already\s+)?(?:added|acquired|bought|purchased|snapped\s+up|picked\s+up)\s+"
    rf"(?:[a-z-]+\s+){{0,2}}?(?:brands|companies|businesses|firms|startups|start-ups|labels|studios|chains|rivals|competitors)\s+"
    rf"(?:like|such\s+as|including)\s+({E})(?!'s)"
)

#: What stands between buyers and "take ... private" ("have agreed to", "plan to", "will jointly").
_TAKE_AUX = (
    r"(?:has|have|had|will|would|could|is|are|was|were|also|jointly|together|now|to|agreed|agree|agrees|"
    r"plan|plans|planned|offered|offer|offers|moved|move|moves|sought|seek|seeks|want|wants|wanted|aim|aims|"
    r"intend|intends|hope|hopes|decided|announced|proposed|propose|proposes|bid|bids|made|a|an)"
)

#: "A and B agreed to take Y private": a buy-out; the buyers may be a list.
TAKE_PRIVATE = re.compile(
    rf"(?P<buyers>{E}(?:,\s+{E})*(?:,?\s+and\s+{E})?)\s+(?:{_TAKE_AUX}\s+){{0,4}}?(?:take|takes|took|taking|taken)\s+"
    rf"(?:(?:the\s+)?{DESC}(?P<target>{E})\s+private\b"
    rf"|(?:the|its)\s+(?:[\w-]+\s+){{0,3}}?private\s+(?:in\s+an?\s+(?:[\w-]+\s+){{0,2}}?(?:deal|transaction|offer)|(?:under|on)\s+terms)\s+"
    rf"(?:that\s+|which\s+)?(?:values|valuing|valued)\s+(?:(?:the\s+)?{DESC})?(?P<target_2>{E})\s+at\b)"
    rf"(?:\s+for\s+{ACQ_PRICE}(?P<amount>{M}))?"
)

#: A stretch of time ("from June 1 to June 30"): an offer's window, not a deal's date.
#: A date as a possessive ("Friday's closing price") qualifies a noun, it dates no deal.
PERIOD = re.compile(rf"\b(?:from|between)\s+{D}\s+(?:to|and|until|through)\s+{D}|\b{D}'s\b")

#: Talks or bids that ended: the deal they were about is not a fact of this sentence.
DEAL_ENDED = re.compile(
    r"\b(?:ended|ends|ending|terminated|terminates|broke\s+off|breaks\s+off|pulled\s+out\s+of|"
    r"withdrew|withdraws|dropped|drops|ditched|blocked)\b"
)


def deal_values(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    """'The transaction values Y at $A': the amount of the acquisition of Y stated earlier."""
    for m in re.finditer(
        rf"\b(?:deal|transaction|takeover|acquisition|purchase)\s+(?:values|valued)\s+(?:(?:the\s+)?{DESC})?({E})\s+at\s+{AMOUNT_HEDGE}({M})",
        text,
    ):
        target = ent(ms, m.group(1))
        for d in reversed(ctx.deals):
            if d.roles["target"] == target and "amount" not in d.values:
                d.values.update(amount_values(ms, m.group(2)))
                break
    # "The deal is worth $A" / "The purchase price is put at $A": the deal of the last sentences
    worth = re.search(
        rf"^(?:The|the|That|This)\s+(?:[a-z-]+\s+)?(?:deal|transaction|takeover|acquisition|purchase)(?:\s+(?:costs?|price|value))?\s+"
        rf"(?:is|was|are|were|would\s+be|will\s+be)\s+(?:worth|valued\s+at|(?:put|estimated|priced|set)\s+at)\s+{AMOUNT_HEDGE}({M})",
        text.strip(),
    )
    if worth and money_ok(ms, worth.group(1)) and ctx.deals:
        last = ctx.deals[-1]
        if "amount" not in last.values and ms.index - last.sentence <= 2:
            last.values.update(amount_values(ms, worth.group(1)))
    return iter(())
