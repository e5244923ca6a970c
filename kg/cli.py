"""The ``kg`` command line: a thin skin over the library.

Each command parses its options, calls one library function and prints the
result. Errors a user can cause arrive as :class:`kg.errors.KgError` and end
as one ``Error: …`` line on stderr with a non-zero exit, never a traceback.
"""

from __future__ import annotations

import functools
import itertools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from kg.errors import KgError
from kg.export import FORMAT_NAMES
from kg.store.base import Store


class StoreOption(click.Option):
    """An option of :func:`store_options`: listed in its own help section, after the command's own."""


class KgCommand(click.Command):
    """A command whose help lists its own options first, then where the store is."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        own, store = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None and not isinstance(param, click.Argument):
                (store if isinstance(param, StoreOption) else own).append(record)
        if own:
            with formatter.section("Options"):
                formatter.write_dl(own)
        if store:
            with formatter.section("Store options (the embedded --store, or a remote SPARQL server)"):
                formatter.write_dl(store)


class KgGroup(click.Group):
    """A click group that turns KgError into one line on stderr."""

    command_class = KgCommand
    group_class = type  # subgroups are KgGroups too

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except KgError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:  # `kg export | head` is not an error
            sys.stderr.close()
            ctx.exit(0)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg-news", prog_name="kg")
def cli() -> None:
    """kg: knowledge graphs from business news.

    Extract facts from articles, build RDF under the kg ontology, keep it in a
    store, and query, export, analyse, render and serve it.
    """


def main() -> None:
    cli(prog_name="kg")


# ------------------------------------------------------------ store options ---
@dataclass(frozen=True)
class StoreSpec:
    """Where the graph lives: the embedded store directory, or a remote endpoint."""

    path: Path | None
    endpoint: str | None
    remote: dict[str, Any]

    def open(self, *, create: bool = False) -> Store:
        from kg.store import open_store

        return open_store(self.path, create=create, endpoint=self.endpoint, **self.remote)


def store_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--store`` or ``--endpoint`` (with its update/graph-store URLs and auth), as one ``store`` argument."""
    options = [
        click.option(
            "--store",
            "store_path",
            cls=StoreOption,
            type=click.Path(file_okay=False, path_type=Path),
            envvar="KG_STORE",
            help="Embedded store directory [default: .kg, or $KG_STORE].",
        ),
        click.option(
            "--endpoint",
            cls=StoreOption,
            envvar="KG_ENDPOINT",
            help="SPARQL 1.1 query endpoint of a remote store, used instead of --store [$KG_ENDPOINT].",
        ),
        click.option(
            "--update-endpoint",
            cls=StoreOption,
            envvar="KG_UPDATE_ENDPOINT",
            help="SPARQL update endpoint, if not the query endpoint [$KG_UPDATE_ENDPOINT].",
        ),
        click.option(
            "--graph-store",
            cls=StoreOption,
            envvar="KG_GRAPH_STORE",
            help="Graph Store HTTP Protocol endpoint, if the server has one [$KG_GRAPH_STORE].",
        ),
        click.option(
            "--user", cls=StoreOption, envvar="KG_USER", help="User for HTTP basic auth [$KG_USER]."
        ),
        click.option(
            "--password",
            cls=StoreOption,
            envvar="KG_PASSWORD",
            help="Password for HTTP basic auth [$KG_PASSWORD].",
        ),
        click.option("--token", cls=StoreOption, envvar="KG_TOKEN", help="Bearer token [$KG_TOKEN]."),
    ]

    @functools.wraps(func)
    def wrapper(
        *args: Any,
        store_path: Path | None,
        endpoint: str | None,
        update_endpoint: str | None,
        graph_store: str | None,
        user: str | None,
        password: str | None,
        token: str | None,
        **kwargs: Any,
    ) -> Any:
        remote = {
            k: v
            for k, v in {
                "update_endpoint": update_endpoint,
                "graph_store": graph_store,
                "user": user,
                "password": password,
                "token": token,
            }.items()
            if v
        }
        return func(*args, store=StoreSpec(store_path, endpoint, remote), **kwargs)

    return _with_options(wrapper, options)


def _with_options(func: Callable[..., Any], options: list) -> Callable[..., Any]:
    """``func`` with the click ``options`` applied, first option first in --help."""
    for option in reversed(options):
        func = option(func)
    return func


def extraction_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--published`` and ``--min-confidence``, shared by the commands that extract articles."""
    func = click.option(
        "--min-confidence",
        type=click.FloatRange(0, 1),
        default=0.0,
        show_default=True,
        help="Drop extracted facts below this confidence.",
    )(func)
    return click.option(
        "--published",
        metavar="YYYY-MM-DD",
        help='Publication date that relative dates ("last month") resolve against; '
        "overrides the date an article states.",
    )(func)


def web_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """How URLs are fetched (``--cache``, ``--delay``, ``--timeout``, ``--max-bytes``, ``--strict``), as ``web``."""
    options = [
        click.option(
            "--strict", is_flag=True, help="Write nothing unless every page and feed could be read."
        ),
        click.option(
            "--cache",
            "cache_dir",
            type=click.Path(file_okay=False, path_type=Path),
            help="Folder for fetched pages and their facts [default: fetch-cache inside the store].",
        ),
        click.option(
            "--delay",
            type=click.FloatRange(min=0),
            default=1.0,
            show_default=True,
            metavar="SECONDS",
            help="Pause between two requests to one host (longer if robots.txt asks).",
        ),
        click.option(
            "--timeout",
            "fetch_timeout",
            type=click.FloatRange(min=0, min_open=True),
            default=20.0,
            show_default=True,
            metavar="SECONDS",
            help="Time limit for fetching one page.",
        ),
        click.option(
            "--max-bytes",
            type=click.IntRange(min=1),
            default=5_000_000,
            show_default=True,
            help="Largest page read; bigger ones are reported as failed.",
        ),
    ]

    @functools.wraps(func)
    def wrapper(
        *args: Any,
        strict: bool,
        cache_dir: Path | None,
        delay: float,
        fetch_timeout: float,
        max_bytes: int,
        **kwargs: Any,
    ) -> Any:
        from kg.fetch import FetchPolicy
        from kg.web import WebOptions

        policy = FetchPolicy(delay=delay, timeout=fetch_timeout, max_bytes=max_bytes)
        return func(*args, web=WebOptions(cache_dir, strict, policy), **kwargs)

    return _with_options(wrapper, options)


def parallel_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--jobs`` and ``--scheduler``: where extraction runs (kg extract, kg ingest)."""
    func = click.option(
        "--scheduler",
        metavar="ADDRESS",
        envvar="KG_DASK_SCHEDULER",
        help="Extract on a Dask cluster (tcp://host:8786, needs kg[dask]); workers must see the files.",
    )(func)
    func = click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=1,
        show_default=True,
        help="Extraction processes on this machine (0: one per core).",
    )(func)
    return func


def _web_cache(web: Any, store: StoreSpec) -> Any:
    """``--cache``, else the store's own fetch-cache folder (the user cache folder for remote stores)."""
    from dataclasses import replace

    from kg.store import default_store_path
    from kg.web import default_cache_dir

    if web.cache is not None:
        return web
    store_path = None if store.endpoint else store.path or default_store_path()
    return replace(web, cache=default_cache_dir(store_path))


# ---------------------------------------------------------------- extract ---
# (owned by kg.extract)


@cli.command("extract")
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLES|URLS...")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write to this file (atomically) instead of stdout.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json"]),
    default="jsonl",
    show_default=True,
    help="JSON Lines (one document per line) or pretty JSON.",
)
@extraction_options
@parallel_options
@web_options
@click.option(
    "--show-text", is_flag=True, help="Print the text extraction works on (evidence offsets point into it)."
)
@click.option(
    "--explain",
    is_flag=True,
    help="Print why: each fact's pattern ids and masked sentence, each dropped draft and the check "
    "that dropped it, each entity's typing cues.",
)
@click.option(
    "--review",
    "review_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write one YAML review file per article into this folder instead (see kg review).",
)
@click.option("--force", is_flag=True, help="With --review: overwrite files a person reviewed or edited.")
def extract_cmd(
    articles: tuple[Path, ...],
    output: Path | None,
    fmt: str,
    published: str | None,
    min_confidence: float,
    jobs: int,
    scheduler: str | None,
    show_text: bool,
    explain: bool,
    review_dir: Path | None,
    force: bool,
    web: Any,
) -> None:
    """Extract entities and facts from ARTICLES (.txt, .md, .html, or folders of them) as kg-facts/1 documents.

    http(s) URLs of article pages, RSS/Atom feeds or sitemaps are fetched (each linked
    article once); pages that fail are listed on stderr and the rest is extracted.
    """
    from kg.extract import explain_files, read_article
    from kg.ingest import article_files
    from kg.web import split_inputs

    urls, paths = split_inputs(articles)
    if paths:
        paths = article_files(paths)  # folders hold articles
    if urls and (show_text or explain):
        raise click.UsageError("--show-text and --explain read files; save the page first")
    if show_text:
        for path in paths:
            click.echo(read_article(path, published=published).text)
        return
    if explain:
        click.echo(explain_files(paths, published=published), nl=False)
        return
    docs: Any = iter(())
    if paths and scheduler:
        from kg.dask import extract_on_cluster

        docs = extract_on_cluster(paths, scheduler, published=published, min_confidence=min_confidence)
    elif paths:
        from kg.parallel import extract_files_parallel

        docs = extract_files_parallel(paths, jobs=jobs, published=published, min_confidence=min_confidence)
    if not urls:
        _extracted(docs, output, fmt, review_dir, force)
        return
    from kg.web import extract_urls

    docs_from_web, web_report, fetcher = extract_urls(
        urls, web=web, published=published, min_confidence=min_confidence
    )
    with fetcher:
        _extracted(itertools.chain(docs, docs_from_web), output, fmt, review_dir, force)
    for line in web_report.failure_lines():
        click.echo(line, err=True)
    if web_report.failures and not web_report.articles:
        sys.exit(1)


def _extracted(docs: Any, output: Path | None, fmt: str, review_dir: Path | None, force: bool) -> None:
    """Facts documents as review files, or to stdout or (atomically) ``output`` as JSON Lines or JSON."""
    from kg.extract import render_documents

    if review_dir is not None:
        from kg.review import write_review_files

        click.echo(write_review_files(docs, review_dir, force=force).summary(), err=True)
        return
    if fmt == "json":  # one pretty document (or a list): needs them all
        docs = list(docs)
        text = render_documents(docs, fmt)
        if output is None:
            click.echo(text, nl=False)
            return
        from kg.fsutil import atomic_write_text

        atomic_write_text(output, text)
        click.echo(f"{len(docs)} document(s), {sum(len(d.facts) for d in docs)} facts -> {output}", err=True)
        return
    if output is None:  # JSON Lines stream: one line per article as soon as it is read
        for doc in docs:
            click.echo(doc.to_json())
        return
    from kg.fsutil import atomic_open

    n_docs = n_facts = 0
    with atomic_open(output) as fh:
        for doc in docs:
            fh.write(doc.to_json() + "\n")
            n_docs, n_facts = n_docs + 1, n_facts + len(doc.facts)
    click.echo(f"{n_docs} document(s), {n_facts} facts -> {output}", err=True)


# ----------------------------------------------------------------- review ---
# review, eval (owned by kg.review)
@cli.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder of review files: read if present (a review goes on), written by Save.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=7879,
    show_default=True,
    help="Port on 127.0.0.1 (0: any).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default web browser.")
@extraction_options
def review(
    articles: tuple[Path, ...],
    out_dir: Path,
    port: int,
    open_browser: bool,
    published: str | None,
    min_confidence: float,
) -> None:
    """Review extracted facts in a local web page, then Save them as review files in --out.

    The page shows each article with the evidence of its facts highlighted; accept,
    reject or edit each fact, add missed ones by selecting text. It listens on
    127.0.0.1 only, and only answers requests that carry the token in its address.
    """
    from kg.review.server import serve_review

    serve_review(
        articles,
        out_dir,
        port=port,
        open_browser=open_browser,
        published=published,
        min_confidence=min_confidence,
        announce=lambda line: click.echo(line, err=True),
    )


@cli.command("eval")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--articles",
    "article_dirs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to find articles in by id, when a review file's source path does not lead to it (repeatable).",
)
@extraction_options
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="List the missed and the false facts.")
def eval_cmd(
    folder: Path,
    article_dirs: tuple[Path, ...],
    published: str | None,
    min_confidence: float,
    as_json: bool,
    verbose: bool,
) -> None:
    """Score the extractor against the finished review files in FOLDER, per fact type.

    A file counts when it is marked `reviewed: true` at the top (or, like a hand-made
    gold file, has no mark). Same scorer and output as `make eval`.
    """
    from kg.review.evaluate import evaluate

    report = evaluate(
        folder,
        articles=article_dirs,
        published=published,
        min_confidence=min_confidence,
        as_json=as_json,
        verbose=verbose,
    )
    for line in report.warnings:
        click.echo(f"Warning: {line}", err=True)
    if report.unfinished:
        click.echo(f"skipped {len(report.unfinished)} unfinished review file(s)", err=True)
    click.echo(report.text, nl=False)


# ------------------------------------------------------------ store-level ---
# ingest, query, export, stats, validate, entities (owned by kg.ingest/kg.query/...)
@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH|URL...")
@store_options
@extraction_options
@parallel_options
@web_options
@click.option(
    "--force", is_flag=True, help="Extract every article again, even those the store holds unchanged."
)
def ingest(
    paths: tuple[str, ...],
    store: StoreSpec,
    published: str | None,
    min_confidence: float,
    jobs: int,
    scheduler: str | None,
    web: Any,
    force: bool,
) -> None:
    """Extract articles (or read facts files) and load them into the store.

    PATHS are articles (.txt, .md, .html), facts files (.json, .jsonl), review files
    (.yaml, see kg review) or folders of them, or http(s) URLs of article pages,
    RSS/Atom feeds or sitemaps (each linked article is fetched). Each article becomes
    one named graph, named by its id (the file name without extension); ingesting it
    again from the same file or URL replaces it (so the same command can run from
    cron), but never replaces reviewed facts with unreviewed ones. Another file with
    an id the store holds (a/news.txt, then b/news.txt) is an error before anything
    is written: rename it, or kg remove the stored one first. Pages that fail are
    listed at the end and the rest still lands (exit 1 only if all fail). An
    article file the store holds with the same bytes is not extracted again.
    """
    from kg.ingest import input_files
    from kg.store import default_store_path
    from kg.web import ingest_inputs, split_inputs

    _urls, files = split_inputs(paths)
    if files:
        input_files(files)  # a missing path or an unknown file type fails before the store is opened
    folder = None if store.endpoint else (store.path or default_store_path())
    fresh = folder is not None and not folder.exists()
    try:
        with store.open(create=True) as target:
            result = ingest_inputs(
                paths,
                target,
                web=_web_cache(web, store),
                published=published,
                min_confidence=min_confidence,
                progress=sys.stderr.isatty(),
                jobs=jobs,
                scheduler=scheduler,
                force=force,
            )
    except BaseException:
        if fresh and folder is not None and folder.exists():  # a failed first ingest leaves no empty store
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
        raise
    click.echo(result.summary())
    if result.all_failed:
        sys.exit(1)


@cli.command()
@click.argument("feeds", nargs=-1, required=True, metavar="FEED_URL...")
@click.option(
    "--every",
    default="15m",
    show_default=True,
    metavar="INTERVAL",
    help="How often to re-read the feeds (e.g. 90s, 15m, 2h).",
)
@click.option(
    "--rounds", type=click.IntRange(min=1), default=None, help="Stop after N rounds [default: until Ctrl+C]."
)
@store_options
@extraction_options
@web_options
def watch(
    feeds: tuple[str, ...],
    every: str,
    rounds: int | None,
    store: StoreSpec,
    published: str | None,
    min_confidence: float,
    web: Any,
) -> None:
    """Re-read feeds (or sitemaps) every --every and ingest new or changed articles.

    Prints one line per round (new, changed, failed); Ctrl+C stops it. For cron,
    run `kg ingest FEED_URL` instead: it is the same single pass.
    """
    from kg.fetch import is_url
    from kg.web import parse_interval
    from kg.web import watch as watch_feeds

    bad = [f for f in feeds if not is_url(f)]
    if bad:
        raise click.BadParameter(f"{bad[0]!r} is not an http(s) URL", param_hint="FEED_URL")
    interval = parse_interval(every)
    done = 0
    try:
        done = watch_feeds(
            list(feeds),
            lambda: store.open(create=True),
            every=interval,
            web=_web_cache(web, store),
            rounds=rounds,
            published=published,
            min_confidence=min_confidence,
            echo=click.echo,
            warn=lambda line: click.echo(line, err=True),
        )
    except KeyboardInterrupt:
        click.echo("stopped (Ctrl+C); the round in progress, if any, wrote nothing", err=True)
        return
    click.echo(f"stopped after {done} round(s)", err=True)


@cli.command()
@click.argument("query", required=False)
@store_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Value for a named query's $NAME parameter (repeatable).",
)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    metavar="SECONDS",
    help="Stop the query after this long (Ctrl+C stops it at any time).",
)
def query(
    query: str | None,
    store: StoreSpec,
    fmt: str,
    params: tuple[str, ...],
    list_queries: bool,
    timeout: float | None,
) -> None:
    """Run a SPARQL query: QUERY is SPARQL text, a .rq file, or a named query.

    Prefixes kgo:, kgid:, schema:, prov:, org:, rdfs:, skos:, xsd: are predeclared, and the
    default graph is the union of all article graphs.
    """
    from kg.query import format_result, named_queries, run_query

    if list_queries:
        for nq in named_queries().values():
            args = " ".join(f"-p {p}=…" for p in nq.params)
            click.echo(f"{nq.name:<22} {nq.title}" + (f"  [{args}]" if args else ""))
        return
    if not query:
        raise click.UsageError("give a QUERY (SPARQL, a .rq file or a named query) or --list")
    bound = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        bound[name.strip()] = value
    with store.open() as source:
        result = run_query(source, query, bound, timeout=timeout)
    text = format_result(result, fmt)
    if fmt != "table" and sys.stdout.isatty():  # tables escape control characters themselves
        from kg.query import terminal_safe

        text = terminal_safe(text)
    click.echo(text)


@cli.command()
@store_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*FORMAT_NAMES, "graphml", "gexf", "cyjs", "neo4j"], case_sensitive=False),
    help="Serialisation [default: from the -o suffix (.ttl .nt .jsonld .rdf .trig .nq .graphml .gexf .cyjs), else turtle].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File to write (atomically); standard output when omitted. A folder for --format neo4j.",
)
def export(store: StoreSpec, fmt: str | None, output: Path | None) -> None:
    """Export the graph as Turtle, N-Triples, JSON-LD, RDF/XML (union of articles) or TriG/N-Quads (graph per article).

    The format comes from --format, else from the -o file's suffix; a suffix kg does not know is an error.
    The entity graph (entities as nodes, relationships as edges) goes out as GraphML
    (.graphml: Cytoscape, yEd), GEXF (.gexf: Gephi), Cytoscape.js JSON (.cyjs), or
    with --format neo4j -o DIR as the CSV files `neo4j-admin database import` reads.
    """
    from kg.export import export as export_store
    from kg.netexport import export_network, network_format

    network = network_format(output, fmt)
    if network is not None:
        with store.open() as source:
            result = export_network(source, network, output)
        if output is None:
            sys.stdout.buffer.write(result.data)
            sys.stdout.flush()
        click.echo(result.message(), err=True)
        return
    if output is not None and output.is_dir():
        raise click.BadParameter(f"{output} is a folder", param_hint="-o")

    with store.open() as source:
        data = export_store(source, fmt, output)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        click.echo(f"wrote {output} ({len(data):,} bytes)", err=True)


@cli.command()
@store_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help='Output format (json: {"triples", "articles", "entities": {class: n}, "facts": {type: n}}).',
)
@click.option("--json", "as_json", is_flag=True, hidden=True, help="Same as --format json.")
def stats(store: StoreSpec, fmt: str, as_json: bool) -> None:
    """Count triples, articles, entities per class and facts per type."""
    from kg.stats import stats as store_stats

    with store.open() as source:
        result = store_stats(source)
    click.echo(result.format("json" if as_json else fmt))


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, path_type=Path))
@store_options
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    help="Show at most this many violations (0: all).",
)
@click.option(
    "--engine",
    type=click.Choice(["auto", "sparql", "pyshacl"]),
    default="auto",
    show_default=True,
    help="For a store: run the shapes as SPARQL in the store (fast), or load it into pySHACL.",
)
def validate(files: tuple[Path, ...], store: StoreSpec, limit: int, engine: str) -> None:
    """Check the graph against the SHACL shapes (ontology/shapes.ttl).

    Without FILES, checks the store; with FILES, checks them instead: RDF
    (.ttl .nt .trig .nq .jsonld), facts files (.json .jsonl) or articles.
    Exit code 0: conforms; 1: violations; 2: could not run.
    """
    from kg.errors import ValidationFailed
    from kg.validate import validate as validate_store
    from kg.validate import validate_files

    if files:
        report = validate_files(files)
    else:
        with store.open() as source:
            report = validate_store(source, engine=engine)
    click.echo(report.details(limit))
    if not report.conforms:
        raise ValidationFailed(f"{report.violations} SHACL violation(s)")


@cli.command()
@store_options
@click.option(
    "--type",
    "entity_type",
    type=click.Choice(["Organization", "Person", "Product", "Place"]),
    help="Only entities of this class.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--duplicates/--no-duplicates",
    default=True,
    show_default=True,
    help="Also list likely duplicates that were not merged.",
)
def entities(store: StoreSpec, entity_type: str | None, fmt: str, duplicates: bool) -> None:
    """List entities with their aliases, types and article counts, and likely duplicates."""
    from kg.entities import format_entities, likely_duplicates, list_entities

    with store.open() as source:
        found = list_entities(source, entity_type)
    click.echo(format_entities(found, likely_duplicates(found) if duplicates else [], fmt))


# ---------------------------------------------------------------- analyse ---
# analyze, render (owned by kg.analyze / kg.render)
@cli.group()
def analyze() -> None:
    """Analyse the entity graph: who is connected to whom, and how strongly.

    The graph has one node per entity and one edge per direct relationship
    (invested in, acquired, founded, member of, makes, uses, supplies,
    subsidiary of, partner of). Every subcommand prints a table, CSV, TSV or JSON.
    """


def _analysis_options(func: Callable[..., Any], *, top: bool = True) -> Callable[..., Any]:
    """``--format`` and ``--top`` for every analysis, after the store options."""
    if top:
        func = click.option(
            "--top",
            type=click.IntRange(min=0),
            default=20,
            show_default=True,
            help="Show the first N rows (0: all).",
        )(func)
    func = click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "csv", "tsv", "json"]),
        default="table",
        show_default=True,
        help="Output format.",
    )(func)
    return store_options(func)


def _save_scores(source: Store, graph: Any, sample: int | None) -> None:
    from kg.analyze import ANALYSIS_GRAPH, save_scores

    written = save_scores(source, graph, sample=sample)
    click.echo(f"saved {written} score triples to graph <{ANALYSIS_GRAPH}>", err=True)


@analyze.command()
@_analysis_options
@click.option(
    "--by",
    type=click.Choice(["pagerank", "degree", "betweenness"]),
    default="pagerank",
    show_default=True,
    help="Rank by this measure.",
)
@click.option(
    "--sample",
    type=click.IntRange(min=0),
    default=None,
    help="Estimate betweenness from K source nodes [default: exact up to 1,000 nodes, else 32-300; 0: exact].",
)
@click.option(
    "--save", is_flag=True, help="Write PageRank, degree, betweenness and community back into the store."
)
def centrality(store: StoreSpec, fmt: str, top: int, by: str, sample: int | None, save: bool) -> None:
    """The most central entities: degree, PageRank and betweenness."""
    import kg.analyze as analysis

    with store.open() as source:
        graph = analysis.entity_graph(source)
        rows = analysis.centrality(graph, top=top or None, by=by, sample=sample)
        if save:
            _save_scores(source, graph, sample)
    click.echo(analysis.format_records(rows, fmt, analysis.CENTRALITY_COLUMNS))


@analyze.command()
@_analysis_options
@click.option(
    "--resolution",
    type=float,
    default=1.0,
    show_default=True,
    help="Louvain resolution: above 1 gives more, smaller communities.",
)
@click.option("--seed", type=int, default=42, show_default=True, help="Random seed (same seed, same answer).")
@click.option(
    "--save", is_flag=True, help="Write PageRank, degree, betweenness and community back into the store."
)
def communities(store: StoreSpec, fmt: str, top: int, resolution: float, seed: int, save: bool) -> None:
    """Communities of closely linked entities (Louvain), largest first."""
    import kg.analyze as analysis

    with store.open() as source:
        graph = analysis.entity_graph(source)
        rows = analysis.communities(graph, seed=seed, resolution=resolution, top=top or None)
        if save:
            _save_scores(source, graph, None)
    click.echo(analysis.format_records(rows, fmt, analysis.COMMUNITY_COLUMNS))


@analyze.command()
@click.argument("source_entity", metavar="FROM")
@click.argument("target_entity", metavar="TO")
@functools.partial(_analysis_options, top=False)
@click.option(
    "--max-paths",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Show at most this many shortest paths.",
)
def path(source_entity: str, target_entity: str, store: StoreSpec, fmt: str, max_paths: int) -> None:
    """The shortest paths between two entities (names or aliases, any case), with the facts on each hop."""
    from kg.analyze import PATH_COLUMNS, format_records, paths

    with store.open() as source:
        hops = paths(source, source_entity, target_entity, max_paths=max_paths)
    if not hops and fmt == "table":
        click.echo(f"no path between {source_entity!r} and {target_entity!r}")
        return
    click.echo(format_records(hops, fmt, PATH_COLUMNS))


@analyze.command()
@_analysis_options
def coinvestors(store: StoreSpec, fmt: str, top: int) -> None:
    """Investors that invest alongside each other: how often, and in which companies."""
    import kg.analyze as analysis

    with store.open() as source:
        rows = analysis.coinvestors(source, top=top or None)
    click.echo(analysis.format_records(rows, fmt, analysis.COINVESTOR_COLUMNS))


@analyze.command()
@_analysis_options
@click.option("--currency", metavar="CODE", help="Only this currency (e.g. USD).")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(["completed", "announced", "planned", "pledged", "in_talks", "reported"]),
    help="Only deals with this status (repeatable) [default: all].",
)
def funding(store: StoreSpec, fmt: str, top: int, currency: str | None, statuses: tuple[str, ...]) -> None:
    """Money received, raised and given per organisation, summed per currency.

    A deal stated by several articles counts once; rounds with unnamed
    investors are "raised", money from named investors "received".
    """
    import kg.analyze as analysis

    with store.open() as source:
        rows = analysis.funding(source, top=top or None, currency=currency, statuses=statuses or None)
    click.echo(analysis.format_records(rows, fmt, analysis.FUNDING_COLUMNS))


@analyze.command()
@click.argument("entity")
@_analysis_options
@click.option(
    "--hops", type=click.IntRange(min=1), default=1, show_default=True, help="How far to go from the entity."
)
def neighbours(entity: str, store: StoreSpec, fmt: str, top: int, hops: int) -> None:
    """The entities within --hops of ENTITY (a name or alias, any case), nearest first."""
    import kg.analyze as analysis

    with store.open() as source:
        rows = analysis.neighbours(source, entity, hops=hops, top=top or None)
    click.echo(analysis.format_records(rows, fmt, analysis.NEIGHBOUR_COLUMNS))


@cli.command()
@store_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("graph.html"),
    show_default=True,
    help="HTML file to write.",
)
@click.option("--focus", metavar="ENTITY", help="Draw only the neighbourhood of this entity (name or alias).")
@click.option(
    "--hops", type=click.IntRange(min=1), default=1, show_default=True, help="Neighbourhood size for --focus."
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=300,
    show_default=True,
    help="Keep the N most central entities (0: all); the page says when it dropped some.",
)
@click.option("--title", help="Page title [default: says what is shown, e.g. the --focus entity].")
def render(
    store: StoreSpec, output: Path, focus: str | None, hops: int, limit: int, title: str | None
) -> None:
    """Draw the entity graph as one interactive HTML page that works offline."""
    from kg.render import render as render_page

    with store.open() as source:
        page = render_page(source, output, focus=focus, hops=hops, limit=limit or None, title=title)
    kept = f" (the most central of {page.total_nodes}; see --limit)" if page.notice else ""
    click.echo(f"wrote {output}: {page.nodes} entities{kept}, {page.edges} relationships", err=True)


# ------------------------------------------------------------------ serve ---
# serve, push, remove (owned by kg.serve / kg.store.remote)
@cli.command()
@click.option(
    "--store",
    "store_path",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="KG_STORE",
    help="Embedded store directory [default: .kg, or $KG_STORE].",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="Port to listen on."
)
@click.option("--allow-update", is_flag=True, help="Accept SPARQL updates at /update (read-only otherwise).")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="Time limit per query; longer queries are cut off with HTTP 503.",
)
@click.option(
    "--max-results",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    metavar="N",
    help="Most rows (or triples) a query may return; bigger results are refused with HTTP 400.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="Query worker processes (queries answered at the same time).",
)
@click.option(
    "--cors", is_flag=True, help="Allow browser pages from any origin to query (CORS; never to update)."
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests for this host name (Host header), e.g. behind a proxy (repeatable).",
)
@click.option(
    "--allow-remote",
    multiple=True,
    metavar="HOST",
    help="Let SERVICE and LOAD contact this host (repeatable); refused by default.",
)
@click.option(
    "--update-token",
    envvar="KG_SERVE_TOKEN",
    help="Updates must send Authorization: Bearer TOKEN [$KG_SERVE_TOKEN]; generated when bound beyond loopback.",
)
@click.option(
    "--max-body",
    type=click.IntRange(min=1024),
    default=4_000_000,
    show_default=True,
    metavar="BYTES",
    help="Largest request body; bigger ones get HTTP 413.",
)
def serve(
    store_path: Path | None,
    host: str,
    port: int,
    allow_update: bool,
    timeout: float,
    max_results: int,
    workers: int,
    cors: bool,
    allowed_hosts: tuple[str, ...],
    allow_remote: tuple[str, ...],
    update_token: str | None,
    max_body: int,
) -> None:
    """Serve the store as a SPARQL 1.1 Protocol endpoint and a read-only explorer.

    Programs: GET or POST /query; results as JSON, XML, CSV, TSV (SELECT/ASK) or
    Turtle, N-Triples, JSON-LD (CONSTRUCT/DESCRIBE) by the Accept header. People:
    open / in a browser (search, entity and article pages, named queries with
    CSV/JSON downloads). Prints the address it bound (--port 0: any free port).
    """
    from kg.serve import ServeConfig, update_token_for
    from kg.serve import serve as run_server
    from kg.store import default_store_path

    config = update_token_for(
        ServeConfig(
            store_path or default_store_path(),
            allow_update=allow_update,
            timeout=timeout,
            max_results=max_results,
            workers=workers,
            cors=cors,
            host=host,
            port=port,
            allowed_hosts=allowed_hosts,
            allow_remote=allow_remote,
            update_token=update_token,
            max_body=max_body,
        )
    )
    mode = "read-write" if allow_update else "read-only"

    def ready(url: str) -> None:
        click.echo(
            f"serving {config.store_path} ({mode}) at {url}  (SPARQL endpoint {url}query); Ctrl+C stops",
            err=True,
        )
        if allow_update and config.update_token and not update_token:
            click.echo(f"updates need the header  Authorization: Bearer {config.update_token}", err=True)

    run_server(config, host=host, port=port, ready=ready)


@cli.command()
@store_options
def push(store: StoreSpec) -> None:
    """Copy the embedded store's article graphs to the remote store at --endpoint.

    One named graph per article, replaced if present, so pushing twice leaves the
    same triples. Uses the Graph Store protocol (--graph-store) when given, else
    batched DROP + INSERT DATA updates.
    """
    from kg.manage import push as push_graphs
    from kg.store import OxigraphStore, default_store_path, open_store

    if not store.endpoint:
        raise click.UsageError("give the remote store with --endpoint URL (or $KG_ENDPOINT)")
    # Read-only, so pushing works while `kg serve --allow-update` holds the store (no close: nothing to flush).
    source = OxigraphStore(store.path or default_store_path(), create=False, read_only=True)
    with open_store(endpoint=store.endpoint, **store.remote) as target:
        report = push_graphs(source, target)
    click.echo(report.summary())


@cli.command()
@click.argument("article_ids", nargs=-1, required=True)
@store_options
def remove(article_ids: tuple[str, ...], store: StoreSpec) -> None:
    """Remove articles (by id) and every triple only they stated, from the store or --endpoint."""
    from kg.manage import remove_articles

    with store.open() as target:
        report = remove_articles(target, article_ids)
    click.echo(report.summary())


@cli.command()
@store_options
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True
)
def conflicts(store: StoreSpec, fmt: str) -> None:
    """List facts whose sources disagree (amount, date, stake, status), with each source's value and evidence."""
    from kg.conflicts import find_conflicts, format_conflicts

    with store.open() as source:
        found = find_conflicts(source)
    click.echo(format_conflicts(found, fmt))


@cli.command()
@click.argument("keep")
@click.argument("merged")
@store_options
def merge(keep: str, merged: str, store: StoreSpec) -> None:
    """Merge entity MERGED into entity KEEP (each a name, alias or IRI); the merge survives re-ingest.

    Articles naming MERGED are rebuilt so their facts point to KEEP; a deal both
    entities had becomes one. The merge is recorded in the store, so re-ingesting
    or removing articles keeps it.
    """
    from kg.manage import merge_entities

    with store.open() as target:
        report = merge_entities(target, keep, merged)
    click.echo(report.summary())


_ = Path  # re-exported for command modules below
