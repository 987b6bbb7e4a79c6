"""A URL or e-mail address the translation has and the source does not.

A translation is no place for a new link: a machine draft or a careless paste can bring in a
tracking link, a competitor's page or spam, and nothing else in the pipeline would notice. A
link that *replaces* one of the source's is ``url-changed``'s business, and one that extends a
source's link (a path added, a Chinese character written against it) is no new link; this check
speaks only when every link of the source is kept, so a finding is never said twice. A warning:
a link to a page in the reader's language is sometimes what the translator meant.
"""

from __future__ import annotations

import bisect

from passerelle.steps.checks.base import WARNING, EntryCheck, Pair
from passerelle.steps.checks.links import core_link, lost_links
from passerelle.urls import links

#: Lookups for a source link that starts a translation's link; past them, the link is new.
_TRIES = 4


def _extends(core: str, cores: list[str]) -> bool:
    """Whether some of the sorted ``cores`` starts ``core``.

    The greatest core not after ``core`` is its longest candidate; when it is no prefix, only
    a shorter prefix they share can be, so the search goes on with that. A few lookups keep a
    text full of links linear; a link they cannot place is reported, never hidden.
    """
    probe = core
    for _ in range(_TRIES):
        at = bisect.bisect_right(cores, probe) - 1
        if at < 0:
            return False
        candidate = cores[at]
        if core.startswith(candidate):
            return True
        shared = _shared_length(candidate, probe)
        if shared == 0:
            return False
        probe = probe[:shared]
    return False


def _shared_length(a: str, b: str) -> int:
    """The length of the prefix ``a`` and ``b`` share, by halving (slices compare in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def check_links_added(pair: Pair) -> list[str]:
    """Links of the translation that no link of the source stands for."""
    target = links(pair.translation)
    if not target:
        return []
    source = links(pair.source)
    if lost_links(source, target):
        return []  # a replaced link: url-changed or url-missing says so
    cores = sorted(core_link(link) for link in source)
    added = [link for link in lost_links(target, source) if not _extends(core_link(link), cores)]
    if added:
        return ["URL or e-mail not in the source: " + ", ".join(dict.fromkeys(added))]
    return []


CHECKS = [
    EntryCheck("url-added", WARNING, check_links_added, "a URL or e-mail was added"),
]
