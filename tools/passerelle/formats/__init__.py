"""The registry of document formats: one module per format, one list here."""

from __future__ import annotations

import importlib
from pathlib import Path

from passerelle.errors import SourceError
from passerelle.formats.base import Format, FormatOptions

__all__ = ["Format", "FormatOptions", "FORMAT_MODULES", "get_format", "format_for_path"]

#: Format name -> module defining ``FORMAT``. Adding a format adds one module and one line.
FORMAT_MODULES: dict[str, str] = {
    "text": "passerelle.formats.text",
    "html": "passerelle.formats.html",
    "xml": "passerelle.formats.xml",
}


def get_format(name: str) -> Format:
    """The format called ``name``."""
    try:
        module = importlib.import_module(FORMAT_MODULES[name])
    except KeyError:
        raise SourceError(
            f"unknown format {name!r}", hint="use one of: " + ", ".join(FORMAT_MODULES)
        ) from None
    fmt: Format = module.FORMAT
    return fmt


def format_for_path(path: str | Path, explicit: str | None = None) -> Format:
    """The format of ``path`` from its extensions (``.html.fr.utf8`` reads as HTML)."""
    if explicit:
        return get_format(explicit)
    suffixes = [s.lower().lstrip(".") for s in Path(path).suffixes]
    for suffix in reversed(suffixes):
        for name in FORMAT_MODULES:
            fmt = get_format(name)
            if suffix in fmt.extensions:
                return fmt
    raise SourceError(
        "cannot tell the format from the file name",
        path=path,
        hint="pass --format html|xml|text",
    )
