"""Project commands: extract, update, build, run (the whole pipeline)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from passerelle.cli import Context, cli, lazy_module

if TYPE_CHECKING:
    from passerelle.project import documents as project
    from passerelle.project import runner
    from passerelle.project.jobs import JobResult
else:  # loaded on first use: file mode (extract or build PATH) needs neither
    project = lazy_module("passerelle.project.documents")
    runner = lazy_module("passerelle.project.runner")

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
        from passerelle.project.filemode import extract_path

        extract_path(path, output, format_name=format_name, its_rules=its_rules)
        return
    written = _written(runner.run_steps(obj.config, ("extract",), workers=obj.jobs))
    click.echo(f"extract: {written} template(s) written")


@cli.command()
@LANG_OPTION
@click.pass_obj
def update(obj: Context, languages: tuple[str, ...]) -> None:
    """Templates -> locales/<lang>/<doc>.po, keeping every existing translation."""
    from passerelle.config import project_languages

    langs = project_languages(obj.config, languages)
    results = runner.run_steps(obj.config, ("update",), languages=langs or None, workers=obj.jobs)
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
        from passerelle.project.filemode import build_path

        if po is None:
            raise click.UsageError("file mode needs --po")
        from passerelle.config import validate_locale

        for code in languages:
            validate_locale(code, key="--lang")
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
    from passerelle.config import project_languages

    results = runner.run_steps(
        obj.config,
        ("build",),
        languages=project_languages(obj.config, languages) or None,
        workers=obj.jobs,
        include_fuzzy=include_fuzzy,
    )
    click.echo(f"build: {_written(results)} file(s) written")


def _written(results: Iterable[JobResult]) -> int:
    return sum(len(result.written) for result in results)


@cli.command()
@click.pass_context
def run(ctx: click.Context) -> int:
    """The whole pipeline: extract -> update -> draft -> check -> build -> status.

    Only what changed since the last run is redone; with nothing changed, nothing is written.
    """
    obj: Context = ctx.obj
    last = runner.last_run(obj.config)
    if last is not None:
        click.echo("run: nothing changed since the last run; its findings and status follow")
        click.echo(last.text, nl=False)
        return last.code
    # Held from the first step to the last, so the state and report saved between steps are
    # this run's alone, and a run killed anywhere is known as such to the next one.
    with project.project_lock(obj.config):
        return _run_pipeline(ctx, obj)


def _run_pipeline(ctx: click.Context, obj: Context) -> int:
    from passerelle.cli import checking, drafting

    obj.state = state = runner.load_state(obj.config)
    try:
        # One pass per stale document does everything but the drafts, which draw on every
        # catalog of a language; what a draft then changes is checked and built again below.
        steps = ("extract", "update", "check", "build")
        written = built = 0
        for result in runner.run_steps(obj.config, steps, workers=obj.jobs, state=state):
            written += len(result.written) - result.built
            built += result.built
        click.echo(f"extract, update: {written} file(s) written")
        state.save()
        ctx.invoke(drafting.draft_project_step)
        state.save()
        with _Tee() as report:
            code = ctx.invoke(checking.check_project_step)
        again = runner.run_steps(obj.config, ("build",), workers=obj.jobs, state=state)
        click.echo(f"build: {built + _written(again)} file(s) written")
        many = len(project.documents(obj.config)) > SHOWN_DOCUMENTS
        with report:
            ctx.invoke(checking.status, totals=many)
        runner.record_run(obj.config, int(code or 0), report.text)
    finally:
        state.save()
        obj.state = None
    return int(code or 0)


#: Past this many documents, ``run`` shows one status row per language.
SHOWN_DOCUMENTS = 30


class _Tee:
    """Copies what the steps print, so an unchanged run can show it again without redoing it."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._saved: TextIO | None = None

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def write(self, data: str | bytes) -> int:
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        self._parts.append(text)
        assert self._saved is not None
        self._saved.write(text)
        return len(data)

    def flush(self) -> None:
        if self._saved is not None:
            self._saved.flush()

    def __enter__(self) -> _Tee:
        self._saved = sys.stdout
        sys.stdout = self  # type: ignore[assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        sys.stdout = self._saved  # type: ignore[assignment]
        self._saved = None
