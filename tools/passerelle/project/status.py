"""Where every language stands: counts per language and document, and their findings.

The counts are those the release step judges by, the findings those ``check`` reports; with an
incremental state, both are remembered per document and not computed again while its files are
unchanged. :mod:`passerelle.reports.status` renders the result as text, JSON or a web page.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from passerelle.config import Config
from passerelle.locale import text_direction
from passerelle.po.catalog import Catalog, Stats, catalog_stats, read_catalog
from passerelle.project.console import Progress, no_progress
from passerelle.project.layout import Layout, SourceDocument
from passerelle.project.state import State
from passerelle.steps.checks import CheckRun

#: The counts of :class:`~passerelle.po.catalog.Stats` every status shows.
FIELDS = (
    "units",
    "translated",
    "fuzzy",
    "untranslated",
    "words",
    "translated_words",
    "fuzzy_words",
    "untranslated_words",
)


@dataclass(frozen=True)
class DocumentStatus:
    """One document in one language."""

    document: str
    stats: Stats
    errors: int = 0
    warnings: int = 0
    exempted: int = 0  # findings ``ignore-CODE`` flags exempt: not reported, still counted


@dataclass(frozen=True)
class LanguageStatus:
    """One language: its documents and their sum."""

    lang: str
    name: str
    direction: str
    documents: tuple[DocumentStatus, ...]

    @property
    def total(self) -> Stats:
        return sum((d.stats for d in self.documents), Stats())

    @property
    def errors(self) -> int:
        return sum(d.errors for d in self.documents)

    @property
    def warnings(self) -> int:
        return sum(d.warnings for d in self.documents)

    @property
    def exempted(self) -> int:
        return sum(d.exempted for d in self.documents)


@dataclass(frozen=True)
class ProjectStatus:
    """Every language, plus the findings about the source documents themselves."""

    source_lang: str
    languages: tuple[LanguageStatus, ...]
    source_errors: int = 0
    source_warnings: int = 0


def language_name(lang: str) -> str:
    """The language's English name from babel (``qps`` is the pseudo-locale)."""
    from babel import Locale, UnknownLocaleError  # only a status names languages

    if lang == "qps":
        return "Pseudo-locale"
    try:
        return Locale.parse(lang).get_display_name("en") or lang
    except (UnknownLocaleError, ValueError):
        return lang


def collect_status(
    config: Config,
    languages: tuple[str, ...] | None = None,
    *,
    with_checks: bool = True,
    state: State | None = None,
    progress: Progress = no_progress,
) -> ProjectStatus:
    """Counts per language and document, with the number of findings for each."""
    from passerelle.project.checking import run_checks

    langs = languages or config.languages
    run = run_checks(config, langs, state, progress) if with_checks else CheckRun()
    findings = run.findings
    counted = Counter((f.lang, f.document, f.severity) for f in findings)
    exempted = Counter((f.lang, f.document) for f in run.exempted)
    rows = document_counts(config, langs, state, progress)
    result = []
    for lang in langs:
        docs = tuple(
            DocumentStatus(
                doc,
                stats,
                counted[(lang, doc, "error")],
                counted[(lang, doc, "warning")],
                exempted[(lang, doc)],
            )
            for row_lang, doc, stats in rows
            if row_lang == lang
        )
        direction = "ltr" if lang == "qps" else text_direction(lang)
        result.append(LanguageStatus(lang, language_name(lang), direction, docs))
    source = [f for f in findings if f.lang is None]
    return ProjectStatus(
        config.source_lang,
        tuple(result),
        sum(1 for f in source if f.severity == "error"),
        sum(1 for f in source if f.severity == "warning"),
    )


def document_counts(
    config: Config,
    languages: tuple[str, ...] | None = None,
    state: State | None = None,
    progress: Progress = no_progress,
) -> list[tuple[str, str, Stats]]:
    """``(lang, document, stats)`` for every catalog, missing ones counted as empty.

    With an incremental ``state``, counts of unchanged catalogs are remembered, not recounted.
    """
    layout = Layout(config)
    rows = []
    langs = languages or config.languages
    documents = layout.documents()
    for index, lang in enumerate(langs):
        progress("count", index * len(documents), len(langs) * len(documents))
        for doc in documents:
            if state is None:
                rows.append((lang, doc.name, _document_stats(layout, doc, lang)))
                continue
            cached = state.recall(stats_key(doc, lang))
            if cached is None:
                key, inputs = stats_memo(layout, doc, lang)
                cached = state.remembered(key, inputs)
            if cached is None:
                stats = _document_stats(layout, doc, lang)
                state.remember(key, state.signature(inputs), list(dataclasses.astuple(stats)))
            else:
                stats = Stats(*cached)
            rows.append((lang, doc.name, stats))
    progress("count", len(langs) * len(documents), len(langs) * len(documents))
    return rows


def stats_key(doc: SourceDocument, lang: str) -> str:
    """Where the state keeps the counts of ``doc``'s catalog in ``lang``."""
    return f"stats:{doc.name}:{lang}"


def stats_memo(layout: Layout, doc: SourceDocument, lang: str) -> tuple[str, list[Path]]:
    """Where the state keeps a catalog's counts, and the files they are counted from."""
    return stats_key(doc, lang), [layout.catalog(doc, lang), layout.template(doc)]


def _document_stats(layout: Layout, doc: SourceDocument, lang: str) -> Stats:
    path = layout.catalog(doc, lang)
    if path.exists():
        return catalog_stats(read_catalog(path))
    template = layout.template(doc)
    if template.exists():
        return template_stats(read_catalog(template))
    return Stats()


def template_stats(pot: Catalog) -> Stats:
    """A missing catalog's counts: its template's units and words, none translated."""
    counted = catalog_stats(pot)
    return Stats(counted.units, counted.words)
