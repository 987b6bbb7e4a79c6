"""The project's glossary: read once per process from the ``terminology`` setting, and the
``#.`` lines that hand a unit's terms to its translator.

Updating (the notes), checking (``term-mismatch``) and drafting read the same glossary, so what
the translator is told is exactly what ``check`` verifies.
"""

from __future__ import annotations

import functools
from pathlib import Path

from passerelle.config import Config
from passerelle.errors import ExchangeError
from passerelle.exchange.glossary import Concept, Glossary, term_notes, with_term_notes
from passerelle.po.model import Catalog


def project_glossary(config: Config | None) -> Glossary | None:
    """The glossary the settings name, or None when they name none. Read again when a file
    changed, so a long-running process (the review app) never works from stale terms."""
    if config is None or not config.terminology:
        return None
    languages = tuple(dict.fromkeys((*config.languages, *config.draft_languages)))
    files = _files(config.terminology, languages)
    return _glossary(files, config.source_lang, _stamps(files))


def _files(paths: tuple[Path, ...], languages: tuple[str, ...]) -> tuple[tuple[Path, str], ...]:
    """Each glossary file with its language ("" for one naming its own), a ``{lang}`` path only
    where that language's file exists."""
    found: list[tuple[Path, str]] = []
    for item in paths:
        if "{lang}" in str(item):
            named = ((Path(str(item).replace("{lang}", lang)), lang) for lang in languages)
            found.extend((path, lang) for path, lang in named if path.is_file())
        else:
            found.append((item, ""))
    return tuple(found)


def _stamps(files: tuple[tuple[Path, str], ...]) -> tuple[tuple[int, int] | None, ...]:
    """Each file's size and modification time (None for a missing one, which
    :func:`_glossary` reads and reports). Checks ask for the glossary once per entry, so an
    unchanged glossary must cost a ``stat`` per file, not a read of its contents."""
    stamps: list[tuple[int, int] | None] = []
    for path, _ in files:
        try:
            st = path.stat()
        except OSError:
            stamps.append(None)
        else:
            stamps.append((st.st_size, st.st_mtime_ns))
    return tuple(stamps)


@functools.lru_cache(maxsize=8)
def _glossary(
    files: tuple[tuple[Path, str], ...],
    source_lang: str,
    stamps: tuple[tuple[int, int] | None, ...],
) -> Glossary:
    concepts: list[Concept] = []
    for path, lang in files:
        concepts.extend(_read(path, source_lang, lang))
    return Glossary(concepts)


def _read(path: Path, source_lang: str, lang: str) -> list[Concept]:
    # the readers need lxml: a project without a glossary never loads them
    from passerelle.exchange.glossary_files import read_csv_glossary, read_tbx

    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml"):
        return read_tbx(path, source_lang)
    if suffix == ".csv":
        return read_csv_glossary(path, source_lang, lang)
    raise ExchangeError(
        "not a glossary this project reads",
        path=path,
        hint="terminology takes TBX (.tbx) and CSV (.csv) files",
    )


def annotate_terms(catalog: Catalog, glossary: Glossary | None, lang: str) -> None:
    """Give each active entry the glossary's terms for it as ``#.`` lines (replacing the ones a
    previous update wrote), so a translator's editor shows them beside the text."""
    if glossary is None or not len(glossary):
        return
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        notes = term_notes(glossary, entry.msgid, lang)
        if notes or "Glossary: " in entry.comment:
            entry.comment = with_term_notes(entry.comment, notes)
