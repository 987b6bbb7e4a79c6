"""Command lines read the way GNU ``getopt_long`` reads them, for commands that stand in for a
GNU tool in Makefiles: long options may be abbreviated, ``--add-location`` takes its value only
after ``=``, and a wrong option is reported in the tool's words with its exit status 1."""

from __future__ import annotations

from typing import Any

import click

#: Options whose argument is optional: alone they mean this value (``-n`` is ``--add-location``).
OPTIONAL_VALUES = {"add-location": "full", "color": "yes"}
SHORT_ALIASES = {"-n": "--add-location"}


class GnuUsageError(click.exceptions.Exit):
    """A usage error already reported on stderr as the GNU tool reports it; exit status 1."""

    def __init__(self) -> None:
        super().__init__(1)


def usage_error(program: str, message: str) -> GnuUsageError:
    """Print ``PROGRAM: message`` and the hint GNU tools give, and return the exit to raise."""
    click.echo(f"{program}: {message}", err=True)
    click.echo(f"Try '{program} --help' for more information.", err=True)
    return GnuUsageError()


class GnuCommand(click.Command):
    """A click command parsing its arguments as getopt_long, reporting errors as ``program``."""

    def __init__(self, *args: Any, program: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.program = program

    def long_names(self) -> list[str]:
        return [
            opt[2:]
            for param in self.params
            for opt in [*param.opts, *param.secondary_opts]
            if opt.startswith("--")
        ]

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        args = gnu_arguments(args, self.long_names())
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            raise usage_error(self.program, f"unrecognized option '{exc.option_name}'") from None
        except click.BadParameter as exc:
            name = exc.param.opts[-1] if exc.param is not None and exc.param.opts else "argument"
            raise usage_error(self.program, f"invalid {name} argument") from None
        except click.UsageError as exc:
            raise usage_error(self.program, exc.message) from None


def gnu_arguments(args: list[str], longs: list[str]) -> list[str]:
    """``args`` with each long option spelt in full (an unambiguous prefix is expanded, as
    getopt_long does) and optional-argument options given their value when they have none."""
    result: list[str] = []
    for index, arg in enumerate(args):
        if arg == "--":
            return result + args[index:]
        arg = SHORT_ALIASES.get(arg, arg)
        if arg.startswith("--") and len(arg) > 2:
            name, equals, value = arg[2:].partition("=")
            if name not in longs:
                matches = [each for each in longs if each.startswith(name)]
                name = matches[0] if len(matches) == 1 else name
            if name in OPTIONAL_VALUES and not equals:
                equals, value = "=", OPTIONAL_VALUES[name]
            arg = f"--{name}{equals}{value}"
        result.append(arg)
    return result
