"""A document's untranslated units with their context, in batches that fit a model's budget.

A language model drafts better with the document around a sentence: the French text just
before and after it, the translations already approved in the same catalog (so a term is
rendered as the reviewer rendered it), the glossary terms the sentence holds, the comments the
extraction left (what the unit is: a link's title, an image's text) and the language's style
note. Units are taken in document order (a catalog lists its entries as the document has them)
and cut into batches whose estimated tokens, answer included, fit the model's budget.

Each unit's cache key covers its own text and its own context (neighbours, note, terms, the
approved translations and the style), never the batch it travelled in: a unit sent again in
another batch, after others were drafted or rejected, is found in the cache all the same.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from passerelle.po.catalog import Catalog, Entry, plural_count
from passerelle.po.plurals import form_of_counts
from passerelle.steps.drafts.base import ContextEngine, Glossary, UnitRequest
from passerelle.steps.drafts.protect import Protected, protect, split_whitespace
from passerelle.steps.drafts.saving import is_untranslated

#: Changes whenever the instructions or the payload's shape change: part of every cache key.
PROMPT_VERSION = "units-json-1"
NEIGHBOURS = 2  # source texts kept on each side of a batch
_UNIT_OVERHEAD = 12  # tokens of JSON around one unit, asked and answered


def estimate_tokens(text: str) -> int:
    """A cautious token count: one per three UTF-8 bytes (French runs near four characters a
    token, CJK near one character, three bytes), so a batch planned with it fits."""
    return len(text.encode("utf-8")) // 3 + 1


@dataclass(frozen=True)
class DraftUnit:
    """One text to draft: an entry's msgid, or one plural form of a plural entry."""

    id: str
    entry: Entry
    form: int | None  # plural form index; None for a singular entry
    source: str  # what this form translates (the check compares it with the same text)
    protected: Protected
    note: str
    before: tuple[str, ...]
    after: tuple[str, ...]


def _plural_notes(catalog: Catalog, target: str) -> list[str]:
    """For each plural form of ``target``, which counts it is for (from Plural-Forms)."""
    count = plural_count(catalog, target)
    if count == 1:
        return ["the language's only plural form, for every count"]
    picked = form_of_counts(catalog.metadata.get("Plural-Forms", ""))
    samples: dict[int, list[int]] = {0: [1], **{k: [] for k in range(1, count)}}
    if picked is not None:
        samples = {k: [n for n in range(200) if picked[n] == k][:4] for k in range(count)}
    return [
        f"plural form {k} of {count}"
        + (": for counts such as " + ", ".join(map(str, found)) if found else "")
        for k, found in samples.items()
    ]


def document_units(
    catalog: Catalog, target: str, wire: str, max_chars: int
) -> tuple[list[DraftUnit], int]:
    """The untranslated units of ``catalog`` in document order, and how many were too long."""
    active = [e for e in catalog if e.msgid and not e.obsolete]
    sources = [e.msgid for e in active]
    forms: list[str] | None = None
    units: list[DraftUnit] = []
    too_long = 0
    for index, entry in enumerate(active):
        if not is_untranslated(entry) or not split_whitespace(entry.msgid)[1]:
            continue
        before = tuple(sources[max(0, index - NEIGHBOURS) : index])
        after = tuple(sources[index + 1 : index + 1 + NEIGHBOURS])
        comment = " ".join(entry.comment.split())
        made: list[DraftUnit] = []
        if entry.msgid_plural:
            forms = forms if forms is not None else _plural_notes(catalog, target)
            for k, note in enumerate(forms):
                source = entry.msgid if k == 0 else entry.msgid_plural
                text = split_whitespace(source)[1]
                notes = "; ".join(n for n in (comment, note) if n)
                made.append(
                    DraftUnit(
                        f"{index}.{k}", entry, k, source, protect(text, wire), notes, before, after
                    )
                )
        else:
            text = split_whitespace(entry.msgid)[1]
            made.append(
                DraftUnit(
                    str(index),
                    entry,
                    None,
                    entry.msgid,
                    protect(text, wire),
                    comment,
                    before,
                    after,
                )
            )
        if any(len(unit.protected.text) > max_chars for unit in made):
            too_long += 1
            continue
        units.extend(made)
    return units, too_long


def approved_pairs(catalog: Catalog, budget: int) -> list[dict[str, str]]:
    """Translations a person approved in this catalog, in document order, within ``budget``
    tokens: the draft should say things as they are already said."""
    pairs: list[dict[str, str]] = []
    spent = 0
    for entry in catalog:
        if entry.obsolete or not entry.msgid or not entry.translated() or entry.msgid_plural:
            continue
        cost = estimate_tokens(entry.msgid) + estimate_tokens(entry.msgstr) + 6
        if spent + cost > budget:
            break
        spent += cost
        pairs.append({"source": entry.msgid, "translation": entry.msgstr})
    return pairs


@dataclass(frozen=True)
class DocumentContext:
    """What every request of one document shares."""

    source: str
    target: str
    approved: list[dict[str, str]]
    style: str
    glossary: Glossary

    def digest(self) -> str:
        data = json.dumps([self.approved, self.style], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()


def unit_terms(unit: DraftUnit, doc: DocumentContext) -> list[dict[str, str]]:
    return doc.glossary(doc.target, [unit.source])


def unit_context_key(unit: DraftUnit, doc: DocumentContext, shared: str) -> str:
    """The unit's text and its own context, as one string for the cache key."""
    data = [unit.protected.text, unit.note, unit.before, unit.after, unit_terms(unit, doc), shared]
    return json.dumps(data, ensure_ascii=False)


def make_request(units: list[DraftUnit], doc: DocumentContext, max_output: int) -> UnitRequest:
    """The request for ``units`` (consecutive in the document)."""
    terms: dict[str, dict[str, str]] = {}
    for unit in units:
        for term in unit_terms(unit, doc):
            terms.setdefault(json.dumps(term, sort_keys=True), term)
    payload: dict[str, Any] = {
        "context": {
            "before": list(units[0].before),
            "after": list(units[-1].after),
            "approved": doc.approved,
            "style": doc.style,
        },
        "glossary": list(terms.values()),
        "notes": [{"id": u.id, "text": u.note} for u in units if u.note],
        "units": [{"id": u.id, "text": u.protected.text} for u in units],
    }
    ids = tuple(u.id for u in units)
    return UnitRequest(doc.source, doc.target, payload, ids, max_output)


def _answer_tokens(unit: DraftUnit) -> int:
    """Room for a unit's answer: twice its source (German runs long, CJK costs more tokens)."""
    return 2 * estimate_tokens(unit.protected.text) + _UNIT_OVERHEAD


def _ask_tokens(unit: DraftUnit) -> int:
    return estimate_tokens(unit.protected.text) + estimate_tokens(unit.note) + _UNIT_OVERHEAD


def plan_batches(
    units: list[DraftUnit], doc: DocumentContext, engine: ContextEngine, batch_size: int
) -> tuple[list[UnitRequest], list[DraftUnit]]:
    """Consecutive units in requests that fit the engine's budget; the units that fit in
    none (their request alone would be over it). A plural entry's forms stay together."""
    fixed = estimate_tokens(system_prompt_sample(doc)) + estimate_tokens(
        json.dumps([doc.approved, doc.style], ensure_ascii=False)
    )
    groups: list[list[DraftUnit]] = []
    for unit in units:
        if groups and unit.form not in (None, 0):
            groups[-1].append(unit)
        else:
            groups.append([unit])
    requests: list[UnitRequest] = []
    oversized: list[DraftUnit] = []
    current: list[DraftUnit] = []
    asked = answered = 0

    def close() -> None:
        if current:
            room = min(engine.max_output_tokens, max(256, 2 * answered))
            requests.append(make_request(list(current), doc, room))

    for group in groups:
        ask = sum(map(_ask_tokens, group)) + sum(estimate_tokens(t) for t in group[0].before)
        answer = sum(map(_answer_tokens, group))
        if fixed + ask + answer > engine.context_tokens or answer > engine.max_output_tokens:
            oversized.extend(group)
            continue
        full = (
            fixed + asked + ask + answered + answer > engine.context_tokens
            or answered + answer > engine.max_output_tokens
            or len(current) + len(group) > batch_size
        )
        if full:
            close()
            current, asked, answered = [], 0, 0
        current.extend(group)
        asked += ask
        answered += answer
    close()
    return requests, oversized


def system_prompt_sample(doc: DocumentContext) -> str:
    from passerelle.steps.drafts.prompt import system_prompt

    return system_prompt(doc.source, doc.target)
