"""``merge DEF REF`` on two files, as a drop-in for GNU ``msgmerge`` 0.21 in a Makefile.

A Makefile judges msgmerge by its output bytes, its exit status and its diagnostics, so this mode
speaks msgmerge's language: errors are msgmerge's lines under :data:`PROGRAM` with status 1, the
result goes to standard output unless ``-o`` names a file, ``-U`` rewrites DEF only when
something besides POT-Creation-Date changed, after a backup made the way msgmerge (gnulib's
backupfile) makes it. The merge itself is the project's: :func:`update_catalog`.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from passerelle.errors import CatalogError, DuplicateEntryError
from passerelle.fsutil import write_atomic
from passerelle.po.catalog import Catalog, has_translation
from passerelle.po.domains import domains_bytes, read_domains
from passerelle.po.layout import DEFAULT, PageLayout, sort_by_file, sort_by_msgid
from passerelle.steps.memory import Memory, compendium_catalog, compendium_memory
from passerelle.steps.update.backup import BackupChoiceError, make_backup
from passerelle.steps.update.domains import pair_domains, retire_domain
from passerelle.steps.update.gnu_search import first_text
from passerelle.steps.update.merge import MergeOptions, same_but_template_date, update_catalog

#: The name msgmerge's diagnostics carry; scripts compare them, so it is msgmerge's own.
PROGRAM = "msgmerge"


class MsgmergeError(Exception):
    """A failure reported as msgmerge reports it: ``lines`` on stderr, exit status 1."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = list(lines)


@dataclass(frozen=True)
class SingleMerge:
    """Everything msgmerge's command line can ask of one merge."""

    definitions: str
    reference: str
    output: str | None = None  # None or "-": standard output
    update: bool = False
    backup: str | None = None
    suffix: str | None = None
    compendia: tuple[str, ...] = ()
    directories: tuple[str, ...] = ()
    lang: str = ""
    options: MergeOptions = field(default_factory=lambda: MergeOptions(previous=False))
    layout: PageLayout = DEFAULT
    sort: str = ""  # "", "msgid" or "file"
    for_msgfmt: bool = False
    force: bool = False
    multi_domain: bool = False  # -m: REF's default domain is the template of every DEF domain


@dataclass(frozen=True)
class MergeCounts:
    """What a merge did, for ``-v``: msgmerge's counts."""

    merged: int
    fuzzied: int
    missing: int
    obsolete: int
    references: int  # REF's messages, the header among them: msgmerge's progress dots
    written: bool
    old_domains: int = 1  # how many domains DEF and REF hold, the default one always among them
    reference_domains: int = 1


def find_input(name: str, directories: Sequence[str]) -> Path:
    """An input file as msgmerge opens it: the name, else NAME.po, in each ``-D`` folder in turn
    (the current one only when none is given; an absolute name only where it is)."""
    places = [""] if os.path.isabs(name) or name == "-" else [*directories] or [""]
    for place in places:
        for candidate in (name, name + ".po"):
            path = Path(place, candidate) if place else Path(candidate)
            if path.exists() and not path.is_dir():  # /dev/null and pipes are read too
                return path
    if Path(name).is_dir():
        raise MsgmergeError(f'{PROGRAM}: error while reading "{name}": Is a directory')
    raise MsgmergeError(
        f'{PROGRAM}: error while opening "{name}" for reading: No such file or directory'
    )


def read_input(name: str, directories: Sequence[str]) -> list[Catalog]:
    """A file's domains (the default one first), or msgmerge's diagnostics for a file it could
    not read."""
    path = find_input(name, directories)
    try:
        return read_domains(path)
    except DuplicateEntryError as exc:
        raise MsgmergeError(
            f"{exc.path}:{exc.line}: duplicate message definition...",
            f"{exc.path}:{exc.first_line}: ...this is the location of the first definition",
            f"{PROGRAM}: found 1 fatal error",
        ) from None
    except CatalogError as exc:
        raise _fatal(exc) from None


def _fatal(exc: CatalogError) -> MsgmergeError:
    where = f"{exc.path}:{exc.line}: " if exc.line else f"{exc.path}: "
    return MsgmergeError(f"{where}{exc.message}", f"{PROGRAM}: found 1 fatal error")


def run_single(
    job: SingleMerge, report: Callable[[MergeCounts], None] = lambda _: None
) -> MergeCounts:
    """Merge, arrange and write one catalog as msgmerge does; ``report`` hears the counts once
    the merge is done, before anything is written (where msgmerge prints its progress line)."""
    olds = read_input(job.definitions, job.directories)
    templates = read_input(job.reference, job.directories)
    # each compendium read once (one may be a pipe), all its domains: the memory looks up their
    # entries, and the header and charset come from the first one when DEF has no header
    spoken = [d.metadata["Language"] for d in olds if d.metadata.get("Language")]
    lang = (job.lang or next(iter(spoken), "")).replace("-", "_")
    books = tuple(
        book
        for name in job.compendia
        for book in _compendium(name, job.directories, lang)
        if len(book) or book.original_header is not None
    )
    compendium = compendium_memory(lambda: books)
    in_place = _in_place(job)
    # msgmerge -o always writes the template's date; -U leaves a file alone when only it moves
    options = dataclasses.replace(job.options, template_date=not in_place)
    results, outcome = [], MergeCounts(0, 0, 0, 0, 0, False, len(olds), len(templates))
    listed = False  # a message besides the header in msgmerge's result, written or not
    for old, template in pair_domains(olds, templates, job.multi_domain):
        listed = listed or bool(len(old) or (template is not None and len(template)))
        if template is None:
            result = retire_domain(old)
            counts = MergeCounts(0, 0, 0, len(result), 0, False)
        else:
            result = _merge_domain(old, template, job, options, (compendium, books))
            counts = _counts(old, result, len(template))
        results.append(result)
        outcome = _add(outcome, counts)
    report(outcome)
    arranged = [_arrange(result, job) for result in results]
    data = domains_bytes(arranged, job.output or "-", layout=job.layout)
    if in_place:
        written = _update(find_input(job.definitions, job.directories), olds, arranged, data, job)
    else:
        if job.for_msgfmt:  # only what it writes: no obsolete entry, nothing untranslated
            listed = any(len(each) for each in arranged)
        written = _write(job.output, data, job.force or listed)
    return dataclasses.replace(outcome, written=written)


def _compendium(name: str, directories: Sequence[str], lang: str) -> list[Catalog]:
    """A ``-C`` file's domains; a TMX memory gives its units in ``lang`` as one."""
    if name.lower().endswith(".tmx"):
        try:
            return [compendium_catalog(find_input(name, directories), lang)]
        except CatalogError as exc:
            raise _fatal(exc) from None
    return read_input(name, directories)


def _merge_domain(
    old: Catalog,
    template: Catalog,
    job: SingleMerge,
    options: MergeOptions,
    compendia: tuple[Memory, tuple[Catalog, ...]],
) -> Catalog:
    """One domain merged: ``old``'s translations are its own memory, the compendia everyone's."""
    memory = Memory([e for e in old if e.msgid and not e.fuzzy and has_translation(e)])
    lang = job.lang or old.metadata.get("Language", "")
    compendium, books = compendia
    try:
        result = update_catalog(
            old,
            template,
            lang,
            options=options,
            memory=memory,
            compendia=compendium,
            compendium_catalogs=lambda: books,
        )
    except CatalogError as exc:  # a compendium is read when first looked up
        raise _fatal(exc) from None
    if job.lang:
        result.metadata["Language"] = job.lang
    return result


def _add(total: MergeCounts, more: MergeCounts) -> MergeCounts:
    return dataclasses.replace(
        total,
        merged=total.merged + more.merged,
        fuzzied=total.fuzzied + more.fuzzied,
        missing=total.missing + more.missing,
        obsolete=total.obsolete + more.obsolete,
        references=total.references + more.references,
    )


def _in_place(job: SingleMerge) -> bool:
    """``-U``, or ``-o`` naming DEF itself: then, unlike GNU's ``-o``, a catalog the template
    brings nothing to is left alone (its line breaks, its modification time), as ``-U`` leaves
    it, and no backup is made unless ``-U`` asked for one."""
    if job.update:
        return True
    if job.output in (None, "-"):
        return False
    try:
        definitions = find_input(job.definitions, job.directories)
        return Path(str(job.output)).resolve() == definitions.resolve()
    except (MsgmergeError, OSError):
        return False


def _counts(old: Catalog, result: Catalog, references: int) -> MergeCounts:
    """msgmerge's -v figures: entries kept from DEF (the header among them), new ones given a
    fuzzy suggestion, new ones left empty, and DEF's entries made obsolete (those it then
    leaves out, with no first form to write, among them)."""
    known = {(e.msgctxt, e.msgid) for e in old}
    merged = 1 if old.original_header is not None else 0
    fuzzied = missing = 0
    active = {(e.msgctxt, e.msgid) for e in result if not e.obsolete}
    obsolete = sum(1 for e in old if not first_text(e) and (e.msgctxt, e.msgid) not in active)
    for entry in result:
        if entry.obsolete:
            obsolete += 1
        elif (entry.msgctxt, entry.msgid) in known:
            merged += 1
        elif entry.fuzzy and has_translation(entry):
            fuzzied += 1
        else:
            missing += 1
    return MergeCounts(merged, fuzzied, missing, obsolete, references + 1, written=False)


def _arrange(result: Catalog, job: SingleMerge) -> Catalog:
    """The entries in the order and with the parts the options ask for."""
    entries = list(result)
    if job.for_msgfmt:  # only what msgfmt compiles, without what only translators read
        entries = [
            dataclasses.replace(
                e,
                tcomment="",
                comment="",
                occurrences=[],
                previous_msgctxt=None,
                previous_msgid=None,
                previous_msgid_plural=None,
            )
            for e in entries
            if not e.obsolete and not e.fuzzy and has_translation(e)
        ]
        result.header = ""
        if result.original_header is not None:
            result.original_header = dataclasses.replace(result.original_header, tcomment="")
    if job.sort == "msgid":
        entries = sort_by_msgid(entries)
    elif job.sort == "file":
        entries = sort_by_file(entries)
    result[:] = entries
    return result


def _write(output: str | None, data: bytes, wanted: bool) -> bool:
    if not wanted:
        return False
    if output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return True
    path = Path(output)
    if path.is_symlink() or (path.exists() and not stat.S_ISREG(path.stat().st_mode)):
        # /dev/stdout, a pipe, a link: written through, as msgmerge writes; a rename would
        # replace the link, or fail, instead of writing where it leads
        with open(path, "wb") as stream:
            stream.write(data)
        return True
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise MsgmergeError(
            f'{PROGRAM}: cannot create output file "{output}": {exc.strerror}'
        ) from None
    return True


def _update(
    path: Path, olds: list[Catalog], results: list[Catalog], data: bytes, job: SingleMerge
) -> bool:
    """``-U``: DEF rewritten, after its backup, unless only POT-Creation-Date would change
    (projects that keep no .pot under version control would see every run touch every file)."""
    if [old.domain for old in olds] == [result.domain for result in results] and all(
        same_but_template_date(old, result) for old, result in zip(olds, results, strict=True)
    ):
        return False
    try:
        if job.update:
            make_backup(path, job.backup, job.suffix, PROGRAM)
    except BackupChoiceError as exc:
        raise MsgmergeError(*exc.lines) from None
    write_atomic(path, data)
    return True
