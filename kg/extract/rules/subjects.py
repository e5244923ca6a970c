"""Who a clause is about when the sentence does not name it: the round owner, a described subject."""

from __future__ import annotations

import re

from kg.extract.entities import ORG
from kg.extract.masking import MaskedSentence
from kg.extract.rules.clauses import _is, ent
from kg.extract.rules.context import Context
from kg.extract.rules.grammar import LIST, E

# ---------------------------------------------------------- funding rounds ---

#: a company named only by a description at the start of its clause: "The Austin-based startup"
DESCRIBED_SUBJECT = re.compile(
    r"(?:^|[.;:]\s*|,\s+(?:and|but)\s+)\s*(?:[Tt]he|[Ii]ts)\s+(?:ENT\d+-based\s+|(?!ENT|MON|DAT|PCT)[\w-]+\s+){0,3}?"
    r"(?:company|start-?up|firm|group|business|maker|developer|lender|fintech|unicorn|scale-?up|platform)\s+"
    r"(?:(?:has|had|have|also|previously|earlier|then|first|last|recently|now|successfully)\s+)*$"
)


def _investor_by_reference(ms: MaskedSentence, before: str, org: int, ctx: Context) -> bool:
    """The subject is a pronoun resolved to an entity this article has named as a backer."""
    last = [m for m in re.finditer(E, before) if ent(ms, m.group(0)) == org]
    if not last or not ms.slot(last[-1].group(0)).via_reference:
        return False
    if any(r.organization == org for r in ctx.rounds):
        return False
    return any(d.type == "investment" and d.roles.get("investor") == org for d in ctx.drafts)


def _named_as_backer(ms: MaskedSentence, text: str, org: int, ctx: Context) -> bool:
    """org is named in this sentence (by name) as a backer, or was an investor earlier in the article."""
    for m in re.finditer(
        rf"\b(?:backed|led|funded|co-led)\s+by\s+({LIST})|\binvestors?\s+(?:including\s+|such as\s+)?({LIST})",
        text,
    ):
        items = m.group(1) or m.group(2)
        if any(not s.via_reference and s.value == org for s in ms.slots_in(items)):
            return True
    if any(r.organization == org for r in ctx.rounds):
        return False
    return any(d.type == "investment" and d.roles.get("investor") == org for d in ctx.drafts)


def _first_org(ms: MaskedSentence, text: str, ctx: Context, not_this: int) -> int | None:
    """The first organisation named (not by reference) in the sentence, other than not_this."""
    for s in ms.slots_in(text):
        if not s.via_reference and s.value != not_this and _is(ctx, s.value, ORG):
            return s.value
    return None


def _round_owner(ctx: Context) -> int | None:
    """The organisation whose rounds the article is about (last round stated, else the focus)."""
    return ctx.rounds[-1].organization if ctx.rounds else ctx.focus
