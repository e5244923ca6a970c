"""Extraction time per character on long articles, against bare ``nlp.pipe`` on the same text.

    .venv/bin/python benchmarks/bench_long_article.py [--sizes 20000,50000,100000,200000,400000] [--rounds 3]

Each article is invented business news: paragraphs made from templates with generated company
and person names (no text from any article set), concatenated to the wanted length, so the
number of entities, sentences and facts grows with the text as it does in a real long article.
For every size it prints seconds per 10,000 characters for bare ``nlp.pipe`` of the whole text,
for kg's own path (``kg.extract.parse``, in pieces above 100,000 characters, then the rules of
``extract_doc``), their ratio, and the rules alone. The target is linear growth: kg's seconds
per 10k characters at the largest size within 1.5x of those at the smallest. Times are CPU
seconds of this process (``time.process_time``): on a shared machine wall time per size
swings with the load of the moment, more than the growth being measured.
"""

from __future__ import annotations

import argparse
import random
import time

from kg.extract import load_nlp, parse
from kg.extract.document import extract_doc
from kg.facts import Article

_ONSETS = ["Br", "Qu", "Z", "V", "Tr", "Gl", "M", "N", "K", "Sh", "Pl", "D", "F", "R", "St", "H"]
_VOWELS = ["a", "e", "i", "o", "u", "ae", "io", "ou"]
_CODAS = ["rn", "x", "lt", "ndra", "vo", "mere", "rix", "ston", "bel", "qua", "dex", "lith"]
_SUFFIXES = ["Labs", "Systems", "Capital", "Ventures", "Robotics", "Foods", "Health", "Logistics", "Energy"]
_FIRST = ["Ilsa", "Teodor", "Marisol", "Kwame", "Oona", "Raffi", "Sigrid", "Dario", "Femi", "Lotte", "Anouk"]
_LAST = ["Vantrell", "Oskeby", "Marchetti-Lunn", "Qadrell", "Brisk", "Tolvanen", "Achebe-Ross", "Windlow"]
_MONTHS = ["January", "March", "April", "June", "August", "September", "October", "November"]
_PRODUCTS = ["Nimbus", "Lodestar", "Quartzline", "Pathwise", "Ember", "Tessel", "Harbor"]

#: invented wording, one paragraph per template (several sentences each, like a news report)
_TEMPLATES = [
    "{a} said on Tuesday it had raised ${n} million in a Series {r} round led by {b}. "
    "The company, founded in {y} by {p}, will spend the money on hiring and new warehouses.",
    "{b} agreed to buy {a} for about ${n} million in cash, the two companies said in a joint "
    "statement on {m} {d}, {y2}. The deal is expected to close before the end of the year.",
    "{p}, who previously ran sales at {b}, was named chief executive of {a} in {m}. "
    "{p2} will stay on as chair of the board.",
    "{a} launched {prod}, a scheduling tool for small clinics, at a trade fair in Rotterdam. "
    "Analysts at {b} said the product could lift revenue by {n} percent next year.",
    "Shares of {a} rose 4% after {b} disclosed a {s}% stake in the company. "
    "{b} said it saw the holding as a long-term investment.",
    "{a} and {b} signed a partnership to develop battery packs for delivery vans. "
    "The companies did not say how much they would invest.",
    "{b} will supply sensors to {a} under a three-year contract worth ${n} million, "
    "according to a filing published on {m} {d}.",
    "{a}, which is based in Lyon, is now valued at ${v} billion after the latest round. "
    "Its backers include {b} and {c}.",
    "In a note to clients, {p} of {c} wrote that {a} had become the largest buyer of recycled "
    "aluminium in the region.",
    "{a} opened an office in Nairobi and plans to employ {n} people there by {y2}, spokesperson {p2} said.",
]


def _name(rng: random.Random) -> str:
    return rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)


def invented_article(chars: int, seed: int = 7) -> str:
    """A headline and paragraphs of invented business news, at least ``chars`` characters long."""
    rng = random.Random(seed)
    companies = [f"{_name(rng)} {rng.choice(_SUFFIXES)}" for _ in range(max(8, chars // 800))]
    people = [
        f"{rng.choice(_FIRST)} {_name(rng)}{rng.choice(['', 'son', 'ovic'])}" for _ in range(len(companies))
    ]
    parts = ["Quarterly roundup of deals in logistics and energy", ""]
    size = sum(len(p) + 1 for p in parts)
    while size < chars:
        a, b, c = rng.sample(companies, 3)
        para = rng.choice(_TEMPLATES).format(
            a=a,
            b=b,
            c=c,
            p=rng.choice(people),
            p2=rng.choice(people) or rng.choice(_LAST),
            n=rng.randint(2, 900),
            r=rng.choice("ABCD"),
            y=rng.randint(1995, 2019),
            y2=rng.randint(2020, 2026),
            m=rng.choice(_MONTHS),
            d=rng.randint(1, 28),
            s=rng.randint(3, 40),
            v=rng.randint(1, 30),
            prod=rng.choice(_PRODUCTS),
        )
        parts.append(para + "\n")
        size += len(para) + 2
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> list[tuple[int, float, float, float]]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="20000,50000,100000,200000,400000")
    ap.add_argument("--rounds", type=int, default=1, help="timing rounds per size (the median is kept)")
    args = ap.parse_args(argv)
    nlp = load_nlp()
    warm = invented_article(3000, seed=1)  # loads word lists and compiles patterns: not part of any size
    extract_doc(nlp(warm), Article("warm", None, None, None, None), warm)
    rows = []
    print(
        f"{'chars':>8} {'nlp.pipe s/10k':>15} {'kg s/10k':>9} {'kg/pipe':>8} {'rules s/10k':>12} {'facts':>6}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        text = invented_article(size)
        article = Article("long", None, None, None, None)
        bare_times, full_times, rule_times = [], [], []
        facts = 0
        for _ in range(args.rounds):  # bare parse, then kg's own path: parse (in pieces when long) + rules
            start = time.process_time()
            next(iter(nlp.pipe([text])))
            bare_times.append(time.process_time() - start)
            start = time.process_time()
            doc = parse(text, nlp)
            parsed = time.process_time()
            facts = len(extract_doc(doc, article, text).facts)
            done = time.process_time()
            full_times.append(done - start)
            rule_times.append(done - parsed)
        bare, full, rules = (
            sorted(t)[len(t) // 2] / len(text) * 1e4 for t in (bare_times, full_times, rule_times)
        )
        rows.append((len(text), bare, full, rules))
        print(
            f"{len(text):>8} {bare:>15.3f} {full:>9.3f} {full / bare:>8.2f} {rules:>12.3f} {facts:>6}",
            flush=True,
        )
    print(
        f"s/10k at {rows[-1][0]:,} chars / at {rows[0][0]:,} chars: kg {rows[-1][2] / rows[0][2]:.2f}, "
        f"rules alone {rows[-1][3] / rows[0][3]:.2f}, nlp.pipe {rows[-1][1] / rows[0][1]:.2f} (target: kg <= 1.5)"
    )
    return rows


if __name__ == "__main__":
    main()
