"""Running the checks over one catalog, and over one template's source text.

Translation findings point at the entry's ``msgstr`` line, source findings at the line of the
source document (or of the template's ``msgid`` when the source cannot be found), so an editor or
a GitHub annotation lands where the fix is made. Problems in fuzzy entries are reported as
warnings: fuzzy text is a draft that no build ships by default.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from passerelle.check_settings import DEFAULT, CheckSettings
from passerelle.config import Config, Thresholds
from passerelle.errors import CatalogError
from passerelle.po.catalog import Catalog, Entry, read_catalog
from passerelle.po.charset import decode_catalog
from passerelle.steps.checks import (
    catalog_level,
    constraints,
    format_strings,
    ignore_flags,
    link_targets,
    links,
    links_added,
    numbers,
    placeholders,
    punctuation_cjk,
    source,
    syntax,
    terms,
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
from passerelle.steps.checks.tuning import entry_severity, exemptions, settings_of
from passerelle.steps.terminology import project_glossary

ENTRY_CHECKS: list[EntryCheck] = [
    *placeholders.CHECKS,
    *numbers.CHECKS,
    *links.CHECKS,
    *links_added.CHECKS,
    *link_targets.CHECKS,
    *format_strings.CHECKS,
    *typography.CHECKS,
    *punctuation_cjk.CHECKS,
    *wording.CHECKS,
    *constraints.CHECKS,
    *terms.CHECKS,
]
SOURCE_CHECKS: list[SourceCheck] = [*source.CHECKS]

#: Codes raised by the runner itself rather than by a registered check.
RUNNER_CODES = {
    "po-syntax": (ERROR, "the catalog cannot be parsed"),
    "template-missing": (WARNING, "no template yet (run passerelle extract)"),
    "catalog-missing": (WARNING, "no catalog for a language yet (run passerelle update)"),
}

CATALOG_CHECKS: list[CatalogCheck] = [
    *syntax.CHECKS,
    *catalog_level.CHECKS,
    *ignore_flags.unknown_ignore_flags(
        exemptable=frozenset(check.code for check in ENTRY_CHECKS),
        other=frozenset(
            [
                *RUNNER_CODES,
                *(check.code for check in [*syntax.CHECKS, *catalog_level.CHECKS]),
                *(check.code for check in SOURCE_CHECKS),
                ignore_flags.CODE,
            ]
        ),
    ),
]


@dataclass
class CheckRun:
    """Findings, and every file that was checked (JUnit lists passing files too).

    ``exempted`` are the findings entries' ``ignore-CODE`` flags exempt: reported nowhere,
    blocking nothing, counted by ``passerelle status``.
    """

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    exempted: list[Finding] = field(default_factory=list)


def known_codes() -> frozenset[str]:
    """Every code a check or the runner reports: the names settings and flags may use."""
    checks: list[EntryCheck | CatalogCheck | SourceCheck] = [
        *ENTRY_CHECKS,
        *CATALOG_CHECKS,
        *SOURCE_CHECKS,
    ]
    return frozenset(RUNNER_CODES) | {check.code for check in checks}


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Stable reading order: by file, line, then code."""
    return sorted(findings, key=lambda f: (f.path, f.line, f.code, f.message))


def reported_files(findings: Sequence[Finding], files: Sequence[str]) -> list[str]:
    """Every file a report speaks of: those checked, then any other a finding names (a source
    document, a template). JUnit's test cases, JSON's files and the summary line all count
    these, so that no two of them disagree."""
    return list(dict.fromkeys([*files, *(f.path for f in sort_findings(findings))]))


class PoLines:
    """Where each ``msgid``/``msgstr`` keyword sits in a PO file, to refine entry lines."""

    def __init__(self, path: Path) -> None:
        try:
            text = decode_catalog(path.read_bytes(), path)  # in the header's charset
        except (OSError, CatalogError):
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


def _pairs(entry: Entry) -> list[tuple[str, str, bool]]:
    """(source, translation, plural) for each non-empty translated form of an entry."""
    if entry.msgid_plural:
        forms = sorted(entry.msgstr_plural.items())
        return [
            (entry.msgid if int(i) == 0 else entry.msgid_plural, text, True)
            for i, text in forms
            if text
        ]
    return [(entry.msgid, entry.msgstr, False)] if entry.msgstr else []


def _entry_findings(
    entry: Entry, lang: str, config: Config | None, where: tuple[str, int, str | None]
) -> tuple[list[Finding], list[Finding]]:
    """The entry's findings, and those its ``ignore-CODE`` flags exempt (counted, not shown)."""
    path, line, document = where
    source_lang = config.source_lang if config else "fr"
    hosts = config.allowed_hosts if config else ()
    settings = settings_of(config, known_codes())
    comments = tuple(entry.comment.splitlines())
    flags = tuple(entry.flags)
    glossary = project_glossary(config)
    pairs = [
        Pair(src, dst, lang, source_lang, comments, hosts, flags, plural, glossary)
        for src, dst, plural in _pairs(entry)
    ]
    suffix = " (fuzzy entry)" if entry.fuzzy else ""
    exempt = exemptions(flags)
    found: list[Finding] = []
    ignored: list[Finding] = []
    for check in ENTRY_CHECKS:
        if not settings.enabled(check.code):
            continue
        messages: dict[str, None] = {}
        for pair in pairs:
            messages.update(dict.fromkeys(check.func(pair)))
        severity = entry_severity(settings, check.code, check.severity, entry.fuzzy)
        (ignored if check.code in exempt else found).extend(
            Finding(path, line, severity, check.code, msg + suffix, lang, document)
            for msg in messages
        )
    return found, ignored


def check_entry(entry: Entry, lang: str, config: Config | None = None) -> list[Finding]:
    """The findings ``check`` reports for one entry (its path and line left empty): what an
    editor shows while the translator types, by the very checks ``check`` runs."""
    return _entry_findings(entry, lang, config, ("", 0, None))[0]


def syntax_finding(exc: CatalogError, path: str, lang: str | None, doc: str | None) -> Finding:
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
    exempted: list[Finding] | None = None,
) -> list[Finding]:
    """Every catalog and entry check on one parsed catalog, as the settings tune them.

    Findings an entry's ``ignore-CODE`` flag exempts go to ``exempted`` instead, when given.
    """
    shown = display or str(path)
    settings = settings_of(config, known_codes())
    thresholds = config.thresholds_for(lang) if config else Thresholds()
    ctx = CatalogContext(path, catalog, lang, template, thresholds)
    found = [
        Finding(shown, line, severity, check.code, message, lang, document)
        for check in CATALOG_CHECKS
        if settings.enabled(check.code)
        for severity in [settings.severity(check.code, check.severity)]
        for line, message in check.func(ctx)
    ]
    lines: PoLines | None = None
    for entry in catalog:
        if entry.obsolete or not entry.msgid or not (entry.msgstr or entry.msgstr_plural):
            continue
        here, ignored = _entry_findings(entry, lang, config, (shown, 0, document))
        if here or (ignored and exempted is not None):
            lines = lines or PoLines(path)
            line = lines.msgstr_line(entry)
            found.extend(dataclasses.replace(finding, line=line) for finding in here)
            if exempted is not None:
                exempted.extend(dataclasses.replace(finding, line=line) for finding in ignored)
    return found


def check_catalog_file(
    path: Path,
    template: Path | None = None,
    lang: str | None = None,
    config: Config | None = None,
    *,
    shown: Callable[[Path], str] = str,
    exempted: list[Finding] | None = None,
) -> list[Finding]:
    """Check one PO file; ``lang`` defaults to its Language header, then its folder's name.

    ``shown`` names a file in findings (a project shows paths relative to its root).
    """
    try:
        catalog = read_catalog(path)
    except CatalogError as exc:
        return [syntax_finding(exc, shown(path), lang, None)]
    pot = None
    if template is not None:
        try:
            pot = read_catalog(template)
        except CatalogError as exc:
            return [syntax_finding(exc, shown(template), None, None)]
    lang = lang or _guess_lang(path, catalog)
    if not lang:
        return [
            Finding(shown(path), 1, ERROR, "header-language", "no Language header and no folder")
        ]
    return check_catalog(
        path, catalog, lang, template=pot, config=config, display=shown(path), exempted=exempted
    )


def _locate(
    snippet: str,
    entry: Entry,
    cache: dict[Path, list[str]],
    referenced: Callable[[str], Path | None],
) -> tuple[str, int] | None:
    """The source file and line holding ``snippet``, from the entry's references.

    ``referenced`` gives the file a reference names, or None for one that must not be read.
    """
    for ref, line_text in entry.occurrences:
        file = referenced(ref)
        if file is None:
            continue
        if file not in cache:
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
    pot_path: Path,
    template: Catalog,
    source_lang: str,
    *,
    referenced: Callable[[str], Path | None],
    shown_pot: str,
    document: str | None = None,
    settings: CheckSettings = DEFAULT,
) -> list[Finding]:
    """Source checks on a template's msgids, reported at the source document's line (found
    through ``referenced``), else at the template's (shown as ``shown_pot``)."""
    cache: dict[Path, list[str]] = {}
    lines: PoLines | None = None
    found = []
    for entry in template:
        if entry.obsolete or not entry.msgid:
            continue
        for check in SOURCE_CHECKS:
            if not settings.enabled(check.code):
                continue
            severity = settings.severity(check.code, check.severity)
            for snippet, message in check.func(entry.msgid, source_lang):
                where = _locate(snippet, entry, cache, referenced)
                if where is None:
                    lines = lines or PoLines(pot_path)
                    where = (shown_pot, lines.msgid_line(entry))
                path, line = where
                found.append(Finding(path, line, severity, check.code, message, None, document))
    return found
