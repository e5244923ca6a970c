"""References to an entity by description or pronoun, resolved to the entity.

"the startup", "the company", "the Redmond-based firm", "it", "its" name an
organisation the article has introduced; "he", "she" a person. The rules are
salience-based: the subject of the same sentence when it comes first, else the
organisation the previous sentences were about (their subject), else the
article's focus (the organisation named most often).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from kg.extract.entities import ORG, PERSON, EntityInfo, Mention

ORG_REFERENCE = re.compile(
    r"\b(?:the|this) (?:[A-Z][\w,.]*(?: [A-Z][\w.]*)*-based |(?:[a-z][a-z-]+ ){0,2})?"
    r"(?:company|start-?up|firm|group|lab|developer|chipmaker|carmaker|automaker|drugmaker|"
    r"biotech|fintech|e-commerce group|retailer|publisher|miner|giant|business|bank|insurer|"
    r"software company|maker)\b(?!-)(?! (?:of|that|which|whose|behind)\b)",
)
ORG_PRONOUN = re.compile(r"\b(?:it|its|It|Its)\b")
PERSON_PRONOUN = re.compile(r"\b(?:he|she|He|She|his|her|His|Her)\b")


@dataclass
class Reference:
    start_char: int
    end_char: int
    entity: int
    kind: str  # "description" or "pronoun"


def subject_entity(sent: Span, mention_at: dict[int, Mention], refs: list[Reference]) -> int | None:
    """The entity that is the grammatical subject of the sentence's main verb, if any."""
    for tok in sent:
        if tok.dep_ in ("nsubj", "nsubjpass") and (tok.head.dep_ in ("ROOT", "conj") or tok.head == sent.root):
            m = mention_at.get(tok.i)
            if m is not None:
                return m.entity
            for ref in refs:
                if ref.start_char <= tok.idx < ref.end_char:
                    return ref.entity
    return None


class Resolver:
    """Keeps the article's salience state while sentences are read in order."""

    def __init__(self, entities: list[EntityInfo], focus: int | None) -> None:
        self.entities = {e.index: e for e in entities}
        self.focus = focus
        self.topic = focus
        self.last_person: int | None = None

    def is_type(self, index: int | None, type_: str) -> bool:
        return index is not None and index in self.entities and self.entities[index].type == type_

    def resolve(self, sent: Span, mentions: list[Mention], mention_at: dict[int, Mention], taken: list[tuple[int, int]]) -> list[Reference]:
        """References in one sentence, resolved; updates the salience state afterwards."""
        refs: list[Reference] = []
        text = sent.text
        base = sent.start_char

        def free(s: int, e: int) -> bool:
            return all(e <= a or s >= b for a, b in taken)

        subj_tokens = [
            t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.i in mention_at
            and self.is_type(mention_at[t.i].entity, ORG)
        ]
        for m in ORG_REFERENCE.finditer(text):
            s, e = base + m.start(), base + m.end()
            if not free(s, e):
                continue
            target = self._org_before(s, subj_tokens, sent, mention_at)
            if target is not None:
                refs.append(Reference(s, e, target, "description"))
        for m in ORG_PRONOUN.finditer(text):
            s, e = base + m.start(), base + m.end()
            if not free(s, e):
                continue
            tok = sent.doc.char_span(s, e)
            if tok is None:
                continue
            t = tok[0]
            if t.dep_ == "expl" or (t.lower_ == "it" and t.head.lemma_ in ("report", "say", "expect", "be") and t.dep_ == "nsubjpass"):
                continue
            target = self._org_before(s, subj_tokens, sent, mention_at, pronoun=t)
            if target is not None:
                refs.append(Reference(s, e, target, "pronoun"))
        for m in PERSON_PRONOUN.finditer(text):
            s, e = base + m.start(), base + m.end()
            if free(s, e) and self.last_person is not None:
                persons_here = [mm for mm in mentions if mm.end_char <= s and self.is_type(mm.entity, PERSON)]
                target = persons_here[-1].entity if persons_here else self.last_person
                refs.append(Reference(s, e, target, "pronoun"))
        # salience for the next sentences
        subj = subject_entity(sent, mention_at, refs)
        if self.is_type(subj, ORG):
            self.topic = subj
        persons = [mm for mm in mentions if self.is_type(mm.entity, PERSON)]
        if persons:
            self.last_person = persons[0].entity if self.is_type(subj, PERSON) is False else subj
            subj_person = subj if self.is_type(subj, PERSON) else None
            self.last_person = subj_person if subj_person is not None else persons[-1].entity
        return refs

    def _org_before(self, start: int, subj_tokens, sent: Span, mention_at, pronoun=None) -> int | None:
        for tok in subj_tokens:
            m = mention_at[tok.i]
            if m.end_char <= start:
                # not when the reference sits in a relative clause of that very subject
                ref_tok = sent.doc.char_span(start, start + 1, alignment_mode="expand")
                if ref_tok is not None and any(a == tok for a in ref_tok[0].ancestors):
                    continue
                if pronoun is not None and pronoun.dep_ == "dobj":
                    continue
                return m.entity
        return self.topic
