"""The header entry of an updated catalog, and the charset it is written in, as GNU msgmerge
0.21 decides them.

A Makefile that runs msgmerge and commits the result gets the same bytes from Passerelle only
if the header comes out the same: msgmerge keeps the translator's fields but puts the known
ones in its own order (unknown ones after them, as they were), takes ``Report-Msgid-Bugs-To``
and ``POT-Creation-Date`` from the template, fills a missing ``Language`` from the
``Language-Team`` name, and writes the catalog in UTF-8 when the template is UTF-8. The rules
work on the header text itself, line by line, never on parsed fields, so odd lines stay as
they were.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

from passerelle.po._langtable import LANGUAGES, VARIANTS
from passerelle.po.model import Catalog, Entry

# msgmerge's order for the fields it knows; unknown lines follow, in the order they came.
KNOWN_FIELDS = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
)
_LANGUAGE_TEAM, _LANGUAGE = 5, 6
_FROM_TEMPLATE = (1, 2)  # Report-Msgid-Bugs-To, POT-Creation-Date
_CHARSET = re.compile(r"charset=([^ \t\n]*)")


def header_lines(text: str) -> list[str]:
    """The header's lines, each ending with a newline (msgmerge adds one to the last)."""
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last + "\n"] if last else [])


def merge_header_text(old: str, template: str, lang: str = "", *, date: bool = True) -> str:
    """The merged header msgstr: ``old``'s fields in msgmerge's order, two from ``template``.

    A known field is recognised at the start of a line whatever its case and written with
    msgmerge's spelling; its value is kept byte for byte, leading space included. ``lang``
    (msgmerge's ``--lang``) sets ``Language``; without it a missing ``Language`` is guessed
    from ``Language-Team``. ``date`` False keeps the old ``POT-Creation-Date``.
    """
    fields: dict[int, str] = {}
    unknown: list[str] = []
    for line in header_lines(old):
        head = line[:27].lower()
        for index, name in enumerate(KNOWN_FIELDS):
            if head.startswith(name.lower() + ":"):
                fields[index] = line[len(name) + 1 :]
                break
        else:
            unknown.append(line)
    if lang:
        fields[_LANGUAGE] = f" {lang}\n"
    elif _LANGUAGE not in fields and _LANGUAGE_TEAM in fields:
        fields[_LANGUAGE] = f" {language_from_team(fields[_LANGUAGE_TEAM])}\n"
    for index in _FROM_TEMPLATE if date else _FROM_TEMPLATE[:1]:
        marker = KNOWN_FIELDS[index] + ":"
        at = template.find(marker)
        if at >= 0:
            value, newline, _ = template[at + len(marker) :].partition("\n")
            fields[index] = value + "\n"
    known = "".join(f"{KNOWN_FIELDS[i]}:{fields[i]}" for i in sorted(fields))
    return known + "".join(unknown)


def language_from_team(team: str) -> str:
    """The language code msgmerge reads in a ``Language-Team`` value ("" when it knows none).

    The team's address (a last word in ``<...>``, or any ``@`` or ``/`` in the field) is cut
    off; what remains must be a language's English name exactly.
    """
    name = team.strip(" \t")  # the line end stays: a name alone never matches, as in msgmerge
    cut = max(name.rfind(" "), name.rfind("\t")) + 1
    if cut < len(name) and (name[cut] == "<" or name[-1] == ">" or "@" in name or "/" in name):
        name = name[:cut].rstrip(" \t")
    return VARIANTS.get(name) or LANGUAGES.get(name) or ""


def declared_charset(header: str) -> str | None:
    """The value after the header's first ``charset=``, as msgmerge finds it."""
    found = _CHARSET.search(header)
    return found.group(1) if found else None


def _canonical(charset: str | None) -> str | None:
    if charset is None:
        return None
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def output_charset(
    old: Catalog, template: Catalog, compendia: Iterable[Catalog] = ()
) -> str | None:
    """``UTF-8`` when msgmerge would convert the merged catalog to UTF-8, else None (it keeps
    the charset its header declares).

    A UTF-8 template makes everything UTF-8. Otherwise compendia are converted to the old
    catalog's charset when they can be; if they cannot, and an empty old catalog does not
    leave the compendia's own common charset in place, everything becomes UTF-8.
    """
    ref = declared_charset(_header_text(template))
    if ref is not None and ref.lower() == "utf-8":
        return "UTF-8"
    books = list(compendia)
    if not books:
        return None
    own = _canonical(declared_charset(_header_text(old)))
    if own is not None and all(_fits(book, own) for book in books):
        return None
    if not len(old):
        shared = {_canonical(declared_charset(_header_text(book))) for book in books}
        if len(shared) == 1 and None not in shared:
            return None
    return "UTF-8"


def _fits(catalog: Catalog, codec: str) -> bool:
    """True when every string of ``catalog`` can be written in ``codec``."""
    try:
        for entry in catalog:
            entry.msgid.encode(codec)
            entry.msgstr.encode(codec)
            entry.msgid_plural.encode(codec)
            for text in entry.msgstr_plural.values():
                text.encode(codec)
            (entry.msgctxt or "").encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _header_text(catalog: Catalog) -> str:
    saved = catalog.original_header
    if saved is not None:
        return saved.msgstr
    return "".join(f"{key}: {value}\n" for key, value in catalog.metadata.items())


def with_charset(header: str, charset: str) -> str:
    """``header`` with the value of its first ``charset=`` replaced, as msgmerge converts."""
    return _CHARSET.sub(lambda _: f"charset={charset}", header, count=1)


def merge_header(
    merged: Catalog,
    old: Catalog,
    template: Catalog,
    *,
    lang: str = "",
    compendia: Iterable[Catalog] = (),
    date: bool = True,
) -> None:
    """Give ``merged`` the header msgmerge writes for ``old`` updated to ``template``.

    The old header (or, when the old catalog has none, the first compendium's) supplies the
    translator's fields, comments and fuzziness; without any, msgmerge writes no header.
    """
    books = list(compendia)
    source = old.original_header or next(
        (book.original_header for book in books if book.original_header is not None), None
    )
    if source is None:
        return
    text = merge_header_text(source.msgstr, _header_text(template), lang, date=date)
    charset = output_charset(old, template, books)
    if charset is not None:
        text = with_charset(text, charset)
    pot = template.original_header
    entry = Entry(
        msgid="",
        msgstr=text,
        tcomment=source.tcomment,
        comment=pot.comment if pot is not None else "",
        occurrences=list(pot.occurrences) if pot is not None else [],
        flags=["fuzzy"] if source.fuzzy else [],
    )
    merged.original_header = entry
    merged.header = entry.tcomment
    merged.metadata_is_fuzzy = source.fuzzy
    merged.metadata = _fields(text)


def _fields(text: str) -> dict[str, str]:
    """``Key: value`` lines of a header, in order (the model's view of the text)."""
    fields: dict[str, str] = {}
    for line in text.split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip():
            fields[key.strip()] = value.strip()
    return fields
