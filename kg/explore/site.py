"""``kg serve``'s explorer: the store as a read-only site, as datasette is for a SQLite file.

Pages are rendered on the server from SPARQL run by the same worker pool as the
protocol endpoint (so the same time limit and row limit hold): a home page with
counts and the named queries, ``/search``, one page per entity (facts in and out,
neighbourhood, timeline), one per article (its text with the evidence marked),
``/graph`` (the ``kg render`` page, cached per store state) and ``/query`` for
people (named queries with forms, CSV/JSON downloads). Every
value goes through Jinja's autoescaping; links are built here from IRIs of the
kg namespace only, and a Content-Security-Policy allows no script but the
page's own. Queries use DISTINCT and read facts whatever graph they sit in, so
they keep working when facts or entities move between graphs.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2

from kg.build.rdf import ENTITY_CLASSES
from kg.errors import QueryError
from kg.explore.parts import (
    _CLASS_BY_IRI,
    _ENTITY_VALUES,
    _FACT_VALUES,
    _SHORTCUTS,
    GRAPH_LIMIT,
    SEARCH_LIMIT,
    Ask,
    ExploreError,
    FactView,
    Term,
    _facts_from_rows,
    _plain_iri,
    _term,
    article_text,
    compact,
    highlight,
    money,
    neighbourhood_svg,
    page_url,
)
from kg.facttypes import FACT_TYPES
from kg.namespaces import KGID, KGO, RDF, RDFS, SCHEMA
from kg.palette import CLASS_COLORS, RELATION_COLORS, RELATION_WORDS
from kg.query import bind_params, named_queries, sparql_literal


# --------------------------------------------------------------- explorer ---
class Explorer:
    """The explorer's pages, answering through ``ask`` (the serve pool)."""

    def __init__(self, ask: Ask, *, max_results: int, mode: str, limits: str, store_path: Path):
        self.ask = ask
        self.max_results = max_results
        self.mode = mode
        self.limits = limits
        self.store_path = store_path
        folder = resources.files("kg").joinpath("templates")
        self.env = jinja2.Environment(
            loader=jinja2.FunctionLoader(lambda name: folder.joinpath(name).read_text("utf-8")),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(
            page_url=page_url,
            compact=compact,
            val=lambda row, key: row[key].value if key in row else "",
            class_colors=CLASS_COLORS,
            relation_colors=RELATION_COLORS,
            relation_words=RELATION_WORDS,
        )
        self.env.filters["money"] = lambda amount, currency=None: money(amount, currency)
        self._graphs: dict[tuple, str] = {}
        self._graph_lock = asyncio.Lock()

    # ------------------------------------------------------------ queries ---
    async def select(self, query: str) -> list[dict[str, Term]]:
        return (await self.select_with_vars(query))[1]

    async def select_with_vars(self, query: str) -> tuple[list[str], list[dict[str, Term]]]:
        answer = await self.ask(
            {
                "query": query,
                "accepted": ["application/sparql-results+json"],
                "max_results": self.max_results,
                "default_graphs": None,
                "named_graphs": None,
            }
        )
        if answer.status != 200:
            raise ExploreError(answer.status, answer.body.decode("utf-8", "replace").strip())
        document = json.loads(answer.body)
        if "boolean" in document:
            return ["boolean"], [{"boolean": Term("literal", str(document["boolean"]).lower())}]
        rows = [{k: _term(v) for k, v in b.items()} for b in document["results"]["bindings"]]
        return document["head"].get("vars", []), rows

    async def labels(self, iris: set[str]) -> dict[str, str]:
        if not iris:
            return {}
        values = " ".join(f"<{i}>" for i in sorted(iris) if _plain_iri(i))
        rows = await self.select(
            f"SELECT ?x (MIN(?l) AS ?label) WHERE {{ VALUES ?x {{ {values} }} "
            "{ ?x rdfs:label ?l } UNION { ?x schema:headline ?l } } GROUP BY ?x"
        )
        return {r["x"].value: r["label"].value for r in rows if "label" in r}

    async def facts_where(self, pattern: str) -> tuple[list[FactView], dict[str, str]]:
        """Fact cards for facts matching ``pattern`` (over ``?fact``), with labels of what they name."""
        rows = await self.select(
            f"SELECT DISTINCT ?fact ?p ?o WHERE {{ {{ SELECT DISTINCT ?fact WHERE {{ {pattern} "
            f"?fact a ?class . VALUES ?class {{ {_FACT_VALUES} }} }} }} "
            # a fact's evidence and sources sit on each source's statement of it
            "{ ?fact ?p ?o } UNION { ?statement kgo:statementOf ?fact ; ?p ?o . "
            "FILTER(?p IN (kgo:evidenceText, kgo:evidenceStart, kgo:evidenceEnd, prov:wasDerivedFrom)) } }"
        )
        named = {r["o"].value for r in rows if r["o"].kind == "uri" and r["p"].value != str(RDF.type)}
        labels = await self.labels(named)
        return _facts_from_rows(rows, labels), labels

    # -------------------------------------------------------------- pages ---
    def render(self, name: str, status: int = 200, **context: Any) -> Any:
        from starlette.responses import HTMLResponse

        nonce = secrets.token_urlsafe(16)
        html = self.env.get_template(name).render(nonce=nonce, mode=self.mode, limits=self.limits, **context)
        return HTMLResponse(
            html,
            status_code=status,
            headers={
                "Content-Security-Policy": (
                    f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; "
                    "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
                ),
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer",
            },
        )

    def error(self, exc: ExploreError, title: str = "Error") -> Any:
        return self.render("error.html.j2", exc.status, title=title, message=str(exc))

    async def home(self, request: Any) -> Any:
        try:
            counts = await self.select(
                f"""SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {{
                  VALUES ?class {{ {_ENTITY_VALUES} {_FACT_VALUES} kgo:Article }} ?x a ?class }} GROUP BY ?class"""
            )
            articles = await self.select(
                """SELECT ?a (SAMPLE(?h) AS ?headline) (SAMPLE(?d) AS ?date) (SAMPLE(?id) AS ?ident)
                   (COUNT(DISTINCT ?f) AS ?facts) WHERE {
                  ?a a kgo:Article . OPTIONAL { ?a schema:headline ?h } OPTIONAL { ?a schema:datePublished ?d }
                  OPTIONAL { ?a schema:identifier ?id } OPTIONAL { ?f prov:wasDerivedFrom ?a }
                } GROUP BY ?a ORDER BY DESC(?date) ?a LIMIT 200"""
            )
        except ExploreError as exc:
            return self.error(exc)
        by_class = {r["class"].value: int(r["n"].value) for r in counts}
        entities = [(n, by_class.get(str(iri), 0)) for n, iri in ENTITY_CLASSES.items()]
        facts = [(ft.label, by_class.get(str(ft.rdf_class), 0)) for ft in FACT_TYPES.values()]
        return self.render(
            "home.html.j2",
            title="kg explorer",
            entities=[e for e in entities if e[1]],
            entity_total=sum(n for _, n in entities),
            facts=[f for f in facts if f[1]],
            fact_total=sum(n for _, n in facts),
            article_total=by_class.get(str(KGO.Article), 0),
            articles=articles,
            queries=list(named_queries().values()),
        )

    async def search(self, request: Any) -> Any:
        text = request.query_params.get("q", "").strip()
        if not text:
            return self.render("search.html.j2", title="Search", q="", hits=[], articles=[])
        needle = sparql_literal(text.casefold())
        try:
            rows = await self.select(
                f"""SELECT ?e (SAMPLE(?cls) AS ?class) (MIN(?l) AS ?label)
                      (GROUP_CONCAT(DISTINCT ?alt; separator="\\u001f") AS ?aliases)
                      (COUNT(DISTINCT ?art) AS ?articles) WHERE {{
                  {{ SELECT DISTINCT ?e WHERE {{ ?e rdfs:label|skos:altLabel ?name .
                     FILTER(CONTAINS(LCASE(STR(?name)), {needle})) }} }}
                  VALUES ?cls {{ {_ENTITY_VALUES} }} ?e a ?cls .
                  OPTIONAL {{ ?e rdfs:label ?l }} OPTIONAL {{ ?e skos:altLabel ?alt }}
                  OPTIONAL {{ ?art schema:mentions ?e }}
                }} GROUP BY ?e LIMIT {SEARCH_LIMIT * 5}"""
            )
            articles = await self.select(
                f"""SELECT DISTINCT ?a ?headline WHERE {{ ?a a kgo:Article ; schema:headline ?headline .
                  FILTER(CONTAINS(LCASE(STR(?headline)), {needle})) }} ORDER BY ?headline LIMIT {SEARCH_LIMIT}"""
            )
        except ExploreError as exc:
            return self.error(exc, "Search failed")
        wanted = text.casefold()
        hits = []
        for row in rows:
            label = row["label"].value if "label" in row else compact(row["e"].value)
            aliases = [a for a in row["aliases"].value.split("\x1f") if a] if "aliases" in row else []
            names = [label.casefold()] + [a.casefold() for a in aliases]
            rank = 0 if wanted in names else 1 if any(n.startswith(wanted) for n in names) else 2
            hits.append(
                {
                    "iri": row["e"].value,
                    "label": label,
                    "cls": _CLASS_BY_IRI.get(row["class"].value, "Entity"),
                    "aliases": sorted(aliases),
                    "articles": int(row["articles"].value),
                    "rank": rank,
                }
            )
        hits.sort(key=lambda h: (h["rank"], -h["articles"], h["label"].casefold()))
        return self.render(
            "search.html.j2", title=f"Search: {text}", q=text, hits=hits[:SEARCH_LIMIT], articles=articles
        )

    async def resource(self, request: Any) -> Any:
        """``/id/...`` or ``/resource?iri=``: an entity, an article, or any other node."""
        if request.url.path == "/resource":
            iri = request.query_params.get("iri", "")
        else:
            raw = request.scope.get("raw_path", b"").decode("latin-1").split("?", 1)[0]
            iri = str(KGID) + raw[len("/id/") :]
        if not _plain_iri(iri):
            return self.error(ExploreError(400, "not an IRI this explorer can show"))
        try:
            types = {r["t"].value for r in await self.select(f"SELECT DISTINCT ?t WHERE {{ <{iri}> a ?t }}")}
            if str(KGO.Article) in types:
                return await self.article(iri)
            entity_class = next((_CLASS_BY_IRI[t] for t in types if t in _CLASS_BY_IRI), None)
            if entity_class is not None:
                return await self.entity(iri, entity_class)
            return await self.node(iri)
        except ExploreError as exc:
            return self.error(exc)

    async def entity(self, iri: str, cls: str) -> Any:
        names = await self.select(
            f"SELECT DISTINCT ?p ?name WHERE {{ <{iri}> ?p ?name . VALUES ?p {{ rdfs:label skos:altLabel }} }}"
        )
        label = min((r["name"].value for r in names if r["p"].value == str(RDFS.label)), default=compact(iri))
        aliases = sorted({r["name"].value for r in names if r["name"].value != label})
        facts, labels = await self.facts_where(f"?fact ?role <{iri}> .")
        for fact in facts:  # the entity's own role first, the other parties after
            fact.roles.sort(key=lambda r: r[1].value != iri)
        shortcuts = " ".join(f"<{p}>" for p in _SHORTCUTS)
        links = await self.select(
            f"""SELECT DISTINCT ?p ?n ?dir ?cls WHERE {{
              VALUES ?p {{ {shortcuts} }}
              {{ <{iri}> ?p ?n BIND("out" AS ?dir) }} UNION {{ ?n ?p <{iri}> BIND("in" AS ?dir) }}
              FILTER(?n != <{iri}>)
              OPTIONAL {{ VALUES ?cls {{ {_ENTITY_VALUES} }} ?n a ?cls }}
            }}"""
        )
        mentions = await self.select(
            f"""SELECT DISTINCT ?a ?headline ?date WHERE {{ ?a schema:mentions <{iri}> .
              OPTIONAL {{ ?a schema:headline ?headline }} OPTIONAL {{ ?a schema:datePublished ?date }} }}
              ORDER BY DESC(?date) ?a"""
        )
        labels.update(await self.labels({r["n"].value for r in links} - set(labels)))
        graph = neighbourhood_svg(iri, label, cls, links, labels)
        timeline = sorted((f for f in facts if f.date), key=lambda f: f.date)
        return self.render(
            "entity.html.j2",
            title=label,
            iri=iri,
            label=label,
            cls=cls,
            aliases=aliases,
            facts=facts,
            labels=labels,
            graph=graph,
            timeline=timeline,
            mentions=mentions,
        )

    async def article(self, iri: str) -> Any:
        props = await self.select(f"SELECT DISTINCT ?p ?o WHERE {{ <{iri}> ?p ?o }}")
        info: dict[str, str] = {}
        for row in props:
            info.setdefault(row["p"].value, row["o"].value)
        facts, labels = await self.facts_where(f"?fact prov:wasDerivedFrom <{iri}> .")
        mentions = await self.select(
            f"""SELECT DISTINCT ?e (MIN(?l) AS ?label) (SAMPLE(?cls) AS ?class) WHERE {{
              <{iri}> schema:mentions ?e . OPTIONAL {{ ?e rdfs:label ?l }}
              OPTIONAL {{ VALUES ?cls {{ {_ENTITY_VALUES} }} ?e a ?cls }} }} GROUP BY ?e ORDER BY ?label"""
        )
        text, why = await asyncio.to_thread(
            article_text, info.get(str(KGO.source)), info.get(str(KGO.sha256)), self.store_path
        )
        segments = highlight(text, facts) if text is not None else []
        headline = info.get(str(SCHEMA.headline)) or info.get(str(SCHEMA.identifier)) or compact(iri)
        return self.render(
            "article.html.j2",
            title=headline,
            iri=iri,
            headline=headline,
            published=info.get(str(SCHEMA.datePublished), ""),
            identifier=info.get(str(SCHEMA.identifier), ""),
            source=info.get(str(KGO.source), ""),
            segments=segments,
            text_missing=why,
            facts=facts,
            labels=labels,
            mentions=mentions,
            class_names=_CLASS_BY_IRI,
        )

    async def node(self, iri: str) -> Any:
        out = await self.select(f"SELECT DISTINCT ?p ?o WHERE {{ <{iri}> ?p ?o }} ORDER BY ?p LIMIT 500")
        into = await self.select(f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p <{iri}> }} ORDER BY ?p LIMIT 500")
        if not out and not into:
            return self.error(ExploreError(404, f"nothing in the store is called {iri}"), "Not found")
        return self.render("node.html.j2", title=compact(iri), iri=iri, out=out, into=into)

    async def graph(self, request: Any) -> Any:
        """``/graph``: the ``kg render`` page of the store (``?focus=IRI&hops=N``), cached until the store changes."""
        from starlette.responses import HTMLResponse

        from kg.errors import KgError
        from kg.serve import store_signature

        params = request.query_params
        focus = params.get("focus") or None
        try:
            hops = min(3, max(1, int(params.get("hops", "1"))))
            limit = min(GRAPH_LIMIT, max(1, int(params.get("limit", "300"))))
        except ValueError:
            return self.error(ExploreError(400, "hops and limit are whole numbers"))
        key = (store_signature(self.store_path), focus, hops, limit)
        async with self._graph_lock:  # one drawing at a time: each reads the whole entity graph
            page = self._graphs.get(key)
            if page is None:
                try:
                    page = await asyncio.to_thread(self._draw, focus, hops, limit)
                except KgError as exc:
                    return self.error(ExploreError(404, str(exc)), "Not in the graph")
                if len(self._graphs) >= 8:
                    self._graphs.pop(next(iter(self._graphs)))
                self._graphs[key] = page
        # the page carries its own Content-Security-Policy (a meta tag with its nonce)
        return HTMLResponse(
            page, headers={"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
        )

    def _draw(self, focus: str | None, hops: int, limit: int) -> str:
        from kg.render import render
        from kg.store.oxigraph import OxigraphStore

        store = OxigraphStore(self.store_path, create=False, read_only=True)
        try:
            return render(store, focus=focus, hops=hops, limit=limit).html
        finally:
            store.close()

    # -------------------------------------------------------------- /query ---
    async def query_page(self, request: Any) -> Any:
        """``/query`` for a browser: named queries with forms, a SPARQL box, results as a table."""
        params = request.query_params
        named = named_queries()
        chosen = named.get(params.get("name", ""))
        text = params.get("query", "")
        values = {p: params.get(p, "") for p in (chosen.params if chosen else {})}
        context: dict[str, Any] = {
            "title": chosen.title if chosen else "Query",
            "queries": list(named.values()),
            "chosen": chosen,
            "values": values,
            "text": text or (chosen.text if chosen else DEFAULT_QUERY),
            "result": None,
            "error": None,
            "downloads": [],
            "graph_text": None,
        }
        status = 200
        try:
            run = None
            if chosen is not None and all(values.values()):
                run = context["text"] = bind_params(chosen, values)
                base = {"name": chosen.name, **values}
            elif params.get("name") and chosen is None:
                raise ExploreError(404, f"no named query {params['name']!r}")
            elif text.strip():
                run = text
                base = {"query": text}
            if run is not None and re.search(r"\b(CONSTRUCT|DESCRIBE)\b", run, re.I):
                answer = await self.ask(
                    {
                        "query": run,
                        "accepted": ["text/turtle"],
                        "max_results": self.max_results,
                        "default_graphs": None,
                        "named_graphs": None,
                    }
                )
                if answer.status != 200:
                    raise ExploreError(answer.status, answer.body.decode("utf-8", "replace").strip())
                context["graph_text"] = answer.body.decode("utf-8", "replace")
            elif run is not None:
                variables, rows = await self.select_with_vars(run)
                context["result"] = {"vars": variables, "rows": rows}
                context["downloads"] = [
                    (
                        label,
                        "/query?" + urlencode({**base, "format": fmt}),
                        f"{chosen.name if chosen else 'query'}.{ext}",
                    )
                    for label, fmt, ext in (
                        ("CSV", "csv", "csv"),
                        ("JSON", "json", "json"),
                        ("TSV", "tsv", "tsv"),
                    )
                ]
        except ExploreError as exc:
            status, context["error"] = exc.status, f"HTTP {exc.status}: {exc}"
        except QueryError as exc:
            status, context["error"] = 400, f"HTTP 400: {exc}"
        return self.render("query.html.j2", status, **context)


DEFAULT_QUERY = """SELECT ?investor ?investee ?amount ?currency WHERE {
  ?f a kgo:Investment ; kgo:investor ?i ; kgo:investee ?e .
  ?i rdfs:label ?investor . ?e rdfs:label ?investee .
  OPTIONAL { ?f kgo:amount ?amount } OPTIONAL { ?f kgo:currency ?currency }
}
LIMIT 100"""


def routes(explorer: Explorer) -> list[Any]:
    """The explorer's routes, to mount beside the protocol endpoint."""
    from starlette.routing import Route

    return [
        Route("/", explorer.home, methods=["GET"]),
        Route("/search", explorer.search, methods=["GET"]),
        Route("/id/{rest:path}", explorer.resource, methods=["GET"]),
        Route("/resource", explorer.resource, methods=["GET"]),
        Route("/graph", explorer.graph, methods=["GET"]),
    ]
