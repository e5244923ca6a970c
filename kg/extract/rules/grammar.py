"""Grammar fragments shared by every rule: slot tokens, descriptors, entity lists, titles, hedges.

Rules are regular expressions over masked sentences, where names, amounts, dates and
percentages are slots (ENT3, MON0, DAT1, PCT0). These fragments spell the recurring shapes once."""

from __future__ import annotations

import re

E = r"ENT\d+"
M = r"MON\d+"
D = r"DAT\d+"
P = r"PCT\d+"
_FUNCTION = r"(?:and|or|but|which|who|that|said|says|at|in|on|to|for|from|with|by|of|into|through|under|over|after|before|via|as|than|about|can|could|will|would|is|are|was|were|has|have|had)"
_W = rf"(?!(?:ENT|MON|DAT|PCT)\d)(?!{_FUNCTION}\b)[A-Za-z][\w'’-]*"  # a descriptor word, not a slot
DESC = rf"(?:ENT\d+-based\s+)?(?:{_W}\s+){{0,4}}?"
ITEM = rf"(?:(?:the|a|an)\s+)?{DESC}(?:{E}'s\s+(?:{_W}\s+){{0,1}}{_W},\s+|{E}'s\s+(?:{_W}\s+){{0,2}}|{E}\s+(?:{_W}\s+){{1,2}})?{E}"
SEP = (
    r"(?:\s*,\s*(?:and\s+|as well as\s+)?|\s+and\s+|\s*,?\s+(?:as well as|along with|together with|plus)\s+"
    r"|\s*;\s*(?:and\s+)?(?=(?:the\s+)?ENT\d))"  # "including A; B, a maker of X; and C"
)
#: ", the venture arm of Y," / ", a Denver-based investor,": a description of the list item before it,
#: closed by a comma (the list goes on). List readers drop it (:data:`LIST_APPOSITION`).
_APPOS_WORD = rf"(?:{_W}|ENT\d+-based|ENT\d+(?=\s+[a-z]))"  # ", a Boston venture firm,": the place is a word
APPOSITION = (
    rf",\s+(?:a|an|the|its)\s+(?:{_APPOS_WORD}\s+){{0,5}}?{_APPOS_WORD}"
    rf"(?:\s+(?:of|at|for|behind|from|in)\s+(?:(?:the|a|an)\s+)?(?:{_W}\s+){{0,3}}?(?:(?:{E}'s\s+)?{E}|{_W}))?(?=\s*[,;.]|\s*$)"
)
LIST_APPOSITION = re.compile(APPOSITION)
LIST = rf"{ITEM}(?:{APPOSITION})?(?:{SEP}{ITEM}(?:{APPOSITION})?)*"
#: "companies such as", "some notable names like,": words that announce a list of examples
KINDS = (
    r"(?:(?:some|several|many|other|big|major|notable|global|large|well-known|leading)\s+){0,3}"
    r"(?:[a-z-]+\s+)?(?:names|companies|firms|brands|businesses|organi[sz]ations|carmakers|automakers|"
    r"retailers|banks|customers|clients|players|groups|institutions|operators)\s+(?:such\s+as|like|including),?\s+"
)
#: "X said on Monday it had ...", "X announced that it would ...": the subject's own report of what it did,
#: written right after the subject so a pattern reads "X said it would supply" as "X would supply"
SAID = (
    r"(?:,?\s+(?:said|says|announced|announces|confirmed|disclosed|revealed)\s+"
    r"(?:(?:on\s+)?(?:DAT\d+|[A-Z][a-z]+day)\s+|today\s+|late\s+[A-Za-z]+\s+)?(?:that\s+)?(?:it|they))?"
    r"(?:\s+(?:had|would))?"  # (with "it" read as the company: "ENT0 said ENT2 had signed" matches at ENT2)
)
AMOUNT_HEDGE = r"(?:(?:up to|about|around|roughly|nearly|almost|approximately|more than|over|some|as much as|an additional|another|a further|a fresh|a new|an initial|a total of|an extra|its|a|an|the|further|fresh|new)\s+)*"
ROUND_NAME = re.compile(
    r"\b([Ss]eries [A-Z]\d?(?:-\d)?|[Pp]re-[Ss]eed|[Ss]eed|pre-IPO)\b(?:\s+(?:funding\s+|financing\s+)?round)?"
)
TITLE_HEAD = (
    r"(?i:chief [a-z]+(?: [a-z]+)? officer|chief [a-z]+ and chief [a-z]+ officer|chief executive|chief scientist|chief economist|"
    r"chairman of the board|chair of the board|md|vp(?: of (?:ENT\d+|[a-z]+(?: (?:and|&) [a-z]+)*))?|svp|evp|"
    r"analyst|professor|scientist|economist|software engineer|"
    r"president|vice[- ]president(?: of (?:ENT\d+|[a-z]+(?: (?:and|&) [a-z]+)*))?|chairman|chairwoman|chair|"
    r"ceo|cfo|cto|coo|cso|cmo|co-?founder|founder|founding partner|managing partner|general partner|"
    r"managing director|executive director|director|head(?: of (?:ENT\d+|[a-z]+(?: [a-z]+){0,2}))?|partner|"
    r"(?:finance|financial|technology|operating|marketing|investment|strategy|product|legal|people|commercial|digital|data|risk)\s+chief|"
    r"chief|executive|board member|member of the board|senior vice[- ]president|"
    r"executive vice[- ]president|principal|general manager|lead investor|boss|general counsel|chief of staff|"
    r"treasurer|company secretary)"
)
TITLE_MOD = r"(?:(?:former|then|now|current|new|interim|acting|deputy|joint|senior|executive|global|group|founding|outgoing|incoming|longtime|long-time|non-executive|independent|lead|its|their|the)\s+|ex-)*"
TITLE = (
    rf"{TITLE_MOD}(?:co-)?{TITLE_HEAD}(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+){TITLE_MOD}(?:co-)?{TITLE_HEAD})*"
)
#: Words that deny, cancel or merely speculate about the fact next to them.
NEGATION = re.compile(
    r"\b(?:not|never|no\s+longer|denied|denies|deny|declined|declines|refused|refuses|rejected|rejects|"
    r"walked\s+away|abandoned|called\s+off|scrapped|could|might|may|considering|weighing|exploring|"
    r"considered|considers|contemplat(?:es|ed|ing)|mulled|mulls|mulling|weighed|weighs|explored|explores|"
    r"rumou?red|speculat\w*|fail(?:ed|s)\s+to|unable\s+to)\b|n't\b"
)


def negated(text: str) -> bool:
    return bool(NEGATION.search(text))


FORMER = re.compile(
    r"\b(?:former|formerly|previously|ex-|once|earlier|until|outgoing|was|had been|before)\b", re.I
)


#: The tenses of the day's news: the present perfect ("has bought", "have been acquired"), a deal
#: under way ("is being taken over", "is raising") and the headline present ("acquires", "buys").
#: A fact told so, with no date of its own, happened as of the article's date.
NEWS_NOW = re.compile(
    r"\b(?:(?:has|have)\s+(?:(?:now|just|recently|also|finally)\s+)?(?:been\s+)?[a-z]+(?:ed|en|ght|ld|id|ne|de|ck|ung)"
    r"|(?:is|are)\s+(?:now\s+)?(?:being\s+[a-z]+(?:ed|en|ght|ld|id|ne|de|ck|ung)|raising|acquiring|buying|taking\s+over)"
    r"|acquires|buys|snaps\s+up|takes\s+over|raises|bags|secures|closes|lands|invests|agrees\s+to)\b"
)

#: Words that name a kind of product: "the Osprey processors", "its compact van Ferro".
PRODUCT_NOUN = r"(?:model|models|chatbot|chatbots|chip|chips|microchips?|semiconductors?|GPUs?|CPUs?|accelerators?|(?:central|graphics|neural)\s+processing\s+units?|processor|processors|app|apps|platform|service|assistant|software|console|game|games|franchise|drug|drugs|medicine|medicines|vaccine|device|devices|phones?|robot|robots|supercomputer|library|toothpaste|soap|painkillers|vitamins|mayonnaise|engines?|browser|cloud|subscription service|project|system|tool|tools|product|products|brand|brands|series|car|cars|SUVs?|crossovers?|hatchbacks?|sedans?|vans?|pickups?|scooters?|motorcycles?|e-bikes?|speakers?|wearables?|smartwatch(?:es)?|watch(?:es)?|routers?|servers?|vehicle|vehicles|family of [a-z ]+models|editor|database|search engine|operating system|smartphones?|laptops?|tablets?|headsets?|trucks?|aircraft|jets?|satellites?|rockets?|batter(?:y|ies)|sensors?|cameras?|drinks?|beverages?|snacks?|shoes?|sneakers|trainers|treatments?|therapy|therapies|antibody|agents?|suite|marketplace|wallet|card|streaming service|network|software package)"
