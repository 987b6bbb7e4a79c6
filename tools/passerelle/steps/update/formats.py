"""Format strings across a merge: would a kept translation still pass ``msgfmt --check-format``?

When the template now marks a message as a format string (``#, c-format``) and the old entry
did not, its translation was never checked as one. msgmerge keeps it as it is only if the
check passes, and marks it fuzzy otherwise: a catalog that passed ``msgfmt -c`` must not stop
passing it through a merge. The directives are read and compared by
:mod:`passerelle.formatstrings`, the reading ``passerelle check`` uses too (C, Python, Python
braces, shell, Perl braces, Qt, KDE); for any other language the entry is marked fuzzy, which
``msgfmt -c`` never rejects. What is the merge's own is which plural forms must use every
argument: msgfmt lets a form chosen for few numbers (the singular of most languages) leave
arguments out, and a ``range:`` flag can make a form rare.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from passerelle.formatstrings import LANGUAGES, FormatError, compare, parse
from passerelle.po.plurals import COUNTS, form_of_counts

_MANY = 5  # a form chosen for at least this many numbers in 0..1000 is "used often"
_RANGE_RE = re.compile(r"range:\s*(\d+)\s*\.\.\s*(\d+)")


def format_state(flags: Sequence[str], lang: str) -> str:
    """``yes``, ``possible``, ``no``, ``impossible`` or ``undecided`` for ``lang``'s flag."""
    for flag in flags:
        flag = flag.strip()
        for lead in ("", "possible-", "no-", "impossible-"):
            if flag == f"{lead}{lang}-format":
                return lead.rstrip("-") or "yes"
    return "undecided"


def format_languages(flags: Sequence[str]) -> list[str]:
    """The languages a message is (possibly) a format string of, in flag order."""
    found = []
    for flag in flags:
        flag = flag.strip()
        if flag.endswith("-format") and not flag.startswith(("no-", "impossible-")):
            found.append(flag.removeprefix("possible-")[: -len("-format")])
    return found


def arg_range(flags: Sequence[str]) -> tuple[int, int] | None:
    """The ``range: MIN..MAX`` a plural message's number stays in, if it has one."""
    for flag in flags:
        match = _RANGE_RE.fullmatch(flag.strip())
        if match:
            return int(match.group(1)), int(match.group(2))
    return None


def breaks_format(
    lang: str,
    msgid: str,
    msgid_plural: str,
    forms: Sequence[str],
    plural_forms: str,
    span: tuple[int, int] | None,
) -> bool:
    """Whether ``forms`` (msgstr, or msgstr[0..]) fail ``lang``'s format check against msgid."""
    if lang not in LANGUAGES:
        return True  # a language we cannot read: let a translator look
    try:
        wanted = parse(msgid_plural or msgid, lang)
    except FormatError:
        return False  # msgfmt does not check a msgid that is no valid format string
    distribution = _distribution(plural_forms) if msgid_plural and len(forms) > 1 else None
    for index, text in enumerate(forms):
        try:
            given = parse(text, lang, translated=True)
        except FormatError:
            return True
        strict = distribution is None or _used_often(distribution, index, span)
        if compare(lang, wanted, given, strict):
            return True
    return False


def _used_often(distribution: tuple[int, ...], index: int, span: tuple[int, int] | None) -> bool:
    """msgfmt's rule: a form must use every argument if many numbers select it, unless the
    message's range lets at most one of those numbers through."""
    if distribution.count(index) < _MANY:
        return False
    if span is None:
        return True
    low, high = span
    return sum(1 for n in range(low, min(high, 1000) + 1) if distribution[n] == index) > 1


#: msgfmt's rule for a header without a readable one: ``n != 1``.
_DEFAULT = tuple(int(n != 1) for n in range(COUNTS))


def _distribution(plural_forms: str) -> tuple[int, ...]:
    """The form chosen for each n in 0..1000 (``n != 1`` when the header has no rule)."""
    return form_of_counts(plural_forms) or _DEFAULT
