"""Saving one unit from the review app as safely as the command line saves a catalog.

The save is a change to the catalog as it is on disk now (:func:`passerelle.po.revise
.revise_catalog`: read, change, re-read just before the atomic replace, redo if it moved), made
under the project lock, and written in GNU msgcat's layout, so every other entry keeps its bytes.
The browser says what the unit held when the translator opened it (``base``); if the file now
holds something else for it (another tab, another editor, a ``git pull``), nothing is written and
the translator is shown both versions. An edit elsewhere in the file is no conflict: the unit is
changed in the file as it now is, and the other edit stays. A plural entry is saved the same way,
all its forms at once, each checked as a singular translation is.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from passerelle.po.catalog import Catalog, Entry, now_stamp, plural_count
from passerelle.po.revise import read_snapshot, revise_catalog
from passerelle.project.layout import Layout
from passerelle.serve.plurals import form_texts, singular_form
from passerelle.units import placeholder_problem


@dataclass(frozen=True)
class Edit:
    """One unit's new text and state, and the text and state it was opened with."""

    msgctxt: str | None
    msgid: str
    msgstr: str
    fuzzy: bool
    base_msgstr: str
    base_fuzzy: bool
    forms: tuple[str, ...] | None = None  # every form of a plural entry, in msgstr[] order
    base_forms: tuple[str, ...] | None = None

    @property
    def texts(self) -> tuple[str, ...]:
        return self.forms if self.forms is not None else (self.msgstr,)


class Conflict(Exception):
    """The unit changed on disk since it was opened; ``theirs`` is what the file holds now
    (None when the unit is gone from it)."""

    def __init__(self, theirs: Entry | None) -> None:
        super().__init__("the unit changed on disk since it was opened")
        self.theirs = theirs


class Refused(Exception):
    """A translation that cannot be saved: placeholders dropped, duplicated or invented."""


class Malformed(Exception):
    """A request that does not fit the entry: plural forms for a singular entry, a singular
    text for a plural one, or not as many forms as the language has (HTTP 400)."""


def validate(edit: Edit) -> None:
    """The browser keeps placeholders whole; a request that did not is refused here too."""
    _check_text(edit.msgid, edit.msgstr, "")


def _check_text(source: str, text: str, where: str) -> None:
    if text:
        problem = placeholder_problem(source, text)
        if problem is not None:
            raise Refused(f"placeholders{where} do not match the French: {problem}")
    if "\x00" in text:
        raise Refused(f"a translation{where} cannot hold a NUL character")


def _validate_forms(entry: Entry, edit: Edit, catalog: Catalog, lang: str) -> None:
    """Every form checked as a singular translation is, against the French it translates."""
    if not entry.msgid_plural:
        if edit.forms is not None:
            raise Malformed("this entry has no plural: send msgstr, not forms")
        return
    if edit.forms is None:
        raise Malformed("this entry has plural forms: send forms, not msgstr")
    count = plural_count(catalog, lang)
    if len(edit.forms) != count or (edit.base_forms is not None and len(edit.base_forms) != count):
        raise Malformed(f"this entry has {count} plural forms in {lang or 'its language'}")
    one = singular_form(catalog, lang)
    for k, text in enumerate(edit.forms):
        source = entry.msgid if k == one else entry.msgid_plural
        _check_text(source, text, f" of form {k + 1}")


def save_edit(
    layout: Layout, path: Path, edit: Edit, translator: str, lang: str = ""
) -> tuple[Entry, str]:
    """Write ``edit`` into the catalog at ``path``; the entry as saved and the file's digest.

    Raises :class:`Conflict` when the unit no longer holds what it was opened with,
    :class:`Malformed` when the edit does not fit the entry (``lang`` names the catalog's
    language, for its plural forms when the header has none).
    """
    if edit.forms is None:
        validate(edit)
    saved: list[Entry] = []

    def change(catalog: Catalog | None) -> Catalog | None:
        saved.clear()
        entry = _find(catalog, edit)
        if entry is None or catalog is None:
            raise Conflict(None)
        _validate_forms(entry, edit, catalog, lang)
        base = edit.base_forms if edit.base_forms is not None else (edit.base_msgstr,)
        now = _state(current_texts(entry, catalog, lang), entry.fuzzy)
        saved.append(entry)
        if now == _state(edit.texts, edit.fuzzy):
            return None  # already so (a second click, or the same edit made elsewhere)
        if now != _state(base, edit.base_fuzzy):
            raise Conflict(entry)
        _apply(entry, edit)
        catalog.metadata["PO-Revision-Date"] = now_stamp()
        if translator:
            catalog.metadata["Last-Translator"] = translator
        return catalog

    with layout.lock():
        revise_catalog(path, change)
        digest = read_snapshot(path).digest
    return saved[0], digest


def current_texts(entry: Entry, catalog: Catalog | None, lang: str) -> tuple[str, ...]:
    """What the entry holds: its one text, or every form of its language (absent ones empty)."""
    if not entry.msgid_plural:
        return (entry.msgstr,)
    return form_texts(entry, plural_count(catalog, lang))


def _state(texts: tuple[str, ...], fuzzy: bool) -> tuple[tuple[str, ...], bool]:
    """Texts and flag as a save compares them: a flag on no text at all is no flag."""
    return texts, fuzzy and any(texts)


def _find(catalog: Catalog | None, edit: Edit) -> Entry | None:
    if catalog is None:
        return None
    for entry in catalog:
        if not entry.obsolete and entry.msgid == edit.msgid and entry.msgctxt == edit.msgctxt:
            return entry
    return None


def _apply(entry: Entry, edit: Edit) -> None:
    """The new text; approving drops the fuzzy flag and the previous French with it, as
    ``msgattrib --clear-fuzzy --clear-previous`` would."""
    if edit.forms is not None:
        entry.msgstr_plural = dict(enumerate(edit.forms))
    else:
        entry.msgstr = edit.msgstr
    if edit.fuzzy and any(edit.texts):
        if "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
        return
    entry.flags[:] = [flag for flag in entry.flags if flag != "fuzzy"]
    entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None


def git_translator(root: Path) -> str:
    """``Name <email>`` from git's configuration for the project, "" when git has none."""
    git = shutil.which("git")
    if git is None:
        return ""

    def value(key: str) -> str:
        try:
            done = subprocess.run(
                [git, "config", "--get", key],
                cwd=root,
                capture_output=True,
                text=True,
                check=False,
                timeout=10,
            )
        except (OSError, subprocess.SubprocessError):
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    name, email = value("user.name"), value("user.email")
    if name and email:
        return f"{name} <{email}>"
    return name or (f"<{email}>" if email else "")
