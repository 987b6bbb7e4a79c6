"""PO syntax and header: a catalog gettext tools will compile the way the language needs.

Syntax errors come from :func:`passerelle.po.catalog.read_catalog` (a :class:`CatalogError` with its
line). The header must name the language of its folder, and its Plural-Forms must agree with
CLDR's rule (babel's data) or GNU gettext's table for that language: a wrong plural rule picks
the wrong form at run time and no build step notices. Plural rules are compared by what they
compute, not by how they are spelt.
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Callable

from babel import UnknownLocaleError

from passerelle.po.catalog import language_header
from passerelle.steps.checks.base import ERROR, CatalogCheck, CatalogContext
from passerelle.steps.checks.plural_table import gnu_plural_forms

_NPLURALS_RE = re.compile(r"nplurals\s*=\s*(\d+)")
_PLURAL_RE = re.compile(r"plural\s*+=\s*+(.+)")
_SAMPLES = range(0, 1001)


def _same_locale(a: str, b: str) -> bool:
    def norm(code: str) -> str:
        return code.split(".")[0].split("@")[0].replace("-", "_").lower()

    return norm(a) == norm(b)


def check_language(ctx: CatalogContext) -> list[tuple[int, str]]:
    """The Language header is present and names the catalog's language."""
    found = ctx.catalog.metadata.get("Language", "").strip()
    if not found:
        return [(1, f"header has no Language; expected {ctx.lang!r}")]
    if not _same_locale(found, ctx.lang):
        return [(1, f"header Language is {found!r} but the catalog is for {ctx.lang!r}")]
    return []


def _plural_rule(value: str) -> tuple[int, Callable[[int], int]] | None:
    count = _NPLURALS_RE.search(value)
    expr = _PLURAL_RE.search(value.split(";", 1)[1] if ";" in value else "")
    if not count or not expr:
        return None
    try:
        return int(count.group(1)), gettext.c2py(expr.group(1).strip().rstrip(";").strip())
    except (ValueError, SyntaxError, RecursionError):
        return None


def check_plural_forms(ctx: CatalogContext) -> list[tuple[int, str]]:
    """Plural-Forms computes, for every n up to 1000, the same forms as CLDR's rule (babel's)
    or as GNU gettext's table: ``msginit``'s headers are as right as babel's."""
    if ctx.lang == "qps":
        return []
    try:
        cldr = language_header(ctx.lang)["Plural-Forms"]
    except (UnknownLocaleError, ValueError, LookupError):  # not a language babel knows
        return []
    gnu = gnu_plural_forms(ctx.lang)
    found = ctx.catalog.metadata.get("Plural-Forms", "").strip()
    if not found:
        return [(1, f"header has no Plural-Forms; expected {cldr!r}")]
    known = [("CLDR", cldr)] + ([("GNU gettext", gnu)] if gnu else [])
    differences = [(name, rule, _difference(found, rule)) for name, rule in known]
    if any(diff is None for _, _, diff in differences):
        return [(1, f"Plural-Forms {found!r} cannot be read; expected {cldr!r}")]
    if any(diff == "" for _, _, diff in differences):
        return []
    shown = "; ".join(f"{name} has {rule!r} ({diff})" for name, rule, diff in differences)
    return [(1, f"Plural-Forms {found!r} disagrees: {shown}; set the header to {cldr!r}")]


@functools.lru_cache(maxsize=256)
def _difference(found: str, expected_text: str) -> str | None:
    """How ``found`` computes other forms than ``expected_text`` ("" when it never does, None
    when ``found`` cannot be read).

    Cached: every catalog of a language carries the same header, and comparing the rules over a
    thousand sample numbers is the costly part of this check.
    """
    rule = _plural_rule(found)
    expected = _plural_rule(expected_text)
    if rule is None:
        return None
    if expected is None:
        return ""
    if rule[0] != expected[0]:
        return f"nplurals={expected[0]}, not {rule[0]}"
    for n in _SAMPLES:
        if rule[1](n) != expected[1](n):
            return f"n={n} takes form {expected[1](n)}, not {rule[1](n)}"
    return ""


CHECKS = [
    CatalogCheck("header-language", ERROR, check_language, "Language header absent or wrong"),
    CatalogCheck(
        "header-plural-forms",
        ERROR,
        check_plural_forms,
        "Plural-Forms disagrees with CLDR and with GNU gettext",
    ),
]
