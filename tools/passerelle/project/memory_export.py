"""The project's translation memory as one TMX file, for CAT tools and other projects.

Every approved translation (translated, not fuzzy, active) of the chosen languages, one unit per
French text and context, in document order; the first translation met for a language wins, as
in the project's own memory. Plural entries have no place in TMX and are left out.
"""

from __future__ import annotations

from pathlib import Path

from passerelle.exchange.tmx import MemoryUnit, write_tmx
from passerelle.exchange.xmlsafe import ExchangeError
from passerelle.fsutil import write_atomic
from passerelle.po.catalog import read_catalog
from passerelle.project.layout import Layout


def memory_units(layout: Layout, languages: tuple[str, ...]) -> list[MemoryUnit]:
    """One unit per (msgctxt, French text) that some language translated."""
    found: dict[tuple[str | None, str], dict[str, str]] = {}
    for doc in layout.documents():
        for lang in languages:
            path = layout.catalog(doc, lang)
            if not path.is_file():
                continue
            for entry in read_catalog(path):
                if entry.msgid_plural or not entry.msgid or not entry.translated():
                    continue
                found.setdefault((entry.msgctxt, entry.msgid), {}).setdefault(lang, entry.msgstr)
    ordered = [
        MemoryUnit(msgctxt, msgid, {lang: texts[lang] for lang in languages if lang in texts})
        for (msgctxt, msgid), texts in found.items()
    ]
    return ordered


def export_memory(layout: Layout, languages: tuple[str, ...], out: Path) -> int:
    """Write the memory of ``languages`` to ``out``; returns how many units it holds."""
    units = memory_units(layout, languages)
    config = layout.config
    try:
        data = write_tmx(units, source_lang=config.source_lang, segtype=config.segment)
    except ValueError as exc:
        raise ExchangeError(f"cannot be written as TMX: {exc}", path=out) from None
    if out.parent != Path(""):
        out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, data)
    return len(units)
