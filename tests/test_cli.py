"""The command group: commands load on demand, and --help lists them all without loading any."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import click
import pytest

from passerelle.cli import COMMANDS, LazyGroup, cli


def _load_all() -> dict[str, click.Command]:
    for module, _ in COMMANDS.values():
        importlib.import_module(module)
    return {name: command for name, command in cli.commands.items() if not command.hidden}


def test_the_table_names_every_command_and_its_module() -> None:
    commands = _load_all()
    assert sorted(commands) == sorted(COMMANDS)
    for name, command in commands.items():
        assert command.callback is not None
        assert command.callback.__module__ == COMMANDS[name][0], name


def test_the_table_holds_each_commands_own_short_help() -> None:
    for name, command in _load_all().items():
        stub = click.Command(name, help=COMMANDS[name][1])
        for limit in (30, 45, 80, 1000):
            assert stub.get_short_help_str(limit) == command.get_short_help_str(limit), name


@pytest.mark.parametrize("width", [40, 80, 200])
def test_the_help_listing_is_clicks_own(width: int) -> None:
    """The lazy listing prints exactly what click prints with every command loaded."""
    _load_all()
    ctx = click.Context(cli)
    lazy, eager = click.HelpFormatter(width=width), click.HelpFormatter(width=width)
    LazyGroup.format_commands(cli, ctx, lazy)
    click.Group.format_commands(cli, ctx, eager)
    assert lazy.getvalue() == eager.getvalue()
    assert all(name in lazy.getvalue() for name in COMMANDS)


def _modules_after(*args: str) -> set[str]:
    code = (
        "import sys\nfrom passerelle.cli import main\ntry:\n    main(sys.argv[1:])\n"
        "except SystemExit:\n    pass\nprint(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    return set(done.stderr.split())


def test_help_imports_no_command_module() -> None:
    loaded = _modules_after("--help")
    assert not {module for module, _ in COMMANDS.values()} & loaded
    assert "passerelle.po.catalog" not in loaded and "passerelle.segment.sentences" not in loaded


def test_a_command_imports_its_own_module_only() -> None:
    loaded = _modules_after("segment", "--help")
    assert "passerelle.cli.documents" in loaded
    assert not {"passerelle.cli.checking", "passerelle.cli.catalogs"} & loaded


def test_file_mode_extract_leaves_the_project_pipeline_unloaded(tmp_path: Path) -> None:
    """A document outside a project needs no merge engine, state, settings or process pool."""
    source = tmp_path / "page.txt"
    source.write_text("Bonjour. Au revoir.\n", encoding="utf-8")
    loaded = _modules_after("extract", str(source), "-o", str(tmp_path / "page.pot"))
    assert (tmp_path / "page.pot").is_file()
    heavy = {
        "passerelle.steps.update.merge",
        "passerelle.project.state",
        "passerelle.config",
        "rapidfuzz",
        "babel",
    }
    assert not heavy & loaded and "multiprocessing" not in loaded


def test_an_unknown_command_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "passerelle", "frobnicate"], capture_output=True, text=True
    )
    assert done.returncode == 2 and "No such command 'frobnicate'" in done.stderr
