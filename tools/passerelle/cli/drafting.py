"""Draft commands: fuzzy machine drafts for untranslated entries (``draft``, and run's step)."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from passerelle.cli import LANG_HELP, Context, cli
from passerelle.config import project_languages, validate_locale

if TYPE_CHECKING:
    from passerelle.steps.drafts.base import EngineSettings
    from passerelle.steps.drafts.driver import DraftRun, Summary


class Progress:
    """A one-line bar on a terminal; nothing per batch elsewhere (CI logs stay readable)."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.shown = False

    def __call__(self, label: str, done: int, total: int) -> None:
        if not self.tty or not total:
            return
        width = 30
        filled = width * done // total
        bar = "#" * filled + "." * (width - filled)
        click.echo(f"\r{label:32.32} [{bar}] {done}/{total}", err=True, nl=False)
        self.shown = True

    def report(self, line: str) -> None:
        self.clear()
        click.echo(f"draft: {line}", err=True)

    def clear(self) -> None:
        if self.shown:
            click.echo("\r\033[K", err=True, nl=False)
            self.shown = False


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "passerelle"


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--engine", help="tm (default), pseudo, google, deepl, libre, microsoft, ...")
@click.option("--lang", "languages", multiple=True, help=LANG_HELP)
@click.option("--source-lang", help="File mode: the language of the msgids (default fr).")
@click.option("--max-chars", type=click.IntRange(min=0), help="Send at most this many characters.")
@click.option("--dry-run", is_flag=True, help="Show what would be sent; send and write nothing.")
@click.option("--engine-url", help="Server URL (self-hosted LibreTranslate, test servers).")
@click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    default=75.0,
    show_default=True,
    help="tm: lowest similarity (percent) for a fuzzy match.",
)
@click.option(
    "--compendium",
    "compendia",
    multiple=True,
    type=click.Path(path_type=Path),
    help="tm: extra catalog(s) to draw translations from.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.01),
    default=20.0,
    show_default=True,
    help="Seconds a request may take in all (connecting, sending and the whole answer).",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=4,
    show_default=True,
    help="Retries of a request after 429, 5xx or a timeout.",
)
@click.option(
    "--concurrency",
    type=click.IntRange(min=1),
    default=4,
    show_default=True,
    help="Requests in flight at most.",
)
@click.option("--batch-size", type=click.IntRange(min=1), help="Texts per request at most.")
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where the draft cache lives (default: the project's cache-dir).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the draft cache.")
@click.pass_obj
def draft(
    obj: Context,
    files: tuple[Path, ...],
    engine: str | None,
    languages: tuple[str, ...],
    source_lang: str | None,
    max_chars: int | None,
    dry_run: bool,
    engine_url: str | None,
    threshold: float,
    compendia: tuple[Path, ...],
    timeout: float,
    retries: int,
    concurrency: int,
    batch_size: int | None,
    cache_dir: Path | None,
    no_cache: bool,
) -> int:
    """Fill untranslated entries with fuzzy machine drafts; translated and fuzzy ones are kept.

    Without FILES, drafts the project's draft-languages with its draft-engine. With FILES (PO
    catalogs of one language), drafts them: --lang names their language. Exits 1 when requests
    failed and nothing was drafted.
    """
    from passerelle.project.layout import cache_file
    from passerelle.steps.drafts.base import EngineSettings
    from passerelle.steps.drafts.cache import FILENAME, DraftCache
    from passerelle.steps.drafts.driver import DraftRun
    from passerelle.steps.drafts.policy import RequestPolicy

    progress = Progress()
    settings = EngineSettings(url=engine_url, threshold=threshold, timeout=timeout)
    policy = RequestPolicy(concurrency=concurrency, timeout=timeout, retries=retries)
    if files:
        config = None
        folder = cache_dir or _default_cache()
    else:
        config = obj.config
        folder = cache_dir or cache_file(config, FILENAME).parent
    if dry_run and not (folder / FILENAME).exists():
        no_cache = True  # a dry run creates nothing, not even an empty cache
    cache = DraftCache(None if no_cache else folder)
    run = DraftRun(
        source_lang=source_lang or (config.source_lang if config else "fr"),
        policy=policy,
        cache=cache,
        max_chars=max_chars,
        dry_run=dry_run,
        report=progress.report,
        progress=progress,
        batch_size=batch_size,
    )
    try:
        if files:
            summaries = _draft_files(files, engine, languages, compendia, settings, run, progress)
        else:
            assert config is not None
            summaries = _draft_project(obj, engine, languages, compendia, settings, run, progress)
    finally:
        progress.clear()
        cache.close()
    code = report_failures(run, summaries)
    if run.stopped:
        from passerelle.errors import EngineError

        raise EngineError(
            run.stopped, hint="drafts received so far are kept; run the same command again later"
        )
    return code


def report_failures(run: DraftRun, summaries: Iterable[Summary]) -> int:
    """One line when requests failed (how many, and the first reason), so a log shows why
    entries stayed untranslated; the exit status: 1 if, besides, the run drafted nothing."""
    from passerelle.steps.drafts.driver import Summary

    if not run.failed_requests:
        return 0
    total = Summary()
    for summary in summaries:
        total.add(summary)
    requests = "request" if run.failed_requests == 1 else "requests"
    entries = "entry" if total.failed == 1 else "entries"
    click.echo(
        f"draft: {run.failed_requests} {requests} failed ({total.failed} {entries} left"
        f" untranslated); first: {run.first_failure}",
        err=True,
    )
    return 0 if total.drafted else 1


def _draft_files(
    files: tuple[Path, ...],
    engine: str | None,
    languages: tuple[str, ...],
    compendia: tuple[Path, ...],
    settings: EngineSettings,
    run: DraftRun,
    progress: Progress,
) -> list[Summary]:
    from passerelle.steps.drafts.project import draft_paths, engine_for

    if len(languages) != 1:
        raise click.UsageError("file mode needs exactly one --lang (the catalogs' language)")
    lang = validate_locale(languages[0], key="--lang")
    settings = dataclasses.replace(settings, catalogs=files, compendia=compendia)
    name = engine or engine_for(lang, "tm")
    summary = draft_paths(list(files), lang, name, settings, run)
    progress.clear()
    click.echo(f"draft: {lang} ({name}): {summary.line()}")
    return [summary]


def _draft_project(
    obj: Context,
    engine: str | None,
    languages: tuple[str, ...],
    compendia: tuple[Path, ...],
    settings: EngineSettings,
    run: DraftRun,
    progress: Progress,
) -> list[Summary]:
    from passerelle.steps.drafts.project import draft_project, engine_for

    config = obj.config
    if compendia:
        config = dataclasses.replace(config, compendia=(*config.compendia, *compendia))
    langs = project_languages(config, languages) or config.draft_languages
    if not langs:
        raise click.UsageError("no language to draft: pass --lang or set draft-languages")
    name = engine or config.draft_engine
    results = draft_project(config, langs, name, settings, run)
    progress.clear()
    for lang, summary in results.items():
        click.echo(f"draft: {lang} ({engine_for(lang, name)}): {summary.line()}")
    return list(results.values())


@click.command(hidden=True)
@click.pass_obj
def draft_project_step(obj: Context) -> None:
    """The draft step of ``passerelle run``: offline engines only, never the network."""
    from passerelle.errors import EngineError
    from passerelle.steps.drafts.base import PSEUDO_LANG, EngineSettings
    from passerelle.steps.drafts.driver import DraftRun
    from passerelle.steps.drafts.project import (
        build_pseudo,
        draft_inputs,
        draft_project,
        engine_for,
        offline_engine,
    )

    config = obj.config
    if not config.draft_languages:
        click.echo("draft: no draft-languages configured (nothing drafted)")
        return
    try:
        engine = offline_engine(config)
    except EngineError as exc:
        click.echo(f"draft: skipped: {exc}")
        return
    state, step = obj.state, f"draft:{engine}:{','.join(config.draft_languages)}"
    if state is not None and state.fresh(step, draft_inputs(config, config.draft_languages)):
        click.echo("draft: no template or catalog changed since the last draft (nothing to do)")
        return
    progress = Progress()
    run = DraftRun(source_lang=config.source_lang, report=progress.report, progress=progress)
    results = draft_project(config, config.draft_languages, engine, EngineSettings(), run)
    progress.clear()
    for lang, summary in results.items():
        click.echo(f"draft: {lang} ({engine_for(lang, engine)}): {summary.line()}")
    report_failures(run, results.values())  # offline engines send nothing: for the record
    if PSEUDO_LANG in config.draft_languages:
        written = build_pseudo(config)
        click.echo(f"draft: {PSEUDO_LANG} pseudo build (fuzzy included): {written} file(s) written")
    if state is not None:
        state.touched()
        if not run.stopped:
            state.record(step, draft_inputs(config, config.draft_languages))
