"""Project commands: extract, update, build, run (the whole pipeline)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click

from passerelle import runner
from passerelle.cli import Context, cli

LANG_OPTION = click.option(
    "--lang", "languages", multiple=True, help="Only this language (repeatable)."
)


@cli.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File mode: where to write.")
@click.option("--format", "format_name", type=click.Choice(["html", "xml", "text"]))
@click.option("--its-rules", type=click.Path(path_type=Path, dir_okay=False), multiple=True)
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
        from passerelle.filemode import extract_path

        extract_path(path, output, format_name=format_name, its_rules=its_rules)
        return
    written = _written(runner.run_steps(obj.config, ("extract",), workers=obj.jobs))
    click.echo(f"extract: {written} template(s) written")


@cli.command()
@LANG_OPTION
@click.pass_obj
def update(obj: Context, languages: tuple[str, ...]) -> None:
    """Templates -> locales/<lang>/<doc>.po, keeping every existing translation."""
    results = runner.run_steps(
        obj.config, ("update",), languages=languages or None, workers=obj.jobs
    )
    click.echo(f"update: {_written(results)} catalog(s) written")


@cli.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--po", type=click.Path(path_type=Path), help="File mode: catalog (file or folder).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File mode: output.")
@click.option("--format", "format_name", type=click.Choice(["html", "xml", "text"]))
@click.option("--its-rules", type=click.Path(path_type=Path, dir_okay=False), multiple=True)
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
    """Catalogs -> localised documents in build/<lang>/ (untranslated text stays French)."""
    if path is not None:
        from passerelle.filemode import build_path

        if po is None:
            raise click.UsageError("file mode needs --po")
        build_path(
            path,
            po,
            output,
            lang=languages[0] if languages else None,
            format_name=format_name,
            its_rules=its_rules,
            include_fuzzy=include_fuzzy,
        )
        return
    results = runner.run_steps(
        obj.config,
        ("build",),
        languages=languages or None,
        workers=obj.jobs,
        include_fuzzy=include_fuzzy,
    )
    click.echo(f"build: {_written(results)} file(s) written")


def _written(results: Iterable[runner.JobResult]) -> int:
    return sum(len(result.written) for result in results)


@cli.command()
@click.pass_context
def run(ctx: click.Context) -> int:
    """The whole pipeline: extract -> update -> draft -> check -> build -> status.

    Only what changed since the last run is redone; with nothing changed, nothing is written.
    """
    from passerelle.cli import checking, drafting

    obj: Context = ctx.obj
    obj.state = state = runner.load_state(obj.config)
    try:
        results = runner.run_steps(obj.config, ("extract", "update"), workers=obj.jobs, state=state)
        click.echo(f"extract, update: {_written(results)} file(s) written")
        state.save()
        ctx.invoke(drafting.draft_project_step)
        state.save()
        code = ctx.invoke(checking.check_project_step)
        built = runner.run_steps(obj.config, ("build",), workers=obj.jobs, state=state)
        click.echo(f"build: {_written(built)} file(s) written")
        ctx.invoke(checking.status)
    finally:
        state.save()
        obj.state = None
    return int(code or 0)
