"""Placeholders and markup: a translation must rebuild into the source's markup, and no more.

Placeholder logic lives in :mod:`passerelle.units`; these checks only word its verdict. Markup
injection is separate: any tag-like text that is not one of the source's placeholders (a
``<script>``, an ``<img onerror=...>``) would reach the localised page, so it is an error.
"""

from __future__ import annotations

import re
from functools import lru_cache

from passerelle.steps.checks.base import ERROR, EntryCheck, Pair
from passerelle.units import PLACEHOLDER_RE, PlaceholderProblem, placeholder_problem

#: Tag-like text: ``<name ...>``, ``</name>``, ``<!-- ... >``, ``<?...>``. Possessive: a name
#: or an attribute run that fails to reach ``>`` is not retried one character shorter.
TAG_RE = re.compile(r"<(/?)([A-Za-z_][\w:.-]*+|!|\?)([^<>]*+)>")


def _is_markup(text: str, match: re.Match[str]) -> bool:
    """Any tag, save a reStructuredText link target (``:term:`text <target>```), which a
    documentation catalog writes inside backquotes and no browser ever sees as markup."""
    return not text.startswith("`", match.end())


@lru_cache(maxsize=1024)
def _problem(source: str, translation: str) -> PlaceholderProblem | None:
    return placeholder_problem(source, translation)


def check_placeholder_missing(pair: Pair) -> list[str]:
    """Every placeholder of the source must appear in the translation (order is free)."""
    problem = _problem(pair.source, pair.translation)
    if problem and problem.missing:
        return ["placeholder missing from the translation: " + ", ".join(problem.missing)]
    return []


def check_placeholder_unknown(pair: Pair) -> list[str]:
    """A placeholder the source does not have cannot be rebuilt into markup."""
    problem = _problem(pair.source, pair.translation)
    if problem and problem.unknown:
        return ["placeholder not in the source: " + ", ".join(problem.unknown)]
    return []


def check_placeholder_unbalanced(pair: Pair) -> list[str]:
    """Paired placeholders must open and close in order, as elements nest.

    A half whose partner is missing or invented is already reported by those checks; a source
    whose own tokens do not nest holds text that looks like placeholders, not placeholders.
    """
    problem = _problem(pair.source, pair.translation)
    if not problem or _problem(pair.source, pair.source):  # the source's "<x1>" is mere text
        return []
    explained = set(problem.missing) | set(problem.unknown)
    own = [t for t in problem.unbalanced if t not in explained and _partner(t) not in explained]
    if own:
        return ["placeholders not properly nested: " + ", ".join(own)]
    return []


def _partner(token: str) -> str:
    """``<a1>`` for ``</a1>`` and back: a lone half is explained by its missing partner."""
    return token.replace("</", "<", 1) if token.startswith("</") else token.replace("<", "</", 1)


def check_markup_injection(pair: Pair) -> list[str]:
    """A tag (``<script>``, ``<img onerror=...>``, a comment) that is neither one of the source's
    placeholders nor in the source: it would reach the localised page as live markup."""
    # a tag-like text found in the source is one of its tag matches: they cannot overlap
    known = {match.group(0) for match in TAG_RE.finditer(pair.source)}
    found = []
    for match in TAG_RE.finditer(pair.translation):
        text = match.group(0)
        if PLACEHOLDER_RE.fullmatch(text) or text in known:
            continue
        if not _is_markup(pair.translation, match):
            continue
        found.append(text if len(text) <= 40 else text[:37] + "...")
    if found:
        return ["markup not in the source: " + ", ".join(found)]
    return []


CHECKS = [
    EntryCheck(
        "placeholder-missing", ERROR, check_placeholder_missing, "a source placeholder is lost"
    ),
    EntryCheck(
        "placeholder-unknown", ERROR, check_placeholder_unknown, "a placeholder was invented"
    ),
    EntryCheck(
        "placeholder-unbalanced",
        ERROR,
        check_placeholder_unbalanced,
        "paired placeholders do not nest",
    ),
    EntryCheck("markup-injection", ERROR, check_markup_injection, "markup not in the source"),
]
