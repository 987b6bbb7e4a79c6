"""A glossary term of the source whose translation holds none of the glossary's terms for it.

The glossary (the ``terminology`` setting) says how the project translates its names and terms:
``Bund Ouest`` is ``West Bund`` in English and 西岸 in Chinese. A translation that says
``Western Bund`` reads as another place. A warning: a sentence may rightly rephrase a term
(a pronoun for a name said just before), and the translator's word is the last one.
"""

from __future__ import annotations

from passerelle.steps.checks.base import WARNING, EntryCheck, Pair


def check_terms(pair: Pair) -> list[str]:
    """One message per glossary concept of the source missing from the translation."""
    if pair.glossary is None:
        return []
    return [
        f"glossary: {hit.source!r} is translated {' or '.join(map(repr, hit.targets))}"
        for hit in pair.glossary.mismatches(pair.source, pair.translation, pair.lang)
    ]


CHECKS = [
    EntryCheck(
        "term-mismatch", WARNING, check_terms, "a glossary term is not translated as listed"
    ),
]
