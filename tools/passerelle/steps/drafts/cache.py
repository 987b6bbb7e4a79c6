"""The persistent draft cache: what an online engine answered is never paid for twice.

One SQLite file in the cache folder. The key is a hash of engine, options (the server URL and
settings, never a key), languages and the protected text as sent; the value is the engine's raw
answer, so restoring and verifying run again on every use. Writes are committed per batch, so an
interrupted run keeps everything it received.

The cache never fails a run over its contents: text that is not valid Unicode is neither stored
nor returned (an engine may answer a lone surrogate; the file may have been edited), and deleted
rows are overwritten on disk (``secure_delete``), so an answer dropped for holding a key is gone.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from passerelle.errors import EngineError

FILENAME = "drafts.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    key TEXT PRIMARY KEY,
    engine TEXT NOT NULL,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    answer TEXT NOT NULL
)
"""


def cache_key(engine: str, options: str, source: str, target: str, text: str) -> str:
    """A stable digest of everything that determines an engine's answer."""
    payload = json.dumps([engine, options, source, target, text], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _text(value: bytes | str) -> str | None:
    if isinstance(value, str):
        return value
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return None


class DraftCache:
    """A key -> answer store; ``None`` as folder gives a cache that forgets (``--no-cache``)."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / FILENAME if folder is not None else None
        self._db: sqlite3.Connection | None = None
        if self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path)
                self._db.text_factory = bytes  # decoded by us, so bad bytes cannot raise
                self._db.execute("PRAGMA secure_delete = ON")
                self._db.execute(_SCHEMA)
                self._db.commit()
            except (OSError, sqlite3.Error) as exc:
                raise EngineError(
                    f"cannot open the draft cache: {exc}",
                    path=self.path,
                    hint="check the cache-dir setting, or delete the file to start afresh",
                ) from None

    def get_many(self, keys: list[str]) -> dict[str, str]:
        """The cached answers among ``keys``."""
        if self._db is None or not keys:
            return {}
        found: dict[str, str] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key, answer FROM drafts WHERE key IN ({marks})", chunk)
            for key, answer in rows:
                name, text = _text(key), _text(answer)
                if name is not None and text is not None:
                    found[name] = text
        return found

    def put_many(self, rows: list[tuple[str, str, str, str, str]]) -> None:
        """Store ``(key, engine, source, target, answer)`` rows and commit; rows holding text
        that is not valid Unicode are left out (SQLite could not encode them)."""
        if self._db is None:
            return
        sound = [row for row in rows if all(_encodable(value) for value in row)]
        if sound:
            self._db.executemany("INSERT OR REPLACE INTO drafts VALUES (?, ?, ?, ?, ?)", sound)
            self._db.commit()

    def discard(self, keys: list[str]) -> None:
        """Forget the answers for ``keys`` (answers no longer fit to be drafts)."""
        if self._db is None or not keys:
            return
        self._db.executemany("DELETE FROM drafts WHERE key = ?", [(key,) for key in keys])
        self._db.commit()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
