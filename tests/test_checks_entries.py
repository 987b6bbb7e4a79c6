"""Entry checks: each one with a real failing and a real passing pair."""

from __future__ import annotations

import pytest

from passerelle.numbers import quantities
from passerelle.steps.checks.base import Pair
from passerelle.steps.checks.links import check_links_changed, check_links_missing
from passerelle.steps.checks.numbers import check_numbers
from passerelle.steps.checks.placeholders import (
    check_markup_injection,
    check_placeholder_missing,
    check_placeholder_unbalanced,
    check_placeholder_unknown,
)
from passerelle.steps.checks.typography import (
    check_french_typography,
    check_newlines,
    check_target_punctuation,
    check_whitespace,
)
from passerelle.steps.checks.wording import (
    check_doubled_words,
    check_length_ratio,
    check_same_as_source,
    doubled_words,
)


def pair(source: str, translation: str, lang: str = "en") -> Pair:
    return Pair(source, translation, lang, "fr")


SOURCE_MARKUP = "Lisez <a1>le rapport</a1> et <em2>vite</em2><br3/> !"


def test_placeholders_may_be_reordered() -> None:
    ok = pair(SOURCE_MARKUP, "Quickly<br3/> <em2>read</em2> <a1>the report</a1>!")
    assert check_placeholder_missing(ok) == []
    assert check_placeholder_unknown(ok) == []
    assert check_placeholder_unbalanced(ok) == []


def test_placeholder_missing() -> None:
    broken = pair(SOURCE_MARKUP, "Read <a1>the report</a1> quickly!")
    assert check_placeholder_missing(broken) == [
        "placeholder missing from the translation: </em2>, <br3/>, <em2>"
    ]


def test_placeholder_unknown() -> None:
    broken = pair(SOURCE_MARKUP, "Read <a1>the report</a1> <em2>now</em2><br3/><br4/>!")
    assert check_placeholder_unknown(broken) == ["placeholder not in the source: <br4/>"]
    assert check_placeholder_missing(broken) == []


def test_placeholder_unbalanced() -> None:
    broken = pair(SOURCE_MARKUP, "Read <a1>the <em2>report</a1></em2><br3/>!")
    assert check_placeholder_unbalanced(broken)
    assert check_placeholder_missing(broken) == []


def test_markup_injection() -> None:
    assert check_markup_injection(pair(SOURCE_MARKUP, "Read <a1>it</a1><script>x()</script>")) == [
        "markup not in the source: <script>, </script>"
    ]
    assert check_markup_injection(pair("Voir l'image", 'See <img src=x onerror="y">')) != []
    assert (
        check_markup_injection(pair(SOURCE_MARKUP, "<em2>Quick</em2>: <a1>read</a1><br3/>")) == []
    )
    # Literal markup the source itself shows (a code sample) is not an injection.
    assert check_markup_injection(pair("La balise <div> groupe", "The <div> tag groups")) == []
    assert check_markup_injection(pair("si a < b alors", "if a < b then")) == []
    # Any tag counts, even one no HTML version defines...
    for markup in ('<foo onclick="x()">', "<!-- x -->", "<my-widget>", "<IFRAME>", "<hashable>"):
        assert check_markup_injection(pair("Texte", f"Text {markup}")) != [], markup
    # ...but a reStructuredText link target is not markup.
    assert check_markup_injection(pair("voir :term:`x`", "see :term:`x <hashable>`")) == []


@pytest.mark.parametrize(
    ("source", "translation", "lang"),
    [
        ("Une délégation de 35 chefs", "A delegation of 35 leaders", "en"),
        ("1 000 personnes", "1,000 people", "en"),
        ("1 000 personnes", "1.000 Personen", "de"),
        ("une croissance de 3,5 %", "growth of 3.5%", "en"),
        ("une croissance de 3,5 %", "un crecimiento del 3,5 %", "es"),
        ("14 milliards de yuans", "14 billion yuan", "en"),
        ("14 milliards de yuans", "140亿元", "zh_CN"),
        ("14 milliards de yuans", "140億元", "ja"),
        ("14 milliards de yuans", "14 Milliarden Yuan", "de"),
        ("14 milliards de yuans", "14.000 millones de yuanes", "es"),
        ("2,5 millions d'habitants", "2.5 million residents", "en"),
        ("le 11 octobre 2025", "2025年10月11日", "zh_CN"),
        ("le 11 octobre 2025", "٢٠٢٥ ١١ أكتوبر", "ar"),
        ("le 11 octobre 2025", "２０２５年１０月１１日", "ja"),
        ("2 entreprises", "two companies", "en"),
        ("la 37e réunion", "the 37th meeting", "en"),
        ("Voir https://ex.com/2025/10", "See https://ex.com/2025/10", "en"),
        ("2/3 vaut .66", "2/3 is 0.66", "en"),
        ("renvoie un 2-uplet", "returns a pair", "en"),
    ],
)
def test_numbers_kept_across_locale_formats(source: str, translation: str, lang: str) -> None:
    assert check_numbers(pair(source, translation, lang)) == []


@pytest.mark.parametrize(
    ("source", "translation", "lang", "missing"),
    [
        ("Une délégation de 35 chefs", "A delegation of leaders", "en", "35"),
        ("le 11 octobre 2025", "on 11 October", "en", "2025"),
        ("14 milliards de yuans", "14 million yuan", "en", "14 milliards"),
        ("14 milliards de yuans", "14亿元", "zh_CN", "14 milliards"),
        # A French "billion" is 10^12: an English "14 billion" is a thousand times smaller.
        ("14 billions d'euros", "14 billion euros", "en", "14 billions"),
        ("une croissance de 3,5 %", "growth of 35%", "en", "3,5"),
        ("une horloge 24-heures", "a clock", "en", "24"),
        (":pep:`420` définit", ":pep:`421` defines", "en", "420"),
    ],
)
def test_numbers_dropped_or_changed(source: str, translation: str, lang: str, missing: str) -> None:
    assert check_numbers(pair(source, translation, lang)) == [
        f"number missing from the translation: {missing}"
    ]


def test_each_distinct_number_needs_its_own_number_in_the_translation() -> None:
    assert check_numbers(pair("Le 1 dans 3.4.1a2", "The  in 3.4.1a2")) == [
        "number missing from the translation: 1"
    ]
    assert check_numbers(pair("Le 1 dans 3.4.1a2", "The 1 in 3.4.1a2")) == []
    # A value the source repeats may be stated once.
    assert check_numbers(pair("35 chefs, oui, 35", "35 leaders, yes")) == []


def test_an_english_comma_that_does_not_group_thousands_separates_numbers() -> None:
    english = Pair("in the range [0,4294967295].", "entre 0 et 4 294 967 295.", "fr", "en")
    assert check_numbers(english) == []
    assert check_numbers(Pair("in the range [0,4294967295].", "entre 0 et 1", "fr", "en")) == [
        "number missing from the translation: 4294967295"
    ]


def test_numbers_ignore_identifiers_and_placeholders() -> None:
    assert [q.written for q in quantities("fig1.jpg <a2>ici</a2> v2.5 et 7", "fr")] == ["7"]
    assert [q.written for q in quantities("de 0 à 0x10FFFF", "fr")] == ["0"]


def test_links_unchanged() -> None:
    source = "Écrivez à presse@example.org ou voyez https://example.org/fr/a?b=1."
    kept = pair(source, "Write to presse@example.org or see https://example.org/fr/a?b=1.")
    assert check_links_missing(kept) == [] and check_links_changed(kept) == []
    host = "Source : french.shanghai.gov.cn"
    assert check_links_changed(pair(host, "Source: french.shanghai.gov.cn")) == []


def test_links_dropped() -> None:
    source = "Écrivez à presse@example.org ou voyez https://example.org/fr/a?b=1."
    dropped = pair(source, "Write to us or see https://example.org/fr/a?b=1.")
    assert check_links_missing(dropped) == [
        "URL or e-mail missing from the translation: presse@example.org"
    ]
    assert check_links_changed(dropped) == []


def test_links_changed() -> None:
    source = "Écrivez à presse@example.org ou voyez https://example.org/fr/a?b=1."
    edited = pair(source, "Write to press@example.org or see https://example.org/en/a?b=1.")
    assert check_links_missing(edited) == []
    assert check_links_changed(edited) == [
        "URL or e-mail changed: https://example.org/fr/a?b=1, presse@example.org"
        " -> https://example.org/en/a?b=1, press@example.org"
    ]
    host = "Source : french.shanghai.gov.cn"
    assert check_links_changed(pair(host, "Source: english.shanghai.gov.cn")) != []


def test_newlines() -> None:
    assert check_newlines(pair("Bonjour\n", "Hello\n")) == []
    assert check_newlines(pair("Bonjour\n", "Hello")) == [
        "the source and the translation differ in a trailing newline"
    ]
    assert check_newlines(pair("\nBonjour", "Hello")) == [
        "the source and the translation differ in a leading newline"
    ]


def test_whitespace() -> None:
    assert check_whitespace(pair(" Bonjour ", " Hello ")) == []
    assert check_whitespace(pair("Bonjour", "Hello ")) == [
        "trailing whitespace ' ' differs from the source's ''"
    ]
    assert check_whitespace(pair(" Bonjour", "Hello")) == [
        "leading whitespace '' differs from the source's ' '"
    ]


def test_french_typography_leaking() -> None:
    assert check_french_typography(pair("« Oui » !", "“Yes”!")) == []
    assert check_french_typography(pair("« Oui » !", "« Yes »!")) == [
        "space inside « » (French typography)"
    ]
    assert check_french_typography(pair("Pourquoi ?", "Why ?")) == [
        "space before ? (French typography)"
    ]
    assert check_french_typography(pair("Note : oui", "Hinweis\u202f: ja", "de")) != []
    # French itself (a regional variant) keeps its typography.
    assert check_french_typography(pair("Pourquoi ?", "Pourquoi ?", "fr_CA")) == []


def test_target_punctuation_full_width() -> None:
    assert check_target_punctuation(pair("Il pleut.", "下雨了。", "zh_CN")) == []
    assert check_target_punctuation(pair("Il pleut.", "下雨了.", "zh_CN")) == [
        "ASCII punctuation in a zh translation: . -> 。"
    ]
    assert check_target_punctuation(pair("Oui, il pleut !", "はい,雨です!", "ja")) == [
        "ASCII punctuation in a ja translation: ! -> ！ , -> ，"
    ]
    assert check_target_punctuation(pair("version 3.5", "版本 3.5", "zh_CN")) == []
    assert check_target_punctuation(pair("Il pleut.", "It rains.", "en")) == []


def test_target_punctuation_arabic() -> None:
    assert check_target_punctuation(pair("Pourquoi ?", "لماذا؟", "ar")) == []
    assert check_target_punctuation(pair("Pourquoi ?", "لماذا?", "ar")) == [
        "Latin punctuation in an Arabic-script translation: ? -> ؟"
    ]


def test_doubled_words() -> None:
    assert check_doubled_words(pair("Le rapport", "The the report")) == ["doubled word: 'The the'"]
    assert check_doubled_words(pair("Le rapport", "The report")) == []
    assert check_doubled_words(pair("Nous nous levons", "Nous nous levons", "fr")) == []
    assert check_doubled_words(pair("a", "He had had enough")) == []


def test_doubled_elisions() -> None:
    assert doubled_words("alimentées par l'l'intelligence artificielle", "fr") == ["l'l'"]
    assert doubled_words("aujourd'hui, l'IA et qu'il", "fr") == []


def test_same_as_source() -> None:
    source = "Les participants ont discuté de l'avenir."
    assert check_same_as_source(pair(source, source)) == ["translation is identical to the source"]
    assert check_same_as_source(pair(source, "The participants discussed the future.")) == []
    for exempt in ("Bund Ouest de Shanghai", "IBLAC", "fig1.jpg", "2025", "french.shanghai.gov.cn"):
        assert check_same_as_source(pair(exempt, exempt)) == [], exempt


def test_length_ratio() -> None:
    source = "Les participants ont discuté de l'avenir de la technologie."
    assert (
        check_length_ratio(pair(source, "The participants discussed the future of technology."))
        == []
    )
    assert check_length_ratio(pair(source, "与会者讨论了技术的未来。", "zh_CN")) == []
    assert check_length_ratio(pair(source, "Yes."))
    assert check_length_ratio(pair(source, source * 4))
    assert check_length_ratio(pair("Oui", "Yes, indeed, absolutely")) == []  # too short to judge


def test_a_lost_closing_placeholder_is_reported_once() -> None:
    broken = pair(SOURCE_MARKUP, "Read <a1>the report <em2>now</em2><br3/>!")
    assert check_placeholder_missing(broken) == ["placeholder missing from the translation: </a1>"]
    assert check_placeholder_unbalanced(broken) == []


YUAN = (
    "Selon M. Chen, Xuhui compte plus de 700 entreprises spécialisées dans l'IA, qui génèrent"
    " près de 100 milliards de yuans (14 milliards de dollars) de valeur ajoutée et affichent"
    " un taux de croissance annuel moyen de 15 %."
)
YUAN_TRANSLATIONS = {
    "en": "According to Chen, Xuhui is home to more than 700 AI companies, which generate nearly"
    " 100 billion yuan ($14 billion) in added value with an average annual growth rate of 15%.",
    "zh_CN": "陈勇表示，徐汇区拥有700多家人工智能企业，创造增加值近1000亿元（140亿美元），"
    "年均增长率达15%。",
    "ja": "陳氏によると、徐匯区には700社以上のAI企業があり、約1000億元（140億ドル）の付加価値を"
    "生み出し、年平均成長率は15%に達している。",
    "de": "Laut Chen zählt Xuhui mehr als 700 KI-Unternehmen, die fast 100 Milliarden Yuan"
    " (14 Milliarden Dollar) Wertschöpfung erzielen und im Schnitt um 15 % jährlich wachsen.",
    "es": "Según Chen, Xuhui cuenta con más de 700 empresas de IA, que generan casi 100.000"
    " millones de yuanes (14.000 millones de dólares) de valor añadido y crecen un 15 % al año.",
    "ar": "وبحسب تشن، يضم شوهوي أكثر من 700 شركة متخصصة في الذكاء الاصطناعي، تحقق قيمة مضافة"
    " تقارب 100 مليار يوان (14 مليار دولار)، بمعدل نمو سنوي متوسط يبلغ 15%.",
}


@pytest.mark.parametrize("lang", sorted(YUAN_TRANSLATIONS))
def test_the_articles_figures_pass_every_check_in_six_languages(lang: str) -> None:
    from passerelle.steps.checks.checker import ENTRY_CHECKS

    translation = YUAN_TRANSLATIONS[lang]
    found = {c.code: c.func(pair(YUAN, translation, lang)) for c in ENTRY_CHECKS}
    assert {code: messages for code, messages in found.items() if messages} == {}
    dropped = translation.replace("14", "4", 1)
    assert check_numbers(pair(YUAN, dropped, lang)) != [], lang
