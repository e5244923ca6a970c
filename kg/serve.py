"""``kg serve``: a SPARQL 1.1 Protocol endpoint over the embedded store (Starlette + uvicorn).

Queries run in a small pool of worker processes (:mod:`kg.serve_workers`), each
with the store's current version opened read-only, so a query over the time limit
is stopped by ending its process and the server stays responsive. `kg ingest` can
write to a store being served; workers reopen the store when its pointer changes,
so new articles show up in the next query.

Updates (only with ``allow_update``) run in the server process; each is staged
and made visible at once like every write to the store (:mod:`kg.store.layout`).

Anything that listens on a port is hostile-input territory, so by default the
server refuses: SERVICE and LOAD (it would fetch URLs for the client), requests
whose ``Host`` is not the bound address (DNS rebinding), updates from pages on
other origins (cross-site request forgery), bodies over ``max_body`` and answers
over ``max_answer_bytes``. See docs/stores.md, "Security".
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from kg.errors import KgError, StoreError
from kg.serve_workers import (
    DEFAULT_MAX_ANSWER_BYTES,
    GRAPH_MEDIA,
    RESULT_MEDIA,
    Answer,
    QueryPool,
    accepted_media,
    choose_media,
    error_answer,
    run_query,
    store_signature,
)
from kg.store import layout
from kg.store.guard import UnsafeRequest, check_remote_calls

__all__ = [
    "GRAPH_MEDIA",
    "RESULT_MEDIA",
    "Answer",
    "QueryPool",
    "ServeConfig",
    "accepted_media",
    "choose_media",
    "create_app",
    "run_query",
    "serve",
    "store_signature",
]

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULTS = 10_000
DEFAULT_MAX_BODY = 4_000_000
#: ``?format=`` shortcuts for browsers and curl.
FORMAT_PARAM = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


@dataclass(frozen=True)
class ServeConfig:
    """What ``kg serve`` serves, and its limits."""

    store_path: Path
    allow_update: bool = False
    timeout: float = DEFAULT_TIMEOUT
    max_results: int = DEFAULT_MAX_RESULTS
    workers: int = 2
    cors: bool = False
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    #: extra names the server answers to (``Host`` header), besides the bound address
    allowed_hosts: tuple[str, ...] = ()
    #: hosts SERVICE and LOAD may contact (none by default)
    allow_remote: tuple[str, ...] = ()
    #: bearer token updates must carry; required (generated if not given) when bound beyond loopback
    update_token: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    def host_names(self) -> list[str]:
        """The names a request's Host header may give (without port)."""
        names = {self.host.lower(), *(h.lower() for h in self.allowed_hosts)}
        if self.loopback:
            names |= {"localhost", "127.0.0.1", "::1", "[::1]"}
        names.discard("0.0.0.0")
        names.discard("::")
        return sorted(names)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class RequestRefused(Exception):
    """A request the server will not read or run: answered with ``answer``."""

    def __init__(self, answer: Answer):
        super().__init__(answer.body.decode("utf-8", "replace").strip())
        self.answer = answer


async def read_body(request: Any, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is longer than ``limit`` bytes."""
    too_large = error_answer(
        413, f"request body too large: more than {limit:,} bytes (the server's --max-body)"
    )
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise RequestRefused(too_large)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise RequestRefused(too_large)
        chunks.append(chunk)
    return b"".join(chunks)


async def read_form(request: Any, limit: int = DEFAULT_MAX_BODY) -> dict[str, list[str]]:
    """An urlencoded body as {name: [values]} (Starlette's form parser needs python-multipart)."""
    body = (await read_body(request, limit)).decode("utf-8", errors="replace")
    return parse_qs(body, keep_blank_values=True)


def create_app(config: ServeConfig) -> Any:
    """The Starlette application: the explorer (:mod:`kg.explore`), ``/query`` (GET/POST), ``/update`` (POST)."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    # here, not at the top: query workers import this module and should start fast
    from kg.errors import QueryError
    from kg.explore import Explorer, named_query_text, wants_html
    from kg.explore import routes as explorer_routes

    if not config.host_names():
        raise KgError(
            f"--host {config.host} listens on every interface, so requests are only answered for the "
            "names given with --allowed-host NAME (the machine's DNS name or address clients use)"
        )
    if layout.kind(config.store_path) not in ("versioned", "legacy"):
        raise StoreError(f"no kg store at {config.store_path} (run `kg ingest` first, or pass --store)")
    writer = None
    if config.allow_update:
        from kg.store.oxigraph import OxigraphStore

        # every update is staged and switched in, like any write; wait a while for a running ingest
        writer = OxigraphStore(config.store_path, create=False, lock_wait=config.timeout)
        writer.close()  # it only writes: hold no version open between updates (each reopens the newest)
    write_lock = threading.Lock()
    pool = QueryPool(config)
    remote_hosts = frozenset(h.lower() for h in config.allow_remote)

    async def explorer_ask(request: dict[str, Any]) -> Answer:
        """The explorer's queries: the same guard, pool and limits as the protocol's."""
        try:
            check_remote_calls(request["query"], remote_hosts)
        except UnsafeRequest as exc:
            return error_answer(403, str(exc))
        return await pool.answer({**request, "max_bytes": config.max_answer_bytes})

    explorer = Explorer(
        explorer_ask,
        max_results=config.max_results,
        mode="read-write" if config.allow_update else "read-only",
        limits=f"{config.timeout:g} s, {config.max_results:,} rows per query",
        store_path=config.store_path,
    )

    def respond(answer: Answer) -> Response:
        return Response(
            answer.body, status_code=answer.status, media_type=answer.media_type, headers=answer.headers
        )

    def refused(exc: UnsafeRequest) -> Response:
        return respond(error_answer(403, str(exc)))

    async def sparql_query(request: Request) -> Response:
        try:
            return await _sparql_query(request)
        except RequestRefused as exc:
            return respond(exc.answer)

    async def _sparql_query(request: Request) -> Response:
        if wants_html(request):  # a browser: the explorer's query page
            return await explorer.query_page(request)
        params = request.query_params
        query = params.get("query")
        default_graphs = params.getlist("default-graph-uri")
        named_graphs = params.getlist("named-graph-uri")
        if request.method == "POST":
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type == "application/x-www-form-urlencoded":
                form = await read_form(request, config.max_body)
                query = (form.get("query") or [""])[0] or None
                default_graphs += form.get("default-graph-uri", [])
                named_graphs += form.get("named-graph-uri", [])
                if "update" in form:
                    return respond(error_answer(400, "this is the query endpoint; send updates to /update"))
            elif content_type == "application/sparql-query":
                query = (await read_body(request, config.max_body)).decode("utf-8", errors="replace")
            elif content_type == "application/sparql-update":
                return respond(error_answer(400, "this is the query endpoint; send updates to /update"))
            else:
                return respond(
                    error_answer(
                        415,
                        "POST a query as application/x-www-form-urlencoded (query=…) or application/sparql-query",
                    )
                )
        if not query:
            try:  # ?name=NAMED&param=… runs a named query (the explorer's downloads)
                query = named_query_text(params)
            except QueryError as exc:
                return respond(error_answer(400, str(exc)))
        if not query:
            return respond(error_answer(400, "missing query: pass ?query=… (GET) or query=… (POST)"))
        try:
            check_remote_calls(query, remote_hosts)
        except UnsafeRequest as exc:
            return refused(exc)
        fmt = params.get("format")
        if fmt and fmt.lower() not in FORMAT_PARAM:
            return respond(error_answer(400, f"unknown format {fmt!r}; use one of {', '.join(FORMAT_PARAM)}"))
        accepted = [FORMAT_PARAM[fmt.lower()]] if fmt else accepted_media(request.headers.get("accept"))
        return respond(
            await pool.answer(
                {
                    "query": query,
                    "accepted": accepted,
                    "max_results": config.max_results,
                    "default_graphs": default_graphs or None,
                    "named_graphs": named_graphs or None,
                    "max_bytes": config.max_answer_bytes,
                }
            )
        )

    def cross_site(request: Request) -> str | None:
        """Why an update must be refused as coming from another site's page, or None."""
        fetch_site = request.headers.get("sec-fetch-site")
        if fetch_site is not None and fetch_site not in ("same-origin", "none"):
            return f"Sec-Fetch-Site is {fetch_site}"
        origin = request.headers.get("origin")
        if origin is not None:
            own = {f"{request.url.scheme}://{request.headers.get('host', '')}".lower()}
            if origin.lower() not in own:
                return f"Origin {origin} is not this server"
        return None

    async def sparql_update(request: Request) -> Response:
        if writer is None:
            return respond(
                error_answer(
                    403,
                    "this endpoint is read-only: updates are refused (start kg serve with --allow-update)",
                )
            )
        why = cross_site(request)
        if why is not None:
            return respond(error_answer(403, f"update refused: it comes from another site's page ({why})"))
        if config.update_token is not None:
            given = request.headers.get("authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {config.update_token}".encode()):
                return respond(
                    Answer(
                        401,
                        "text/plain; charset=utf-8",
                        b"update refused: send the server's token as Authorization: Bearer TOKEN\n",
                        {"WWW-Authenticate": 'Bearer realm="kg"'},
                    )
                )
        try:
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type == "application/x-www-form-urlencoded":
                update = ((await read_form(request, config.max_body)).get("update") or [""])[0]
            elif content_type == "application/sparql-update":
                update = (await read_body(request, config.max_body)).decode("utf-8", errors="replace")
            else:
                return respond(
                    error_answer(
                        415,
                        "POST an update as application/x-www-form-urlencoded (update=…) "
                        "or application/sparql-update",
                    )
                )
        except RequestRefused as exc:
            return respond(exc.answer)
        if not update.strip():
            return respond(error_answer(400, "missing update: pass update=…"))
        try:
            check_remote_calls(update, remote_hosts)
        except UnsafeRequest as exc:
            return refused(exc)

        def run() -> Answer:
            from kg.errors import QueryError

            with write_lock:
                try:
                    writer.update(update)
                except QueryError as exc:
                    return error_answer(400, str(exc))
                except KgError as exc:
                    return error_answer(503 if "lock" in str(exc) else 500, str(exc))
                finally:
                    writer.close()
            return Answer(204, "text/plain", b"")

        return respond(await asyncio.to_thread(run))

    @contextlib.asynccontextmanager
    async def lifespan(app: Any):  # noqa: ANN202 - Starlette's signature
        pool.bind_loop()
        await asyncio.to_thread(pool.start)
        try:
            yield
        finally:
            await asyncio.to_thread(pool.stop)
            if writer is not None:
                writer.close()

    routes = [
        *explorer_routes(explorer),
        Route("/query", sparql_query, methods=["GET", "POST"]),
        Route("/sparql", sparql_query, methods=["GET", "POST"]),
        Route("/update", sparql_update, methods=["POST"]),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=config.host_names())]
    app = Starlette(routes=routes, lifespan=lifespan, middleware=middleware)
    if config.cors:  # browser clients on other origins (YASGUI and the like) may query, never update
        from starlette.middleware.cors import CORSMiddleware

        return QueryOnlyCors(
            app, CORSMiddleware(app, allow_origins=["*"], allow_methods=["GET", "POST"], allow_headers=["*"])
        )
    return app


class QueryOnlyCors:
    """ASGI: CORS headers on the query endpoints only; ``/update`` never answers another origin."""

    def __init__(self, app: Any, with_cors: Any):
        self.app = app
        self.with_cors = with_cors
        self.router = app.router  # for Starlette's TestClient and lifespan

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("path") in ("/query", "/sparql"):
            await self.with_cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def update_token_for(config: ServeConfig) -> ServeConfig:
    """The config with a token when updates are allowed on a non-loopback address (generated if none)."""
    from dataclasses import replace

    if config.allow_update and not config.loopback and not config.update_token:
        return replace(config, update_token=secrets.token_urlsafe(24))
    return config


def listen(host: str, port: int) -> Any:
    """A socket bound to ``host:port`` (0: any free port); a taken port is a KgError, before anything is printed."""
    import errno
    import socket

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        return socket.create_server((host, port), family=family, backlog=128)
    except socket.gaierror as exc:
        raise StoreError(f"cannot listen on {host}: {exc.strerror}") from None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise StoreError(
                f"port {port} on {host} is already in use (pick another with --port; 0: any free port)"
            ) from None
        raise StoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def serve(
    config: ServeConfig,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    ready: Callable[[str], None] | None = None,
) -> None:
    """Run the endpoint until interrupted; ``ready`` gets the base URL actually bound (``--port 0``)."""
    import uvicorn

    app = create_app(config)
    sock = listen(host, port)
    bound = sock.getsockname()[1]
    if ready is not None:
        ready(f"http://{f'[{host}]' if ':' in host else host}:{bound}/")
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            limit_concurrency=1000,
            h11_max_incomplete_event_size=64 * 1024,
        )
    )
    server.run(sockets=[sock])


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
