"""Drafting given catalog files: which engine a language takes, and the drafts themselves.

The pseudo language ``qps`` always uses the ``pseudo`` engine. Which catalogs of a project are
drafted, and with which memory, is decided in :mod:`passerelle.project.drafting`.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import cast

from passerelle.config import Config
from passerelle.errors import EngineError
from passerelle.steps.drafts.base import (
    PSEUDO_LANG,
    ContextEngine,
    Engine,
    EngineSettings,
    batch_glossary,
)
from passerelle.steps.drafts.driver import DraftRun, Summary, draft_catalog
from passerelle.steps.drafts.registry import OFFLINE_ENGINES, known_engine, make_engine


def engine_for(lang: str, engine: str) -> str:
    """The engine a language is drafted with: ``qps`` is always pseudo-localised."""
    return "pseudo" if lang == PSEUDO_LANG else engine


def draft_paths(
    paths: list[Path], lang: str, name: str, settings: EngineSettings, run: DraftRun
) -> Summary:
    """Draft ``paths`` (catalogs of one language) with engine ``name``."""
    summary = Summary()
    engine = make_engine(name, lang, settings)
    guard: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    if getattr(engine, "context", False):
        from passerelle.steps.drafts.llm import log_guard

        guard = log_guard(engine.secrets)
    elif engine.online:
        from passerelle.steps.drafts.transport import http_guard

        guard = http_guard(engine.secrets)
    try:
        with guard:
            for done, path in enumerate(paths, 1):
                summary.add(_draft_one(path, lang, engine, settings, run))
                if run.progress:
                    run.progress(f"draft {lang}", done, len(paths))
                if run.stopped:
                    break
        if run.dry_run and summary.would_send_chars:
            _say_plan(engine, lang, run)
    finally:
        engine.close()
    return summary


def _say_plan(engine: Engine | ContextEngine, lang: str, run: DraftRun) -> None:
    """What else a dry run would have used: an engine's glossary (nothing is asked of the
    server to say it)."""
    note = getattr(engine, "dry_run_note", None)
    line = note(run.source_lang, lang) if note is not None else None
    if line:
        run.report(line)


def _draft_one(
    path: Path, lang: str, engine: Engine | ContextEngine, settings: EngineSettings, run: DraftRun
) -> Summary:
    """One catalog: document by document with context for a language model, else by text."""
    if getattr(engine, "context", False):
        from passerelle.steps.drafts.documents import draft_document

        terms = batch_glossary(settings.terminology)
        return draft_document(path, lang, cast(ContextEngine, engine), run, terms)
    return draft_catalog(path, lang, cast(Engine, engine), run)


def offline_engine(config: Config) -> str:
    """The project's draft engine, refusing one that needs the network (``run`` never does);
    a name that is no engine is a settings error."""
    known_engine(config.draft_engine, source=config.config_file, key="draft-engine")
    if config.draft_engine not in OFFLINE_ENGINES:
        raise EngineError(
            f"draft-engine {config.draft_engine!r} needs the network",
            path=config.config_file,
            hint="passerelle run drafts offline only; run `passerelle draft` for online engines",
        )
    return config.draft_engine


def failure_line(run: DraftRun, summaries: list[Summary]) -> str | None:
    """One line when requests failed (how many, and the first reason), so a log shows why
    entries stayed untranslated; None when none did."""
    if not run.failed_requests:
        return None
    total = Summary()
    for summary in summaries:
        total.add(summary)
    requests = "request" if run.failed_requests == 1 else "requests"
    entries = "entry" if total.failed == 1 else "entries"
    return (
        f"draft: {run.failed_requests} {requests} failed ({total.failed} {entries} left"
        f" untranslated); first: {run.first_failure}"
    )
