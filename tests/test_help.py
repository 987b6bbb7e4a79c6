"""Every ``--help`` reads whole in an 80-column terminal: the command list shows each summary
uncut, every option says what it does, and no line is wider than the terminal."""

from __future__ import annotations

import importlib

import click
import pytest
from click.testing import CliRunner

from passerelle.cli import COMMANDS, cli

WIDTH = 80


def _help(*args: str) -> str:
    result = CliRunner().invoke(
        cli, [*args, "--help"], terminal_width=WIDTH, max_content_width=WIDTH
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_the_command_list_shows_every_summary_whole() -> None:
    text = _help()
    listing = text.split("Commands:\n", 1)[1]
    for name, (_, summary) in COMMANDS.items():
        assert f"  {name:{max(map(len, COMMANDS))}}  {summary}\n" in listing, name
    assert "..." not in listing and "…" not in listing


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_help_fits_and_describes_every_option(name: str) -> None:
    importlib.import_module(COMMANDS[name][0])
    command = cli.commands[name]
    text = _help(name)
    wide = [line for line in text.splitlines() if len(line) > WIDTH]
    assert wide == [], wide
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help and param.help.strip(), f"{name} {param.opts[0]} has no help"
            assert param.opts[-1] in text
    assert COMMANDS[name][1] in " ".join(text.split())


def test_the_group_options_are_described() -> None:
    text = _help()
    assert all(len(line) <= WIDTH for line in text.splitlines())
    for param in cli.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, param.opts
