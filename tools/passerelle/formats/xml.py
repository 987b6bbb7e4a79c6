"""XML documents of any vocabulary, under ITS 2.0 rules.

The document is checked by lxml with a parser that never loads a DTD, an external entity or
anything over the network, and that refuses entity-expansion bombs; references to entities no
DTD in reach defines (``&eacute;`` with an absent DTD, as real documents often have) are kept as
written, not fatal. Malformed XML is a :class:`SourceError` with line, column and the parser's
message. The byte-faithful lexer then finds the runs, and lxml's copy answers ITS selectors.

Without rules, an element is inline when its name mostly appears in mixed content (text beside
it), ``<code>`` is an opaque placeholder, and XHTML documents follow HTML's vocabulary.
"""

from __future__ import annotations

import html.entities
import re
from collections import Counter
from typing import Any

from lxml import etree

from passerelle.errors import SourceError
from passerelle.formats import its
from passerelle.formats.base import FormatOptions
from passerelle.formats.html import ELEMENT_ATTRS, INLINE_BLOCKS, OPAQUE, PRESERVE, TEXT_ATTRS
from passerelle.formats.html import root_edits as html_root_edits
from passerelle.formats.inline import Part, WalkedFormat, Walker, walked
from passerelle.formats.its_links import document_rules
from passerelle.formats.its_local import local_values
from passerelle.formats.its_vocabulary import ItsVocabulary
from passerelle.formats.markup import Attr, Element, MarkupTree, Node
from passerelle.formats.markup_parser import parse
from passerelle.formats.writer import Writer, write_runs
from passerelle.locale import bcp47, text_direction
from passerelle.units import Translate
from passerelle.xmlsafe import safe_parser

ENTITY_RE = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[^\s&;<>\"']+);")
DECL_RE = re.compile(r"<!ENTITY\s+([^\s%]+)\s+(\"[^\"]*\"|'[^']*'|SYSTEM|PUBLIC)")
ENCODING_RE = re.compile(r"^(\ufeff?\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])([^\"']*)\2")
PREDEFINED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
XML_NS = its.XML_NS
ITS_SPAN = f"{{{its.ITS_NS}}}span"


def check_xml(doc: MarkupTree, path: str) -> tuple[Any, dict[str, str | None]]:
    """Parse a neutral copy with lxml: its root, and the internal subset's general entities.

    An entity maps to its replacement text when that is plain text, else to None.
    """
    text = doc.source
    declared: dict[str, str | None] = {}
    body_from = 0
    for node in doc.children:
        if node.kind == "doctype":
            body_from = node.end
            for name, value in DECL_RE.findall(text[node.start : node.end]):
                plain = value[1:-1] if value[:1] in "\"'" else None
                declared[name] = (
                    plain if plain is not None and not re.search("[<&%]", plain) else None
                )
            break

    def neutral(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("#") or name in PREDEFINED or name in declared:
            return match.group(0)
        return "_" * len(match.group(0))

    copy = text[:body_from] + ENTITY_RE.sub(neutral, text[body_from:])
    copy = ENCODING_RE.sub(lambda m: f"{m.group(1)}{m.group(2)}UTF-8{m.group(2)}", copy, count=1)
    try:
        root = etree.fromstring(copy.encode("utf-8"), safe_parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        message = re.sub(r"\s*, line \d+, column \d+$", "", exc.msg or str(exc))
        message, hint = _beyond_limits(message) or (
            f"malformed XML: {message}",
            "fix the markup: XML must be well-formed",
        )
        raise SourceError(message, path=path, line=line, column=column, hint=hint) from None
    return root, declared


def _beyond_limits(message: str) -> tuple[str, str] | None:
    """What to say when the document exceeds the parser's safety limits, which stay on.

    libxml2 then advises an option (XML_PARSE_HUGE) that would lift the limits for every input;
    the person who can act is the document's author, so the message speaks of the document.
    """
    depth = re.search(r"Excessive depth in document: (\d+)", message)
    if depth:
        return (
            f"elements nested too deep: more than {depth.group(1)} levels",
            f"flatten the document to at most {depth.group(1)} levels of nested elements",
        )
    if "XML_PARSE_HUGE" in message:
        return (
            "a text, name or attribute value is too long for the XML reader",
            "split the document: texts and attribute values must stay under 10 MB",
        )
    return None


class XmlVocabulary(ItsVocabulary):
    """Generic XML with ITS: mixed-content heuristics, its:translate, xml:space, xml:lang."""

    def __init__(self, doc: MarkupTree, options: FormatOptions, path: str) -> None:
        root, self.declared = check_xml(doc, path)
        self.nodes = [el for el in root.iter() if isinstance(el.tag, str)]
        if len(self.nodes) != len(doc.elements):
            raise SourceError(
                "cannot map the document's elements",
                path=path,
                hint="report this file: the XML reader and the lexer disagree",
            )
        inline_rules = list(root.iter(f"{{{its.ITS_NS}}}rules"))
        rules = _rules(root, self.nodes, inline_rules, options, path)
        super().__init__(doc, options.source_lang, rules)
        self.rules.skip.update(self.nodes.index(element) for element in inline_rules)
        self.xhtml = etree.QName(root).namespace == its.XHTML_NS
        top = doc.root
        self.span = "span" if self.xhtml and top is not None and ":" not in top.name else None
        self.inline_names = _mixed_names(doc)
        self.has_its = its.ITS_NS in doc.source
        self.has_space = "xml:space" in doc.source
        self.entities: dict[str, str | None] = {}

    @property
    def local_markup(self) -> bool:
        return self.has_its

    def read_local(self, element: Element) -> dict[str, str]:
        node = self.nodes[element.index]
        plain = node.tag == ITS_SPAN

        def get(name: str) -> str | None:
            value = node.get(f"{{{its.ITS_NS}}}{name}")
            return node.get(name) if value is None and plain else value  # type: ignore[no-any-return]

        return local_values(get)

    def local(self, element: Element, name: str) -> str | None:
        return self.nodes[element.index].get(name)  # type: ignore[no-any-return]

    def kind(self, element: Element) -> str:
        within = self.its("within", element)
        if within is not None:
            kind = {"yes": "inline", "nested": "nested"}.get(within, "block")
            if kind == "inline" and not self.translate(element, True):
                return "opaque"
            return kind
        name = element.name.rpartition(":")[2]
        if not self.translate(element, True):
            return "opaque" if name in self.inline_names else "block"
        if self.xhtml:
            return "opaque" if name in OPAQUE else "block" if name in INLINE_BLOCKS else "inline"
        if name == "code" and self.rules.get("translate", element.index) is None:
            return "opaque"
        return "inline" if name in self.inline_names else "block"

    def skipped(self, element: Element) -> bool:
        return element.index in self.rules.skip or (
            self.xhtml and element.name in ("script", "style")
        )

    def translate(self, element: Element, inherited: bool) -> bool:
        value = self.its("translate", element)
        if value is None and self.xhtml:
            value = self.local(element, "translate")
        if value is not None:
            return value.strip().lower() != "no"
        return inherited

    def preserve(self, element: Element, inherited: bool) -> bool:
        space = self.local(element, f"{{{XML_NS}}}space") if self.has_space else None
        if space is not None:
            return space == "preserve"
        if self.xhtml and element.name in PRESERVE:
            return True
        value = self.rules.get("preserve", element.index)
        return value == "preserve" if value is not None else inherited

    def attributes(self, element: Element, translate: bool) -> list[tuple[Attr, str]]:
        if not self.xhtml and "translate" not in self.rules.attribute:
            return []
        found: list[tuple[Attr, str]] = []
        name = element.name.rpartition(":")[2]
        defaults = TEXT_ATTRS + ELEMENT_ATTRS.get(name, ()) if self.xhtml else ()
        for attr in element.attrs(self.source):
            ruled = self.rules.get_attr("translate", element.index, attr.name)
            if attr.start >= 0 and (
                ruled == "yes" or (ruled is None and translate and attr.name in defaults)
            ):
                found.append((attr, f"{name}@{attr.name}"))
        return found

    def text_parts(self, node: Node) -> list[Part]:
        raw = self.source[node.start : node.end]
        if "&" not in raw:
            return [raw]
        kept: list[str] = []

        def decode(match: re.Match[str]) -> str:
            decoded = self.entity(match.group(1))
            if decoded is None:
                kept.append(match.group(1))
                return ""
            return decoded

        text = ENTITY_RE.sub(decode, raw)
        if not kept:
            return [text]
        parts: list[Part] = []
        pos = 0
        for match in ENTITY_RE.finditer(raw):
            decoded = self.entity(match.group(1))
            if decoded is None:
                parts.append(raw[pos : match.start()])
                name = match.group(1)
                parts.append((name, node.start + match.start(), node.start + match.end()))
            else:
                parts.append(raw[pos : match.start()] + decoded)
            pos = match.end()
        parts.append(raw[pos:])
        return parts

    def entity(self, name: str) -> str | None:
        """The text an entity reference stands for, or None to keep it as a placeholder."""
        if name in self.entities:
            return self.entities[name]
        decoded = self.entities[name] = self._entity(name)
        return decoded

    def _entity(self, name: str) -> str | None:
        if name.startswith("#"):
            try:
                code = int(name[2:], 16) if name[1:2] in "xX" else int(name[1:])
                return chr(code) if 0 < code < 0x110000 else None
            except ValueError:
                return None
        if name in PREDEFINED:
            return PREDEFINED[name]
        if name in self.declared:
            return self.declared[name]
        return html.entities.html5.get(name + ";")

    def language(self, element: Element) -> str | None:
        for name in ("xml:lang", "lang") if self.xhtml else ("xml:lang",):
            attr = element.get(self.source, name)
            if attr is not None and attr.start >= 0:
                return attr.raw.strip()
        return self.rules.get("lang", element.index)

    def mark_attr(self, element: Element | None) -> str:
        """The attribute saying an element's language: the one a langRule reads there, else
        ``xml:lang``, which every ITS processor reads."""
        found = self.rules.get("langattr", element.index) if element is not None else None
        return found or "xml:lang"


def _rules(
    root: Any, nodes: list[Any], inline_rules: list[Any], options: FormatOptions, path: str
) -> its.ItsData:
    """Rules files given, then each its:rules of the document: what it links, then itself."""
    rulesets = [rs for file in options.its_rules for rs in its.read_rules_file(file)]
    for element in inline_rules:
        where = (path, element.sourceline)
        rulesets += document_rules(element, options.document, options.source_root, where)
    return its.apply_rules(rulesets, root, nodes) if rulesets else its.ItsData()


def _mixed_names(doc: MarkupTree) -> frozenset[str]:
    """Element names found in mixed content (beside text) at least as often as not."""
    mixed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    source = doc.source
    for element in doc.elements:
        names = [c.name.rpartition(":")[2] for c in element.children if isinstance(c, Element)]
        if not names:
            continue
        has_text = any(
            c.kind == "cdata" or (c.kind == "text" and source[c.start : c.end].strip())
            for c in element.children
        )
        total.update(names)
        if has_text:
            mixed.update(names)
    return frozenset(name for name, count in mixed.items() if 2 * count >= total[name])


class XmlWriter(Writer):
    """Fallback marks are ``xml:lang`` (plus ``lang`` in XHTML), or the attribute a langRule
    reads on the marked element."""

    def mark_attrs(self, element: Element | None = None) -> str:
        tag = bcp47(self.vocabulary.source_lang)
        vocabulary = self.vocabulary
        if not isinstance(vocabulary, XmlVocabulary):
            return super().mark_attrs(element)
        extra = f' lang="{tag}"' if vocabulary.xhtml else ""
        return f' {vocabulary.mark_attr(element)}="{tag}"{extra}'


def _walk(text: str, path: str, options: FormatOptions, comments: bool) -> Walker:
    doc = parse(text, html=False)
    return walked(doc, XmlVocabulary(doc, options, path), comments=comments)


class XmlFormat(WalkedFormat):
    """XML documents, any vocabulary."""

    name = "xml"
    extensions: tuple[str, ...] = ("xml", "its", "dita", "docbook", "svg", "xlf")

    def walk(
        self, text: str, path: str, options: FormatOptions, *, comments: bool = True
    ) -> Walker:
        return _walk(text, path, options, comments)

    def rebuild(
        self, walker: Walker, translate: Translate, lang: str, options: FormatOptions
    ) -> str:
        return _write(walker, translate, lang, options)


def _write(walker: Walker, translate: Translate, lang: str, options: FormatOptions) -> str:
    vocabulary, root, text = walker.vocabulary, walker.doc.root, walker.doc.source
    changes = bcp47(lang).lower() != bcp47(options.source_lang).lower()
    writer = XmlWriter(walker, lang, bcp47(lang) if changes and root else None)
    if changes and root is not None:
        name = vocabulary.mark_attr(root) if isinstance(vocabulary, XmlVocabulary) else "xml:lang"
        if isinstance(vocabulary, XmlVocabulary) and vocabulary.xhtml:
            edits = html_root_edits(root, text, lang, (name,), "lang")
        else:
            edits = html_root_edits(root, text, lang, (name,), "")
            if text_direction(lang) == "rtl" or root.get(text, "dir") is not None:
                edits = edits[:1]  # ``dir`` means nothing outside XHTML
        writer.edits.extend(edits)
    return write_runs(walker.runs, writer, translate)


FORMAT = XmlFormat()
