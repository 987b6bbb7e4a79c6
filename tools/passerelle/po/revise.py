"""Changing a catalog that people edit while Passerelle works on it.

A translator's editor does not take Passerelle's lock. A command that read a catalog, spent a
while on it (waiting for an engine, merging against a whole language) and then wrote back the
copy it had read would undo a translation saved in between. So every command that changes a
catalog changes it here: the change is a function of the file *as it is on disk*, the file is
read again just before the new one takes its place, and if it moved the change is redone from
what is now there. No catalog is ever replaced by a copy older than what it held.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from passerelle.errors import CatalogError
from passerelle.fsutil import write_atomic
from passerelle.po.catalog import Catalog, catalog_bytes, catalog_from_bytes

#: A change: the catalog on disk (None if there is none) -> the catalog to write, or None to
#: leave the file as it is. It may be called again, with a newer catalog, if the file moves.
Change = Callable[[Catalog | None], Catalog | None]

#: Rounds before giving up on a file that keeps changing under the command.
ATTEMPTS = 5


@dataclass(frozen=True)
class Snapshot:
    """A catalog as read, and the digest of the bytes it was read from ("" if no file)."""

    catalog: Catalog | None
    digest: str


class _Moved(Exception):
    """The file changed between reading it and replacing it."""


def read_snapshot(path: str | Path) -> Snapshot:
    """The catalog at ``path`` (None if there is none), with what identifies its content."""
    path = Path(path)
    data = _read(path)
    if data is None:
        return Snapshot(None, "")
    return Snapshot(catalog_from_bytes(data, path), _digest(data))


def revise_catalog(
    path: str | Path, change: Change, *, known: Snapshot | None = None
) -> tuple[Catalog | None, bool]:
    """Apply ``change`` to the catalog at ``path`` as it stands on disk and write the result.

    ``known`` is the file as the caller already read it (see :func:`read_snapshot`): the first
    round starts from it instead of reading again. Returns the catalog the file now holds (None
    if there is none) and whether it was written.
    """
    path = Path(path)
    for _ in range(ATTEMPTS):
        snapshot = known if known is not None else read_snapshot(path)
        known = None
        new = change(snapshot.catalog)
        if new is None:
            return snapshot.catalog, False

        def unmoved(digest: str = snapshot.digest) -> None:
            data = _read(path)
            if (_digest(data) if data is not None else "") != digest:
                raise _Moved

        try:
            written = write_atomic(
                path, catalog_bytes(new, path, number=True), before_replace=unmoved
            )
        except _Moved:
            continue
        return new, written
    raise CatalogError(
        f"changed on disk {ATTEMPTS} times while being updated; left as it is",
        path=path,
        hint="run the command again once the file is no longer being saved",
    )


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CatalogError(f"cannot read: {exc.strerror}", path=path) from None
