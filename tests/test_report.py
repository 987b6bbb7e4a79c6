"""Output formats: one bad catalog, the right codes in text, JSON, GitHub and JUnit."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from passerelle.cli import main
from passerelle.reports.findings import escape_data, escape_property, failing, render_findings
from passerelle.steps.checks import Finding, check_catalog_file

BAD_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#. paragraph
#: source/news.html:12
msgid "Lisez <a1>le rapport</a1> du 11 octobre."
msgstr "Read <a1>the report</a1 of 11 October."

#: source/news.html:14
msgid "Une délégation de 35 chefs d'entreprise."
msgstr "A delegation of business leaders."

#: source/news.html:16
msgid "Le salon a réuni 1 000 visiteurs."
msgstr "The fair drew 1,000 visitors.<script>alert(1)</script>"

#: source/news.html:18
msgid "Bienvenue !"
msgstr "Welcome!"
"""
EXPECTED = {
    ("placeholder-missing", 10),
    ("number-missing", 14),
    ("markup-injection", 18),
}
PATH = "locales/en/news.po"


@pytest.fixture
def bad_catalog(tmp_path: Path) -> Path:
    path = tmp_path / "locales" / "en" / "news.po"
    path.parent.mkdir(parents=True)
    path.write_text(BAD_PO, encoding="utf-8")
    return path


@pytest.fixture
def findings(bad_catalog: Path) -> list[Finding]:
    found = check_catalog_file(bad_catalog)
    return [Finding(PATH, f.line, f.severity, f.code, f.message, f.lang) for f in found]


def test_the_bad_catalog_has_exactly_the_expected_errors(findings: list[Finding]) -> None:
    assert {(f.code, f.line) for f in findings} == EXPECTED
    assert all(f.severity == "error" for f in findings)


def test_text(findings: list[Finding]) -> None:
    lines = render_findings(findings, "text").splitlines()
    assert lines == [
        f"{PATH}:10: error placeholder-missing: placeholder missing from the translation: </a1>",
        f"{PATH}:14: error number-missing: number missing from the translation: 35",
        f"{PATH}:18: error markup-injection: markup not in the source: <script>, </script>",
    ]


def test_json(findings: list[Finding]) -> None:
    data = json.loads(render_findings(findings, "json", [PATH]))
    assert {(f["code"], f["line"], f["path"]) for f in data["findings"]} == {
        (code, line, PATH) for code, line in EXPECTED
    }
    assert data["summary"] == {"errors": 3, "warnings": 0, "files": 1}
    assert data["files"] == [PATH]


def test_github_annotations_carry_file_and_line(findings: list[Finding]) -> None:
    lines = render_findings(findings, "github").splitlines()
    assert len(lines) == 3
    for code, line in EXPECTED:
        assert any(
            entry.startswith(f"::error file={PATH},line={line},title={code}::") for entry in lines
        ), code


def test_github_escaping() -> None:
    finding = Finding("a,b:c.po", 3, "warning", "x", "50% done\nnext: line\r")
    assert render_findings([finding], "github") == (
        "::warning file=a%2Cb%3Ac.po,line=3,title=x::50%25 done%0Anext: line%0D\n"
    )
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    assert escape_data("a:b,c") == "a:b,c"
    whole_file = Finding("a.po", 0, "error", "catalog-stale", "stale")
    assert (
        render_findings([whole_file], "github") == "::error file=a.po,title=catalog-stale::stale\n"
    )


def test_junit_is_valid_xml_with_one_case_per_file(findings: list[Finding]) -> None:
    clean = "locales/de/news.po"
    root = ET.fromstring(render_findings(findings, "junit", [PATH, clean]).encode("utf-8"))
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert set(cases) == {PATH, clean}
    assert cases[clean].find("failure") is None
    failure = cases[PATH].find("failure")
    assert failure is not None and failure.text is not None
    for code, line in EXPECTED:
        assert f"{PATH}:{line}: error {code}:" in failure.text
    assert "placeholder-missing" in (failure.get("message") or "")


def test_junit_warnings_below_the_bar_go_to_system_out() -> None:
    warning = Finding("a.po", 2, "warning", "doubled-word", "doubled word: 'the the'")
    case = ET.fromstring(render_findings([warning], "junit", ["a.po"])).find("testsuite/testcase")
    assert case is not None and case.find("failure") is None
    assert "doubled-word" in (case.findtext("system-out") or "")
    strict = ET.fromstring(render_findings([warning], "junit", ["a.po"], "warning"))
    assert strict.find("testsuite/testcase/failure") is not None


def test_fail_on() -> None:
    warning = Finding("a.po", 2, "warning", "doubled-word", "x")
    error = Finding("a.po", 3, "error", "number-missing", "y")
    assert failing([warning]) == []
    assert failing([warning], "warning") == [warning]
    assert failing([warning, error]) == [error]


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit"])
def test_cli_fails_with_the_codes_in_every_format(
    bad_catalog: Path,
    fmt: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(bad_catalog.parents[2])
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--format", fmt, PATH])
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    for code, line in EXPECTED:
        assert code in out
        assert str(line) in out
    if fmt == "github":
        assert f"::error file={PATH},line=18,title=markup-injection::" in out
    if fmt == "junit":
        ET.fromstring(out.encode("utf-8"))
    if fmt == "json":
        assert len(json.loads(out)["findings"]) == 3


def test_cli_writes_the_report_to_a_file(
    bad_catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(bad_catalog.parents[2])
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--format", "junit", "-o", "report.xml", PATH])
    assert exit_info.value.code == 1
    root = ET.parse(bad_catalog.parents[2] / "report.xml").getroot()
    assert root.get("failures") == "1"


def hook_settings() -> dict[str, str]:
    """The hook's ``key: value`` lines (the file is flat YAML; no YAML library needed)."""
    text = (Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text("utf-8")
    settings = {}
    for line in text.splitlines():
        if line.startswith(("- ", "  ")) and ": " in line:
            key, value = line[2:].split(": ", 1)
            settings[key.strip()] = value.strip()
    return settings


def test_pre_commit_hook_runs_check_on_changed_po_files(
    bad_catalog: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import re
    import shlex

    hook = hook_settings()
    assert hook["id"] == "passerelle-check" and hook["pass_filenames"] == "true"
    changed = [PATH, "README.md", "locales/en/news.pot", "source/news.html"]
    selected = [name for name in changed if re.search(hook["files"], name)]
    assert selected == [PATH]
    program, *args = shlex.split(hook["entry"])
    assert program == "passerelle"
    monkeypatch.chdir(bad_catalog.parents[2])
    with pytest.raises(SystemExit) as exit_info:
        main([*args, *selected])
    assert exit_info.value.code == 1
    assert "markup-injection" in capsys.readouterr().out
