"""The command line: click commands that validate options and delegate; no logic lives here.

Every :class:`~passerelle.errors.PasserelleError` becomes one line on stderr and exit status 2.
Each command group lives in its own module and registers itself on :data:`cli`.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

import click

from passerelle import __version__
from passerelle.config import Config, load_config
from passerelle.errors import PasserelleError
from passerelle.state import State

LANG_HELP = "Only this language (repeatable)."


class Context:
    """What every command may need: the project settings, loaded on first use."""

    def __init__(self, config_path: Path | None, jobs: int | None = None) -> None:
        self.config_path = config_path
        self.jobs = jobs
        self._config: Config | None = None
        #: The incremental state shared by the steps of one ``passerelle run``, else None.
        self.state: State | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(path=self.config_path)
        return self._config


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="passerelle")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Settings file (default: nearest passerelle.toml or pyproject.toml).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes (default: one per core). Output is the same for any number.",
)
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, jobs: int | None) -> None:
    """Passerelle: French sources in, localised documents out, through PO catalogs."""
    ctx.obj = Context(config_path, jobs)


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: object = None,
    line: str | None = None,
) -> None:
    click.echo(f"passerelle: warning: {message}", err=True)


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point."""
    from passerelle.cli import commands  # noqa: F401 - registers the commands

    warnings.showwarning = _show_warning
    try:
        result = cli.main(args=list(argv) if argv is not None else None, standalone_mode=False)
    except PasserelleError as exc:
        click.echo(f"passerelle: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("passerelle: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if exc.exit_code == 2 else exc.exit_code)
    except KeyboardInterrupt:
        click.echo("passerelle: interrupted; finished files are kept", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    sys.exit(result if isinstance(result, int) else 0)
