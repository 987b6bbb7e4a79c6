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

    return "rtl" if Locale.parse(lang).character_order == "right-to-left" else "ltr"


@functools.lru_cache(maxsize=256)
def autonym(code: str) -> str:
    """A language's name in itself (``Deutsch``, ``中文``, ``العربية``), as a language switcher
    shows it: a reader looks for their own language written their own way."""
    if code == "qps":
        return "Pseudo (qps)"
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code)
    except (ValueError, TypeError, UnknownLocaleError):
        return code
    name = locale.get_language_name(code) or code
    return name[:1].upper() + name[1:]
