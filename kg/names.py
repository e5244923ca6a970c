"""Normalised names: how kg decides that two mentions are one entity (shared by extraction and building).

Names in every script keep their identity: Latin letters lose their accents
("Société" and "Societe" are one name), other scripts are kept as they are
(casefolded), so "腾讯" and "字节跳动" are two names, never one empty key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

#: Legal-form suffixes dropped when comparing organisation names.
LEGAL_SUFFIXES = frozenset(
    [
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "plc",
        "corp",
        "corporation",
        "co",
        "gmbh",
        "sa",
        "ag",
        "nv",
        "bv",
        "lp",
        "llp",
        "pbc",
        "se",
        "spa",
        "sas",
        "kk",
    ]
)
HONORIFICS = frozenset(["the", "dr", "mr", "mrs", "ms", "prof", "sir", "dame", "lord", "lady"])
#: Descriptive last words of company names: "Mistral AI", "Arm Holdings" and "SoftBank Group"
#: are the companies "Mistral", "Arm" and "SoftBank". Dropped for organisations only, and
#: never the last word left.
ORG_DESCRIPTORS = frozenset(
    ["ai", "labs", "lab", "technologies", "group", "holdings", "holding", "systems", "platforms", "company"]
)


def _words(text: str) -> list[str]:
    """Runs of letters, digits and combining marks (so "हिन्दी" or vowelled Arabic stay one word)."""
    words, current = [], []
    for c in text:
        if unicodedata.category(c)[0] in "LNM":
            current.append(c)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def _fold(name: str) -> str:
    """Casefolded, Latin accents dropped, other scripts kept (NFKC, so full-width forms fold too)."""
    kept: list[str] = []
    base_is_latin = False
    for c in unicodedata.normalize("NFKD", name):
        if unicodedata.combining(c):
            if not base_is_latin:  # "й", Devanagari vowel signs: part of the letter, kept
                kept.append(c)
            continue
        base_is_latin = unicodedata.name(c, "").startswith("LATIN")
        kept.append(c)
    return unicodedata.normalize("NFKC", "".join(kept)).casefold()


@lru_cache(maxsize=1 << 16)  # names recur across articles: an ingest asks for the same ones again and again
def name_key(name: str) -> str:
    """A comparison key: lower case, no accents, punctuation, honorifics or legal suffixes.

    ``"Amazon.com, Inc."`` and ``"amazon.com"`` share a key; so do ``"Dr. Jane Roe"`` and
    ``"Jane Roe"``. Non-Latin names keep their letters: ``name_key("腾讯控股")`` is ``"腾讯控股"``.
    """
    text = _fold(name).replace("'s ", " ").replace("&", " and ")
    # dotted abbreviations are one word: "S.A." -> "sa", "U.S." -> "us"
    text = re.sub(r"\b(?:\w\.){2,}", lambda m: m.group(0).replace(".", ""), text)
    words = _words(text)
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def org_key(name: str) -> str:
    """:func:`name_key` without descriptive last words: "Mistral AI SAS" -> "mistral"."""
    words = name_key(name).split()
    while len(words) > 1 and words[-1] in ORG_DESCRIPTORS | LEGAL_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


@lru_cache(maxsize=1 << 16)
def match_key(name: str, entity_type: str) -> str:
    """The key entity resolution compares: :func:`org_key` for organisations, else :func:`name_key`."""
    return org_key(name) if entity_type == "Organization" else name_key(name)


def slug(name: str, entity_type: str | None = None) -> str:
    """An IRI-safe slug of a name (``"Jane Street Global Trading"`` -> ``"jane-street-global-trading"``).

    Non-ASCII letters are percent-encoded (``"腾讯"`` -> ``"%E8%85%BE%E8%AE%AF"``), so every
    name has its own slug; only a name with no letters or digits at all is ``"unnamed"``.
    """
    key = match_key(name, entity_type) if entity_type else name_key(name)
    return quote(key.replace(" ", "-"), safe="-") or "unnamed"
