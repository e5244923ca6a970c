"""Corporate structure and alliances: subsidiaries and partnerships."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.entities import ORG, PERSON, PRODUCT
from kg.extract.masking import MaskedSentence
from kg.extract.rules.clauses import _is, _subject_before, ent, list_entities, strip_asides
from kg.extract.rules.context import Context, Draft
from kg.extract.rules.grammar import DESC, LIST, E, P
from kg.extract.rules.patterns import Pattern, builder, run_stage
from kg.extract.rules.products import _owner_of_its
from kg.extract.rules.subjects import _first_org
from kg.extract.rules.suppliers import UNIT


def subsidiaries(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    t = text
    # "C, the investment arm of P", "C, P's chip-design unit", "P's mobile division C"
    yield from run_stage("subsidiaries.named-units", ms, raw, t, ctx)
    # C will become part of P / C becomes a label of P (, alongside LIST)
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,2}}?(?:will\s+become|becomes|became|is\s+now|will\s+be|is|was|operates\s+as|remains)\s+(?:now\s+)?(?:part|a\s+(?:[a-z-]+\s+)?{UNIT}|a\s+(?:wholly[- ]owned\s+)?subsidiary)\s+of\s+({E})(?!'s)((?:,\s+alongside\s+)({LIST}))?",
        strip_asides(t) if "alongside" in t else t,
    ):
        yield from _subsidiary(ms, ctx, ent(ms, m.group(2)), ent(ms, m.group(1)), 0.85)
        if m.group(4):
            for c in list_entities(ms, m.group(4), ctx, (ORG,)):
                yield from _subsidiary(ms, ctx, ent(ms, m.group(2)), c, 0.7)
    if "alongside" in t:
        for m in re.finditer(
            rf"({E})\s+(?:[a-z]+\s+){{0,2}}?(?:becomes|became|will\s+become)\s+(?:now\s+)?a\s+(?:[a-z-]+\s+)?{UNIT}\s+of\s+({E}),\s+alongside\s+(.*)$",
            t,
        ):
            for s in ms.slots_in(
                re.sub(r",\s+(?:the|a|an)\s+[^,]*?(?:behind|which|that)[^,]*", "", m.group(3))
            ):
                if _is(ctx, s.value, ORG):
                    yield from _subsidiary(ms, ctx, ent(ms, m.group(2)), s.value, 0.7)
    # "P invested through its subsidiary, C"
    yield from run_stage("subsidiaries.through", ms, raw, t, ctx)
    # Globex's Growth Fund 2: P's C where C's name starts with a unit word, or C is an org named with the parent's words
    for m in re.finditer(rf"({E})'s\s+({E})", t):
        p, c = ent(ms, m.group(1)), ent(ms, m.group(2))
        if (
            _is(ctx, p, ORG)
            and _is(ctx, c, ORG)
            and re.search(
                r"\b(?:Fund|Ventures|Capital|Labs|Studios|Research|Cloud|Mobile|Games|Health|Bank|Pay|Group|Center|Centre|Institute|Laboratory|School)\b",
                raw[ms.slot(m.group(2)).start - ms.start : ms.slot(m.group(2)).end - ms.start],
            )
        ):
            yield from _subsidiary(ms, ctx, p, c, 0.7)
    # "C is owned by P", "C, the group owned by P", "C parent P", "P's C unit"
    yield from run_stage("subsidiaries.owned-by", ms, raw, t, ctx)
    # P keeps / owns about 90 per cent of C
    for m in re.finditer(
        rf"({E})\s+(?:[^.;]{{0,60}}?\s)?(?:keeps|kept|owns|owned|holds|held|retains|retained)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+)?({P})\s+of\s+({E})",
        strip_asides(t),
    ):
        if float(ms.slot(m.group(2)).value) > 50:
            yield from _subsidiary(ms, ctx, ent(ms, m.group(1)), ent(ms, m.group(3)), 0.7)
    # in a new division, C
    for m in re.finditer(rf"\b(?:a|its|ENT\d+'s)\s+new\s+(?:division|unit|subsidiary|business),?\s+({E})", t):
        parent = _subject_before(ms, t, m.start(), ctx, max_gap=300)
        if parent is None:
            refs = [s for s in ms.slots if s.via_reference and _is(ctx, s.value, ORG)]
            parent = refs[0].value if refs else ctx.topic
        if parent is not None:
            yield from _subsidiary(ms, ctx, parent, ent(ms, m.group(1)), 0.65)
    # "Globex-owned Initech"; "Globex owns the software maker Initech outright"
    yield from run_stage("subsidiaries.x-owned", ms, raw, t, ctx)
    for m in re.finditer(
        rf"({E})\s+(?:also\s+|now\s+|already\s+)?(?:wholly\s+|fully\s+)?owns\s+(?:(?:the\s+)?{DESC})?(?:{E}\s+(?:[a-z-]+\s+){{0,2}})?({E})\s+outright",
        t,
    ):
        if not ms.slot(m.group(1)).via_reference:
            yield from _subsidiary(ms, ctx, ent(ms, m.group(1)), ent(ms, m.group(2)), 0.75)
    # "C, which will remain a subsidiary (of P)": without "of P" the parent is the sentence's subject
    for m in re.finditer(
        rf"({E}),?\s+which\s+(?:will\s+remain|remains|is\s+now|will\s+be|will\s+become|becomes|became)\s+a\s+(?:wholly[- ]owned\s+|majority[- ]owned\s+)?(?:subsidiary|unit|division)(?:\s+of\s+({E})(?!'s))?",
        t,
    ):
        if ms.slot(m.group(1)).via_reference:
            continue  # "the company, which will remain a subsidiary": too easily the wrong company
        child = ent(ms, m.group(1))
        parent = ent(ms, m.group(2)) if m.group(2) else _first_org(ms, t[: m.start()], ctx, child)
        if parent is not None:
            yield from _subsidiary(ms, ctx, parent, child, 0.65 if not m.group(2) else 0.8)
    # C, the group's telecoms unit: handled by "C, P's unit" after coreference


def _subsidiary(ms: MaskedSentence, ctx: Context, parent: int, child: int, conf: float) -> Iterator[Draft]:
    """A parent and child found by the code above, if their types fit."""
    # an explicit "unit of" names a company even where the name alone looked like a product
    child_ok = _is(ctx, child, ORG) or (conf >= 0.8 and _is(ctx, child, PRODUCT))
    if parent != child and _is(ctx, parent, ORG) and child_ok:
        yield Draft("subsidiary", {"parent": parent, "child": child}, {}, ms.index, conf, "subsidiary")


# ------------------------------------------------------------- partnership ---

PARTNER_NOUN = r"(?:partnership|collaboration|collaboration agreement|alliance|tie-up|joint venture|strategic partnership|commercial agreement|agreement|partnering|memorandum of understanding|MoU|MOU)"
#: a partnership ended, not made: "ended its alliance with B", "terminated the tie-up"
ENDED = re.compile(
    r"\b(?:end|ends|ended|ending|terminat\w+|dissolv\w+|scrap\w*|cancel\w*|quit|exit\w*|sever\w*|"
    r"unwound|unwind\w*|pulled\s+out\s+of|walked\s+away\s+from|withdr[ae]w\w*\s+from|broke\s+off)\s+"
    r"(?:(?:its|their|the|a|an|ENT\d+'s)\s+)?(?:[a-z-]+\s+){0,2}$"
)


def partnerships(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    t = text
    plain = strip_asides(t)
    pairs: list[tuple[int, int, float, str]] = []
    # A signed/formed/announced a partnership/collaboration agreement with B
    for m in re.finditer(
        rf"({E})\s+[^.;]*?\b{PARTNER_NOUN}s?\b[^.;]{{0,30}}?\bwith\s+(?:(?:the\s+)?{DESC})?({LIST})", plain
    ):
        before = plain[: m.start()]
        if re.search(E, before) and not re.search(
            r"(?:[;:]|,\s+(?:and|but|while)|\b(?:and|that|said|says))\s*$", before
        ):
            continue  # the first party is the subject of its clause, not an object named before it
        if re.search(r"\b(?:said|says)\b", t[: m.start()]) and not re.search(
            r"\b(?:signed|formed|struck|announced|agreed|entered|expanded)\b", m.group(0)
        ):
            continue
        if re.search(
            r"\b(?:supply|merger|acquisition|takeover|purchase|sale|settlement|loan|credit|non-disclosure|standstill|lease)\s+agreement"
            r"|\bagreement\s+to\s+(?:buy|acquire|sell)",
            m.group(0),
        ):
            continue
        noun = re.search(rf"\b{PARTNER_NOUN}", m.group(0))
        if noun and ENDED.search(m.group(0)[: noun.start()]):
            continue
        if re.search(r"\b(?:memorandum|MoU|MOU)\b", m.group(0)) and (
            not re.search(r"\b(?:signed|inked|entered|agreed|concluded)\b", m.group(0))
            or re.match(r"\s+for\b", plain[m.end() :])
        ):
            continue  # an MoU "for 30 jets" is an order; one merely "received" says too little
        # "an agreement with Y to buy ..." is a deal; a bare "agreement" with regulators or lenders is no partnership
        if not re.search(
            r"\b(?:partnership|collaboration|alliance|tie-up|joint\s+venture)\b", m.group(0)
        ) and re.match(
            r"\s*,?\s+(?:to|under\s+which|in\s+which|that\s+would)\s+(?:[a-z]+\s+){0,3}?"
            r"(?:buy|acquire|sell|purchase|merge|take\s+over|settle|pay|resolve|end)\b",
            plain[m.end() :],
        ):
            continue
        if re.search(r"\bagreements?\b", m.group(0)) and not re.search(
            r"\b(?:partner\w*|collaborat\w*|licen[cs]\w*|commercial|strategic|distribution|development|"
            r"technology|revenue-sharing|content|research|multi-year|joint|cooperation|co-operation)\b",
            m.group(0),
        ):
            continue
        if not re.search(
            r"\b(?:signed|formed|struck|announced|agreed|entered|expanded|deepen|extended|has|have|had|a|its)\b",
            m.group(0),
        ):
            continue
        # "a partnership with B, deploying B's model": the list ends where a clause of its own begins
        partners = re.split(r",\s+[a-z]+ing\b", m.group(2))[0]
        for b in list_entities(ms, partners, ctx, (ORG,)):
            pairs.append((ent(ms, m.group(1)), b, 0.8, "partnership.signed-with"))
    # "A's partnership with B"; "our partnership with B," said ..., chief executive of A
    for m in re.finditer(
        rf"(?:({E})'s?|\b([Ii]ts|[Oo]ur))\s+(?:[a-z-]+\s+){{0,2}}?(?:partnership|collaboration|alliance|tie-up)\s+with\s+(?:(?:the\s+)?{DESC})?({E})(?!'s)",
        t,
    ):
        if ENDED.search(t[max(0, m.start() - 60) : m.start()]):
            continue
        if m.group(1):
            a = ent(ms, m.group(1))
        elif m.group(2).lower() == "its":
            a = _owner_of_its(ms, t, m.start(), ctx)
        else:
            speaker = re.search(
                rf"\bsaid\s+{E},\s+(?:[^.;]*?\s)?(?:of|at)\s+({E})|\bsaid\s+({E})\s*(?:[.,]|$)|({E})\s+said\b",
                t[m.end() :],
            )
            tok = speaker and next((g for g in speaker.groups() if g), None)
            a = ent(ms, tok) if tok else None
        if a is not None:
            pairs.append((a, ent(ms, m.group(3)), 0.7, "partnership.possessive-partnership-with"))
    # A markets X with B (and Y with C)
    for m in re.finditer(
        rf"({E})\s+(?:co-)?(?:markets|sells|develops|commercialises|commercializes)\s+{E}\s+with\s+(?:(?:the\s+)?{DESC})?(?:{E}'s\s+{DESC})?({E})((?:\s+and\s+{E}\s+with\s+(?:(?:the\s+)?{DESC})?({E})))?",
        t,
    ):
        pairs.append((ent(ms, m.group(1)), ent(ms, m.group(2)), 0.7, "partnership.markets-with"))
        if m.group(4):
            pairs.append((ent(ms, m.group(1)), ent(ms, m.group(4)), 0.7, "partnership.markets-with"))
    for a, b, conf, rule_id in pairs:
        if a != b and _is(ctx, a, ORG, PERSON) and _is(ctx, b, ORG):
            yield Draft("partnership", {"party_a": a, "party_b": b}, {}, ms.index, conf, rule_id)


@builder("every_pair")
def every_pair(p: Pattern, ms: MaskedSentence, m: re.Match[str], text: str, ctx: Context) -> Iterator[Draft]:
    """ "A, B and C joined forces": one partnership for each pair of the organisations in ``parties``."""
    parties = list(dict.fromkeys(list_entities(ms, m.group("parties"), ctx, (ORG,))))
    for i, a in enumerate(parties):
        for b in parties[i + 1 :]:
            yield Draft("partnership", {"party_a": a, "party_b": b}, {}, ms.index, p.confidence, p.id)
