"""Named checks (``on_match`` callbacks) for pattern records that need more than a regex.

A check takes the masked sentence, the match and the context, and says whether to keep the
match. Keep them few and small: logic here is logic a newcomer must read as code.
"""

from __future__ import annotations

import re

from kg.extract.entities import PERSON
from kg.extract.masking import MaskedSentence
from kg.extract.rules.clauses import _is, ent
from kg.extract.rules.context import Context
from kg.extract.rules.patterns import check


@check("organization_is_not_a_backer")
def organization_is_not_a_backer(ms: MaskedSentence, match: re.Match[str], ctx: Context) -> bool:
    """ "B also took part, bringing its total to $65m": "its" is the funded company, not backer B."""
    org = ms.slot(match.group("organization")).value
    return not any(d.type == "investment" and d.roles.get("investor") == org for d in ctx.drafts)


@check("organization_is_not_an_address")
def organization_is_not_an_address(ms: MaskedSentence, match: re.Match[str], ctx: Context) -> bool:
    """ "Globex, of Dayton, Ohio, founded in 1985": the name before "founded" closes an address."""
    before = match.string[: match.start("organization")]
    after = match.string[match.end("organization") :]
    return not (re.search(r"ENT\d+,\s+$", before) and after.lstrip().startswith(","))


@check("named_by_an_organization")
def named_by_an_organization(ms: MaskedSentence, match: re.Match[str], ctx: Context) -> bool:
    """ "Jane Roe named John Doe as chief executive": a person who names someone gives no organisation."""
    return bool(match.group("organization")) or not _is(ctx, ent(ms, match.group("organization_2")), PERSON)


@check("who_is_a_person")
def who_is_a_person(ms: MaskedSentence, match: re.Match[str], ctx: Context) -> bool:
    """ "P, who co-founded Y with Q": the one the relative clause is about (group ``who``) is a person."""
    return _is(ctx, ent(ms, match.group("who")), PERSON)


@check("owner_named_and_owned_a_company")
def owner_named_and_owned_a_company(ms: MaskedSentence, match: re.Match[str], ctx: Context) -> bool:
    """ "Globex owns Acme": the owner is named, not "it" (a guess), and what it owns has some evidence
    of being a company beyond the model's label ("OpenAI owns ChatGPT" names a product)."""
    if ms.slot(match.group("parent")).via_reference:
        return False
    return all(ctx.org_strength.get(i, 0) > 1 for i in (s.value for s in ms.slots_in(match.group("child"))))
