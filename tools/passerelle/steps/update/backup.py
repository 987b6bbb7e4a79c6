"""Backups before ``merge -U`` rewrites a catalog, made as GNU tools make them (gnulib backupfile).

``--backup=CONTROL`` or ``$VERSION_CONTROL`` choose the kind: none/off, simple/never (FILE~),
numbered/t (FILE.~N~), existing/nil (numbered once a numbered backup exists; the default).
The suffix of a simple backup is ``--suffix``, else ``$SIMPLE_BACKUP_SUFFIX``, else ``~``.
Anyone used to ``msgmerge -U`` finds the same files, and the same complaints for a bad value.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

# gnulib's table, in its order: the names, then the kind each stands for.
CHOICES = (
    ("none", "none"),
    ("off", "none"),
    ("simple", "simple"),
    ("never", "simple"),
    ("existing", "existing"),
    ("nil", "existing"),
    ("numbered", "numbered"),
    ("t", "numbered"),
)


class BackupChoiceError(ValueError):
    """A backup kind gnulib would refuse; ``lines`` are its diagnostics."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def backup_kind(value: str | None, program: str) -> str:
    """The kind ``--backup`` (else ``$VERSION_CONTROL``) names; an unambiguous prefix will do,
    as gnulib's argmatch allows."""
    context = "backup type"
    if not value:
        value, context = os.environ.get("VERSION_CONTROL"), "$VERSION_CONTROL"
    if not value:
        return "existing"
    exact = [kind for name, kind in CHOICES if name == value]
    if exact:
        return exact[0]
    kinds = {kind for name, kind in CHOICES if name.startswith(value)}
    if len(kinds) == 1:
        return kinds.pop()
    problem = "ambiguous" if kinds else "invalid"
    left, right = _quotes()
    pairs: dict[str, list[str]] = {}
    for name, kind in CHOICES:
        pairs.setdefault(kind, []).append(f"{left}{name}{right}")
    raise BackupChoiceError(
        [
            f"{program}: {problem} argument {left}{value}{right} for {left}{context}{right}",
            "Valid arguments are:",
            *(f"  - {', '.join(names)}" for names in pairs.values()),
        ]
    )


def _quotes() -> tuple[str, str]:
    """gnulib's quote(): curved quotes when the locale's characters are UTF-8, else ASCII ones.
    Read from the environment as C programs read it (Python itself may coerce a C locale)."""
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = os.environ.get(name)
        if value:
            charset = value.partition(".")[2].partition("@")[0].lower().replace("-", "")
            return ("\u2018", "\u2019") if charset == "utf8" else ("'", "'")
    return ("'", "'")


def backup_name(path: Path, kind: str, suffix: str | None) -> Path | None:
    """Where the backup of ``path`` goes (None: no backup)."""
    if kind == "none":
        return None
    pattern = re.compile(re.escape(path.name) + r"\.~([1-9][0-9]*)~$")
    numbers = [
        int(found.group(1))
        for other in (path.parent.iterdir() if kind != "simple" else ())
        if (found := pattern.match(other.name))
    ]
    if kind == "numbered" or (kind == "existing" and numbers):
        return path.with_name(f"{path.name}.~{max(numbers, default=0) + 1}~")
    suffix = suffix or os.environ.get("SIMPLE_BACKUP_SUFFIX") or "~"
    return path.with_name(path.name + suffix)


def make_backup(path: Path, control: str | None, suffix: str | None, program: str) -> None:
    """Copy ``path`` (content, mode and times) to its backup, if the options want one."""
    target = backup_name(path, backup_kind(control, program), suffix)
    if target is not None:
        shutil.copy2(path, target)
