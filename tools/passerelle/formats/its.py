"""ITS 2.0 global rules: which nodes are translatable, inline, whitespace-keeping, annotated.

Rules come from rules files (the project's ``its-rules`` setting or ``--its-rules``) and from the
document itself (``<its:rules>`` in XML, ``<script type="application/its+xml">`` in HTML); later
rules win over earlier ones, and local markup (``its:translate``, ``translate``) wins over all.
Selectors are XPath 1.0 evaluated by lxml on a tree whose elements are in the same document order
as the lexer's, so a match maps back to a lexer element by its index. Supported rules:
translateRule, withinTextRule, locNoteRule, preserveSpaceRule, langRule (with its:param).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from passerelle.errors import SourceError
from passerelle.formats.markup import Element, MarkupTree

ITS_NS = "http://www.w3.org/2005/11/its"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XHTML_NS = "http://www.w3.org/1999/xhtml"
RULE_NAMES = {"translateRule", "withinTextRule", "locNoteRule", "preserveSpaceRule", "langRule"}


def safe_parser() -> etree.XMLParser:
    """An XML parser that never loads DTDs, external entities or anything from the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
    )


@dataclass
class ItsData:
    """What the rules said, keyed by lexer element index (and attribute name)."""

    translate: dict[int, bool] = field(default_factory=dict)
    attr_translate: dict[tuple[int, str], bool] = field(default_factory=dict)
    within: dict[int, str] = field(default_factory=dict)
    notes: dict[int, tuple[str, ...]] = field(default_factory=dict)
    attr_notes: dict[tuple[int, str], tuple[str, ...]] = field(default_factory=dict)
    preserve: dict[int, bool] = field(default_factory=dict)
    lang_attr: str | None = None
    skip: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class RuleSet:
    """One ``its:rules`` element and where it came from (for error messages)."""

    element: Any
    path: str


def read_rules_file(path: Path) -> list[RuleSet]:
    """The ``its:rules`` elements of a rules file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read ITS rules: {exc.strerror}", path=path) from None
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
    try:
        root = etree.fromstring(text.strip().encode("utf-8"), safe_parser())
    except etree.XMLSyntaxError as exc:
        raise SourceError(
            f"malformed ITS rules: {exc.msg}", path=path, line=line + exc.position[0] - 1
        ) from None
    found = [root] if root.tag == f"{{{ITS_NS}}}rules" else list(root.iter(f"{{{ITS_NS}}}rules"))
    return [RuleSet(element, path) for element in found]


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
                line=ruleset.element.sourceline,
                hint='use queryLanguage="xpath"',
            )
        for rule in ruleset.element:
            if not isinstance(rule.tag, str):
                continue
            local = etree.QName(rule).localname
            if etree.QName(rule).namespace == ITS_NS and local in RULE_NAMES:
                _apply_rule(local, rule, ruleset.path, root, index, params, data)
    return data


def _select(rule: Any, expr: str, path: str, context: Any, params: dict[str, str]) -> Any:
    namespaces = {k: v for k, v in rule.nsmap.items() if k}
    try:
        return context.xpath(expr, namespaces=namespaces, **params)
    except (etree.XPathError, TypeError, ValueError) as exc:
        raise SourceError(
            f"ITS selector {expr!r}: {exc}",
            path=path,
            line=rule.sourceline,
            hint="fix the XPath expression",
        ) from None


def _apply_rule(
    local: str,
    rule: Any,
    path: str,
    root: Any,
    index: dict[Any, int],
    params: dict[str, str],
    data: ItsData,
) -> None:
    selector = rule.get("selector")
    if not selector:
        raise SourceError(f"its:{local} without a selector", path=path, line=rule.sourceline)
    matches = _select(rule, selector, path, root, params)
    if not isinstance(matches, list):
        return
    for match in matches:
        target = _target(match, index)
        if target is None:
            continue
        i, attr = target
        if local == "translateRule":
            value = rule.get("translate") == "yes"
            if attr:
                data.attr_translate[(i, attr)] = value
            else:
                data.translate[i] = value
        elif local == "withinTextRule" and not attr:
            data.within[i] = rule.get("withinText", "no")
        elif local == "preserveSpaceRule" and not attr:
            data.preserve[i] = rule.get("space") == "preserve"
        elif local == "locNoteRule":
            note = _note(rule, path, match, params)
            if note:
                if attr:
                    data.attr_notes[(i, attr)] = (note,)
                else:
                    data.notes[i] = (note,)
        elif local == "langRule":
            pointer = (rule.get("langPointer") or "").strip()
            if pointer.startswith("@") and pointer[1:].replace(":", "").replace("-", "").isalnum():
                data.lang_attr = pointer[1:]


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


def _note(rule: Any, path: str, match: Any, params: dict[str, str]) -> str:
    child = rule.find(f"{{{ITS_NS}}}locNote")
    if child is not None:
        return " ".join("".join(child.itertext()).split())
    pointer = rule.get("locNotePointer")
    if pointer and isinstance(match, etree._Element):
        value = _select(rule, f"string({pointer})", path, match, params)
        return " ".join(str(value).split())
    return ""


def html_tree(doc: MarkupTree) -> tuple[Any, list[Any]]:
    """An lxml copy of a lexed HTML document (XHTML namespace), elements in lexer order."""
    made: list[Any] = []
    root = etree.Element(f"{{{XHTML_NS}}}html")
    top = doc.root
    for element in doc.elements:
        name = element.key if _xml_name(element.key) else "invalid"
        if element.parent is None and element is top and name == "html":
            node = root
        else:
            parent = made[element.parent.index] if element.parent is not None else root
            node = etree.SubElement(parent, f"{{{XHTML_NS}}}{name}")
        for attr in element.attrs(doc.source):
            key = attr.name.lower()
            key = f"{{{XML_NS}}}lang" if key == "xml:lang" else key
            if key.startswith("{") or _xml_name(key):
                node.set(key, html.unescape(attr.raw))
        made.append(node)
    return root, made


def _xml_name(name: str) -> bool:
    try:
        etree.QName(name)
    except ValueError:
        return False
    return ":" not in name and not name[:1].isdigit() and "-" != name[:1]


def its_local(element: Element, doc: MarkupTree, name: str) -> str | None:
    """A local ITS attribute in HTML (``its-loc-note``), decoded."""
    attr = element.get(doc.source, name)
    return html.unescape(attr.raw) if attr is not None and attr.start >= 0 else None
