"""The command line: click commands that validate options and delegate; no logic lives here.

Every :class:`~passerelle.errors.PasserelleError` becomes one line on stderr and exit status 2.
Each command group lives in its own module and registers itself on :data:`cli`. A module is
imported only when one of its commands runs: ``passerelle extract`` should not pay for the
checks, the merge engine or the release code, and ``--help`` lists every command from
:data:`COMMANDS` without importing any of them.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import importlib.util
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import click

from passerelle import __version__
from passerelle.errors import PasserelleError

if TYPE_CHECKING:
    from passerelle.config import Config

LANG_HELP = "Only this language (repeatable)."

#: Every command: the module that registers it, and the first paragraph of its help (what
#: ``--help`` shortens into the command list). A test checks this against the commands.
COMMANDS: dict[str, tuple[str, str]] = {
    "build": (
        "passerelle.cli.pipeline",
        "Catalogs -> localised documents in build/<lang>/ (untranslated text stays French).",
    ),
    "check": (
        "passerelle.cli.checking",
        "Check catalogs before they ship; exit 1 on findings at or above --fail-on.",
    ),
    "draft": (
        "passerelle.cli.drafting",
        "Fill untranslated entries with fuzzy machine drafts; translated and fuzzy ones are kept.",
    ),
    "export": (
        "passerelle.cli.exchange",
        "Catalogs -> XLIFF files for CAT tools, one per document and language.",
    ),
    "extract": ("passerelle.cli.pipeline", "Source documents -> one template (.pot) per document."),
    "import": (
        "passerelle.cli.exchange",
        "XLIFF files from a CAT tool -> their catalogs; exit 1 if some units were left out.",
    ),
    "merge": (
        "passerelle.cli.catalogs",
        "Update DEF catalogs (.po) to REF templates (.pot) into OUT, like msgmerge.",
    ),
    "release": (
        "passerelle.cli.releasing",
        "Build what is ready into dist/: documents, MO files, manifest.json.",
    ),
    "run": (
        "passerelle.cli.pipeline",
        "The whole pipeline: extract -> update -> draft -> check -> build -> status.",
    ),
    "segment": (
        "passerelle.cli.documents",
        "Print FILE (or - for stdin) one segment per line, a blank line after each paragraph.",
    ),
    "status": (
        "passerelle.cli.checking",
        "Units and words translated, fuzzy and untranslated, and findings, per language and "
        "document.",
    ),
    "tm": (
        "passerelle.cli.exchange",
        "Translation memory: export the project's approved translations as TMX 1.4b.",
    ),
    "update": (
        "passerelle.cli.pipeline",
        "Templates -> locales/<lang>/<doc>.po, keeping every existing translation.",
    ),
}


class LazyGroup(click.Group):
    """A group that imports a command's module when the command is asked for by name."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(COMMANDS[cmd_name][0])  # registers its commands
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list, shortened by click as usual, from :data:`COMMANDS` alone."""
        listed = click.Group(
            commands=[click.Command(name, help=text) for name, (_, text) in COMMANDS.items()]
        )
        listed.format_commands(ctx, formatter)


def lazy_module(name: str) -> ModuleType:
    """Module ``name``, executed on its first attribute access (:class:`importlib.util.LazyLoader`).

    For a command module whose module-level names serve some commands only: ``extract PATH``
    (file mode) never touches the project pipeline, whose imports cost more than its work on a
    small document.
    """
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ImportError(f"no module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)
    return module


class Context:
    """What every command may need: the project settings, loaded on first use."""

    def __init__(self, config_path: Path | None, jobs: int | None = None) -> None:
        self.config_path = config_path
        self.jobs = jobs
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            from passerelle.config import load_config

            self._config = load_config(path=self.config_path)
        return self._config


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
    # At exit the interpreter's last garbage collections walk every object the command made
    # (45 ms after a single document, more after a tree) only to free memory the process is
    # giving back anyway; nothing left needs a finalizer (files are closed as they are written),
    # so the heap is frozen out of them. Registered before the command runs, so it runs after
    # the exit handlers the command registers (multiprocessing's, logging's).
    atexit.register(gc.freeze)
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
