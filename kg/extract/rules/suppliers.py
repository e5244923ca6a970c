"""Supplier and customer relations: who supplies what to whom."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.entities import ORG, PERSON, PRODUCT
from kg.extract.masking import MaskedSentence
from kg.extract.rules.clauses import _is, ent, list_entities, strip_asides, unmask
from kg.extract.rules.context import Context, Draft
from kg.extract.rules.grammar import _W, DESC, LIST, E, M, negated
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
    # C made S its primary cloud provider / named S its ... provider
    for m in re.finditer(
        rf"({E})\s+[^.;]*?\b(?:made|named|chose|picked|selected)\s+({E})\s+(?:its|their|ENT\d+'s)\s+(?:primary\s+|main\s+|exclusive\s+|preferred\s+)*{SUPPLY_WHAT}\s+(?:provider|supplier)",
        t,
    ):
        customer, supplier = ent(ms, m.group(1)), ent(ms, m.group(2))
        if customer != supplier and _is(ctx, supplier, ORG) and _is(ctx, customer, ORG, PERSON):
            yield Draft(
                "supplier",
                {"supplier": supplier, "customer": customer},
                {"what": m.group(3).strip()},
                ms.index,
                0.75,
                "made-provider",
            )
    # S licenses its technology / designs to LIST
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,2}}?(?:licenses|licences|supplies|sells|provides)\s+(?:its\s+|{E}'s\s+)?((?:[a-z-]+\s+){{0,2}}?[a-z-]+)\s+to\s+(?:[a-z,-]+\s+){{0,6}}?(?:including\s+)?({LIST})",
        t,
    ):
        supplier = ent(ms, m.group(1))
        if not _is(ctx, supplier, ORG):
            continue
        for c in list_entities(ms, m.group(3), ctx, (ORG,)):
            if c != supplier:
                yield Draft(
                    "supplier",
                    {"supplier": supplier, "customer": c},
                    {"what": m.group(2).strip()},
                    ms.index,
                    0.7,
                    "licenses",
                )
    # S counts A and B among its customers
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+)?counts\s+({LIST})\s+among\s+(?:its|ENT\d+'s)\s+(?:customers|clients)",
        strip_asides(t),
    ):
        supplier = ent(ms, m.group(1))
        for c in list_entities(ms, m.group(2), ctx):
            if c != supplier and _is(ctx, supplier, ORG):
                yield Draft(
                    "supplier",
                    {"supplier": supplier, "customer": c},
                    {"what": "products"},
                    ms.index,
                    0.65,
                    "counts-among",
                )
    # S's customers include LIST
    for m in re.finditer(
        rf"({E})'s\s+(?:[a-z-]+\s+)?(?:customers|clients)\s+(?:include|included|including|are)\s+({LIST})", t
    ):
        supplier = ent(ms, m.group(1))
        for c in list_entities(ms, m.group(2), ctx):
            if c != supplier and _is(ctx, supplier, ORG):
                yield Draft(
                    "supplier",
                    {"supplier": supplier, "customer": c},
                    {"what": "products"},
                    ms.index,
                    0.65,
                    "customers-include",
                )
    # S provides C with what
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,2}}?(?:provides?|provided|providing|supplies|supplied|supply)\s+({E})\s+with\s+((?:[\w$.,-]+\s+){{0,5}}?[\w-]+)(?=\s+(?:to|for|in|from|by|under|at|through|over|until|starting)\b|\s*[,.;](?!\d)|\s*$)",
        t,
    ):
        supplier, customer = ent(ms, m.group(1)), ent(ms, m.group(2))
        if (
            supplier != customer
            and _is(ctx, supplier, ORG)
            and _is(ctx, customer, ORG, PERSON)
            and not negated(m.group(0))
        ):
            yield Draft(
                "supplier",
                {"supplier": supplier, "customer": customer},
                {"what": unmask(ms, m.group(3)).strip()},
                ms.index,
                0.7,
                "provides-with",
            )
    # S (agreed) to supply what to C
    for m in re.finditer(
        rf"({E})\s+[^.;]*?\b(?:to\s+supply|will\s+supply|supplies|supplied|would\s+supply)\s+((?:(?:[a-z-]+|{E})\s+){{0,5}}?[a-z-]+)\s+to\s+(?:(?:the\s+)?{DESC})?({E})",
        t,
    ):
        supplier, customer = ent(ms, m.group(1)), ent(ms, m.group(3))
        if (
            supplier != customer
            and _is(ctx, supplier, ORG)
            and _is(ctx, customer, ORG, PERSON)
            and not negated(m.group(0))
        ):
            yield Draft(
                "supplier",
                {"supplier": supplier, "customer": customer},
                {"what": unmask(ms, m.group(2)).strip()},
                ms.index,
                0.75,
                "supplies-to",
            )
    # C signed a supply agreement with S (for what)
    for m in re.finditer(
        rf"({E})\s+[^.;]*?\bsupply\s+(?:agreement|deal|contract)\s+with\s+({E})(?:\s+for\s+((?:[a-z-]+\s+){{0,3}}[a-z-]+))?",
        t,
    ):
        customer, supplier = ent(ms, m.group(1)), ent(ms, m.group(2))
        if customer != supplier and _is(ctx, supplier, ORG):
            yield Draft(
                "supplier",
                {"supplier": supplier, "customer": customer},
                {"what": (m.group(3) or "supplies").strip()},
                ms.index,
                0.75,
                "supply-deal",
            )
    yield from _made_for(ms, t, ctx)
    for m in re.finditer(
        rf"({E})'s\s+({E})\s+(?:{_W}\s+){{0,2}}?(?:are|is|were|was)\s+(?:already\s+|now\s+)?used\s+by\s+(?:[a-z-]+\s+){{0,2}}?(?:(?:including|such\s+as|like)\s+)?({LIST})",
        strip_asides(t),
    ):
        supplier = ent(ms, m.group(1))
        if not _is(ctx, supplier, ORG) or negated(m.group(0)):
            continue
        what = unmask(ms, m.group(2))
        for c in list_entities(ms, m.group(3), ctx, (ORG,)):
            if c != supplier:
                yield Draft(
                    "supplier",
                    {"supplier": supplier, "customer": c},
                    {"what": what},
                    ms.index,
                    0.65,
                    "used-by",
                )


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
        rf"({E})\s+(?:[a-z]+\s+){{0,2}}?(?:makes|made|produces|produced|manufactures|manufactured|builds|built|supplies|supplied)\s+((?:[a-z-]+\s+){{0,3}}?[a-z-]+)\s+for\s+(?:(?:the\s+)?{DESC})?({LIST})",
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
