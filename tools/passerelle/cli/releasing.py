"""Release command."""

from __future__ import annotations

import click

from passerelle.cli import cli


@cli.command()
def release() -> None:
    """Publish the languages that are ready (not available yet)."""
    raise click.ClickException("release is not available yet")
