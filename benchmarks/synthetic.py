"""The synthetic corpus every scaling benchmark shares: invented companies, many articles.

``documents(10_000)`` is the million-triple setup of issue 14: 7 facts per
article (5 investments, 1 role, 1 partnership) over 5,000 organisations and
3,000 people that recur across articles, about 1.2 M quads once ingested.

    python benchmarks/synthetic.py 10000 -o big.jsonl
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from kg.facts import FactsDocument


def document_dicts(n_articles: int, n_orgs: int = 5000, seed: int = 7, mentioned: int = 0) -> list[dict]:
    """kg-facts/1 documents as plain dicts (no kg import needed to write them).

    ``mentioned``: more organisations each article names without a fact about them
    (a store with many entities for few facts).
    """
    rng = random.Random(seed)
    docs = []
    for a in range(n_articles):
        orgs = rng.sample(range(n_orgs), 6 + mentioned)
        entities = [{"id": f"o{o}", "name": f"Company {o}", "type": "Organization"} for o in orgs]
        entities.append({"id": "p", "name": f"Person {a % 3000}", "type": "Person"})
        facts: list[dict] = [
            {
                "type": "investment",
                "investor": f"o{orgs[i]}",
                "investee": f"o{orgs[5]}",
                "amount": rng.randrange(1, 500) * 1_000_000,
                "currency": "USD",
                "date": f"20{rng.randrange(10, 25)}-0{rng.randrange(1, 10)}",
                "status": "completed",
                "evidence": {"start": i * 80, "end": i * 80 + 79, "text": "x" * 79},
                "confidence": 0.9,
            }
            for i in range(5)
        ]
        facts.append(
            {
                "type": "role",
                "person": "p",
                "organization": f"o{orgs[5]}",
                "title": "chief executive",
                "current": True,
                "evidence": {"start": 0, "end": 10},
                "confidence": 0.8,
            }
        )
        facts.append(
            {
                "type": "partnership",
                "party_a": f"o{orgs[0]}",
                "party_b": f"o{orgs[1]}",
                "evidence": {"start": 400, "end": 470, "text": "y" * 70},
                "confidence": 0.7,
            }
        )
        docs.append(
            {
                "schema": "kg-facts/1",
                "article": {"id": f"bench-{a}", "title": f"Synthetic story {a}"},
                "entities": entities,
                "facts": facts,
            }
        )
    return docs


def documents(n_articles: int, n_orgs: int = 5000, seed: int = 7, mentioned: int = 0) -> list[FactsDocument]:
    return [FactsDocument.from_dict(d) for d in document_dicts(n_articles, n_orgs, seed, mentioned)]


def main() -> None:
    import json

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("articles", type=int)
    ap.add_argument("-o", "--output", type=Path)
    args = ap.parse_args()
    out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    for doc in document_dicts(args.articles):
        out.write(json.dumps(doc) + "\n")


if __name__ == "__main__":
    main()
