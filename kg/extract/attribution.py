"""Attribution sources: newsrooms, wires and data providers that report a fact are no party to it.

"according to PitchBook", "told Reuters", "data from Crunchbase", "Bloomberg reported": a name
named only in such a frame is the source of the story, never an investor, a buyer or a partner.
An entity is an attribution source when every one of its mentions sits in one of these frames
(a company that reports *and* deals keeps its facts).
"""

from __future__ import annotations

import re

from kg.extract.entities import EntityInfo, Mention

#: Words right before a name that make it the source of what is said.
SOURCE_BEFORE = re.compile(
    r"(?:\baccording\s+to|\btold|\bcomments?\s+(?:to|from)|\bspeaking\s+to|\bin\s+an\s+interview\s+with|"
    r"\b(?:data|figures|numbers|statistics|research|estimates|analysis|calculations|a\s+report|reports?|"
    r"a\s+tally|a\s+survey|a\s+filing|reporting)\s+(?:from|by|compiled\s+by|provided\s+by|obtained\s+by|"
    r"published\s+by|released\s+by|gathered\s+by)|\breported\s+(?:earlier\s+)?by|\bcited\s+by|"
    r"\b(?:first|earlier|previously)\s+reported\s+by|\bReporting\s+by|\bWriting\s+by|\bEditing\s+by|"
    r"\bAdditional\s+reporting\s+by|\b[Ss]ource:|\bvia)"
    r"\s+(?:the\s+)?(?:(?:research|data|market|analytics|news|wire)\s+)?(?:[a-z-]+\s+){0,2}$"
)
#: Words right after a name that make it the source ("Bloomberg reported", "PitchBook data show"),
#: but not a company reporting its own results ("Globex reported higher sales").
SOURCE_AFTER = re.compile(
    r"^(?:'s|’s)?\s*(?:(?:first|earlier|previously|also)\s+)?"
    r"(?:(?:reported|reports|has\s+reported|had\s+reported)"
    r"(?=\s*(?:[.,;:]|$|\s+(?:that|on|earlier|last|this|late|in\s+(?:a|an|its))\b))|"
    r"said\s+in\s+a\s+report|data|analysis|figures|estimates|calculations|tally|reporting|"
    r"report\s+(?:said|showed|shows))\b"
)


def _in_source_frame(m: Mention, text: str) -> bool:
    before = text[max(0, m.start_char - 60) : m.start_char]
    after = text[m.end_char : m.end_char + 40]
    return bool(SOURCE_BEFORE.search(before) or SOURCE_AFTER.match(after))


def attribution_sources(entities: list[EntityInfo], mentions: list[Mention], text: str) -> set[int]:
    """Indexes of the entities named only as the source of the story."""
    framed: dict[int, bool] = {}
    for m in mentions:
        framed[m.entity] = framed.get(m.entity, True) and _in_source_frame(m, text)
    return {e for e, only in framed.items() if only}
