"""Releases: thresholds, --require, atomic replacement, manifest, hreflang, reproducibility, MO."""

from __future__ import annotations

import gettext
import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import types
from pathlib import Path

import pytest

from helpers import gettext_tool, run_steps_inline
from passerelle.cli import main
from passerelle.config import Config, load_config
from passerelle.errors import PasserelleError
from passerelle.po.catalog import parse_catalog, read_catalog, translations, write_catalog
from passerelle.project import releasing as release
from passerelle.steps.release import folder as release_dist
from passerelle.steps.release.files import (
    alternate_links,
    bcp47,
    insert_in_head,
    mo_bytes,
    page_versions,
)

TOML = """\
source-lang = "fr"
languages = ["en", "de", "zh_CN"]
segment = "sentence"
release-threshold = 80
"""

# One sentence per block, so sentence segmentation gives the same five units with any segmenter.
ARTICLE = """\
Les dirigeants découvrent le Bund Ouest

french.shanghai.gov.cn

fig1.jpg
Une délégation visite le quartier du Bund Ouest.

Le 11 octobre 2025, une délégation de 35 chefs d'entreprise s'est réunie à Shanghai.

Les participants ont discuté de l'avenir de la technologie.

Ils ont ensuite visité plusieurs entreprises du quartier.
"""


def make_project(root: Path) -> Config:
    """A small project with templates and empty catalogs for en, de and zh_CN."""
    (root / "passerelle.toml").write_text(TOML, encoding="utf-8")
    (root / "source").mkdir()
    (root / "source" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    config = load_config(root)
    run_steps_inline(config, "extract", "update")
    return config


def fill(config: Config, lang: str, share: float, *, fuzzy_rest: bool = False) -> int:
    """Translate the first ``share`` of the entries (numbers kept); return how many."""
    path = config.locales_dir / lang / "article.po"
    po = read_catalog(path)
    entries = [e for e in po if not e.obsolete]
    count = round(len(entries) * share)
    for index, entry in enumerate(entries):
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        entry.msgstr = ""
        if index < count:
            entry.msgstr = f"{lang.upper()}: {entry.msgid}"
        elif fuzzy_rest:
            entry.msgstr = f"{lang.upper()} draft: {entry.msgid}"
            entry.flags.append("fuzzy")
    write_catalog(path, po)
    return count


def cli(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """Run ``passerelle ARGS`` in ``root`` through the real entry point; return the exit code."""
    monkeypatch.chdir(root)
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    code = exit_info.value.code
    return code if isinstance(code, int) else 1


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def ready(tmp_path: Path) -> Config:
    """en and zh_CN complete, de at 60 %."""
    config = make_project(tmp_path)
    fill(config, "en", 1.0)
    fill(config, "zh_CN", 1.0)
    fill(config, "de", 0.6)
    return config


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def test_ready_languages_ship_and_the_others_are_listed_with_the_reason(
    ready: Config, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(ready.root, monkeypatch, "release") == 0
    out = capsys.readouterr().out
    dist = ready.root / "dist"
    for lang in ("fr", "en", "zh_CN"):
        assert (dist / lang / "article.txt").is_file()
        assert (dist / lang / "article.html").is_file()
    assert (dist / "en" / "LC_MESSAGES" / "article.mo").is_file()
    assert (dist / "zh_CN" / "LC_MESSAGES" / "article.mo").is_file()
    assert not (dist / "de").exists()
    assert (dist / "fr" / "article.txt").read_text(encoding="utf-8") == ARTICLE
    assert "EN: Les participants" in (dist / "en" / "article.txt").read_text(encoding="utf-8")
    assert re.search(r"refused\s+de\s+article.*below threshold: 60\.0 % < 80 %", out)
    assert re.search(r"shipped\s+en\s+article", out)
    assert "not shipped: de" in out
    manifest = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["shipped"] == ["en", "fr", "zh_CN"]
    assert manifest["refused"] == {"de": ["article: below threshold: 60.0 % < 80 %"]}
    de = manifest["languages"]["de"]["documents"]["article"]
    assert (de["status"], de["percent"], de["translated"], de["units"]) == ("refused", 60.0, 3, 5)
    assert manifest["languages"]["zh_CN"]["hreflang"] == "zh-CN"


def test_threshold_is_inclusive_and_fuzzy_does_not_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = make_project(tmp_path)
    fill(config, "en", 0.8)
    fill(config, "de", 0.6, fuzzy_rest=True)
    result = release.release_project(config)
    verdicts = {v.lang: v for v in result.verdicts}
    assert verdicts["en"].shipped and verdicts["en"].stats.percent == 80.0
    assert verdicts["de"].reasons == ("below threshold: 60.0 % < 80 % (2 fuzzy not counted)",)
    assert verdicts["de"].stats.fuzzy == 2
    assert verdicts["zh_CN"].reasons == ("below threshold: 0.0 % < 80 %",)
    stricter = release.release_project(config, threshold=90)
    assert not {v.lang: v for v in stricter.verdicts}["en"].shipped
    assert cli(tmp_path, monkeypatch, "release", "--threshold", "60") == 0
    assert (tmp_path / "dist" / "de" / "article.html").is_file()
    assert not (tmp_path / "dist" / "zh_CN").exists()


def test_require_fails_with_the_reason_and_writes_nothing(
    ready: Config, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(ready.root, monkeypatch, "release") == 0
    before = tree(ready.root / "dist")
    fill(ready, "en", 0.4)
    assert cli(ready.root, monkeypatch, "release", "--require", "de", "--require", "en") == 1
    err = capsys.readouterr().err
    assert "de is required but not ready (article: below threshold: 60.0 % < 80 %)" in err
    assert "en is required but not ready (article: below threshold: 40.0 % < 80 %)" in err
    assert tree(ready.root / "dist") == before
    fill(ready, "en", 1.0)
    assert cli(ready.root, monkeypatch, "release", "--require", "en", "--require", "zh_CN") == 0
    assert cli(ready.root, monkeypatch, "release", "--require", "pt") == 2
    assert "--require pt: not a language of this project" in capsys.readouterr().err


def test_manifest_lists_every_file_with_its_sha256(ready: Config) -> None:
    release.release_project(ready)
    dist = ready.root / "dist"
    manifest = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))
    on_disk = set(tree(dist)) - {"manifest.json"}
    assert set(manifest["files"]) == on_disk
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest
    source = manifest["documents"]["article"]
    assert source["source"] == "source/article.txt"
    assert source["sha256"] == hashlib.sha256(ARTICLE.encode()).hexdigest()
    assert re.fullmatch(r"(sha256:)?[0-9a-f]{40,64}", manifest["source_revision"])
    shipped_files = manifest["languages"]["en"]["documents"]["article"]["files"]
    assert shipped_files == ["en/article.txt", "en/article.html", "en/LC_MESSAGES/article.mo"]
    text = (dist / "manifest.json").read_text(encoding="utf-8")
    assert text == json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_source_revision_is_the_git_head_when_there_is_one(ready: Config) -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (
        ["init", "-q"],
        ["add", "source", "locales", "passerelle.toml"],
        ["commit", "-qm", "s"],
    ):
        subprocess.run([git, *args], cwd=ready.root, check=True, env=env)
    head = subprocess.run(
        [git, "rev-parse", "HEAD"], cwd=ready.root, check=True, capture_output=True, text=True
    ).stdout.strip()
    release.release_project(ready)
    manifest = json.loads((ready.root / "dist" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["source_revision"] == head


def links_of(page: Path) -> dict[str, str]:
    head = page.read_text(encoding="utf-8").split("</head>")[0]
    found = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head)
    return dict(found)


def test_shipped_pages_link_their_language_versions(ready: Config) -> None:
    release.release_project(ready)
    dist = ready.root / "dist"
    expected = {
        "en": "../en/article.html",
        "fr": "../fr/article.html",
        "zh-CN": "../zh_CN/article.html",
        "x-default": "../fr/article.html",
    }
    for lang in ("fr", "en", "zh_CN"):
        page = dist / lang / "article.html"
        assert links_of(page) == expected
        for href in expected.values():
            assert (page.parent / href).resolve().is_file()
        assert page.read_text(encoding="utf-8").count('rel="alternate"') == 4
    assert 'rel="alternate"' not in (dist / "en" / "article.txt").read_text(encoding="utf-8")


def test_alternates_of_nested_pages_and_heads_without_a_closing_tag() -> None:
    from pathlib import PurePosixPath as P

    pages = {"fr": P("fr/news/a.html"), "zh_CN": P("zh_CN/news/a.html")}
    versions, default = page_versions(pages, "fr")
    links = alternate_links(P("zh_CN/news/a.html"), versions, default)
    assert links.splitlines() == [
        '<link rel="alternate" hreflang="fr" href="../../fr/news/a.html">',
        '<link rel="alternate" hreflang="zh-CN" href="../../zh_CN/news/a.html">',
        '<link rel="alternate" hreflang="x-default" href="../../fr/news/a.html">',
    ]
    assert insert_in_head("<html><head><title>t</title>\n  </head>", "<x>\n") == (
        "<html><head><title>t</title>\n  <x>\n  </head>"
    )
    assert insert_in_head("<head class=a><title>t</title><body>", "<x>\n") == (
        "<head class=a>\n<x><title>t</title><body>"
    )
    assert insert_in_head("<p>no head</p>", "<x>\n") is None
    assert bcp47("zh_CN") == "zh-CN" and bcp47("sr_Latn_RS") == "sr-Latn-RS"


def test_two_releases_in_a_row_are_byte_identical(
    ready: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    release.release_project(ready)
    first = tree(ready.root / "dist")
    release.release_project(ready)
    assert tree(ready.root / "dist") == first
    other = ready.root / "elsewhere"
    release.release_project(ready, output=other)
    assert tree(other) == first
    for seed in ("1",):  # another process, another hash seed: still the same bytes
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "passerelle", "release", "-o", f"seed{seed}"]
        subprocess.run(command, cwd=ready.root, env=env, check=True, capture_output=True)
        assert tree(ready.root / f"seed{seed}") == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1760140800")
    release.release_project(ready)
    dated = tree(ready.root / "dist")
    assert set(dated) == set(first)
    assert {k for k in first if first[k] != dated[k]} == {"manifest.json"}
    manifest = json.loads(dated["manifest.json"])
    assert manifest["released"] == "2025-10-11T00:00:00Z"
    assert (ready.root / "dist" / "en" / "article.html").stat().st_mtime == 1760140800
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(PasserelleError, match="SOURCE_DATE_EPOCH"):
        release.release_project(ready)
    assert tree(ready.root / "dist") == dated


def test_a_failure_midway_leaves_the_previous_release_intact(
    ready: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    release.release_project(ready)
    dist = ready.root / "dist"
    before = tree(dist)
    fill(ready, "de", 1.0)
    calls = []

    def failing(*args: object, **kwargs: object) -> bytes:
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return b""

    monkeypatch.setattr(release, "mo_bytes", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        release.release_project(ready)
    assert tree(dist) == before
    assert sorted(p.name for p in ready.root.iterdir() if p.name.startswith(".dist")) == []
    monkeypatch.undo()
    release.release_project(ready)
    assert (dist / "de" / "article.html").is_file()


KILLER = """
import os, signal, sys
from pathlib import Path
from passerelle.project import documents as project
from passerelle.project import releasing as release
from passerelle.config import load_config
real = project.build_document
calls = []
def build_then_die(*args, **kwargs):
    calls.append(1)
    if len(calls) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
project.build_document = build_then_die
release.release_project(load_config(Path(sys.argv[1])))
"""


def test_a_killed_release_leaves_the_previous_release_intact(ready: Config) -> None:
    release.release_project(ready)
    dist = ready.root / "dist"
    before = tree(dist)
    fill(ready, "de", 1.0)
    done = subprocess.run(
        [sys.executable, "-c", KILLER, str(ready.root)], capture_output=True, text=True
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert tree(dist) == before
    assert [p.name.startswith(".dist.new-") for p in ready.root.glob(".dist.*")] == [True]
    release.release_project(ready)
    assert (dist / "de" / "article.html").is_file()
    assert list(ready.root.glob(".dist.*")) == []


def test_without_an_atomic_exchange_the_swap_still_recovers(
    ready: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(release_dist, "_exchange", lambda a, b: False)
    release.release_project(ready)
    dist = ready.root / "dist"
    before = tree(dist)
    release.release_project(ready)
    assert tree(dist) == before
    # A kill between the two renames: the previous release is retired, dist/ is gone.
    retired = ready.root / ".dist.old-abc123"
    os.rename(dist, retired)
    (ready.root / ".dist.new-def456").mkdir()
    release_dist.recover(dist)
    assert tree(dist) == before
    assert list(ready.root.glob(".dist.*")) == []


def test_refuses_to_replace_a_folder_that_is_not_a_release(
    ready: Config, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    keep = ready.root / "notes"
    keep.mkdir()
    (keep / "todo.txt").write_text("keep me", encoding="utf-8")
    assert cli(ready.root, monkeypatch, "release", "-o", "notes") == 2
    assert "not a release folder" in capsys.readouterr().err
    assert (keep / "todo.txt").read_text(encoding="utf-8") == "keep me"
    assert cli(ready.root, monkeypatch, "release", "-o", ".") == 2
    assert cli(ready.root, monkeypatch, "release", "-o", "locales/out") == 2
    assert (ready.root / "source" / "article.txt").is_file()


def test_mo_files_are_readable_by_gettext_and_msgunfmt(ready: Config) -> None:
    release.release_project(ready)
    po = read_catalog(ready.locales_dir / "zh_CN" / "article.po")
    mo = ready.root / "dist" / "zh_CN" / "LC_MESSAGES" / "article.mo"
    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    assert len(po) == 5
    for entry in po:
        assert catalog.gettext(entry.msgid) == entry.msgstr
    assert catalog.info()["language"] == "zh_CN"
    assert catalog.info()["pot-creation-date"] == po.metadata["POT-Creation-Date"]
    found = gettext.translation("article", ready.root / "dist", languages=["zh_CN"])
    assert found.gettext(po[0].msgid) == po[0].msgstr
    out = subprocess.run(
        [gettext_tool("msgunfmt"), str(mo)], capture_output=True, text=True, check=True
    ).stdout
    assert translations(parse_catalog(out)) == translations(po)


PO_WITH_EVERYTHING = """\
msgid ""
msgstr ""
"POT-Creation-Date: 2025-10-11 08:00+0000\\n"
"Language: de\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgctxt "menu"
msgid "Fichier"
msgstr "Datei"

msgid "Fichier"
msgstr "Akte"

#, fuzzy
msgid "Brouillon"
msgstr "Entwurf"

msgid "Vide"
msgstr ""

msgid "une entreprise"
msgid_plural "des entreprises"
msgstr[0] "ein Unternehmen"
msgstr[1] "Unternehmen"
"""


def test_mo_keeps_contexts_and_plurals_and_leaves_out_fuzzy_and_empty() -> None:
    po = parse_catalog(PO_WITH_EVERYTHING)
    data = mo_bytes(po, "de", "article")
    assert mo_bytes(po, "de", "article") == data
    catalog = gettext.GNUTranslations(io.BytesIO(data))
    assert catalog.pgettext("menu", "Fichier") == "Datei"
    assert catalog.gettext("Fichier") == "Akte"
    assert catalog.gettext("Brouillon") == "Brouillon"
    assert catalog.gettext("Vide") == "Vide"
    assert catalog.ngettext("une entreprise", "des entreprises", 3) == "Unternehmen"
    assert catalog.info()["pot-creation-date"] == "2025-10-11 08:00+0000"
    assert len(catalog._catalog) == 5  # type: ignore[attr-defined]  # header + 4 messages


def fake_checks(*findings: tuple[str, str | None, str | None]) -> types.ModuleType:
    """A stand-in ``passerelle.project.checking`` returning error findings
    ``(code, lang, document)``."""
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Finding:
        path: str
        line: int
        severity: str
        code: str
        message: str
        lang: str | None = None
        document: str | None = None

    def check_project(config: Config, languages: tuple[str, ...], *_: object) -> list[Finding]:
        made = [Finding("x.po", 1, "error", c, "m", lang, doc) for c, lang, doc in findings]
        return [*made, Finding("x.po", 1, "warning", "style", "m", "zh_CN", "article")]

    module = types.ModuleType("passerelle.project.checking")
    module.check_project = check_project  # type: ignore[attr-defined]
    module.Finding = Finding  # type: ignore[attr-defined]
    return module


def test_check_errors_refuse_the_document_and_language(
    ready: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    checks = fake_checks(
        ("placeholder-missing", "en", "article"),
        ("header-language", "en", None),
        ("source-doubled-word", None, "article"),
    )
    monkeypatch.setitem(sys.modules, "passerelle.project.checking", checks)
    result = release.release_project(ready)
    verdicts = {v.lang: v for v in result.verdicts}
    assert verdicts["en"].reasons == ("check errors: header-language, placeholder-missing",)
    assert verdicts["zh_CN"].shipped
    assert result.checks_available
    manifest = json.loads((ready.root / "dist" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["checks"] == "passerelle.steps.checks"
    assert manifest["languages"]["en"]["status"] == "refused"
    assert not (ready.root / "dist" / "en").exists()


def test_real_checks_refuse_a_translation_that_drops_a_number(ready: Config) -> None:
    try:
        from passerelle.project.checking import check_project  # noqa: F401
    except ImportError:
        pytest.skip("passerelle.project.checking is not available in this tree")
    path = ready.locales_dir / "en" / "article.po"
    po = read_catalog(path)
    for entry in po:
        if "2025" in entry.msgid:
            entry.msgstr = "On 11 October, a delegation of business leaders met in Shanghai."
    write_catalog(path, po)
    result = release.release_project(ready)
    en = {v.lang: v for v in result.verdicts}["en"]
    assert not en.shipped and "number-missing" in en.check_errors


def test_missing_checks_are_said_plainly(
    ready: Config, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "passerelle.project.checking", None)
    assert cli(ready.root, monkeypatch, "release") == 0
    assert "checks are not available" in capsys.readouterr().err
    manifest = json.loads((ready.root / "dist" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["checks"] == "not available"


def test_a_catalog_behind_its_source_is_refused(ready: Config) -> None:
    source = ready.source_dir / "article.txt"
    source.write_text(ARTICLE + "\nUne phrase ajoutée depuis.\n", encoding="utf-8")
    result = release.release_project(ready)
    en = {v.lang: v for v in result.verdicts}["en"]
    assert en.reasons[0].startswith("catalog out of date: 1 source unit missing")
    (ready.locales_dir / "de" / "article.po").unlink()
    de = {v.lang: v for v in release.release_project(ready).verdicts}["de"]
    assert de.reasons == ("no catalog (run passerelle update)",)


def test_an_unreadable_catalog_refuses_only_its_language(ready: Config) -> None:
    path = ready.locales_dir / "de" / "article.po"
    path.write_text(path.read_text(encoding="utf-8") + "\ngarbage line\n", encoding="utf-8")
    result = release.release_project(ready)
    verdicts = {v.lang: v for v in result.verdicts}
    assert verdicts["de"].reasons[0].startswith("unreadable: ")
    assert "de/article.po" in verdicts["de"].reasons[0]
    assert verdicts["en"].shipped and verdicts["zh_CN"].shipped
    assert (ready.root / "dist" / "en" / "article.html").is_file()
