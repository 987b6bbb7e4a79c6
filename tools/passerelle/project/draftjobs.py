"""Translation-memory drafts inside a run's per-document jobs, with one memory for all workers.

``passerelle run`` drafts its ``draft-languages`` with the ``tm`` engine. Drafting reads every
catalog of a language (the memory) but writes only one document's catalog at a time, so the work
splits in two:

- the main process keeps, per language, a snapshot of the memory: the translated entries of
  every catalog, re-read only for the catalogs whose size or time changed since the last run,
  then written (only when its content changed) as one file the workers read;
- each job drafts its document's catalog right after updating it, with the memory its worker
  loaded once from that file (read-only), before the checks and the build see the catalog.

A document's drafts are redone when its catalog or the memory changed, and only then.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from passerelle.config import Config
from passerelle.fsutil import write_atomic
from passerelle.po.catalog import Catalog, read_catalog
from passerelle.project.layout import Layout
from passerelle.steps.drafts.base import PSEUDO_LANG
from passerelle.steps.drafts.driver import DraftRun, draft_catalog
from passerelle.steps.drafts.tm import TranslationMemory, compendium_files, memory_rows
from passerelle.steps.memory import Row

SNAPSHOT_VERSION = 2
THRESHOLD = 75.0


@dataclass(frozen=True)
class DraftPlan:
    """What a job needs to draft: the languages, and the memory file of each."""

    source_lang: str
    memories: dict[str, Path] = field(default_factory=dict)
    threshold: float = THRESHOLD

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.memories)

    def inputs(self, layout: Layout, doc: Any, lang: str) -> list[Path]:
        """What a document's drafts in ``lang`` depend on: its catalog and the memory."""
        return [layout.catalog(doc, lang), self.memories[lang]]


def job_languages(config: Config) -> tuple[str, ...]:
    """The draft languages drafted inside the jobs: those the run updates, with ``tm``."""
    if config.draft_engine != "tm":
        return ()
    return tuple(
        lang for lang in config.draft_languages if lang in config.languages and lang != PSEUDO_LANG
    )


def plan_drafts(config: Config) -> DraftPlan | None:
    """Bring each job language's memory snapshot up to date; None when no job drafts."""
    languages = job_languages(config)
    if not languages:
        return None
    layout = Layout(config)
    memories = {lang: _snapshot(layout, lang) for lang in languages}
    return DraftPlan(config.source_lang, memories)


def _snapshot(layout: Layout, lang: str) -> Path:
    """The language's memory file, rewritten only when a catalog's translations changed."""
    index_path = layout.cache(f"draft-memory/{lang}.index.json")
    rows_path = layout.cache(f"draft-memory/{lang}.json")
    known = _read_json(index_path)
    files = known.get("files", {}) if known.get("version") == SNAPSHOT_VERSION else {}
    fresh: dict[str, list[Any]] = {}
    paths = layout.language_catalogs(lang)
    paths += compendium_files(layout.config.compendia, lang)
    for path in paths:
        st = path.stat()
        stamp = [st.st_size, st.st_mtime_ns]
        old = files.get(str(path))
        if old is not None and old[:2] == stamp:
            fresh[str(path)] = old
        else:
            fresh[str(path)] = [*stamp, [list(r) for r in memory_rows(read_catalog(path))]]
    rows = [row for path in paths for row in fresh[str(path)][2]]
    if fresh != files:
        index = {"version": SNAPSHOT_VERSION, "files": fresh}
        write_atomic(index_path, json.dumps(index, ensure_ascii=False), durable=False)
    data = json.dumps(rows, ensure_ascii=False)
    if not rows_path.exists() or rows_path.read_text(encoding="utf-8") != data:
        write_atomic(rows_path, data, durable=False)
    return rows_path


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


_LOADED: dict[tuple[str, int, int], TranslationMemory] = {}


def loaded_memory(path: Path, threshold: float) -> TranslationMemory:
    """The memory in ``path``, read once per process (each worker holds it, read-only)."""
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _LOADED:
        _LOADED.clear()  # an older snapshot is of no more use
        raw = json.loads(path.read_text(encoding="utf-8"))
        rows: list[Row] = [
            (c, i, ip, s, {int(k): v for k, v in forms.items()}) for c, i, ip, s, forms in raw
        ]
        _LOADED[key] = TranslationMemory.from_rows(rows, threshold)
    return _LOADED[key]


def draft_document_catalog(
    path: Path, catalog: Catalog, lang: str, plan: DraftPlan
) -> tuple[int, bool]:
    """Draft one catalog held in memory (filled in place); (entries drafted, file written)."""
    memory = loaded_memory(plan.memories[lang], plan.threshold)
    if not len(memory.memory):
        return 0, False  # an empty memory lends nothing
    run = DraftRun(source_lang=plan.source_lang, report=lambda line: None)
    summary = draft_catalog(path, lang, memory, run, catalog)
    return summary.drafted, bool(summary.catalogs_written)
