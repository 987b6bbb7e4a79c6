"""Incremental runs: content hashes decide what to redo.

Every step of the pipeline records, per unit of work (one document, or one document in one
language), a signature of its inputs and outputs. A later run redoes the work only when a
signature differs. File signatures are content hashes; the file's size and mtime are kept beside
the hash only to avoid re-reading files that were not touched, so a no-op run over tens of
thousands of files costs one ``stat`` each and no reads.

The state lives in ``<cache-dir>/state.json`` and is written atomically; losing it costs a full
run, never a wrong result.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from passerelle.fsutil import sha256_file, write_atomic_chunks

STATE_VERSION = 1


class State:
    """Signatures of the last successful run, keyed by step and unit of work."""

    def __init__(self, path: Path | None, settings: str) -> None:
        """Load the state saved at ``path``; with no path, start empty and keep it in memory."""
        self.path = path
        self.settings = settings
        self.files: dict[str, list[Any]] = {}
        self.steps: dict[str, str] = {}
        self.memos: dict[str, list[Any]] = {}
        self.dirty = False
        self._seen: dict[str, str] = {}
        # Steps and memos known to match the files as they now stand, in this run: recorded
        # here or by a worker, or checked once. Only :meth:`touched` with no paths forgets them.
        self._current: set[str] = set()
        # True when every memo is known to match the files as they now stand (the tree is as
        # the last complete run left it): a memo is then taken without a look at its inputs.
        self.trusted = False
        if path is None:
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if data.get("version") == STATE_VERSION and data.get("settings") == settings:
            self.files = data.get("files", {})
            self.steps = data.get("steps", {})
            self.memos = data.get("memos", {})

    def digest(self, path: Path) -> str:
        """The content hash of ``path`` ("-" if missing), read only when its stat changed.

        Within one run a path is looked at once; :meth:`touched` forgets paths a step rewrote.
        """
        key = str(path)
        seen = self._seen.get(key)
        if seen is not None:
            return seen
        self._seen[key] = digest = self._digest(path, key)
        return digest

    def touched(self, paths: Iterable[str | Path] | None = None) -> None:
        """Forget what this run saw of ``paths`` (all paths if None): a step rewrote them."""
        if paths is None:
            self._seen.clear()
            self._current.clear()
        else:
            for path in paths:
                self._seen.pop(str(path), None)
                self._seen.pop(f"{path}\0", None)

    def _digest(self, path: Path, key: str) -> str:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            if key in self.files:
                del self.files[key]
                self.dirty = True
            return "-"
        known = self.files.get(key)
        if known is not None and known[0] == st.st_size and known[1] == st.st_mtime_ns:
            return str(known[2])
        digest = sha256_file(path)
        self.files[key] = [st.st_size, st.st_mtime_ns, digest]
        self.dirty = True
        return digest

    def stamp(self, path: Path) -> str:
        """Size and mtime of an output ("-" if missing), looked at once per run.

        An output is only ever compared with what the step that wrote it left, so a ``stat``
        tells whether it is still that file; hashing it would mean reading back every file a
        run writes. Content hashes are for inputs, where they decide what to redo.
        """
        key = f"{path}\0"
        seen = self._seen.get(key)
        if seen is None:
            try:
                st = os.stat(path)
                seen = f"{st.st_size}:{st.st_mtime_ns}"
            except FileNotFoundError:
                seen = "-"
            self._seen[key] = seen
        return seen

    def signature(self, inputs: Iterable[Path], outputs: Iterable[Path] = ()) -> str:
        """One string standing for the content of every input and the files a step wrote."""
        parts = [f"{p}={self.digest(p)}" for p in inputs]
        parts.append("->")
        parts.extend(f"{p}={self.stamp(p)}" for p in outputs)
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def fresh(self, step: str, inputs: Iterable[Path], outputs: Iterable[Path] = ()) -> bool:
        """True when ``step`` already ran on exactly these inputs and left these outputs."""
        if step in self._current:
            return True
        recorded = self.steps.get(step)
        if recorded is None or recorded != self.signature(inputs, outputs):
            return False
        self._current.add(step)
        return True

    def record(self, step: str, inputs: Iterable[Path], outputs: Iterable[Path] = ()) -> None:
        """Remember that ``step`` ran on these inputs and produced these outputs."""
        signature = self.signature(inputs, outputs)
        if self.steps.get(step) != signature:
            self.steps[step] = signature
            self.dirty = True

    def remembered(self, key: str, inputs: Iterable[Path]) -> Any:
        """The value remembered for ``key`` if its inputs are unchanged since, else None.

        Nothing is hashed for a key never remembered, nor for one already found current in
        this run: a run over a large project asks for every document's findings and counts.
        """
        memo = self.memos.get(key)
        if memo is None:
            return None
        if key in self._current or memo[0] == self.signature(inputs):
            self._current.add(key)
            return memo[1]
        return None

    def recall(self, key: str) -> Any:
        """The value remembered for ``key`` when it is known current without looking at its
        inputs (found current in this run, or the whole state is :attr:`trusted`), else None:
        the caller then asks :meth:`remembered` with the inputs."""
        memo = self.memos.get(key)
        if memo is None or not (self.trusted or key in self._current):
            return None
        return memo[1]

    def remember(self, key: str, signature: str, value: Any) -> None:
        """Keep a JSON-able ``value`` (findings, counts) computed from inputs with ``signature``."""
        self.memos[key] = [signature, value]
        self._current.add(key)
        self.dirty = True

    def merge(
        self,
        other_files: dict[str, list[Any]],
        other_steps: dict[str, str],
        other_memos: dict[str, list[Any]] | None = None,
    ) -> None:
        """Fold in what a worker process learned (the files it wrote, the steps it ran, the
        findings and counts it remembered)."""
        if other_files or other_steps or other_memos:
            self.files.update(other_files)
            self.steps.update(other_steps)
            self.memos.update(other_memos or {})
            self._current.update(other_steps)
            self._current.update(other_memos or {})
            self.touched(other_files)
            self.dirty = True

    def save(self) -> None:
        """Write the state as ``json.dumps(..., separators=(",", ":"), sort_keys=True)`` would,
        a slice of each table at a time: the whole text of a large project's state (tens of
        megabytes, and as much again encoded) is never held at once."""
        if not self.dirty or self.path is None:
            return
        data = {
            "version": STATE_VERSION,
            "settings": self.settings,
            "files": self.files,
            "steps": self.steps,
            "memos": self.memos,
        }
        write_atomic_chunks(self.path, json_chunks(data), durable=False)
        self.dirty = False


#: Entries of a table encoded at a time when the state is saved.
SAVE_SLICE = 500


def json_chunks(data: dict[str, Any]) -> Iterator[str]:
    """Compact, key-sorted JSON of ``data`` in pieces; the tables (dicts) a slice at a time."""
    yield "{"
    for number, key in enumerate(sorted(data)):
        yield ("," if number else "") + json.dumps(key) + ":"
        value = data[key]
        if not isinstance(value, dict) or not value:
            yield json.dumps(value, separators=(",", ":"), sort_keys=True)
            continue
        names = sorted(value)
        for start in range(0, len(names), SAVE_SLICE):
            part = {name: value[name] for name in names[start : start + SAVE_SLICE]}
            text = json.dumps(part, separators=(",", ":"), sort_keys=True)
            yield ("{" if start == 0 else ",") + text[1:-1]
        yield "}"
    yield "}"
