"""HTML5 and XHTML pages: block text and translatable attributes, inline markup as placeholders.

Pages are read the way browsers read them (see :mod:`passerelle.formats.markup_parser`), never
rejected. Blocks are the text of block-level elements (p, h1-h6, li, td, title, button, option,
...), with phrasing elements inside them as placeholders, and the attributes people read (alt,
title, placeholder, aria-label, meta description/keywords, og:/twitter: text). ``translate="no"``,
scripts, styles, comments and ``<code>`` inside text are not translated; ``<pre>`` is one block that
keeps its whitespace. ITS 2.0 rules (from files or ``<script type="application/its+xml">``) and
local ``its-*`` attributes refine all of this.
"""

from __future__ import annotations

import html
import re

from passerelle.formats import its
from passerelle.formats.base import FormatOptions
from passerelle.formats.inline import WalkedFormat, Walker, walked
from passerelle.formats.its_links import linked_rules
from passerelle.formats.its_local import html_name, local_values
from passerelle.formats.its_vocabulary import ItsVocabulary
from passerelle.formats.markup import Attr, Element, MarkupTree
from passerelle.formats.markup_parser import parse
from passerelle.formats.writer import Writer, set_attribute, write_runs
from passerelle.locale import bcp47, text_direction
from passerelle.units import Translate

INLINE_BLOCKS = frozenset(
    "html head body title meta link base style script noscript template p div h1 h2 h3 h4 h5 "
    "h6 hgroup ul ol li dl dt dd menu dir table thead tbody tfoot tr td th caption colgroup col "
    "figure figcaption blockquote pre listing xmp plaintext section article aside nav header "
    "footer main search address hr form fieldset legend details summary dialog button label "
    "option optgroup select datalist textarea output center frameset frame noframes picture "
    "source track map area param marquee".split()
)
OPAQUE = frozenset(
    "code script style svg math iframe object video audio canvas embed template noembed".split()
)
SKIPPED = frozenset("script style template noembed noframes".split())
PRESERVE = frozenset("pre textarea listing plaintext xmp".split())
#: Attributes people read, on any element.
TEXT_ATTRS = ("title", "aria-label", "aria-description", "aria-roledescription")
ELEMENT_ATTRS = {
    "img": ("alt",),
    "area": ("alt",),
    "input": ("alt", "placeholder", "aria-placeholder"),
    "textarea": ("placeholder",),
    "option": ("label",),
    "optgroup": ("label",),
    "track": ("label",),
    "th": ("abbr",),
}
META_NAMES = frozenset(
    "description keywords og:title og:description og:site_name og:image:alt og:video:alt "
    "twitter:title twitter:description twitter:image:alt".split()
)
UNSEGMENTED = frozenset("title h1 h2 h3 h4 h5 h6".split())
BUTTON_INPUTS = frozenset(("button", "submit", "reset"))
ATTR_HINT = re.compile(r"title|alt|aria-|placeholder|label|abbr|content|value")


class HtmlVocabulary(ItsVocabulary):
    """HTML's vocabulary: phrasing elements inline, the translate attribute, lang/dir, ITS."""

    lang_attr = "lang"
    span = "span"

    def __init__(self, doc: MarkupTree, options: FormatOptions, path: str) -> None:
        super().__init__(doc, options.source_lang, _rules(doc, options, path))
        self.has_rules = bool(self.rules.element or self.rules.attribute)
        source = doc.source
        #: The page in lower case, for substring tests on one start tag (see :meth:`_tag_has`):
        #: cheap tests that spare most attribute parsing, without a copy of each tag.
        lowered = source.lower()
        self._lowered = lowered if len(lowered) == len(source) else None
        #: Attributes no tag of the page has need no test on each element.
        self._within = "its-within-text" in lowered
        self._translate_attr = "translate" in lowered
        self._loc_note = "its-loc-note" in lowered
        self._its_markup = "its-" in source or "translate" in source

    def _tag_has(self, element: Element, needle: str) -> bool:
        """Whether ``element``'s start tag holds ``needle`` (lower case), ASCII case ignored."""
        lowered = self._lowered
        if lowered is not None:
            return lowered.find(needle, element.start, element.tag_end) >= 0
        # lower() changed the page's length (a few non-ASCII letters do): offsets differ there
        return needle in self.source[element.start : element.tag_end].lower()

    def _tag_hint(self, element: Element) -> bool:
        """Whether ``element``'s start tag may hold a translatable attribute."""
        lowered = self._lowered
        if lowered is not None:
            return ATTR_HINT.search(lowered, element.start, element.tag_end) is not None
        return ATTR_HINT.search(self.source[element.start : element.tag_end].lower()) is not None

    @property
    def local_markup(self) -> bool:
        return self._its_markup

    def read_local(self, element: Element) -> dict[str, str]:
        if not self._tag_has(element, "its-") and not self._tag_has(element, "translate"):
            return {}

        def get(name: str) -> str | None:
            attr = element.get(self.source, html_name(name))
            return html.unescape(attr.raw) if attr is not None and attr.start >= 0 else None

        return local_values(get)

    def kind(self, element: Element) -> str:
        if self.has_rules or (self._within and self._tag_has(element, "its-within-text")):
            within = self.its("within", element)
            if within is not None:
                kind = {"yes": "inline", "nested": "nested"}.get(within, "block")
                if kind == "inline" and not self.translate(element, True):
                    return "opaque"
                return kind
        key = element.key
        if key in OPAQUE:
            return "opaque"
        if key in INLINE_BLOCKS:
            return "block"
        if not self.translate(element, True):
            return "opaque"
        return "inline"

    def skipped(self, element: Element) -> bool:
        return element.key in SKIPPED or element.key in ("svg", "math")

    def translate(self, element: Element, inherited: bool) -> bool:
        if self.has_rules or (self._translate_attr and self._tag_has(element, "translate")):
            value = self.its("translate", element)
            if value is not None:
                return value != "no"
        return inherited

    def preserve(self, element: Element, inherited: bool) -> bool:
        if element.key in PRESERVE:
            return True
        value = self.rules.get("preserve", element.index) if self.has_rules else None
        return value == "preserve" if value is not None else inherited

    def notes(self, element: Element) -> tuple[str, ...]:
        if (
            self._loc_note and self._tag_has(element, "its-loc-note")
        ) or "note" in self.rules.element:
            return super().notes(element)
        return ()

    def attributes(self, element: Element, translate: bool) -> list[tuple[Attr, str]]:
        if element.key in SKIPPED:
            return []
        if not self.has_rules and not self._tag_hint(element):
            return []
        found: list[tuple[Attr, str]] = []
        names = TEXT_ATTRS + ELEMENT_ATTRS.get(element.key, ())
        for attr in element.attrs(self.source):
            name = attr.name.lower()
            if attr.start < 0:
                continue
            ruled = self.rules.get_attr("translate", element.index, name)
            if ruled == "no" or (ruled is None and not translate):
                continue
            if ruled == "yes" or name in names:
                found.append((attr, f"{element.key}@{name}"))
            elif name == "content" and element.key == "meta":
                kind = element.get(self.source, "name") or element.get(self.source, "property")
                if kind is not None and kind.raw.strip().lower() in META_NAMES:
                    found.append((attr, f"meta[{kind.raw.strip().lower()}]@content"))
            elif name == "value" and element.key == "input":
                kind = element.get(self.source, "type")
                if kind is not None and kind.raw.strip().lower() in BUTTON_INPUTS:
                    found.append((attr, "input@value"))
        return found

    def context(self, element: Element | None) -> str | None:
        """An ITS ID Value; else only options take a context: the same word in two lists may
        translate differently."""
        named_id = super().context(element)
        if named_id is not None or element is None or element.key not in ("option", "optgroup"):
            return named_id
        node = element.parent
        while node is not None and node.key != "select":
            node = node.parent
        if node is None:
            return None
        named = node.get(self.source, "name") or node.get(self.source, "id")
        return f"select {named.raw}" if named is not None and named.raw else None

    def segmented(self, element: Element | None) -> bool:
        """Titles and headings stay whole, as the text format keeps an article's title."""
        return element is None or element.key not in UNSEGMENTED

    def language(self, element: Element) -> str | None:
        if not self.has_rules and not self._tag_has(element, "lang"):
            return None
        for name in ("lang", "xml:lang"):
            attr = element.get(self.source, name)
            if attr is not None and attr.start >= 0:
                return attr.raw.strip()
        return self.rules.get("lang", element.index)


def _rules(doc: MarkupTree, options: FormatOptions, path: str) -> its.ItsData:
    """Rules files given, then the page's linked and embedded rules in document order."""
    rulesets = [rs for file in options.its_rules for rs in its.read_rules_file(file)]
    source = doc.source
    for element in doc.elements if "its" in source else ():
        if element.key == "script":
            kind = element.get(source, "type")
            if kind is not None and kind.raw.strip().lower() == "application/its+xml":
                body = source[element.tag_end : element.close_start]
                rulesets.extend(its.rules_from_text(body, path, doc.line(element.tag_end)))
        elif element.key == "link":
            rel = element.get(source, "rel")
            href = element.get(source, "href")
            if rel is not None and "its-rules" in rel.raw.lower().split() and href is not None:
                where = (path, doc.line(element.start))
                link = html.unescape(href.raw)
                rulesets.extend(linked_rules(link, options.document, options.source_root, where))
    if not rulesets:
        return its.ItsData()
    root, made = its.html_tree(doc)
    return its.apply_rules(rulesets, root, made)


class HtmlWriter(Writer):
    """Writer with HTML's language marks (``dir`` too when the page is right-to-left)."""

    def mark_attrs(self, element: Element | None = None) -> str:
        extra = ' dir="ltr"' if text_direction(self.lang) == "rtl" else ""
        return f' lang="{bcp47(self.vocabulary.source_lang)}"{extra}'


def _walk(text: str, path: str, options: FormatOptions, comments: bool) -> Walker:
    doc = parse(text, html=True)
    return walked(doc, HtmlVocabulary(doc, options, path), comments=comments)


class HtmlFormat(WalkedFormat):
    """HTML5 and XHTML documents."""

    name = "html"
    extensions: tuple[str, ...] = ("html", "htm", "xhtml", "shtml")

    def walk(
        self, text: str, path: str, options: FormatOptions, *, comments: bool = True
    ) -> Walker:
        return _walk(text, path, options, comments)

    def rebuild(
        self, walker: Walker, translate: Translate, lang: str, options: FormatOptions
    ) -> str:
        return _write(walker, translate, lang, options)


def _write(walker: Walker, translate: Translate, lang: str, options: FormatOptions) -> str:
    root = walker.doc.root
    if root is not None and root.key != "html":
        root = None
    changes = bcp47(lang).lower() != bcp47(options.source_lang).lower()
    writer = HtmlWriter(walker, lang, bcp47(lang) if changes and root else None)
    if changes and root is not None:
        writer.edits.extend(root_edits(root, walker.doc.source, lang, ("lang",), "xml:lang"))
    return write_runs(walker.runs, writer, translate)


def root_edits(
    root: Element, source: str, lang: str, always: tuple[str, ...], if_present: str
) -> list[tuple[int, int, str]]:
    """Edits giving the root element the target language (and direction)."""
    edits = [set_attribute(root, source, name, bcp47(lang)) for name in always]
    if if_present and root.get(source, if_present) is not None:
        edits.append(set_attribute(root, source, if_present, bcp47(lang)))
    direction = text_direction(lang)
    if direction == "rtl" or root.get(source, "dir") is not None:
        edits.append(set_attribute(root, source, "dir", direction))
    # insertions at the same point keep their order: stable sort on (start, end)
    return edits


FORMAT = HtmlFormat()
