"""Atomic writes and tree locks: content, modes, unchanged files, missing folders, no
leftovers, and locks that name their holder and go with it."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import stat
import subprocess
import sys
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pytest

from lockholder import lock_held_elsewhere
from passerelle.errors import LockError
from passerelle.fsutil import sha256_file, sweep_temporaries, tree_lock, write_atomic

_TEXT: dict[str, Any] = {"capture_output": True, "text": True, "check": True}


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_in_a_missing_folder_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        target = tmp_path / "a" / "b" / "x.po"
        assert write_atomic(target, "bonjour\n")
    finally:
        os.umask(old)
    assert target.read_text(encoding="utf-8") == "bonjour\n"
    assert _mode(target) == 0o640
    assert sorted(p.name for p in target.parent.iterdir()) == ["x.po"]


def test_replacing_keeps_the_existing_mode(tmp_path: Path) -> None:
    target = tmp_path / "x.po"
    target.write_text("un\n", encoding="utf-8")
    target.chmod(0o600)
    assert write_atomic(target, "deux\n")
    assert target.read_text(encoding="utf-8") == "deux\n"
    assert _mode(target) == 0o600


def test_unchanged_content_is_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "x.po"
    assert write_atomic(target, b"same")
    before = target.stat().st_mtime_ns
    os.utime(target, ns=(before - 10**9, before - 10**9))
    assert not write_atomic(target, "same")
    assert target.stat().st_mtime_ns == before - 10**9
    assert write_atomic(target, "other")


def test_a_leftover_temporary_name_is_skipped(tmp_path: Path) -> None:
    import passerelle.fsutil as fsutil

    upcoming = next(fsutil._TEMP_COUNTER) + 1
    stale = tmp_path / f".x.po.{os.getpid()}.{upcoming}.tmp"
    stale.write_text("left by a crash", encoding="utf-8")
    assert write_atomic(tmp_path / "x.po", "fresh")
    assert (tmp_path / "x.po").read_text(encoding="utf-8") == "fresh"
    assert stale.read_text(encoding="utf-8") == "left by a crash"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "x.po"
    target.write_text("old", encoding="utf-8")

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.po"]


def _hold_and_write(folder: str, target: str) -> None:  # pragma: no cover - runs in a child
    """Take the lock, then write ``target`` and die the instant before the rename."""
    with tree_lock(folder):
        write_atomic(target, "new\n", before_replace=lambda: os.kill(os.getpid(), signal.SIGKILL))


def test_a_writer_killed_before_the_rename_leaves_the_old_file_and_is_cleaned_up(
    tmp_path: Path,
) -> None:
    target = tmp_path / "x.po"
    target.write_text("old\n", encoding="utf-8")
    child = multiprocessing.get_context("fork").Process(
        target=_hold_and_write, args=(str(tmp_path), str(target))
    )
    child.start()
    child.join(timeout=10)
    assert child.exitcode == -signal.SIGKILL
    assert target.read_text(encoding="utf-8") == "old\n"
    left = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1 and left[0].name.startswith(f".x.po.{child.pid}.")
    assert left[0].read_text(encoding="utf-8") == "new\n"  # complete, but never renamed
    notices: list[str] = []
    with tree_lock(tmp_path, wait=0, sweep=(tmp_path,), notify=notices.append):
        assert not left[0].exists()  # the killed holder's leftovers go when the lock is taken
    assert notices == []
    assert target.read_text(encoding="utf-8") == "old\n"


def test_only_stale_temporaries_are_swept(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], **_TEXT)
    gone = dead.stdout.strip()
    stale = tmp_path / "sub" / f".a.po.{gone}.3.tmp"  # its writer no longer runs
    old = tmp_path / f".b.po.{os.getpid()}.1.tmp"  # older than the lock: its writer let go
    live = tmp_path / f".b.po.{os.getpid()}.7.tmp"  # being written by a live lock holder
    foreign = [tmp_path / "notes.tmp", tmp_path / ".editor-swap.tmp", tmp_path / f".a.{gone}.tmp"]
    for path in (stale, old, live, *foreign):
        path.parent.mkdir(exist_ok=True)
        path.write_text("x", encoding="utf-8")
    os.utime(old, ns=(10**18, 10**18))
    since = 10**18 + 1
    os.utime(live, ns=(since + 10**9, since + 10**9))
    assert sorted(sweep_temporaries(tmp_path, since)) == sorted([stale, old])
    assert live.exists() and all(path.exists() for path in foreign)


def test_sweeping_for_one_file_touches_only_its_own_temporaries(tmp_path: Path) -> None:
    mine = tmp_path / f".x.po.{os.getpid()}.1.tmp"
    other = tmp_path / f".y.po.{os.getpid()}.1.tmp"
    for path in (mine, other):
        path.write_text("x", encoding="utf-8")
        os.utime(path, ns=(10**18, 10**18))
    assert sweep_temporaries(tmp_path / "x.po", 10**18 + 1) == [mine]
    assert other.exists()


def test_a_second_holder_is_told_once_whom_it_waits_for(tmp_path: Path) -> None:
    notices: list[str] = []
    with lock_held_elsewhere(tmp_path) as holder, pytest.raises(LockError) as failure:
        with tree_lock(tmp_path, wait=0.3, notify=notices.append):
            pass
    lock = tmp_path / ".passerelle.lock"
    assert notices == [f"passerelle: waiting for passerelle process {holder} holding {lock}..."]
    assert f"another passerelle process (pid {holder}) is updating" in str(failure.value)
    with tree_lock(tmp_path, wait=0, notify=notices.append):
        assert lock.read_text(encoding="ascii") == f"{os.getpid()}\n"
    assert lock.read_text(encoding="ascii") == ""  # released: nobody named


def _linger(started: Connection, release: Connection) -> None:  # pragma: no cover - child
    started.send("started")
    release.recv()


def test_a_forked_child_does_not_keep_the_lock(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    started, started_in_child = context.Pipe()
    release_in_child, release = context.Pipe()
    with tree_lock(tmp_path):
        child = context.Process(target=_linger, args=(started_in_child, release_in_child))
        child.start()
        assert started.recv() == "started"
    try:
        with tree_lock(tmp_path, wait=0):  # would fail if the child shared the lock
            pass
    finally:
        release.send("done")
        child.join(timeout=10)


def test_the_same_thread_can_take_a_lock_it_holds(tmp_path: Path) -> None:
    with tree_lock(tmp_path), tree_lock(tmp_path, wait=0):
        pass
    with tree_lock(tmp_path, wait=0):
        pass


def test_sha256_file_reads_in_chunks_what_hashlib_reads_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    data = bytes(range(256)) * 1000  # several chunks and a partial one
    path.write_bytes(data)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest()
