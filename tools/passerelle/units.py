"""The translation unit model: blocks found in documents, units kept in catalogs.

A *block* is what a format finds in a document: one run of translatable text (a paragraph, a
caption, an attribute value) in which inline markup has already become numbered placeholders.
A *unit* is what a catalog holds: a block, or one sentence of it, with a stable identity made of
its text and, only where two identical texts need different translations, a context. Line numbers
never take part in identity (they change with every edit above); they are kept as references for
people.

Placeholders are part of the model, not of a format: ``<a1>text</a1>`` for paired inline markup,
``<br2/>`` for empty elements. Their numbers are unique within a block, so a translation may
reorder them but never invent one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from passerelle.frozen import quick_init

#: One placeholder token: ``<name N>``, ``</name N>`` or ``<name N/>``; names are ASCII letters.
PLACEHOLDER_RE = re.compile(r"<(/?)([A-Za-z]+)(\d+)(/?)>")


@quick_init
@dataclass(frozen=True)
class Block:
    """A run of translatable text found in a source document.

    ``text`` carries inline markup as placeholders. ``comment`` says what the block is (``p``,
    ``img@alt``, ``figcaption``) and becomes an extracted comment; ``notes`` are further
    extracted comments (ITS localisation notes). ``segment`` is False where the text must stay
    whole (``<pre>``, attributes, titles). ``context`` is set by a format only where identical
    texts need different translations (or an ITS ID Value names the block). ``locales`` is an
    ITS locale filter (``include|de, fr-CA``): the languages the block is for; others keep it
    in the source language. ``codes`` tell what empty placeholders stand for
    (``("<code1/>", '<code1/> = "cookie_name"')``): a unit takes those of its placeholders.
    """

    text: str
    line: int = 0
    comment: str = ""
    context: str | None = None
    segment: bool = True
    notes: tuple[str, ...] = ()
    codes: tuple[tuple[str, str], ...] = ()
    locales: str = ""


@quick_init
@dataclass(frozen=True)
class Unit:
    """One catalog entry as extraction produces it."""

    msgid: str
    msgctxt: str | None = None
    comments: tuple[str, ...] = ()
    references: tuple[tuple[str, int], ...] = ()
    flags: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str | None, str]:
        """Identity in a catalog: context and text."""
        return (self.msgctxt, self.msgid)


@quick_init
@dataclass(frozen=True)
class Piece:
    """A run of output text: translated, or the source text kept as a fallback."""

    text: str
    fallback: bool = False


#: What a format's writer calls for each block it meets on the second walk.
Translate = Callable[[Block], Sequence[Piece]]


@quick_init
@dataclass(frozen=True)
class Token:
    """One placeholder occurrence in a text."""

    kind: str  # "open", "close" or "empty"
    name: str
    number: int
    start: int
    end: int

    @property
    def ident(self) -> tuple[str, int]:
        return (self.name, self.number)


#: Exactly the tokens :func:`placeholder_tokens` finds (not ``</a1/>``, which it leaves as text).
_TOKEN_RE = re.compile(r"<(?:/[A-Za-z]+\d+|[A-Za-z]+\d+/?)>")


def without_tokens(text: str) -> str:
    """``text`` without the tokens :func:`placeholder_tokens` finds: the text the sentence
    rules see, in one pass where building the tokens would cost more."""
    return _TOKEN_RE.sub("", text)


def placeholder_tokens(text: str) -> list[Token]:
    """All placeholder tokens in ``text``, in order."""
    tokens = []
    for match in PLACEHOLDER_RE.finditer(text):
        slash, name, number, empty = match.groups()
        kind = "close" if slash else ("empty" if empty else "open")
        if slash and empty:
            continue
        tokens.append(Token(kind, name, int(number), match.start(), match.end()))
    return tokens


@dataclass(frozen=True)
class PlaceholderProblem:
    """Why a translation's placeholders do not fit its source."""

    missing: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    unbalanced: tuple[str, ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        parts = []
        if self.missing:
            parts.append("missing " + ", ".join(self.missing))
        if self.unknown:
            parts.append("unknown " + ", ".join(self.unknown))
        if self.unbalanced:
            parts.append("unbalanced " + ", ".join(self.unbalanced))
        return "; ".join(parts)


def _render(token: Token) -> str:
    if token.kind == "open":
        return f"<{token.name}{token.number}>"
    if token.kind == "close":
        return f"</{token.name}{token.number}>"
    return f"<{token.name}{token.number}/>"


def placeholder_problem(source: str, translation: str) -> PlaceholderProblem | None:
    """Compare placeholders: the same multiset as the source, properly nested; order is free.

    Returns None when the translation is safe to rebuild into markup.
    """
    src = Counter(_render(t) for t in placeholder_tokens(source))
    tokens = placeholder_tokens(translation)
    dst = Counter(_render(t) for t in tokens)
    missing = tuple(sorted((src - dst).elements()))
    unknown = tuple(sorted((dst - src).elements()))
    unbalanced: list[str] = []
    stack: list[Token] = []
    for token in tokens:
        if token.kind == "open":
            stack.append(token)
        elif token.kind == "close":
            if stack and stack[-1].ident == token.ident:
                stack.pop()
            else:
                unbalanced.append(_render(token))
    unbalanced.extend(_render(t) for t in stack)
    if missing or unknown or unbalanced:
        return PlaceholderProblem(missing, unknown, tuple(unbalanced))
    return None


def strip_placeholders(text: str) -> str:
    """The text a reader sees: placeholders removed (for word counts and checks)."""
    return PLACEHOLDER_RE.sub("", text)


#: A candidate letter: word characters but digits and ``_``. It also matches other numbers
#: (``½``, ``²``, ``Ⅻ``), so each match is confirmed with :meth:`str.isalpha`.
_LETTER_RE = re.compile(r"[^\W\d_]")


def translatable(text: str) -> bool:
    """Worth a unit: some letter outside placeholders.

    A text of numbers and marks alone reads the same in every language, whatever script its
    numbers are written in: Unicode files vulgar fractions (``½``), superscripts (``²``) and
    roman numerals (``Ⅻ``) as numbers (No, Nl), not letters, so they make no unit, as ``12``
    makes none. Formats (which runs to walk) and extraction (which segments to keep) both ask
    this, so they never disagree on a block.
    """
    plain = strip_placeholders(text) if "<" in text else text
    match = _LETTER_RE.search(plain)
    while match is not None:  # nearly always decided by the first candidate
        if match.group(0).isalpha():
            return True
        match = _LETTER_RE.search(plain, match.end())
    return False


def word_count(text: str) -> int:
    """Words as translators count them: whitespace-separated runs, placeholders ignored."""
    return len(strip_placeholders(text).split())
