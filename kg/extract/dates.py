"""Dates in news text, as ISO 8601 strings at the precision the text gives.

"2021" -> "2021", "September 2023" -> "2023-09", "Sept. 5, 2023" -> "2023-09-05".
Relative dates ("last September", "on Monday", "earlier this month") are
resolved against the article's publication date, and left out when it is not
known. Own regexes cover the forms news uses; dateparser (slow) is only asked
by :func:`parse_date` about strings the regexes do not understand.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kg.extract.date_forms import (
    _COUNT_NOUN_RE,
    _FORMS,
    _FUTURE_CUE_RE,
    _MONTH_CONTEXT_RE,
    _MONTH_LIST_RE,
    _MONTHS,
    _NUMBER_WORDS,
    _WEEKDAYS,
    _Form,
    _last_word,
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


# --- resolvers, one per form --------------------------------------------------

Published = tuple[int, int | None, int | None]


@dataclass(frozen=True)
class _Hit:
    """A match with its leading words: ``which`` is "last"/"next"/"this"/... when given."""

    match: re.Match[str]
    start: int
    which: str | None


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


def _month_of(match: re.Match[str]) -> int:
    groups = match.groupdict()
    return int(groups["m"]) if groups.get("m") else _month_number(groups["month"])


def _resolve_full(hit: _Hit, text: str, pub: Published | None) -> str | None:
    return _iso(int(hit.match.group("year")), _month_of(hit.match), int(hit.match.group("day")))


def _resolve_month_year(hit: _Hit, text: str, pub: Published | None) -> str | None:
    return _iso(int(hit.match.group("year")), _month_of(hit.match))


def _resolve_part_year(hit: _Hit, text: str, pub: Published | None) -> str | None:
    return _iso(int(hit.match.group("year")))


def _resolve_fiscal_short(hit: _Hit, text: str, pub: Published | None) -> str | None:
    return _iso(2000 + int(hit.match.group("fy2")))


def _resolve_month_relative_year(hit: _Hit, text: str, pub: Published | None) -> str | None:
    if pub is None:
        return None
    delta = {"last": -1, "this": 0, "next": 1}[hit.match.group("which").lower()]
    return _iso(pub[0] + delta, _month_number(hit.match.group("month")))


def _resolve_relative_unit(hit: _Hit, text: str, pub: Published | None) -> str | None:
    if pub is None:
        return None
    which = hit.match.group("which").lower()
    unit = hit.match.group("unit")
    delta = {"last": -1, "this": 0, "next": 1}[which]
    year, month, day = pub
    # "the last week" means "the past seven days": not a date.
    if which == "last" and re.search(r"\b(?:the|past)\s+$", text[max(0, hit.start - 6) : hit.start], re.I):
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


def _resolve_ago(hit: _Hit, text: str, pub: Published | None) -> str | None:
    if pub is None:
        return None
    count_text = hit.match.group("count").lower()
    count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS[count_text]
    unit = hit.match.group("unit")
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


def _resolve_yesterday(hit: _Hit, text: str, pub: Published | None) -> str | None:
    if pub is None or pub[1] is None or pub[2] is None:
        return None
    date = dt.date(pub[0], pub[1], pub[2])
    if hit.match.group("word").lower() == "yesterday":
        date -= dt.timedelta(days=1)
    return date.isoformat()


def _resolve_quarter_no_year(hit: _Hit, text: str, pub: Published | None) -> str | None:
    return _iso(pub[0]) if pub else None


def _resolve_day_month(hit: _Hit, text: str, pub: Published | None) -> str | None:
    month = _month_number(hit.match.group("month"))
    day = int(hit.match.group("day"))
    if pub is None:
        return None
    year = _year_for_month(month, pub, text, hit.start)
    if year is None:
        return None
    # Same month as publication but a later day: last year's, unless the future is meant.
    if pub[1] == month and pub[2] is not None and day > pub[2] and not _future_context(text, hit.start):
        year -= 1
    return _iso(year, month, day)


def _resolve_month_alone(hit: _Hit, text: str, pub: Published | None) -> str | None:
    which = hit.which
    start = hit.match.start()
    if (
        not which
        and not _MONTH_CONTEXT_RE.search(text[max(0, start - 16) : start])
        and not _MONTH_LIST_RE.search(text[max(0, start - 30) : start])
    ):
        return None
    month = _month_number(hit.match.group("month"))
    if which and which.lower() in ("early", "late", "mid"):
        which = None
    year = _year_for_month(month, pub, text, hit.start, which)
    return _iso(year, month) if year is not None else None


def _resolve_weekday(hit: _Hit, text: str, pub: Published | None) -> str | None:
    if pub is None or pub[1] is None or pub[2] is None:
        return None
    which = (hit.which or "").lower()
    start, end = hit.match.span()
    before = text[max(0, start - 24) : start]
    # "Black Friday", "Cyber Monday", "the Sunday Times": a capitalised word right before
    # or after makes the weekday part of a name.
    if not which and (
        re.search(r"[A-Z][\w'’-]*\s+$", before)
        and not re.search(r"(?:^|[.!?]\s+)\S*\s+$", before)
        or re.match(r"\s+[A-Z][a-z]", text[end : end + 3])
        and not re.search(r"\b(?:on|since|until|by|from)\s+$", before)
    ):
        return None
    published = dt.date(pub[0], pub[1], pub[2])
    weekday = _WEEKDAYS[hit.match.group("weekday").lower()]
    if which == "next":
        delta = (weekday - published.weekday()) % 7 or 7
        date = published + dt.timedelta(days=delta)
    else:
        delta = (published.weekday() - weekday) % 7
        if which == "last" and delta == 0:
            delta = 7
        date = published - dt.timedelta(days=delta)
    return date.isoformat()


def _resolve_year(hit: _Hit, text: str, pub: Published | None) -> str | None:
    if _COUNT_NOUN_RE.match(text, hit.match.end()):
        return None
    return _iso(int(hit.match.group("year")))


_Resolver = Callable[[_Hit, str, "Published | None"], "str | None"]
_RESOLVERS: dict[str, _Resolver] = {
    "iso_day": _resolve_full,
    "day_month_year": _resolve_full,
    "month_day_year": _resolve_full,
    "iso_month": _resolve_month_year,
    "month_year": _resolve_month_year,
    "part_year": _resolve_part_year,
    "fiscal_short": _resolve_fiscal_short,
    "month_relative_year": _resolve_month_relative_year,
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


def _starts_word(text: str, start: int, not_before: str) -> bool:
    """Nothing that would make the match part of a longer word or number stands before it."""
    if start == 0:
        return True
    previous = text[start - 1]
    return not (previous.isalnum() or previous == "_" or previous in not_before)


def _matches(form: _Form, text: str, lowered: str) -> Iterator[re.Match[str]]:
    """The form's matches; a form with a keyword is only tried in windows around it."""
    if form.keyword is None:
        yield from form.pattern.finditer(text)
        return
    seen_end = 0
    position = lowered.find(form.keyword)
    while position != -1:
        window_end = min(len(text), position + len(form.keyword) + 2)
        for match in form.pattern.finditer(text, max(seen_end, position - 40), window_end):
            seen_end = match.end()
            yield match
        position = lowered.find(form.keyword, position + len(form.keyword))


def _iter_dates(text: str, pub: Published | None) -> Iterator[tuple[int, int, str]]:
    taken: list[tuple[int, int]] = []
    lowered = text.lower() if any(form.keyword for form in _FORMS) else text
    for form in _FORMS:
        if form.relative and pub is None:
            continue
        resolve = _RESOLVERS[form.name]
        last_words = form.leading_last_words
        for match in _matches(form, text, lowered):
            start, end = match.span()
            which = None
            lead = None
            if form.leading is not None and _last_word(text, start) in last_words:
                lead = form.leading.search(text, max(0, start - 32), start)
            if lead:
                # Leading words ("last", "early", "FY") begin at a word boundary themselves.
                start = lead.start()
                which = lead.groupdict().get("which")
            elif form.leading_required or not _starts_word(text, start, form.not_before):
                continue
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            iso = resolve(_Hit(match, start, which), text, pub)
            # A form that did not resolve still claims its span: "13 October" must not
            # fall back to a bare "October" guess when the day makes it unresolvable.
            taken.append((start, end))
            if iso is not None:
                yield start, end, iso


def find_dates(text: str, published: str | None = None) -> list[tuple[int, int, str]]:
    """Every date in ``text`` as ``(start, end, iso)``, in order of appearance.

    ``published`` (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) resolves relative dates;
    without it they are left out. A span includes leading words that belong to the
    date ("last September", "early 2023", "Monday, 4 March 2024") but not a
    preposition ("in", "on").
    """
    if not text:
        return []
    return sorted(_iter_dates(text, _published_parts(published)))


_LEADING_WORDS_RE = re.compile(r"^\s*(?:(?:in|on|since|from|by|until|as\s+of|dated|published:?)\s+)?", re.I)


_ISO_TIMESTAMP_RE = re.compile(
    r"(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
)


def parse_date(text: str, published: str | None = None) -> str | None:
    """The date that ``text`` as a whole states, as ISO at its precision, or None."""
    if not text or not text.strip() or len(text) > 200:
        return None
    body = text[_LEADING_WORDS_RE.match(text).end() :].strip().rstrip(".,;:")
    timestamp = _ISO_TIMESTAMP_RE.fullmatch(body)
    if timestamp:  # "2024-03-04T10:15:00Z": the date part
        body = timestamp.group(1)
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
    from dateparser.date import DateDataParser  # imported here: it is slow to load

    settings: dict = {"PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"}
    pub = _published_parts(published)
    if pub is not None:
        settings["RELATIVE_BASE"] = dt.datetime(pub[0], pub[1] or 1, pub[2] or 1)
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
