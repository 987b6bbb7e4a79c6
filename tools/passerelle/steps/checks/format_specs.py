"""Which kinds of format string an entry is, to ``passerelle check``: the kinds its flags name,
or those its msgid obviously holds, as xgettext and Babel guess them.

Reading and comparing the directives is :mod:`passerelle.formatstrings`' work, shared with the
merge; the guess is the checks' own, since msgfmt checks only flagged entries.
"""

from __future__ import annotations

import re

PRINTF = "c"
PYTHON = "python"
BRACE = "python-brace"
KINDS = (PRINTF, PYTHON, BRACE)

#: What makes a msgid *obviously* a format string when no flag says so, as xgettext and Babel
#: guess: stricter than msgfmt's grammars, so that French prose (``50 % des``, with the space
#: that French puts before ``%``) is never taken for a directive.
DETECT = {
    PRINTF: re.compile(
        r"%(?:\d++\$)?[-+#0']*+\d*+(?:\.\d++)?(?:hh|h|ll|l|L|q|j|z|t)?[sdiufFeEgGxXoc](?!\w)"
    ),
    PYTHON: re.compile(r"%\([A-Za-z_]\w*+\)[-+#0]*+\d*+(?:\.\d++)?[diouxXeEfFgGcrsa]"),
    BRACE: re.compile(r"\{(?:[A-Za-z_]\w*+|\d++)(?:![rsa])?(?::[^{}]*+)?\}"),
}


def kinds_of(source: str, flags: tuple[str, ...]) -> list[str]:
    """The kinds of format string an entry is: those its ``*-format`` flags name, else those
    its msgid obviously holds (unless a ``no-*-format`` flag says otherwise)."""
    flagged = [kind for kind in KINDS if f"{kind}-format" in flags]
    if flagged:
        return flagged
    if "%" not in source and "{" not in source:
        return []
    return [
        kind
        for kind, pattern in DETECT.items()
        if f"no-{kind}-format" not in flags and pattern.search(source)
    ]
