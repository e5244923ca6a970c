"""The ``kg`` command line: a thin skin over the library.

Each command parses its options, calls one library function and prints the
result. Errors a user can cause arrive as :class:`kg.errors.KgError` and end
as one ``Error: …`` line on stderr with a non-zero exit, never a traceback.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from kg.errors import KgError
from kg.store.base import Store


class KgGroup(click.Group):
    """A click group that turns KgError into one line on stderr."""

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
        click.option("--store", "store_path", type=click.Path(file_okay=False, path_type=Path),
                     envvar="KG_STORE", help="Embedded store directory [default: .kg, or $KG_STORE]."),
        click.option("--endpoint", envvar="KG_ENDPOINT",
                     help="SPARQL 1.1 query endpoint of a remote store, used instead of --store [$KG_ENDPOINT]."),
        click.option("--update-endpoint", envvar="KG_UPDATE_ENDPOINT",
                     help="SPARQL update endpoint, if not the query endpoint [$KG_UPDATE_ENDPOINT]."),
        click.option("--graph-store", envvar="KG_GRAPH_STORE",
                     help="Graph Store HTTP Protocol endpoint, if the server has one [$KG_GRAPH_STORE]."),
        click.option("--user", envvar="KG_USER", help="User for HTTP basic auth [$KG_USER]."),
        click.option("--password", envvar="KG_PASSWORD", help="Password for HTTP basic auth [$KG_PASSWORD]."),
        click.option("--token", envvar="KG_TOKEN", help="Bearer token [$KG_TOKEN]."),
    ]

    @functools.wraps(func)
    def wrapper(*args: Any, store_path: Path | None, endpoint: str | None, update_endpoint: str | None,
                graph_store: str | None, user: str | None, password: str | None, token: str | None,
                **kwargs: Any) -> Any:
        remote = {k: v for k, v in {"update_endpoint": update_endpoint, "graph_store": graph_store,
                                     "user": user, "password": password, "token": token}.items() if v}
        return func(*args, store=StoreSpec(store_path, endpoint, remote), **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


# ---------------------------------------------------------------- extract ---
# (owned by kg.extract)

# ------------------------------------------------------------ store-level ---
# ingest, query, export, stats, validate, entities (owned by kg.ingest/kg.query/...)
@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_options
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date for articles that do not state one.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Drop extracted facts below this confidence.")
def ingest(paths: tuple[Path, ...], store: StoreSpec, published: str | None, min_confidence: float) -> None:
    """Extract articles (or read facts files) and load them into the store.

    PATHS are articles (.txt, .md, .html), facts files (.json, .jsonl) or folders
    of them. Each article becomes one named graph; ingesting it again replaces it.
    """
    from kg.ingest import ingest as ingest_paths

    with store.open(create=True) as target:
        report = ingest_paths(paths, target, published=published, min_confidence=min_confidence)
    click.echo(report.summary())


@cli.command()
@click.argument("query", required=False)
@store_options
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Value for a named query's $NAME parameter (repeatable).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
def query(query: str | None, store: StoreSpec, fmt: str, params: tuple[str, ...], list_queries: bool) -> None:
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
        result = run_query(source, query, bound)
    click.echo(format_result(result, fmt))


@cli.command()
@store_options
@click.option("--format", "fmt", type=click.Choice(["turtle", "nt", "jsonld", "trig", "nquads"]),
              help="Serialisation [default: from the -o suffix, else turtle].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (atomically); standard output when omitted.")
def export(store: StoreSpec, fmt: str | None, output: Path | None) -> None:
    """Export the graph as Turtle, N-Triples, JSON-LD (union of articles) or TriG/N-Quads (graph per article)."""
    from kg.export import export as export_store

    with store.open() as source:
        data = export_store(source, fmt, output)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        click.echo(f"wrote {output} ({len(data):,} bytes)", err=True)


@cli.command()
@store_options
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(store: StoreSpec, as_json: bool) -> None:
    """Count triples, articles, entities per class and facts per type."""
    from kg.stats import stats as store_stats

    with store.open() as source:
        result = store_stats(source)
    click.echo(json.dumps(result.as_dict(), indent=2) if as_json else result.summary())


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, path_type=Path))
@store_options
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="Show at most this many violations (0: all).")
def validate(files: tuple[Path, ...], store: StoreSpec, limit: int) -> None:
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
            report = validate_store(source)
    click.echo(report.details(limit))
    if not report.conforms:
        raise ValidationFailed(f"{report.violations} SHACL violation(s)")


# ---------------------------------------------------------------- analyse ---
# analyze, render (owned by kg.analyze / kg.render)

# ------------------------------------------------------------------ serve ---
# serve, push, remove (owned by kg.serve / kg.store.remote)

_ = Path  # re-exported for command modules below
