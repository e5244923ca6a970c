"""Supplier and customer relations: who supplies what to whom."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.entities import ORG, PERSON, PRODUCT
from kg.extract.masking import MaskedSentence
from kg.extract.rules.clauses import _is, ent, list_entities
from kg.extract.rules.context import Context, Draft
from kg.extract.rules.grammar import DESC, LIST, E, M, negated
from kg.extract.rules.patterns import run_stage
from kg.extract.rules.products import _owner_of_its

# ---------------------------------------------------------------- supplier ---

SUPPLY_WHAT = r"((?:[a-z-]+\s+){0,2}?(?:cloud|chip|chips|compute|computing|battery|batteries|data|software|hardware|lithium|technology|infrastructure|logistics|[a-z-]+))"


def suppliers(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    t = text
    # S is C's (primary) cloud provider / S remains the exclusive cloud provider for C
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,3}}?(?:is|was|will\s+be|will\s+remain|remains|remain|became|becomes|as)\s+(?:also\s+)?(?:the\s+|a\s+|an\s+|its\s+)?(?:({E})'s\s+)?(?:primary\s+|main\s+|exclusive\s+|preferred\s+|sole\s+|key\s+|largest\s+|biggest\s+)*{SUPPLY_WHAT}\s+(?:provider|supplier|vendor)(?:\s+(?:for|to|of)\s+(?:the\s+)?({E}))?",
        t,
    ):
        supplier = ent(ms, m.group(1))
        cust_tok = m.group(2) or m.group(4)
        if not cust_tok:
            continue
        customer = ent(ms, cust_tok)
        supplier = _org_for_supplier(ms, ctx, supplier, t, m.start())
        if supplier is not None and supplier != customer and _is(ctx, customer, ORG, PERSON):
            yield Draft(
                "supplier",
                {"supplier": supplier, "customer": customer},
                {"what": m.group(3).strip()},
                ms.index,
                0.8,
                "provider",
            )
    # "C made S its cloud provider", "S licenses its designs to C", "S counts C among its customers", ...
    yield from run_stage("suppliers.named-customers", ms, raw, t, ctx)
    # "S provides C with what", "S agreed to supply what to C" (not when denied)
    yield from run_stage("suppliers.supplies", ms, raw, t, ctx)
    # "A signed a supply agreement with B" alone says nothing of who supplies whom: the words after
    # it must ("... for X", "... to buy X": A is the customer; "... to supply X": A is the supplier)
    for m in re.finditer(
        rf"({E})\s+[^.;]*?\bsupply\s+(?:agreement|deal|contract)\s+with\s+({E})(?!'s)\s+(?:(?:for\s+(?:[a-z-]+\s+){{0,3}}?)?to\s+)?"
        rf"(?:(buy|purchase|source|secure|procure|for)|(supply|provide|deliver))\s+(?:(?:it|them|{E})\s+with\s+)?((?:[a-z-]+\s+){{0,2}}[a-z-]+)",
        t,
    ):
        first, other = ent(ms, m.group(1)), ent(ms, m.group(2))
        customer, supplier = (first, other) if m.group(3) else (other, first)
        if (
            customer != supplier
            and _is(ctx, supplier, ORG)
            and _is(ctx, customer, ORG)
            and not negated(m.group(0))
        ):
            yield Draft(
                "supplier",
                {"supplier": supplier, "customer": customer},
                {"what": m.group(5).strip()},
                ms.index,
                0.75,
                "supply-deal",
            )
    yield from _made_for(ms, t, ctx)
    # "S's Orbit sensors are used by carmakers including C"
    yield from run_stage("suppliers.used-by", ms, raw, t, ctx)


#: what a company "makes for" others that is no product: "makes sense for", "made way for"
NOT_SUPPLIES = frozenset(
    re.findall(
        r"\w+",
        "sense way room history headlines progress money time space news results bid offer proposal approach "
        "case push play pitch deal acquisition takeover investment move run name plan plans argument comeback "
        "splash effort payment payments provision provisions commitment decision changes profit profits returns",
    )
)


def _made_for(ms: MaskedSentence, t: str, ctx: Context) -> Iterator[Draft]:
    """'S builds controllers for A, B and C'; 'S won an order to produce parts for C';
    'S has orders from clients such as A and B'."""
    found: list[tuple[str, str, str, float]] = []  # supplier token, customers text, what, confidence
    for m in re.finditer(
        rf"({E}),?\s+(?:which\s+|that\s+)?(?:[a-z]+\s+){{0,2}}?(?:makes|made|produces|produced|manufactures|manufactured|builds|built|supplies|supplied)\s+((?:[a-z-]+\s+){{0,3}}?[a-z-]+)\s+for\s+(?:(?:the\s+)?{DESC})?({LIST})",
        t,
    ):
        found.append((m.group(1), m.group(3), m.group(2), 0.7))
    for m in re.finditer(
        rf"({E})\s+[^.;]*?\b(?:contract|deal|agreement|order)s?\s+(?:worth\s+{M}\s+)?to\s+(?:make|build|supply|provide|produce|manufacture|deliver)\s+((?:[a-z-]+\s+){{0,3}}?[a-z-]+)\s+(?:for|to)\s+(?:(?:the\s+)?{DESC})?({LIST})",
        t,
    ):
        found.append((m.group(1), m.group(3), m.group(2), 0.75))
    for m in re.finditer(
        rf"({E})\s+[^.;]*?\b(?:contracts?|orders?|deals?|business)\s+(?:worth\s+(?:about\s+|more\s+than\s+)?{M}\s+)?(?:[a-z]+\s+){{0,3}}?from\s+(?:[a-z-]+\s+)?(?:customers|clients|carmakers|automakers|airlines|retailers|manufacturers|makers)\s+(?:including|such as|like)\s+({LIST})",
        t,
    ):
        found.append((m.group(1), m.group(2), "products", 0.65))
    for sup_tok, customers, what, conf in found:
        supplier = ent(ms, sup_tok)
        if not _is(ctx, supplier, ORG) or what.split()[-1] in NOT_SUPPLIES or negated(t):
            continue
        if ms.slot(sup_tok).via_reference:
            conf -= 0.1
        for c in list_entities(ms, customers, ctx, (ORG,)):
            if c != supplier:
                yield Draft(
                    "supplier",
                    {"supplier": supplier, "customer": c},
                    {"what": what},
                    ms.index,
                    conf,
                    "made-for",
                )


def _org_for_supplier(ms, ctx, supplier, text, pos) -> int | None:
    if _is(ctx, supplier, ORG):
        return supplier
    if _is(ctx, supplier, PRODUCT):
        # "its Stratus cloud will remain the provider": the product's owner
        own = re.search(rf"(?:({E})'s|\bits)\s*$", text[:pos])
        if own:
            return ent(ms, own.group(1)) if own.group(1) else _owner_of_its(ms, text, pos, ctx)
    return None


# -------------------------------------------------------------- subsidiary ---

UNIT = r"(?:arm|unit|subsidiary|division|affiliate|label|business|branch|offshoot|lab|research lab|fund)"
