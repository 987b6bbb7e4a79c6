"""No project run reads or writes outside the project root through a symbolic link.

A project is often a repository that anyone may send changes to, and a link committed in it
(``source/env.txt -> /proc/self/environ``, ``build -> /home/me``) would otherwise have a run read
what lies outside (and publish it in a template, a page, a release) or write there. Every path a
run reaches below the project root goes through :func:`confined`, every tree it lists through
:func:`walk`: a link on the way is refused, or, when the project opts in with
``follow-links = true``, allowed only if it resolves inside the root. A path a setting or an
option names outside the root (``build-dir = "/srv/site"``, ``release -o``) is the user's own
choice and is taken as given; links below the root are never.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from passerelle.errors import PathError

#: Folders found real (or allowed links) in this process, per (root, follow-links): every step
#: asks for paths in the same few folders, and a folder is looked at once.
_VERIFIED: set[tuple[str, bool, str]] = set()

LINK_HINT = "replace the link with the file or folder itself"
FOLLOW_HINT = LINK_HINT + ", or set follow-links = true for links that stay inside the project"


def is_inside(root: str | Path, path: str | Path) -> bool:
    """Whether ``path`` lies below ``root`` (or is it), by name alone."""
    top, full = os.path.abspath(root), os.path.abspath(path)
    return full == top or full.startswith(top.rstrip(os.sep) + os.sep)


def confined(root: Path, path: Path, follow: bool) -> Path:
    """``path``, once no link between ``root`` and it (itself included) leads out.

    Only what exists is looked at: a missing folder has nothing below it yet, and what a run
    creates there is real. A path outside ``root`` is returned as is (see the module's doc). A
    path with ``..`` comes back with them worked out by name, as it was checked: through a link,
    the system would take ``a/../b`` somewhere else.
    """
    top = os.path.abspath(root)
    full = os.path.abspath(path)
    if ".." in os.fspath(path).split(os.sep):  # not ``path.parts``: a Path keeps that tuple
        path = Path(full)
    current = top.rstrip(os.sep)
    if full == top or not full.startswith(current + os.sep):  # is_inside, both made absolute
        return path
    for part in full[len(current) + 1 :].split(os.sep):
        current = f"{current}{os.sep}{part}"
        key = (top, follow, current)
        if key in _VERIFIED:
            continue
        try:
            mode = os.lstat(current).st_mode
        except (FileNotFoundError, NotADirectoryError):
            return path
        except OSError as exc:
            raise PathError(f"cannot read: {exc.strerror}", path=_shown(top, current)) from None
        if stat.S_ISLNK(mode):
            mode = link_mode(top, current, follow)
        if stat.S_ISDIR(mode):
            _VERIFIED.add(key)
    return path


def link_mode(root: str | Path, link: str, follow: bool) -> int:
    """The file mode of what ``link`` points to, if a run may follow it; else a one-line error
    naming the link (relative to ``root``)."""
    top = os.path.abspath(root)
    shown = _shown(top, link)
    if not follow:
        raise PathError(
            "a symbolic link, which passerelle does not follow", path=shown, hint=FOLLOW_HINT
        )
    try:
        target = os.path.realpath(link, strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise PathError("a symbolic link loop", path=shown, hint=LINK_HINT) from None
        raise PathError(
            "a symbolic link to nothing", path=shown, hint="remove it or create its target"
        ) from None
    if not is_inside(os.path.realpath(top), target):
        raise PathError(
            f"a symbolic link that leads outside the project, to {target}",
            path=shown,
            hint="links may only point inside the project, even with follow-links = true",
        )
    return os.stat(target).st_mode


def walk(root: Path, top: Path, follow: bool) -> Iterator[tuple[str, str, list[os.DirEntry[str]]]]:
    """``(relative folder, folder path, visible files)`` for ``top`` and every folder below it.

    Entries are taken in name order, so the same tree gives the same first error. Names
    starting with a dot are left out. Links are taken as :func:`link_mode` allows; a
    linked folder that holds the link, or that the walk is already in, is a loop, reported
    instead of walked for ever. A ``top`` outside ``root`` (a setting's own choice) has its
    links judged against itself.
    """
    base = root if is_inside(root, top) else top
    confined(base, top, follow)
    start = str(top)
    first = (os.path.realpath(start),) if follow else ()
    stack: list[tuple[str, str, tuple[str, ...]]] = [("", start, first)]
    while stack:
        rel_dir, folder, chain = stack.pop()
        files: list[os.DirEntry[str]] = []
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as exc:
            raise PathError(f"cannot read: {exc.strerror}", path=_shown(base, folder)) from None
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            if entry.is_symlink():
                mode = link_mode(base, entry.path, follow)
                if stat.S_ISDIR(mode):
                    real = os.path.realpath(entry.path)
                    if real in chain or is_inside(real, chain[-1]):
                        raise PathError(
                            "a symbolic link loop", path=_shown(base, entry.path), hint=LINK_HINT
                        )
                    stack.append((rel, entry.path, (*chain, real)))
                elif stat.S_ISREG(mode):
                    files.append(entry)
            elif entry.is_dir(follow_symlinks=False):
                below = (*chain, os.path.join(chain[-1], entry.name)) if follow else ()
                stack.append((rel, entry.path, below))
            elif entry.is_file(follow_symlinks=False):
                files.append(entry)
        yield rel_dir, folder, files


def _shown(top: str | Path, path: str) -> str:
    """``path`` as messages name it: relative to the project root when inside it."""
    return os.path.relpath(path, top) if is_inside(top, path) else path
