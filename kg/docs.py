"""Generated documentation: ``docs/cli.md``, ``docs/ontology.md`` and the ontology picture.

Docs generated from the code cannot drift from it: ``make docs`` (``python -m
kg.docs``) rewrites them, and ``tests/test_docs.py`` fails when the committed
files differ from what the code would generate now.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click

#: The folder ``make docs`` writes to in a source checkout.
DOCS_DIR = Path(__file__).resolve().parent.parent / "docs"

#: Fixed help width, so the generated text does not depend on the terminal it was made in.
HELP_WIDTH = 80

CLI_HEADER = """\
# The kg command line

<!-- Generated from the click commands' help by `make docs` (python -m kg.docs); do not edit. -->

Every command's `--help`, as `kg` prints it. Options that read an environment
variable name it in brackets, e.g. `[$KG_STORE]`.
"""


# ------------------------------------------------------------------- cli.md ---
def _contexts(
    command: click.Command, name: str, parent: click.Context | None = None
) -> Iterator[tuple[str, click.Context]]:
    """(full command path, context) for ``command`` and, depth first, every visible subcommand."""
    settings = {**command.context_settings, "terminal_width": HELP_WIDTH, "max_content_width": HELP_WIDTH}
    ctx = click.Context(command, info_name=name, parent=parent, **settings)
    yield ctx.command_path, ctx
    if isinstance(command, click.Group):
        for sub_name in command.list_commands(ctx):
            sub = command.get_command(ctx, sub_name)
            if sub is not None and not sub.hidden:
                yield from _contexts(sub, sub_name, ctx)


def cli_markdown(root: click.Command | None = None, prog_name: str = "kg") -> str:
    """``docs/cli.md``: the help of ``root`` (default: ``kg.cli.cli``) and of all its subcommands."""
    if root is None:
        from kg.cli import cli as root
    commands = list(_contexts(root, prog_name))
    lines = [CLI_HEADER]
    if len(commands) > 1:
        lines.append(
            "Commands: " + ", ".join(f"[`{path}`](#{_anchor(path)})" for path, _ in commands[1:]) + "\n"
        )
    for path, ctx in commands:
        lines += [f"## `{path}`", "", "```text", ctx.command.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _anchor(heading: str) -> str:
    # GitHub's heading anchors: lower case, spaces to dashes, punctuation dropped.
    return "".join(ch for ch in heading.lower().replace(" ", "-") if ch.isalnum() or ch in "-_")


# -------------------------------------------------------------- ontology.md ---
def ontology_markdown() -> str:
    """``docs/ontology.md``, as :func:`kg.ontology.ontology_markdown` writes it."""
    from kg.ontology import ontology_markdown as markdown

    return markdown()


# ------------------------------------------------------- ontology picture ---
def ontology_network():
    """The ontology as a networkx MultiDiGraph of classes, shaped like kg's entity graph.

    Nodes are the kgo: classes and the outside classes they specialise; edges
    are ``rdfs:subClassOf`` and, for each object property, one edge from every
    class of its domain to every class of its range (unions expanded). Node and
    edge attributes are those of :func:`kg.analyze.entity_graph`, so
    :func:`kg.render.render` draws it: the four entity classes get their
    colours, fact classes (``cls`` "Fact") and aligned outside classes
    (``cls`` "Aligned") stay grey.
    """
    import networkx as nx
    from rdflib import BNode, URIRef
    from rdflib.collection import Collection
    from rdflib.namespace import OWL, RDF, RDFS

    from kg.build.rdf import ENTITY_CLASSES
    from kg.namespaces import KGO
    from kg.ontology import load_ontology

    onto = load_ontology()
    entity_class_names = {iri: name for name, iri in ENTITY_CLASSES.items()}

    def curie(term: URIRef) -> str:
        return onto.namespace_manager.normalizeUri(term)

    def members(term) -> list[URIRef]:
        # A class expression: a named class, or an owl:unionOf list of them.
        if isinstance(term, URIRef):
            return [term]
        if isinstance(term, BNode):
            union = onto.value(term, OWL.unionOf)
            if union is not None:
                return [m for m in Collection(onto, union) if isinstance(m, URIRef)]
        return []

    def kind(cls: URIRef) -> str:
        if cls in entity_class_names:
            return entity_class_names[cls]
        if not str(cls).startswith(str(KGO)):
            return "Aligned"
        return "Fact" if cls == KGO.Fact or (cls, RDFS.subClassOf, KGO.Fact) in onto else "Class"

    network = nx.MultiDiGraph(name="kg ontology", headlines={})

    def add_class(cls: URIRef) -> str:
        node = curie(cls)
        if node not in network:
            label = onto.value(cls, RDFS.label)
            network.add_node(
                node,
                label=node,
                cls=kind(cls),
                articles=0,
                iri=str(cls),
                aliases=[str(label)] if label is not None else [],
                comment=str(onto.value(cls, RDFS.comment) or ""),
            )
        return node

    # One edge per (class, class) pair, labelled with every relation between them, so the
    # picture stays readable where several properties share a domain and range.
    relations: dict[tuple[str, str], list[str]] = {}

    def add_edge(source: URIRef, target: URIRef, relation: str) -> None:
        relations.setdefault((add_class(source), add_class(target)), []).append(relation)

    for cls in sorted(c for c in onto.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)):
        add_class(cls)
        for parent in sorted(p for p in onto.objects(cls, RDFS.subClassOf) if isinstance(p, URIRef)):
            add_edge(cls, parent, "subClassOf")
    for prop in sorted(p for p in onto.subjects(RDF.type, OWL.ObjectProperty) if isinstance(p, URIRef)):
        domains = sorted({d for term in onto.objects(prop, RDFS.domain) for d in members(term)})
        ranges = sorted({r for term in onto.objects(prop, RDFS.range) for r in members(term)})
        for domain in domains:
            for range_ in ranges:
                add_edge(domain, range_, curie(prop))
    for (source, target), names in relations.items():
        network.add_edge(
            source,
            target,
            relation=", ".join(names),
            relations=names,
            amount=None,
            currency=None,
            date=None,
            status=None,
            details={},
            articles=[],
            evidence=[],
            facts=[],
            symmetric=False,
        )
    return network


def render_ontology_picture(html_path: Path, png_path: Path | None = None) -> list[Path]:
    """Render :func:`ontology_network` with kg's renderer to HTML, and screenshot it to PNG if asked.

    The PNG needs headless Chromium; without it the HTML is still written and
    the PNG is skipped with a message on stderr.
    """
    from kg import render

    render.render(ontology_network(), html_path, limit=None, title="kg ontology")
    written = [html_path]
    if png_path is not None and screenshot(html_path.resolve().as_uri(), png_path):
        written.append(png_path)
    return written


def screenshot(url: str, png_path: Path, *, size: str = "1400,900", budget_ms: int = 8000) -> bool:
    """A PNG of ``url`` in headless Chromium; False (and a message) when there is no Chromium."""
    browser = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
    if browser is None:
        print(f"skipped {png_path.name}: no chromium on PATH (apt-get install chromium)", file=sys.stderr)
        return False
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--screenshot={png_path.resolve()}",
            f"--window-size={size}",
            f"--virtual-time-budget={budget_ms}",
            url,
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return True


def render_graph_picture(png_path: Path, entity: str = "Anthropic") -> list[Path]:
    """docs/graph.png: the seed article's graph as ``kg render`` draws it, with ``entity``'s panel open."""
    import tempfile

    from kg import render
    from kg.ingest import ingest
    from kg.store.oxigraph import OxigraphStore

    store = OxigraphStore(None)
    ingest([Path(__file__).resolve().parent.parent / "seeds"], store)
    with tempfile.TemporaryDirectory(prefix="kg-docs-") as scratch:
        html_path = Path(scratch) / "graph.html"
        render.render(store, html_path)
        url = html_path.as_uri() + "#entity=" + entity
        return [png_path] if screenshot(url, png_path, size="1400,860", budget_ms=15000) else []


# ----------------------------------------------------------------- rules.md ---
def rules_markdown() -> str:
    """``docs/rules.md``: the rule registry and the pattern catalogue, with their examples."""
    from kg.extract.rules.patterns import PatternFamily, load_catalogue
    from kg.extract.rules.registry import ALL_RULES

    lines = [
        "# Extraction rules",
        "",
        "<!-- Generated from kg/extract/rules by `make docs` (python -m kg.docs); do not edit. -->",
        "",
        "Rules run on every sentence in this order. A *pattern family* runs the records of",
        "`kg/extract/rules/patterns/FAMILY.yaml`; the others are code in `kg/extract/rules/`.",
        "See docs/extraction.md for how to add a pattern.",
        "",
        "| # | rule | fact types | writes | reads | reads (earlier sentences) |",
        "|---|---|---|---|---|---|",
    ]
    for i, rule in enumerate(ALL_RULES, 1):
        kind = "pattern family" if isinstance(rule.apply, PatternFamily) else "code"
        lines.append(
            f"| {i} | `{rule.name}` ({kind}) | {', '.join(rule.fact_types)} | {', '.join(sorted(rule.writes))} "
            f"| {', '.join(sorted(rule.reads))} | {', '.join(sorted(rule.reads_earlier))} |"
        )
    for family, patterns in load_catalogue().items():
        lines += ["", f"## {family}", ""]
        for p in patterns:
            lines.append(f"### `{p.id}`")
            lines.append("")
            where = f" (runs at stage `{p.stage}` of a code rule)" if p.stage else ""
            lines.append(f"{p.type}, confidence {p.confidence}. {p.doc}{where}".rstrip())
            lines.append("")
            for ex in p.examples:
                facts = ", ".join(f"{k}: {v}" for k, v in ex.expect.items())
                lines.append(f"- extracts from: {ex.text} → {facts}")
            for text in p.counterexamples:
                lines.append(f"- not from: {text}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# ------------------------------------------------------------------- main ---
def write_docs(docs_dir: Path = DOCS_DIR, *, picture: bool = True) -> list[Path]:
    """Regenerate every generated file under ``docs_dir`` (and the README's example outputs); return the paths written."""
    from kg.fsutil import atomic_write_text
    from kg.readme import write_readme

    written = []
    for name, text in (
        ("cli.md", cli_markdown()),
        ("ontology.md", ontology_markdown()),
        ("rules.md", rules_markdown()),
    ):
        atomic_write_text(docs_dir / name, text)
        written.append(docs_dir / name)
    if picture:
        written += render_ontology_picture(docs_dir / "ontology.html", docs_dir / "ontology.png")
        written += render_graph_picture(docs_dir / "graph.png")
    if docs_dir == DOCS_DIR:
        written.append(write_readme())
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    picture = "--no-picture" not in args
    for path in write_docs(picture=picture):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
