"""Catalog commands: merge (msgmerge-compatible)."""

from __future__ import annotations

import click

from passerelle.cli import cli


@cli.command()
def merge() -> None:
    """Update catalogs to templates, msgmerge-style (not available yet)."""
    raise click.ClickException("merge is not available yet")
