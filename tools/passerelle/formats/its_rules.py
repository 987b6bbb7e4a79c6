"""What one ITS global rule says about a node it selects, as category values.

Each supported rule gives one or more ``(category, value)`` pairs, the same strings local markup
gives (:mod:`passerelle.formats.its_local`): ``translate`` yes/no, ``within`` yes/no/nested,
``preserve`` preserve/default, ``note`` the note as the translator reads it, ``lang`` a language
(and ``langattr`` the attribute holding it, when the pointer is one), ``id`` a stable identifier,
``storage`` and ``allowed`` the constraint notes, ``term`` yes/no with ``terminfo``, ``locale``
the filter as ``include|ranges`` or ``exclude|ranges``. Pointers are XPath expressions evaluated
at the selected node (``evaluate``), so ``langPointer="../lang"`` reads the sibling's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from passerelle.annotations import allowed_note, loc_note, storage_note

Evaluate = Callable[[str], str]
Values = list[tuple[str, str]]

UNSUPPORTED_RULES = frozenset(
    "dirRule domainRule textAnalysisRule externalResourceRefRule targetPointerRule provRule "
    "locQualityIssueRule mtConfidenceRule".split()
)
_ATTRIBUTE_RE = re.compile(r"^\s*@([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*$")


def _clean(text: str) -> str:
    return " ".join(text.split())


def _translate(rule: Any, evaluate: Evaluate) -> Values:
    return [("translate", (rule.get("translate") or "").strip().lower())]


def _within(rule: Any, evaluate: Evaluate) -> Values:
    return [("within", (rule.get("withinText") or "no").strip().lower())]


def _preserve(rule: Any, evaluate: Evaluate) -> Values:
    return [("preserve", (rule.get("space") or "default").strip().lower())]


def _note(rule: Any, evaluate: Evaluate) -> Values:
    kind = rule.get("locNoteType") or "description"
    child = rule.find("{http://www.w3.org/2005/11/its}locNote")
    if child is not None:
        text = _clean("".join(child.itertext()))
    elif rule.get("locNotePointer"):
        text = _clean(evaluate(rule.get("locNotePointer")))
    elif rule.get("locNoteRef"):
        return [("note", loc_note(rule.get("locNoteRef").strip(), kind, ref=True))]
    elif rule.get("locNoteRefPointer"):
        ref = _clean(evaluate(rule.get("locNoteRefPointer")))
        return [("note", loc_note(ref, kind, ref=True))] if ref else []
    else:
        return []
    return [("note", loc_note(text, kind))] if text else []


def _lang(rule: Any, evaluate: Evaluate) -> Values:
    pointer = rule.get("langPointer") or ""
    value = evaluate(pointer).strip() if pointer.strip() else ""
    found: Values = [("lang", value)] if value else []  # nothing there: inherited
    attribute = _ATTRIBUTE_RE.match(pointer)
    if attribute:
        found.append(("langattr", attribute.group(1)))
    return found


def _id(rule: Any, evaluate: Evaluate) -> Values:
    value = _clean(evaluate(rule.get("idValue") or ""))
    return [("id", value)] if value else []


def _storage(rule: Any, evaluate: Evaluate) -> Values:
    size = rule.get("storageSize") or evaluate(rule.get("storageSizePointer") or "''")
    encoding = rule.get("storageEncoding") or (
        evaluate(rule.get("storageEncodingPointer"))
        if rule.get("storageEncodingPointer")
        else "UTF-8"
    )
    line_break = rule.get("lineBreakType") or "lf"
    size = size.strip()
    if not size.isdigit():
        return []
    return [("storage", storage_note(int(size), encoding.strip(), line_break.strip()))]


def _allowed(rule: Any, evaluate: Evaluate) -> Values:
    pattern = rule.get("allowedCharacters")
    if pattern is None and rule.get("allowedCharactersPointer"):
        pattern = evaluate(rule.get("allowedCharactersPointer"))
    return [("allowed", allowed_note(pattern.strip()))] if pattern and pattern.strip() else []


def _term(rule: Any, evaluate: Evaluate) -> Values:
    found: Values = [("term", (rule.get("term") or "no").strip().lower())]
    if rule.get("termInfoRef"):
        found.append(("terminfo", rule.get("termInfoRef").strip()))
    for pointer in ("termInfoPointer", "termInfoRefPointer"):
        if rule.get(pointer):
            info = _clean(evaluate(rule.get(pointer)))
            if info:
                found.append(("terminfo", info))
    return found


def _locale(rule: Any, evaluate: Evaluate) -> Values:
    kind = (rule.get("localeFilterType") or "include").strip().lower()
    ranges = rule.get("localeFilterList")
    if ranges is None:
        ranges = "*"
    return [("locale", f"{kind}|{ranges}")]


RULE_CATEGORIES: dict[str, Callable[[Any, Evaluate], Values]] = {
    "translateRule": _translate,
    "withinTextRule": _within,
    "preserveSpaceRule": _preserve,
    "locNoteRule": _note,
    "langRule": _lang,
    "idValueRule": _id,
    "storageSizeRule": _storage,
    "allowedCharactersRule": _allowed,
    "termRule": _term,
    "localeFilterRule": _locale,
}


def rule_value(local: str, rule: Any, evaluate: Evaluate) -> Values:
    """The ``(category, value)`` pairs rule ``its:<local>`` gives the node ``evaluate`` reads."""
    return RULE_CATEGORIES[local](rule, evaluate)
