"""Release command: publish the languages that are ready, list the others with the reason."""

from __future__ import annotations

from pathlib import Path

import click

from passerelle.cli import Context, cli
from passerelle.counts import counted


@cli.command()
@click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    help="Translated share (percent) a document needs to ship (default: release-threshold).",
)
@click.option(
    "--require",
    "required",
    multiple=True,
    metavar="LANG",
    help="Fail (exit 1, nothing written) unless LANG ships every document (repeatable).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    help="Release folder, replaced as a whole (default: dist-dir, i.e. dist/).",
)
@click.pass_obj
def release(
    obj: Context, threshold: float | None, required: tuple[str, ...], output: Path | None
) -> int:
    """Build what is ready into dist/, with a manifest.

    The release holds documents, MO files and manifest.json. A document ships in a language when its
    translated share (fuzzy is not translated) reaches the threshold and the checks find no error;
    the source-language version always ships.
    """
    from passerelle.project.releasing import release_project
    from passerelle.steps.release.ship import CHECKS_MISSING, shown_percent

    terminal = obj.terminal()
    result = release_project(
        obj.config,
        threshold=threshold,
        required=required,
        output=output,
        progress=terminal.progress,
    )
    terminal.clear()
    if not result.checks_available:
        click.echo(f"passerelle: warning: {CHECKS_MISSING}", err=True)
    for verdict in result.verdicts:
        state = "shipped" if verdict.shipped else "refused"
        line = f"  {state:8} {verdict.lang:7} {verdict.document:28} "
        line += f"{shown_percent(verdict.stats):>5} %"
        if verdict.reasons:
            line += "  " + "; ".join(verdict.reasons)
        click.echo(line)
        if verdict.shipped and verdict.fallback:
            click.echo(
                f"    {counted(len(verdict.fallback), 'unit')} shipped in {result.source_lang}:"
            )
        for unit in verdict.fallback if verdict.shipped else ():
            text = unit.msgid if len(unit.msgid) <= 60 else unit.msgid[:59] + "…"
            click.echo(f"      {unit.reference}  {text}")
    if result.unmet:
        click.echo(f"passerelle: error: {result.unmet_message()}; nothing released", err=True)
        return 1
    shipped = ", ".join([result.source_lang + " (source)", *result.shipped_languages])
    shown = result.output
    if shown.is_relative_to(Path.cwd()):
        shown = shown.relative_to(Path.cwd())
    click.echo(f"release: {shown}/ holds {shipped}")
    if result.refused_languages:
        click.echo("release: not shipped: " + ", ".join(result.refused_languages))
    return 0
