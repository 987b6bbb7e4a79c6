"""Saving drafts into a catalog that may have been edited since it was read.

Drafting a catalog waits on an engine for seconds or minutes, and the translator may save the
same file meanwhile. So drafts are never written as the copy read at the start: each save takes
the file as it now is on disk and fills only the entries that are *still* untranslated there,
with the same msgctxt and msgid. A translation, a review (a cleared fuzzy flag), a comment or an
entry saved in between stays exactly as it was saved.
"""

from __future__ import annotations

from pathlib import Path

from passerelle.po.catalog import Catalog, Entry
from passerelle.po.revise import revise_catalog

COMMENT_PREFIX = "machine draft:"


def is_untranslated(entry: Entry) -> bool:
    """Active, not fuzzy, and with no translation at all: the only entries drafts may fill."""
    if entry.obsolete or not entry.msgid or entry.fuzzy:
        return False
    return not entry.msgstr and not any(entry.msgstr_plural.values())


class DraftSaver:
    """Writes the drafts made so far in ``entries`` (entries of one catalog, untranslated when
    read, filled in memory as answers arrive) into the catalog on disk."""

    def __init__(self, path: Path, entries: list[Entry]) -> None:
        self.path = path
        self.entries = entries
        self._saved: set[int] = set()  # ids of the entries already written (or found taken)

    def save(self) -> bool:
        """Fill the drafts not saved yet; whether the file was written."""
        pending = [e for e in self.entries if _drafted(e) and id(e) not in self._saved]
        if not pending:
            return False
        drafts = {(e.msgctxt, e.msgid): e for e in pending}

        def fill(current: Catalog | None) -> Catalog | None:
            filled = False
            for entry in current if current is not None else ():
                draft = drafts.get((entry.msgctxt, entry.msgid))
                if (
                    draft is not None
                    and is_untranslated(entry)
                    and entry.msgid_plural == draft.msgid_plural
                ):
                    _copy_draft(entry, draft)
                    filled = True
            return current if filled else None

        _, written = revise_catalog(self.path, fill)
        self._saved.update(id(e) for e in pending)
        return written


def _drafted(entry: Entry) -> bool:
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def _copy_draft(entry: Entry, draft: Entry) -> None:
    """The draft's text (every form of a plural), fuzzy flag and signature on the entry as the
    file now has it."""
    if entry.msgid_plural:
        entry.msgstr_plural = dict(draft.msgstr_plural)
    else:
        entry.msgstr = draft.msgstr
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    kept = [line for line in entry.tcomment.splitlines() if not line.startswith(COMMENT_PREFIX)]
    signed = [line for line in draft.tcomment.splitlines() if line.startswith(COMMENT_PREFIX)]
    entry.tcomment = "\n".join(kept + signed)
