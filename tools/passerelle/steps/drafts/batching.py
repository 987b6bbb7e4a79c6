"""Which texts an online engine is sent, and in which requests.

Identical texts travel once (entries grouped by cache key); the run's ``--max-chars`` budget is
spent in catalog order, and what does not fit is counted, not sent; requests hold at most the
engine's (or ``--batch-size``'s) number of texts and its characters per request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from passerelle.steps.drafts.base import Engine
    from passerelle.steps.drafts.driver import DraftRun, PendingEntry, Summary


def within_budget(
    groups: dict[str, list[PendingEntry]], run: DraftRun, summary: Summary
) -> list[str]:
    todo = []
    for key, group in groups.items():
        size = len(group[0].protected.text)
        if run.max_chars is not None and run.spent + size > run.max_chars:
            summary.over_budget += len(group)
            continue
        run.spent += size
        todo.append(key)
    return todo


def text_batches(
    todo: list[str], groups: dict[str, list[PendingEntry]], engine: Engine, batch_size: int
) -> list[list[str]]:
    batches: list[list[str]] = []
    current: list[str] = []
    size = 0
    for key in todo:
        length = len(groups[key][0].protected.text) + 1
        if current and (
            len(current) >= min(batch_size, engine.batch_size) or size + length > engine.batch_chars
        ):
            batches.append(current)
            current, size = [], 0
        current.append(key)
        size += length
    if current:
        batches.append(current)
    return batches
