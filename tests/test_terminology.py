"""Terminology: TBX and CSV glossaries, the terms told to translators, and ``term-mismatch``."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from helpers import REPO, run_main
from passerelle.exchange.glossary import Concept, Glossary
from passerelle.exchange.glossary_files import read_csv_glossary, read_tbx
from passerelle.exchange.xmlsafe import ExchangeError


def _glossary(*concepts: Concept) -> Glossary:
    return Glossary(concepts)


def test_matching_knows_french_elision_case_words_and_scripts() -> None:
    ai = Concept(("l'IA",), {"en": ("AI",), "zh_cn": ("人工智能",)})
    roche = Concept(("Roche",), {"en": ("Roche",)})
    bund = Concept(("Bund Ouest",), {"zh": ("西岸",)})
    glossary = _glossary(ai, roche, bund)
    assert [h.source for h in glossary.hits("le potentiel d’IA du pays", "en")] == ["IA"]
    assert glossary.hits("MAIS la roche est dure", "en") == []  # a word, and case as written
    assert [h.source for h in glossary.hits("le groupe Roche", "en")] == ["Roche"]
    assert glossary.mismatches("l'IA", "the AI's rise", "en") == []
    assert glossary.mismatches("l'IA", "上海人工智能发展", "zh_CN") == []  # no spaces needed
    assert glossary.mismatches("sur le Bund\u00a0Ouest", "上海西岸", "zh_CN") == []  # zh for zh_CN
    missing = glossary.mismatches("l'IA et Roche", "AI and the rock", "en")
    assert [(h.source, h.targets) for h in missing] == [("Roche", ("Roche",))]
    assert glossary.mismatches("l'IA", "intelligence", "de") == []  # no German terms


def test_csv_glossaries_in_weblate_and_deepl_layouts(tmp_path: Path) -> None:
    weblate = tmp_path / "en.csv"
    weblate.write_text('source,target,explanation\n"Bund Ouest","West Bund",place\n')
    deepl = tmp_path / "deepl.csv"
    deepl.write_text("Xuhui,Xuhui,fr,en\nXuhui,徐汇,fr,zh\nHello,Bonjour,en,fr\n")
    assert read_csv_glossary(weblate, "fr", "en") == [
        Concept(("Bund Ouest",), {"en": ("West Bund",)})
    ]
    assert read_csv_glossary(deepl, "fr") == [
        Concept(("Xuhui",), {"en": ("Xuhui",)}),
        Concept(("Xuhui",), {"zh": ("徐汇",)}),
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text("source,target\nSMC,\n")
    with pytest.raises(ExchangeError) as error:
        read_csv_glossary(bad, "fr", "en")
    assert str(error.value).startswith(f"{bad}:2: a glossary row needs")


def test_tbx_2019_and_the_older_martif_are_read(tmp_path: Path) -> None:
    concepts = read_tbx(REPO / "glossary" / "iblac-west-bund.tbx", "fr")
    bund = next(c for c in concepts if "Bund Ouest" in c.source)
    assert bund.source == ("Bund Ouest", "West Bund")
    assert bund.targets_for("zh_CN") == ("西岸",) and bund.targets_for("en") == ("West Bund",)
    martif = tmp_path / "old.tbx"
    martif.write_text(
        '<martif type="TBX-Basic" xml:lang="fr"><text><body><termEntry id="a">'
        '<langSet xml:lang="fr"><tig><term>Mizuho</term></tig></langSet>'
        '<langSet xml:lang="en-US"><tig><term>Mizuho</term></tig></langSet>'
        "</termEntry></body></text></martif>",
        encoding="utf-8",
    )
    assert read_tbx(martif, "fr") == [Concept(("Mizuho",), {"en_us": ("Mizuho",)})]
    assert read_tbx(martif, "fr")[0].targets_for("en_US") == ("Mizuho",)


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for folder in ("source", "locales", "glossary"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    (tmp_path / "passerelle.toml").write_text(
        'source-lang = "fr"\nlanguages = ["en", "zh_CN"]\n'
        'terminology = ["glossary/iblac-west-bund.tbx"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_planted_violation_is_reported_with_file_and_line(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_main("check")
    assert "term-mismatch" not in capsys.readouterr().out  # the translations keep the terms
    po = Path("locales/en/iblac-west-bund.po")
    lines = po.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith('"Chen Yong, deputy'))
    assert "Xuhui District" in lines[at] and lines[at - 1] == 'msgstr ""'
    lines[at] = lines[at].replace("Xuhui District", "the district")
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_main("check")
    out = capsys.readouterr().out
    found = [line for line in out.splitlines() if "term-mismatch" in line]
    assert found == [
        f"locales/en/iblac-west-bund.po:{at}: warning term-mismatch: glossary: 'Xuhui' is "
        "translated 'Xuhui'"
    ]


def test_update_tells_each_unit_its_terms_and_says_it_once(article: Path) -> None:
    assert run_main("update") == 0
    text = Path("locales/zh_CN/iblac-west-bund.po").read_text(encoding="utf-8")
    assert "#. Glossary: Bund Ouest = 西岸 (the riverside district of Xuhui, Shanghai)" in text
    assert "#. Glossary: Roche = 罗氏 (the Roche Group, a pharmaceutical company)" in text
    first = {p: p.read_bytes() for p in Path("locales").rglob("*.po")}
    assert run_main("update") == 0
    assert {p: p.read_bytes() for p in first} == first


def test_one_rendering_per_term_the_preferred_one(tmp_path: Path) -> None:
    tbx = tmp_path / "terms.tbx"
    tbx.write_text(
        '<tbx type="TBX-Basic" style="dca" xml:lang="fr" xmlns="urn:iso:std:iso:30042:ed-2">'
        "<text><body><conceptEntry>"
        '<langSec xml:lang="fr"><termSec><term>l’IA</term></termSec>'
        "<termSec><term>intelligence  artificielle</term></termSec></langSec>"
        '<langSec xml:lang="en"><termSec><term>artificial intelligence</term></termSec>'
        '<termSec><term>AI</term><termNote type="administrativeStatus">'
        "preferredTerm-admn-sts</termNote></termSec></langSec>"
        "</conceptEntry><conceptEntry>"
        '<langSec xml:lang="fr"><termSec><term>IA</term></termSec></langSec>'
        '<langSec xml:lang="en"><termSec><term>A.I.</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>",
        encoding="utf-8",
    )
    glossary = Glossary(read_tbx(tbx, "fr"))
    assert glossary.concepts[0].targets["en"] == ("AI", "artificial intelligence")
    # the elided article dropped, spaces folded; "IA" of the second concept loses to the first
    assert glossary.pairs("en") == [("IA", "AI"), ("intelligence artificielle", "AI")]
    assert glossary.pairs("de") == []


def test_an_edited_glossary_is_read_again(article: Path) -> None:
    from passerelle.config import load_config
    from passerelle.steps.terminology import project_glossary

    csv = article / "terms.csv"
    csv.write_text("Xuhui,Xuhui,fr,en\n", encoding="utf-8")
    config = dataclasses.replace(load_config(article), terminology=(csv,))
    first = project_glossary(config)
    assert first is not None and first.concepts[0].targets == {"en": ("Xuhui",)}
    csv.write_text("Xuhui,Xuhui District,fr,en\n", encoding="utf-8")
    second = project_glossary(config)
    assert second is not None and second.concepts[0].targets == {"en": ("Xuhui District",)}
    assert project_glossary(config) is second  # unchanged files are not read again
