"""The ontology and shapes files against the fact-type registry and the RDF builder."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, PROV, RDF, RDFS

import kg.ontology as ontology_module
from kg.build import build_graph
from kg.build.rdf import ENTITY_CLASSES
from kg.facts import read_facts_file
from kg.facttypes import FACT_TYPES, LITERALS
from kg.namespaces import KGO, ORG, SCHEMA, SH
from kg.ontology import (
    load_ontology,
    load_shapes,
    ontology_markdown,
    ontology_path,
    shapes_path,
    write_ontology_docs,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
ALL_TYPES = DATA / "all-fact-types.facts.json"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def _members(graph: Graph, term) -> set:
    """The classes of a class expression: itself, or the members of an owl:unionOf."""
    if isinstance(term, BNode):
        union = graph.value(term, OWL.unionOf)
        assert union is not None, f"anonymous class without owl:unionOf: {term}"
        return set(Collection(graph, union))
    return {term}


def _is_kgo(term) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(str(KGO))


def test_files_are_found_in_the_source_tree():
    assert ontology_path() == ROOT / "ontology" / "kg.ttl"
    assert shapes_path() == ROOT / "ontology" / "shapes.ttl"


def test_files_are_found_where_the_wheel_puts_them(tmp_path, monkeypatch):
    wheel_dir = tmp_path / "kg" / "ontology"
    wheel_dir.mkdir(parents=True)
    (wheel_dir / "kg.ttl").write_text("# wheel copy\n", encoding="utf-8")
    monkeypatch.setattr(ontology_module, "_SEARCH_DIRS", (wheel_dir, ROOT / "ontology"))
    assert ontology_path() == wheel_dir / "kg.ttl"
    assert shapes_path() == ROOT / "ontology" / "shapes.ttl"  # falls back to the source tree


def test_ontology_has_a_header(ontology):
    header = URIRef("https://w3id.org/kg-news/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    for prop in (RDFS.label, RDFS.comment, OWL.versionInfo):
        assert ontology.value(header, prop) is not None, prop


def test_both_files_parse_with_pyoxigraph():
    for path in (ontology_path(), shapes_path()):
        triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        assert len(triples) > 100


@pytest.mark.skipif(shutil.which("rapper") is None, reason="raptor2-utils not installed")
@pytest.mark.parametrize("name", ["kg.ttl", "shapes.ttl"])
def test_rapper_accepts_the_files(name):
    done = subprocess.run(
        ["rapper", "-i", "turtle", "-c", str(ROOT / "ontology" / name)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr.lower()


def test_every_kgo_term_is_declared_with_label_and_comment(ontology):
    declared = [s for s in ontology.subjects(RDF.type, None) if _is_kgo(s)]
    assert len(declared) > 60
    for term in declared:
        assert ontology.value(term, RDFS.label) is not None, f"{term} has no rdfs:label"
        assert ontology.value(term, RDFS.comment) is not None, f"{term} has no rdfs:comment"


def _registry_terms() -> dict[URIRef, URIRef]:
    """kgo terms the registry uses -> the OWL kind they must have."""
    terms: dict[URIRef, URIRef] = {cls: OWL.Class for cls in ENTITY_CLASSES.values()}
    terms[KGO.Article] = OWL.Class
    terms[KGO.Fact] = OWL.Class
    for ft in FACT_TYPES.values():
        terms[ft.rdf_class] = OWL.Class
        terms.update({prop: OWL.ObjectProperty for prop in ft.roles.values()})
        if ft.shortcut:
            terms[ft.shortcut[1]] = OWL.ObjectProperty
    terms.update({prop: OWL.DatatypeProperty for prop, _ in LITERALS.values()})
    return terms


def test_every_term_of_the_registry_is_declared_with_its_kind(ontology):
    for term, kind in _registry_terms().items():
        assert (term, RDF.type, kind) in ontology, f"{term} is not declared as {kind}"
        assert ontology.value(term, RDFS.label) is not None
        assert ontology.value(term, RDFS.comment) is not None


def test_every_kgo_term_in_a_built_graph_is_declared(ontology):
    (doc,) = read_facts_file(ALL_TYPES)
    assert {f.type for f in doc.facts} == set(FACT_TYPES), "the sample must use every fact type"
    graph = build_graph(doc)
    used = {p for _, p, _ in graph if _is_kgo(p)} | {o for _, p, o in graph if p == RDF.type and _is_kgo(o)}
    assert KGO.evidenceText in used and KGO.confidence in used and KGO.sha256 not in used
    for term in used:
        assert (term, RDF.type, None) in ontology, f"{term} is used by kg.build but not declared"
        assert ontology.value(term, RDFS.label) is not None
        assert ontology.value(term, RDFS.comment) is not None
    for prop in (KGO.evidenceStart, KGO.evidenceEnd, KGO.source, KGO.sha256):
        assert (prop, RDF.type, OWL.DatatypeProperty) in ontology


def test_every_kgo_term_in_kg_code_and_queries_is_declared(ontology):
    """Any module or named query that writes or reads a kgo: term needs it in the ontology."""
    pattern = re.compile(r"(?:kgo:|KGO\.)([A-Za-z][A-Za-z0-9_]*)")
    sources = [*(ROOT / "kg").rglob("*.py"), *(ROOT / "kg").rglob("*.rq")]
    used = {(m.group(1), path.name) for path in sources for m in pattern.finditer(path.read_text("utf-8"))}
    assert ("investor", "facttypes.py") in used
    missing = sorted((name, where) for name, where in used if (KGO[name], RDF.type, None) not in ontology)
    assert not missing, f"kgo terms used but not declared in ontology/kg.ttl: {missing}"


def test_analysis_score_properties_are_declared(ontology):
    for name in ("pagerank", "degreeCentrality", "betweenness", "community"):
        assert (KGO[name], RDF.type, OWL.DatatypeProperty) in ontology


def test_classes_align_with_schema_org_org_and_prov(ontology):
    assert (KGO.Fact, RDFS.subClassOf, PROV.Entity) in ontology
    assert (KGO.Article, RDFS.subClassOf, SCHEMA.NewsArticle) in ontology
    assert (KGO.Organization, RDFS.subClassOf, SCHEMA.Organization) in ontology
    assert (KGO.Organization, RDFS.subClassOf, ORG.Organization) in ontology
    assert (KGO.Person, RDFS.subClassOf, SCHEMA.Person) in ontology
    assert (KGO.Role, RDFS.subClassOf, ORG.Membership) in ontology
    assert (KGO.memberOf, RDFS.subPropertyOf, ORG.memberOf) in ontology
    assert (KGO.subsidiaryOf, RDFS.subPropertyOf, ORG.subOrganizationOf) in ontology
    for ft in FACT_TYPES.values():
        assert (ft.rdf_class, RDFS.subClassOf, KGO.Fact) in ontology, ft.name


def test_role_domains_and_ranges_match_the_registry(ontology):
    domains: dict[URIRef, set] = {}
    ranges: dict[URIRef, set] = {}
    for ft in FACT_TYPES.values():
        for role, prop in ft.roles.items():
            domains.setdefault(prop, set()).add(ft.rdf_class)
            ranges.setdefault(prop, set()).update(ENTITY_CLASSES[t] for t in ft.role_types[role])
    for prop in domains:
        assert _members(ontology, ontology.value(prop, RDFS.domain)) == domains[prop], prop
        assert _members(ontology, ontology.value(prop, RDFS.range)) == ranges[prop], prop


def test_literal_domains_and_ranges_match_the_registry(ontology):
    from rdflib.namespace import XSD  # imported here: at module level pytest probes it and warns

    for field_name, (prop, datatype) in LITERALS.items():
        users = {ft.rdf_class for ft in FACT_TYPES.values() if field_name in ft.literals} | {KGO.Statement}
        assert _members(ontology, ontology.value(prop, RDFS.domain)) == users, prop
        rng = ontology.value(prop, RDFS.range)
        if datatype is not None:
            assert rng == datatype, prop
    date_range = ontology.value(KGO.date, RDFS.range)
    (definition,) = ontology.objects(date_range, OWL.equivalentClass)
    assert _members(ontology, definition) == {XSD.gYear, XSD.gYearMonth, XSD.date}


def test_direct_edges_match_the_registry(ontology):
    for ft in FACT_TYPES.values():
        if ft.shortcut is None:
            continue
        subject_role, prop, object_role = ft.shortcut
        assert _members(ontology, ontology.value(prop, RDFS.domain)) == {
            ENTITY_CLASSES[t] for t in ft.role_types[subject_role]
        }, prop
        assert _members(ontology, ontology.value(prop, RDFS.range)) == {
            ENTITY_CLASSES[t] for t in ft.role_types[object_role]
        }, prop
        assert ((prop, RDF.type, OWL.SymmetricProperty) in ontology) == ft.symmetric, prop


def _node_shape(shapes: Graph, cls: URIRef):
    found = [s for s in shapes.subjects(SH.targetClass, cls) if (s, RDF.type, SH.NodeShape) in shapes]
    assert len(found) == 1, f"expected one NodeShape with sh:targetClass {cls}, found {len(found)}"
    return found[0]


def _property_shape(shapes: Graph, node_shape, path: URIRef):
    found = [ps for ps in shapes.objects(node_shape, SH.property) if shapes.value(ps, SH.path) == path]
    assert len(found) == 1, f"{node_shape} has {len(found)} property shapes for {path}"
    return found[0]


def _allowed_classes(shapes: Graph, prop_shape) -> set:
    classes = set(shapes.objects(prop_shape, SH["class"]))
    for alternatives in shapes.objects(prop_shape, SH["or"]):
        for option in Collection(shapes, alternatives):
            classes.update(shapes.objects(option, SH["class"]))
    return classes


def test_every_fact_type_has_a_shape_with_its_required_roles(shapes):
    for ft in FACT_TYPES.values():
        node_shape = _node_shape(shapes, ft.rdf_class)
        for role, prop in ft.roles.items():
            prop_shape = _property_shape(shapes, node_shape, prop)
            min_count = shapes.value(prop_shape, SH.minCount)
            if role in ft.required:
                assert min_count is not None and min_count.toPython() == 1, f"{ft.name}.{role} not required"
            else:
                assert min_count is None, f"{ft.name}.{role} is optional in the registry"
            assert shapes.value(prop_shape, SH.maxCount).toPython() == 1, f"{ft.name}.{role}"
            expected = {ENTITY_CLASSES[t] for t in ft.role_types[role]}
            assert _allowed_classes(shapes, prop_shape) == expected, f"{ft.name}.{role}"


def test_fact_and_statement_shapes_require_provenance(shapes):
    # a fact comes from one or more articles; each statement from exactly one
    fact_shape = _node_shape(shapes, KGO.Fact)
    derived = _property_shape(shapes, fact_shape, PROV.wasDerivedFrom)
    assert shapes.value(derived, SH.minCount).toPython() == 1
    assert shapes.value(derived, SH.maxCount) is None
    assert shapes.value(derived, SH["class"]) == KGO.Article
    statement = _property_shape(shapes, _node_shape(shapes, KGO.Statement), PROV.wasDerivedFrom)
    assert shapes.value(statement, SH.maxCount).toPython() == 1


def test_every_literal_has_a_shape_where_it_occurs(shapes):
    from kg.facttypes import STATUSES

    for field_name, (prop, _) in LITERALS.items():
        found = [s for s in shapes.subjects(SH.targetSubjectsOf, prop) if shapes.value(s, SH.path) == prop]
        assert len(found) == 1, f"no property shape targets the subjects of {prop} ({field_name})"
        assert shapes.value(found[0], SH.maxCount).toPython() == 1
    (status,) = shapes.subjects(SH.targetSubjectsOf, KGO.status)
    allowed = {str(v) for v in Collection(shapes, shapes.value(status, SH["in"]))}
    assert allowed == set(STATUSES)


def test_entity_labels_are_exactly_one(shapes):
    """An entity is described once, in the shared graph: one label, other names are aliases."""
    for cls in ENTITY_CLASSES.values():
        label = _property_shape(shapes, _node_shape(shapes, cls), RDFS.label)
        assert shapes.value(label, SH.minCount).toPython() == 1
        assert shapes.value(label, SH.maxCount).toPython() == 1


def test_docs_ontology_md_is_current():
    committed = (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    assert committed == ontology_markdown(), "docs/ontology.md is stale: run `python -m kg.ontology`"


def test_docs_list_every_class_and_property(ontology):
    text = ontology_markdown()
    for term in ontology.subjects(RDF.type, None):
        if _is_kgo(term):
            assert f"`kgo:{str(term)[len(str(KGO)) :]}`" in text, term
    assert "`kgo:Organization` or `kgo:Person`" in text  # unions are spelled out
    assert "⊑ `org:memberOf`" in text


def test_write_ontology_docs_writes_the_markdown(tmp_path):
    target = write_ontology_docs(tmp_path / "docs" / "ontology.md")
    assert target.read_text(encoding="utf-8") == ontology_markdown()
