"""Where every language stands, as text, JSON or a web page.

Every renderer reads the same :class:`~passerelle.project.status.ProjectStatus`, so the page a
release manager opens and the JSON a script reads cannot disagree. The HTML page is one file with
inline CSS and no scripts or network assets: it can be mailed, archived as a CI artifact, or
opened from disk.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from passerelle.counts import counted, plural
from passerelle.po.catalog import Stats
from passerelle.project.status import FIELDS, ProjectStatus

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


_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:60rem;
color:#1d2330;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}
.lead{color:#555;margin:0 0 1.5rem}
section{border:1px solid #d8dce3;border-radius:6px;padding:.75rem 1rem;margin:0 0 1rem}
h2{font-size:1.1rem;margin:0 0 .5rem;display:flex;gap:.5rem;align-items:baseline}
h2 .percent{margin-left:auto;font-variant-numeric:tabular-nums}
.bar{display:flex;height:14px;border-radius:7px;overflow:hidden;background:#e9ecf1;margin:0 0 .5rem}
.bar span{display:block;height:100%}
.bar .translated{background:#2e8b57}.bar .fuzzy{background:#e0a526}
.bar .untranslated{background:#c9ced6}
.key span{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin:0 .3em 0 .8em}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:.2rem .5rem;text-align:right;border-bottom:1px solid #eef0f3}
th:first-child,td:first-child{text-align:left}
tr.total td{font-weight:600}
td.bad{color:#b00020;font-weight:600}
"""

_COLUMNS = (
    ("translated", "Translated"),
    ("fuzzy", "Fuzzy"),
    ("untranslated", "Untranslated"),
    ("units", "Units"),
    ("translated_words", "Words translated"),
    ("words", "Words"),
    ("errors", "Errors"),
    ("warnings", "Warnings"),
    ("exempted", "Exempted"),
)


def _cells(row: dict[str, Any]) -> str:
    cells = []
    for field_name, _ in _COLUMNS:
        value = row.get(field_name, 0)  # a status saved before a column existed has none
        bad = ' class="bad"' if field_name == "errors" and value else ""
        cells.append(f'<td data-field="{field_name}"{bad}>{value}</td>')
    return "".join(cells)


def _bar(lang: dict[str, Any]) -> str:
    """Shares of units: translated, fuzzy, untranslated (widths sum to 100%)."""
    units = lang["units"] or 1
    parts = []
    for key in ("translated", "fuzzy", "untranslated"):
        width = 100.0 * lang[key] / units
        parts.append(f'<span class="{key}" style="width:{width:.2f}%" title="{key}"></span>')
    label = (
        f"{lang['percent']}% translated, {lang['fuzzy']} fuzzy, {lang['untranslated']} untranslated"
    )
    return f'<div class="bar" role="img" aria-label="{escape(label)}">{"".join(parts)}</div>'


def _section(lang: dict[str, Any]) -> str:
    head = "".join(f"<th>{title}</th>" for _, title in _COLUMNS)
    rows = [
        f'<tr data-document="{escape(doc["document"])}"><td>{escape(doc["document"])}</td>'
        f"{_cells(doc)}</tr>"
        for doc in lang["documents"]
    ]
    rows.append(f'<tr class="total" data-document=""><td>All documents</td>{_cells(lang)}</tr>')
    code = escape(lang["lang"])
    return (
        f'<section id="lang-{code}" data-lang="{code}">'
        f'<h2><span lang="{code}" dir="{lang["direction"]}">{escape(lang["name"])}</span>'
        f'<code>{code}</code><span class="percent" data-field="percent">{lang["percent"]}%</span>'
        f"</h2>{_bar(lang)}"
        f"<table><thead><tr><th>Document</th>{head}</tr></thead><tbody>{''.join(rows)}"
        "</tbody></table></section>"
    )


def status_page(data: dict[str, Any]) -> str:
    """One self-contained page: inline CSS, no scripts, nothing fetched from the network."""
    source = data["source_findings"]
    key = (
        '<p class="key"><span style="background:#2e8b57"></span>translated'
        '<span style="background:#e0a526"></span>fuzzy (draft, not shipped)'
        '<span style="background:#c9ced6"></span>untranslated</p>'
    )
    lead = (
        f'<p class="lead">Source language <code>{escape(data["source_lang"])}</code>; '
        f"{counted(len(data['languages']), 'language')}. Source documents: "
        f'<span data-field="source-errors">{source["errors"]}</span> '
        f"{plural(source['errors'], 'error')}, "
        f'<span data-field="source-warnings">{source["warnings"]}</span> '
        f"{plural(source['warnings'], 'warning')}.</p>"
    )
    sections = "".join(_section(lang) for lang in data["languages"])
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Passerelle: translation status</title>"
        f"<style>{_CSS}</style></head><body><h1>Translation status</h1>{lead}{key}{sections}"
        "</body></html>\n"
    )
