"""References to an entity by description or pronoun, resolved to the entity.

"the startup", "the company", "the Redmond-based firm", "it", "its" name an
organisation the article has introduced; "he", "she" a person. The rules are
salience-based: the subject of the same sentence when it comes first, else the
organisation the previous sentences were about (their subject), else the
article's focus (the organisation named most often).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Span

from kg.extract.entities import ORG, PERSON, EntityInfo, Mention

ORG_REFERENCE = re.compile(
    r"\b(?:[Tt]he|[Tt]his) (?:[A-Z][\w,.]*(?: [A-Z][\w.]*)*-based |(?:[A-Z]{2,3}|[A-Z][a-z]+(?:ish|ese|ian|an|ch))\s|(?:(?!only |other |same |first |second |third |last |largest |biggest |such |each |combined |merged |two |three |acquiring |target |supply |value )[a-z][a-z-]+ ){0,2})?"
    r"(?:company|start-?up|firm|group|lab|developer|chipmaker|carmaker|automaker|drugmaker|"
    r"biotech|fintech|e-commerce group|retailer|publisher|miner|giant|business|bank|insurer|"
    r"software company|maker|unit|division|chain|lender|airline|conglomerate|manufacturer|"
    r"consultancy|operator|supplier)\b(?!-)(?! (?:of|that|which|whose|behind)\b)(?! [A-Z0-9])",
)
DESCRIPTOR_HEADS = re.compile(
    r"^(?:company|start-?up|startup|firm|group|lab|developer|chipmaker|carmaker|automaker|drugmaker|biotech|fintech|"
    r"retailer|publisher|miner|giant|business|bank|insurer|maker|arm|unit|division|subsidiary|chain|lender|"
    r"airline|conglomerate|manufacturer|consultancy|operator|supplier)$"
)
#: Nouns that all describe a part of a larger company.
UNIT_NOUNS = frozenset(["arm", "unit", "division", "business", "subsidiary"])


def _descriptor_class(word: str) -> str:
    word = word.lower().replace("startup", "start-up")
    return "unit" if word in UNIT_NOUNS else word


#: "the Foo maker", "the Foo owner": an organisation named by its product.
MAKER_REFERENCE = re.compile(
    r"\b[Tt]he (?:[A-Z][\w.+-]*(?: [A-Z0-9][\w.+-]*){0,3}) (?:maker|developer|owner|creator|operator)\b(?! of\b)"
)

#: "the Paris-based maker of ...": a located description names a company even before "of".
BASED_REFERENCE = re.compile(
    r"\b[Tt]he [A-Z][\w,.]*(?: [A-Z][\w.]*)*-based (?:[a-z-]+ ){0,2}"
    r"(?:maker|developer|provider|operator|owner|designer|manufacturer|producer|publisher)(?= of\b)"
)


def _org_references(text: str) -> list[re.Match]:
    """Descriptions of organisations in a sentence, in order, without overlaps."""
    found = list(ORG_REFERENCE.finditer(text))
    for m in BASED_REFERENCE.finditer(text):
        if not any(m.start() < f.end() and f.start() < m.end() for f in found):
            found.append(m)
    return sorted(found, key=lambda m: m.start())


ORG_PRONOUN = re.compile(r"\b(?:it|its|It|Its)\b")
PERSON_PRONOUN = re.compile(r"\b(?:he|she|He|She|his|her|His|Her)\b")


def _only_mentions_inside(taken: list[tuple[int, int]], s: int, e: int, mentions: list[Mention]) -> bool:
    """Every span overlapping [s, e) is a name mention lying inside it ("the Paris-based firm")."""
    starts = {m.start_char for m in mentions}
    overlapping = [(a, b) for a, b in taken if not (e <= a or s >= b)]
    return bool(overlapping) and all(s <= a and b <= e and a in starts for a, b in overlapping)


#: Names of public bodies ("Federal Trade Commission", "Ministry of Finance").
PUBLIC_BODY = re.compile(
    r"\b(?:Commission|Ministry|Court|Department|Parliament|Senate|Congress|Regulator|Government|Tribunal|Bureau|Council)\b"
)


@dataclass
class Reference:
    start_char: int
    end_char: int
    entity: int
    kind: str  # "description" or "pronoun"


def subject_entity(sent: Span, mention_at: dict[int, Mention], refs: list[Reference]) -> int | None:
    """The entity that is the grammatical subject of the sentence's main verb, if any."""
    for tok in sent:
        if tok.dep_ in ("nsubj", "nsubjpass") and (
            tok.head.dep_ in ("ROOT", "conj") or tok.head == sent.root
        ):
            m = mention_at.get(tok.i)
            if m is not None:
                return m.entity
            for ref in refs:
                if ref.start_char <= tok.idx < ref.end_char:
                    return ref.entity
    return None


class Resolver:
    """Keeps the article's salience state while sentences are read in order."""

    def learn_owners(self, doc, mentions: list[Mention]) -> None:
        """Whose product a name is, from "Globex's Foo" in the text: for "the Foo maker"."""
        votes: dict[int, dict[int, int]] = {}
        ordered = sorted(mentions, key=lambda m: m.start_char)
        text = doc.text  # (built anew on every access)
        for prev, m in zip(ordered, ordered[1:], strict=False):
            between = text[prev.end_char : m.start_char]
            if between in ("'s ", "’s ") and self.is_type(prev.entity, ORG) and prev.entity != m.entity:
                per = votes.setdefault(m.entity, {})
                per[prev.entity] = per.get(prev.entity, 0) + 1
        self.owner_of = {p: max(per, key=per.get) for p, per in votes.items()}

    def learn_descriptors(self, doc, mentions: list[Mention]) -> None:
        """Which nouns describe which organisation: "X, the AI start-up", "AI startup X"."""
        self.learn_owners(doc, mentions)
        self.described: dict[str, list[int]] = {}
        heads = DESCRIPTOR_HEADS.pattern.strip("^$")
        after_re = re.compile(rf"^,\s+(?:the|a|an)\s+(?:[\w'-]+\s+){{0,4}}?{heads}\b")
        before_re = re.compile(rf"\b{heads}\s+$")
        text = doc.text
        #: descriptor class -> (entity, where it was described, the words of the description)
        self.described_at: dict[str, list[tuple[int, int, set[str]]]] = {}
        for m in mentions:
            if not self.is_type(m.entity, ORG):
                continue
            for found in (
                after_re.match(text[m.end_char : m.end_char + 80]),
                before_re.search(text[max(0, m.start_char - 30) : m.start_char]),
            ):
                if found:
                    head = _descriptor_class(found.group(0).split()[-1])
                    self.described.setdefault(head, []).append(m.entity)
                    words = set(re.findall(r"[a-z][a-z-]+", found.group(0).lower()))
                    self.described_at.setdefault(head, []).append((m.entity, m.start_char, words))

    def described_before(self, head: str, start: int, modifiers: set[str]) -> set[int]:
        """Organisations described by this noun before ``start`` with no clashing modifier."""
        out = set()
        for entity, at, words in getattr(self, "described_at", {}).get(head, []):
            if at < start and (not modifiers or modifiers <= words):
                out.add(entity)
        return out

    def __init__(self, entities: list[EntityInfo], focus: int | None) -> None:
        self.entities = {e.index: e for e in entities}
        self.focus = focus
        self.topic = focus
        self.last_person: int | None = None
        self.previous_topic: int | None = None
        self.last_subject: int | None = None
        self.recent: list[list[int]] = []  # entities named in the last sentences

    def _recently_salient(self, mentions: list[Mention], start: int, excluded: int | None) -> int | None:
        """The organisation named most often in the last three sentences and this one so far."""
        counts = Counter(e for sent_ents in self.recent for e in sent_ents)
        counts.update(m.entity for m in mentions if m.end_char <= start)
        ranked = [(n, e) for e, n in counts.items() if self.is_type(e, ORG) and e != excluded]
        if not ranked:
            return None
        ranked.sort(reverse=True)
        focus_count = counts.get(self.focus, 0) if self.focus != excluded else 0
        if ranked[0][0] < focus_count + 2:
            return None  # not clearly more salient than the article's focus
        return ranked[0][1]

    def _place_at(self, mentions: list[Mention], start: int) -> bool:
        return any(m.start_char == start and self.is_type(m.entity, "Place") for m in mentions)

    @staticmethod
    def _unnamed_subject(sent: Span, pronoun, mention_at, refs: list[Reference]) -> bool:
        """The main clause's subject is an organisation-like noun phrase that names no entity."""
        if pronoun.lower_ != "its":
            return False
        for tok in sent:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head == sent.root and tok.i < pronoun.i:
                if tok.pos_ != "NOUN" or tok.i in mention_at:
                    return False
                if any(r.start_char <= tok.idx < r.end_char for r in refs):
                    return False
                return tok.lower_ in (
                    "centre",
                    "center",
                    "unit",
                    "division",
                    "lab",
                    "laboratory",
                    "institute",
                    "fund",
                    "agency",
                    "university",
                    "school",
                    "team",
                    "organisation",
                    "organization",
                    "body",
                    "regulator",
                    "authority",
                    "commission",
                )
        return False

    def _person_subject_org(self, sent: Span, mention_at, start: int) -> int | None:
        """'Jane Roe, X's president, has built the company': the subject's own organisation."""
        for tok in sent:
            if (
                tok.dep_ == "nsubj"
                and tok.head == sent.root
                and tok.i in mention_at
                and self.is_type(mention_at[tok.i].entity, PERSON)
            ):
                for t in tok.subtree:
                    m = mention_at.get(t.i)
                    if m is not None and m.end_char <= start and self.is_type(m.entity, ORG):
                        return m.entity
        return None

    @staticmethod
    def _clause_subject(sent: Span, start: int, mention_at: dict[int, Mention]) -> int | None:
        """The entity that is subject of the verb governing the token at ``start``."""
        span = sent.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None:
            return None
        tok = span[0]
        if tok.dep_ in ("nsubj", "nsubjpass", "poss"):
            return None
        # walk up through verbs of the same clause chain ("X held talks about buying the company")
        for anc in [tok, *tok.ancestors]:
            if anc.pos_ in ("VERB", "AUX"):
                for child in anc.children:
                    if child.dep_ in ("nsubj", "nsubjpass") and child.i in mention_at:
                        return mention_at[child.i].entity
                infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in anc.children)
                if anc.dep_ in ("advcl", "acl") and infinitive:
                    continue  # "X agreed in 2022 to buy the company": the subject controls the infinitive
                if anc.dep_ in ("ccomp", "relcl", "advcl", "conj", "ROOT", "acl"):
                    return None
        return None

    def is_type(self, index: int | None, type_: str) -> bool:
        return index is not None and index in self.entities and self.entities[index].type == type_

    def is_public_body(self, index: int | None) -> bool:
        """A regulator, court or ministry: "it" and "the company" rarely mean one in business news."""
        return (
            index is not None
            and index in self.entities
            and bool(PUBLIC_BODY.search(self.entities[index].name))
        )

    def resolve(
        self,
        sent: Span,
        mentions: list[Mention],
        mention_at: dict[int, Mention],
        taken: list[tuple[int, int]],
    ) -> list[Reference]:
        """References in one sentence, resolved; updates the salience state afterwards."""
        refs: list[Reference] = []
        text = sent.text
        base = sent.start_char

        def free(s: int, e: int, places_ok: bool = False) -> bool:
            for a, b in taken:
                if not (e <= a or s >= b):
                    if places_ok and s <= a and b <= e and self._place_at(mentions, a):
                        continue
                    return False
            return True

        subj_tokens = [
            t
            for t in sent
            if t.dep_ in ("nsubj", "nsubjpass")
            and t.i in mention_at
            and self.is_type(mention_at[t.i].entity, ORG)
        ]
        mention_ends = {mm.end_char for mm in mentions}
        # "the Foo maker": the organisation whose product Foo is ("Globex's Foo" elsewhere in the text)
        for m in MAKER_REFERENCE.finditer(text):
            s, e = base + m.start(), base + m.end()
            inside = [mm for mm in mentions if s <= mm.start_char and mm.end_char <= e]
            owner = next(
                (self.owner_of.get(mm.entity) for mm in inside if mm.entity in getattr(self, "owner_of", {})),
                None,
            )
            if owner is None or not inside:
                continue
            refs.append(Reference(s, e, owner, "description"))
            mentions[:] = [mm for mm in mentions if mm not in inside]
            taken[:] = [(a, b) for a, b in taken if not (s <= a and b <= e)] + [(s, e)]
        for m in _org_references(text):
            s, e = base + m.start(), base + m.end()
            if (
                text[: m.start()].endswith(", ")
                and (s - 2) in mention_ends
                and not text[m.end() :].startswith("'s")
            ):
                continue  # "X, the division run by ...": an apposition describing X, not a reference
            if not free(s, e, places_ok=True) and not (
                "-based" in m.group(0) and _only_mentions_inside(taken, s, e, mentions)
            ):
                continue
            # "the company" names the clause's subject when it comes first, else the article's focus
            excluded = self._clause_subject(sent, s, mention_at)
            head = _descriptor_class(m.group(0).split()[-1])
            modifiers = {
                w
                for w in re.findall(r"\b[a-z][a-z-]+\b", m.group(0).lower())
                if w not in ("the", "this") and "-based" not in w and _descriptor_class(w) != head
            }
            known = self.described_before(head, s, modifiers) - {excluded}
            if head in ("company", "firm", "group") and not modifiers:
                # "the company" names the one so described only while it is the topic; else the focus
                known &= {self.topic}
            candidates = [
                known.pop() if head == "unit" and len(known) == 1 else None,
                self._org_before(s, subj_tokens, sent, mention_at, same_clause=True),
                self._person_subject_org(sent, mention_at, s),
                # "the start-up" after "X, the AI start-up"
                next(iter(known)) if len(known) == 1 else None,
                # "X raised $9m ... The startup raised $2m in March": the last sentence's subject
                self.last_subject if head == "start-up" and self.is_type(self.last_subject, ORG) else None,
                self._recently_salient(mentions, s, excluded),
                self.focus,
                self.previous_topic,
                self.topic,
            ]
            target = next(
                (c for c in candidates if c is not None and c != excluded and not self.is_public_body(c)),
                None,
            )
            if target is not None:
                refs.append(Reference(s, e, target, "description"))
                if "-based" in m.group(0):
                    # "the Paris-based lender": the description, not the place inside it, fills the slot
                    mentions[:] = [mm for mm in mentions if not (s <= mm.start_char < e)]
        for m in ORG_PRONOUN.finditer(text):
            s, e = base + m.start(), base + m.end()
            if not free(s, e):
                continue
            tok = sent.doc.char_span(s, e)
            if tok is None:
                continue
            t = tok[0]
            if t.dep_ == "expl" or (
                t.lower_ == "it"
                and t.head.lemma_ in ("report", "say", "expect", "be")
                and t.dep_ == "nsubjpass"
            ):
                continue
            if (
                t.i == sent.start
                and t.lower_ == "it"
                and self.last_subject is not None
                and self.is_type(self.last_subject, "Product")
            ):
                refs.append(Reference(s, e, self.last_subject, "pronoun"))
                continue
            if self._unnamed_subject(sent, t, mention_at, refs):
                continue  # "The GIT centre is run by X, its director": its = that unnamed subject
            if t.i >= 2 and sent.doc[t.i - 1].lower_ == "and" and sent.doc[t.i - 2].pos_ == "NOUN":
                prior = [r for r in refs if r.start_char <= sent.doc[t.i - 2].idx < r.end_char]
                if prior:
                    refs.append(Reference(s, e, prior[0].entity, "pronoun"))
                # "the X maker and its chief executive": its = that unnamed noun phrase
                continue
            relcl = next((a for a in t.ancestors if a.dep_ == "relcl"), None)
            if (
                relcl is not None
                and relcl.head.i in mention_at
                and self.is_type(mention_at[relcl.head.i].entity, ORG)
            ):
                refs.append(Reference(s, e, mention_at[relcl.head.i].entity, "pronoun"))
                continue  # "X, which has captured attention with its app": its = X
            target = self._org_before(s, subj_tokens, sent, mention_at, pronoun=t)
            earlier = [r for r in refs if r.kind == "description" and r.end_char <= s]
            if earlier and not any(
                subj
                for subj in subj_tokens
                if mention_at[subj.i].end_char <= s and mention_at[subj.i].start_char > earlier[-1].end_char
            ):
                target = earlier[-1].entity  # "The X-based company says ... its total"
            person_org = self._org_of_person_subject(sent, mentions, mention_at, subj_tokens, t)
            if person_org is not None and not earlier:
                target = person_org
            if target is not None:
                refs.append(Reference(s, e, target, "pronoun"))
        for m in PERSON_PRONOUN.finditer(text):
            s, e = base + m.start(), base + m.end()
            if free(s, e) and self.last_person is not None:
                persons_here = [mm for mm in mentions if mm.end_char <= s and self.is_type(mm.entity, PERSON)]
                target = persons_here[-1].entity if persons_here else self.last_person
                refs.append(Reference(s, e, target, "pronoun"))
        # salience for the next sentences
        self.recent.append([mm.entity for mm in mentions])  # names only: pronouns would echo earlier guesses
        del self.recent[:-3]
        subj = subject_entity(sent, mention_at, refs)
        self.last_subject = subj
        if self.is_type(subj, ORG) and not self.is_public_body(subj):
            if subj != self.topic:
                self.previous_topic = self.topic
            self.topic = subj
        persons = [mm for mm in mentions if self.is_type(mm.entity, PERSON)]
        if persons:
            self.last_person = persons[0].entity if self.is_type(subj, PERSON) is False else subj
            subj_person = subj if self.is_type(subj, PERSON) else None
            self.last_person = subj_person if subj_person is not None else persons[-1].entity
        return refs

    def _org_of_person_subject(self, sent: Span, mentions, mention_at, subj_tokens, pronoun) -> int | None:
        """'Jane Roe, who co-founded Globex in 2012 and is its chief executive': its = Globex."""
        if pronoun.lower_ != "its" or any(mention_at[t.i].end_char <= pronoun.idx for t in subj_tokens):
            return None
        subject = next((t for t in sent if t.dep_ == "nsubj" and t.head == sent.root), None)
        if (
            subject is None
            or subject.i not in mention_at
            or not self.is_type(mention_at[subject.i].entity, PERSON)
        ):
            return None
        orgs = [m for m in mentions if m.end_char <= pronoun.idx and self.is_type(m.entity, ORG)]
        if not orgs or orgs[-1].start_char < mention_at[subject.i].end_char:
            return None
        return orgs[-1].entity

    def _org_before(
        self, start: int, subj_tokens, sent: Span, mention_at, pronoun=None, same_clause: bool = False
    ) -> int | None:
        if (
            pronoun is not None
            and pronoun.lower_ == "it"
            and pronoun.i > sent.start
            and sent.doc[pronoun.i - 1].lower_ in ("before", "after", "until", "when", "since")
        ):
            m = mention_at.get(pronoun.i - 2)
            if m is not None and self.is_type(m.entity, ORG):
                return m.entity  # "the lab X before it was bought"
        if pronoun is not None and pronoun.lower_ == "its":
            # "Globex, with its Quill project": an organisation just before the possessive
            for k in range(pronoun.i - 1, max(sent.start, pronoun.i - 6) - 1, -1):
                t = sent.doc[k]
                m = mention_at.get(k)
                if m is not None:
                    if self.is_type(m.entity, ORG):
                        return m.entity
                    break
                if t.lower_ not in (",", "with", "and", "on", "for", "before", "after"):
                    break
            subj_tokens = list(reversed(subj_tokens))
        if pronoun is not None and pronoun.lower_ == "it" and pronoun.dep_ == "dobj":
            # "made it its provider": an object pronoun names an earlier non-subject organisation
            subj_ents = {mention_at[t.i].entity for t in subj_tokens}
            for k in range(pronoun.i - 1, sent.start - 1, -1):
                m = mention_at.get(k)
                if m is not None and self.is_type(m.entity, ORG) and m.entity not in subj_ents:
                    return m.entity
        for tok in subj_tokens:
            m = mention_at[tok.i]
            if m.end_char <= start:
                if same_clause and re.search(
                    r"[;:]", sent.text[m.end_char - sent.start_char : start - sent.start_char]
                ):
                    continue
                if tok.head.lemma_ in ("report", "write", "estimate", "cite"):
                    continue  # "X reported that the deal values the company": X is the source
                # not when the reference sits in a relative clause of that very subject
                ref_tok = sent.doc.char_span(start, start + 1, alignment_mode="expand")
                if ref_tok is not None and any(a == tok for a in ref_tok[0].ancestors):
                    continue
                if pronoun is not None and pronoun.dep_ == "dobj":
                    continue
                return m.entity
        return None if same_clause else self.topic
