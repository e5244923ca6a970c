"""The entity graph and its analyses, checked against values worked out by hand.

``network.jsonl`` (two articles) draws this undirected graph of 8 entities::

    Jane Doe ─ Nova Labs ─ Nova Chip
               │      │
           Alpha     Beta          (both invested in Nova Labs and Orbit AI)
               │      │
               Orbit AI ─ Gamma Corp ─ Delta Systems

Betweenness is normalised by (n-1)(n-2)/2 = 21 pairs. Nova Labs lies on every
path from Jane Doe or Nova Chip to anyone (11 pairs) and on half of the two
Alpha-Beta paths: 11.5/21. Orbit AI: Gamma and Delta to the five others (10)
plus half of Alpha-Beta: 10.5/21. Gamma Corp: Delta to the 6 others: 6/21.
Alpha Capital carries half of the 9 pairs that cross between the Nova side
({Nova, Jane, Chip}) and the Orbit side ({Orbit, Gamma, Delta}): 4.5/21.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg import analyze
from kg.analyze import (
    ANALYSIS_GRAPH,
    centrality,
    coinvestors,
    communities,
    entity_graph,
    find_entity,
    funding,
    neighbours,
    paths,
    save_scores,
)
from kg.cli import cli
from kg.errors import InputError
from kg.ingest import ingest
from kg.store.oxigraph import OxigraphStore

DATA = Path(__file__).parent / "data" / "analyze"
ORG = "https://w3id.org/kg-news/id/org/"


def _store(*names: str) -> OxigraphStore:
    store = OxigraphStore(None)
    ingest([DATA / n for n in names], store)
    return store


@pytest.fixture(scope="module")
def network_store() -> OxigraphStore:
    return _store("network.jsonl")


@pytest.fixture(scope="module")
def network(network_store) -> nx.MultiDiGraph:
    return entity_graph(network_store)


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory) -> Path:
    """The same facts in an on-disk store, for the CLI."""
    path = tmp_path_factory.mktemp("analyze") / "store"
    result = CliRunner().invoke(cli, ["ingest", str(DATA / "network.jsonl"), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


def by_label(rows, attribute="label"):
    return {getattr(r, attribute): r for r in rows}


# ------------------------------------------------------------------ the graph ---
def test_entity_graph_nodes_carry_label_class_aliases_and_article_count(network):
    assert network.number_of_nodes() == 8
    nova = network.nodes[ORG + "nova-labs"]
    assert nova == {"label": "Nova Labs", "cls": "Organization", "articles": 2, "aliases": ["Nova"]}
    assert network.nodes["https://w3id.org/kg-news/id/person/jane-doe"]["cls"] == "Person"
    assert network.nodes["https://w3id.org/kg-news/id/product/nova-chip"]["articles"] == 1


def test_a_deal_stated_by_two_articles_is_one_edge_with_both_sources(network):
    edges = network.get_edge_data(ORG + "alpha-capital", ORG + "nova-labs")
    assert len(edges) == 1
    edge = next(iter(edges.values()))
    assert edge["relation"] == "investedIn"
    assert (edge["amount"], edge["currency"], edge["date"]) == (100_000_000, "USD", "2023-01")
    assert edge["articles"] == ["analyze-a1", "analyze-a2"]
    assert len(edge["evidence"]) == 2 and "Alpha Capital put $100m into Nova Labs." in edge["evidence"]
    assert network.graph["headlines"]["analyze-a2"] == "Gamma Corp buys Orbit AI"


def test_edges_are_the_shortcut_relations_and_partnerships_are_one_edge(network):
    relations = sorted(d["relation"] for _, _, d in network.edges(data=True))
    assert relations == [
        "acquired",
        "investedIn",
        "investedIn",
        "investedIn",
        "investedIn",
        "makes",
        "memberOf",
        "partnerOf",
    ]
    role = next(d for _, _, d in network.edges(data=True) if d["relation"] == "memberOf")
    assert role["details"] == {"title": "chief executive", "current": True}
    # the funding round has no second entity: no edge, but it counts for funding
    assert not any(d["fact_type"] == "funding_round" for _, _, d in network.edges(data=True))


def test_entity_graph_of_an_empty_store_is_empty():
    graph = entity_graph(OxigraphStore(None))
    assert graph.number_of_nodes() == 0
    assert centrality(graph) == [] and communities(graph) == [] and coinvestors(graph) == []


# -------------------------------------------------------------- entity lookup ---
@pytest.mark.parametrize(
    "name",
    ["Alpha Capital", "alpha capital", "ALPHA", " alpha ", ORG + "alpha-capital", "kgid:org/alpha-capital"],
)
def test_find_entity_by_label_alias_or_iri(network, name):
    assert find_entity(network, name) == ORG + "alpha-capital"


def test_find_entity_suggests_close_names(network):
    with pytest.raises(InputError, match="did you mean 'Nova Labs'"):
        find_entity(network, "Nova Lab")


# ----------------------------------------------------------------- centrality ---
def test_centrality_matches_hand_computed_values(network):
    rows = by_label(centrality(network, top=None))
    assert [r.label for r in centrality(network, top=2)] == ["Nova Labs", "Orbit AI"]
    assert rows["Nova Labs"].degree == 4
    assert rows["Nova Labs"].degree_centrality == pytest.approx(4 / 7)
    assert rows["Jane Doe"].degree_centrality == pytest.approx(1 / 7)
    assert rows["Nova Labs"].betweenness == pytest.approx(11.5 / 21)
    assert rows["Orbit AI"].betweenness == pytest.approx(10.5 / 21)
    assert rows["Gamma Corp"].betweenness == pytest.approx(6 / 21)
    assert rows["Alpha Capital"].betweenness == pytest.approx(4.5 / 21)
    assert rows["Delta Systems"].betweenness == 0
    assert sum(r.pagerank for r in rows.values()) == pytest.approx(1)
    # Alpha and Beta sit in the same place in the graph
    assert rows["Alpha Capital"].pagerank == pytest.approx(rows["Beta Ventures"].pagerank)


def test_pagerank_of_a_chain_of_three_matches_the_hand_solution():
    # Undirected path P - Q - R, damping 0.85: the ends get x, the middle y with
    # x = 0.05 + 0.85 * y / 2 and y = 0.05 + 0.85 * 2x, so x = 0.07125 / 0.2775.
    rows = by_label(centrality(_store("chain.facts.json"), top=None))
    end = 0.07125 / 0.2775
    assert rows["Pike Holdings"].pagerank == pytest.approx(end, abs=1e-5)
    assert rows["Rook"].pagerank == pytest.approx(end, abs=1e-5)
    assert rows["Quill"].pagerank == pytest.approx(1 - 2 * end, abs=1e-5)
    assert rows["Quill"].betweenness == pytest.approx(1.0)


def test_centrality_ranks_by_the_measure_asked_for(network):
    assert centrality(network, by="betweenness", top=1)[0].label == "Nova Labs"
    assert [r.label for r in centrality(network, by="degree", top=2)] == ["Nova Labs", "Orbit AI"]
    with pytest.raises(InputError):
        centrality(network, by="fame")


def test_betweenness_is_sampled_above_the_exact_limit(monkeypatch):
    graph = nx.MultiDiGraph()
    for i in range(100):
        graph.add_node(str(i), label=f"n{i}", cls="Organization", articles=1, aliases=[])
    for i in range(99):
        graph.add_edge(str(i), str(i + 1), relation="partnerOf")
    calls = []
    real = nx.betweenness_centrality
    monkeypatch.setattr(nx, "betweenness_centrality", lambda g, **kw: calls.append(kw) or real(g, **kw))
    centrality(graph)  # 100 nodes: under the exact limit
    monkeypatch.setattr(analyze, "BETWEENNESS_EXACT_LIMIT", 10)
    centrality(graph, sample=5)
    centrality(graph, sample=0)
    monkeypatch.setattr(analyze, "BETWEENNESS_BUDGET", 199 * 40)  # (100 nodes + 99 edges) x 40 sources
    centrality(graph)
    monkeypatch.setattr(analyze, "BETWEENNESS_BUDGET", 10)  # never fewer than 32 sources
    centrality(graph)
    assert [c["k"] for c in calls] == [None, 5, None, 40, 32]
    assert all(c["seed"] == 42 for c in calls)


# ---------------------------------------------------------------- communities ---
def test_communities_split_two_triangles_joined_by_one_edge():
    found = communities(_store("cliques.facts.json"))
    assert sorted(sorted(c.members) for c in found) == [["Acme", "Bolt", "Crane"], ["Dyna", "Echo", "Flux"]]
    assert [c.number for c in found] == [1, 2]


def test_communities_are_repeatable_and_cover_every_connected_entity(network):
    first, second = communities(network), communities(network)
    assert first == second
    members = [m for c in first for m in c.entities]
    assert sorted(members) == sorted(network.nodes)
    assert [c.size for c in first] == sorted((c.size for c in first), reverse=True)


# ---------------------------------------------------------------------- paths ---
def test_paths_list_the_facts_on_each_hop(network):
    hops = paths(network, "jane doe", "Gamma")
    assert {h.path for h in hops} == {1, 2}  # via Alpha or via Beta, both 4 hops
    first = [(h.hop, h.source, h.relation, h.target) for h in hops if h.path == 1]
    assert first == [
        (1, "Jane Doe", "memberOf", "Nova Labs"),
        (2, "Alpha Capital", "investedIn", "Nova Labs"),
        (3, "Alpha Capital", "investedIn", "Orbit AI"),
        (4, "Gamma Corp", "acquired", "Orbit AI"),
    ]
    acquisition = hops[3]
    assert (acquisition.amount, acquisition.currency, acquisition.articles) == (
        500_000_000,
        "USD",
        ["analyze-a2"],
    )
    assert acquisition.evidence == ["Gamma Corp bought Orbit AI for $500m."]
    assert len(paths(network, "jane doe", "Gamma", max_paths=1)) == 4


def test_no_path_is_an_empty_answer_and_unknown_names_an_error():
    store = _store("network.jsonl", "chain.facts.json")
    assert paths(store, "Nova Labs", "Quill") == []
    with pytest.raises(InputError, match="no entity named 'Nobody'"):
        paths(store, "Nobody", "Quill")


# --------------------------------------------------------------- co-investors ---
def test_coinvestors_count_shared_companies(network):
    rows = coinvestors(network)
    assert [(r.investor_a, r.investor_b, r.count, r.companies) for r in rows] == [
        ("Alpha Capital", "Beta Ventures", 2, ["Nova Labs", "Orbit AI"])
    ]


# -------------------------------------------------------------------- funding ---
def test_funding_sums_per_currency_and_counts_a_restated_deal_once(network_store):
    rows = {(r.label, r.currency): r for r in funding(network_store)}
    nova = rows[("Nova Labs", "USD")]
    assert (nova.received, nova.raised, nova.given, nova.deals) == (150_000_000, 150_000_000, 0, 3)
    assert rows[("Orbit AI", "EUR")].received == 20_000_000  # Beta's stake has no amount
    assert rows[("Alpha Capital", "USD")].given == 100_000_000  # stated twice, counted once
    assert rows[("Alpha Capital", "EUR")].given == 20_000_000
    assert rows[("Beta Ventures", "USD")].given == 50_000_000
    assert len(rows) == 5
    assert [r.label for r in funding(network_store, currency="eur")] == ["Orbit AI", "Alpha Capital"]


def test_funding_filters_by_status(network_store):
    # Only the Nova deals state "completed"; a deal without a status counts as completed too.
    completed = {(r.label, r.currency) for r in funding(network_store, statuses=["completed"])}
    assert ("Orbit AI", "EUR") in completed
    assert funding(network_store, statuses=["planned"]) == []
    with pytest.raises(InputError):
        funding(network_store, statuses=["rumoured"])


# ----------------------------------------------------------------- neighbours ---
def test_neighbours_within_hops_with_the_linking_facts(network):
    one = neighbours(network, "Alpha", hops=1)
    assert [(r.label, r.hops) for r in one] == [("Nova Labs", 1), ("Orbit AI", 1)]
    assert one[0].links == ["Alpha Capital investedIn Nova Labs (USD 100m, 2023-01)"]
    two = by_label(neighbours(network, "Alpha", hops=2))
    assert set(two) == {"Nova Labs", "Orbit AI", "Beta Ventures", "Gamma Corp", "Jane Doe", "Nova Chip"}
    assert two["Beta Ventures"].hops == 2 and len(two["Beta Ventures"].links) == 2
    assert two["Jane Doe"].links == ["Jane Doe memberOf Nova Labs (chief executive)"]


# ----------------------------------------------------------------------- save ---
def test_save_scores_writes_a_named_graph_sparql_can_sort_by():
    store = _store("network.jsonl")
    written = save_scores(store)
    assert written == 8 * 4  # pagerank, degree, betweenness, community for each of 8 entities
    assert ANALYSIS_GRAPH in store.graph_names()
    top = store.query(
        "SELECT ?label WHERE { ?e kgo:pagerank ?pr ; rdfs:label ?label } ORDER BY DESC(?pr) LIMIT 1"
    )
    assert str(top.rows[0][0]) == "Nova Labs"
    counted = store.query("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?e kgo:community ?c }")
    assert int(counted.rows[0][0].toPython()) == len(communities(store))
    save_scores(store)  # saving again replaces, never adds
    in_graph = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{ ?s ?p ?o }} }}")
    assert in_graph.rows[0][0].toPython() == 32
    # the scores do not change the graph itself
    assert entity_graph(store).number_of_nodes() == 8


# ------------------------------------------------------------------------ CLI ---
def run(*args: str):
    return CliRunner().invoke(cli, ["analyze", *args])


def test_cli_centrality_table(disk_store):
    result = run("centrality", "--store", str(disk_store), "--top", "2")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == [
        "entity",
        "class",
        "articles",
        "degree",
        "degree_centrality",
        "pagerank",
        "betweenness",
    ]
    assert lines[2].startswith("Nova Labs") and "0.5476" in lines[2]
    assert lines[-1] == "(2 rows)"


def test_cli_centrality_json_and_csv(disk_store):
    rows = json.loads(run("centrality", "--store", str(disk_store), "--format", "json", "--top", "0").output)
    assert len(rows) == 8 and rows[0]["label"] == "Nova Labs"
    assert rows[0]["betweenness"] == pytest.approx(11.5 / 21)
    csv_lines = run(
        "centrality", "--store", str(disk_store), "--format", "csv", "--by", "degree"
    ).output.splitlines()
    assert csv_lines[0] == "entity,class,articles,degree,degree_centrality,pagerank,betweenness"
    assert csv_lines[1].startswith("Nova Labs,Organization,2,4,0.5714")


def test_cli_communities(disk_store):
    result = run("communities", "--store", str(disk_store), "--format", "json")
    assert result.exit_code == 0
    assert sum(c["size"] for c in json.loads(result.output)) == 8


def test_cli_path_table_and_unknown_entity(disk_store):
    result = run("path", "JANE DOE", "gamma corp", "--store", str(disk_store), "--max-paths", "1")
    assert result.exit_code == 0, result.output
    assert "Gamma Corp     acquired    Orbit AI   500m" in result.output
    assert result.output.splitlines()[-1] == "(4 rows)"
    missing = run("path", "Jane Doe", "Nobody", "--store", str(disk_store))
    assert missing.exit_code != 0
    assert "Error: no entity named 'Nobody'" in missing.output and "Traceback" not in missing.output


def test_cli_coinvestors_csv(disk_store):
    result = run("coinvestors", "--store", str(disk_store), "--format", "csv")
    assert result.output.splitlines() == [
        "investor,co-investor,companies,in",
        "Alpha Capital,Beta Ventures,2,Nova Labs; Orbit AI",
    ]


def test_cli_funding_table_shows_readable_amounts(disk_store):
    result = run("funding", "--store", str(disk_store), "--currency", "USD")
    assert result.exit_code == 0
    assert result.output.splitlines()[2].split() == ["Nova", "Labs", "USD", "150m", "150m", "0", "3"]


def test_cli_neighbours_json(disk_store):
    result = run("neighbours", "nova", "--store", str(disk_store), "--hops", "1", "--format", "json")
    assert sorted(r["label"] for r in json.loads(result.output)) == [
        "Alpha Capital",
        "Beta Ventures",
        "Jane Doe",
        "Nova Chip",
    ]


def test_cli_save_writes_scores(tmp_path):
    path = tmp_path / "store"
    CliRunner().invoke(cli, ["ingest", str(DATA / "chain.facts.json"), "--store", str(path)])
    result = run("centrality", "--store", str(path), "--save")
    assert result.exit_code == 0
    query = CliRunner().invoke(
        cli,
        [
            "query",
            "SELECT ?l WHERE { ?e kgo:betweenness 1.0e0 ; rdfs:label ?l }",
            "--store",
            str(path),
            "--format",
            "csv",
        ],
    )
    assert query.output.splitlines() == ["l", "Quill"]
