"""Dates in news text, as ISO 8601 strings at the precision the text gives.

"2021" -> "2021", "September 2023" -> "2023-09", "Sept. 5, 2023" -> "2023-09-05".
Relative dates ("last September", "on Monday", "earlier this month") are
resolved against the article's publication date, and left out when it is not
known. Own regexes cover the forms news uses; dateparser (slow) is only asked
by :func:`parse_date` about strings the regexes do not understand.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator

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


# Abbreviations take an optional dot; "Sept." before "Sep" so the longer wins.
_MONTH_FULL = [name.lower() for name in calendar.month_name if name]
_MONTH = (
    rf"(?P<month>(?:{_cased(_MONTH_FULL)})(?![\w])"
    rf"|(?:{_cased(m for m in _MONTHS if m not in _MONTH_FULL)})(?:\.(?!\d)|(?![\w])))"
)
_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
_WEEKDAY_NAMES = _cased(list(_WEEKDAYS) + [w[:3] for w in _WEEKDAYS] + ["tues", "thur", "thurs"])
_WEEKDAY_PREFIX = rf"(?:(?:{_WEEKDAY_NAMES})\.?,?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|2[01]\d\d)(?!\d|s\b)"  # "the 2030s" is a decade, not a year
_B = r"(?<![\w$€£¥.,])"  # no word, number or currency right before

# Each pattern: (name, regex). Order matters: earlier (more specific) patterns win overlaps.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso_day", re.compile(r"(?<![\w.-])(?P<year>\d{4})-(?P<m>[01]\d)-(?P<day>[0-3]\d)(?![\w-])")),
    ("day_month_year", re.compile(rf"{_B}{_WEEKDAY_PREFIX}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}")),
    ("month_day_year", re.compile(rf"(?<![\w]){_WEEKDAY_PREFIX}{_MONTH}\s+{_DAY},?\s+{_YEAR}")),
    ("iso_month", re.compile(r"(?<![\w.-])(?P<year>\d{4})-(?P<m>0[1-9]|1[0-2])(?![\w-]|-\d)")),
    (
        "month_year",
        re.compile(
            rf"(?<![\w])(?:(?:early|late|mid|end\s+of|the\s+end\s+of)[\s-]+)?{_MONTH},?\s+(?:of\s+)?{_YEAR}"
            r"(?!\s?(?:bn|m|%))"
        ),
    ),
    (
        "part_year",
        re.compile(
            r"(?<![\w])(?:"
            r"(?:early|late|mid|the\s+(?:end|start|beginning|middle|turn|close)\s+of"
            r"|the\s+(?:first|second|1st|2nd|latter|last)\s+half\s+of"
            r"|(?:the\s+)?(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]quarter(?:\s+of)?"
            r"|[Qq][1-4](?:\s+of)?|H[12](?:\s+of)?"
            r"|(?:the\s+)?(?:spring|summer|autumn|fall|winter)(?:\s+of)?"
            r"|(?:the\s+)?(?:fiscal|financial)(?:\s+year)?|FY)"
            rf"[\s-]*{_YEAR}|FY(?P<fy2>\d\d)(?!\d))"
        ),
    ),
    (
        "relative_unit",
        re.compile(
            r"(?<![\w])(?:(?P<modifier>early|late|earlier|later|mid)[\s-]+)?"
            r"(?P<which>last|this|next)\s+(?P<unit>week|month|year|quarter)(?!\w)",
            re.IGNORECASE,
        ),
    ),
    (
        "ago",
        re.compile(
            r"(?<![\w])(?P<count>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
            r"\s+(?P<unit>day|week|month|year)s?\s+ago(?!\w)",
            re.IGNORECASE,
        ),
    ),
    ("yesterday", re.compile(r"(?<![\w])(?P<word>yesterday|today)(?!\w|'s|’s)", re.IGNORECASE)),
    (
        "quarter_no_year",
        re.compile(
            r"(?<![\w])(?:the\s+(?:first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter"
            r"|the\s+(?:first|second)\s+half)(?!\s+of\s+\d)(?!\w)"
        ),
    ),
    ("day_month", re.compile(rf"{_B}{_WEEKDAY_PREFIX}{_DAY}\s+(?:of\s+)?{_MONTH}(?![\w])(?!,?\s+\d)")),
    ("month_day", re.compile(rf"(?<![\w]){_WEEKDAY_PREFIX}{_MONTH}\s+{_DAY}(?![\w,]|,\s*\d)")),
    (
        "month_alone",
        re.compile(
            rf"(?<![\w])(?:(?P<which>last|next|this|early|late|mid|earlier\s+this|later\s+this)[\s-]+)?"
            rf"{_MONTH}(?![\w])(?!,?\s+\d)"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"(?<![\w])(?:(?P<which>last|next|this)\s+)?"
            rf"(?P<weekday>{_cased(_WEEKDAYS)})(?![\w])"
        ),
    ),
    (
        "year",
        re.compile(
            rf"(?<![\w$€£¥.,/]){_YEAR}(?![\d/]|[.,]\d|\s?%|s\b)"
            r"(?!\s?(?:bn|mn|tn|m|k|billion|million|thousand|trillion|per\s?cent|percent)\b)"
        ),
    ),
]

# A month or weekday standing alone is a date only after one of these words
# ("in May", "by March"); otherwise "May" may be the verb or a name at a sentence start.
_MONTH_CONTEXT_RE = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|of|during|before|after|and|or|to|through|between|on|"
    r"around|until|late|early|mid|end|start|beginning|middle)[\s-]*|[—–-]\s*)$",
    re.IGNORECASE,
)
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


# --- publication dates ------------------------------------------------------


def _published_parts(published: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of an ISO publication date, with None for what it does not give."""
    if not published:
        return None
    match = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*", published)
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        try:
            dt.date(year, month or 1, day)
        except ValueError:
            return None
    return year, month, day


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1000 <= year <= 2999:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_number(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


# --- resolvers, one per pattern ----------------------------------------------

_Resolver = Callable[[re.Match[str], str, "tuple[int, int | None, int | None] | None"], "str | None"]


def _future_context(text: str, start: int) -> bool:
    return _FUTURE_CUE_RE.search(text, max(0, start - 40), start) is not None


def _year_for_month(month: int, pub, text: str, start: int, which: str | None = None) -> int | None:
    """The year of a month named without one: the latest such month not after publication.

    "last March" is strictly before the publication month, "next March" strictly after,
    and a month after publication in a future context ("will close in June") is ahead.
    """
    if pub is None or pub[1] is None:
        return None
    pub_year, pub_month, _ = pub
    which = (which or "").lower()
    if which == "next":
        return pub_year if month > pub_month else pub_year + 1
    if which == "last":
        return pub_year if month < pub_month else pub_year - 1
    if which.startswith(("this", "earlier this", "later this")):
        return pub_year
    if month <= pub_month:
        return pub_year
    return pub_year if _future_context(text, start) else pub_year - 1


def _resolve_full(match, text, pub):
    groups = match.groupdict()
    month = int(groups["m"]) if groups.get("m") else _month_number(groups["month"])
    return _iso(int(groups["year"]), month, int(groups["day"]))


def _resolve_month_year(match, text, pub):
    groups = match.groupdict()
    month = int(groups["m"]) if groups.get("m") else _month_number(groups["month"])
    return _iso(int(groups["year"]), month)


def _resolve_part_year(match, text, pub):
    if match.group("fy2"):
        return _iso(2000 + int(match.group("fy2")))
    return _iso(int(match.group("year")))


def _resolve_relative_unit(match, text, pub):
    if pub is None:
        return None
    which = match.group("which").lower()
    unit = match.group("unit").lower()
    delta = {"last": -1, "this": 0, "next": 1}[which]
    year, month, day = pub
    # "the last week" means "the past seven days": not a date.
    if which == "last" and re.search(r"\b(?:the|past)\s+$", text[max(0, match.start() - 6) : match.start()], re.I):
        return None
    if unit == "year":
        return _iso(year + delta)
    if unit == "quarter":
        if month is None:
            return None
        shifted_year, _ = _shift_month(year, month, 3 * delta)
        return _iso(shifted_year)
    if month is None:
        return None
    if unit == "month":
        return _iso(*_shift_month(year, month, delta))
    # A week is finer than a month but has no ISO form here: give its month.
    if day is None:
        return None if delta else _iso(year, month)
    date = dt.date(year, month, day) + dt.timedelta(weeks=delta)
    return _iso(date.year, date.month)


def _resolve_ago(match, text, pub):
    if pub is None:
        return None
    count_text = match.group("count").lower()
    count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS[count_text]
    unit = match.group("unit").lower()
    year, month, day = pub
    if unit == "year":
        return _iso(year - count)
    if month is None:
        return None
    if unit == "month":
        return _iso(*_shift_month(year, month, -count))
    if day is None:
        return None
    date = dt.date(year, month, day) - dt.timedelta(days=count if unit == "day" else 7 * count)
    return _iso(date.year, date.month, date.day) if unit == "day" else _iso(date.year, date.month)


def _resolve_yesterday(match, text, pub):
    if pub is None or pub[2] is None:
        return None
    date = dt.date(*pub)  # type: ignore[arg-type]
    if match.group("word").lower() == "yesterday":
        date -= dt.timedelta(days=1)
    return date.isoformat()


def _resolve_quarter_no_year(match, text, pub):
    return _iso(pub[0]) if pub else None


def _resolve_day_month(match, text, pub):
    month = _month_number(match.group("month"))
    day = int(match.group("day"))
    if pub is None:
        return None
    year = _year_for_month(month, pub, text, match.start())
    if year is None:
        return None
    # Same month as publication but a later day: last year's, unless the future is meant.
    if pub[1] == month and pub[2] is not None and day > pub[2] and not _future_context(text, match.start()):
        year -= 1
    return _iso(year, month, day)


def _resolve_month_alone(match, text, pub):
    which = match.group("which")
    if not which and not _MONTH_CONTEXT_RE.search(text[max(0, match.start() - 16) : match.start()]):
        return None
    month = _month_number(match.group("month"))
    if which and which.lower() in ("early", "late", "mid"):
        which = None
    year = _year_for_month(month, pub, text, match.start(), which)
    return _iso(year, month) if year is not None else None


def _resolve_weekday(match, text, pub):
    if pub is None or pub[2] is None:
        return None
    which = (match.group("which") or "").lower()
    before = text[max(0, match.start() - 24) : match.start()]
    # "Black Friday", "Cyber Monday": a capitalised word right before makes it a name.
    if not which and re.search(r"[A-Z][\w'’-]*\s+$", before) and not re.search(r"(?:^|[.!?]\s+)\S*\s+$", before):
        return None
    published = dt.date(*pub)  # type: ignore[arg-type]
    weekday = _WEEKDAYS[match.group("weekday").lower()]
    if which == "next":
        delta = (weekday - published.weekday()) % 7 or 7
        date = published + dt.timedelta(days=delta)
    else:
        delta = (published.weekday() - weekday) % 7
        if which == "last" and delta == 0:
            delta = 7
        date = published - dt.timedelta(days=delta)
    return date.isoformat()


def _resolve_year(match, text, pub):
    if _COUNT_NOUN_RE.match(text, match.end()):
        return None
    return _iso(int(match.group("year")))


_RESOLVERS: dict[str, _Resolver] = {
    "iso_day": _resolve_full,
    "day_month_year": _resolve_full,
    "month_day_year": _resolve_full,
    "iso_month": _resolve_month_year,
    "month_year": _resolve_month_year,
    "part_year": _resolve_part_year,
    "relative_unit": _resolve_relative_unit,
    "ago": _resolve_ago,
    "yesterday": _resolve_yesterday,
    "quarter_no_year": _resolve_quarter_no_year,
    "day_month": _resolve_day_month,
    "month_day": _resolve_day_month,
    "month_alone": _resolve_month_alone,
    "weekday": _resolve_weekday,
    "year": _resolve_year,
}


def _iter_dates(text: str, pub) -> Iterator[tuple[int, int, str]]:
    taken: list[tuple[int, int]] = []
    for name, pattern in _PATTERNS:
        resolve = _RESOLVERS[name]
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            iso = resolve(match, text, pub)
            # A form that did not resolve still claims its span: "13 October" must not
            # fall back to a bare "October" guess when the day makes it unresolvable.
            taken.append((start, end))
            if iso is not None:
                yield start, end, iso


def find_dates(text: str, published: str | None = None) -> list[tuple[int, int, str]]:
    """Every date in ``text`` as ``(start, end, iso)``, in order of appearance.

    ``published`` (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) resolves relative dates;
    without it they are left out. A span may include a leading "in"/"since" or
    "early"/"late" that belongs to the expression.
    """
    if not text:
        return []
    return sorted(_iter_dates(text, _published_parts(published)))


_LEADING_WORDS_RE = re.compile(r"^\s*(?:(?:in|on|since|from|by|until|as\s+of|dated|published:?)\s+)?", re.I)


def parse_date(text: str, published: str | None = None) -> str | None:
    """The date that ``text`` as a whole states, as ISO at its precision, or None."""
    if not text or not text.strip() or len(text) > 200:
        return None
    body = text[_LEADING_WORDS_RE.match(text).end() :].strip().rstrip(".,;:")
    found = find_dates(body, published)
    if len(found) == 1 and found[0][0] == 0 and found[0][1] >= len(body.rstrip(".")) - 1:
        return found[0][2]
    if found:
        return None
    return _dateparser_fallback(body, published)


def _dateparser_fallback(text: str, published: str | None) -> str | None:
    """Ask dateparser about an unusual form ("04/03/2024", "2024年3月"). Absolute dates only
    unless ``published`` is known, so a relative phrase is never resolved against today."""
    has_year = re.search(r"(?<!\d)(1[89]|2[01])\d\d(?!\d)", text) is not None
    if not re.search(r"\d", text) or (not has_year and published is None):
        return None
    try:
        import dateparser
        from dateparser.date import DateDataParser
    except ImportError:  # pragma: no cover - dateparser is a declared dependency
        return None
    settings: dict = {"PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"}
    pub = _published_parts(published)
    if pub is not None:
        settings["RELATIVE_BASE"] = dt.datetime(pub[0], pub[1] or 1, pub[2] or 1)
    del dateparser  # imported only to fail early if missing
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    date = data.date_obj
    period = data.period or "day"
    if period == "year":
        return _iso(date.year)
    if period == "month":
        return _iso(date.year, date.month)
    if period == "day":
        return _iso(date.year, date.month, date.day)
    return None
