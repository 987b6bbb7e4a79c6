"""A catalog's bytes in the charset its header declares, as GNU gettext reads and writes them.

msgcat and msgmerge read a PO file in the charset of its ``Content-Type`` header and write it
back in that same charset, so a team on ISO-8859-15 or EUC-KR keeps its files as they are.
UTF-8, ASCII and the template placeholder ``CHARSET`` are read as UTF-8 (a superset of ASCII):
exactly how every such file was read before.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from passerelle.errors import CatalogError
from passerelle.fsutil import decode_utf8

# The header: the first ``msgid ""`` followed by its msgstr, in whatever layout GNU reads (after
# a ``domain`` line, without blank lines, strings joined on one line). Its msgstr names the
# charset anywhere, as GNU finds it.
_HEADER = re.compile(
    rb'^[ \t]*msgid[ \t]*""[ \t]*\r?\n[ \t]*msgstr((?:[ \t]*"(?:[^"\\\n]|\\.)*"[ \t]*\r?\n?)+)',
    re.MULTILINE,
)
_DECLARED = re.compile(rb'charset=([^\s"\\;]+)')
_AS_UTF8 = {"utf-8", "ascii", "charset"}


def other_than_utf8(declared: str) -> str | None:
    """A declared charset, None for the ones read as UTF-8 (an unknown one is kept: reading
    with it then says so)."""
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        name = declared.lower()
    return None if name in _AS_UTF8 else declared


def header_charset(data: bytes) -> str | None:
    """The charset the header entry declares, if not UTF-8."""
    for header in _HEADER.finditer(data):
        before = data[: header.start()].rstrip().rpartition(b"\n")[2].lstrip()
        if before.startswith(b"msgctxt"):
            continue  # an entry with a context, not the header
        found = _DECLARED.search(header.group(1))
        return other_than_utf8(found.group(1).decode("ascii", "replace")) if found else None
    return None


def decode_catalog(data: bytes, path: str | Path) -> str:
    """A catalog's bytes as text; bytes its charset cannot hold are an error at their line."""
    codec = header_charset(data)
    if codec is None:
        return decode_utf8(
            data, path, CatalogError("catalog is not valid UTF-8", hint="save it as UTF-8")
        )
    try:
        return data.decode(codec)
    except LookupError:
        raise CatalogError(
            f"unknown charset {codec!r} in the header", path=path, hint="declare charset=UTF-8"
        ) from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError(
            f"catalog is not valid {codec}, the charset its header declares",
            path=path,
            line=line,
            hint="save it in that charset, or declare the one it is in",
        ) from None


def output_codec(content_type: str) -> str:
    """The codec a catalog whose header says ``content_type`` is written in."""
    declared = content_type.partition("charset=")[2].split(";")[0].strip()
    return (other_than_utf8(declared) if declared else None) or "utf-8"


def encode_catalog(text: str, content_type: str, path: str | Path) -> bytes:
    """``text`` in the charset ``content_type`` declares (UTF-8 unless another is named)."""
    codec = output_codec(content_type)
    try:
        return text.encode(codec)
    except UnicodeEncodeError as exc:
        line = text[: exc.start].count("\n") + 1
        raise CatalogError(
            f"{text[exc.start]!r} cannot be written in {codec}, the catalog's charset",
            path=path,
            line=line,
            hint="declare charset=UTF-8 in the header",
        ) from None
