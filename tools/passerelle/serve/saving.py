"""Saving one unit from the review app as safely as the command line saves a catalog.

The save is a change to the catalog as it is on disk now (:func:`passerelle.po.revise
.revise_catalog`: read, change, re-read just before the atomic replace, redo if it moved), made
under the project lock, and written in GNU msgcat's layout, so every other entry keeps its bytes.
The browser says what the unit held when the translator opened it (``base``); if the file now
holds something else for it (another tab, another editor, a ``git pull``), nothing is written and
the translator is shown both versions. An edit elsewhere in the file is no conflict: the unit is
changed in the file as it now is, and the other edit stays.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from passerelle.po.catalog import Catalog, Entry, now_stamp
from passerelle.po.revise import read_snapshot, revise_catalog
from passerelle.project.layout import Layout
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


class Conflict(Exception):
    """The unit changed on disk since it was opened; ``theirs`` is what the file holds now
    (None when the unit is gone from it)."""

    def __init__(self, theirs: Entry | None) -> None:
        super().__init__("the unit changed on disk since it was opened")
        self.theirs = theirs


class Refused(Exception):
    """A translation that cannot be saved: placeholders dropped, duplicated or invented."""


def validate(edit: Edit) -> None:
    """The browser keeps placeholders whole; a request that did not is refused here too."""
    if edit.msgstr:
        problem = placeholder_problem(edit.msgid, edit.msgstr)
        if problem is not None:
            raise Refused(f"placeholders do not match the French: {problem}")
    if "\x00" in edit.msgstr:
        raise Refused("a translation cannot hold a NUL character")


def save_edit(layout: Layout, path: Path, edit: Edit, translator: str) -> tuple[Entry, str]:
    """Write ``edit`` into the catalog at ``path``; the entry as saved and the file's digest.

    Raises :class:`Conflict` when the unit no longer holds what it was opened with.
    """
    validate(edit)
    saved: list[Entry] = []

    def change(catalog: Catalog | None) -> Catalog | None:
        saved.clear()
        entry = _find(catalog, edit)
        if entry is None or catalog is None:
            raise Conflict(None)
        now = (entry.msgstr, entry.fuzzy and bool(entry.msgstr))
        wanted = (edit.msgstr, edit.fuzzy and bool(edit.msgstr))
        saved.append(entry)
        if now == wanted:
            return None  # already so (a second click, or the same edit made elsewhere)
        if now != (edit.base_msgstr, edit.base_fuzzy and bool(edit.base_msgstr)):
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
    entry.msgstr = edit.msgstr
    if edit.fuzzy and edit.msgstr:
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
