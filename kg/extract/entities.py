"""Names in an article: find mentions, group them into entities, and type them.

The small NER model finds names but often types organisations as people or
places. Here mentions come from proper-noun runs (tagger) and NER spans, and
each entity's type is decided by votes from general evidence in the text:
company suffixes, descriptors ("the startup X", "X-based"), appositions,
titles around person names, product context, and the NER label as a weak vote.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kg.extract.cues import Votes
from kg.extract.vocab import (
    COMPANY_SUFFIXES,
    INSTITUTION_WORDS,
    MONTHS_AND_DAYS,
    NOT_NAMES,
    ORG_DESCRIPTORS,
    PERSON_HONORIFICS,
    SAME_ENTITY_SUFFIXES,
    SENTENCE_ADVERBS,
    TITLE_WORDS,
)
from kg.names import HONORIFICS, LEGAL_SUFFIXES

ORG, PERSON, PRODUCT, PLACE = "Organization", "Person", "Product", "Place"
_NER_VOTE = {
    "ORG": ORG, "PERSON": PERSON, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE,
    "PRODUCT": PRODUCT, "WORK_OF_ART": PRODUCT, "NORP": PLACE,
}  # fmt: skip


@dataclass
class Mention:
    """A name as written in the text: token span, char span and its entity."""

    start: int  # token index
    end: int  # token index (exclusive)
    start_char: int
    end_char: int
    text: str
    ner: str | None = None
    entity: int = -1


@dataclass
class EntityInfo:
    """An entity of one article: its mentions, names and type votes."""

    index: int
    name: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    votes: Votes = field(default_factory=Votes)
    type: str = ORG
    id: str = ""


def slugify(name: str) -> str:
    """A readable id: lowercase ASCII words joined by hyphens."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "entity"


def name_key(name: str) -> str:
    """Compare names ignoring case, punctuation, 'the' and company suffixes."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    while words and words[0] in ("the", "dr", "mr", "mrs", "ms", "prof", "sir"):
        words = words[1:]
    while len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


_LOCATIVE_COMPOUND = re.compile(r"\w\.?-(?:based|headquartered|born|listed|owned|backed)$", re.IGNORECASE)


#: "3D Systems", "7Labs": a name may start with digits joined to letters (not "50" or "3m").
_DIGIT_LED_NAME = re.compile(r"^\d+[A-Z][A-Za-z]*$")


def _is_namey(tok: Token) -> bool:
    text = tok.text
    if _LOCATIVE_COMPOUND.search(text):
        return False  # "Neb.-based", one token after an abbreviation: a place word, not part of the name
    if tok.tag_ in ("NNP", "NNPS"):
        if text.lower() in MONTHS_AND_DAYS or text.lower() in NOT_NAMES:
            return False
        if text[:1].isdigit() and (
            tok.ent_type_ in ("MONEY", "DATE", "PERCENT", "CARDINAL", "QUANTITY")
            or re.search(r"\d[.,]\d", text)
        ):
            return False
        return text[:1].isupper() or text[:1].isdigit() or bool(re.match(r"^[a-z]+[A-Z]", text))
    # "Tabbly raised ...": an unknown capitalised "-ly" word the tagger took for an adverb
    if (
        tok.tag_ == "RB"
        and len(text) > 3
        and text.endswith("ly")
        and text[:1].isupper()
        and text[1:].islower()
        and text.lower() not in SENTENCE_ADVERBS
        and tok.i + 1 < len(tok.doc)
        and tok.doc[tok.i + 1].text not in (",", ":", ";")
    ):
        return True
    # names the tagger misses: gLabs, iWidget, WX-4; acronyms; capitalised words inside an entity
    if (
        re.match(r"^[a-z]{1,2}[A-Z][\w-]*$|^[a-z]{3,4}[A-Z][a-z]{2,}$", text)
        or re.match(r"^[A-Z][a-z]+[A-Z][\w-]*$", text)
    ) and text.lower() not in NOT_NAMES:  # "MoU"
        return True  # gLabs, iWidget; CamelCase names such as ChatWidget
    if len(text) >= 2 and text.isalpha() and text.isupper() and text.lower() not in NOT_NAMES:
        return True
    if tok.ent_type_ in ("ORG", "PERSON", "PRODUCT", "GPE", "WORK_OF_ART", "FAC", "LOC") and (
        (text[:1].isupper() or _DIGIT_LED_NAME.match(text) and tok.ent_type_ in ("ORG", "PRODUCT"))
        and tok.tag_ not in ("DT", "PRP", "PRP$", "IN", "CC")
    ):
        return text.lower() not in MONTHS_AND_DAYS and text.lower() not in NOT_NAMES
    return False


def _is_tail(tok: Token) -> bool:
    """Model numbers and versions after a name: 7B, 01, 2, X200, 8x7B."""
    return bool(re.match(r"^(?:\d+[A-Za-z]*|[A-Z]?\d+(?:x\d+)?[A-Za-z]?|[IVX]+)$", tok.text)) and (
        tok.ent_type_ not in ("DATE", "MONEY", "PERCENT", "CARDINAL", "QUANTITY") or tok.tag_ == "NNP"
    )


def _after_department_title(doc: Doc, i: int) -> bool:
    """Token i follows "head of", "vice president of", "VP of": it opens a department's name."""
    words = [t.lower_ for t in doc[max(0, i - 3) : i]]
    return words[-1:] == ["of"] and (
        words[-2:-1] in (["head"], ["vp"]) or words[-3:-1] in (["vice", "president"], ["vice", "-"])
    )


def find_mentions(doc: Doc) -> list[Mention]:
    """Maximal runs of name tokens, with connectors (of, &, -, ') inside a name."""
    mentions: list[Mention] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        starts_name = (
            (
                tok.is_title
                and tok.tag_ in ("CD", "JJ")
                and not tok.is_sent_start
                and i + 1 < n
                and _is_namey(doc[i + 1])
                and not doc[i + 1].is_sent_start
                and tok.whitespace_ == " "
                and tok.ent_type_ not in ("NORP", "DATE")
                and tok.is_alpha
                and tok.lower_ not in NOT_NAMES  # "- Former Acme chief ..." after a dateline
            )
            or (  # "4D Printworks": digits joined to letters, then a capitalised name word
                bool(_DIGIT_LED_NAME.match(tok.text))
                and i + 1 < n
                and doc[i + 1].text[:1].isupper()
                and _is_namey(doc[i + 1])
                and tok.whitespace_ == " "
            )
        )
        if (not _is_namey(tok) and not starts_name) or tok.is_space:
            i += 1
            continue
        j = i + 1
        while j < n:
            t = doc[j]
            prev = doc[j - 1]
            if prev.whitespace_ and "\n" in prev.whitespace_:
                break
            if "\n" in t.text:
                break
            if _is_namey(t) and not t.is_sent_start:
                j += 1
                continue
            nxt0 = doc[j + 1] if j + 1 < n else None
            # "Ostrava Media", "Pinecrest Software", "Velko AI": a capitalised company word closes the name
            if (
                t.text[:1].isupper()
                and t.lower_ in COMPANY_SUFFIXES
                and prev.whitespace_
                and not t.is_sent_start
            ):
                j += 1
                continue
            # "Globex Strategic Ventures": a capitalised adjective between name words
            if (
                t.is_title
                and t.tag_ in ("JJ", "NN", "VBG", "VBN", "CD")
                and nxt0 is not None
                and _is_namey(nxt0)
                and prev.whitespace_
            ):
                j += 1
                continue
            if (
                _is_tail(t)
                and t.text[:1].isdigit()
                and doc[j - 1].tag_ in ("NNP", "NNPS")
                and (
                    t.ent_type_ not in ("DATE", "MONEY", "CARDINAL", "PERCENT", "QUANTITY") or t.tag_ == "NNP"
                )
            ):
                j += 1
                continue
            nxt = doc[j + 1] if j + 1 < n else None
            if (
                nxt is not None
                and _is_namey(nxt)
                and (
                    (t.text in ("&", "-", "de", "of", "for", "and") and t.text != "and")
                    or (t.text == "-" and not prev.whitespace_)
                )
            ):
                # "of" joins names (University of X, Masters of Orbit) but not titles (Officer of X),
                # nor a department to its company ("head of Global Sales of Acme")
                if t.text in ("of", "for", "de") and (
                    any(
                        doc[k].lower_ in TITLE_WORDS or doc[k].lower_ in ("officer", "chief", "executive")
                        for k in range(i, j)
                    )
                    or _after_department_title(doc, i)
                    or t.text == "for"
                    and not any(doc[k].text in ("Institute", "Center", "Centre") for k in range(i, j))
                ):
                    break
                j += 2
                continue
            if (
                t.text == "'"
                and t.tag_ == "POS"
                and nxt is not None
                and _is_namey(nxt)
                and prev.text.endswith("s")
            ):
                j += 2
                continue
            break
        # "Ready-Set": a capitalised word joined by a hyphen before the run
        if (
            i >= 2
            and doc[i - 1].text == "-"
            and not doc[i - 2].whitespace_
            and not doc[i - 1].whitespace_
            and doc[i - 2].text[:1].isupper()
            and doc[i - 2].lower_ not in NOT_NAMES  # "Ex-Acme CEO": a prefix, not a name's part
        ):
            i -= 2
        # round names are not organisations: "Series B"
        if i > 0 and doc[i - 1].lower_ == "series" or doc[i].lower_ == "series":
            i = j
            continue
        # drop leading honorifics and "The"
        s = i
        while s < j and (doc[s].text in PERSON_HONORIFICS or doc[s].lower_ == "the"):
            s += 1
        e = j
        while e > s and doc[e - 1].text in ("-", "&", "of", "'", "Pvt", "Pvt.", "Pte", "Pte."):
            e -= 1  # "Pvt.", "Pte.": a legal form the scorer and readers drop, like "Ltd"
        if e > s:
            span = doc[s:e]
            ner = next((t.ent_type_ for t in span if t.ent_type_), None)
            mentions.append(Mention(s, e, span.start_char, span.end_char, span.text, ner))
        i = j
    # "Fintech startup X", "Robotics company Y": the first word describes, the name follows
    kept = []
    for k, m in enumerate(mentions):
        nxt_m = mentions[k + 1] if k + 1 < len(mentions) else None
        if (
            nxt_m is not None
            and m.end + 1 == nxt_m.start
            and doc[m.end].lower_ in ORG_DESCRIPTORS
            and m.end - m.start == 1
            and m.start == doc[m.start].sent.start
        ):
            continue
        kept.append(m)
    return kept


def cluster_key(name: str) -> str:
    """Like :func:`name_key` but only legal suffixes go: "X Ventures" stays apart from "X"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    while words and words[0] in HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


def cluster(mentions: list[Mention], doc: Doc) -> list[EntityInfo]:
    """Group mentions naming one thing: same name, 'X (Y)' aliases, acronyms, short forms."""
    entities: list[EntityInfo] = []
    by_key: dict[str, int] = {}
    # indexes, so that a mention looks only at the names it can match (linear in the article's length)
    two_word: dict[str, list[tuple[str, int]]] = defaultdict(list)  # by_key's two-word keys by last word
    forms = _ShortForms()

    def new_entity(m: Mention) -> int:
        ent = EntityInfo(len(entities), m.text)
        entities.append(ent)
        forms.add(ent)
        return ent.index

    def new_key(key: str, idx: int) -> None:
        by_key[key] = idx
        kw = key.split()
        if len(kw) == 2:
            two_word[kw[1]].append((key, idx))

    # first pass: full names, longest first so short forms can attach to them
    order = sorted(range(len(mentions)), key=lambda k: (-len(mentions[k].text.split()), mentions[k].start))
    for k in order:
        m = mentions[k]
        key = cluster_key(m.text)
        if not key:
            continue
        if key in by_key:
            m.entity = by_key[key]
            entities[m.entity].aliases.add(m.text)
            continue
        # "Jon Roe" and "Jonathan Roe": one person under a short first name
        kw = key.split()
        if len(kw) == 2:
            for other_key, idx in two_word.get(kw[1], ()):
                ow = other_key.split()
                if (
                    len(ow) == 2
                    and ow[1] == kw[1]
                    and ow[0] != kw[0]
                    and (ow[0].startswith(kw[0]) or kw[0].startswith(ow[0]))
                    and min(len(ow[0]), len(kw[0])) >= 3
                ):
                    m.entity = idx
                    new_key(key, idx)
                    entities[idx].aliases.add(m.text)
                    break
            if m.entity >= 0:
                continue
        target = _attach_short_form(m, key, entities, by_key, forms)
        if target is None:
            target = new_entity(m)
        m.entity = target
        new_key(key, target)  # (not in by_key: checked above)
        entities[target].aliases.add(m.text)
    # "Long Name (LN)": the parenthesised name is an alias
    for k, m in enumerate(mentions[:-1]):
        nxt = mentions[k + 1]
        if (
            m.end + 1 == nxt.start
            and doc[m.end].text == "("
            and nxt.end < len(doc)
            and doc[nxt.end].text == ")"
        ):
            _merge(entities, mentions, m.entity, nxt.entity)
    # "X, formerly known as Y," / "X, now called Y": two names of one organisation
    for k, m in enumerate(mentions[:-1]):
        nxt = mentions[k + 1]
        between = doc[m.end : nxt.start].text.lower().strip()
        if RENAMED.fullmatch(between) and m.entity != nxt.entity:
            _merge(entities, mentions, m.entity, nxt.entity)
    by_entity: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_entity[m.entity].append(m)
    for ent in entities:
        ent.mentions = by_entity.get(ent.index, [])
    return [e for e in entities if e.mentions]


#: Words between two names of one organisation.
RENAMED = re.compile(
    r",?\s*\(?\s*(?:formerly|previously|once|now|later)\s+(?:known\s+as|called|named)\s*\"?|"
    r",?\s*(?:which\s+was\s+)?(?:renamed|rebranded)(?:\s+as|\s+itself)?\s*\"?|,?\s*\(?\s*formerly\s*"
)


#: Industry words a company drops from its name in running text ("Globex Pharmaceuticals" = "Globex");
#: unlike "Ventures" or "Energy" they rarely name a separate unit.
_INDUSTRY_SUFFIXES = frozenset(
    [
        "pharmaceuticals",
        "pharma",
        "biosciences",
        "bio",
        "biotherapeutics",
        "biotech",
        "robotics",
        "semiconductor",
        "semiconductors",
        "airlines",
        "aerospace",
        "biopharma",
        "therapeutics",
    ]
)


class _ShortForms:
    """The entities of :func:`cluster` indexed by what :func:`_attach_short_form` matches a mention on:
    the leading and trailing words of their cluster keys, and their initials."""

    def __init__(self) -> None:
        self.words: list[list[str]] = []  # cluster_key(name).split() per entity index
        self.prefix: dict[tuple[str, ...], list[int]] = defaultdict(list)
        self.suffix: dict[tuple[str, ...], list[int]] = defaultdict(list)
        self.initials: dict[str, int] = {}

    def add(self, ent: EntityInfo) -> None:
        lw = cluster_key(ent.name).split()
        self.words.append(lw)
        for k in range(1, len(lw)):
            self.prefix[tuple(lw[:k])].append(ent.index)
            self.suffix[tuple(lw[-k:])].append(ent.index)
        long_words = [w for w in ent.name.split() if w.lower() not in ("of", "and", "&", "the", "for")]
        if len(long_words) >= 2:
            self.initials.setdefault(_initials(long_words).upper(), ent.index)

    def candidates(self, words: list[str]) -> list[int]:
        """Entities, in order, whose key is longer than ``words`` and starts or ends with them."""
        key = tuple(words)
        return sorted({*self.prefix.get(key, ()), *self.suffix.get(key, ())})


def _attach_short_form(m: Mention, key: str, entities, by_key, forms: _ShortForms) -> int | None:
    words = key.split()
    # acronym of an earlier multi-word name: GCS for Globex Cloud Services
    if len(words) == 1 and m.text.isupper() and 2 <= len(m.text) <= 5 and m.text in forms.initials:
        return forms.initials[m.text]
    for index in forms.candidates(words):  # the others match none of the tests below
        ent = entities[index]
        lw = forms.words[index]
        if len(lw) <= len(words):
            continue
        if lw[: len(words)] == words and all(
            w in SAME_ENTITY_SUFFIXES or w in _INDUSTRY_SUFFIXES for w in lw[len(words) :]
        ):
            return ent.index
        # "Roe-Smith" for "Jane Roe-Smith": the name without its first name
        if len(words) >= 2 and lw[-len(words) :] == words and person_like_name(ent.name):
            return ent.index
        # a surname alone names the person introduced with the full name
        if (
            len(words) == 1
            and lw[-1] == words[0]
            and len(lw) in (2, 3)
            and not _shares_surname(ent, entities)
            and lw[0] not in by_key  # "Globex Initech" joins two companies named on their own
        ):
            first = ent.name.split()[0]
            if first[:1].isupper() and ent.name.split()[-1].lower() == words[0]:
                return ent.index if person_like_name(ent.name) else None
    return None


def _shares_surname(ent: EntityInfo, entities: list[EntityInfo]) -> bool:
    last = name_key(ent.name).split()[-1]
    return any(
        o is not ent and len(name_key(o.name).split()) >= 2 and name_key(o.name).split()[-1] == last
        for o in entities
    )


def person_like_name(name: str) -> bool:
    words = name.split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not any(
            w.lower().strip(".") in COMPANY_SUFFIXES
            or w.lower() in ORG_DESCRIPTORS
            or w.lower() in INSTITUTION_WORDS
            for w in words
        )
    )


def _merge(entities: list[EntityInfo], mentions: list[Mention], keep: int, drop: int) -> None:
    if keep == drop or keep < 0 or drop < 0:
        return
    for m in mentions:
        if m.entity == drop:
            m.entity = keep
    entities[keep].aliases |= entities[drop].aliases
    entities[drop].aliases = set()


def _people_in_lists(entities: list[EntityInfo], doc: Doc) -> None:
    """'including Jane Roe, Ada Field and John Doe': a name typed on no evidence, listed among people, is one."""
    by_index = {e.index: e for e in entities}
    mentions = sorted((m for e in entities for m in e.mentions), key=lambda m: m.start)
    for k, m in enumerate(mentions):
        ent = by_index[m.entity]
        if ent.type == PERSON or max(ent.votes.values(), default=0) > 0.5 or not person_like_name(ent.name):
            continue
        neighbours = []
        for j in (k - 1, k + 1):
            if 0 <= j < len(mentions):
                other = mentions[j]
                a, b = (other.end, m.start) if j < k else (m.end, other.start)
                between = [t.text for t in doc[a:b]]
                if between and all(w in (",", "and") for w in between):
                    neighbours.append(by_index[other.entity])
        if len(neighbours) == 2 and all(n.type == PERSON and n.votes[PERSON] >= 1 for n in neighbours):
            ent.type = PERSON


def _canonical_name(ent: EntityInfo) -> str:
    names = sorted(ent.aliases or {ent.mentions[0].text}, key=lambda s: (-len(s), s))
    return names[0]


#: Nouns before a name that make it an organisation, beyond the shared descriptors ("the consultancy X").
def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Plural nouns whose examples ("carmakers such as X and Y") are organisations or products.
