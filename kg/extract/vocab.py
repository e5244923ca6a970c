"""General business-news vocabulary the rules read (no names of real companies or people)."""

from __future__ import annotations

import calendar

MONTHS_AND_DAYS = frozenset(
    [m.lower() for m in calendar.month_name if m]
    + [m.lower() for m in calendar.month_abbr if m]
    + [d.lower() for d in calendar.day_name]
    + ["sept"]
)

#: Capitalised words that are not names on their own.
NOT_NAMES = frozenset(
    "i we you he she they it this that these those mr mrs ms dr prof sir the a an and or but "
    "chief executive officer president chairman chair founder co-founder ceo cfo cto coo "
    "series seed round ipo inc ltd ai today tuesday monday about media contact ph.d. phd "
    "advertisement related stories home vice officer".split()
)

COMPANY_SUFFIXES = frozenset(
    "inc incorporated ltd limited llc plc corp corporation co gmbh sa ag nv bv lp llp pbc group "
    "holdings holding company technologies capital ventures partners labs systems therapeutics "
    "pharma pharmaceuticals investments investment management fund bank trading software "
    "interactive studios productions games entertainment networks ai robotics motors energy "
    "resources solutions collective invest global".split()
)

#: Extra words after a short name that leave it the same organisation ("Mistral AI" = "Mistral").
SAME_ENTITY_SUFFIXES = frozenset(
    "inc incorporated ltd limited llc plc corp corporation co gmbh sa ag nv bv lp llp pbc group "
    "holdings holding company technologies technology systems therapeutics interactive software "
    "management ai partners global labs".split()
)

#: Nouns that describe an organisation when they stand before or beside its name.
ORG_DESCRIPTORS = frozenset(
    "startup start-up company firm group giant maker chipmaker carmaker automaker drugmaker "
    "developer lab laboratory fund investor insurer bank lender retailer publisher studio "
    "rival provider operator platform conglomerate miner manufacturer supplier exchange "
    "unit subsidiary arm division business label partner fintech biotech investors backer "
    "consortium venture ventures capital".split()
)

PERSON_HONORIFICS = frozenset(["Dr", "Dr.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Prof", "Prof.", "Sir", "Prince", "Princess", "Lord", "Dame"])

#: Words of job titles.
TITLE_WORDS = frozenset(
    "chief executive officer president chairman chairwoman chair founder co-founder cofounder ceo "
    "cfo cto coo director head partner vice scientist engineer researcher adviser advisor "
    "manager chief-executive boss treasurer secretary analyst investor".split()
)

#: Nouns that mark a product when next to a name ("the Grok chatbot", "model X").
PRODUCT_CUES = frozenset(
    "model models chatbot chip chips processor processors app platform service assistant "
    "software console game games franchise drug drugs medicine vaccine device phone robot "
    "supercomputer cluster library toothpaste soap pass".split()
)
