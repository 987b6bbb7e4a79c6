"""Whole-catalog checks: is it up to date with its template, and translated enough?

A stale catalog (the template gained or lost entries since the last ``passerelle update``) builds
a document with holes nobody was asked to translate, so CI stops it. Fuzzy and untranslated
shares are compared with the language's limits from ``[tool.passerelle.thresholds]``.
"""

from __future__ import annotations

from passerelle.po.catalog import Catalog
from passerelle.steps.checks.base import ERROR, CatalogCheck, CatalogContext


def _keys(catalog: Catalog) -> set[tuple[str | None, str]]:
    return {(e.msgctxt, e.msgid) for e in catalog if not e.obsolete and e.msgid}


def check_stale(ctx: CatalogContext) -> list[tuple[int, str]]:
    """The catalog's active entries are exactly its template's."""
    if ctx.template is None:
        return []
    expected, present = _keys(ctx.template), _keys(ctx.catalog)
    new, gone = len(expected - present), len(present - expected)
    if not new and not gone:
        return []
    parts = []
    if new:
        parts.append(f"{new} template entr{'y' if new == 1 else 'ies'} missing")
    if gone:
        parts.append(f"{gone} entr{'y' if gone == 1 else 'ies'} no longer in the template")
    return [(0, "catalog is stale (" + ", ".join(parts) + "); run passerelle update")]


def _share(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def check_fuzzy_share(ctx: CatalogContext) -> list[tuple[int, str]]:
    """Fuzzy entries (drafts awaiting review) above the language's ``max-fuzzy`` percent."""
    stats = ctx.stats
    share = _share(stats.fuzzy, stats.units)
    limit = ctx.thresholds.max_fuzzy
    if share > limit:
        return [(0, f"{share:.1f}% fuzzy ({stats.fuzzy}/{stats.units}), above {limit:g}%")]
    return []


def check_untranslated_share(ctx: CatalogContext) -> list[tuple[int, str]]:
    """Untranslated entries above the language's ``max-untranslated`` percent."""
    stats = ctx.stats
    share = _share(stats.untranslated, stats.units)
    limit = ctx.thresholds.max_untranslated
    if share > limit:
        return [
            (0, f"{share:.1f}% untranslated ({stats.untranslated}/{stats.units}), above {limit:g}%")
        ]
    return []


CHECKS = [
    CatalogCheck("catalog-stale", ERROR, check_stale, "template changed, catalog not updated"),
    CatalogCheck("fuzzy-threshold", ERROR, check_fuzzy_share, "too many fuzzy entries"),
    CatalogCheck(
        "untranslated-threshold", ERROR, check_untranslated_share, "too many untranslated"
    ),
]
