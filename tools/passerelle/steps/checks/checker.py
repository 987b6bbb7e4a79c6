"""Running the checks over one catalog or a whole project.

Translation findings point at the entry's ``msgstr`` line, source findings at the line of the
source document (or of the template's ``msgid`` when the source cannot be found), so an editor or
a GitHub annotation lands where the fix is made. Problems in fuzzy entries are reported as
warnings: fuzzy text is a draft that no build ships by default.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from passerelle.config import Config, Thresholds
from passerelle.confine import is_inside
from passerelle.errors import CatalogError
from passerelle.po.catalog import Catalog, Entry, read_catalog
from passerelle.project import documents as project
from passerelle.project.state import State
from passerelle.steps.checks import (
    catalog_level,
    link_targets,
    links,
    numbers,
    placeholders,
    source,
    syntax,
    typography,
    wording,
)
from passerelle.steps.checks.base import (
    ERROR,
    WARNING,
    CatalogCheck,
    CatalogContext,
    EntryCheck,
    Finding,
    Pair,
    SourceCheck,
)

ENTRY_CHECKS: list[EntryCheck] = [
    *placeholders.CHECKS,
    *numbers.CHECKS,
    *links.CHECKS,
    *link_targets.CHECKS,
    *typography.CHECKS,
    *wording.CHECKS,
]
CATALOG_CHECKS: list[CatalogCheck] = [*syntax.CHECKS, *catalog_level.CHECKS]
SOURCE_CHECKS: list[SourceCheck] = [*source.CHECKS]

#: Codes raised by the runner itself rather than by a registered check.
RUNNER_CODES = {
    "po-syntax": (ERROR, "the catalog cannot be parsed"),
    "template-missing": (WARNING, "no template yet (run passerelle extract)"),
    "catalog-missing": (WARNING, "no catalog for a language yet (run passerelle update)"),
}


@dataclass
class CheckRun:
    """Findings, and every file that was checked (JUnit lists passing files too)."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


class _Lines:
    """Where each ``msgid``/``msgstr`` keyword sits in a PO file, to refine entry lines."""

    def __init__(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        self.msgid: list[int] = []
        self.msgstr: list[int] = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.startswith("msgid "):
                self.msgid.append(number)
            elif line.startswith("msgstr"):
                self.msgstr.append(number)

    @staticmethod
    def _after(lines: list[int], start: int) -> int:
        index = bisect.bisect_left(lines, start)
        return lines[index] if index < len(lines) else start

    def msgid_line(self, entry: Entry) -> int:
        return self._after(self.msgid, entry.linenum or 0)

    def msgstr_line(self, entry: Entry) -> int:
        return self._after(self.msgstr, entry.linenum or 0)


def _pairs(entry: Entry) -> list[tuple[str, str]]:
    """(source, translation) for each non-empty translated form of an entry."""
    if entry.msgid_plural:
        forms = sorted(entry.msgstr_plural.items())
        return [
            (entry.msgid if int(i) == 0 else entry.msgid_plural, text) for i, text in forms if text
        ]
    return [(entry.msgid, entry.msgstr)] if entry.msgstr else []


def _entry_findings(
    entry: Entry, lang: str, config: Config | None, where: tuple[str, int, str | None]
) -> list[Finding]:
    path, line, document = where
    source_lang = config.source_lang if config else "fr"
    hosts = config.allowed_hosts if config else ()
    comments = tuple(entry.comment.splitlines())
    pairs = [Pair(src, dst, lang, source_lang, comments, hosts) for src, dst in _pairs(entry)]
    suffix = " (fuzzy entry)" if entry.fuzzy else ""
    found: list[Finding] = []
    for check in ENTRY_CHECKS:
        messages: dict[str, None] = {}
        for pair in pairs:
            messages.update(dict.fromkeys(check.func(pair)))
        severity = WARNING if entry.fuzzy else check.severity
        found.extend(
            Finding(path, line, severity, check.code, msg + suffix, lang, document)
            for msg in messages
        )
    return found


def _syntax_finding(exc: CatalogError, path: str, lang: str | None, doc: str | None) -> Finding:
    return Finding(path, exc.line or 0, ERROR, "po-syntax", exc.message, lang, doc)


def _guess_lang(path: Path, catalog: Catalog) -> str | None:
    header = str(catalog.metadata.get("Language", "")).strip()
    return header or (path.parent.name if path.parent.name else None)


def check_catalog(
    path: Path,
    catalog: Catalog,
    lang: str,
    *,
    template: Catalog | None = None,
    config: Config | None = None,
    display: str | None = None,
    document: str | None = None,
) -> list[Finding]:
    """Every catalog and entry check on one parsed catalog."""
    shown = display or str(path)
    thresholds = config.thresholds_for(lang) if config else Thresholds()
    ctx = CatalogContext(path, catalog, lang, template, thresholds)
    found = [
        Finding(shown, line, check.severity, check.code, message, lang, document)
        for check in CATALOG_CHECKS
        for line, message in check.func(ctx)
    ]
    lines: _Lines | None = None
    for entry in catalog:
        if entry.obsolete or not entry.msgid or not (entry.msgstr or entry.msgstr_plural):
            continue
        here = _entry_findings(entry, lang, config, (shown, 0, document))
        if here:
            lines = lines or _Lines(path)
            line = lines.msgstr_line(entry)
            found.extend(dataclasses.replace(finding, line=line) for finding in here)
    return found


def check_catalog_file(
    path: Path,
    template: Path | None = None,
    lang: str | None = None,
    config: Config | None = None,
) -> list[Finding]:
    """Check one PO file; ``lang`` defaults to its Language header, then its folder's name."""
    shown = project.rel(config, path) if config else str(path)
    try:
        catalog = read_catalog(path)
    except CatalogError as exc:
        return [_syntax_finding(exc, shown, lang, None)]
    pot = None
    if template is not None:
        try:
            pot = read_catalog(template)
        except CatalogError as exc:
            shown_pot = project.rel(config, template) if config else str(template)
            return [_syntax_finding(exc, shown_pot, None, None)]
    lang = lang or _guess_lang(path, catalog)
    if not lang:
        return [Finding(shown, 1, ERROR, "header-language", "no Language header and no folder")]
    return check_catalog(path, catalog, lang, template=pot, config=config, display=shown)


def _locate(
    snippet: str, entry: Entry, cache: dict[Path, list[str]], config: Config
) -> tuple[str, int] | None:
    """The source file and line holding ``snippet``, from the entry's references.

    A reference is read only when it names a file of the project: a template is an input like
    any other, and one reference must not make the checks read a file elsewhere.
    """
    for ref, line_text in entry.occurrences:
        file = config.root / ref
        if ".." in file.parts or not is_inside(config.root, file):
            continue
        if file not in cache:
            file = project.inside(config, file)
            try:
                cache[file] = file.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                cache[file] = []
        lines = cache[file]
        start = int(line_text) if str(line_text).isdigit() else 1
        pattern = re.compile(re.escape(snippet))
        for number in range(max(start, 1), len(lines) + 1):
            if pattern.search(lines[number - 1]):
                return ref, number
        if lines:
            return ref, start
    return None


def check_template_source(
    pot_path: Path, template: Catalog, config: Config, document: str | None = None
) -> list[Finding]:
    """Source checks on a template's msgids, reported at the source document's line."""
    cache: dict[Path, list[str]] = {}
    lines: _Lines | None = None
    found = []
    for entry in template:
        if entry.obsolete or not entry.msgid:
            continue
        for check in SOURCE_CHECKS:
            for snippet, message in check.func(entry.msgid, config.source_lang):
                where = _locate(snippet, entry, cache, config)
                if where is None:
                    lines = lines or _Lines(pot_path)
                    where = (project.rel(config, pot_path), lines.msgid_line(entry))
                path, line = where
                found.append(
                    Finding(path, line, check.severity, check.code, message, None, document)
                )
    return found


def run_project(
    config: Config, languages: tuple[str, ...] | None = None, state: State | None = None
) -> CheckRun:
    """Every check on every document's template and catalogs.

    With an incremental ``state``, a document whose source, template and catalogs are unchanged
    since it was last checked replays its findings instead of being checked again.
    """
    run = CheckRun()
    langs = languages or config.languages
    for doc in project.documents(config):
        if state is None:
            part = check_document(config, doc, langs)
        else:
            key, inputs = check_memo(config, doc, langs)
            cached = state.remembered(key, inputs)
            if cached is not None:
                part = CheckRun([Finding(*row) for row in cached[0]], list(cached[1]))
            else:
                part = check_document(config, doc, langs)
                state.remember(key, state.signature(inputs), findings_memo(part))
        run.findings.extend(part.findings)
        run.files.extend(part.files)
    return run


def check_memo(
    config: Config, doc: project.Document, langs: tuple[str, ...]
) -> tuple[str, list[Path]]:
    """Where the state keeps a document's findings, and the files they come from."""
    inputs = [doc.path, project.template_path(config, doc)]
    inputs += [project.catalog_path(config, doc, lang) for lang in langs]
    return f"check:{doc.name}:{','.join(langs)}", inputs


def findings_memo(run: CheckRun) -> list[Any]:
    """A document's findings as the state keeps them (JSON-able)."""
    return [[list(dataclasses.astuple(f)) for f in run.findings], run.files]


def check_document(
    config: Config,
    doc: project.Document,
    langs: tuple[str, ...],
    pot: Catalog | None = None,
    catalogs: Mapping[str, Catalog | None] | None = None,
) -> CheckRun:
    """Findings for one document's template (and source) and its catalogs in ``langs``.

    ``pot`` and ``catalogs`` (None for a missing one) are the files as just read or written by
    the same job; entries know their lines, so the findings are those a fresh read would give.
    """
    run = CheckRun()
    pot_path = project.template_path(config, doc)
    shown_pot = project.rel(config, pot_path)
    if pot is None:
        if not pot_path.exists():
            run.findings.append(
                Finding(
                    shown_pot,
                    0,
                    WARNING,
                    "template-missing",
                    "no template yet; run passerelle extract",
                    None,
                    doc.name,
                )
            )
            return run
        try:
            pot = read_catalog(pot_path)
        except CatalogError as exc:
            run.findings.append(_syntax_finding(exc, shown_pot, None, doc.name))
            return run
    run.files.append(shown_pot)
    run.findings.extend(check_template_source(pot_path, pot, config, doc.name))
    for lang in langs:
        run.findings.extend(_check_document_lang(config, doc, lang, pot, run, catalogs))
    return run


def _check_document_lang(
    config: Config,
    doc: project.Document,
    lang: str,
    pot: Catalog,
    run: CheckRun,
    catalogs: Mapping[str, Catalog | None] | None = None,
) -> list[Finding]:
    path = project.catalog_path(config, doc, lang)
    shown = project.rel(config, path)
    given = catalogs or {}
    known = lang in given
    if (given[lang] is None) if known else not path.exists():
        return [
            Finding(
                shown,
                0,
                WARNING,
                "catalog-missing",
                "no catalog yet; run passerelle update",
                lang,
                doc.name,
            )
        ]
    run.files.append(shown)
    try:
        catalog = given[lang] if known else read_catalog(path)
    except CatalogError as exc:
        return [_syntax_finding(exc, shown, lang, doc.name)]
    assert catalog is not None
    return check_catalog(
        path, catalog, lang, template=pot, config=config, display=shown, document=doc.name
    )


def check_project(config: Config, languages: tuple[str, ...] | None = None) -> list[Finding]:
    """All findings for the project's (or the given) languages."""
    return run_project(config, languages).findings
