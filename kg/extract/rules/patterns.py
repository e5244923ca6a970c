"""Pattern records: the common rule shape as data, and the one engine that applies them.

Most rules are "a regular expression over the masked sentence, whose groups are the fact's
roles". A :class:`Pattern` states that once: its id, fact type, regex, confidence, how status
is read, and the example sentences it must (and must not) extract from. The catalogue lives in
``kg/extract/rules/patterns/*.yaml``, one file per fact family; the examples there are the tests
(``tests/test_extract_patterns.py``) and the docs (``docs/rules.md``).

In a pattern, ``<E>``, ``<LIST>``, ``<DESC>``, ``<M>``, ``<D>``, ``<P>``, ``<HEDGE>`` and
``<TITLE>`` stand for the grammar fragments of :mod:`kg.extract.rules.grammar`. Named groups
carry meaning:

- a group named after a role (``investor``, ``party_b``, ...) holds one entity slot, or a list of
  them (one draft per item);
- ``amount`` holds a money slot, ``date`` a date slot, ``stake`` a percentage slot, ``what`` the
  words of a supply (``cloud``, ``batteries``).

The engine checks each role's entity type against :data:`kg.facttypes.FACT_TYPES`, reads status
from the clause unless the pattern fixes it, and records the pattern id on the draft.
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
from kg.extract.rules.clauses import amount_values, list_entities, money_ok, status_of, strip_asides
from kg.extract.rules.context import Context, Draft
from kg.extract.rules.grammar import AMOUNT_HEDGE, DESC, LIST, TITLE, D, E, M, P, negated
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


def check(name: str) -> Callable:
    """Register a named check (an ``on_match`` callback) that pattern records can refer to."""

    def register(fn: Callable[[MaskedSentence, re.Match[str], Context], bool]) -> Callable:
        CHECKS[name] = fn
        return fn

    return register


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
    on_match: str | None = None
    examples: tuple[Example, ...] = ()
    counterexamples: tuple[str, ...] = ()
    published: str | None = None  # the date examples are read under, for relative dates
    doc: str = ""

    @property
    def regex(self) -> re.Pattern[str]:
        return _compile(self.pattern)

    def drafts(self, ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
        """Every draft this pattern finds in one masked sentence."""
        fact_type = FACT_TYPES[self.type]
        seen = VIEWS[self.view](text)
        for m in self.regex.finditer(seen):
            if self.on_match and not CHECKS[self.on_match](ms, m, ctx):
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            choices: list[tuple[str, list[int]]] = []
            for role in fact_type.roles:
                if role not in groups:
                    continue
                allowed = tuple(self.role_types.get(role, fact_type.role_types.get(role, ())))
                found = list_entities(ms, groups[role], ctx, allowed) if allowed else []
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
            if "date" in groups:
                values["date"] = ms.slot(groups["date"]).value
            if "stake" in groups:
                values["stake_percent"] = ms.slot(groups["stake"]).value
            for key in ("what", "title"):
                if key in groups:
                    values[key] = groups[key].strip().lower()
            if "round_owner" in self.from_context.values() and ctx.rounds:
                # a backer named apart from its round shares the round's name and date
                current = ctx.rounds[-1]
                if current.date and "date" not in values:
                    values["date"] = current.date
                if current.name and "round" in fact_type.literals:
                    values.setdefault("round", current.name)
            if "status" in fact_type.literals:
                values["status"] = self.status or status_of(m.group(0), self.default_status)
            for roles in _product(choices):
                if len(set(roles.values())) < len(roles):
                    continue
                yield Draft(
                    self.type, roles, dict(values), ms.index, self.confidence, self.id, negated(m.group(0))
                )


def _product(choices: list[tuple[str, list[int]]]) -> Iterator[dict[str, int]]:
    if not choices:
        yield {}
        return
    (role, found), rest = choices[0], choices[1:]
    for index in found:
        for tail in _product(rest):
            yield {role: index, **tail}


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    for token, fragment in FRAGMENTS.items():
        pattern = pattern.replace(token, fragment)
    return re.compile(pattern)


def _record(item: dict[str, Any], source: Path) -> Pattern:
    try:
        examples = tuple(Example(e["text"], dict(e["expect"])) for e in item.get("examples", ()))
        fields = {k: v for k, v in item.items() if k not in ("examples", "counterexamples")}
        record = Pattern(**fields, examples=examples, counterexamples=tuple(item.get("counterexamples", ())))
    except (KeyError, TypeError) as err:
        raise KgError(f"{source.name}: bad pattern record {item.get('id', '?')}: {err}") from err
    if record.type not in FACT_TYPES:
        raise KgError(f"{source.name}: pattern {record.id} has unknown fact type {record.type}")
    if (
        record.view not in VIEWS
        or (record.on_match and record.on_match not in CHECKS)
        or any(source not in CONTEXT_ROLES for source in record.from_context.values())
    ):
        raise KgError(f"{source.name}: pattern {record.id} names an unknown view or check")
    record.regex  # noqa: B018 - compile now, so a broken regex fails at load time with its id
    return record


@cache
def load_catalogue(folder: Path = CATALOGUE) -> dict[str, tuple[Pattern, ...]]:
    """Every pattern file: family name -> its records, in file order."""
    from kg.extract.rules import checks  # noqa: F401 - registers the named checks

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
        return load_catalogue()[self.family]

    def __call__(self, ms: MaskedSentence, raw: str, text: str, ctx: Context) -> Iterator[Draft]:
        for pattern in self.patterns:
            try:
                yield from pattern.drafts(ms, raw, text, ctx)
            except (IndexError, AttributeError, KeyError) as err:
                raise RuleError(pattern.id, err) from err


class RuleError(KgError):
    """A rule failed on a sentence: a bug in the rule, reported with its id."""

    def __init__(self, rule_id: str, err: Exception) -> None:
        super().__init__(f"rule {rule_id} failed: {type(err).__name__}: {err}")
        self.rule_id = rule_id
