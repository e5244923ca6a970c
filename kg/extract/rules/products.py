"""Products an organisation makes, and products an organisation uses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.entities import ORG, PERSON, PLACE, PRODUCT
from kg.extract.masking import MaskedSentence
from kg.extract.rules.clauses import _is, _subject_before, ent, list_entities, strip_asides
from kg.extract.rules.context import Context, Draft
from kg.extract.rules.grammar import _W, DESC, LIST, PRODUCT_NOUN, E, negated
from kg.extract.rules.patterns import Pattern, builder, first_group, run_stage

# ---------------------------------------------------------------- products ---


def _productish(ctx: Context, index: int) -> bool:
    """A product, or a name the text gives no reason to call an organisation or a person."""
    if _is(ctx, index, PRODUCT):
        return True
    return not _is(ctx, index, PLACE, PERSON) and (
        ctx.weak.get(index, False) or ctx.org_strength.get(index, 0) < 3
    )


#: capitalised words that may stand before a product name without being part of it
_NOT_NAME_PART = frozenset(
    ["The", "A", "An", "And", "Or", "Its", "Their", "His", "Her", "Our", "Your", "Both", "Also", "New"]
    + ["Including", "Such", "Like", "As", "Of", "By", "For", "With", "In", "On"]
)


def _part_of_longer_name(ms: MaskedSentence, slot, ctx: Context) -> bool:
    """The slot is a piece of a title the model split: "Tiny [Paddle]", "[Globex]'s [Revenge]"."""
    if slot.value in getattr(ctx, "name_part", ()):
        return True
    source = ms.source or ""
    before = source[max(0, slot.start - 30) : slot.start]
    word = re.search(r"(?:^|[^.!?:\n\s])\s+([A-Z][\w-]*)\s$", before)
    if (
        word
        and word.group(1) not in _NOT_NAME_PART
        and not any(o.kind == "ENT" and o.start < slot.start - 1 <= o.end for o in ms.slots)
    ):
        return True
    for other in ms.slots:  # "[A]'s [B]" where A is only ever written so
        if (
            other.kind == "ENT"
            and other.end + 3 == slot.start
            and other.value in getattr(ctx, "name_part", ())
        ):
            return True
    return False


def _product_pairs(ms, ctx, org_tok_or_idx, items_text, lenient: bool = True) -> Iterator[Draft]:
    org = org_tok_or_idx if isinstance(org_tok_or_idx, int) else ent(ms, org_tok_or_idx)
    if org is None or not _is(ctx, org, ORG) or org in getattr(ctx, "name_part", ()):
        return
    for s in ms.slots_in(items_text):
        if _part_of_longer_name(ms, s, ctx) or _a_rival_named(ms, s):
            continue
        if (_is(ctx, s.value, PRODUCT) or (lenient and _productish(ctx, s.value))) and s.value != org:
            yield Draft("product", {"organization": org, "product": s.value}, {}, ms.index, 0.75, "product")


def _a_rival_named(ms: MaskedSentence, slot) -> bool:
    """ "the maker of Widget rival Gadget": the name before "rival" is another firm's product."""
    after = (ms.source or "")[slot.end : slot.end + 20]
    return bool(
        re.match(r"['’]?s?\s+(?:rival|rivals|competitor|competitors|challenger|alternative|clone)\b", after)
    )


def brand_owner(ctx: Context, index: int) -> int | None:
    """The organisation whose full name starts a product's name ("Globex Cloud" -> Globex)."""
    names = getattr(ctx, "entity_names", {})
    words = names.get(index, "").split()
    owners = [
        i
        for i, n in names.items()
        if i != index
        and _is(ctx, i, ORG)
        and ctx.org_strength.get(i, 0) >= 3  # a company on evidence, not a brand read as one ("Xbox")
        and 0 < len(n.split()) < len(words)
        and words[: len(n.split())] == n.split()
    ]
    if not owners or re.search(r"[()]|\b(?:Holdings|Group|Inc|Ltd|Corp|Co|Company|Labs?)\b", names[index]):
        return None  # "Globex Holdings (GLX.N)" is the company itself, not its product
    return max(owners, key=lambda i: len(names[i])) if owners else None


#: where the list of products in "O makes ..." ends: "to"/"for" and the start of another phrase
ITEMS_END = r"\s+(?:to|for)\s+|\s+(?:with|on|in|at|through|after|before|which|that|under|by)\s+(?!ENT)"


@builder("product_pairs")
def product_pairs(
    p: Pattern, ms: MaskedSentence, m: re.Match[str], text: str, ctx: Context
) -> Iterator[Draft]:
    """Product records: the names in group ``products`` are the products of ``organization``.

    ``params``: ``organization_from`` (``owner_of_its`` for "its ...", ``topic``) when the group
    did not match; ``clip`` cuts the list where another phrase starts; ``lenient`` (default true)
    lets a name no evidence calls a company or person count as a product, ``product_noun`` only
    when the list names a product noun ("chips", "app").
    """
    org: int | str | None = first_group(m, "organization")
    if org is None:
        source = p.params["organization_from"]
        org = _owner_of_its(ms, text, m.start(), ctx) if source == "owner_of_its" else ctx.topic
        if org is None:
            return
    items = first_group(m, "products") or ""
    if p.params.get("clip"):
        items = re.split(ITEMS_END, items)[0]
    lenient = p.params.get("lenient", True)
    if lenient == "product_noun":
        lenient = bool(re.search(rf"\b{PRODUCT_NOUN}\b", items))
    for draft in _product_pairs(ms, ctx, org, items[:160] if p.params.get("clip") else items, lenient):
        draft.rule, draft.confidence = p.id, p.confidence
        yield draft


def products(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    t = text
    # "ChatWidget maker O", "O, the start-up behind ChatWidget"
    yield from run_stage("products.makers", ms, raw, t, ctx)
    # O makes/sells/develops/released/launched ... LIST
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,3}}?(?:makes|made|sells|develops|developed|developing|offers|released|launches|launched|unveiled|unveils|published|publishes|markets|builds|designs|introduced|debuted|rolled out|opened)\s+(?!(?:its|a|the|their)\s+(?:[\w-]+\s+)?(?:stake|shares|holding|business|unit|division|subsidiary|bid|offer|deal|partnership|plans?)\b)([^;.]*)",
        t,
    ):
        items = m.group(2)
        items = (
            re.split(
                r"\s+(?:to|for)\s+|\s+(?:with|on|in|at|through|after|before|which|that|under|by)\s+(?!ENT)",
                items,
            )[0]
            if not re.match(r"^\s*(?:the\s+)?weights\s+of", items)
            else items
        )
        yield from _product_pairs(
            ms, ctx, m.group(1), items[:160], lenient=bool(re.search(rf"\b{PRODUCT_NOUN}\b", items))
        )
    if strip_asides(t) != t:
        for m in re.finditer(
            rf"({E})\s+(?:[a-z]+\s+){{0,3}}?(?:makes|sells|develops|developing|offers|released|launched|unveiled|published|markets|builds)\s+([^;.]*)",
            strip_asides(t),
        ):
            items = re.split(
                r"\s+(?:to|for)\s+|\s+(?:with|on|in|at|through|after|before|which|that|under|by)\s+(?!ENT)",
                m.group(2),
            )[0]
            yield from _product_pairs(
                ms, ctx, m.group(1), items[:160], lenient=bool(re.search(rf"\b{PRODUCT_NOUN}\b", items))
            )
    # "O, which makes ...", "O, known for its ...", "to build P", "the maker of P said", "its chatbot, P"
    yield from run_stage("products.which-makes", ms, raw, t, ctx)
    for m in re.finditer(
        rf"\b(?:(its)|({E})'s)\s+(?:(?:own|in-house|new|latest|flagship|[a-z]+-[a-z-]+|open[- ]source)\s+){{0,2}}({E})(?=\s+(?:{_W}\s+){{0,2}}?{PRODUCT_NOUN}\b)(?!\s+products?\b)",
        t,
    ):
        org = ent(ms, m.group(2)) if m.group(2) else _owner_of_its(ms, t, m.start(), ctx)
        # a weakly typed owner counts when it is named and something says company ("Acme Audio's new X app")
        named_org = m.group(2) and (ms.slot(m.group(2)).via_reference or ctx.org_strength.get(org, 0) >= 1)
        if org is None or (ctx.weak.get(org, True) and not named_org):
            continue
        yield from _product_pairs(ms, ctx, org, m.group(3))
    # O's P where P is a product name
    for m in re.finditer(
        rf"({E})'s\s+({E})(?!\s+(?:products|brands|range|line|portfolio|business)\b)(?!(?:\s+[\w-]+){{1,2}},\s+{E})",
        t,
    ):
        if not ctx.weak.get(ent(ms, m.group(1)), True):  # "its Covid-19 products": a category, not a product
            yield from _product_pairs(ms, ctx, m.group(1), m.group(2), lenient=False)
    # "O models such as A and B", "its products include", "under the P brand", "P, developed by O", ...
    yield from run_stage("products.lists", ms, raw, t, ctx)
    # "Globex Cloud" named as a product: a product of Globex, whose name it carries
    for s in ms.slots:
        if s.kind == "ENT" and _is(ctx, s.value, PRODUCT) and not _part_of_longer_name(ms, s, ctx):
            owner = brand_owner(ctx, s.value)
            if owner is not None:
                yield Draft(
                    "product", {"organization": owner, "product": s.value}, {}, ms.index, 0.7, "brand-name"
                )
    # the Quill chatbot / the company makes the P chatbot (handled by makes); the P model of O
    # franchises such as A and B ... (owner = subject) are left to the 'makes' rule


def _owner_of_its(ms, text, pos, ctx) -> int | None:
    subj = _subject_before(ms, text, pos, ctx, max_gap=200)
    if subj is not None:
        return subj
    refs = [s for s in ms.slots if s.via_reference and _is(ctx, s.value, ORG)]
    return refs[0].value if refs else ctx.topic


# -------------------------------------------------------------------- uses ---


def uses(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,3}}?(?:use|uses|used|using|runs\s+on|run\s+on|relies\s+on|rely\s+on|deploy|deploys|adopt|adopts|adopted|will\s+tap)\s+([^;.]*)",
        text,
    ):
        user = ent(ms, m.group(1))
        if not _is(ctx, user, ORG, PERSON):
            continue
        # "will use X engines on its jets": what is used ends before the words for where and how
        items = re.split(r"\s+(?:to|for|in order to|as)\s+(?!ENT)|\s+(?:on|in|across|at)\s+", m.group(2))[0]
        for tok in re.finditer(rf"({E})('s?)?", items[:120]):
            if tok.group(2):
                continue  # "Globex's Nimbus chips": Globex makes what is used
            s = ms.slot(tok.group(1))
            if (_is(ctx, s.value, PRODUCT) or _branded(ctx, s.value)) and s.value != user:
                yield Draft("uses", {"user": user, "product": s.value}, {}, ms.index, 0.75, "uses")
    # "developers at A and B rely on P"
    for m in re.finditer(
        rf"\b(?i:engineers|developers|employees|staff|teams|workers|programmers|doctors|researchers)\s+(?:at|from)\s+({LIST})\s+(?:[a-z]+\s+)?(?:use|used|rely\s+on|relied\s+on)\s+(?:the\s+)?(?:({E})|(?:product|tool|app|editor|software|platform|service|assistant|chatbot)\b)",
        text,
    ):
        if m.group(2):
            product = ent(ms, m.group(2))
            if not (_is(ctx, product, PRODUCT) or _branded(ctx, product)):
                continue
        else:  # "use the product": the product this article last named as someone's
            named = [d.roles["product"] for d in ctx.drafts if d.type == "product"]
            if not named:
                continue
            product = named[-1]
        for user in list_entities(ms, m.group(1), ctx, (ORG,)):
            if user != product:
                yield Draft("uses", {"user": user, "product": product}, {}, ms.index, 0.7, "staff-use")


def _branded(ctx: Context, index: int) -> bool:
    """A name made of another company's name and more words ("Globex Cloud"): that company's product."""
    names = getattr(ctx, "entity_names", {})
    words = names.get(index, "").split()
    return len(words) > 1 and any(
        i != index
        and _is(ctx, i, ORG)
        and words[:-1][: len(n.split())] == n.split()
        and len(n.split()) < len(words)
        for i, n in names.items()
    )


def powered_by(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    """'X's service, powered by Y chips' / 'X ... runs on Y': the organisation uses the product."""
    for m in re.finditer(
        rf"({E})(?:'s)?\s+[^.;]{{0,40}}?\b(?:powered|built|trained)\s+(?:by|on)\s+(?:(?:the\s+)?{DESC})?(?:{E}'s\s+)?({E})",
        text,
    ):
        user, product = ent(ms, m.group(1)), ent(ms, m.group(2))
        if _is(ctx, user, ORG) and _is(ctx, product, PRODUCT) and user != product and not negated(m.group(0)):
            yield Draft("uses", {"user": user, "product": product}, {}, ms.index, 0.6, "powered-by")
