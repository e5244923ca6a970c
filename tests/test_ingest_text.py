"""The streamed ingest (N-Quads text straight into the loader) writes the RDF the rdflib build path wrote.

``kg.build.write`` builds each article's N-Quads as text (:mod:`kg.build.text`) and streams
them into the store's bulk loader; the reference is the old path: every triple as rdflib
terms (``prepare(reference=True)``), then ``replace_graphs`` and the shared refresh. The
stores both make must hold the same quads (no blank nodes: equal quads is isomorphism),
on the development corpus and on documents with awkward values, in a fresh store and
over a store that already holds some of the articles.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from kg.build import prepare, write
from kg.build.rdf import article_triples, ntriples
from kg.build.text import article_lines
from kg.facts import FactsDocument, read_facts_file
from kg.store.nquads import iri
from kg.store.oxigraph import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"


def reference_write(store: OxigraphStore, docs: list[FactsDocument]) -> None:
    """The build path before the streamed ingest: rdflib terms, N-Triples, then the shared refresh."""
    with store.transaction():
        batch = prepare(store, docs, reference=True)
        store.replace_graphs(batch.graphs.items())
        batch.refresh_shared(store)


def quads(store: OxigraphStore) -> set[ox.Quad]:
    return set(store.oxigraph.quads_for_pattern(None, None, None, None))


def assert_same_store(docs: list[FactsDocument], tmp_path: Path) -> None:
    """Both paths, on disk: first the first half, then the rest with a third of the first half again."""
    streamed, reference = OxigraphStore(tmp_path / "streamed"), OxigraphStore(tmp_path / "reference")
    half, again = len(docs) // 2, len(docs) // 3
    for batch in (docs[:half], docs[half - again :]):
        write(streamed, batch)
        reference_write(reference, batch)
        built, wanted = quads(streamed), quads(reference)
        assert len(built) > 100
        only_built = sorted(str(q) for q in built - wanted)[:5]
        only_wanted = sorted(str(q) for q in wanted - built)[:5]
        assert built == wanted, f"only streamed: {only_built}\nonly reference: {only_wanted}"
    streamed.close()
    reference.close()


@pytest.fixture(scope="module")
def corpus_docs(nlp) -> list[FactsDocument]:
    from kg.ingest import facts_documents

    return list(facts_documents([CORPUS, ROOT / "seeds"]))


def test_the_development_corpus_streamed_is_the_reference_build(corpus_docs, tmp_path: Path) -> None:
    assert len(corpus_docs) >= 20
    assert_same_store(corpus_docs, tmp_path)


def awkward_docs() -> list[FactsDocument]:
    """Hand-written documents plus invented values rdflib types and escapes in its own way."""
    docs = [*read_facts_file(DATA / "small.facts.json"), *read_facts_file(DATA / "all-fact-types.facts.json")]
    base = docs[-1].to_dict()
    for n, (amount, stake, name) in enumerate(
        [
            (1e20, 0.5, 'Quote "Holdings"\\ Back'),
            (2.25, 100, "Línea\nNueva Ltd"),
            (7, 33.333, "北方资本"),
        ]
    ):
        doc = json.loads(json.dumps(base))
        doc["article"].update(id=f"awkward {n}/x", title=f'A "title"\r\n{n}', reviewed=n == 1)
        doc["entities"][0]["name"] = name
        doc["entities"][0]["aliases"] = [name, "Alias " + name, "Alias " + name]
        fact = doc["facts"][0]
        fact.update(amount=amount, stake_percent=stake, date=["2024", "2024-06", "2024-06-18"][n])
        fact["confidence"] = [0.1234, 1, 0][n]
        fact["reviewed"] = n == 2
        fact["evidence"] = {"start": 3, "end": 9, "text": 'say "hi"\\\n'}
        docs.append(FactsDocument.from_dict(doc))
    return docs


def test_awkward_values_streamed_are_the_reference_build(tmp_path: Path) -> None:
    assert_same_store(awkward_docs(), tmp_path)


def test_in_memory_stores_match_too() -> None:
    docs = awkward_docs()
    streamed, reference = OxigraphStore(None), OxigraphStore(None)
    write(streamed, docs)
    reference_write(reference, docs)
    assert quads(streamed) == quads(reference)


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=_text,
    alias=_text,
    title=_text,
    amount=st.one_of(
        st.integers(0, 10**15), st.floats(0, 1e22, allow_nan=False).filter(lambda x: math.isfinite(x))
    ),
    confidence=st.floats(0, 1),
    start=st.integers(0, 1000),
)
def test_article_lines_are_the_reference_triples(
    name: str, alias: str, title: str, amount: float, confidence: float, start: int
) -> None:
    """One article's lines, text against rdflib, for any names, titles and numbers."""
    doc = FactsDocument.from_dict(
        {
            "schema": "kg-facts/1",
            "article": {"id": f"t/{title}", "title": title, "published": "2025-02"},
            "entities": [
                {"id": "a", "name": name, "type": "Organization", "aliases": [alias]},
                {"id": "b", "name": "Brightwater", "type": "Person"},
            ],
            "facts": [
                {
                    "type": "investment",
                    "investor": "b",
                    "investee": "a",
                    "amount": amount,
                    "currency": "USD",
                    "round": alias,
                    "evidence": {"start": start, "end": start + 5, "text": name},
                    "confidence": confidence,
                }
            ],
        }
    )
    entities = [URIRef("https://example.org/e/a"), URIRef("https://example.org/e/b")]
    facts = [URIRef("https://example.org/f/1")]
    wanted = ntriples(article_triples(doc, entities, facts))
    built = article_lines(doc, [iri(str(e)) for e in entities], [iri(str(f)) for f in facts], " .\n")
    assert sorted(set(built)) == sorted(line + "\n" for line in wanted.split("\n") if line)
