"""People's roles at organisations: titles before and after names, appointments, departures."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.entities import ORG, PERSON
from kg.extract.masking import MaskedSentence
from kg.extract.rules.clauses import _is, _subject_before, ent, list_entities, strip_asides, unmask
from kg.extract.rules.context import Context, Draft
from kg.extract.rules.founded import _founded
from kg.extract.rules.grammar import DESC, LIST, TITLE, E
from kg.extract.rules.patterns import Pattern, all_groups, builder, first_group, run_stage

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
    title = re.sub(r"\s+", " ", unmask(ms, title).strip(" ,")).strip()  # "head of ENT3": a department
    written = title
    title = re.sub(r"(?i)\bex-\s*(?=\w)", "former ", title)  # "ex-CEO"
    title = " ".join(w if w.isupper() else w.lower() for w in title.split())  # "Chief Executive Officer"
    parts = [p.strip() for p in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", title) if p.strip()]
    # "former co-founder and chief executive": the modifier opening the list covers every title in it
    former = former or bool(re.match(r"(?:(?:the|its|their)\s+)?former\s", title, re.I))
    founder_parts = [p for p in parts if re.search(r"\bfounder\b|\bco-?founder\b|\bcofounder\b", p)]
    role_parts = [p for p in parts if p not in founder_parts]
    if founder_parts:
        yield _founded(ms, org, person, None, conf - 0.05)
    if role_parts:
        was_former = former or any(re.search(r"\b(?:former|outgoing|then)\b", p) for p in role_parts)
        clean = [
            re.sub(r"^(?:(?:former|then|now|current|new|its|their|the|outgoing)\s+)+", "", p)
            for p in role_parts
        ]
        # "chief operating and chief financial officer" split: "chief" alone is a fragment; a capitalised
        # "Chief" alone is an office outside business ("Chief Justice P", "Chief Inspector P")
        if len(clean) > 1 or re.fullmatch(r"Chief|Executive", written):
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


@builder("title_facts")
def title_facts(p: Pattern, ms: MaskedSentence, m: re.Match[str], text: str, ctx: Context) -> Iterator[Draft]:
    """Role records: a person's title at an organisation (a founder title also gives a founding).

    Groups ``person`` (``person_2``, ...: each that matched), ``organization`` (each name in it
    counts), ``title``, and ``predecessor`` (who held the post before: a former role); ``params``
    say what the record cannot: ``title`` when none is written, ``title_if`` (a regex the title
    must contain), ``lower_title``, ``singular`` ("co-chief executives" -> one co-chief executive
    each), ``organization_from`` (``subject_or_topic``, ``topic`` or ``reference_or_topic``) with
    ``fallback_confidence`` when the sentence names no organisation (without it: no fact), and
    when the post is a former one: always (``former``), when a group ``former`` matched, when
    ``former_if`` is in the match or ``former_before`` ends the text before it, unless
    ``current_if`` is in the match.
    """
    params = p.params
    title = first_group(m, "title") or params.get("title", "")
    if "title_if" in params and not re.search(params["title_if"], title):
        return
    if params.get("lower_title"):
        title = title.lower()
    if params.get("singular"):
        title = re.sub(r"s$", "", title.lower())
    org_text = first_group(m, "organization")
    confidence = p.confidence
    if org_text:
        orgs = [ent(ms, token) for token in re.findall(E, org_text)]
    elif "organization_from" not in params:
        return
    else:
        org = _FALLBACK_ORG[params["organization_from"]](ms, text, m.start(), ctx)
        orgs = [org] if org is not None else []
        confidence = params.get("fallback_confidence", confidence)
    former = bool(params.get("former")) or m.groupdict().get("former") is not None
    if "former_if" in params and re.search(params["former_if"], m.group(0)):
        former = True
    if "former_before" in params and re.search(params["former_before"], text[: m.start()]):
        former = True
    if "current_if" in params and re.search(params["current_if"], m.group(0)):
        former = False
    for person in all_groups(m, "person"):
        for org in orgs:
            yield from _title_facts(ms, ctx, ent(ms, person), org, title, confidence, p.id, former=former)
    if m.groupdict().get("predecessor"):
        for org in orgs:
            yield from _title_facts(
                ms, ctx, ent(ms, m.group("predecessor")), org, title, confidence, p.id, former=True
            )


def _reference_org(ms: MaskedSentence, text: str, pos: int, ctx: Context) -> int | None:
    """The first organisation named by reference ("its", "the company"), else the topic."""
    refs = [s for s in ms.slots if s.via_reference and _is(ctx, s.value, ORG)]
    return refs[0].value if refs else _focus_topic(ctx)


_FALLBACK_ORG = {
    "subject_or_topic": lambda ms, text, pos, ctx: _role_org(ms, text, pos, ctx),
    "topic": lambda ms, text, pos, ctx: _focus_topic(ctx),
    "reference_or_topic": _reference_org,
}


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
    text = re.sub(r"(ENT\d+)\s+,", r"\1,", text)  # "Jane Roe , chief executive of Acme" (web copy)
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
    subject = _subject_before(ms, text, pos, ctx, max_gap=300)
    return subject if subject is not None else _focus_topic(ctx)  # (entity 0 is a name too)


def _appointments(ms: MaskedSentence, text: str, ctx: Context) -> Iterator[Draft]:
    """Appointments, departures and successions; co-chief executives; "P ran O"."""
    t = text
    yield from run_stage("roles.appointments", ms, "", t, ctx)
    yield from run_stage("roles.announcements", ms, "", t, ctx)
    yield from run_stage("roles.former-staff", ms, "", t, ctx)
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
    yield from run_stage("roles.titles", ms, "", t, ctx)
    # title P (org from the sentence's subject or the article's topic), e.g. "chief executive Jane Roe"
    for m in re.finditer(
        rf"(?<!'s )(?<!ENT\d )(?<!ENT\d\d )(?<!-)\b((?:(?:former|interim|acting|outgoing|incoming|new)\s+|ex-)*"
        rf"(?:(?:co-?)?founder,?\s+and\s+)?(?:co-)?(?:chief [a-z]+(?: [a-z]+)? officer|chief executive|chief scientist|"
        rf"president|chairman|chair|ceo|c[fot]o|cmo|boss|head of [a-z]+(?: [a-z]+)?|vice president of [a-z]+|"
        rf"managing (?:partner|director)|general (?:partner|counsel)))\s+({E})",
        t,
        re.I,
    ):
        before = t[: m.start()]
        if re.search(
            rf"({E})'s\s*$|{E}\s*$|{E}(?:'s)?\s+(?:[A-Za-z-]+\s+)?(?i:co-?founder|founder|chair\w*|president|ceo)"
            r"(?:,\s+|\s+and\s+|,\s+and\s+)$",
            before,
        ):
            continue  # "Acme chief executive P", "Acme founder and chief executive P": the pattern records'
        person = ent(ms, m.group(2))
        led = re.search(rf"({E}),\s+(?:led|run|headed)\s+by\s*$", before)
        # a head of a department, a managing or general partner: only with the company in the sentence,
        # and not after a word that may name another body ("the fund's managing director P")
        narrow = not re.search(
            r"\b(?:chief|president|chair|ceo|c[fot]o|cmo|boss)", m.group(1).split(" of ")[0], re.I
        )
        if narrow and not re.search(
            r"(?:^|[,;:(\"“—–-]|\b(?:said|says|told|by|and|with|to|from|under|as|for|according))\s*$", before
        ):
            continue
        if not led and re.match(
            r"(?:(?:[Ff]ormer|[Ii]ncoming|[Oo]utgoing)\s+)?(?:Vice )?President\b", m.group(1)
        ):
            continue  # "President Jane Roe signed an order": a head of state, no company named
        # the article's topic stands in only while it is the company the article is about: in roundups
        # and two-company stories "Chief executive P said" belongs to whichever company the paragraph is on
        topic = None if narrow else _focus_topic(ctx)
        subject = _subject_before(ms, t, m.start(), ctx, max_gap=300)
        org = ent(ms, led.group(1)) if led else (subject if subject is not None else topic)
        closing = [x for x in re.finditer(E, before) if org is not None and ent(ms, x.group(0)) == org]
        if not led and closing and re.match(r",\s+(?!(?:the|a|an|its)\b)", before[closing[-1].end() :]):
            # "P, a former chief of Globex, took over from interim boss Q": Globex closes an aside
            org = topic
        # "ousted chief executive P", "will succeed chairman P": P is leaving the post
        leaving = bool(
            re.search(
                r"\b(?:ousted|oust|ousts|fired|fires|sacked|sacks|dismissed|dismisses|removed|replaced|replaces|"
                r"replacing|succeeds|succeeded|succeeding|succeed|will\s+replace)\s+(?:(?:its|their|the)\s+)?$",
                before,
            )
        )
        if org is not None:
            yield from _title_facts(ms, ctx, person, org, m.group(1), 0.6, "title-person", former=leaving)
    yield from run_stage("roles.former-title", ms, "", t, ctx)
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
    yield from run_stage("roles.run-by", ms, "", t, ctx)
    yield from _earlier_posts(ms, t, ctx)
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


def _earlier_posts(ms: MaskedSentence, t: str, ctx: Context) -> Iterator[Draft]:
    """ "P joined Globex in 2019 after serving as president of Acme", "P built it while working as an
    engineer at Acme": a post held before, whose holder is the clause's subject (the first person
    named in the sentence, or "he"/"she" for one)."""
    for m in re.finditer(
        rf"\b(?:after|before|while|when)\s+(?:serving|working)\s+(?:for\s+[^,;]{{1,40}}?\s+)?as\s+"
        rf"(?:a\s+|an\s+|the\s+|its\s+)?({TITLE}|(?:[a-z]+\s+)?(?:engineer|researcher|designer|developer|manager))"
        rf"\s+(?:of|at|for|with)\s+(?:the\s+)?{DESC}({E})",
        t,
        re.I,
    ):
        people = [s for s in ms.slots_in(t[: m.start()]) if _is(ctx, s.value, PERSON)]
        if len({s.value for s in people}) != 1:
            continue  # no one, or several who might be the subject
        yield from _title_facts(
            ms, ctx, people[0].value, ent(ms, m.group(2)), m.group(1), 0.65, "earlier-post", former=True
        )
