"""Where every file of a project lives: its documents, their catalogs and outputs, the cache.

:class:`Layout` computes each path a project run reads or writes, and each goes through
:func:`passerelle.confine.confined`, so no link below the project root takes a run outside it.
Discovery also refuses what would make two documents one, or a catalog unreadable: two sources
with one document name (``guide.txt`` and ``guide.html`` would share ``guide.pot``), and file
names a PO reference cannot hold (a newline ends a ``#:`` line).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
from dataclasses import dataclass
from pathlib import Path

from passerelle.config import Config
from passerelle.confine import confined, is_inside, walk
from passerelle.errors import SourceError
from passerelle.formats import format_for_path
from passerelle.fsutil import tree_lock
from passerelle.steps.extract import check_reference

#: The file of the cache folder that holds the incremental state, and the last run's report.
STATE_FILE = "state.json"
LAST_RUN_FILE = "last-run.json"


@dataclass(frozen=True)
class SourceDocument:
    """A source document of the project; its catalogs and outputs follow from its name."""

    path: Path  # the source file
    name: str  # relative path without the last extension, e.g. "news/iblac-west-bund"
    format_name: str


@dataclass(frozen=True)
class Layout:
    """Every path of one project, from its settings; a plain value, so it travels to workers."""

    config: Config

    def inside(self, path: Path) -> Path:
        """``path``, once no link on its way from the project root leads out (see confine)."""
        return confined(self.config.root, path, self.config.follow_links)

    def shown(self, path: Path) -> str:
        """``path`` relative to the project root, as references and messages show it."""
        try:
            return str(path.relative_to(self.config.root))
        except ValueError:
            return str(path)

    def lock(self) -> contextlib.AbstractContextManager[None]:
        """The lock every command that writes into the project holds, taken in the project's
        real locales folder, never through a link (the lock file is the first thing a step
        writes).

        After a killed command it also clears what that command's writes left half-done in the
        catalogs, the outputs and the cache, which only holders of this lock write to.
        """
        config = self.config
        return tree_lock(
            self.inside(config.locales_dir),
            sweep=(config.locales_dir, config.build_dir, config.cache_dir),
        )

    def documents(self) -> list[SourceDocument]:
        """Source documents in a stable order (sorted relative paths); see :func:`_documents`."""
        return _documents(self.config)

    def template(self, doc: SourceDocument) -> Path:
        config = self.config
        return _placed(config.root, config.follow_links, config.locales_dir, "", f"{doc.name}.pot")

    def catalog(self, doc: SourceDocument, lang: str) -> Path:
        config = self.config
        return _placed(config.root, config.follow_links, config.locales_dir, lang, f"{doc.name}.po")

    def outputs(self, doc: SourceDocument, lang: str) -> list[Path]:
        """What a build writes for one document and language."""
        root, follow, top = self.config.root, self.config.follow_links, self.config.build_dir
        first = _placed(root, follow, top, lang, doc.name + doc.path.suffix)
        if doc.format_name == "text":
            return [first, _placed(root, follow, top, lang, doc.name + ".html")]
        return [first]

    def asset_output(self, lang: str, rel: str) -> Path:
        """Where a build puts a document's asset ``rel`` (relative to the source folder), so
        the page's relative reference finds it: ``build/<lang>/<rel>``."""
        root, follow, top = self.config.root, self.config.follow_links, self.config.build_dir
        return _placed(root, follow, top, lang, rel)

    def staged(self, folder: Path) -> Layout:
        """The same project with its outputs built into ``folder`` (a release's staging)."""
        return Layout(dataclasses.replace(self.config, build_dir=folder))

    def machine_object(self, doc: SourceDocument, lang: str) -> Path:
        """The MO file a release ships beside the outputs: ``<lang>/LC_MESSAGES/<doc>.mo``."""
        root, follow, top = self.config.root, self.config.follow_links, self.config.build_dir
        return _placed(root, follow, top, f"{lang}/LC_MESSAGES", f"{doc.name}.mo")

    def cache(self, name: str) -> Path:
        """A file of the project's cache folder (the run state, the draft cache)."""
        return self.inside(self.config.cache_dir / name)

    @property
    def state(self) -> Path:
        return self.cache(STATE_FILE)

    @property
    def last_run(self) -> Path:
        return self.cache(LAST_RUN_FILE)

    def dist(self, output: Path | None = None) -> Path:
        """Where a release goes: ``output`` when given, else the project's dist folder."""
        return self.inside((output or self.config.dist_dir).absolute())

    def inputs(self) -> tuple[Path, ...]:
        """The project's root and the folders it reads from: a release must replace none."""
        config = self.config
        return (config.root.absolute(), config.source_dir.absolute(), config.locales_dir.absolute())

    def language_catalogs(self, lang: str) -> list[Path]:
        """Every catalog under ``locales/<lang>/`` (sorted): a language's translation memory."""
        top = self.inside(self.config.locales_dir / lang)
        if not top.is_dir():
            return []
        found = [
            Path(entry.path)
            for _, _, entries in walk(self.config.root, top, self.config.follow_links)
            for entry in entries
            if entry.name.endswith(".po")
        ]
        return sorted(found)

    def referenced(self, reference: str) -> Path | None:
        """The project file a ``#:`` reference names, or None when it names one elsewhere.

        A template is an input like any other: one reference must not make a step read a file
        outside the project.
        """
        file = self.config.root / reference
        if ".." in file.parts or not is_inside(self.config.root, file):
            return None
        return self.inside(file)

    def catalog_template(self, path: Path) -> tuple[Path | None, str | None]:
        """The template and language of a catalog under ``locales/<lang>/``, when there is one."""
        try:
            rel = path.resolve().relative_to(self.config.locales_dir.resolve())
        except ValueError:
            return None, None
        if len(rel.parts) < 2:
            return None, None
        template = self.config.locales_dir.joinpath(*rel.parts[1:]).with_suffix(".pot")
        return (template if template.exists() else None), rel.parts[0]


def _documents(config: Config) -> list[SourceDocument]:
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
    shown = Layout(config).shown
    result: list[SourceDocument] = []
    owners: dict[str, str] = {}
    for rel in sorted(files):
        path = folder / rel
        try:
            fmt = format_for_path(path)
        except SourceError:
            continue
        check_reference(shown(path))
        stem, dot, _ = rel.rpartition(".")
        name = stem if dot and "/" not in rel[len(stem) :] else rel
        if name in owners:
            first = shown(folder / owners[name])
            raise SourceError(
                f"{first} and {shown(path)} are both document {name!r}: they would"
                f" share {shown(config.locales_dir / name)}.pot and its catalogs",
                hint="rename one of them",
            )
        owners[name] = rel
        result.append(SourceDocument(path, name, fmt.name))
    _LISTINGS[key[0]] = (key, tuple(result))
    return result


_Key = tuple[str, bool, tuple[tuple[str, int], ...]]
_LISTINGS: dict[str, tuple[_Key, tuple[SourceDocument, ...]]] = {}


def _walk(config: Config) -> tuple[list[str], list[tuple[str, int]]]:
    """Relative paths of the visible files of the source tree, and each folder with its mtime."""
    files: list[str] = []
    folders: list[tuple[str, int]] = []
    for rel_dir, path, entries in walk(config.root, config.source_dir, config.follow_links):
        folders.append((rel_dir, os.stat(path).st_mtime_ns))
        files.extend(f"{rel_dir}/{entry.name}" if rel_dir else entry.name for entry in entries)
    folders.sort()
    return files, folders


#: Paths remembered by :func:`_placed`: some hundred documents' worth. A project's paths are
#: not all kept, since every process of a run would hold them (about 0.5 kB each, 16 or more
#: per document), and one pass over a larger project than the cache holds finds none of them
#: again anyway.
PATH_CACHE = 4096


@functools.lru_cache(maxsize=PATH_CACHE)
def _placed(root: Path, follow: bool, top: Path, folder: str, name: str) -> Path:
    """``top/folder/name``, confined; every step of a document's job asks for the same few
    paths in turn, and building and checking a ``Path`` costs more than finding it again."""
    path = top / folder / name if folder else top / name
    return confined(root, path, follow)
