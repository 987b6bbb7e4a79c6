"""``#, ignore-CODE`` flags that silence nothing.

A translator who writes ``#, ignore-number-mising`` believes the entry is exempt from
``number-missing``; it is not, and nothing else would say so: gettext, Poedit and ``passerelle
update`` keep any flag. So a flag after ``ignore-`` that names no entry check is a finding of
its own, at the ``#,`` line that writes it, with the nearest entry check's flag. Only entry
checks can be exempted per entry; a flag naming a whole-catalog or a source check is reported
too. Flags without the prefix (``fuzzy``, ``c-format``, ``no-wrap``, ``range: 0..5``) belong to
gettext and are never looked at.
"""

from __future__ import annotations

from pathlib import Path

from passerelle.errors import CatalogError
from passerelle.hints import did_you_mean
from passerelle.po.catalog import Entry
from passerelle.po.charset import decode_catalog
from passerelle.steps.checks.base import WARNING, CatalogCheck, CatalogContext
from passerelle.steps.checks.tuning import IGNORE_PREFIX

CODE = "unknown-ignore-flag"


class FlagLines:
    """The file's lines, read only when a flag is to be reported, to find the ``#,`` line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lines: list[str] | None = None

    def lines(self) -> list[str]:
        if self._lines is None:
            try:
                text = decode_catalog(self.path.read_bytes(), self.path)
            except (OSError, CatalogError):
                text = ""
            self._lines = text.splitlines()
        return self._lines

    def flag_lines(self, entry: Entry) -> dict[str, int]:
        """Where each flag of ``entry`` is written: its ``#,`` lines are among those above its
        ``msgid`` (the entry's line), back to the blank line or the ``msgstr`` before them.
        Read once per entry, so that many flags cost no more than one line holding them."""
        start = entry.linenum or 0
        lines = self.lines()
        where: dict[str, int] = {}
        for number in range(min(start, len(lines) + 1) - 1, 0, -1):
            text = lines[number - 1]
            if not text.strip() or text.startswith(("msgstr", "msgid")):
                break
            if text.startswith("#,"):
                where.update((flag.strip(), number) for flag in text[2:].split(","))
        return where


def _message(flag: str, exemptable: frozenset[str], other: frozenset[str]) -> str:
    name = flag[len(IGNORE_PREFIX) :]
    if name in other:
        why = f"{name} is not an entry check, so no entry's flag can exempt it"
    else:
        why = f"no entry check is named {name!r}"
    near = did_you_mean(name, exemptable)
    hint = (
        f"did you mean '{IGNORE_PREFIX}{near}'?"
        if near
        else "passerelle check --help lists the checks"
    )
    return f"flag {flag!r} silences nothing: {why}; {hint}"


def unknown_ignore_flags(exemptable: frozenset[str], other: frozenset[str]) -> list[CatalogCheck]:
    """The check, given the codes an entry's flag can exempt (the entry checks') and every
    other code Passerelle reports (which the registry knows; this module is below it)."""

    def check(ctx: CatalogContext) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        lines = FlagLines(ctx.path)
        for entry in ctx.catalog:
            unknown = [
                flag
                for flag in dict.fromkeys(entry.flags)
                if flag.startswith(IGNORE_PREFIX) and flag[len(IGNORE_PREFIX) :] not in exemptable
            ]
            if entry.obsolete or not unknown:
                continue
            where = lines.flag_lines(entry)
            start = entry.linenum or 0
            found.extend(
                (where.get(flag, start), _message(flag, exemptable, other)) for flag in unknown
            )
        return found

    return [CatalogCheck(CODE, WARNING, check, "an ignore- flag names no entry check")]
