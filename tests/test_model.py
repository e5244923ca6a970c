"""The graph model, on the embedded store and on a real Oxigraph server alike.

One node per entity and per deal, every article a source: the union default graph
holds no triple twice, plain SUMs add up, disagreeing sources are conflicts,
removing an article removes exactly what only it stated, merges are kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kg.build import OldLayoutError, write
from kg.cli import cli
from kg.conflicts import find_conflicts
from kg.facts import FactsDocument
from kg.manage import merge_entities, remove_articles
from kg.store import OxigraphStore
from kg.store.base import Store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"


@pytest.fixture(params=["embedded", pytest.param("server", marks=pytest.mark.server)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "embedded":
        embedded = OxigraphStore(tmp_path / "store")
        yield embedded
        embedded.close()
    else:
        from kg.store.remote import RemoteStore

        base = request.getfixturevalue("oxigraph_server")
        remote = RemoteStore(f"{base}/query")
        yield remote
        remote.close()


def doc(article_id: str, entities: list[tuple[str, str, str]], facts: list[dict[str, Any]]) -> FactsDocument:
    """A facts document: entities as (id, name, type) or (id, name, type, [aliases])."""
    return FactsDocument.from_dict(
        {
            "schema": "kg-facts/1",
            "article": {"id": article_id, "published": "2025-02-03"},
            "entities": [
                {"id": e[0], "name": e[1], "type": e[2], "aliases": list(e[3]) if len(e) > 3 else []}
                for e in entities
            ],
            "facts": facts,
        }
    )


ORGS = [("north", "Northwind Capital", "Organization"), ("quil", "Quillon", "Organization")]


def deal(
    amount: int, *, date: str = "2025-01", status: str = "completed", evidence: str = "", **more: Any
) -> dict:
    fact = {
        "type": "investment",
        "investor": "north",
        "investee": "quil",
        "amount": amount,
        "currency": "USD",
        "date": date,
        "status": status,
        "confidence": 0.8,
        **more,
    }
    if evidence:
        fact["evidence"] = {"start": 0, "end": len(evidence), "text": evidence}
    return fact


def values(store: Store, sparql: str) -> list[tuple]:
    return store.select_values(sparql)[1]


def repeated_triples(store: Store) -> tuple[int, int]:
    (total,) = values(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]
    (distinct,) = values(
        store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    )[0]
    return total, distinct


# -- the development corpus ----------------------------------------------------------------------
@pytest.fixture(scope="session")
def corpus_docs(nlp) -> list[FactsDocument]:
    from kg.ingest import facts_documents

    return list(facts_documents([CORPUS, ROOT / "seeds"]))


def test_corpus_union_has_no_repeated_triple_and_sums_add_up(store: Store, corpus_docs) -> None:
    from kg.validate import validate

    write(store, corpus_docs)
    total, distinct = repeated_triples(store)
    assert total == distinct > 5000
    # the label query: one row per person
    rows = values(store, "SELECT ?p ?name WHERE { ?p a kgo:Person ; rdfs:label ?name }")
    assert len(rows) == len({p for p, _ in rows}) > 50
    # a plain SUM per (investor, investee) is the sum over the distinct deals
    plain = dict(
        ((i, e), amount)
        for i, e, amount in values(
            store,
            "SELECT ?i ?e (SUM(?a) AS ?t) WHERE { ?f a kgo:Investment ; kgo:investor ?i ; kgo:investee ?e ; "
            "kgo:amount ?a } GROUP BY ?i ?e",
        )
    )
    distinct_deals: dict[tuple, float] = {}
    for i, e, _, amount in values(
        store,
        "SELECT DISTINCT ?i ?e ?f ?a WHERE { ?f a kgo:Investment ; kgo:investor ?i ; kgo:investee ?e ; kgo:amount ?a }",
    ):
        distinct_deals[(i, e)] = distinct_deals.get((i, e), 0) + amount
    assert plain == distinct_deals
    amazon_anthropic = plain[
        ("https://w3id.org/kg-news/id/org/amazon", "https://w3id.org/kg-news/id/org/anthropic")
    ]
    assert (
        amazon_anthropic == 8_000_000_000
    )  # 4bn committed in 2023: 1.25bn then 2.75bn; the seed restates both
    # deals stated by two articles are one node with two sources
    assert values(store, "SELECT (COUNT(*) AS ?n) WHERE { ?f kgo:sourceCount 2 }")[0][0] >= 5
    report = validate(store)
    assert report.conforms, report.details()


# -- one node per deal --------------------------------------------------------------------------
def test_the_same_story_from_two_files_is_one_node_per_deal_with_two_sources(store: Store) -> None:
    facts = [
        deal(40_000_000, round="Series B"),
        {"type": "role", "person": "ada", "organization": "quil", "title": "chief executive"},
    ]
    people = [*ORGS, ("ada", "Ada Penrose", "Person")]
    write(store, [doc("wire-a", people, facts)])
    write(store, [doc("wire-b", people, facts)])
    rows = values(
        store, "SELECT ?f ?n ?c WHERE { ?f a kgo:Investment ; kgo:sourceCount ?n ; kgo:confidence ?c }"
    )
    assert [(n, c) for _, n, c in rows] == [(2, 0.96)]  # 1 - (1 - 0.8)^2
    assert values(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s kgo:statementOf ?f }")[0][0] == 4
    assert values(store, "SELECT (COUNT(?f) AS ?n) WHERE { ?f a kgo:Role }")[0][0] == 1
    assert repeated_triples(store)[0] == repeated_triples(store)[1]
    # re-ingesting one of them changes nothing
    before = repeated_triples(store)
    write(store, [doc("wire-b", people, facts)])
    assert repeated_triples(store) == before


def test_a_tranche_and_a_total_in_one_article_stay_two_deals(store: Store) -> None:
    first = doc("a", ORGS, [deal(4_000_000_000, status="announced"), deal(1_250_000_000)])
    later = doc("b", ORGS, [deal(1_250_000_000, date="2025-01-20")])
    write(store, [first, later])
    rows = values(
        store, "SELECT ?a ?n WHERE { ?f a kgo:Investment ; kgo:amount ?a ; kgo:sourceCount ?n } ORDER BY ?a"
    )
    assert rows == [(1_250_000_000, 2), (4_000_000_000, 1)]
    assert find_conflicts(store) == []


def test_sources_that_disagree_on_the_amount_are_a_conflict(store: Store) -> None:
    write(store, [doc("a", ORGS, [deal(40_000_000, round="Series B", evidence="Quillon raised $40m.")])])
    write(
        store,
        [
            doc(
                "b",
                ORGS,
                [deal(45_000_000, round="series b", status="announced", evidence="Quillon got $45m.")],
            )
        ],
    )
    (conflict_amount, conflict_status) = find_conflicts(store)
    assert conflict_amount.field == "amount" and conflict_status.field == "status"
    assert sorted((s.article, s.value, s.evidence) for s in conflict_amount.sources) == [
        ("a", 40_000_000, "Quillon raised $40m."),
        ("b", 45_000_000, "Quillon got $45m."),
    ]
    assert values(store, "SELECT ?d WHERE { ?f a kgo:Investment ; kgo:disputed ?d }") == [(True,)]


def test_kg_conflicts_cli_formats(tmp_path: Path) -> None:
    for name, amount in (("a", 40_000_000), ("b", 45_000_000)):
        (tmp_path / f"{name}.json").write_text(
            json.dumps(doc(name, ORGS, [deal(amount, evidence=f"{name} says so.")]).to_dict())
        )
    store = tmp_path / "store"
    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["ingest", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--store", str(store)]
        ).exit_code
        == 0
    )
    table = runner.invoke(cli, ["conflicts", "--store", str(store)])
    assert table.exit_code == 0 and "investment: Northwind Capital → Quillon — amount: " in table.output
    assert "a says so." in table.output and "1 conflict(s)" in table.output
    rows = json.loads(runner.invoke(cli, ["conflicts", "--store", str(store), "--format", "json"]).output)
    assert rows[0]["field"] == "amount" and sorted(rows[0]["values"]) == [40_000_000, 45_000_000]
    tsv = runner.invoke(cli, ["conflicts", "--store", str(store), "--format", "tsv"]).output.splitlines()
    assert (
        tsv[0].split("\t") == ["fact", "field", "value", "article", "confidence", "evidence"]
        and len(tsv) == 3
    )
    named = json.loads(
        runner.invoke(cli, ["query", "conflicts", "--store", str(store), "--format", "json"]).output
    )
    assert sorted(r["value"] for r in named) == [40_000_000, 45_000_000]


# -- removing ----------------------------------------------------------------------------------------
def test_removing_a_source_keeps_the_deal_removing_the_last_drops_it(store: Store, tmp_path: Path) -> None:
    write(store, [doc("a", ORGS, [deal(40_000_000)]), doc("b", ORGS, [deal(45_000_000)])])
    remove_articles(store, ["b"])
    only_a = OxigraphStore(None)
    write(only_a, [doc("a", ORGS, [deal(40_000_000)])])
    from rdflib import Graph

    def union(s: Store) -> Graph:
        return Graph().parse(data=s.dump("nt").decode(), format="nt")

    assert isomorphic(union(store), union(only_a))  # sourceCount, confidence and disputed recomputed
    remove_articles(store, ["a"])
    assert store.triple_count() == 0


# -- names ------------------------------------------------------------------------------------------
def test_names_in_other_scripts_stay_distinct_entities(store: Store) -> None:
    names = [
        ("zh1", "星河科技", "Organization"),
        ("zh2", "蓝海资本", "Organization"),
        ("ru1", "Северный Ветер", "Organization"),
        ("ru2", "Зарница", "Organization"),
        ("ar1", "نجمة الصحراء", "Organization"),
        ("ar2", "واحة", "Organization"),
    ]
    facts = [
        {"type": "investment", "investor": a, "investee": b}
        for a, b in (("zh2", "zh1"), ("ru1", "ru2"), ("ar1", "ar2"))
    ]
    write(store, [doc("scripts", names, facts)])
    rows = values(store, "SELECT ?e ?l WHERE { ?e a kgo:Organization ; rdfs:label ?l }")
    assert sorted(label for _, label in rows) == sorted(n for _, n, _ in names)
    assert len({e for e, _ in rows}) == 6 and not any(e.endswith("unnamed") for e, _ in rows)
    assert "https://w3id.org/kg-news/id/org/%E6%98%9F%E6%B2%B3%E7%A7%91%E6%8A%80" in {e for e, _ in rows}
    assert values(store, "SELECT (COUNT(*) AS ?n) WHERE { ?a kgo:investedIn ?b }")[0][0] == 3


def test_company_suffix_variants_and_aliases_are_one_entity(store: Store) -> None:
    write(store, [doc("a", [("q", "Quillon AI SAS", "Organization")], [])])
    write(store, [doc("b", [("q", "Quillon AI", "Organization")], [])])
    write(
        store,
        [
            doc(
                "c",
                [("q", "Quillon", "Organization"), ("d", "Duskmoor Labs", "Organization", ["Brightfen"])],
                [],
            )
        ],
    )
    write(store, [doc("d", [("b", "Brightfen", "Organization")], [])])  # "Brightfen (formerly Duskmoor Labs)"
    rows = values(store, "SELECT ?e ?l WHERE { ?e a kgo:Organization ; rdfs:label ?l }")
    assert len(rows) == 2
    iris = {e for e, _ in rows}
    assert "https://w3id.org/kg-news/id/org/quillon-ai" in iris
    aliases = values(
        store, "SELECT ?alt WHERE { <https://w3id.org/kg-news/id/org/quillon-ai> skos:altLabel ?alt }"
    )
    assert {a for (a,) in aliases} | {label for _, label in rows} >= {
        "Quillon",
        "Quillon AI",
        "Quillon AI SAS",
    }


def test_merge_is_kept_across_reingest_and_remove(store: Store) -> None:
    a = doc(
        "a",
        [("t", "Tessaly Group Holdings", "Organization"), ("n", "Northwind Capital", "Organization")],
        [
            {
                "type": "investment",
                "investor": "n",
                "investee": "t",
                "amount": 5,
                "currency": "EUR",
                "date": "2025-01",
            }
        ],
    )
    b = doc(
        "b",
        [("t", "Tessalon", "Organization"), ("n", "Northwind Capital", "Organization")],
        [
            {
                "type": "investment",
                "investor": "n",
                "investee": "t",
                "amount": 5,
                "currency": "EUR",
                "date": "2025-01",
            }
        ],
    )
    write(store, [a, b])
    assert values(store, "SELECT (COUNT(?f) AS ?n) WHERE { ?f a kgo:Investment }")[0][0] == 2
    report = merge_entities(store, "Tessaly Group Holdings", "Tessalon")
    assert report.articles == 1 and "Tessalon" in report.summary()

    def state() -> tuple:
        return (
            values(store, "SELECT ?l WHERE { ?e a kgo:Organization ; rdfs:label ?l } ORDER BY ?l"),
            values(store, "SELECT ?n WHERE { ?f a kgo:Investment ; kgo:sourceCount ?n }"),
        )

    assert state() == (
        [("Northwind Capital",), ("Tessaly Group Holdings",)],
        [(2,)],
    )  # one entity, one deal, two sources
    write(store, [b])  # re-ingest the article that named the merged entity
    assert state() == ([("Northwind Capital",), ("Tessaly Group Holdings",)], [(2,)])
    remove_articles(store, ["a", "b"])
    write(store, [b])
    assert values(store, "SELECT ?e WHERE { ?e a kgo:Organization ; rdfs:label 'Tessalon' }") == [
        ("https://w3id.org/kg-news/id/org/tessaly-group-holdings",)
    ]
    assert repeated_triples(store)[0] == repeated_triples(store)[1]


def test_merge_cli_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc("a", [*ORGS, ("q2", "Quilon Partners", "Organization")], []).to_dict()))
    store = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(path), "--store", store]).exit_code == 0
    missing = runner.invoke(cli, ["merge", "Quillon", "Nobody Ltd", "--store", store])
    assert (
        missing.exit_code != 0
        and "Error: no entity 'Nobody Ltd'" in missing.output
        and "Traceback" not in missing.output
    )
    same = runner.invoke(cli, ["merge", "Quillon", "kgorg:quillon", "--store", store])
    assert same.exit_code != 0 and "already one entity" in same.output
    done = runner.invoke(cli, ["merge", "Quillon", "Quilon Partners", "--store", store])
    assert done.exit_code == 0, done.output
    listed = json.loads(runner.invoke(cli, ["entities", "--store", store, "--format", "json"]).output)
    assert [e["name"] for e in listed["entities"]] == ["Northwind Capital", "Quillon"]


# -- old stores ------------------------------------------------------------------------------------
def test_a_store_in_the_old_layout_is_refused_with_one_line(tmp_path: Path) -> None:
    old = OxigraphStore(tmp_path / "old")
    old.update(
        "INSERT DATA { GRAPH <https://w3id.org/kg-news/id/article/x> { "
        "<https://w3id.org/kg-news/id/article/x> a kgo:Article . "
        "<https://w3id.org/kg-news/id/org/acme> a kgo:Organization ; rdfs:label 'Acme' } }"
    )
    with pytest.raises(OldLayoutError, match="older kg"):
        write_checked(old)
    old.close()
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc("a", ORGS, []).to_dict()))
    result = CliRunner().invoke(cli, ["ingest", str(path), "--store", str(tmp_path / "old")])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert result.output.count("\n") == 1 and "run `kg ingest` on your articles again" in result.output


def write_checked(store: Store) -> None:
    from kg.build import check_layout

    check_layout(store)


def test_the_queries_in_the_model_docs_run_and_count_each_deal_once() -> None:
    import re

    text = (ROOT / "ontology" / "model.md").read_text(encoding="utf-8")
    queries = re.findall(r"```sparql\n(.*?)```", text, flags=re.S)
    assert len(queries) == 4
    store = OxigraphStore(None)
    write(
        store,
        [
            doc("a", ORGS, [deal(40_000_000, evidence="Quillon raised $40m.")]),
            doc("b", ORGS, [deal(45_000_000)]),
        ],
    )
    totals, sources, disputes, per_article = (store.select_values(q)[1] for q in queries)
    assert totals == [("Northwind Capital", "Quillon", "USD", 45_000_000, 1)]
    assert sources[0][:2] == ("investment: Northwind Capital → Quillon", 2)
    assert sorted(row[1] for row in disputes) == ["a", "b"]
    assert sorted(row[1] for row in per_article) == [40_000_000, 45_000_000]


def test_rendered_page_marks_disputed_edges() -> None:
    from kg.render import render

    store = OxigraphStore(None)
    write(store, [doc("a", ORGS, [deal(40_000_000)]), doc("b", ORGS, [deal(45_000_000)])])
    page = render(store).html
    assert '"dashes": true' in page.replace('"dashes":true', '"dashes": true')
    assert "disputed: sources disagree" in page


def test_former_names_and_introduced_acronyms_join_the_entity(store: Store, nlp) -> None:
    from kg.extract import extract_text

    first = extract_text(
        "Brightfen (formerly Duskmoor Labs) raised $40 million in a Series B led by Orrin Ventures. "
        "Kelvara Dynamics (KVD) signed a supply deal with Brightfen.",
        "story-1",
    )
    later = extract_text("Duskmoor Labs hired a new finance chief. KVD later bought Lumaro.", "story-2")
    write(store, [first, later])
    rows = values(store, "SELECT ?e ?l WHERE { ?e a kgo:Organization ; rdfs:label ?l }")
    names = {label: e for e, label in rows}
    by_alias = dict(values(store, "SELECT ?alt ?e WHERE { ?e skos:altLabel ?alt }"))
    duskmoor = names.get("Duskmoor Labs") or by_alias["Duskmoor Labs"]
    assert (names.get("Brightfen") or by_alias["Brightfen"]) == duskmoor
    kelvara = names.get("Kelvara Dynamics") or by_alias["Kelvara Dynamics"]
    assert (names.get("KVD") or by_alias["KVD"]) == kelvara
    assert len([e for e, _ in rows if e in (duskmoor, kelvara)]) == 2
