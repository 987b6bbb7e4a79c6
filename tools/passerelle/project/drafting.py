"""Drafting a whole project: which catalogs, which engine, which memory.

A project drafts its ``draft-languages`` with its ``draft-engine``. The pseudo language ``qps``
always uses the ``pseudo`` engine; it need not be a release language: its catalogs are brought up
to the templates here, and a pseudo build (fuzzy drafts included, since every pseudo entry is
one) goes to ``build/qps/`` so layouts and reassembly can be checked by eye.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from passerelle.config import Config
from passerelle.counts import counted
from passerelle.errors import EngineError
from passerelle.project.console import Console
from passerelle.project.layout import Layout
from passerelle.project.runner import run_steps
from passerelle.project.state import State
from passerelle.steps.drafts.base import PSEUDO_LANG, EngineSettings
from passerelle.steps.drafts.catalogs import draft_paths, engine_for, failure_line, offline_engine
from passerelle.steps.drafts.driver import DraftRun, Summary
from passerelle.steps.terminology import project_glossary


def prepare_languages(
    config: Config, languages: tuple[str, ...], state: State | None = None
) -> None:
    """Catalogs for draft languages that ``update`` does not keep (such as ``qps``)."""
    extra = tuple(lang for lang in languages if lang not in config.languages)
    if extra:
        for _ in run_steps(config, ("update",), languages=extra, workers=1, state=state):
            pass


def draft_project(
    config: Config,
    languages: tuple[str, ...],
    engine: str,
    settings: EngineSettings,
    run: DraftRun,
    state: State | None = None,
) -> dict[str, Summary]:
    """Draft every document's catalog for each language; a summary per language. Engines
    that take terms get the project's terminology."""
    layout = Layout(config)
    results: dict[str, Summary] = {}
    terminology = project_glossary(config)
    with layout.lock():
        prepare_languages(config, languages, state)
        for lang in languages:
            name = engine_for(lang, engine)
            memory = tuple(layout.language_catalogs(lang))
            lang_settings = dataclasses.replace(
                settings, catalogs=memory, compendia=config.compendia, terminology=terminology
            )
            paths = [layout.catalog(doc, lang) for doc in layout.documents()]
            results[lang] = draft_paths(
                [p for p in paths if p.exists()], lang, name, lang_settings, run
            )
            if run.stopped:
                break
    return results


def draft_inputs(config: Config, languages: tuple[str, ...]) -> list[Path]:
    """Every file a project draft reads: templates, and each draft language's catalogs.

    An incremental run skips the draft step when none of them changed since the last one.
    """
    layout = Layout(config)
    paths = []
    for doc in layout.documents():
        paths.append(layout.template(doc))
        paths.extend(layout.catalog(doc, lang) for lang in languages)
    return paths


def build_pseudo(config: Config, state: State | None = None, workers: int | None = None) -> int:
    """Build ``qps`` documents with fuzzy entries included; the number of files written."""
    steps = run_steps(
        config,
        ("build",),
        languages=(PSEUDO_LANG,),
        workers=workers,
        include_fuzzy=True,
        state=state,
    )
    return sum(len(result.written) for result in steps)


def draft_step(
    config: Config,
    state: State | None,
    console: Console,
    workers: int | None = None,
    skip: tuple[str, ...] = (),
) -> None:
    """The draft step of ``passerelle run`` for the languages the jobs did not draft (``skip``):
    offline engines only, never the network.

    Skipped when no template or catalog changed since the last draft.
    """
    if not config.draft_languages:
        console.say("draft: no draft-languages configured (nothing drafted)")
        return
    languages = tuple(lang for lang in config.draft_languages if lang not in skip)
    if not languages:
        return
    try:
        engine = offline_engine(config)
    except EngineError as exc:
        console.say(f"draft: skipped: {exc}")
        return
    step = f"draft:{engine}:{','.join(languages)}"
    if state is not None and state.fresh(step, draft_inputs(config, languages)):
        console.say("draft: no template or catalog changed since the last draft (nothing to do)")
        return
    run = draft_run(config.source_lang, console)
    results = draft_project(config, languages, engine, EngineSettings(), run, state)
    for lang, summary in results.items():
        console.say(f"draft: {lang} ({engine_for(lang, engine)}): {summary.line()}")
    failure = failure_line(run, list(results.values()))  # offline: for the record
    if failure is not None:
        console.note(failure)
    if state is not None:
        state.touched()  # the drafts rewrote catalogs this run had seen
    if PSEUDO_LANG in languages:
        written = build_pseudo(config, state, workers)
        console.say(
            f"draft: {PSEUDO_LANG} pseudo build (fuzzy included): "
            f"{counted(written, 'file')} written"
        )
    if state is not None and not run.stopped:
        state.record(step, draft_inputs(config, languages))


def draft_run(source_lang: str, console: Console) -> DraftRun:
    """A draft run whose retries and failures are noted, and whose progress is shown."""

    def report(line: str) -> None:
        console.note(f"draft: {line}")

    return DraftRun(source_lang=source_lang, report=report, progress=console.progress)
