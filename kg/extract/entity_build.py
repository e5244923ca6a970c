"""From a parsed article to its entities: mentions found, names spread to their repeats, clustered.

``entities.py`` says what a mention and an entity are and how mentions are found and clustered;
this module runs those steps over a document, adding the names the model missed (a name written
once in full is the same name where it recurs) and sentence-initial subjects.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter, defaultdict

from spacy.tokens import Doc

from kg.extract.entities import (
    EntityInfo,
    Mention,
    _word_set,
    cluster,
    find_mentions,
    person_like_name,
    slugify,
)
from kg.extract.vocab import (
    EMPLOYER_TITLES,
    MONTHS_AND_DAYS,
    NOT_NAMES,
    ORG_DESCRIPTORS,
    TITLE_WORDS,
)


def propagate_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Find again, anywhere in the text, names already found once ("Globex" at a sentence start)."""
    names = {
        m.text
        for m in mentions
        if len(m.text) >= 3 and m.text[:1].isupper() and m.text.lower() not in NOT_NAMES
    }
    # surnames of people named in full: "Suleyman is chief executive"
    surnames = Counter(m.text.split()[-1] for m in mentions if m.ner == "PERSON" and person_like_name(m.text))
    names |= {n for n, _c in surnames.items() if len(n) >= 4 and n[:1].isupper()}
    if not names:
        return mentions
    # spans already found, by start, with the furthest end up to each: one bisect per match, not a scan
    covered = sorted((m.start_char, m.end_char) for m in mentions)
    starts = [a for a, _b in covered]
    reach = list(itertools.accumulate((b for _a, b in covered), max))
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        + r")(?![\w-])"
    )
    extra = []
    for found in pattern.finditer(doc.text):
        s, e = found.span()
        before = bisect.bisect_left(starts, e)  # spans starting before this match ends...
        if before and reach[before - 1] > s:  # ...overlap it when one ends after it starts
            continue  # (matches never overlap each other: finditer)
        span = doc.char_span(s, e)
        if span is None:
            continue
        extra.append(Mention(span.start, span.end, s, e, span.text, None))
    return sorted(mentions + extra, key=lambda m: m.start)


_SUBJECT_PASSIVE = _word_set("found co-found establish acquire buy value back list incorporate")
_SUBJECT_ACTIVE = _word_set("raise acquire buy secure")
#: Verbs of company news whose subject, one unknown word, is a company even through "plans to",
#: "has agreed to": "Quorvane plans to raise", "Quorvane agreed to buy", "Quorvane announced".
_SUBJECT_CHAIN = _word_set("raise acquire buy secure close complete merge announce launch invest")
_CHAIN_HEADS = _word_set("plan agree aim seek hope expect intend want look move")


def _employers_before_titles(doc: Doc, covered: set[int]) -> list[Mention]:
    """'said Varnel analyst Jo Park', 'Talvik CFO Ruth Ames': capitalised words the model left untagged
    right before a job title and a person's name are the person's employer."""
    out = []
    for tok in doc:
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if (
            nxt is None
            or tok.i in covered
            or not (tok.is_title or (tok.is_upper and 2 <= len(tok.text) <= 5))
            or not tok.is_alpha
            or len(tok.text) < 2
            or tok.tag_ not in ("NN", "NNP", "NNS", "NNPS")
            or tok.ent_type_ in ("NORP", "LOC", "DATE", "TIME")
            or tok.lower_ in NOT_NAMES
            or tok.lower_ in TITLE_WORDS
            or tok.lower_ in ORG_DESCRIPTORS
            or tok.lower_ in MONTHS_AND_DAYS
        ):
            continue
        if not (
            nxt.lower_ in EMPLOYER_TITLES
            or (nxt.lower_ == "co" and doc[tok.i + 2 : tok.i + 4].text.replace(" ", "") == "-founder")
        ):
            continue
        if not any(t.ent_type_ == "PERSON" for t in doc[tok.i + 2 : tok.i + 8] if t.sent == tok.sent):
            continue
        start = tok.i
        while (
            start > tok.sent.start
            and start - 1 not in covered
            and doc[start - 1].is_title
            and doc[start - 1].is_alpha
            and doc[start - 1].lower_ not in NOT_NAMES
            and doc[start - 1].ent_type_ not in ("NORP", "GPE", "DATE")
            and start - 1 > tok.sent.start  # a sentence's first word may be any capitalised word
        ):
            start -= 1
        if start > tok.sent.start and doc[start - 1].is_title and doc[start - 1].is_alpha:
            continue  # part of a longer capitalised run we cannot delimit
        first, last = doc[start], tok
        out.append(
            Mention(start, tok.i + 1, first.idx, last.idx + len(last.text), doc[start : tok.i + 1].text, None)
        )
    return out


def _company_news_verb(verb) -> bool:
    """'announced', 'plans to raise', 'has agreed to buy': the verb, or the verb it leads to, is company news."""
    if verb.lemma_ in _SUBJECT_CHAIN:
        return True
    return verb.lemma_ in _CHAIN_HEADS and any(
        c.dep_ == "xcomp" and c.lemma_ in _SUBJECT_CHAIN for c in verb.children
    )


def _sentence_initial_subjects(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'Quorvane was founded in 2019': a capitalised sentence-initial word the tagger took for a common
    noun is a name when it alone is the subject of a company verb."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out = _employers_before_titles(doc, covered)
    covered |= {i for m in out for i in range(m.start, m.end)}
    for sent in doc.sents:
        tok = sent[0]
        if (
            tok.i in covered
            or not tok.is_title
            or not tok.is_alpha
            or len(tok.text) < 3
            or tok.tag_ not in ("NN", "NNP", "JJ")
            or tok.lower_ in NOT_NAMES
            or tok.lower_ in MONTHS_AND_DAYS
            or any(c.i < tok.i for c in tok.children)
            or tok.i + 1 >= len(doc)
            or doc[tok.i + 1].pos_ in ("NOUN", "PROPN", "ADJ")
        ):
            continue
        aside = (
            doc[tok.i + 1].text == ","
            and tok.i + 2 < len(doc)
            and doc[tok.i + 2].lower_ in ("founded", "co-founded", "based", "headquartered", "which", "whose")
        )  # "Talvik, founded in 2015 by ...", "Talvik, which makes ..."
        if (
            aside
            or (tok.dep_ == "nsubjpass" and tok.head.lemma_ in _SUBJECT_PASSIVE)
            or (tok.dep_ == "nsubj" and tok.head.lemma_ in _SUBJECT_ACTIVE)
            or (tok.dep_ == "nsubj" and _company_news_verb(tok.head))
        ):
            out.append(Mention(tok.i, tok.i + 1, tok.idx, tok.idx + len(tok.text), tok.text, None))
    return out


_CAPS_PLACE = r"[A-Z]{2,}[A-Z.'-]*(?:\s+[A-Z]{2,}[A-Z.'-]*)*(?:,\s+[A-Z][a-z]+\.?)*"
#: A wire or press-release dateline opening a line: "SAN FRANCISCO, May 14 (Reuters) -",
#: "WILMINGTON, Del. and HAMILTON, Ontario, March 19, 2024 --", "BERLIN (AP) --".
WIRE_DATELINE = re.compile(
    rf"(?m)^[ \t]*((?:\*\*)?{_CAPS_PLACE}(?:\s+and\s+{_CAPS_PLACE})?"
    r"(?:,\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]+\.?(?:\s+\d{4})?))?"
    r"\s*(?:\([^)\n]{1,40}\))?(?:\*\*)?)\s*(?:[-—–]+|/[A-Za-z ]+/\s*[-—–]*)\s"
)


#: a headline's raise and the word that opens its list of backers ("Raises $7M in Seed Funding Led by")
HEADLINE_BACKERS_AT = re.compile(
    r"\b(?:Raises|Secures|Closes|Lands|Bags|Receives)\s+(?:[$€£]|US\$|[A-Z]{3}\s?)\d[^\n.;:]*?\b(?:[Ff]rom|[Ll]ed [Bb]y|[Bb]acked [Bb]y)\s+"
)


def build_entities(
    doc: Doc, skip: tuple[int, int] | None = None, headline_end: int = 0
) -> tuple[list[EntityInfo], list[Mention]]:
    """Mentions, grouped and typed, with unique slug ids.

    ``skip`` is a char range to ignore (a dateline); names in a title-case headline before
    ``headline_end`` count only when the body repeats them ("Names X Chief Executive").
    """
    mentions = find_mentions(doc)
    mentions = sorted(mentions + _sentence_initial_subjects(doc, mentions), key=lambda m: m.start)
    wire = WIRE_DATELINE.search(doc.text[:1500])
    if wire:  # "SAN FRANCISCO, May 14 (Reuters) -": the place and the agency are not the story's names
        mentions = [m for m in mentions if not (wire.start(1) <= m.start_char < wire.end(1))]
    if headline_end:
        body = doc.text[headline_end:]
        backers = HEADLINE_BACKERS_AT.search(doc.text[:headline_end])
        listed = backers.end() if backers else headline_end
        mentions = [
            m
            for m in mentions
            if m.start_char >= headline_end
            or m.text in body
            or listed
            <= m.start_char  # "... Raises $7 Million from A, B and C": the backers the body may omit
        ]
    if skip is not None:
        mentions = [m for m in mentions if not (skip[0] <= m.start_char < skip[1])]
    mentions = propagate_names(doc, mentions)
    if skip is not None:
        mentions = [m for m in mentions if not (skip[0] <= m.start_char < skip[1])]
    entities = cluster(mentions, doc)
    from kg.extract.entity_types import vote_types  # (it builds on this module's types)

    vote_types(entities, doc)
    used: dict[str, int] = defaultdict(int)
    for ent in entities:
        base = slugify(ent.name)
        used[base] += 1
        ent.id = base if used[base] == 1 else f"{base}-{used[base]}"
    return entities, mentions
