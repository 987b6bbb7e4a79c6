"""Releases: ship each (document, language) that is complete enough and passes the checks, and
say why the others are held back.

A release reads every catalog once, under the locales lock, and builds from that snapshot, so the
manifest describes exactly what was built. The source-language pages ship too (``dist/fr/``): they
are what ``x-default`` points at. Everything is written into a staging folder that replaces
``dist/`` only when complete (see :mod:`passerelle.steps.release.folder`); nothing in the output
depends on the clock unless SOURCE_DATE_EPOCH asks for a date.
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from passerelle.clock import source_date
from passerelle.config import Config, validate_locale
from passerelle.errors import CatalogError
from passerelle.formats import format_for_path
from passerelle.fsutil import write_atomic
from passerelle.po.catalog import Catalog, Stats, catalog_stats, read_catalog, translations
from passerelle.project import documents as project
from passerelle.steps.extract import document_units
from passerelle.steps.release.files import (
    alternate_links,
    insert_in_head,
    is_page,
    mo_bytes,
    page_versions,
)
from passerelle.steps.release.folder import (
    ReleaseError,
    file_hashes,
    guard,
    staged,
    stamp_tree,
    write_manifest,
)
from passerelle.steps.release.manifest import manifest

__all__ = ["Release", "ReleaseError", "Verdict", "release_project"]

CHECKS_MISSING = (
    "checks are not available (passerelle.steps.checks is missing): nothing was checked"
)

Key = tuple[str | None, str]


@dataclass(frozen=True)
class Verdict:
    """Whether one document ships in one language, and why not."""

    document: str
    lang: str
    stats: Stats
    check_errors: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()

    @property
    def shipped(self) -> bool:
        return not self.reasons


@dataclass(frozen=True)
class Release:
    """What a release decided and where it went; ``published`` is False when a required
    language was not ready (then nothing was written)."""

    output: Path
    threshold: float
    source_lang: str
    verdicts: tuple[Verdict, ...]
    checks_available: bool
    unmet: tuple[str, ...] = ()
    published: bool = False

    def by_language(self) -> dict[str, list[Verdict]]:
        result: dict[str, list[Verdict]] = {}
        for verdict in self.verdicts:
            result.setdefault(verdict.lang, []).append(verdict)
        return result

    @property
    def shipped_languages(self) -> list[str]:
        """Target languages with at least one document shipped."""
        return [lang for lang, vs in self.by_language().items() if any(v.shipped for v in vs)]

    @property
    def refused_languages(self) -> list[str]:
        """Target languages with no document shipped."""
        return [lang for lang, vs in self.by_language().items() if not any(v.shipped for v in vs)]

    def unmet_message(self) -> str:
        """Why each required language cannot ship, one clause per refused document."""
        parts = []
        for lang in self.unmet:
            why = [
                f"{v.document}: {'; '.join(v.reasons)}"
                for v in self.by_language().get(lang, [])
                if not v.shipped
            ]
            parts.append(f"{lang} is required but not ready ({' | '.join(why)})")
        return "; ".join(parts)


class _Identity(Mapping[Key, str]):
    """The lookup of the source-language pages: every segment is its own translation."""

    def __getitem__(self, key: Key) -> str:
        return key[1]

    def __iter__(self) -> Iterator[Key]:
        return iter(())

    def __len__(self) -> int:
        return 0


def load_findings(config: Config) -> dict[tuple[str, str], tuple[str, ...]] | None:
    """Error codes per ``(document, lang)`` from the checks; None when the checks are absent.

    A finding without a document concerns every document of its language; one without a
    language is about the source text, which ships regardless, so it refuses no translation.
    """
    try:
        from passerelle.steps.checks import check_project
    except ImportError as exc:
        if exc.name != "passerelle.steps.checks":
            raise
        return None
    codes: dict[tuple[str, str], set[str]] = {}
    documents = [doc.name for doc in project.documents(config)]
    for finding in check_project(config, config.languages):
        if finding.severity != "error" or not finding.lang:
            continue
        for name in [finding.document] if finding.document else documents:
            codes.setdefault((name, finding.lang), set()).add(finding.code)
    return {key: tuple(sorted(value)) for key, value in codes.items()}


def source_keys(config: Config, doc: project.Document) -> set[Key]:
    """The units the source holds now: a catalog lacking some is out of date."""
    fmt = format_for_path(doc.path, doc.format_name)
    text = project.read_source(doc.path)
    units = document_units(
        fmt,
        text,
        project.rel(config, doc.path),
        project.format_options(config),
        project.segmentation(config),
    )
    return {unit.key for unit in units}


def shown_percent(value: float) -> str:
    """Rounded down, so 79.96 never reads as 80.0 when it is below an 80 % threshold."""
    return f"{math.floor(value * 10) / 10:.1f}"


Snapshot = Mapping[tuple[str, str], "Catalog | CatalogError | None"]


def judge(
    document: str,
    lang: str,
    catalog: Catalog | CatalogError | None,
    expected: set[Key],
    errors: tuple[str, ...],
    threshold: float,
) -> Verdict:
    """Ship when the catalog covers the source, reaches the threshold and has no check error."""
    if catalog is None or isinstance(catalog, CatalogError):
        stats = Stats(units=len(expected))
        why = "no catalog (run passerelle update)" if catalog is None else f"unreadable: {catalog}"
        return Verdict(document, lang, stats, errors, (why,))
    stats = catalog_stats(catalog)
    reasons = []
    missing = expected - {(e.msgctxt, e.msgid) for e in catalog if not e.obsolete}
    if missing:
        reasons.append(
            f"catalog out of date: {len(missing)} source unit(s) missing (run passerelle update)"
        )
    if stats.percent < threshold:
        note = f" ({stats.fuzzy} fuzzy not counted)" if stats.fuzzy else ""
        reasons.append(f"below threshold: {shown_percent(stats.percent)} % < {threshold:g} %{note}")
    if errors:
        reasons.append("check errors: " + ", ".join(errors))
    return Verdict(document, lang, stats, errors, tuple(reasons))


def assess(
    config: Config, docs: Sequence[project.Document], snapshot: Snapshot, threshold: float
) -> Release:
    """A verdict for every (document, language), from the snapshot and the checks."""
    findings = load_findings(config)
    verdicts = []
    for doc in docs:
        expected = source_keys(config, doc)
        for lang in config.languages:
            errors = (findings or {}).get((doc.name, lang), ())
            catalog = snapshot[(doc.name, lang)]
            verdicts.append(judge(doc.name, lang, catalog, expected, errors, threshold))
    target = config.dist_dir.absolute()
    return Release(target, threshold, config.source_lang, tuple(verdicts), findings is not None)


def release_project(
    config: Config,
    *,
    threshold: float | None = None,
    required: Sequence[str] = (),
    output: Path | None = None,
) -> Release:
    """Assess every (document, language), then publish the ready ones into ``output``.

    The catalogs are read once, under the locales lock (so no ``update`` rewrites them midway),
    and the checks run under the same lock. When a ``required`` language is not ready nothing is
    written and the result says why.
    """
    limit = config.release_threshold if threshold is None else float(threshold)
    target = project.inside(config, (output or config.dist_dir).absolute())
    for lang in required:
        validate_locale(lang, where=config.config_file, key="--require")
        if lang not in config.languages and lang != config.source_lang:
            raise ReleaseError(
                f"--require {lang}: not a language of this project",
                path=config.config_file,
                hint="languages: " + ", ".join(config.languages),
            )
    _guard_output(config, target)
    guard(target)  # a folder that is not a previous release is refused before any work
    source_date()  # a malformed SOURCE_DATE_EPOCH fails before any work
    with project.project_lock(config):
        docs = project.documents(config)
        snapshot = {
            (doc.name, lang): _read(project.catalog_path(config, doc, lang))
            for doc in docs
            for lang in config.languages
        }
        result = dataclasses.replace(assess(config, docs, snapshot, limit), output=target)
        by_lang = result.by_language()
        unmet = tuple(
            lang
            for lang in dict.fromkeys(required)
            if not all(v.shipped for v in by_lang.get(lang, []))
        )
        if unmet:
            return dataclasses.replace(result, unmet=unmet)
        with staged(target) as staging:
            _publish(config, docs, snapshot, result, staging)
        return dataclasses.replace(result, published=True)


def _read(path: Path) -> Catalog | CatalogError | None:
    """The catalog, None when absent, or its error: one broken catalog refuses one language."""
    if not path.exists():
        return None
    try:
        return read_catalog(path)
    except CatalogError as exc:
        return exc


def _guard_output(config: Config, target: Path) -> None:
    """The release folder must neither hold nor sit inside the project's own inputs."""
    inputs = (config.source_dir.absolute(), config.locales_dir.absolute())
    if any(kept.is_relative_to(target) for kept in (config.root.absolute(), *inputs)) or any(
        target.is_relative_to(kept) for kept in inputs
    ):
        raise ReleaseError(
            "the release folder would replace project files",
            path=target,
            hint="choose a folder such as dist/",
        )


def _publish(
    config: Config,
    docs: Sequence[project.Document],
    snapshot: Snapshot,
    result: Release,
    staging: Path,
) -> None:
    """Build every shipped (document, language) into ``staging``, then describe it."""
    staged_config = dataclasses.replace(config, build_dir=staging)
    shipped = {(v.document, v.lang) for v in result.verdicts if v.shipped}
    files: dict[tuple[str, str], list[str]] = {}
    for doc in docs:
        langs = [config.source_lang] + [
            lang for lang in config.languages if (doc.name, lang) in shipped
        ]
        outputs: dict[str, list[Path]] = {}
        for lang in langs:
            catalog = snapshot.get((doc.name, lang))
            if isinstance(catalog, CatalogError):
                raise catalog  # refused by judge(); never reached for a shipped language
            lookup: Mapping[Key, str] = _Identity()
            if lang != config.source_lang:
                lookup = translations(catalog) if catalog is not None else {}
            project.build_document(staged_config, doc, lang, lookup=lookup)
            outputs[lang] = project.output_paths(staged_config, doc, lang)
            if catalog is not None:
                mo = staging / lang / "LC_MESSAGES" / f"{doc.name}.mo"
                write_atomic(mo, mo_bytes(catalog, lang, doc.name))
                outputs[lang].append(mo)
            files[(doc.name, lang)] = [p.relative_to(staging).as_posix() for p in outputs[lang]]
        _link_alternates(staging, outputs, config.source_lang)
    write_manifest(staging, manifest(config, docs, result, files, file_hashes(staging)))
    moment = source_date()
    if moment is not None:
        stamp_tree(staging, int(moment.timestamp()))


def _link_alternates(staging: Path, outputs: Mapping[str, list[Path]], source: str) -> None:
    """Give every shipped HTML page of one document links to its other language versions."""
    for index, sample in enumerate(outputs[source]):
        rel = PurePosixPath(sample.relative_to(staging).as_posix())
        if not is_page(rel):
            continue
        pages = {
            lang: PurePosixPath(paths[index].relative_to(staging).as_posix())
            for lang, paths in outputs.items()
        }
        if len(pages) < 2:
            continue
        versions, default = page_versions(pages, source)
        for page in pages.values():
            path = staging / page
            text = path.read_text(encoding="utf-8")
            linked = insert_in_head(text, alternate_links(page, versions, default))
            if linked is None:
                warnings.warn(f"{page}: no <head>, language alternates not linked", stacklevel=2)
                continue
            write_atomic(path, linked)
