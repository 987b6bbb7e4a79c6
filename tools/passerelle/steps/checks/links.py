"""URLs and e-mail addresses must reach the translation unchanged.

A translator may move a link but not edit it: a changed host or path breaks it silently, and a
changed address sends mail to a stranger. A dropped link is an error; a link replaced by another
is a warning, because pointing at the target language's version of a page is sometimes right.
"""

from __future__ import annotations

import bisect
import re

from passerelle.steps.checks.base import ERROR, WARNING, EntryCheck, Pair
from passerelle.urls import links

_SCHEME_RE = re.compile(r"(?:https?|ftp)://|mailto:", re.IGNORECASE)


def core_link(link: str) -> str:
    """A link without its scheme: ``www.x.fr`` is kept in ``https://www.x.fr/``."""
    return _SCHEME_RE.sub("", link, count=1)


def lost_links(these: tuple[str, ...], there: tuple[str, ...]) -> list[str]:
    """The links of ``these`` that no link of ``there`` keeps.

    A link is kept by an equal link, or by one that starts with it once schemes are set aside
    (a scheme added, a path extended, a character written against it in Chinese). Sorted cores
    answer each question in a logarithmic lookup, where searching the whole text for every link
    would take time quadratic in a text full of links.
    """
    exact = set(there)
    cores = sorted(core_link(link) for link in there)
    lost = []
    for link in these:
        if link in exact:
            continue
        core = core_link(link)
        at = bisect.bisect_left(cores, core)
        if at == len(cores) or not cores[at].startswith(core):
            lost.append(link)
    return lost


def check_links_missing(pair: Pair) -> list[str]:
    """A URL or e-mail of the source that the translation drops without a replacement."""
    source, target = links(pair.source), links(pair.translation)
    missing = lost_links(source, target)
    if missing and len(target) < len(source):
        return ["URL or e-mail missing from the translation: " + ", ".join(dict.fromkeys(missing))]
    return []


def check_links_changed(pair: Pair) -> list[str]:
    """A URL or e-mail replaced by another: sometimes a localised page, often a typo."""
    source, target = links(pair.source), links(pair.translation)
    changed = lost_links(source, target)
    if changed and len(target) >= len(source):
        extra = lost_links(target, source)
        return [
            "URL or e-mail changed: "
            + ", ".join(dict.fromkeys(changed))
            + (" -> " + ", ".join(dict.fromkeys(extra)) if extra else "")
        ]
    return []


CHECKS = [
    EntryCheck("url-missing", ERROR, check_links_missing, "a URL or e-mail was dropped"),
    EntryCheck("url-changed", WARNING, check_links_changed, "a URL or e-mail was altered"),
]
