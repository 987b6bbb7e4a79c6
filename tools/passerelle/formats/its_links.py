"""Rules files a document links: ``<its:rules xlink:href>`` (XML), ``<link rel="its-rules">``.

A document is often someone else's, and a link in it names a file the run would then read. So a
link is followed only to a local file, named by a reference relative to the document, that lies
inside the source tree (after links on the way are resolved); anything else (a URL, an absolute
path, ``../../etc/passwd``) is one error naming the document and the line of the link. A link to
a file that is not there is a warning, and the document is read without it: a page copied
without its rules must still be translatable. Nothing is ever fetched over the network. A linked
file may link further files; a file linked twice on one path is a loop, reported as such.
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path
from urllib.parse import unquote, urlsplit

from passerelle.errors import SourceError
from passerelle.formats.its import ITS_NS, XLINK_NS, RuleSet, read_rules_file

_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
HINT = "copy the rules file into the source tree and link it by a path relative to the document"


def linked_rules(
    href: str,
    base: Path | None,
    root: Path | None,
    where: tuple[str, int | None],
    seen: tuple[Path, ...] = (),
) -> list[RuleSet]:
    """The rules of the file ``href`` names (relative to the file ``base``), links followed.

    ``where`` is the linking file's name and line, for errors; ``root`` bounds what may be read.
    """
    path, line = where
    target = resolve_link(href, base, root, where)
    if not target.is_file():
        missing = SourceError(
            f"linked ITS rules {href.strip()!r} not found; read without them",
            path=path,
            line=line,
            hint=HINT,
        )
        warnings.warn(str(missing), stacklevel=2)
        return []
    if target in seen:
        raise SourceError(f"ITS rules link to themselves: {href}", path=path, line=line)
    found: list[RuleSet] = []
    for ruleset in read_rules_file(target):
        link = ruleset.element.get(f"{{{XLINK_NS}}}href")
        if link is not None:
            found += linked_rules(
                link,
                target,
                root,
                (str(target), ruleset.line(ruleset.element)),
                (*seen, target),
            )
        found.append(ruleset)
    return found


def resolve_link(
    href: str, base: Path | None, root: Path | None, where: tuple[str, int | None]
) -> Path:
    """The local file a link names, once it is known to lie inside ``root``."""
    path, line = where
    reference = href.strip()
    if not reference:
        raise SourceError("empty link to ITS rules", path=path, line=line, hint=HINT)
    if _SCHEME_RE.match(reference) or reference.startswith("//"):
        raise SourceError(
            f"ITS rules are read from local files only, not {reference!r}",
            path=path,
            line=line,
            hint=HINT,
        )
    name = unquote(urlsplit(reference).path)
    if not name or os.path.isabs(name):
        raise SourceError(
            f"ITS rules must be linked by a relative path, not {reference!r}",
            path=path,
            line=line,
            hint=HINT,
        )
    if base is None or root is None:
        raise SourceError(
            f"cannot follow the link to ITS rules {reference!r}: the document has no folder",
            path=path,
            line=line,
            hint="pass the rules with --its-rules",
        )
    target = (base.parent / name).resolve()
    top = root.resolve()
    if target != top and top not in target.parents:
        raise SourceError(
            f"linked ITS rules {reference!r} lie outside the source tree",
            path=path,
            line=line,
            hint=HINT,
        )
    return target


def document_rules(
    element: object, base: Path | None, root: Path | None, where: tuple[str, int | None]
) -> list[RuleSet]:
    """An ``its:rules`` element of a document: what it links first, then its own rules."""
    href = element.get(f"{{{XLINK_NS}}}href")  # type: ignore[attr-defined]
    own = RuleSet(element, where[0])
    if href is None:
        return [own]
    return [*linked_rules(href, base, root, where), own]


__all__ = ["ITS_NS", "document_rules", "linked_rules", "resolve_link"]
