"""One document's work in a run: the steps it needs, done with its files held in memory.

A job is what the main process hands a worker: a document, the steps found stale for it, and
the signatures known for its files. The worker updates, checks, counts and builds the document
with each file read or written once, and hands back what it learned (new signatures, findings,
counts) for the main process to keep.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from passerelle.errors import SourceError
from passerelle.po.catalog import Catalog, catalog_stats, read_catalog
from passerelle.project.assets import asset_inputs, asset_outputs
from passerelle.project.documents import (
    build_languages,
    catalog_lookup,
    extract_document,
    update_in_memory,
)
from passerelle.project.draftjobs import DraftPlan, draft_document_catalog
from passerelle.project.layout import Layout, SourceDocument
from passerelle.project.state import State
from passerelle.project.status import stats_memo, template_stats


@dataclass
class DocumentJob:
    """One document's work, as sent to a worker."""

    layout: Layout
    doc: SourceDocument
    languages: tuple[str, ...]
    steps: tuple[str, ...]
    todo: tuple[str, ...]
    files: dict[str, list[Any]]
    include_fuzzy: bool = False
    drafts: DraftPlan | None = None  # translation-memory drafts, after the update


@dataclass
class JobResult:
    doc: str
    written: list[str] = field(default_factory=list)
    files: dict[str, list[Any]] = field(default_factory=dict)
    steps: dict[str, str] = field(default_factory=dict)
    memos: dict[str, list[Any]] = field(default_factory=dict)
    built: int = 0  # how many of ``written`` are build outputs
    drafted: int = 0  # entries given a draft


def extract_inputs(layout: Layout, doc: SourceDocument) -> tuple[list[Path], list[Path]]:
    return [doc.path], [layout.template(doc)]


def update_inputs(layout: Layout, doc: SourceDocument, lang: str) -> tuple[list[Path], list[Path]]:
    return [layout.template(doc)], [layout.catalog(doc, lang)]


def build_inputs(layout: Layout, doc: SourceDocument, lang: str) -> tuple[list[Path], list[Path]]:
    inputs = [doc.path, layout.catalog(doc, lang), *asset_inputs(layout, doc)]
    return inputs, [*layout.outputs(doc, lang), *asset_outputs(layout, doc, lang)]


def stale_steps(
    state: State,
    layout: Layout,
    doc: SourceDocument,
    languages: tuple[str, ...],
    steps: tuple[str, ...],
    include_fuzzy: bool = False,
    drafts: DraftPlan | None = None,
) -> list[str]:
    """Step keys of ``doc`` whose recorded signature no longer matches."""
    todo = []
    if "extract" in steps:
        key = f"extract:{doc.name}"
        if not state.fresh(key, *extract_inputs(layout, doc)):
            todo.append(key)
    for lang in languages:
        if "update" in steps:
            key = f"update:{doc.name}:{lang}"
            if not state.fresh(key, *update_inputs(layout, doc, lang)):
                todo.append(key)
        if drafts is not None and lang in drafts.memories:
            key = f"draft:{doc.name}:{lang}"
            if not state.fresh(key, drafts.inputs(layout, doc, lang)):
                todo.append(key)
        if "build" in steps:
            key = f"build:{doc.name}:{lang}:{int(include_fuzzy)}"
            if not state.fresh(key, *build_inputs(layout, doc, lang)):
                todo.append(key)
    if "check" in steps:
        from passerelle.project.checking import check_memo

        memos = [check_memo(layout, doc, languages)]
        memos += [stats_memo(layout, doc, lang) for lang in languages]
        if any(state.remembered(key, inputs) is None for key, inputs in memos):
            todo.append(f"check:{doc.name}")
    return todo


def run_job(job: DocumentJob) -> JobResult:
    """Do one document's stale steps, and what they make stale (in a worker, or inline).

    The template and catalogs a step produces stay in memory for the steps after it: a
    catalog just updated is checked, counted and built from without being read again, and the
    source is walked once for the builds of every language.
    """
    layout, doc = job.layout, job.doc
    state = State(None, "")  # what the worker learns goes back in the result
    state.files = job.files
    result = JobResult(doc.name)
    todo = set(job.todo)
    pot: Catalog | None = None
    pot_changed = False
    if f"extract:{doc.name}" in todo:
        pot, pot_changed = extract_document(layout, doc)
        if pot_changed:
            result.written.append(str(layout.template(doc)))
        state.record(f"extract:{doc.name}", *extract_inputs(layout, doc))
    catalogs: dict[str, Catalog | None] = {}
    changed: set[str] = set()
    for lang in job.languages:
        key = f"update:{doc.name}:{lang}"
        updated = "update" in job.steps and (key in todo or pot_changed)
        if updated:
            pot = pot if pot is not None else _template(layout, doc)
            catalogs[lang], written = update_in_memory(layout, doc, lang, pot)
            if written:
                result.written.append(str(layout.catalog(doc, lang)))
                changed.add(lang)
        if job.drafts is not None and lang in job.drafts.memories:
            if updated or f"draft:{doc.name}:{lang}" in todo:
                _draft(job, lang, catalogs, changed, state, result)
        if updated:
            state.record(key, *update_inputs(layout, doc, lang))
    if "build" in job.steps:
        _build(job, todo, catalogs, changed, state, result)
    if "check" in job.steps:
        pot = pot if pot is not None else _template(layout, doc)
        _check_and_count(layout, doc, job.languages, pot, catalogs, state)
    result.files = state.files
    result.steps = state.steps
    result.memos = state.memos
    return result


def _draft(
    job: DocumentJob,
    lang: str,
    catalogs: dict[str, Catalog | None],
    changed: set[str],
    state: State,
    result: JobResult,
) -> None:
    """The document's translation-memory drafts in ``lang``, into the catalog the job holds."""
    layout, doc, plan = job.layout, job.doc, job.drafts
    assert plan is not None
    path = layout.catalog(doc, lang)
    if lang not in catalogs:
        catalogs[lang] = _catalog(layout, doc, lang)
    catalog = catalogs[lang]
    if catalog is not None:
        drafted, written = draft_document_catalog(path, catalog, lang, plan)
        result.drafted += drafted
        if written:
            changed.add(lang)
            if str(path) not in result.written:
                result.written.append(str(path))
    state.record(f"draft:{doc.name}:{lang}", plan.inputs(layout, doc, lang))


def _build(
    job: DocumentJob,
    todo: set[str],
    catalogs: dict[str, Catalog | None],
    changed: set[str],
    state: State,
    result: JobResult,
) -> None:
    """Build the languages whose catalog (or source) changed, walking the source once."""
    layout, doc = job.layout, job.doc
    lookups = {}
    for lang in job.languages:
        key = f"build:{doc.name}:{lang}:{int(job.include_fuzzy)}"
        if key in todo or lang in changed or job.include_fuzzy:
            if lang not in catalogs:
                catalogs[lang] = _catalog(layout, doc, lang)
            lookups[lang] = catalog_lookup(catalogs[lang], job.include_fuzzy)
    if not lookups:
        return
    written = build_languages(layout, doc, lookups)
    result.written.extend(str(p) for p in written)
    result.built += len(written)
    for lang in lookups:
        key = f"build:{doc.name}:{lang}:{int(job.include_fuzzy)}"
        state.record(key, *build_inputs(layout, doc, lang))


def _check_and_count(
    layout: Layout,
    doc: SourceDocument,
    langs: tuple[str, ...],
    pot: Catalog,
    catalogs: dict[str, Catalog | None],
    state: State,
) -> None:
    """Findings and counts of the document as it now stands, remembered in the state under
    the signatures ``check`` and ``status`` look them up by, so neither reads it again."""
    from passerelle.project.checking import check_document, check_memo, findings_memo

    for lang in langs:
        if lang not in catalogs:
            catalogs[lang] = _catalog(layout, doc, lang)
    run = check_document(layout, doc, langs, pot, catalogs)
    key, inputs = check_memo(layout, doc, langs)
    state.remember(key, state.signature(inputs), findings_memo(run))
    for lang in langs:
        key, inputs = stats_memo(layout, doc, lang)
        catalog = catalogs[lang]
        stats = catalog_stats(catalog) if catalog is not None else template_stats(pot)
        state.remember(key, state.signature(inputs), list(dataclasses.astuple(stats)))


def _catalog(layout: Layout, doc: SourceDocument, lang: str) -> Catalog | None:
    path = layout.catalog(doc, lang)
    return read_catalog(path) if path.exists() else None


def _template(layout: Layout, doc: SourceDocument) -> Catalog:
    """The template on disk; an update before any extract is told what to run first."""
    path = layout.template(doc)
    if not path.exists():
        raise SourceError("no template yet", path=path, hint="run passerelle extract first")
    return read_catalog(path)
