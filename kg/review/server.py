"""``kg review``: a local page for checking extracted facts, which saves review files.

The page is one self-contained HTML file (no external assets) served on
127.0.0.1 only. Everything that arrives is treated as hostile: requests must
name the loopback host (no DNS rebinding), carry the session's random token,
and, to save, come from the page's own origin as JSON. Article text and facts
reach the page as JSON inside a ``<script type="application/json">`` and are
put into the document only as text nodes, under a strict Content Security
Policy with a per-session nonce.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError
from kg.facttypes import ENTITY_TYPES, FACT_TYPES, STATUSES
from kg.review.files import read_review_file, render_review, review_dict, review_document, review_path

MAX_BODY = 8 * 1024 * 1024
LOOPBACK = "127.0.0.1"


@dataclass
class ReviewArticle:
    """One article under review: its text, and its facts in gold form."""

    id: str
    text: str
    data: dict[str, Any]
    path: Path
    #: SHA-256 of the review file as the page last saw it (None: no file yet)
    file_digest: str | None = None


@dataclass
class ReviewSession:
    articles: list[ReviewArticle]
    out_dir: Path
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    def article(self, article_id: Any) -> ReviewArticle | None:
        return next((a for a in self.articles if a.id == article_id), None)


def _file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def load_session(
    paths: Iterable[Path], out_dir: Path, *, published: str | None = None, min_confidence: float = 0.0
) -> ReviewSession:
    """Read the articles; facts come from their review files in ``out_dir`` when present, else extraction."""
    from kg.extract import extract_article, read_article

    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: not a folder")
    articles: list[ReviewArticle] = []
    for path in paths:
        text = read_article(Path(path), published=published)
        if any(a.id == text.id for a in articles):
            raise InputError(f"{path}: a second article with id {text.id!r}")
        target = review_path(out_dir, text.id)
        if target.exists():
            doc = read_review_file(target)  # a review goes on where it stopped
        else:
            doc = extract_article(text)
            if min_confidence > 0:
                from dataclasses import replace

                doc = replace(doc, facts=tuple(f for f in doc.facts if (f.confidence or 0) >= min_confidence))
        data = review_dict(doc)
        data.update({"source": text.source, "sha256": text.sha256})
        if text.title:
            data["title"] = text.title
        articles.append(ReviewArticle(text.id, text.text, data, target, _file_digest(target)))
    if not articles:
        raise InputError("no articles to review")
    return ReviewSession(articles, out_dir)


def page_data(session: ReviewSession) -> dict[str, Any]:
    """What the page needs: the articles, their facts, and the fact types it may add."""
    return {
        "token": session.token,
        "outDir": str(session.out_dir),
        "articles": [
            {"id": a.id, "text": a.text, "exists": a.file_digest is not None, **a.data}
            for a in session.articles
        ],
        "types": {
            name: {
                "label": ft.label,
                "roles": list(ft.roles),
                "required": list(ft.required),
                "roleTypes": {r: list(ft.role_types.get(r, ENTITY_TYPES)) for r in ft.roles},
                "literals": list(ft.literals),
            }
            for name, ft in FACT_TYPES.items()
        },
        "statuses": list(STATUSES),
        "entityTypes": list(ENTITY_TYPES),
    }


def _script_json(data: Any) -> str:
    """JSON that cannot end its <script> element or open a comment there."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_page(session: ReviewSession, nonce: str) -> str:
    template = resources.files("kg.review").joinpath("page.html").read_text("utf-8")
    return template.replace("__KG_NONCE__", nonce).replace("__KG_DATA__", _script_json(page_data(session)))


@dataclass
class SaveResult:
    saved: list[Path]
    facts: int
    pending: int


def save_reviews(session: ReviewSession, payload: Any) -> SaveResult:
    """Check every article the page sent, then write their review files (all or none)."""
    if not isinstance(payload, dict) or not isinstance(payload.get("articles"), list):
        raise InputError("expected {articles: [...]}")
    planned: list[tuple[ReviewArticle, dict[str, Any]]] = []
    n_facts = n_pending = 0
    for item in payload["articles"]:
        if not isinstance(item, dict):
            raise InputError("each article is an object")
        article = session.article(item.get("article"))
        if article is None:
            raise InputError(f"unknown article {item.get('article')!r}")
        data = {
            "article": article.id,
            **{k: article.data[k] for k in ("source", "sha256", "title", "published") if article.data.get(k)},
            "reviewed": item.get("reviewed", False),
            "entities": item.get("entities"),
            "facts": item.get("facts"),
        }
        doc = review_document(data, article.id)  # the checks kg ingest makes, without line numbers
        clean = review_dict(doc)
        # review_dict marks every fact of a reviewed article; keep the page's per-fact marks
        for fact, sent in zip(clean["facts"], data["facts"] or [], strict=True):
            fact["reviewed"] = sent.get("reviewed") is True
            if not fact["reviewed"] and isinstance(sent.get("confidence"), int | float):
                fact["confidence"] = sent["confidence"]
            elif fact["reviewed"]:
                fact.pop("confidence", None)
            if sent.get("optional") is True:  # a gold file's mark survives the page
                fact["optional"] = True
        clean.update({k: v for k, v in data.items() if k in ("source", "sha256", "title", "published")})
        clean["reviewed"] = data["reviewed"] is True
        if _file_digest(article.path) != article.file_digest:
            raise InputError(f"{article.path} changed on disk since the page loaded it; reload the page")
        planned.append((article, clean))
        n_facts += len(clean["facts"])
        n_pending += sum(1 for f in clean["facts"] if not f["reviewed"])
    from kg.fsutil import atomic_write_text

    saved = []
    for article, clean in planned:
        atomic_write_text(article.path, render_review(clean))
        article.data.update(clean)
        article.file_digest = _file_digest(article.path)
        saved.append(article.path)
    return SaveResult(saved, n_facts, n_pending)


# ------------------------------------------------------------------ HTTP ---
def create_app(session: ReviewSession, port: int, hosts: Iterable[str] | None = None):
    """The Starlette app: GET / (the page, with ?token=) and POST /save."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    allowed_hosts = set(hosts or (f"{LOOPBACK}:{port}", f"localhost:{port}"))
    origins = {f"http://{h}" for h in allowed_hosts}

    def headers(nonce: str = "") -> dict[str, str]:
        script = f"'nonce-{nonce}'" if nonce else "'none'"
        return {
            "Content-Security-Policy": (
                f"default-src 'none'; script-src {script}; style-src {script}; connect-src 'self'; "
                "img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
            ),
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": "DENY",
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store",
        }

    def refuse(status: int, message: str) -> Response:
        return PlainTextResponse(message + "\n", status_code=status, headers=headers())

    def host_ok(request: Request) -> bool:
        return request.headers.get("host", "") in allowed_hosts

    def token_ok(given: str | None) -> bool:
        return given is not None and secrets.compare_digest(given.encode(), session.token.encode())

    async def page(request: Request) -> Response:
        if not host_ok(request):
            return refuse(421, "Misdirected request: this page answers only to 127.0.0.1 and localhost.")
        if not token_ok(request.query_params.get("token")):
            return refuse(403, "Forbidden: open the address kg review printed (it carries the token).")
        nonce = secrets.token_urlsafe(16)
        return HTMLResponse(render_page(session, nonce), headers=headers(nonce))

    async def save(request: Request) -> Response:
        if not host_ok(request):
            return refuse(421, "Misdirected request: this page answers only to 127.0.0.1 and localhost.")
        origin = request.headers.get("origin")
        if origin is not None and origin not in origins:
            return refuse(403, "Forbidden: saving is only allowed from the review page itself.")
        if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return refuse(403, "Forbidden: saving is only allowed from the review page itself.")
        if not token_ok(request.headers.get("x-kg-token")):
            return refuse(403, "Forbidden: missing or wrong token.")
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return refuse(415, "Send the review as application/json.")
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return refuse(413, "Too large.")
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return JSONResponse({"error": "not JSON"}, status_code=400, headers=headers())
        try:
            result = save_reviews(session, payload)
        except KgError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400, headers=headers())
        return JSONResponse(
            {"saved": [str(p) for p in result.saved], "facts": result.facts, "pending": result.pending},
            headers=headers(),
        )

    async def not_found(request: Request) -> Response:
        return refuse(404, "Not found.")

    return Starlette(
        routes=[
            Route("/", page, methods=["GET"]),
            Route("/save", save, methods=["POST"]),
            Route("/{path:path}", not_found, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
        ]
    )


def bind_loopback(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1 (port 0: any free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((LOOPBACK, port))
    except OSError as exc:
        sock.close()
        raise KgError(f"cannot listen on {LOOPBACK}:{port}: {exc.strerror} (try --port 0)") from None
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


class ReviewServer:
    """uvicorn on a loopback socket; ``start()`` runs it in a thread (tests), ``run()`` in the foreground."""

    def __init__(self, session: ReviewSession, port: int = 0):
        import uvicorn

        self.session = session
        self.sock = bind_loopback(port)
        self.port = self.sock.getsockname()[1]
        config = uvicorn.Config(
            create_app(session, self.port), log_level="warning", access_log=False, lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self._thread: Any = None

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/?token={self.session.token}"

    def run(self) -> None:
        try:
            self.server.run(sockets=[self.sock])
        finally:
            self.sock.close()

    def start(self) -> None:
        import threading
        import time

        self._thread = threading.Thread(target=self.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)


def serve_review(
    paths: Iterable[Path],
    out_dir: Path,
    *,
    port: int = 7879,
    open_browser: bool = False,
    published: str | None = None,
    min_confidence: float = 0.0,
    announce: Callable[[str], None] = print,
) -> None:
    """Load the articles, then serve the review page until interrupted."""
    session = load_session(paths, out_dir, published=published, min_confidence=min_confidence)
    server = ReviewServer(session, port)
    n_facts = sum(len(a.data["facts"]) for a in session.articles)
    announce(
        f"reviewing {len(session.articles)} article(s), {n_facts} facts; Save writes to {session.out_dir}/\n"
        f"open {server.url}  (Ctrl+C stops)"
    )
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    server.run()
