"""Quotation marks, spacing and full-width punctuation judged by each target language's data."""

from __future__ import annotations

import pytest

from passerelle.steps.checks.base import Pair
from passerelle.steps.checks.punctuation import delimiters, quotation_marks
from passerelle.steps.checks.typography import (
    check_french_typography,
    check_quotes,
    check_target_punctuation,
)

SOURCE = "« Je suis impressionné », a-t-il dit : « vraiment ! »"

#: lang: a quote as that language's press writes it
NATIVE = {
    "en": "“I am impressed,” he said: “truly!”",
    "zh_CN": "他说：“我印象深刻。”“真的！”",
    "ja": "彼は「感銘を受けました」と述べた。「本当に！」",
    "de": "„Ich bin beeindruckt“, sagte er: „wirklich!“",
    "es": "«Estoy impresionado», dijo: «¡de verdad!»",
    "ar": "«أنا معجب»، قال: «حقًا!»",
    "qps": "[« Ĵéé šûûîîš îîɱþŕééššîîööññéé »]",
}


def pair(translation: str, lang: str) -> Pair:
    return Pair(SOURCE, translation, lang, "fr")


@pytest.mark.parametrize("lang", sorted(NATIVE))
def test_each_language_own_quotes_pass(lang: str) -> None:
    native = pair(NATIVE[lang], lang)
    assert check_quotes(native) == []
    assert check_french_typography(native) == []
    assert check_target_punctuation(native) == []


def test_guillemets_are_spanish_and_arabic_not_english() -> None:
    assert check_quotes(pair("«Sí»", "es")) == []
    assert check_quotes(pair("«نعم»", "ar")) == []
    assert check_quotes(pair("«Yes»", "en")) == [
        "quotation marks « » are not en's; it writes “…” and ‘…’"
    ]
    assert check_quotes(pair("«是»", "zh_CN")) == [
        "quotation marks « » are not zh_CN's; it writes “…” and ‘…’"
    ]
    assert check_quotes(pair("«はい»", "ja")) == [
        "quotation marks « » are not ja's; it writes 「…」 and 『…』"
    ]


def test_english_quotes_in_german_are_reported() -> None:
    assert check_quotes(pair("„Ja”", "de")) == [
        "quotation marks ” are not de's; it writes „…“ and ‚…‘"
    ]
    assert check_quotes(pair("“Yes„", "en")) == [
        "quotation marks „ are not en's; it writes “…” and ‘…’"
    ]


def test_apostrophes_and_typewriter_quotes_are_not_foreign() -> None:
    assert check_quotes(pair('Wie geht’s? "Gut"', "de")) == []
    assert check_quotes(pair("Severin's 'AI'", "ja")) == []


def test_quotes_of_unknown_languages_and_the_source_language_pass() -> None:
    assert quotation_marks("qps") is None
    assert check_quotes(pair("„x“ «y»", "qps")) == []
    assert check_quotes(pair("„x“", "fr_CA")) == []


def test_regions_fall_back_to_their_language() -> None:
    assert delimiters("de_AT") == delimiters("de") == "„“‚‘"
    assert delimiters("zh-Hant-TW") == "「」『』"
    assert delimiters("fr_CH") == "«»‹›"


def test_french_spacing_is_reported_outside_french() -> None:
    for lang in ("en", "de", "es", "ar"):
        assert check_french_typography(pair("Pourquoi\u202f?", lang)) == [
            "space before ? (French typography)"
        ]
    assert check_french_typography(pair("Hinweis\u00a0: ja", "de")) == [
        "space before : (French typography)"
    ]
    assert check_french_typography(pair("« Sí »", "es")) == ["space inside « » (French typography)"]
    assert check_french_typography(pair("« Pourquoi ? »", "fr_CA")) == []


def test_full_width_punctuation_comes_from_the_language_data() -> None:
    assert check_target_punctuation(pair("下雨了.", "zh_Hant")) == [
        "ASCII punctuation in a zh translation: . -> 。"
    ]
    assert check_target_punctuation(pair("雨です,はい", "ja")) == [
        "ASCII punctuation in a ja translation: , -> ，"
    ]
    assert check_target_punctuation(pair("چرا?", "fa")) == [
        "Latin punctuation in an Arabic-script translation: ? -> ؟"
    ]
    assert check_target_punctuation(pair("Warum?", "de")) == []
