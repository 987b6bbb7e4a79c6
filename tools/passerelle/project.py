"""The project pipeline: source/ -> locales/*.pot -> locales/<lang>/*.po -> build/<lang>/.

Each step reads what the previous one wrote and writes only what changed, so a run with nothing
new rewrites nothing and a second ``make`` leaves ``git status`` clean.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from passerelle.catalog import (
    Catalog,
    Stats,
    catalog_stats,
    read_catalog,
    same_entries,
    template_from_units,
    write_catalog,
)
from passerelle.config import Config
from passerelle.errors import SourceError
from passerelle.extract import Segmentation, document_units
from passerelle.formats import FormatOptions, format_for_path
from passerelle.fsutil import read_utf8, tree_lock
from passerelle.merge import MergeOptions, shared_memory, update_catalog
from passerelle.state import State

if TYPE_CHECKING:
    from passerelle.build import Lookup


@dataclass(frozen=True)
class Document:
    """A source document and where its catalogs and outputs live."""

    path: Path  # the source file
    name: str  # relative path without the last extension, e.g. "news/iblac-west-bund"
    format_name: str


def read_source(path: Path) -> str:
    """A source document's text; undecodable bytes are an error naming file and line."""
    return read_utf8(path)


def documents(config: Config) -> list[Document]:
    """Source documents in a stable order (sorted relative paths).

    The listing is remembered per process while no folder of the source tree changes (adding,
    removing or renaming a file changes its folder's mtime), since every step asks for it.
    """
    folder = config.source_dir
    if not folder.is_dir():
        raise SourceError(
            "source folder not found", path=folder, hint="create it or set source-dir"
        )
    files, folders = _walk(str(folder))
    key = (str(folder), tuple(folders))
    cached = _LISTINGS.get(key[0])
    if cached is not None and cached[0] == key:
        return list(cached[1])
    result = []
    for rel in sorted(files):
        path = folder / rel
        try:
            fmt = format_for_path(path)
        except SourceError:
            continue
        stem, dot, _ = rel.rpartition(".")
        name = stem if dot and "/" not in rel[len(stem) :] else rel
        result.append(Document(path, name, fmt.name))
    _LISTINGS[key[0]] = (key, tuple(result))
    return result


_LISTINGS: dict[str, tuple[tuple[str, tuple[tuple[str, int], ...]], tuple[Document, ...]]] = {}


def _walk(top: str) -> tuple[list[str], list[tuple[str, int]]]:
    """Relative paths of the visible files below ``top``, and each folder with its mtime."""
    files: list[str] = []
    folders: list[tuple[str, int]] = []
    stack = [("", top)]
    while stack:
        rel_dir, path = stack.pop()
        folders.append((rel_dir, os.stat(path).st_mtime_ns))
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
                if entry.is_dir(follow_symlinks=True):
                    stack.append((rel, entry.path))
                elif entry.is_file(follow_symlinks=True):
                    files.append(rel)
    folders.sort()
    return files, folders


def template_path(config: Config, doc: Document) -> Path:
    return _joined(config.locales_dir, "", f"{doc.name}.pot")


def catalog_path(config: Config, doc: Document, lang: str) -> Path:
    return _joined(config.locales_dir, lang, f"{doc.name}.po")


@functools.lru_cache(maxsize=8192)
def _joined(top: Path, folder: str, name: str) -> Path:
    """``top/folder/name``; every step asks for the same few paths of a document in turn, and
    building a ``Path`` costs more than finding it again."""
    return top / folder / name if folder else top / name


def segmentation(config: Config) -> Segmentation:
    return Segmentation(config.segment, config.source_lang, config.srx)


def format_options(config: Config) -> FormatOptions:
    return FormatOptions(source_lang=config.source_lang, its_rules=config.its_rules)


def rel(config: Config, path: Path) -> str:
    """``path`` relative to the project root, as references and messages show it."""
    try:
        return str(path.relative_to(config.root))
    except ValueError:
        return str(path)


def extract_document(config: Config, doc: Document) -> tuple[Catalog, bool]:
    """Write the document's template if its entries changed; return it and whether it was."""
    fmt = format_for_path(doc.path, doc.format_name)
    text = read_source(doc.path)
    units = document_units(
        fmt, text, rel(config, doc.path), format_options(config), segmentation(config)
    )
    pot = template_from_units(units)
    target = template_path(config, doc)
    if target.exists():
        old = read_catalog(target)
        if same_entries(old, pot):
            return old, False
    write_catalog(target, pot)
    return pot, True


def update_document(config: Config, doc: Document, lang: str, pot: Catalog) -> bool:
    """Bring one catalog up to its template; True when the file changed."""
    return update_in_memory(config, doc, lang, pot)[1]


def update_in_memory(
    config: Config, doc: Document, lang: str, pot: Catalog
) -> tuple[Catalog, bool]:
    """The catalog brought up to its template (written if it changed), and whether it was.

    The catalog is handed back so the steps after it in the same job (checks, counts, builds)
    work on it without reading the file again.
    """
    path = catalog_path(config, doc, lang)
    old = read_catalog(path) if path.exists() else None
    new = update_catalog(
        old,
        pot,
        lang,
        options=MergeOptions(obsolete=config.obsolete),
        memory=shared_memory(config.locales_dir / lang),
        compendia=shared_memory(*config.compendia) if config.compendia else None,
    )
    if old is not None and same_entries(old, new) and old.metadata == new.metadata:
        return old, False
    return new, write_catalog(path, new)


def extract(config: Config) -> Iterator[tuple[Document, bool]]:
    """Templates for every document."""
    with tree_lock(config.locales_dir):
        for doc in documents(config):
            _, changed = extract_document(config, doc)
            yield doc, changed


def update(config: Config, languages: tuple[str, ...] | None = None) -> Iterator[tuple[Path, bool]]:
    """Catalogs for every document and language, from the templates on disk."""
    langs = languages or config.languages
    with tree_lock(config.locales_dir):
        for doc in documents(config):
            target = template_path(config, doc)
            if not target.exists():
                raise SourceError(
                    "no template yet", path=target, hint="run passerelle extract first"
                )
            pot = read_catalog(target)
            for lang in langs:
                yield catalog_path(config, doc, lang), update_document(config, doc, lang, pot)


def status(
    config: Config,
    languages: tuple[str, ...] | None = None,
    state: State | None = None,
) -> list[tuple[str, str, Stats]]:
    """``(lang, document, stats)`` for every catalog, missing ones counted as empty.

    With an incremental ``state``, counts of unchanged catalogs are remembered, not recounted.
    """
    rows = []
    for lang in languages or config.languages:
        for doc in documents(config):
            path = catalog_path(config, doc, lang)
            if state is None:
                rows.append((lang, doc.name, _document_stats(config, doc, path)))
                continue
            key, inputs = stats_memo(config, doc, lang)
            cached = state.remembered(key, inputs)
            if cached is None:
                stats = _document_stats(config, doc, path)
                state.remember(key, state.signature(inputs), list(dataclasses.astuple(stats)))
            else:
                stats = Stats(*cached)
            rows.append((lang, doc.name, stats))
    return rows


def stats_memo(config: Config, doc: Document, lang: str) -> tuple[str, list[Path]]:
    """Where the state keeps a catalog's counts, and the files they are counted from."""
    path = catalog_path(config, doc, lang)
    return f"stats:{path}", [path, template_path(config, doc)]


def _document_stats(config: Config, doc: Document, path: Path) -> Stats:
    if path.exists():
        return catalog_stats(read_catalog(path))
    if template_path(config, doc).exists():
        return template_stats(read_catalog(template_path(config, doc)))
    return Stats()


def template_stats(pot: Catalog) -> Stats:
    """A missing catalog's counts: its template's units and words, none translated."""
    counted = catalog_stats(pot)
    return Stats(counted.units, counted.words)


def output_paths(config: Config, doc: Document, lang: str) -> list[Path]:
    """What a build writes for one document and language."""
    suffix = doc.path.suffix
    first = _joined(config.build_dir, lang, doc.name + suffix)
    if doc.format_name == "text":
        return [first, _joined(config.build_dir, lang, doc.name + ".html")]
    return [first]


def build_document(
    config: Config,
    doc: Document,
    lang: str,
    *,
    include_fuzzy: bool = False,
    lookup: Lookup | None = None,
) -> list[Path]:
    """Write the localised versions of one document; return the files that changed.

    ``lookup`` replaces the catalog on disk: a release builds from the snapshot it assessed.
    """
    if lookup is None:
        path = catalog_path(config, doc, lang)
        catalog = read_catalog(path) if path.exists() else None
        lookup = catalog_lookup(catalog, include_fuzzy)
    return build_languages(config, doc, {lang: lookup})


def catalog_lookup(catalog: Catalog | None, include_fuzzy: bool = False) -> Lookup:
    """What a build takes from a catalog (nothing from a missing one)."""
    from passerelle.catalog import translations

    return translations(catalog, include_fuzzy=include_fuzzy) if catalog is not None else {}


def build_languages(config: Config, doc: Document, lookups: Mapping[str, Lookup]) -> list[Path]:
    """Write one document's localised versions in every language of ``lookups``, reading and
    walking the source once for all of them; return the files that changed."""
    from passerelle.build import make_translate
    from passerelle.formats import get_format
    from passerelle.formats.text import to_html
    from passerelle.fsutil import write_atomic

    seg, options = segmentation(config), format_options(config)
    langs = list(lookups)
    targets = [
        (make_translate(lookups[lang], seg, lang, config.allowed_hosts), lang) for lang in langs
    ]
    text = read_source(doc.path)
    ref = rel(config, doc.path)
    outputs = [format_for_path(doc.path, doc.format_name).write_all(text, ref, targets, options)]
    if doc.format_name == "text":
        page = to_html(text, config.source_lang)
        outputs.append(get_format("html").write_all(page, ref, targets, options))
    written = []
    for index, lang in enumerate(langs):
        for target, built in zip(output_paths(config, doc, lang), outputs, strict=True):
            if write_atomic(target, built[index], durable=False):
                written.append(target)
    return written


def build(
    config: Config, languages: tuple[str, ...] | None = None, *, include_fuzzy: bool = False
) -> Iterator[Path]:
    """Localised documents for every language; yields the files written."""
    for lang in languages or config.languages:
        for doc in documents(config):
            yield from build_document(config, doc, lang, include_fuzzy=include_fuzzy)
