"""Normalised names: how kg decides that two mentions are one entity (shared by extraction and building)."""

from __future__ import annotations

import re
import unicodedata

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


def name_key(name: str) -> str:
    """A comparison key: ASCII, lower case, no punctuation, honorifics or legal suffixes.

    ``"Amazon.com, Inc."`` and ``"amazon.com"`` share a key; so do ``"Dr. Jane Roe"`` and ``"Jane Roe"``.
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("'s ", " ").replace("&", " and ")
    # dotted abbreviations are one word: "S.A." -> "sa", "U.S." -> "us"
    text = re.sub(r"\b(?:[a-z]\.){2,}", lambda m: m.group(0).replace(".", ""), text)
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def slug(name: str) -> str:
    """An IRI-safe slug of a name (``"Jane Street Global Trading"`` -> ``"jane-street-global-trading"``)."""
    return name_key(name).replace(" ", "-") or "unnamed"
