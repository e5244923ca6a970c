"""Typing an entity: votes from general evidence around its mentions (the cues of kg/extract/cues.py).

The small model often types organisations as people or places, so each entity's type is decided
by weighted cues: company suffixes, descriptors ("the startup X", "X-based"), appositions, titles
around person names, product context, and the model's label as a weak vote.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extract.cues import Votes
from kg.extract.entities import (
    _NER_VOTE,
    ORG,
    PERSON,
    PLACE,
    PRODUCT,
    EntityInfo,
    Mention,
    _canonical_name,
    _people_in_lists,
    _word_set,
    person_like_name,
)
from kg.extract.names_lexicon import is_first_name
from kg.extract.vocab import (
    COMPANY_SUFFIXES,
    INSTITUTION_WORDS,
    ORG_DESCRIPTORS,
    PERSON_HONORIFICS,
    PRODUCT_CUES,
    TITLE_WORDS,
)

#: Cues from the words around a name that only a person takes: with one of them, a given name the
#: lexicon does not know (many are not in it) is no reason to call the name a firm's.
PERSON_CONTEXT_CUES = frozenset(
    [
        "title-before",
        "apposition-title",
        "possessive-title-apposition",
        "said-or-ceo-before",
        "is-title-after",
        "now-title-after",
        "who-after",
        "age-apposition",
        "title-comma-before",
        "named-as-title",
        "object-of-hiring",
        "person-noun-apposition",
        "founded-by-list",
    ]
)


def vote_types(entities: list[EntityInfo], doc: Doc) -> None:
    """Decide each entity's type from general evidence around its mentions."""
    surnames = {
        name.split()[-1]
        for e in entities
        for name in e.aliases
        if person_like_name(name) and any(m.ner == "PERSON" for m in e.mentions)
    }
    text = doc.text  # built anew on every access: once, not once per mention
    for ent in entities:
        votes = ent.votes
        names = {m.text for m in ent.mentions}
        place_labelled = False
        for m in ent.mentions:
            words = m.text.split()
            if m.ner in _NER_VOTE:
                # the small model calls many companies places; a place needs more than its label
                if _NER_VOTE[m.ner] != PLACE:
                    votes.add(f"ner-{_NER_VOTE[m.ner].lower()}")
                elif not place_labelled:
                    votes.add("ner-place")
                    place_labelled = True
            last = words[-1].lower().strip(".,")
            if (
                last in COMPANY_SUFFIXES
                or any(w.lower() in ORG_DESCRIPTORS or w.lower() in INSTITUTION_WORDS for w in words[1:])
                or words[0].lower() in INSTITUTION_WORDS
            ):
                votes.add("company-word-in-name")
            if re.search(r"\d", m.text) and len(words) <= 3 and not m.text.isdigit():
                votes.add("digit-in-name")
            if len(words) >= 2 and words[-1].lower() in PRODUCT_CUES:
                votes.add("product-head-word")  # "X Service", "X Platform"
            if _RAISES_MONEY.match(text[m.end_char : m.end_char + 160]) or re.search(
                r"\bvalu(?:es|ed|ing)\s+$", text[max(0, m.start_char - 20) : m.start_char]
            ):
                votes.add(
                    "raises-money-or-valued"
                )  # "X, the unit of Y, has raised $5bn", "values X at": products raise no money
            _context_votes(m, doc, votes)
        longest = max(names, key=lambda s: len(s.split()))
        if votes[PERSON] and (len(longest.split()) < 2 or not person_like_name(longest)):
            votes.add("person-not-full-name")  # people are introduced with a full name
        if len(longest.split()) < 2 and votes[PERSON] > 0 and longest not in surnames:
            votes[PERSON] = 0  # a lone word is never a person named in full
        if (
            votes[PERSON] > 0
            and person_like_name(longest)
            and not is_first_name(longest.split()[0])
            and not any(m.ner == "PERSON" for m in ent.mentions if m.text != longest)
            and not set(votes.cues) & PERSON_CONTEXT_CUES  # "said Umaro Kessi": the context says person
        ):
            votes.add("no-given-name")  # "Halvern Freight": capitalised words, but no one's first name
            votes.add("no-given-name-org")
        # shaped like a person's name: full name, no company word, and a given name first
        # ("Theo Park" is; "Halvern Freight", two capitalised words, is not)
        person_shaped = (
            person_like_name(longest)
            and not any(w.lower() in COMPANY_SUFFIXES for w in longest.split())
            and is_first_name(longest.split()[0])
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


#: "founded by A and B", "co-founded in 2016 by A, B and", "founded by former bankers A and B":
#: the names in the list are founders
_FOUNDED_BY_LIST = re.compile(
    r"\b(?:co-?)?founded\s+(?:in\s+\d{4}\s+)?by\s+(?:(?:two|three|four|former|ex-|fellow|serial|[a-z]+(?:ers|ists|ors|ians|ents|ants|ots)|brothers|sisters|siblings|friends|classmates|couple)\s+){0,3}"
    r"(?:[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2}(?:,\s+and\s+|,\s+|\s+and\s+))*$"
)


def _ends_a_sum(tok) -> bool:
    """The word before "from" ends a sum or names money: "$200m from", "funding from", "Rs 50 crore) from"."""
    return (
        tok.ent_type_ == "MONEY"
        or tok.like_num
        or tok.lower_
        in (
            "million",
            "billion",
            "m",
            "bn",
            "mn",
            "crore",
            "lakh",
            ")",
            "funding",
            "investment",
            "backing",
            "capital",
            "financing",
            "cash",
            "injection",
        )
    )


#: After a name: the company raises money ("X has raised $5m", "X, the unit of Y, raised €2bn").
_RAISES_MONEY = re.compile(
    r"(?:,[^,.;]{0,80},)?\s+(?:has\s+|had\s+|have\s+)?(?:raised|raises|is\s+raising)\s+"
    r"(?:(?:a|an|about|around|nearly|almost|more\s+than|over|some)\s+)*(?:[$€£¥]|US\$|HK\$|[A-Z]{3}\s?\d)"
)


_MORE_DESCRIPTORS = frozenset(
    ["consultancy", "chain", "airline", "carrier", "conglomerate", "broker", "brokerage", "utility", "bank"]
)


def _context_votes(m: Mention, doc: Doc, votes: Votes) -> None:
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
            votes.add("org-descriptor-before")
        if prev.lower_ in TITLE_WORDS or prev.text in PERSON_HONORIFICS:
            votes.add("title-before")
        if prev.lower_ in PRODUCT_CUES:
            votes.add("product-word-before")
        elif (
            prev.lower_ in ("editor", "browser", "tool")
            and m.start >= 2
            and doc[m.start - 2].lower_
            in ("code", "text", "web", "video", "photo", "design", "coding", "search")
        ):
            votes.add(
                "tool-word-before"
            )  # "the AI-powered code editor X" (an "editor X" alone is a person's title)
        if prev.lower_ in ("in", "from", "across", "near") and m.ner in ("GPE", "LOC"):
            pre = [t.lower_ for t in doc[max(0, m.start - 5) : m.start - 1]]
            listed = re.search(
                r"(?:'s|’s)\s+(?:[a-z-]+\s+)?shares$", doc[max(0, m.start - 5) : m.start - 1].text
            )
            if listed:
                votes.add("shares-trade-in")  # "Globex's shares in Shenzhen": where a company's stock trades
            elif any(w.startswith(("invest", "stake", "share", "holding", "interest", "money")) for w in pre):
                votes.add("money-in")
            elif doc[m.start - 2].lower_ == "round" and any(
                t.ent_type_ == "MONEY" or t.like_num for t in doc[max(0, m.start - 6) : m.start - 2]
            ):
                votes.add("money-in")  # "the $20m round in X": the company that raised it
            elif prev.lower_ == "from" and m.start >= 2 and _ends_a_sum(doc[m.start - 2]):
                votes.add("money-from")  # "received $200m from X": who pays is no place
            else:
                votes.add("preposition-place")
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
                "%",  # "bought 49% of X": shares of a company
                "percent",
                "cent",
                "holding",
                "control",
                "owner",
                "owners",
                "shareholder",
                "shareholders",
            )
        ):
            votes.add("of-after-deal-noun")
    # "X and Y chips": coordinated names share the cue after the last one
    if nxt is not None and nxt.lower_ in ("and", ",", "or"):
        k = m.end + 1
        while (
            k < len(doc) and k < m.end + 6 and (doc[k].tag_ in ("NNP", "NNPS") or doc[k].text[:1].isdigit())
        ):
            k += 1
        if k > m.end + 1 and k < len(doc) and doc[k].lower_ in PRODUCT_CUES:
            votes.add("coordinated-product-word")
    if (
        m.ner in ("GPE", "LOC")
        and nxt is not None
        and nxt.tag_ == "POS"
        and any(t.tag_ in ("NNP", "NNPS") for t in doc[m.end + 1 : m.end + 5])
    ):
        votes.add("place-possessive")  # "Norway's state-controlled X"
    if m.ner == "GPE" and m.text.isupper() and len(m.text) <= 3:
        votes.add("short-uppercase-place")
    if "-based" in doc[m.end : m.end + 2].text or (
        nxt is not None
        and nxt.text == "-"
        and m.end + 1 < len(doc)
        and doc[m.end + 1].lower_ in ("based", "listed", "headquartered", "registered", "born")
    ):
        votes.add("based-suffix")
    elif (
        nxt is not None
        and nxt.text == "-"
        and m.end + 1 < len(doc)
        and (
            doc[m.end + 1].ent_type_ == "NORP"
            or re.fullmatch(r"[A-Z][a-z]+(?:an|ese|ish|ch)", doc[m.end + 1].text)
        )
    ):
        votes.add(
            "combining-form"
        )  # "the Franco-Italian carmaker", "a Sino-Japanese venture": a combining form
    if nxt is not None:
        if nxt.lower_ in PRODUCT_CUES:
            votes.add("product-word-after")
        if nxt.tag_ == "POS":
            follow = [t.lower_ for t in doc[m.end + 1 : m.end + 4]]
            if follow and (follow[0] in TITLE_WORDS or follow[0] in ("co", "former", "chief")):
                votes.add("possessive-title-after")
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
                votes.add("apposition-descriptor")
            wide = [t.lower_ for t in doc[m.end + 1 : m.end + 6]]
            if (
                seg
                and (
                    seg[0] in TITLE_WORDS
                    or (seg[0] == "co" and "founder" in wide[1:4])  # "X, co-founder and chief executive of Y"
                    or (seg[0] in ("the", "its", "a", "an") and any(w in TITLE_WORDS for w in wide[1:5]))
                )
                and not any(w in ORG_DESCRIPTORS for w in wide[1:5])
            ):
                votes.add("apposition-title")
            if any(doc[k].tag_ == "POS" for k in range(m.end + 1, min(len(doc), m.end + 4))) and any(
                doc[k].lower_ in TITLE_WORDS for k in range(m.end + 2, min(len(doc), m.end + 6))
            ):
                votes.add("possessive-title-apposition")
    if prev_words[-2:] == ["chief", "executive"] or prev_words[-1:] == ["said"]:
        votes.add("said-or-ceo-before")
    if prev_words[-1:] == ["of"] and len(prev_words) >= 2 and prev_words[-2] in TITLE_WORDS:
        votes.add("title-of-before")
    follow = [t.lower_ for t in doc[m.end : m.end + 6]]
    if (
        follow[:1] in (["is"], ["was"], ["became"])
        and any(w in TITLE_WORDS for w in follow[1:6])
        and "of" not in follow[1:3]
    ):
        votes.add("is-title-after")
    # "X stepped down as chairman", "X resigned as chief executive", "X will become CFO": a post's holder
    leaves = re.match(
        r"(?:(?:has|have|had|will|would|is|was)\s+)?(?:(?:step|steps|stepped|stepping)\s+down|resigned|resigns|"
        r"retired|retires|become|becomes|(?:been\s+)?(?:appointed|elected|promoted))\s+(?:as\s+|to\s+)?"
        r"(?:the\s+|its\s+|(?:\w+\s+){0,3}?\w+'s\s+)?(?:[a-z-]+\s+){0,2}?(\w+)",
        doc[m.end : m.end + 12].text.lower(),
    )  # (a bank "appointed as adviser" is no person)
    if (
        leaves
        and (leaves.group(1) in TITLE_WORDS or leaves.group(1) == "board")
        and leaves.group(1)
        not in (
            "adviser",
            "advisor",
            "investor",
            "partner",
        )
    ):
        votes.add("is-title-after")
    if follow[:2] in ([",", "its"], [",", "their"], [",", "now"]) and any(
        w in TITLE_WORDS for w in follow[2:5]
    ):
        votes.add("now-title-after")
    if (
        prev is not None
        and prev.lemma_ in ("acquire", "buy", "purchase", "invest", "back")
        and prev.pos_ == "VERB"
    ):
        votes.add("object-of-deal-verb")  # things bought and backed are companies
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
        votes.add("subject-of-deal-verb")
    _more_context_votes(m, doc, votes)


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
#: Nouns that name a round of funding ("X's Series A", "the round for X").
_ROUND_NOUNS = _word_set("round series seed funding financing raise fundraise fundraising")
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


#: words before a list item: "led by Boston-based X, London-based Y" names two firms, not "City, State"
_LIST_BEFORE = frozenset({"based", "by", "from", "including", ",", "and", "with"})


def _more_context_votes(m: Mention, doc: Doc, votes: Votes) -> None:
    """Evidence beyond the next word: relative 'who', ages, examples after plurals, passive verbs."""
    nxt = doc[m.end] if m.end < len(doc) else None
    nxt2 = doc[m.end + 1] if m.end + 1 < len(doc) else None
    prev = doc[m.start - 1] if m.start > 0 else None
    # "X's $12m Series A", "X's seed round": whoever owns a round raised it
    if nxt is not None and nxt.tag_ == "POS":
        for t in doc[m.end + 1 : m.end + 7]:
            if t.pos_ in ("VERB", "AUX") or t.is_punct:
                break
            if t.lower_ in _ROUND_NOUNS:
                votes.add("possessive-round")
                break
    # "the round for X", "$47m for X", "put $12m into X": the company the money went to
    if prev is not None and prev.lower_ in ("for", "into") and m.start >= 2:
        before = doc[max(0, m.start - 5) : m.start - 1]
        if doc[m.start - 2].lower_ in _ROUND_NOUNS or (before and before[-1].ent_type_ == "MONEY"):
            votes.add("money-for")
    if nxt is not None and nxt.text == "," and nxt2 is not None:
        based = doc[m.end + 1 : m.end + 6].text
        prev = doc[m.start - 1].lower_ if m.start > 0 else ""
        state = re.match(r"^(?:[A-Z]{2}|[A-Z][a-z]{1,4}\.)\s*-\s*based\b", based)  # "MA-based", "Mn.-based"
        if re.match(r"^[A-Z][\w.]*(?: [A-Z][\w.]*)?\s*-\s*based\b", based) and (
            state or prev not in _LIST_BEFORE
        ):
            votes.add("city-state-based")  # "the Sunnyvale, California-based startup"
        if nxt2.lower_ == "who":
            votes.add("who-after")  # "Jane Roe, who co-founded ..."; companies take "which"
        elif (
            nxt2.like_num
            and nxt2.text.isdigit()
            and 18 <= int(nxt2.text) <= 99
            and m.end + 2 < len(doc)
            and doc[m.end + 2].text == ","
        ):
            votes.add("age-apposition")  # "Jane Roe, 52, will become ..."
    if nxt is not None and nxt.lower_ in _ORG_FOLLOWERS and nxt.tag_ in ("NNS", "NN"):
        votes.add("org-follower-noun")
    if (
        m.start >= 2
        and doc[m.start - 1].lower_ == "of"
        and doc[m.start - 2].lower_ in ("developer", "maker", "creator", "publisher", "producer", "makers")
    ):
        votes.add("developer-of")  # "the developer of X"
    head = doc[m.end - 1]
    if head.dep_ == "nsubjpass" and head.head.lemma_ in _ORG_PASSIVE:
        votes.add("passive-founded")
    # "its chief financial officer, Leo Hart," / "has hired Ines Ward, a veteran banker, as"
    if (
        m.start >= 2
        and doc[m.start - 1].text == ","
        and doc[m.start - 2].lower_ in TITLE_WORDS
        and not (m.start >= 3 and doc[m.start - 3].text == "(")  # "Jane Roe (CEO, Acme)": the employer
    ):
        votes.add("title-comma-before")
    if (
        m.start >= 1
        and doc[m.start - 1].lower_ in ("named", "appointed", "hired", "promoted", "tapped")
        and nxt is not None
        and (nxt.lower_ in TITLE_WORDS or nxt.lower_ in ("as", "its", "their"))
        and person_like_name(m.text)
    ):
        votes.add("named-as-title")  # "named Jane Roe chief executive"
    elif head.dep_ in ("dobj", "oprd") and head.head.lemma_ in (
        "hire",
        "appoint",
        "promote",
        "poach",
        "recruit",
        "name",
    ):
        votes.add("object-of-hiring")
    if nxt is not None and nxt.text == ",":
        appos = [t.lower_ for t in doc[m.end + 1 : m.end + 7]]
        if appos[:1] in (["a"], ["an"], ["another"]) and any(w in _PERSON_NOUNS for w in appos[1:6]):
            votes.add("person-noun-apposition")
    if (
        m.start >= 2
        and doc[m.start - 1].lower_ == "by"
        and doc[m.start - 2].lower_
        in ("acquired", "bought", "purchased", "owned", "controlled", "backed", "funded")
        and not (  # "owned by Marco Ruiz": people own and back companies too
            doc[m.start - 2].lower_ in ("owned", "controlled", "backed", "funded")
            and m.ner == "PERSON"
            and person_like_name(m.text)
            and is_first_name(m.text.split()[0])
        )
    ):
        votes.add("by-after-deal-verb")  # "acquired by X", "backed by X"
    lead = doc[max(0, m.start - 20) : m.start].text_with_ws
    if _FOUNDED_BY_LIST.search(lead) and not any(w.lower() in COMPANY_SUFFIXES for w in m.text.split()):
        votes.add("founded-by-list")  # "founded in 2019 by A, B and C": founders are people
    if head.dep_ == "nsubj" and head.head.lemma_ not in _ORG_VERBS:
        # "X won approval on Friday to buy Y", "X, which agreed to buy Y": a buying verb soon after
        start = m.end + 2 if doc[m.end : m.end + 2].text.replace(" ", "") == ",which" else m.end
        for t in doc[start : start + 9]:
            if t.is_punct or (t.tag_ in ("NNP", "NNPS") and t.ent_type_ not in ("DATE", "TIME")):
                break
            if t.lemma_ in ("acquire", "buy") and t.tag_.startswith("VB"):
                votes.add("buying-verb-soon-after")
                break
    if head.dep_ == "nsubj":
        verb = head.head
        xcomp = [c.lemma_ for c in verb.children if c.dep_ == "xcomp"]
        if verb.lemma_ in _ORG_VERBS or (
            verb.lemma_ in ("agree", "plan", "seek", "offer") and set(xcomp) & _ORG_VERBS
        ):
            votes.add("subject-of-org-verb")  # "X agreed to buy Y", "X merged with Y"
        elif verb.lemma_ in _PERSON_VERBS and person_like_name(m.text):
            votes.add("subject-of-person-verb")  # "Jane Roe told reporters", "Jane Roe ran the unit"
    # "a stake of about 6% in X": the holding names a company, not a place
    if m.start >= 2 and doc[m.start - 1].lower_ == "in" and m.ner in ("GPE", "LOC"):
        pre = [t.lower_ for t in doc[max(0, m.start - 8) : m.start - 1]]
        if any(w in ("stake", "stakes", "holding", "shares", "interest") for w in pre):
            votes.add("stake-in")
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
        votes.add("example-of-org-plural")  # (angel investors named in full stay people)
    elif noun in _PRODUCT_PLURALS:
        votes.add("example-of-product-plural")
