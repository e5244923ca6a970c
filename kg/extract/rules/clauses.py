"""Clause helpers: asides, lists, slot values, nearest date, status, and the subject of a clause."""

from __future__ import annotations

import re
from typing import Any

from kg.extract.entities import ORG, PERSON, PRODUCT
from kg.extract.masking import SLOT_RE, MaskedSentence
from kg.extract.rules.context import Context, Draft
from kg.extract.rules.grammar import LIST_APPOSITION, SEP, D, E

# --------------------------------------------------------------- helpers ---


def strip_asides(text: str) -> str:
    """Drop appositions and relative clauses between commas, keeping the list structure."""
    text = re.sub(r"(?:(?<!\s)\s+)?\([^()]*\)", "", text)
    text = re.sub(r",\s+(?:based|headquartered)\s+in\s+ENT\d+(?:,\s+ENT\d+)?(?=,)", "", text)
    text = re.sub(r",\s+(?:and\s+)?(?:also\s+|formerly\s+)?known\s+as\s+[^,;]*(?=,)", "", text)
    aside = (
        r",\s+(?:(?:the|a|an|its|their|both|now|who|which|whose|where|based|founded|co-founded|"
        r"headquartered|known|backed|owned|led|run|whom|one)\b(?!\s+ENT\d+(?:\s*,|\s+and\b|\s*$))|(?:ENT\d+'s)\s+(?!ENT)|"
        r"ENT\d+-based\s+(?!ENT))[^,;:]*?(?=,|;|:|\.|$)"
    )
    prev = None
    while prev != text:
        prev = text
        m = re.search(aside, text)
        if m is None:
            break
        rest = text[m.end() :]
        if (
            not rest.strip()
            and re.search(r"ENT\d+\s*$", m.group(0))
            and not re.search(r"ENT\d+\s*$", text[: m.start()])
        ):
            # "Last year, the start-up X [raised]": a described name closing the clause is its subject
            text = text[: m.start()] + " " + m.group(0)[1:].lstrip()
            continue
        # "X, the start-up behind Y, also makes Z" -> "X also makes Z": drop the closing comma too
        if re.match(r",\s+(?!(?:and|or|but|which|who|whose|the|a|an|ENT\d+)\b)[a-z]", rest):
            rest = rest[1:]
        text = text[: m.start()] + rest
    # "X, sells ..." after an aside went: the subject meets its verb again
    return re.sub(
        r"(ENT\d+),\s+(?=(?:also|now|then|is|was|has|had|will|would|can|could|[a-z]+(?:s|ed))\b)",
        r"\1 ",
        text,
    )


def list_entities(
    ms: MaskedSentence, text: str, ctx: Context, kinds: tuple[str, ...] = (ORG, PERSON)
) -> list[int]:
    """Entity indexes named as items of a list ("X, Y and chipmaker Z")."""
    out: list[int] = []
    for item in re.split(SEP, LIST_APPOSITION.sub("", text)):
        slots = re.findall(E, item)
        if not slots:
            continue
        slot = ms.slot(slots[-1])  # "Globex's Growth Fund" -> the fund
        kind = ctx.type_of(slot.value)
        # a list of investors or partners is evidence enough to read a weakly typed name as a company
        weak_org = ORG in kinds and kind == PRODUCT and ctx.weak.get(slot.value, False)
        if (kind in kinds or weak_org) and slot.value not in out:
            out.append(slot.value)
    return out


def unmask(ms: MaskedSentence, text: str) -> str:
    """Masked text with its name slots written out again (for titles such as 'Vice President, Research')."""
    doc_text = ms.source or ""

    def back(m: re.Match[str]) -> str:
        slot = ms.slots[int(m.group(2))]
        return doc_text[slot.start : slot.end] if doc_text else m.group(0)

    return SLOT_RE.sub(back, text)


def ent(ms: MaskedSentence, token: str) -> int:
    return ms.slot(token).value


def amount_values(ms: MaskedSentence, token: str | None) -> dict[str, Any]:
    if not token:
        return {}
    money = ms.slot(token).value
    if getattr(money, "per_share", False):
        return {}
    return {
        "amount": float(money.amount) if money.amount % 1 else int(money.amount),
        "currency": money.currency,
    }


CLAUSE_BREAK = re.compile(
    r";|,\s+and\b|,\s+(?:and\s+)?(?:investing|pledging|adding|taking|bringing|making|giving|followed|while|when|after|before|which|who)\b|\bwhen\b|\bafter\b|\bwhile\b"
)


def nearest(
    ms: MaskedSentence, text: str, pos: int, kind: str, window: int = 400, after_only: bool = False
) -> str | None:
    """The slot of a kind nearest to a position in the masked text, within the same clause."""
    best, best_d = None, window + 1
    for m in re.finditer(rf"\b{kind}\d+\b", text):
        if after_only and m.start() < pos:
            continue
        lo, hi = sorted((m.start(), pos))
        if CLAUSE_BREAK.search(text[lo:hi]):
            continue
        if kind == "MON" and getattr(ms.slot(m.group(0)).value, "per_share", False):
            continue
        d = abs(m.start() - pos)
        if d < best_d:
            best, best_d = m.group(0), d
    return best


def money_ok(ms: MaskedSentence, token: str | None) -> bool:
    return token is not None and not getattr(ms.slot(token).value, "per_share", False)


#: A closed apposition or relative clause: "X, the lab spun out of Y in 2021, said ..."
_DATED_ASIDE = re.compile(
    r",\s+(?:the|a|an|which|who|whose|founded|co-founded|spun|set\s+up|launched|created)\b[^,;()]*?(?=,)"
)


def date_near(ms: MaskedSentence, text: str, pos: int, default: str | None) -> str | None:
    tok = nearest(ms, text, pos, "DAT", window=160)
    if tok is not None:
        # a date inside an aside the fact is not in dates the aside ("spun out in 2021"), not the fact
        for aside in _DATED_ASIDE.finditer(text):
            if aside.start() <= text.find(tok) < aside.end() and not aside.start() <= pos < aside.end():
                blanked = text[: aside.start()] + " " * (aside.end() - aside.start()) + text[aside.end() :]
                tok = nearest(ms, blanked, pos, "DAT", window=160)
                break
    if tok is None:
        # "Also in March, X, which makes Y, closed ...": a date opening the sentence dates all of it
        lead = re.match(
            rf"\s*(?:(?:also|and|then|later|earlier|separately)\s+)?(?:in|on|during)\s+({D}),", text, re.I
        )
        if lead and lead.end() <= pos:
            tok = lead.group(1)
    if tok is None:
        # "... in 2021, when X raised $1.6bn": the when-clause happens at that date
        when = re.search(rf"({D}),?\s+when\b(?:(?!{D})[^;])*$", text[:pos])
        if when:
            tok = when.group(1)
    if tok is None:
        # "in the same month": the last date named before
        same = re.search(r"\b(?:the\s+same|that)\s+(month|year)\b", text[:pos])
        if same:
            earlier = re.findall(D, text[: same.start()])
            if earlier:
                value = ms.slot(earlier[-1]).value
                return value[:7] if same.group(1) == "month" else value[:4]
    return ms.slot(tok).value if tok else default


DONE_AFTER_ANNOUNCED = re.compile(
    r"\b(?:announced|unveiled|disclosed)\b(?=\s+(?:(?:today|on\s+dat\d+|that|it|ent\d+)\s+){0,3}"
    r"(?:(?:has|have|had)\s+(?:now\s+|successfully\s+)?(?:closed|completed|raised|secured|invested|acquired|received|taken|bought)\b"
    r"|(?:the\s+)?(?:close|closing|completion)\s+of\b))"
)


def status_of(text: str, default: str = "completed") -> str:
    # press releases: "X today announced that it has closed ..." states a done deal
    t = DONE_AFTER_ANNOUNCED.sub("stated", text.lower())
    if re.search(
        r"\bin (?:advanced )?(?:talks|discussions|negotiations)\b|\bheld talks\b|\btalks (?:about|to|over)\b",
        t,
    ):
        return "in_talks"
    if re.search(r"\bpledg|\bcommit", t):
        return "pledged"
    if re.search(
        r"\b(?:planned|proposed|pending)\s+(?:mon\d+\s+)?(?:[\w-]+\s+){0,2}(?:purchase|acquisition|takeover|merger|deal|buyout)\b"
        r"|\b(?:working|yet|seeking|hoping|racing) to (?:close|complete|finalise|finalize)\b",
        t,
    ):
        return "announced"  # "working to close its planned purchase of X": agreed, not done
    if re.search(r"\b(?:plans?|planned|planning|intends?|aims?|seeks?|seeking|looking) to\b", t):
        return "planned"
    if re.search(
        r"\b(?:will|would|agreed to|agrees to|agreed|to buy|to acquire|to invest|is to|set to|is buying|are buying|is being|are being|deal to|expected to|announced|unveiled|offer to|has offered|bid)\b",
        t,
    ):
        return "announced"
    if re.search(REPORTED, t):
        return "reported"
    return default


REPORTED = re.compile(
    r"\breported(?:ly)?\b|\baccording to\b|\b(?:people|persons?|sources?) (?:familiar|close to|briefed)\b|"
    r"\bis said to\b|\bfamiliar with the (?:matter|talks|plans|deal)\b|\b(?:the )?(?:people|sources) said\b",
    re.I,
)


def _is(ctx: Context, index: int, *types: str) -> bool:
    return ctx.type_of(index) in types


def _subject_before(
    ms: MaskedSentence, text: str, pos: int, ctx: Context, types=(ORG,), max_gap: int = 90
) -> int | None:
    """The nearest entity before pos with no clause boundary in between."""
    best = None
    for m in re.finditer(E, text[:pos]):
        gap = text[m.end() : pos]
        if len(gap) > max_gap or re.search(
            r"[;:]|\b(?:which|who|that|when|while|after|before|because|as)\b", gap
        ):
            continue
        if re.search(E, gap):
            continue
        if _is(ctx, ent(ms, m.group(0)), *types):
            best = ent(ms, m.group(0))
    return best


def completed_investment(ms: MaskedSentence, investor: int, investee: int, conf: float, rule: str) -> Draft:
    """An investment stated as made, with no amount or date of its own ("A is an early backer of B")."""
    return Draft(
        "investment",
        {"investor": investor, "investee": investee},
        {"status": "completed"},
        ms.index,
        conf,
        rule,
    )


def article_date_if_undated(ms: MaskedSentence, text: str, ctx: Context) -> str | None:
    """The article's date for a fact told in ``text`` with no date of its own, else None."""
    return ctx.published if ctx.published and not ms.slots_in(text, "DAT") else None
