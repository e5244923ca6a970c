"""Analysis benchmark: kg's entity graph from the store against plain networkx.

The baseline builds the same entity graph directly from the facts documents
with networkx (no store, no SPARQL) in the same process; kg builds it from the
store with SPARQL (``kg.analyze.entity_graph``). Then PageRank runs on both.
Reported as ratios.

    python benchmarks/bench_analyze.py [--articles 2000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import documents as synthetic_documents  # noqa: E402

from kg.analyze import entity_graph  # noqa: E402
from kg.build import write  # noqa: E402
from kg.build.rdf import entity_iri  # noqa: E402
from kg.facttypes import FACT_TYPES  # noqa: E402
from kg.store.oxigraph import OxigraphStore  # noqa: E402


def plain_networkx(docs) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for doc in docs:
        iris = {e.id: str(entity_iri(e)) for e in doc.entities}
        for e in doc.entities:
            graph.add_node(iris[e.id], label=e.name, cls=e.type)
        for fact in doc.facts:
            shortcut = FACT_TYPES[fact.type].shortcut
            if shortcut and shortcut[0] in fact.roles and shortcut[2] in fact.roles:
                graph.add_edge(
                    iris[fact.roles[shortcut[0]]],
                    iris[fact.roles[shortcut[2]]],
                    relation=shortcut[1],
                    **fact.values,
                )
    return graph


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=2000)
    args = ap.parse_args()
    docs = synthetic_documents(args.articles)
    store = OxigraphStore(None)
    write(store, docs)

    t0 = time.perf_counter()
    baseline = plain_networkx(docs)
    t_plain = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = entity_graph(store)
    t_kg = time.perf_counter() - t0
    print(
        f"entities {ours.number_of_nodes()} (plain {baseline.number_of_nodes()}), "
        f"edges {ours.number_of_edges()} (plain {baseline.number_of_edges()})"
    )
    print(
        f"entity graph: kg from the store {t_kg:.2f}s vs plain networkx from facts {t_plain:.2f}s "
        f"-> {t_plain / t_kg:.2f}x the baseline's speed"
    )
    t0 = time.perf_counter()
    nx.pagerank(nx.Graph(ours))
    t_pr = time.perf_counter() - t0
    t0 = time.perf_counter()
    nx.pagerank(nx.Graph(baseline))
    t_pr_plain = time.perf_counter() - t0
    print(f"pagerank: {t_pr:.2f}s vs {t_pr_plain:.2f}s on the baseline graph")


if __name__ == "__main__":
    main()
