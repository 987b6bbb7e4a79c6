"""Which plural form each count picks, read from a catalog's ``Plural-Forms`` header.

The merge (which forms a format check compares), the drafts (which counts each form is for)
and the review app (a label for each form's field) all ask the same question of the same
header; this is the one reading of its ``plural=`` rule, as C's expression evaluated by
:func:`gettext.c2py`.
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Callable

#: Counts 0..1000: enough to reach every form of every rule gettext ships (Arabic's "many"
#: starts at 11, its "other" at 100).
COUNTS = 1001
_RULE_RE = re.compile(r"plural\s*=\s*([^;]+)")


def plural_rule(header: str) -> Callable[[int], int] | None:
    """The header's ``plural=`` expression as a function, or None when it has none readable."""
    match = _RULE_RE.search(header)
    if match is None:
        return None
    try:
        rule: Callable[[int], int] = gettext.c2py(match.group(1).strip())
    except (ValueError, SyntaxError, RecursionError):
        return None
    return rule


@functools.lru_cache(maxsize=64)
def form_of_counts(header: str) -> tuple[int, ...] | None:
    """The form the header's rule picks for each count of 0..1000, or None without a rule
    (or with one that fails on a count)."""
    rule = plural_rule(header)
    if rule is None:
        return None
    try:
        return tuple(rule(n) for n in range(COUNTS))
    except (ValueError, ArithmeticError, RecursionError):
        return None
