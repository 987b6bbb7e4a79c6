"""Catalog update: a template and an old catalog in, a catalog that lost nothing out.

(Interim version: exact matches kept, changed sources get a fuzzy suggestion, removed units become
obsolete.)
"""

from __future__ import annotations

import polib
from rapidfuzz import fuzz, process

from passerelle.catalog import Catalog, new_catalog


def update_catalog(old: Catalog | None, template: Catalog, lang: str) -> Catalog:
    """Return ``old`` brought up to ``template``."""
    po = new_catalog(template, lang)
    if old is not None:
        po.metadata.update({k: v for k, v in old.metadata.items() if k != "POT-Creation-Date"})
        po.metadata["POT-Creation-Date"] = template.metadata.get("POT-Creation-Date", "")
    previous = {(e.msgctxt, e.msgid): e for e in (old or []) if not e.obsolete}
    used: set[tuple[str | None, str]] = set()
    choices = {k: e.msgid for k, e in previous.items() if e.msgstr}
    for tentry in template:
        entry = polib.POEntry(
            msgid=tentry.msgid,
            msgctxt=tentry.msgctxt,
            comment=tentry.comment,
            occurrences=list(tentry.occurrences),
            flags=[f for f in tentry.flags if f != "fuzzy"],
        )
        found = previous.get((tentry.msgctxt, tentry.msgid))
        if found is not None:
            entry.msgstr = found.msgstr
            entry.tcomment = found.tcomment
            entry.flags = list(found.flags)
            used.add((found.msgctxt, found.msgid))
        elif choices:
            best = process.extractOne(tentry.msgid, choices, scorer=fuzz.ratio, score_cutoff=70)
            if best is not None:
                match = previous[best[2]]
                entry.msgstr = match.msgstr
                entry.flags = [*entry.flags, "fuzzy"]
                entry.previous_msgid = match.msgid
        po.append(entry)
    for key, gone in previous.items():
        if key not in used and gone.msgstr:
            gone.obsolete = True
            po.append(gone)
    for gone in (old.obsolete_entries() if old is not None else []):
        po.append(gone)
    return po
