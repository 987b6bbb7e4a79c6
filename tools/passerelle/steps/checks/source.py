"""The source side: typos in the French text itself, reported to its author.

A doubled word or a stacked elision ("l'l'intelligence") in the master would be faithfully
translated into every language. The check only reports it (a warning on the source file and
line); the master is never changed by Passerelle.
"""

from __future__ import annotations

from passerelle.steps.checks.base import WARNING, SourceCheck
from passerelle.steps.checks.wording import doubled_words


def check_source_doubled(text: str, lang: str) -> list[tuple[str, str]]:
    """Doubled words and stacked elisions in a source text."""
    return [
        (found, f"doubled word in the source: {found!r} (fix the source document)")
        for found in dict.fromkeys(doubled_words(text, lang))
    ]


CHECKS = [
    SourceCheck(
        "source-doubled-word", WARNING, check_source_doubled, "a word typed twice in the source"
    ),
]
