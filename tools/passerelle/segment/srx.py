"""SRX 2.0 segmentation rules: load a file, translate its Java regexes, pick a language's rules.

SRX is the rule format that OmegaT, Okapi and LanguageTool exchange, so a translator's own rules
work here unchanged. A file holds named rule sets (``languagerule``: ordered ``rule`` elements,
each a ``beforebreak``/``afterbreak`` regex pair with ``break="yes|no"``) and a language map
(``languagemap``: a regex over language codes naming a rule set). With ``cascade="yes"`` every
matching map contributes its rules in order; otherwise only the first match does.

The regexes are Java's; :func:`~passerelle.segment.java_regex.translate_regex` turns them into
Python's, including ``\\p{Lu}`` style properties (:mod:`passerelle.segment.unicode_classes`) and
inline flags. ``\\s``, ``\\w``, ``\\d`` and
``\\b`` keep Python's Unicode meaning, as in ICU (Okapi's engine): French text needs ``\\s`` to
cover U+00A0 and U+202F. Format handles and other header options do not apply: placeholders are
handled by the segmenter itself. Anything malformed raises
:class:`~passerelle.errors.SegmentationRulesError` naming the file and line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from lxml import etree

from passerelle.errors import SegmentationRulesError
from passerelle.segment.java_regex import translate_regex
from passerelle.xmlsafe import safe_parser

_HINT = "fix the SRX file (SRX 2.0: srx/header/body/languagerules/maprules)"


@dataclass(frozen=True)
class Rule:
    """One break or no-break rule; ``before`` and ``after`` are Python regexes."""

    breaks: bool
    before: str
    after: str
    line: int = 0


@dataclass(frozen=True)
class LanguageMap:
    """A ``languagemap``: language codes matching ``pattern`` use rule set ``name``."""

    pattern: re.Pattern[str]
    name: str
    line: int = 0


@dataclass(frozen=True, eq=False)
class Srx:
    """A loaded SRX document (hashed by identity: loaded once, cached, never copied)."""

    source: str
    cascade: bool
    rulesets: Mapping[str, tuple[Rule, ...]]
    maps: tuple[LanguageMap, ...]

    def rules_for(self, lang: str) -> tuple[Rule, ...] | None:
        """The ordered rules for ``lang``, or None when no language map matches it."""
        rules: list[Rule] = []
        matched = False
        for entry in self.maps:
            if entry.pattern.fullmatch(lang):
                matched = True
                rules.extend(self.rulesets[entry.name])
                if not self.cascade:
                    break
        return tuple(rules) if matched else None


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


def _fail(source: str, line: int | None, message: str) -> SegmentationRulesError:
    return SegmentationRulesError(message, path=source, line=line, hint=_HINT)


def _compile_part(source: str, line: int, what: str, java: str, check: bool = True) -> str:
    try:
        python = translate_regex(java)
        if check:
            re.compile(python)
    except (ValueError, re.error) as error:
        raise _fail(source, line, f"invalid {what} regex {java!r}: {error}") from None
    return python


def _rule(source: str, element: etree._Element, check: bool) -> Rule:
    line = element.sourceline or 0
    value = (element.get("break") or "yes").strip().lower()
    if value not in ("yes", "no"):
        raise _fail(source, line, f'rule break="{value}": expected "yes" or "no"')
    texts = {"beforebreak": "", "afterbreak": ""}
    for child in element:
        name = _local(child)
        if name in texts:
            texts[name] = child.text or ""
        elif name:
            raise _fail(source, child.sourceline, f"unexpected <{name}> in <rule>")
    before = _compile_part(source, line, "beforebreak", texts["beforebreak"], check)
    after = _compile_part(source, line, "afterbreak", texts["afterbreak"], check)
    return Rule(value == "yes", before, after, line)


def parse_srx(data: bytes, source: str, *, check: bool = True) -> Srx:
    """Parse an SRX document; ``source`` names it in error messages.

    Each rule's regexes are compiled once on their own, so that a broken one is reported with
    its line; ``check=False`` skips that for the shipped rules (the tests check them), which
    saves a third of their compile time in every command.
    """
    try:
        root = etree.fromstring(data, safe_parser(remove_comments=True))
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else None
        raise _fail(source, line, f"not well-formed XML: {error.msg}") from None
    if _local(root) != "srx":
        raise _fail(source, root.sourceline, f"root element is <{_local(root)}>, not <srx>")
    headers = _children(root, "header")
    cascade = bool(headers) and (headers[0].get("cascade") or "no").strip().lower() == "yes"
    bodies = _children(root, "body")
    if not bodies:
        raise _fail(source, root.sourceline, "no <body> element")
    body = bodies[0]
    rulesets: dict[str, tuple[Rule, ...]] = {}
    for group in _children(body, "languagerules"):
        for element in _children(group, "languagerule"):
            name = element.get("languagerulename")
            if not name:
                raise _fail(source, element.sourceline, "<languagerule> has no languagerulename")
            rulesets[name] = tuple(_rule(source, r, check) for r in _children(element, "rule"))
    if not rulesets:
        raise _fail(source, body.sourceline, "no <languagerule> in <languagerules>")
    maps = []
    for group in _children(body, "maprules"):
        for element in _children(group, "languagemap"):
            maps.append(_language_map(source, element, rulesets))
    if not maps:
        raise _fail(source, body.sourceline, "no <languagemap> in <maprules>")
    return Srx(source, cascade, rulesets, tuple(maps))


def _language_map(
    source: str, element: etree._Element, rulesets: Mapping[str, tuple[Rule, ...]]
) -> LanguageMap:
    line = element.sourceline or 0
    name = element.get("languagerulename") or ""
    if name not in rulesets:
        raise _fail(source, line, f"languagemap names an unknown languagerule {name!r}")
    java = element.get("languagepattern")
    if java is None:
        raise _fail(source, line, "<languagemap> has no languagepattern")
    return LanguageMap(re.compile(_compile_part(source, line, "languagepattern", java)), name, line)


@functools.lru_cache(maxsize=32)
def _load_cached(path: str, mtime_ns: int, size: int) -> Srx:
    return parse_srx(Path(path).read_bytes(), path)


def load_srx(path: Path) -> Srx:
    """Load an SRX file (cached until the file changes)."""
    try:
        stat = path.stat()
    except OSError as error:
        raise SegmentationRulesError(
            f"cannot read SRX rules: {error.strerror}", path=path, hint="check the srx setting"
        ) from None
    return _load_cached(str(path), stat.st_mtime_ns, stat.st_size)


@functools.cache
def bundled_srx(name: str) -> Srx:
    """One of the rule files shipped in ``passerelle/rules`` (``fr`` or ``default``)."""
    resource = resources.files("passerelle.segment").joinpath("rules").joinpath(f"{name}.srx")
    return parse_srx(resource.read_bytes(), f"passerelle/segment/rules/{name}.srx", check=False)
