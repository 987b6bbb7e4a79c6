"""The status page of a large project stays light: its (document, language) pairs travel as
compact data for the page's script, not as table rows."""

from __future__ import annotations

from typing import Any

from passerelle.reports.status_page import status_page
from status_pages import page_numbers

LANGS = ("en", "zh_CN", "ja", "de", "es", "ar")


def numbers(n: int) -> dict[str, Any]:
    return {
        "units": 17 + n % 5, "translated": n % 7, "fuzzy": n % 3, "untranslated": 10,
        "words": 170 + n % 50, "translated_words": 30, "fuzzy_words": 3,
        "untranslated_words": 100, "percent": round(100 * (n % 7) / 22, 1),
        "errors": n % 2, "warnings": 1, "exempted": 0,
    }  # fmt: skip


def large_status(documents: int) -> dict[str, Any]:
    names = [f"s{n // 500:03d}/doc{n:05d}" for n in range(documents)]
    return {
        "source_lang": "fr",
        "source_findings": {"errors": 0, "warnings": documents},
        "languages": [
            {
                "lang": lang, "name": lang, "direction": "ltr", **numbers(0),
                "documents": [{"document": name, **numbers(n)} for n, name in enumerate(names)],
            }
            for lang in LANGS
        ],
    }  # fmt: skip


def test_twelve_thousand_pairs_make_a_light_page() -> None:
    data = large_status(2000)
    page = status_page(data)
    # One table row per language total; the 12,000 pairs are data, about 30 bytes each.
    assert page.count("<tr") == 2 * len(LANGS) + 1
    assert len(page.encode()) < 12_000 * 40
    read = page_numbers(page)
    assert sum(len(rows) - 1 for rows in read.values()) == 12_000
    assert read["ja"]["s003/doc01999"]["translated"] == str(1999 % 7)
