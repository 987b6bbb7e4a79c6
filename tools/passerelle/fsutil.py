"""Atomic writes and tree locks: nothing is ever half-written, no two updates interleave.

Every file Passerelle writes goes through :func:`write_atomic` (temp file in the same folder,
fsync, rename), so an interrupted run leaves either the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import itertools
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from passerelle.errors import LockError, PasserelleError, PathError, SourceError


def read_utf8(path: Path) -> str:
    """A document's text; undecodable bytes are an error naming file and line.

    The same contract as :func:`passerelle.project.documents.read_source`, for file mode,
    which has no project and should not pay for importing the project pipeline.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror}", path=path) from None
    return decode_utf8(data, path, SourceError("not valid UTF-8", hint="convert the file to UTF-8"))


def decode_utf8(data: bytes, path: str | Path, error: PasserelleError) -> str:
    """``data`` as UTF-8 text, else ``error`` raised at the file and line of the first bad byte
    (what a user needs to find it, whatever kind of file it is)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        error.path, error.line = str(path), data[: exc.start].count(b"\n") + 1
        raise error from None


def write_atomic(
    path: str | Path,
    data: str | bytes,
    *,
    encoding: str = "utf-8",
    durable: bool | None = None,
    before_replace: Callable[[], None] | None = None,
) -> bool:
    """Write ``data`` to ``path`` atomically; return False (and write nothing) if unchanged.

    Skipping identical content keeps mtimes stable, which makes no-op runs cheap and keeps
    incremental builds honest. ``durable`` decides whether the data is fsynced before the
    rename: by default only when an existing file is replaced, since that is when a power cut
    could otherwise trade the old content (a translator's work) for an empty file; a new file or
    a derived output (``durable=False``) can always be made again, and skipping the sync there is
    what keeps a run over tens of thousands of files fast. A run writes that many files, so this
    costs as few system calls as it can: one ``stat``, the temporary file, one rename.

    ``before_replace`` runs once the new content is safe in the temporary file, just before it
    takes the target's place: the last moment to find that someone else changed the target
    meanwhile (raising there leaves the target as it is and removes the temporary file).
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
    _replace(name, st, (raw,), sync, before_replace)
    return True


def write_atomic_chunks(path: str | Path, chunks: Iterable[str], *, durable: bool = False) -> None:
    """Write the text ``chunks`` to ``path`` atomically, one after the other, as they come.

    For a file too large to hold twice in memory (the run state of a large project): unlike
    :func:`write_atomic`, the content is never whole in memory, so it is written even when
    unchanged.
    """
    name = os.fspath(path)
    try:
        st: os.stat_result | None = os.stat(name)
    except FileNotFoundError:
        st = None
    _replace(name, st, (chunk.encode("utf-8") for chunk in chunks), durable, None)


def _replace(
    name: str,
    st: os.stat_result | None,
    data: Iterable[bytes],
    sync: bool,
    before_replace: Callable[[], None] | None,
) -> None:
    """Write ``data`` to a temporary file beside ``name`` (with the mode of the file ``st``
    describes, if any), then rename it into place."""
    folder, base = os.path.split(name)
    fd, tmp = _temporary(folder or ".", base)
    try:
        with os.fdopen(fd, "wb") as handle:
            if st is not None:
                os.fchmod(handle.fileno(), st.st_mode & 0o7777)
            for raw in data:
                handle.write(raw)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        if before_replace is not None:
            before_replace()
        os.replace(tmp, name)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


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
    os.fchmod(fd, 0o666 & ~current_umask())
    return fd, tmp


def current_umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back): new
    files and folders made under another name get the mode a plain ``open`` would give."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def sha256_file(path: Path) -> str:
    """sha256 of a file's bytes, read in chunks: a large file is never held whole in memory."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


#: Locks this process holds, per thread: lock file path -> (descriptor, depth).
_HELD = threading.local()
#: Every descriptor of a held lock, whatever the thread, for :func:`_forget_locks_in_child`.
_LOCK_FDS: set[int] = set()


def _held() -> dict[str, tuple[int, int]]:
    if not hasattr(_HELD, "locks"):
        _HELD.locks = {}
    locks: dict[str, tuple[int, int]] = _HELD.locks
    return locks


def _forget_locks_in_child() -> None:
    """A forked child closes its copy of every lock descriptor.

    ``flock`` belongs to the open file description, which a fork shares: a worker keeping its
    copy would keep the tree locked after its parent died, and every later command would wait
    for a process nobody knows about. Closing the copy leaves the parent's lock as it is.
    """
    for fd in _LOCK_FDS:
        with contextlib.suppress(OSError):
            os.close(fd)
    _LOCK_FDS.clear()
    _HELD.__dict__.clear()


os.register_at_fork(after_in_child=_forget_locks_in_child)


def _stderr_line(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


@contextlib.contextmanager
def tree_lock(
    folder: str | Path,
    *,
    wait: float = 30.0,
    sweep: tuple[Path, ...] = (),
    notify: Callable[[str], None] = _stderr_line,
) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (``.passerelle.lock`` inside it).

    A second process says once (through ``notify``) whom it waits for, waits up to ``wait``
    seconds, then fails naming that process. The lock is advisory (``flock``) and vanishes with
    the process; the lock file names its holder while held and is emptied on release, so a
    holder that was killed is known to the next one, which then removes the temporary files the
    killed writes left in ``sweep`` (folders, or single files: see :func:`sweep_temporaries`).
    Taking a lock this thread already holds just nests, so a command can hold it across the
    steps that each take it.
    """
    lock_path = os.path.abspath(os.path.join(folder, ".passerelle.lock"))
    held = _held()
    if lock_path in held:
        fd, depth = held[lock_path]
        held[lock_path] = (fd, depth + 1)
        try:
            yield
        finally:
            held[lock_path] = (fd, depth)
        return
    os.makedirs(folder, exist_ok=True)
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(lock_path, flags, 0o666)
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            raise
        raise PathError(
            "the lock file is a symbolic link", path=lock_path, hint="remove the link"
        ) from None
    owner = os.getpid()
    try:
        _acquire(fd, lock_path, wait, notify)
        _LOCK_FDS.add(fd)
        held[lock_path] = (fd, 1)
        since = time.time_ns()
        if _holder(fd) is not None:  # the last holder died holding it
            for place in sweep:
                sweep_temporaries(place, since)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{owner}\n".encode(), 0)
        yield
    finally:
        if os.getpid() == owner:  # a forked child's copy was closed when it was forked
            if fd in _LOCK_FDS:
                held.pop(lock_path, None)
                _LOCK_FDS.discard(fd)
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)  # nobody holds it now
            os.close(fd)


def _acquire(fd: int, lock_path: str, wait: float, notify: Callable[[str], None]) -> None:
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
        holder = _holder(fd)
        who = f"passerelle process {holder}" if holder else "another passerelle process"
        if time.monotonic() >= deadline:
            pid = f" (pid {holder})" if holder else ""
            raise LockError(
                f"another passerelle process{pid} is updating this tree",
                path=lock_path,
                hint="wait for it to finish, then run the command again",
            ) from None
        if not told:
            notify(f"passerelle: waiting for {who} holding {lock_path}...")
            told = True
        time.sleep(0.05)


def _holder(fd: int) -> int | None:
    """The pid the lock file names: its holder's, or a killed holder's."""
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None


#: The name :func:`_temporary` gives: ``.<target name>.<pid>.<counter>.tmp``.
_TEMPORARY = re.compile(r"^\.(.+)\.(\d+)\.\d+\.tmp$")


def sweep_temporaries(place: Path, since: int) -> list[Path]:
    """Remove the temporary files killed writes left; the paths removed.

    ``place`` is a folder (everything under it is looked at) or a file (only its own temporary
    files, beside it). Only stale ones go: named after a process that no longer runs, or older
    than ``since`` (the moment the caller took the lock that every writer of ``place`` holds;
    0 where no lock guards ``place``).
    """
    if place.is_dir():
        folders, target = [os.fspath(place)], None
    else:
        folders, target = [os.fspath(place.parent)], place.name
    removed = []
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            if target is None and entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
                continue
            found = _TEMPORARY.match(entry.name)
            if found is None or (target is not None and found.group(1) != target):
                continue
            with contextlib.suppress(OSError):
                stale = entry.stat(follow_symlinks=False).st_mtime_ns < since
                if entry.is_file(follow_symlinks=False) and (stale or not _alive(int(found[2]))):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    """Whether ``pid`` still runs. A zombie does not: a killed worker waits as one until its
    new parent reaps it, and the files it left are as stale as those of a vanished process."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return True  # no /proc here: the signal said it exists
    return stat[stat.rindex(b")") + 2 :][:1] not in (b"Z", b"X")
