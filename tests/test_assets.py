"""A document's images and other files: checked at their line, copied beside every build and
release, and listed in the manifest."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import FIGURES, run_cli
from passerelle.formats.assets import AssetRef, asset_references


def test_references_of_each_format_with_their_lines() -> None:
    page = (
        '<html>\n<head><link rel="stylesheet" href="css/a.css"></head>\n<body>\n'
        '<img src="img/b%20c.png" srcset="img/b.png 1x, img/b@2x.png 2x">\n'
        '<img src="https://cdn.example/x.png"><img src="/root.png"><img src="data:,x">\n'
        '<video poster="v.jpg"><source src="v.mp4"></video><a href="other.html">x</a>\n'
    )
    assert asset_references("html", page) == [
        AssetRef("css/a.css", 2),
        AssetRef("img/b%20c.png", 4),
        AssetRef("img/b.png", 4),
        AssetRef("img/b@2x.png", 4),
        AssetRef("v.jpg", 6),
        AssetRef("v.mp4", 6),
    ]
    assert asset_references("xml", '<topic>\n<image href="i.svg"/></topic>') == [
        AssetRef("i.svg", 2)
    ]
    text = "Titre\n\nexemple.fr\nfig1.jpg | Un dessin\nLégende.\n\nTexte.\n"
    assert asset_references("text", text) == [AssetRef("fig1.jpg", 4)]


def test_check_reports_a_missing_asset_at_its_line(project: Path) -> None:
    (project / "source" / FIGURES[1]).unlink()
    page = '<html><head><title>T</title></head>\n<body>\n<img src="../elsewhere.png">\n</body>'
    (project / "source" / "page.html").write_text(page, encoding="utf-8")
    done = run_cli(project, "check")
    found = [line for line in done.stdout.splitlines() if "asset-missing" in line]
    assert len(found) == 2, done.stdout
    assert found[0].startswith("source/article.txt:17: warning asset-missing: fig2+题图.jpg")
    assert "source/fig2+题图.jpg" in found[0]
    assert found[1].startswith("source/page.html:3: warning asset-missing: ../elsewhere.png")
    assert "leads out of source/" in found[1]


def test_build_and_release_copy_assets_and_the_manifest_lists_them(project: Path) -> None:
    assert run_cli(project, "run").returncode == 0
    for lang in ("en", "de", "ar"):
        for figure in FIGURES:
            copied = project / "build" / lang / figure
            assert copied.read_bytes() == (project / "source" / figure).read_bytes()
    done = run_cli(project, "release", "--threshold", "0")
    assert done.returncode == 0, done.stderr
    manifest = json.loads((project / "dist" / "manifest.json").read_text(encoding="utf-8"))
    for lang in ("fr", "en", "de", "ar"):
        for figure in FIGURES:
            assert (project / "dist" / lang / figure).is_file()
            assert f"{lang}/{figure}" in manifest["files"]
        files = manifest["languages"][lang]["documents"]["article"]["files"]
        assert [f"{lang}/{figure}" for figure in FIGURES] == [f for f in files if "fig" in f]
