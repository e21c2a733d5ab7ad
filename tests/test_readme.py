"""README.md documents every CLI command, option and canned query, and nothing that is not there."""
from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from claimgraph.cli import cli
from graph.catalog import load_catalog

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
CATALOG = load_catalog()


def section(title: str) -> str:
    """The text under ``## title`` up to the next ``## `` heading."""
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert m, f"README has no '## {title}' section"
    return m.group(1)


def test_quick_start_is_exactly_two_commands() -> None:
    body = section("Quick start")
    assert [line.strip() for line in body.splitlines() if line.strip()] == ["make demo", "make test"]


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_and_option_is_documented(name: str) -> None:
    commands = section("Commands")
    heading = re.search(rf"^### `claimgraph {name}\b[^\n]*`\n(.*?)(?=^### |\Z)", commands, re.M | re.S)
    assert heading, f"no '### `claimgraph {name} ...`' heading under Commands"
    command = cli.commands[name]
    assert command.help
    for param in command.params:
        if isinstance(param, click.Option):
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert opt in commands, f"{name} {opt} is not documented"
    assert f"`claimgraph {name}" in commands.split("###", 1)[0], f"{name} missing from the table"


def test_version_is_documented() -> None:
    assert "claimgraph --version" in section("Commands")


def test_no_documented_command_is_missing_from_the_cli() -> None:
    mentioned = set(re.findall(r"claimgraph ([a-z][a-z-]+)", README))
    assert mentioned - set(cli.commands) == set()


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_every_canned_query_is_documented(name: str) -> None:
    q = CATALOG[name]
    queries = section("Canned queries")
    row = next((line for line in queries.splitlines() if line.startswith(f"| `{name}` |")), None)
    assert row, f"no table row for {name} under Canned queries"
    assert q.question in row
    for p in q.params:
        assert f"`{p.describe()}`" in row
    if q.example:
        assert f"`{q.example}`" in row


def test_documented_queries_exist() -> None:
    named = set(re.findall(r"^\| `([a-z0-9-]+)` \|", section("Canned queries"), re.M))
    named |= set(re.findall(r"claimgraph query ([a-z0-9-]+)", README)) - {"NAME"}
    named |= set(re.findall(r"run_query\(store, \"([a-z0-9-]+)\"", README))
    assert named and named <= set(CATALOG)
