"""URLs and e-mail addresses must reach the translation unchanged.

A translator may move a link but not edit it: a changed host or path breaks it silently, and a
changed address sends mail to a stranger.
"""

from __future__ import annotations

import re

from passerelle.checks.base import ERROR, EntryCheck, Pair

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL_RE = re.compile(
    r"(?:https?|ftp)://[^\s<>\"'«»]+"
    r"|www\.[^\s<>\"'«»]+"
    r"|(?<![\w@.-])[a-z0-9-]+(?:\.[a-z0-9-]+){2,}\.[a-z]{2,}(?![\w@-])"
)
_TRAILING = ".,;:!?)]}»”’'\"。，；：！？）"


def links(text: str) -> list[str]:
    """URLs (with scheme, ``www.``, or a bare host of three dots or more) and e-mails, in order."""
    found = []
    for match in URL_RE.finditer(text):
        url = match.group(0).rstrip(_TRAILING)
        if "(" not in url and match.group(0).endswith(")"):
            url = url.rstrip(")")
        found.append(url)
    found.extend(m.group(0).rstrip(".") for m in EMAIL_RE.finditer(text))
    return found


def strip_links(text: str) -> str:
    """``text`` without its links, so their digits are not taken for numbers."""
    return EMAIL_RE.sub(" ", URL_RE.sub(" ", text))


def check_links(pair: Pair) -> list[str]:
    """A URL or e-mail address of the source that the translation does not carry verbatim."""
    missing = [link for link in links(pair.source) if link not in pair.translation]
    if missing:
        return ["URL or e-mail changed or missing: " + ", ".join(dict.fromkeys(missing))]
    return []


CHECKS = [EntryCheck("url-changed", ERROR, check_links, "a URL or e-mail was altered")]
