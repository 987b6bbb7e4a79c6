"""The plural forms of a target language, as the review app's editor names them.

A catalog's ``Plural-Forms`` header says how many forms an entry has and which count picks
which form; the translator needs to know what each form is for. Each form is named by the CLDR
category babel gives the counts that pick it ("one", "few", ...) when that category is its
alone, else by its number, and shown with a few such counts ("n = 1", "n = 3, 4, 5, ...").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from passerelle.po.catalog import Catalog, Entry, language_header, plural_count
from passerelle.po.plurals import form_of_counts

_SHOWN = 4


@dataclass(frozen=True)
class PluralForm:
    """One form: its index in ``msgstr[]``, its name and counts that pick it."""

    index: int
    label: str
    examples: tuple[int, ...]

    def row(self) -> dict[str, object]:
        shown = ", ".join(map(str, self.examples[:_SHOWN]))
        more = ", …" if len(self.examples) > _SHOWN else ""
        counts = f"n = {shown}{more}"
        # "one": the form a count of one picks, which translates msgid (the others msgid_plural)
        return {
            "index": self.index,
            "label": self.label,
            "counts": counts,
            "one": 1 in self.examples,
        }


def plural_header(catalog: Catalog | None, lang: str) -> str:
    """The catalog's ``Plural-Forms``, or babel's for ``lang`` when the catalog has none."""
    header = str(catalog.metadata.get("Plural-Forms", "")) if catalog is not None else ""
    if "plural=" in header:
        return header
    try:
        return language_header(lang).get("Plural-Forms", "")
    except (ValueError, TypeError, LookupError):
        return ""


def _category(lang: str) -> Callable[[int], str] | None:
    from babel import Locale, UnknownLocaleError

    try:
        rule: Callable[[int], str] = Locale.parse(lang.replace("-", "_")).plural_form
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    return rule


def plural_forms(catalog: Catalog | None, lang: str) -> list[PluralForm]:
    """Every form of ``lang``'s entries in ``catalog``, in ``msgstr[]`` order."""
    count = plural_count(catalog, lang)
    picked = form_of_counts(plural_header(catalog, lang)) or ()
    counts: dict[int, list[int]] = {k: [] for k in range(count)}
    for n, form in enumerate(picked):
        if form in counts:
            counts[form].append(n)
    category = _category(lang)
    names: dict[int, str] = {}
    if category is not None:
        for k, found in counts.items():
            kinds = {category(n) for n in found}
            if len(kinds) == 1:
                names[k] = kinds.pop()
    taken = list(names.values())
    return [
        PluralForm(
            k,
            names[k] if k in names and taken.count(names[k]) == 1 else f"form {k + 1}",
            tuple(counts[k]),
        )
        for k in range(count)
    ]


def singular_form(catalog: Catalog | None, lang: str) -> int:
    """The form a count of one picks: it translates ``msgid``, the others ``msgid_plural``."""
    picked = form_of_counts(plural_header(catalog, lang))
    return picked[1] if picked is not None else 0


def form_texts(entry: Entry, count: int) -> tuple[str, ...]:
    """The entry's ``count`` forms, an absent one as empty."""
    return tuple(entry.msgstr_plural.get(k, "") for k in range(count))
