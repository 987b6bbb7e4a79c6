"""Incremental, parallel pipeline runs over many documents and languages.

The main process decides, from content signatures (:mod:`passerelle.project.state`), which
documents need work; only those are sent to a process pool, one document per job
(:mod:`passerelle.project.jobs`).
A worker holds one document and its catalogs at a time, so peak memory follows the largest
document rather than the number of documents, and each output file depends only on its own
inputs, so results are identical whatever the number of workers. A run with nothing changed
starts no worker and writes nothing.
"""

from __future__ import annotations

import collections
import contextlib
import gc
import hashlib
import itertools
import json
import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from passerelle import __version__
from passerelle.config import Config
from passerelle.confine import walk
from passerelle.fsutil import sha256_file, write_atomic
from passerelle.project.console import Progress, no_progress
from passerelle.project.draftjobs import DraftPlan
from passerelle.project.jobs import DocumentJob, JobResult, run_job, stale_steps
from passerelle.project.layout import Layout
from passerelle.project.state import State


def code_digest() -> str:
    """Stands for Passerelle's own code and rules: a new version redoes everything it touches."""
    package = Path(__file__).resolve().parents[1]
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
        return sha256_file(path)
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
        if not top.is_dir() and not top.is_symlink():
            lines.append(f"{top}: missing")
            continue
        for _, folder, files in walk(config.root, top, config.follow_links):
            lines.append(f"{folder}/\0{os.stat(folder).st_mtime_ns}")
            if each_file:
                for entry in files:
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


def last_run(config: Config) -> LastRun | None:
    """The last run's report if the tree is exactly as that run left it, else None.

    Kept apart from the state, so an unchanged run reads one small file and walks the tree once.
    """
    try:
        data = json.loads(Layout(config).last_run.read_text(encoding="utf-8"))
        recorded = LastRun(str(data["fingerprint"]), int(data["code"]), str(data["text"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return recorded if recorded.fingerprint == tree_fingerprint(config) else None


def record_run(config: Config, code: int, text: str) -> None:
    """Remember this run's report against the tree it leaves behind."""
    data = {"fingerprint": tree_fingerprint(config), "code": code, "text": text}
    write_atomic(Layout(config).last_run, json.dumps(data, ensure_ascii=False), durable=False)


def load_state(config: Config) -> State:
    return State(Layout(config).state, settings_digest(config))


def report_state(config: Config, languages: tuple[str, ...] | None = None) -> State:
    """The state ``check`` and ``status`` answer from; they only read it (no lock, no save),
    so they never wait for a run nor make one wait.

    When the tree is as the last complete run left it (the one walk a no-op run makes), every
    finding and count that run remembered for its languages is current and is taken as is;
    otherwise each is checked against its files' signatures, and only what changed is read.
    """
    unchanged = last_run(config) is not None  # first: a run saves its state, then records
    state = load_state(config)
    state.trusted = unchanged and tuple(languages or config.languages) == config.languages
    return state


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
    progress: Progress = no_progress,
    drafts: DraftPlan | None = None,
) -> Iterator[JobResult]:
    """Run ``steps`` (extract, update, check, build, in that order) on every stale document.

    ``workers`` processes share the documents (default: one per core); with one, every job
    runs in this process, one document after the other, and the output is the same. With
    ``state`` given, the caller owns it (and saves it); otherwise it is loaded and saved
    here. ``progress`` hears of each document done (an unchanged one is done at once). With
    ``drafts``, each updated catalog of its languages gets its translation-memory drafts in the
    same job (:mod:`passerelle.project.draftjobs`).
    """
    langs = languages or config.languages
    layout = Layout(config)
    own_state = state is None
    label = "/".join(steps)
    with layout.lock():
        current = load_state(config) if state is None else state
        documents = layout.documents()
        count = [0, len(documents)]  # documents done, of

        def jobs() -> Iterator[DocumentJob]:
            for doc in documents:
                todo = stale_steps(current, layout, doc, langs, steps, include_fuzzy, drafts)
                if not todo:
                    count[0] += 1
                    progress(label, count[0], count[1])
                    continue
                paths = [doc.path, layout.template(doc)]
                paths += [layout.catalog(doc, lang) for lang in langs]
                files = _files_for(current, paths)
                yield DocumentJob(
                    layout, doc, langs, steps, tuple(todo), files, include_fuzzy, drafts
                )

        try:
            with _frozen_heap():
                for result in _execute(jobs(), workers, config):
                    current.merge(result.files, result.steps, result.memos)
                    current.touched(result.written)
                    count[0] += 1
                    progress(label, count[0], count[1])
                    yield result
        finally:
            if own_state:
                current.save()


@contextlib.contextmanager
def _frozen_heap() -> Iterator[None]:
    """Keep the cyclic garbage collector off what is alive when the work starts.

    The state of a large project is hundreds of thousands of small containers that live for
    the whole run; without this every full collection of the main process walks them again.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _warm_up(config: Config, stop: Event) -> None:
    """Tie the worker to the run (it ends if the run is killed), then load the formats and
    compile the sentence rules once per worker, before its first job.

    Ctrl-C reaches every process of the terminal's group; a worker lets the run decide instead
    (through ``stop``), so it never dies between a temporary file and its rename.
    """
    from passerelle.lifeline import follow_parent
    from passerelle.steps.extract import block_segments

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _STOP
    _STOP = stop
    follow_parent()
    from passerelle.formats import FORMAT_MODULES, get_format
    from passerelle.project.documents import segmentation
    from passerelle.units import Block

    for name in FORMAT_MODULES:
        get_format(name)
    block_segments(Block("Un. Deux."), segmentation(config))


#: In a worker: set by the run when it stops early (Ctrl-C), so queued jobs are dropped.
_STOP: Event | None = None


#: What the fork server imports once, so that each worker starts with it.
_PRELOAD = [
    "passerelle.project.jobs",
    "passerelle.project.checking",
    "passerelle.steps.build",
    "passerelle.steps.update.merge",
]


def _context() -> multiprocessing.context.BaseContext:
    """Workers come from a fork server: a small process that imported the pipeline once.

    Forking them from the main process instead would hand each a copy of everything the main
    process holds by then (the state of every file of a large project), which counts against
    each worker's memory and grows with the number of documents.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


#: Jobs sent to a worker at a time, and batches kept in flight per worker.
_BATCH = 4
_AHEAD = 4


def _execute(
    jobs: Iterable[DocumentJob], workers: int | None, config: Config
) -> Iterator[JobResult]:
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
    context = _context()
    stop = context.Event()
    pool = ProcessPoolExecutor(
        max_workers=count, mp_context=context, initializer=_warm_up, initargs=(config, stop)
    )
    flight: collections.deque[Future[list[JobResult]]] = collections.deque()
    try:
        batch = first
        while batch:
            flight.append(pool.submit(_run_batch, batch))
            while len(flight) >= count * _AHEAD:
                yield from flight.popleft().result()
            batch = list(itertools.islice(pending, _BATCH))
        while flight:
            yield from flight.popleft().result()
    finally:
        # Interrupted (or abandoned): queued jobs are dropped and each worker ends with the
        # document it holds, whose files are then whole; waiting for that keeps the lock held
        # until no worker writes any more.
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)


def _run_batch(batch: list[DocumentJob]) -> list[JobResult]:
    results = []
    for job in batch:
        if _STOP is not None and _STOP.is_set():
            break
        results.append(run_job(job))
    return results
