"""Atomic writes and tree locks: nothing is ever half-written, no two updates interleave.

Every file Passerelle writes goes through :func:`write_atomic` (temp file in the same folder,
fsync, rename), so an interrupted run leaves either the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import itertools
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from passerelle.errors import LockError, PathError, SourceError


def read_utf8(path: Path) -> str:
    """A document's text; undecodable bytes are an error naming file and line.

    The same contract as :func:`passerelle.project.read_source`, for file mode, which has no
    project and should not pay for importing the project pipeline.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror}", path=path) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            "not valid UTF-8", path=path, line=line, hint="convert the file to UTF-8"
        ) from None


def write_atomic(
    path: str | Path,
    data: str | bytes,
    *,
    encoding: str = "utf-8",
    durable: bool | None = None,
) -> bool:
    """Write ``data`` to ``path`` atomically; return False (and write nothing) if unchanged.

    Skipping identical content keeps mtimes stable, which makes no-op runs cheap and keeps
    incremental builds honest. ``durable`` decides whether the data is fsynced before the
    rename: by default only when an existing file is replaced, since that is when a power cut
    could otherwise trade the old content (a translator's work) for an empty file; a new file or
    a derived output (``durable=False``) can always be made again, and skipping the sync there is
    what keeps a run over tens of thousands of files fast. A run writes that many files, so this
    costs as few system calls as it can: one ``stat``, the temporary file, one rename.
    """
    name = os.fspath(path)
    raw = data.encode(encoding) if isinstance(data, str) else data
    try:
        st: os.stat_result | None = os.stat(name)
    except FileNotFoundError:
        st = None
    if st is not None and st.st_size == len(raw):
        with open(name, "rb") as handle:
            if handle.read() == raw:
                return False
    sync = st is not None if durable is None else durable
    folder, base = os.path.split(name)
    fd, tmp = _temporary(folder or ".", base)
    try:
        with os.fdopen(fd, "wb") as handle:
            if st is not None:
                os.fchmod(handle.fileno(), st.st_mode & 0o7777)
            handle.write(raw)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        os.replace(tmp, name)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return True


_TEMP_COUNTER = itertools.count()


def _temporary(folder: str, base: str) -> tuple[int, str]:
    """A new hidden file beside the target, named after this process so none collide; its
    mode is what a plain ``open`` would give (0o666 less the umask)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _attempt in range(3):
        tmp = os.path.join(folder, f".{base}.{os.getpid()}.{next(_TEMP_COUNTER)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
        except FileExistsError:
            continue  # left by a crashed process that had the same pid: take the next name
    fd, tmp = tempfile.mkstemp(prefix=f".{base}.", suffix=".tmp", dir=folder)
    os.fchmod(fd, 0o666 & ~_umask())
    return fd, tmp


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def tree_lock(folder: str | Path, *, wait: float = 30.0) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (``.passerelle.lock`` inside it).

    A second process waits up to ``wait`` seconds, then fails with a message that says who to
    wait for. The lock is advisory (``flock``) and vanishes with the process, so a crash never
    leaves a stale lock behind.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lock_path = folder / ".passerelle.lock"
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(lock_path, flags, 0o666)
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            raise
        raise PathError(
            "the lock file is a symbolic link", path=lock_path, hint="remove the link"
        ) from None
    handle = os.fdopen(fd, "a+")
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise LockError(
                        "another passerelle process is updating this tree",
                        path=lock_path,
                        hint="wait for it to finish, then run the command again",
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        handle.close()
