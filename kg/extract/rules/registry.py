"""The ordered rule registry: every rule family, in the order it runs on each sentence.

Order matters: a rule can read what an earlier rule wrote into the :class:`Context` for the same
sentence (the round a later rule attaches investors to). Each entry says what it writes and reads,
in the style of pySHACL's ``ALL_CONSTRAINT_COMPONENTS``; ``tests/test_extract_rules.py`` checks
that no rule reads what a later rule writes, and that the declarations match the code.

- ``writes``: context fields the rule adds to (``rounds``, ``deals``).
- ``reads``: context fields it reads that rules may write, including earlier rules on this sentence.
- ``reads_earlier``: fields that a later rule also writes: this rule sees those later rules' writes
  only as earlier *sentences* left them (on this sentence they run after it). Declaring a field
  here says the order dependency is known and intended.

Article context (focus, topic, publication date, entity typing evidence) is set before any rule
runs, and ``drafts`` holds what earlier rules and sentences yielded; neither needs declaring.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kg.extract.masking import MaskedSentence
from kg.extract.rules.acquisitions import acquisitions, deal_values
from kg.extract.rules.context import Context, Draft
from kg.extract.rules.corporate import partnerships, subsidiaries
from kg.extract.rules.founded import foundings
from kg.extract.rules.investments import investments
from kg.extract.rules.participants import round_participants
from kg.extract.rules.patterns import PatternFamily
from kg.extract.rules.products import powered_by, products, uses
from kg.extract.rules.roles import roles
from kg.extract.rules.rounds import backers_and_led_rounds, funding_rounds, named_rounds
from kg.extract.rules.stakes import share_purchases, stakes
from kg.extract.rules.suppliers import suppliers
from kg.extract.rules.valuations import funding_totals, valuations

RuleFunction = Callable[[MaskedSentence, str, str, Context], Iterator[Draft]]

#: Context fields that rules write (everything else in Context is set before the rules run).
RULE_WRITTEN = frozenset({"rounds", "deals"})


@dataclass(frozen=True)
class Rule:
    """One rule family: a function over (masked sentence, raw sentence, masked text, context)."""

    name: str
    apply: RuleFunction
    fact_types: tuple[str, ...]
    writes: frozenset[str] = frozenset()
    reads: frozenset[str] = frozenset()
    reads_earlier: frozenset[str] = frozenset()


def _f(*names: str) -> frozenset[str]:
    return frozenset(names)


ALL_RULES: tuple[Rule, ...] = (
    Rule(
        "funding_rounds",
        funding_rounds,
        ("funding_round", "investment"),
        _f("rounds"),
        reads_earlier=_f("rounds"),
    ),
    Rule("named_rounds", named_rounds, ("funding_round",), _f("rounds"), reads_earlier=_f("rounds")),
    Rule(
        "backers_and_led_rounds",
        backers_and_led_rounds,
        ("funding_round", "investment"),
        _f("rounds"),
        _f("rounds"),
    ),
    Rule("funding_round_patterns", PatternFamily("funding_round"), ("funding_round",)),
    Rule("round_participants", round_participants, ("investment",), reads=_f("rounds")),
    Rule("valuations", valuations, ("valuation",), reads=_f("rounds"), reads_earlier=_f("deals")),
    Rule("valuation_patterns", PatternFamily("valuation"), ("valuation",)),
    Rule("funding_totals", funding_totals, ("funding_total", "investment"), reads=_f("rounds")),
    Rule("funding_total_patterns", PatternFamily("funding_total"), ("funding_total",)),
    Rule("investments", investments, ("investment",), reads=_f("rounds")),
    Rule("investment_patterns", PatternFamily("investment"), ("investment",), reads=_f("rounds")),
    Rule("stakes", stakes, ("investment",)),
    Rule("share_purchases", share_purchases, ("investment",)),
    Rule("acquisitions", acquisitions, ("acquisition",), _f("deals"), _f("deals")),
    Rule("acquisition_patterns", PatternFamily("acquisition"), ("acquisition",)),
    Rule("deal_values", deal_values, ("acquisition",), reads=_f("deals")),
    Rule("foundings", foundings, ("founded",)),
    Rule("founded_patterns", PatternFamily("founded"), ("founded",)),
    Rule("roles", roles, ("role",)),
    Rule("role_patterns", PatternFamily("role"), ("role",)),
    Rule("products", products, ("product",)),
    Rule("product_patterns", PatternFamily("product"), ("product",)),
    Rule("uses", uses, ("uses",)),
    Rule("powered_by", powered_by, ("uses",)),
    Rule("uses_patterns", PatternFamily("uses"), ("uses",)),
    Rule("suppliers", suppliers, ("supplier",)),
    Rule("supplier_patterns", PatternFamily("supplier"), ("supplier",)),
    Rule("subsidiaries", subsidiaries, ("subsidiary",)),
    Rule("subsidiary_patterns", PatternFamily("subsidiary"), ("subsidiary",)),
    Rule("partnerships", partnerships, ("partnership",)),
    Rule("partnership_patterns", PatternFamily("partnership"), ("partnership",)),
)
