"""Where every file of a project lives: its documents, their catalogs and outputs, the cache.

Each path a project run reads or writes is computed here, and each goes through
:func:`passerelle.confine.confined`, so no link below the project root takes a run outside it.
Discovery also refuses what would make two documents one, or a catalog unreadable: two sources
with one document name (``guide.txt`` and ``guide.html`` would share ``guide.pot``), and file
names a PO reference cannot hold (a newline ends a ``#:`` line).
"""

from __future__ import annotations

import contextlib
import functools
import os
from dataclasses import dataclass
from pathlib import Path

from passerelle.config import Config
from passerelle.confine import confined, walk
from passerelle.errors import SourceError
from passerelle.formats import format_for_path
from passerelle.fsutil import tree_lock
from passerelle.steps.extract import check_reference


@dataclass(frozen=True)
class Document:
    """A source document and where its catalogs and outputs live."""

    path: Path  # the source file
    name: str  # relative path without the last extension, e.g. "news/iblac-west-bund"
    format_name: str


def inside(config: Config, path: Path) -> Path:
    """``path``, once no link on its way from the project root leads out (see confine)."""
    return confined(config.root, path, config.follow_links)


def project_lock(config: Config) -> contextlib.AbstractContextManager[None]:
    """The lock every command that writes into the project holds, taken in the project's real
    locales folder, never through a link (the lock file is the first thing a step writes).

    After a killed command it also clears what that command's writes left half-done in the
    catalogs, the outputs and the cache, which only holders of this lock write to.
    """
    return tree_lock(
        inside(config, config.locales_dir),
        sweep=(config.locales_dir, config.build_dir, config.cache_dir),
    )


def documents(config: Config) -> list[Document]:
    """Source documents in a stable order (sorted relative paths).

    The listing is remembered per process while no folder of the source tree changes (adding,
    removing or renaming a file changes its folder's mtime), since every step asks for it.
    """
    folder = config.source_dir
    if not folder.is_dir() and not folder.is_symlink():
        raise SourceError(
            "source folder not found", path=folder, hint="create it or set source-dir"
        )
    files, folders = _walk(config)
    key = (str(folder), config.follow_links, tuple(folders))
    cached = _LISTINGS.get(key[0])
    if cached is not None and cached[0] == key:
        return list(cached[1])
    result: list[Document] = []
    owners: dict[str, str] = {}
    for rel in sorted(files):
        path = folder / rel
        try:
            fmt = format_for_path(path)
        except SourceError:
            continue
        check_reference(_shown(config, path))
        stem, dot, _ = rel.rpartition(".")
        name = stem if dot and "/" not in rel[len(stem) :] else rel
        if name in owners:
            first = _shown(config, folder / owners[name])
            raise SourceError(
                f"{first} and {_shown(config, path)} are both document {name!r}: they would"
                f" share {_shown(config, config.locales_dir / name)}.pot and its catalogs",
                hint="rename one of them",
            )
        owners[name] = rel
        result.append(Document(path, name, fmt.name))
    _LISTINGS[key[0]] = (key, tuple(result))
    return result


_Key = tuple[str, bool, tuple[tuple[str, int], ...]]
_LISTINGS: dict[str, tuple[_Key, tuple[Document, ...]]] = {}


def _walk(config: Config) -> tuple[list[str], list[tuple[str, int]]]:
    """Relative paths of the visible files of the source tree, and each folder with its mtime."""
    files: list[str] = []
    folders: list[tuple[str, int]] = []
    for rel_dir, path, entries in walk(config.root, config.source_dir, config.follow_links):
        folders.append((rel_dir, os.stat(path).st_mtime_ns))
        files.extend(f"{rel_dir}/{entry.name}" if rel_dir else entry.name for entry in entries)
    folders.sort()
    return files, folders


def _shown(config: Config, path: Path) -> str:
    try:
        return str(path.relative_to(config.root))
    except ValueError:
        return str(path)


def template_path(config: Config, doc: Document) -> Path:
    return _placed(config.root, config.follow_links, config.locales_dir, "", f"{doc.name}.pot")


def catalog_path(config: Config, doc: Document, lang: str) -> Path:
    return _placed(config.root, config.follow_links, config.locales_dir, lang, f"{doc.name}.po")


def output_paths(config: Config, doc: Document, lang: str) -> list[Path]:
    """What a build writes for one document and language."""
    top, follow = config.build_dir, config.follow_links
    first = _placed(config.root, follow, top, lang, doc.name + doc.path.suffix)
    if doc.format_name == "text":
        return [first, _placed(config.root, follow, top, lang, doc.name + ".html")]
    return [first]


@functools.lru_cache(maxsize=8192)
def _placed(root: Path, follow: bool, top: Path, folder: str, name: str) -> Path:
    """``top/folder/name``, confined; every step asks for the same few paths of a document in
    turn, and building and checking a ``Path`` costs more than finding it again."""
    path = top / folder / name if folder else top / name
    return confined(root, path, follow)


def cache_file(config: Config, name: str) -> Path:
    """A file of the project's cache folder (the run state, the draft cache)."""
    return inside(config, config.cache_dir / name)


def language_catalogs(config: Config, lang: str) -> list[Path]:
    """Every catalog under ``locales/<lang>/`` (sorted): a language's translation memory."""
    top = inside(config, config.locales_dir / lang)
    if not top.is_dir():
        return []
    found = [
        Path(entry.path)
        for _, _, entries in walk(config.root, top, config.follow_links)
        for entry in entries
        if entry.name.endswith(".po")
    ]
    return sorted(found)
