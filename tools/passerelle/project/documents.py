"""One document's work: its template from the source, its catalogs brought up to the template,
its localised versions from the catalogs.

Each function writes only what changed, so a run with nothing new rewrites nothing and a second
``make`` leaves ``git status`` clean. The runner (:mod:`passerelle.project.runner`) calls them
for every stale document, with one worker or many.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from passerelle.config import Config
from passerelle.formats import FormatOptions, format_for_path
from passerelle.fsutil import read_utf8
from passerelle.po.catalog import (
    Catalog,
    Entry,
    read_catalog,
    same_entries,
    template_from_units,
    write_catalog,
)
from passerelle.po.revise import revise_catalog
from passerelle.project.assets import copy_assets
from passerelle.project.headers import catalog_fields, refresh_header, template_fields
from passerelle.project.layout import Layout, SourceDocument
from passerelle.steps.extract import Segmentation, document_units
from passerelle.steps.memory import Memory, shared_memory
from passerelle.steps.terminology import annotate_terms, project_glossary
from passerelle.steps.update.merge import MergeOptions, update_catalog

if TYPE_CHECKING:
    from passerelle.steps.build import Lookup
    from passerelle.units import Unit


def read_source(path: Path) -> str:
    """A source document's text; undecodable bytes are an error naming file and line."""
    return read_utf8(path)


def segmentation(config: Config) -> Segmentation:
    return Segmentation(config.segment, config.source_lang, config.srx)


def format_options(config: Config, path: Path | None = None) -> FormatOptions:
    """How formats read the document at ``path``: rules it links are looked for in the source
    folder and nowhere else."""
    return FormatOptions(
        source_lang=config.source_lang,
        its_rules=config.its_rules,
        document=path,
        source_root=config.source_dir,
    )


def source_units(layout: Layout, doc: SourceDocument) -> list[Unit]:
    """The units the source holds now, as extraction finds them."""
    config = layout.config
    fmt = format_for_path(doc.path, doc.format_name)
    text = read_source(doc.path)
    return document_units(
        fmt, text, layout.shown(doc.path), format_options(config, doc.path), segmentation(config)
    )


def extract_document(layout: Layout, doc: SourceDocument) -> tuple[Catalog, bool]:
    """Write the document's template if its entries changed; return it and whether it was."""
    fields = template_fields(layout.config)
    pot = template_from_units(source_units(layout, doc), project=fields["Project-Id-Version"])
    refresh_header(pot, fields)
    target = layout.template(doc)
    if target.exists():
        old = read_catalog(target)
        if same_entries(old, pot):
            if not refresh_header(old, fields):
                return old, False
            pot = old  # the same entries and creation date, under the project's own name
    write_catalog(target, pot)
    return pot, True


def update_in_memory(
    layout: Layout, doc: SourceDocument, lang: str, pot: Catalog
) -> tuple[Catalog, bool]:
    """The catalog brought up to its template (written if it changed), and whether it was.

    The catalog is handed back so the steps after it in the same job (checks, counts, builds)
    work on it without reading the file again.
    """
    config = layout.config
    options = MergeOptions(obsolete=config.obsolete)
    memory = language_memory(layout, lang)
    glossary = project_glossary(config)
    compendia = (
        shared_memory(*config.compendia, lang=lang, source_lang=config.source_lang)
        if config.compendia
        else None
    )

    def change(old: Catalog | None) -> Catalog | None:
        new = update_catalog(old, pot, lang, options=options, memory=memory, compendia=compendia)
        annotate_terms(new, glossary, lang)
        refresh_header(new, catalog_fields(config, lang, new.metadata))
        if old is not None and same_entries(old, new) and old.metadata == new.metadata:
            return None
        return new

    catalog, written = revise_catalog(layout.catalog(doc, lang), change)
    assert catalog is not None  # the change makes one where there was none
    return catalog, written


_MEMORIES: dict[tuple[str, str, bool], Memory] = {}


def language_memory(layout: Layout, lang: str) -> Memory:
    """Every catalog of ``lang`` as one memory, read on first use, once per process.

    An update calls the merge once per document; reading every catalog of the language for each
    of 10,000 documents would be quadratic. The catalogs are listed as the rest of the project
    is, so no link takes the memory outside the project.
    """
    config = layout.config
    key = (str(config.locales_dir.absolute()), lang, config.follow_links)
    if key not in _MEMORIES:

        def entries() -> Iterator[Entry]:
            for path in layout.language_catalogs(lang):
                yield from read_catalog(path)

        _MEMORIES[key] = Memory(entries)
    return _MEMORIES[key]


def build_document(
    layout: Layout,
    doc: SourceDocument,
    lang: str,
    *,
    include_fuzzy: bool = False,
    lookup: Lookup | None = None,
    link: bool = True,
) -> list[Path]:
    """Write the localised versions of one document; return the files that changed.

    ``lookup`` replaces the catalog on disk: a release builds from the snapshot it assessed, and
    links its pages itself (``link`` False) once it knows which languages ship.
    """
    if lookup is None:
        path = layout.catalog(doc, lang)
        catalog = read_catalog(path) if path.exists() else None
        lookup = catalog_lookup(catalog, include_fuzzy)
    return build_languages(layout, doc, {lang: lookup}, link=link)


def catalog_lookup(catalog: Catalog | None, include_fuzzy: bool = False) -> Lookup:
    """What a build takes from a catalog (nothing from a missing one)."""
    from passerelle.po.catalog import translations

    return translations(catalog, include_fuzzy=include_fuzzy) if catalog is not None else {}


def build_languages(
    layout: Layout, doc: SourceDocument, lookups: Mapping[str, Lookup], *, link: bool = True
) -> list[Path]:
    """Write one document's localised versions in every language of ``lookups``, reading and
    walking the source once for all of them, and copy its assets beside them; return the files
    that changed. An article page is linked to the versions a build makes (every language and
    draft language), through the same links a release gives it."""
    from passerelle.formats import get_format
    from passerelle.formats.article import to_html
    from passerelle.fsutil import write_atomic
    from passerelle.steps.build import make_translate

    config = layout.config
    seg, options = segmentation(config), format_options(config, doc.path)
    langs = list(lookups)
    targets = [
        (make_translate(lookups[lang], seg, lang, config.allowed_hosts), lang) for lang in langs
    ]
    text = read_source(doc.path)
    ref = layout.shown(doc.path)
    outputs = [format_for_path(doc.path, doc.format_name).write_all(text, ref, targets, options)]
    if doc.format_name == "text":
        page = to_html(text, config.source_lang)
        outputs.append(get_format("html").write_all(page, ref, targets, options))
    written = []
    for index, lang in enumerate(langs):
        for target, built in zip(layout.outputs(doc, lang), outputs, strict=True):
            page = built[index]
            if link and doc.format_name == "text" and target.suffix == ".html":
                page = _linked(layout, doc, lang, page)
            if write_atomic(target, page, durable=False):
                written.append(target)
        written.extend(copy_assets(layout, doc, lang))
    return written


def _linked(layout: Layout, doc: SourceDocument, lang: str, page: str) -> str:
    """An article page of a build with its ``hreflang`` links and language switcher."""
    from pathlib import PurePosixPath

    from passerelle.steps.release.files import link_page

    config = layout.config
    top = config.build_dir

    def rel(code: str) -> PurePosixPath:
        return PurePosixPath(layout.outputs(doc, code)[-1].relative_to(top).as_posix())

    codes = dict.fromkeys((*config.languages, *config.draft_languages))
    linked = link_page(page, rel(lang), {code: rel(code) for code in codes}, config.source_lang, "")
    return linked if linked is not None else page
