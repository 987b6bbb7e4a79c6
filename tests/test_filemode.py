"""File mode on the command line: extract/build a file or a mirrored folder, outside a project."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import msgfmt_check, run_cli
from passerelle.po.catalog import read_catalog, write_catalog

FIXTURES = Path(__file__).parent / "fixtures" / "markup"


def passerelle(cwd: Path, *args: str, jobs: int | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if jobs is not None:
        env["PASSERELLE_JOBS"] = str(jobs)
    return run_cli(cwd, *args, env=env)


def identity_catalogs(pot_root: Path, po_root: Path, lang: str = "fr") -> None:
    """Translate every unit with its own text, as the round-trip benchmark does."""
    for pot in sorted(pot_root.rglob("*.pot")):
        catalog = read_catalog(pot)
        for entry in catalog:
            entry.msgstr = entry.msgid
        catalog.metadata["Language"] = lang
        write_catalog((po_root / pot.relative_to(pot_root)).with_suffix(".po"), catalog)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Sources in a nested folder: XHTML named like web-server variants, and XML."""
    src = tmp_path / "src"
    (src / "mod").mkdir(parents=True)
    shutil.copy(FIXTURES / "guide.html.fr", src / "mod" / "guide.html.fr")
    shutil.copy(FIXTURES / "manuel.xml", src / "mod" / "manuel.xml")
    shutil.copy(FIXTURES / "manuel.xml", src / "autre.xml")
    (src / "image.png").write_bytes(b"\x89PNG\r\n")
    return src


def test_extract_a_file_to_stdout_and_to_a_file(tree: Path, tmp_path: Path) -> None:
    result = passerelle(tmp_path, "extract", str(tree / "mod" / "manuel.xml"))
    assert result.returncode == 0, result.stderr
    assert 'msgid "mod_exemple"' in result.stdout
    assert "Les directives <directive1>Alias</directive1> et" in result.stdout.replace('"\n"', "")
    out = tmp_path / "manuel.pot"
    result = passerelle(tmp_path, "extract", str(tree / "mod" / "manuel.xml"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert msgfmt_check(out).returncode == 0


def test_folder_round_trip_is_byte_for_byte(tree: Path, tmp_path: Path) -> None:
    pot, po, out = tmp_path / "pot", tmp_path / "po", tmp_path / "out"
    assert passerelle(tmp_path, "extract", str(tree), "-o", str(pot)).returncode == 0
    names = sorted(str(p.relative_to(pot)) for p in pot.rglob("*.pot"))
    assert names == ["autre.pot", "mod/guide.html.pot", "mod/manuel.pot"]
    template = read_catalog(pot / "mod" / "guide.html.pot")
    assert ("mod/guide.html.fr", "12") in template[2].occurrences or any(
        ("mod/guide.html.fr", "11") in e.occurrences for e in template
    )
    identity_catalogs(pot, po)
    result = passerelle(tmp_path, "build", str(tree), "--po", str(po), "-o", str(out))
    assert result.returncode == 0, result.stderr
    for source in (tree / "mod" / "guide.html.fr", tree / "mod" / "manuel.xml", tree / "autre.xml"):
        built = out / source.relative_to(tree)
        assert built.read_bytes() == source.read_bytes()
    assert not (out / "image.png").exists()


def test_output_does_not_depend_on_the_worker_count(tree: Path, tmp_path: Path) -> None:
    for extra in range(4):
        (tree / f"copie{extra}.xml").write_text(
            (FIXTURES / "manuel.xml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    outputs = []
    for jobs in (1, 2):
        pot, po, out = tmp_path / f"pot{jobs}", tmp_path / f"po{jobs}", tmp_path / f"out{jobs}"
        assert passerelle(tmp_path, "extract", str(tree), "-o", str(pot), jobs=jobs).returncode == 0
        identity_catalogs(pot, po, "en")
        for catalog in po.rglob("*.po"):
            text = catalog.read_text(encoding="utf-8")
            catalog.write_text(
                text.replace('msgstr "mod_exemple"', 'msgstr "mod_example"'), "utf-8"
            )
        result = passerelle(
            tmp_path, "build", str(tree), "--po", str(po), "-o", str(out), jobs=jobs
        )
        assert result.returncode == 0, result.stderr
        outputs.append(
            {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
        )
    assert outputs[0] == outputs[1]
    assert (
        b'<modulesynopsis metafile="mod_exemple.xml.meta" xml:lang="en">' in outputs[0]["autre.xml"]
    )
    assert b"<name>mod_example</name>" in outputs[0]["autre.xml"]


def test_build_reads_the_language_from_the_catalog(tree: Path, tmp_path: Path) -> None:
    source = tree / "mod" / "guide.html.fr"
    pot = tmp_path / "guide.pot"
    assert passerelle(tmp_path, "extract", str(source), "-o", str(pot)).returncode == 0
    catalog = read_catalog(pot)
    catalog.metadata["Language"] = "ar"
    write_catalog(tmp_path / "guide.po", catalog)
    result = passerelle(tmp_path, "build", str(source), "--po", str(tmp_path / "guide.po"))
    assert result.returncode == 0, result.stderr
    assert 'lang="ar" xml:lang="ar" dir="rtl"' in result.stdout
    assert '<h1 lang="fr" dir="ltr">' in result.stdout


def test_format_option_where_the_extension_does_not_tell(tmp_path: Path) -> None:
    page = tmp_path / "page.fr.utf8"
    page.write_text("<p>Bonjour <b>tout</b> le monde</p>", encoding="utf-8")
    result = passerelle(tmp_path, "extract", str(page))
    assert result.returncode == 2 and "--format" in result.stderr
    result = passerelle(tmp_path, "extract", str(page), "--format", "html")
    assert result.returncode == 0 and "Bonjour <b1>tout</b1> le monde" in result.stdout


def test_malformed_xml_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<doc>\n  <p>ouvert\n</doc>\n", encoding="utf-8")
    result = passerelle(tmp_path, "extract", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert f"{bad}:3:" in result.stderr and "mismatch" in result.stderr


def test_two_sources_sharing_a_template_name_is_an_error(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "core.html").write_text("<p>Un</p>", encoding="utf-8")
    (src / "core.xml").write_text("<d><p>Un</p></d>", encoding="utf-8")
    result = passerelle(tmp_path, "extract", str(src), "-o", str(tmp_path / "pot"))
    assert result.returncode == 2 and "--format" in result.stderr
    result = passerelle(
        tmp_path, "extract", str(src), "-o", str(tmp_path / "pot"), "--format", "xml"
    )
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "pot").iterdir()] == ["core.pot"]


def test_missing_catalog_in_a_folder_build(tree: Path, tmp_path: Path) -> None:
    (tmp_path / "po").mkdir()
    result = passerelle(tmp_path, "build", str(tree), "--po", str(tmp_path / "po"), "-o", "out")
    assert result.returncode == 2 and "catalog not found" in result.stderr


def test_its_rules_from_the_command_line(tree: Path, tmp_path: Path) -> None:
    rules = tmp_path / "httpd.its"
    rules.write_text(
        '<its:rules xmlns:its="http://www.w3.org/2005/11/its" version="2.0">'
        '<its:translateRule selector="//highlight" translate="no"/>'
        '<its:locNoteRule selector="//description"><its:locNote>One line</its:locNote>'
        "</its:locNoteRule></its:rules>",
        encoding="utf-8",
    )
    source = str(tree / "mod" / "manuel.xml")
    plain = passerelle(tmp_path, "extract", source)
    ruled = passerelle(tmp_path, "extract", source, "--its-rules", str(rules))
    assert plain.returncode == ruled.returncode == 0, ruled.stderr
    assert 'Alias \\"/foo\\" \\"/gaq\\"' in plain.stdout
    assert "/gaq" not in ruled.stdout
    assert "#. One line" in ruled.stdout
