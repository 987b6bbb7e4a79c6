"""The release folder: built beside its target, swapped in whole, described by a manifest.

A release is written into a hidden sibling (``.dist.new-XXXX``) and only then takes the place of
``dist/``: with one ``renameat2(RENAME_EXCHANGE)`` where the kernel offers it, else with two
renames. An exception or a kill before the swap leaves the previous ``dist/`` untouched; the
next release sweeps up what the interrupted one left (and puts a retired ``dist/`` back if a kill
fell between the two renames).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from passerelle.errors import PasserelleError
from passerelle.fsutil import current_umask, sha256_file, write_atomic

MANIFEST = "manifest.json"
GENERATOR = "passerelle"  # the manifest's ``generator`` is ``passerelle <version>``
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class ReleaseError(PasserelleError):
    """A release cannot be written where it was asked to go."""


def _leftovers(target: Path, kind: str) -> list[Path]:
    return sorted(target.parent.glob(f".{target.name}.{kind}-*"))


def recover(target: Path) -> None:
    """Undo what an interrupted release left beside ``target``."""
    for retired in _leftovers(target, "old"):
        if not target.exists() and (retired / MANIFEST).is_file():
            os.rename(retired, target)
        else:
            shutil.rmtree(retired, ignore_errors=True)
    for staging in _leftovers(target, "new"):
        shutil.rmtree(staging, ignore_errors=True)


def is_release(folder: Path) -> bool:
    """Whether ``folder`` holds a manifest that ``passerelle release`` wrote.

    Many tools write a ``manifest.json`` (web app manifests, bundlers, static site generators),
    so the name alone proves nothing: the manifest must be a JSON object carrying this writer's
    own signature, a ``generator`` of ``passerelle <version>``, an integer ``manifest_version``
    and the ``files`` table of hashes.
    """
    try:
        data = json.loads((folder / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return False
    return (
        isinstance(data, dict)
        and isinstance(data.get("generator"), str)
        and data["generator"].startswith(GENERATOR + " ")
        and type(data.get("manifest_version")) is int
        and isinstance(data.get("files"), dict)
    )


def guard(target: Path) -> None:
    """Refuse to replace a folder that is not a previous release (``-o .`` must not wipe a tree).

    Only an empty folder or one whose manifest Passerelle wrote may be replaced; anything else is
    someone's work, which a release would delete whole.
    """
    if target.is_symlink():
        raise ReleaseError("the release folder is a symbolic link", path=target)
    if not target.exists():
        return
    if not target.is_dir():
        raise ReleaseError("not a folder", path=target, hint="choose another -o")
    if not any(target.iterdir()) or is_release(target):
        return
    why = "its manifest.json was not written by passerelle release"
    if not (target / MANIFEST).is_file():
        why = "no manifest.json"
    raise ReleaseError(
        f"not a release folder ({why}), refusing to replace it",
        path=target,
        hint="remove it or choose another -o",
    )


@contextlib.contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A fresh staging folder beside ``target``; swapped in if the block completes."""
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    guard(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        os.chmod(staging, 0o777 & ~current_umask())
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap(staging, target)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False where that is not offered."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    text, number = ctypes.c_char_p, ctypes.c_int
    renameat2.argtypes = [number, text, number, text, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap(staging: Path, target: Path) -> None:
    """Put ``staging`` in ``target``'s place; the previous release is removed afterwards."""
    if not target.exists():
        os.rename(staging, target)
    elif _exchange(staging, target):
        shutil.rmtree(staging)
    else:
        retired = staging.with_name(staging.name.replace(".new-", ".old-", 1))
        os.rename(target, retired)
        os.rename(staging, target)
        shutil.rmtree(retired)
    _fsync_dir(target.parent)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def file_hashes(folder: Path) -> dict[str, str]:
    """``relative/posix/path -> sha256`` of every file under ``folder`` except the manifest."""
    return {
        path.relative_to(folder).as_posix(): sha256_file(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.relative_to(folder).as_posix() != MANIFEST
    }


def inputs_digest(root: Path, files: Iterable[Path]) -> str:
    """One sha256 over the names and bytes of ``files``: what a release was made from."""
    digest = hashlib.sha256()
    for path in sorted(set(files)):
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        data = path.read_bytes() if path.is_file() else b""
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Sorted keys, two-space indent, UTF-8, final newline: the same data, the same bytes."""
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    write_atomic(folder / MANIFEST, text)


def stamp_tree(folder: Path, epoch: int) -> None:
    """Give every file and folder the mtime SOURCE_DATE_EPOCH asked for (deepest first)."""
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        os.utime(path, (epoch, epoch), follow_symlinks=False)
    os.utime(folder, (epoch, epoch))
