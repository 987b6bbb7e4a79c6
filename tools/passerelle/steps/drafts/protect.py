"""Protect what machine translation breaks, and check what comes back.

Engines mangle markup placeholders (``<a1>``), printf and brace formats, links (the URLs and
e-mail addresses of :func:`passerelle.urls.links`, as the checks see them), and the spaces and
newlines around a text. Before a text leaves, every such span becomes a token the engine keeps:
opaque ``[X3X]`` tokens for most engines, real XML for DeepL's tag handling (``<a1>`` stays an
element so DeepL can move the words inside it; other spans become ``<x i="3"/>``). On return the
tokens are put back and the draft is checked against its source: a placeholder lost, duplicated
or invented rejects the draft; a number lost is reported, not rejected (the reviewer decides),
read as the ``number-missing`` check reads it, so ``1 000`` and ``1,000`` or ``14 milliards``
and ``14 billion`` are the same number.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html import escape, unescape

from passerelle.counts import counted
from passerelle.numbers import missing_numbers
from passerelle.units import PLACEHOLDER_RE, placeholder_problem
from passerelle.urls import EMAIL_RE, URL_RE, links, trim_link

#: printf conversions (``%s``, ``%(name)s``, ``%1$d``); no space flag, so "50 % des" stays prose.
PRINTF_RE = re.compile(r"%(?:\(\w+\)|\d+\$)?[-+#0]*\d*(?:\.\d+)?[sdifuxXeEgGcr%]")
#: brace formats (``{name}``, ``{0}``, ``{0:.2f}``).
BRACE_RE = re.compile(r"\{(?:[A-Za-z_]\w*|\d+)(?:![rsa])?(?::[^{}]*)?\}")
#: Our own opaque token; a literal look-alike in a source is protected too, so restoring is exact.
TOKEN_RE = re.compile(r"\[X(\d+)X\]")
_XML_TOKEN_RE = re.compile(r'<x i="(\d+)"\s*/>')
#: Every span no engine may change; a link (group ``link``) is the link the checks see.
_SPANS_RE = re.compile(
    f"(?:{PLACEHOLDER_RE.pattern})|(?P<link>{URL_RE.pattern}|{EMAIL_RE.pattern})|"
    + "|".join(f"(?:{p.pattern})" for p in (PRINTF_RE, BRACE_RE, TOKEN_RE, re.compile(r"\n")))
)


class BrokenDraft(ValueError):
    """A draft whose protected spans did not survive the round trip."""


def split_whitespace(text: str) -> tuple[str, str, str]:
    """``(leading, core, trailing)``: engines strip the outer whitespace, so it is kept aside."""
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def protected_spans(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into runs: ``(run, True)`` for spans no engine may change."""
    runs: list[tuple[str, bool]] = []
    last = 0
    while (match := _SPANS_RE.search(text, last)) is not None:
        span = match.group(0)
        if match.lastgroup == "link":
            span = trim_link(span)  # the sentence's full stop is the engine's to move
        if match.start() > last:
            runs.append((text[last : match.start()], False))
        runs.append((span, True))
        last = match.start() + len(span)
    if last < len(text):
        runs.append((text[last:], False))
    return runs


@dataclass(frozen=True)
class Protected:
    """A text as sent to an engine, and what its tokens stand for."""

    wire: str
    text: str
    spans: tuple[str, ...]


def protect(text: str, wire: str) -> Protected:
    """Replace protected spans by tokens (``wire`` is ``token`` or ``xml``; ``raw`` sends as is)."""
    if wire == "raw":
        return Protected(wire, text, ())
    out: list[str] = []
    spans: list[str] = []
    for run, keep in protected_spans(text):
        if not keep:
            out.append(escape(run, quote=False) if wire == "xml" else run)
        elif wire == "xml" and PLACEHOLDER_RE.fullmatch(run):
            out.append(run)  # a real element: DeepL keeps it and moves its content
        else:
            spans.append(run)
            number = len(spans)
            out.append(f'<x i="{number}"/>' if wire == "xml" else f"[X{number}X]")
    return Protected(wire, "".join(out), tuple(spans))


def restore(protected: Protected, response: str) -> str:
    """Put the spans back; every token must come back exactly once and none may be invented."""
    if protected.wire == "raw":
        return response
    pattern = _XML_TOKEN_RE if protected.wire == "xml" else TOKEN_RE
    seen: Counter[int] = Counter(int(m.group(1)) for m in pattern.finditer(response))
    expected = Counter(range(1, len(protected.spans) + 1))
    if seen != expected:
        lost = sorted((expected - seen).elements())
        extra = sorted((seen - expected).elements())
        parts = []
        if lost:
            parts.append("lost " + ", ".join(protected.spans[n - 1] for n in lost))
        if extra:
            parts.append(f"invented {counted(len(extra), 'token')}")
        raise BrokenDraft("; ".join(parts))

    def back(match: re.Match[str]) -> str:
        return protected.spans[int(match.group(1)) - 1]

    if protected.wire == "xml":
        pieces = []
        last = 0
        for match in _XML_TOKEN_RE.finditer(response):
            pieces.append(unescape(response[last : match.start()]))
            pieces.append(back(match))
            last = match.end()
        pieces.append(unescape(response[last:]))
        return "".join(pieces)
    return TOKEN_RE.sub(back, response)


def _format_spans(text: str) -> Counter[str]:
    found: Counter[str] = Counter()
    for pattern in (PRINTF_RE, BRACE_RE):
        found.update(m.group(0) for m in pattern.finditer(text))
    found.update(links(text))
    return found


def draft_problem(source: str, draft: str) -> str | None:
    """Why ``draft`` cannot stand for ``source``: markup placeholders, formats or URLs differ."""
    problem = placeholder_problem(source, draft)
    if problem is not None:
        return str(problem)
    return _difference(_format_spans(source), _format_spans(draft), "lost", "invented", ", ")


def _difference(
    src: Counter[str], dst: Counter[str], lost_word: str, extra_word: str, sep: str
) -> str | None:
    """What ``dst`` lacks and adds compared with ``src``, in words; None when they agree."""
    if src == dst:
        return None
    parts = []
    lost = sorted((src - dst).elements())
    extra = sorted((dst - src).elements())
    if lost:
        parts.append(f"{lost_word} " + sep.join(lost))
    if extra:
        parts.append(f"{extra_word} " + sep.join(extra))
    return "; ".join(parts)


def restore_whitespace(source: str, draft: str) -> str:
    """The draft with exactly the source's leading and trailing whitespace."""
    lead, _, trail = split_whitespace(source)
    return lead + draft.strip() + trail


def number_problem(source: str, draft: str, source_lang: str, lang: str) -> str | None:
    """A note when the draft loses a number of the source, the case the ``number-missing``
    check refuses; it also names the numbers the draft has instead, to help the reviewer."""
    missing = missing_numbers(source, source_lang, draft, lang)
    if not missing:
        return None
    added = missing_numbers(draft, lang, source, source_lang)
    return (
        "numbers differ: missing "
        + " ".join(missing)
        + ("; added " + " ".join(added) if added else "")
    )
