"""The moment Passerelle writes into files: SOURCE_DATE_EPOCH when it is set, else the clock.

Reproducible builds set SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/)
so that every tool writes the same date; the spec asks a tool to fail on a malformed value rather
than ignore it. Templates, drafts and releases all read it here, so they accept and refuse the
same values with the same one-line error.
"""

from __future__ import annotations

import datetime as dt
import os

from passerelle.errors import ConfigError


def source_date() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC moment, or None when it is unset or empty."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    # isdigit() alone would take "²" or "٣", which int() and the spec do not
    if epoch.isascii() and epoch.isdigit():
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except (OverflowError, ValueError, OSError):
            pass  # a number of seconds, but no date a datetime can hold
    raise ConfigError(
        f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds",
        hint="set it to an integer such as $(git log -1 --format=%ct), or unset it",
    )


def now() -> dt.datetime:
    """SOURCE_DATE_EPOCH's moment when it is set (reproducible runs), else the current time."""
    return source_date() or dt.datetime.now(dt.UTC)
