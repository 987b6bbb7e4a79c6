"""ITS annotations written into extracted comments and read back, and locale ranges."""

from __future__ import annotations

import pytest

from passerelle.annotations import (
    StorageSize,
    allowed_characters,
    allowed_note,
    locale_allows,
    locale_matches,
    storage_note,
    storage_size,
)


def test_constraints_read_back_what_was_written() -> None:
    comments = ("p", storage_note(20, "ISO-8859-1", "crlf"), allowed_note("[a-z]"))
    assert storage_size(comments) == StorageSize(20, "ISO-8859-1", "CRLF")
    assert allowed_characters(comments) == "[a-z]"
    assert storage_size(("p",)) is None and allowed_characters(("p",)) is None
    assert len(StorageSize(5, "UTF-8", "CRLF").stored("é\nb")) == 5


@pytest.mark.parametrize(
    ("ranges", "lang", "expected"),
    [
        (("*",), "ja", True),
        (("de",), "de_CH", True),
        (("de-CH",), "de", False),
        (("de-*-DE",), "de-Latn-DE", True),
        (("fr-CA", "en-*"), "en_GB", True),
        (("fr-CA",), "fr", False),
    ],
)
def test_extended_filtering_of_language_ranges(
    ranges: tuple[str, ...], lang: str, expected: bool
) -> None:
    assert locale_matches(ranges, lang) is expected


def test_exclude_filters_invert() -> None:
    assert locale_allows("include|de, fr", "fr_FR") and not locale_allows("exclude|de", "de")
