"""Web and network-export benchmark: kg's polite fetcher against bare httpx, kg's exports against networkx.

Fetching: N pages from a local server on 127.0.0.1, once with a plain ``httpx.Client``
and once with :class:`kg.fetch.Fetcher` (robots.txt, checks, the on-disk cache), delay 0;
then the re-run, where every page is a 304 answered from the cache. Exports: the
entity graph of a synthetic store written as GraphML and GEXF by
:func:`kg.netexport.render_network` (flattening + networkx) against networkx's writer
alone on the already-flat graph. Reported as ratios.

    python benchmarks/bench_web.py [--pages 300] [--articles 2000]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import networkx as nx

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import documents as synthetic_documents  # noqa: E402

from kg.analyze import entity_graph  # noqa: E402
from kg.build.rdf import EntityResolver, article_iri, article_ntriples  # noqa: E402
from kg.fetch import Fetcher, FetchPolicy, PageCache  # noqa: E402
from kg.netexport import flat_graph, render_network  # noqa: E402
from kg.store.oxigraph import OxigraphStore  # noqa: E402

PAGE = ("<html><body><h1>Invented headline</h1>" + "<p>Invented sentence about a deal.</p>" * 200).encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        body = b"User-agent: *\nAllow: /\n" if self.path == "/robots.txt" else PAGE + self.path.encode()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


def timed(func) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def bench_fetch(pages: int) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    urls = [f"{base}/news/{i}.html" for i in range(pages)]
    with tempfile.TemporaryDirectory() as cache_dir:

        def plain() -> None:
            with httpx.Client() as client:
                for url in urls:
                    client.get(url).raise_for_status()

        def polite() -> None:
            with Fetcher(FetchPolicy(delay=0), PageCache(Path(cache_dir))) as fetcher:
                for url in urls:
                    fetcher.get(url)

        t_plain, t_kg, t_rerun = timed(plain), timed(polite), timed(polite)
    server.shutdown()
    print(
        f"fetch {pages} pages ({len(PAGE):,} bytes each): httpx {t_plain:.2f}s, kg {t_kg:.2f}s "
        f"-> {t_plain / t_kg:.2f}x httpx's speed; re-run from the cache (304s) {t_rerun:.2f}s "
        f"-> {t_plain / t_rerun:.2f}x"
    )


def bench_export(articles: int) -> None:
    docs = synthetic_documents(articles)
    store = OxigraphStore(None)
    resolver = EntityResolver()
    store.replace_graphs((str(article_iri(d.article.id)), article_ntriples(d, resolver)) for d in docs)
    graph = entity_graph(store)
    flat = flat_graph(graph)
    print(f"entity graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    for fmt, writer in (("graphml", nx.write_graphml), ("gexf", nx.write_gexf)):
        t_nx = timed(lambda w=writer: w(flat, io.BytesIO()))
        t_kg = timed(lambda f=fmt: render_network(graph, f))
        print(f"{fmt}: kg {t_kg:.2f}s vs networkx's writer alone {t_nx:.2f}s -> {t_nx / t_kg:.2f}x its speed")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--articles", type=int, default=2000)
    args = ap.parse_args()
    bench_fetch(args.pages)
    bench_export(args.articles)


if __name__ == "__main__":
    main()
