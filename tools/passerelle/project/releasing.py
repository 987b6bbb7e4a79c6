"""Releasing a project: ship each (document, language) that is complete enough and passes the
checks, and say why the others are held back.

A release reads every catalog once, under the project lock, and builds from that snapshot, so
the manifest describes exactly what was built. The source-language pages ship too (``dist/fr/``):
they are what ``x-default`` points at. Everything is written into a staging folder that replaces
``dist/`` only when complete (see :mod:`passerelle.steps.release.folder`); nothing in the output
depends on the clock unless SOURCE_DATE_EPOCH asks for a date.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path

from passerelle.clock import source_date
from passerelle.config import Config, validate_locale
from passerelle.errors import CatalogError
from passerelle.fsutil import write_atomic
from passerelle.po.catalog import translations
from passerelle.project import documents
from passerelle.project.assets import asset_outputs
from passerelle.project.console import Progress, no_progress
from passerelle.project.layout import Layout, SourceDocument
from passerelle.steps.release.files import mo_bytes
from passerelle.steps.release.folder import (
    ReleaseError,
    file_hashes,
    guard,
    staged,
    stamp_tree,
    write_manifest,
)
from passerelle.steps.release.manifest import ManifestSource, manifest
from passerelle.steps.release.ship import (
    Identity,
    Key,
    Release,
    Snapshot,
    judge,
    link_alternates,
    read_for_release,
)

#: The modules that run the checks: a tree without them releases, saying nothing was checked.
CHECK_MODULES = ("passerelle.project.checking", "passerelle.steps.checks")


def load_findings(
    config: Config, progress: Progress = no_progress
) -> dict[tuple[str, str], tuple[str, ...]] | None:
    """Error codes per ``(document, lang)`` from the checks; None when the checks are absent.

    A finding without a document concerns every document of its language; one without a
    language is about the source text, which ships regardless, so it refuses no translation.
    """
    try:
        from passerelle.project.checking import check_project
    except ImportError as exc:
        if exc.name not in CHECK_MODULES:
            raise
        return None
    codes: dict[tuple[str, str], set[str]] = {}
    names = [doc.name for doc in Layout(config).documents()]
    for finding in check_project(config, config.languages, progress):
        if finding.severity != "error" or not finding.lang:
            continue
        for name in [finding.document] if finding.document else names:
            codes.setdefault((name, finding.lang), set()).add(finding.code)
    return {key: tuple(sorted(value)) for key, value in codes.items()}


def assess(
    config: Config,
    docs: Sequence[SourceDocument],
    snapshot: Snapshot,
    threshold: float,
    progress: Progress = no_progress,
) -> Release:
    """A verdict for every (document, language), from the snapshot and the checks."""
    layout = Layout(config)
    findings = load_findings(config, progress)
    verdicts = []
    for doc in docs:
        units = documents.source_units(layout, doc)
        for lang in config.languages:
            errors = (findings or {}).get((doc.name, lang), ())
            catalog = snapshot[(doc.name, lang)]
            verdicts.append(judge(doc.name, lang, catalog, units, errors, threshold))
    target = config.dist_dir.absolute()
    return Release(target, threshold, config.source_lang, tuple(verdicts), findings is not None)


def release_project(
    config: Config,
    *,
    threshold: float | None = None,
    required: Sequence[str] = (),
    output: Path | None = None,
    progress: Progress = no_progress,
) -> Release:
    """Assess every (document, language), then publish the ready ones into ``output``.

    The catalogs are read once, under the project lock (so no ``update`` rewrites them midway),
    and the checks run under the same lock. When a ``required`` language is not ready nothing is
    written and the result says why.
    """
    layout = Layout(config)
    limit = config.release_threshold if threshold is None else float(threshold)
    target = layout.dist(output)
    _check_required(config, required)
    _guard_output(layout, target)
    guard(target)  # a folder that is not a previous release is refused before any work
    source_date()  # a malformed SOURCE_DATE_EPOCH fails before any work
    with layout.lock():
        docs = layout.documents()
        snapshot = {}
        for done, doc in enumerate(docs, 1):
            progress("read", done, len(docs))
            for lang in config.languages:
                snapshot[(doc.name, lang)] = read_for_release(layout.catalog(doc, lang))
        assessed = assess(config, docs, snapshot, limit, progress)
        result = dataclasses.replace(assessed, output=target)
        by_lang = result.by_language()
        unmet = tuple(
            lang
            for lang in dict.fromkeys(required)
            if not all(v.shipped for v in by_lang.get(lang, []))
        )
        if unmet:
            return dataclasses.replace(result, unmet=unmet)
        with staged(target) as staging:
            _publish(layout, docs, snapshot, result, staging, progress)
        return dataclasses.replace(result, published=True)


def _check_required(config: Config, required: Sequence[str]) -> None:
    for lang in required:
        validate_locale(lang, key="--require")
        if lang not in config.languages and lang != config.source_lang:
            raise ReleaseError(
                f"--require {lang}: not a language of this project",
                path=config.config_file,
                hint="languages: " + ", ".join(config.languages),
            )


def _guard_output(layout: Layout, target: Path) -> None:
    """The release folder must neither hold nor sit inside the project's own inputs."""
    root, *inputs = layout.inputs()
    if any(kept.is_relative_to(target) for kept in (root, *inputs)) or any(
        target.is_relative_to(kept) for kept in inputs
    ):
        raise ReleaseError(
            "the release folder would replace project files",
            path=target,
            hint="choose a folder such as dist/",
        )


def _publish(
    layout: Layout,
    docs: Sequence[SourceDocument],
    snapshot: Snapshot,
    result: Release,
    staging: Path,
    progress: Progress = no_progress,
) -> None:
    """Build every shipped (document, language) into ``staging``, then describe it."""
    config = layout.config
    into = layout.staged(staging)
    shipped = {(v.document, v.lang) for v in result.verdicts if v.shipped}
    files: dict[tuple[str, str], list[str]] = {}
    alternates: dict[str, dict[str, dict[str, str]]] = {}
    for done, doc in enumerate(docs, 1):
        progress("release", done, len(docs))
        langs = [config.source_lang] + [
            lang for lang in config.languages if (doc.name, lang) in shipped
        ]
        outputs: dict[str, list[Path]] = {}
        for lang in langs:
            catalog = snapshot.get((doc.name, lang))
            if isinstance(catalog, CatalogError):
                raise catalog  # refused by judge(); never reached for a shipped language
            lookup: Mapping[Key, str] = Identity()
            if lang != config.source_lang:
                lookup = translations(catalog) if catalog is not None else {}
            documents.build_document(into, doc, lang, lookup=lookup, link=False)
            outputs[lang] = into.outputs(doc, lang) + asset_outputs(into, doc, lang)
            if catalog is not None:
                mo = into.machine_object(doc, lang)
                write_atomic(mo, mo_bytes(catalog, lang, doc.name))
                outputs[lang].append(mo)
            files[(doc.name, lang)] = [p.relative_to(staging).as_posix() for p in outputs[lang]]
        alternates[doc.name] = link_alternates(
            staging, outputs, config.source_lang, config.base_url
        )
    sources = [
        ManifestSource(d.name, d.path, layout.shown(d.path), d.format_name, alternates[d.name])
        for d in docs
    ]
    catalogs = [layout.catalog(doc, lang) for doc in docs for lang in config.languages]
    description = manifest(config, sources, catalogs, result, files, file_hashes(staging))
    write_manifest(staging, description)
    moment = source_date()
    if moment is not None:
        stamp_tree(staging, int(moment.timestamp()))
