"""General business-news vocabulary the rules read (no names of real companies or people)."""

from __future__ import annotations

import calendar
import re


def _words(text: str) -> frozenset[str]:
    """A set from whitespace-separated words (keeps long vocabularies readable)."""
    return frozenset(text.split())


MONTHS_AND_DAYS = frozenset(
    [m.lower() for m in calendar.month_name if m]
    + [m.lower() for m in calendar.month_abbr if m]
    + [d.lower() for d in calendar.day_name]
    + ["sept"]
)

#: Capitalised words that are not names on their own.
NOT_NAMES = _words(
    "a about advertisement ai an and api apis but ceo cfo chair chairman chairwoman chairperson chief cio cmo co-founder "
    "contact coo cpu cpus cto director dr evp gpu gpus iot managing mou saas sdk svp "
    "executive founder he home i inc ipo it ltd media monday mr mrs ms officer or ph.d. phd president "
    "prof related round seed series she sir stories that the these they this those today tuesday vice "
    "we you"
    # sentence openers the tagger sometimes takes for the start of a name: "Beyond Acme's deal, ..."
    " beyond besides despite unlike following amid amidst meanwhile earlier later also however moreover"
    # a descriptor opening a sentence: "Rival Tessaly raised ..."
    " rival rivals"
    # a title's modifier opening a sentence: "Former Acme chief Jane Roe", "Ex-Acme CEO ..."
    " former outgoing incoming ex"
)

#: Adverbs that open sentences. The tagger calls an unknown capitalised "-ly" word an adverb
#: ("Tabbly raised ..."); one that is not among these is read as a name.
SENTENCE_ADVERBS = _words(
    "accordingly actually additionally allegedly already also alternatively apparently arguably "
    "basically briefly certainly clearly consequently currently early earlier easily effectively "
    "eventually evidently exactly finally firstly formerly fortunately frankly fully generally "
    "hence historically hopefully however importantly indeed initially instead interestingly "
    "ironically largely lastly lately later likewise mainly meanwhile merely moreover mostly "
    "naturally nearly nevertheless notably now obviously officially only originally overall "
    "partly perhaps personally possibly potentially presumably previously primarily probably "
    "publicly quickly quietly rarely really recently regardless reportedly reputedly roughly "
    "secondly separately shortly significantly similarly simply slowly so specifically still "
    "strangely subsequently surprisingly then there thereafter therefore thus today together "
    "traditionally typically ultimately unfortunately unsurprisingly usually yesterday yet"
)

#: Last words of company names (legal forms and business words).
COMPANY_SUFFIXES = _words(
    "aerospace ag ai airlines aviation bank bio biosciences brands bv capital co collective "
    "communications company corp corporation energy entertainment financial foods fund games global "
    "gmbh group holding holdings inc incorporated insurance interactive invest investment investments "
    "labs limited llc llp lp ltd management media motors networks nv partners pbc pharma "
    "pharmaceuticals plc productions resources robotics sa sciences semiconductor semiconductors "
    "software solutions studios systems technologies telecom therapeutics trading ventures "
    # industry words that close company names: "Solvay Mining", "Dravik Analytics"
    "mining minerals metals materials dynamics analytics logistics industries electronics engineering "
    "construction diagnostics biologics chemicals devices telecommunications payments bancorp "
    "bancshares securities advisors advisory associates consulting enterprises laboratories "
    "automotive utilities shipping airways railways freight"
)

#: Extra words after a short name that leave it the same organisation ("Globex AI" = "Globex").
SAME_ENTITY_SUFFIXES = _words(
    "ag ai bv co company corp corporation global gmbh group holding holdings inc incorporated "
    "interactive labs limited llc llp lp ltd management nv partners pbc plc sa software systems "
    "technologies technology therapeutics"
)

#: Nouns that describe an organisation when they stand before or beside its name.
ORG_DESCRIPTORS = _words(
    "arm automaker backer bank biotech business capital carmaker chipmaker company conglomerate "
    "consortium developer division drugmaker exchange fintech firm fund giant group insurer investor "
    "investors lab label laboratory lender maker manufacturer miner operator partner platform "
    "provider publisher retailer rival start-up startup studio subsidiary supplier unit venture "
    "ventures"
)

#: Words of job titles.
TITLE_WORDS = _words(
    "adviser advisor analyst boss ceo cfo chair chairman chairwoman chief chief-executive co-founder "
    "cofounder coo cto director engineer executive founder head investor manager officer partner "
    "president researcher scientist secretary treasurer vice"
)

#: Nouns that mark a product when next to a name ("the Quill chatbot", "model X").
PRODUCT_CUES = _words(
    "app assistant chatbot chip chips cluster console device drug drugs franchise game games library "
    "medicine model models pass phone platform processor processors robot service soap software "
    "supercomputer toothpaste vaccine"
)

#: Words that make a name an institution rather than a person ("University College X").
INSTITUTION_WORDS = _words(
    "academy agency association authority board bureau center centre college commission council court "
    "department federation foundation hospital institute laboratories laboratory ministry museum "
    "office school society trust union university"
)

PERSON_HONORIFICS = _words("Dame Dr Dr. Lord Mr Mr. Mrs Mrs. Ms Ms. Prince Princess Prof Prof. Sir")


#: Words of a job title or a governing body: a mention made only of these names no one
#: ("Partner", "Managing Director", "VP", "the Board").
TITLE_ONLY_WORDS = TITLE_WORDS | _words(
    "vp svp evp md board managing general senior associate principal of the and global regional "
    "deputy acting interim operating financial technology technical marketing commercial"
)
_TITLE_HEADS = TITLE_WORDS | _words("vp svp evp md board")


def is_title_only(name: str) -> bool:
    """ "Managing Director", "VP of Sales" are titles; "Director Holdings" is not."""
    words = re.findall(r"[a-z-]+", name.lower())
    return (
        bool(words)
        and all(w in TITLE_ONLY_WORDS or w == "sales" for w in words)
        and any(w in _TITLE_HEADS for w in words)
    )


#: Nationality and regional adjectives: with the model's NORP label, never a company on their own.
DEMONYMS = _words(
    "american british chinese japanese korean indian german french italian spanish dutch swiss swedish "
    "norwegian danish finnish irish scottish welsh english canadian mexican brazilian argentine "
    "argentinian chilean colombian peruvian australian russian ukrainian polish czech hungarian "
    "austrian belgian portuguese greek turkish israeli saudi emirati qatari egyptian nigerian kenyan "
    "ghanaian ethiopian moroccan pakistani bangladeshi indonesian malaysian singaporean thai vietnamese "
    "filipino taiwanese european asian african nordic scandinavian arab latin gulf icelandic estonian "
    "latvian lithuanian romanian bulgarian serbian croatian slovak slovenian tunisian algerian rwandan "
    "ugandan tanzanian senegalese iranian iraqi jordanian lebanese kuwaiti omani sri lankan nepalese"
)


def is_demonym(word: str) -> bool:
    return word.lower() in DEMONYMS


#: Stock tickers and exchange codes: "ACME.O", "7203.T", "<6502>", "123456.SZ", "NASDAQ: ACME".
TICKER = re.compile(r"^(?:[A-Z]{1,5}\.[A-Z]{1,2}|\d{3,6}(?:\.[A-Z]{1,2})?|[A-Z]{2,8}:\s*[A-Z0-9.]+)$")
#: Title words that, between a capitalised name and a person's name, make the first name the
#: employer: "Talvik CFO Ruth Ames", "said Varnel economist Jo Park".
EMPLOYER_TITLES = _words(
    "co-founder cofounder founder chief ceo cfo cto coo cmo president chairman chairwoman chair "
    "analyst economist strategist partner director spokesperson spokeswoman spokesman boss "
    "vice head executive engineer scientist professor researcher"
)
