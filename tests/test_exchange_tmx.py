"""TMX memories: the article's round trip through XLIFF, and TMX files used wherever compendia are
(``compendia`` setting, ``merge -C``, the ``tm`` draft engine)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import REPO, run_main
from passerelle.po.catalog import read_catalog
from passerelle.steps.drafts.tm import TranslationMemory

ARTICLE_TOML = """\
source-lang = "fr"
languages = ["en", "zh_CN", "ja", "de", "es", "ar"]
segment = "sentence"
"""


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The repository's article and its catalogs, as a project of their own."""
    shutil.copytree(REPO / "source", tmp_path / "source")
    shutil.copytree(REPO / "locales", tmp_path / "locales")
    (tmp_path / "passerelle.toml").write_text(ARTICLE_TOML, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_the_article_exported_and_imported_unchanged_is_byte_identical(
    article: Path, version: str
) -> None:
    before = {p: p.read_bytes() for p in Path("locales").rglob("*.po")}
    assert run_main("export", "--xliff", version, "-o", "out") == 0
    files = sorted(Path("out").rglob("*.xlf"))
    assert len(files) == 6
    assert run_main("import", *map(str, files)) == 0
    assert {p: p.read_bytes() for p in before} == before


def _english_memory() -> dict[str, str]:
    catalog = read_catalog(Path("locales/en/iblac-west-bund.po"))
    return {e.msgid: e.msgstr for e in catalog if e.translated() and e.msgid}


def test_a_tmx_memory_is_a_compendium_for_merge(article: Path) -> None:
    assert run_main("tm", "export", "-o", "memory.tmx") == 0
    approved = _english_memory()
    shutil.copy("locales/iblac-west-bund.pot", "empty.po")
    code = run_main(
        "merge",
        "-q",
        "--lang",
        "en",
        "-C",
        "memory.tmx",
        "-o",
        "merged.po",
        "empty.po",
        "locales/iblac-west-bund.pot",
    )
    assert code == 0
    merged = {e.msgid: e.msgstr for e in read_catalog(Path("merged.po")) if e.translated()}
    assert merged == approved


def test_a_tmx_memory_is_a_compendium_for_the_tm_engine_and_the_update(article: Path) -> None:
    assert run_main("tm", "export", "--lang", "en", "-o", "memory.tmx") == 0
    approved = _english_memory()
    engine = TranslationMemory.from_files([], [Path("memory.tmx")], "en", threshold=80)
    some = next(iter(approved))
    draft = engine.lookup(some)
    assert draft is not None and draft.text == approved[some]
    assert (
        TranslationMemory.from_files([], [Path("memory.tmx")], "de", threshold=80).lookup(some)
        is None
    )  # the memory holds no German
    # the project update: a new language's catalogs start from the memory
    shutil.rmtree("locales/en")
    Path("passerelle.toml").write_text(
        ARTICLE_TOML + 'compendia = ["memory.tmx"]\n', encoding="utf-8"
    )
    assert run_main("update", "--lang", "en") == 0
    fresh = read_catalog(Path("locales/en/iblac-west-bund.po"))
    assert {e.msgid: e.msgstr for e in fresh if e.msgstr} == approved
