"""A terminology glossary: concepts, each with its French terms and its terms per language.

What the translator is told (the terms a unit holds, in its ``#.`` comments) and what ``check``
verifies (``term-mismatch``) come from the same matching, here. A term matches as a whole word
(``IA`` is not found in ``MAIS``), across any run of spaces, after a French elision (``l'IA``,
``d’IA``); a term written with capitals matches only as written (``Roche`` the company is not
``roche`` the rock), one written in lower case in any case (``Intelligence artificielle`` at
the start of a sentence). Scripts written without spaces (Chinese, Japanese) match anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

#: A French elided article or pronoun a glossary may write before a term (``l'IA``).
_ELIDED = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]\s*", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
NOTE = "Glossary: "


def locale_key(lang: str) -> str:
    """A language as glossaries compare it: ``zh-CN``, ``zh_CN`` and ``ZH_cn`` are one."""
    return lang.replace("-", "_").split("@")[0].lower()


@dataclass(frozen=True)
class Concept:
    """One concept: its French terms, and its terms in each language (locale keys)."""

    source: tuple[str, ...]
    targets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    note: str = ""

    def targets_for(self, lang: str) -> tuple[str, ...]:
        """The terms for ``lang``, else for its language without region (``zh`` for
        ``zh_CN``)."""
        key = locale_key(lang)
        return self.targets.get(key) or self.targets.get(key.split("_")[0], ())


def _edge(char: str) -> bool:
    """Whether a term's first or last character needs a word boundary beside it: letters and
    digits of scripts that separate words with spaces."""
    return char.isalnum() and ord(char) < 0x2E80


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text.replace("’", "'"))


class Term:
    """A term compiled for matching."""

    def __init__(self, text: str, *, french: bool = False) -> None:
        term = _normal(text.strip())
        if french:
            term = _ELIDED.sub("", term)
        self.text = term
        pattern = r"\s+".join(re.escape(part) for part in term.split(" "))
        if term and _edge(term[0]):
            pattern = r"(?<!\w)" + pattern
        if term and _edge(term[-1]):
            pattern += r"(?!\w)"
        flags = 0 if any(c.isupper() for c in term) else re.IGNORECASE
        self.regex = re.compile(pattern, flags)

    def found_in(self, text: str) -> bool:
        return bool(self.text) and self.regex.search(_normal(text)) is not None


@dataclass(frozen=True)
class Hit:
    """A concept whose French term a text holds, and the terms expected in ``lang``."""

    source: str
    targets: tuple[str, ...]
    note: str = ""


class Glossary:
    """Concepts, compiled once for the many texts a catalog holds."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self.concepts = list(concepts)
        self._source = [[Term(t, french=True) for t in c.source] for c in self.concepts]
        self._targets: dict[tuple[int, str], list[Term]] = {}

    def __len__(self) -> int:
        return len(self.concepts)

    def hits(self, text: str, lang: str) -> list[Hit]:
        """The concepts ``text`` holds a French term of that have terms in ``lang``."""
        found = []
        for concept, terms in zip(self.concepts, self._source, strict=True):
            targets = concept.targets_for(lang)
            if not targets:
                continue
            term = next((t for t in terms if t.found_in(text)), None)
            if term is not None:
                found.append(Hit(term.text, targets, concept.note))
        return found

    def pairs(self, lang: str) -> list[tuple[str, str]]:
        """Each French term with one term in ``lang``, for engines that take one rendering per
        term (DeepL's glossaries): the concept's first term in ``lang``, which is its preferred
        one (TBX lists preferred terms first, a CSV its first row for the term). A French term
        two concepts list keeps the first concept's. Terms are as matching sees them: spaces
        folded, a French elided article dropped (``l'IA`` is ``IA``)."""
        found: dict[str, str] = {}
        for concept, terms in zip(self.concepts, self._source, strict=True):
            targets = concept.targets_for(lang)
            for term in terms if targets else []:
                if term.text:
                    found.setdefault(term.text, targets[0])
        return list(found.items())

    def mismatches(self, source: str, translation: str, lang: str) -> list[Hit]:
        """The hits of ``source`` none of whose terms ``translation`` holds."""
        missing = []
        for index, concept in enumerate(self.concepts):
            targets = concept.targets_for(lang)
            if not targets or not any(t.found_in(source) for t in self._source[index]):
                continue
            key = (index, locale_key(lang))
            if key not in self._targets:
                self._targets[key] = [Term(t) for t in targets]
            if not any(t.found_in(translation) for t in self._targets[key]):
                missing.append(Hit(self._source[index][0].text, targets, concept.note))
        return missing


def term_notes(glossary: Glossary, msgid: str, lang: str) -> list[str]:
    """The ``#.`` lines that tell the translator the glossary's terms for a unit."""
    return [
        f"{NOTE}{hit.source} = {' | '.join(hit.targets)}" + (f" ({hit.note})" if hit.note else "")
        for hit in glossary.hits(msgid, lang)
    ]


def with_term_notes(comment: str, notes: list[str]) -> str:
    """An entry's extracted comments with its glossary lines replaced by ``notes``."""
    kept = [line for line in comment.splitlines() if not line.startswith(NOTE)]
    return "\n".join([*kept, *notes])
