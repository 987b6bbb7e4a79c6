"""The repository's own deployment: the West Bund article's catalogs as committed."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import REPO, msgfmt_check
from passerelle.config import load_config
from passerelle.formats import format_for_path
from passerelle.po.catalog import catalog_stats, read_catalog
from passerelle.project.documents import format_options, segmentation
from passerelle.project.layout import Layout
from passerelle.steps.extract import document_units

CATALOGS = sorted((REPO / "locales").rglob("*.po")) + sorted((REPO / "locales").rglob("*.pot"))


def test_the_catalogs_are_committed() -> None:
    names = {str(p.relative_to(REPO / "locales")) for p in CATALOGS}
    assert "iblac-west-bund.pot" in names
    for lang in ("en", "zh_CN", "ja", "de", "es", "ar"):
        assert f"{lang}/iblac-west-bund.po" in names


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(REPO)))
def test_gnu_msgfmt_accepts_every_catalog(path: Path) -> None:
    result = msgfmt_check(path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_english_and_chinese_are_complete_human_translations(lang: str) -> None:
    po = read_catalog(REPO / "locales" / lang / "iblac-west-bund.po")
    stats = catalog_stats(po)
    assert stats.units > 20
    assert stats.translated == stats.units
    assert po.metadata["Language"] == lang
    assert not any("machine draft" in (e.tcomment or "") for e in po)


def test_catalogs_match_the_source_as_it_is() -> None:
    config = load_config(path=REPO / "pyproject.toml")
    layout = Layout(config)
    (doc,) = layout.documents()
    fmt = format_for_path(doc.path)
    units = document_units(
        fmt,
        doc.path.read_text(encoding="utf-8"),
        layout.shown(doc.path),
        format_options(config),
        segmentation(config),
    )
    pot = read_catalog(REPO / "locales" / "iblac-west-bund.pot")
    assert [e.msgid for e in pot] == [u.msgid for u in units]
    msgids = {u.msgid for u in units}
    quote = (
        "«\u00a0Ici à Shanghai, je pense que nous avons un écosystème merveilleux où nous "
        "pouvons rassembler tous ces éléments avec tous les partenaires autour de nous\u00a0», "
        "a affirmé M. Schwan."
    )
    assert quote in msgids
    assert not any(m.strip(" »«\u00a0") == "" for m in msgids)
    assert any(m.startswith("M. Schwan, dont l'entreprise") for m in msgids)
    assert any(m.startswith("En abordant") and m.endswith("plus longtemps.\u00a0»") for m in msgids)
