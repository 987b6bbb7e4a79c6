"""Sentence segmentation by SRX rules, fast enough for whole documentation trees.

SRX semantics: at each position of the text, the first rule (in order) whose ``beforebreak``
matches the text ending there and whose ``afterbreak`` matches the text starting there decides
whether a sentence ends. Evaluating that rule by rule at every position in Python would be slow,
so the ordered rules are cut into *runs* of consecutive rules of the same kind (break or
no-break): inside a run the order does not matter, since every rule there gives the same answer.
Each run becomes one precompiled regex that reports, in a single pass, every position where any
of its rules matches; the first run to claim a position decides it. A French rule set is two to
four runs, so a megabyte of text costs a handful of regex passes in C.

Only positions some break rule proposes can become boundaries, so no-break rules (abbreviations,
initials, which would otherwise be tried at every word) are checked at those positions alone,
matching their ``beforebreak`` backwards over at most its maximum width; there a
``beforebreak`` sees the text before the position only (put lookaheads in ``afterbreak``).
Rules whose ``beforebreak`` has no bound under 256 characters are scanned instead.

Positions that differ only by whitespace are one boundary (whitespace always stays with the
sentence before it), so rules written either way (``\\.`` + ``\\s`` or ``\\.\\s`` + ``""``)
agree. Inline placeholders (``<a1>``, ``</a1>``, ``<br2/>``) are invisible to the rules; a cut
never falls inside a paired placeholder, and a piece with no letter or digit (a lone ``»``) is
joined to its neighbour.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from passerelle.errors import SegmentationRulesError
from passerelle.segment.quotes import quote_cuts
from passerelle.segment.srx import Rule, Srx, bundled_srx, load_srx
from passerelle.segment.tails import parsed, tail_filter
from passerelle.units import Token, placeholder_tokens, strip_placeholders, without_tokens

#: Rules per combined regex: large enough for any real run, small enough for ``re`` to compile.
_CHUNK = 64
#: Longest ``beforebreak`` match checked backwards from a position; longer ones are scanned.
_MAX_WIDTH = 256
_SPACES = re.compile(r"\s*")


@dataclass(frozen=True)
class _Scan:
    """Rules compiled into one regex that finds, in one pass, every position where one matches.

    A cheap "does any rule match here" lookahead fails in C at most positions; where it
    succeeds, optional lookaheads capture where each rule's ``beforebreak`` ends (rules may end
    at different places from the same start).
    """

    regex: re.Pattern[str]
    groups: int

    @classmethod
    def compile(cls, rules: Sequence[Rule]) -> _Scan:
        test = "|".join(f"(?:{r.before})(?=(?:{r.after}))" for r in rules)
        captures = "".join(f"(?:(?=((?:{r.before}))(?=(?:{r.after}))))?" for r in rules)
        return cls(re.compile(f"(?={test}){captures}"), len(rules))

    def positions(self, text: str) -> Iterator[int]:
        groups = range(1, self.groups + 1)
        for match in self.regex.finditer(text):
            for group in groups:
                end = match.end(group)
                if end >= 0:
                    yield end


@dataclass(frozen=True)
class _Anchored:
    """Rules checked only where a break is proposed, matching ``beforebreak`` backwards.

    Scanning for abbreviations would try every word of the text; checking whether one ends
    right before a proposed break tries a few characters. Rules are grouped by ``afterbreak``,
    then by the width of their ``beforebreak``: after one test of all the after parts (which
    usually fails), each matching after part leads to searches, over no more characters than
    the widest ``beforebreak`` of the subgroup, for one that ends exactly there.
    """

    any_after: re.Pattern[str]
    groups: tuple[tuple[re.Pattern[str], tuple[_Befores, ...]], ...]

    @classmethod
    def compile(cls, rules: Sequence[Rule]) -> _Anchored:
        by_after: dict[str, dict[int, list[str]]] = {}
        for rule in rules:
            widths = by_after.setdefault(rule.after, {})
            widths.setdefault(_width(rule.before), []).append(rule.before)
        groups = []
        for after, widths in by_after.items():
            befores = tuple(
                _Befores(
                    re.compile("(?:" + "|".join(f"(?:{m})" for m in members) + ")\\Z"),
                    width,
                    tail_filter(members),
                )
                for width, members in sorted(widths.items())
            )
            groups.append((re.compile(after), befores))
        afters = "|".join(f"(?:{after})" for after in by_after)
        return cls(re.compile(afters), tuple(groups))

    def matches_at(self, text: str, position: int) -> bool:
        if not self.any_after.match(text, position):
            return False
        for after, befores in self.groups:
            if after.match(text, position):
                for before in befores:
                    if before.end_at(text, position):
                        return True
        return False


class _Befores(NamedTuple):
    """``beforebreak`` patterns of one width, and a quick test of the characters they end with
    (:mod:`passerelle.segment.tails`), run before trying every start in their window."""

    regex: re.Pattern[str]
    width: int
    tail: re.Pattern[str] | None

    def end_at(self, text: str, position: int) -> bool:
        if self.tail is not None and not self.tail.search(text, max(0, position - 2), position):
            return False
        return self.regex.search(text, max(0, position - self.width), position) is not None


@functools.lru_cache(maxsize=256)
def _width(pattern: str) -> int:
    """The longest text ``pattern`` can match, or a number above ``_MAX_WIDTH`` if unbounded.

    Cached, and the parse shared with :func:`passerelle.segment.tails.tail_filter`: a rule's
    width is asked for twice while compiling, and parsing a rule full of property classes is a
    good part of the start-up cost of every command.
    """
    try:
        return int(parsed(pattern).getwidth()[1])
    except Exception:  # an unknown Python version: treat as unbounded, scanned instead
        return _MAX_WIDTH + 1


@dataclass(frozen=True)
class _Run:
    """Consecutive rules of one kind: any of them matching at a position gives the same answer."""

    breaks: bool
    scans: tuple[_Scan, ...]
    anchored: _Anchored | None

    @classmethod
    def compile(cls, breaks: bool, rules: Sequence[Rule]) -> _Run:
        scanned = list(rules)
        anchored = None
        if not breaks:
            bounded = [r for r in rules if _width(r.before) <= _MAX_WIDTH]
            scanned = [r for r in rules if r not in bounded]
            anchored = _Anchored.compile(bounded) if bounded else None
        chunks = [scanned[i : i + _CHUNK] for i in range(0, len(scanned), _CHUNK)]
        return cls(breaks, tuple(_Scan.compile(chunk) for chunk in chunks), anchored)

    def keys(self, text: str) -> set[int]:
        """Where the scanned rules match, whitespace skipped (see :func:`_skip_spaces`)."""
        return {_skip_spaces(text, p) for scan in self.scans for p in scan.positions(text)}


class Segmenter:
    """Compiled rules for one language; :meth:`split` cuts a text into sentences."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.runs: list[_Run] = []
        start = 0
        for index in range(1, len(rules) + 1):
            if index == len(rules) or rules[index].breaks != rules[start].breaks:
                self.runs.append(_Run.compile(rules[start].breaks, rules[start:index]))
                start = index

    def boundaries(self, text: str) -> list[int]:
        """Offsets where a sentence after the first starts (its whitespace left behind).

        Only positions that some break rule proposes can become boundaries, so no-break rules
        are checked at those alone; the first run (in rule order) that matches decides.
        """
        scanned = [run.keys(text) if run.breaks else None for run in self.runs]
        proposed = set().union(*(keys for keys in scanned if keys))
        proposed.discard(0)
        proposed.discard(len(text))
        if not proposed:  # one sentence: nothing for the no-break rules to veto
            return []
        decided: dict[int, bool] = {}
        for run, keys in zip(self.runs, scanned, strict=True):
            if keys is None and run.scans:
                keys = run.keys(text)
            for key in keys & proposed if keys else ():
                decided.setdefault(key, run.breaks)
            if run.anchored:
                for key in proposed - decided.keys():
                    if any(run.anchored.matches_at(text, p) for p in _raw_positions(text, key)):
                        decided[key] = run.breaks
        return quote_cuts(text, sorted(p for p, breaks in decided.items() if breaks))

    def split(self, text: str) -> list[str]:
        """Pieces that concatenate to ``text``: one sentence and its trailing whitespace each."""
        if not text:
            return []
        plain = without_tokens(text) if "<" in text else text
        cuts = self.boundaries(plain)
        if cuts and len(plain) != len(text):
            # placeholders are needed only where the text has more than one sentence
            cuts = _placeholder_safe_cuts(text, placeholder_tokens(text), cuts)
        if not cuts:  # most blocks are one sentence: nothing to cut or join
            return [text]
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        return _join_empty_pieces(pieces)


def _skip_spaces(text: str, position: int) -> int:
    match = _SPACES.match(text, position)
    return match.end() if match else position


def _raw_positions(text: str, key: int) -> range:
    """The positions that differ from ``key`` only by the whitespace just before it."""
    start = key
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return range(start, key + 1)


def _placeholder_safe_cuts(
    text: str, tokens: Sequence[Token], plain_cuts: Sequence[int]
) -> list[int]:
    """Cuts found on the text without placeholders (``plain_cuts``, by :func:`without_tokens`),
    mapped back and kept out of paired ones.

    A cut moves back over opening and empty placeholders glued to the next sentence, so
    ``fin. <a1>Début`` cuts before ``<a1>``, while ``fin.</a1> Début`` keeps ``</a1>`` behind.
    """
    plain_starts: list[int] = []  # offset of each run of text in the plain text...
    text_starts: list[int] = []  # ...and in the original text
    previous, plain_size = 0, 0
    for token in [*tokens, None]:
        end = token.start if token else len(text)
        plain_starts.append(plain_size)
        text_starts.append(previous)
        plain_size += end - previous
        previous = token.end if token else previous
    ends = {token.end: token for token in tokens if token.kind != "close"}
    spans = _paired_spans(tokens)
    cuts: list[int] = []
    for plain_cut in plain_cuts:
        index = bisect.bisect_right(plain_starts, plain_cut) - 1
        cut = text_starts[index] + plain_cut - plain_starts[index]
        while cut in ends:
            cut = ends[cut].start
        if not any(start < cut < end for start, end in spans) and (not cuts or cut > cuts[-1]):
            cuts.append(cut)
    return [cut for cut in cuts if 0 < cut < len(text)]


def _paired_spans(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(start of ``<aN>``, end of ``</aN>``) for every properly paired placeholder."""
    spans: list[tuple[int, int]] = []
    open_at: dict[tuple[str, int], list[int]] = {}
    for token in tokens:
        if token.kind == "open":
            open_at.setdefault(token.ident, []).append(token.start)
        elif token.kind == "close" and open_at.get(token.ident):
            spans.append((open_at[token.ident].pop(), token.end))
    return spans


_CONTENT = re.compile(r"[^\W_]")


def _has_content(piece: str) -> bool:
    """Some letter or digit outside placeholders."""
    if "<" in piece:
        piece = strip_placeholders(piece)
    return _CONTENT.search(piece) is not None


def _join_empty_pieces(pieces: list[str]) -> list[str]:
    """Join a piece without letters or digits (``»``, ``...``) to the piece before it."""
    result: list[str] = []
    pending = ""
    for piece in pieces:
        if not _has_content(piece):
            if result:
                result[-1] += piece
            else:
                pending += piece
            continue
        result.append(pending + piece)
        pending = ""
    if pending:
        if result:
            result[-1] += pending
        else:
            result.append(pending)
    return result


@functools.lru_cache(maxsize=64)
def _segmenter(srx: Srx, lang: str) -> Segmenter:
    rules = srx.rules_for(lang)
    if rules is None:
        raise SegmentationRulesError(
            f"no languagemap matches language {lang!r}",
            path=srx.source,
            hint='add a <languagemap languagepattern=".*" ...> fallback',
        )
    return Segmenter(rules)


def segmenter_for(lang: str = "fr", rules: Path | None = None) -> Segmenter:
    """The compiled segmenter for ``lang``: from ``rules`` when given, else the shipped rules."""
    if rules is not None:
        return _segmenter(load_srx(rules), lang)
    return _bundled_segmenter(lang)


@functools.lru_cache(maxsize=16)
def _bundled_segmenter(lang: str) -> Segmenter:
    """The shipped rules never change within a process: look them up once per language."""
    french = bundled_srx("fr")
    if french.rules_for(lang) is not None:
        return _segmenter(french, lang)
    return _segmenter(bundled_srx("default"), lang)


def split_sentences(text: str, lang: str = "fr", rules: Path | None = None) -> list[str]:
    """Split ``text`` into pieces whose concatenation is exactly ``text``.

    Each piece is one sentence followed by the whitespace after it.
    """
    if not text:
        return []
    return segmenter_for(lang, rules).split(text)
