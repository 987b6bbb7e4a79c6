"""Whether an engine's answer may become a draft at all, before anything keeps it.

Placeholders are verified elsewhere (``protect``); this screens what no translation can be:

- an answer that holds the engine's key (a server echoing the request): rejecting it, rather
  than storing it with the key masked, keeps a draft from being built around a hole and makes
  the leak visible to the user; the key itself is never printed;
- text that is not valid Unicode (a lone surrogate, as a JSON ``\\ud800`` escape decodes to),
  which could not be written to a catalog or the cache, or control characters the source does
  not have;
- an answer far longer than the text sent: more than ``4 x length + 40`` characters. Between
  natural languages lengths in code points stay well within that - CJK answers are shorter than
  French, Arabic and Hebrew close to it, Indic scripts with their combining marks and German
  compounds rarely past twice - and the 40 spare characters let a two-letter button label
  become a sentence. A runaway or hostile answer (megabytes for a short line) is not a draft.

A rejected answer is reported with its reason, counted, and never cached.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from passerelle.steps.drafts.redact import holds_secret

LENGTH_FACTOR = 4
LENGTH_SPARE = 40
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # all but tab and line ends


def longest_answer(sent: str) -> int:
    """The most characters an answer to ``sent`` may have."""
    return LENGTH_FACTOR * len(sent) + LENGTH_SPARE


def answer_problem(sent: str, answer: str, secrets: Sequence[str]) -> str | None:
    """Why ``answer`` (to the text ``sent``) cannot be a draft, or ``None`` if it may be one."""
    if _SURROGATE.search(answer):
        return "the answer is not valid Unicode (a lone surrogate)"
    if holds_secret(answer, secrets):
        return "the answer holds the engine's key"
    if len(answer) > longest_answer(sent):
        return f"the answer has {len(answer)} characters for {len(sent)} sent"
    strange = sorted(set(_CONTROL.findall(answer)) - set(sent))
    if strange:
        return f"the answer holds the control character U+{ord(strange[0]):04X}"
    return None
