"""The generated docs match the code, and the generator walks every command."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from kg.docs import cli_markdown, ontology_markdown, ontology_network, rules_markdown

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize(
    ("name", "generate"),
    [("cli.md", cli_markdown), ("ontology.md", ontology_markdown), ("rules.md", rules_markdown)],
)
def test_committed_docs_are_current(name: str, generate) -> None:
    committed = (DOCS / name).read_text(encoding="utf-8") if (DOCS / name).exists() else ""
    assert committed == generate(), f"docs/{name} is stale: run make docs"


def test_cli_markdown_walks_nested_groups_and_skips_hidden_commands() -> None:
    @click.group(context_settings={"help_option_names": ["-h", "--help"]})
    def tool() -> None:
        """A tool."""

    @tool.group()
    def remote() -> None:
        """Talk to remotes."""

    @remote.command()
    @click.option("--url", help="Where the remote lives.")
    def add(url: str) -> None:
        """Add a remote."""

    @tool.command(hidden=True)
    def secret() -> None:
        """Not for users."""

    text = cli_markdown(tool, prog_name="tool")
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## `tool`",
        "## `tool remote`",
        "## `tool remote add`",
    ]
    assert "Usage: tool remote add [OPTIONS]" in text
    assert "--url TEXT  Where the remote lives." in text
    assert "-h, --help" in text  # the group's context settings reach its subcommands
    assert "secret" not in text


def test_cli_markdown_lists_every_kg_command() -> None:
    from kg.cli import cli

    text = cli_markdown()
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        if not cli.get_command(ctx, name).hidden:
            assert f"## `kg {name}`" in text


def test_ontology_network_has_class_hierarchy_and_property_edges() -> None:
    network = ontology_network()
    assert network.nodes["kgo:Investment"]["cls"] == "Fact"
    assert network.nodes["kgo:Organization"]["cls"] == "Organization"
    assert network.nodes["schema:Organization"]["cls"] == "Aligned"

    def relations(source: str, target: str) -> set[str]:
        return {
            r
            for data in network.get_edge_data(source, target, default={}).values()
            for r in data["relations"]
        }

    assert relations("kgo:Investment", "kgo:Fact") == {"subClassOf"}
    # kgo:investor's domain is Investment and its range the union Organization or Person
    assert {"kgo:investor", "kgo:investee"} <= relations("kgo:Investment", "kgo:Organization")
    assert "kgo:investor" in relations("kgo:Investment", "kgo:Person")
    assert "kgo:investee" not in relations("kgo:Investment", "kgo:Person")
    assert "kgo:investedIn" in relations("kgo:Person", "kgo:Organization")
