"""Sentences with their names, amounts, dates and percentages replaced by slots.

Rules in :mod:`kg.extract.rules` are regular expressions over this masked
text: ``"ENT0 has invested an additional MON1 in AI startup ENT2."``. Every slot
remembers what it stands for and where it is in the article, so a rule's match
maps back to entities, amounts and evidence offsets. Masking keeps the rules
about vocabulary and word order, never about particular names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

SLOT_RE = re.compile(r"\b(ENT|MON|DAT|PCT)(\d+)\b")


@dataclass
class Slot:
    kind: str  # ENT, MON, DAT, PCT
    value: Any  # entity index, Money, ISO date, percent
    start: int  # char offsets in the article text
    end: int
    via_reference: bool = False  # an entity found through coreference


@dataclass
class MaskedSentence:
    index: int
    start: int
    end: int
    text: str  # masked text
    slots: list[Slot] = field(default_factory=list)
    source: str | None = None  # the article text the slots point into

    def slot(self, token: str) -> Slot:
        return self.slots[int(SLOT_RE.fullmatch(token).group(2))]

    def slots_in(self, text: str, kind: str = "ENT") -> list[Slot]:
        return [self.slots[int(m.group(2))] for m in SLOT_RE.finditer(text) if m.group(1) == kind]


#: "a Denver, Colo.-based maker", "Cambridge, MA-based X"; a place name as the second part only where the
#: first is no list item: not "led by Boston-based X, London-based Y" nor "from X, Oslo-based Y"
_CITY_STATE_BASED = re.compile(
    r"\b(ENT\d+),\s+(?:[A-Z][a-z]{1,4}\.|[A-Z]{2})-based\b"
    r"|(?<!-based )(?<!\bby )(?<!\bfrom )(?<!\bincluding )(?<!, )(?<!\band )(?<!\bwith )\b(ENT\d+),\s+ENT\d+-based\b"
)


def mask_sentence(
    index: int, text: str, start: int, end: int, items: list[tuple[int, int, str, Any, bool]]
) -> MaskedSentence:
    """Replace the (start, end, kind, value, via_reference) items inside [start, end) by slots.

    Items earlier in the list win over later ones they overlap.
    """
    chosen: list[tuple[int, int, str, Any, bool]] = []
    for item in items:
        s, e = item[0], item[1]
        if s < start or e > end or s >= e:
            continue
        if any(not (e <= c[0] or s >= c[1]) for c in chosen):
            continue
        chosen.append(item)
    chosen.sort()
    out: list[str] = []
    slots: list[Slot] = []
    pos = start
    for s, e, kind, value, via in chosen:
        out.append(text[pos:s])
        # a possessive pronoun keeps its possessive: "its model" -> "ENT3's model"
        poss = "'s" if via and text[s:e].lower() in ("its", "his", "her", "their") else ""
        after = e
        # "Harlow Systems' new plant": a name ending in s takes a bare apostrophe; rules read "ENT0's"
        if kind == "ENT" and not poss and text[s:e][-1:] in ("s", "S") and text[e : e + 1] in ("'", "’"):
            quoted = s > 0 and text[s - 1] in ("'", "‘")  # 'Tovia Labs' is a quoted name
            if not quoted and (e + 1 >= end or text[e + 1].isspace()):
                poss, after = "'s", e + 1
        out.append(f"{kind}{len(slots)}{poss}")
        slots.append(Slot(kind, value, s, e, via))
        pos = after
    out.append(text[pos:end])
    masked = "".join(out).replace("\n", " ")
    masked = re.sub(r"[’‘]", "'", masked)
    masked = re.sub(r"[“”]", '"', masked)
    # "a Denver, Colo.-based maker": the city and its state abbreviation are one place word
    masked = _CITY_STATE_BASED.sub(lambda m: f"{m.group(1) or m.group(2)}-based", masked)
    return MaskedSentence(index, start, end, masked, slots, text)
