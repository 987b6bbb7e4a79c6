"""Merging many catalogs at once: msgmerge-style pairing, a shared memory, parallel workers.

A tree of old catalogs is also the language's translation memory, so every file's fuzzy lookups
need all of them. Workers each read their share of the old catalogs, send the translated entries
to the parent, receive everyone's, then merge and write their own files. Results never depend on
the number of workers: the memory is the same set, assembled in path order.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from passerelle.errors import CatalogError
from passerelle.lifeline import follow_parent
from passerelle.po.catalog import (
    Catalog,
    has_translation,
    read_catalog,
    write_catalog,
)
from passerelle.po.revise import Snapshot, read_snapshot, revise_catalog
from passerelle.steps.memory import (
    Memory,
    Row,
    compendium_catalog,
    compendium_memory,
    entries_from_rows,
    export_rows,
)
from passerelle.steps.update.merge import MergeOptions, same_but_template_date, update_catalog

ErrorInfo = tuple[type[CatalogError], str, str | None, int | None, str | None]


@dataclass(frozen=True)
class MergeJob:
    """One catalog to update: DEF (None for a new catalog), REF template, OUT path."""

    definitions: Path | None
    reference: Path
    output: Path


@dataclass
class MergeReport:
    """What a merge run did, file by file."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    errors: list[CatalogError] = field(default_factory=list)


def plan_merge(definitions: Path, reference: Path, output: Path) -> list[MergeJob]:
    """Pair files msgmerge-style, or trees: REF/x.pot with DEF/x.po, OUT mirroring REF."""
    check_kinds(definitions, reference, output)
    if not reference.is_dir():
        # /dev/null is an empty catalog to msgmerge, not a missing one
        return [MergeJob(definitions if definitions.exists() else None, reference, output)]
    jobs = []
    for ref in sorted(reference.rglob("*.pot")):
        rel = ref.relative_to(reference).with_suffix(".po")
        if any(part.startswith(".") for part in rel.parts):
            continue
        old = definitions / rel
        jobs.append(MergeJob(old if old.is_file() else None, ref, output / rel))
    return jobs


def check_kinds(definitions: Path, reference: Path, output: Path) -> None:
    """DEF, REF and OUT must be three files or three folders (OUT may not exist yet).

    Any other mix used to be read as "no catalog yet": a folder given as DEF with a file as
    REF produced an empty catalog over the output. msgmerge refuses these ("Is a directory"),
    and so does this, before anything is written.
    """
    tree = reference.is_dir()
    kinds = ("a folder", "a file") if tree else ("a file", "a folder")  # expected, refused
    hint = "give files for DEF, REF and -o, or folders for all three"
    if definitions.exists() and definitions.is_dir() != tree:
        raise CatalogError(f"DEF is {kinds[1]} but REF is {kinds[0]}", path=definitions, hint=hint)
    if output.exists() and output.is_dir() != tree:
        raise CatalogError(
            f"-o is {kinds[1]} but DEF and REF are {'folders' if tree else 'files'}",
            path=output,
            hint=hint,
        )


@dataclass(frozen=True)
class _Settings:
    lang: str
    options: MergeOptions
    compendia: tuple[Path, ...]


def run_merge(
    jobs: list[MergeJob],
    *,
    lang: str = "",
    options: MergeOptions | None = None,
    compendia: Iterable[Path] = (),
    workers: int = 1,
    progress: Callable[[str, int, int], None] | None = None,
) -> MergeReport:
    """Update every job's catalog, in parallel across files; a catalog that cannot be read is
    reported (file:line) and its output left untouched, the others carry on. ``progress``
    hears ``("merge", done, total)`` as catalogs are merged."""
    settings = _Settings(lang or _guess_language(jobs), options or MergeOptions(), tuple(compendia))
    collecting = gc.isenabled()
    gc.disable()  # millions of long-lived entries and no cycles: collection is pure overhead
    try:
        if workers > 1 and len(jobs) > 1 and "fork" in multiprocessing.get_all_start_methods():
            outcomes = _run_parallel(jobs, settings, workers, _Tally(len(jobs), progress))
        else:
            outcomes = _run_serial(jobs, settings, _Tally(len(jobs), progress))
    finally:
        if collecting:
            gc.enable()
    report = MergeReport()
    for job in jobs:
        outcome = outcomes[job.output]
        if isinstance(outcome, tuple):
            kind, message, path, line, hint = outcome
            report.errors.append(kind(message, path=path, line=line, hint=hint))
        else:
            (report.written if outcome else report.unchanged).append(job.output)
    return report


def _guess_language(jobs: list[MergeJob]) -> str:
    """The Language header of the first readable old catalog: new catalogs of a tree get it."""
    for job in jobs:
        if job.definitions is not None:
            try:
                return str(read_catalog(job.definitions).metadata.get("Language", ""))
            except CatalogError:
                continue
    return ""


class _Tally:
    """Catalogs merged so far, passed on to a progress display."""

    def __init__(self, total: int, progress: Callable[[str, int, int], None] | None) -> None:
        self.total = total
        self.done = 0
        self.progress = progress

    def add(self, count: int = 1) -> None:
        self.done += count
        if self.progress is not None:
            self.progress("merge", self.done, self.total)


def _run_serial(
    jobs: list[MergeJob], settings: _Settings, tally: _Tally
) -> dict[Path, bool | ErrorInfo]:
    olds, failed = _read_olds(jobs)
    memory = Memory(entries_from_rows(_in_order(_translated(olds))))
    return _merge_all(jobs, olds, failed, memory, settings, tick=tally.add)


def _run_parallel(
    jobs: list[MergeJob], settings: _Settings, workers: int, tally: _Tally
) -> dict[Path, bool | ErrorInfo]:
    context = multiprocessing.get_context("fork")
    groups = _partition(jobs, workers)
    links = []
    for group in groups:
        parent, child = context.Pipe()
        process = context.Process(
            target=_worker, args=(child, group, settings, os.getpid()), daemon=True
        )
        process.start()
        child.close()
        links.append((parent, process))
    shares: dict[Path, list[Row]] = {}
    for parent, _ in links:
        shares.update(_receive(parent))
    # Indexed once here while the workers read their templates, then shipped ready to use.
    state = export_rows(_in_order(shares))
    for parent, _ in links:
        parent.send(state)
    outcomes: dict[Path, bool | ErrorInfo] = {}
    waiting = [parent for parent, _ in links]
    while waiting:  # whichever worker speaks first: its merged count, or its outcomes
        for ready in wait(waiting):
            assert isinstance(ready, Connection)
            message = _receive(ready)
            if isinstance(message, int):
                tally.add(message)
            else:
                outcomes.update(message)
                waiting.remove(ready)
    for _, process in links:
        process.join()
    return outcomes


def _receive(link: Connection) -> Any:
    try:
        message = link.recv()
    except EOFError:
        raise RuntimeError("a merge worker died; no catalog it was writing is damaged") from None
    if isinstance(message, BaseException):
        raise message
    assert isinstance(message, dict | int)
    return message


def _worker(link: Connection, jobs: list[MergeJob], settings: _Settings, parent: int) -> None:
    """Read this share of old catalogs, swap translations with the others, merge, write.

    The worker ends with the merge that started it: one waiting for a killed parent would
    wait forever.
    """
    follow_parent(parent)
    try:
        olds, failed = _read_olds(jobs)
        link.send(_translated(olds))
        templates = _read_templates(jobs)  # while the other workers finish reading
        memory = Memory.restore(*link.recv())
        outcomes = _merge_all(jobs, olds, failed, memory, settings, templates, tick=_ticker(link))
        link.send(outcomes)
    except BaseException as exc:  # report, never hang the parent
        link.send(RuntimeError(f"merge worker failed: {exc!r}"))
    finally:
        link.close()


def _ticker(link: Connection) -> Callable[[], None]:
    """Tell the parent how many catalogs this worker merged, ten times a second at most."""
    last = [time.monotonic(), 0]

    def tick() -> None:
        last[1] += 1
        now = time.monotonic()
        if now - last[0] >= 0.1:
            link.send(int(last[1]))
            last[:] = [now, 0]

    return tick


def _partition(jobs: list[MergeJob], workers: int) -> list[list[MergeJob]]:
    """Groups of about equal bytes (largest first to the lightest group), in plan order."""
    sizes = {j.output: _size(j.definitions) + _size(j.reference) for j in jobs}
    groups: list[list[MergeJob]] = [[] for _ in range(min(workers, len(jobs)))]
    loads = [0] * len(groups)
    for job in sorted(jobs, key=lambda j: (-sizes[j.output], str(j.output))):
        lightest = loads.index(min(loads))
        groups[lightest].append(job)
        loads[lightest] += sizes[job.output]
    order = {job.output: i for i, job in enumerate(jobs)}
    return [sorted(group, key=lambda j: order[j.output]) for group in groups]


def _size(path: Path | None) -> int:
    return path.stat().st_size if path is not None else 0


def _error_info(exc: CatalogError) -> ErrorInfo:
    """An error as plain data a worker can send back, its kind kept for the exit status."""
    return (type(exc), exc.message, exc.path, exc.line, exc.hint)


def _read_olds(jobs: list[MergeJob]) -> tuple[dict[Path, Snapshot], dict[Path, ErrorInfo]]:
    olds: dict[Path, Snapshot] = {}
    failed: dict[Path, ErrorInfo] = {}
    for job in jobs:
        if job.definitions is not None:
            try:
                olds[job.definitions] = read_snapshot(job.definitions)
            except CatalogError as exc:
                failed[job.definitions] = _error_info(exc)
    return olds, failed


def _translated(olds: dict[Path, Snapshot]) -> dict[Path, list[Row]]:
    """The entries a memory would keep (translated, not fuzzy), as plain tuples to send."""
    return {
        path: [
            (e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, e.msgstr_plural)
            for e in old.catalog or ()
            if e.msgid and not e.fuzzy and has_translation(e)
        ]
        for path, old in olds.items()
    }


def _in_order(shares: dict[Path, list[Row]]) -> list[Row]:
    """Every share's rows in path order: the same memory whatever the number of workers."""
    return [row for path in sorted(shares) for row in shares[path]]


def _read_templates(jobs: list[MergeJob]) -> dict[Path, Catalog | ErrorInfo]:
    templates: dict[Path, Catalog | ErrorInfo] = {}
    for job in jobs:
        try:
            templates[job.reference] = read_catalog(job.reference)
        except CatalogError as exc:
            templates[job.reference] = _error_info(exc)
    return templates


def _merge_all(
    jobs: list[MergeJob],
    olds: dict[Path, Snapshot],
    failed: dict[Path, ErrorInfo],
    memory: Memory,
    settings: _Settings,
    templates: dict[Path, Catalog | ErrorInfo] | None = None,
    tick: Callable[[], None] | None = None,
) -> dict[Path, bool | ErrorInfo]:
    books = functools.cache(functools.partial(_read_compendia, settings.compendia, settings.lang))
    compendium = compendium_memory(books)
    templates = templates if templates is not None else _read_templates(jobs)
    outcomes: dict[Path, bool | ErrorInfo] = {}
    for job in jobs:
        if tick is not None:
            tick()
        template = templates[job.reference]
        if job.definitions is not None and job.definitions in failed:
            outcomes[job.output] = failed[job.definitions]
            continue
        if isinstance(template, tuple):
            outcomes[job.output] = template
            continue
        try:
            old = olds.get(job.definitions) if job.definitions is not None else None
            outcomes[job.output] = _merge_one(
                job, old, template, (memory, compendium), settings, books
            )
        except CatalogError as exc:
            outcomes[job.output] = _error_info(exc)
    return outcomes


def _merge_one(
    job: MergeJob,
    old: Snapshot | None,
    template: Catalog,
    memories: tuple[Memory, Memory],
    settings: _Settings,
    books: Callable[[], tuple[Catalog, ...]],
) -> bool:
    """Write one job's catalog; whether the file changed.

    Merging a catalog in place, the file is someone's work: if it was saved while the merge ran,
    the merge is done again from what was saved rather than from the copy read at the start.
    """

    memory, compendium = memories
    source = job.definitions
    in_place = old is not None and source is not None and _same_file(source, job.output)
    # msgmerge -o always writes the template's date; msgmerge -U leaves a file alone when only
    # that date would change
    options = dataclasses.replace(settings.options, template_date=not in_place)

    def change(current: Catalog | None) -> Catalog:
        lang = settings.lang or (current.metadata.get("Language", "") if current else "")
        return update_catalog(
            current,
            template,
            lang,
            options=options,
            memory=memory,
            compendia=compendium,
            compendium_catalogs=books,
        )

    def change_in_place(current: Catalog | None) -> Catalog | None:
        new = change(current)
        return None if current is not None and same_but_template_date(current, new) else new

    if in_place:
        return revise_catalog(job.output, change_in_place, known=old)[1]
    return write_catalog(job.output, change(old.catalog if old is not None else None))


def _read_compendia(paths: tuple[Path, ...], lang: str) -> tuple[Catalog, ...]:
    """The compendia in command-line order, each read once (one may be a pipe): the memory
    looks up their entries; msgmerge takes the header of a catalog that has none, and the
    charset it writes, from them. A TMX memory gives its ``lang`` units."""
    return tuple(compendium_catalog(path, lang) for path in paths)


def _same_file(a: Path, b: Path) -> bool:
    return a == b or a.resolve() == b.resolve()
