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
from kg.extract.rules.grammar import AMOUNT_HEDGE, DESC, NEWS_NOW, D, E, M, negated
from kg.extract.rules.patterns import Pattern, builder, first_group, run_stage

# ------------------------------------------------------------ acquisitions ---

ACQ_NOUN = r"(?:acquisition|takeover|purchase|buyout|buy-out|merger with)"
ACQ_VERB = r"(?:acquire[ds]?|acquiring|buys?|bought|buying|purchased?|purchasing|took\s+over|take\s+over|takes\s+over|taking\s+over|taken\s+over|snapped\s+up|snap\s+up)"
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
            rf"({E})(?:,\s+which)?\s+(?:[a-z,]+\s+|DAT\d+\s+){{0,6}}?{ACQ_VERB}\s+(?:(?:the\s+|rival\s+|its\s+|ENT\d+'s\s+)?(?:ENT\d+\s+)?{DESC})?({E})(?!'s)(?:[^.;]{{0,50}}?\bfor\s+{ACQ_PRICE}({M}))?",
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
            # "X agreed to buy Y and Z for ...": a second target named right after the first
            second = SECOND_TARGET.match(source, m.end(2))
            if second:
                out.append(
                    _acq(ms, source, ctx, m.group(1), second.group(1), None, m.start(), m.end(), None, 0.7)
                )
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
                rf"|\b(?:in|via|through)\s+an?\s+{AMOUNT_HEDGE}{near}\s+(?:[a-z-]+\s+){{0,2}}(?:deal|transaction|takeover|acquisition|purchase|buyout|merger)\b",
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
    inside = re.findall(D, text[start:end]) if end > start else []
    # "X agreed last month to buy Y": a date inside the deal's own clause wins over one nearby
    date = ms.slot(inside[-1]).value if inside else date_near(ms, text, end, None)
    if (
        date is None
        and status in ("completed", "announced")
        and (
            re.search(
                r"\b(?:has|have|had|said|says|will|today|announced|announces|agreed|agrees)\b",
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


#: "... bought Y and Z in March": a second target ends its clause (not "and Z said", "and Z's unit").
SECOND_TARGET = re.compile(
    rf"\s+and\s+({E})(?!'s)(?=\s*[,.;]|\s*$|\s+(?:for|in|from|last|this|on|earlier|during|DAT\d+)\b)"
)

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
    # "The deal is worth $A" / "The transaction is valued at $A": the deal of the last sentences
    worth = re.search(
        rf"^(?:The|the|That|This)\s+(?:[a-z-]+\s+)?(?:deal|transaction|takeover|acquisition|purchase)\s+(?:is|was|would\s+be|will\s+be)\s+(?:worth|valued\s+at)\s+{AMOUNT_HEDGE}({M})",
        text.strip(),
    )
    if worth and money_ok(ms, worth.group(1)) and ctx.deals:
        last = ctx.deals[-1]
        if "amount" not in last.values and ms.index - last.sentence <= 2:
            last.values.update(amount_values(ms, worth.group(1)))
    return iter(())
