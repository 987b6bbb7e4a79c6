"""Language codes: the base language, the BCP 47 tag, the writing direction.

Catalogs and folders name languages as gettext does (``zh_CN``, ``sr@latin``), documents as
BCP 47 does (``zh-CN``); checks, formats, drafts and releases all compare them through these
functions. Babel's locale data is imported only where a function needs it: most commands never
ask for a direction, and loading it costs startup time.
"""

from __future__ import annotations

import functools
import re

_SEPARATORS_RE = re.compile(r"[-_.@]")


@functools.lru_cache(maxsize=256)
def base_language(code: str) -> str:
    """The language alone, in lower case: ``zh_CN`` and ``zh-Hant-TW`` -> ``zh``, ``sr@latin`` ->
    ``sr``. Checks and engines key their tables by it, so every spelling of a code finds them."""
    return _SEPARATORS_RE.split(code, maxsplit=1)[0].lower()


def gettext_code(code: str) -> str:
    """``code`` spelt as catalogs and folders spell it, from either spelling and any case:
    ``en-CA`` and ``EN_ca`` -> ``en_CA``, ``zh-hant-tw`` -> ``zh_Hant_TW``; ``sr@latin`` stays.

    Catalogs made by other tools say ``Language: en-CA``, and users type ``--lang DE``: every
    place that reads a language spells it this way first, so one language has one name.
    """
    base, at, modifier = code.strip().partition("@")
    first, *rest = re.split(r"[-_]", base)
    parts = [first.lower()]
    for part in rest:
        parts.append(part.title() if len(part) == 4 and part.isalpha() else part.upper())
    return "_".join(parts) + at + modifier


def same_locale(a: str, b: str) -> bool:
    """Whether two codes name one locale once CLDR's likely subtags fill in what they leave
    out: ``de`` is ``de_DE`` and ``zh_CN`` is ``zh_Hans``, but ``en_CA`` is not ``en``."""
    return _maximised(a) == _maximised(b) != ()


@functools.lru_cache(maxsize=256)
def _maximised(code: str) -> tuple[str, ...]:
    """Language, script, territory and variant of ``code``, filled in from likely subtags;
    ``()`` for a code babel does not know."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    try:
        locale = Locale.parse(gettext_code(code))
    except (ValueError, TypeError, UnknownLocaleError):
        return ()
    likely = str(get_global("likely_subtags").get(locale.language, locale.language))
    full = Locale.parse(likely)
    return (
        locale.language,
        locale.script or full.script or "",
        locale.territory or full.territory or "",
        locale.variant or "",
        locale.modifier or "",
    )


def bcp47(code: str) -> str:
    """A locale code as HTML's ``lang`` and ``hreflang`` want it: ``zh_CN`` -> ``zh-CN``."""
    return code.replace("_", "-")


def same_language(a: str | None, b: str) -> bool:
    """Whether two codes, in either spelling, name the same base language (``fr-CA`` is ``fr``)."""
    return a is not None and base_language(a) == base_language(b)


@functools.lru_cache(maxsize=256)
def text_direction(lang: str) -> str:
    """``rtl`` or ``ltr`` from babel's locale data (asked once per document written)."""
    if lang == "qps":
        return "ltr"
    from babel import Locale

    return "rtl" if Locale.parse(gettext_code(lang)).character_order == "right-to-left" else "ltr"


@functools.lru_cache(maxsize=256)
def autonym(code: str) -> str:
    """A language's name in itself (``Deutsch``, ``中文``, ``العربية``), as a language switcher
    shows it: a reader looks for their own language written their own way."""
    if code == "qps":
        return "Pseudo (qps)"
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(gettext_code(code))
    except (ValueError, TypeError, UnknownLocaleError):
        return code
    name = locale.get_language_name(locale) or code
    return name[:1].upper() + name[1:]
