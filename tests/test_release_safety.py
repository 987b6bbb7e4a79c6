"""What ``release -o FOLDER`` may replace: only an empty folder or a previous Passerelle release."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import run_cli, run_steps_inline
from passerelle.config import load_config

TOML = """\
source-lang = "fr"
languages = ["en"]
segment = "sentence"
release-threshold = 0
"""


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A one-document project whose release ships (threshold 0), with no SOURCE_DATE_EPOCH."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (tmp_path / "passerelle.toml").write_text(TOML, encoding="utf-8")
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "page.txt").write_text("Bonjour le monde.\n", encoding="utf-8")
    config = load_config(tmp_path)
    run_steps_inline(config, "extract", "update")
    return tmp_path


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every file (bytes) and folder (None) under ``folder``."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


def site_of_another_tool(folder: Path, manifest: str) -> dict[str, bytes | None]:
    (folder / "assets").mkdir(parents=True)
    (folder / "index.html").write_text("<!doctype html><p>Mon site</p>\n", encoding="utf-8")
    (folder / "assets" / "x.css").write_text("p { color: teal }\n", encoding="utf-8")
    (folder / "manifest.json").write_text(manifest, encoding="utf-8")
    return tree(folder)


FOREIGN_MANIFESTS = [
    '{"name": "Mon site", "start_url": "/index.html", "display": "standalone"}\n',
    '{"generator": "webpack 5", "manifest_version": 2, "files": {}}\n',
    '{"generator": "passerelle-like", "manifest_version": 1, "files": {}}\n',
    '["passerelle 0.1.0"]\n',
    "{not json\n",
]


@pytest.mark.parametrize("manifest", FOREIGN_MANIFESTS)
def test_a_folder_with_a_foreign_manifest_survives_byte_for_byte(root: Path, manifest: str) -> None:
    site = root / "site"
    before = site_of_another_tool(site, manifest)
    done = run_cli(root, "release", "-o", "site")
    assert done.returncode == 2, done.stdout + done.stderr
    [line] = done.stderr.splitlines()
    assert str(site) in line
    assert "not a release folder (its manifest.json was not written by passerelle" in line
    assert tree(site) == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []


def test_a_folder_without_a_manifest_is_refused_and_an_empty_one_is_used(root: Path) -> None:
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>à moi</p>\n", encoding="utf-8")
    done = run_cli(root, "release", "-o", "site")
    assert done.returncode == 2
    assert "no manifest.json" in done.stderr and str(site) in done.stderr
    assert tree(site) == {"index.html": "<p>à moi</p>\n".encode()}
    empty = root / "empty"
    empty.mkdir()
    assert run_cli(root, "release", "-o", "empty").returncode == 0
    assert (empty / "manifest.json").is_file() and (empty / "en" / "page.txt").is_file()


def test_a_previous_release_is_replaced(root: Path) -> None:
    assert run_cli(root, "release", "-o", "site").returncode == 0
    site = root / "site"
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["generator"].startswith("passerelle ")
    (site / "stale.html").write_text("from an older release\n", encoding="utf-8")
    (root / "source" / "page.txt").write_text("Bonjour la Terre.\n", encoding="utf-8")
    config = load_config(root)
    run_steps_inline(config, "extract", "update")
    done = run_cli(root, "release", "-o", "site")
    assert done.returncode == 0, done.stderr
    assert not (site / "stale.html").exists()
    assert (site / "fr" / "page.txt").read_text(encoding="utf-8") == "Bonjour la Terre.\n"
