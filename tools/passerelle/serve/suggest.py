"""Suggestions beside a unit: matches from the project's translation memory, and the draft
engine's answer.

The memory is every catalog of the unit's language (:meth:`Layout.language_catalogs`), read
again whenever one of them changes, so a unit saved a minute ago is offered for the next one.
The draft comes from the project's ``draft-engine`` through the cache ``passerelle draft`` uses
(:mod:`passerelle.steps.drafts.suggest`).
"""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from passerelle.errors import PasserelleError
from passerelle.po.catalog import read_catalog
from passerelle.project.layout import Layout
from passerelle.steps.drafts.base import EngineSettings
from passerelle.steps.drafts.cache import FILENAME, DraftCache
from passerelle.steps.drafts.catalogs import engine_for
from passerelle.steps.drafts.driver import DraftRun
from passerelle.steps.drafts.suggest import suggest_draft
from passerelle.steps.memory import Memory

#: Lowest similarity (percent) a memory match must reach to be offered.
CUTOFF = 60.0
LIMIT = 5


class Suggester:
    """Memory matches and drafts for one project; safe to share between request threads."""

    def __init__(self, layout: Layout, settings: EngineSettings, engine: str | None = None) -> None:
        self.layout = layout
        self.settings = settings
        self.engine = engine or layout.config.draft_engine
        self._memories: dict[str, tuple[tuple[Any, ...], Memory]] = {}
        self._lock = threading.Lock()

    def memory(self, lang: str) -> Memory:
        """Every catalog of ``lang`` as one memory, rebuilt when any of them changed."""
        paths = self.layout.language_catalogs(lang)
        stamp = tuple((str(p), _stat(p)) for p in paths)
        with self._lock:
            known = self._memories.get(lang)
            if known is not None and known[0] == stamp:
                return known[1]
            entries = [entry for path in paths for entry in read_catalog(path)]
            memory = Memory(entries, exhaustive=True)
            len(memory)  # indexed now, under the lock, not by two threads at once
            self._memories[lang] = (stamp, memory)
            return memory

    def matches(self, lang: str, msgid: str, current: str) -> list[dict[str, Any]]:
        """The closest translated French texts of the project and their translations, the
        unit's own current translation aside."""
        rows = []
        for score, entry in self.memory(lang).ranked(msgid, CUTOFF, LIMIT + 1):
            if entry.msgid == msgid and entry.msgstr == current:
                continue
            rows.append(
                {
                    "score": round(score, 1),
                    "msgid": entry.msgid,
                    "msgstr": entry.msgstr,
                    "where": entry.occurrences[0][0] if entry.occurrences else "",
                }
            )
        return rows[:LIMIT]

    def draft(self, lang: str, msgid: str) -> dict[str, Any]:
        """The configured engine's draft of ``msgid``, or why there is none."""
        config = self.layout.config
        name = engine_for(lang, self.engine)
        settings = replace(
            self.settings,
            catalogs=tuple(self.layout.language_catalogs(lang)),
            compendia=config.compendia,
        )
        cache = DraftCache(self.layout.cache(FILENAME).parent)
        try:
            run = DraftRun(source_lang=config.source_lang, cache=cache)
            found = suggest_draft(msgid, lang, name, settings, run)
        except PasserelleError as exc:
            return {"engine": name, "text": None, "note": str(exc), "cached": False}
        finally:
            cache.close()
        return {
            "engine": found.engine,
            "text": found.text,
            "note": found.note,
            "cached": found.cached,
        }


def _stat(path: Path) -> tuple[int, int]:
    try:
        info = os.stat(path)
    except OSError:
        return (0, 0)
    return (info.st_mtime_ns, info.st_size)
