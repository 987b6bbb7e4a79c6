"""A project's catalogs out to CAT tools as XLIFF, and their work back in.

Export writes one XLIFF file per document and language, ``<out>/<lang>/<doc>.xlf``. Import reads
every file first and refuses the lot, writing nothing, when one of them cannot be used (not
XLIFF, a version not read, a language or document the project lacks, a unit id no export made);
then it applies each file to its catalog under the project's lock, through the same
read-modify-write every command uses (:mod:`passerelle.po.revise`), so a translator's save in
between is never undone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from passerelle.config import project_languages
from passerelle.errors import ConfigError
from passerelle.exchange.apply import Notice, apply_units, catalog_index, made_by_export
from passerelle.exchange.model import exchange_units
from passerelle.exchange.validation import validate_export
from passerelle.exchange.xliff import XliffFile, read_xliff, write_xliff
from passerelle.exchange.xmlsafe import ExchangeError
from passerelle.fsutil import write_atomic
from passerelle.po.catalog import Catalog, read_catalog
from passerelle.po.revise import revise_catalog
from passerelle.project.layout import Layout, SourceDocument


def export_xliff(
    layout: Layout,
    version: str,
    languages: tuple[str, ...],
    out: Path,
    *,
    copy_source: bool = False,
) -> list[Path]:
    """Every existing catalog of ``languages`` as XLIFF ``version``; returns the files written
    or already up to date."""
    config = layout.config
    written: list[Path] = []
    for doc in layout.documents():
        for lang in languages:
            catalog_path = layout.catalog(doc, lang)
            if not catalog_path.is_file():
                continue
            catalog = read_catalog(catalog_path)
            try:
                data = write_xliff(
                    version,
                    exchange_units(catalog),
                    original=doc.name,
                    source_lang=config.source_lang,
                    target_lang=lang,
                    copy_source=copy_source,
                )
            except ValueError as exc:
                raise ExchangeError(
                    f"cannot be written as XLIFF {version}: {exc}",
                    path=layout.shown(catalog_path),
                    hint="export as XLIFF 2.1, which writes such characters as <cp>",
                ) from None
            target = out / lang / f"{doc.name}.xlf"
            validate_export(version, data, layout.shown(catalog_path))
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, data)
            written.append(target)
    return written


@dataclass
class ImportReport:
    """What an import did: catalogs written, units applied, units left out (file, notice)."""

    written: list[Path] = field(default_factory=list)
    applied: int = 0
    rejected: list[tuple[Path, Notice]] = field(default_factory=list)
    stale: list[tuple[Path, Notice]] = field(default_factory=list)


@dataclass(frozen=True)
class _Job:
    file: XliffFile
    catalog: Path


def import_xliff(layout: Layout, paths: list[Path]) -> ImportReport:
    """Apply XLIFF files to their catalogs (see the module's docstring)."""
    jobs = [job for path in paths for job in _jobs(layout, path)]
    report = ImportReport()
    with layout.lock():
        for job in jobs:
            _import_one(job, report)
    return report


def _jobs(layout: Layout, path: Path) -> list[_Job]:
    """The catalogs an XLIFF file's ``<file>`` elements go to, every unit id checked."""
    documents = {doc.name: doc for doc in layout.documents()}
    jobs = []
    for file in read_xliff(path):
        try:
            project_languages(layout.config, (file.target_lang,), key="target language")
        except ConfigError as exc:
            raise ExchangeError(exc.message, path=path, line=file.line, hint=exc.hint) from None
        doc: SourceDocument | None = documents.get(file.original)
        if doc is None:
            raise ExchangeError(
                f"document {file.original!r} is not in this project",
                path=path,
                line=file.line,
                hint="import files exported from this project",
            )
        catalog_path = layout.catalog(doc, file.target_lang)
        if not catalog_path.is_file():
            raise ExchangeError(
                f"no catalog {layout.shown(catalog_path)} to import into",
                path=path,
                line=file.line,
                hint="run passerelle update first",
            )
        _check_ids(file, read_catalog(catalog_path))
        jobs.append(_Job(file, catalog_path))
    return jobs


def _check_ids(file: XliffFile, catalog: Catalog) -> None:
    """Every unit names an entry of the catalog, or one whose French has changed since."""
    index = catalog_index(catalog)
    for unit in file.units:
        if unit.id not in index and not made_by_export(unit):
            raise ExchangeError(
                f"unknown unit id {unit.id!r}",
                path=file.path,
                line=unit.line,
                hint="import files exported from this project, ids unchanged",
            )


def _import_one(job: _Job, report: ImportReport) -> None:
    outcome = None

    def change(catalog: Catalog | None) -> Catalog | None:
        nonlocal outcome
        if catalog is None:
            return None
        outcome = apply_units(catalog, job.file.units)
        return catalog if outcome.applied else None

    _, written = revise_catalog(job.catalog, change)
    if written:
        report.written.append(job.catalog)
    if outcome is not None:
        report.applied += outcome.applied
        report.rejected.extend((job.file.path, notice) for notice in outcome.rejected)
        report.stale.extend((job.file.path, notice) for notice in outcome.stale)
