"""What a one-line error says besides what is wrong: the line that says it, and the nearest
right word ("did you mean 'languages'?").

TOML parsers keep no line numbers, so a bad setting's line is found again in the file's text:
the key or the value is looked for after the table's header first, then anywhere. Settings,
check names, engine names and ``--lang`` codes all take their hints from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import get_close_matches
from pathlib import Path

from passerelle.errors import ConfigError


def did_you_mean(word: str, known: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The known word nearest ``word`` (case aside), or None when none is near."""
    choices = {choice.lower(): choice for choice in known}
    close = get_close_matches(word.lower(), list(choices), n=1, cutoff=cutoff)
    return choices[close[0]] if close else None


def hint_for(word: str, known: Iterable[str], fallback: str, *, cutoff: float = 0.6) -> str:
    """``did you mean 'x'?`` when a known word is near, else ``fallback``."""
    close = did_you_mean(word, known, cutoff=cutoff)
    return f"did you mean {close!r}?" if close else fallback


def _header(table: str) -> re.Pattern[str]:
    """A TOML header opening ``table`` (or one of its sub-tables) of the settings; for "", the
    ``[tool.passerelle]`` header of a pyproject.toml (passerelle.toml has none: line 1)."""
    if not table:
        return re.compile(r"\s*\[\s*tool\s*\.\s*passerelle\s*\]")
    name = r"\s*\.\s*".join(re.escape(part) for part in table.split("."))
    return re.compile(rf"\s*\[\s*(?:tool\s*\.\s*passerelle\s*\.\s*)?{name}(?![\w-])")


def locate(lines: list[str], name: str, table: str = "") -> int | None:
    """The 1-based line writing ``name`` as a key or a value, preferably in ``table`` (a
    dotted name below the settings, "" for the settings themselves).

    A name may be written in the table, in a sub-table, or inline (``checks = {disable =
    [...]}``): the lines from the table's header on are looked at first, then the whole file.
    """
    word = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    header = _header(table)
    start = next((i for i, line in enumerate(lines) if header.match(line)), 0)
    order: list[int] = [*range(start, len(lines)), *range(start)]
    for index in order:
        if word.search(lines[index].split("#", 1)[0]):
            return index + 1
    return None


def setting_line(source: Path | None, *names: str, table: str = "") -> int | None:
    """The line of the settings file ``source`` that writes the first of ``names`` found."""
    if source is None:
        return None
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for name in names:
        line = locate(lines, name, table)
        if line is not None:
            return line
    return None


def setting_error(
    message: str,
    source: Path | None,
    *names: str,
    table: str = "",
    hint: str | None = None,
) -> ConfigError:
    """A settings error at the line writing the first of ``names`` (the bad value, then its
    key, usually)."""
    line = setting_line(source, *names, table=table)
    return ConfigError(message, path=source, line=line, hint=hint)
