"""Offline drafting: tm and pseudo engines, the driver's rules, project mode and run's step."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import run_steps_inline
from passerelle.cli import main
from passerelle.config import load_config
from passerelle.errors import EngineError
from passerelle.po.catalog import new_entry, read_catalog, write_catalog
from passerelle.project.console import Lines
from passerelle.project.drafting import draft_step
from passerelle.steps.drafts.base import EngineSettings
from passerelle.steps.drafts.driver import DraftRun, draft_catalog
from passerelle.steps.drafts.protect import protected_spans
from passerelle.steps.drafts.pseudo import pseudo_text
from passerelle.steps.drafts.registry import make_engine
from passerelle.steps.drafts.tm import TranslationMemory
from passerelle.units import placeholder_problem

CATALOG = r"""msgid ""
msgstr ""
"Language: de\n"
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Les délégués ont visité une exposition."
msgstr "Die Delegierten besuchten eine Ausstellung."

#, fuzzy
msgid "Une délégation de 35 chefs."
msgstr "Eine Delegation von 35 Chefs."

# translator: check the name
msgid "Les délégués ont visité une exposition!"
msgstr ""

msgid "Quelque chose de tout à fait différent."
msgstr ""

msgctxt "caption"
msgid "Une délégation de 35 chefs."
msgstr ""
"""

TOML = """\
source-lang = "fr"
languages = ["de", "ja"]
draft-languages = ["de", "ja", "qps"]
"""

ARTICLE = """\
Les délégués ont visité une exposition.

Le 11 octobre, une délégation de 35 chefs s'est réunie.

Les délégués ont visité une grande exposition.
"""


def catalog_file(tmp_path: Path, text: str = CATALOG) -> Path:
    path = tmp_path / "de.po"
    path.write_text(text, "utf-8")
    return path


def tm_for(path: Path, threshold: float = 75.0) -> TranslationMemory:
    return TranslationMemory.from_files([path], [], "de", threshold=threshold)


def test_tm_exact_and_fuzzy_matches(tmp_path: Path) -> None:
    memory = tm_for(catalog_file(tmp_path))
    exact = memory.lookup("Les délégués ont visité une exposition.")
    assert exact is not None and exact.text == "Die Delegierten besuchten eine Ausstellung."
    assert exact.note == ""
    near = memory.lookup("Les délégués ont visité une exposition!")
    assert near is not None and near.note.endswith("% match")
    assert memory.lookup("Quelque chose de tout à fait différent.") is None
    # fuzzy entries are not part of the memory
    assert memory.lookup("Une délégation de 35 chefs.") is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="abcde ", min_size=1, max_size=12), min_size=1, max_size=12),
    st.text(alphabet="abcde ", min_size=1, max_size=12),
    st.sampled_from([50.0, 75.0, 80.0, 90.0]),
)
def test_tm_length_window_loses_no_match(sources: list[str], query: str, threshold: float) -> None:
    from rapidfuzz import fuzz, process

    memory = TranslationMemory([new_entry(msgid=s, msgstr=s.upper()) for s in sources], threshold)
    found = memory.lookup(query + "!")
    best = process.extractOne(query + "!", sources, scorer=fuzz.ratio, score_cutoff=threshold)
    assert (found is None) == (best is None)
    if found is not None and best is not None:
        assert f"{best[1]:.0f}% match" == found.note


def test_tm_threshold_is_respected(tmp_path: Path) -> None:
    path = catalog_file(tmp_path)
    assert tm_for(path, 99.0).lookup("Les délégués ont visité une exposition!") is None
    assert tm_for(path, 90.0).lookup("Les délégués ont visité une exposition!") is not None


def test_tm_reads_compendia_of_the_language_only(tmp_path: Path) -> None:
    comp = tmp_path / "comp"
    comp.mkdir()
    (comp / "de.po").write_text(
        'msgid ""\nmsgstr "Language: de\\n"\n\nmsgid "Bonjour"\nmsgstr "Hallo"\n', "utf-8"
    )
    (comp / "ja.po").write_text(
        'msgid ""\nmsgstr "Language: ja\\n"\n\nmsgid "Bonjour"\nmsgstr "こんにちは"\n', "utf-8"
    )
    memory = TranslationMemory.from_files([], [comp], "de", threshold=75)
    found = memory.lookup("Bonjour")
    assert found is not None and found.text == "Hallo"


def test_driver_fills_only_untranslated_entries(tmp_path: Path) -> None:
    path = catalog_file(tmp_path)
    write_catalog(path, read_catalog(path))
    before = read_catalog(path)
    kept = {(e.msgctxt, e.msgid): str(e) for e in before if e.msgstr or e.fuzzy}
    run = DraftRun(source_lang="fr", report=lambda line: None, date="2026-11-27")
    summary = draft_catalog(path, "de", tm_for(path), run)
    assert summary.drafted == 1 and summary.no_draft == 2 and summary.catalogs_written == 1
    after = {(e.msgctxt, e.msgid): e for e in read_catalog(path)}
    for key, text in kept.items():
        assert str(after[key]) == text
    drafted = after[(None, "Les délégués ont visité une exposition!")]
    assert drafted.fuzzy
    assert drafted.msgstr == "Die Delegierten besuchten eine Ausstellung."
    lines = drafted.tcomment.splitlines()
    assert lines[0] == "translator: check the name"
    assert lines[1].startswith("machine draft: tm, 2026-11-27; ") and "% match" in lines[1]
    untouched = after[(None, "Quelque chose de tout à fait différent.")]
    assert untouched.msgstr == "" and not untouched.fuzzy


def test_second_run_changes_nothing(tmp_path: Path) -> None:
    path = catalog_file(tmp_path)
    run = DraftRun(source_lang="fr", report=lambda line: None)
    draft_catalog(path, "de", tm_for(path), run)
    first = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    summary = draft_catalog(path, "de", tm_for(path), DraftRun(source_lang="fr", date="2099-01-01"))
    assert summary.drafted == 0 and summary.catalogs_written == 0
    assert path.read_bytes() == first and path.stat().st_mtime_ns == mtime


def test_a_tm_match_with_other_placeholders_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    path.write_text(
        'msgid ""\nmsgstr "Language: de\\n"\n\n'
        'msgid "Voir <a1>le site</a1> officiel."\nmsgstr "Siehe <a1>die Website</a1>."\n\n'
        'msgid "Voir le site officiel."\nmsgstr ""\n',
        "utf-8",
    )
    reports: list[str] = []
    summary = draft_catalog(
        path, "de", tm_for(path), DraftRun(source_lang="fr", report=reports.append)
    )
    assert summary.rejected == 1 and summary.drafted == 0
    assert "unknown </a1>, <a1>" in reports[0]


def test_numbers_that_differ_are_noted(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    path.write_text(
        'msgid ""\nmsgstr "Language: de\\n"\n\n'
        'msgid "Une délégation de 35 chefs."\nmsgstr "Eine Delegation von 35 Chefs."\n\n'
        'msgid "Une délégation de 55 chefs."\nmsgstr ""\n',
        "utf-8",
    )
    summary = draft_catalog(path, "de", tm_for(path), DraftRun(source_lang="fr"))
    assert summary.drafted == 1 and summary.numbers_differ == 1
    entry = [e for e in read_catalog(path) if "55" in e.msgid][0]
    assert "numbers differ: missing 55; added 35" in entry.tcomment


def test_pseudo_keeps_placeholders_formats_and_urls() -> None:
    source = "  Voir <a1>le site</a1> de %(name)s, {count} fois : https://example.org/a.<br2/>\n"
    result = pseudo_text(source)
    assert result.startswith("  [") and result.endswith("]\n")
    assert placeholder_problem(source, result) is None
    for kept in ("%(name)s", "{count}", "https://example.org/a", "<br2/>"):
        assert kept in result
    prose = "".join(run for run, keep in protected_spans(result) if not keep)
    assert "Ṽ" in prose and not re.search("[A-Za-z]", prose)
    assert 1.25 <= len(result.strip()) / len(source.strip()) <= 1.45
    assert pseudo_text(source) == result


def test_pseudo_only_for_qps_and_qps_only_pseudo() -> None:
    with pytest.raises(EngineError):
        make_engine("pseudo", "de", EngineSettings())
    with pytest.raises(EngineError):
        make_engine("tm", "qps", EngineSettings())
    with pytest.raises(EngineError, match="unknown engine"):
        make_engine("babelfish", "de", EngineSettings())


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "passerelle.toml").write_text(TOML, "utf-8")
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "article.txt").write_text(ARTICLE, "utf-8")
    monkeypatch.chdir(tmp_path)
    config = load_config(tmp_path)
    run_steps_inline(config, "extract", "update")
    de = tmp_path / "locales" / "de" / "article.po"
    catalog = read_catalog(de)
    for entry in catalog:
        if entry.msgid == "Les délégués ont visité une exposition.":
            entry.msgstr = "Die Delegierten besuchten eine Ausstellung."
    write_catalog(de, catalog)
    return tmp_path


def step() -> str:
    """Run's draft step on the project of the working folder; what it says."""
    console = Lines()
    draft_step(load_config(path=None), None, console)
    return "".join(line + "\n" for line in console.said)


def test_run_step_drafts_offline_and_is_idempotent(
    proj: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = step()
    assert "draft: de (tm): 1 drafted" in out
    assert "draft: ja (tm): 3 without a draft" in out
    assert "draft: qps (pseudo): 3 drafted" in out
    de = read_catalog(proj / "locales" / "de" / "article.po")
    drafted = [e for e in de if e.fuzzy]
    assert [e.msgid for e in drafted] == ["Les délégués ont visité une grande exposition."]
    qps = read_catalog(proj / "locales" / "qps" / "article.po")
    assert all(e.fuzzy and e.msgstr.startswith("[") for e in qps)
    built = (proj / "build" / "qps" / "article.txt").read_text("utf-8")
    assert "[Ĺéé" in built or "[Ĺé" in built
    files = sorted(p for p in proj.rglob("*") if p.is_file() and ".cache" not in p.parts)
    snapshot = {p: p.read_bytes() for p in files}
    out = step()
    assert "draft: qps (pseudo): nothing to draft" in out
    assert {p: p.read_bytes() for p in files} == snapshot


def test_run_step_never_uses_an_online_engine(
    proj: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (proj / "passerelle.toml").write_text(TOML + 'draft-engine = "deepl"\n', "utf-8")
    out = step()
    assert "draft: skipped: " in out and "needs the network" in out
    assert not (proj / "locales" / "qps").exists()


def test_draft_command_project_mode(proj: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["draft", "--lang", "de", "--dry-run"])
    assert exc.value.code == 0
    assert "draft: de (tm): 1 drafted" in capsys.readouterr().out
    assert not any(e.fuzzy for e in read_catalog(proj / "locales" / "de" / "article.po"))
    with pytest.raises(SystemExit) as exc:
        main(["draft", "--lang", "de", "--threshold", "99"])
    assert exc.value.code == 0
    assert "draft: de (tm): 2 without a draft" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["draft", "--lang", "de", "--engine", "pseudo"])
    assert exc.value.code == 2
    assert "cannot draft language 'de'" in capsys.readouterr().err


REPO = Path(__file__).resolve().parents[1]


def test_the_repository_setup_drafts_the_article_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What `make` runs: tm into de/ja/es/ar, pseudo into qps, no network, builds skip drafts."""
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("drafting in `run` must not use the network")

    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(REPO / "source", tmp_path / "source")
    shutil.copytree(REPO / "glossary", tmp_path / "glossary")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    config = load_config(tmp_path)
    assert {"de", "ja", "es", "ar", "qps"} <= set(config.draft_languages)
    assert config.draft_engine == "tm"
    run_steps_inline(config, "extract", "update")
    human = "[Photo/Services Internationaux de Shanghai]"
    similar = "[Photo/Services internationaux de Shanghai]"
    de = tmp_path / "locales" / "de" / "iblac-west-bund.po"
    catalog = read_catalog(de)
    [entry] = [e for e in catalog if e.msgid == human]
    entry.msgstr = "[Foto/Internationale Dienste Shanghai]"
    write_catalog(de, catalog)
    out = step()
    for lang in ("de", "ja", "es", "ar"):
        assert f"draft: {lang} (tm): " in out
    assert "draft: de (tm): 1 drafted" in out
    assert "draft: qps (pseudo): " in out and " drafted, 1 catalog written" in out
    [drafted] = [e for e in read_catalog(de) if e.msgid == similar]
    assert drafted.fuzzy and drafted.msgstr == "[Foto/Internationale Dienste Shanghai]"
    assert "% match" in drafted.tcomment
    with pytest.raises(SystemExit) as exc:
        main(["build", "--lang", "de"])
    assert exc.value.code == 0
    built = (tmp_path / "build" / "de" / "iblac-west-bund.txt").read_text("utf-8")
    assert "[Foto/Internationale Dienste Shanghai]" in built  # the human translation
    assert similar in built  # the fuzzy draft is not used: French stays
    assert "[Ĺ" in (tmp_path / "build" / "qps" / "iblac-west-bund.txt").read_text("utf-8")


def test_draft_date_follows_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    from passerelle.errors import ConfigError
    from passerelle.steps.drafts.driver import draft_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764201600")
    assert draft_date() == "2025-11-27"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH"):
        draft_date()
