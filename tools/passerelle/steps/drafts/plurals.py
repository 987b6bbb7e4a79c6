"""Plural entries drafted by the offline engines: every form, each checked against its source.

A plural entry is drafted only when the engine offers every form the target language has (its
``Plural-Forms``), and only when each form passes the checks a singular draft passes, against the
text the ``check`` step compares it with: the msgid for form 0, the msgid_plural for the others.
``pseudo`` pseudo-localises each form's source; ``tm`` lends the forms of a translated plural
entry with the same msgid and msgid_plural. Engines that translate one text at a time cannot
know which form is which, and leave plural entries alone.
"""

from __future__ import annotations

from collections.abc import Callable

from passerelle.po.catalog import Catalog, Entry
from passerelle.steps.drafts.base import Draft
from passerelle.steps.drafts.protect import protect
from passerelle.steps.drafts.verify import verify

#: An engine's plural drafts: (entry, number of forms) -> one draft per form, or None.
PluralForms = Callable[[Entry, int], list[Draft] | None]


def form_source(entry: Entry, form: int) -> str:
    """The source a plural form translates, as the checks compare them."""
    return entry.msgid if form == 0 else entry.msgid_plural


def draft_plural(
    entry: Entry,
    drafts: list[Draft] | None,
    count: int,
    source_lang: str,
    target: str,
) -> tuple[dict[int, str] | None, str | None, list[str]]:
    """``(forms, None, notes)`` for sound drafts of every form; ``(None, why, [])`` otherwise
    (``why`` is None when the engine had no draft)."""
    if drafts is None or len(drafts) != count or not all(d.text.strip() for d in drafts):
        return None, None, []
    forms: dict[int, str] = {}
    notes: list[str] = []
    for k, draft in enumerate(drafts):
        source = form_source(entry, k)
        check = verify(source, protect(source, "raw"), draft.text, source_lang, target)
        if check.text is None:
            return None, f"plural form {k}: {check.problem}", []
        forms[k] = check.text
        notes.extend(n for n in (draft.note, check.numbers) if n)
    return forms, None, list(dict.fromkeys(notes))


def plural_entries(catalog: Catalog, untranslated: Callable[[Entry], bool]) -> list[Entry]:
    return [e for e in catalog if e.msgid_plural and untranslated(e)]
