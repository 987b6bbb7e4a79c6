"""Where a translated link may point: a safe scheme, and the source's host or an allowed one.

A unit whose source is a URL-valued attribute (``href``, ``src``...) or a whole URL is translated
like any text, so a catalog could send readers to ``javascript:...`` or to another site. A
translation may localise the path (``/en/modules``) but must keep a scheme among http, https and
mailto (or none: a relative link) and the source's host, unless the project allows the new host.

URLs are read the way browsers read them, not the way :mod:`urllib.parse` does: leading and
trailing controls and spaces are dropped, tabs and newlines anywhere are ignored (``java\\tscript:``
is ``javascript:``), a backslash is a slash (``/\\evil.example`` is protocol-relative), and the
host follows any run of slashes after the scheme.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote

#: Attributes whose value is a URL (HTML, SVG, MathML, XLink), lower case.
URL_ATTRIBUTES = frozenset(
    "href src action cite poster data formaction xlink:href background longdesc codebase "
    "manifest icon usemap".split()
)
SAFE_SCHEMES = frozenset(("http", "https", "mailto"))
_EDGES = "".join(chr(code) for code in range(0x21))  # C0 controls and space
_IGNORED = {ord("\t"): None, ord("\n"): None, ord("\r"): None}
_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*+:")
_WHOLE_URL_RE = re.compile(r"(?:(?:https?|ftp)://|mailto:|//)\S++", re.IGNORECASE)
#: A link in running text: with a scheme, from ``www.``, or a bare host of three dots or more.
URL_RE = re.compile(
    r"(?:https?|ftp)://[^\s<>\"'«»]+"
    r"|www\.[^\s<>\"'«»]+"
    r"|(?<![\w@.-])[a-z0-9-]+(?:\.[a-z0-9-]+){2,}\.[a-z]{2,}(?![\w@-])"
)
#: Starts only where a run of address characters starts, and never gives characters back: a
#: long word, a run of dots or of digits is then scanned once, not once per starting position.
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+")
#: Punctuation that ends the sentence around a link rather than the link (Latin and CJK).
_TRAILING = ".,;:!?)]}»”’'\"。，；：！？）"


def trim_link(found: str) -> str:
    """A link as :data:`URL_RE` or :data:`EMAIL_RE` found it, less the punctuation after it."""
    return found.rstrip(_TRAILING)


@functools.lru_cache(maxsize=4096)
def links(text: str) -> tuple[str, ...]:
    """URLs (with scheme, ``www.``, or a bare host of three dots or more) and e-mails, in order.

    Checks and draft protection both ask this, so a link a draft must keep is the same link a
    check requires of a translation.
    """
    found = [trim_link(m.group(0)) for m in URL_RE.finditer(text)]
    found.extend(m.group(0) for m in EMAIL_RE.finditer(text))
    return tuple(found)


def strip_links(text: str) -> str:
    """``text`` without its links, so their digits are not taken for numbers."""
    if "." not in text and "://" not in text:
        return text
    return EMAIL_RE.sub(" ", URL_RE.sub(" ", text))


@dataclass(frozen=True)
class Target:
    """A link as a browser follows it: its scheme ("" when relative) and hosts it reaches.

    ``hosts`` is None for a relative path (it stays on the page's site); a mailto link reaches
    the domain of each recipient.
    """

    scheme: str
    hosts: tuple[str, ...] | None


def url_attribute(comment: str) -> bool:
    """Whether an extracted comment (``a@href``, ``img@src``) names a URL-valued attribute."""
    element, at, name = comment.rpartition("@")
    return bool(at and element) and name.lower() in URL_ATTRIBUTES


def is_url_unit(source: str, comments: Iterable[str]) -> bool:
    """A unit whose translation is a link: a URL attribute's value, or a text that is a URL."""
    return any(url_attribute(c) for c in comments) or bool(_WHOLE_URL_RE.fullmatch(source.strip()))


def target(url: str) -> Target:
    """Scheme and hosts of ``url``, read as a browser reads an attribute value."""
    text = url.strip(_EDGES).translate(_IGNORED).replace("\\", "/")
    scheme = _SCHEME_RE.match(text)
    if scheme is None:
        return Target("", (_host(text),) if text.startswith("//") else None)
    name = scheme.group(0)[:-1].lower()
    rest = text[scheme.end() :]
    if name == "mailto":
        recipients = unquote(rest.partition("?")[0]).split(",")
        return Target(name, tuple(_host(r.rpartition("@")[2]) for r in recipients if r.strip()))
    if name in ("http", "https"):
        return Target(name, (_host(rest),))
    return Target(name, ())


def _host(text: str) -> str:
    """The host of ``//user@host:port/path`` (or of a bare domain), as browsers compare it."""
    authority = re.split(r"[/?#]", text.lstrip("/"), maxsplit=1)[0]
    host = unquote(authority.rpartition("@")[2])
    if host.startswith("["):
        host = host.partition("]")[0] + "]"
    else:
        host = host.partition(":")[0]
    host = unicodedata.normalize("NFKC", host).replace("\u3002", ".")
    return host.strip().lower().rstrip(".")


def host_allowed(host: str, allowed: Iterable[str]) -> bool:
    """``host`` is listed, or falls under a listed ``*.domain``."""
    for pattern in allowed:
        if host == pattern or (pattern.startswith("*.") and host.endswith(pattern[1:])):
            return True
    return False


def url_problem(source: str, translation: str, allowed: Iterable[str] = ()) -> str | None:
    """Why a translated link cannot replace its source (None when it can)."""
    if translation.strip() == source.strip():
        return None
    found = target(translation)
    if found.scheme and found.scheme not in SAFE_SCHEMES:
        return (
            f"the link's scheme {found.scheme + ':'!r} is not allowed"
            " (use http, https, mailto or a relative link)"
        )
    if found.hosts is None:
        return None
    kept = target(source).hosts or ()
    allowed = tuple(allowed)
    foreign = [h for h in found.hosts if h not in kept and not host_allowed(h, allowed)]
    if foreign or not found.hosts:
        where = ", ".join(repr(h) for h in foreign) or "no host"
        return (
            f"the link goes to {where}, not to the source's host"
            " (keep the host, or add it to allowed-hosts)"
        )
    return None
