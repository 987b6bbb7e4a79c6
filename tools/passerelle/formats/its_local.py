"""ITS local markup: HTML's ``its-loc-note``, XML's ``its:locNote`` (``locNote`` on ``its:span``).

Local markup gives the same category values as global rules (see
:mod:`passerelle.formats.its_rules`), so a vocabulary merges both with one rule: local wins.
Enumerated values (``yes``, ``nested``, ``alert``) are compared case-insensitively, as the
HTML attributes are read.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from passerelle.annotations import allowed_note, loc_note, storage_note

#: ITS local attribute names, as XML spells them; HTML adds ``its-`` and hyphens.
LOCAL_NAMES = (
    "translate",
    "withinText",
    "locNote",
    "locNoteRef",
    "locNoteType",
    "term",
    "termInfoRef",
    "storageSize",
    "storageEncoding",
    "lineBreakType",
    "allowedCharacters",
    "localeFilterList",
    "localeFilterType",
)
_HUMP = re.compile(r"(?<!^)([A-Z])")


def html_name(name: str) -> str:
    """``locNoteType`` -> ``its-loc-note-type`` (``translate`` is HTML's own attribute)."""
    return name if name == "translate" else "its-" + _HUMP.sub(r"-\1", name).lower()


def local_values(get: Callable[[str], str | None]) -> dict[str, str]:
    """Category values of one element's local markup; ``get`` reads an attribute by ITS name."""
    raw = {name: value for name in LOCAL_NAMES if (value := get(name)) is not None}
    if not raw:
        return {}
    found: dict[str, str] = {}
    for name, category in (("translate", "translate"), ("withinText", "within")):
        if name in raw:
            found[category] = raw[name].strip().lower()
    kind = raw.get("locNoteType", "description")
    if raw.get("locNote", "").strip():
        found["note"] = loc_note(" ".join(raw["locNote"].split()), kind)
    elif raw.get("locNoteRef", "").strip():
        found["note"] = loc_note(raw["locNoteRef"].strip(), kind, ref=True)
    if "term" in raw:
        found["term"] = raw["term"].strip().lower()
        if raw.get("termInfoRef", "").strip():
            found["terminfo"] = raw["termInfoRef"].strip()
    size = raw.get("storageSize", "").strip()
    if size.isdigit():
        encoding = raw.get("storageEncoding", "UTF-8").strip()
        found["storage"] = storage_note(int(size), encoding, raw.get("lineBreakType", "lf"))
    if raw.get("allowedCharacters", "").strip():
        found["allowed"] = allowed_note(raw["allowedCharacters"].strip())
    if "localeFilterList" in raw or "localeFilterType" in raw:
        kind = raw.get("localeFilterType", "include").strip().lower()
        found["locale"] = f"{kind}|{raw.get('localeFilterList', '*')}"
    return found
