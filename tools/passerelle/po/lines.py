"""The lines of a PO file with carriage returns in it, as GNU gettext reads them.

GNU's lexer ends a line at LF only. A CR just before the LF (CRLF) vanishes; any other CR
outside a string is white space, so ``msgid "a"<CR>msgstr "b"`` is two keywords of one line, as a
CR-only (classic Mac) file without comments shows: msgcat reads every entry of it. But a comment
runs to the next LF, and so do the ``#~`` and ``#|`` marks: in a CR-only file the first comment
swallows the rest of the file, and msgcat reads the catalog as empty, exit status 0. Reading it
so would empty every translation; reading CR as a line end would disagree with every GNU tool
about what the file holds. Such a line is refused instead, naming the file, with what to do.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from passerelle.errors import CatalogError

_HINT = "save the file with LF (or CRLF) line ends"


def gettext_lines(lines: list[str], path: str | Path) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` of each line, a line with lone CRs cut into its GNU pieces.

    Numbers count LF-ended lines, as msgfmt's messages do, so every piece of a cut line keeps
    the number of the line it is part of.
    """
    for lineno, line in enumerate(lines, 1):
        if line.endswith("\r"):
            line = line[:-1]
        if "\r" not in line:
            yield lineno, line
            continue
        for piece in _pieces(line, path, lineno):
            yield lineno, piece


def _pieces(line: str, path: str | Path, lineno: int) -> list[str]:
    """``line`` cut at the CRs outside strings; a CR that ends a comment or mark is refused."""
    pieces: list[str] = []
    start, quoted, index = 0, False, 0
    while index < len(line):
        char = line[index]
        if quoted:
            if char == "\\":
                index += 1
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char == "\r":
            pieces.append(line[start:index])
            start = index + 1
        elif char == "#" and not line[start:index].strip():
            _refuse_marked_rest(line, index, path, lineno)
            if line[index + 1 : index + 2] not in ("~", "|"):  # a comment: nothing follows it
                pieces.append(line[start:].split("\r")[0])
                return pieces
        index += 1
    pieces.append(line[start:])
    return pieces


def _refuse_marked_rest(line: str, index: int, path: str | Path, lineno: int) -> None:
    """GNU reads what follows a comment, up to the LF, as that comment; and what follows a
    ``#~`` or ``#|`` mark as marked too. Unless every later piece carries the same mark, the two
    readings differ: refuse."""
    mark = line[index : index + 2]
    rest = [piece.strip() for piece in line[index:].split("\r")[1:]]
    if mark in ("#~", "#|"):
        if all(not piece or piece.startswith(mark) for piece in rest):
            return
        what = f"a {mark} line"
    elif not any(rest):
        return
    else:
        what = "a comment"
    raise CatalogError(
        f"a lone carriage return ends {what}, but GNU gettext reads on to the next line feed "
        "as part of it",
        path=path,
        line=lineno,
        hint=_HINT,
    )
