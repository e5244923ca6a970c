"""One article from text to a FactsDocument: entities, masked sentences, rules, merged facts."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from spacy.tokens import Doc

from kg.extract import explain
from kg.extract.attribution import attribution_sources
from kg.extract.coref import Reference, Resolver
from kg.extract.cues import CUES
from kg.extract.dates import find_dates
from kg.extract.entities import ORG, PERSON, PRODUCT, EntityInfo, Mention, person_like_name
from kg.extract.entity_build import build_entities
from kg.extract.focus import _first_body_sentence, _focus
from kg.extract.masking import MaskedSentence, mask_sentence
from kg.extract.money import find_money, find_percent
from kg.extract.rules import ALL_RULES, Context, Draft, headline_investors, list_block_investors
from kg.extract.rules.patterns import RuleError
from kg.extract.sanity import LEGAL_SUFFIXES, SentenceIndex, sane_drafts
from kg.extract.vocab import TICKER, is_demonym, is_title_only
from kg.facts import Article, Entity, Evidence, Fact, FactsDocument
from kg.facttypes import FACT_TYPES

ROUND_MENTION = re.compile(r"^(?:Series [A-Z]\d?|Seed|IPO|Pre-Seed|Round)$")
DATELINE = re.compile(
    r"^\s*(?:\*+|By [^\n·|]*[·|]\s*)?(?:[A-Z][A-Za-z .,'()-]{1,60}?,\s+)?"
    r"(?P<date>\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})\**\s*"
    r"(?:[—–-]|$|[/|]\s*\d{1,2}:\d{2})",  # "February 3, 2020 / 12:56 AM / Updated ..."
    re.M,
)


_TEXT_DATE = r"\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
#: A labelled date line at the top: "Published: 12 May 2021", "date 2021-05-12", "Updated on May 12, 2021".
META_DATE = re.compile(
    r"^\s*(?:date|dated|published|posted|updated|last\s+updated|first\s+published)(?:\s+on)?\s*:?\s+"
    rf"(?P<date>\d{{4}}-\d{{2}}-\d{{2}}|{_TEXT_DATE})\b",
    re.M | re.I,
)
#: A date closing a headline or masthead line: "Weekly Digest – 2021-05-12", "Markets | Desk | 16.10.2013"
#: (a dotted date is day.month.year, as European mastheads print it).
HEADLINE_DATE = re.compile(
    rf"(?:[—–-]|\s\|)\s*(?P<date>\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|{_TEXT_DATE})\s*$",
    re.M,
)
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def find_dateline(text: str) -> tuple[int, int, str] | None:
    """The date printed under the headline or at the start of the first paragraph."""
    head = text[:600]
    for pattern in (DATELINE, META_DATE, HEADLINE_DATE):
        for m in pattern.finditer(head):
            dotted = _DOTTED_DATE.fullmatch(m.group("date"))
            if dotted and 1 <= int(dotted[2]) <= 12 and 1 <= int(dotted[1]) <= 31:
                return m.start("date"), m.end(), f"{dotted[3]}-{int(dotted[2]):02d}-{int(dotted[1]):02d}"
            found = find_dates(m.group("date"))
            if found:
                return m.start("date") if pattern is not DATELINE else m.start(), m.end(), found[0][2]
    return None


def _skip_sentence(text: str, index: int, first_body: int) -> bool:
    stripped = text.strip()
    if not stripped:
        return True
    if index < first_body:
        return True  # headline and standfirst: they repeat the body in other words
    return bool(re.match(r"^(?:By |Media contact|Contact:|Related|Sign up|©|Advertisement)", stripped))


def extract_doc(doc: Doc, article: Article, text: str) -> FactsDocument:
    """Facts of one parsed article."""
    published = article.published
    dateline = find_dateline(text)
    if published is None and dateline is not None:
        published = dateline[2]
    sents = list(doc.sents)
    first_body = _first_body_sentence(sents, text)
    headline_end = sents[first_body - 1].end_char if first_body else 0
    entities, mentions = build_entities(
        doc, skip=(dateline[0], dateline[1]) if dateline else None, headline_end=headline_end
    )
    # "Initech Manufacturing, Inc.": the suffix after the comma is part of the name before it, not a company
    mentions = [
        m
        for m in mentions
        if not ROUND_MENTION.match(m.text)
        and m.text.lower().strip(".,") not in LEGAL_SUFFIXES
        and not is_title_only(m.text)  # "Partner", "Managing Director": a title, not a company
        and not _inside_title(text, m.start_char, m.end_char)  # "Chief [Revenue] Officer"
        and not TICKER.match(m.text)  # "ACME.O", "<6502>": a listing, not a name
        and not is_demonym(m.text)  # "the Japanese": no company
        and not (len(m.text.strip(".")) == 1 and text[: m.start_char].rstrip()[-1:].isdigit())  # "$210 M"
    ]
    types = {e.index: e.type for e in entities}
    by_index = {e.index: e for e in entities}
    news_sources = attribution_sources(entities, mentions, text)

    money = [(m.start, m.end, "MON", m, False) for m in find_money(text)]
    dates = [(s, e, "DAT", iso, False) for s, e, iso in find_dates(text, published)]
    if published is None:
        dates = _with_context_year(text, dates)
    else:
        dates += _season_dates(text, published, dates)
    percents = [(s, e, "PCT", v, False) for s, e, v in find_percent(text)]

    mention_at: dict[int, Mention] = {}
    for m in mentions:
        for i in range(m.start, m.end):
            mention_at[i] = m
    counts = Counter(m.entity for m in mentions if types.get(m.entity) == ORG)
    focus = _focus(doc, mentions, counts, types)
    resolver = Resolver(entities, focus)
    resolver.learn_descriptors(doc, mentions)
    ctx = Context(types, published, focus)
    ctx.weak = {e.index: max(e.votes.values(), default=0) <= 1.5 for e in entities}
    ctx.org_strength = {e.index: e.votes.get(ORG, 0) for e in entities}
    ctx.person_shaped = {e.index: person_like_name(e.name) for e in entities}
    ctx.ner_person = {
        e.index: any(m.ner == "PERSON" for m in e.mentions)
        and not any(m.ner in ("ORG", "GPE", "LOC", "FAC", "PRODUCT") for m in e.mentions)
        for e in entities
    }
    ctx.name_part = _name_parts(mentions, text)
    ctx.entity_names = {e.index: e.name for e in entities}

    drafts: list[Draft] = []
    ctx.drafts = drafts
    pending_list: tuple[MaskedSentence, str] | None = None
    pending_items: list[int] = []
    headlines: list[MaskedSentence] = []
    masked: dict[int, str] = {}
    in_sentence = SentenceIndex(sents)  # per sentence, not a scan of the whole article per sentence
    mentions_in = in_sentence.group(mentions, lambda m: m.start, token=True)
    money_in, dates_in = in_sentence.group(money), in_sentence.group(dates)
    percents_in = in_sentence.group(percents)
    for si, sent in enumerate(sents):
        s_mentions = mentions_in.get(si, [])
        taken = [(m.start_char, m.end_char) for m in s_mentions] + [
            (a[0], a[1]) for a in money_in.get(si, []) + dates_in.get(si, [])
        ]
        refs: list[Reference] = resolver.resolve(sent, s_mentions, mention_at, taken)
        ctx.topic = resolver.topic
        items: list[tuple[int, int, str, Any, bool]] = []
        items += money_in.get(si, [])
        items += dates_in.get(si, [])
        items += percents_in.get(si, [])
        items += [(m.start_char, m.end_char, "ENT", m.entity, False) for m in s_mentions]
        items += [(r.start_char, r.end_char, "ENT", r.entity, True) for r in refs]
        if si < first_body and sent.text.strip():
            headlines.append(mask_sentence(si, text, sent.start_char, sent.end_char, items))
        if _skip_sentence(sent.text, si, first_body):
            continue
        ms = mask_sentence(si, text, sent.start_char, sent.end_char, items)
        masked[si] = ms.text
        ms.text = re.sub(r"^\s*(?:ENT\d+(?:,\s*ENT\d+)*,?\s*)?DAT\d+\s*[—–-]+\s*", "", ms.text)
        ms.text = re.sub(r"^\s*[A-Z][A-Z .,]+,\s*DAT\d+\s*[—–-]+\s*", "", ms.text)
        ms.text = LEGAL_SUFFIX_AFTER_NAME.sub(r"\1", ms.text)
        # bullet lists after "Other backers include:" are one list of investors
        bullet = re.match(r"^\s*(?:[-•*]|\d+\.)?\s*(?:\*\*[^*]*\*\*:?\s*)?ENT(\d+)\b", ms.text)
        if (
            pending_list is not None
            and bullet
            and len(ms.text.strip()) < 120
            and re.match(r"^\s*(?:[-•*]|\d+\.)", text[sent.start_char : sent.end_char])
            or (
                pending_list is not None
                and bullet
                and re.fullmatch(r"\s*(?:[-•*]\s*)?ENT\d+(?:,\s+[^.]*)?\s*", ms.text)
            )
        ):
            pending_items.append(ms.slots[int(bullet.group(1))].value)
            continue
        if pending_list is not None:
            drafts.extend(list_block_investors(pending_list[0], pending_list[1], ctx, pending_items))
            pending_list, pending_items = None, []
        for rule in ALL_RULES:
            try:
                found = list(rule.apply(ms, text[sent.start_char : sent.end_char], ms.text, ctx))
            except (IndexError, AttributeError, KeyError) as err:  # a bug in the rule: say which
                raise RuleError(rule.name, err) from err
            for draft in found:  # ids say where a fact came from: "family.pattern"
                if "." not in draft.rule:
                    draft.rule = f"{rule.name}.{draft.rule or 'main'}"
            drafts.extend(found)
        if ms.text.rstrip().endswith(":"):
            pending_list, pending_items = (ms, ms.text), []
    if pending_list is not None:
        drafts.extend(list_block_investors(pending_list[0], pending_list[1], ctx, pending_items))
    drafts.extend(headline_investors(headlines, ctx))

    drafts.extend(_unit_subsidiaries(entities, types))
    _vendors_used(drafts, types, entities, ctx.org_strength)
    if first_body > 0:
        _amounts_from_headline(drafts, sents[0], money, mentions, first_body)
    dropped: list[tuple[Draft, str]] = []
    drafts = sane_drafts(drafts, sents, text, by_index, money, dropped, news_sources)
    facts, used, sources = _merge(drafts, sents, text, by_index, dropped)
    _types_from_roles(facts, entities)
    out_entities = _entities_out(entities, used)
    art = Article(article.id, article.source, article.sha256, article.title, published)
    trace = explain.current()
    if trace is not None:
        trace.articles.append(
            _article_trace(art.id, drafts, dropped, facts, sources, masked, by_index, entities)
        )
    return FactsDocument(art, tuple(out_entities), tuple(facts))


def _article_trace(
    article_id, drafts, dropped, facts, sources, masked, by_index, entities
) -> explain.ArticleTrace:
    def note(d: Draft, reason: str) -> explain.DraftNote:
        roles = {k: by_index[v].name if v in by_index else str(v) for k, v in d.roles.items()}
        return explain.DraftNote(d.rule, d.type, roles, d.sentence, masked.get(d.sentence, ""), reason)

    out = explain.ArticleTrace(article_id)
    gone = {id(d) for d, _ in dropped}
    out.drafts = [note(d, "") for d in drafts if id(d) not in gone] + [note(d, r) for d, r in dropped]
    by_id = {e.id: e.name for e in entities}
    for fact, (rules, sentence) in zip(facts, sources, strict=True):
        roles = ", ".join(f"{k}={by_id.get(v, v)}" for k, v in fact.roles.items())
        values = ", ".join(f"{k}={v}" for k, v in fact.values.items())
        label = f"{fact.type}({roles}{'; ' + values if values else ''}) conf {fact.confidence}"
        out.facts.append({"fact": label, "rules": rules, "masked": masked.get(sentence, "")})
    out.entities = [
        {"name": e.name, "type": e.type, "cues": [(c, CUES[c].type, CUES[c].weight) for c in e.votes.cues]}
        for e in entities
    ]
    return out


def _name_parts(mentions: list[Mention], text: str) -> set[int]:
    """Entities only ever written as the first half of "A's B" with B a name right after: one
    title the model split ("Globex's Revenge"), so A is neither a maker nor B's owner."""
    starts = {m.start_char for m in mentions}
    followed: dict[int, bool] = {}
    for m in mentions:
        tail = text[m.end_char : m.end_char + 3]
        fused = tail in ("'s ", "’s ") and (m.end_char + 3) in starts
        followed[m.entity] = followed.get(m.entity, True) and fused
    return {e for e, fused in followed.items() if fused}


SEASON = re.compile(r"\b(this|last|earlier this|later this)\s+(spring|summer|autumn|fall|winter)\b", re.I)


def _season_dates(text: str, published: str, dates: list) -> list:
    """'this spring', 'last summer': the year, when the publication date is known."""
    taken = [(d[0], d[1]) for d in dates]
    out = []
    for m in SEASON.finditer(text):
        if any(not (m.end() <= a or m.start() >= b) for a, b in taken):
            continue
        year = int(published[:4]) - (1 if m.group(1).lower() == "last" else 0)
        out.append((m.start(), m.end(), "DAT", str(year), False))
    return out


def _with_context_year(text: str, dates: list) -> list:
    """Without a publication date, read "in March" in the year the article last named."""
    years = [(s, iso) for s, _e, iso, *_ in [(d[0], d[1], d[3]) for d in dates] if len(iso) == 4]
    if not years:
        return dates
    out = list(dates)
    taken = [(d[0], d[1]) for d in dates]
    for s, e, iso in find_dates(text, f"{years[0][1]}-12-31"):
        if len(iso) != 7 or any(not (e <= a or s >= b) for a, b in taken):
            continue
        if re.search(r"\b(?:19|20)\d\d\b", text[s:e]):
            continue
        prior = [y for ys, y in years if ys < s]
        year = prior[-1] if prior else years[0][1]
        out.append((s, e, "DAT", f"{year}{iso[4:]}", False))
    return out


#: "Orrin Health ... Orrin said": after the full name, the short name of such a firm is the same firm
UNIT_WORDS = frozenset(
    [
        "ventures",
        "capital",
        "gaming",
        "oncology",
        "mobile",
        "manufacturing",
        "consumer",
        "healthcare",
        "health",
        "web",
        "services",
        "cloud",
        "research",
        "studios",
        "games",
        "pharma",
        "bank",
        "pay",
        "energy",
        "motors",
        "entertainment",
        "media",
        "investments",
        "labs",
    ]
)


def _unit_subsidiaries(entities: list[EntityInfo], types: dict[int, str]) -> list[Draft]:
    """'X Ventures' beside 'X' in one article: the unit belongs to X."""
    out = []
    orgs = [e for e in entities if types.get(e.index) == ORG]
    # a parent's name is a child's name up to a space: look up those prefixes, not every pair of companies
    position: dict[int, int] = {id(e): k for k, e in enumerate(orgs)}
    named: dict[str, list[EntityInfo]] = {}
    for e in orgs:
        named.setdefault(e.name, []).append(e)
    first = {id(e): min((m.start_char for m in e.mentions), default=0) for e in orgs}
    for child in orgs:
        names = {child.name, *child.aliases}
        prefixes = {name[:i] for name in names for i, c in enumerate(name) if c == " "}
        parents = sorted(
            {id(p): p for prefix in prefixes for p in named.get(prefix, ())}.values(),
            key=lambda p: position[id(p)],
        )
        for parent in parents:
            if parent is child or not parent.mentions or not child.mentions:
                continue
            # "Initech Capital ... Initech said": an investor's short name used after its full name is the same firm
            short_after = first[id(parent)] > first[id(child)]
            for name in {child.name, *child.aliases}:
                if name.startswith(parent.name + " "):
                    extra = name[len(parent.name) + 1 :].lower().split()
                    if short_after:
                        break  # "Tata Motors ... Tata", "Savvy Games Group ... Savvy": the full name shortened
                    if extra and all(w in UNIT_WORDS for w in extra):
                        sentence = (
                            child.mentions[0].sentence if hasattr(child.mentions[0], "sentence") else None
                        )
                        out.append(
                            Draft(
                                "subsidiary",
                                {"parent": parent.index, "child": child.index},
                                {},
                                sentence or 0,
                                0.6,
                                "unit-name",
                            )
                        )
                        break
    return out


def _inside_title(text: str, start: int, end: int) -> bool:
    """The capitalised middle of a title: "Chief [Revenue] Officer", "Chief [Technology] and Chief ..."."""
    return bool(
        re.search(
            r"\b(?:Chief|Head of|Vice President of|VP of|Director of)\s+$", text[max(0, start - 20) : start]
        )
        and re.match(r"\s+(?:Officer|and\s+Chief)\b|,|\s+(?:at|of)\s", text[end : end + 15])
    )


def _vendors_used(
    drafts: list[Draft], types: dict[int, str], entities: list[EntityInfo], strength: dict[int, float]
) -> None:
    """'The clinic went live with Orbix', where Orbix is a company: the company supplies the clinic.

    A name that starts with another company's name ("Globex Cloud") is that company's product."""
    names = {e.index: e.name for e in entities}
    org_names = [e.name for e in entities if types.get(e.index) == ORG]
    for d in drafts:
        product = d.roles.get("product", -1)
        if (
            d.type == "uses"
            and types.get(product) == ORG
            and strength.get(product, 0) >= 3  # a name with no company cue may be the product itself
            and not any(names.get(product, "").startswith(o + " ") for o in org_names)
        ):
            d.type = "supplier"
            d.roles = {"supplier": d.roles["product"], "customer": d.roles["user"]}
            d.rule = f"{d.rule}+vendor"


def _amounts_from_headline(drafts: list[Draft], headline, money, mentions, first_body: int) -> None:
    """'X closes $69bn Y deal': the headline gives the amount the lead sentence leaves out."""
    amounts = [
        m
        for s, e, _k, m, _v in money
        if headline.start_char <= s < headline.end_char and not getattr(m, "per_share", False)
    ]
    if len(amounts) != 1:
        return
    named = {m.entity for m in mentions if headline.start_char <= m.start_char < headline.end_char}
    for d in drafts:
        if d.sentence > first_body + 2:
            break
        if d.type == "acquisition" and "amount" not in d.values and d.roles.get("target") in named:
            d.values["amount"] = (
                int(amounts[0].amount) if amounts[0].amount % 1 == 0 else float(amounts[0].amount)
            )
            d.values["currency"] = amounts[0].currency
            d.confidence -= 0.1
            return


#: Set to a list to collect (draft, reason, sentence) for drafts the final filters drop.

#: "ENT3, Inc." in a masked sentence: the suffix belongs to the name, rules see "ENT3"
LEGAL_SUFFIX_AFTER_NAME = re.compile(
    r"(ENT\d+),?\s+(?:Inc|Ltd|LLC|Corp|Co|plc|PLC|AG|SA|GmbH|N\.V|S\.A)\.?(?=[\s,;:]|\.?$)"
)


def _compatible(a: Draft, b: Draft) -> bool:
    if "current" in a.values and "current" in b.values and a.values["current"] != b.values["current"]:
        return False  # a former and a current role at one organisation are two facts
    for key in ("amount", "stake_percent"):
        if (
            key in a.values
            and key in b.values
            and abs(float(a.values[key]) - float(b.values[key])) > 0.01 * max(1.0, float(a.values[key]))
        ):
            return False
    if "currency" in a.values and "currency" in b.values and a.values["currency"] != b.values["currency"]:
        return False
    da, db = a.values.get("date"), b.values.get("date")
    if da and db and not (da.startswith(db) or db.startswith(da)):
        return False
    ra, rb = a.values.get("round"), b.values.get("round")
    if ra and rb and ra.lower() != rb.lower():
        return False
    sa, sb = a.roles.get("seller"), b.roles.get("seller")
    return not (sa is not None and sb is not None and sa != sb)


def _merge(
    drafts: list[Draft],
    sents,
    text: str,
    by_index: dict[int, EntityInfo],
    dropped: list[tuple[Draft, str]],
) -> tuple[list[Fact], set[int], list[tuple[list[str], int]]]:
    """One fact per distinct statement: drafts with the same roles and agreeing values merge.

    Also returns, per fact, the ids of the rules whose drafts it merges and its sentence.
    """
    merged: list[Draft] = []
    rules_of: list[list[str]] = []
    # merged drafts by type and roles (the seller aside): a draft is compared with those only
    same_parties: dict[tuple, list[int]] = {}
    for d in drafts:
        if d.type not in FACT_TYPES or any(r not in by_index for r in d.roles.values()):
            dropped.append((d, "unknown-entity"))
            continue
        if d.negated:
            dropped.append((d, "negated"))
            continue
        if FACT_TYPES[d.type].symmetric:
            a, b = sorted(d.roles.values())
            d.roles = {"party_a": a, "party_b": b}
        parties = (d.type, frozenset((k, v) for k, v in d.roles.items() if k != "seller"))
        for m in (merged[i] for i in same_parties.get(parties, ())):
            if _compatible(m, d):
                for k, v in d.values.items():
                    if k == "date" and m.values.get("date") and len(m.values["date"]) >= len(v):
                        continue
                    if k == "status" and m.values.get("status"):
                        continue
                    m.values.setdefault(k, v) if k != "date" else m.values.__setitem__(k, v)
                if "seller" in d.roles:
                    m.roles.setdefault("seller", d.roles["seller"])
                if d.confidence > m.confidence:
                    m.confidence, m.sentence = d.confidence, d.sentence
                # (the first draft equal to m: it has m's type and roles)
                rules_of[next(i for i in same_parties[parties] if merged[i] == m)].append(d.rule)
                break
        else:
            same_parties.setdefault(parties, []).append(len(merged))
            merged.append(Draft(d.type, dict(d.roles), dict(d.values), d.sentence, d.confidence, d.rule))
            rules_of.append([d.rule])
    _fold_founding_dates(merged, rules_of)
    facts: list[Fact] = []
    used: set[int] = set()
    for d in merged:
        sent = sents[d.sentence]
        start, end = sent.start_char, sent.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        roles = {k: by_index[v].id for k, v in d.roles.items()}
        used |= set(d.roles.values())
        values = {k: v for k, v in d.values.items() if v is not None and k in FACT_TYPES[d.type].literals}
        if isinstance(values.get("round"), str) and values["round"].startswith("series "):
            values["round"] = "S" + values["round"][1:]  # "a series B round" names the Series B
        facts.append(
            Fact(
                d.type,
                roles,
                values,
                Evidence(start, end, text[start:end]),
                round(min(max(d.confidence, 0.05), 0.99), 3),
            )
        )
    return facts, used, [(rules, d.sentence) for rules, d in zip(rules_of, merged, strict=True)]


def _fold_founding_dates(merged: list[Draft], rules_of: list[list[str]]) -> None:
    """A founding date stated apart from the founders dates their facts, not a fact of its own."""
    with_founder = {
        d.roles["organization"]: d for d in merged if d.type == "founded" and "founder" in d.roles
    }
    for i in range(len(merged) - 1, -1, -1):
        d = merged[i]
        if d.type == "founded" and "founder" not in d.roles and d.roles.get("organization") in with_founder:
            for other in merged:
                if other.type == "founded" and other.roles.get("organization") == d.roles["organization"]:
                    other.values.setdefault("date", d.values.get("date"))
            del merged[i], rules_of[i]


def _types_from_roles(facts: list[Fact], entities: list[EntityInfo]) -> None:
    """An entity's type must fit the roles it plays: a name used only as a product is a Product."""
    by_id = {e.id: e for e in entities}
    allowed: dict[str, set[str]] = {}
    for fact in facts:
        role_types = FACT_TYPES[fact.type].role_types
        for role, ent_id in fact.roles.items():
            fits = set(role_types.get(role, (ORG, PERSON, PRODUCT, "Place")))
            allowed[ent_id] = allowed.get(ent_id, fits) & fits
    for ent_id, fits in allowed.items():
        ent = by_id.get(ent_id)
        if ent is not None and fits and ent.type not in fits:
            ent.type = PRODUCT if PRODUCT in fits else sorted(fits)[0]


def _entities_out(entities: list[EntityInfo], used: set[int]) -> list[Entity]:
    out = []
    for e in entities:
        if e.index not in used and e.type not in (ORG, PERSON, PRODUCT):
            continue
        if e.index not in used and e.name.lower().strip(".,") in LEGAL_SUFFIXES:
            continue
        if e.index not in used and sum(w for w in e.votes.values() if w > 0) < 1:
            continue  # a capitalised word nothing supports (the model's own label counts as one vote)
        aliases = tuple(sorted(a for a in e.aliases if a != e.name))
        out.append(Entity(e.id, e.name, e.type, aliases))
    return out
