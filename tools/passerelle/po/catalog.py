"""PO/POT catalogs on disk: reading into the model (``pomodel``), writing, headers, statistics.

Catalogs are read losslessly (see ``poparse``) and written in GNU ``msgcat``'s exact layout (see
``poformat``), so a file saved by Poedit or Weblate and rewritten here shows no spurious diff.
Headers come from babel's locale data (Language, Plural-Forms), and header dates move only when
content moves.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from passerelle import clock
from passerelle.errors import CatalogError
from passerelle.fsutil import write_atomic
from passerelle.po.charset import decode_catalog, encode_catalog
from passerelle.po.layout import DEFAULT, PageLayout
from passerelle.po.model import Catalog as Catalog
from passerelle.po.model import Entry as Entry
from passerelle.po.parse import RawEntry, parse_po
from passerelle.po.translations import Translations
from passerelle.po.write import entry_key, format_entries
from passerelle.units import Unit, word_count

PROJECT = "PACKAGE VERSION"


def parse_catalog(text: str, path: str | Path = "<string>") -> Catalog:
    """Parse PO text keeping everything; a syntax error is a :class:`CatalogError` at file:line."""
    return catalog_from_raw(parse_po(text, path))


def catalog_from_raw(raws: Iterable[RawEntry]) -> Catalog:
    """One domain's entries as a catalog. The first entry with an empty msgid and no context is
    the header: its fields become ``metadata``, the entry itself ``original_header``, to be
    written back as read."""
    po = Catalog()
    append = po.append
    raw_header = None
    for raw in raws:
        po.domain = raw.domain  # one domain per catalog
        if raw.msgid == "" and raw.msgctxt is None and not raw.obsolete and raw_header is None:
            raw_header = raw
            continue
        append(_entry_from_raw(raw))
    if raw_header is not None:
        header = po.original_header = _entry_from_raw(raw_header)
        po.header = header.tcomment
        po.metadata = parse_header(header.msgstr)
        po.metadata_is_fuzzy = header.fuzzy
    return po


def _entry_from_raw(raw: RawEntry) -> Entry:
    return Entry(
        msgid=raw.msgid or "",
        msgstr=raw.msgstr or "",
        msgid_plural=raw.msgid_plural or "",
        msgstr_plural=raw.msgstr_plural,
        msgctxt=raw.msgctxt,
        obsolete=raw.obsolete,
        comment="\n".join(raw.ecomments),
        tcomment="\n".join(raw.tcomments),
        occurrences=raw.references,
        flags=raw.flags,
        previous_msgctxt=raw.previous.get("msgctxt"),
        previous_msgid=raw.previous.get("msgid"),
        previous_msgid_plural=raw.previous.get("msgid_plural"),
        linenum=raw.line,
    )


def parse_header(msgstr: str) -> dict[str, str]:
    """``Key: value`` lines of a header msgstr, in order."""
    fields: dict[str, str] = {}
    for line in msgstr.split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip():
            fields[key.strip()] = value.strip()
    return fields


def read_catalog(path: str | Path) -> Catalog:
    """Read a PO or POT file."""
    path = Path(path)
    return catalog_from_bytes(read_bytes(path), path)


def catalog_from_bytes(data: bytes, path: Path) -> Catalog:
    """The catalog a file read from ``path`` holds, for callers that keep the file's bytes."""
    catalog = parse_catalog(decode_catalog(data, path), path)
    catalog.path = path
    return catalog


def read_translations(path: str | Path, *, include_fuzzy: bool = False) -> tuple[Translations, str]:
    """What a build takes from a catalog file: :func:`translations` and its ``Language``.

    The same answers as reading the catalog, without making an entry of every line: a build of
    a documentation tree reads thousands of entries to look up each one once.
    """
    path = Path(path)
    lookup = Translations(path)
    language = ""
    for raw in parse_po(decode_catalog(read_bytes(path), path), path):
        if (
            raw.msgid == ""
            and raw.msgctxt is None
            and not raw.obsolete
            and lookup.header_start is None
        ):
            lookup.header_start = raw.line  # the header, as parse_catalog takes it
            language = parse_header(raw.msgstr or "").get("Language", "")
            continue
        if raw.obsolete or not raw.msgstr:
            continue
        if "fuzzy" in raw.flags and not include_fuzzy:
            continue
        lookup.add((raw.msgctxt, raw.msgid or ""), raw.msgstr, raw.line)
    return lookup, language


def read_bytes(path: Path) -> bytes:
    """A catalog file's bytes; a missing or unreadable file is a CatalogError naming it."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CatalogError("catalog not found", path=path) from None
    except OSError as exc:
        raise CatalogError(f"cannot read: {exc.strerror}", path=path) from None


def header_entry(catalog: Catalog) -> Entry | None:
    """The header as an entry: the file's own text when its fields are unchanged, else rebuilt."""
    saved = catalog.original_header
    fuzzy = catalog.metadata_is_fuzzy
    if saved is not None:
        if (
            parse_header(saved.msgstr) == catalog.metadata
            and saved.tcomment == catalog.header
            and saved.fuzzy == fuzzy
        ):
            return dataclasses.replace(saved)  # a copy: writing numbers its line
    elif not catalog.metadata and not catalog.header:
        return None
    msgstr = "".join(f"{key}: {value}\n" for key, value in catalog.metadata.items())
    return new_entry(
        msgid="", msgstr=msgstr, tcomment=catalog.header or "", flags=["fuzzy"] if fuzzy else []
    )


def format_catalog(catalog: Catalog, *, number: bool = False, layout: PageLayout = DEFAULT) -> str:
    """The catalog as GNU msgcat would write it (``number``: entries learn their lines)."""
    head = header_entry(catalog)
    entries = [head, *catalog] if head is not None else catalog
    return format_entries(entries, number=number, domain=catalog.domain, layout=layout)


def write_catalog(path: str | Path, catalog: Catalog) -> bool:
    """Write atomically; returns False when the file already held exactly this content.

    Entries' ``linenum`` then match the file, as if it had just been read.
    """
    return write_atomic(path, catalog_bytes(catalog, path, number=True))


def catalog_bytes(
    catalog: Catalog, path: str | Path, *, number: bool = False, layout: PageLayout = DEFAULT
) -> bytes:
    """:func:`format_catalog` in the charset the header declares, as msgcat keeps it."""
    text = format_catalog(catalog, number=number, layout=layout)
    return encode_catalog(text, catalog.metadata.get("Content-Type", ""), path)


def now_stamp() -> str:
    """A PO header date: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    return clock.now().strftime("%Y-%m-%d %H:%M+0000")


def template_from_units(units: Iterable[Unit], *, project: str = PROJECT) -> Catalog:
    """A POT catalog holding ``units`` in document order."""
    metadata = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now_stamp(),
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    entries = (
        Entry(
            msgid=unit.msgid,
            msgctxt=unit.msgctxt,
            comment="\n".join(unit.comments),
            occurrences=[(path, str(line)) for path, line in unit.references],
            flags=list(unit.flags),
        )
        for unit in units
    )
    return Catalog(entries, metadata=metadata)


def same_entries(a: Catalog, b: Catalog) -> bool:
    """True when two catalogs hold the same entries (headers aside)."""
    if len(a) != len(b):
        return False
    body_a = [entry_key(e) for e in [*a, *a.obsolete_entries()]]
    body_b = [entry_key(e) for e in [*b, *b.obsolete_entries()]]
    return body_a == body_b


def language_header(lang: str) -> dict[str, str]:
    """Language, Plural-Forms and a team (the language's English name) from babel's data for
    ``lang``; never GNU's ``LL@li.org`` placeholder, which ``msgfmt -c`` warns about."""
    return dict(_language_header(lang))


@functools.lru_cache(maxsize=256)
def _language_header(lang: str) -> dict[str, str]:
    """Babel's locale data never changes within a process; parsing it costs milliseconds."""
    if lang == "qps":
        return {
            "Language": lang,
            "Language-Team": "Pseudo-locale",
            "Plural-Forms": "nplurals=2; plural=(n != 1);",
        }
    # babel is imported where it is used: templates and most builds never need it
    from babel import Locale
    from babel.messages.plurals import get_plural

    plural = get_plural(lang)
    name = Locale.parse(lang).get_display_name("en") or lang
    return {
        "Language": lang,
        "Language-Team": name,
        "Plural-Forms": f"nplurals={plural.num_plurals}; plural={plural.plural_expr};",
    }


def _language_fields(lang: str) -> dict[str, str]:
    """:func:`language_header`, or just ``Language`` for a code babel does not know (a catalog
    header may say anything; merging must not fail on it)."""
    from babel import UnknownLocaleError

    try:
        return language_header(lang)
    except (ValueError, TypeError, UnknownLocaleError):
        return {"Language": lang}


def new_catalog(template: Catalog, lang: str) -> Catalog:
    """An empty catalog for ``lang`` from a template."""
    po = Catalog(metadata=dict(template.metadata))
    if lang:
        po.metadata.update(_language_fields(lang))
    po.metadata["PO-Revision-Date"] = po.metadata.get("POT-Creation-Date", now_stamp())
    po.metadata["Last-Translator"] = "Automatically generated"
    return po


def translations(catalog: Catalog, *, include_fuzzy: bool = False) -> Translations:
    """``(msgctxt, msgid) -> msgstr`` for the entries a build may use."""
    result = Translations(catalog.path)
    for entry in catalog:
        if entry.obsolete or not entry.msgstr:
            continue
        if entry.fuzzy and not include_fuzzy:
            continue
        result.add((entry.msgctxt, entry.msgid), entry.msgstr, entry.linenum)
    return result


@dataclass(frozen=True)
class Stats:
    """Units and words per state; fuzzy entries are not translated."""

    units: int = 0
    words: int = 0
    translated: int = 0
    translated_words: int = 0
    fuzzy: int = 0
    fuzzy_words: int = 0

    @property
    def untranslated(self) -> int:
        return self.units - self.translated - self.fuzzy

    @property
    def untranslated_words(self) -> int:
        return self.words - self.translated_words - self.fuzzy_words

    @property
    def percent(self) -> float:
        """Translated share of units, in percent (100 for an empty catalog)."""
        return 100.0 * self.translated / self.units if self.units else 100.0

    @property
    def shown_percent(self) -> float:
        """:attr:`percent` to one decimal, rounded down: the one figure every report prints
        (status, release, manifest), so 79.96 never reads as 80.0 below an 80 % threshold.
        Worked out in integers, so 57.3 % is never shown as 57.2 for a float's sake."""
        return (1000 * self.translated // self.units) / 10 if self.units else 100.0

    def __add__(self, other: Stats) -> Stats:
        return Stats(
            self.units + other.units,
            self.words + other.words,
            self.translated + other.translated,
            self.translated_words + other.translated_words,
            self.fuzzy + other.fuzzy,
            self.fuzzy_words + other.fuzzy_words,
        )


def catalog_stats(catalog: Catalog) -> Stats:
    """Count active entries (header and obsolete ones aside)."""
    units = words = tr = tr_words = fz = fz_words = 0
    for entry in catalog:
        if entry.obsolete or entry.msgid == "":
            continue
        n = word_count(entry.msgid)
        units += 1
        words += n
        if entry.fuzzy and (entry.msgstr or any(entry.msgstr_plural.values())):
            fz += 1
            fz_words += n
        elif entry.translated():
            tr += 1
            tr_words += n
    return Stats(units, words, tr, tr_words, fz, fz_words)


def empty_catalog_like(old: Catalog) -> Catalog:
    """A catalog with ``old``'s header (kept byte for byte while its fields stay) and no entries."""
    return Catalog(
        metadata=dict(old.metadata),
        header=old.header,
        metadata_is_fuzzy=old.metadata_is_fuzzy,
        original_header=old.original_header,
        domain=old.domain,
    )


# An entry from polib's field names: the class itself, so no wrapper call on the hot path.
new_entry = Entry


def add_entry(catalog: Catalog, entry: Entry) -> None:
    """Append one entry (the merge guarantees unique keys, so nothing scans for duplicates)."""
    catalog.append(entry)


def plural_count(catalog: Catalog | None, lang: str) -> int:
    """nplurals from the catalog's Plural-Forms header, else from babel's data for ``lang``."""
    forms = catalog.metadata.get("Plural-Forms", "") if catalog is not None else ""
    if "nplurals=" not in forms and lang:
        forms = _language_fields(lang).get("Plural-Forms", "")
    digits = forms.split("nplurals=", 1)[1].split(";", 1)[0].strip() if "nplurals=" in forms else ""
    return int(digits) if digits.isdigit() and int(digits) > 0 else 2


def has_translation(entry: Entry) -> bool:
    """True when the entry carries any translated text (fuzzy or not)."""
    if entry.msgid_plural:
        return any(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def lend_first_form(forms: dict[int, str]) -> bool:
    """Give an empty first plural form the first translated one; True if it was lent.

    GNU writes an obsolete entry, or a fuzzy flag, only with a first form: without one, the
    entry or its flag would vanish on writing.
    """
    if forms.get(0) or not any(forms.values()):
        return False
    forms[0] = next(filter(None, forms.values()))
    return True
