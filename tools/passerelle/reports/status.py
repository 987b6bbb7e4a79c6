"""Where every language stands, as text, JSON or a web page.

Every renderer reads the same :class:`~passerelle.project.status.ProjectStatus`, so the page a
release manager opens and the JSON a script reads cannot disagree. The HTML page
(:mod:`passerelle.reports.status_page`) is one file with nothing fetched from the network: it can
be mailed, archived as a CI artifact, or opened from disk.
"""

from __future__ import annotations

import json
from typing import Any

from passerelle.counts import counted
from passerelle.po.catalog import Stats
from passerelle.project.status import FIELDS, ProjectStatus
from passerelle.reports.status_page import status_page

STATUS_FORMATS = ("text", "json", "html")


def _percent(stats: Stats) -> float:
    return stats.shown_percent


def _numbers(stats: Stats, errors: int, warnings: int, exempted: int) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(stats, name) for name in FIELDS}
    data["percent"] = _percent(stats)
    data["errors"] = errors
    data["warnings"] = warnings
    data["exempted"] = exempted
    return data


def status_data(status: ProjectStatus) -> dict[str, Any]:
    """The status as plain data: what ``--format json`` prints and the page shows."""
    return {
        "version": 1,
        "source_lang": status.source_lang,
        "source_findings": {"errors": status.source_errors, "warnings": status.source_warnings},
        "languages": [
            {
                "lang": lang.lang,
                "name": lang.name,
                "direction": lang.direction,
                **_numbers(lang.total, lang.errors, lang.warnings, lang.exempted),
                "documents": [
                    {
                        "document": d.document,
                        **_numbers(d.stats, d.errors, d.warnings, d.exempted),
                    }
                    for d in lang.documents
                ],
            }
            for lang in status.languages
        ],
    }


def status_json(status: ProjectStatus) -> str:
    return json.dumps(status_data(status), ensure_ascii=False, indent=2) + "\n"


def status_text(status: ProjectStatus, *, totals_only: bool = False) -> str:
    """A fixed-width table, one row per language and document, a total per language.

    ``totals_only`` keeps the total rows: the view of a project with thousands of documents.
    """
    head = (
        f"{'lang':7} {'document':28} {'units':^11} {'words':^13} {'fuzzy':>5} {'untr.':>5}"
        f" {'err.':>4} {'warn.':>5}"
    )
    lines = [head]
    for lang in status.languages:
        rows = [(d.document, d.stats, d.errors, d.warnings) for d in lang.documents]
        if totals_only:
            rows = []
        if len(rows) != 1:
            rows.append(("(all documents)", lang.total, lang.errors, lang.warnings))
        for name, s, errors, warnings in rows:
            lines.append(
                f"{lang.lang:7} {name:28} {s.translated:>5}/{s.units:<5}"
                f" {s.translated_words:>6}/{s.words:<6} {s.fuzzy:>5} {s.untranslated:>5}"
                f" {errors:>4} {warnings:>5}"
            )
    exempted = [f"{lang.lang} {lang.exempted}" for lang in status.languages if lang.exempted]
    if exempted:
        lines.append("exempted findings (#, ignore-CODE flags): " + ", ".join(exempted))
    if status.source_errors or status.source_warnings:
        lines.append(
            f"source: {counted(status.source_errors, 'error')}, "
            f"{counted(status.source_warnings, 'warning')}"
            " in the source documents (passerelle check shows them)"
        )
    return "\n".join(lines) + "\n"


def render_status(status: ProjectStatus, fmt: str, *, totals_only: bool = False) -> str:
    """The status in one of :data:`STATUS_FORMATS` (``totals_only`` applies to text)."""
    if fmt == "json":
        return status_json(status)
    if fmt == "html":
        return status_page(status_data(status))
    return status_text(status, totals_only=totals_only)
