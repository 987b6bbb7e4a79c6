"""A translated link must not lead somewhere else: a safe scheme, the source's host.

The value of a translatable ``href`` (or ``src``, ``action``...) reaches the page as a live link;
``javascript:`` in it runs in the reader's browser, another host sends the reader to a stranger.
A build never uses such a translation (it keeps the source's link and warns); this check says so
before the build does. Hosts other than the source's are accepted when the project lists them
in ``allowed-hosts``.
"""

from __future__ import annotations

from passerelle.steps.checks.base import ERROR, EntryCheck, Pair
from passerelle.urls import is_url_unit, url_problem


def check_link_target(pair: Pair) -> list[str]:
    """A link whose translation changes its scheme to an unsafe one, or its host."""
    if not is_url_unit(pair.source, pair.comments):
        return []
    problem = url_problem(pair.source, pair.translation, pair.allowed_hosts)
    return [f"translated link {pair.translation.strip()[:80]!r}: {problem}"] if problem else []


CHECKS = [
    EntryCheck("url-unsafe", ERROR, check_link_target, "a translated link leaves the site"),
]
