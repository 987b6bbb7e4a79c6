"""File mode: templates from, and localised copies of, documents outside any project.

``passerelle extract PATH -o OUT`` and ``passerelle build PATH --po PO -o OUT`` take a file or a
folder. A folder is mirrored: ``a/b.html`` <-> ``a/b.pot`` / ``a/b.po`` <-> ``OUT/a/b.html``.
Without ``-o`` a single file's result goes to standard output. Files are independent, so a folder
is processed by a pool of worker processes (``PASSERELLE_JOBS``, default: the CPU count); results
are written per file, so the output is the same whatever the number of workers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from passerelle.errors import CatalogError, PasserelleError, SourceError
from passerelle.formats import FORMAT_MODULES, FormatOptions, format_for_path, get_format
from passerelle.formats.markup import quiet_gc
from passerelle.fsutil import read_utf8, sweep_temporaries, write_atomic
from passerelle.steps.extract import Segmentation, block_segments, check_reference
from passerelle.units import Block


@dataclass(frozen=True)
class FileJob:
    """One document to process, with everything a worker process needs."""

    source: Path
    reference: str  # how ``#:`` references name the document
    target: Path | None  # None: standard output
    format_name: str
    options: FormatOptions
    catalog: Path | None = None
    lang: str | None = None
    include_fuzzy: bool = False
    segmentation: Segmentation = field(default_factory=Segmentation)


@dataclass(frozen=True)
class Outcome:
    """What a worker reports back: the text for stdout, or an error as plain data."""

    text: str | None = None
    error: tuple[str, str | None, int | None, int | None, str | None] | None = None


def extract_one(job: FileJob) -> Outcome:
    """Template of one document (written to ``job.target``, or returned for stdout)."""
    from passerelle.formats import get_format
    from passerelle.po.catalog import format_catalog, template_from_units
    from passerelle.steps.extract import document_units

    def work() -> str | None:
        fmt = get_format(job.format_name)
        text = read_utf8(job.source)
        units = document_units(fmt, text, job.reference, _located(job), job.segmentation)
        content = format_catalog(template_from_units(units))
        if job.target is None:
            return content
        write_atomic(job.target, content)
        return None

    return _guard(work)


def build_one(job: FileJob) -> Outcome:
    """Localised copy of one document from its catalog."""
    from passerelle.formats import get_format
    from passerelle.po.catalog import read_translations
    from passerelle.steps.build import make_translate

    def work() -> str | None:
        assert job.catalog is not None
        lookup, language = read_translations(job.catalog, include_fuzzy=job.include_fuzzy)
        lang = job.lang or _header_language(language, job.catalog, lookup.language_line())
        translate = make_translate(lookup, job.segmentation, lang)
        fmt = get_format(job.format_name)
        text = read_utf8(job.source)
        out = fmt.write(text, job.reference, translate, lang, _located(job))
        if job.target is None:
            return out
        write_atomic(job.target, out)
        return None

    return _guard(work)


def _header_language(language: str, catalog: Path, line: int | None) -> str:
    """The catalog's ``Language`` in gettext's spelling (``en-CA`` is ``en_CA``); one babel
    does not know is an error at its line, since the build would write it into the document."""
    from passerelle.config import validate_locale

    if not language:
        raise CatalogError(
            "the catalog does not say its language", path=catalog, hint="pass --lang"
        )
    try:
        return validate_locale(language, key="Language")
    except PasserelleError as exc:
        raise CatalogError(
            exc.message, path=catalog, line=line, hint="fix it or pass --lang"
        ) from None


def _located(job: FileJob) -> FormatOptions:
    """The job's options, knowing the document's file; a single file's tree is its folder."""
    root = job.options.source_root or job.source.parent
    return replace(job.options, document=job.source, source_root=root)


def _guard(work: Callable[[], str | None]) -> Outcome:
    try:
        return Outcome(text=work())
    except PasserelleError as exc:
        return Outcome(error=(exc.message, exc.path, exc.line, exc.column, exc.hint))


def _sources(root: Path, format_name: str | None) -> list[tuple[Path, str]]:
    """Documents under ``root`` (sorted) with their format; other files are left alone."""
    found: list[tuple[Path, str]] = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        try:
            fmt = format_for_path(path).name
        except PasserelleError:
            continue
        if fmt in FORMAT_MODULES and (format_name is None or fmt == format_name):
            check_reference(rel.as_posix())
            found.append((path, fmt))
    return found


def _mirror(root: Path, sources: list[tuple[Path, str]], out: Path, suffix: str) -> list[Path]:
    """``a/b.html`` -> ``OUT/a/b.pot``; two sources landing on one name is an error."""
    targets: list[Path] = []
    seen: dict[Path, Path] = {}
    for path, _ in sources:
        rel = path.relative_to(root)
        target = out / (rel.with_suffix(suffix) if suffix else rel)
        if target in seen:
            raise SourceError(
                f"{seen[target].relative_to(root)} and {rel} would share {target.name}",
                path=path,
                hint="pass --format to process one kind of document at a time",
            )
        seen[target] = path
        targets.append(target)
    return targets


def _run(jobs: list[FileJob], worker: Callable[[FileJob], Outcome]) -> None:
    """Run ``jobs`` (in a process pool when there are several) and report the first error.

    The cyclic garbage collector is paused meanwhile (forked workers inherit the pause): each
    document's tree is freed explicitly, so collections would only rescan live objects, which
    cost a quarter of the time on a documentation tree for no memory saved.
    """
    with quiet_gc():
        outcomes = _outcomes(jobs, worker)
    for outcome in outcomes:
        if outcome.error is not None:
            message, path, line, column, hint = outcome.error
            raise SourceError(message, path=path, line=line, column=column, hint=hint)
        if outcome.text is not None:
            sys.stdout.write(outcome.text)


def _outcomes(jobs: list[FileJob], worker: Callable[[FileJob], Outcome]) -> list[Outcome]:
    workers = _workers(len(jobs))
    if workers > 1:
        import multiprocessing  # here: a single document needs no pool
        from concurrent.futures import ProcessPoolExecutor

        _prepare(jobs)
        # largest documents first balances the workers; results come back in job order
        order = sorted(range(len(jobs)), key=lambda i: -_size(jobs[i].source))
        from passerelle.lifeline import follow_parent

        context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=follow_parent, initargs=(os.getpid(),)
        ) as pool:
            done = list(pool.map(worker, [jobs[i] for i in order], chunksize=1))
        outcomes: list[Outcome] = [Outcome()] * len(jobs)
        for i, outcome in zip(order, done, strict=True):
            outcomes[i] = outcome
    else:
        outcomes = [worker(job) for job in jobs]
    return outcomes


def _prepare(jobs: list[FileJob]) -> None:
    """Do once, before forking, what every worker would otherwise do for itself: import the
    formats and the modules a job uses, compile the sentence rules, load the locale data.

    Whatever is left to the workers is done by each of them: the catalog modules, imported by
    both kinds of job, once cost every worker of every command its own import.
    """
    for name in {job.format_name for job in jobs}:
        get_format(name)
    block_segments(Block("Un. Deux."), jobs[0].segmentation)
    from passerelle import locale
    from passerelle.po import catalog  # noqa: F401 - inherited by the workers

    if any(job.catalog is not None for job in jobs):
        from passerelle.steps import build  # noqa: F401 - inherited by the workers

        for lang in {job.lang for job in jobs if job.lang}:
            try:
                locale.text_direction(lang)
            except Exception:  # noqa: BLE001 - a bad language is reported by each job
                pass


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _workers(count: int) -> int:
    wanted = os.environ.get("PASSERELLE_JOBS", "")
    limit = int(wanted) if wanted.isdigit() and int(wanted) > 0 else (os.cpu_count() or 1)
    return max(1, min(limit, count if count >= 4 else 1))


def _options(its_rules: Iterable[Path], root: Path | None = None) -> FormatOptions:
    return FormatOptions(its_rules=tuple(Path(p) for p in its_rules), source_root=root)


def _check_format(path: Path, format_name: str | None) -> str:
    return format_for_path(path, format_name).name


def extract_path(
    path: Path,
    output: Path | None,
    *,
    format_name: str | None = None,
    its_rules: Iterable[Path] = (),
) -> None:
    """Templates for a file (to ``output`` or stdout) or a folder (mirrored under ``output``)."""
    options = _options(its_rules, path if path.is_dir() else None)
    if path.is_dir():
        if output is None:
            raise SourceError("a folder needs -o OUTPUT (a folder for the templates)", path=path)
        sources = _sources(path, format_name)
        targets = _mirror(path, sources, output, ".pot")
        jobs = [
            FileJob(src, src.relative_to(path).as_posix(), target, fmt, options)
            for (src, fmt), target in zip(sources, targets, strict=True)
        ]
        sweep_temporaries(output, 0)  # no lock here: only what killed processes left
        _run(jobs, extract_one)
        return
    if not path.exists():
        raise SourceError("no such file or folder", path=path)
    fmt = _check_format(path, format_name)
    _run([FileJob(path, check_reference(str(path)), output, fmt, options)], extract_one)


def build_path(
    path: Path,
    po: Path,
    output: Path | None,
    *,
    lang: str | None = None,
    format_name: str | None = None,
    its_rules: Iterable[Path] = (),
    include_fuzzy: bool = False,
) -> None:
    """Localised copies of a file or a folder, from a catalog file or a mirrored folder of them."""
    options = _options(its_rules, path if path.is_dir() else None)
    if path.is_dir():
        if output is None:
            raise SourceError("a folder needs -o OUTPUT (a folder for the documents)", path=path)
        if not po.is_dir():
            raise CatalogError("a source folder needs a folder of catalogs", path=po)
        sources = _sources(path, format_name)
        catalogs = _mirror(path, sources, po, ".po")
        targets = _mirror(path, sources, output, "")
        jobs = [
            FileJob(
                src,
                src.relative_to(path).as_posix(),
                target,
                fmt,
                options,
                catalog,
                lang,
                include_fuzzy,
            )
            for (src, fmt), catalog, target in zip(sources, catalogs, targets, strict=True)
            if catalog.exists() or _missing(catalog)
        ]
        sweep_temporaries(output, 0)  # no lock here: only what killed processes left
        _run(jobs, build_one)
        return
    if not path.exists():
        raise SourceError("no such file or folder", path=path)
    fmt = _check_format(path, format_name)
    ref = check_reference(str(path))
    _run([FileJob(path, ref, output, fmt, options, po, lang, include_fuzzy)], build_one)


def _missing(catalog: Path) -> bool:
    """Refuse a source document without its catalog, saying what the folder holds instead: a
    template beside the missing catalog means --po was given the templates, which hold no
    translations (extract has run; the catalogs are what is missing)."""
    template = catalog.with_suffix(".pot")
    if template.is_file():
        raise CatalogError(
            f"catalog not found, only its template {template.name}",
            path=catalog,
            hint="--po takes translated catalogs (.po): start each one from its template "
            "with msginit, translate it, then build",
        )
    raise CatalogError(
        "catalog not found",
        path=catalog,
        hint="--po takes a folder that mirrors the source folder, a .po for each document",
    )
