"""The checks every draft passes before it becomes a fact, whichever rule found it.

A newsroom that reports a fact is no party to it, a fact needs distinct parties, a sentence
that denies states nothing, and a company's revenue or headcount is never a deal's amount.
:mod:`kg.extract.document` applies :func:`sane_drafts` to the drafts of every article.
"""

from __future__ import annotations

import bisect
import re

from kg.extract.entities import EntityInfo
from kg.extract.rules import Draft
from kg.names import LEGAL_SUFFIXES as NAME_LEGAL_SUFFIXES

#: A sentence that denies what it reports: its facts are not stated (a "no comment" is no denial).
DENIAL = re.compile(
    r"\b(?:denied|denies|deny|denying|ruled\s+out|rules\s+out|dismissed\s+(?:a\s+|the\s+)?(?:reports?|speculation|rumou?rs?))\b"
    r"|(?:\b(?:not|never|no\s+plans?\s+to|no\s+intention\s+(?:of|to))|n't)\s+(?!(?:only|just|merely)\b)"
    r"(?:(?!(?:only|just|merely)\b)\w+\s+){0,2}?"
    r"(?:invest\w*|buy\w*|bought|acquir\w*|purchas\w*|sell\w*|sold|merg\w*|bid(?:s|ding)?|make\s+an\s+offer|"
    r"tak\w*\s+(?:a|any)\s+stake|(?:hold|own)(?:s|ing)?\s+(?:a|any)\s+stake|participat\w*|take\s+part|took\s+part|"
    r"back(?:s|ed|ing)?|fund(?:s|ed|ing)?|partner\w*|collaborat\w*|suppl(?:y|ies|ied|ying)|use[sd]?|using|pursu\w*|"
    r"in\s+(?:talks|discussions|negotiations)|negotiat\w*)\b",
    re.I,
)
#: Words that make an amount a company's results or size, never a deal's price or a round's size.
RESULTS_WORD = re.compile(
    r"\b(?:revenues?|sales|turnover|profits?|earnings|ebitda|net\s+income|operating\s+income|losses|"
    r"(?:net|operating|annual|quarterly)\s+loss|bookings|recurring\s+revenue|arr|gmv|gross\s+merchandise|"
    r"employees|staff|workers|headcount|wages|salar(?:y|ies)|dividends?|buy-?backs?|capex|capital\s+expenditure)\b",
    re.I,
)
AMOUNT_FACTS = frozenset(["investment", "funding_round", "valuation", "funding_total", "acquisition"])
#: a company suffix on its own is a fragment of a name, never a party
LEGAL_SUFFIXES = NAME_LEGAL_SUFFIXES | {"holdings", "group", "company"}
#: words that name no one on their own: the tail of a name the model cut ("Globex Next [Ventures]")
NAME_FRAGMENTS = LEGAL_SUFFIXES | {
    "ventures",
    "capital",
    "partners",
    "investments",
    "fund",
    "technologies",
    "systems",
}
#: words after a name that make it a place, a plan or a part of a page, never a product
#: ("the Kestrel project", "the Orchard tab", "the Marlow mine")
NOT_PRODUCT_AFTER = re.compile(
    r"\s+(?:project|projects|tab|tabs|mine|mines|site|sites|deposit|deposits|field|fields|plant|plants|"
    r"facility|facilities|factory|campus|office|offices|headquarters|region|district|page|section|button|menu)\b",
    re.I,
)
#: words before a name that make it the letter of a funding round ("Series C")
ROUND_LETTER_BEFORE = re.compile(r"\b(?:series|round)\s+$", re.I)
#: a common noun written with a capital is a category, not a product's name ("Snacks", "Apps")
CATEGORY_NAME = re.compile(
    r"(?:snacks?|drinks?|beverages?|apps?|games?|devices?|products?|services?|solutions?|software|platforms?|"
    r"tools?|cars?|vehicles?|phones?|smartphones?|chips?|models?|foods?|beauty|fashion|health|wellness|"
    r"breakfast|cereals?|juices?|cosmetics|apparel|accessories|electronics)",
    re.I,
)


def not_a_product_name(info: EntityInfo, text: str) -> str:
    """Why a name is no product: one letter, a round's letter, a category word, or a project or place."""
    name = info.name.strip()
    if len(re.sub(r"[^A-Za-z0-9]", "", name)) <= 1:
        return "single-letter"
    spans = [(m.start_char, m.end_char) for m in info.mentions] or [
        (m.start(), m.end()) for m in re.finditer(re.escape(name), text)
    ]
    if spans and all(ROUND_LETTER_BEFORE.search(text[max(0, s - 10) : s]) for s, _ in spans):
        return "round-letter"
    if CATEGORY_NAME.fullmatch(name):
        return "category-word"
    if spans and all(NOT_PRODUCT_AFTER.match(text[e : e + 25]) for _, e in spans):
        return "not-a-product-after"
    return ""


#: fact types between two different companies (a unit named after its parent is a subsidiary, not these)
SEPARATE_PARTIES = frozenset(["acquisition", "investment", "partnership", "supplier"])


def _results_amount(sentence_text: str, sent_start: int, money_start: int, money_end: int) -> bool:
    """The amount at [money_start, money_end) is revenue, profit or a headcount ("$2bn in annual sales")."""
    before = sentence_text[max(0, money_start - sent_start - 45) : money_start - sent_start]
    after = sentence_text[money_end - sent_start : money_end - sent_start + 30]
    before = re.split(r"[,;:]|\b(?:and|but|while|after|valu\w+|rais\w+|invest\w*|for|at)\b", before)[-1]
    after = re.split(r"[,;:]|\b(?:and|but|while|from|for|at|led|valu\w+)\b", after)[0]
    return bool(
        RESULTS_WORD.search(before)
        or re.match(r"\s*(?:in|of)?\s*(?:\w+\s+)?" + RESULTS_WORD.pattern, after, re.I)
    )


class SentenceIndex:
    """Which sentence a token or character offset is in (sentences are in order and do not overlap)."""

    def __init__(self, sents) -> None:
        self.sents = sents

    def group(self, items, start=lambda x: x[0], token: bool = False) -> dict[int, list]:
        """Sentence index -> the items starting in that sentence (a token or a character offset), in order."""
        starts = [s.start if token else s.start_char for s in self.sents]
        out: dict[int, list] = {}
        for item in items:
            at = start(item)
            si = bisect.bisect_right(starts, at) - 1
            if si < 0:
                continue
            sent = self.sents[si]
            if at < (sent.end if token else sent.end_char):  # (not in the gap after a sentence)
                out.setdefault(si, []).append(item)
        return out


def sane_drafts(
    drafts: list[Draft],
    sents,
    text: str,
    by_index: dict[int, EntityInfo],
    money: list,
    dropped: list[tuple[Draft, str]] | None = None,
    news_sources: set[int] | frozenset[int] = frozenset(),
) -> list[Draft]:
    """General checks every draft must pass, whichever rule found it.

    A newsroom or data provider that reports a fact is no party to it (``news_sources``);
    a fact needs distinct parties; a sentence that denies ("did not", "denied", "no plans
    to") states nothing; a company's revenue, profit or headcount is never a deal's amount;
    a company named twice ("Initech", "Initech Holdings") does not deal with itself.
    """
    kept: list[Draft] = []
    dropped = dropped if dropped is not None else []
    money_in = SentenceIndex(sents).group(money)  # _insane looks at the amounts of the draft's sentence
    for d in drafts:
        in_sent = money_in.get(d.sentence, []) if d.sentence >= 0 else money
        reason = _insane(d, sents, text, by_index, in_sent, news_sources)
        if reason == "amount":
            d.values.pop("amount", None)
            d.values.pop("currency", None)
            reason = "" if d.type in ("investment", "acquisition") else reason
        if reason:
            dropped.append((d, reason))
            continue
        kept.append(d)
    return kept


def _insane(
    d: Draft, sents, text: str, by_index: dict[int, EntityInfo], money: list, news_sources=frozenset()
) -> str:
    parties = [v for k, v in d.roles.items()]
    if any(v in news_sources for v in parties):
        return "attribution-source"
    if len(set(parties)) < len(parties):
        return "same-entity"
    if any(v in by_index and not re.search(r"[A-Z0-9]", by_index[v].name) for v in parties):
        return "lowercase-name"  # "generative", "snacks": a word, not a name
    if any(v in by_index and by_index[v].name.lower().strip(".,") in NAME_FRAGMENTS for v in parties):
        return "suffix-only"  # "Inc." cut off from "Initech Manufacturing, Inc." names nobody
    if d.type in SEPARATE_PARTIES and len(parties) == 2 and all(v in by_index for v in parties):
        a, b = (by_index[v].name.lower().split() for v in parties)
        if a and b and (a[: len(b)] == b or b[: len(a)] == a):
            return "same-name"  # "Initech" buying "Initech Holdings": one company named twice
    product = d.roles.get("product") if d.type in ("product", "uses") else None
    if product in by_index:
        why = not_a_product_name(by_index[product], text)
        if why:
            return why
    if d.sentence >= len(sents):
        return ""
    sent = sents[d.sentence]
    if DENIAL.search(sent.text):
        return "denial"
    amount = d.values.get("amount")
    if d.type in AMOUNT_FACTS and amount is not None:
        for s, e, _k, m, _v in money:
            same = abs(float(m.amount) - float(amount)) <= 0.01 * float(amount)
            if (
                sent.start_char <= s < sent.end_char
                and same
                and (getattr(m, "per_share", False) or _results_amount(sent.text, sent.start_char, s, e))
            ):
                return "amount"
    return ""
