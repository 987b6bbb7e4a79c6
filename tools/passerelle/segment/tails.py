"""What the last two characters before a position must be for some ``beforebreak`` to end there.

A no-break rule is checked where a break is proposed by searching, over the widest text its
``beforebreak`` can match, for a match that ends exactly at that position. ``re`` tries every
start in that window, so a wide rule (a numbered paragraph after a whole word: ``repos. 2.``)
costs dozens of attempts at each proposed break, and nearly every attempt fails. Most rules
pin their last characters (``\\d\\.``, ``[IVXLC]\\.``), so a two-character test run first rejects
almost every position without trying the rule at all.

The test is derived from the rules' parsed form and only ever narrows nothing the rules allow:
a construct it does not model (a back reference, a negated class, a case change inside a group)
leaves that character unconstrained, and with no constraint at all there is no test.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Sequence
from typing import Any

#: Characters checked before a position: the last one and the one before it.
_DEPTH = 2
#: Past this many alternative endings a rule is left untested rather than analysed further.
_MOST_OPTIONS = 64

Chars = tuple[Any, ...] | None  # ``re`` class items (LITERAL, RANGE, CATEGORY), None: any
#: One way a match can end: its last characters, last one first, and whether that is the
#: whole match (the characters before it then come from what precedes it in the pattern).
Ending = tuple[tuple[Chars, ...], bool]


class _Unknown(Exception):
    """A construct the analysis does not model: its characters are unconstrained."""


def tail_filter(patterns: Sequence[str]) -> re.Pattern[str] | None:
    """A regex that matches, with ``\\Z`` at the position, the last characters of any text
    one of ``patterns`` can match there; None when it would not narrow anything."""
    try:
        parser = importlib.import_module("re._parser")
        compiler = importlib.import_module("re._compiler")
        constants = importlib.import_module("re._constants")
        trees = [parsed(pattern) for pattern in patterns]
        if len({tree.state.flags for tree in trees}) != 1:
            return None
        slots: list[list[Chars]] = [[] for _ in range(_DEPTH)]
        for tree in trees:
            for ending, _ in _sequence(list(tree.data), constants):
                for depth in range(_DEPTH):
                    slots[depth].append(ending[depth] if depth < len(ending) else None)
        last, before = (_union(slot) for slot in slots)
        if last is None:
            return None
        data = [(constants.IN, list(before))] if before is not None else []
        data += [(constants.IN, list(last)), (constants.AT, constants.AT_END_STRING)]
        return compiler.compile(parser.SubPattern(trees[0].state, data))  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - anything unexpected: no test, the rules alone decide
        return None


@functools.lru_cache(maxsize=256)
def parsed(pattern: str) -> Any:
    """``re``'s parse of ``pattern`` (raises what ``re`` raises), kept: the rules are parsed
    for their width and for their tails, and their property classes make that slow."""
    return importlib.import_module("re._parser").parse(pattern)


def _union(chars: list[Chars]) -> Chars:
    if not chars or any(c is None for c in chars):
        return None
    return tuple(dict.fromkeys(item for c in chars if c is not None for item in c))


def _sequence(items: list[Any], k: Any) -> list[Ending]:
    """The endings of ``items`` matched one after the other."""
    endings: list[Ending] = [((), True)]
    for item in reversed(items):
        grown: list[Ending] = []
        for tail, whole in endings:
            if not whole or len(tail) >= _DEPTH:
                grown.append((tail, False))
                continue
            for more, more_whole in _item(item, k):
                joined = (tail + more)[:_DEPTH]
                grown.append((joined, more_whole and len(joined) < _DEPTH))
        endings = list(dict.fromkeys(grown))
        if len(endings) > _MOST_OPTIONS:
            raise _Unknown
        if all(not whole for _, whole in endings):
            break
    return endings


def _item(item: tuple[Any, Any], k: Any) -> list[Ending]:
    op, av = item
    if op is k.LITERAL:
        return [((((k.LITERAL, av),),), True)]
    if op is k.IN:
        if any(member[0] is k.NEGATE for member in av):
            return [((None,), True)]
        return [((tuple(av),), True)]
    if op in (k.NOT_LITERAL, k.ANY):
        return [((None,), True)]
    if op in (k.AT, k.ASSERT, k.ASSERT_NOT):
        return [((), True)]
    if op is k.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            raise _Unknown
        return _sequence(list(sub.data), k)
    if op is getattr(k, "ATOMIC_GROUP", None):
        return _sequence(list(av.data), k)
    if op is k.BRANCH:
        return [e for branch in av[1] for e in _sequence(list(branch.data), k)]
    if op in (k.MAX_REPEAT, k.MIN_REPEAT, getattr(k, "POSSESSIVE_REPEAT", None)):
        return _repeat(av, k)
    raise _Unknown


def _repeat(av: tuple[int, int, Any], k: Any) -> list[Ending]:
    low, high, sub = av
    once = _sequence(list(sub.data), k)
    if high > _DEPTH and any(whole and not tail for tail, whole in once):
        raise _Unknown  # copies that match nothing hide how many there are
    endings: list[Ending] = [((), True)] if low == 0 else []
    for count in range(max(low, 1), min(high, _DEPTH) + 1):
        endings.extend(_sequence(list(sub.data) * count, k))
    if high > _DEPTH:  # more copies end like the last ones, and need no more than them
        endings.extend(_sequence(list(sub.data) * _DEPTH, k))
    return endings
