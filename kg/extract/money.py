"""Money amounts and percentages as news writes them, normalised to numbers.

``"$2.75bn"`` becomes ``Money(Decimal("2750000000"), "USD", ...)``. Matching is
regex-only (no spaCy), so it is cheap enough to run over every article, and it
only fires on a currency cue (a symbol, a code or a currency word): bare
numbers such as "10 rounds" or "2023" are never amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kg.extract.currencies import PREFIX_CURRENCY as _PREFIX_CURRENCY
from kg.extract.currencies import SUFFIX_CURRENCY as _SUFFIX_CURRENCY

# The values Money.qualifier takes (None when the text gives the amount plainly).
QUALIFIERS = ("up_to", "more_than", "about", "at_least", "less_than")


@dataclass(frozen=True)
class Money:
    """One amount in a text.

    ``start``/``end`` span the amount itself (currency, number, scale and a
    trailing currency word), not the qualifier before it. ``per_share`` marks
    prices such as "$157 per share", which are not deal sizes. For a range
    ("$1bn-$2bn", "$1-2bn", "between $1bn and $2bn") ``amount`` is the low
    end, ``upper`` the high end, and the span covers both.
    """

    amount: Decimal
    currency: str
    qualifier: str | None
    start: int
    end: int
    per_share: bool = False
    upper: Decimal | None = None


# --- vocabulary -------------------------------------------------------------

# Currency prefixes and words: kg/extract/currencies.py.
# ISO codes after the number: "500 million USD".
_SUFFIX_CODES = sorted({code for code in _PREFIX_CURRENCY.values()}, key=len, reverse=True)

_SCALES: dict[str, int] = {
    "trillion": 10**12,
    "tn": 10**12,
    "trn": 10**12,
    "billion": 10**9,
    "bn": 10**9,
    "bln": 10**9,
    "b": 10**9,
    "million": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "mil": 10**6,
    "mm": 10**6,  # finance shorthand: "$100MM"
    "m": 10**6,
    "thousand": 10**3,
    "k": 10**3,
    "crore": 10**7,
    "crores": 10**7,
    "cr": 10**7,
    "lakh": 10**5,
    "lakhs": 10**5,
}

_WORD_NUMBERS: dict[str, Decimal] = {
    "a": Decimal(1),
    "an": Decimal(1),
    "one": Decimal(1),
    "two": Decimal(2),
    "three": Decimal(3),
    "four": Decimal(4),
    "five": Decimal(5),
    "six": Decimal(6),
    "seven": Decimal(7),
    "eight": Decimal(8),
    "nine": Decimal(9),
    "ten": Decimal(10),
    "eleven": Decimal(11),
    "twelve": Decimal(12),
    "thirteen": Decimal(13),
    "fourteen": Decimal(14),
    "fifteen": Decimal(15),
    "sixteen": Decimal(16),
    "seventeen": Decimal(17),
    "eighteen": Decimal(18),
    "nineteen": Decimal(19),
    "twenty": Decimal(20),
    "thirty": Decimal(30),
    "forty": Decimal(40),
    "fifty": Decimal(50),
    "sixty": Decimal(60),
    "seventy": Decimal(70),
    "eighty": Decimal(80),
    "ninety": Decimal(90),
    "hundred": Decimal(100),
    "a hundred": Decimal(100),
    "one hundred": Decimal(100),
    "half a": Decimal("0.5"),
    "half an": Decimal("0.5"),
    "a half": Decimal("0.5"),
    "a quarter of a": Decimal("0.25"),
    "three quarters of a": Decimal("0.75"),
}
_UNITS = {k: v for k, v in _WORD_NUMBERS.items() if " " not in k and v < 10 and k not in ("a", "an")}
_TENS = {k: v for k, v in _WORD_NUMBERS.items() if v in (20, 30, 40, 50, 60, 70, 80, 90)}

# Qualifier phrases right before an amount, longest first so "more than" beats "more".
_QUALIFIER_PHRASES: dict[str, str] = {
    "up to": "up_to",
    "as much as": "up_to",
    "a maximum of": "up_to",
    "no more than": "up_to",
    "not more than": "up_to",
    "more than": "more_than",
    "greater than": "more_than",
    "just over": "more_than",
    "well over": "more_than",
    "over": "more_than",
    "above": "more_than",
    "in excess of": "more_than",
    "upwards of": "more_than",
    "upward of": "more_than",
    "north of": "more_than",
    "exceeding": "more_than",
    "at least": "at_least",
    "a minimum of": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "less than": "less_than",
    "just under": "less_than",
    "under": "less_than",
    "below": "less_than",
    "short of": "less_than",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "approximately": "about",
    "approx.": "about",
    "some": "about",
    "nearly": "about",
    "almost": "about",
    "close to": "about",
    "circa": "about",
    "an estimated": "about",
    "estimated": "about",
    "an approximate": "about",
}


def _alternation(words) -> str:
    """A regex alternation that tries longer words first."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _written_forms(words) -> list[str]:
    """The ways news capitalises a word: "billion", "Billion", "BILLION"; "US dollars"."""
    forms: set[str] = set()
    for word in words:
        for form in (word, word.capitalize(), word.title(), word.upper()):
            forms.add(form)
            forms.add(re.sub(r"^(?:us|Us) ", "US ", re.sub(r"^(?:u\.s\.|U\.s\.) ", "U.S. ", form)))
    return sorted(forms)


# Speed matters (this runs on every article). Python's regex engine is fast only when a
# pattern starts with something rare and simple, so every amount is found from a digit, a
# currency symbol or a capital letter, and the rare word-number forms ("half a billion
# dollars") only near a scale word found with str.find. Word boundaries before a match are
# checked in Python.
_NUMBER_REST = r"(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?"  # after the first digit: "1,250,000", "2.75"
_NUMBER = rf"\d{_NUMBER_REST}"
_SCALE_WORDS = _alternation(_written_forms(s for s in _SCALES if len(s) > 1))
_SCALE_LETTERS = _alternation(_written_forms(s for s in _SCALES if len(s) == 1))
# Words ("billion") and two-letter forms ("USD 2.6 mn", "Rs 42 cr") may stand after a space or
# hyphen; one letter ("m", "b", "k") must be attached.
_SCALE = rf"(?:\s?-?\s?(?P<scale>{_SCALE_WORDS})|(?P<scale_letter>{_SCALE_LETTERS}))(?![A-Za-z])"
_SUFFIX = _alternation(_written_forms(_SUFFIX_CURRENCY)) + "|" + _alternation(_SUFFIX_CODES)
_WORDNUM_COMPOUND = rf"(?:{_alternation(_TENS)})-(?:{_alternation(_UNITS)})"
_WORDNUM = rf"(?:{_WORDNUM_COMPOUND}|{_alternation(_WORD_NUMBERS)})"

# After the currency prefix: "2.75bn", "1,250,000", "1.2 billion euros", "1-2bn".
_AMOUNT_TAIL = (
    rf"\s?(?P<num>{_NUMBER})"
    rf"(?:\s?(?:-|–|to)\s?(?P<num2>{_NUMBER})(?=\s?-?\s?(?:{_SCALE_WORDS}|{_SCALE_LETTERS})(?![A-Za-z])))?"
    rf"(?:{_SCALE})?"
    rf"(?:\s(?P<suffix>{_SUFFIX})(?![A-Za-z]))?"
)
# "$2.75bn", "€385m", "£60bn".
_SYMBOL_PREFIXED_RE = re.compile(rf"(?P<prefix>[$€£¥₹₩₽₦]){_AMOUNT_TAIL}")
# "US$1bn", "USD 40m", "C$45m", "Rs 450 crore", "SFr. 200m": a prefix shape, checked against
# the known prefixes in Python.
_LETTER_PREFIXED_RE = re.compile(rf"(?P<prefix>[A-Z][A-Za-z]{{0,2}}\.?){_AMOUNT_TAIL}")
# Letters written before a "$" or "¥" ("US$", "C$", "HK$", "U.S.$", "US $", "CN¥").
_LETTERS_BEFORE_SYMBOL_RE = re.compile(r"(?<![A-Za-z])(?:U\.S\.|[A-Z][A-Za-z]{0,2} ?)$")
# "500 million dollars", "2.5 billion yen", "270 million US dollars".
# The look-behind after the first digit skips the inner digits of a number cheaply.
_SUFFIXED_RE = re.compile(
    rf"(?P<num>\d(?<![\w$€£¥.,]\d){_NUMBER_REST})(?:{_SCALE})?[\s-](?P<suffix>{_SUFFIX})(?![A-Za-z])"
)
# "half a billion dollars", "two million euros": searched only near a scale word.
_WORD_AMOUNT_RE = re.compile(
    rf"(?<![A-Za-z0-9$€£¥.,])(?P<wordnum>{_WORDNUM})[\s-]+(?P<scale>{_SCALE_WORDS})[\s-]"
    rf"(?P<suffix>{_SUFFIX})(?![A-Za-z])",
    re.IGNORECASE,
)
_SCALE_WORD_STEMS = ("illion", "housand", "crore", "lakh")
_DIGIT_BEFORE_SCALE_RE = re.compile(r"\d\s?-?\s?[A-Za-z]{0,2}$")
_SUFFIX_AFTER_SCALE_RE = re.compile(rf"s?[\s-](?:{_SUFFIX})(?![A-Za-z])", re.IGNORECASE)
_PER_SHARE_RE = re.compile(
    r"(?:[\s-]*(?:per|a|an|each|for\s+each)[\s-]+(?:(?:ordinary|common|class\s+[ab])\s+)?"
    r"(?:share|ads|adr|unit)\b|/share\b|\s+apiece\b)",
    re.IGNORECASE,
)
_PER_SHARE_LATER_RE = re.compile(r"\b(?:per|for\s+each|each|a)\s+(?:ordinary\s+|common\s+)?share\b", re.I)
#: "buy its shares at 2,400 yen", "priced its shares at $18": the amount after is a share price
_SHARES_AT_RE = re.compile(r"\b(?:shares|stock|ADSs?)\s+at\s+(?:about\s+|around\s+)?$", re.IGNORECASE)
_RANGE_TAIL_RE = re.compile(rf"\s?(?:-|–|—|to)\s?(?P<num>{_NUMBER})(?:{_SCALE})")
_BETWEEN_RE = re.compile(r"(?<![A-Za-z])between\s*$", re.IGNORECASE)
_FROM_RE = re.compile(r"(?<![A-Za-z])from\s*$", re.IGNORECASE)


# --- parsing ----------------------------------------------------------------


def _decimal(number_text: str) -> Decimal:
    return Decimal(number_text.replace(",", ""))


def _word_number(text: str) -> Decimal:
    words = re.sub(r"\s+", " ", text.lower())
    if words in _WORD_NUMBERS:
        return _WORD_NUMBERS[words]
    tens, units = words.split("-")
    return _TENS[tens] + _UNITS[units]


def count_of(text: str) -> int:
    """A small count written as digits or words: "3", "three", "twenty-one"."""
    return int(text) if text.isdigit() else int(_word_number(text))


def _normalise(amount: Decimal) -> Decimal:
    """Drop trailing zeros so that ``2.75bn == Decimal("2750000000")`` also in repr."""
    if amount == amount.to_integral_value():
        return amount.quantize(Decimal(1))
    return amount.normalize()


def _scale_factor(match: re.Match[str]) -> int:
    scale = match.group("scale") or match.group("scale_letter")
    return _SCALES[scale.lower()] if scale else 1


def _currency(prefix_key: str | None, suffix: str | None, default_currency: str) -> str:
    """The ISO code; ``prefix_key`` is the prefix lower-cased without spaces ("us$")."""
    # A specific suffix ("Canadian dollars") beats a generic prefix ("$").
    if suffix:
        code = _SUFFIX_CURRENCY.get(re.sub(r"\s+", " ", suffix.lower()), suffix.upper())
        if code != "$":
            return code
    if prefix_key and prefix_key != "$":
        return _PREFIX_CURRENCY[prefix_key]
    return default_currency


def _qualifier_before(text: str, start: int) -> str | None:
    """The qualifier phrase right before ``start``: the last one, two or three words."""
    words = text[max(0, start - 30) : start].lower().split()
    if not words or text[start - 1 : start] not in (" ", "\t", "\n", "\xa0", "(", "-"):
        return None
    words[-1] = words[-1].lstrip("(\"'“‘[")
    for count in (3, 2, 1):
        if len(words) >= count:
            qualifier = _QUALIFIER_PHRASES.get(" ".join(words[-count:]).lstrip("(\"'“‘["))
            if qualifier:
                return qualifier
    return None


def _candidates(text: str, default_currency: str) -> list[Money]:
    found: list[Money] = []
    for pattern in (_SYMBOL_PREFIXED_RE, _LETTER_PREFIXED_RE):
        for match in pattern.finditer(text):
            prefix = match.group("prefix")
            start = match.start()
            if prefix in "$¥" and start:
                letters = _LETTERS_BEFORE_SYMBOL_RE.search(text, max(0, start - 4), start)
                if (
                    letters
                    and re.sub(r"\s+", "", letters.group(0)).lower() + prefix in _PREFIX_CURRENCY
                    and (" " not in letters.group(0) or letters.group(0).strip() == "US")
                ):
                    start = letters.start()
                    prefix = letters.group(0) + prefix
            if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue  # "ABC$5", "XUSD 5": part of a longer token
            key = re.sub(r"\s+", "", prefix).lower()
            if prefix != "$" and (
                key not in _PREFIX_CURRENCY
                or (prefix.isalpha() and len(prefix) == 3 and not prefix.isupper() and prefix != "KSh")
                or (key != "us$" and re.search(r"\s", prefix))
            ):
                continue  # not a currency ("Q3 2024", "A $5m deal") or a code not in capitals
            if (
                len(prefix) == 1
                and prefix != "$"
                and (
                    not text[match.end("prefix") : match.end("prefix") + 1].isdigit()
                    or not (match.group("scale") or match.group("scale_letter"))
                )
            ):
                continue  # "R50 million", but not "R 50" or "N2": one letter needs its scale
            factor = _scale_factor(match)
            amount = _decimal(match.group("num")) * factor
            upper = _decimal(match.group("num2")) * factor if match.group("num2") else None
            currency = _currency(key, match.group("suffix"), default_currency)
            found.append(
                Money(
                    _normalise(amount),
                    currency,
                    None,
                    start,
                    match.end(),
                    upper=_normalise(upper) if upper is not None else None,
                )
            )
    for match in _SUFFIXED_RE.finditer(text):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_$€£¥.,"):
            continue
        suffix = match.group("suffix")
        has_scale = bool(match.group("scale") or match.group("scale_letter"))
        if suffix.lower() == "won" and not has_scale:
            continue  # "3 won" is a verb more often than Korean money
        amount = _decimal(match.group("num")) * _scale_factor(match)
        found.append(
            Money(_normalise(amount), _currency(None, suffix, default_currency), None, start, match.end())
        )
    lowered = text.lower()
    for stem in _SCALE_WORD_STEMS:
        position = lowered.find(stem)
        while position != -1:
            # Only a scale word with a word (not a digit) before it and a currency word after.
            if not _DIGIT_BEFORE_SCALE_RE.search(
                text, max(0, position - 8), position
            ) and _SUFFIX_AFTER_SCALE_RE.match(text, position + len(stem)):
                match = _WORD_AMOUNT_RE.search(text, max(0, position - 30), min(len(text), position + 50))
                if (
                    match
                    and match.start("scale") <= position < match.end("scale")
                    # "a billion-dollar company" praises a size; it does not state an amount.
                    and not (
                        match.group("wordnum").lower() in ("a", "an") and text[match.end("scale")] == "-"
                    )
                ):
                    amount = _word_number(match.group("wordnum")) * _SCALES[match.group("scale").lower()]
                    currency = _currency(None, match.group("suffix"), default_currency)
                    found.append(Money(_normalise(amount), currency, None, match.start(), match.end()))
            position = lowered.find(stem, position + len(stem))
    found.sort(key=lambda m: (m.start, -m.end))
    kept: list[Money] = []
    for money in found:
        if kept and money.start < kept[-1].end:
            continue
        kept.append(money)
    return kept


def _with_context(text: str, amounts: list[Money]) -> list[Money]:
    """Add qualifiers and the per-share flag, and fold "$1bn-$2bn" ranges into one amount."""
    result: list[Money] = []
    i = 0
    while i < len(amounts):
        money = amounts[i]
        end = money.end
        upper = money.upper
        if i + 1 < len(amounts) and upper is None:
            following = amounts[i + 1]
            between = text[money.end : following.start]
            joiner = between.strip().lower()
            if (
                len(between) <= 5
                and joiner in ("-", "–", "—", "to", "and")
                and following.currency == money.currency
                and not _FROM_RE.search(text, max(0, money.start - 8), money.start)
                and (joiner != "and" or _BETWEEN_RE.search(text, max(0, money.start - 12), money.start))
            ):
                upper, end = following.amount, following.end
                i += 1
        if upper is None:
            # "$4bn-5bn", "$4bn to 5bn": a second number and scale without a currency.
            tail = _RANGE_TAIL_RE.match(text, end)
            if tail:
                upper = _normalise(_decimal(tail.group("num")) * _scale_factor(tail))
                end = tail.end()
        qualifier = _qualifier_before(text, money.start)
        per_share = bool(_PER_SHARE_RE.match(text, end)) or bool(
            _SHARES_AT_RE.search(text, max(0, money.start - 30), money.start)
        )
        if not per_share and money.amount < 10_000 and upper is None:
            # "$3.50 in cash and $6.361 in stock for each share": a small unscaled amount
            # with "per share" later in the same clause is a share price too.
            clause = re.split(r"[.;!?]\s|,\s(?:or|which|while)\b", text[end : end + 80], maxsplit=1)[0]
            per_share = _PER_SHARE_LATER_RE.search(clause) is not None
        result.append(Money(money.amount, money.currency, qualifier, money.start, end, per_share, upper))
        i += 1
    return result


def find_money(text: str, default_currency: str = "USD") -> list[Money]:
    """Every money amount in ``text``, in order of appearance.

    ``default_currency`` is what a bare "$" or "dollars" means (USD in most news).
    """
    if not text:
        return []
    return _with_context(text, _candidates(text, default_currency))


_BARE_RE = re.compile(rf"\s*(?P<num>{_NUMBER})(?:{_SCALE})?\s*$", re.IGNORECASE)


def parse_money(text: str, default_currency: str = "USD") -> Money | None:
    """The one amount that ``text`` consists of (an optional qualifier allowed), else None.

    A bare number with a scale ("2.75 billion") takes ``default_currency``.
    """
    if not text or not text.strip():
        return None
    stripped = text.strip()
    offset = text.index(stripped)
    amounts = find_money(stripped, default_currency)
    if len(amounts) == 1:
        money = amounts[0]
        before = stripped[: money.start]
        after = stripped[money.end :]
        qualifier_ok = not before.strip() or " ".join(before.lower().split()) in _QUALIFIER_PHRASES
        after_ok = not after.strip() or (money.per_share and _PER_SHARE_RE.fullmatch(after) is not None)
        if qualifier_ok and after_ok:
            return Money(
                money.amount,
                money.currency,
                money.qualifier,
                money.start + offset,
                money.end + offset,
                money.per_share,
                money.upper,
            )
        return None
    if amounts:
        return None
    bare = _BARE_RE.fullmatch(stripped)
    if bare and (bare.group("scale") or bare.group("scale_letter")):
        amount = _decimal(bare.group("num")) * _scale_factor(bare)
        return Money(_normalise(amount), default_currency, None, offset, offset + len(stripped))
    return None


# --- percentages ------------------------------------------------------------

_PERCENT_WORD_UNITS = _alternation(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])
_PERCENT_WORD_SIMPLE = _alternation(
    [w for w, v in _WORD_NUMBERS.items() if " " not in w and w not in ("a", "an") and v >= 1]
)
_PERCENT_SIGNS = _alternation(_written_forms(["per cent", "per-cent", "percent", "pct", "pc"]))
# "10%", "4.9 per cent", "20-percent": found from the digit.
_PERCENT_RE = re.compile(
    rf"(?P<num>\d(?<![\w.,]\d){_NUMBER_REST})(?:\s?(?P<sign>%)|\s?(?:-\s?)?(?P<word_sign>{_PERCENT_SIGNS})(?![A-Za-z]))"
)
# "ten per cent", "twenty-five percent": searched only near "cent".
_PERCENT_WORDS_RE = re.compile(
    rf"(?<![A-Za-z0-9.,])(?P<word>(?:{_alternation(_TENS)})-(?:{_PERCENT_WORD_UNITS})|{_PERCENT_WORD_SIMPLE})"
    r"[\s-]+(?:per[\s-]?cent|percent)(?![A-Za-z])",
    re.IGNORECASE,
)


def find_percent(text: str) -> list[tuple[int, int, float]]:
    """Every percentage in ``text``: ``(start, end, value)`` with 10.0 for "10%" or "ten per cent".

    "Percentage points" are changes, not shares, and are left out.
    """
    found: list[tuple[int, int, float]] = []
    for match in _PERCENT_RE.finditer(text):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_.,"):
            continue
        found.append((start, match.end(), float(match.group("num").replace(",", ""))))
    lowered = text.lower()
    position = lowered.find("cent")
    while position != -1:
        match = _PERCENT_WORDS_RE.search(text, max(0, position - 30), min(len(text), position + 4))
        if match and match.end() == position + 4:
            found.append((match.start(), match.end(), float(_word_number(match.group("word")))))
        position = lowered.find("cent", position + 4)
    found.sort()
    return found
