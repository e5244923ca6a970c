"""Where an article's headline ends, and which company the article is about (its focus).

The focus is the organisation named most often, the first-named one winning ties; rules fall
back to it when a sentence names its subject only as "the company" or "it".
"""

from __future__ import annotations

import re
from collections import Counter

from kg.extract.entities import ORG


def _first_body_sentence(sents, text: str) -> int:
    """Skip a headline (first line without final punctuation) and a one-line standfirst."""
    if not sents:
        return 0
    first = sents[0].text.strip()
    if (
        first
        and not first.endswith((".", "!", "?", '"', "”"))
        and "\n" in sents[0].text_with_ws + text[sents[0].end_char : sents[0].end_char + 2]
    ):
        k = 1
        # a standfirst line without a final period right after the headline
        if len(sents) > 2:
            second = sents[1].text.strip()
            if (
                second
                and not second.endswith((".", "!", "?"))
                and not re.search(r"\d{4}", second)
                and len(second) < 200
            ):
                k = 2
        return k
    return 0


def _focus(doc, mentions, counts: Counter, types) -> int | None:
    if not counts:
        return None
    first_org = next((m.entity for m in mentions if types.get(m.entity) == ORG), None)
    first_start: dict[int, int] = {}
    for m in mentions:
        first_start[m.entity] = min(first_start.get(m.entity, m.start), m.start)
    best = max(counts, key=lambda e: (counts[e] + (1 if e == first_org else 0), -first_start[e]))
    return best
