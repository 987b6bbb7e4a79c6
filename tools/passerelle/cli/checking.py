"""Check and status commands."""

from __future__ import annotations

import click

from passerelle import project
from passerelle.cli import LANG_HELP, Context, cli


@click.command(hidden=True)
def check_project_step() -> int:
    """The check step of ``passerelle run``."""
    click.echo("check: not available yet (nothing checked)")
    return 0


@cli.command()
@click.option("--lang", "languages", multiple=True, help=LANG_HELP)
@click.pass_obj
def status(obj: Context, languages: tuple[str, ...]) -> None:
    """Units and words translated, fuzzy and untranslated, per language and document."""
    rows = project.status(obj.config, languages or None)
    click.echo(f"{'lang':7} {'document':28} {'units':>11} {'words':>11} {'fuzzy':>5} {'untr.':>5}")
    for lang, doc, s in rows:
        click.echo(
            f"{lang:7} {doc:28} {s.translated:>5}/{s.units:<5} {s.translated_words:>5}/{s.words:<5}"
            f" {s.fuzzy:>5} {s.untranslated:>5}"
        )
