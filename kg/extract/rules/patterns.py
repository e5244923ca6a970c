"""Pattern records: the common rule shape as data, and the one engine that applies them.

Most rules are "a regular expression over the masked sentence, whose groups are the fact's
roles". A :class:`Pattern` states that once: its id, fact type, regex, confidence, how status
is read, and the example sentences it must (and must not) extract from. The catalogue lives in
``kg/extract/rules/patterns/*.yaml``, one file per fact family; the examples there are the tests
(``tests/test_extract_patterns.py``) and the docs (``docs/rules.md``).

In a pattern, ``<E>``, ``<LIST>``, ``<DESC>``, ``<M>``, ``<D>``, ``<P>``, ``<HEDGE>``, ``<SAID>`` and
``<TITLE>`` stand for the grammar fragments of :mod:`kg.extract.rules.grammar`. Named groups
carry meaning:

- a group named after a role (``investor``, ``party_b``, ...) holds one entity slot, or a list of
  them (one draft per item);
- ``amount`` holds a money slot, ``date`` a date slot, ``stake`` a percentage slot, ``what`` the
  words of a supply (``cloud``, ``batteries``).

The engine checks each role's entity type against :data:`kg.facttypes.FACT_TYPES`, reads status
from the clause unless the pattern fixes it, and records the pattern id on the draft.

Two fields let a record stand in for a rule that needs a little code:

- ``emit`` names a *builder* (registered with :func:`builder`) that turns the match into drafts,
  with the record's ``params``: a role whose title must be cleaned, or whose organisation comes
  from the clause's subject when the sentence names none. Where one role may be written in two
  places of the pattern, the groups are ``organization``, ``organization_2``, ...: the first that
  matched counts (:func:`first_group`).
- ``stage`` says the record runs inside a code rule, at the point where that rule calls
  :func:`run_stage`, in file order: rules whose order matters keep it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from kg.errors import KgError
from kg.extract.entities import PRODUCT
from kg.extract.masking import MaskedSentence
from kg.extract.rules.clauses import (
    amount_values,
    article_date_if_undated,
    ent,
    list_entities,
    money_ok,
    status_of,
    strip_asides,
    unmask,
)
from kg.extract.rules.context import Context, Draft
from kg.extract.rules.grammar import (
    _W,
    AMOUNT_HEDGE,
    DESC,
    KINDS,
    LIST,
    NEWS_NOW,
    PRODUCT_NOUN,
    SAID,
    TITLE,
    D,
    E,
    M,
    P,
    negated,
)
from kg.facttypes import FACT_TYPES

CATALOGUE = Path(__file__).with_name("patterns")

FRAGMENTS = {
    "<E>": E,
    "<LIST>": LIST,
    "<DESC>": DESC,
    "<M>": M,
    "<D>": D,
    "<P>": P,
    "<HEDGE>": AMOUNT_HEDGE,
    "<TITLE>": TITLE,
    "<KINDS>": KINDS,
    "<W>": _W,
    "<PNOUN>": PRODUCT_NOUN,
    "<SAID>": SAID,
}
VALUE_GROUPS = frozenset({"amount", "date", "stake", "what", "title"})
#: How a pattern sees the sentence: as masked, with asides dropped, or with brackets dropped.
VIEWS: dict[str, Callable[[str], str]] = {
    "masked": lambda t: t,
    "plain": strip_asides,
    "no_brackets": lambda t: re.sub(r"(?:(?<!\s)\s+)?\([^()]*\)", "", t),
}
#: Roles a pattern can take from the article instead of the sentence (a lower-confidence guess).
CONTEXT_ROLES: dict[str, Callable[[Context], int | None]] = {
    "round_owner": lambda ctx: ctx.rounds[-1].organization if ctx.rounds else None,
    "focus": lambda ctx: ctx.focus,
}
#: Checks a pattern can name: code for the few patterns that need more than a regex.
#: Each takes (masked sentence, match, context) and returns True to keep the match.
CHECKS: dict[str, Callable[[MaskedSentence, re.Match[str], Context], bool]] = {}
#: Builders a pattern can name (``emit``): code that makes the drafts of a match.
#: Each takes (pattern, masked sentence, match, the text matched, context) and yields drafts.
BUILDERS: dict[str, Callable[..., Iterator[Draft]]] = {}


def check(name: str) -> Callable:
    """Register a named check (an ``on_match`` callback) that pattern records can refer to."""

    def register(fn: Callable[[MaskedSentence, re.Match[str], Context], bool]) -> Callable:
        CHECKS[name] = fn
        return fn

    return register


def builder(name: str) -> Callable:
    """Register a named builder that pattern records can name in ``emit``."""

    def register(fn: Callable[..., Iterator[Draft]]) -> Callable:
        BUILDERS[name] = fn
        return fn

    return register


def first_group(match: re.Match[str], name: str) -> str | None:
    """The first of the groups ``name``, ``name_2``, ``name_3``, ... that took part in the match."""
    groups = match.groupdict()
    for key in (name, *(f"{name}_{i}" for i in range(2, 10))):
        if key not in groups:
            return None
        if groups[key] is not None:
            return groups[key]
    return None


def all_groups(match: re.Match[str], name: str) -> list[str]:
    """Every one of the groups ``name``, ``name_2``, ... that took part in the match, in order."""
    groups = match.groupdict()
    keys = [name, *(f"{name}_{i}" for i in range(2, 10))]
    return [groups[k] for k in keys if groups.get(k) is not None]


@dataclass(frozen=True)
class Example:
    """A sentence the pattern must extract from, and the fact it must give (roles by name)."""

    text: str
    expect: dict[str, Any]


@dataclass(frozen=True)
class Pattern:
    """One record of the catalogue."""

    id: str
    type: str
    pattern: str
    confidence: float = 0.8
    status: str | None = None  # fixed status; None reads it from the sentence
    default_status: str = "completed"
    view: str = "masked"
    values: dict[str, Any] = field(default_factory=dict)  # fixed values, e.g. {"current": True}
    role_types: dict[str, list[str]] = field(default_factory=dict)  # narrower than the fact type's
    from_context: dict[str, str] = field(default_factory=dict)  # role -> "round_owner" or "focus"
    #: roles whose one name must have exactly the role's types (in a list, and by default, a
    #: weakly typed product passes as a company)
    strict_roles: tuple[str, ...] = ()
    #: a negation word in the match: "mark" the draft denied (dropped when merging, seen by later
    #: rules), "skip" the match, or "ignore" it (the sentence-level denial check still applies)
    negation: str = "mark"
    unmask_what: bool = False  # ``what`` as written, names restored, not lower-cased
    #: without a ``date`` group: the first date within this many characters after the match,
    #: else (with ``sentence_date``) the sentence's date when it has exactly one
    date_after: int = 0
    sentence_date: bool = False
    on_match: str | None = None
    unless: str | None = None  # a match whose text this regex finds is skipped
    ignore_case: bool = False
    emit: str | None = None  # a named builder makes the drafts (see BUILDERS)
    params: dict[str, Any] = field(default_factory=dict)  # what the builder reads
    stage: str | None = None  # run by a code rule through run_stage, not by its family
    examples: tuple[Example, ...] = ()
    counterexamples: tuple[str, ...] = ()
    published: str | None = None  # the date examples are read under, for relative dates
    doc: str = ""

    @property
    def regex(self) -> re.Pattern[str]:
        return _compile(self.pattern, self.ignore_case)

    def drafts(self, ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
        """Every draft this pattern finds in one masked sentence."""
        fact_type = FACT_TYPES[self.type]
        seen = VIEWS[self.view](text)
        for m in self.regex.finditer(seen):
            if self.on_match and not CHECKS[self.on_match](ms, m, ctx):
                continue
            if self.unless and re.search(self.unless, m.group(0)):
                continue
            if self.negation == "skip" and negated(m.group(0)):
                continue
            if self.emit:
                yield from BUILDERS[self.emit](self, ms, m, seen, ctx)
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            choices: list[tuple[str, list[int]]] = []
            for role in fact_type.roles:
                written = first_group(m, role)
                if written is None:
                    continue
                allowed = tuple(self.role_types.get(role, fact_type.role_types.get(role, ())))
                if role in self.strict_roles:
                    index = ent(ms, written)
                    choices.append((role, [index] if ctx.type_of(index) in allowed else []))
                    continue
                found = list_entities(ms, written, ctx, allowed) if allowed else []
                if not found and allowed and PRODUCT in allowed:
                    found = list_entities(ms, groups[role], ctx, (*allowed, "Organization"))
                choices.append((role, found))
            for role, source in self.from_context.items():
                known = CONTEXT_ROLES[source](ctx)
                if known is not None:
                    choices.append((role, [known]))
            filled = {role for role, _ in choices}
            if any(not found for _, found in choices) or not all(r in filled for r in fact_type.required):
                continue
            values = dict(self.values)
            if "amount" in groups:
                if not money_ok(ms, groups["amount"]):
                    continue
                values.update(amount_values(ms, groups["amount"]))
            if "date" in groups:  # the first date slot in the group ("in 2015 by": 2015)
                dates = ms.slots_in(groups["date"], "DAT")
                if dates:
                    values["date"] = dates[0].value
            elif self.date_after or self.sentence_date:
                date = _date_near(ms, seen[m.end() : m.end() + self.date_after], self.sentence_date)
                if date:
                    values["date"] = date
            if "stake" in groups:
                values["stake_percent"] = ms.slot(groups["stake"]).value
            for key in ("what", "title"):
                if key in groups:
                    values[key] = groups[key].strip().lower()
            if self.unmask_what and "what" in groups:
                values["what"] = unmask(ms, groups["what"]).strip()
            if "round_owner" in self.from_context.values() and ctx.rounds:
                # a backer named apart from its round shares the round's name and date
                current = ctx.rounds[-1]
                if current.date and "date" not in values:
                    values["date"] = current.date
                if current.name and "round" in fact_type.literals:
                    values.setdefault("round", current.name)
            if "status" in fact_type.literals:
                values["status"] = self.status or status_of(m.group(0), self.default_status)
            if _dated_now(values, ms, m.group(0), ctx, fact_type.literals):
                values["date"] = ctx.published  # "has been bought by": news of the day
            for roles in _product(choices):
                if len(set(roles.values())) < len(roles):
                    continue
                denied = self.negation == "mark" and negated(m.group(0))
                yield Draft(self.type, roles, dict(values), ms.index, self.confidence, self.id, denied)


def _dated_now(values: dict[str, Any], ms: MaskedSentence, matched: str, ctx: Context, literals) -> bool:
    """A completed or agreed deal told in the tenses of the day's news, in a sentence with no date of its own."""
    return (
        "date" in literals
        and "date" not in values
        and values.get("status") in ("completed", "announced")
        and bool(NEWS_NOW.search(matched))
        and article_date_if_undated(ms, ms.text, ctx) is not None
    )


def _date_near(ms: MaskedSentence, text: str, sentence_date: bool) -> str | None:
    """The first date slot in ``text``, else (when allowed) the sentence's only date."""
    for slot in ms.slots_in(text, "DAT"):
        return slot.value
    dates = ms.slots_in(ms.text, "DAT") if sentence_date else []
    return dates[0].value if len(dates) == 1 else None


def _product(choices: list[tuple[str, list[int]]]) -> Iterator[dict[str, int]]:
    if not choices:
        yield {}
        return
    (role, found), rest = choices[0], choices[1:]
    for index in found:
        for tail in _product(rest):
            yield {role: index, **tail}


@cache
def _compile(pattern: str, ignore_case: bool = False) -> re.Pattern[str]:
    for token, fragment in FRAGMENTS.items():
        pattern = pattern.replace(token, fragment)
    return re.compile(pattern, re.I if ignore_case else 0)


def _record(item: dict[str, Any], source: Path) -> Pattern:
    try:
        examples = tuple(Example(e["text"], dict(e["expect"])) for e in item.get("examples", ()))
        fields = {k: v for k, v in item.items() if k not in ("examples", "counterexamples")}
        if "strict_roles" in fields:
            fields["strict_roles"] = tuple(fields["strict_roles"])
        record = Pattern(**fields, examples=examples, counterexamples=tuple(item.get("counterexamples", ())))
    except (KeyError, TypeError) as err:
        raise KgError(f"{source.name}: bad pattern record {item.get('id', '?')}: {err}") from err
    if record.type not in FACT_TYPES:
        raise KgError(f"{source.name}: pattern {record.id} has unknown fact type {record.type}")
    if (
        record.view not in VIEWS
        or record.negation not in ("mark", "skip", "ignore")
        or (record.on_match and record.on_match not in CHECKS)
        or (record.emit and record.emit not in BUILDERS)
        or any(source not in CONTEXT_ROLES for source in record.from_context.values())
    ):
        raise KgError(f"{source.name}: pattern {record.id} names an unknown view or check")
    record.regex  # noqa: B018 - compile now, so a broken regex fails at load time with its id
    return record


@cache
def load_catalogue(folder: Path = CATALOGUE) -> dict[str, tuple[Pattern, ...]]:
    """Every pattern file: family name -> its records, in file order."""
    from kg.extract.rules import checks, registry  # noqa: F401 - registers the named checks and builders

    out: dict[str, tuple[Pattern, ...]] = {}
    for path in sorted(folder.glob("*.yaml")):
        items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        out[path.stem] = tuple(_record(item, path) for item in items)
    ids = [p.id for family in out.values() for p in family]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise KgError(f"pattern ids must be unique: {', '.join(duplicated)}")
    return out


class PatternFamily:
    """A rule (in :data:`kg.extract.rules.registry.ALL_RULES`) that runs one catalogue file."""

    def __init__(self, family: str) -> None:
        self.family = family

    @property
    def patterns(self) -> tuple[Pattern, ...]:
        return tuple(p for p in load_catalogue()[self.family] if p.stage is None)

    def __call__(self, ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
        yield from _apply(self.patterns, ms, raw, text, ctx)


@cache
def staged(stage: str) -> tuple[Pattern, ...]:
    """The records of one stage, in catalogue order."""
    return tuple(p for family in load_catalogue().values() for p in family if p.stage == stage)


def run_stage(stage: str, ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
    """Apply the records of ``stage`` at this point of a code rule (``text`` as the rule sees it)."""
    if not staged(stage):
        raise KgError(f"no pattern record has stage {stage}")
    yield from _apply(staged(stage), ms, raw, text, ctx)


def _apply(
    patterns: tuple[Pattern, ...], ms: MaskedSentence, raw: str, text: str, ctx: Context
) -> Iterator[Draft]:
    for pattern in patterns:
        try:
            yield from pattern.drafts(ms, raw, text, ctx)
        except (IndexError, AttributeError, KeyError) as err:
            raise RuleError(pattern.id, err) from err


class RuleError(KgError):
    """A rule failed on a sentence: a bug in the rule, reported with its id."""

    def __init__(self, rule_id: str, err: Exception) -> None:
        super().__init__(f"rule {rule_id} failed: {type(err).__name__}: {err}")
        self.rule_id = rule_id
