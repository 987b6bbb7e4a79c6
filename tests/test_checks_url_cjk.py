"""``url-added`` and ``punctuation-cjk``: each with real failing and passing pairs, and neither
repeating what ``url-changed`` or ``punctuation-target`` already says."""

from __future__ import annotations

import pytest

from passerelle.steps.checks.base import Pair
from passerelle.steps.checks.links import check_links_changed
from passerelle.steps.checks.links_added import check_links_added
from passerelle.steps.checks.punctuation_cjk import check_cjk_ascii_punctuation
from passerelle.steps.checks.typography import check_target_punctuation


def pair(source: str, translation: str, lang: str = "en") -> Pair:
    return Pair(source, translation, lang, "fr")


def test_a_link_the_source_does_not_have_is_reported() -> None:
    added = pair("Voir https://exemple.fr/a.", "See https://exemple.fr/a or https://spam.example.")
    assert check_links_added(added) == ["URL or e-mail not in the source: https://spam.example"]
    mail = pair("Écrivez-nous.", "Write to sales@spam.example.")
    assert check_links_added(mail) == ["URL or e-mail not in the source: sales@spam.example"]


@pytest.mark.parametrize(
    ("source", "translation", "lang"),
    [
        ("Voir https://exemple.fr/a.", "See https://exemple.fr/a.", "en"),
        ("Voir www.exemple.fr.", "See https://www.exemple.fr.", "en"),  # a scheme written out
        ("Voir www.exemple.fr pour", "访问www.exemple.fr了解", "zh_CN"),  # CJK against the link
        ("Voir https://exemple.fr/", "See https://exemple.fr/en/", "en"),  # a localised path
        ("Sans lien.", "No link.", "en"),
    ],
)
def test_kept_or_extended_links_are_not_added(source: str, translation: str, lang: str) -> None:
    assert check_links_added(pair(source, translation, lang)) == []


def test_a_replaced_link_is_said_by_url_changed_only() -> None:
    replaced = pair("Voir https://exemple.fr/a.", "See https://other.example/b.")
    assert check_links_added(replaced) == []
    assert check_links_changed(replaced)


@pytest.mark.parametrize(
    ("translation", "marks"),
    [
        ("我们讨论了技术, 然后参观了公司。", ", -> ，"),
        ("请参阅文档:README 文件。", ": -> ："),
        ("使用 Python, 中文很好。", ", -> ，"),
        ("上海(中国)是一个城市。", "( -> （ ) -> ）"),
        ("真的吗? 是的。", "? -> ？"),
    ],
)
def test_half_width_marks_in_a_chinese_sentence(translation: str, marks: str) -> None:
    assert check_cjk_ascii_punctuation(pair("x", translation, "zh_CN")) == [
        f"half-width punctuation in a zh sentence: {marks}"
    ]


@pytest.mark.parametrize(
    "translation",
    [
        "会议于 3:30 开始，共有 1,000 人。",  # numbers keep their marks
        "请访问 https://exemple.fr/a,b?c=1 了解详情。",  # so do links
        "请阅读<a1>文档</a1>，谢谢！",  # placeholders are not punctuation
        "Hello, world (a test)!",  # no CJK text at all
    ],
)
def test_numbers_links_placeholders_and_latin_text_pass(translation: str) -> None:
    assert check_cjk_ascii_punctuation(pair("x", translation, "ja")) == []


def test_only_chinese_and_japanese_are_held_to_full_width() -> None:
    assert check_cjk_ascii_punctuation(pair("x", "한국어, 문장 (설명)", "ko")) == []
    assert check_cjk_ascii_punctuation(pair("x", "日本語, 文章", "ja"))


def test_a_mark_tight_between_cjk_is_left_to_punctuation_target() -> None:
    tight = pair("x", "中文,日文", "zh_CN")
    assert check_target_punctuation(tight) and check_cjk_ascii_punctuation(tight) == []
