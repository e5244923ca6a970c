"""A remote store: any SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB, Virtuoso, Neptune, …).

Queries go through the SPARQL 1.1 Protocol (form-encoded POST), updates to the
update endpoint, and whole graphs through the Graph Store HTTP Protocol when the
server has one (a PUT per article graph), else as ``DROP`` + ``INSERT DATA``
updates. The server must treat the union of its named graphs as the default
graph (see docs/stores.md), as kg's queries carry no ``GRAPH`` clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from rdflib import Graph

from kg.errors import QueryError, StoreError
from kg.namespaces import sparql_prefixes
from kg.store.base import EXPORT_FORMATS, QueryResult, Store
from kg.store.oxigraph import OxigraphStore, to_rdflib

#: One update request carries about this many bytes of N-Triples (servers cap request bodies).
MAX_UPDATE_BYTES = 4_000_000
DEFAULT_TIMEOUT = 60.0

_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples;q=0.8, text/turtle;q=0.7"
)
_RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPH_FORMATS = {
    "application/n-triples": "nt",
    "text/plain": "nt",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


def default_update_endpoint(endpoint: str) -> str:
    """``…/query`` -> ``…/update`` (Oxigraph, Fuseki), else the query endpoint itself (GraphDB, Virtuoso)."""
    parts = urlsplit(endpoint)
    if parts.path.endswith("/query"):
        return urlunsplit(parts._replace(path=parts.path[: -len("query")] + "update"))
    return endpoint


class RemoteStore(Store):
    """A SPARQL 1.1 server reached over HTTP, with optional basic or bearer auth."""

    def __init__(
        self,
        endpoint: str,
        *,
        update_endpoint: str | None = None,
        graph_store: str | None = None,
        user: str | None = None,
        password: str | None = None,
        token: str | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ):
        if not re.match(r"^https?://", endpoint):
            raise StoreError(f"endpoint {endpoint!r} is not an http(s) URL")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or default_update_endpoint(endpoint)
        self.graph_store = graph_store
        self.description = f"endpoint {endpoint}"
        auth: httpx.Auth | None = None
        headers = {"User-Agent": "kg-news (SPARQL 1.1 client)"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        elif user:
            auth = httpx.BasicAuth(user, password or "")
        self._client = httpx.Client(auth=auth, headers=headers, timeout=timeout, transport=transport)
        self._timeout = timeout

    # -- HTTP ------------------------------------------------------------------
    def _send(self, method: str, url: str, *, what: str, **kwargs: object) -> httpx.Response:
        """One request; transport failures and HTTP errors become KgErrors that say what to do."""
        try:
            response = self._client.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.ConnectError as exc:
            raise StoreError(
                f"cannot reach {url} ({_one_line(exc)}); is the SPARQL server running?"
            ) from None
        except httpx.TimeoutException:
            raise StoreError(f"{url} did not answer the {what} within {self._timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"{what} to {url} failed: {_one_line(exc)}") from None
        if response.status_code < 400:
            return response
        detail = _one_line(response.text)[:500] or response.reason_phrase
        status = response.status_code
        if status == 400:
            raise QueryError(f"{url} rejected the {what}: {detail}")
        if status in (401, 403):
            raise StoreError(
                f"{url} refused the {what} (HTTP {status}: {detail}); check --user/--password or --token"
            )
        if status == 404:
            raise StoreError(f"{url} answered 404 Not Found to the {what}; is it the right endpoint URL?")
        if status in (405, 415) and what == "update":
            raise StoreError(f"{url} does not accept SPARQL updates (HTTP {status}); pass --update-endpoint")
        raise StoreError(f"{url} failed on the {what}: HTTP {status} {detail}")

    # -- reading ---------------------------------------------------------------
    def query(self, sparql: str) -> QueryResult:
        response = self._send(
            "POST",
            self.endpoint,
            what="query",
            data={"query": sparql_prefixes() + sparql},
            headers={"Accept": _ACCEPT},
        )
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media in _RESULT_FORMATS:
            try:
                parsed = ox.parse_query_results(response.content, format=_RESULT_FORMATS[media])
            except (SyntaxError, ValueError) as exc:
                raise StoreError(f"{self.endpoint} sent unreadable results: {_one_line(exc)}") from None
            if isinstance(parsed, ox.QueryBoolean):
                return QueryResult("ask", boolean=bool(parsed))
            variables = [v.value for v in parsed.variables]
            rows = [tuple(to_rdflib(sol[v]) for v in variables) for sol in parsed]
            return QueryResult("select", variables=variables, rows=rows)
        if media in _GRAPH_FORMATS:
            graph = Graph()
            if response.content:
                graph.parse(data=response.content, format=_GRAPH_FORMATS[media])
            return QueryResult("graph", graph=graph)
        raise StoreError(f"{self.endpoint} answered the query with unsupported content type {media!r}")

    def graph_names(self) -> list[str]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(row[0]) for row in result.rows if row[0] is not None)

    def has_graph(self, iri: str) -> bool:
        """Whether the named graph exists and holds a triple."""
        return bool(self.query(f"ASK {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}").boolean)

    def dump(self, fmt: str) -> bytes:
        """Copy every quad into an in-memory Oxigraph store and serialise that.

        Fine for graphs that fit in memory; for larger ones use the server's own dump.
        """
        if fmt not in EXPORT_FORMATS:
            raise QueryError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
        response = self._send(
            "POST",
            self.endpoint,
            what="query",
            data={"query": "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
            headers={"Accept": "application/sparql-results+json"},
        )
        try:
            solutions = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.endpoint} sent unreadable results: {_one_line(exc)}") from None
        local = OxigraphStore(None)
        local.oxigraph.extend(ox.Quad(sol["s"], sol["p"], sol["o"], sol["g"]) for sol in solutions)
        return local.dump(fmt)

    # -- writing ---------------------------------------------------------------
    def update(self, sparql: str) -> None:
        self._send("POST", self.update_endpoint, what="update", data={"update": sparql_prefixes() + sparql})

    def replace_graphs(self, graphs: Iterable[tuple[str, str]]) -> None:
        """PUT each graph to the Graph Store endpoint, or send batched DROP + INSERT DATA updates.

        A batch of updates is one request, so it is atomic on servers whose updates
        are transactional; PUTs are atomic per graph only.
        """
        if self.graph_store:
            for iri, ntriples in graphs:
                self._send(
                    "PUT",
                    self.graph_store,
                    what="graph upload",
                    params={"graph": iri},
                    content=ntriples.encode("utf-8"),
                    headers={"Content-Type": "application/n-triples"},
                )
            return
        batch: list[str] = []
        size = 0
        for iri, ntriples in graphs:
            batch.append(f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{ntriples}\n}} }}")
            size += len(ntriples)
            if size >= MAX_UPDATE_BYTES:
                self._send_updates(batch)
                batch, size = [], 0
        if batch:
            self._send_updates(batch)

    def _send_updates(self, operations: list[str]) -> None:
        self._send("POST", self.update_endpoint, what="update", data={"update": " ;\n".join(operations)})

    def remove_graphs(self, graph_iris: Iterable[str]) -> None:
        drops = [f"DROP SILENT GRAPH <{iri}>" for iri in graph_iris]
        if drops:
            self._send_updates(drops)

    def default_graph_is_union(self) -> bool | None:
        """Whether queries without GRAPH see the named graphs (None: there are no named graphs)."""
        if not self.query("ASK { GRAPH ?g { ?s ?p ?o } }").boolean:
            return None
        return bool(self.query("ASK { ?s ?p ?o }").boolean)

    def close(self) -> None:
        self._client.close()


def _one_line(exc: object) -> str:
    return " ".join(str(exc).split())
