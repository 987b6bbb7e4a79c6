"""A project run stays inside its project: no link leads it out, no --lang or language setting
names a folder elsewhere, no two sources share a catalog, no file name breaks a catalog."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from helpers import PROJECT_TOML, gettext_tool, run_cli

SECRET = "PASSERELLE_GUARD_SECRET=ne-jamais-publier-7f3a9c"


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the project holding a secret a run must never read."""
    folder = tmp_path_factory.mktemp("outside")
    (folder / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    (folder / "docs").mkdir()
    (folder / "docs" / "page.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (links not followed) with its bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[str(path.relative_to(folder))] = os.readlink(path).encode()
        elif path.is_file():
            found[str(path.relative_to(folder))] = path.read_bytes()
    return found


def assert_secret_kept(project: Path) -> None:
    """No file under the project (links themselves aside) holds the secret."""
    for name, data in snapshot(project).items():
        if not (project / name).is_symlink():
            assert SECRET.encode() not in data, name


def assert_refused(done: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit 2 with one line on stderr that says ``words``, and no traceback."""
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


def add_setting(project: Path, line: str) -> None:
    path = project / "passerelle.toml"
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


# Links --------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["secret", "environ"])
def test_a_linked_source_file_is_neither_extracted_nor_released(
    project: Path, outside: Path, target: str
) -> None:
    link = project / "source" / "env.txt"
    link.symlink_to(outside / "secret.txt" if target == "secret" else Path("/proc/self/environ"))
    env = {**os.environ, "PASSERELLE_GUARD_SECRET": SECRET.partition("=")[2]}
    before = snapshot(outside)
    for command in ("run", "release"):
        assert_refused(run_cli(project, command, env=env), "source/env.txt", "symbolic link")
    assert snapshot(outside) == before
    assert_secret_kept(project)


def test_a_linked_source_folder_is_not_walked(project: Path, outside: Path) -> None:
    (project / "source" / "more").symlink_to(outside / "docs")
    assert_refused(run_cli(project, "run"), "source/more", "symbolic link")
    assert_secret_kept(project)


@pytest.mark.parametrize(
    ("link", "setting", "command"),
    [
        ("build", "", "run"),
        ("build", "", "build"),
        ("locales", "", "extract"),
        ("locales/.passerelle.lock", "", "extract"),
        ("locales/en", "", "run"),
        (".cache", "", "run"),
        ("dist", "", "release"),
        ("out", 'dist-dir = "out/dist"', "release"),
    ],
)
def test_no_write_lands_outside_through_a_linked_folder(
    project: Path, outside: Path, link: str, setting: str, command: str
) -> None:
    if setting:
        add_setting(project, setting)
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    target = outside / "target"
    if not link.endswith(".lock"):
        target.mkdir()
    (project / link).symlink_to(target)
    before = snapshot(outside)
    assert_refused(run_cli(project, command), link, "symbolic link")
    assert snapshot(outside) == before
    assert not target.exists() or not any(target.iterdir())


def test_a_linked_catalog_is_not_read(project: Path, outside: Path) -> None:
    assert run_cli(project, "extract").returncode == 0
    (project / "locales" / "en").mkdir()
    (project / "locales" / "en" / "article.po").symlink_to(outside / "secret.txt")
    for command in ("update", "release"):
        assert_refused(run_cli(project, command), "locales/en/article.po", "symbolic link")
    assert_secret_kept(project)


@pytest.mark.parametrize("follow", [False, True])
@pytest.mark.parametrize("kind", ["folder", "file"])
def test_a_link_loop_is_a_clean_error(project: Path, follow: bool, kind: str) -> None:
    if follow:
        add_setting(project, "follow-links = true")
    source = project / "source"
    if kind == "folder":
        (source / "loop").symlink_to(".")
        name = "source/loop"
    else:
        (source / "a.txt").symlink_to("b.txt")
        (source / "b.txt").symlink_to("a.txt")
        name = "source/a.txt"
    done = run_cli(project, "run")
    assert_refused(done, name, "loop" if follow else "symbolic link")


def test_follow_links_takes_links_that_stay_inside(project: Path) -> None:
    add_setting(project, "follow-links = true")
    shared = project / "shared"
    shared.mkdir()
    (shared / "note.txt").write_text("Une note partagée entre deux sites.\n", encoding="utf-8")
    (project / "source" / "shared").symlink_to("../shared")
    (project / "site").mkdir()
    (project / "build").symlink_to("site")
    done = run_cli(project, "run")
    assert done.returncode == 0, done.stderr
    assert (project / "locales" / "shared" / "note.pot").is_file()
    assert (project / "site" / "en" / "shared" / "note.html").is_file()
    assert (project / "site" / "en" / "article.html").is_file()


def test_follow_links_still_refuses_links_that_leave(project: Path, outside: Path) -> None:
    add_setting(project, "follow-links = true")
    (project / "source" / "env.txt").symlink_to(outside / "secret.txt")
    assert_refused(run_cli(project, "run"), "source/env.txt", "outside the project")
    (project / "source" / "env.txt").unlink()
    (project / "build").symlink_to(outside)
    before = snapshot(outside)
    assert_refused(run_cli(project, "build"), "build", "outside the project")
    assert snapshot(outside) == before


def test_follow_links_must_be_a_boolean(project: Path) -> None:
    add_setting(project, 'follow-links = "yes"')
    assert_refused(run_cli(project, "status"), "follow-links must be true or false")


# Languages ----------------------------------------------------------------------------------


def test_update_writes_no_catalog_outside_for_a_crafted_lang(project: Path) -> None:
    assert run_cli(project, "extract").returncode == 0
    escaped = project.parent / "pwned-by-lang"
    for lang in ("../../pwned-by-lang", "", "pt_BR"):
        assert_refused(run_cli(project, "update", "--lang", lang), "--lang", "en, de, ar")
    assert not escaped.exists()
    assert not (project / "locales" / "article.po").exists()


@pytest.mark.parametrize(
    ("command", "lang"),
    [
        (["update"], "../../pwned-by-lang"),
        (["build"], "../../pwned-by-lang"),
        (["status"], "../../pwned-by-lang"),
        (["check"], "../../pwned-by-lang"),
        (["draft", "--engine", "pseudo"], "../../pwned-by-lang"),
        (["build"], "fr"),
        (["check"], "fr"),
        (["draft", "--engine", "pseudo"], "zh_CN"),
    ],
)
def test_every_lang_option_takes_only_the_projects_languages(
    project: Path, command: list[str], lang: str
) -> None:
    done = run_cli(project, *command, "--lang", lang)
    assert_refused(done, "--lang", repr(lang), "languages in passerelle.toml: en, de, ar")
    assert not (project.parent / "pwned-by-lang").exists()


def test_release_require_takes_only_locale_codes(project: Path) -> None:
    done = run_cli(project, "release", "--require", "en@/../../x")
    assert_refused(done, "--require", "en@/../../x")
    assert not (project / "dist").exists()


def test_the_pseudo_language_is_taken_when_configured(project: Path) -> None:
    add_setting(project, 'draft-languages = ["qps"]')
    done = run_cli(project, "status", "--lang", "qps")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("code", ["en@/../../../pwned-by-config", "de_DE.UTF-8", "en_GB/.."])
def test_a_language_setting_must_be_a_locale_identifier(project: Path, code: str) -> None:
    (project / "passerelle.toml").write_text(
        PROJECT_TOML.replace('"ar"', f'"{code}"'), encoding="utf-8"
    )
    assert_refused(run_cli(project, "run"), "passerelle.toml", repr(code))
    assert not (project.parent / "pwned-by-config").exists()
    assert not (project / "locales").exists()


# Document names -----------------------------------------------------------------------------


def test_two_sources_of_one_document_name_are_refused(project: Path) -> None:
    source = project / "source"
    (source / "guide.txt").write_text("Un guide en texte.\n", encoding="utf-8")
    (source / "guide.html").write_text(
        "<html><body><p>Un guide en HTML.</p></body></html>\n", encoding="utf-8"
    )
    for command in ("run", "release"):
        done = run_cli(project, command)
        assert_refused(done, "source/guide.html", "source/guide.txt", "rename one")
    assert not (project / "locales" / "guide.pot").exists()
    assert not (project / "dist").exists()


def msgcat_reads(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [gettext_tool("msgcat"), "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_file_name_with_a_newline_leaves_every_catalog_readable(project: Path) -> None:
    assert run_cli(project, "extract").returncode == 0
    name = "bad\nname.txt"
    (project / "source" / name).write_text("Un nom de fichier piégé.\n", encoding="utf-8")
    assert_refused(run_cli(project, "run"), repr(f"source/{name}"), "rename the file")
    written = sorted((project / "locales").rglob("*.po*"))
    assert [path.name for path in written] == ["article.pot"]
    for path in written:
        assert msgcat_reads(path).returncode == 0, path


@pytest.mark.parametrize("char", ["\t", "\x1b", "\u2028"])
def test_a_file_name_with_a_control_character_is_refused(project: Path, char: str) -> None:
    name = f"bad{char}name.txt"
    (project / "source" / name).write_text("Un nom de fichier piégé.\n", encoding="utf-8")
    assert_refused(run_cli(project, "extract"), repr(f"source/{name}"), "rename the file")
    assert not (project / "locales" / f"bad{char}name.pot").exists()


def test_file_mode_refuses_a_file_name_with_a_newline(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "bad\nname.txt").write_text("Un nom de fichier piégé.\n", encoding="utf-8")
    done = run_cli(tmp_path, "extract", "docs", "-o", "out")
    assert_refused(done, repr("bad\nname.txt"))
    for path in sorted((tmp_path / "out").rglob("*.pot")):
        assert msgcat_reads(path).returncode == 0, path
