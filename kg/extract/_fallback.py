"""Minimal stand-ins for reader/money/dates, used only while those modules are missing.

The real implementations live in kg/extract/reader.py, money.py and dates.py
(owned by another module); these keep extraction runnable on plain text meanwhile.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kg.errors import InputError


@dataclass(frozen=True)
class ArticleText:
    id: str
    source: str
    text: str
    sha256: str
    title: str | None
    published: str | None


def article_from_string(
    text: str, article_id: str = "text", published: str | None = None, fmt: str = "txt"
) -> ArticleText:
    if fmt == "html":
        text = re.sub(r"(?s)<(script|style|nav|header|footer|aside)\b.*?</\1>", " ", text)
        text = re.sub(r"</(p|h\d|li|div)>", "\n\n", text)
        text = re.sub(r"<[^>]+>", "", text)
        text = re.sub(r"&middot;", "·", text).replace("&amp;", "&").replace("&copy;", "©")
        text = re.sub(r"[ \t]+", " ", text)
        text = re.sub(r"\n\s*\n+", "\n\n", text).strip()
    if fmt == "md":
        m = re.match(r"(?s)---\n(.*?)\n---\n", text)
        if m:
            dm = re.search(r"(?m)^date:\s*\"?(\d{4}-\d{2}-\d{2})", m.group(1))
            if dm and not published:
                published = dm.group(1)
            text = text[m.end() :]
        text = re.sub(r"(?m)^#+\s*", "", text)
        text = text.replace("**", "").replace("*", "")
        text = re.sub(r"(?m)^- ", "• ", text).strip()
    if not text.strip():
        raise InputError(f"{article_id}: empty article")
    return ArticleText(
        article_id, article_id, text, hashlib.sha256(text.encode()).hexdigest(), None, published
    )


def read_article(path: Path, published: str | None = None) -> ArticleText:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if b"\x00" in raw:
        raise InputError(f"{path}: binary file, not an article")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    fmt = {".html": "html", ".htm": "html", ".md": "md"}.get(path.suffix.lower(), "txt")
    art = article_from_string(text, path.stem, published, fmt)
    return ArticleText(art.id, str(path), art.text, art.sha256, art.title, art.published)


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str
    qualifier: str | None
    start: int
    end: int


_CUR = {
    "$": "USD",
    "US$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "EUR": "EUR",
    "USD": "USD",
    "GBP": "GBP",
}
_SCALE = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "billion": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_MONEY_RE = re.compile(
    r"(?P<cur>US\$|\$|€|£|¥|EUR|USD|GBP)\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s?"
    r"(?P<scale>thousand|million|billion|trillion|mn|bn|tn|[kmb])?\b"
    r"|(?P<num2>\d[\d,]*(?:\.\d+)?)\s(?P<scale2>thousand|million|billion)\s(?:US\s)?(?P<cur2>dollars|euros|pounds)"
)


def find_money(text: str, default_currency: str = "USD") -> list[Money]:
    out = []
    for m in _MONEY_RE.finditer(text):
        if m.group("num"):
            num, scale, cur = m.group("num"), m.group("scale"), _CUR[m.group("cur")]
        else:
            num, scale = m.group("num2"), m.group("scale2")
            cur = {"dollars": "USD", "euros": "EUR", "pounds": "GBP"}[m.group("cur2")]
        value = Decimal(num.replace(",", "")) * Decimal(str(_SCALE.get((scale or "").lower(), 1)))
        out.append(Money(value, cur, None, m.start(), m.end()))
    return out


def find_percent(text: str) -> list[tuple[int, int, float]]:
    return [
        (m.start(), m.end(), float(m.group(1)))
        for m in re.finditer(r"(\d+(?:\.\d+)?)\s?(?:%|per ?cent|percent)", text)
    ]


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH_RE = (
    "|".join(sorted((n for n in _MONTHS if len(n) > 3), key=len, reverse=True))
    + "|sept|jan|feb|mar|apr|jun|jul|aug|oct|nov|dec"
)
_DATE_RE = re.compile(
    rf"\b(?P<d1>\d{{1,2}}) (?P<m1>{_MONTH_RE})\.? (?P<y1>\d{{4}})\b"
    rf"|\b(?P<m2>{_MONTH_RE})\.? (?P<d2>\d{{1,2}}), (?P<y2>\d{{4}})\b"
    rf"|\b(?P<m3>{_MONTH_RE}) (?P<y3>\d{{4}})\b"
    rf"|\b(?:in|since|by|of|late|early|mid-?|from|until) (?P<y4>(?:19|20)\d{{2}})\b"
    rf"|\b(?:in|since|last|this|by) (?P<m5>{_MONTH_RE})\b",
    re.I,
)


def find_dates(text: str, published: str | None = None) -> list[tuple[int, int, str]]:
    out = []
    for m in _DATE_RE.finditer(text):
        g = m.groupdict()
        if g["y1"]:
            iso = f"{g['y1']}-{_MONTHS[g['m1'].lower()[:3]]:02d}-{int(g['d1']):02d}"
        elif g["y2"]:
            iso = f"{g['y2']}-{_MONTHS[g['m2'].lower()[:3]]:02d}-{int(g['d2']):02d}"
        elif g["y3"]:
            iso = f"{g['y3']}-{_MONTHS[g['m3'].lower()[:3]]:02d}"
        elif g["y4"]:
            iso = g["y4"]
        else:
            if not published:
                continue
            month = _MONTHS[g["m5"].lower()[:3]]
            year = int(published[:4])
            pub_month = int(published[5:7])
            if month > pub_month or (month == pub_month and m.group(0).lower().startswith("last")):
                year -= 1
            iso = f"{year}-{month:02d}"
        out.append((m.start(), m.end(), iso))
    return out
