"""What the review app shows: a project's languages, documents, units and pages, read fresh.

Every answer reads the files as they are now, so what another editor or a ``git pull`` changed
shows on the next request; nothing here writes (see :mod:`passerelle.serve.saving`). A unit is
known to the browser by its index among the catalog's active entries, for the page's marks,
and by its context and text, which is what a save looks it up by.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from passerelle.config import Config
from passerelle.confine import is_inside
from passerelle.errors import PasserelleError
from passerelle.locale import bcp47, text_direction
from passerelle.po.catalog import Catalog, Entry, catalog_stats, translations
from passerelle.po.revise import read_snapshot
from passerelle.project.layout import Layout, SourceDocument
from passerelle.serve.plurals import form_texts, plural_forms
from passerelle.serve.preview import render_preview
from passerelle.steps.checks.checker import check_entry

_WORDS = re.compile(r"\w+|\s+|[^\w\s]")


class NotFound(Exception):
    """A language, document, unit or file the project does not have (HTTP 404)."""


@dataclass(frozen=True)
class Opened:
    """A catalog as read: its active entries (the units, in file order) and its digest."""

    catalog: Catalog | None
    digest: str

    @property
    def entries(self) -> list[Entry]:
        if self.catalog is None:
            return []
        return [e for e in self.catalog if not e.obsolete and e.msgid]


def state_of(entry: Entry) -> str:
    """``translated``, ``fuzzy`` (a suggestion builds leave out) or ``untranslated``."""
    if entry.translated():
        return "translated"
    if entry.fuzzy and (entry.msgstr or any(entry.msgstr_plural.values())):
        return "fuzzy"
    return "untranslated"


def word_diff(old: str, new: str) -> list[list[str]]:
    """``[op, text]`` runs turning ``old`` into ``new`` word by word (``=``, ``-``, ``+``): what
    changed in the French since a fuzzy entry was translated."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    runs: list[list[str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(["=", "".join(a[i1:i2])])
            continue
        if i2 > i1:
            runs.append(["-", "".join(a[i1:i2])])
        if j2 > j1:
            runs.append(["+", "".join(b[j1:j2])])
    return runs


def finding_rows(entry: Entry, lang: str, config: Config) -> list[dict[str, str]]:
    """The ``check`` findings of one entry, as the editor lists them."""
    if not (entry.msgstr or entry.msgstr_plural):
        return []
    return [
        {"severity": f.severity, "code": f.code, "message": f.message}
        for f in check_entry(entry, lang, config)
    ]


class Workspace:
    """One project as the review app serves it."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.layout = Layout(config)
        self.languages = tuple(dict.fromkeys((*config.languages, *config.draft_languages)))

    def language(self, lang: str) -> str:
        if lang not in self.languages:
            raise NotFound(f"no language {lang!r} in this project")
        return lang

    def document(self, name: str) -> SourceDocument:
        for doc in self.layout.documents():
            if doc.name == name:
                return doc
        raise NotFound(f"no document {name!r} in this project")

    def catalog_path(self, doc: SourceDocument, lang: str) -> Path:
        return self.layout.catalog(doc, self.language(lang))

    def open(self, doc: SourceDocument, lang: str) -> Opened:
        snapshot = read_snapshot(self.catalog_path(doc, lang))
        return Opened(snapshot.catalog, snapshot.digest)

    def summary(self) -> dict[str, Any]:
        """What the page needs first: the languages (with direction) and the source's."""
        return {
            "source": {"code": self.config.source_lang, "tag": bcp47(self.config.source_lang)},
            "languages": [
                {"code": lang, "tag": bcp47(lang), "dir": text_direction(lang)}
                for lang in self.languages
            ],
        }

    def documents(self, lang: str) -> list[dict[str, Any]]:
        """Every document with its progress in ``lang`` and how many entries have findings."""
        rows: list[dict[str, Any]] = []
        for doc in self.layout.documents():
            try:
                opened = self.open(doc, lang)
            except PasserelleError as exc:
                rows.append({"name": doc.name, "error": str(exc)})
                continue
            stats = catalog_stats(opened.catalog) if opened.catalog is not None else None
            flagged = sum(1 for e in opened.entries if finding_rows(e, lang, self.config))
            rows.append(
                {
                    "name": doc.name,
                    "units": stats.units if stats else 0,
                    "translated": stats.translated if stats else 0,
                    "fuzzy": stats.fuzzy if stats else 0,
                    "untranslated": stats.untranslated if stats else 0,
                    "findings": flagged,
                    "percent": stats.shown_percent if stats else 0.0,
                }
            )
        return rows

    def units(self, doc: SourceDocument, lang: str) -> dict[str, Any]:
        """Every unit of one catalog, with its state, comment, previous French and findings."""
        opened = self.open(doc, lang)
        forms = [form.row() for form in plural_forms(opened.catalog, lang)]
        return {
            "document": doc.name,
            "lang": lang,
            "digest": opened.digest,
            "units": [
                unit_row(i, e, lang, self.config, forms if e.msgid_plural else None)
                for i, e in enumerate(opened.entries)
            ],
        }

    def plural_rows(self, doc: SourceDocument, lang: str) -> list[dict[str, object]]:
        """The plural forms of ``lang`` in the catalog as it is now, as the editor labels them."""
        return [form.row() for form in plural_forms(self.open(doc, lang).catalog, lang)]

    def preview(self, doc: SourceDocument, lang: str, *, french: bool = False) -> str:
        """The page as a build would ship it in ``lang`` (drafts included for draft-only
        languages, as their builds include them), or, ``french``, the source page; either way
        marked with the units of ``lang``'s catalog, the one the editor saves to."""
        opened = self.open(doc, lang)
        ids = {(e.msgctxt, e.msgid): i for i, e in enumerate(opened.entries)}
        if french or opened.catalog is None:
            lookup: dict[tuple[str | None, str], str] = {}
        else:
            fuzzy = lang not in self.config.languages
            lookup = translations(opened.catalog, include_fuzzy=fuzzy)
        shown = self.config.source_lang if french else lang
        return render_preview(self.layout, doc, shown, lookup, ids)

    def search(self, lang: str, query: str, limit: int = 200) -> list[dict[str, Any]]:
        """Units of ``lang`` whose French or translation holds ``query`` (case ignored)."""
        needle = query.casefold()
        found: list[dict[str, Any]] = []
        if not needle:
            return found
        for doc in self.layout.documents():
            for index, entry in enumerate(self.open(doc, lang).entries):
                if needle in entry.msgid.casefold() or needle in entry.msgstr.casefold():
                    found.append(
                        {
                            "document": doc.name,
                            "id": index,
                            "msgid": entry.msgid,
                            "msgstr": entry.msgstr,
                            "state": state_of(entry),
                        }
                    )
                    if len(found) >= limit:
                        return found
        return found

    def source_file(self, rel: str) -> Path:
        """A file of the source folder a page refers to (a figure); never one outside it."""
        top = self.config.source_dir
        if "\\" in rel or "\x00" in rel or any(p in ("..", "") for p in rel.split("/")):
            raise NotFound(rel)
        path = top / rel
        try:
            path = self.layout.inside(path)
        except PasserelleError:
            raise NotFound(rel) from None
        real = path.resolve()
        if not is_inside(top.resolve(), real) or not real.is_file():
            raise NotFound(rel)
        return real


def unit_row(
    index: int,
    entry: Entry,
    lang: str,
    config: Config,
    forms: list[dict[str, object]] | None = None,
) -> dict[str, Any]:
    """One unit as the editor shows it; a plural entry with ``forms``, its language's plural
    forms (their labels and counts), and its text of each."""
    previous = entry.previous_msgid if entry.fuzzy else None
    plural: dict[str, Any] = {}
    if entry.msgid_plural:
        plural = {
            "msgid_plural": entry.msgid_plural,
            "plural_forms": forms or [],
            "forms": list(form_texts(entry, len(forms or []) or len(entry.msgstr_plural))),
        }
    return {
        "id": index,
        "msgctxt": entry.msgctxt,
        "msgid": entry.msgid,
        "msgstr": entry.msgstr,
        "plural": bool(entry.msgid_plural),
        **plural,
        "fuzzy": entry.fuzzy,
        "state": state_of(entry),
        "comment": entry.comment,
        "previous": word_diff(previous, entry.msgid) if previous is not None else None,
        "references": [f"{path}:{line}" if line else path for path, line in entry.occurrences],
        "findings": finding_rows(entry, lang, config),
    }
