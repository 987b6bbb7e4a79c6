"""Status: per language and document counts and findings, as text, JSON and a static page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html as lxml_html

from passerelle.cli import main
from passerelle.config import load_config
from passerelle.project.checking import check_project
from passerelle.project.status import collect_status, document_counts
from passerelle.reports.status import render_status, status_data
from status_pages import assert_page_matches, status_project


@pytest.fixture
def sproject(project: Path) -> Path:
    return status_project(project)


def test_numbers_come_from_project_status(sproject: Path) -> None:
    config = load_config(sproject)
    status = collect_status(config)
    rows = {(lang, doc): stats for lang, doc, stats in document_counts(config)}
    assert [lang.lang for lang in status.languages] == ["en", "de", "ar"]
    for lang in status.languages:
        for doc in lang.documents:
            assert doc.stats == rows[(lang.lang, doc.document)]
    en = status.languages[0]
    assert (en.total.translated, en.total.fuzzy) == (2, 1)
    assert en.total.untranslated == en.total.units - 3
    en_findings = [f for f in check_project(config, ("en",)) if f.lang == "en"]
    assert [f.code for f in en_findings if f.severity == "error"] == ["number-missing"]
    assert en.errors == 1
    assert en.warnings == sum(1 for f in en_findings if f.severity == "warning") > 0
    de = status.languages[1]
    assert (de.total.translated, de.total.fuzzy, de.errors) == (0, 1, 0)
    assert (status.source_errors, status.source_warnings) == (0, 1)


def test_json_matches_the_data(sproject: Path) -> None:
    status = collect_status(load_config(sproject))
    data = json.loads(render_status(status, "json"))
    assert data == status_data(status)
    en = data["languages"][0]
    assert en["name"] == "English"
    assert en["percent"] == (1000 * en["translated"] // en["units"]) / 10  # rounded down
    assert en["errors"] == sum(d["errors"] for d in en["documents"]) == 1
    assert data["languages"][2]["direction"] == "rtl"


def test_text_table(sproject: Path) -> None:
    text = render_status(collect_status(load_config(sproject)), "text")
    lines = text.splitlines()
    assert lines[0].split() == [
        "lang", "document", "units", "words", "fuzzy", "untr.", "err.", "warn."
    ]  # fmt: skip
    en = next(line for line in lines if line.startswith("en "))
    assert en.split()[:3] == ["en", "article", f"2/{en.split()[2].split('/')[1]}"]
    assert "1 warning in the source documents" in lines[-1]


def test_html_is_self_contained_and_matches_json(sproject: Path) -> None:
    status = collect_status(load_config(sproject))
    page = render_status(status, "html")
    for forbidden in ("<script src", "<link", "http://", "https://", "src=", "url(", "@import"):
        assert forbidden not in page
    assert_page_matches(page, status_data(status))
    tree = lxml_html.fromstring(page)
    assert len(tree.xpath("//section[@data-lang]//div[@class='bar']")) == 3


def test_html_escapes_names(tmp_path: Path) -> None:
    from passerelle.reports.status import status_page

    data = {
        "source_lang": "fr",
        "source_findings": {"errors": 0, "warnings": 0},
        "languages": [
            {
                "lang": "en", "name": "<b>x</b>", "direction": "ltr", "units": 0,
                "translated": 0, "fuzzy": 0, "untranslated": 0, "words": 0,
                "translated_words": 0, "fuzzy_words": 0, "untranslated_words": 0,
                "percent": 100.0, "errors": 0, "warnings": 0,
                "documents": [{
                    "document": "a<script>", "units": 0, "translated": 0, "fuzzy": 0,
                    "untranslated": 0, "words": 0, "translated_words": 0, "fuzzy_words": 0,
                    "untranslated_words": 0, "percent": 100.0, "errors": 0, "warnings": 0,
                }],
            }
        ],
    }  # fmt: skip
    page = status_page(data)
    assert "a<script>" not in page and "<b>x</b>" not in page
    assert_page_matches(page, data)


def test_status_command_formats(
    sproject: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(sproject)
    with pytest.raises(SystemExit) as exit_info:
        main(["status", "--format", "json", "--lang", "en"])
    assert exit_info.value.code == 0
    data = json.loads(capsys.readouterr().out)
    assert [lang["lang"] for lang in data["languages"]] == ["en"]
    with pytest.raises(SystemExit):
        main(["status", "--format", "html", "-o", "status.html"])
    page = (sproject / "status.html").read_text(encoding="utf-8")
    assert_page_matches(page, status_data(collect_status(load_config(sproject))))
