"""The project pipeline: source/ -> locales/*.pot -> locales/<lang>/*.po -> build/<lang>/.

Each step reads what the previous one wrote and writes only what changed, so a run with nothing
new rewrites nothing and a second ``make`` leaves ``git status`` clean.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from passerelle.config import Config
from passerelle.errors import SourceError
from passerelle.formats import FormatOptions, format_for_path
from passerelle.fsutil import read_utf8
from passerelle.po.catalog import (
    Catalog,
    Entry,
    Stats,
    catalog_stats,
    read_catalog,
    same_entries,
    template_from_units,
    write_catalog,
)
from passerelle.po.revise import revise_catalog
from passerelle.project.layout import Document as Document
from passerelle.project.layout import catalog_path as catalog_path
from passerelle.project.layout import documents as documents
from passerelle.project.layout import inside as inside
from passerelle.project.layout import language_catalogs as language_catalogs
from passerelle.project.layout import output_paths as output_paths
from passerelle.project.layout import project_lock as project_lock
from passerelle.project.layout import template_path as template_path
from passerelle.project.state import State
from passerelle.steps.extract import Segmentation, document_units
from passerelle.steps.update.memory import Memory, shared_memory
from passerelle.steps.update.merge import MergeOptions, update_catalog

if TYPE_CHECKING:
    from passerelle.steps.build import Lookup


def read_source(path: Path) -> str:
    """A source document's text; undecodable bytes are an error naming file and line."""
    return read_utf8(path)


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
    options = MergeOptions(obsolete=config.obsolete)
    memory = language_memory(config, lang)
    compendia = shared_memory(*config.compendia) if config.compendia else None

    def change(old: Catalog | None) -> Catalog | None:
        new = update_catalog(old, pot, lang, options=options, memory=memory, compendia=compendia)
        if old is not None and same_entries(old, new) and old.metadata == new.metadata:
            return None
        return new

    catalog, written = revise_catalog(catalog_path(config, doc, lang), change)
    assert catalog is not None  # the change makes one where there was none
    return catalog, written


_MEMORIES: dict[tuple[str, bool], Memory] = {}


def language_memory(config: Config, lang: str) -> Memory:
    """Every catalog of ``lang`` as one memory, read on first use, once per process.

    An update calls the merge once per document; reading every catalog of the language for each
    of 10,000 documents would be quadratic. The catalogs are listed as the rest of the project
    is, so no link takes the memory outside the project.
    """
    key = (str(config.locales_dir.absolute() / lang), config.follow_links)
    if key not in _MEMORIES:

        def entries() -> Iterator[Entry]:
            for path in language_catalogs(config, lang):
                yield from read_catalog(path)

        _MEMORIES[key] = Memory(entries)
    return _MEMORIES[key]


def extract(config: Config) -> Iterator[tuple[Document, bool]]:
    """Templates for every document."""
    with project_lock(config):
        for doc in documents(config):
            _, changed = extract_document(config, doc)
            yield doc, changed


def update(config: Config, languages: tuple[str, ...] | None = None) -> Iterator[tuple[Path, bool]]:
    """Catalogs for every document and language, from the templates on disk."""
    langs = languages or config.languages
    with project_lock(config):
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
    from passerelle.po.catalog import translations

    return translations(catalog, include_fuzzy=include_fuzzy) if catalog is not None else {}


def build_languages(config: Config, doc: Document, lookups: Mapping[str, Lookup]) -> list[Path]:
    """Write one document's localised versions in every language of ``lookups``, reading and
    walking the source once for all of them; return the files that changed."""
    from passerelle.formats import get_format
    from passerelle.formats.text import to_html
    from passerelle.fsutil import write_atomic
    from passerelle.steps.build import make_translate

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
