"""What a release adds to the localised documents: compiled catalogs and language alternates.

Both are derived, byte for byte, from inputs a release already holds (the catalog snapshot and the
pages it built), so two releases of the same inputs write the same bytes: MO headers come from the
PO header, never from the clock, and alternates are listed in a fixed order.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import PurePosixPath
from urllib.parse import quote

from passerelle.clock import source_date
from passerelle.locale import autonym, bcp47, text_direction
from passerelle.po.catalog import Catalog

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_HEAD_START = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)


def mo_bytes(po: Catalog, lang: str, domain: str) -> bytes:
    """The MO file of ``po``'s translated entries (fuzzy and untranslated ones left out).

    The babel catalog takes its header from the PO header, so the MO header carries the PO's
    dates rather than the time of the release; without a POT-Creation-Date the date is
    SOURCE_DATE_EPOCH, else the epoch, never "now".
    """
    from babel.messages.catalog import Catalog as BabelCatalog
    from babel.messages.mofile import write_mo

    fallback = source_date() or dt.datetime.fromtimestamp(0, dt.UTC)
    catalog = BabelCatalog(locale=lang, domain=domain, creation_date=fallback, fuzzy=False)
    catalog.revision_date = fallback
    catalog.mime_headers = list(po.metadata.items())
    for entry in po:
        if entry.obsolete or entry.fuzzy or not entry.msgid:
            continue
        if entry.msgid_plural:
            strings = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
            if strings and all(strings):
                catalog.add((entry.msgid, entry.msgid_plural), strings, context=entry.msgctxt)
        elif entry.msgstr:
            catalog.add(entry.msgid, entry.msgstr, context=entry.msgctxt)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


@dataclass(frozen=True)
class Alternate:
    """One language version of a page: its ``hreflang`` and where it lies in the release."""

    hreflang: str
    path: PurePosixPath  # relative to the release folder, e.g. zh_CN/article.html


def href(page: PurePosixPath, target: PurePosixPath, base_url: str = "") -> str:
    """Where a link on ``page`` to ``target`` points: relative to the page, or absolute under
    ``base_url`` (percent-encoded, as a URL must be) when the release says where it lives."""
    if base_url:
        return base_url + quote(target.as_posix(), safe="/")
    return "../" * (len(page.parts) - 1) + target.as_posix()


def alternate_links(
    page: PurePosixPath,
    versions: Sequence[Alternate],
    default: Alternate | None,
    base_url: str = "",
) -> str:
    """``<link rel="alternate">`` lines for ``page``: every version (itself included, as search
    engines expect the set to be symmetric), then ``x-default``."""
    rows = [(v.hreflang, v.path) for v in sorted(versions, key=lambda v: v.hreflang)]
    if default is not None:
        rows.append(("x-default", default.path))
    return "".join(
        f'<link rel="alternate" hreflang="{lang}" href="{escape(href(page, path, base_url))}">\n'
        for lang, path in rows
    )


def switcher(page: PurePosixPath, versions: Sequence[Alternate], base_url: str = "") -> str:
    """The language switcher's list: the same versions as the ``hreflang`` links, each named in
    its own language and direction, the page's own marked as current."""
    items = []
    for version in sorted(versions, key=lambda v: v.hreflang):
        code = version.hreflang.replace("-", "_")
        rtl = ' dir="rtl"' if text_direction_or_ltr(code) == "rtl" else ""
        current = ' aria-current="page"' if version.path == page else ""
        link = escape(href(page, version.path, base_url))
        items.append(
            f'<li><a href="{link}" hreflang="{version.hreflang}" lang="{version.hreflang}"'
            f"{rtl}{current}>{escape(autonym(code))}</a></li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def text_direction_or_ltr(code: str) -> str:
    try:
        return text_direction(code)
    except (ValueError, TypeError, LookupError):
        return "ltr"


_SLOT = re.compile(r'(<nav\b[^>]*\bdata-passerelle="languages"[^>]*>)(.*?)(</nav\s*>)', re.DOTALL)


def link_page(
    text: str, page: PurePosixPath, pages: Mapping[str, PurePosixPath], source: str, base: str
) -> str | None:
    """``text`` (the page at ``page``) linked to its versions ``lang -> path``: ``hreflang``
    links in its head (``x-default`` when the source-language page is one of them) and, where
    the page keeps a ``<nav data-passerelle="languages">``, the switcher. None: no head."""
    versions, default = page_versions(pages, source)
    linked = insert_in_head(text, alternate_links(page, versions, default, base))
    if linked is None:
        return None
    nav = switcher(page, versions, base)
    return _SLOT.sub(lambda m: m.group(1) + nav + m.group(3), linked, count=1)


def insert_in_head(page: str, lines: str) -> str | None:
    """``page`` with ``lines`` at the end of its ``<head>``; None when it has no head.

    The insertion is textual so the rest of the page stays byte for byte what the format's
    writer produced. Lines go before ``</head>``, indented like it, or else right after an
    unclosed ``<head>``.
    """
    end = _HEAD_END.search(page)
    if end is not None:
        line_start = page.rfind("\n", 0, end.start()) + 1
        indent = page[line_start : end.start()]
        if indent.strip():
            return page[: end.start()] + "\n" + lines + page[end.start() :]
        block = "".join(indent + line + "\n" for line in lines.splitlines())
        return page[:line_start] + block + page[line_start:]
    start = _HEAD_START.search(page)
    if start is not None:
        return page[: start.end()] + "\n" + lines.rstrip("\n") + page[start.end() :]
    return None


def is_page(path: PurePosixPath) -> bool:
    """HTML pages get alternates; text and XML outputs have nowhere to carry them."""
    return path.suffix.lower() in HTML_SUFFIXES


def page_versions(
    pages: Mapping[str, PurePosixPath], default_lang: str
) -> tuple[list[Alternate], Alternate | None]:
    """The alternates of one page from ``lang -> path``, and the source-language default (None
    when the source-language page is not among them, as in a build)."""
    versions = [Alternate(bcp47(lang), path) for lang, path in pages.items()]
    default = pages.get(default_lang)
    return versions, Alternate("x-default", default) if default is not None else None
