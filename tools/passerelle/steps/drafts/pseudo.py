"""Pseudo-localisation (language ``qps``): readable, accented, longer text in brackets.

A pseudo build shows at a glance what escaped extraction (plain ASCII left on the page), what a
longer language does to a layout (about a third more text), whether accents survive every
encoding step, and whether reassembly puts placeholders back (markup, formats and URLs pass
through untouched). The transformation is deterministic, so a rerun changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from passerelle.po.catalog import Entry
from passerelle.steps.drafts.base import Draft
from passerelle.steps.drafts.plurals import form_source
from passerelle.steps.drafts.protect import protected_spans, split_whitespace

_ACCENTED = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "àƀçđéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
        strict=True,
    )
)
_VOWELS = set("aeiouyAEIOUYàâäéèêëîïôöùûüÿœæ")
#: How much longer a pseudo text is than its source, brackets included.
EXPANSION = 0.35


def pseudo_text(text: str) -> str:
    """``text`` pseudo-localised; protected spans and outer whitespace are kept as they are."""
    lead, core, trail = split_whitespace(text)
    if not core:
        return text
    runs = protected_spans(core)
    letters = sum(len(run) for run, keep in runs if not keep)
    vowels = sum(ch in _VOWELS for run, keep in runs if not keep for ch in run)
    extra = max(1, math.ceil(len(core) * EXPANSION) - 2) if letters else 0
    doubled = min(extra, vowels)
    out: list[str] = []
    seen = 0
    for run, keep in runs:
        if keep:
            out.append(run)
            continue
        for ch in run:
            out.append(_ACCENTED.get(ch, ch))
            if ch in _VOWELS:
                # spread the doubled vowels evenly over the text
                if (seen + 1) * doubled // vowels > seen * doubled // vowels:
                    out.append(_ACCENTED.get(ch, ch))
                seen += 1
    body = "".join(out)
    padding = extra - doubled
    if padding:
        body += " " + "·" * (padding - 1) if padding > 1 else "·"
    return f"{lead}[{body}]{trail}"


class PseudoEngine:
    """The ``pseudo`` engine: offline, instant, deterministic."""

    name = "pseudo"
    wire = "raw"
    online = False
    secrets: tuple[str, ...] = ()
    batch_size = 500
    batch_chars = 1_000_000
    max_chars = 1_000_000

    def options_key(self) -> str:
        return f"expansion={EXPANSION}"

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Draft | None]:
        return [Draft(pseudo_text(text)) for text in texts]

    def plural_forms(self, entry: Entry, count: int) -> list[Draft] | None:
        """Every form pseudo-localised from the text it translates."""
        return [Draft(pseudo_text(form_source(entry, k))) for k in range(count)]

    def close(self) -> None:
        return None
