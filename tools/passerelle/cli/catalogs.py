"""Catalog commands: merge (msgmerge-compatible, on single files or whole trees)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from passerelle.cli import cli
from passerelle.errors import CatalogError, DuplicateEntryError
from passerelle.fsutil import tree_lock
from passerelle.steps.update.merge import MergeOptions
from passerelle.steps.update.tree import plan_merge, run_merge


@cli.command()
@click.argument("definitions", metavar="DEF", type=click.Path(exists=True, path_type=Path))
@click.argument("reference", metavar="REF", type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path), help="Output file or folder."
)
@click.option("--previous", is_flag=True, help="Keep the previous msgid (#|) of fuzzy entries.")
@click.option("--no-fuzzy-matching", "no_fuzzy", is_flag=True, help="No fuzzy suggestions.")
@click.option(
    "-C",
    "--compendium",
    "compendia",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Extra catalog to take translations from (repeatable).",
)
@click.option("--lang", default="", help="Language of new catalogs (default: DEF's header).")
@click.option(
    "--obsolete",
    type=click.Choice(["keep", "drop"]),
    default="keep",
    help="drop: obsolete entries without translation are not kept.",
)
@click.option("-j", "--jobs", type=int, default=0, help="Worker processes (default: CPU count).")
@click.option(
    "--wait",
    type=float,
    default=30.0,
    show_default=True,
    help="Seconds to wait for another update of the same output tree.",
)
def merge(
    definitions: Path,
    reference: Path,
    output: Path,
    previous: bool,
    no_fuzzy: bool,
    compendia: tuple[Path, ...],
    lang: str,
    obsolete: str,
    jobs: int,
    wait: float,
) -> None:
    """Update DEF catalogs (.po) to REF templates (.pot) into OUT, like msgmerge.

    With folders, REF/x.pot pairs with DEF/x.po and OUT mirrors REF; a template without a
    catalog starts a new one. Fuzzy suggestions come from the same catalog first, then from
    every catalog in DEF, then from the compendia.
    """
    plan = plan_merge(definitions, reference, output)
    options = MergeOptions(
        fuzzy=not no_fuzzy, previous=previous, obsolete=obsolete, like_msgmerge=True
    )
    lock_dir = output if reference.is_dir() else output.parent
    with tree_lock(lock_dir, wait=wait, sweep=(output,)):
        report = run_merge(
            plan,
            lang=lang,
            options=options,
            compendia=compendia,
            workers=jobs or os.cpu_count() or 1,
        )
    for error in report.errors:
        click.echo(f"passerelle: error: {error}", err=True)
    click.echo(
        f"{len(report.written)} catalogs written, {len(report.unchanged)} unchanged"
        + (f", {len(report.errors)} left untouched (errors above)" if report.errors else "")
    )
    if report.errors:
        first = report.errors[0]
        error = CatalogError(
            f"{len(report.errors)} catalog(s) could not be read; first: {first.message}",
            path=first.path,
            line=first.line,
            hint="fix them, then rerun",
        )
        if any(isinstance(each, DuplicateEntryError) for each in report.errors):
            error.exit_code = 1  # msgmerge's status for a duplicate message definition
        raise error
