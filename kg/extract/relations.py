"""Facts from masked sentences: one rule family per fact type.

Each rule is a regular expression over a :class:`MaskedSentence` (names,
amounts, dates and percentages replaced by slots) built from general business
vocabulary. A rule yields a :class:`Draft`; :mod:`kg.extract.document` merges
drafts and turns them into kg-facts/1 facts. Confidence says how a fact was
found: both roles named in one pattern is high; a role filled by coreference
or from the article's context is lower.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kg.extract.entities import ORG, PERSON, PLACE, PRODUCT
from kg.extract.masking import SLOT_RE, MaskedSentence

E = r"ENT\d+"
M = r"MON\d+"
D = r"DAT\d+"
P = r"PCT\d+"
_FUNCTION = r"(?:and|or|but|which|who|that|said|says|at|in|on|to|for|from|with|by|of|into|through|under|over|after|before|via|as|than|about|can|could|will|would|is|are|was|were|has|have|had)"
_W = rf"(?!(?:ENT|MON|DAT|PCT)\d)(?!{_FUNCTION}\b)[A-Za-z][\w'’-]*"  # a descriptor word, not a slot
DESC = rf"(?:ENT\d+-based\s+)?(?:{_W}\s+){{0,4}}?"
ITEM = rf"(?:(?:the|a|an)\s+)?{DESC}(?:{E}'s\s+(?:{_W}\s+){{0,1}}{_W},\s+|{E}'s\s+(?:{_W}\s+){{0,2}}|{E}\s+(?:{_W}\s+){{1,2}})?{E}"
SEP = (
    r"(?:\s*,\s*(?:and\s+|as well as\s+)?|\s+and\s+|\s*,?\s+(?:as well as|along with|together with|plus)\s+)"
)
LIST = rf"{ITEM}(?:{SEP}{ITEM})*"
AMOUNT_HEDGE = r"(?:(?:up to|about|around|roughly|nearly|almost|approximately|more than|over|some|as much as|an additional|another|a further|a fresh|a new|an initial|a total of|an extra|its|a|an|the|further|fresh|new)\s+)*"
ROUND_NAME = re.compile(
    r"\b(Series [A-Z]\d?(?:-\d)?|[Pp]re-[Ss]eed|[Ss]eed|pre-IPO)\b(?:\s+(?:funding\s+|financing\s+)?round)?"
)
TITLE_HEAD = (
    r"(?:chief [a-z]+(?: [a-z]+)? officer|chief executive|chief scientist|chief economist|"
    r"president|vice[- ]president(?: of [a-z]+(?: (?:and|&) [a-z]+)*)?|chairman|chairwoman|chair|"
    r"ceo|cfo|cto|coo|cso|cmo|co-?founder|founder|founding partner|managing partner|general partner|"
    r"managing director|executive director|director|head(?: of [a-z]+(?: [a-z]+){0,2})?|partner|"
    r"chief|executive|board member|member of the board|senior vice[- ]president|"
    r"executive vice[- ]president|principal|general manager|lead investor|boss|general counsel|chief of staff|"
    r"treasurer|company secretary)"
)
TITLE_MOD = r"(?:(?:former|then|now|current|interim|acting|deputy|senior|executive|global|group|founding|outgoing|incoming|longtime|long-time|non-executive|independent|lead|its|their|the)\s+)*"
TITLE = (
    rf"{TITLE_MOD}(?:co-)?{TITLE_HEAD}(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+){TITLE_MOD}(?:co-)?{TITLE_HEAD})*"
)
#: Words that deny, cancel or merely speculate about the fact next to them.
NEGATION = re.compile(
    r"\b(?:not|never|no\s+longer|denied|denies|deny|declined|declines|refused|refuses|rejected|rejects|"
    r"walked\s+away|abandoned|called\s+off|scrapped|could|might|may|considering|weighing|exploring|"
    r"rumou?red|speculat\w*)\b|n't\b"
)


def negated(text: str) -> bool:
    return bool(NEGATION.search(text))


FORMER = re.compile(
    r"\b(?:former|formerly|previously|ex-|once|earlier|until|outgoing|was|had been|before)\b", re.I
)


@dataclass
class Draft:
    """A fact found by a rule, before merging: roles are entity indexes."""

    type: str
    roles: dict[str, int]
    values: dict[str, Any] = field(default_factory=dict)
    sentence: int = 0
    confidence: float = 0.8
    rule: str = ""
    negated: bool = False  # denied, called off or only speculated: dropped when merging


@dataclass
class Round:
    organization: int
    draft: Draft
    name: str | None
    date: str | None
    pos: int = 0  # where the round is stated in its masked sentence


class Context:
    """What the rules know about the article beyond the sentence at hand."""

    def __init__(self, types: dict[int, str], published: str | None, focus: int | None) -> None:
        self.types = types
        self.published = published
        self.focus = focus
        self.rounds: list[Round] = []
        self.drafts: list[Draft] = []
        self.topic: int | None = focus
        self.deals: list[Draft] = []
        self.weak: dict[int, bool] = {}  # entity -> typed on little evidence
        self.org_strength: dict[int, float] = {}  # entity -> votes for Organization
        self.person_shaped: dict[int, bool] = {}  # entity -> named like a person
        self.ner_person: dict[int, bool] = {}  # entity -> the model labelled a mention PERSON

    def type_of(self, index: int) -> str:
        return self.types.get(index, ORG)

    def current_round(self, name: str | None = None) -> Round | None:
        if name:
            for r in reversed(self.rounds):
                if r.name and r.name.lower() == name.lower():
                    return r
        return self.rounds[-1] if self.rounds else None


# --------------------------------------------------------------- helpers ---


def strip_asides(text: str) -> str:
    """Drop appositions and relative clauses between commas, keeping the list structure."""
    text = re.sub(r"\s*\([^()]*\)", "", text)
    text = re.sub(r",\s+(?:based|headquartered)\s+in\s+ENT\d+(?:,\s+ENT\d+)?(?=,)", "", text)
    text = re.sub(r",\s+(?:and\s+)?(?:also\s+|formerly\s+)?known\s+as\s+[^,;]*(?=,)", "", text)
    aside = (
        r",\s+(?:(?:the|a|an|its|their|both|now|who|which|whose|where|based|founded|co-founded|"
        r"headquartered|known|backed|owned|led|run|whom|one)\b(?!\s+ENT\d+(?:\s*,|\s+and\b|\s*$))|(?:ENT\d+'s)\s+(?!ENT))[^,;:]*?(?=,|;|:|\.|$)"
    )
    prev = None
    while prev != text:
        prev = text
        m = re.search(aside, text)
        if m is None:
            break
        rest = text[m.end() :]
        # "X, the start-up behind Y, also makes Z" -> "X also makes Z": drop the closing comma too
        if re.match(r",\s+(?!(?:and|or|but|which|who|whose|the|a|an|ENT\d+)\b)[a-z]", rest):
            rest = rest[1:]
        text = text[: m.start()] + rest
    # "X, sells ..." after an aside went: the subject meets its verb again
    return re.sub(
        r"(ENT\d+),\s+(?=(?:also|now|then|is|was|has|had|will|would|can|could|[a-z]+(?:s|ed))\b)",
        r"\1 ",
        text,
    )


def list_entities(
    ms: MaskedSentence, text: str, ctx: Context, kinds: tuple[str, ...] = (ORG, PERSON)
) -> list[int]:
    """Entity indexes named as items of a list ("X, Y and chipmaker Z")."""
    out: list[int] = []
    for item in re.split(SEP, text):
        slots = re.findall(E, item)
        if not slots:
            continue
        slot = ms.slot(slots[-1])  # "Globex's Growth Fund" -> the fund
        kind = ctx.type_of(slot.value)
        # a list of investors or partners is evidence enough to read a weakly typed name as a company
        weak_org = ORG in kinds and kind == PRODUCT and ctx.weak.get(slot.value, False)
        if (kind in kinds or weak_org) and slot.value not in out:
            out.append(slot.value)
    return out


def unmask(ms: MaskedSentence, text: str) -> str:
    """Masked text with its name slots written out again (for titles such as 'Vice President, Research')."""
    doc_text = ms.source or ""

    def back(m: re.Match[str]) -> str:
        slot = ms.slots[int(m.group(2))]
        return doc_text[slot.start : slot.end] if doc_text else m.group(0)

    return SLOT_RE.sub(back, text)


def ent(ms: MaskedSentence, token: str) -> int:
    return ms.slot(token).value


def amount_values(ms: MaskedSentence, token: str | None) -> dict[str, Any]:
    if not token:
        return {}
    money = ms.slot(token).value
    if getattr(money, "per_share", False):
        return {}
    return {
        "amount": float(money.amount) if money.amount % 1 else int(money.amount),
        "currency": money.currency,
    }


CLAUSE_BREAK = re.compile(
    r";|,\s+and\b|,\s+(?:and\s+)?(?:investing|pledging|adding|taking|bringing|making|giving|followed|while|when|after|before|which|who)\b|\bwhen\b|\bafter\b|\bwhile\b"
)


def nearest(
    ms: MaskedSentence, text: str, pos: int, kind: str, window: int = 400, after_only: bool = False
) -> str | None:
    """The slot of a kind nearest to a position in the masked text, within the same clause."""
    best, best_d = None, window + 1
    for m in re.finditer(rf"\b{kind}\d+\b", text):
        if after_only and m.start() < pos:
            continue
        lo, hi = sorted((m.start(), pos))
        if CLAUSE_BREAK.search(text[lo:hi]):
            continue
        if kind == "MON" and getattr(ms.slot(m.group(0)).value, "per_share", False):
            continue
        d = abs(m.start() - pos)
        if d < best_d:
            best, best_d = m.group(0), d
    return best


def money_ok(ms: MaskedSentence, token: str | None) -> bool:
    return token is not None and not getattr(ms.slot(token).value, "per_share", False)


#: A closed apposition or relative clause: "X, the lab spun out of Y in 2021, said ..."
_DATED_ASIDE = re.compile(
    r",\s+(?:the|a|an|which|who|whose|founded|co-founded|spun|set\s+up|launched|created)\b[^,;()]*?(?=,)"
)


def date_near(ms: MaskedSentence, text: str, pos: int, default: str | None) -> str | None:
    tok = nearest(ms, text, pos, "DAT", window=160)
    if tok is not None:
        # a date inside an aside the fact is not in dates the aside ("spun out in 2021"), not the fact
        for aside in _DATED_ASIDE.finditer(text):
            if aside.start() <= text.find(tok) < aside.end() and not aside.start() <= pos < aside.end():
                blanked = text[: aside.start()] + " " * (aside.end() - aside.start()) + text[aside.end() :]
                tok = nearest(ms, blanked, pos, "DAT", window=160)
                break
    if tok is None:
        # "Also in March, X, which makes Y, closed ...": a date opening the sentence dates all of it
        lead = re.match(
            rf"\s*(?:(?:also|and|then|later|earlier|separately)\s+)?(?:in|on|during)\s+({D}),", text, re.I
        )
        if lead and lead.end() <= pos:
            tok = lead.group(1)
    if tok is None:
        # "... in 2021, when X raised $1.6bn": the when-clause happens at that date
        when = re.search(rf"({D}),?\s+when\b(?:(?!{D})[^;])*$", text[:pos])
        if when:
            tok = when.group(1)
    if tok is None:
        # "in the same month": the last date named before
        same = re.search(r"\b(?:the\s+same|that)\s+(month|year)\b", text[:pos])
        if same:
            earlier = re.findall(D, text[: same.start()])
            if earlier:
                value = ms.slot(earlier[-1]).value
                return value[:7] if same.group(1) == "month" else value[:4]
    return ms.slot(tok).value if tok else default


DONE_AFTER_ANNOUNCED = re.compile(
    r"\b(?:announced|unveiled|disclosed)\b(?=\s+(?:(?:today|on\s+dat\d+|that|it|ent\d+)\s+){0,3}"
    r"(?:(?:has|have|had)\s+(?:now\s+|successfully\s+)?(?:closed|completed|raised|secured|invested|acquired|received|taken|bought)\b"
    r"|(?:the\s+)?(?:close|closing|completion)\s+of\b))"
)


def status_of(text: str, default: str = "completed") -> str:
    # press releases: "X today announced that it has closed ..." states a done deal
    t = DONE_AFTER_ANNOUNCED.sub("stated", text.lower())
    if re.search(
        r"\bin (?:advanced )?(?:talks|discussions|negotiations)\b|\bheld talks\b|\btalks (?:about|to|over)\b",
        t,
    ):
        return "in_talks"
    if re.search(r"\bpledg|\bcommit", t):
        return "pledged"
    if re.search(
        r"\b(?:planned|proposed|pending)\s+(?:mon\d+\s+)?(?:[\w-]+\s+){0,2}(?:purchase|acquisition|takeover|merger|deal|buyout)\b"
        r"|\b(?:working|yet|seeking|hoping|racing) to (?:close|complete|finalise|finalize)\b",
        t,
    ):
        return "announced"  # "working to close its planned purchase of X": agreed, not done
    if re.search(r"\b(?:plans?|planned|planning|intends?|aims?|seeks?|seeking|looking) to\b", t):
        return "planned"
    if re.search(
        r"\b(?:will|would|agreed to|agrees to|agreed|to buy|to acquire|to invest|is to|set to|is buying|are buying|deal to|expected to|announced|unveiled|offer to|has offered|bid)\b",
        t,
    ):
        return "announced"
    if re.search(REPORTED, t):
        return "reported"
    return default


REPORTED = re.compile(
    r"\breported(?:ly)?\b|\baccording to\b|\b(?:people|persons?|sources?) (?:familiar|close to|briefed)\b|"
    r"\bis said to\b|\bfamiliar with the (?:matter|talks|plans|deal)\b|\b(?:the )?(?:people|sources) said\b",
    re.I,
)


# ------------------------------------------------------------ rule table ---

Rule = Callable[[MaskedSentence, str, str, Context], Iterator[Draft]]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


def _is(ctx: Context, index: int, *types: str) -> bool:
    return ctx.type_of(index) in types


def _subject_before(
    ms: MaskedSentence, text: str, pos: int, ctx: Context, types=(ORG,), max_gap: int = 90
) -> int | None:
    """The nearest entity before pos with no clause boundary in between."""
    best = None
    for m in re.finditer(E, text[:pos]):
        gap = text[m.end() : pos]
        if len(gap) > max_gap or re.search(
            r"[;:]|\b(?:which|who|that|when|while|after|before|because|as)\b", gap
        ):
            continue
        if re.search(E, gap):
            continue
        if _is(ctx, ent(ms, m.group(0)), *types):
            best = ent(ms, m.group(0))
    return best


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


RAISE = (
    r"\b(?:raised?|raises|raising|secured?|secures|securing|closed|closes|closing|picked up|picks up|"
    r"lands|landed|bagged|bags|garnered|attracted|received|obtained|drew|draws|launch(?:es|ed)? with|"
    r"snagged|snags|nabbed|nabs|scored|scores|scooped up|pulled in|pulls in|hauled in|netted|nets|raked in|rakes in|"
    r"launch with|completed|completes)\b"
)


@rule
def funding_rounds(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    for m in re.finditer(RAISE, text):
        rest = text[m.end() :]
        mm = re.match(
            rf"\s+(?:(?:its|ENT\d+'s|a|an|the|that|this)\s+)?(?:launch\s+with\s+)?{AMOUNT_HEDGE}({M})", rest
        )
        if not mm:
            mm2 = re.match(
                rf"\s+{AMOUNT_HEDGE}(?:{ROUND_NAME.pattern})[^.;]*?\b(?:of|worth)\s+{AMOUNT_HEDGE}({M})", rest
            )
            if not mm2:
                continue
            money_tok = mm2.group(mm2.lastindex)
        else:
            money_tok = mm.group(1)
        if not money_ok(ms, money_tok):
            continue
        if re.search(rf"{money_tok}\s+for\s+(?:{DESC})?{E}", rest[:80]):
            continue  # "raising $4bn for its owner": proceeds of a sale, not a round
        after = rest[:120]
        before = text[max(0, m.start() - 60) : m.start()]
        if (
            re.search(
                r"\b(?:in|a) total\b|\bto date\b|\bso far\b|\bin all\b|\bsince\b",
                after[:60] + " " + before[-25:],
            )
            or re.search(r"\ba total of\b", rest[:30])
            or re.search(r"\b(?:has|have)\s+now\s+$", before)
        ):
            continue  # a funding total ("has now raised $90m"), not a round
        if re.search(
            r"\b(?:bonds?|debt|notes|loans?|credit|revenues?|sales|profits?|earnings|income|fees|contracts|orders|deposits|bookings|prize)\b",
            rest[:80],
        ) and not re.search(r"selling new shares|new shares|\bround\b", rest[:80]):
            continue  # money raised by selling bonds or earned as revenue is not a funding round
        if (
            m.group(0).startswith(("clos", "complet"))
            and not ROUND_NAME.search(rest[:60])
            and not re.search(r"\bround|financing|funding", rest[:60])
        ):
            continue
        if negated(text[max(0, m.start() - 25) : m.end()]):
            continue  # "did not raise", "could raise"
        plain_pos = strip_asides(text[: m.start()])
        org = _subject_before(ms, plain_pos, len(plain_pos), ctx)
        named = [x for x in re.finditer(E, plain_pos) if org is not None and ent(ms, x.group(0)) == org]
        if named and re.search(
            r"\b(?:on|at|in|to|from|with|for|of)\s+(?:the\s+)?$", plain_pos[: named[-1].start()]
        ):
            # "X went public on the Globex Exchange, raising $3bn": the exchange is no subject
            org = _subject_before(ms, plain_pos[: named[-1].start()], named[-1].start(), ctx)
        via_topic = False
        if org is not None and _investor_by_reference(ms, plain_pos, org, ctx):
            org, via_topic = _round_owner(ctx), True  # "it" resolved to a backer named just before
        if org is None and DESCRIBED_SUBJECT.search(plain_pos):
            org, via_topic = ctx.topic, True  # "The Munich-based start-up raised ..."
        if org is None:
            head = text[: m.start()]
            # someone else is the subject ("X said ... Y raised"): leave it
            if (
                re.search(E, head)
                and not re.search(r"\b(?:that|which)\s+$", head)
                and not re.search(r"\b(?:it|that)\s+(?:has |had |have |will |would )?$", head)
            ):
                continue
            org = ctx.topic
            via_topic = True
        if org is None or not _is(ctx, org, ORG):
            continue
        own_clause = m.group(0) + re.split(rf";|{NEXT_ROUND}", text[m.end() :])[0]
        if (
            m.group(0).startswith("raised")
            and re.search(
                r"\b(?:which|that|who)\s+(?:has|have)\s+(?:now\s+|so\s+far\s+|already\s+)?$",
                text[: m.start()],
            )
            and not re.search(
                r"\b(?:Series|round|seed|IPO|placement|offering|financing|fundraise)\b", own_clause[:100]
            )
        ):
            # "X, which has raised $300m from investors including A": what X raised over time
            yield Draft(
                "funding_total",
                {"organization": org},
                amount_values(ms, money_tok),
                ms.index,
                0.7,
                "raised-so-far",
            )
            yield from _total_backers(ms, text[m.end() :], ctx, org)
            continue
        name = ROUND_NAME.search(own_clause[:140])
        round_name = name.group(1) if name else None
        status = status_of(text[max(0, m.start() - 50) : m.start() + 12])
        if re.search(r"\bin talks\b", text[: m.start()]):
            status = "in_talks"
        elif status == "completed" and REPORTED.search(text):
            status = "reported"  # "..., people familiar with the matter said"
        date = date_near(
            ms,
            text,
            m.start() + len(m.group(0)) + (rest.find(money_tok) if money_tok in rest else 0),
            ctx.published,
        )
        draft = Draft(
            "funding_round",
            {"organization": org},
            {
                **amount_values(ms, money_tok),
                "status": status,
                **({"round": round_name} if round_name else {}),
                **({"date": date} if date else {}),
            },
            ms.index,
            0.6 if via_topic else 0.85,
            "raise",
        )
        ctx.rounds.append(Round(org, draft, round_name, date, m.start()))
        if round_name and date:
            # "X, which led Y's seed round, ..." stated before "Y raised that seed round in May 2022"
            for earlier in ctx.drafts:
                if (
                    earlier.type == "investment"
                    and earlier.roles.get("investee") == org
                    and str(earlier.values.get("round", "")).lower() == round_name.lower()
                    and "date" not in earlier.values
                ):
                    earlier.values["date"] = date
        yield draft
        clause = re.split(rf";|{RAISE}|{NEXT_ROUND}", text[m.end() :])[0]
        backers = list(_round_investors(ms, clause, ctx, ctx.rounds[-1], status))
        if len(backers) == 1 and re.search(
            rf"{money_tok}\s+(?:[a-z-]+\s+){{0,2}}(?:investment|injection|infusion|cheque|check)\s+from\b",
            clause,
        ):
            backers[0].values.update(amount_values(ms, money_tok))  # "received a $25m investment from X"
        yield from backers
        yield from _next_rounds(ms, text, m.end(), org, status, draft.confidence, ctx)


#: "... $15m in a Series A led by X in 2021 and $40m in a Series B led by Y last year": a further round
NEXT_ROUND = rf"\b(?:and|,)\s+(?:then\s+|later\s+|another\s+)*{AMOUNT_HEDGE}{M}\s+in\s+(?:an?|its|the)\s+"


def _next_rounds(
    ms: MaskedSentence, text: str, pos: int, org: int, status: str, conf: float, ctx: Context
) -> Iterator[Draft]:
    """Further rounds listed after the first one in a raise sentence, each with its own investors and date."""
    tail = re.split(rf";|{RAISE}", text[pos:])[0]
    for nm in re.finditer(NEXT_ROUND, tail):
        money_tok = re.search(M, nm.group(0)).group(0)
        if not money_ok(ms, money_tok):
            continue
        clause = nm.group(0) + re.split(rf"{NEXT_ROUND}", tail[nm.end() :])[0]
        name = ROUND_NAME.search(clause)
        own = re.search(D, clause)
        date = ms.slot(own.group(0)).value if own else ctx.published
        values: dict[str, Any] = {**amount_values(ms, money_tok), "status": status}
        if name:
            values["round"] = name.group(1)
        if date:
            values["date"] = date
        draft = Draft("funding_round", {"organization": org}, values, ms.index, conf - 0.05, "raise-next")
        rnd = Round(org, draft, name.group(1) if name else None, date, pos + nm.start())
        ctx.rounds.append(rnd)
        yield draft
        yield from _round_investors(ms, clause, ctx, rnd, status)


@rule
def named_rounds(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    """A round named by its size and series without a 'raise' verb: 'a $125m Series B led by X'."""
    if re.search(RAISE, text):
        return
    for m in re.finditer(
        rf"\b(?:a|an|its|ENT\d+'s|the)\s+({M})\s+((?:Series [A-Z]\d?|seed|pre-seed)(?:\s+(?:funding\s+)?round)?)\s+(?:co-?led|led)\s+by\s+({LIST})",
        text,
    ):
        plain_pos = strip_asides(text[: m.start()])
        org = _subject_before(ms, plain_pos, len(plain_pos), ctx, max_gap=60)
        if org is None:
            org = ctx.rounds[0].organization if ctx.rounds else ctx.focus
        if org is None or not money_ok(ms, m.group(1)):
            continue
        round_name = ROUND_NAME.search(m.group(2)).group(1)
        date = date_near(ms, text, m.end(), None)
        draft = Draft(
            "funding_round",
            {"organization": org},
            {
                **amount_values(ms, m.group(1)),
                "status": "completed",
                "round": round_name,
                **({"date": date} if date else {}),
            },
            ms.index,
            0.6,
            "named-round",
        )
        rnd = Round(org, draft, round_name, date, m.start())
        ctx.rounds.append(rnd)
        yield draft
        for inv in list_entities(ms, m.group(3), ctx):
            if inv != org:
                yield _round_investment(ms, ctx, rnd, inv, "completed", 0.6)


BACKER_NOUN = r"(?:backers?|investors?|shareholders?|funders?)"
BACKERS_TALK = re.compile(
    r"\b(?:backers?|investors?|shareholders?|funders?|co-?led|led|leads|leading|co-leads|headed|anchored|"
    r"took part|participated|participating|invested|joined|co-invested)\b"
)
ROUND_WORDS = (
    r"(?:(?:Series [A-Z]\d?|seed|pre-seed|growth|funding|financing|investment|equity|venture)\s+){0,2}round"
)


def _new_round(
    ms: MaskedSentence,
    ctx: Context,
    org: int,
    money: str | None,
    name: str | None,
    date: str | None,
    pos: int,
    conf: float,
    rule_name: str,
) -> Round:
    values: dict[str, Any] = {**amount_values(ms, money), "status": "completed"}
    if name:
        values["round"] = name
    if date:
        values["date"] = date
    rnd = Round(
        org, Draft("funding_round", {"organization": org}, values, ms.index, conf, rule_name), name, date, pos
    )
    ctx.rounds.append(rnd)
    return rnd


@rule
def backers_and_led_rounds(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    """Rounds and investors stated without a 'raise' verb.

    "Y's first big backer was X, which led a $12m round in 2020"; "X led a $20m Series A round in Y";
    "Y was valued at $1bn in a funding round in 2021 led by X".
    """
    if len(re.findall(E, text)) < 2 or not BACKERS_TALK.search(text):
        return  # every pattern names two parties and one of these words (keeps the rule cheap)
    plain = strip_asides(text)
    # Y's (first / largest) backer was X (, ..., which led a $M round in D)
    for m in re.finditer(
        rf"({E})'s\s+(?:(?:first|biggest|largest|lead|early|earliest|main|major|principal|key|anchor|only|single|big|outside|institutional|controlling|top)\s+)*{BACKER_NOUN}\s+(?:(?:then|at the time|also|now|already|still)\s+)?(?:was|is|were|are|has been|have been|include|included|includes)\s+({LIST})",
        text,
    ):
        b = ent(ms, m.group(1))
        if not _is(ctx, b, ORG):
            continue
        investors = [i for i in list_entities(ms, m.group(2), ctx) if i != b]
        led = re.match(
            rf"(?:,[^;]*?)?,?\s+(?:which|who)\s+(?:co-?led|led|headed|anchored)\s+(?:an?|its|the)\s+({M})\s+({ROUND_WORDS})(?:\s+in\s+({D}))?",
            text[m.end() :],
        )
        rnd = None
        if led and len(investors) == 1 and money_ok(ms, led.group(1)):
            name = ROUND_NAME.search(led.group(2))
            date = (
                ms.slot(led.group(3)).value
                if led.group(3)
                else date_near(ms, text, m.end() + led.start(1), None)
            )
            rnd = _new_round(
                ms,
                ctx,
                b,
                led.group(1),
                name.group(1) if name else None,
                date,
                m.start(),
                0.7,
                "backer-led-round",
            )
            yield rnd.draft
        if rnd is None and re.search(r"\b(?:then|at the time)\b", m.group(0)):
            # "Its backers then included A and B": the round just stated
            last = ctx.rounds[-1] if ctx.rounds else None
            rnd = last if last and last.organization == b and last.draft.sentence >= ms.index - 2 else None
        for a in investors:
            if rnd is not None:
                yield _round_investment(ms, ctx, rnd, a, "completed", 0.7)
            else:
                values = {"status": status_of(text[m.start() : m.end()], "completed")}
                yield Draft("investment", {"investor": a, "investee": b}, values, ms.index, 0.7, "backer-was")
    # X led a $20m (Series A) round in Y (in D); X is leading a $50m investment in Y; X took part in Y's $30m Series A
    lead_verb = r"(?:co-?led|led|headed|anchored|leads|co-leads|is\s+leading|are\s+leading|is\s+co-leading)"
    part_verb = (
        r"(?:took\s+part|participated|invested|joined|co-invested|(?:is|are)\s+participating)(?:\s+in)?"
    )
    round_noun = rf"(?:{ROUND_WORDS}|Series [A-Z]\d?|seed|investment|financing|fundraise|fundraising|funding)"
    for m in re.finditer(
        rf"({LIST})(?:,\s+(?:which|who)\b)?\s+(?:(?:has|have|had|also|previously|recently|then|reportedly)\s+)*(?:{lead_verb}\s+(?:an?|the)\s+({M})\s+({round_noun})\s+(?:in|into|for|of)\s+(?:(?:the\s+)?{DESC})?({E})(?!'s)"
        rf"|(?:{lead_verb}|{part_verb})\s+({E})'s?\s+(?:({M})\s+)?(?:new\s+|latest\s+)?({round_noun}(?:\s+round)?))",
        list_plain(text),
    ):
        money, b_tok, noun = (
            (m.group(2), m.group(4), m.group(3)) if m.group(4) else (m.group(6), m.group(5), m.group(7))
        )
        b = ent(ms, b_tok)
        if not _is(ctx, b, ORG) or (money and not money_ok(ms, money)):
            continue
        name = ROUND_NAME.search(noun)
        ongoing = re.search(r"\b(?:has|have|is|are)\b|\bleads\b", m.group(0))
        date = date_near(ms, m.string, m.start(), ctx.published if ongoing else None)
        status = status_of(text, "completed")
        if status == "announced" and not re.search(r"\b(?:will|would|agreed|to)\b", m.group(0)):
            status = "completed"
        investors = [a for a in list_entities(ms, m.group(1), ctx) if a != b]
        if money:
            rnd = _new_round(
                ms, ctx, b, money, name.group(1) if name else None, date, m.start(), 0.75, "led-round-in"
            )
            rnd.draft.values["status"] = status
            yield rnd.draft
            for a in investors:
                yield _round_investment(ms, ctx, rnd, a, status, 0.75)
        else:
            for a in investors:
                values: dict[str, Any] = {"status": status, **({"date": date} if date else {})}
                if name:
                    values["round"] = name.group(1)
                yield Draft(
                    "investment", {"investor": a, "investee": b}, values, ms.index, 0.75, "took-part-in"
                )
    # X led the $300m Series E, which values Y at $1.5bn (, with A and B also investing)
    if not re.search(RAISE, text):
        for m in re.finditer(
            rf"({LIST})\s+(?:(?:has|have|had|also)\s+)*(?:co-?led|led|headed|anchored)\s+(?:the|a|an)\s+({M})\s+({round_noun})\b(?!\s+(?:in|into|for|of)\s)",
            plain,
        ):
            values_it = re.search(
                rf"\bwhich\s+(?:values|valued|valuing)\s+({E})\b", text[text.find(m.group(2)) :]
            )
            if values_it is None or not money_ok(ms, m.group(2)):
                continue
            b = ent(ms, values_it.group(1))
            if not _is(ctx, b, ORG):
                continue
            name = ROUND_NAME.search(m.group(3))
            rnd = _new_round(
                ms,
                ctx,
                b,
                m.group(2),
                name.group(1) if name else None,
                date_near(ms, plain, m.start(2), ctx.published),
                m.start(),
                0.7,
                "led-round-values",
            )
            yield rnd.draft
            investors = list_entities(ms, m.group(1), ctx)
            for m2 in re.finditer(
                rf"\bwith\s+({LIST})\s+(?:also\s+)?(?:participating|joining|taking part|investing|co-investing)\b|\b(?:with\s+)?participation\s+from\s+({LIST})",
                list_plain(text),
            ):
                investors += list_entities(ms, m2.group(1) or m2.group(2), ctx)
            for a in dict.fromkeys(investors):
                if a != b:
                    yield _round_investment(ms, ctx, rnd, a, "completed", 0.7)
    # Y was valued at $M in a (funding) round (in D) led by X: the round and its lead, no raise verb
    if re.search(RAISE, text):
        return
    for m in re.finditer(
        rf"\b(?:in|after|following|through|with|via)\s+(?:an?|its|the)\s+(?:({M})\s+)?({ROUND_WORDS}|fundraise|fundraising|raise|financing|funding|investment)(?:\s+in\s+({D}))?\s*,?\s+(?:that\s+was\s+|which\s+was\s+)?(?:co-?led|led)\s+by\s+({LIST})",
        text,
    ):
        head = strip_asides(text[: m.start()])
        if not re.search(r"\bvalu(?:ed|ing|ation)\b|\bfunding\b|\binvest", head):
            continue
        org = _subject_before(ms, head, len(head), ctx, max_gap=200)
        if org is None or (m.group(1) and not money_ok(ms, m.group(1))):
            continue
        name = ROUND_NAME.search(m.group(2))
        now = ctx.published if re.search(r"\b(?:has|have|is|are)\b", head) else None
        date = ms.slot(m.group(3)).value if m.group(3) else date_near(ms, text, m.start(), now)
        rnd = _new_round(
            ms, ctx, org, m.group(1), name.group(1) if name else None, date, m.start(), 0.6, "valued-in-round"
        )
        yield rnd.draft
        for a in list_entities(ms, m.group(4), ctx):
            if a != org:
                yield _round_investment(ms, ctx, rnd, a, "completed", 0.7)


LED_BY = rf"\b(?:co-?led|led|headed|spearheaded)\s+by\s+({LIST})"
FROM_LIST = rf"\bfrom\s+(?:(?:a group|a consortium|a syndicate|investors|backers|a roster of [\w\s-]+?|a (?:[\w-]+\s+){{0,3}}(?:group|list|range|number) of [\w\s-]+?)\s*,?\s+(?:that\s+)?(?:includes?|including|led by|such as)\s+)?({LIST})"
WITH_PART = (
    rf"\b(?:with\s+)?participation\s+(?:from|by)\s+(?:(?:existing|new)\s+(?:investors|backers)\s+)?({LIST})"
)
INCLUDING = rf"\b(?:investors|backers|participants|investors that included|names)\s+(?:including|such as|like)\s+({LIST})"
ROUND_LED_BY = rf"\b(?:round|financing|funding|raise|fundraising|valuation|year|month|week|{M}|{D})\s*,?\s+(?:and\s+)?(?:was\s+)?(?:also\s+)?(?:co-?led|led|headed|spearheaded)\s+by\s+({LIST})"
BROUGHT_IN = (
    r"(?:\b(?:brought\s+in|drew|attracted|added|welcomed)\s+(?:new\s+|several\s+|other\s+)*(?:investors|backers|shareholders)\s+(?:including\s+|such\s+as\s+)?"
    r"|\b(?:round|financing|funding|raise|fundraise)\s+(?:that|which)\s+(?:also\s+)?(?:included|includes|drew|attracted|saw)\s+(?:participation\s+from\s+|(?:new\s+)?(?:investors|backers)\s+(?:such\s+as\s+)?)?)"
    rf"({LIST})"
)


def _round_investors(ms: MaskedSentence, text: str, ctx: Context, rnd: Round, status: str) -> Iterator[Draft]:
    plain = strip_asides(text)
    found: list[int] = []
    for pattern in (
        LED_BY,
        FROM_LIST,
        WITH_PART,
        INCLUDING,
        rf"\bwith\s+({LIST})\s+(?:also\s+)?(?:participating|joining|taking part|investing|co-investing|contributing)\b",
        rf"({LIST}),?\s+(?:had|have|has|also|had\s+also|have\s+also|has\s+also)\s+(?:also\s+)?(?:invested|participated|joined\s+(?:the\s+)?(?:round|financing|raise|investment)|taken part|took part|co-invested)(?!\s+(?:in|into)\s+{E})",
        rf"\bselling\s+(?:new\s+)?shares\s+to\s+({LIST})",
        rf"({LIST})\s+(?:co-?led|led)\s+the\s+(?:round|investment|financing|raise)",
    ):
        for m in re.finditer(pattern, plain):
            found += [i for i in _list_investors(ms, plain, m, ctx) if i not in found]
    # what strip_asides drops but still names the round's investors: "..., led by X", "which drew investors including X"
    flat = list_plain(text)
    for pattern in (ROUND_LED_BY, INCLUDING, BROUGHT_IN):
        for m in re.finditer(pattern, flat):
            found += [i for i in _list_investors(ms, flat, m, ctx) if i not in found]
    for inv in found:
        if inv != rnd.organization:
            yield _round_investment(ms, ctx, rnd, inv, status, 0.8)


def _list_investors(ms: MaskedSentence, text: str, m: re.Match, ctx: Context) -> list[int]:
    """The list of group 1, without a last item that starts a new clause ("from A, and B has joined the board")."""
    items = list_entities(ms, m.group(1), ctx)
    if (
        items
        and m.end(1) == m.end()  # the verb is not part of the pattern ("A and B had also invested")
        and re.match(
            r"\s+(?:has|have|had|is|are|was|were|will|would|said|says|joined|became|also)\b", text[m.end(1) :]
        )
        and re.search(r",?\s+and\s+(?:the\s+)?(?:\S+\s+){0,3}?ENT\d+$", m.group(1))
    ):
        items = items[:-1]
    return items


def list_plain(text: str) -> str:
    """Lists without the appositions of their items: "X, the Gulf state's fund, and Y" -> "X, and Y"."""
    text = re.sub(r"\s*\([^()]*\)", "", text)
    return re.sub(
        rf"({E}),\s+(?:the|a|an|its)\s+(?:(?!\b(?:and|or|which|who|that|led|with)\b)[^,;:.])*?(?=,\s+(?:and\s+|as well as\s+)?(?:the\s+)?{DESC}{E})",
        r"\1",
        text,
    )


def _round_investment(
    ms: MaskedSentence, ctx: Context, rnd: Round, investor: int, status: str, conf: float
) -> Draft:
    values: dict[str, Any] = {"status": status}
    if rnd.name:
        values["round"] = rnd.name
    if rnd.date:
        values["date"] = rnd.date
    return Draft(
        "investment",
        {"investor": investor, "investee": rnd.organization},
        values,
        ms.index,
        conf,
        "round-investor",
    )


#: a list that names where money went, not who put it in: "invested in companies including A and B"
PORTFOLIO_BEFORE = re.compile(
    r"\b(?:companies|startups|start-ups|firms|businesses|portfolio|investments|bets|stakes|holdings|brands|"
    r"clients|customers|markets|countries|products|deals|rivals|competitors|peers)\b[^,;.]{0,25}$"
)
ROUND_REF = r"(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|ENT\d+'s)\s+(?:new\s+|latest\s+|funding\s+|financing\s+|investment\s+)*(?:round|financing|funding|raise|fundraising|investment|Series [A-Z]\d?(?:\s+round)?)"


@rule
def round_participants(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    """Sentences about a round named earlier: 'The round was led by X', 'Y and Z also took part'."""
    if re.search(RAISE, text) and re.search(rf"{RAISE}\s+{AMOUNT_HEDGE}{M}", text):
        return  # the round rule handles sentences that state the round itself
    if not ctx.rounds or not re.search(E, text):
        return
    plain = strip_asides(text)
    name = ROUND_NAME.search(text)
    rnd = ctx.current_round(name.group(1) if name else None)
    if rnd is None:
        return
    owners = {
        ent(ms, t)
        for t in re.findall(
            rf"({E})'s?\s+(?:{M}\s+)?(?:new\s+|latest\s+|previous\s+|last\s+)?(?:Series|seed|round|funding|financing|IPO|fundrais)",
            text,
        )
    } | {
        ent(ms, t)
        for t in re.findall(
            rf"\b(?:invested|invests|invest)\s+(?:{AMOUNT_HEDGE}{M}\s+)?in\s+(?:the\s+)?({E})", text
        )
    }
    if owners and rnd.organization not in owners:
        return  # the sentence is about another company's round: "X invested in Y's Series B"
    main_name = ROUND_NAME.search(plain)  # not the one in "X, which led its seed round, invested again"
    if main_name and rnd.name and rnd.name.lower() != main_name.group(1).lower():
        return  # "X also led its Series B" while the round stated is the Series C: another round
    if (
        name
        and rnd.name is None
        and re.search(rf"{ROUND_REF}", text[max(0, name.start() - 12) : name.end() + 6])
    ):
        rnd.name = name.group(1)  # "The Series B round also drew ...": the round named afterwards
        rnd.draft.values["round"] = rnd.name
    found: list[int] = []
    patterns = [
        rf"{ROUND_REF}\s+(?:was|is|has been|were)\s+(?:co-?led|led|headed|spearheaded|anchored)\s+by\s+({LIST})",
        rf"{ROUND_REF}\s+(?:also\s+)?(?:drew|attracted|included|includes|saw participation from)\s+({LIST})",
        rf"{ROUND_REF}\s+(?:also\s+)?(?:included|includes|saw|drew|had|featured)\s+(?:(?:additional|further)\s+)?participation\s+(?:from|by)\s+({LIST})",
        rf"\bwith\s+({LIST})\s+(?:also\s+)?(?:participating|joining|taking part|investing|co-investing|contributing|following on)\b",
        rf"\b[Aa]mong\s+(?:the\s+)?(?:other\s+|new\s+|existing\s+)?(?:investors|backers|participants)(?:\s+in\s+(?:the|this)\s+(?:round|financing|funding|raise))?\s+(?:were|are|was|is)\s+({LIST})",
        rf"(?:^|[.;:]\s*)\s*(?:[A-Z][a-z]+\s+)?(?:[Ii]nvestors|[Bb]ackers|[Pp]articipants)\s+in\s+(?:the|this|that)\s+(?:latest\s+|new\s+)?(?:round|financing|funding|raise|fundraise|deal)\s+(?:also\s+)?(?:include|included|includes|are|were)\s*:?\s+({LIST})",
        rf"({LIST}),?\s+(?:also\s+|have\s+also\s+|has\s+also\s+|all\s+)?(?:joined|took part|participated|returned|invested|backed|came in|chipped in|co-invested|contributed|put money)(?!\s+(?:in|into)\s+{E})",
        rf"\bas did\s+(?:(?:{_W}\s+){{0,4}}{_W}:\s+)?({LIST})",
        rf"\b(?:funds|accounts|entities|vehicles|clients)\s+(?:and\s+\w+\s+)?(?:advised|managed)\s+by\s+({LIST})",
        rf"({LIST})\s+(?:co-?led|led)\s+(?:the\s+)?(?:{M}\s+)?(?:[a-z-]+\s+)?(?:round|investment|financing|funding)",
        rf"(?:other|existing|new)\s+(?:backers|investors|participants|shareholders)(?:\s+in the round)?\s+(?:include|included|including|are|were)\s*:?\s+({LIST})",
        rf"^\s*(?:[Nn]amed\s+|[Oo]ther\s+|[Nn]ew\s+|[Ee]xisting\s+|[Ll]ead\s+|[Kk]ey\s+)?(?:[Ii]nvestors|[Bb]ackers|[Pp]articipants)\s*:\s+({LIST})",
        rf"(?:other|existing|new)\s+(?:backers|investors)\s+({LIST})\s+(?:also\s+)?(?:took part|participated|returned|joined|invested)",
        rf"\balongside\s+({LIST})",
        rf"\bincluding\s+({LIST})",
        rf"\bwith\s+participation\s+from\s+({LIST})",
        rf"\bco-?led\s+by\s+({LIST})",
        rf"\bled\s+by\s+({LIST})",
    ]
    invest_talk = re.search(
        r"\b(?:invest\w*|round|back\w*|fund\w*|financ\w*|took part|joined|participat\w*|stake|raise\w*)\b",
        text,
        re.I,
    )
    if not invest_talk:
        patterns = [p for p in patterns if "alongside" not in p and "including" not in p]
    round_talk = re.search(
        rf"{ROUND_REF}|\b(?:investors?|backers?|participants|took part|joined|participated|co-led|led by|invested again|also invested|alongside|among others|returned)\b",
        text,
        re.I,
    )
    if not round_talk:
        return
    for pattern in patterns:
        for m in re.finditer(pattern, plain):
            if PORTFOLIO_BEFORE.search(plain[max(0, m.start(1) - 45) : m.start(1)]):
                continue  # "an investor in companies including A and B": A and B are investees
            found += [i for i in list_entities(ms, m.group(1), ctx) if i not in found]
    # "..., which also brought in new investors including X, the Gulf fund, and Y": inside a dropped aside
    for pattern in (BROUGHT_IN, INCLUDING):
        for m in re.finditer(pattern, list_plain(text)):
            found += [i for i in list_entities(ms, m.group(1), ctx) if i not in found]
    status = rnd.draft.values.get("status", "completed")
    for inv in found:
        if inv != rnd.organization:
            yield _round_investment(ms, ctx, rnd, inv, status, 0.75)


def list_block_investors(ms: MaskedSentence, text: str, ctx: Context, items: list[int]) -> Iterator[Draft]:
    """A sentence ending in ':' followed by bullet items, each naming an investor."""
    if not re.search(
        r"\b(?:backers|investors|participants|include|including|investors in the round|shareholders|"
        r"subscribers|(?:money|funds|funding|capital|cash|investment)\s+(?:came|comes|come)\s+from|"
        r"(?:was|were)\s+(?:provided|contributed|put up)\s+by|(?:round|financing|placement)\s+(?:was\s+)?(?:led|joined)\s+by)\b",
        text,
        re.I,
    ):
        return
    rnd = ctx.current_round(None)
    if rnd is None:
        return
    for inv in items:
        if inv != rnd.organization and _is(ctx, inv, ORG, PERSON):
            yield _round_investment(ms, ctx, rnd, inv, rnd.draft.values.get("status", "completed"), 0.7)


# -------------------------------------------------------------- valuations ---


@rule
def valuations(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    patterns = [
        (
            rf"\bvalu(?:es|ed|ing)\s+(?:(?:the\s+)?(?:[a-z-]+\s+){{0,4}}?({E})\s+)?at\s+{AMOUNT_HEDGE}({M})",
            1,
            2,
        ),
        (rf"\bvalued\s+at\s+{AMOUNT_HEDGE}({M})", None, 1),
        (
            rf"\bvalu(?:es|ed|ing)\s+the\s+(?:[a-z-]+\s+){{1,6}}?(?:company|start-?up|firm|group|business|developer|maker)\s+at\s+{AMOUNT_HEDGE}({M})",
            None,
            1,
        ),
        (rf"\bat\s+an?\s+(?:post-money\s+|pre-money\s+)?valuation\s+of\s+{AMOUNT_HEDGE}({M})", None, 1),
        (rf"\bat\s+an?\s+{AMOUNT_HEDGE}({M})\s+(?:post-money\s+|pre-money\s+)?valuation", None, 1),
        (
            rf"\b(?:post-money\s+|pre-money\s+)?valuation\s+(?:was|is|of|to|at|above|of more than|hit|reached|rose to|topped)\s+{AMOUNT_HEDGE}({M})",
            None,
            1,
        ),
        (
            rf"\b(?:market\s+value|market\s+capitali[sz]ation|market\s+cap|valuation)\s+of\s+{AMOUNT_HEDGE}({M})",
            None,
            1,
        ),
        (
            rf"(?:\b({E})'s?\s+)?\b(?:post-money\s+|pre-money\s+)?(?:valuation|market\s+value)\s+(?:has\s+|had\s+|have\s+)?(?:(?:more than|nearly|almost|roughly)\s+)?(?:rose|risen|jumped|climbed|soared|surged|doubled|tripled|fell|falls|dropped|slumped|plunged|increased|grew|grown|fallen|declined|sank|slid|tumbled|hit|reached|topped|exceeded|rises|jumps|climbs|soars|drops|slumps|plunges|sinks|slides|tumbles)\s+(?:by\s+)?(?:{P}\s+)?(?:to|at)\s+{AMOUNT_HEDGE}({M})",
            1,
            2,
        ),
        (
            rf"\b(?:gave|gives|giving|give|won|wins|earned|earns|earning|secured|secures|commands?|commanded|reached|achieved|carries|carried)\s+(?:{E}\s+)?(?:an?|its|a\s+new)\s+{AMOUNT_HEDGE}({M})\s+(?:post-money\s+|pre-money\s+)?(?:valuation|market\s+value)\b",
            None,
            1,
        ),
        (rf"\b(?:({E})'s\s+)?worth\s+at\s+{AMOUNT_HEDGE}({M})", 1, 2),
        (rf"({M})\s+at\s+which\s+(?:({E})\s+)?was\s+valued", 2, 1),
        (rf"\bvaluation\s+(?:is\s+)?up\s+from\s+{AMOUNT_HEDGE}({M})", None, 1),
        (rf"\bvaluation\s+(?:is\s+)?(?:more than\s+)?(?:double|triple|twice)\s+(?:the\s+)?({M})", None, 1),
    ]
    seen: set[str] = set()
    for pattern, org_group, money_group in patterns:
        for m in re.finditer(pattern, text):
            money_tok = m.group(money_group)
            if money_tok in seen or not money_ok(ms, money_tok):
                continue
            if re.match(r"[^.;]{0,30}?\bon\s+the\s+(?:stock\s+)?(?:market|exchange)\b", text[m.end() :]):
                continue  # "valued at $11bn on the stock market": a listed company's market value, not a valuation
            before = text[max(0, m.start() - 80) : m.start()]
            # a deal's value is the acquisition's amount, not a company valuation
            deal_word = re.search(
                r"\b(?:deal|transaction|purchase|takeover|acquisition|offer|bid|proposal|proposals|offers|merger|sale)s?\b[^.]{0,40}$",
                before,
            )
            # "the deal values the company at": a funding deal when no acquisition was stated
            takeover_talk = re.search(rf"\b(?:{ACQ_VERB}|acquisition|takeover|merger|buyout)\b", text)
            if (
                deal_word
                and (ctx.deals or takeover_talk or not deal_word.group(0).startswith("deal"))
                and not re.search(
                    r"\b(?:round|financing|funding|investment|offer price|share price|listing)\b",
                    before[-60:],
                )
                # a listing through a SPAC merger values the company that lists
                and not re.search(
                    r"\b(?:go(?:es|ing)? public|special purpose acquisition|blank-check|SPAC)\b", text
                )
                # employees selling shares to investors: the price values the company, nobody buys it
                and not re.search(
                    r"\b(?:tender offer|secondary|share sale|sale of (?:employee )?shares|employee shares)\b",
                    before,
                )
            ):
                continue
            org = ent(ms, m.group(org_group)) if org_group and m.group(org_group) else None
            conf = 0.8
            same = [
                r
                for r in ctx.rounds
                if r.draft.sentence == ms.index
                and r.pos < m.start()
                and not re.search(r";", text[r.pos : m.start()])
            ]
            if org is None and same:
                org = same[-1].organization
            held = re.search(
                rf"\b(?:shares|stake|holding)\s+(?:from\s+[^.;]*?\s+)?(?:of|in)\s+(?:the\s+)?{DESC}({E})(?!'s)[^.;]*$",
                text[: m.start()],
            )
            by_reference = bool(
                org_group and m.group(org_group) and ms.slot(m.group(org_group)).via_reference
            )
            if (org is None or by_reference) and held and _is(ctx, ent(ms, held.group(1)), ORG):
                org = ent(ms, held.group(1))  # "bought shares in Y in a sale that valued the company at"
            if org is None:
                plain_pos = strip_asides(text[: m.start()])
                org = _subject_before(ms, plain_pos, len(plain_pos), ctx, max_gap=200)
                if org is None:
                    rnd = ctx.current_round(None)
                    org = rnd.organization if rnd and rnd.draft.sentence >= ms.index - 3 else ctx.topic
                    conf = 0.6
            listing = re.search(
                rf"({E})\s+(?:(?:[a-z]+|{D})\s+){{0,4}}?go(?:es|ing)?\s+public\b", text[: m.start()]
            )
            if by_reference and listing and _is(ctx, ent(ms, listing.group(1)), ORG):
                org = ent(
                    ms, listing.group(1)
                )  # "X agreed to go public through a merger ... that valued it at"
            elif org is not None and by_reference and _named_as_backer(ms, text, org, ctx):
                # "X, which is backed by A and B, said the funding values it at": it is X, not B
                org, conf = _first_org(ms, text, ctx, not_this=org) or _round_owner(ctx), 0.6
            if org is None or not _is(ctx, org, ORG):
                continue
            deal = next((d for d in reversed(ctx.deals) if d.roles["target"] == org), None)
            if deal is not None and re.search(
                r"\b(?:them|offers?|proposals?|bids?|deal|price|terms)\b", text[: m.start()]
            ):
                # "the last of the offers valued the unit at £50bn": the bid's amount, not a valuation
                deal.values.setdefault("amount", amount_values(ms, money_tok).get("amount"))
                deal.values.setdefault("currency", amount_values(ms, money_tok).get("currency"))
                own_date = date_near(ms, text, m.start(money_group), None)
                if own_date:
                    deal.values["date"] = own_date
                seen.add(money_tok)
                continue
            seen.add(money_tok)
            pos = m.start(money_group)
            rnd = same[-1] if same else ctx.current_round(None)
            default_date = (
                rnd.date
                if rnd
                and rnd.organization == org
                and rnd.draft.sentence >= ms.index - 2
                and not re.search(
                    r"\bmarket (?:value|capitali[sz]ation)\b", text[max(0, m.start() - 30) : pos]
                )
                else ctx.published  # a market value is the market's, as of writing
            )
            date = date_near(ms, text, pos, default_date)
            earlier = next((r for r in reversed(ctx.rounds) if r.draft.sentence < ms.index), None)
            if (
                earlier is not None
                and earlier.organization == org
                and re.match(r"\s*(?:The|This|That)\s+(?:round|funding|financing|investment)\s+valu", text)
            ):
                # "The round values X at $2bn, ... the $400m it got in May": the round named before
                date = earlier.date or ctx.published
            status = (
                "reported"
                if re.search(r"\b(?:reported|people familiar|according to|sources)\b", text, re.I)
                else status_of(text[max(0, m.start() - 60) : m.start()], "completed")
            )
            if re.search(r"\bseek\b|\bin talks\b", text[max(0, m.start() - 80) : m.start()]):
                status = "in_talks"
            yield Draft(
                "valuation",
                {"organization": org},
                {**amount_values(ms, money_tok), "status": status, **({"date": date} if date else {})},
                ms.index,
                conf,
                "valuation",
            )


# ---------------------------------------------------------- funding totals ---


@rule
def funding_totals(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    patterns = [
        (
            rf"\b(?:has|have|had)\s+(?:(?:now|so\s+far|already|previously|collectively)\s+)?raised\s+(?:a\s+total\s+of|in\s+total|more\s+than|over|about|some)?\s*{AMOUNT_HEDGE}({M})(?=[^.;]{{0,40}}\b(?:in total|to date|so far|in all|since|over \S+ rounds|in funding over)\b)",
            1,
        ),
        (rf"\braised\s+a\s+total\s+of\s+{AMOUNT_HEDGE}({M})", 1),
        (rf"\b(?:has|have)\s+now\s+raised\s+(?:more\s+than|over|about|some)?\s*{AMOUNT_HEDGE}({M})", 1),
        (
            rf"\btotal\s+(?:({E})\s+has\s+raised|raised|funding|capital raised)(?:\s+since\s+{D})?\s+to\s+{AMOUNT_HEDGE}({M})",
            2,
        ),
        (rf"\b(?:total|overall)\s+funding\s+(?:of|to)\s+{AMOUNT_HEDGE}({M})", 1),
        (
            rf"\b(?:bring(?:s|ing)?|brought|tak(?:es|ing)|took|lift(?:s|ing|ed)?|push(?:es|ing|ed)?)\s+(?:its|their|the\s+company's|the\s+start-?up's|{E}'s)\s+(?:overall\s+|total\s+)?(?:total|tally|war chest)(?:\s+(?:raised|funding))?(?:\s+(?:so far|to date))?\s+to\s+{AMOUNT_HEDGE}({M})",
            1,
        ),
        (
            rf"\btotal\s+(?:amount\s+)?(?:raised|funding|capital raised)\s+(?:by|for)\s+({E})(?:\s+since\s+{D})?\s+to\s+{AMOUNT_HEDGE}({M})",
            2,
        ),
    ]
    for pattern, money_group in patterns:
        for m in re.finditer(pattern, text):
            money_tok = m.group(money_group)
            org = None
            if m.lastindex and m.lastindex >= 1 and money_group == 2 and m.group(1):
                org = ent(ms, m.group(1))
            if org is None:
                org = _subject_before(ms, text, m.start(), ctx, max_gap=200)
                rnd = ctx.current_round()
                if (
                    rnd is not None
                    and rnd.draft.sentence >= ms.index - 2
                    and re.match(r"\s*(?:The|This|That)\s+(?:round|funding|financing|raise)\b", text)
                ):
                    # "The round ... brought total funding to $90m": the round's company
                    org = rnd.organization
                org = _funded_not_backer(ctx, org or ctx.topic)
                if re.match(r"[^.;]{0,40}?\bat\s+the\s+time\b", text[m.end() :]):
                    continue  # "took its total to $98m at the time": a past total, not the current one
            if org is None or not _is(ctx, org, ORG):
                continue
            values = amount_values(ms, money_tok)
            rounds = re.search(
                r"\bover\s+(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:funding\s+)?rounds\b",
                text,
            )
            if rounds:
                words = [
                    "two",
                    "three",
                    "four",
                    "five",
                    "six",
                    "seven",
                    "eight",
                    "nine",
                    "ten",
                    "eleven",
                    "twelve",
                ]
                r = rounds.group(1)
                values["rounds"] = int(r) if r.isdigit() else words.index(r) + 2
            yield Draft("funding_total", {"organization": org}, values, ms.index, 0.8, "total")
            yield from _total_backers(ms, text[m.end() :], ctx, org)
            return


def _funded_not_backer(ctx: Context, org: int | None) -> int | None:
    """ "Globex also participated, bringing its total to $90m": the total is the funded company's, not Globex's."""
    if org is None:
        return None
    backers = {d.roles.get("investor") for d in ctx.drafts if d.type == "investment"}
    if org not in backers or org in {d.roles.get("investee") for d in ctx.drafts if d.type == "investment"}:
        return org
    rnd = ctx.current_round()
    return rnd.organization if rnd is not None and rnd.organization != org else None


def _total_backers(ms: MaskedSentence, rest: str, ctx: Context, org: int) -> Iterator[Draft]:
    """'... has raised $210m to date from investors including A and B': A and B are its backers."""
    backers = re.search(
        rf"^[^;]*?\bfrom\s+(?:(?:investors|backers)\s+(?:including|such as|like)\s+|(?:investors|backers)\s+|a\s+(?:group|roster|list)\s+of\s+(?:investors|backers)\s+(?:including|such as|like|led by)\s+)?({LIST})",
        strip_asides(rest),
    )
    for inv in list_entities(ms, backers.group(1), ctx) if backers else []:
        if inv != org:
            yield Draft(
                "investment",
                {"investor": inv, "investee": org},
                {"status": "completed"},
                ms.index,
                0.7,
                "total-backers",
            )


# ----------------------------------------------------------- investments ---

INVEST = r"\b(?:invest(?:ed|s|ing)?|put(?:ting)?\s+in|pump(?:ed|s|ing)?|pour(?:ed|s|ing)?|inject(?:ed|s)?|commit(?:ted|s)?|pledg(?:ed|es|e|ing)(?:\s+to\s+(?:provide|invest))?|provide|providing)\b"


@rule
def investments(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    plain = strip_asides(text)
    produced = False
    # X invested $A in Y / X will invest $A in Y / X committed up to $A to Y
    for m in re.finditer(
        rf"({E})\s+(?:(?:[a-z]+|{D})\s+){{0,5}}?{INVEST}\s+(?:{AMOUNT_HEDGE}({M})\s+)?(?:more\s+)?(?:in|into|to)\s+(?:(?:the\s+)?{DESC})?(?:{E}'s\s+{DESC})?({E})",
        plain,
    ):
        a, money_tok, b = ent(ms, m.group(1)), m.group(2), ent(ms, m.group(3))
        if a == b or not _is(ctx, a, ORG, PERSON) or not _is(ctx, b, ORG):
            continue
        produced = True
        d0 = _investment(ms, plain, ctx, a, b, money_tok, m.start(), m.end(), 0.9)
        # "A and B have (each) invested $50m in Y": every investor named before the verb
        co = re.search(rf"((?:{E}\s*,\s*)*{E}),?\s+and\s+$", plain[: m.start()])
        if co and not re.search(r"\beach\b", m.group(0)):
            d0.values.pop("amount", None)  # a joint amount is not the last investor's alone
            d0.values.pop("currency", None)
        yield d0
        for tok in re.findall(E, co.group(1)) if co else []:
            a2 = ent(ms, tok)
            if a2 not in (a, b) and _is(ctx, a2, ORG, PERSON):
                d2 = Draft(
                    "investment", {"investor": a2, "investee": b}, dict(d0.values), ms.index, 0.8, "invest-co"
                )
                if not re.search(r"\beach\b", m.group(0)):
                    d2.values.pop("amount", None)  # a joint amount is not each investor's
                    d2.values.pop("currency", None)
                yield d2
        yield from _follow_up_investments(ms, plain, ctx, a, b, m.end())
    # X made an (initial) investment of $A ... in Y
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,3}}?(?:made|makes|make|announced)\s+(?:an?\s+|its\s+|ENT\d+'s\s+)?(?:[^.;]{{0,50}}?\s)?investment\s+(?:of\s+{AMOUNT_HEDGE}({M})\s+)?[^.;]*?\bin\s+(?:(?:the\s+)?{DESC})?({E})",
        plain,
    ):
        a, money_tok, b = ent(ms, m.group(1)), m.group(2), ent(ms, m.group(3))
        if money_tok is None:  # "made a $100m strategic investment in Y"
            before_noun = re.match(
                rf"[^.;]*?\b(?:made|makes|make|announced)\s+(?:an?\s+)?{AMOUNT_HEDGE}({M})\s+(?:[a-z-]+\s+){{0,2}}investment\b",
                m.group(0),
            )
            money_tok = before_noun.group(1) if before_noun and money_ok(ms, before_noun.group(1)) else None
        if a != b and _is(ctx, a, ORG, PERSON) and _is(ctx, b, ORG):
            produced = True
            yield _investment(ms, plain, ctx, a, b, money_tok, m.start(), m.end(), 0.85)
    # X took / acquired / bought a 10 percent stake in Y (for $A)
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,4}}?(?:acquired|acquire|acquiring|acquires|took|take|takes|taking|bought|buy|buys|buying|purchased?|purchasing|built|build|holds?|has|taken|received|get|gets|got)\s+(?:an?\s+|its\s+|ENT\d+'s\s+)(?:({P})\s+|minority\s+|majority\s+|controlling\s+|significant\s+|small\s+|(?:about|around|roughly|nearly|almost)\s+)*(?:stake|holding|interest)\s+in\s+(?:(?:the\s+)?{DESC})?(?:{E}'s\s+{DESC})?({E})(?:[^.;]{{0,30}}?\bfor\s+{AMOUNT_HEDGE}({M}))?",
        plain,
    ):
        a, pct, b, money_tok = ent(ms, m.group(1)), m.group(2), ent(ms, m.group(3)), m.group(4)
        if a == b or not _is(ctx, a, ORG, PERSON) or not _is(ctx, b, ORG):
            continue
        produced = True
        d = _investment(ms, plain, ctx, a, b, money_tok, m.start(), m.end(), 0.85)
        if pct:
            d.values["stake_percent"] = ms.slot(pct).value
        seller_m = re.match(rf"\s+from\s+(?:(?:the\s+)?{DESC})?({E})(?!'s)", plain[m.end(3) :])
        if (
            seller_m
            and ent(ms, seller_m.group(1)) not in (a, b)
            and _is(ctx, ent(ms, seller_m.group(1)), ORG, PERSON)
        ):
            d.roles["seller"] = ent(ms, seller_m.group(1))  # "acquired a 49% stake in Y from Z"
        yield d
        yield from _follow_up_investments(ms, plain, ctx, a, b, m.end())
        seller = re.search(
            rf"\b({E})\s+(?:[a-z]+\s+){{0,3}}?sold\s+an?\s+({P})\s+stake\s+to\s+(?:(?:the\s+)?{DESC})?({E})",
            plain[m.end() :],
        )
        if seller:
            buyer = ent(ms, seller.group(3))
            if _is(ctx, buyer, ORG, PERSON):
                d2 = Draft(
                    "investment",
                    {"investor": buyer, "investee": b, "seller": ent(ms, seller.group(1))},
                    {"stake_percent": ms.slot(seller.group(2)).value, "status": d.values.get("status")},
                    ms.index,
                    0.7,
                    "stake-sale",
                )
                if "date" in d.values:
                    d2.values["date"] = d.values["date"]
                yield d2
    # X sold / will sell $A (worth) of shares in Y to LIST  (secondary sale)
    for m in re.finditer(
        rf"({E})\s+[^.;]*?\b(?:sell\w*|sold)\s+(?:{AMOUNT_HEDGE}({M})\s+(?:worth\s+)?of\s+)?(?:its\s+|ENT\d+'s\s+|an?\s+)?(?:({P})\s+|entire\s+|remaining\s+|whole\s+)*(?:shares|stake|holding)\s+in\s+({E})\s+to\s+[^.;]*?({LIST})(?:[^.;]{{0,30}}?\bfor\s+{AMOUNT_HEDGE}({M}))?",
        plain,
    ):
        seller, b = ent(ms, m.group(1)), ent(ms, m.group(4))
        money_tok = m.group(2) or m.group(6)
        status = status_of(plain[m.start() : m.end()], "completed")
        buyers = [i for i in list_entities(ms, m.group(5), ctx) if i not in (seller, b)]
        for inv in buyers:
            produced = True
            values: dict[str, Any] = {"status": status}
            if len(buyers) == 1:  # the price and the stake belong to a single buyer
                values.update(amount_values(ms, money_tok) if money_ok(ms, money_tok) else {})
                if m.group(3):
                    values["stake_percent"] = ms.slot(m.group(3)).value
            yield Draft(
                "investment",
                {"investor": inv, "investee": b, "seller": seller},
                values,
                ms.index,
                0.75,
                "secondary",
            )
    # X (first) agreed to back Y (, pledging ... and putting in ...)
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,4}}?(?<!was )(?<!were )(?<!been )(?<!is )(?<!are )(?<!be )(?:back|backed|backs)\s+(?!by\b)(?:(?:the\s+)?{DESC})?({E})(?!'s)",
        plain,
    ):
        a, b = ent(ms, m.group(1)), ent(ms, m.group(2))
        if a == b or not _is(ctx, a, ORG, PERSON) or not _is(ctx, b, ORG):
            continue
        produced = True
        d = _investment(ms, plain, ctx, a, b, None, m.start(), m.end(), 0.75)
        yield d
        for f in _follow_up_investments(ms, plain, ctx, a, b, m.end()):
            if "date" not in f.values and "date" in d.values:
                f.values["date"] = d.values["date"]
            yield f
    # X added another $A (to the investment stated before)
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,2}}?(?:added|adds|put in|invested)\s+(?:another|a further|an additional|a fresh)\s+({M})(?!\s+(?:in|into|to)\b)",
        plain,
    ):
        a = ent(ms, m.group(1))
        prev = [d for d in ctx.drafts if d.type == "investment" and d.roles.get("investor") == a]
        if prev:
            produced = True
            yield _investment(
                ms, plain, ctx, a, prev[-1].roles["investee"], m.group(2), m.start(), m.end(), 0.6
            )
    # a fresh $A investment that X disclosed ... (commitment to Y)
    for m in re.finditer(
        rf"\b(?:a|an)\s+(?:fresh\s+|new\s+|further\s+|additional\s+)?({M})\s+investment\s+(?:that|which)\s+({E})\s+(?:disclosed|announced|made|unveiled|confirmed)",
        plain,
    ):
        a = ent(ms, m.group(2))
        to = re.search(
            rf"\b(?:commitment|investment|stake)\s+(?:to|in)\s+(?:the\s+{DESC})?({E})", plain[m.end() :]
        )
        b = ent(ms, to.group(1)) if to else ctx.focus
        if b is not None and a != b and _is(ctx, a, ORG, PERSON) and _is(ctx, b, ORG):
            produced = True
            d = _investment(ms, plain, ctx, a, b, m.group(1), m.start(), m.end(), 0.6)
            dd = re.search(D, plain[m.end() : m.end() + 40])
            if dd:
                d.values["date"] = ms.slot(dd.group(0)).value
            yield d
    # A, B and C were among investors that agreed to buy shares (in the offering)
    for m in re.finditer(
        rf"({LIST})\s+(?:were|are)\s+among\s+(?:a\s+group\s+of\s+)?(?:{_W}\s+){{0,2}}?investors\s+(?:that|who)\s+([^.;]*?\b(?:buy|bought|invest|invested|purchase|subscribe)\b[^.;]*)",
        plain,
    ):
        b = ctx.focus
        status = "pledged" if re.search(r"\bagreed|\bcommitted|\bwill\b", m.group(2)) else "completed"
        for a in list_entities(ms, m.group(1), ctx):
            if b is not None and a != b:
                produced = True
                values = {"status": status, **({"date": ctx.published} if ctx.published else {})}
                yield Draft(
                    "investment", {"investor": a, "investee": b}, values, ms.index, 0.55, "among-investors"
                )
    # P became an early backer / investor (of the company the article is about)
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,2}}?became\s+(?:an?\s+)?(?:[a-z]+\s+and\s+an?\s+)?(?:early\s+|key\s+|major\s+|big\s+|first\s+)?(?:backer|investor|shareholder)\b(?:\s+(?:in|of)\s+(?:the\s+)?{DESC}({E}))?",
        plain,
    ):
        a = ent(ms, m.group(1))
        b = ent(ms, m.group(2)) if m.group(2) else ctx.focus
        if b is not None and a != b and _is(ctx, a, ORG, PERSON):
            produced = True
            yield Draft(
                "investment",
                {"investor": a, "investee": b},
                {"status": "completed"},
                ms.index,
                0.55,
                "became-backer",
            )
    # X (, which ...,) is also an investor (in the company the article is about)
    for m in re.finditer(
        rf"({E})\s+(?:is|was)\s+(?:also\s+)?(?:an?\s+)?(?:early\s+|existing\s+|major\s+)?(?:investor|backer|shareholder)\s*(?:in\s+(?:the\s+)?{DESC}({E}))?[.,;]",
        plain,
    ):
        a = ent(ms, m.group(1))
        b = ent(ms, m.group(2)) if m.group(2) else ctx.focus
        if b is not None and a != b and _is(ctx, a, ORG, PERSON) and _is(ctx, b, ORG):
            produced = True
            yield Draft(
                "investment",
                {"investor": a, "investee": b},
                {"status": "completed"},
                ms.index,
                0.55 if m.group(2) is None else 0.75,
                "is-investor",
            )
    # Early money came from LIST (and from ..., among them LIST)
    for m in re.finditer(r"\b(?:money|funding|backing|capital|investment)\s+came\s+from\s+(.*)$", text):
        b = ctx.focus
        tail = strip_asides(m.group(1))
        people = []
        for lm in re.finditer(rf"(?:^|\bfrom\s+|\bamong\s+them\s+|\bincluding\s+)({LIST})", tail):
            people += list_entities(ms, lm.group(1), ctx)
        for a in dict.fromkeys(people):
            if b is not None and a != b:
                produced = True
                yield Draft(
                    "investment",
                    {"investor": a, "investee": b},
                    {"status": "completed"},
                    ms.index,
                    0.55,
                    "money-came-from",
                )
    # X, which ... first backed Y with $A in 2018
    for m in re.finditer(
        rf"({E}),\s+which\s+[^;]*?\b(?:first\s+|also\s+|previously\s+)?(?:backed|invested\s+in)\s+({E})(?:\s+with\s+{AMOUNT_HEDGE}({M}))?",
        text,
    ):
        a, b = ent(ms, m.group(1)), ent(ms, m.group(2))
        if (
            a != b
            and _is(ctx, a, ORG, PERSON)
            and _is(ctx, b, ORG)
            and not negated(m.group(0)[len(m.group(1)) :])
        ):
            produced = True
            d = _investment(ms, text, ctx, a, b, m.group(3), m.start(), m.end(), 0.7)
            d.negated = False
            yield d
    # X-backed Y ("Globex-backed Initech"); Y, the X-backed lender
    for m in re.finditer(rf"({E})-backed\s+(?:{DESC})?({E})|({E}),\s+(?:the|an?)\s+({E})-backed\b", text):
        a, b = (
            (ent(ms, m.group(1)), ent(ms, m.group(2)))
            if m.group(1)
            else (ent(ms, m.group(4)), ent(ms, m.group(3)))
        )
        if a != b and _is(ctx, a, ORG, PERSON) and _is(ctx, b, ORG):
            produced = True
            yield Draft(
                "investment",
                {"investor": a, "investee": b},
                {"status": "completed"},
                ms.index,
                0.7,
                "x-backed",
            )
    # Y, whose backers include LIST
    for m in re.finditer(
        rf"({E}),\s+whose\s+(?:backers|investors|shareholders)\s+(?:include|included|are)\s+({LIST})", text
    ):
        b = ent(ms, m.group(1))
        for inv in list_entities(ms, m.group(2), ctx):
            if inv != b and _is(ctx, b, ORG):
                produced = True
                yield Draft(
                    "investment",
                    {"investor": inv, "investee": b},
                    {"status": "completed"},
                    ms.index,
                    0.7,
                    "whose-backers",
                )
    # X's portfolio includes A and B (an investor's holdings, stated as such)
    for m in re.finditer(
        rf"({E})'s\s+(?:investment\s+)?portfolio(?:\s+companies)?\s+(?:also\s+)?(?:includes|included|include|spans|comprises)\s+({LIST})",
        text,
    ):
        a = ent(ms, m.group(1))
        for b in list_entities(ms, m.group(2), ctx, kinds=(ORG,)) if _is(ctx, a, ORG, PERSON) else []:
            if b != a:
                produced = True
                yield Draft(
                    "investment",
                    {"investor": a, "investee": b},
                    {"status": "completed"},
                    ms.index,
                    0.6,
                    "portfolio",
                )
    # Y (, which) counts A and B among its investors
    for m in re.finditer(
        rf"({E}),?\s+(?:which\s+|that\s+)?(?:also\s+)?counts?\s+({LIST})\s+(?:as|among)\s+(?:its|their|{E}'s)\s+(?:[a-z]+\s+)?(?:investors|backers|shareholders|investor|backer|shareholder)\b",
        text,
    ):
        b = ent(ms, m.group(1))
        for inv in list_entities(ms, m.group(2), ctx) if _is(ctx, b, ORG) else []:
            if inv != b:
                produced = True
                yield Draft(
                    "investment",
                    {"investor": inv, "investee": b},
                    {"status": "completed"},
                    ms.index,
                    0.7,
                    "counts-among",
                )
    # X, an early investor in Y, ... / X is (also) an investor in Y
    for m in re.finditer(
        rf"({E})(?:,\s+|\s+(?:is|was|has been|had been|remains|became)\s+(?:also\s+)?)(?:an?|the|one of the)\s+(?:(?:early|earliest|existing|major|big|biggest|large|largest|key|lead|longtime|long-time|first|minority|majority|anchor|strategic|main)\s+)*(?:investor|backer|shareholder|investors|backers|shareholders)\s+in\s+(?:(?:the\s+)?{DESC})?({E})(?!'s)",
        text,
    ):
        a, b = ent(ms, m.group(1)), ent(ms, m.group(2))
        if a != b and _is(ctx, a, ORG, PERSON) and _is(ctx, b, ORG):
            produced = True
            yield Draft(
                "investment",
                {"investor": a, "investee": b},
                {"status": "completed"},
                ms.index,
                0.7,
                "investor-in",
            )
    # Y, which is backed by LIST
    for m in re.finditer(
        rf"({E}),\s+(?:which\s+(?:is|was|has been)\s+)?(?:also\s+)?(?:backed|funded)\s+by\s+(?:investors\s+)?(?:including\s+|such as\s+)?({LIST})",
        text,
    ):
        b = ent(ms, m.group(1))
        if not _is(ctx, b, ORG):
            continue
        for inv in list_entities(ms, m.group(2), ctx):
            if inv != b:
                produced = True
                yield Draft(
                    "investment",
                    {"investor": inv, "investee": b},
                    {"status": "completed"},
                    ms.index,
                    0.7,
                    "backed-by",
                )
    # Y is/was backed by (investors including) LIST
    for m in re.finditer(
        rf"({E})\s+(?:is|was|has been|had been|were)\s+(?:also\s+)?backed\s+by\s+(?:investors\s+|backers\s+)?(?:including\s+|such as\s+)?({LIST})",
        plain,
    ):
        b = ent(ms, m.group(1))
        if not _is(ctx, b, ORG):
            continue
        for inv in list_entities(ms, m.group(2), ctx):
            if inv != b:
                produced = True
                yield Draft(
                    "investment",
                    {"investor": inv, "investee": b},
                    {"status": "completed"},
                    ms.index,
                    0.7,
                    "backed-by",
                )
    # X (agreed to) pay $A for a stake / for N percent (in an announced raise)
    for m in re.finditer(
        rf"({E})\s+(?:[a-z,]+\s+){{0,5}}?(?:pay|paying|invest|put\s+in|contribute|contributing)\s+{AMOUNT_HEDGE}({M})\s+(?:[^.;]{{0,60}}?)\bfor\s+(?:a\s+stake\s+of\s+|an?\s+|about\s+|around\s+|roughly\s+)*({P})",
        plain,
    ):
        a, money_tok, pct = ent(ms, m.group(1)), m.group(2), m.group(3)
        rnd = ctx.current_round(None)
        if rnd is None or a == rnd.organization or not _is(ctx, a, ORG, PERSON):
            continue
        produced = True
        d = _investment(ms, plain, ctx, a, rnd.organization, money_tok, m.start(), m.end(), 0.7)
        d.values["stake_percent"] = ms.slot(pct).value
        if rnd.date and "date" not in d.values:
            d.values["date"] = rnd.date
        if rnd.draft.values.get("status"):
            d.values["status"] = rnd.draft.values["status"]
        yield d
    if produced:
        return
    for m in re.finditer(
        rf"({E})\s+(?:was|is|were|had been|has been)\s+in\s+(?:advanced\s+)?talks\s+to\s+invest\s+{AMOUNT_HEDGE}({M})(?!\s+(?:in|into)\b)",
        plain,
    ):
        a = ent(ms, m.group(1))
        b = ctx.focus if ctx.focus != a else ctx.topic
        if b is not None and b != a and _is(ctx, a, ORG, PERSON):
            d = _investment(ms, plain, ctx, a, b, m.group(2), m.start(), m.end(), 0.5)
            d.values["status"] = "in_talks"
            yield d
            return
    # X has committed up to $A to the company (investee by reference)
    for m in re.finditer(
        rf"({E})\s+(?:has\s+|had\s+|have\s+)?(?:also\s+)?(?:committed|pledged|invested)\s+{AMOUNT_HEDGE}({M})",
        plain,
    ):
        a = ent(ms, m.group(1))
        rest = plain[m.end() : m.end() + 60]
        b_m = re.match(rf"\s+(?:in|into|to)\s+(?:(?:the\s+)?{DESC})?({E})", rest)
        if not b_m:
            continue
        b = ent(ms, b_m.group(1))
        if a != b and _is(ctx, a, ORG, PERSON) and _is(ctx, b, ORG):
            yield _investment(ms, plain, ctx, a, b, m.group(2), m.start(), m.end(), 0.75)


PCT_HEDGE = r"(?:(?:about|around|roughly|approximately|nearly|almost|some|more than|less than|just over|just under|over|under|a further|another|an additional|an?)\s+)*"
STAKE_NOUN = r"(?:stake|holding|shareholding|interest|equity stake|ownership stake)"


def _context_org(ctx: Context, not_this: int) -> int | None:
    """The company the article is about (its focus, else the current topic), unless that is not_this."""
    for org in (ctx.focus, ctx.topic):
        if org is not None and org != not_this and _is(ctx, org, ORG):
            return org
    return None


def _stake_investee(
    ms: MaskedSentence, text: str, tok: str, ctx: Context, investor: int
) -> tuple[int | None, bool]:
    """The organisation a stake is in: the named one, or the article's company for "the Oslo-based company"."""
    b = ent(ms, tok)
    if _is(ctx, b, ORG):
        return b, False
    described = re.search(
        rf"{tok}-based\s+(?:[\w-]+\s+)?(?:company|start-?up|firm|group|business|maker)\b", text
    )
    if described:
        return _context_org(ctx, investor), True
    return None, False


@rule
def stakes(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    """Holdings stated as percentages or stakes: investments with their stake_percent.

    "X, which already owns about 5% of Y", "X built up a stake of about 27% in Y", "X will acquire
    49.9% of the share capital of Y", "A, B and C will hold 6%, 5.5% and 2% stakes respectively",
    "X disclosed a sizeable stake in July" (in the company the article is about).
    """
    if not re.search(E, text) or not (
        re.search(P, text)
        or re.search(r"\b(?:stake|holding|shareholding|shareholder|interest|owner|investor)\b", text)
    ):
        return
    flat = list_plain(text)  # relative clauses kept: "X, which owns 5% of Y" is the point
    seen: set[tuple[int, int]] = set()

    def draft(
        a: int, b: int, pct: str | None, money: str | None, start: int, end: int, conf: float
    ) -> Draft | None:
        if a == b or (a, b) in seen or not _is(ctx, a, ORG, PERSON) or not _is(ctx, b, ORG):
            return None
        value = ms.slot(pct).value if pct else None
        if value is not None and not 0 < float(value) < 100:
            return None
        seen.add((a, b))
        earlier = next(
            (
                d
                for d in reversed(ctx.drafts)
                if d.type == "investment"
                and d.roles.get("investor") == a
                and d.roles.get("investee") == b
                and d.sentence >= ms.index - 2
                and "stake_percent" not in d.values
                and "seller" not in d.roles
            ),
            None,
        )
        if earlier is not None and value is not None and not money:
            # "X agreed to invest EUR300m in Y. Under the agreement, X will acquire 49.9% of Y": one deal
            earlier.values["stake_percent"] = value
            return None
        d = _investment(ms, flat, ctx, a, b, money, start, end, conf)
        own_date = date_near(ms, flat, end, None)  # "X, which took a minority stake last year"
        if own_date:
            d.values["date"] = own_date
        d.rule = "stake"
        if value is not None:
            d.values["stake_percent"] = value
        return d

    owns = rf"({E})(?:,\s+(?:which|who)\s+|\s+)(?:(?:[a-z]+|{D})\s+){{0,3}}?(?:owns?|owned|holds?|held|controls?|own|hold)\s+{PCT_HEDGE}({P})\s+(?:{STAKE_NOUN}\s+)?(?:of|in)\s+(?:the\s+(?:shares|share capital|stock|equity|voting rights)\s+(?:of|in)\s+)?(?:(?:the\s+)?{DESC})?(?:{E}'s\s+{DESC})?({E})(?!'s\s+(?!shares|stock|equity))"
    take_of = rf"({E})(?:,\s+(?:which|who)\s+|\s+)(?:(?:[a-z]+|{D})\s+){{0,3}}?(?:acquire|acquired|buy|bought|take|took|purchase|purchased)\s+{PCT_HEDGE}({P})\s+(?:{STAKE_NOUN}\s+)?(?:of|in)\s+(?:the\s+(?:shares|share capital|stock|equity)\s+(?:of|in)\s+)?(?:(?:the\s+)?{DESC})?(?:{E}'s\s+{DESC})?({E})(?!'s\s+(?!shares|stock|equity))(?:[^.;]{{0,30}}?\bfor\s+{AMOUNT_HEDGE}({M}))?"
    stake_of = rf"({E})(?:,\s+(?:which|who)\s+|\s+)(?:(?:[a-z]+|{D})\s+){{0,3}}?(?:acquired|acquire|took|take|taken|bought|buy|built(?:\s+up)?|build(?:\s+up)?|amassed|accumulated|holds?|held|has|had)\s+(?:an?\s+|its\s+)(?:[a-z-]+\s+){{0,2}}?{STAKE_NOUN}\s+of\s+{PCT_HEDGE}({P})\s+in\s+(?:(?:the\s+)?{DESC})?(?:{E}'s\s+{DESC})?({E})(?!'s)(?:[^.;]{{0,30}}?\bfor\s+{AMOUNT_HEDGE}({M}))?"
    for pattern, conf in ((owns, 0.8), (take_of, 0.8), (stake_of, 0.85)):
        for m in re.finditer(pattern, flat):
            pct = m.group(2)
            if pattern is take_of and float(ms.slot(pct).value) >= 50:
                continue  # buying a majority is an acquisition (the acquisition rules' business)
            b, via = _stake_investee(ms, flat, m.group(3), ctx, ent(ms, m.group(1)))
            if b is None:
                continue
            money = m.group(4) if m.lastindex and m.lastindex >= 4 else None
            d = draft(ent(ms, m.group(1)), b, pct, money, m.start(), m.end(), conf - (0.2 if via else 0))
            if d:
                yield d
    # "X will become Y's largest shareholder (after agreeing to buy a 10% stake for $A)"
    for m in re.finditer(
        rf"({E})\s+(?:(?:will|would|is\s+to|has|had|to|set\s+to|also|now)\s+)*(?:become|becomes|became|becoming|remain|remains|remained|is|was)\s+(?:the\s+)?({E})'s?\s+(?:(?:largest|biggest|second-largest|single\s+largest|top|major|main|controlling)\s+)+(?:shareholder|investor|owner|backer)\b",
        flat,
    ):
        a = ent(ms, m.group(1))
        b, _via = _stake_investee(ms, flat, m.group(2), ctx, a)
        if b is None:
            continue
        rest = flat[m.end() :]
        bought = re.match(
            rf"[^.;]{{0,40}}?\b(?:buy|buying|acquire|acquiring|take|taking|purchase|purchasing|bought|took|acquired)\s+(?:an?\s+)?{PCT_HEDGE}({P})(?:\s+{STAKE_NOUN})?(?:[^.;]{{0,30}}?\bfor\s+{AMOUNT_HEDGE}({M}))?",
            rest,
        )
        money = bought.group(2) if bought else None
        d = draft(
            a,
            b,
            bought.group(1) if bought else None,
            money,
            m.start(),
            m.end() + (bought.end() if bought else 0),
            0.75,
        )
        if d:
            yield d
    # "X increased its stake in Y to 45%"
    for m in re.finditer(
        rf"({E})\s+(?:(?:has|had|have|will|would|also|recently|further)\s+)*(?:increased|increases|increase|raised|raises|raise|lifted|lifts|lift|boosted|boosts|boost|upped|ups|took|takes|take|built|builds|build)\s+(?:up\s+)?(?:its|his|her|their|{E}'s)\s+(?:[a-z-]+\s+)?{STAKE_NOUN}\s+in\s+(?:(?:the\s+)?{DESC})?({E})\s+to\s+{PCT_HEDGE}({P})",
        flat,
    ):
        b, via = _stake_investee(ms, flat, m.group(2), ctx, ent(ms, m.group(1)))
        d = (
            draft(ent(ms, m.group(1)), b, m.group(3), None, m.start(), m.end(), 0.8)
            if b is not None
            else None
        )
        if d:
            yield d
    # "A, B and C will hold 6%, 5.5% and 2% (equity) stakes respectively" -- the investee named before
    for m in re.finditer(
        rf"({LIST})\s+(?:(?:[a-z]+)\s+){{0,2}}?(?:hold|own|have|take|holds|owns|held|owned|took|acquire|acquired)\s+{PCT_HEDGE}((?:{P}\s*,\s*)*{P},?\s+and\s+{P})\s+(?:(?:equity|minority)\s+)?(?:stakes?|holdings?|shareholdings?)?\s*,?\s*respectively",
        flat,
    ):
        investors = list_entities(ms, m.group(1), ctx)
        pcts = re.findall(P, m.group(2))
        if len(investors) < len(pcts):
            continue
        investors = investors[len(investors) - len(pcts) :]  # "..., while A and B will hold": the last items
        of = [
            ent(ms, t)
            for t in re.findall(rf"\b(?:of|in)\s+(?:the\s+)?(?:{DESC})?({E})(?!'s)", flat[: m.start(2)])
            if ent(ms, t) not in investors
        ]
        if not of:
            continue
        b = of[-1]
        for a, pct in zip(investors, pcts, strict=True):
            d = draft(a, b, pct, None, m.start(), m.end(), 0.75)
            if d:
                yield d
    # "X disclosed a sizeable stake in July": a stake in the company the article is about
    for m in re.finditer(
        rf"({E})(?:,\s+(?:which|who)\s+|\s+)(?:(?:has|had|have|also|recently|quietly|already|since)\s+)*(?:disclosed|revealed|built(?:\s+up)?|amassed|accumulated|took|taken|acquired|bought)\s+(?:an?\s+)(?:[a-z-]+\s+){{0,2}}?{STAKE_NOUN}\b(?!\s+(?:in|of|at|to)\s+(?!{D}))",
        flat,
    ):
        b = _context_org(ctx, ent(ms, m.group(1)))
        if b is None:
            continue
        d = draft(ent(ms, m.group(1)), b, None, None, m.start(), m.end(), 0.55)
        if d:
            yield d


OFFERING = r"(?:initial public offering|public offering|IPO|listing|offering|private placement|placement|flotation|float|share sale|rights issue|capital increase|cornerstone|anchor investor)"


@rule
def share_purchases(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    """Shares bought: "X agreed to buy $100m of shares in Y's IPO" (cornerstone investors); "X bought
    shares from early employees of Y" (a secondary purchase: the seller when one is named)."""
    if not re.search(r"\b(?:shares|stock|equity)\b", text) or len(re.findall(E, text)) < 2 and not ctx.focus:
        return
    plain = strip_asides(text)
    for m in re.finditer(
        rf"({E})\s+(?:(?:[a-z]+|{D})\s+){{0,3}}?(?:bought|buys|buy|buying|acquired|purchased|purchase)\s+(?:{AMOUNT_HEDGE}({M})\s+(?:worth\s+)?of\s+)?(?:existing\s+|secondary\s+)?shares\s+from\s+([^.;]*?)\s*\b(?:of|in)\s+(?:the\s+)?{DESC}({E})(?!'s)",
        plain,
    ):
        a, b = ent(ms, m.group(1)), ent(ms, m.group(4))
        if a == b or not _is(ctx, a, ORG, PERSON) or not _is(ctx, b, ORG):
            continue
        d = _investment(ms, plain, ctx, a, b, m.group(2), m.start(), m.end(), 0.75)
        sellers = [i for i in list_entities(ms, m.group(3), ctx) if i not in (a, b)]
        if len(sellers) == 1:
            d.roles["seller"] = sellers[0]
        d.rule = "share-purchase"
        yield d
    # Y will issue new shares worth $A to X / Y sold new shares to A and B
    for m in re.finditer(
        rf"({E})\s+(?:(?:[a-z]+|{D})\s+){{0,3}}?(?:(?:issue[sd]?|issuing|allot(?:s|ted)?)\s+(?:new\s+)?|(?:sell|sells|sold|selling)\s+new\s+)(?:shares|stock)\s+(?:worth\s+{AMOUNT_HEDGE}({M})\s+)?to\s+({LIST})(?:[^.;]{{0,30}}?\bfor\s+{AMOUNT_HEDGE}({M}))?",
        plain,
    ):
        b = ent(ms, m.group(1))
        buyers = [a for a in list_entities(ms, m.group(3), ctx) if a != b] if _is(ctx, b, ORG) else []
        money = (m.group(2) or m.group(4)) if len(buyers) == 1 else None
        for a in buyers:
            d = _investment(ms, plain, ctx, a, b, money, m.start(), m.end(), 0.75)
            d.rule = "share-issue"
            yield d
    if not re.search(OFFERING, text, re.I):
        return
    for m in re.finditer(
        rf"({E})\s+(?:(?:[a-z]+|{D})\s+){{0,4}}?(?:buy|bought|buying|buys|subscribe(?:d)?\s+(?:for|to)|purchase[ds]?|take\s+up|took\s+up|acquire[ds]?)\s+{AMOUNT_HEDGE}({M})\s+(?:worth\s+)?of\s+(?:new\s+|the\s+)?(?:shares|stock|equity)\b([^.;]*)",
        plain,
    ):
        tail = m.group(3)
        if re.match(r"\s+from\b", tail) or not re.search(OFFERING, tail + plain[: m.start()], re.I):
            continue  # bought from a seller: a secondary sale, not new money
        named = re.match(rf"\s+(?:in|of)\s+(?:(?:the\s+)?{DESC})?({E})", tail) or re.search(
            rf"\b({E})'s\s+(?:[a-z-]+\s+){{0,2}}{OFFERING}", tail
        )
        a = ent(ms, m.group(1))
        b = ent(ms, named.group(1)) if named else _context_org(ctx, a)
        if b is None or a == b or not _is(ctx, a, ORG, PERSON) or not _is(ctx, b, ORG):
            continue
        d = _investment(ms, plain, ctx, a, b, m.group(2), m.start(), m.end(), 0.8 if named else 0.65)
        if re.search(
            r"\b(?:agreed|agrees|committed|commits|will|would|has agreed|to buy|to subscribe)\b",
            plain[m.start() : m.start(2)],
        ):
            d.values["status"] = "pledged"
        d.rule = "share-purchase"
        yield d


def _investment(ms, text, ctx, investor, investee, money_tok, start, end, conf) -> Draft:
    values: dict[str, Any] = amount_values(ms, money_tok) if money_tok else {}
    denied = negated(text[max(0, start - 20) : end]) or bool(
        re.search(r"\b(?:denied|denies|dismissed)\b", text[:start])
    )
    pos = text.find(money_tok) if money_tok else start
    date = date_near(ms, text[: end + 40], pos, None)
    if date is None and not re.search(r"\b(?:first|previously|earlier|already|initially)\b", text[start:end]):
        date = (
            ctx.published
            if re.search(
                r"\b(?:has|have|had|will|would|to|said|says|is|are)\b", text[max(0, start - 40) : end]
            )
            else None
        )
    if date:
        values["date"] = date
    stake = re.match(
        rf"[^.;]{{0,60}}?\b(?:for|giving\s+(?:it|them|{E})|in\s+(?:exchange|return)\s+for|to\s+take|taking)\s+"
        rf"(?:an?\s+)?{PCT_HEDGE}({P})(?:\s+{STAKE_NOUN}\b|\s+of\s+(?:the\s+(?:company|group|start-?up|shares|equity)|(?:its|{E}'s)\s+(?:shares|equity))|\s*(?:[,;.]|$))",
        text[end:],
    )
    if stake and 0 < float(ms.slot(stake.group(1)).value) < 100:
        values["stake_percent"] = ms.slot(stake.group(1)).value  # "... for a 10% stake", "giving it 7%"
    values["status"] = status_of(text[max(0, start - 30) : end], "completed")
    if values["status"] == "completed" and re.search(
        r"\b(?:reports?|reported|reportedly)\b", text[max(0, start - 40) : start]
    ):
        values["status"] = "reported"
    if ms.slots_in(text[start:end]) and any(s.via_reference for s in ms.slots_in(text[start:end])):
        conf -= 0.15
    draft = Draft(
        "investment", {"investor": investor, "investee": investee}, values, ms.index, conf, "invest"
    )
    draft.negated = denied
    return draft


def _follow_up_investments(ms, text, ctx, a, b, pos) -> Iterator[Draft]:
    """'..., investing an additional $500m in May and pledging another $1.5bn'."""
    second = re.search(
        rf"\bfollowed\s+(?:up\s+|that\s+)?with\s+an?\s+(?:second|third|further|new|another|follow-on)\s+investment(?:\s+of\s+{AMOUNT_HEDGE}({M}))?(?:\s+in\s+({D}))?",
        text[pos:],
    )
    if second:
        values = amount_values(ms, second.group(1)) if second.group(1) else {}
        if second.group(2):
            values["date"] = ms.slot(second.group(2)).value
        values["status"] = "completed"
        yield Draft("investment", {"investor": a, "investee": b}, values, ms.index, 0.7, "invest-second")
    for m in re.finditer(
        rf"\b(investing|pledging(?:\s+to\s+(?:provide|invest))?|adding|committing|putting\s+in|providing)\s+{AMOUNT_HEDGE}({M})",
        text[pos:],
    ):
        money_tok = m.group(2)
        values = amount_values(ms, money_tok)
        seg = text[pos + m.start() : pos + m.end() + 40]
        seg = re.split(r"\band\b|,|;", seg[len(m.group(0)) :])[0]
        d = re.search(D, seg)
        if d:
            values["date"] = ms.slot(d.group(0)).value
        values["status"] = "pledged" if m.group(1).startswith(("pledg", "commit")) else "completed"
        yield Draft("investment", {"investor": a, "investee": b}, values, ms.index, 0.75, "invest-followup")


# ------------------------------------------------------------ acquisitions ---

ACQ_NOUN = r"(?:acquisition|takeover|purchase|buyout|buy-out|merger with)"
ACQ_VERB = r"(?:acquire[ds]?|acquiring|buys?|bought|buying|purchased?|purchasing|took\s+over|take\s+over|takes\s+over|taking\s+over|snapped\s+up|snap\s+up)"
#: What stands between "for" and a deal's price: "for a total consideration of up to $2.4bn".
ACQ_PRICE = rf"(?:(?:a|an|the)\s+(?:total\s+|purchase\s+|aggregate\s+|cash\s+)?(?:consideration|price|sum|equity\s+value|enterprise\s+value)\s+of\s+)?{AMOUNT_HEDGE}"


@rule
def acquisitions(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    # "to buy London-listed Globex": the place qualifies the target, which follows it
    text = re.sub(r"\bENT\d+-(?:listed|based|headquartered|registered)\s+(?=ENT\d+\b)", "", text)
    plain = strip_asides(text)
    out: list[Draft] = []
    # X completed / closed its ($A) acquisition of Y
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,6}}?(?:completed|completes|closed|closes|finali[sz]ed|finali[sz]es|announced|agreed|made|sealed)\s+(?:its|ENT\d+'s|the|a)\s+(?:{AMOUNT_HEDGE}({M})\s+)?(?:[a-z-]+\s+){{0,2}}?{ACQ_NOUN}\s+of\s+(?:(?:the\s+)?{DESC})?({E})",
        plain,
    ):
        status = "announced" if re.search(r"announced|agreed", m.group(0)) else "completed"
        if re.search(r"\b(?:will|would|expects? to|plans? to|to)\s+(?:complete|close)", m.group(0)):
            status = "announced"
        out.append(_acq(ms, plain, ctx, m.group(1), m.group(3), m.group(2), m.start(), m.end(), status, 0.9))
    # X's ($A) acquisition of Y
    for m in re.finditer(
        rf"({E})'s\s+(?:[a-z-]+\s+){{0,3}}?(?:{AMOUNT_HEDGE}({M})\s+)?(?:[a-z-]+\s+){{0,2}}?{ACQ_NOUN}\s+of\s+(?:(?:the\s+)?{DESC})?({E})",
        plain,
    ):
        out.append(_acq(ms, plain, ctx, m.group(1), m.group(3), m.group(2), m.start(), m.end(), None, 0.8))
    # X's previous largest deal, the $A purchase of Y (in 2016)
    for m in re.finditer(
        rf"({E})'s\s+(?:[a-z-]+\s+){{0,4}}?(?:acquisition|deal|purchase|takeover),\s+the\s+({M})\s+{ACQ_NOUN}\s+of\s+(?:(?:the\s+)?{DESC})?({E})",
        text,
    ):
        out.append(
            _acq(ms, text, ctx, m.group(1), m.group(3), m.group(2), m.start(), m.end(), "completed", 0.75)
        )
    # X acquired / bought / agreed to buy (the US chipmaker) Y (for $A); also inside asides of the full text
    for source in dict.fromkeys((plain, text)):
        for m in re.finditer(
            rf"({E})(?:,\s+which)?\s+(?:[a-z,]+\s+|DAT\d+\s+){{0,6}}?{ACQ_VERB}\s+(?:(?:the\s+|rival\s+|its\s+|ENT\d+'s\s+)?(?:ENT\d+\s+)?{DESC})?({E})(?!'s)(?:[^.;]{{0,50}}?\bfor\s+{ACQ_PRICE}({M}))?",
            source,
        ):
            gap = re.sub(r"^ENT\d+,\s+which\b", "ENT", m.group(0))  # "X, which agreed to buy Y"
            if re.search(r"\b(?:stake|shares|holding)\b", gap):
                continue
            if re.search(r"\b(?:which|who|that)\b", gap.split(" ", 1)[1] if " " in gap else ""):
                continue
            out.append(
                _acq(ms, source, ctx, m.group(1), m.group(2), m.group(3), m.start(), m.end(), None, 0.85)
            )
    # Y, (the games developer) that X bought (for $A) (in 2014)
    for m in re.finditer(
        rf"({E}),?\s+(?:(?:the|a|an)\s+(?:[\w-]+\s+){{0,4}}?)?that\s+({E})\s+(?:had\s+|has\s+|later\s+)?(?:bought|acquired|purchased|took\s+over)(?!\s+(?:the\s+)?{DESC}{E})(?:\s+for\s+{ACQ_PRICE}({M}))?",
        text,
    ):
        out.append(
            _acq(ms, text, ctx, m.group(2), m.group(1), m.group(3), m.start(), m.end(), "completed", 0.8)
        )
    # Y, the social network X bought in 2022 (a relative clause without "that")
    for m in re.finditer(
        rf"({E}),\s+(?:the|a|an)\s+(?:(?!ENT|MON|DAT)[\w-]+\s+){{1,4}}?({E})\s+(?:had\s+|has\s+|later\s+)?(?:bought|acquired|purchased|took\s+over)\b(?!\s+(?:the\s+|a\s+)?{DESC}{E})(?:\s+for\s+{ACQ_PRICE}({M}))?",
        text,
    ):
        out.append(
            _acq(ms, text, ctx, m.group(2), m.group(1), m.group(3), m.start(), m.end(), "completed", 0.75)
        )
    # Y agreed to be acquired by X / the (planned) takeover of Y by X
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,3}}?(?:to\s+be|will\s+be|would\s+be)\s+(?:bought|acquired|purchased|taken\s+over)\s+by\s+(?:(?:the\s+|rival\s+)?{DESC})?({E})(?:[^.;]{{0,40}}?\bfor\s+{ACQ_PRICE}({M}))?"
        rf"|\b(?:acquisition|takeover|purchase|buyout)\s+of\s+(?:(?:the\s+)?{DESC})?({E})\s+by\s+(?:(?:the\s+|rival\s+)?{DESC})?({E})",
        plain,
    ):
        target, buyer = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(5))
        out.append(_acq(ms, plain, ctx, buyer, target, m.group(3), m.start(), m.end(), None, 0.8))
    # X, which bought Y for $A in 2016
    for m in re.finditer(
        rf"({E}),?\s+which\s+(?:had\s+)?(?:bought|acquired|purchased)\s+({E})(?:\s+for\s+{AMOUNT_HEDGE}({M}))?",
        text,
    ):
        out.append(
            _acq(ms, text, ctx, m.group(1), m.group(2), m.group(3), m.start(), m.end(), "completed", 0.8)
        )
    # Y, which X bought (in 2018) / Y was bought by X / before it was bought by X
    for m in re.finditer(
        rf"({E}),?\s+which\s+({E})\s+(?:had\s+)?(?:bought|acquired|purchased)(?:\s+for\s+{AMOUNT_HEDGE}({M}))?",
        text,
    ):
        out.append(
            _acq(ms, text, ctx, m.group(2), m.group(1), m.group(3), m.start(), m.end(), "completed", 0.8)
        )
    for m in re.finditer(
        rf"({E})[^.;]{{0,60}}?\b(?:was|were|is|has been|had been|being)\s+(?:bought|acquired|purchased|taken over)\s+by\s+({E})(?:[^.;]{{0,30}}?\bfor\s+{AMOUNT_HEDGE}({M}))?",
        text,
    ):
        if re.search(E, m.group(0)[len(m.group(1)) : m.group(0).find(" by ")]):
            continue
        out.append(
            _acq(ms, text, ctx, m.group(2), m.group(1), m.group(3), m.start(), m.end(), "completed", 0.8)
        )
    # ... a string of acquisitions, including Y, bought for $A in 2018, and Z, acquired for $B
    acq_list = re.search(
        rf"({E})\s+(?:[a-z]+\s+){{0,4}}?(?:a\s+)?(?:string|series|run|number)\s+of\s+(?:[a-z]+\s+)?(?:acquisitions|deals|takeovers|purchases)",
        text,
    )
    if acq_list:
        buyer = acq_list.group(1)
        last_year = None
        for m in re.finditer(
            rf"({E})(?:'s\s+[a-z -]+?)?,\s+(?:bought|acquired|purchased)\s+for\s+{AMOUNT_HEDGE}({M})(?:\s+in\s+({D})|\s+the\s+(following|next|previous)\s+year)?",
            text[acq_list.end() :],
        ):
            d = _acq(ms, text, ctx, buyer, m.group(1), m.group(2), 0, 0, "completed", 0.65)
            if d is None:
                continue
            d.values.pop("date", None)
            if m.group(3):
                last_year = ms.slot(m.group(3)).value
                d.values["date"] = last_year
            elif m.group(4) and last_year:
                d.values["date"] = str(int(last_year[:4]) + (1 if m.group(4) != "previous" else -1))
            out.append(d)
    # X's (failed) attempt / bid / plan to buy Y
    for m in re.finditer(
        rf"({E})'s\s+(?:[a-z-]+\s+){{0,2}}?(?:attempt|bid|offer|plan|move|approach|proposal)s?\s+to\s+(?:buy|acquire|take\s+over)\s+(?:(?:the\s+)?{DESC})?({E})",
        text,
    ):
        status = (
            "in_talks"
            if re.search(r"\b(?:failed|rejected|abandoned|unsuccessful)\b", m.group(0))
            else "announced"
        )
        d = _acq(ms, text, ctx, m.group(1), m.group(2), None, m.start(), m.end(), status, 0.65)
        if d is not None:
            d.values.pop("date", None)
            out.append(d)
    # X agreed to pay $A for Y
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,4}}?(?:agreed|agrees|offered|offers)\s+to\s+pay\s+{AMOUNT_HEDGE}({M})\s+(?:in\s+cash\s+)?for\s+(?:(?:the\s+)?{DESC})?({E})",
        plain,
    ):
        out.append(
            _acq(ms, plain, ctx, m.group(1), m.group(3), m.group(2), m.start(), m.end(), "announced", 0.8)
        )
    # a plan / deal to sell Y to X (for $A)
    for m in re.finditer(
        rf"\b(?:plan|deal|agreement|agreed|offer)\s+to\s+sell\s+({E})\s+to\s+({E})(?:\s+for\s+{AMOUNT_HEDGE}({M}))?",
        plain,
    ):
        out.append(
            _acq(ms, plain, ctx, m.group(2), m.group(1), m.group(3), m.start(), m.end(), "announced", 0.7)
        )
    # X (agreed to) sell(s) its cloud unit, Y, to Z (for $A)
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,3}}?(?:sell|sells|sold|selling)\s+(?:its|their|ENT\d+'s)\s+(?:[\w-]+\s+){{0,4}}?(?:unit|arm|division|business|subsidiary|operations?|brand|label)?,?\s*({E}),?\s+to\s+(?:(?:the\s+|rival\s+)?{DESC})?({E})(?:[^.;]{{0,40}}?\bfor\s+{ACQ_PRICE}({M}))?",
        plain,
    ):
        if re.search(r"\b(?:stake|shares|holding)\b", m.group(0)):
            continue
        d = _acq(ms, plain, ctx, m.group(3), m.group(2), m.group(4), m.start(), m.end(), None, 0.75)
        if d is not None and not _is(ctx, ent(ms, m.group(1)), ORG):
            d = None
        out.append(d)
    # the sale of Y to X (for $A); Y's sale to X
    for m in re.finditer(
        rf"\bsale\s+of\s+(?:(?:the\s+|its\s+)?{DESC})?({E})\s+to\s+(?:(?:the\s+|rival\s+)?{DESC})?({E})(?:[^.;]{{0,40}}?\bfor\s+{ACQ_PRICE}({M}))?"
        rf"|({E})'s\s+(?:[a-z-]+\s+){{0,2}}?sale\s+to\s+(?:(?:the\s+|rival\s+)?{DESC})?({E})(?:[^.;]{{0,40}}?\bfor\s+{ACQ_PRICE}({M}))?",
        plain,
    ):
        if re.search(r"\b(?:stake|shares|holding|assets|stock)\b", m.group(0)):
            continue
        target, buyer, money = (m.group(1), m.group(2), m.group(3)) if m.group(1) else m.group(4, 5, 6)
        out.append(_acq(ms, plain, ctx, buyer, target, money, m.start(), m.end(), None, 0.75))
    # X made a ($A) (takeover) bid / offer for Y; X's $A bid for Y
    for m in re.finditer(
        rf"({E})(?:'s\s+|\s+(?:[a-z]+\s+){{0,3}}?(?:made|makes|launched|launches|submitted|tabled|lodged)\s+(?:a|an|its)\s+)(?:[a-z-]+\s+){{0,2}}?(?:{AMOUNT_HEDGE}({M})\s+)?(?:[a-z-]+\s+){{0,2}}?(?:bid|offer|proposal)\s+(?:for|to\s+buy|to\s+acquire)\s+(?:(?:the\s+|rival\s+)?{DESC})?({E})",
        plain,
    ):
        status = "in_talks" if re.search(r"\b(?:proposal|approach)\b", m.group(0)) else "announced"
        out.append(_acq(ms, plain, ctx, m.group(1), m.group(3), m.group(2), m.start(), m.end(), status, 0.7))
    # X has held talks about buying Y / X was reported to be in talks to buy Y
    for m in re.finditer(
        rf"({E})\s+[^.;]{{0,60}}?\b(?:talks|discussions|negotiations)\s+(?:about|to|over|on)\s+(?:buying|acquiring|buy|acquire|a takeover of|the purchase of)\s+(?:(?:the\s+)?{DESC})?({E})",
        plain,
    ):
        out.append(_acq(ms, plain, ctx, m.group(1), m.group(2), None, m.start(), m.end(), "in_talks", 0.7))
    for d in out:
        if d is not None:
            ctx.deals.append(d)
            yield d


def _acq(ms, text, ctx, a_tok, b_tok, money_tok, start, end, status, conf) -> Draft | None:
    a, b = ent(ms, a_tok), ent(ms, b_tok)
    if a == b or not _is(ctx, a, ORG, PERSON) or not _is(ctx, b, ORG):
        return None
    if money_tok is None:
        near = nearest(ms, text, end, "MON", window=160, after_only=True)
        if (
            near
            and money_ok(ms, near)
            and re.search(
                rf"\b(?:worth|valued at|for|at|deal of|value of)\s+{ACQ_PRICE}{near}"
                rf"|\b(?:in|via|through)\s+an?\s+{AMOUNT_HEDGE}{near}\s+(?:[a-z-]+\s+){{0,2}}(?:deal|transaction|takeover|acquisition|purchase|buyout|merger)\b",
                text,
            )
        ):
            money_tok = near
    if money_tok is None or not money_ok(ms, money_tok):
        # "for $35 a share in cash, or about $6.4bn": the deal's value follows the per-share price
        total = re.match(
            rf"[^.;]{{0,60}}?\b(?:a|per)\s+share\b[^.;]{{0,25}}?,?\s+or\s+{AMOUNT_HEDGE}(MON\d+)(?!\s+(?:a|per)\s+share)",
            text[end:],
        )
        if total and money_ok(ms, total.group(1)):
            money_tok = total.group(1)
    values = amount_values(ms, money_tok) if money_ok(ms, money_tok) else {}
    if status is None:
        status = status_of(text[max(0, start - 20) : end], "completed")
    if re.search(r"\b(?:in talks|held talks|talks about)\b", text[max(0, start - 40) : end]):
        status = "in_talks"
    inside = re.findall(D, text[start:end]) if end > start else []
    # "X agreed last month to buy Y": a date inside the deal's own clause wins over one nearby
    date = ms.slot(inside[-1]).value if inside else date_near(ms, text, end, None)
    if (
        date is None
        and status in ("completed", "announced")
        and re.search(r"\b(?:has|have|had|said|says|will|today)\b", text[max(0, start - 40) : end])
    ):
        date = ctx.published
    if date is None and status == "in_talks" and ctx.published:
        date = ctx.published[:7]  # talks reported with no date: the month of the report
    if date:
        values["date"] = date
    values["status"] = status
    draft = Draft("acquisition", {"acquirer": a, "target": b}, values, ms.index, conf, "acquire")
    draft.negated = (
        negated(text[max(0, start - 20) : end])
        or bool(re.search(r"\b(?:denied|denies|dismissed)\b", text[:start]))
    ) and status != "in_talks"
    if DEAL_ENDED.search(text[max(0, start - 20) : end]):
        draft.negated = True  # "X ended talks to buy Y"
    return draft


#: Talks or bids that ended: the deal they were about is not a fact of this sentence.
DEAL_ENDED = re.compile(
    r"\b(?:ended|ends|ending|terminated|terminates|broke\s+off|breaks\s+off|pulled\s+out\s+of|"
    r"withdrew|withdraws|dropped|drops|ditched|blocked)\b"
)


@rule
def deal_values(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    """'The transaction values Y at $A': the amount of the acquisition of Y stated earlier."""
    for m in re.finditer(
        rf"\b(?:deal|transaction|takeover|acquisition|purchase)\s+(?:values|valued)\s+(?:(?:the\s+)?{DESC})?({E})\s+at\s+{AMOUNT_HEDGE}({M})",
        text,
    ):
        target = ent(ms, m.group(1))
        for d in reversed(ctx.deals):
            if d.roles["target"] == target and "amount" not in d.values:
                d.values.update(amount_values(ms, m.group(2)))
                break
    # "The deal is worth $A" / "The transaction is valued at $A": the deal of the last sentences
    worth = re.search(
        rf"^(?:The|the|That|This)\s+(?:[a-z-]+\s+)?(?:deal|transaction|takeover|acquisition|purchase)\s+(?:is|was|would\s+be|will\s+be)\s+(?:worth|valued\s+at)\s+{AMOUNT_HEDGE}({M})",
        text.strip(),
    )
    if worth and money_ok(ms, worth.group(1)) and ctx.deals:
        last = ctx.deals[-1]
        if "amount" not in last.values and ms.index - last.sentence <= 2:
            last.values.update(amount_values(ms, worth.group(1)))
    return iter(())


# ---------------------------------------------------------------- founded ---

FOUND_VERB = r"(?:co-?founded|founded|set\s+up|started|created|established|launched|incubated)"


@rule
def foundings(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    # Y, founded in 2015 by P and Q, ...
    for m in re.finditer(
        rf"({E}),\s+(?:co-?founded|founded|set\s+up|started|created|established)\s+((?:(?:in|on)\s+(?:{D}|{E})\s+)*)by\s+({LIST})",
        text,
    ):
        org = ent(ms, m.group(1))
        if not _is(ctx, org, ORG):
            continue
        date = _year_date(ms, m.group(2), sentence_date=False) if m.group(2) else None
        for f in list_entities(ms, m.group(3), ctx, (PERSON,)):
            yield _founded(ms, org, f, date, 0.8)
    # Y was founded (in 2021) by LIST-of-people
    for m in re.finditer(
        rf"({E}),?\s+(?:which\s+|that\s+)?(?:[a-z]+\s+){{0,2}}?(?:was|were|had been|has been|is)\s+(?:first\s+|originally\s+|jointly\s+)?{FOUND_VERB}\s+([^;]*?)\bby\s+(.*)$",
        text,
    ):
        org = ent(ms, m.group(1))
        if not _is(ctx, org, ORG):
            continue
        tail = re.split(r"\.\s", m.group(3))[0]
        tail = re.split(r",\s+(?:became|and\s+(?:opened|launched|has|is|was))\b", tail)[0]
        founders = [
            s.value
            for s in ms.slots_in(tail)
            if _is(ctx, s.value, PERSON)
            or (ctx.person_shaped.get(s.value) and ctx.weak.get(s.value) and ctx.ner_person.get(s.value))
        ]
        # people after "former X employees" / "who worked at" are still founders; orgs are not
        date = _year_date(ms, m.group(2) + " " + tail)
        for f in dict.fromkeys(founders):
            yield _founded(ms, org, f, date, 0.85)
    # the X fund founded by P
    for m in re.finditer(
        rf"({E}),\s+(?:the|a|an)\s+(?:[a-z-]+\s+){{0,4}}?(?:co-?founded|founded|set\s+up|started|created)\s+by\s+({E})",
        text,
    ):
        org, f = ent(ms, m.group(1)), ent(ms, m.group(2))
        if _is(ctx, org, ORG) and _is(ctx, f, PERSON):
            yield _founded(ms, org, f, None, 0.8)
    # P (and Q) founded Y (in 2019) (with LIST)
    for m in re.finditer(
        rf"({LIST}),?\s+(?:[a-z]+\s+){{0,2}}?(?:co-?founded|founded|set\s+up|started|launched|created|established)\s+(?:(?:the|an?)\s+{DESC})?({E})((?:[^.;]{{0,40}}?)\bwith\s+([^.;]*))?",
        strip_asides(text),
    ):
        if re.search(r"\b(?:which|that)\s*$", text[: m.start()]):
            continue
        org = ent(ms, m.group(2))
        if not _is(ctx, org, ORG):
            continue
        people = [i for i in list_entities(ms, m.group(1), ctx, (PERSON,))]
        if m.group(4):
            people += [s.value for s in ms.slots_in(m.group(4)) if _is(ctx, s.value, PERSON)]
        date = _year_date(ms, m.group(0))
        for f in dict.fromkeys(people):
            yield _founded(ms, org, f, date, 0.8)
        # "P previously founded Y and Z"
        extra = re.match(
            rf"(?:\s+and\s+(?:(?:the|an?)\s+{DESC})?({E}))",
            text[text.find(m.group(2)) + len(m.group(2)) :] if m.group(2) in text else "",
        )
        if extra:
            org2 = ent(ms, extra.group(1))
            if _is(ctx, org2, ORG):
                for f in dict.fromkeys(people):
                    yield _founded(ms, org2, f, None, 0.7)
    # Y, which P founded / that P launched
    for m in re.finditer(
        rf"({E}),?\s+(?:the\s+(?:[a-z-]+\s+){{0,4}})?(?:which|that)\s+({E})\s+(?:co-?founded|founded|set\s+up|started|launched|created)",
        text,
    ):
        org, f = ent(ms, m.group(1)), ent(ms, m.group(2))
        if _is(ctx, org, ORG) and _is(ctx, f, PERSON):
            yield _founded(ms, org, f, _year_date(ms, text[m.end() : m.end() + 40]), 0.75)
    # P, who co-founded / set up Y (in 1997) (and Z)
    for m in re.finditer(
        rf"({E})(?:,\s+[^,]*)?,?\s+who\s+(?:[a-z]+\s+){{0,2}}?(?:co-?founded|founded|set\s+up|started|launched|created)\s+({LIST})",
        text,
    ):
        f = ent(ms, m.group(1))
        if not _is(ctx, f, PERSON):
            continue
        for org in list_entities(ms, m.group(2), ctx, (ORG,)):
            yield _founded(ms, org, f, _year_date(ms, text[m.end() : m.end() + 30], sentence_date=False), 0.8)
    # P ... set up his own studio, Y
    for m in re.finditer(
        rf"({E})\s+[^.;]*?\b(?:set\s+up|founded|started|launched|created)\s+(?:his|her|their|ENT\d+'s)\s+own\s+(?:[a-z-]+\s+)?(?:company|studio|firm|start-?up|business|fund|lab|venture),?\s+({E})",
        text,
    ):
        f, org = ent(ms, m.group(1)), ent(ms, m.group(2))
        if _is(ctx, f, PERSON) and _is(ctx, org, ORG):
            yield _founded(ms, org, f, None, 0.7)
    # one of the co-founders of Y
    for m in re.finditer(
        rf"({E})\s+(?:was|is)\s+(?:also\s+)?(?:one\s+of\s+the\s+|a\s+|the\s+)?co-?founders?\s+of\s+({E})",
        text,
    ):
        f, org = ent(ms, m.group(1)), ent(ms, m.group(2))
        if _is(ctx, org, ORG) and _is(ctx, f, PERSON):
            yield _founded(ms, org, f, _year_date(ms, text[m.end() : m.end() + 30]), 0.8)
    # P, who co-founded Y in 2015 with Q (and R): the partners are founders too
    for m in re.finditer(
        rf"({E}),\s+who\s+(?:[a-z]+\s+){{0,2}}?(?:co-?founded|founded|set\s+up|started)\s+({E})((?:\s+in\s+{D})?)\s+(?:along\s+)?with\s+({LIST})",
        text,
    ):
        org = ent(ms, m.group(2))
        if not (_is(ctx, ent(ms, m.group(1)), PERSON) and _is(ctx, org, ORG)):
            continue
        date = _year_date(ms, m.group(3), sentence_date=False) if m.group(3) else None
        for f in list_entities(ms, m.group(4), ctx, (PERSON,)):
            yield _founded(ms, org, f, date, 0.75)
    # Y's co-founders, P and Q / Y co-founders P and Q
    for m in re.finditer(rf"({E})(?:'s)?\s+(?:[a-z]+\s+)?(?:co-?founders|founders),?\s+({LIST})", text):
        org = ent(ms, m.group(1))
        if not _is(ctx, org, ORG):
            continue
        for f in list_entities(ms, m.group(2), ctx, (PERSON,)):
            yield _founded(ms, org, f, None, 0.75)
    # founders including LIST
    for m in re.finditer(rf"\bfounders\s+(?:including|such as|were|are|include|includes)\s+({LIST})", text):
        org = _subject_before(ms, text, m.start(), ctx, max_gap=200)
        if org is None:
            continue
        for f in list_entities(ms, m.group(1), ctx, (PERSON,)):
            yield _founded(ms, org, f, _year_date(ms, text), 0.75)


def _year_date(ms: MaskedSentence, text: str, sentence_date: bool = True) -> str | None:
    """The date in the matched text, else (when allowed) the sentence's only date."""
    for s in ms.slots_in(text, "DAT"):
        return s.value
    dates = ms.slots_in(ms.text, "DAT") if sentence_date else []
    return dates[0].value if len(dates) == 1 else None


def _founded(ms, org, founder, date, conf) -> Draft:
    values = {"date": date} if date else {}
    return Draft("founded", {"organization": org, "founder": founder}, values, ms.index, conf, "founded")


# ------------------------------------------------------------------ roles ---


def _title_facts(
    ms: MaskedSentence,
    ctx: Context,
    person: int,
    org: int,
    title: str,
    conf: float,
    rule_name: str,
    former: bool = False,
) -> Iterator[Draft]:
    if not (_is(ctx, person, PERSON) and _is(ctx, org, ORG)) or person == org:
        return
    title = re.sub(r"\s+", " ", title.strip(" ,")).strip()
    title = " ".join(w if w.isupper() else w.lower() for w in title.split())  # "Chief Executive Officer"
    parts = [p.strip() for p in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", title) if p.strip()]
    founder_parts = [p for p in parts if re.search(r"\bfounder\b|\bco-?founder\b|\bcofounder\b", p)]
    role_parts = [p for p in parts if p not in founder_parts]
    if founder_parts:
        yield _founded(ms, org, person, None, conf - 0.05)
    if role_parts:
        was_former = former or any(re.search(r"\b(?:former|outgoing|then)\b", p) for p in role_parts)
        clean = [
            re.sub(r"^(?:(?:former|then|now|current|its|their|the|outgoing)\s+)+", "", p) for p in role_parts
        ]
        clean = [c for c in clean if c and c not in ("chief", "executive") or c == "chief executive"]
        if clean:
            yield Draft(
                "role",
                {"person": person, "organization": org},
                {"title": " and ".join(clean), "current": not was_former},
                ms.index,
                conf,
                rule_name,
            )


@rule
def roles(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    text = _role_text(text)
    yield from _roles(ms, text, ctx)
    plain = strip_asides(text)
    if plain != text:
        yield from _roles(ms, plain, ctx)
    yield from _appointments(ms, text, ctx)


def _role_text(text: str) -> str:
    """Press-release and newspaper noise around names: "Jane Roe, Ph.D.,", "Jane Roe, 52,", "Globex' chief"."""
    text = re.sub(r"(ENT\d+)'(?=\s)", r"\1's", text)
    text = re.sub(r",\s+(?:Ph\.?\s?D\.?|M\.?D\.?|Jr\.?|Sr\.?|MBA|CBE|OBE|KBE)(?=,)", "", text)
    return re.sub(r"(ENT\d+),\s+\d{2},\s+", r"\1 ", text)


#: Verbs of appointing someone to a post.
APPOINT = r"(?:named|names|appointed|appoints|hired|hires|promoted|promotes|tapped|taps|picked|picks|chose|chosen|selected|elevated|poached|recruited)"


def _focus_topic(ctx: Context) -> int | None:
    """The topic, while it is the company the article is about (roles are not guessed for others)."""
    return ctx.topic if ctx.focus is None or ctx.topic == ctx.focus else None


def _role_org(ms: MaskedSentence, text: str, pos: int, ctx: Context) -> int | None:
    """The organisation of a role whose sentence names none: the sentence's organisation, else the topic.

    The topic stands in only while it is the article's focus: when the story has moved to another
    name, that name may be a person or a second company, and guessing gives a wrong fact.
    """
    return _subject_before(ms, text, pos, ctx, max_gap=300) or _focus_topic(ctx)


def _appointments(ms: MaskedSentence, text: str, ctx: Context) -> Iterator[Draft]:
    """Appointments, departures and successions; co-chief executives; "P ran O"."""
    t = text
    # O named / appointed P (,) (as) (its) (new) title  |  O announced the appointment of P as title
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+|DAT\d+\s+){{0,3}}?(?:{APPOINT}|announced\s+the\s+(?:appointment|hiring|promotion)\s+of)\s+(?:(?:{E})'s\s+(?:{_W}\s+){{0,3}}?[a-z]+,\s+)?({E})(?:,\s+(?:a|an|the)\s+[^,;]{{1,40}},)?,?\s+(?:(?:as|to\s+(?:be|become|the\s+(?:role|post|position)\s+of))\s+)?(?:its\s+|the\s+|a\s+|an\s+|ENT\d+'s\s+)?(?:new\s+|next\s+)?({TITLE})(?:\s+(?:of|at)\s+(?:the\s+)?{DESC}({E}))?",
        t,
        re.I,
    ):
        org = ent(ms, m.group(4)) if m.group(4) else ent(ms, m.group(1))
        if _is(ctx, ent(ms, m.group(1)), PERSON) and not m.group(4):
            continue  # "Jane Roe named John Doe as ..." without an organisation
        yield from _title_facts(ms, ctx, ent(ms, m.group(2)), org, m.group(3), 0.8, "appointed")
    # P was named / has been appointed (as) (O's) title (of O)
    for m in re.finditer(
        rf"({E})\s+(?:was|is|has\s+been|had\s+been|will\s+be|is\s+being|were|have\s+been)\s+(?:[a-z]+\s+)?(?:named|appointed|promoted|elevated|hired|chosen|selected|tapped)\s+(?:as\s+|to\s+(?:be\s+)?)?(?:the\s+|its\s+|an?\s+)?(?:new\s+|next\s+)?(?:({E})'s\s+)?({TITLE})(?:\s+(?:of|at)\s+(?:the\s+)?{DESC}({E}))?",
        t,
        re.I,
    ):
        org_tok = m.group(2) or m.group(4)
        org = ent(ms, org_tok) if org_tok else _role_org(ms, t, m.start(), ctx)
        if org is not None:
            yield from _title_facts(
                ms, ctx, ent(ms, m.group(1)), org, m.group(3), 0.75 if org_tok else 0.6, "was-named"
            )
    # P stepped down as / resigned as / left (O's) title (of O): a former role
    for m in re.finditer(
        rf"({E}),?\s+(?:[a-z]+\s+){{0,2}}?(?:stepped|steps|stepping|step)\s+down\s+as\s+(?:the\s+|its\s+)?(?:({E})'s\s+)?({TITLE})(?:\s+(?:of|at)\s+(?:the\s+)?{DESC}({E}))?|({E})\s+(?:[a-z]+\s+){{0,2}}?(?:resigned|resigns|quit|quits|retired|retires|was\s+ousted|was\s+fired)\s+as\s+(?:the\s+|its\s+)?(?:({E})'s\s+)?({TITLE})(?:\s+(?:of|at)\s+(?:the\s+)?{DESC}({E}))?",
        t,
        re.I,
    ):
        g = m.groups()
        person_tok, org_tok, title = (g[0], g[1] or g[3], g[2]) if g[0] else (g[4], g[5] or g[7], g[6])
        if re.search(r"\b(?:will|would|plans?\s+to|to)\s+(?:step|resign|retire)", m.group(0)):
            former = False  # announced, not yet done: still in the post
        else:
            former = True
        org = ent(ms, org_tok) if org_tok else _role_org(ms, t, m.start(), ctx)
        if org is not None:
            yield from _title_facts(
                ms,
                ctx,
                ent(ms, person_tok),
                org,
                title,
                0.7 if org_tok else 0.6,
                "stepped-down",
                former=former,
            )
    # P succeeds / will replace Q as (O's) title (of O): P in the post, Q before
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,2}}?(?:succeeds|succeeded|succeed|replaces|replaced|replace|takes\s+over\s+from|took\s+over\s+from|take\s+over\s+from)\s+(?:(?:former\s+|outgoing\s+|interim\s+)*(?:boss|chief|ceo|chief executive)\s+)?({E})\s+as\s+(?:the\s+|its\s+)?(?:({E})'s\s+)?({TITLE})(?:\s+(?:of|at)\s+(?:the\s+)?{DESC}({E}))?",
        t,
        re.I,
    ):
        org_tok = m.group(3) or m.group(5)
        org = ent(ms, org_tok) if org_tok else _role_org(ms, t, m.start(), ctx)
        if org is None:
            continue
        conf = 0.7 if org_tok else 0.6
        yield from _title_facts(ms, ctx, ent(ms, m.group(1)), org, m.group(4), conf, "succeeds")
        yield from _title_facts(ms, ctx, ent(ms, m.group(2)), org, m.group(4), conf, "succeeded", former=True)
    # P and Q are (the) co-chief executives (of O) / co-chief executives P and Q
    for m in re.finditer(
        rf"({E})\s+and\s+({E})\s+(?:are|were|became|will\s+be|remain)\s+(?:the\s+|its\s+)?(?:(ENT\d+)'s\s+)?((?:joint\s+|co-)?(?:chief\s+executive|ceo|chief\s+[a-z]+\s+officer|president|chair|managing\s+director)s)(?:\s+(?:of|at)\s+(?:the\s+)?{DESC}({E}))?|\b((?:joint\s+|co-)(?:chief\s+executive|ceo|chair|managing\s+director)s)\s+({E})\s+and\s+({E})",
        t,
        re.I,
    ):
        if m.group(1):
            people, title, org_tok = (m.group(1), m.group(2)), m.group(4), m.group(3) or m.group(5)
        else:
            people, title, org_tok = (m.group(7), m.group(8)), m.group(6), None
        org = ent(ms, org_tok) if org_tok else _role_org(ms, t, m.start(), ctx)
        if org is None:
            continue
        title = re.sub(r"s$", "", title.lower())
        for p in people:
            yield from _title_facts(ms, ctx, ent(ms, p), org, title, 0.7 if org_tok else 0.6, "co-titles")
    # press releases: "P, Executive Vice President, Oncology R&D, O, said"
    for m in re.finditer(
        rf"({E}),\s+({TITLE})((?:,\s+(?:{E}|[A-Z][\w&]*(?:\s+[A-Z&][\w&]*)*))*),\s+({E}),?\s+(?:said|says|added|commented|noted|stated)\b",
        t,
        re.I,
    ):
        if not re.match(r"[A-Z]", m.group(2)):
            continue  # title case only: lower case here is a sentence's own clause
        yield from _title_facts(
            ms, ctx, ent(ms, m.group(1)), ent(ms, m.group(4)), m.group(2).lower(), 0.75, "release-title"
        )
    # P, who co-founded O in 2016 with Q and is its chief executive
    for m in re.finditer(
        rf"({E}),\s+who\s+[^;]*?\band\s+(?:is|was|remains|became|has\s+been)\s+(?:now\s+|also\s+)?({E})'s\s+({TITLE})",
        t,
        re.I,
    ):
        yield from _title_facts(
            ms,
            ctx,
            ent(ms, m.group(1)),
            ent(ms, m.group(2)),
            m.group(3),
            0.75,
            "who-and-is",
            former=bool(re.search(r"\band\s+was\b", m.group(0))),
        )
    # P (now) leads / heads generative AI at O: a head of something at O
    for m in re.finditer(
        rf"({E})\s+(?:now\s+|also\s+|currently\s+)?(leads|heads|runs|oversees|manages|led|headed|ran)\s+(?:(?!ENT|MON|DAT)[\w&-]+\s+){{1,4}}?(?:at|for)\s+(?:the\s+)?{DESC}({E})(?!'s)",
        strip_asides(t),
    ):
        if re.search(
            r"\b(?:round|investment|funding|financing|deal|bid|talks|charge|effort|push)\b", m.group(0)
        ):
            continue
        yield from _title_facts(
            ms,
            ctx,
            ent(ms, m.group(1)),
            ent(ms, m.group(3)),
            "head",
            0.65,
            "leads-at",
            former=m.group(2) in ("led", "headed", "ran"),
        )
    # P and Q, O's co-chief executives / P and Q, co-founders of O
    for m in re.finditer(
        rf"({E})\s+and\s+({E}),\s+(?:(?:the|its)\s+)?(?:({E})'s\s+)?((?:joint\s+|co-)?(?:chief\s+executive|ceo|chief\s+[a-z]+\s+officer|president|chair|managing\s+director|co-?founder|founder)s)(?:\s+of\s+(?:the\s+)?{DESC}({E}))?",
        t,
        re.I,
    ):
        org_tok = m.group(3) or m.group(5)
        if not org_tok:
            continue
        title = re.sub(r"s$", "", m.group(4).lower())
        for p in (m.group(1), m.group(2)):
            yield from _title_facts(ms, ctx, ent(ms, p), ent(ms, org_tok), title, 0.75, "pair-titles")
    # P, another O alumnus / a former O engineer; former O executive P / ex-O engineer P
    for m in re.finditer(
        rf"({E}),\s+(?:a|an|another|the)\s+(?:former\s+)?({E})\s+(?:alumnus|alumna|alum|veteran)\b",
        t,
    ):
        yield from _title_facts(
            ms, ctx, ent(ms, m.group(1)), ent(ms, m.group(2)), "employee", 0.6, "alumnus", former=True
        )
    for m in re.finditer(
        rf"\b(?:[Ff]ormer|ex-)\s*({E})\s+(engineer|researcher|scientist|executive|economist|analyst|employee|staffer|banker|designer)s?\s+({E})",
        t,
    ):
        yield from _title_facts(
            ms,
            ctx,
            ent(ms, m.group(3)),
            ent(ms, m.group(1)),
            m.group(2),
            0.65,
            "former-org-title-person",
            former=True,
        )
    # P ran / runs / heads O: the head of O; "P, who has run O since 2009"
    for m in re.finditer(
        rf"({E})(?:,\s+who)?\s+(?:[a-z]+\s+){{0,2}}?(ran|runs|run|running|heads|headed|leads|led)\s+(?:the\s+)?{DESC}({E})(?!'s|\s+(?:round|investment|funding|financing))\b",
        t,
    ):
        gap = re.sub(r"^ENT\d+,\s+who\b", "", m.group(0))
        if re.search(r"\b(?:which|who|that|round|investment|funding|financing)\b", gap):
            continue
        if m.group(2) in ("run", "led") and not re.search(
            r"\b(?:has|have|had)\s+(?:[a-z]+\s+)?(?:run|led)\b", gap
        ):
            continue  # "run"/"led" only as a perfect: "has run O since 2009"
        former = (
            m.group(2) in ("ran", "headed")
            or " had " in m.group(0)
            or bool(re.search(r"\b(?:before|previously|formerly|once)\b", t[: m.start(2)]))
        )
        yield from _title_facts(
            ms, ctx, ent(ms, m.group(1)), ent(ms, m.group(3)), "head", 0.65, "ran", former=former
        )


def _roles(ms: MaskedSentence, text: str, ctx: Context) -> Iterator[Draft]:
    t = text
    # P, (the) title of/at O (and O2)
    for m in re.finditer(
        rf"({E}),\s+(?:who\s+(?:is|was|has been)\s+(?:also\s+|now\s+)?|now\s+|(?:the|its|ENT\d+'s|a|an)\s+)?({TITLE})\s+(?:of|at)\s+(?:the\s+)?{DESC}({E}(?:\s+and\s+{E})?)",
        t,
        re.I,
    ):
        for org_tok in re.findall(E, m.group(3)):
            yield from _title_facts(
                ms,
                ctx,
                ent(ms, m.group(1)),
                ent(ms, org_tok),
                m.group(2),
                0.85,
                "appos-of",
                former=" was " in m.group(0),
            )
    # P, O's title
    for m in re.finditer(
        rf"({E}),\s+(?:who\s+is\s+|now\s+)?({E})'s\s+({TITLE})(\s+(?:before|until)\b)?", t, re.I
    ):
        yield from _title_facts(
            ms,
            ctx,
            ent(ms, m.group(1)),
            ent(ms, m.group(2)),
            m.group(3),
            0.85,
            "appos-poss",
            former=bool(m.group(4)),
        )
    # O's title(,) P
    for m in re.finditer(rf"(?<!\bis )(?<!\bwas )(?<!\bas )({E})'s\s+({TITLE}),?\s+({E})", t, re.I):
        yield from _title_facts(
            ms, ctx, ent(ms, m.group(3)), ent(ms, m.group(1)), m.group(2), 0.8, "poss-title"
        )
    # P joined O as title
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,2}}?(?:joined|joins|rejoined)\s+({E})(?:\s+(?:in|on|last|this|earlier)\s+(?:{D}|year|month|week))?,?\s+as\s+(?:its\s+|the\s+|a\s+|an\s+)?(?:new\s+)?({TITLE})",
        t,
        re.I,
    ):
        yield from _title_facts(
            ms, ctx, ent(ms, m.group(1)), ent(ms, m.group(2)), m.group(3), 0.75, "joined-as"
        )
    # O title P  ("Globex chief executive Jane Roe")
    for m in re.finditer(rf"({E})\s+({TITLE})\s+({E})", t, re.I):
        if re.search(r"\b(?:chief|president|chair|ceo|founder|head|director|partner|boss)", m.group(2), re.I):
            was = bool(re.search(r"\b(?:[Ff]ormer|ex-)\s*$", t[: m.start()]))
            yield from _title_facts(
                ms,
                ctx,
                ent(ms, m.group(3)),
                ent(ms, m.group(1)),
                m.group(2),
                0.75,
                "org-title-person",
                former=was,
            )
    # P, the (former) O title
    for m in re.finditer(
        rf"({E}),\s+(?:the|a|an)\s+((?:former|then|current)\s+)?({E})\s+({TITLE}|researcher|engineer|employee|executive|scientist|intern)\b(?!\s+(?:at|of|with)\b)",
        t,
        re.I,
    ):
        yield from _title_facts(
            ms,
            ctx,
            ent(ms, m.group(1)),
            ent(ms, m.group(3)),
            (m.group(2) or "") + m.group(4),
            0.75,
            "appos-org-title",
            former=bool(m.group(2)),
        )
    # P is/became (O's) title (of O)
    for m in re.finditer(
        rf"({E})\s+(?:is|was|became|has become|will remain|remains|will become|served as|serves as|had been|has been|was named|is now|, now)\s+(?:also\s+|still\s+|most recently\s+|later\s+)?(?:the\s+|its\s+|an?\s+)?(?:({E})'s\s+)?({TITLE})(?:\s+(?:of|at)\s+(?:the\s+)?({E}))?",
        t,
        re.I,
    ):
        person = ent(ms, m.group(1))
        org_tok = m.group(2) or m.group(4)
        org = ent(ms, org_tok) if org_tok else _focus_topic(ctx)
        former = bool(
            re.search(r"\b(?:was|had been|served as|most recently)\b", m.group(0))
        ) and "remain" not in m.group(0)
        if re.search(r"\bwas\s+named\b", m.group(0)):
            former = False
        if org is not None:
            yield from _title_facts(
                ms, ctx, person, org, m.group(3), 0.75 if org_tok else 0.6, "copula", former=former
            )
    # gapping: "... and Q its title" / ", Q its title"
    for m in re.finditer(
        rf"(?:,|\band)\s+({E})(?:,\s+[^,]*,)?\s+(?:its|the company's|their|(ENT\d+)'s)\s+({TITLE})", t, re.I
    ):
        person = ent(ms, m.group(1))
        refs = [s for s in ms.slots if s.via_reference and _is(ctx, s.value, ORG)]
        org = ent(ms, m.group(2)) if m.group(2) else (refs[0].value if refs else _focus_topic(ctx))
        if org is not None:
            yield from _title_facts(ms, ctx, person, org, m.group(3), 0.6, "gapping")
    # title P (org from the sentence's subject or the article's topic), e.g. "chief executive Jane Roe"
    for m in re.finditer(
        rf"(?<!'s )(?<!ENT\d )(?<!ENT\d\d )(?<!-)\b((?:(?:former|interim|acting|outgoing|incoming|new)\s+)*(?:co-)?(?:chief [a-z]+(?: [a-z]+)? officer|chief executive|chief scientist|president|chairman|chair|ceo|boss))\s+({E})",
        t,
        re.I,
    ):
        before = t[: m.start()]
        if re.search(rf"({E})'s\s*$|{E}\s*$", before):
            continue
        person = ent(ms, m.group(2))
        led = re.search(rf"({E}),\s+(?:led|run|headed)\s+by\s*$", before)
        if not led and re.match(r"(?:(?:[Ff]ormer|[Ii]ncoming|[Oo]utgoing)\s+)?President\b", m.group(1)):
            continue  # "President Jane Roe signed an order": a head of state, no company named
        # the article's topic stands in only while it is the company the article is about: in roundups
        # and two-company stories "Chief executive P said" belongs to whichever company the paragraph is on
        topic = _focus_topic(ctx)
        org = ent(ms, led.group(1)) if led else (_subject_before(ms, t, m.start(), ctx, max_gap=300) or topic)
        closing = [x for x in re.finditer(E, before) if org is not None and ent(ms, x.group(0)) == org]
        if not led and closing and re.match(r",\s+(?!(?:the|a|an|its)\b)", before[closing[-1].end() :]):
            # "P, a former chief of Globex, took over from interim boss Q": Globex closes an aside
            org = topic
        if org is not None:
            yield from _title_facts(ms, ctx, person, org, m.group(1), 0.6, "title-person")
    # a former O researcher / engineer: "P, a former O engineer"
    for m in re.finditer(
        rf"({E})[^.;]{{0,40}}?\b(?:a|an|the)\s+former\s+({E})\s+(researcher|engineer|employee|executive|scientist|intern|staffer|manager|director)",
        t,
        re.I,
    ):
        yield from _title_facts(
            ms,
            ctx,
            ent(ms, m.group(1)),
            ent(ms, m.group(2)),
            m.group(3),
            0.7,
            "former-org-title",
            former=True,
        )
    # P (..) previously worked at O (and O2) / formerly of O: anchored on each keyword
    for kw in re.finditer(
        rf"\b(?:previously|formerly|once|earlier)\s+(?:worked\s+(?:at|for)|of|at|served\s+at|was\s+at)\s+({LIST})",
        t,
    ):
        back = re.search(rf"^.*({E})(,\s+(?:who|both))?[^.;]{{0,30}}?$", t[: kw.start()])  # the nearest name
        if not back or re.search(E, t[back.end(1) : kw.start()]):
            continue
        subj_people = [back.group(1)]
        both = re.search(rf"({E})\s+and\s+$", t[: back.start(1)])
        if back.group(2) and "both" in back.group(2) and both:
            subj_people.insert(0, both.group(1))
        orgs_text = re.split(r",\s+and\s+(?=ENT)", kw.group(1))[0]  # "at X, and Y and Z, both ...": X only
        for org in list_entities(ms, orgs_text, ctx, (ORG,)):
            for p in subj_people:
                person = ent(ms, p)
                if _is(ctx, person, PERSON) and person != org:
                    yield Draft(
                        "role",
                        {"person": person, "organization": org},
                        {"current": False},
                        ms.index,
                        0.65,
                        "previously",
                    )
    # he served as <title> of O, and as president of O2 (a title in capitals included)
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+)?(?:served|serving|worked)\s+as\s+((?:[\w-]+,?\s+){{1,8}}?)(?:of|at)\s+(?:the\s+|The\s+)?({E})((?:,?\s+and\s+as\s+(?:[A-Za-z-]+\s+){{1,4}}?(?:of|at)\s+(?:the\s+|The\s+)?{E})*)",
        t,
    ):
        person = ent(ms, m.group(1))
        title = unmask(ms, m.group(2))
        yield from _title_facts(ms, ctx, person, ent(ms, m.group(3)), title, 0.65, "served-as", former=True)
        for extra in re.finditer(
            rf"and\s+as\s+((?:[A-Za-z-]+\s+){{1,4}}?)(?:of|at)\s+(?:the\s+|The\s+)?({E})", m.group(4) or ""
        ):
            yield from _title_facts(
                ms, ctx, person, ent(ms, extra.group(2)), extra.group(1), 0.65, "served-as", former=True
            )
    # P, who serves as chief technology officer (of O)
    for m in re.finditer(
        rf"({E}),?\s+who\s+(?:now\s+)?(?:serves|served|works|worked|acts)\s+as\s+(?:the\s+|its\s+|ENT\d+'s\s+)?({TITLE})(?:\s+(?:of|at)\s+(?:the\s+)?({E}))?",
        t,
        re.I,
    ):
        person = ent(ms, m.group(1))
        org = (
            ent(ms, m.group(3))
            if m.group(3)
            else _subject_before(ms, t, m.start(), ctx, max_gap=300) or _focus_topic(ctx)
        )
        if org is not None:
            yield from _title_facts(
                ms,
                ctx,
                person,
                org,
                m.group(2),
                0.65,
                "serves-as",
                former=bool(re.search(r"served|worked", m.group(0))),
            )
    # O is run / led by (title) P
    for m in re.finditer(
        rf"({E}),?\s+(?:is\s+|was\s+)?(?:run|led|headed)\s+by\s+(?:(?:its\s+|ENT\d+'s\s+)?({TITLE})\s+)?({E})",
        t,
        re.I,
    ):
        person, org = ent(ms, m.group(3)), ent(ms, m.group(1))
        yield from _title_facts(ms, ctx, person, org, m.group(2) or "head", 0.7, "run-by")
    # the division run by chief executive P (division named just before)
    for m in re.finditer(
        rf"({E}),\s+the\s+(?:[a-z-]+\s+){{0,2}}(?:division|unit|business|arm)\s+(?:run|led|headed)\s+by\s+(?:({TITLE})\s+)?({E})",
        t,
        re.I,
    ):
        yield from _title_facts(
            ms, ctx, ent(ms, m.group(3)), ent(ms, m.group(1)), m.group(2) or "head", 0.7, "unit-run-by"
        )
    # P, the O co-founder (and title at O2)
    for m in re.finditer(
        rf"({E}),\s+the\s+({E})\s+(co-?founder|founder)(?:\s+and\s+({TITLE})\s+at\s+(?:{DESC})?({E}))?",
        t,
        re.I,
    ):
        person = ent(ms, m.group(1))
        yield from _title_facts(ms, ctx, person, ent(ms, m.group(2)), m.group(3), 0.8, "appos-org-founder")
        if m.group(5):
            yield from _title_facts(ms, ctx, person, ent(ms, m.group(5)), m.group(4), 0.75, "appos-title-at")
    # P, O's founder and chief executive, (handled above); "P, who became O's chief executive"
    for m in re.finditer(
        rf"({E}),\s+(?:(?:a|an|the)\s+(?!ENT)[^,;]{{0,80}}?\s+)?who\s+(?:became|becomes|is|was|has been|remains)\s+(?:now\s+|also\s+)?({E})'s\s+({TITLE})",
        t,
        re.I,
    ):
        aside = m.group(0)[: m.group(0).rfind("who")]
        if any(_is(ctx, sl.value, PERSON) for sl in ms.slots_in(aside)[1:]):
            continue  # "who" may be another person named in the aside
        yield from _title_facts(
            ms,
            ctx,
            ent(ms, m.group(1)),
            ent(ms, m.group(2)),
            m.group(3),
            0.8,
            "who-became",
            former=" was " in m.group(0)[len(aside) :],
        )
    # P, an intern at O / partner at venture firm O
    for m in re.finditer(
        rf"\b(?:he|she|{E})\s+was\s+an?\s+(intern|researcher|engineer|employee|analyst)\s+at\s+({E})", t, re.I
    ):
        refs = [s for s in ms.slots if s.via_reference and _is(ctx, s.value, PERSON)]
        person = refs[0].value if refs else None
        if person is not None:
            yield from _title_facts(
                ms, ctx, person, ent(ms, m.group(2)), m.group(1), 0.6, "was-at", former=True
            )


# ---------------------------------------------------------------- products ---

PRODUCT_NOUN = r"(?:model|models|chatbot|chatbots|chip|chips|processor|processors|app|apps|platform|service|assistant|software|console|game|games|franchise|drug|drugs|medicine|medicines|vaccine|device|devices|phone|robot|robots|supercomputer|library|toothpaste|soap|painkillers|vitamins|mayonnaise|engine|browser|cloud|subscription service|project|system|tool|tools|product|products|brand|brands|series|car|cars|vehicle|vehicles|family of [a-z ]+models|editor|database|search engine|operating system|smartphones?|laptops?|tablets?|headsets?|trucks?|aircraft|jets?|satellites?|rockets?|batter(?:y|ies)|sensors?|cameras?|drinks?|beverages?|snacks?|shoes?|sneakers|trainers|treatments?|therapy|therapies|antibody|agents?|suite|marketplace|wallet|card|streaming service|network|software package)"


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
        if _part_of_longer_name(ms, s, ctx):
            continue
        if (_is(ctx, s.value, PRODUCT) or (lenient and _productish(ctx, s.value))) and s.value != org:
            yield Draft("product", {"organization": org, "product": s.value}, {}, ms.index, 0.75, "product")


@rule
def products(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    t = text
    # X maker O ("ChatWidget maker Globex")
    for m in re.finditer(rf"({E})\s+(?:maker|developer|creator|owner|publisher)\s+({E})", t):
        yield from _product_pairs(ms, ctx, m.group(2), m.group(1))
    # O, the ... behind/maker of LIST
    for m in re.finditer(
        rf"({E}),?\s+(?:the|a|an|which\s+is\s+the)\s+(?:[\w-]+\s+){{0,5}}?(?:behind|maker\s+of|makers\s+of|developer\s+of|creator\s+of|publisher\s+of|owner\s+of)\s+((?:[^;,.]|,\s+(?:and\s+)?(?=(?:the\s+)?ENT))*)",
        t,
    ):
        yield from _product_pairs(ms, ctx, m.group(1), m.group(2))
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
            ms, ctx, m.group(1), items[:160], lenient=bool(re.search(PRODUCT_NOUN, items))
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
                ms, ctx, m.group(1), items[:160], lenient=bool(re.search(PRODUCT_NOUN, items))
            )
    plain = strip_asides(t)
    for m in re.finditer(
        rf"({E}),?\s+(?:which|that)\s+(?:[a-z]+\s+)?(?:makes|sells|develops|offers|markets|publishes)\s+([^;.]*)",
        t,
    ):
        items = re.split(
            r"\s+(?:to|for)\s+|\s+(?:with|on|in|at|through|after|before|which|that|under|by)\s+(?!ENT)",
            m.group(2),
        )[0]
        yield from _product_pairs(ms, ctx, m.group(1), items[:160])
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,2}}?(?:famous|known|best known|renowned)\s+for\s+(?:its\s+|ENT\d+'s\s+)?({LIST})",
        plain,
    ):
        yield from _product_pairs(ms, ctx, m.group(1), m.group(2))
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,5}}?to\s+(?:design\s+and\s+)?build\s+({E})(?=,|\.|\s+in\b|\s+at\b|$)", t
    ):
        yield from _product_pairs(ms, ctx, m.group(1), m.group(2))
    for m in re.finditer(
        rf"\b[Tt]he\s+(?:[a-z-]+\s+)?maker\s+of\s+({LIST})\s+(?:said|says|has|had|is|was|will)\b", t
    ):
        if ctx.topic is not None:
            yield from _product_pairs(ms, ctx, ctx.topic, m.group(1))
    # its / O's (descriptors) product noun LIST ; its LIST product-noun
    for m in re.finditer(
        rf"\b(?:(its)|({E})'s)\s+(?:own\s+)?(?:{_W}\s+){{0,3}}?{PRODUCT_NOUN},?\s+(?:such\s+as\s+|including\s+|like\s+)?({LIST})",
        t,
    ):
        org = ent(ms, m.group(2)) if m.group(2) else _owner_of_its(ms, t, m.start(), ctx)
        yield from _product_pairs(ms, ctx, org, m.group(3))
    for m in re.finditer(
        rf"\b(?:(its)|({E})'s)\s+(?:(?:own|in-house|new|latest|flagship|[a-z]+-[a-z-]+|open[- ]source)\s+){{0,2}}({E})(?=\s+(?:{_W}\s+){{0,2}}?{PRODUCT_NOUN}\b)(?!\s+products?\b)",
        t,
    ):
        org = ent(ms, m.group(2)) if m.group(2) else _owner_of_its(ms, t, m.start(), ctx)
        if org is None or (
            ctx.weak.get(org, True) and not (m.group(2) and ms.slot(m.group(2)).via_reference)
        ):
            continue
        yield from _product_pairs(ms, ctx, org, m.group(3))
    # O's P where P is a product name
    for m in re.finditer(rf"({E})'s\s+({E})(?!\s+(?:products|brands|range|line|portfolio|business)\b)", t):
        if not ctx.weak.get(ent(ms, m.group(1)), True):  # "its Covid-19 products": a category, not a product
            yield from _product_pairs(ms, ctx, m.group(1), m.group(2), lenient=False)
    # X models such as A, B and C
    for m in re.finditer(
        rf"({E})(?:'s)?\s+(?:{_W}\s+){{0,2}}?(?:models|chatbots|chips|products|games|drugs|medicines|brands|apps|services)\s+(?:such as|including|like)\s+((?:[^;.]|\.(?=\d))*)",
        t,
    ):
        yield from _product_pairs(ms, ctx, m.group(1), m.group(2))
    # its products include LIST
    for m in re.finditer(
        rf"\b(?:(its)|({E})'s?)\s+(?:[a-z-]+\s+)?(?:products|brands|models|offerings|franchises|medicines|drugs)\s+(?:include|including|are|such as)\s+([^;.]*)",
        t,
    ):
        org = ent(ms, m.group(2)) if m.group(2) else _owner_of_its(ms, t, m.start(), ctx)
        yield from _product_pairs(ms, ctx, org, m.group(3))
    for m in re.finditer(
        rf"({E}),?\s+whose\s+(?:[a-z-]+\s+)?(?:products|brands|models|offerings|franchises|medicines|drugs|games|apps)\s+(?:include|included|range\s+from)\s+([^;.]*)",
        t,
    ):
        yield from _product_pairs(ms, ctx, m.group(1), m.group(2))
    for m in re.finditer(
        rf"\b(?:(its)|({E})'s?)\s+(?:[a-z-]+\s+){{0,3}}?(?:portfolio|range|line-?up|catalogue|catalog|stable|suite|family)(?:\s+of\s+[a-z-]+)?,?\s+(?:including|such\s+as|like)\s+({LIST})",
        t,
    ):
        org = ent(ms, m.group(2)) if m.group(2) else _owner_of_its(ms, t, m.start(), ctx)
        yield from _product_pairs(ms, ctx, org, m.group(3))
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,2}}?(?:sells|sold|markets|offers|makes)\s+[^.;]{{0,60}}?\bunder\s+the\s+({E})\s+(?:brand|label|name)",
        t,
    ):
        yield from _product_pairs(ms, ctx, m.group(1), m.group(2))
    for m in re.finditer(
        rf"({E})(?:\s+[A-Z][A-Za-z]*)?,\s+(?:a|an|the)\s+[^,;.]{{0,60}}?\b(?:start-?up|company|firm|group|maker|developer)\s+(?:that|which)\s+(?:makes|sells|develops|offers|builds|designs|created|launched)\s+([^;.]*)",
        t,
    ):
        items = re.split(
            r"\s+(?:to|for)\s+|\s+(?:with|on|in|at|through|after|before|which|that|under|by)\s+(?!ENT)",
            m.group(2),
        )[0]
        yield from _product_pairs(
            ms, ctx, m.group(1), items[:160], lenient=bool(re.search(PRODUCT_NOUN, items))
        )
    # P, made / developed by (...) O
    for m in re.finditer(
        rf"({E})(?:,\s+(?:the|a|an)\s+[^,]*)?,?\s+(?:made|developed|built|designed|created|published|sold|released)\s+by\s+(?:[^,.;]*?)({E})(?:[,.;]|$)",
        t,
    ):
        yield from _product_pairs(ms, ctx, m.group(2), m.group(1))
    # the Quill chatbot / the company makes the P chatbot (handled by makes); the P model of O
    # franchises such as A and B ... (owner = subject) are left to the 'makes' rule


def _owner_of_its(ms, text, pos, ctx) -> int | None:
    subj = _subject_before(ms, text, pos, ctx, max_gap=200)
    if subj is not None:
        return subj
    refs = [s for s in ms.slots if s.via_reference and _is(ctx, s.value, ORG)]
    return refs[0].value if refs else ctx.topic


# -------------------------------------------------------------------- uses ---


@rule
def uses(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,3}}?(?:use|uses|used|using|runs\s+on|run\s+on|relies\s+on|rely\s+on|deploy|deploys|adopt|adopts|adopted|will\s+tap)\s+([^;.]*)",
        text,
    ):
        user = ent(ms, m.group(1))
        if not _is(ctx, user, ORG, PERSON):
            continue
        items = re.split(r"\s+(?:to|for|in order to|as)\s+(?!ENT)", m.group(2))[0]
        for s in ms.slots_in(items[:120]):
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


@rule
def powered_by(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    """'X's service, powered by Y chips' / 'X ... runs on Y': the organisation uses the product."""
    for m in re.finditer(
        rf"({E})(?:'s)?\s+[^.;]{{0,40}}?\b(?:powered|built|trained)\s+(?:by|on)\s+(?:(?:the\s+)?{DESC})?(?:{E}'s\s+)?({E})",
        text,
    ):
        user, product = ent(ms, m.group(1)), ent(ms, m.group(2))
        if _is(ctx, user, ORG) and _is(ctx, product, PRODUCT) and user != product and not negated(m.group(0)):
            yield Draft("uses", {"user": user, "product": product}, {}, ms.index, 0.6, "powered-by")


# ---------------------------------------------------------------- supplier ---

SUPPLY_WHAT = r"((?:[a-z-]+\s+){0,2}?(?:cloud|chip|chips|compute|computing|battery|batteries|data|software|hardware|lithium|technology|infrastructure|logistics|[a-z-]+))"


@rule
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


@rule
def subsidiaries(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    t = text
    found: list[tuple[int, int, float]] = []
    # C, the (investment) arm of P
    for m in re.finditer(
        rf"({E}),\s+(?:the|a|an|its|ENT\d+'s)\s+(?:[a-z-]+\s+){{0,3}}?{UNIT}\s+of\s+(?:(?:the\s+)?{DESC})?(?:{E}'s\s+{DESC})?({E})",
        re.sub(r"\s*\([^()]*\)", "", t),
    ):
        found.append((ent(ms, m.group(2)), ent(ms, m.group(1)), 0.85))
    # C, P's chip-design unit
    for m in re.finditer(rf"({E}),\s+({E})'s\s+(?:[a-z-]+\s+){{0,3}}?{UNIT}\b", t):
        found.append((ent(ms, m.group(2)), ent(ms, m.group(1)), 0.85))
    # P's (mobile) division C
    for m in re.finditer(rf"({E})'s\s+(?:[a-z-]+\s+){{0,3}}?{UNIT},?\s+({E})", t):
        found.append((ent(ms, m.group(1)), ent(ms, m.group(2)), 0.8))
    # C will become part of P / C becomes a label of P (, alongside LIST)
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,2}}?(?:will\s+become|becomes|became|is\s+now|will\s+be|is|was)\s+(?:now\s+)?(?:part|a\s+(?:[a-z-]+\s+)?{UNIT}|a\s+(?:wholly[- ]owned\s+)?subsidiary)\s+of\s+({E})(?!'s)((?:,\s+alongside\s+)({LIST}))?",
        strip_asides(t) if "alongside" in t else t,
    ):
        found.append((ent(ms, m.group(2)), ent(ms, m.group(1)), 0.85))
        if m.group(4):
            for c in list_entities(ms, m.group(4), ctx, (ORG,)):
                found.append((ent(ms, m.group(2)), c, 0.7))
    if "alongside" in t:
        for m in re.finditer(
            rf"({E})\s+(?:[a-z]+\s+){{0,2}}?(?:becomes|became|will\s+become)\s+(?:now\s+)?a\s+(?:[a-z-]+\s+)?{UNIT}\s+of\s+({E}),\s+alongside\s+(.*)$",
            t,
        ):
            for s in ms.slots_in(
                re.sub(r",\s+(?:the|a|an)\s+[^,]*?(?:behind|which|that)[^,]*", "", m.group(3))
            ):
                if _is(ctx, s.value, ORG):
                    found.append((ent(ms, m.group(2)), s.value, 0.7))
    # P, through a subsidiary, C / through its subsidiary C
    for m in re.finditer(
        rf"({E})\s+[^.;]*?\bthrough\s+(?:a|its|ENT\d+'s)\s+(?:[a-z-]+\s+)?(?:subsidiary|unit|affiliate|arm|vehicle),?\s+({E})",
        t,
    ):
        found.append((ent(ms, m.group(1)), ent(ms, m.group(2)), 0.8))
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
            found.append((p, c, 0.7))
    # C is (wholly / majority) owned by P
    for m in re.finditer(
        rf"({E})(?:\s+(?:is|was|has been)|,)\s+(?:now\s+)?(?:wholly[- ]|majority[- ]|fully\s+)?owned\s+by\s+(?:(?:the\s+)?{DESC})?({E})(?!'s)",
        t,
    ):
        found.append((ent(ms, m.group(2)), ent(ms, m.group(1)), 0.8))
    # "C, the restaurant group owned by P"
    for m in re.finditer(
        rf"({E}),\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,5}}?(?:wholly[- ]|majority[- ])?owned\s+by\s+(?:(?:the\s+)?{DESC})?({E})(?!'s)",
        t,
    ):
        found.append((ent(ms, m.group(2)), ent(ms, m.group(1)), 0.8))
    # "Initech parent Globex": the parent named after its child
    for m in re.finditer(rf"({E})\s+(?:parent|owner)\s+(?:company\s+|group\s+)?({E})", t):
        found.append((ent(ms, m.group(2)), ent(ms, m.group(1)), 0.75))
    # P's X unit / division
    for m in re.finditer(rf"({E})'s\s+({E})\s+(?:unit|division|subsidiary|arm)\b", t):
        found.append((ent(ms, m.group(1)), ent(ms, m.group(2)), 0.75))
    # P keeps / owns about 90 per cent of C
    for m in re.finditer(
        rf"({E})\s+(?:[^.;]{{0,60}}?\s)?(?:keeps|kept|owns|owned|holds|held|retains|retained)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+)?({P})\s+of\s+({E})",
        strip_asides(t),
    ):
        if float(ms.slot(m.group(2)).value) > 50:
            found.append((ent(ms, m.group(1)), ent(ms, m.group(3)), 0.7))
    # in a new division, C
    for m in re.finditer(rf"\b(?:a|its|ENT\d+'s)\s+new\s+(?:division|unit|subsidiary|business),?\s+({E})", t):
        parent = _subject_before(ms, t, m.start(), ctx, max_gap=300)
        if parent is None:
            refs = [s for s in ms.slots if s.via_reference and _is(ctx, s.value, ORG)]
            parent = refs[0].value if refs else ctx.topic
        if parent is not None:
            found.append((parent, ent(ms, m.group(1)), 0.65))
    # "Globex-owned Initech"; "Globex owns the software maker Initech outright"
    for m in re.finditer(rf"({E})-owned\s+({E})", t):
        found.append((ent(ms, m.group(1)), ent(ms, m.group(2)), 0.7))
    for m in re.finditer(
        rf"({E})\s+(?:also\s+|now\s+|already\s+)?(?:wholly\s+|fully\s+)?owns\s+(?:(?:the\s+)?{DESC})?(?:{E}\s+(?:[a-z-]+\s+){{0,2}})?({E})\s+outright",
        t,
    ):
        if not ms.slot(m.group(1)).via_reference:
            found.append((ent(ms, m.group(1)), ent(ms, m.group(2)), 0.75))
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
            found.append((parent, child, 0.65 if not m.group(2) else 0.8))
    # C, the group's telecoms unit: handled by "C, P's unit" after coreference
    for parent, child, conf in found:
        # an explicit "unit of" names a company even where the name alone looked like a product
        child_ok = _is(ctx, child, ORG) or (conf >= 0.8 and _is(ctx, child, PRODUCT))
        if parent != child and _is(ctx, parent, ORG) and child_ok:
            yield Draft("subsidiary", {"parent": parent, "child": child}, {}, ms.index, conf, "subsidiary")


# ------------------------------------------------------------- partnership ---

PARTNER_NOUN = r"(?:partnership|collaboration|collaboration agreement|alliance|tie-up|joint venture|strategic partnership|commercial agreement|agreement|partnering)"


@rule
def partnerships(ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    t = text
    plain = strip_asides(t)
    pairs: list[tuple[int, int, float]] = []
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
        if re.search(r"\bsupply\s+agreement|\bagreement\s+to\s+(?:buy|acquire|sell)", m.group(0)):
            continue
        # "an agreement with Y to buy ..." is a deal; a bare "agreement" with regulators or lenders is no partnership
        if re.match(
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
        for b in list_entities(ms, m.group(2), ctx, (ORG,)):
            pairs.append((ent(ms, m.group(1)), b, 0.8))
    # "B, A's long-time alliance partner" / "A's partner B"
    for m in re.finditer(
        rf"({E}),\s+({E})'s\s+(?:[a-z-]+\s+){{0,3}}?(?:partner|ally)\b(?!\s+(?:programme|program|network|scheme))",
        t,
    ):
        pairs.append((ent(ms, m.group(1)), ent(ms, m.group(2)), 0.7))
    for m in re.finditer(rf"({E})'s\s+(?:[a-z-]+\s+){{0,3}}?(?:partner|ally),?\s+({E})(?!'s)", t):
        pairs.append((ent(ms, m.group(1)), ent(ms, m.group(2)), 0.7))
    # A agreed with B to set up a joint venture
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,2}}?(?:agreed|agrees|signed\s+(?:up\s+)?|teamed\s+up)\s+with\s+({E})(?!'s)\s+to\s+(?:[a-z]+\s+){{0,3}}?(?:joint\s+venture|partnership|alliance|jointly|together|collaborat)",
        plain,
    ):
        pairs.append((ent(ms, m.group(1)), ent(ms, m.group(2)), 0.75))
    # "A's partnership with B"; "our partnership with B," said ..., chief executive of A
    for m in re.finditer(
        rf"(?:({E})'s?|\b([Ii]ts|[Oo]ur))\s+(?:[a-z-]+\s+){{0,2}}?(?:partnership|collaboration|alliance|tie-up)\s+with\s+(?:(?:the\s+)?{DESC})?({E})(?!'s)",
        t,
    ):
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
            pairs.append((a, ent(ms, m.group(3)), 0.7))
    # A named B its (primary) (training) partner
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,2}}?(?:named|made|chose|picked|selected)\s+({E})\s+(?:its|their|ENT\d+'s)\s+(?:[a-z-]+\s+){{0,3}}?partner\b",
        t,
    ):
        pairs.append((ent(ms, m.group(1)), ent(ms, m.group(2)), 0.75))
    # partnership / joint venture between A and B
    for m in re.finditer(
        rf"\b{PARTNER_NOUN}\s+between\s+(?:{DESC})?({E})\s+and\s+(?:(?:the\s+)?{DESC})?(?:{E}'s\s+{DESC})?({E})",
        t,
    ):
        pairs.append((ent(ms, m.group(1)), ent(ms, m.group(2)), 0.8))
    # A and B agreed/formed a tie-up / alliance
    for m in re.finditer(
        rf"({E})\s+and\s+({E})\s+(?:[a-z]+\s+|{D}\s+){{0,3}}?(?:agreed|formed|signed|announced|struck|would form|will form)\b[^.;]{{0,60}}?\b(?:{PARTNER_NOUN}|alliance)",
        re.sub(r"\s*\([^()]*\)", "", t),
    ):
        pairs.append((ent(ms, m.group(1)), ent(ms, m.group(2)), 0.75))
    for m in re.finditer(
        rf"\b(?:{PARTNER_NOUN}|tie-up)\s+that\s+({E})\s+and\s+({E})\s+(?:agreed|formed|signed|struck)", t
    ):
        pairs.append((ent(ms, m.group(1)), ent(ms, m.group(2)), 0.75))
    # A works closely with B / Working with LIST, A ...
    for m in re.finditer(
        rf"({E})\s+(?:[a-z]+\s+){{0,3}}?(?:works?|working|worked|partner(?:s|ed)?|collaborat(?:es|ed|ing|e)|teamed up|team up)\s+(?:closely\s+|together\s+)?with\s+(?:(?:the\s+)?{DESC})?({E})(?!'s)",
        plain,
    ):
        pairs.append((ent(ms, m.group(1)), ent(ms, m.group(2)), 0.7))
    for m in re.finditer(
        rf"^(?:[A-Z]\w+\s+)?(?:Working|Partnering|Collaborating|Teaming up)\s+with\s+({LIST}),\s+({E})", plain
    ):
        a = ent(ms, m.group(2))
        for b in list_entities(ms, m.group(1), ctx, (ORG,)):
            pairs.append((a, b, 0.7))
    # A ... in partnership / collaboration with B ; A and B will jointly develop
    for m in re.finditer(
        rf"({E}),?\s+(?:[^.;]*?\s)?in\s+(?:a\s+|close\s+)?(?:partnership|collaboration|cooperation|conjunction)\s+with\s+(?:(?:the\s+)?{DESC})?({E})",
        plain,
    ):
        pairs.append((ent(ms, m.group(1)), ent(ms, m.group(2)), 0.7))
    for m in re.finditer(
        rf"({E})\s+and\s+({E})\s+(?:will\s+|plan\s+to\s+|agreed\s+to\s+)?(?:jointly|together|co-)\s*(?:develop|build|launch|make|market|design|produce)",
        t,
    ):
        pairs.append((ent(ms, m.group(1)), ent(ms, m.group(2)), 0.7))
    # A markets X with B (and Y with C)
    for m in re.finditer(
        rf"({E})\s+(?:co-)?(?:markets|sells|develops|commercialises|commercializes)\s+{E}\s+with\s+(?:(?:the\s+)?{DESC})?(?:{E}'s\s+{DESC})?({E})((?:\s+and\s+{E}\s+with\s+(?:(?:the\s+)?{DESC})?({E})))?",
        t,
    ):
        pairs.append((ent(ms, m.group(1)), ent(ms, m.group(2)), 0.7))
        if m.group(4):
            pairs.append((ent(ms, m.group(1)), ent(ms, m.group(4)), 0.7))
    for a, b, conf in pairs:
        if a != b and _is(ctx, a, ORG, PERSON) and _is(ctx, b, ORG):
            yield Draft("partnership", {"party_a": a, "party_b": b}, {}, ms.index, conf, "partner")


__all__ = ["RULES", "Context", "Draft", "Round", "list_block_investors", "strip_asides", "PLACE"]
