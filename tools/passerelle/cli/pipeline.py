"""Project commands: extract, update, build, run (the whole pipeline)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from passerelle.cli import Context, cli, lazy_module
from passerelle.cli.console import Terminal
from passerelle.counts import counted

if TYPE_CHECKING:
    from passerelle.project import runner
    from passerelle.project.jobs import JobResult
    from passerelle.project.status import ProjectStatus
else:  # loaded on first use: file mode (extract or build PATH) needs none of it
    runner = lazy_module("passerelle.project.runner")

LANG_OPTION = click.option(
    "--lang", "languages", multiple=True, help="Only this language (repeatable)."
)
FORMAT_OPTION = click.option(
    "--format",
    "format_name",
    type=click.Choice(["html", "xml", "text"]),
    help="File mode: the documents' format (default: from each file's extension).",
)
ITS_RULES_OPTION = click.option(
    "--its-rules",
    type=click.Path(path_type=Path, dir_okay=False),
    multiple=True,
    help="File mode: ITS 2.0 rules file for XML (repeatable).",
)


@cli.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File mode: where to write.")
@FORMAT_OPTION
@ITS_RULES_OPTION
@click.pass_obj
def extract(
    obj: Context,
    path: Path | None,
    output: Path | None,
    format_name: str | None,
    its_rules: tuple[Path, ...],
) -> None:
    """Source documents -> one template (.pot) per document.

    With PATH (a file or folder), work outside a project: templates go to -o (a folder mirrors
    the tree).
    """
    if path is not None:
        from passerelle.project.filemode import extract_path

        extract_path(path, output, format_name=format_name, its_rules=its_rules)
        return
    terminal = obj.terminal()
    results = runner.run_steps(
        obj.config, ("extract",), workers=obj.jobs, progress=terminal.progress
    )
    written = _written(results, obj, terminal)
    terminal.say(f"extract: {counted(written, 'template')} written")


@cli.command()
@LANG_OPTION
@click.pass_obj
def update(obj: Context, languages: tuple[str, ...]) -> None:
    """Templates -> locales/<lang>/<doc>.po, keeping translations.

    Every existing translation is kept: one whose source changed becomes fuzzy, one whose
    source is gone stays as an obsolete entry.
    """
    from passerelle.config import project_languages

    langs = project_languages(obj.config, languages)
    terminal = obj.terminal()
    results = runner.run_steps(
        obj.config,
        ("update",),
        languages=langs or None,
        workers=obj.jobs,
        progress=terminal.progress,
    )
    terminal.say(f"update: {counted(_written(results, obj, terminal), 'catalog')} written")


@cli.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--po", type=click.Path(path_type=Path), help="File mode: catalog (file or folder).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File mode: output.")
@FORMAT_OPTION
@ITS_RULES_OPTION
@click.option("--include-fuzzy", is_flag=True, help="Use fuzzy translations too.")
@LANG_OPTION
@click.pass_obj
def build(
    obj: Context,
    path: Path | None,
    po: Path | None,
    output: Path | None,
    format_name: str | None,
    its_rules: tuple[Path, ...],
    include_fuzzy: bool,
    languages: tuple[str, ...],
) -> None:
    """Catalogs -> localised documents in build/<lang>/.

    Untranslated text stays in the source language. With PATH (a file or folder) and --po,
    work outside a project: the documents go to -o (a folder mirrors the tree).
    """
    if path is not None:
        from passerelle.project.filemode import build_path

        if po is None:
            raise click.UsageError("file mode needs --po")
        from passerelle.config import validate_locale

        langs = [validate_locale(code, key="--lang") for code in languages]
        build_path(
            path,
            po,
            output,
            lang=langs[0] if langs else None,
            format_name=format_name,
            its_rules=its_rules,
            include_fuzzy=include_fuzzy,
        )
        return
    from passerelle.config import project_languages

    terminal = obj.terminal()
    results = runner.run_steps(
        obj.config,
        ("build",),
        languages=project_languages(obj.config, languages) or None,
        workers=obj.jobs,
        include_fuzzy=include_fuzzy,
        progress=terminal.progress,
    )
    terminal.say(f"build: {counted(_written(results, obj, terminal), 'file')} written")


def _written(results: Iterable[JobResult], obj: Context, terminal: Terminal) -> int:
    """How many files the steps wrote; with --verbose, which."""
    count = 0
    for result in results:
        count += len(result.written)
        for path in result.written:
            terminal.detail(f"  wrote {_shown(obj, path)}")
    return count


def _shown(obj: Context, path: str) -> str:
    try:
        return str(Path(path).relative_to(obj.config.root))
    except ValueError:
        return path


@cli.command()
@click.pass_obj
def run(obj: Context) -> int:
    """The whole pipeline, redoing only what changed.

    extract -> update -> draft -> check -> build -> status. Only what changed since the last run is
    redone; with nothing changed, nothing is written.
    """
    from passerelle.project.pipeline import Renderers, run_pipeline
    from passerelle.reports.findings import findings_text
    from passerelle.reports.status import status_text

    def status(data: ProjectStatus, totals_only: bool) -> str:
        return status_text(data, totals_only=totals_only)

    render = Renderers(findings=findings_text, status=status)
    return run_pipeline(obj.config, obj.terminal(), render, workers=obj.jobs)
