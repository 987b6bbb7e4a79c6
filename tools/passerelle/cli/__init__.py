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
    from passerelle.cli.console import Terminal
    from passerelle.config import Config

LANG_HELP = "Only this language (repeatable)."

#: Every command: the module that registers it, and the first paragraph of its help, short
#: enough for the command list of an 80-column ``--help`` to show it whole. A test checks this
#: against the commands.
COMMANDS: dict[str, tuple[str, str]] = {
    "build": ("passerelle.cli.pipeline", "Catalogs -> localised documents in build/<lang>/."),
    "check": ("passerelle.cli.checking", "Check catalogs before they ship; exit 1 on findings."),
    "draft": ("passerelle.cli.drafting", "Fill untranslated entries with fuzzy machine drafts."),
    "export": ("passerelle.cli.exchange", "Catalogs -> XLIFF files for CAT tools."),
    "extract": ("passerelle.cli.pipeline", "Source documents -> one template (.pot) per document."),
    "import": ("passerelle.cli.exchange", "XLIFF files from a CAT tool -> their catalogs."),
    "merge": (
        "passerelle.cli.catalogs",
        "Update catalogs (.po) to templates (.pot), like msgmerge.",
    ),
    "release": ("passerelle.cli.releasing", "Build what is ready into dist/, with a manifest."),
    "run": ("passerelle.cli.pipeline", "The whole pipeline, redoing only what changed."),
    "segment": ("passerelle.cli.documents", "Print FILE (or - for stdin) one segment per line."),
    "serve": ("passerelle.cli.serving", "Review and translate in the browser, in context."),
    "status": ("passerelle.cli.checking", "Translated, fuzzy and untranslated units per language."),
    "tm": ("passerelle.cli.exchange", "Export the approved translations as TMX 1.4b."),
    "update": (
        "passerelle.cli.pipeline",
        "Templates -> locales/<lang>/<doc>.po, keeping translations.",
    ),
}


class LazyGroup(click.Group):
    """A group that imports a command's module when the command is asked for by name."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(COMMANDS[cmd_name][0])  # registers its commands
        command = self.commands.get(cmd_name)
        if command is not None:
            accept_global_options(command)
        return command

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
    """What every command may need: the project settings, loaded on first use, and how much
    it should say (``quiet``: no progress and no remarks; ``verbose``: details besides)."""

    def __init__(
        self,
        config_path: Path | None,
        jobs: int | None = None,
        quiet: bool = False,
        verbose: int = 0,
    ) -> None:
        self.config_path = config_path
        self.jobs = jobs
        self.quiet = quiet
        self.verbose = verbose
        self._config: Config | None = None

    def terminal(self) -> Terminal:
        """Where the command's report, remarks and progress go, as loud as asked."""
        from passerelle.cli.console import Terminal

        return Terminal(quiet=self.quiet, verbose=self.verbose)

    @property
    def config(self) -> Config:
        if self._config is None:
            from passerelle.config import load_config

            self._config = load_config(path=self.config_path)
        return self._config


def _global_options() -> list[click.Option]:
    """The options every command takes, before its name or after it (``check -q -j 2``)."""
    return [
        click.Option(
            ["--config", "config_path"],
            type=click.Path(path_type=Path, dir_okay=False),
            help="Settings file (default: nearest passerelle.toml or pyproject.toml).",
        ),
        click.Option(
            ["-j", "--jobs"],
            type=click.IntRange(min=1),
            help="Worker processes (default: one per core). Output is the same for any number.",
        ),
        click.Option(
            ["-q", "--quiet"], is_flag=True, help="No progress and no remarks; errors still show."
        ),
        click.Option(
            ["-v", "--verbose"],
            count=True,
            help="Say more (files written, where answers came from).",
        ),
    ]


def _set_global(ctx: click.Context, param: click.Parameter, value: object) -> None:
    """Given after the command name, a global option sets what the group would have set."""
    obj = ctx.find_object(Context)
    if obj is None or param.name is None or value is None or value in (False, 0):
        return
    if param.name == "verbose":
        obj.verbose += int(str(value))
    else:
        setattr(obj, param.name, value)


def accept_global_options(command: click.Command) -> None:
    """Let ``command`` take the global options too, except those it defines itself (``merge``
    keeps msgmerge's own ``-q``, ``-v`` and ``-j``)."""
    if getattr(command, "_global_options", False):
        return
    taken = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
    for option in _global_options():
        if taken.isdisjoint(option.opts):
            option.expose_value = False
            option.callback = _set_global
            command.params.append(option)
    command._global_options = True  # type: ignore[attr-defined]


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    params=_global_options(),
)
@click.version_option(__version__, prog_name="passerelle")
@click.pass_context
def cli(
    ctx: click.Context, config_path: Path | None, jobs: int | None, quiet: bool, verbose: int
) -> None:
    """Passerelle: French sources in, localised documents out, through PO catalogs."""
    ctx.obj = Context(config_path, jobs, quiet, verbose)


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
