"""Atomic writes: content, modes, unchanged files, missing folders, no leftovers."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from passerelle.fsutil import write_atomic


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
