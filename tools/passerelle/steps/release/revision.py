"""What a release was made from, as git knows it: the commit, and the inputs changed since.

A manifest that names a commit promises that checking it out rebuilds the release. When a
source, a catalog or the settings differ from that commit, the promise does not hold: the
revision then reads ``<commit>-dirty`` and the manifest lists the changed files.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

#: The project lock every writing command takes in locales/: a lock, not an input.
LOCK_FILE = ".passerelle.lock"


def _git(root: Path, *args: str) -> str | None:
    """The output of ``git -C root args`` (None without git or outside a repository)."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run(
            [git, "-C", str(root), *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=20,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def git_revision(root: Path) -> str | None:
    """``git rev-parse HEAD`` of the project, or None outside a repository or without git."""
    head = (_git(root, "rev-parse", "--verify", "-q", "HEAD") or "").strip()
    return head or None


def changed_inputs(root: Path, inputs: Iterable[Path]) -> list[str]:
    """The files under ``inputs`` that differ from HEAD (changed, deleted or new and not
    ignored), relative to ``root``, sorted."""
    specs = [str(path) for path in inputs if path.exists() or path.is_symlink()]
    if not specs:
        return []
    diff = _git(root, "diff", "--name-only", "-z", "--relative", "HEAD", "--", *specs) or ""
    new = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", *specs) or ""
    names = {name for name in (diff + new).split("\0") if name}
    return sorted(name for name in names if name.rsplit("/", 1)[-1] != LOCK_FILE)
