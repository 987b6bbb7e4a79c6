"""Drafting a whole project, or one catalog file: which catalogs, which engine, which memory.

A project drafts its ``draft-languages`` with its ``draft-engine``. The pseudo language ``qps``
always uses the ``pseudo`` engine; it need not be a release language: its catalogs are brought up
to the templates here, and a pseudo build (fuzzy drafts included, since every pseudo entry is
one) goes to ``build/qps/`` so layouts and reassembly can be checked by eye.
"""

from __future__ import annotations

import contextlib
import dataclasses
from pathlib import Path

from passerelle.config import Config
from passerelle.errors import EngineError
from passerelle.project import documents as project
from passerelle.steps.drafts.base import PSEUDO_LANG, EngineSettings
from passerelle.steps.drafts.driver import DraftRun, Summary, draft_catalog
from passerelle.steps.drafts.registry import OFFLINE_ENGINES, make_engine


def engine_for(lang: str, engine: str) -> str:
    """The engine a language is drafted with: ``qps`` is always pseudo-localised."""
    return "pseudo" if lang == PSEUDO_LANG else engine


def prepare_languages(config: Config, languages: tuple[str, ...]) -> None:
    """Catalogs for draft languages that ``update`` does not keep (such as ``qps``)."""
    extra = tuple(lang for lang in languages if lang not in config.languages)
    if extra:
        for _ in project.update(config, extra):
            pass


def draft_project(
    config: Config,
    languages: tuple[str, ...],
    engine: str,
    settings: EngineSettings,
    run: DraftRun,
) -> dict[str, Summary]:
    """Draft every document's catalog for each language; a summary per language."""
    prepare_languages(config, languages)
    results: dict[str, Summary] = {}
    with project.project_lock(config):
        for lang in languages:
            name = engine_for(lang, engine)
            memory = tuple(project.language_catalogs(config, lang))
            lang_settings = dataclasses.replace(
                settings, catalogs=memory, compendia=config.compendia
            )
            paths = [project.catalog_path(config, doc, lang) for doc in project.documents(config)]
            results[lang] = draft_paths(
                [p for p in paths if p.exists()], lang, name, lang_settings, run
            )
            if run.stopped:
                break
    return results


def draft_paths(
    paths: list[Path], lang: str, name: str, settings: EngineSettings, run: DraftRun
) -> Summary:
    """Draft ``paths`` (catalogs of one language) with engine ``name``."""
    summary = Summary()
    engine = make_engine(name, lang, settings)
    guard: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    if engine.online:
        from passerelle.steps.drafts.transport import http_guard

        guard = http_guard(engine.secrets)
    try:
        with guard:
            for path in paths:
                summary.add(draft_catalog(path, lang, engine, run))
                if run.stopped:
                    break
    finally:
        engine.close()
    return summary


def draft_inputs(config: Config, languages: tuple[str, ...]) -> list[Path]:
    """Every file a project draft reads: templates, and each draft language's catalogs.

    An incremental run skips the draft step when none of them changed since the last one.
    """
    paths = []
    for doc in project.documents(config):
        paths.append(project.template_path(config, doc))
        paths.extend(project.catalog_path(config, doc, lang) for lang in languages)
    return paths


def build_pseudo(config: Config) -> int:
    """Build ``qps`` documents with fuzzy entries included; the number of files written."""
    written = 0
    for doc in project.documents(config):
        if project.catalog_path(config, doc, PSEUDO_LANG).exists():
            written += len(project.build_document(config, doc, PSEUDO_LANG, include_fuzzy=True))
    return written


def offline_engine(config: Config) -> str:
    """The project's draft engine, refusing one that needs the network (``run`` never does)."""
    if config.draft_engine not in OFFLINE_ENGINES:
        raise EngineError(
            f"draft-engine {config.draft_engine!r} needs the network",
            path=config.config_file,
            hint="passerelle run drafts offline only; run `passerelle draft` for online engines",
        )
    return config.draft_engine
