"""Draft commands: machine-translation drafts."""

from __future__ import annotations

import click

from passerelle.cli import cli


@cli.command()
def draft() -> None:
    """Fill untranslated entries with fuzzy machine drafts (not available yet)."""
    raise click.ClickException("draft is not available yet")


@click.command(hidden=True)
def draft_project_step() -> None:
    """The draft step of ``passerelle run``."""
    click.echo("draft: not available yet (no drafts made)")
