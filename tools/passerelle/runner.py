"""Incremental, parallel pipeline runs over many documents and languages.

The main process decides, from content signatures (:mod:`passerelle.state`), which documents
need work; only those are sent to a process pool, one document per job. A worker holds one
document and its catalogs at a time, so peak memory follows the largest document rather than the
number of documents, and each output file depends only on its own inputs, so results are identical
whatever the number of workers. A run with nothing changed starts no worker and writes nothing.
"""

from __future__ import annotations

import collections
import dataclasses
import hashlib
import itertools
import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from passerelle import __version__
from passerelle.catalog import Catalog, catalog_stats
from passerelle.config import Config
from passerelle.fsutil import tree_lock, write_atomic
from passerelle.project import (
    Document,
    build_languages,
    catalog_lookup,
    catalog_path,
    documents,
    extract_document,
    output_paths,
    stats_memo,
    template_path,
    template_stats,
    update_in_memory,
)
from passerelle.state import State


def code_digest() -> str:
    """Stands for Passerelle's own code and rules: a new version redoes everything it touches."""
    package = Path(__file__).resolve().parent
    entries = []
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".srx", ".its") and "__pycache__" not in path.parts:
            st = path.stat()
            entries.append(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(entries).encode()).hexdigest()


def settings_digest(config: Config) -> str:
    """What, besides the files themselves, changes every output: settings and rule files."""
    parts = [
        __version__,
        code_digest(),
        repr(config),
        config.source_lang,
        config.segment,
        ",".join(config.languages),
    ]
    for extra in (config.srx, *config.its_rules):
        if extra is not None:
            parts.append(f"{extra}:{_quick_hash(extra)}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _quick_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "-"


def tree_fingerprint(config: Config) -> str:
    """One hash of what a run reads and writes: every input file's name, size and mtime, the
    mtime of every output folder, and the settings.

    When it equals the one recorded at the end of the last run, nothing can have changed, and a
    run over tens of thousands of files costs one walk of the tree instead of a check per step.
    Outputs are written by renaming into place, which moves their folder's mtime, so their
    folders stand for them and the walk costs one ``stat`` per source and catalog only.
    """
    lines = [settings_digest(config)]
    for top, each_file in (
        (config.source_dir, True),
        (config.locales_dir, True),
        (config.build_dir, False),
    ):
        if not top.is_dir():
            lines.append(f"{top}: missing")
            continue
        stack = [str(top)]
        while stack:
            folder = stack.pop()
            lines.append(f"{folder}/\0{os.stat(folder).st_mtime_ns}")
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    if entry.is_dir():
                        stack.append(entry.path)
                    elif each_file:
                        st = entry.stat()
                        lines.append(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}")
    lines.sort()
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


@dataclass(frozen=True)
class LastRun:
    """What the last complete ``passerelle run`` reported, and the tree it left."""

    fingerprint: str
    code: int
    text: str


def _last_run_path(config: Config) -> Path:
    return config.cache_dir / "last-run.json"


def last_run(config: Config) -> LastRun | None:
    """The last run's report if the tree is exactly as that run left it, else None.

    Kept apart from the state, so an unchanged run reads one small file and walks the tree once.
    """
    try:
        data = json.loads(_last_run_path(config).read_text(encoding="utf-8"))
        recorded = LastRun(str(data["fingerprint"]), int(data["code"]), str(data["text"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return recorded if recorded.fingerprint == tree_fingerprint(config) else None


def record_run(config: Config, code: int, text: str) -> None:
    """Remember this run's report against the tree it leaves behind."""
    data = {"fingerprint": tree_fingerprint(config), "code": code, "text": text}
    write_atomic(_last_run_path(config), json.dumps(data, ensure_ascii=False), durable=False)


def load_state(config: Config) -> State:
    return State(config.cache_dir / "state.json", settings_digest(config))


@dataclass
class Job:
    """One document's work, as sent to a worker."""

    config: Config
    doc: Document
    languages: tuple[str, ...]
    steps: tuple[str, ...]
    todo: tuple[str, ...]
    files: dict[str, list[Any]]
    include_fuzzy: bool = False


@dataclass
class JobResult:
    doc: str
    written: list[str] = field(default_factory=list)
    files: dict[str, list[Any]] = field(default_factory=dict)
    steps: dict[str, str] = field(default_factory=dict)
    memos: dict[str, list[Any]] = field(default_factory=dict)
    built: int = 0  # how many of ``written`` are build outputs


def extract_inputs(config: Config, doc: Document) -> tuple[list[Path], list[Path]]:
    return [doc.path], [template_path(config, doc)]


def update_inputs(config: Config, doc: Document, lang: str) -> tuple[list[Path], list[Path]]:
    return [template_path(config, doc)], [catalog_path(config, doc, lang)]


def build_inputs(config: Config, doc: Document, lang: str) -> tuple[list[Path], list[Path]]:
    return [doc.path, catalog_path(config, doc, lang)], output_paths(config, doc, lang)


def stale_steps(
    state: State,
    config: Config,
    doc: Document,
    languages: tuple[str, ...],
    steps: tuple[str, ...],
    include_fuzzy: bool = False,
) -> list[str]:
    """Step keys of ``doc`` whose recorded signature no longer matches."""
    todo = []
    if "extract" in steps:
        key = f"extract:{doc.name}"
        if not state.fresh(key, *extract_inputs(config, doc)):
            todo.append(key)
    for lang in languages:
        if "update" in steps:
            key = f"update:{doc.name}:{lang}"
            if not state.fresh(key, *update_inputs(config, doc, lang)):
                todo.append(key)
        if "build" in steps:
            key = f"build:{doc.name}:{lang}:{int(include_fuzzy)}"
            if not state.fresh(key, *build_inputs(config, doc, lang)):
                todo.append(key)
    if "check" in steps:
        from passerelle.checks.runner import check_memo

        memos = [check_memo(config, doc, languages)]
        memos += [stats_memo(config, doc, lang) for lang in languages]
        if any(state.recall(key, state.signature(inputs)) is None for key, inputs in memos):
            todo.append(f"check:{doc.name}")
    return todo


def run_job(job: Job) -> JobResult:
    """Do one document's stale steps, and what they make stale (in a worker, or inline).

    The template and catalogs a step produces stay in memory for the steps after it: a
    catalog just updated is checked, counted and built from without being read again, and the
    source is walked once for the builds of every language.
    """
    config, doc = job.config, job.doc
    state = State(None, "")  # what the worker learns goes back in the result
    state.files = job.files
    result = JobResult(doc.name)
    todo = set(job.todo)
    pot: Catalog | None = None
    pot_changed = False
    if f"extract:{doc.name}" in todo:
        pot, pot_changed = extract_document(config, doc)
        if pot_changed:
            result.written.append(str(template_path(config, doc)))
        state.record(f"extract:{doc.name}", *extract_inputs(config, doc))
    catalogs: dict[str, Catalog | None] = {}
    changed: set[str] = set()
    for lang in job.languages:
        key = f"update:{doc.name}:{lang}"
        if "update" in job.steps and (key in todo or pot_changed):
            pot = pot if pot is not None else _template(config, doc)
            catalogs[lang], written = update_in_memory(config, doc, lang, pot)
            if written:
                result.written.append(str(catalog_path(config, doc, lang)))
                changed.add(lang)
            state.record(key, *update_inputs(config, doc, lang))
    if "build" in job.steps:
        _build(job, todo, catalogs, changed, state, result)
    if "check" in job.steps:
        pot = pot if pot is not None else _template(config, doc)
        _check_and_count(config, doc, job.languages, pot, catalogs, state)
    result.files = state.files
    result.steps = state.steps
    result.memos = state.memos
    return result


def _build(
    job: Job,
    todo: set[str],
    catalogs: dict[str, Catalog | None],
    changed: set[str],
    state: State,
    result: JobResult,
) -> None:
    """Build the languages whose catalog (or source) changed, walking the source once."""
    config, doc = job.config, job.doc
    lookups = {}
    for lang in job.languages:
        key = f"build:{doc.name}:{lang}:{int(job.include_fuzzy)}"
        if key in todo or lang in changed or job.include_fuzzy:
            catalog = catalogs.get(lang) if lang in catalogs else _catalog(config, doc, lang)
            lookups[lang] = catalog_lookup(catalog, job.include_fuzzy)
    if not lookups:
        return
    written = build_languages(config, doc, lookups)
    result.written.extend(str(p) for p in written)
    result.built += len(written)
    for lang in lookups:
        key = f"build:{doc.name}:{lang}:{int(job.include_fuzzy)}"
        state.record(key, *build_inputs(config, doc, lang))


def _check_and_count(
    config: Config,
    doc: Document,
    langs: tuple[str, ...],
    pot: Catalog,
    catalogs: dict[str, Catalog | None],
    state: State,
) -> None:
    """Findings and counts of the document as it now stands, remembered in the state under
    the signatures ``check`` and ``status`` look them up by, so neither reads it again."""
    from passerelle.checks.runner import check_document, check_memo, findings_memo

    run = check_document(config, doc, langs, pot, catalogs)
    key, inputs = check_memo(config, doc, langs)
    state.remember(key, state.signature(inputs), findings_memo(run))
    for lang in langs:
        key, inputs = stats_memo(config, doc, lang)
        catalog = catalogs[lang] if lang in catalogs else _catalog(config, doc, lang)
        stats = catalog_stats(catalog) if catalog is not None else template_stats(pot)
        state.remember(key, state.signature(inputs), list(dataclasses.astuple(stats)))


def _catalog(config: Config, doc: Document, lang: str) -> Catalog | None:
    from passerelle.catalog import read_catalog

    path = catalog_path(config, doc, lang)
    return read_catalog(path) if path.exists() else None


def _template(config: Config, doc: Document) -> Catalog:
    from passerelle.catalog import read_catalog

    return read_catalog(template_path(config, doc))


def _files_for(state: State, paths: Iterable[Path]) -> dict[str, list[Any]]:
    return {str(p): state.files[str(p)] for p in paths if str(p) in state.files}


def run_steps(
    config: Config,
    steps: tuple[str, ...],
    *,
    languages: tuple[str, ...] | None = None,
    workers: int | None = None,
    include_fuzzy: bool = False,
    state: State | None = None,
    progress: Callable[[JobResult], None] | None = None,
) -> Iterator[JobResult]:
    """Run ``steps`` (extract, update, build, in that order) on every stale document.

    With ``state`` given, the caller owns it (and saves it); otherwise it is loaded and saved
    here.
    """
    langs = languages or config.languages
    own_state = state is None
    with tree_lock(config.locales_dir):
        current = load_state(config) if state is None else state

        def jobs() -> Iterator[Job]:
            for doc in documents(config):
                todo = stale_steps(current, config, doc, langs, steps, include_fuzzy)
                if not todo:
                    continue
                paths = [doc.path, template_path(config, doc)]
                for lang in langs:
                    paths.append(catalog_path(config, doc, lang))
                    paths.extend(output_paths(config, doc, lang))
                files = _files_for(current, paths)
                yield Job(config, doc, langs, steps, tuple(todo), files, include_fuzzy)

        try:
            for result in _execute(jobs(), workers, config):
                current.merge(result.files, result.steps, result.memos)
                if progress is not None:
                    progress(result)
                yield result
        finally:
            if own_state:
                current.save()


def _warm_up(config: Config) -> None:
    """Load the formats and compile the sentence rules once, before the workers fork from here."""
    from passerelle.extract import block_segments
    from passerelle.formats import FORMAT_MODULES, get_format
    from passerelle.project import segmentation
    from passerelle.units import Block

    for name in FORMAT_MODULES:
        get_format(name)
    block_segments(Block("Un. Deux."), segmentation(config))


def _context() -> multiprocessing.context.BaseContext:
    """Fork where the system has it, so workers start with what :func:`_warm_up` prepared."""
    return multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")


#: Jobs sent to a worker at a time, and batches kept in flight per worker.
_BATCH = 4
_AHEAD = 4


def _execute(jobs: Iterable[Job], workers: int | None, config: Config) -> Iterator[JobResult]:
    """Results in the order of ``jobs``; jobs are found while earlier ones run.

    The main process decides what is stale document by document and hands work out as it
    goes, so workers start at once instead of after a walk of the whole tree, and no list of
    every job is ever held.
    """
    count = workers if workers is not None else (os.cpu_count() or 1)
    pending = iter(jobs)
    first = list(itertools.islice(pending, _BATCH))
    if count <= 1 or len(first) < _BATCH:
        for job in itertools.chain(first, pending):
            yield run_job(job)
        return
    _warm_up(config)
    with ProcessPoolExecutor(max_workers=count, mp_context=_context()) as pool:
        flight: collections.deque[Future[list[JobResult]]] = collections.deque()
        batch = first
        while batch:
            flight.append(pool.submit(_run_batch, batch))
            while len(flight) >= count * _AHEAD:
                yield from flight.popleft().result()
            batch = list(itertools.islice(pending, _BATCH))
        while flight:
            yield from flight.popleft().result()


def _run_batch(batch: list[Job]) -> list[JobResult]:
    return [run_job(job) for job in batch]
