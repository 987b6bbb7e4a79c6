"""Keys out of everything kept or shown: the forms a key takes on the wire, found and masked.

A server may repeat a key back - in a translation, in an error body, in a URL it quotes - and a
library may put it in a log line or an exception. So every message that leaves an engine, every
log record of the HTTP libraries and every answer is checked for each configured key in the forms
a request or a reply can carry it: as is, URL-encoded (``quote``/``quote_plus``, either case of
hex digits), JSON-escaped and HTML-escaped.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Sequence
from urllib.parse import quote, quote_plus

MASK = "***"


def secret_forms(secret: str) -> set[str]:
    """The spellings of ``secret`` a request or an answer may carry."""
    json_form = json.dumps(secret)[1:-1]
    return {
        secret,
        quote(secret, safe=""),
        quote(secret),
        quote_plus(secret),
        json_form,
        json_form.replace("/", "\\/"),
        html.escape(secret),
    }


@functools.lru_cache(maxsize=32)
def _pattern(secrets: tuple[str, ...]) -> re.Pattern[str] | None:
    forms = {form for secret in secrets if secret for form in secret_forms(secret)}
    if not forms:
        return None
    longest_first = sorted(forms, key=len, reverse=True)
    return re.compile("|".join(re.escape(form) for form in longest_first), re.IGNORECASE)


def scrub(text: str, secrets: Sequence[str]) -> str:
    """``text`` with every form of every secret replaced by ``***``."""
    pattern = _pattern(tuple(secrets))
    return text if pattern is None else pattern.sub(MASK, text)


def holds_secret(text: str, secrets: Sequence[str]) -> bool:
    """Whether ``text`` carries a secret in any of its forms."""
    pattern = _pattern(tuple(secrets))
    return pattern is not None and pattern.search(text) is not None
