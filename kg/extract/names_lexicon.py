"""Given names: is a word a first name somewhere in the world?

Entity typing must not take two capitalised words for a person's name without a cue; a given
name at the start is such a cue. The lexicon is gender-guesser's list (about 40,000 given names
from many countries), loaded once.
"""

from __future__ import annotations

from functools import cache


@cache
def _detector():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def is_first_name(word: str) -> bool:
    """ "Odile", "Tomasz", "Idris" are; "Halvern", "Quillan" are not. Initials ("J.", "JP") count."""
    word = word.strip(".,")
    if len(word) <= 2:
        return True
    return _detector().get_gender(word) != "unknown"
