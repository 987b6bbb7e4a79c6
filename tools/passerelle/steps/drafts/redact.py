"""Keys out of everything kept or shown: the forms a key takes on the wire, found and masked.

A server may repeat a key back - in a translation, in an error body, in a URL it quotes - and a
library may put it in a log line or an exception. So every message that leaves an engine, every
log record of the HTTP libraries and every answer is checked for each configured key in the forms
a request or a reply can carry it: as is, URL-encoded (``quote``/``quote_plus``, either case of
hex digits), JSON-escaped and HTML-escaped.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import logging
import re
from collections.abc import Iterator, Sequence
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


class RedactFilter(logging.Filter):
    """Removes secrets from log records (HTTP libraries log URLs and, at debug level, headers
    and bodies)."""

    def __init__(self, secrets: Sequence[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = scrub(message, self.secrets)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text, record.exc_info = scrub(text, self.secrets), None
        return True


@contextlib.contextmanager
def redacted_logs(loggers: Sequence[str], secrets: Sequence[str]) -> Iterator[None]:
    """While open, the records of ``loggers`` carry no secret."""
    log_filter = RedactFilter(secrets)
    for name in loggers:
        logging.getLogger(name).addFilter(log_filter)
    try:
        yield
    finally:
        for name in loggers:
            logging.getLogger(name).removeFilter(log_filter)
