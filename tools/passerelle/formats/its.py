"""ITS 2.0 global rules: what each element and attribute of a document is, category by category.

Rules come from rules files (the project's ``its-rules`` setting or ``--its-rules``), from files
the document links (``<its:rules xlink:href>`` in XML, ``<link rel="its-rules">`` in HTML, see
:mod:`passerelle.formats.its_links`) and from the document itself (``<its:rules>`` in XML,
``<script type="application/its+xml">`` in HTML); later rules win over earlier ones, a linked file
loses to the rules of the element linking it, and local markup wins over all (see
:mod:`passerelle.formats.its_local`). Selectors are XPath 1.0 evaluated by lxml on a tree whose
elements are in the same document order as the lexer's, so a match maps back to a lexer element
by its index. Every value is kept as a string per category (:data:`CATEGORIES`), the same strings
local markup gives, so a vocabulary asks one question: "local value, else ruled value".
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from passerelle.errors import SourceError
from passerelle.formats.its_rules import RULE_CATEGORIES, UNSUPPORTED_RULES, rule_value
from passerelle.formats.markup import Element, MarkupTree
from passerelle.xmlsafe import safe_parser

ITS_NS = "http://www.w3.org/2005/11/its"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XHTML_NS = "http://www.w3.org/1999/xhtml"
XLINK_NS = "http://www.w3.org/1999/xlink"


@dataclass
class ItsData:
    """What the rules said: category -> element index (or (index, attribute)) -> value."""

    element: dict[str, dict[int, str]] = field(default_factory=dict)
    attribute: dict[str, dict[tuple[int, str], str]] = field(default_factory=dict)
    skip: set[int] = field(default_factory=set)

    def get(self, category: str, index: int) -> str | None:
        values = self.element.get(category)
        return values.get(index) if values else None

    def get_attr(self, category: str, index: int, name: str) -> str | None:
        values = self.attribute.get(category)
        return values.get((index, name)) if values else None


@dataclass(frozen=True)
class RuleSet:
    """One ``its:rules`` element and where it came from (for error messages)."""

    element: Any
    path: str
    line_offset: int = 0  # lines before the rules' text in ``path`` (embedded rules)

    def line(self, node: Any) -> int | None:
        return node.sourceline + self.line_offset if node.sourceline else None


def read_rules_file(path: Path) -> list[RuleSet]:
    """The ``its:rules`` elements of a rules file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(
            f"cannot read ITS rules: {exc.strerror}", path=path, hint="fix the rules file's path"
        ) from None
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise SourceError(
            f"malformed ITS rules: {exc.msg}", path=path, line=line, column=column
        ) from None
    found = [root] if root.tag == f"{{{ITS_NS}}}rules" else list(root.iter(f"{{{ITS_NS}}}rules"))
    if not found:
        raise SourceError("no its:rules element", path=path, hint="wrap rules in <its:rules>")
    return [RuleSet(element, str(path)) for element in found]


def rules_from_text(text: str, path: str, line: int) -> list[RuleSet]:
    """Rules embedded in a document (the content of an HTML ``application/its+xml`` script)."""
    body = text.strip()
    offset = line - 1 + text[: len(text) - len(text.lstrip())].count("\n")
    try:
        root = etree.fromstring(body.encode("utf-8"), safe_parser())
    except etree.XMLSyntaxError as exc:
        raise SourceError(
            f"malformed ITS rules: {exc.msg}", path=path, line=offset + exc.position[0]
        ) from None
    found = [root] if root.tag == f"{{{ITS_NS}}}rules" else list(root.iter(f"{{{ITS_NS}}}rules"))
    return [RuleSet(element, path, offset) for element in found]


def apply_rules(rulesets: Iterable[RuleSet], root: Any, elements: list[Any]) -> ItsData:
    """Evaluate every rule in order on ``root``; ``elements`` lists lxml elements by index."""
    index = {element: i for i, element in enumerate(elements)}
    data = ItsData()
    for ruleset in rulesets:
        params = {
            p.get("name"): (p.text or "")
            for p in ruleset.element.iter(f"{{{ITS_NS}}}param")
            if p.get("name")
        }
        if ruleset.element.get("queryLanguage", "xpath") != "xpath":
            raise SourceError(
                "only XPath ITS selectors are supported",
                path=ruleset.path,
                line=ruleset.line(ruleset.element),
                hint='use queryLanguage="xpath"',
            )
        for rule in ruleset.element:
            if not isinstance(rule.tag, str) or etree.QName(rule).namespace != ITS_NS:
                continue
            local = etree.QName(rule).localname
            if local in RULE_CATEGORIES:
                _apply_rule(local, rule, ruleset, root, index, params, data)
            elif local != "param" and local not in UNSUPPORTED_RULES:
                raise SourceError(
                    f"unknown ITS data category rule its:{local}",
                    path=ruleset.path,
                    line=ruleset.line(rule),
                    hint="check the rule's name against ITS 2.0",
                )
    return data


def select(rule: Any, expr: str, where: RuleSet, context: Any, params: dict[str, str]) -> Any:
    """``expr`` evaluated at ``context`` with the rule's namespaces; a bad one names its line."""
    namespaces = {k: v for k, v in rule.nsmap.items() if k}
    try:
        return context.xpath(expr, namespaces=namespaces, **params)
    except (etree.XPathError, TypeError, ValueError) as exc:
        raise SourceError(
            f"ITS selector {expr!r}: {exc}",
            path=where.path,
            line=where.line(rule),
            hint="fix the XPath expression",
        ) from None


def _apply_rule(
    local: str,
    rule: Any,
    where: RuleSet,
    root: Any,
    index: dict[Any, int],
    params: dict[str, str],
    data: ItsData,
) -> None:
    selector = rule.get("selector")
    if not selector:
        raise SourceError(f"its:{local} without a selector", path=where.path, line=where.line(rule))
    matches = select(rule, selector, where, root, params)
    if not isinstance(matches, list):
        return
    for match in matches:
        target = _target(match, index)
        if target is None:
            continue
        i, attr = target
        context = match if isinstance(match, etree._Element) else match.getparent()

        def evaluate(expr: str, context: Any = context) -> str:
            return str(select(rule, f"string({expr})", where, context, params))

        for category, value in rule_value(local, rule, evaluate):
            if attr:
                data.attribute.setdefault(category, {})[(i, attr)] = value
            else:
                data.element.setdefault(category, {})[i] = value


def _target(match: Any, index: dict[Any, int]) -> tuple[int, str] | None:
    if isinstance(match, etree._Element):
        i = index.get(match)
        return (i, "") if i is not None else None
    if getattr(match, "is_attribute", False):
        parent = match.getparent()
        i = index.get(parent)
        if i is None:
            return None
        name = etree.QName(match.attrname)
        if name.namespace == XML_NS:
            return i, f"xml:{name.localname}"
        if name.namespace:
            prefix = next((k for k, v in parent.nsmap.items() if v == name.namespace and k), None)
            return (i, f"{prefix}:{name.localname}") if prefix else None
        return i, name.localname
    return None


def html_tree(doc: MarkupTree) -> tuple[Any, list[Any]]:
    """An lxml copy of a lexed HTML document (XHTML namespace), elements in lexer order.

    Text is copied too (each element's text and tail), so pointers such as ``locNotePointer``
    and ``langPointer`` that read an element's content find it.
    """
    made: list[Any] = []
    root = etree.Element(f"{{{XHTML_NS}}}html")
    top = doc.root
    source = doc.source
    for element in doc.elements:
        name = element.key if _xml_name(element.key) else "invalid"
        if element.parent is None and element is top and name == "html":
            node = root
        else:
            parent = made[element.parent.index] if element.parent is not None else root
            node = etree.SubElement(parent, f"{{{XHTML_NS}}}{name}")
        for attr in element.attrs(source):
            key = attr.name.lower()
            key = f"{{{XML_NS}}}lang" if key == "xml:lang" else key
            if key.startswith("{") or _xml_name(key):
                node.set(key, _xml_text(html.unescape(attr.raw)))
        made.append(node)
    for element, node in zip(doc.elements, made, strict=True):
        texts = [c for c in element.children if c.kind == "text"]
        if not texts or element.key in ("script", "style"):
            continue
        last: Any = None
        for child in element.children:
            if isinstance(child, Element):
                last = made[child.index]
            elif child.kind == "text":
                text = _xml_text(html.unescape(source[child.start : child.end]))
                if last is None:
                    node.text = (node.text or "") + text
                else:
                    last.tail = (last.tail or "") + text
    return root, made


def _xml_text(text: str) -> str:
    """``text`` without the characters XML cannot hold (lxml refuses them)."""
    return "".join(ch for ch in text if ch in "\t\n\r" or " " <= ch <= "\ud7ff" or ch >= "\ue000")


def _xml_name(name: str) -> bool:
    try:
        etree.QName(name)
    except ValueError:
        return False
    return ":" not in name and not name[:1].isdigit() and "-" != name[:1]
