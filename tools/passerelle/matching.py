"""One-to-one matching of what a source requires with what a translation supplies.

Each requirement (the values one source number may mean) needs its own slot (a number of the
translation that can stand for it). A maximum matching decides which requirements are left over.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import TypeVar

V = TypeVar("V", bound=Hashable)


def unmatched(required: list[frozenset[V]], supply: list[frozenset[V]]) -> list[int]:
    """Indexes of requirements left over by a maximum one-to-one matching (Kuhn's algorithm).

    One-to-one, so "The 1 in 3.4.1" translated as "The  in 3.4.1" misses its 1: the version
    number cannot stand for both. Slots are found through an index by value, a free one first:
    where numbers do not compete for the same slots (nearly always), a text of thousands of
    numbers is matched in time proportional to its numbers, not to their square. The search for
    a longer path is iterative, so no text can exhaust the stack.
    """
    by_value: dict[V, list[int]] = {}
    for slot, values in enumerate(supply):
        for value in values:
            by_value.setdefault(value, []).append(slot)
    owner: dict[int, int] = {}
    free_from: dict[V, int] = {}
    dead: set[int] = set()  # slots a failed search met: useless until the matching changes
    left = []
    for index, values in enumerate(required):
        if _take_free(index, values, by_value, owner, free_from):
            dead.clear()
        elif _augment(index, required, by_value, owner, dead):
            dead.clear()
        else:
            left.append(index)
    return left


def _take_free(
    index: int,
    values: frozenset[V],
    by_value: dict[V, list[int]],
    owner: dict[int, int],
    free_from: dict[V, int],
) -> bool:
    """Give requirement ``index`` a slot nobody holds; a taken slot stays taken, so the scan of
    each value's slots only moves forward."""
    for value in values:
        slots = by_value.get(value, [])
        at = free_from.get(value, 0)
        while at < len(slots) and slots[at] in owner:
            at += 1
        free_from[value] = at
        if at < len(slots):
            owner[slots[at]] = index
            return True
    return False


def _augment(
    start: int,
    required: list[frozenset[V]],
    by_value: dict[V, list[int]],
    owner: dict[int, int],
    seen: set[int],
) -> bool:
    """An augmenting path from requirement ``start`` (depth-first, with an explicit stack)."""

    def slots_of(index: int) -> Iterator[int]:
        return (slot for value in required[index] for slot in by_value.get(value, []))

    stack = [(start, slots_of(start))]
    chosen: list[int] = []  # the slot taken at each level but the last
    while stack:
        for slot in stack[-1][1]:
            if slot in seen:
                continue
            seen.add(slot)
            chosen.append(slot)
            if slot not in owner:
                for (index, _), taken in zip(stack, chosen, strict=True):
                    owner[taken] = index
                return True
            stack.append((owner[slot], slots_of(owner[slot])))
            break
        else:
            stack.pop()
            if chosen:
                chosen.pop()
    return False
