"""Incremental and parallel runs: same output for any number of workers, nothing redone twice."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import run_cli
from lockholder import lock_held_elsewhere
from passerelle.config import load_config
from passerelle.project.runner import tree_fingerprint

TOML = 'source-lang = "fr"\nlanguages = ["en", "de", "ar"]\nsegment = "sentence"\n'


def make_project(root: Path, count: int = 8) -> Path:
    (root / "source" / "news").mkdir(parents=True)
    (root / "passerelle.toml").write_text(TOML, encoding="utf-8")
    for n in range(count):
        if n % 2:
            page = (
                f'<!DOCTYPE html>\n<html lang="fr">\n<head><title>Page {n}</title></head>\n'
                f'<body>\n<p>Le maire a présenté le projet n° {n}. Voir <a href="/p{n}">la page'
                f"</a>.</p>\n<p>M. Martin a salué l'initiative.</p>\n</body>\n</html>\n"
            )
            (root / "source" / "news" / f"page{n}.html").write_text(page, encoding="utf-8")
        else:
            text = (
                f"Titre numéro {n}\n\nexemple.fr\nphoto{n}.jpg\nUne légende.\n\n"
                f"Premier paragraphe du document {n}. Il a deux phrases.\n\nFin.\n"
            )
            (root / "source" / f"article{n}.txt").write_text(text, encoding="utf-8")
    return root


def passerelle(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = run_cli(cwd, *args)
    assert result.returncode == 0, result.stderr
    return result


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for top in ("locales", "build")
        for p in sorted((root / top).rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def mtimes(root: Path) -> dict[str, int]:
    return {
        str(p.relative_to(root)): p.stat().st_mtime_ns
        for top in ("locales", "build")
        for p in sorted((root / top).rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    one = make_project(tmp_path / "one")
    two = tmp_path / "two"
    shutil.copytree(one, two)
    return one, two


def test_output_is_identical_whatever_the_number_of_workers(pair: tuple[Path, Path]) -> None:
    one, two = pair
    passerelle(one, "--jobs", "1", "run")
    passerelle(two, "--jobs", "2", "run")
    first, second = tree(one), tree(two)
    assert len(first) == 8 + 8 * 3 + 4 * 3 * 2 + 4 * 3  # pot, po, txt+html, html
    assert first.keys() == second.keys()
    for name in first:
        if name.endswith(".pot") or name.endswith(".po"):
            continue  # header dates differ by the minute of the run
        assert first[name] == second[name], name


def test_a_run_with_nothing_changed_rewrites_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    passerelle(root, "run")
    before = mtimes(root)
    result = passerelle(root, "run")
    assert "nothing changed since the last run" in result.stdout
    assert mtimes(root) == before


def test_one_changed_document_redoes_only_its_own_files(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    passerelle(root, "run")
    before = mtimes(root)
    source = root / "source" / "article2.txt"
    source.write_text(source.read_text("utf-8").replace("Fin.", "Fin du texte."), "utf-8")
    result = passerelle(root, "run")
    assert "nothing changed" not in result.stdout
    after = mtimes(root)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {
        "locales/article2.pot",
        *(f"locales/{lang}/article2.po" for lang in ("en", "de", "ar")),
        *(f"build/{lang}/article2.{ext}" for lang in ("en", "de", "ar") for ext in ("txt", "html")),
    }
    german = (root / "build" / "de" / "article2.txt").read_text("utf-8")
    assert german.endswith("Fin du texte.\n")


def test_losing_the_state_costs_time_not_correctness(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    passerelle(root, "run")
    before = tree(root)
    shutil.rmtree(root / ".cache")
    passerelle(root, "run")
    assert tree(root) == before


def test_fingerprint_follows_every_input_and_output(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    passerelle(root, "run")
    config = load_config(root)
    first = tree_fingerprint(config)
    assert tree_fingerprint(config) == first
    (root / "build" / "en" / "article0.txt").unlink()
    assert tree_fingerprint(config) != first
    result = passerelle(root, "run")
    assert "nothing changed" not in result.stdout
    assert (root / "build" / "en" / "article0.txt").exists()


def _findings(output: str) -> list[str]:
    """The finding lines of ``check``'s or ``run``'s text report."""
    lines = (line.strip() for line in output.splitlines())
    return sorted(line for line in lines if re.match(r"\S+:(\d+:)? (error|warning) ", line))


def test_run_reports_the_findings_check_reads_from_disk(tmp_path: Path) -> None:
    from passerelle.po.catalog import read_catalog, write_catalog

    root = make_project(tmp_path, count=12)
    passerelle(root, "run")
    path = root / "locales" / "de" / "news" / "page1.po"
    catalog = read_catalog(path)
    for entry in catalog:
        if entry.msgid.startswith("Voir"):
            entry.msgstr = "Siehe die Seite."  # placeholders lost: an error
        elif entry.msgid.startswith("Le maire"):
            entry.msgstr = "Der Bürgermeister hat das Projekt Nr. 7 vorgestellt."  # number
    write_catalog(path, catalog)
    # a new first sentence moves every entry: the catalog is rewritten, its lines shift
    page = root / "source" / "news" / "page1.html"
    page.write_text(
        page.read_text("utf-8").replace("<p>Le maire", "<p>Une phrase nouvelle. Le maire"),
        "utf-8",
    )
    result = run_cli(root, "--jobs", "2", "run")
    assert result.returncode == 1, result.stdout + result.stderr
    from_run = _findings(result.stdout)
    check = run_cli(root, "check")
    assert check.returncode == 1
    assert from_run == _findings(check.stdout)
    assert any("placeholder" in line and "page1.po:" in line for line in from_run)
    assert any("number" in line for line in from_run)


def test_an_edited_output_is_built_again(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    passerelle(root, "run")
    output = root / "build" / "de" / "news" / "page1.html"
    built = output.read_bytes()
    edited = output.with_name("edited.tmp")
    edited.write_text("edited by hand\n", encoding="utf-8")
    edited.replace(output)  # as editors save: a new file renamed over the old one
    passerelle(root, "run")
    assert output.read_bytes() == built


def test_a_second_run_says_whom_it_waits_for_then_goes_on(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    locales = root / "locales"
    with lock_held_elsewhere(locales) as holder:
        second = subprocess.Popen(
            [sys.executable, "-m", "passerelle", "run"],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert second.stderr is not None
        line = second.stderr.readline()  # printed once the run finds the lock taken
        assert line == (
            f"passerelle: waiting for passerelle process {holder} holding "
            f"{locales.absolute() / '.passerelle.lock'}...\n"
        )
    out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    assert "waiting" not in err and "extract, update:" in out
