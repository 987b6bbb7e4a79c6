"""Language codes as settings and ``--lang`` give them: validated, and spelt as the project does.

A code names folders under locales/ and build/, so it must be a locale babel knows, in one
spelling: ``en-CA``, ``EN_ca`` and ``en_CA`` are one language, ``en_CA``. A code that is none,
or not one of the project's languages, is a one-line error that names the nearest right code,
before anything is written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from passerelle.errors import ConfigError
from passerelle.hints import did_you_mean, setting_line
from passerelle.locale import base_language, gettext_code, same_locale

if TYPE_CHECKING:
    from passerelle.config import Config

#: A locale identifier as folders and catalogs name it: language, then ``_`` parts (script,
#: territory), then an optional ``@modifier`` (``en``, ``zh_CN``, ``pt_BR``, ``sr@latin``). It is
#: a folder name under locales/ and build/, so nothing else (no ``/``, ``.``) gets through.
_LOCALE_FORM = re.compile(r"[A-Za-z]{2,3}(?:_[A-Za-z0-9]{2,8})*(?:@[A-Za-z0-9]{1,16})?")


def validate_locale(code: str, *, where: Path | None = None, key: str = "languages") -> str:
    """``code`` in gettext's spelling (``de-DE`` -> ``de_DE``) if it is a locale babel knows
    (``qps`` for pseudo), else a one-line error at the settings line that writes it."""
    if code == "qps":
        return code
    from babel import Locale, UnknownLocaleError

    spelt = gettext_code(code)
    try:
        if not _LOCALE_FORM.fullmatch(spelt):
            raise ValueError(code)
        Locale.parse(spelt)
    except (UnknownLocaleError, ValueError, TypeError):
        near = _nearest_locale(spelt)
        raise ConfigError(
            f"{key}: {code!r} is not a known locale code",
            path=where,
            line=setting_line(where, code, key),
            hint=f"did you mean {near!r}?" if near else "use codes such as en, zh_CN, pt_BR",
        ) from None
    return spelt


def _nearest_locale(code: str) -> str | None:
    """Its language alone when babel knows it (``fr_XX`` -> ``fr``), else the nearest code."""
    from babel.localedata import locale_identifiers

    known = locale_identifiers()
    base = base_language(code)
    if base in known:
        return base
    return did_you_mean(code, known, cutoff=0.75)


def project_languages(
    config: Config, given: tuple[str, ...], *, key: str = "--lang", also: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """Each of ``given`` as the project spells it, if it is one of the project's languages
    (its ``languages``, its ``draft-languages`` such as ``qps``, and ``also``); else a one-line
    error naming the nearest one and listing them.

    ``DE``, ``de-DE`` and ``de`` all name a project's ``de``: case and ``-`` do not matter, nor
    what CLDR's likely subtags fill in (``de`` is ``de_DE``). A language the settings do not
    list would start catalogs nobody keeps, and one that is no locale code could name any folder.
    """
    known = tuple(dict.fromkeys((*config.languages, *config.draft_languages, *also)))
    where = f" in {config.config_file.name}" if config.config_file else ""
    listed = f"languages{where}: " + (", ".join(known) or "none")
    result = []
    for code in given:
        try:
            spelt = validate_locale(code, key=key)
        except ConfigError as exc:
            spelt, message = gettext_code(code), exc.message
        else:
            message = f"{key}: {code!r} is not a language of this project"
            found = [lang for lang in known if gettext_code(lang) == spelt] or [
                lang for lang in known if same_locale(lang, spelt)
            ]
            if len(found) == 1:
                result.append(found[0])
                continue
        near = [lang for lang in known if base_language(lang) == base_language(spelt)]
        close = near[0] if len(near) == 1 else did_you_mean(spelt, known, cutoff=0.5)
        raise ConfigError(message, hint=f"did you mean {close!r}? {listed}" if close else listed)
    return tuple(dict.fromkeys(result))
