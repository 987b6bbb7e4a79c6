"""What a release says about itself: absolute alternates under base-url, a dirty source tree,
the units shipped in French, and one rounding of the translated share everywhere."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import FIGURES, REPO, run_cli, run_steps_inline
from passerelle.config import Config, load_config
from passerelle.po.catalog import read_catalog, write_catalog
from passerelle.project.releasing import release_project

TOML = """\
source-lang = "fr"
languages = ["en", "ar"]
release-threshold = 50
{extra}
"""
# 27 one-sentence paragraphs after the title: 28 units, so 27 of them is 96.43 % and 26 is 92.86.
ARTICLE = "Un titre\n\nfig1.jpg\nUne légende du dessin.\n\n" + "".join(
    f"Le paragraphe numéro {n} parle de Shanghai.\n\n" for n in range(1, 27)
)


def make(root: Path, extra: str = "") -> Config:
    (root / "passerelle.toml").write_text(TOML.format(extra=extra), encoding="utf-8")
    (root / "source").mkdir()
    (root / "source" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copyfile(REPO / "source" / FIGURES[0], root / "source" / FIGURES[0])
    config = load_config(root)
    run_steps_inline(config, "extract", "update")
    return config


def translate_all_but(config: Config, lang: str, left: int) -> list[str]:
    """Translate every entry but the last ``left``; return the msgids left untranslated."""
    path = config.locales_dir / lang / "article.po"
    po = read_catalog(path)
    entries = [e for e in po if not e.obsolete]
    for entry in entries[: len(entries) - left]:
        entry.msgstr = f"[{lang}] {entry.msgid}"
    write_catalog(path, po)
    return [e.msgid for e in entries[len(entries) - left :]]


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def manifest_of(config: Config) -> dict:  # type: ignore[type-arg]
    return json.loads((config.root / "dist" / "manifest.json").read_text(encoding="utf-8"))


def test_base_url_makes_alternates_and_manifest_links_absolute(tmp_path: Path) -> None:
    config = make(tmp_path, 'base-url = "https://example.org/actualites"')
    translate_all_but(config, "en", 0)
    translate_all_but(config, "ar", 0)
    release_project(config)
    page = (tmp_path / "dist" / "ar" / "article.html").read_text(encoding="utf-8")
    links = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', page.split("</head>")[0]))
    assert links == {
        "ar": "https://example.org/actualites/ar/article.html",
        "en": "https://example.org/actualites/en/article.html",
        "fr": "https://example.org/actualites/fr/article.html",
        "x-default": "https://example.org/actualites/fr/article.html",
    }
    switcher = page.split('data-passerelle="languages"')[1].split("</nav>")[0]
    assert 'href="https://example.org/actualites/en/article.html"' in switcher
    alternates = manifest_of(config)["documents"]["article"]["alternates"]
    assert alternates == {"fr/article.html": {k: v for k, v in links.items() if k != "x-default"}}


def test_without_base_url_links_stay_relative(tmp_path: Path) -> None:
    config = make(tmp_path)
    translate_all_but(config, "en", 0)
    release_project(config)
    page = (tmp_path / "dist" / "en" / "article.html").read_text(encoding="utf-8")
    assert 'hreflang="fr" href="../fr/article.html"' in page
    alternates = manifest_of(config)["documents"]["article"]["alternates"]
    assert alternates["fr/article.html"]["en"] == "en/article.html"


def test_a_bad_base_url_is_refused_naming_the_setting(tmp_path: Path) -> None:
    (tmp_path / "passerelle.toml").write_text(TOML.format(extra='base-url = "example.org"'))
    done = run_cli(tmp_path, "status")
    assert done.returncode == 2 and "base-url" in done.stderr and "Traceback" not in done.stderr


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    done = subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    return done.stdout.decode().strip()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_dirty_source_tree_is_marked_with_its_changed_files(tmp_path: Path) -> None:
    config = make(tmp_path)
    translate_all_but(config, "en", 0)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "source", "locales", "passerelle.toml")
    git(tmp_path, "commit", "-qm", "inputs")
    head = git(tmp_path, "rev-parse", "HEAD")
    release_project(config)
    clean = manifest_of(config)
    assert (clean["source_revision"], clean["changed_files"]) == (head, [])
    translate_all_but(config, "ar", 3)
    (tmp_path / "source" / "notes.txt").write_text("Une note.\n", encoding="utf-8")
    (tmp_path / "source" / FIGURES[0]).unlink()
    release_project(config)
    dirty = manifest_of(config)
    assert dirty["source_revision"] == head + "-dirty"
    assert dirty["changed_files"] == [
        "locales/ar/article.po",
        "source/fig1.jpg",
        "source/notes.txt",
    ]


def test_release_lists_the_units_shipped_in_french(tmp_path: Path) -> None:
    config = make(tmp_path)
    translate_all_but(config, "en", 0)
    left = translate_all_but(config, "ar", 2)
    done = run_cli(tmp_path, "release")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.split()[:2] == ["shipped", "ar"])
    assert lines[at + 1].strip() == "2 units shipped in fr:"
    assert lines[at + 2].split() == ["source/article.txt:54", *left[0].split()]
    assert lines[at + 3].split() == ["source/article.txt:56", *left[1].split()]
    entry = manifest_of(config)["languages"]["ar"]["documents"]["article"]
    assert entry["fallback"] == [
        {"reference": "source/article.txt:54", "msgid": left[0]},
        {"reference": "source/article.txt:56", "msgid": left[1]},
    ]
    assert manifest_of(config)["languages"]["en"]["documents"]["article"]["fallback"] == []


def test_status_release_and_manifest_print_the_same_share(tmp_path: Path) -> None:
    config = make(tmp_path)
    translate_all_but(config, "en", 1)  # 27/28 = 96.428...: 96.4 everywhere
    translate_all_but(config, "ar", 2)  # 26/28 = 92.857...: rounded down, 92.8 everywhere
    status = json.loads(run_cli(tmp_path, "status", "--format", "json").stdout)
    shown = {lang["lang"]: lang["percent"] for lang in status["languages"]}
    released = run_cli(tmp_path, "release").stdout
    manifest = manifest_of(config)["languages"]
    for lang, expected in (("en", 96.4), ("ar", 92.8)):
        assert shown[lang] == expected
        assert manifest[lang]["documents"]["article"]["percent"] == expected
        assert re.search(rf"shipped\s+{lang}\s+article\s+{expected:.1f} %", released), released
