"""``kg serve``: a SPARQL 1.1 Protocol endpoint over the embedded store (Starlette + uvicorn).

Queries run in a small pool of worker processes, each with the store opened
read-only, so a query over the time limit is stopped by ending its process
(pyoxigraph cannot cancel a running query) and the server stays responsive.
RocksDB lets read-only openers coexist with one writer, so `kg ingest` can
write to a store being served; workers reopen the store when its files change,
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
import json
import multiprocessing
import os
import secrets
import threading
import time
from dataclasses import dataclass, field
from importlib import resources
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from kg.errors import KgError, StoreError
from kg.store import layout
from kg.store.guard import UnsafeRequest, check_remote_calls

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULTS = 10_000
DEFAULT_MAX_BODY = 4_000_000
DEFAULT_MAX_ANSWER_BYTES = 64_000_000
#: a query running longer than this is "long": the pool starts another worker so short queries go on
LONG_QUERY_AFTER = 0.5

#: media type -> pyoxigraph format name, for SELECT/ASK results and for graphs.
RESULT_MEDIA = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_MEDIA = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "text/plain": "N_TRIPLES",
    "application/ld+json": "JSON_LD",
    "application/rdf+xml": "RDF_XML",
}
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


@dataclass
class Answer:
    """An HTTP answer computed by a worker: status, media type, body."""

    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def accepted_media(accept: str | None) -> list[str]:
    """Media types from an Accept header, best first (ties keep the client's order)."""
    if not accept:
        return ["*/*"]
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, index, media.lower()))
    return [media for _, _, media in sorted(ranked)] or ["*/*"]


def choose_media(accepted: list[str], offered: dict[str, str], default: str) -> str | None:
    """The first accepted media type we offer (``*/*`` and ``type/*`` match the default or a subtype)."""
    for media in accepted:
        if media in offered:
            return media
        if media == "*/*":
            return default
        if media.endswith("/*"):
            family = media[:-1]
            if default.startswith(family):
                return default
            for candidate in offered:
                if candidate.startswith(family):
                    return candidate
    return None


def store_signature(path: Path) -> object:
    """Changes when a write to the store becomes visible."""
    return layout.signature(path)


# ---------------------------------------------------------------- worker side ---
def _term_json(term: Any) -> dict[str, Any]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _term_json(term.subject),
                "predicate": _term_json(term.predicate),
                "object": _term_json(term.object),
            },
        }
    raise TypeError(f"unsupported term {term!r}")


def run_query(
    store: Any,
    query: str,
    accepted: list[str],
    max_results: int,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    max_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
) -> Answer:
    """Evaluate ``query`` on a pyoxigraph store and serialise the answer as the client asked.

    At most ``max_results`` rows (or triples) are produced; a bigger result is an
    error (HTTP 400 naming the limit), never a silently cut one.
    """
    import pyoxigraph as ox

    from kg.store.oxigraph import _PREFIX_MAP

    options: dict[str, Any] = {"prefixes": _PREFIX_MAP}
    if default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        result = store.query(query, **options)
        if isinstance(result, ox.QueryTriples):
            media = choose_media(accepted, GRAPH_MEDIA, "text/turtle")
            if media is None:
                return _not_acceptable("a graph (CONSTRUCT/DESCRIBE)", GRAPH_MEDIA)
            triples = []
            for triple in result:
                if len(triples) == max_results:
                    return _too_large(max_results, "triples")
                triples.append(triple)
            body = ox.serialize(
                triples,
                format=getattr(ox.RdfFormat, GRAPH_MEDIA[media]),
                prefixes=_PREFIX_MAP if media == "text/turtle" else None,
            )
            return _sized(Answer(200, media, body or b""), max_bytes)
        media = choose_media(accepted, RESULT_MEDIA, "application/sparql-results+json")
        if media is None:
            return _not_acceptable("query results (SELECT/ASK)", RESULT_MEDIA)
        results_format = getattr(ox.QueryResultsFormat, RESULT_MEDIA[media])
        if isinstance(result, ox.QueryBoolean):
            return Answer(200, media, result.serialize(format=results_format))
        # Collect up to the limit, then let pyoxigraph write the asked-for format
        # from a JSON document of the kept rows (it has no constructor for solutions).
        variables = [v.value for v in result.variables]
        bindings = []
        size = 0
        for solution in result:
            if len(bindings) == max_results:
                return _too_large(max_results, "rows")
            row = {v: _term_json(solution[v]) for v in variables if solution[v] is not None}
            size += sum(len(t["value"]) + 40 for t in row.values() if isinstance(t["value"], str))
            if size > max_bytes:
                return _too_many_bytes(max_bytes)
            bindings.append(row)
        document = json.dumps(
            {"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False
        ).encode("utf-8")
        if RESULT_MEDIA[media] == "JSON":  # already the answer
            return _sized(Answer(200, media, document), max_bytes)
        solutions = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)
        return _sized(Answer(200, media, solutions.serialize(format=results_format)), max_bytes)
    except MemoryError:
        # pyoxigraph's parsers refuse a single value over their buffer size (about 8 MB)
        return error_answer(
            413,
            "result too large to send in this format: a value in it is over the serialiser's limit "
            "(about 8 MB); ask for application/sparql-results+json, or select shorter values",
        )
    except SyntaxError as exc:
        return error_answer(400, f"invalid SPARQL query: {_one_line(exc)}")
    except (OSError, ValueError, RuntimeError) as exc:
        return error_answer(500, f"query failed: {_one_line(exc)}")


def _not_acceptable(what: str, offered: dict[str, str]) -> Answer:
    return error_answer(
        406, f"cannot send {what} in the requested format; Accept one of: {', '.join(offered)}"
    )


def _too_large(limit: int, unit: str) -> Answer:
    return error_answer(
        400,
        f"result too large: more than {limit} {unit} (the server's --max-results); "
        "add LIMIT/OFFSET to page through it, or restart kg serve with a higher --max-results",
    )


def _too_many_bytes(limit: int) -> Answer:
    return error_answer(
        413,
        f"result too large: more than {limit:,} bytes (the server's --max-answer-bytes); "
        "add LIMIT/OFFSET to page through it, or select fewer or shorter values",
    )


def _sized(answer: Answer, limit: int) -> Answer:
    return _too_many_bytes(limit) if len(answer.body) > limit else answer


def error_answer(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def _open_read_only(path: str) -> tuple[Any, layout.ReaderLease | None]:
    """Open the store's current version read-only, with a lease so no writer deletes it under us."""
    import pyoxigraph as ox

    root = Path(path)
    try:
        if layout.kind(root) == "versioned":
            version, lease = layout.open_version(root)
            try:
                return ox.Store.read_only(str(root / version)), lease
            except OSError:
                lease.release()
                raise
        return ox.Store.read_only(path), None
    except StoreError as exc:
        raise OSError(str(exc)) from None


def worker_main(conn: Connection, store_path: str) -> None:
    """Worker process loop: (signature, request) in, Answer out; reopen the store when it changed."""
    store = lease = None
    opened_signature: object = None
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if message is None:
            return
        signature, request = message
        try:
            if store is None or signature != opened_signature:
                store = None
                if lease is not None:
                    lease.release()
                store, lease = _open_read_only(store_path)
                opened_signature = signature
            answer = run_query(store, **request)
        except OSError as exc:
            answer = error_answer(503, f"cannot open the store: {_one_line(exc)}")
        except MemoryError:
            answer = _too_many_bytes(request.get("max_bytes", DEFAULT_MAX_ANSWER_BYTES))
        try:
            conn.send(answer)
        except (OSError, BrokenPipeError):
            return


# ---------------------------------------------------------------- server side ---
class Worker:
    """One worker process and our end of its pipe."""

    def __init__(self, store_path: Path):
        context = multiprocessing.get_context("spawn")  # fork is unsafe with uvicorn's threads
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(child, str(store_path)), daemon=True)
        self.process.start()
        child.close()

    lowered = False

    def lower_priority(self) -> None:
        """Make the process nicer (a long query should not slow the short ones)."""
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, self.process.pid, 10)
            self.lowered = True

    def ask(self, message: object, timeout: float) -> Answer | None:
        """Send a request and wait for the answer; None when it took longer than ``timeout``."""
        self.conn.send(message)
        if not self.conn.poll(timeout):
            return None
        return self.conn.recv()

    def stop(self, *, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            with contextlib.suppress(OSError):
                self.conn.send(None)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()


class QueryPool:
    """Worker processes that answer queries; a worker over the time limit is killed and replaced.

    Runaway queries cannot starve short ones: a query still running after
    ``LONG_QUERY_AFTER`` seconds counts as long, and for each long query the pool
    starts one more worker (up to ``workers`` extra) and lowers the long query's
    CPU priority, so ``workers`` processes stay free for new queries, and get the
    CPU first. Every query still ends at ``timeout``.
    """

    def __init__(self, config: ServeConfig):
        self.config = config
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._long = 0
        self._base = max(1, config.workers)

    def start(self) -> None:
        for _ in range(self._base):
            self._add(Worker(self.config.store_path))

    def _add(self, worker: Worker) -> None:
        with self._lock:
            self._all.add(worker)
        self._idle.put_nowait(worker)

    async def answer(self, request: dict[str, Any]) -> Answer:
        timeout = self.config.timeout
        started = time.monotonic()
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout)
        except TimeoutError:
            return error_answer(503, f"server busy: no query worker free within {timeout:g} s; try again")
        message = (store_signature(self.config.store_path), request)
        counted_long = False
        try:
            await asyncio.to_thread(worker.conn.send, message)
            remaining = max(0.05, timeout - (time.monotonic() - started))
            done = await asyncio.to_thread(worker.conn.poll, min(LONG_QUERY_AFTER, remaining))
            if not done and self._long < self._base and timeout - (time.monotonic() - started) > 0:
                self._long += 1
                counted_long = True
                worker.lower_priority()  # short queries in the other workers get the CPU first
                asyncio.get_running_loop().run_in_executor(None, self._grow)
                remaining = max(0.05, timeout - (time.monotonic() - started))
                done = await asyncio.to_thread(worker.conn.poll, remaining)
            elif not done:
                remaining = max(0.05, timeout - (time.monotonic() - started))
                done = await asyncio.to_thread(worker.conn.poll, remaining)
            if not done:
                self._replace_later(worker)
                return error_answer(
                    503,
                    f"query cut off: it ran longer than the server's time limit of {timeout:g} s "
                    "(kg serve --timeout); simplify it or add LIMIT",
                )
            answer = await asyncio.to_thread(worker.conn.recv)
        except (OSError, EOFError):
            self._replace_later(worker)
            return error_answer(500, "the query worker died; a new one is starting, try again")
        finally:
            if counted_long:
                self._long -= 1
        self._give_back(worker)
        return answer

    def _grow(self) -> None:
        """One more worker while a long query holds one (started in a thread: spawning takes a moment)."""
        worker = Worker(self.config.store_path)
        with self._lock:
            self._all.add(worker)
        self._loop.call_soon_threadsafe(self._idle.put_nowait, worker)

    def _give_back(self, worker: Worker) -> None:
        with self._lock:
            retire = worker.lowered or len(self._all) > self._base + self._long
            if retire:
                self._all.discard(worker)
                needed = len(self._all) < self._base
        if retire:
            # a lowered priority cannot be raised again without privileges: retire that worker
            asyncio.get_running_loop().run_in_executor(None, worker.stop)
            if needed:
                asyncio.get_running_loop().run_in_executor(None, self._grow)
        else:
            self._idle.put_nowait(worker)

    def _replace_later(self, worker: Worker) -> None:
        # pyoxigraph cannot cancel a query: end the process, start a fresh one if the pool needs it.
        asyncio.get_running_loop().run_in_executor(None, self._replace, worker)

    def _replace(self, worker: Worker) -> None:
        worker.stop(kill=True)
        with self._lock:
            self._all.discard(worker)
            needed = len(self._all) < self._base
        if needed:
            self._grow()

    def bind_loop(self) -> None:
        self._loop = asyncio.get_running_loop()

    def stop(self) -> None:
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()


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
    """The Starlette application: ``/`` (query page), ``/query`` (GET/POST), ``/update`` (POST)."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, Response
    from starlette.routing import Route

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
    page = resources.files("kg").joinpath("static/query.html").read_text("utf-8")
    remote_hosts = frozenset(h.lower() for h in config.allow_remote)

    def respond(answer: Answer) -> Response:
        return Response(
            answer.body, status_code=answer.status, media_type=answer.media_type, headers=answer.headers
        )

    async def home(request: Request) -> Response:
        mode = "read-write" if config.allow_update else "read-only"
        return HTMLResponse(
            page.replace("{{mode}}", mode)
            .replace("{{timeout}}", f"{config.timeout:g}")
            .replace("{{max_results}}", str(config.max_results)),
            headers={"X-Frame-Options": "DENY", "Content-Security-Policy": "frame-ancestors 'none'"},
        )

    def refused(exc: UnsafeRequest) -> Response:
        return respond(error_answer(403, str(exc)))

    async def sparql_query(request: Request) -> Response:
        try:
            return await _sparql_query(request)
        except RequestRefused as exc:
            return respond(exc.answer)

    async def _sparql_query(request: Request) -> Response:
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
        Route("/", home, methods=["GET"]),
        Route("/query", sparql_query, methods=["GET", "POST"]),
        Route("/sparql", sparql_query, methods=["GET", "POST"]),
        Route("/update", sparql_update, methods=["POST"]),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=config.host_names() or ["localhost"])]
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


def serve(config: ServeConfig, host: str = "127.0.0.1", port: int = DEFAULT_PORT) -> None:
    """Run the endpoint until interrupted."""
    import uvicorn

    app = create_app(config)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        limit_concurrency=1000,
        h11_max_incomplete_event_size=64 * 1024,
    )


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
