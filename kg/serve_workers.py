"""``kg serve``'s query workers: processes that each hold the store open read-only.

A query runs in a worker process so that one over the time limit can be stopped
by ending the process (pyoxigraph cannot cancel a running query). The pool keeps
short queries answering while long ones run: see :class:`QueryPool`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import multiprocessing
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import StoreError
from kg.store import layout

if TYPE_CHECKING:
    from kg.serve import ServeConfig

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
    import pyoxigraph  # noqa: F401 - imported before "ready", so no query's time limit pays for it

    import kg.store.oxigraph  # noqa: F401

    store = lease = None
    opened_signature: object = None
    with contextlib.suppress(OSError):
        conn.send("ready")
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
        # wait for its imports: a query's time limit should not include a worker's start
        with contextlib.suppress(OSError, EOFError):
            if self.conn.poll(120):
                self.conn.recv()

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
    adds a worker (up to ``workers`` extra), so ``workers`` processes stay free for
    new queries. One spare worker is kept started, so the first long query's
    replacement is there at once. Every query still ends at ``timeout``.
    """

    def __init__(self, config: ServeConfig):
        self.config = config
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._all: set[Worker] = set()  # in service (idle or busy), the spare not included
        self._spare: Worker | None = None
        self._lock = threading.Lock()
        self._long = 0
        self._base = max(1, config.workers)

    def start(self) -> None:
        """Start the workers and the spare side by side; return when all are ready."""
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(self._base + 1) as starting:
            workers = list(starting.map(lambda _: Worker(self.config.store_path), range(self._base + 1)))
        for worker in workers[:-1]:
            self._add(worker)
        self._spare = workers[-1]

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
            if not done:
                if self._long < self._base:
                    self._long += 1
                    counted_long = True
                    self._add_for_long_query()
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

    def _add_for_long_query(self) -> None:
        """A worker in place of the one a long query holds: the spare at once, else a new one."""
        with self._lock:
            spare, self._spare = self._spare, None
            if spare is not None:
                self._all.add(spare)
        loop = asyncio.get_running_loop()
        if spare is not None:
            self._idle.put_nowait(spare)
            loop.run_in_executor(None, self._make_spare)
        else:
            loop.run_in_executor(None, self._grow)

    def _make_spare(self) -> None:
        worker = Worker(self.config.store_path)
        with self._lock:
            if self._spare is None:
                self._spare, worker = worker, None  # type: ignore[assignment]
        if worker is not None:
            worker.stop()

    def _grow(self) -> None:
        """One more worker in service (started in a thread: spawning takes a moment)."""
        worker = Worker(self.config.store_path)
        with self._lock:
            self._all.add(worker)
        self._loop.call_soon_threadsafe(self._idle.put_nowait, worker)

    def _give_back(self, worker: Worker) -> None:
        with self._lock:
            retire = len(self._all) > self._base + self._long
            if retire:
                self._all.discard(worker)
        if retire:
            asyncio.get_running_loop().run_in_executor(None, worker.stop)
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
            workers = list(self._all) + ([self._spare] if self._spare else [])
            self._all.clear()
            self._spare = None
        for worker in workers:
            worker.stop()


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
