"""Where an article's headline ends, and which company the article is about (its focus).

The focus is read from the headline's or the first body sentence's grammatical subject; a
roundup (several stories, bullets, "weekly digest") has none; mention counts are a fallback
that rules treat as a guess.
"""

from __future__ import annotations

import re
from collections import Counter

from kg.extract.entities import ORG, Mention


def _first_body_sentence(sents, text: str) -> int:
    """Skip a headline (first line without final punctuation) and a one-line standfirst."""
    if not sents:
        return 0
    first = sents[0].text.strip()
    if (
        first
        and not first.endswith((".", "!", "?", '"', "”"))
        and "\n" in sents[0].text_with_ws + text[sents[0].end_char : sents[0].end_char + 2]
    ):
        k = 1
        # a standfirst line without a final period right after the headline
        if len(sents) > 2:
            second = sents[1].text.strip()
            if (
                second
                and not second.endswith((".", "!", "?"))
                and not re.search(r"\d{4}", second)
                and len(second) < 200
            ):
                k = 2
        return k
    return 0


#: Words of a headline or opening that announce several stories: no single company is the article's focus.
ROUNDUP_WORDS = re.compile(
    r"\b(?:round-?ups?|digest|wrap-?up|daily briefing|weekly(?! updates)|newsletter|factbox"
    r"|top (?:headlines|stories|deals)|this week(?:'s|’s)? (?:deals|funding|news))\b",
    re.I,
)
#: A title over a list: "The biggest exits of the decade", "Most funded start-ups", "..., and more".
LIST_TITLE = re.compile(
    r"\b(?:and more|(?:biggest|largest|top|most[- ]funded) (?:\w+ ){0,2}"
    r"(?:deals|startups|start-ups|companies|rounds|exits|takeovers|acquisitions))\b",
    re.I,
)


#: Verbs that make their subject the party a news story is about.
DEAL_VERBS = frozenset(
    re.findall(
        r"\w+",
        "raise secure close land bag announce acquire buy agree sign launch complete appoint name hire sell "
        "merge invest win file list pick partner deploy supply unveil say",
    )
)

#: Verbs whose subject is the backer: it says nothing about which company the article follows.
INVESTOR_VERBS = frozenset(["invest", "back", "fund", "lead", "co-lead", "finance"])


def _is_digest(text: str, sents, first_body: int, mentions: list[Mention], types) -> bool:
    """A roundup: its title says so, or several bulleted lines each open with a different company
    and no company runs through them all."""
    if first_body:
        title_start, title_end = sents[0].start_char, sents[first_body - 1].end_char
    else:  # no headline of its own: the first line when it is short
        title_start = len(text) - len(text.lstrip())
        title_end = text.find("\n", title_start) % (len(text) + 1)
        if title_end - title_start >= 160:
            title_end = title_start
    title = text[title_start:title_end]
    opening = sents[first_body].text if len(sents) > first_body else ""
    if (
        ROUNDUP_WORDS.search(title[:300])
        or ROUNDUP_WORDS.search(opening[:200])
        or LIST_TITLE.search(title[:300])
    ):
        return True
    # "A raises $5m, B heads for listing, C buys D": three stories, three companies, in one title
    clauses = [
        {m.entity for m in mentions if types.get(m.entity) == ORG and a <= m.start_char and m.end_char <= b}
        for a, b in _title_clauses(text, title_start, title_end)
    ]
    if len({min(c) for c in clauses if c}) >= 3:
        return True
    lines: dict[int, list[int]] = {}  # bulleted line start -> organisations named on it
    for m in mentions:
        if types.get(m.entity) != ORG:
            continue
        line_start = text.rfind("\n", 0, m.start_char) + 1
        if re.match(r"\s*(?:[-•*▪]|\d+[.)])\s", text[line_start:]):
            lines.setdefault(line_start, []).append(m.entity)
    openers = {orgs[0] for orgs in lines.values()}
    running = Counter(e for orgs in lines.values() for e in set(orgs))
    return len(openers) >= 3 and not any(n * 2 >= len(lines) for n in running.values())


def _title_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of a title between commas, semicolons and bars that say more than a name."""
    out, a = [], start
    for m in re.finditer(r"[,;|]|$", text[start:end]):
        b = start + m.start()
        if len(re.findall(r"[A-Za-z$\d]+", text[a:b])) >= 3:
            out.append((a, b))
        a = start + m.end()
    return out


def _subject_org(sent, mention_at: dict[int, Mention], types, excluded: set[int]) -> int | None:
    """The organisation that is the grammatical subject of the sentence's main or first deal verb.

    "Optical maker Acme Inc agreed ...": the name inside the subject phrase, not one behind a
    preposition or possessive in it ("the unit of Acme", "Acme's rival"), nor the employer in front
    of a person ("Acme CFO Jane Roe"), nor a wire credit in brackets ("(Newswire) -")."""
    text = sent.doc.text
    verbs = [sent.root] + [t for t in sent if t.pos_ == "VERB" and t.lemma_.lower() in DEAL_VERBS]
    for verb in verbs:
        if verb.lemma_.lower() in INVESTOR_VERBS:
            continue  # "X invested in Y": the story is about Y as often as X, so neither is read here
        for tok in verb.children:
            if tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            own = mention_at.get(tok.i)
            if own is not None and types.get(own.entity) != ORG:
                break  # a person (or place) is the subject
            for t in [tok, *sorted(tok.subtree, key=lambda x: x.i)]:
                m = mention_at.get(t.i)
                if (
                    m is None
                    or types.get(m.entity) != ORG
                    or m.entity in excluded
                    or m.ner in ("GPE", "LOC", "NORP")
                    or text[max(0, m.start_char - 1) : m.start_char] == "("
                    or text[m.end_char : m.end_char + 1] == ")"
                ):
                    continue
                path = [t, *t.ancestors]
                path = path[: path.index(tok) + 1] if tok in path else []
                if path and not any(
                    a.dep_ in ("prep", "pobj", "poss", "relcl", "acl")
                    for a in path[:-1]
                    if mention_at.get(a.i) is not m
                ):
                    return m.entity
    return None


def _focus(
    doc,
    mentions,
    counts: Counter,
    types,
    sents=None,
    first_body: int = 0,
    excluded: frozenset[int] | set[int] = frozenset(),
) -> tuple[int | None, bool]:
    """The company the article is about, and whether that is read from its opening (not guessed).

    The headline's subject, else the first body sentence's subject; a roundup has none; else the
    organisation named most often (a guess)."""
    if not counts:
        return None, False
    if len(counts) == 1:
        return next(iter(counts)), True  # the only organisation named
    text = doc.text
    mention_at = {i: m for m in mentions for i in range(m.start, m.end)}
    if sents:
        if _is_digest(text, sents, first_body, mentions, types):
            return None, True
        body = (
            _subject_org(sents[first_body], mention_at, types, excluded) if len(sents) > first_body else None
        )
        head = _subject_org(sents[0], mention_at, types, excluded) if first_body > 0 else None
        if head is not None and (counts.get(head, 0) >= 2 or head == body):
            return head, True
        if body is not None and counts.get(body, 0) >= 2:  # a name said once is no article's topic
            return body, True
    first_org = next((m.entity for m in mentions if types.get(m.entity) == ORG), None)
    first_start: dict[int, int] = {}
    for m in mentions:
        first_start[m.entity] = min(first_start.get(m.entity, m.start), m.start)
    best = max(
        counts,
        key=lambda e: (
            counts[e] + (1 if e == first_org else 0) - (100 if e in excluded else 0),
            -first_start[e],
        ),
    )
    return best, False
