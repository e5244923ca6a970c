"""Which fact node a stated fact is: the same deal from several articles is one node.

Two statements are one fact when they have the same type, the same role
entities and identifying values that agree (:attr:`kg.facttypes.FactType.identity`:
the round, the date to the month, a role's title). A value one source omits
agrees with any. Then:

1. a candidate that also has the same amount wins;
2. else a candidate whose identifying values agree *and are stated on both
   sides* (same round, same month) is the deal, and the amounts disagree: a
   conflict ``kg conflicts`` shows;
3. fact types with no identifying values (an acquisition, a founding, a
   product) are one fact per set of role entities;
4. else the statement is a new fact.

One article's facts never share a node unless they are the same statement
twice, so a tranche and a total stated side by side stay two facts. Matching
runs the amount-equal pass over all of an article's facts first, so the result
does not depend on the order an article lists its facts in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rdflib import URIRef

from kg.build.rdf import fact_iri, normal_value
from kg.facttypes import FACT_TYPES

MATCH_FIELDS = ("round", "date", "title", "what", "amount")


@dataclass(slots=True)
class FactCandidate:
    iri: URIRef
    fact_type: str
    roles: dict[str, str]
    values: dict[str, object] = field(default_factory=dict)


def _key(fact_type: str, roles: Mapping[str, str]) -> str:
    """The type and role entities as one string (control characters between the parts: no IRI has
    them raw): smaller than a frozenset of pairs, which a big batch holds one of per fact."""
    return "\x1f".join([fact_type, *(f"{role}\x1e{roles[role]}" for role in sorted(roles))])


def _same(name: str, a: object, b: object) -> bool:
    if name == "date":  # to the month; a year agrees with its months
        x, y = str(a)[:7], str(b)[:7]
        return x.startswith(y) or y.startswith(x)
    return normal_value(name, a) == normal_value(name, b)


def compatible(fact_type: str, a: Mapping[str, object], b: Mapping[str, object]) -> bool:
    """No identifying value stated by both sides disagrees."""
    return all(
        _same(n, a[n], b[n])
        for n in FACT_TYPES[fact_type].identity
        if a.get(n) is not None and b.get(n) is not None
    )


def _agreements(fact_type: str, a: Mapping[str, object], b: Mapping[str, object]) -> int:
    return sum(
        1
        for n in FACT_TYPES[fact_type].identity
        if a.get(n) is not None and b.get(n) is not None and _same(n, a[n], b[n])
    )


def _same_amount(a: Mapping[str, object], b: Mapping[str, object]) -> bool:
    return (
        a.get("amount") is not None
        and b.get("amount") is not None
        and _same("amount", a["amount"], b["amount"])
    )


class FactMatcher:
    """Assigns fact IRIs to an article's facts, reusing the store's (and this batch's) fact nodes."""

    def __init__(self, candidates: Iterable[FactCandidate] = ()):
        self._index: dict[str, list[FactCandidate]] = defaultdict(list)
        self._iris: set[URIRef] = set()
        #: the fact nodes :meth:`assign` made
        self.created: dict[URIRef, FactCandidate] = {}
        for cand in candidates:
            self._add(cand)

    def add(self, candidates: Iterable[FactCandidate]) -> None:
        """More fact nodes to match against (ones it has already are skipped)."""
        for cand in candidates:
            if cand.iri not in self._iris:
                self._add(cand)

    def _add(self, cand: FactCandidate, key: str | None = None) -> None:
        self._index[key or _key(cand.fact_type, cand.roles)].append(cand)
        self._iris.add(cand.iri)

    def assign(self, facts: list[tuple[str, dict[str, str], dict[str, object]]]) -> list[URIRef]:
        """One IRI per (type, roles, values) of one article, in order."""
        chosen: list[URIRef | None] = [None] * len(facts)
        #: node -> the values of this article's fact already on it
        taken: dict[URIRef, dict[str, object]] = {}

        def free(cand: FactCandidate, values: dict[str, object]) -> bool:
            return cand.iri not in taken or taken[cand.iri] == values

        def take(i: int, cand: FactCandidate) -> None:
            chosen[i] = cand.iri
            taken.setdefault(cand.iri, facts[i][2])

        keys = [_key(ftype, roles) for ftype, roles, _ in facts]  # each fact's key, made once
        index = self._index
        # 1. same amount (and agreeing identifying values)
        for i, (ftype, _roles, values) in enumerate(facts):
            known = index.get(keys[i])
            if not known:  # most facts of a new article: nothing to match against yet
                continue
            options = [
                c
                for c in known
                if free(c, values) and _same_amount(c.values, values) and compatible(ftype, c.values, values)
            ]
            if options:
                take(i, max(options, key=lambda c: (_agreements(ftype, c.values, values), str(c.iri))))
        # 2./3. identifying values stated on both sides and equal; or no identifying values at all
        for i, (ftype, roles, values) in enumerate(facts):
            if chosen[i] is not None:
                continue
            identity = FACT_TYPES[ftype].identity
            known = index.get(keys[i]) or []
            options = [
                c
                for c in known
                if free(c, values)
                and compatible(ftype, c.values, values)
                and (not identity or _agreements(ftype, c.values, values) > 0)
            ]
            if known and not options and not any(values.get(n) is not None for n in (*identity, "amount")):
                # a bare statement ("Jane Roe works at Initech") is the one such fact there is
                options = [c for c in known if free(c, values) and compatible(ftype, c.values, values)]
                options = options if len(options) == 1 else []
            if options:
                take(i, max(options, key=lambda c: (_agreements(ftype, c.values, values), str(c.iri))))
                continue
            # 4. a new fact
            iri = fact_iri(ftype, roles, values)
            if iri in self._iris:  # another deal with the same identity: its amount tells it apart
                iri = fact_iri(ftype, roles, values, amount=True)
            salt = 0
            while iri in self._iris:
                salt += 1
                iri = fact_iri(ftype, roles, values, salt, amount=True)
            cand = FactCandidate(iri, ftype, dict(roles), {k: values[k] for k in MATCH_FIELDS if k in values})
            self._add(cand, keys[i])
            self.created[iri] = cand
            take(i, cand)
        return [iri for iri in chosen if iri is not None]
