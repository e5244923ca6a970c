"""Facts documents -> RDF under the kg ontology."""

from kg.build.rdf import (
    EntityResolver,
    article_iri,
    article_ntriples,
    article_triples,
    build_graph,
    entity_iri,
)
from kg.names import name_key, slug

__all__ = [
    "EntityResolver",
    "article_iri",
    "article_ntriples",
    "article_triples",
    "build_graph",
    "entity_iri",
    "name_key",
    "slug",
]
