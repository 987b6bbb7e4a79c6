"""How a project tunes its checks: settings that turn checks off or change their severity, and
PO flags that exempt one entry from one check.

An exemption is a flag in the entry's ``#,`` line, as Weblate writes them::

    #, ignore-number-missing
    msgid "Les 3 mousquetaires"
    msgstr "The Three Musketeers"

A flag is what a translator can read and set in Poedit (which keeps flags it does not know),
what ``passerelle update`` and ``merge`` keep with the translation, and what ``msgfmt -c``
accepts. An exempted finding is not reported and blocks nothing, but it is counted (``passerelle
status``), so an exemption stays visible. A flag naming no entry check exempts nothing and is
reported (:mod:`passerelle.steps.checks.ignore_flags`), so a typo does not pass for an exemption.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable

from passerelle.check_settings import DEFAULT, CheckSettings, unknown_name_error
from passerelle.config import Config
from passerelle.errors import ConfigError
from passerelle.steps.checks.base import WARNING, Finding

IGNORE_PREFIX = "ignore-"

#: A catalog that cannot be read is not checked at all: no setting may hide or soften that.
UNTUNABLE = ("po-syntax",)


def exemptions(flags: Iterable[str]) -> frozenset[str]:
    """The check codes an entry's ``ignore-CODE`` flags exempt it from."""
    return frozenset(flag[len(IGNORE_PREFIX) :] for flag in flags if flag.startswith(IGNORE_PREFIX))


@functools.lru_cache(maxsize=16)
def validated(settings: CheckSettings, known: frozenset[str]) -> CheckSettings:
    """``settings`` if every name it writes is a check's code; else the one-line error naming
    the settings file and line, with the nearest code. Cached: every catalog asks."""
    for name in settings.names():
        if name not in known:
            raise unknown_name_error(settings, name, sorted(known))
        if name in UNTUNABLE:
            raise ConfigError(
                f"checks: {name} cannot be turned off or lowered",
                path=settings.source,
                line=settings.line_of(name),
                hint="a catalog that cannot be read is never checked; fix the catalog",
            )
    return settings


def settings_of(config: Config | None, known: frozenset[str]) -> CheckSettings:
    """The project's validated check settings (none without a project)."""
    return validated(config.checks, known) if config is not None else DEFAULT


def tuned(finding: Finding, settings: CheckSettings) -> Finding | None:
    """A finding the runner itself raised, as the settings want it (None: turned off)."""
    if not settings.enabled(finding.code):
        return None
    severity = settings.severity(finding.code, finding.severity)
    if severity == finding.severity:
        return finding
    return dataclasses.replace(finding, severity=severity)


def entry_severity(settings: CheckSettings, code: str, default: str, fuzzy: bool) -> str:
    """A finding's severity in an entry: a fuzzy entry is a draft, so never more than a warning,
    whatever the settings say."""
    return WARNING if fuzzy else settings.severity(code, default)
