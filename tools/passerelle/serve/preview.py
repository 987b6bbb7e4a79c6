"""A document as it will ship, with each unit's stretch of the page marked for the editor.

The page is built by the same path as ``passerelle build`` (the format's writer, the build's
lookups, fallbacks and escaping), with one difference: each unit's text passes through a mark
(private-use characters around the unit's number) on its way in. The writer escapes text and
leaves those characters alone, so once the page is written they can only stand where a unit's
text stands; :func:`spans_from_marks` then turns them into ``<span data-unit="N">`` in text,
and drops them inside tags and raw-text elements (an ``alt`` attribute, the ``<title>``),
where no element can go. A translation's own private-use characters are removed first, so a
translator cannot forge a mark. Shipped builds never pass through here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from passerelle.formats import format_for_path, get_format
from passerelle.formats.article import to_html
from passerelle.formats.markup_lexer import TAG_RE, markup_decl
from passerelle.project.documents import format_options, read_source, segmentation
from passerelle.project.layout import Layout, SourceDocument
from passerelle.steps.build import Lookup, preview_translate

OPEN, SEP, CLOSE = "\ue000", "\ue001", "\ue002"
_FORGED = str.maketrans({OPEN: None, SEP: None, CLOSE: None})
_MARK_RE = re.compile(f"{OPEN}(\\d+){SEP}|{CLOSE}")
_RAW_TEXT = frozenset({"title", "script", "style", "textarea", "option", "xmp"})

Key = tuple[str | None, str]


def render_preview(
    layout: Layout, doc: SourceDocument, lang: str, lookup: Lookup, ids: Mapping[Key, int]
) -> str:
    """The HTML page of ``doc`` in ``lang`` (the source language: untranslated), its units
    marked with their index in ``ids`` (units the catalog does not hold are left unmarked)."""
    config = layout.config

    def mark(key: Key, text: str) -> str:
        number = ids.get(key)
        clean = text.translate(_FORGED)
        return clean if number is None else f"{OPEN}{number}{SEP}{clean}{CLOSE}"

    translate = preview_translate(lookup, segmentation(config), mark, lang, config.allowed_hosts)
    text = read_source(doc.path)
    ref = layout.shown(doc.path)
    options = format_options(config, doc.path)
    if doc.format_name == "text":
        fmt, text = get_format("html"), to_html(text, config.source_lang)
    else:
        fmt = format_for_path(doc.path, doc.format_name)
    page = fmt.write_all(text, ref, [(translate, lang)], options)[0]
    if doc.format_name not in ("html", "text"):
        return _as_text_page(page, lang)
    return spans_from_marks(page)


def spans_from_marks(page: str) -> str:
    """Marks in text become spans; marks inside tags, comments and raw-text elements go."""
    out: list[str] = []
    pos, n, raw = 0, len(page), ""
    while pos < n:
        lt = page.find("<", pos)
        end = n if lt < 0 else lt
        chunk = page[pos:end]
        out.append(_MARK_RE.sub("", chunk) if raw else _MARK_RE.sub(_span, chunk))
        if lt < 0:
            break
        tag = TAG_RE.match(page, lt)
        if tag is not None:
            name = tag.group(2).lower()
            if raw and tag.group(1) and name == raw:
                raw = ""
            elif not raw and not tag.group(1) and name in _RAW_TEXT:
                raw = name
            stop = tag.end()
        elif not raw and page.startswith(("<!", "<?"), lt):
            stop = markup_decl(page, lt, True)[0]
        else:
            stop = lt + 1
        out.append(_MARK_RE.sub("", page[lt:stop]))
        pos = stop
    return "".join(out)


def _span(match: re.Match[str]) -> str:
    number = match.group(1)
    return "</span>" if number is None else f'<span data-unit="{number}">'


def _as_text_page(page: str, lang: str) -> str:
    """A document that is not HTML (XML, plain text) shown as escaped text, units marked."""
    import html

    body = spans_from_marks(html.escape(page, quote=False))
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        f'</head><body><pre style="white-space:pre-wrap">{body}</pre></body></html>\n'
    )
