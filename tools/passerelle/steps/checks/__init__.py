"""Catalogue checks: small functions with a code and a severity, listed in plain registries.

``check_catalog`` runs them over one parsed catalog, ``check_catalog_file`` over one PO file (what
the pre-commit hook and ``passerelle check FILE`` use); :mod:`passerelle.project.checking` runs
them over every document and language of a project.
"""

from __future__ import annotations

from passerelle.steps.checks.base import ERROR, SEVERITIES, WARNING, Finding, severity_rank
from passerelle.steps.checks.checker import (
    CATALOG_CHECKS,
    ENTRY_CHECKS,
    RUNNER_CODES,
    SOURCE_CHECKS,
    CheckRun,
    check_catalog,
    check_catalog_file,
    reported_files,
    sort_findings,
)


def check_codes() -> dict[str, tuple[str, str]]:
    """Every code Passerelle can report: ``code -> (severity, summary)``."""
    codes = dict(RUNNER_CODES)
    for check in CATALOG_CHECKS:
        codes[check.code] = (check.severity, check.summary)
    for entry_check in ENTRY_CHECKS:
        codes[entry_check.code] = (entry_check.severity, entry_check.summary)
    for source_check in SOURCE_CHECKS:
        codes[source_check.code] = (source_check.severity, source_check.summary)
    return codes


__all__ = [
    "ERROR",
    "SEVERITIES",
    "WARNING",
    "CheckRun",
    "Finding",
    "check_catalog",
    "check_catalog_file",
    "check_codes",
    "severity_rank",
    "reported_files",
    "sort_findings",
]
