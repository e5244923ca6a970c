"""The hash-joined reads of the embedded store (kg.joinread) give what the column reads give.

Checked on the development corpus and on an invented store with the awkward
cases the column reads have rules for: an endpoint no entity class types, a
literal or blank node in a role, several values of a role, a triple stated in
two graphs, a fact of two classes (the joined read then declines).
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.render.choose
from kg.graphread import edge_facts, edges_of_rows, fact_edges, fact_roles, fact_rows, roles_of_rows
from kg.ingest import ingest
from kg.namespaces import KGO
from kg.render import render
from kg.store.oxigraph import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = next(
    p for p in (ROOT.parent / "shared" / "corpus" / "articles", ROOT / "examples" / "corpus") if p.is_dir()
)
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SHARED = "https://w3id.org/kg-news/id/graph/shared"


def _as_sets(edges: dict) -> dict:
    return {edge: set(found) for edge, found in edges.items()}


def _column_edges(store: OxigraphStore) -> dict:
    return _as_sets(fact_edges(store, roles=fact_roles(store)))


def _page(store: OxigraphStore, **options) -> str:
    return re.sub(r'nonce="[^"]+"|nonce-[A-Za-z0-9_-]+', "", render(store, **options).html)


@pytest.fixture(scope="module")
def corpus() -> OxigraphStore:
    store = OxigraphStore(None)
    ingest([CORPUS], store)
    return store


def _odd_store() -> OxigraphStore:
    """Invented organisations and deals, written as quads (not through kg's builder) to reach every case."""
    store = OxigraphStore(None)
    raw = store.oxigraph

    def add(s: str, p: str, o: ox.NamedNode | ox.Literal | ox.BlankNode, graph: str = SHARED) -> None:
        raw.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, ox.NamedNode(graph)))

    e = "urn:x:e:"
    for name in ("quill", "brass", "tarn", "ombre", "vesk"):
        add(e + name, RDF_TYPE, ox.NamedNode(str(KGO.Organization)))
        add(e + name, "http://www.w3.org/2000/01/rdf-schema#label", ox.Literal(name.title()))
    facts = {
        "a": ("Investment", "investor", "quill", "investee", "brass"),
        "b": ("Investment", "investor", "quill", "investee", "brass"),  # a second deal on the same pair
        "c": ("Investment", "investor", "tarn", "investee", "nowhere"),  # an endpoint no class types
        "d": ("Partnership", "partyA", "vesk", "partyB", "ombre"),
    }
    for fact, (cls, role_a, a, role_b, b) in facts.items():
        add(e + fact, RDF_TYPE, ox.NamedNode(str(KGO[cls])))
        add(e + fact, str(KGO[role_a]), ox.NamedNode(e + a))
        add(e + fact, str(KGO[role_b]), ox.NamedNode(e + b))
    add(
        e + "a",
        str(KGO.amount),
        ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
    )
    add(e + "d", str(KGO.partyA), ox.NamedNode(e + "tarn"))  # several parties on each side
    add(e + "d", str(KGO.partyB), ox.NamedNode(e + "quill"))
    add(e + "c", str(KGO.investor), ox.Literal("Somebody"))  # a literal in a role is left out
    add(e + "c", str(KGO.investor), ox.BlankNode("anon"))  # so is a blank node
    add(e + "a", str(KGO.investor), ox.NamedNode(e + "quill"), "urn:x:other-graph")  # stated twice
    add(e + "e", RDF_TYPE, ox.NamedNode(str(KGO.Investment)))  # a fact with one role only
    add(e + "e", str(KGO.investor), ox.NamedNode(e + "vesk"))
    return store


@pytest.mark.parametrize("which", ["corpus", "odd"])
def test_joined_rows_give_the_column_reads_edges_and_roles(which, corpus):
    store = corpus if which == "corpus" else _odd_store()
    expected = _column_edges(store)
    rows = fact_rows(store)
    assert rows is not None
    assert _as_sets(edges_of_rows(rows)) == expected
    # without the facts' IRIs: the same edges, a row per fact and combination; the facts of edges of several rows
    bare = edges_of_rows(fact_rows(store, facts=False))
    assert set(bare) == set(expected)
    assert all(len(bare[edge]) >= len(found) for edge, found in expected.items())
    several = [edge for edge, found in bare.items() if len(found) > 1]
    assert _as_sets(edge_facts(store, several)) == {edge: expected[edge] for edge in several}
    # the facts between some nodes, and their roles as far as those nodes go
    some = sorted({n for s, _r, t in expected for n in (s, t)})[::2]
    inside = fact_rows(store, within=set(some), check=False)
    assert {row[0] for row in inside} == {
        f for (s, _r, t), found in expected.items() if s in some and t in some for f in found
    }
    roles, columns = roles_of_rows(inside), fact_roles(store)
    for fact, cls, _source, _target in inside:
        assert roles.types[fact] == columns.types[fact] == cls
        for prop in roles.values:
            assert roles.of(prop, fact) == columns.of(prop, fact) & set(some)


def test_a_fact_of_two_classes_makes_the_joined_read_decline():
    store = _odd_store()
    store.oxigraph.add(
        ox.Quad(
            ox.NamedNode("urn:x:e:a"),
            ox.NamedNode(RDF_TYPE),
            ox.NamedNode(str(KGO.Partnership)),
            ox.NamedNode(SHARED),
        )
    )
    assert fact_rows(store) is None


@pytest.mark.parametrize(
    "options", [{"limit": None}, {"limit": 3}, {"limit": 5}, {"focus": "Quill", "limit": 4}]
)
def test_render_draws_the_same_page_through_the_joins_as_through_the_columns(options, monkeypatch):
    store = _odd_store()
    joined = _page(store, **options)
    monkeypatch.setattr(kg.render.choose, "fact_rows", lambda *a, **k: None)
    assert joined == _page(store, **options)
