"""``[tool.passerelle.checks]``: which checks run, and how severe their findings are.

CI tunes the checks the way linters are tuned (ruff's ``ignore``, pylint's ``disable``)::

    [tool.passerelle.checks]
    disable = ["number-missing"]
    severity = { url-changed = "error", length-ratio = "warning" }

This module only reads the table's shape. Whether a name is a check is known to the checks
themselves (:mod:`passerelle.steps.checks.tuning`), which sit above the settings; they report an
unknown name at the line that writes it, found by :mod:`passerelle.hints` in the file's text,
since TOML parsers keep no line numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from passerelle.errors import ConfigError
from passerelle.hints import hint_for, setting_line

SEVERITY_NAMES = ("warning", "error")
KEYS = ("disable", "severity")


@dataclass(frozen=True)
class CheckSettings:
    """Checks turned off, and severities changed, by the project's settings.

    Held as sorted tuples: the settings' ``repr`` is part of the incremental state's signature,
    so it must not depend on set order, and a changed table must redo the checks.
    """

    disabled: tuple[str, ...] = ()
    severities: tuple[tuple[str, str], ...] = ()  # (code, "error" | "warning")
    source: Path | None = field(default=None, compare=False, repr=False)

    def enabled(self, code: str) -> bool:
        return code not in self.disabled

    def severity(self, code: str, default: str) -> str:
        """The severity a check's findings take: the settings', else the check's own."""
        for name, value in self.severities:
            if name == code:
                return value
        return default

    def names(self) -> list[str]:
        """Every check name the table writes, in the table's order."""
        return [*self.disabled, *(name for name, _ in self.severities)]

    def line_of(self, name: str) -> int | None:
        """The line of the settings file that writes ``name`` (None if it cannot be told)."""
        return setting_line(self.source, name, table="checks")


#: No table: every check on, at its own severity.
DEFAULT = CheckSettings()


def parse_checks(value: Any, where: Path | None) -> CheckSettings:
    """The ``checks`` table's shape: ``disable`` a list of names, ``severity`` a table of names
    to ``"error"`` or ``"warning"``; names are validated against the registry later."""
    if not isinstance(value, dict):
        raise ConfigError("checks must be a table (disable, severity)", path=where)
    settings = CheckSettings(source=where)
    for key in value:
        if key not in KEYS:
            raise _bad_key(settings, "checks", str(key), KEYS)
    disabled = value.get("disable", [])
    if not isinstance(disabled, list) or not all(isinstance(v, str) for v in disabled):
        raise ConfigError("checks.disable must be a list of check names", path=where)
    severity = value.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(
            'checks.severity must be a table: name = "error" or "warning"', path=where
        )
    for name, level in severity.items():
        if level not in SEVERITY_NAMES:
            raise ConfigError(
                f'checks.severity.{name} must be "error" or "warning", not {level!r}',
                path=where,
                line=settings.line_of(name),
                hint="to turn a check off, list it in checks.disable",
            )
    return CheckSettings(
        tuple(sorted(set(disabled))), tuple(sorted(severity.items())), source=where
    )


def _bad_key(settings: CheckSettings, table: str, key: str, known: tuple[str, ...]) -> ConfigError:
    hint = hint_for(key, known, "known keys: " + ", ".join(known))
    return ConfigError(
        f"{table}: unknown key {key!r}", path=settings.source, line=settings.line_of(key), hint=hint
    )


def unknown_name_error(settings: CheckSettings, name: str, known: list[str]) -> ConfigError:
    """The one-line error for a name that is no check, with the nearest check's name."""
    hint = hint_for(name, known, "passerelle check --help lists every check")
    return ConfigError(
        f"checks: unknown check {name!r}",
        path=settings.source,
        line=settings.line_of(name),
        hint=hint,
    )
