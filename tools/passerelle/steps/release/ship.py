"""What ships: a verdict per (document, language), and why the others are held back.

A document ships in a language when its catalog covers the source, reaches the threshold and
has no check error. :mod:`passerelle.project.releasing` gathers the catalogs and findings of a
project, judges them here, and publishes what ships.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from passerelle.counts import counted
from passerelle.errors import CatalogError
from passerelle.fsutil import write_atomic
from passerelle.locale import bcp47
from passerelle.po.catalog import Catalog, Stats, catalog_stats, read_catalog
from passerelle.steps.release.files import href, is_page, link_page
from passerelle.units import Unit, translatable

CHECKS_MISSING = (
    "checks are not available (passerelle.steps.checks is missing): nothing was checked"
)

Key = tuple[str | None, str]


@dataclass(frozen=True)
class Fallback:
    """A source unit a shipped page carries in the source language: where it is, what it says."""

    reference: str  # file:line of the source
    msgid: str


@dataclass(frozen=True)
class Verdict:
    """Whether one document ships in one language, and why not; ``fallback`` lists the units
    it ships untranslated (in document order), which a reader meets in the source language."""

    document: str
    lang: str
    stats: Stats
    check_errors: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    fallback: tuple[Fallback, ...] = ()

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


class Identity(Mapping[Key, str]):
    """The lookup of the source-language pages: every segment is its own translation."""

    def __getitem__(self, key: Key) -> str:
        return key[1]

    def __iter__(self) -> Iterator[Key]:
        return iter(())

    def __len__(self) -> int:
        return 0


def shown_percent(stats: Stats) -> str:
    """The translated share as every report prints it (see :attr:`Stats.shown_percent`)."""
    return f"{stats.shown_percent:.1f}"


Snapshot = Mapping[tuple[str, str], "Catalog | CatalogError | None"]


def judge(
    document: str,
    lang: str,
    catalog: Catalog | CatalogError | None,
    units: Sequence[Unit],
    errors: tuple[str, ...],
    threshold: float,
) -> Verdict:
    """Ship when the catalog covers the source, reaches the threshold and has no check error."""
    expected = {unit.key for unit in units}
    if catalog is None or isinstance(catalog, CatalogError):
        stats = Stats(units=len(expected))
        why = "no catalog (run passerelle update)" if catalog is None else f"unreadable: {catalog}"
        return Verdict(document, lang, stats, errors, (why,))
    stats = catalog_stats(catalog)
    reasons = []
    missing = expected - {(e.msgctxt, e.msgid) for e in catalog if not e.obsolete}
    if missing:
        reasons.append(
            f"catalog out of date: {counted(len(missing), 'source unit')} missing"
            " (run passerelle update)"
        )
    if stats.percent < threshold:
        note = f" ({stats.fuzzy} fuzzy not counted)" if stats.fuzzy else ""
        reasons.append(f"below threshold: {shown_percent(stats)} % < {threshold:g} %{note}")
    if errors:
        reasons.append("check errors: " + ", ".join(errors))
    return Verdict(document, lang, stats, errors, tuple(reasons), fallback_units(units, catalog))


def fallback_units(units: Sequence[Unit], catalog: Catalog) -> tuple[Fallback, ...]:
    """The units a build of ``catalog`` leaves in the source language, as the build decides:
    no translation, or only a fuzzy one; text with nothing to translate (a number) is not one."""
    done = {(e.msgctxt, e.msgid) for e in catalog if not e.obsolete and e.translated()}
    return tuple(
        Fallback(", ".join(f"{path}:{line}" for path, line in unit.references), unit.msgid)
        for unit in units
        if unit.key not in done and translatable(unit.msgid)
    )


def link_alternates(
    staging: Path, outputs: Mapping[str, list[Path]], source: str, base_url: str = ""
) -> dict[str, dict[str, str]]:
    """Give every shipped HTML page of one document links to its other language versions (and
    its switcher, where it keeps one); return each page's versions ``hreflang -> href`` as a
    page at the release's root would link them (absolute under ``base_url``)."""
    found: dict[str, dict[str, str]] = {}
    for index, sample in enumerate(outputs[source]):
        rel = PurePosixPath(sample.relative_to(staging).as_posix())
        if not is_page(rel):
            continue
        pages = {
            lang: PurePosixPath(paths[index].relative_to(staging).as_posix())
            for lang, paths in outputs.items()
        }
        found[rel.as_posix()] = {
            bcp47(lang): href(PurePosixPath("index.html"), path, base_url)
            for lang, path in sorted(pages.items(), key=lambda item: bcp47(item[0]))
        }
        if len(pages) < 2:
            continue
        for page in pages.values():
            path = staging / page
            linked = link_page(path.read_text(encoding="utf-8"), page, pages, source, base_url)
            if linked is None:
                warnings.warn(f"{page}: no <head>, language alternates not linked", stacklevel=2)
                continue
            write_atomic(path, linked)
    return found


def read_for_release(path: Path) -> Catalog | CatalogError | None:
    """The catalog, None when absent, or its error: one broken catalog refuses one language."""
    if not path.exists():
        return None
    try:
        return read_catalog(path)
    except CatalogError as exc:
        return exc
