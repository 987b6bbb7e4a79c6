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
    """The glossary the settings name, or None when they name none."""
    if config is None or not config.terminology:
        return None
    languages = tuple(dict.fromkeys((*config.languages, *config.draft_languages)))
    return _glossary(config.terminology, config.source_lang, languages)


@functools.lru_cache(maxsize=8)
def _glossary(paths: tuple[Path, ...], source_lang: str, languages: tuple[str, ...]) -> Glossary:
    concepts: list[Concept] = []
    for item in paths:
        if "{lang}" in str(item):
            for lang in languages:
                path = Path(str(item).replace("{lang}", lang))
                if path.is_file():
                    concepts.extend(_read(path, source_lang, lang))
        else:
            concepts.extend(_read(item, source_lang, ""))
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
