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
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kg.extract.vocab import (
    COMPANY_SUFFIXES,
    INSTITUTION_WORDS,
    MONTHS_AND_DAYS,
    NOT_NAMES,
    ORG_DESCRIPTORS,
    PERSON_HONORIFICS,
    PRODUCT_CUES,
    SAME_ENTITY_SUFFIXES,
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
    votes: Counter = field(default_factory=Counter)
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


def _is_namey(tok: Token) -> bool:
    text = tok.text
    if tok.tag_ in ("NNP", "NNPS"):
        if text.lower() in MONTHS_AND_DAYS or text.lower() in NOT_NAMES:
            return False
        if text[:1].isdigit() and (
            tok.ent_type_ in ("MONEY", "DATE", "PERCENT", "CARDINAL", "QUANTITY")
            or re.search(r"\d[.,]\d", text)
        ):
            return False
        return text[:1].isupper() or text[:1].isdigit() or bool(re.match(r"^[a-z]+[A-Z]", text))
    # names the tagger misses: gLabs, iWidget, WX-4; acronyms; capitalised words inside an entity
    if re.match(r"^[a-z]{1,2}[A-Z][\w-]*$", text) or re.match(r"^[A-Z][a-z]+[A-Z][\w-]*$", text):
        return True  # gLabs, iWidget; CamelCase names such as ChatWidget
    if len(text) >= 2 and text.isalpha() and text.isupper() and text.lower() not in NOT_NAMES:
        return True
    if tok.ent_type_ in ("ORG", "PERSON", "PRODUCT", "GPE", "WORK_OF_ART", "FAC", "LOC") and (
        text[:1].isupper() and tok.tag_ not in ("DT", "PRP", "PRP$", "IN", "CC")
    ):
        return text.lower() not in MONTHS_AND_DAYS and text.lower() not in NOT_NAMES
    return False


def _is_tail(tok: Token) -> bool:
    """Model numbers and versions after a name: 7B, 01, 2, X200, 8x7B."""
    return bool(re.match(r"^(?:\d+[A-Za-z]*|[A-Z]?\d+(?:x\d+)?[A-Za-z]?|[IVX]+)$", tok.text)) and (
        tok.ent_type_ not in ("DATE", "MONEY", "PERCENT", "CARDINAL", "QUANTITY") or tok.tag_ == "NNP"
    )


def find_mentions(doc: Doc) -> list[Mention]:
    """Maximal runs of name tokens, with connectors (of, &, -, ') inside a name."""
    mentions: list[Mention] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        starts_name = (
            tok.is_title
            and tok.tag_ in ("CD", "JJ")
            and not tok.is_sent_start
            and i + 1 < n
            and _is_namey(doc[i + 1])
            and not doc[i + 1].is_sent_start
            and tok.whitespace_ == " "
            and tok.ent_type_ not in ("NORP", "DATE")
            and tok.is_alpha
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
            # "Ostrava Media", "Pinecrest Software": a capitalised company word closes the name
            if t.is_title and t.lower_ in COMPANY_SUFFIXES and prev.whitespace_ and not t.is_sent_start:
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
                # "of" joins names (University of X, Masters of Orbit) but not titles (Officer of X)
                if t.text in ("of", "for", "de") and (
                    any(
                        doc[k].lower_ in TITLE_WORDS or doc[k].lower_ in ("officer", "chief", "executive")
                        for k in range(i, j)
                    )
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
        ):
            i -= 2
        # round names are not organisations: "Series B"
        if i > 0 and doc[i - 1].text == "Series" or doc[i].text == "Series":
            i = j
            continue
        # drop leading honorifics and "The"
        s = i
        while s < j and (doc[s].text in PERSON_HONORIFICS or doc[s].lower_ == "the"):
            s += 1
        e = j
        while e > s and doc[e - 1].text in ("-", "&", "of", "'"):
            e -= 1
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

    def new_entity(m: Mention) -> int:
        ent = EntityInfo(len(entities), m.text)
        entities.append(ent)
        return ent.index

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
            for other_key, idx in by_key.items():
                ow = other_key.split()
                if (
                    len(ow) == 2
                    and ow[1] == kw[1]
                    and ow[0] != kw[0]
                    and (ow[0].startswith(kw[0]) or kw[0].startswith(ow[0]))
                    and min(len(ow[0]), len(kw[0])) >= 3
                ):
                    m.entity = idx
                    by_key[key] = idx
                    entities[idx].aliases.add(m.text)
                    break
            if m.entity >= 0:
                continue
        target = _attach_short_form(m, key, entities, by_key, doc)
        if target is None:
            target = new_entity(m)
        m.entity = target
        by_key.setdefault(key, target)
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
    for ent in entities:
        ent.mentions = [m for m in mentions if m.entity == ent.index]
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


def _attach_short_form(m: Mention, key: str, entities, by_key, doc) -> int | None:
    words = key.split()
    # acronym of an earlier multi-word name: GCS for Globex Cloud Services
    if len(words) == 1 and m.text.isupper() and 2 <= len(m.text) <= 5:
        for ent in entities:
            long_words = [w for w in ent.name.split() if w.lower() not in ("of", "and", "&", "the", "for")]
            if len(long_words) >= 2 and _initials(long_words).upper() == m.text:
                return ent.index
    for ent in entities:
        long_key = cluster_key(ent.name)
        lw = long_key.split()
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


def vote_types(entities: list[EntityInfo], doc: Doc) -> None:
    """Decide each entity's type from general evidence around its mentions."""
    surnames = {
        name.split()[-1]
        for e in entities
        for name in e.aliases
        if person_like_name(name) and any(m.ner == "PERSON" for m in e.mentions)
    }
    for ent in entities:
        votes = ent.votes
        names = {m.text for m in ent.mentions}
        place_labelled = False
        for m in ent.mentions:
            words = m.text.split()
            if m.ner in _NER_VOTE:
                # the small model calls many companies places; a place needs more than its label
                if _NER_VOTE[m.ner] != PLACE:
                    votes[_NER_VOTE[m.ner]] += 1
                elif not place_labelled:
                    votes[PLACE] += 0.5
                    place_labelled = True
            last = words[-1].lower().strip(".,")
            if (
                last in COMPANY_SUFFIXES
                or any(w.lower() in ORG_DESCRIPTORS or w.lower() in INSTITUTION_WORDS for w in words[1:])
                or words[0].lower() in INSTITUTION_WORDS
            ):
                votes[ORG] += 4
            if re.search(r"\d", m.text) and len(words) <= 3 and not m.text.isdigit():
                votes[PRODUCT] += 2
            if len(words) >= 2 and words[-1].lower() in PRODUCT_CUES:
                votes[PRODUCT] += 3  # "X Service", "X Platform"
            if _RAISES_MONEY.match(doc.text[m.end_char : m.end_char + 160]) or re.search(
                r"\bvalu(?:es|ed|ing)\s+$", doc.text[max(0, m.start_char - 20) : m.start_char]
            ):
                votes[ORG] += 4  # "X, the unit of Y, has raised $5bn", "values X at": products raise no money
            _context_votes(m, doc, votes)
        longest = max(names, key=lambda s: len(s.split()))
        if votes[PERSON] and (len(longest.split()) < 2 or not person_like_name(longest)):
            votes[PERSON] -= 3  # people are introduced with a full name
        if len(longest.split()) < 2 and votes[PERSON] > 0 and longest not in surnames:
            votes[PERSON] = 0  # a lone word is never a person named in full
        person_shaped = person_like_name(longest) and not any(
            w.lower() in COMPANY_SUFFIXES for w in longest.split()
        )
        best = max(
            (ORG, PERSON, PRODUCT, PLACE), key=lambda t: (votes[t], t == (PERSON if person_shaped else ORG))
        )
        if best == PLACE and votes[PLACE] < 1:
            best = ORG  # a lone place label from the small model is as often a company
        ent.type = best if votes[best] > 0 else ORG
        if (
            person_shaped
            and max(votes.values(), default=0) <= 0.5
            and votes[ORG] <= 0
            and all(m.ner in (None, "GPE", "PERSON") for m in ent.mentions)
        ):
            ent.type = PERSON  # "Theo Park": a name shaped like a person's with no evidence either way
        ent.name = _canonical_name(ent)
    # "Initech Oncology" beside "Initech": a name that extends an organisation's name is an organisation
    # (only names with evidence of an organisation: a lone first name "Yves" is not one)
    org_names = {e.name for e in entities if e.type == ORG and e.votes[ORG] >= 1}
    for ent in entities:
        if ent.type == PERSON and any(ent.name.startswith(n + " ") for n in org_names):
            ent.type = ORG
    _people_in_lists(entities, doc)


#: After a name: the company raises money ("X has raised $5m", "X, the unit of Y, raised €2bn").
_RAISES_MONEY = re.compile(
    r"(?:,[^,.;]{0,80},)?\s+(?:has\s+|had\s+|have\s+)?(?:raised|raises|is\s+raising)\s+"
    r"(?:(?:a|an|about|around|nearly|almost|more\s+than|over|some)\s+)*(?:[$€£¥]|US\$|HK\$|[A-Z]{3}\s?\d)"
)


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
_MORE_DESCRIPTORS = frozenset(
    ["consultancy", "chain", "airline", "carrier", "conglomerate", "broker", "brokerage", "utility", "bank"]
)


def _context_votes(m: Mention, doc: Doc, votes: Counter) -> None:
    before = doc[max(0, m.start - 4) : m.start]
    after = doc[m.end : m.end + 4]
    prev = doc[m.start - 1] if m.start > 0 else None
    nxt = doc[m.end] if m.end < len(doc) else None
    prev_words = [t.lower_ for t in before]
    if prev is not None:
        if (
            prev.lower_ in ORG_DESCRIPTORS
            or prev.lower_ in _MORE_DESCRIPTORS
            or prev.lower_.endswith(("maker", "-based"))
        ):
            votes[ORG] += 3
        if prev.lower_ in TITLE_WORDS or prev.text in PERSON_HONORIFICS:
            votes[PERSON] += 3
        if prev.lower_ in PRODUCT_CUES:
            votes[PRODUCT] += 3
        elif (
            prev.lower_ in ("editor", "browser", "tool")
            and m.start >= 2
            and doc[m.start - 2].lower_
            in ("code", "text", "web", "video", "photo", "design", "coding", "search")
        ):
            votes[PRODUCT] += 3  # "the AI-powered code editor X" (an "editor X" alone is a person's title)
        if prev.lower_ in ("in", "from", "across", "near") and m.ner in ("GPE", "LOC"):
            pre = [t.lower_ for t in doc[max(0, m.start - 5) : m.start - 1]]
            listed = re.search(
                r"(?:'s|’s)\s+(?:[a-z-]+\s+)?shares$", doc[max(0, m.start - 5) : m.start - 1].text
            )
            if listed:
                votes[PLACE] += 1  # "Globex's shares in Shenzhen": where a company's stock trades
            elif any(w.startswith(("invest", "stake", "share", "holding", "interest", "money")) for w in pre):
                votes[ORG] += 2
            else:
                votes[PLACE] += 1
        if (
            prev.lower_ == "of"
            and m.start >= 2
            and doc[m.start - 2].lower_
            in (
                "acquisition",
                "takeover",
                "purchase",
                "shares",
                "stake",
                "founder",
                "co-founder",
                "investors",
                "backer",
                "founders",
                "co-founders",
                "cofounder",
                "cofounders",
            )
        ):
            votes[ORG] += 2
    # "X and Y chips": coordinated names share the cue after the last one
    if nxt is not None and nxt.lower_ in ("and", ",", "or"):
        k = m.end + 1
        while (
            k < len(doc) and k < m.end + 6 and (doc[k].tag_ in ("NNP", "NNPS") or doc[k].text[:1].isdigit())
        ):
            k += 1
        if k > m.end + 1 and k < len(doc) and doc[k].lower_ in PRODUCT_CUES:
            votes[PRODUCT] += 2
    if (
        m.ner in ("GPE", "LOC")
        and nxt is not None
        and nxt.tag_ == "POS"
        and any(t.tag_ in ("NNP", "NNPS") for t in doc[m.end + 1 : m.end + 5])
    ):
        votes[PLACE] += 1  # "Norway's state-controlled X"
    if m.ner == "GPE" and m.text.isupper() and len(m.text) <= 3:
        votes[PLACE] += 1
    if "-based" in doc[m.end : m.end + 2].text or (
        nxt is not None
        and nxt.text == "-"
        and m.end + 1 < len(doc)
        and doc[m.end + 1].lower_ in ("based", "listed", "headquartered", "registered", "born")
    ):
        votes[PLACE] += 4
    elif (
        nxt is not None
        and nxt.text == "-"
        and m.end + 1 < len(doc)
        and (
            doc[m.end + 1].ent_type_ == "NORP"
            or re.fullmatch(r"[A-Z][a-z]+(?:an|ese|ish|ch)", doc[m.end + 1].text)
        )
    ):
        votes[PLACE] += 4  # "the Franco-Italian carmaker", "a Sino-Japanese venture": a combining form
    if nxt is not None:
        if nxt.lower_ in PRODUCT_CUES:
            votes[PRODUCT] += 2
        if nxt.tag_ == "POS":
            follow = [t.lower_ for t in doc[m.end + 1 : m.end + 4]]
            if follow and (follow[0] in TITLE_WORDS or follow[0] in ("co", "former", "chief")):
                votes[ORG] += 3
        if nxt.text == "," and len(after) > 2:
            seg = [t.lower_ for t in after[1:4]]
            desc_at = [k for k, w in enumerate(seg[1:], 1) if w in ORG_DESCRIPTORS]
            if (
                seg
                and seg[0] in ("the", "a", "an")
                and desc_at
                and not (
                    m.end + 1 + desc_at[0] + 1 < len(doc) and doc[m.end + 1 + desc_at[0] + 1].tag_ == "POS"
                )
            ):
                votes[ORG] += 2
            wide = [t.lower_ for t in doc[m.end + 1 : m.end + 6]]
            if (
                seg
                and (
                    seg[0] in TITLE_WORDS
                    or (seg[0] in ("the", "its", "a", "an") and any(w in TITLE_WORDS for w in wide[1:5]))
                )
                and not any(w in ORG_DESCRIPTORS for w in wide[1:5])
            ):
                votes[PERSON] += 2
            if any(doc[k].tag_ == "POS" for k in range(m.end + 1, min(len(doc), m.end + 4))) and any(
                doc[k].lower_ in TITLE_WORDS for k in range(m.end + 2, min(len(doc), m.end + 6))
            ):
                votes[PERSON] += 2
    if prev_words[-2:] == ["chief", "executive"] or prev_words[-1:] == ["said"]:
        votes[PERSON] += 1
    if prev_words[-1:] == ["of"] and len(prev_words) >= 2 and prev_words[-2] in TITLE_WORDS:
        votes[ORG] += 2
    follow = [t.lower_ for t in doc[m.end : m.end + 6]]
    if (
        follow[:1] in (["is"], ["was"], ["became"])
        and any(w in TITLE_WORDS for w in follow[1:6])
        and "of" not in follow[1:3]
    ):
        votes[PERSON] += 2
    if follow[:2] in ([",", "its"], [",", "their"], [",", "now"]) and any(
        w in TITLE_WORDS for w in follow[2:5]
    ):
        votes[PERSON] += 2
    if (
        prev is not None
        and prev.lemma_ in ("acquire", "buy", "purchase", "invest", "back")
        and prev.pos_ == "VERB"
    ):
        votes[ORG] += 2  # things bought and backed are companies
    head = doc[m.end - 1]
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ in (
        "raise",
        "acquire",
        "announce",
        "invest",
        "buy",
        "complete",
        "value",
        "close",
    ):
        votes[ORG] += 1
    _more_context_votes(m, doc, votes)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Plural nouns whose examples ("carmakers such as X and Y") are organisations or products.
_ORG_PLURALS = _word_set(
    "companies firms carmakers automakers chipmakers investors backers banks lenders clients customers "
    "rivals competitors groups funds startups start-ups retailers insurers manufacturers publishers "
    "studios developers operators airlines partners shareholders chains suppliers"
)
_PRODUCT_PLURALS = _word_set(
    "products games titles franchises drugs medicines apps models chips devices phones vehicles "
    "treatments therapies tools brands cars smartphones consoles processors vaccines chatbots platforms "
    "services"
)
#: Words right after a name that only an organisation takes ("X shares fell", "X employees").
_ORG_FOLLOWERS = _word_set(
    "shares stock shareholders investors employees staff spokesperson spokesman spokeswoman board subsidiary"
)
#: Verbs whose passive subject is a company ("X was founded in 2015", "X was valued at").
_ORG_PASSIVE = _word_set("found co-found establish acquire buy value list incorporate")


#: Nouns of an apposition that describe a person ("Jane Roe, a veteran banker,").
_PERSON_NOUNS = _word_set(
    "banker economist engineer entrepreneur executive lawyer scientist researcher veteran physicist "
    "professor billionaire businessman businesswoman designer alumnus alumna"
)
#: Verbs whose subject is a company ("X agreed to buy", "X merged with").
_ORG_VERBS = _word_set("acquire buy merge list sell raise invest complete close sign")
#: Verbs whose subject is a person ("Jane Roe told reporters", "Jane Roe stepped down").
_PERSON_VERBS = _word_set("tell resign quit step graduate study co-found run head join retire")


def _more_context_votes(m: Mention, doc: Doc, votes: Counter) -> None:
    """Evidence beyond the next word: relative 'who', ages, examples after plurals, passive verbs."""
    nxt = doc[m.end] if m.end < len(doc) else None
    nxt2 = doc[m.end + 1] if m.end + 1 < len(doc) else None
    if nxt is not None and nxt.text == "," and nxt2 is not None:
        based = doc[m.end + 1 : m.end + 6].text
        if re.match(r"^[A-Z][\w.]*(?: [A-Z][\w.]*)?\s*-\s*based\b", based):
            votes[PLACE] += 3  # "the Sunnyvale, California-based startup"
        if nxt2.lower_ == "who":
            votes[PERSON] += 2  # "Jane Roe, who co-founded ..."; companies take "which"
        elif (
            nxt2.like_num
            and nxt2.text.isdigit()
            and 18 <= int(nxt2.text) <= 99
            and m.end + 2 < len(doc)
            and doc[m.end + 2].text == ","
        ):
            votes[PERSON] += 3  # "Jane Roe, 52, will become ..."
    if nxt is not None and nxt.lower_ in _ORG_FOLLOWERS and nxt.tag_ in ("NNS", "NN"):
        votes[ORG] += 2
    if (
        m.start >= 2
        and doc[m.start - 1].lower_ == "of"
        and doc[m.start - 2].lower_ in ("developer", "maker", "creator", "publisher", "producer", "makers")
    ):
        votes[PRODUCT] += 2  # "the developer of X"
    head = doc[m.end - 1]
    if head.dep_ == "nsubjpass" and head.head.lemma_ in _ORG_PASSIVE:
        votes[ORG] += 2
    # "its chief financial officer, Leo Hart," / "has hired Ines Ward, a veteran banker, as"
    if m.start >= 2 and doc[m.start - 1].text == "," and doc[m.start - 2].lower_ in TITLE_WORDS:
        votes[PERSON] += 2
    if (
        m.start >= 1
        and doc[m.start - 1].lower_ in ("named", "appointed", "hired", "promoted", "tapped")
        and nxt is not None
        and (nxt.lower_ in TITLE_WORDS or nxt.lower_ in ("as", "its", "their"))
        and person_like_name(m.text)
    ):
        votes[PERSON] += 2  # "named Jane Roe chief executive"
    elif head.dep_ in ("dobj", "oprd") and head.head.lemma_ in (
        "hire",
        "appoint",
        "promote",
        "poach",
        "recruit",
        "name",
    ):
        votes[PERSON] += 2
    if nxt is not None and nxt.text == ",":
        appos = [t.lower_ for t in doc[m.end + 1 : m.end + 7]]
        if appos[:1] in (["a"], ["an"], ["another"]) and any(w in _PERSON_NOUNS for w in appos[1:6]):
            votes[PERSON] += 2
    if (
        m.start >= 2
        and doc[m.start - 1].lower_ == "by"
        and doc[m.start - 2].lower_
        in ("acquired", "bought", "purchased", "owned", "controlled", "backed", "funded")
    ):
        votes[ORG] += 2  # "acquired by X", "backed by X"
    if head.dep_ == "nsubj" and head.head.lemma_ not in _ORG_VERBS:
        # "X won approval on Friday to buy Y", "X, which agreed to buy Y": a buying verb soon after
        start = m.end + 2 if doc[m.end : m.end + 2].text.replace(" ", "") == ",which" else m.end
        for t in doc[start : start + 9]:
            if t.is_punct or (t.tag_ in ("NNP", "NNPS") and t.ent_type_ not in ("DATE", "TIME")):
                break
            if t.lemma_ in ("acquire", "buy") and t.tag_.startswith("VB"):
                votes[ORG] += 1
                break
    if head.dep_ == "nsubj":
        verb = head.head
        xcomp = [c.lemma_ for c in verb.children if c.dep_ == "xcomp"]
        if verb.lemma_ in _ORG_VERBS or (
            verb.lemma_ in ("agree", "plan", "seek", "offer") and set(xcomp) & _ORG_VERBS
        ):
            votes[ORG] += 1  # "X agreed to buy Y", "X merged with Y"
        elif verb.lemma_ in _PERSON_VERBS and person_like_name(m.text):
            votes[PERSON] += 1  # "Jane Roe told reporters", "Jane Roe ran the unit"
    # "a stake of about 6% in X": the holding names a company, not a place
    if m.start >= 2 and doc[m.start - 1].lower_ == "in" and m.ner in ("GPE", "LOC"):
        pre = [t.lower_ for t in doc[max(0, m.start - 8) : m.start - 1]]
        if any(w in ("stake", "stakes", "holding", "shares", "interest") for w in pre):
            votes[ORG] += 1
    # examples after a plural noun: "carmakers including X, Y and Z"
    k = m.start - 1
    sent_start = m.start  # (Token.sent scans the whole document: walk back instead)
    while sent_start > 0 and sent_start > m.start - 40 and not doc[sent_start].is_sent_start:
        sent_start -= 1
    while k > sent_start and k > m.start - 30:
        t = doc[k]
        if t.tag_ in ("NNP", "NNPS") or t.text in (",", "and", "or", "&", "'s", "’s", "-") or t.is_title:
            k -= 1
            continue
        break
    if k <= sent_start:
        return
    trigger = doc[k].lower_
    noun_at = k - 1
    if trigger == "as" and doc[k - 1].lower_ == "such":
        noun_at = k - 2
    elif trigger not in ("including", "include", "includes", "like"):
        return
    if noun_at > sent_start and doc[noun_at].text == ",":
        noun_at -= 1  # "design tools, including X"
    if noun_at < sent_start:
        return
    noun = doc[noun_at].lower_
    if noun in _ORG_PLURALS and not (m.ner == "PERSON" and person_like_name(m.text)):
        votes[ORG] += 2  # (angel investors named in full stay people)
    elif noun in _PRODUCT_PLURALS:
        votes[PRODUCT] += 2


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
    covered = [(m.start_char, m.end_char) for m in mentions]
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        + r")(?![\w-])"
    )
    extra = []
    for found in pattern.finditer(doc.text):
        s, e = found.span()
        if any(not (e <= a or s >= b) for a, b in covered):
            continue
        span = doc.char_span(s, e)
        if span is None:
            continue
        extra.append(Mention(span.start, span.end, s, e, span.text, None))
        covered.append((s, e))
    return sorted(mentions + extra, key=lambda m: m.start)


_SUBJECT_PASSIVE = _word_set("found co-found establish acquire buy value back list incorporate")
_SUBJECT_ACTIVE = _word_set("raise acquire buy secure")


def _sentence_initial_subjects(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'Quorvane was founded in 2019': a capitalised sentence-initial word the tagger took for a common
    noun is a name when it alone is the subject of a company verb."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for sent in doc.sents:
        tok = sent[0]
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if (
            nxt is not None
            and tok.i not in covered
            and tok.is_title
            and tok.is_alpha
            and len(tok.text) >= 3
            and tok.tag_ in ("NN", "NNP")
            and tok.lower_ not in NOT_NAMES
            and tok.lower_ not in TITLE_WORDS
            and tok.lower_ not in ORG_DESCRIPTORS
            and (
                nxt.lower_ in ("co-founder", "cofounder", "founder", "chief", "ceo", "president", "chairman")
                or (nxt.lower_ == "co" and doc[tok.i + 2 : tok.i + 4].text.replace(" ", "") == "-founder")
            )
            and any(t.ent_type_ == "PERSON" for t in doc[tok.i + 2 : tok.i + 8])
        ):
            # "Talvik co-founder and chief executive Ruth Ames said"
            out.append(Mention(tok.i, tok.i + 1, tok.idx, tok.idx + len(tok.text), tok.text, None))
            continue
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
        mentions = [m for m in mentions if m.start_char >= headline_end or m.text in body]
    if skip is not None:
        mentions = [m for m in mentions if not (skip[0] <= m.start_char < skip[1])]
    mentions = propagate_names(doc, mentions)
    if skip is not None:
        mentions = [m for m in mentions if not (skip[0] <= m.start_char < skip[1])]
    entities = cluster(mentions, doc)
    vote_types(entities, doc)
    used: dict[str, int] = defaultdict(int)
    for ent in entities:
        base = slugify(ent.name)
        used[base] += 1
        ent.id = base if used[base] == 1 else f"{base}-{used[base]}"
    return entities, mentions
