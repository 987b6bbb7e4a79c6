"""One answer checked against the text it translates, for every engine and every plural form.

An answer is first screened (:mod:`.answer`: a key, invalid Unicode, a runaway length make it
*suspect*), then its tokens are restored and the result compared with the source (:mod:`.protect`:
a placeholder, format or link lost or invented *rejects* it). Numbers are read as the
``number-missing`` check reads them (:func:`passerelle.numbers.missing_numbers`, one parser for
both), and a difference is noted for the reviewer, not rejected.
"""

from __future__ import annotations

from dataclasses import dataclass

from passerelle.steps.drafts.answer import answer_problem
from passerelle.steps.drafts.base import PSEUDO_LANG
from passerelle.steps.drafts.protect import (
    BrokenDraft,
    Protected,
    draft_problem,
    number_problem,
    restore,
    restore_whitespace,
)


@dataclass(frozen=True)
class DraftCheck:
    """A draft ready to keep (``text``), or why not (``problem``, ``suspect`` for a screened
    answer); ``numbers`` notes numbers that differ."""

    text: str | None
    problem: str | None = None
    suspect: bool = False
    numbers: str | None = None


def verify(
    source: str,
    protected: Protected,
    answer: str,
    source_lang: str,
    target: str,
    secrets: tuple[str, ...] = (),
) -> DraftCheck:
    """Whether ``answer`` (to ``protected``, sent for ``source``) may be a draft of it."""
    suspect = answer_problem(protected.text, answer, secrets)
    if suspect is not None:
        return DraftCheck(None, suspect, suspect=True)
    try:
        text = restore(protected, answer)
    except BrokenDraft as exc:
        return DraftCheck(None, str(exc))
    text = restore_whitespace(source, text)
    problem = draft_problem(source, text)
    if problem is not None:
        return DraftCheck(None, problem)
    # A pseudo draft keeps the source's digits by construction and accents its words on purpose
    # ("milliards" too): there is no number to read in it that the source does not have.
    numbers = None if target == PSEUDO_LANG else number_problem(source, text, source_lang, target)
    return DraftCheck(text, numbers=numbers)
