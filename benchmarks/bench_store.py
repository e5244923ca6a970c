"""Store benchmark: kg's ingest path and queries against rdflib's in-memory store.

Synthetic facts documents (many articles, shared entities) go through
``kg.build.prepare``, ``OxigraphStore.replace_graphs`` and the shared-graph refresh; the baseline loads the
same N-Triples into an rdflib ``Dataset`` in the same process. Reported as
ratios, not absolute times, so the numbers mean the same on any machine.

    python benchmarks/bench_store.py [--articles 2000]
"""

from __future__ import annotations

import argparse
import random
import time

from rdflib import Dataset, URIRef

from kg.build import prepare
from kg.facts import FactsDocument
from kg.manage import graph_ntriples
from kg.query import named_queries
from kg.store.oxigraph import OxigraphStore


def synthetic_documents(n_articles: int, n_orgs: int = 5000, seed: int = 7) -> list[FactsDocument]:
    rng = random.Random(seed)
    docs = []
    for a in range(n_articles):
        orgs = rng.sample(range(n_orgs), 6)
        entities = [{"id": f"o{o}", "name": f"Company {o}", "type": "Organization"} for o in orgs]
        entities.append({"id": "p", "name": f"Person {a % 3000}", "type": "Person"})
        facts = []
        for i in range(5):
            facts.append(
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
            )
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
        docs.append(
            FactsDocument.from_dict(
                {
                    "schema": "kg-facts/1",
                    "article": {"id": f"bench-{a}"},
                    "entities": entities,
                    "facts": facts,
                }
            )
        )
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=2000)
    args = ap.parse_args()
    docs = synthetic_documents(args.articles)

    store = OxigraphStore(None)
    t0 = time.perf_counter()
    batch = prepare(store, docs)  # resolve entities and facts, article graphs as N-Triples
    t_build = time.perf_counter() - t0

    t0 = time.perf_counter()
    store.replace_graphs(batch.graphs.items())
    batch.refresh_shared(store)  # the shared graph: entities and facts described once
    t_kg_load = time.perf_counter() - t0
    n = store.triple_count()
    graphs = [(iri, graph_ntriples(store, iri)) for iri in store.graph_names()]

    baseline = Dataset()
    t0 = time.perf_counter()
    for iri, nt in graphs:
        baseline.graph(URIRef(iri)).parse(data=nt, format="nt")
    t_rdflib_load = time.perf_counter() - t0

    query = named_queries()["top-investors"].text
    t0 = time.perf_counter()
    kg_rows = store.query(query).rows
    t_kg_query = time.perf_counter() - t0
    baseline.default_union = True
    prefixed = "PREFIX kgo: <https://w3id.org/kg-news/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    t0 = time.perf_counter()
    rdflib_rows = list(baseline.query(prefixed + query))
    t_rdflib_query = time.perf_counter() - t0
    assert len(kg_rows) == len(rdflib_rows), (len(kg_rows), len(rdflib_rows))

    print(f"articles {len(docs)}, quads {n}")
    print(f"build (facts -> N-Triples): {n / t_build:,.0f} quads/s")
    print(
        f"load: kg/oxigraph {t_kg_load:.2f}s vs rdflib Dataset {t_rdflib_load:.2f}s "
        f"-> {t_rdflib_load / t_kg_load:.1f}x rdflib's speed"
    )
    print(
        f"top-investors query: kg {t_kg_query * 1000:.0f} ms vs rdflib {t_rdflib_query * 1000:.0f} ms "
        f"-> {t_rdflib_query / t_kg_query:.1f}x rdflib's speed"
    )


if __name__ == "__main__":
    main()
