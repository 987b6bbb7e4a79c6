"""SRX 2.0 segmentation rules: load a file, translate its Java regexes, pick a language's rules.

SRX is the rule format that OmegaT, Okapi and LanguageTool exchange, so a translator's own rules
work here unchanged. A file holds named rule sets (``languagerule``: ordered ``rule`` elements,
each a ``beforebreak``/``afterbreak`` regex pair with ``break="yes|no"``) and a language map
(``languagemap``: a regex over language codes naming a rule set). With ``cascade="yes"`` every
matching map contributes its rules in order; otherwise only the first match does.

The regexes are Java's; :func:`translate_regex` turns them into Python's, including ``\\p{Lu}``
style properties (built from :mod:`unicodedata`) and inline flags. ``\\s``, ``\\w``, ``\\d`` and
``\\b`` keep Python's Unicode meaning, as in ICU (Okapi's engine): French text needs ``\\s`` to
cover U+00A0 and U+202F. Format handles and other header options do not apply: placeholders are
handled by the segmenter itself. Anything malformed raises
:class:`~passerelle.errors.SegmentationRulesError` naming the file and line.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from lxml import etree

from passerelle.errors import SegmentationRulesError

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


# --- Unicode properties -------------------------------------------------------------------------

_POSIX = {
    "Lower": "a-z",
    "Upper": "A-Z",
    "ASCII": "\\x00-\\x7f",
    "Alpha": "a-zA-Z",
    "Digit": "0-9",
    "Alnum": "a-zA-Z0-9",
    "Punct": "!-/:-@\\[-`{-~",
    "Graph": "!-~",
    "Print": " -~",
    "Blank": " \\t",
    "Cntrl": "\\x00-\\x1f\\x7f",
    "XDigit": "0-9a-fA-F",
    "Space": " \\t\\n\\x0b\\f\\r",
}
_ALIASES = {
    "javaLowerCase": "Ll",
    "javaUpperCase": "Lu",
    "javaLetter": "L",
    "javaDigit": "Nd",
    "Letter": "L",
    "Alphabetic": "L",
    "Uppercase": "Lu",
    "Lowercase": "Ll",
    "Punctuation": "P",
    "L&": "LC",
}
_HSPACE = " \\t\\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000"
_VSPACE = "\\n\\x0b\\f\\r\\x85\\u2028\\u2029"


@functools.cache
def _category_ranges() -> dict[str, list[tuple[int, int]]]:
    """Code point ranges of every general category (computed once, on first use).

    The table shipped beside the rules is used when it was made from this Python's Unicode
    version: walking 1.1 million code points costs more than the rest of loading the rules.
    """
    shipped = (
        resources.files("passerelle.segment").joinpath("rules").joinpath("unicode-categories.json")
    )
    try:
        data = json.loads(shipped.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if data.get("unidata_version") == unicodedata.unidata_version:
        return {cat: [(lo, hi) for lo, hi in spans] for cat, spans in data["ranges"].items()}
    return _walk_categories()


def _walk_categories() -> dict[str, list[tuple[int, int]]]:
    """Code point ranges of every general category, from this Python's own Unicode data."""
    ranges: dict[str, list[tuple[int, int]]] = {}
    category = unicodedata.category
    start, current = 0, category("\x00")
    for code in range(1, 0x110000):
        cat = category(chr(code))
        if cat != current:
            ranges.setdefault(current, []).append((start, code - 1))
            start, current = code, cat
    ranges.setdefault(current, []).append((start, 0x10FFFF))
    return ranges


def _escape_code(code: int) -> str:
    return f"\\U{code:08x}" if code > 0xFFFF else f"\\u{code:04x}"


@functools.cache
def _property_set(name: str, negated: bool) -> tuple[str, str]:
    """Class items (no brackets) for a Java property such as ``Lu``: (BMP part, astral part)."""
    for prefix in ("Is", "gc=", "general_category=", "Category="):
        if name.startswith(prefix) and len(name) > len(prefix):
            name = name[len(prefix) :]
            break
    name = _ALIASES.get(name, name)
    table = _category_ranges()
    if name in _POSIX:
        wanted = {c for c in range(0x80) if re.match(f"[{_POSIX[name]}]", chr(c))}
        spans = [(c, c) for c in sorted(wanted)]
    elif name == "LC":
        spans = sorted(span for cat in ("Lu", "Ll", "Lt") for span in table.get(cat, []))
    elif len(name) == 1 and name in "LMNPSZC":
        spans = sorted(span for cat in table if cat[0] == name for span in table[cat])
    elif len(name) == 2 and name[0] in "LMNPSZC" and name[1].islower():
        spans = list(table.get(name, []))
    else:
        raise ValueError(f"unsupported Unicode property \\p{{{name}}}")
    if negated:
        spans = _complement(spans)
    bmp, astral = [], []
    for lo, hi in spans:
        if lo <= 0xFFFF < hi:
            bmp.append((lo, 0xFFFF))
            astral.append((0x10000, hi))
        else:
            (bmp if hi <= 0xFFFF else astral).append((lo, hi))
    return _class_items(bmp), _class_items(astral)


def _complement(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result, previous = [], -1
    for lo, hi in spans:
        if lo > previous + 1:
            result.append((previous + 1, lo - 1))
        previous = max(previous, hi)
    if previous < 0x10FFFF:
        result.append((previous + 1, 0x10FFFF))
    return result


#: Characters that mean something inside a class, or that Python warns may one day (``&&``,
#: ``~~``, ``||`` set operations): written as escapes.
_CLASS_SYNTAX = frozenset("\\]-[^&~|")


def _class_char(code: int) -> str:
    """One class member as Python reads it fastest: the character itself.

    A property class lists thousands of members; ``re`` parses a literal character several
    times faster than a ``\\uXXXX`` escape, which halves the time to compile the shipped rules.
    Syntax characters are escaped, and so are invisible ones (controls, format characters,
    surrogates, private use, unassigned, separators) so that a pattern stays printable.
    """
    char = chr(code)
    if char in _CLASS_SYNTAX or unicodedata.category(char)[0] in "CZ":
        return _escape_code(code)
    return char


def _class_items(spans: list[tuple[int, int]]) -> str:
    return "".join(
        _class_char(lo) if lo == hi else f"{_class_char(lo)}-{_class_char(hi)}" for lo, hi in spans
    )


_ASTRAL_GUARD = "(?=[\\U00010000-\\U0010ffff])"


def _class(bmp: str, astral: str, negated: bool) -> str:
    """A character class, its astral part apart: ``re`` tests astral ranges one by one (slow),
    so they are only looked at for an astral character."""
    if not astral:
        return f"[^{bmp}]" if negated else f"[{bmp}]"
    either = f"{_ASTRAL_GUARD}[{astral}]"
    if bmp:
        either = f"[{bmp}]|{either}"
    return f"(?:(?!{either})[\\s\\S])" if negated else f"(?:{either})"


# --- Java regex -> Python regex --------------------------------------------------------------


def _read_braced(pattern: str, i: int) -> tuple[str, int]:
    """The name in ``{...}`` at ``pattern[i]`` (or the one character there) and the next index."""
    if i < len(pattern) and pattern[i] == "{":
        end = pattern.find("}", i)
        if end < 0:
            raise ValueError("unclosed '{' in escape")
        return pattern[i + 1 : end], end + 1
    if i >= len(pattern):
        raise ValueError("incomplete escape at end of pattern")
    return pattern[i], i + 1


def _escape(pattern: str, i: int) -> tuple[str, int]:
    """Translate the escape at ``pattern[i] == '\\'`` outside a class: (text, next index)."""
    if i + 1 >= len(pattern):
        raise ValueError("pattern ends with a lone backslash")
    c, j = pattern[i + 1], i + 2
    if c in "pP":
        name, j = _read_braced(pattern, j)
        return _class(*_property_set(name, False), negated=c == "P"), j
    if c in "hHvV":
        return _class(_HSPACE if c in "hH" else _VSPACE, "", negated=c.isupper()), j
    if c == "R":
        return f"(?:\\r\\n|[{_VSPACE}])", j
    if c == "z":
        return "\\Z", j
    if c == "Z":
        return "(?=\\n?\\Z)", j
    if c == "Q":
        end = pattern.find("\\E", j)
        literal = pattern[j:] if end < 0 else pattern[j:end]
        return re.escape(literal), len(pattern) if end < 0 else end + 2
    if c.isdigit() and c != "0" or c == "k":
        raise ValueError("backreferences are not supported in segmentation rules")
    if c in "GX":
        raise ValueError(f"\\{c} is not supported in segmentation rules")
    return _code_escape(pattern, i)


def _code_escape(pattern: str, i: int) -> tuple[str, int]:
    """Escapes naming one character (``\\x{1F600}``, ``\\cM``, ``\\0101``) or kept as is."""
    c, j = pattern[i + 1], i + 2
    if c == "x" and j < len(pattern) and pattern[j] == "{":
        digits, j = _read_braced(pattern, j)
        return _escape_code(int(digits, 16)), j
    if c == "e":
        return "\\x1b", j
    if c == "c" and j < len(pattern):
        return _escape_code(ord(pattern[j]) ^ 64), j + 1
    if c == "0":
        k = j
        while k < len(pattern) and k < j + 3 and pattern[k] in "01234567":
            k += 1
        return _escape_code(int(pattern[j:k] or "0", 8)), k
    return pattern[i : i + 2], j


def _translate_class(pattern: str, i: int) -> tuple[str, int]:
    """Translate the class opening at ``pattern[i] == '['``: (text, next index).

    Java unions (``[a-z[0-9]]``) flatten; properties splice in, their astral ranges kept apart.
    """
    negated = pattern.startswith("[^", i)
    i += 2 if negated else 1
    bmp: list[str] = []
    astral: list[str] = []
    target = bmp  # where a range's second half goes: with its first half
    depth = 1
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern) and pattern[i + 1] in "pPhvQ":
            kind = pattern[i + 1]
            if kind == "Q":
                end = pattern.find("\\E", i)
                literal = pattern[i + 2 :] if end < 0 else pattern[i + 2 : end]
                bmp.append(re.escape(literal))
                i = len(pattern) if end < 0 else end + 2
                continue
            if kind in "hv":
                bmp.append(_HSPACE if kind == "h" else _VSPACE)
                i += 2
                continue
            name, i = _read_braced(pattern, i + 2)
            low, high = _property_set(name, kind == "P")
            bmp.append(low)
            astral.append(high)
            continue
        if c == "\\":
            text, i = _code_escape(pattern, i)
            chosen = astral if text.startswith("\\U") else target
            chosen.append(text)
            target = chosen if i < len(pattern) and pattern[i] == "-" else bmp
            continue
        i += 1
        if c == "[":
            if pattern.startswith("^", i):
                raise ValueError("negated nested character classes are not supported")
            depth += 1
        elif c == "]":
            depth -= 1
            if not depth:
                return _class("".join(bmp), "".join(astral), negated), i
        elif c == "&" and pattern.startswith("&", i):
            raise ValueError("character class intersection (&&) is not supported")
        else:
            chosen = astral if ord(c) > 0xFFFF else target
            chosen.append("\\" + c if c in "&~|[" else c)
            target = chosen if c == "-" or (i < len(pattern) and pattern[i] == "-") else bmp
    raise ValueError("unclosed character class")


_FLAGS_RE = re.compile(r"\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])")


def _python_flags(on: str, off: str) -> str:
    on = "".join(f for f in on if f in "imsx")
    off = "".join(f for f in off if f in "imsx")
    return on + ("-" + off if off else "")


def translate_regex(pattern: str) -> str:
    """A Python regex equivalent to the Java ``pattern`` (raises ValueError when unsupported).

    Groups become non-capturing: rules are combined into larger regexes, where group numbers
    would collide. Inline flags ``(?i)`` become scoped groups, which Python accepts anywhere.
    """
    out: list[str] = []
    extra_closes = [0]  # per open group: scoped-flag groups to close with it
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            text, i = _escape(pattern, i)
        elif c == "[":
            text, i = _translate_class(pattern, i)
        elif c == "(":
            i = _open_group(pattern, i, out, extra_closes)
            continue
        elif c == ")":
            if len(extra_closes) == 1:
                raise ValueError("unbalanced ')'")
            text, i = ")" * extra_closes.pop() + ")", i + 1
        else:
            text, i = c, i + 1
        out.append(text)
    if len(extra_closes) > 1:
        raise ValueError("missing ')'")
    out.append(")" * extra_closes[0])
    return "".join(out)


def _open_group(pattern: str, i: int, out: list[str], extra_closes: list[int]) -> int:
    """Translate the group opening at ``pattern[i] == '('``; returns the next index."""
    if not pattern.startswith("(?", i):
        out.append("(?:")
        extra_closes.append(0)
        return i + 1
    for keep in ("(?:", "(?=", "(?!", "(?<=", "(?<!", "(?>"):
        if pattern.startswith(keep, i):
            out.append(keep)
            extra_closes.append(0)
            return i + len(keep)
    named = re.match(r"\(\?P?<([A-Za-z][A-Za-z0-9_]*)>", pattern[i:])
    if named:
        out.append("(?:")
        extra_closes.append(0)
        return i + named.end()
    flags = _FLAGS_RE.match(pattern, i)
    if not flags:
        raise ValueError(f"unsupported group syntax at offset {i}")
    scoped = _python_flags(flags.group(1), flags.group(2) or "")
    out.append(f"(?{scoped}:" if scoped else "(?:")
    if flags.group(3) == ")":
        extra_closes[-1] += 1  # applies to the rest of the enclosing group
    else:
        extra_closes.append(0)
    return flags.end()


# --- Loading ---------------------------------------------------------------------------------


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
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
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
