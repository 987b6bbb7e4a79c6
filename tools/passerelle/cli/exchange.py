"""Exchange commands: export and import XLIFF for CAT tools, export the memory as TMX."""

from __future__ import annotations

from pathlib import Path

import click

from passerelle.cli import LANG_HELP, Context, cli

VERSIONS = ("2.1", "1.2")


@cli.command(name="export")
@click.option(
    "--xliff",
    "version",
    type=click.Choice(VERSIONS),
    default="2.1",
    show_default=True,
    help="XLIFF version.",
)
@click.option("--lang", "languages", multiple=True, help=LANG_HELP)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for <lang>/<doc>.xlf (default: build/xliff).",
)
@click.option(
    "--copy-source",
    is_flag=True,
    help="XLIFF 1.2: untranslated targets hold the French, for tools that translate in place.",
)
@click.pass_obj
def export_command(
    obj: Context,
    version: str,
    languages: tuple[str, ...],
    output: Path | None,
    copy_source: bool,
) -> None:
    """Catalogs -> XLIFF files for CAT tools.

    One file per document and language, placeholders as protected inline codes.
    """
    from passerelle.config import project_languages
    from passerelle.project.exchange import export_xliff
    from passerelle.project.layout import Layout

    config = obj.config
    langs = project_languages(config, languages) or config.languages
    out = output if output is not None else config.build_dir / "xliff"
    written = export_xliff(Layout(config), version, langs, out, copy_source=copy_source)
    click.echo(f"export: {len(written)} XLIFF {version} file(s) in {out}")


@cli.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.pass_obj
def import_command(obj: Context, files: tuple[Path, ...]) -> int:
    """XLIFF files from a CAT tool -> their catalogs.

    Exit status 1 if some units were left out (their codes changed, or their French did).
    """
    from passerelle.project.exchange import import_xliff
    from passerelle.project.layout import Layout

    report = import_xliff(Layout(obj.config), list(files))
    for kind, notices in (("rejected", report.rejected), ("not applied", report.stale)):
        for path, notice in notices:
            click.echo(f"{path}:{notice.line}: unit {notice.unit} {kind}: {notice.message}")
    click.echo(
        f"import: {report.applied} unit(s) applied, {len(report.written)} catalog(s) written"
        + (f", {len(report.rejected)} rejected" if report.rejected else "")
        + (f", {len(report.stale)} not applied" if report.stale else "")
    )
    return 1 if report.rejected or report.stale else 0


@cli.group()
def tm() -> None:
    """Export the approved translations as TMX 1.4b."""


@tm.command(name="export")
@click.option("--lang", "languages", multiple=True, help=LANG_HELP)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The TMX file to write.",
)
@click.pass_obj
def tm_export(obj: Context, languages: tuple[str, ...], output: Path) -> None:
    """Every approved translation of the project -> one TMX 1.4b file."""
    from passerelle.config import project_languages
    from passerelle.project.layout import Layout
    from passerelle.project.memory_export import export_memory

    config = obj.config
    langs = project_languages(config, languages) or config.languages
    count = export_memory(Layout(config), langs, output)
    click.echo(f"tm export: {count} unit(s) in {output}")
