"""The release manifest: what shipped, what did not and why, what it was made from, and the
sha256 of every file, so a mirror or a reviewer can verify a release without rebuilding it.

Everything here is a function of the inputs (no clock, no absolute paths, sorted keys), which is
what makes two releases of the same inputs byte-identical. A date appears only when
SOURCE_DATE_EPOCH is set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from passerelle import __version__
from passerelle.clock import source_date
from passerelle.config import Config
from passerelle.fsutil import sha256_file
from passerelle.locale import bcp47
from passerelle.steps.release.folder import GENERATOR, inputs_digest
from passerelle.steps.release.revision import changed_inputs, git_revision
from passerelle.steps.release.ship import Release, Verdict

FORMAT_VERSION = 1


@dataclass(frozen=True)
class ManifestSource:
    """A released document's source, as the manifest names it."""

    name: str  # the document name
    path: Path
    shown: str  # the path relative to the project root
    format_name: str
    #: page -> its versions ``hreflang -> href`` (absolute under base-url)
    alternates: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def manifest(
    config: Config,
    docs: Sequence[ManifestSource],
    catalogs: Sequence[Path],
    result: Release,
    files: Mapping[tuple[str, str], list[str]],
    hashes: Mapping[str, str],
) -> dict[str, Any]:
    """The manifest of a release staged with ``files`` per (document, language), made from
    the sources ``docs`` and the ``catalogs`` (those missing are left out)."""
    sources = [doc.path for doc in docs]
    config_files = [config.config_file] if config.config_file is not None else []
    inputs = inputs_digest(
        config.root, [*sources, *config_files, *[c for c in catalogs if c.exists()]]
    )
    revision = git_revision(config.root)
    changed: list[str] = []
    if revision is not None:
        changed = changed_inputs(config.root, _tracked_inputs(config))
        revision += "-dirty" if changed else ""
    data: dict[str, Any] = {
        "manifest_version": FORMAT_VERSION,
        "generator": f"{GENERATOR} {__version__}",
        "source_lang": config.source_lang,
        "source_revision": revision
        or "sha256:" + inputs_digest(config.root, [*sources, *config_files]),
        "inputs_sha256": inputs,
        "threshold": result.threshold,
        "checks": "passerelle.steps.checks" if result.checks_available else "not available",
        "documents": {
            doc.name: {
                "source": doc.shown,
                "format": doc.format_name,
                "sha256": sha256_file(doc.path),
                "alternates": {page: dict(links) for page, links in doc.alternates.items()},
            }
            for doc in docs
        },
        "languages": _languages(config, docs, result, files),
        "shipped": sorted([config.source_lang, *result.shipped_languages]),
        "refused": {
            lang: [f"{v.document}: {'; '.join(v.reasons)}" for v in verdicts if not v.shipped]
            for lang, verdicts in result.by_language().items()
            if not all(v.shipped for v in verdicts)
        },
        "files": dict(hashes),
    }
    if revision is not None:
        data["changed_files"] = changed
    moment = source_date()
    if moment is not None:
        data["released"] = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return data


def _tracked_inputs(config: Config) -> list[Path]:
    """What a release is made from: sources, catalogs, settings and rule files."""
    extra = [config.srx, config.config_file, *config.its_rules, *config.compendia]
    return [config.source_dir, config.locales_dir, *[p for p in extra if p is not None]]


def _languages(
    config: Config,
    docs: Sequence[ManifestSource],
    result: Release,
    files: Mapping[tuple[str, str], list[str]],
) -> dict[str, Any]:
    source = config.source_lang
    languages: dict[str, Any] = {
        source: {
            "hreflang": bcp47(source),
            "role": "source",
            "status": "shipped",
            "documents": {
                doc.name: {"status": "shipped", "files": files.get((doc.name, source), [])}
                for doc in docs
            },
        }
    }
    for lang, verdicts in result.by_language().items():
        shipped = [v.shipped for v in verdicts]
        languages[lang] = {
            "hreflang": bcp47(lang),
            "role": "target",
            "status": "shipped" if all(shipped) else "partial" if any(shipped) else "refused",
            "documents": {v.document: _verdict(v, files) for v in verdicts},
        }
    return languages


def _verdict(verdict: Verdict, files: Mapping[tuple[str, str], list[str]]) -> dict[str, Any]:
    s = verdict.stats
    return {
        "status": "shipped" if verdict.shipped else "refused",
        "percent": s.shown_percent,
        "units": s.units,
        "translated": s.translated,
        "fuzzy": s.fuzzy,
        "untranslated": s.untranslated,
        "words": s.words,
        "translated_words": s.translated_words,
        "check_errors": list(verdict.check_errors),
        "reasons": list(verdict.reasons),
        "fallback": [{"reference": f.reference, "msgid": f.msgid} for f in verdict.fallback]
        if verdict.shipped
        else [],
        "files": files.get((verdict.document, verdict.lang), []),
    }
