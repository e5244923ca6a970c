"""Founding facts: who founded which organisation, and when."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.entities import ORG, PERSON
from kg.extract.masking import MaskedSentence
from kg.extract.rules.clauses import _is, _subject_before, ent, list_entities, strip_asides
from kg.extract.rules.context import Context, Draft
from kg.extract.rules.grammar import DESC, LIST, E
from kg.extract.rules.patterns import run_stage

# ---------------------------------------------------------------- founded ---

FOUND_VERB = r"(?:co-?founded|founded|set\s+up|started|created|established|launched|incubated)"


def foundings(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    # "Y, founded in 2015 by P and Q"
    yield from run_stage("founded.founded-by", ms, raw, text, ctx)
    # Y was founded (in 2021) by LIST-of-people
    for m in re.finditer(
        rf"({E}),?\s+(?:which\s+|that\s+)?(?:[a-z]+\s+){{0,2}}?(?:was|were|had been|has been|is)\s+(?:first\s+|originally\s+|jointly\s+)?{FOUND_VERB}\s+([^;]*?)\bby\s+(.*)$",
        text,
    ):
        org = ent(ms, m.group(1))
        if not _is(ctx, org, ORG):
            continue
        tail = re.split(r"\.\s", m.group(3))[0]
        tail = re.split(r",\s+(?:became|and\s+(?:opened|launched|has|is|was))\b", tail)[0]
        founders = [
            s.value
            for s in ms.slots_in(tail)
            if _is(ctx, s.value, PERSON)
            or (ctx.person_shaped.get(s.value) and ctx.weak.get(s.value) and ctx.ner_person.get(s.value))
        ]
        # people after "former X employees" / "who worked at" are still founders; orgs are not
        date = _year_date(ms, m.group(2) + " " + tail)
        for f in dict.fromkeys(founders):
            yield _founded(ms, org, f, date, 0.85)
    # "Acme Ventures, the fund started by Jane Roe"
    yield from run_stage("founded.fund-founded-by", ms, raw, text, ctx)
    # P (and Q) founded Y (in 2019) (with LIST)
    for m in re.finditer(
        rf"({LIST}),?\s+(?:[a-z]+\s+){{0,2}}?(?:co-?founded|founded|set\s+up|started|launched|created|established)\s+(?:(?:the|an?)\s+{DESC})?({E})((?:[^.;]{{0,40}}?)\bwith\s+([^.;]*))?",
        strip_asides(text),
    ):
        if re.search(r"\b(?:which|that)\s*$", text[: m.start()]):
            continue
        org = ent(ms, m.group(2))
        if not _is(ctx, org, ORG):
            continue
        people = [i for i in list_entities(ms, m.group(1), ctx, (PERSON,))]
        if m.group(4):
            people += [s.value for s in ms.slots_in(m.group(4)) if _is(ctx, s.value, PERSON)]
        date = _year_date(ms, m.group(0))
        for f in dict.fromkeys(people):
            yield _founded(ms, org, f, date, 0.8)
        # "P previously founded Y and Z"
        extra = re.match(
            rf"(?:\s+and\s+(?:(?:the|an?)\s+{DESC})?({E}))",
            text[text.find(m.group(2)) + len(m.group(2)) :] if m.group(2) in text else "",
        )
        if extra:
            org2 = ent(ms, extra.group(1))
            if _is(ctx, org2, ORG):
                for f in dict.fromkeys(people):
                    yield _founded(ms, org2, f, None, 0.7)
    # "Y, which P founded", "P, who co-founded Y", "P set up her own firm, Y", "one of the co-founders of Y"
    yield from run_stage("founded.which-founded", ms, raw, text, ctx)
    yield from run_stage("founded.co-founders", ms, raw, text, ctx)
    # founders including LIST
    for m in re.finditer(rf"\bfounders\s+(?:including|such as|were|are|include|includes)\s+({LIST})", text):
        org = _subject_before(ms, text, m.start(), ctx, max_gap=200)
        if org is None:
            continue
        for f in list_entities(ms, m.group(1), ctx, (PERSON,)):
            yield _founded(ms, org, f, _year_date(ms, text), 0.75)


def _year_date(ms: MaskedSentence, text: str, sentence_date: bool = True) -> str | None:
    """The date in the matched text, else (when allowed) the sentence's only date."""
    for s in ms.slots_in(text, "DAT"):
        return s.value
    dates = ms.slots_in(ms.text, "DAT") if sentence_date else []
    return dates[0].value if len(dates) == 1 else None


def _founded(ms, org, founder, date, conf) -> Draft:
    values = {"date": date} if date else {}
    return Draft("founded", {"organization": org, "founder": founder}, values, ms.index, conf, "founded")
