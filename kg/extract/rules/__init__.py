"""Facts from masked sentences: the rule catalogue, one module per fact type or family.

Each rule reads a :class:`~kg.extract.masking.MaskedSentence` (names, amounts, dates and
percentages replaced by slots) with patterns built from general business vocabulary, and yields
:class:`Draft` facts; :mod:`kg.extract.document` merges drafts into kg-facts/1 facts.
Confidence says how a fact was found: both roles named in one pattern is high; a role filled by
coreference or from the article's context is lower.

``registry.ALL_RULES`` is the ordered list of rule families. See docs/extraction.md for how to
add a pattern.
"""

from kg.extract.rules.context import Context, Draft, Round
from kg.extract.rules.participants import headline_investors, list_block_investors
from kg.extract.rules.registry import ALL_RULES, Rule

__all__ = ["ALL_RULES", "Context", "Draft", "Round", "Rule", "headline_investors", "list_block_investors"]
