"""The ways news writes a date: month and weekday names, the regex of each form, and the
words that may stand before one. :mod:`kg.extract.dates` finds these forms in text and
resolves each match to an ISO date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name):
    if _name:
        _MONTHS[_name.lower()] = _number
_MONTHS.update(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}


def _cased(words) -> str:
    """Alternation of Title-case and UPPER-case forms: "May" is a month, "may" a verb."""
    forms = set()
    for word in words:
        forms.add(word.capitalize())
        forms.add(word.upper())
    return "|".join(sorted(forms, key=len, reverse=True))


def _either_case(words) -> str:
    """Alternation of words with a lower- or upper-case first letter ("last|Last|this|This")."""
    forms = {form for word in words for form in (word, word.capitalize())}
    return "|".join(sorted(forms, key=len, reverse=True))


# Speed matters (this runs on every article): every pattern starts with a literal or a
# character class and uses no IGNORECASE, so the regex engine can skip ahead quickly.
# Word boundaries before a match and optional leading words ("last", "early", a weekday)
# are checked in Python on the few matches instead of with look-behinds.
_MONTH_FULL = [name.lower() for name in calendar.month_name if name]
_MONTH_ABBREVIATIONS = [m for m in _MONTHS if m not in _MONTH_FULL]
# One flat alternation (nested groups defeat the engine's fast scan); an abbreviation
# may take a dot ("Sept."), which the look-behind keeps off full names ("June.").
_ABBREVIATION_ENDINGS = sorted({f[-3:] for a in _MONTH_ABBREVIATIONS for f in (a, a.capitalize(), a.upper())})
_MONTH = rf"(?P<month>{_cased(_MONTHS)})(?:(?<={'|'.join(_ABBREVIATION_ENDINGS)})\.(?!\d))?(?!\w)"
_WEEKDAY_NAMES = _cased(list(_WEEKDAYS) + [w[:3] for w in _WEEKDAYS] + ["tues", "thur", "thurs"])
_DAY = r"(?P<day>\d\d?)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|2[01]\d\d)(?!\d|s\b)"  # "the 2030s" is a decade, not a year
_ORDINALS = _either_case(["first", "second", "third", "fourth", "final", "last"]) + "|1st|2nd|3rd|4th"

# Leading words that belong to a match, looked for right before it.
_WEEKDAY_BEFORE_RE = re.compile(rf"(?<!\w)(?:{_WEEKDAY_NAMES})\.?,?\s+$")
_WHICH_BEFORE_MONTH_RE = re.compile(
    r"(?<!\w)(?P<which>last|next|this|early|late|mid|earlier\s+this|later\s+this)[\s-]+$", re.IGNORECASE
)
_WHICH_BEFORE_WEEKDAY_RE = re.compile(r"(?<!\w)(?P<which>last|next|this)\s+$", re.IGNORECASE)
_PART_BEFORE_MONTH_RE = re.compile(r"(?<!\w)(?:early|late|mid|(?:the\s+)?end\s+of)[\s-]+$", re.IGNORECASE)
_PART_OF_YEAR_BEFORE_RE = re.compile(
    r"(?<!\w)(?:(?:the\s+)?(?:(?:end|start|beginning|middle|turn|close)\s+of"
    r"|(?:first|second|1st|2nd|latter|last)\s+half\s+of"
    r"|(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]quarter(?:\s+of)?"
    r"|(?:spring|summer|autumn|fall|winter)(?:\s+of)?"
    r"|(?:fiscal|financial)(?:\s+year)?)"
    r"|early|late|mid|q[1-4](?:\s+of)?|h[12](?:\s+of)?|fy)[\s-]*$",
    re.IGNORECASE,
)
_MODIFIER_BEFORE_UNIT_RE = re.compile(r"(?<!\w)(?:early|late|earlier|later|mid)[\s-]+$", re.IGNORECASE)


# The last word each kind of leading words can end with: a cheap test before the regex.
_WEEKDAY_WORDS = frozenset(w for name in _WEEKDAYS for w in (name, name[:3], "tues", "thur", "thurs"))
_LEADING_LAST_WORDS: dict[str, frozenset[str]] = {
    _WEEKDAY_BEFORE_RE.pattern: _WEEKDAY_WORDS,
    _WHICH_BEFORE_MONTH_RE.pattern: frozenset({"last", "next", "this", "early", "late", "mid"}),
    _WHICH_BEFORE_WEEKDAY_RE.pattern: frozenset({"last", "next", "this"}),
    _PART_BEFORE_MONTH_RE.pattern: frozenset({"early", "late", "mid", "of"}),
    _MODIFIER_BEFORE_UNIT_RE.pattern: frozenset({"early", "late", "earlier", "later", "mid"}),
    _PART_OF_YEAR_BEFORE_RE.pattern: frozenset(
        [
            "of",
            "early",
            "late",
            "mid",
            "quarter",
            "q1",
            "q2",
            "q3",
            "q4",
            "h1",
            "h2",
            "fy",
            "fiscal",
            "financial",
            "year",
            "spring",
            "summer",
            "autumn",
            "fall",
            "winter",
        ]
    ),
}


def _last_word(text: str, start: int) -> str:
    """The word right before ``start`` (across spaces and hyphens), lower-cased."""
    chunk = text[max(0, start - 16) : start].rstrip(" \t\n-")
    cut = max(chunk.rfind(" "), chunk.rfind("\n"), chunk.rfind("\t"), chunk.rfind("-"))
    return chunk[cut + 1 :].strip(",.").lower()


@dataclass(frozen=True)
class _Form:
    """One way of writing a date: its pattern and how to read it."""

    name: str
    pattern: re.Pattern[str]
    not_before: str = ""  # characters (besides letters and digits) that may not stand right before
    leading: re.Pattern[str] | None = None  # optional words before the match that belong to it
    leading_required: bool = False  # the leading words are not optional
    keyword: str | None = None  # the form can only match near this (lower-case) word

    @property
    def leading_last_words(self) -> frozenset[str]:
        return _LEADING_LAST_WORDS.get(self.leading.pattern, frozenset()) if self.leading else frozenset()

    relative: bool = False  # needs the publication date


_FORMS: list[_Form] = [
    _Form(
        "iso_day",
        # "2024-03-04", and "2024/03/04" as some mastheads print it
        re.compile(
            r"(?P<year>\d\d\d\d)(?P<sep>[-/])(?P<m>[01]\d)(?P=sep)(?P<day>[0-3]\d)(?:(?=T\d)|(?![\w/-]))"
        ),
        ".-/",
    ),
    _Form(
        "day_month_year",
        re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"),
        "$€£¥.,",
        _WEEKDAY_BEFORE_RE,
    ),
    _Form("month_day_year", re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}"), "", _WEEKDAY_BEFORE_RE),
    _Form("iso_month", re.compile(r"(?P<year>\d\d\d\d)-(?P<m>0[1-9]|1[0-2])(?![\w-]|-\d)"), ".-"),
    _Form(
        "month_year",
        re.compile(rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}(?!\s?(?:bn|m|%))"),
        "",
        _PART_BEFORE_MONTH_RE,
    ),
    # "late 2022", "the first quarter of 2024", "Q1 2024", "fiscal 2023": a year with a part
    # of it named before; found from the year, with the part as required leading words.
    _Form("part_year", re.compile(rf"{_YEAR}"), "$€£¥.,/", _PART_OF_YEAR_BEFORE_RE, leading_required=True),
    _Form("fiscal_short", re.compile(r"FY(?P<fy2>\d\d)(?!\d)")),
    _Form(
        "month_relative_year",
        re.compile(rf"{_MONTH}\s+(?:of\s+)?(?P<which>{_either_case(['last', 'this', 'next'])})\s+year(?!\w)"),
        relative=True,
    ),
    _Form(
        "relative_unit",
        re.compile(
            rf"(?P<which>{_either_case(['last', 'this', 'next'])}|LAST|THIS|NEXT)\s+"
            r"(?P<unit>week|month|year|quarter)(?!\w)"
        ),
        "",
        _MODIFIER_BEFORE_UNIT_RE,
        relative=True,
    ),
    _Form(
        "ago",
        re.compile(
            rf"(?P<count>\d\d?|{_either_case(['an', 'a', 'one', 'two', 'three', 'four', 'five', 'six'])}"
            rf"|{_either_case(['seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'])})"
            r"\s+(?P<unit>day|week|month|year)s?\s+ago(?!\w)"
        ),
        relative=True,
        keyword="ago",
    ),
    _Form(
        "yesterday",
        re.compile(r"(?P<word>yesterday|Yesterday|YESTERDAY|today|Today|TODAY)(?!\w|'s|’s)"),
        relative=True,
        keyword="day",
    ),
    _Form(
        "quarter_no_year",
        re.compile(rf"[Tt]he\s+(?:(?:{_ORDINALS})[\s-]quarter|(?:first|second)\s+half)(?!\s+of\s+\d)(?!\w)"),
        relative=True,
    ),
    _Form(
        "day_month",
        re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH}(?!\w)(?!,?\s+\d)"),
        "$€£¥.,",
        _WEEKDAY_BEFORE_RE,
        relative=True,
    ),
    _Form(
        "month_day",
        re.compile(rf"{_MONTH}\s+{_DAY}(?!\w)(?!,?\s*\d)"),
        "",
        _WEEKDAY_BEFORE_RE,
        relative=True,
    ),
    _Form(
        "month_alone",
        re.compile(rf"{_MONTH}(?!\w)(?!,?\s+\d)"),
        "",
        _WHICH_BEFORE_MONTH_RE,
        relative=True,
    ),
    _Form(
        "weekday",
        re.compile(rf"(?P<weekday>{_cased(_WEEKDAYS)})(?!\w|\.\w)"),  # not "Monday.com"
        "",
        _WHICH_BEFORE_WEEKDAY_RE,
        relative=True,
    ),
    _Form(
        "year",
        re.compile(
            rf"{_YEAR}(?![\d/]|[.,]\d|\s?%|s\b)"
            r"(?!\s?(?:bn|mn|tn|m|k|billion|million|thousand|trillion|per\s?cent|percent)\b)"
        ),
        "$€£¥.,/",
    ),
]

# A month or weekday standing alone is a date only after one of these words
# ("in May", "by March"); otherwise "May" may be the verb or a name at a sentence start.
_MONTH_CONTEXT_RE = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|of|during|before|after|between|on|"
    r"around|late|early|mid|end|start|beginning|middle)[\s-]*|[—–-]\s*)$",
    re.IGNORECASE,
)
# "between March and May", "from June to August": a connective counts when a month precedes it
# ("Smith and May" is a name).
_MONTH_LIST_RE = re.compile(rf"{_MONTH}[\s,]+(?:\d{{1,2}}\s+)?(?:and|or|to|through|until|till)\s+$")
_FUTURE_CUE_RE = re.compile(
    r"\b(?:will|would|expects?|expected|plans?|planned|due|scheduled|set\s+to|aims?|intends?|"
    r"until|by|next|upcoming|coming|later)\b",
    re.IGNORECASE,
)
# A bare year followed by a counted noun ("2000 employees") is a count, not a year.
_COUNT_NOUN_RE = re.compile(
    r"\s+(?:[a-z]+[\s-]+)?(?:employees|people|staff|workers|jobs|users|customers|units|shares|stores|"
    r"engineers|researchers|companies|startups|start-ups|investors|members|patents|vehicles|cars|"
    r"chips|servers|homes|miles|kilometres|kilometers|tonnes|tons|points|times|words|rounds)\b"
)
