"""The draft command: fuzzy machine drafts for untranslated entries of a project or of files."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from passerelle.cli import LANG_HELP, Context, cli
from passerelle.cli.console import Terminal
from passerelle.config import project_languages, validate_locale

if TYPE_CHECKING:
    from passerelle.config import Config
    from passerelle.steps.drafts.base import EngineSettings
    from passerelle.steps.drafts.cache import DraftCache
    from passerelle.steps.drafts.driver import DraftRun, Summary


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "passerelle"


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--engine", help="tm (default), pseudo, google, deepl, libre, microsoft, openai, anthropic, ..."
)
@click.option("--model", help="openai, anthropic: the model (else the engine's model setting).")
@click.option(
    "--max-tokens",
    type=click.IntRange(min=0),
    help="openai, anthropic: spend at most this many (estimated) tokens, asked and answered.",
)
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
    model: str | None,
    max_tokens: int | None,
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
    """Fill untranslated entries with fuzzy machine drafts.

    Translated and fuzzy entries are kept. Without FILES, drafts the project's draft-languages with
    its draft-engine. With FILES (PO catalogs of one language), drafts them: --lang names their
    language. Exits 1 when requests failed and nothing was drafted.
    """
    from passerelle.steps.drafts.base import EngineSettings
    from passerelle.steps.drafts.driver import DraftRun
    from passerelle.steps.drafts.policy import RequestPolicy

    config = _settings(obj, files, engine, languages)
    terminal = obj.terminal()
    cache = _open_cache(config, cache_dir, no_cache, dry_run)
    run = DraftRun(
        source_lang=source_lang or (config.source_lang if config else "fr"),
        policy=RequestPolicy(concurrency=concurrency, timeout=timeout, retries=retries),
        cache=cache,
        max_chars=max_chars,
        max_tokens=max_tokens,
        dry_run=dry_run,
        report=terminal.report,
        progress=terminal,
        batch_size=batch_size,
    )
    settings = EngineSettings(url=engine_url, threshold=threshold, timeout=timeout, model=model)
    settings = dataclasses.replace(settings, need_key=not dry_run, report=terminal.report)
    try:
        if config is None:
            summaries = _draft_files(files, engine, languages, compendia, settings, run, terminal)
        else:
            summaries = _draft_project(
                config, engine, languages, compendia, settings, run, terminal
            )
    finally:
        terminal.clear()
        cache.close()
    return _finish(run, summaries)


def _finish(run: DraftRun, summaries: list[Summary]) -> int:
    """The exit status; a stopped engine is an error (what was received is kept)."""
    code = report_failures(run, summaries)
    if run.stopped:
        from passerelle.errors import EngineError

        raise EngineError(
            run.stopped, hint="drafts received so far are kept; run the same command again later"
        )
    return code


def _settings(
    obj: Context, files: tuple[Path, ...], engine: str | None, languages: tuple[str, ...]
) -> Config | None:
    """The project's settings (None with FILES), once the engine's name and the languages are
    known to be right: a typo fails here, before a cache or a catalog is made."""
    from passerelle.steps.drafts.registry import known_engine

    config = None if files else obj.config
    if config is None:
        for code in languages:
            validate_locale(code, key="--lang")
    else:
        project_languages(config, languages)
    if engine is not None:
        known_engine(engine)
    elif config is not None:
        known_engine(config.draft_engine, source=config.config_file, key="draft-engine")
    return config


def _open_cache(
    config: Config | None, cache_dir: Path | None, no_cache: bool, dry_run: bool
) -> DraftCache:
    """The draft cache: the project's, or the user's for files; none for a dry run that would
    otherwise create it (a dry run creates nothing, not even an empty cache)."""
    from passerelle.project.layout import Layout
    from passerelle.steps.drafts.cache import FILENAME, DraftCache

    if config is None:
        folder = cache_dir or _default_cache()
    else:
        folder = cache_dir or Layout(config).cache(FILENAME).parent
    if dry_run and not (folder / FILENAME).exists():
        no_cache = True
    return DraftCache(None if no_cache else folder)


def report_failures(run: DraftRun, summaries: list[Summary]) -> int:
    """Say when requests failed, so a log shows why entries stayed untranslated; the exit
    status: 1 if, besides, the run drafted nothing."""
    from passerelle.steps.drafts.catalogs import failure_line

    line = failure_line(run, summaries)
    if line is None:
        return 0
    click.echo(line, err=True)
    return 0 if any(summary.drafted for summary in summaries) else 1


def _draft_files(
    files: tuple[Path, ...],
    engine: str | None,
    languages: tuple[str, ...],
    compendia: tuple[Path, ...],
    settings: EngineSettings,
    run: DraftRun,
    terminal: Terminal,
) -> list[Summary]:
    from passerelle.steps.drafts.catalogs import draft_paths, engine_for

    if len(languages) != 1:
        raise click.UsageError("file mode needs exactly one --lang (the catalogs' language)")
    lang = validate_locale(languages[0], key="--lang")
    settings = dataclasses.replace(settings, catalogs=files, compendia=compendia)
    name = engine or engine_for(lang, "tm")
    settings = _with_table(settings, name, None)
    summary = draft_paths(list(files), lang, name, settings, run)
    terminal.clear()
    click.echo(f"draft: {lang} ({name}): {summary.line()}")
    return [summary]


def _draft_project(
    config: Config,
    engine: str | None,
    languages: tuple[str, ...],
    compendia: tuple[Path, ...],
    settings: EngineSettings,
    run: DraftRun,
    terminal: Terminal,
) -> list[Summary]:
    from passerelle.project.drafting import draft_project
    from passerelle.steps.drafts.catalogs import engine_for

    if compendia:
        config = dataclasses.replace(config, compendia=(*config.compendia, *compendia))
    langs = project_languages(config, languages) or config.draft_languages
    if not langs:
        raise click.UsageError("no language to draft: pass --lang or set draft-languages")
    name = engine or config.draft_engine
    settings = _with_table(settings, name, config)
    results = draft_project(config, langs, name, settings, run)
    terminal.clear()
    for lang, summary in results.items():
        click.echo(f"draft: {lang} ({engine_for(lang, name)}): {summary.line()}")
    return list(results.values())


def _with_table(settings: EngineSettings, name: str, config: Config | None) -> EngineSettings:
    """The engine's ``[tool.passerelle.engines.<name>]`` settings (found from the current
    folder in file mode)."""
    from passerelle.config import find_config, load_config
    from passerelle.errors import ConfigError

    if config is None:
        try:
            config = load_config() if find_config(Path.cwd()) else None
        except ConfigError:
            config = None
    if config is None:
        return settings
    return dataclasses.replace(settings, table=config.engine_table(name))
