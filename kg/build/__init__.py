"""Facts documents -> RDF under the kg ontology: article graphs and the shared graph."""

from kg.build.batch import OldLayoutError, build_dataset, build_graph, check_layout, prepare, write
from kg.build.identity import FactMatcher
from kg.build.rdf import EntityResolver, article_iri, article_triples, entity_iri, fact_iri
from kg.names import name_key, slug

__all__ = [
    "EntityResolver",
    "FactMatcher",
    "OldLayoutError",
    "article_iri",
    "article_triples",
    "build_dataset",
    "build_graph",
    "check_layout",
    "entity_iri",
    "fact_iri",
    "name_key",
    "prepare",
    "slug",
    "write",
]
