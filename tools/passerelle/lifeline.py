"""Worker processes end with the process that started them.

A worker left behind by a killed command keeps working on a tree nobody watches any more, holds
its files open and, before it knew better, its lock. Two ties cut it loose: on Linux the kernel
kills the worker when its parent ends (``PR_SET_PDEATHSIG``), and everywhere a thread watches
the pipe that multiprocessing keeps open to the parent and ends the worker when it closes. The
second is what reaches workers of a fork server, whose parent is the fork server, not the
command.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading

_PR_SET_PDEATHSIG = 1


def follow_parent(parent_pid: int | None = None) -> None:
    """Call first thing in a worker: it then ends when its parent (or the command) ends.

    ``parent_pid`` is the pid the worker's parent had before forking it: if the parent is
    already gone by the time the tie is made, the worker ends at once instead of never. The
    kernel's tie is to the parent *thread*, so workers must be started from a thread that
    lives as long as the command (Passerelle starts them from the main thread).
    """
    _die_with_parent()
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)
    parent = multiprocessing.parent_process()
    sentinel = getattr(parent, "sentinel", None)
    if isinstance(sentinel, int):
        watcher = threading.Thread(target=_watch, args=(sentinel,), daemon=True)
        watcher.start()


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # here: only workers pay for it

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)  # the interpreter's own C library
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _watch(sentinel: int) -> None:
    """Wait for the parent's end of the pipe to close, then end this process at once."""
    with contextlib.suppress(OSError, ValueError):
        multiprocessing.connection.wait([sentinel])
        os._exit(1)
