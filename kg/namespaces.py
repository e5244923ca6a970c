"""The namespaces kg's RDF uses, in one place."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

KGO = Namespace("https://w3id.org/kg-news/ontology#")
KGID = Namespace("https://w3id.org/kg-news/id/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
SH = Namespace("http://www.w3.org/ns/shacl#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
#: Sub-namespaces of KGID, so Turtle reads ``kgorg:anthropic`` rather than ``kgid:org\\/anthropic``.
KGORG = Namespace(f"{KGID}org/")
KGPERSON = Namespace(f"{KGID}person/")
KGPRODUCT = Namespace(f"{KGID}product/")
KGPLACE = Namespace(f"{KGID}place/")
KGFACT = Namespace(f"{KGID}fact/")
KGART = Namespace(f"{KGID}article/")
#: Per-article records: what one article says about a fact (statements) and how it names an entity (mentions).
KGSTMT = Namespace(f"{KGID}statement/")
KGMENTION = Namespace(f"{KGID}mention/")
#: The shared graph (entity and fact descriptions) and the graph of recorded entity merges.
SHARED_GRAPH = KGID["graph/shared"]
MERGES_GRAPH = KGID["graph/merges"]

#: Prefixes bound in every serialisation and prepended to every query.
PREFIXES: dict[str, Namespace] = {
    "kgo": KGO,
    "kgid": KGID,
    "kgorg": KGORG,
    "kgperson": KGPERSON,
    "kgproduct": KGPRODUCT,
    "kgplace": KGPLACE,
    "kgfact": KGFACT,
    "kgart": KGART,
    "kgstmt": KGSTMT,
    "kgmention": KGMENTION,
    "schema": SCHEMA,
    "org": ORG,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "skos": SKOS,
    "xsd": XSD,
    "dcterms": DCTERMS,
}


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, for queries that omit them."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
