"""URLs and e-mail addresses must reach the translation unchanged.

A translator may move a link but not edit it: a changed host or path breaks it silently, and a
changed address sends mail to a stranger. A dropped link is an error; a link replaced by another
is a warning, because pointing at the target language's version of a page is sometimes right.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from passerelle.steps.checks.base import ERROR, WARNING, EntryCheck, Pair

#: Starts only where a run of address characters starts, and never gives characters back: a
#: long word, a run of dots or of digits is then scanned once, not once per starting position.
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+")
URL_RE = re.compile(
    r"(?:https?|ftp)://[^\s<>\"'«»]+"
    r"|www\.[^\s<>\"'«»]+"
    r"|(?<![\w@.-])[a-z0-9-]+(?:\.[a-z0-9-]+){2,}\.[a-z]{2,}(?![\w@-])"
)
_TRAILING = ".,;:!?)]}»”’'\"。，；：！？）"


@lru_cache(maxsize=4096)
def links(text: str) -> tuple[str, ...]:
    """URLs (with scheme, ``www.``, or a bare host of three dots or more) and e-mails, in order."""
    found = []
    for match in URL_RE.finditer(text):
        url = match.group(0).rstrip(_TRAILING)
        if "(" not in url and match.group(0).endswith(")"):
            url = url.rstrip(")")
        found.append(url)
    found.extend(m.group(0).rstrip(".") for m in EMAIL_RE.finditer(text))
    return tuple(found)


def strip_links(text: str) -> str:
    """``text`` without its links, so their digits are not taken for numbers."""
    if "." not in text and "://" not in text:
        return text
    return EMAIL_RE.sub(" ", URL_RE.sub(" ", text))


_SCHEME_RE = re.compile(r"(?:https?|ftp)://|mailto:", re.IGNORECASE)


def _core(link: str) -> str:
    """A link without its scheme: ``www.x.fr`` is kept in ``https://www.x.fr/``."""
    return _SCHEME_RE.sub("", link, count=1)


def _lost(these: tuple[str, ...], there: tuple[str, ...]) -> list[str]:
    """The links of ``these`` that no link of ``there`` keeps.

    A link is kept by an equal link, or by one that starts with it once schemes are set aside
    (a scheme added, a path extended, a character written against it in Chinese). Sorted cores
    answer each question in a logarithmic lookup, where searching the whole text for every link
    would take time quadratic in a text full of links.
    """
    exact = set(there)
    cores = sorted(_core(link) for link in there)
    lost = []
    for link in these:
        if link in exact:
            continue
        core = _core(link)
        at = bisect.bisect_left(cores, core)
        if at == len(cores) or not cores[at].startswith(core):
            lost.append(link)
    return lost


def check_links_missing(pair: Pair) -> list[str]:
    """A URL or e-mail of the source that the translation drops without a replacement."""
    source, target = links(pair.source), links(pair.translation)
    missing = _lost(source, target)
    if missing and len(target) < len(source):
        return ["URL or e-mail missing from the translation: " + ", ".join(dict.fromkeys(missing))]
    return []


def check_links_changed(pair: Pair) -> list[str]:
    """A URL or e-mail replaced by another: sometimes a localised page, often a typo."""
    source, target = links(pair.source), links(pair.translation)
    changed = _lost(source, target)
    if changed and len(target) >= len(source):
        extra = _lost(target, source)
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
