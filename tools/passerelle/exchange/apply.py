"""What a CAT tool changed, applied to a catalog entry by entry.

Only a unit's translation and state come back: the French, the comments and the references
stay the catalog's. A unit is applied against the entry its id names, its codes turned back
into the placeholders of that entry's own msgid. A unit is left out, and said so, when its
codes were lost, duplicated or invented (the document could not be rebuilt), or when its
entry is gone (its French changed since the export). An id no export could have made is the
file's error, not the unit's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from passerelle.exchange.model import (
    FUZZY,
    UNTRANSLATED,
    ImportedUnit,
    rebuild,
    unit_id,
)
from passerelle.po.model import Catalog, Entry


@dataclass(frozen=True)
class Notice:
    """A unit that was not applied, where it is, and why."""

    line: int
    unit: str
    message: str


@dataclass
class UnitsOutcome:
    """What applying a file's units did to a catalog."""

    applied: int = 0
    rejected: list[Notice] = field(default_factory=list)
    stale: list[Notice] = field(default_factory=list)


def catalog_index(catalog: Catalog) -> dict[str, tuple[Entry, int | None]]:
    """Unit id -> (active entry, plural form or None)."""
    index: dict[str, tuple[Entry, int | None]] = {}
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        if entry.msgid_plural:
            for form in entry.msgstr_plural:
                index[unit_id(entry.msgctxt, entry.msgid, form)] = (entry, form)
        else:
            index[unit_id(entry.msgctxt, entry.msgid)] = (entry, None)
    return index


def made_by_export(unit: ImportedUnit) -> bool:
    """Whether an export of the unit's own French could have given it its id (so an entry no
    longer holding that French means the French changed, not that the id was made up)."""
    base, dot, form = unit.id.partition(".p")
    if dot:
        return form.isdigit() and form != "0" or unit_id(unit.context, unit.source_text) == base
    return unit_id(unit.context, unit.source_text) == unit.id


def apply_units(catalog: Catalog, units: tuple[ImportedUnit, ...]) -> UnitsOutcome:
    """Apply ``units`` to ``catalog`` in place (see the module's docstring)."""
    index = catalog_index(catalog)
    outcome = UnitsOutcome()
    for unit in units:
        found = index.get(unit.id)
        if found is None:
            outcome.stale.append(
                Notice(unit.line, unit.id, "its French changed since the export; not applied")
            )
            continue
        entry, form = found
        source = entry.msgid if not form else entry.msgid_plural
        current = entry.msgstr if form is None else entry.msgstr_plural.get(form, "")
        if unit.target is None:
            continue
        text, problem = rebuild(source, unit.target)
        fuzzy = unit.state == FUZZY
        if unit.state == UNTRANSLATED:
            if not text or text == source or text == current:
                continue  # a copy of the French, or what the catalog already holds
            fuzzy = True  # a translation left in the initial state is a draft
        if not text:
            continue  # an emptied target never erases a translation
        if text == current and fuzzy == entry.fuzzy:
            continue
        if problem and text != current:
            outcome.rejected.append(Notice(unit.line, unit.id, problem))
            continue
        _set(entry, form, text, fuzzy)
        outcome.applied += 1
    return outcome


def _set(entry: Entry, form: int | None, text: str, fuzzy: bool) -> None:
    if form is None:
        entry.msgstr = text
    else:
        entry.msgstr_plural[form] = text
    if fuzzy and not entry.fuzzy:
        entry.flags.insert(0, "fuzzy")
    elif not fuzzy and entry.fuzzy:
        entry.flags.remove("fuzzy")
        entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
