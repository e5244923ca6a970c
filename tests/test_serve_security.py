"""`kg serve` as a hostile client or a hostile web page sees it: SSRF, CSRF, DNS rebinding, big bodies."""

from __future__ import annotations

import contextlib
import http.server
import os
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from kg.store.guard import UnsafeRequest, check_remote_calls, remote_calls
from tests.conftest import free_port, write_two_articles
from tests.test_serve import COUNT_QUADS, CROSS_JOIN, count_of, kg_serve, ok, post_query, stats_triples

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.xdist_group("kg-serve")


@contextlib.contextmanager
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP listener on 127.0.0.1 that records every connection it gets."""
    received: list[bytes] = []
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                with contextlib.suppress(OSError):
                    received.append(conn.recv(4096) or b"(connected)")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], received
    finally:
        stop.set()
        thread.join()
        server.close()


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("secure")
    store = folder / "store"
    ok("ingest", *write_two_articles(folder), "--store", store)
    with kg_serve(store, "--allow-update", "--timeout", "5", "--workers", "2") as base:
        yield base, store


@pytest.mark.server
def test_service_and_load_reach_no_other_host(writable: tuple[str, Path]) -> None:
    base, store = writable
    before = stats_triples(store)
    with listener() as (port, received):
        target = f"http://127.0.0.1:{port}/sparql"
        for query in (
            f"SELECT * {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
            f"SELECT * {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}",
            f"select * {{ ?s ?p 1.service <{target}> {{ }} }}",
            f'SELECT * {{ VALUES ?e {{ <{target}> }} SERVICE ?e {{ ?s ?p ?o }} }}  # "',
        ):
            answer = post_query(base, query)
            assert answer.status_code == 403, (query, answer.text)
            assert "SERVICE" in answer.text
        load = httpx.post(f"{base}/update", data={"update": f"LOAD <{target}> INTO GRAPH <https://e.org/g>"})
        assert load.status_code == 403 and "LOAD" in load.text
        time.sleep(0.3)
        assert received == []
    assert stats_triples(store) == before
    # words that merely look like the keywords are fine
    fine = post_query(base, 'SELECT ?service WHERE { BIND("SERVICE <http://x/> {}" AS ?service) } # LOAD')
    assert fine.status_code == 200, fine.text


def test_the_guard_allows_only_named_hosts() -> None:
    allowed = frozenset({"dbpedia.example"})
    check_remote_calls("SELECT * { SERVICE <https://dbpedia.example/sparql> { ?s ?p ?o } }", allowed)
    for query in (
        "SELECT * { SERVICE <http://127.0.0.1/sparql> { ?s ?p ?o } }",
        "SELECT * { SERVICE ?endpoint { ?s ?p ?o } }",
        "SELECT * { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
        "SELECT * { ?s ex:a\\#b ?o } SERVICE <http://127.0.0.1/> {}",
        'SELECT * { ?s ?p "unterminated } SERVICE <http://127.0.0.1/> {}',
    ):
        with pytest.raises(UnsafeRequest):
            check_remote_calls(query, allowed)
    assert remote_calls("PREFIX service: <http://e.org/> SELECT * { ?s service:load ?o }") == []


@pytest.mark.server
def test_requests_for_another_host_name_are_refused(writable: tuple[str, Path]) -> None:
    base, _ = writable
    rebound = httpx.get(f"{base}/query", params={"query": COUNT_QUADS}, headers={"Host": "attacker.example"})
    assert rebound.status_code == 400
    assert (
        httpx.get(f"{base}/query", params={"query": COUNT_QUADS}, headers={"Host": "localhost"}).status_code
        == 200
    )


@pytest.mark.server
def test_bodies_over_the_limit_are_refused_with_413(writable: tuple[str, Path]) -> None:
    base, _ = writable
    huge = "SELECT * { ?s ?p ?o } #" + "x" * 5_000_000
    answer = httpx.post(base + "/query", content=huge, headers={"Content-Type": "application/sparql-query"})
    assert answer.status_code == 413 and "4,000,000 bytes" in answer.text


@pytest.mark.server
def test_updates_from_another_origin_are_refused(writable: tuple[str, Path]) -> None:
    base, store = writable
    before = stats_triples(store)
    drop = {"update": "DROP ALL"}
    for headers in (
        {"Origin": "http://localhost:1"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ):
        answer = httpx.post(f"{base}/update", data=drop, headers=headers)
        assert answer.status_code == 403 and "another site" in answer.text
    assert stats_triples(store) == before


def test_binding_every_interface_needs_the_host_names_clients_use(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    store = tmp_path / "store"
    ok("ingest", *write_two_articles(tmp_path), "--store", store)
    result = CliRunner().invoke(cli, ["serve", "--store", str(store), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "--allowed-host" in result.output.splitlines()[-1]


def test_updates_need_the_token_when_bound_beyond_loopback(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from kg.serve import ServeConfig, create_app, update_token_for

    store = tmp_path / "store"
    ok("ingest", *write_two_articles(tmp_path), "--store", store)
    config = update_token_for(
        ServeConfig(store, allow_update=True, host="0.0.0.0", allowed_hosts=("testserver",))
    )
    assert config.update_token
    client = TestClient(create_app(config))
    insert = {"update": "INSERT DATA { GRAPH <https://e.org/g> { <https://e.org/s> <https://e.org/p> 1 } }"}
    assert client.post("/update", data=insert).status_code == 401
    assert client.post("/update", data=insert, headers={"Authorization": "Bearer wrong"}).status_code == 401
    done = client.post("/update", data=insert, headers={"Authorization": f"Bearer {config.update_token}"})
    assert done.status_code == 204, done.text


@pytest.mark.server
def test_short_queries_answer_while_two_runaway_queries_run(writable: tuple[str, Path]) -> None:
    """Not a timing test: the short query must be answered while both runaway ones still run."""
    base, _ = writable
    with ThreadPoolExecutor(2) as pool:
        runaways = [pool.submit(post_query, base, CROSS_JOIN) for _ in range(2)]
        time.sleep(1.5)  # both are long by now; the pool has started a worker for each
        short = post_query(base, COUNT_QUADS)
        still_running = [not r.done() for r in runaways]
        assert short.status_code == 200 and count_of(short) > 0, short.text
        assert all(still_running), "the short query waited until a runaway query ended"
        assert all(r.result().status_code == 503 for r in runaways)


@pytest.mark.server
@pytest.mark.browser
def test_a_page_on_another_origin_cannot_change_the_store(writable: tuple[str, Path], tmp_path: Path) -> None:
    """Real Chromium: a page from another origin posts DROP ALL every way a page can; nothing changes."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    base, store = writable
    before = stats_triples(store)
    target = base.replace("127.0.0.1", "localhost")  # the store as the victim's browser knows it
    (tmp_path / "evil.html").write_text(
        f"""<!doctype html><html><body>
<form id="f" method="POST" action="{target}/update" target="sink"><input name="update" value="DROP ALL"></form>
<iframe name="sink"></iframe>
<script>
window.done = (async () => {{
  const attempts = [
    fetch("{target}/update", {{method: "POST", mode: "no-cors", body: "update=DROP ALL",
      headers: {{"Content-Type": "application/x-www-form-urlencoded"}}}}),
    fetch("{target}/update", {{method: "POST", mode: "no-cors", body: "DROP ALL",
      headers: {{"Content-Type": "text/plain"}}}}),
    fetch("{target}/update", {{method: "POST", body: "DROP ALL",
      headers: {{"Content-Type": "application/sparql-update"}}}}),
    fetch("{base}/update", {{method: "POST", mode: "no-cors", body: "update=DROP ALL",
      headers: {{"Content-Type": "application/x-www-form-urlencoded"}}}}),
  ];
  for (const a of attempts) {{ try {{ await a; }} catch (e) {{}} }}
  document.getElementById("f").submit();
  return "sent";
}})();
</script></body></html>""",
        encoding="utf-8",
    )

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = lambda *a: Quiet(*a, directory=str(tmp_path))  # noqa: E731
    page_port = free_port()
    site = http.server.ThreadingHTTPServer(("127.0.0.1", page_port), handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            try:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{page_port}/evil.html")
                assert page.evaluate("window.done") == "sent"
                page.wait_for_timeout(800)  # the form submission lands in the iframe
            finally:
                browser.close()
    finally:
        site.shutdown()
    assert stats_triples(store) == before
    assert count_of(post_query(base, COUNT_QUADS)) == before


def test_big_answers_are_sent_or_refused_with_413_never_a_dead_worker() -> None:
    import pyoxigraph as ox

    from kg.serve import run_query

    store = ox.Store()
    big = ox.Literal("z" * 10_000_000)  # one value over pyoxigraph's parser buffer
    store.add(
        ox.Quad(
            ox.NamedNode("https://e.org/s"),
            ox.NamedNode("https://e.org/p"),
            big,
            ox.NamedNode("https://e.org/g"),
        )
    )
    query = "SELECT ?o WHERE { ?s ?p ?o }"
    sent = run_query(store, query, ["application/sparql-results+json"], 10)
    assert sent.status == 200 and len(sent.body) > 10_000_000
    as_csv = run_query(store, query, ["text/csv"], 10)
    assert as_csv.status == 413 and b"application/sparql-results+json" in as_csv.body
    capped = run_query(store, query, ["application/sparql-results+json"], 10, max_bytes=1_000_000)
    assert capped.status == 413 and b"1,000,000 bytes" in capped.body
