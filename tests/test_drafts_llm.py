"""Language-model drafting against real servers on 127.0.0.1: the official ``openai`` and
``anthropic`` clients run unmodified against a loopback server that answers as each API does
and misbehaves on cue (tests/llmserver.py)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import run_draft as draft
from llmserver import LLMServer, serving
from passerelle.po.catalog import read_catalog

KEY = "sk-test-KEY-4711/xyz"
ENGINES = ["openai", "anthropic"]

CATALOG = r"""msgid ""
msgstr ""
"Language: de\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#. the page's title
msgid "Le rapport annuel"
msgstr ""

# reviewed by Ana
msgid "Le marché de Shanghai a progressé de 3,5 % en 2024."
msgstr "Der Markt in Shanghai wuchs 2024 um 3,5 %."

msgid "Voir <a1>le site</a1> de l'IBLAC."
msgstr ""

msgid "CASSE <a1>ici</a1>."
msgstr ""

#, fuzzy
msgid "Brouillon en attente."
msgstr "Entwurf."

#, python-format
msgid "%(count)d fichier"
msgid_plural "%(count)d fichiers"
msgstr[0] ""
msgstr[1] ""
"""


@pytest.fixture
def server() -> Iterator[LLMServer]:
    yield from serving(KEY)


@pytest.fixture
def po(tmp_path: Path) -> Path:
    path = tmp_path / "de.po"
    path.write_text(CATALOG, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def keys(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PASSERELLE_OPENAI_KEY", KEY)
    monkeypatch.setenv("PASSERELLE_ANTHROPIC_KEY", KEY)
    monkeypatch.chdir(tmp_path)  # no project settings from the repository


def args(engine: str, server: LLMServer, po: Path, tmp_path: Path, *extra: str) -> list[str]:
    url = server.url + ("/v1" if engine == "openai" else "")
    return [
        str(po),
        "--engine",
        engine,
        "--model",
        "test-model-1",
        "--engine-url",
        url,
        "--lang",
        "de",
        "--cache-dir",
        str(tmp_path / "cache"),
        "--retries",
        "2",
        *extra,
    ]


def entries(path: Path) -> dict[str, object]:
    return {e.msgid: e for e in read_catalog(path)}


@pytest.mark.parametrize("engine", ENGINES)
def test_drafts_are_fuzzy_signed_and_leave_human_work_alone(
    engine: str, server: LLMServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = draft(capsys, *args(engine, server, po, tmp_path))
    assert code == 0, out
    assert "3 drafted" in out and "1 rejected (placeholders)" in out
    assert "lost" in out  # the broken draft is rejected with its reason
    assert len(server.seen) == 1
    after = read_catalog(po)
    by_id = {e.msgid: e for e in after}
    link = by_id["Voir <a1>le site</a1> de l'IBLAC."]
    assert link.msgstr == "[de] Voir <a1>le site</a1> de l'IBLAC."
    assert link.fuzzy
    assert link.tcomment.startswith(f"machine draft: {engine} test-model-1, ")
    assert by_id["CASSE <a1>ici</a1>."].msgstr == ""
    assert by_id["Le marché de Shanghai a progressé de 3,5 % en 2024."].msgstr.startswith("Der")
    assert by_id["Brouillon en attente."].msgstr == "Entwurf."
    plural = by_id["%(count)d fichier"]
    assert plural.fuzzy
    assert plural.msgstr_plural == {0: "[de] %(count)d fichier", 1: "[de] %(count)d fichiers"}
    payload = server.seen[0].payload()
    sent = {u["text"] for u in payload["units"]}
    assert "Voir [X1X]le site[X2X] de l'IBLAC." in sent  # placeholders travel as tokens
    assert payload["glossary"] == []
    assert {"id": "0", "text": "the page's title"} in payload["notes"]
    approved = payload["context"]["approved"]
    assert approved == [
        {
            "source": "Le marché de Shanghai a progressé de 3,5 % en 2024.",
            "translation": "Der Markt in Shanghai wuchs 2024 um 3,5 %.",
        }
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_each_request_carries_the_previous_paragraph(
    engine: str, server: LLMServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = draft(capsys, *args(engine, server, po, tmp_path, "--batch-size", "1"))
    assert code == 0, out
    asked = {r.payload()["units"][0]["text"]: r.payload() for r in server.seen}
    link = asked["Voir [X1X]le site[X2X] de l'IBLAC."]
    assert link["context"]["before"][-1] == "Le marché de Shanghai a progressé de 3,5 % en 2024."
    assert link["context"]["after"][0] == "CASSE <a1>ici</a1>."


def test_structured_output_is_asked_for(
    server: LLMServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft(capsys, *args("openai", server, po, tmp_path))
    draft(capsys, *args("anthropic", server, po, tmp_path, "--no-cache"))
    openai_body, anthropic_body = server.seen[0].body, server.seen[1].body
    assert openai_body["response_format"]["type"] == "json_schema"
    assert openai_body["messages"][-1]["role"] == "user"
    assert anthropic_body["tool_choice"] == {"type": "tool", "name": "submit_translations"}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("bad", ["garbage", "missing"])
def test_a_malformed_answer_is_asked_again_once(
    engine: str,
    bad: str,
    server: LLMServer,
    po: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server.script = [bad]
    code, out = draft(capsys, *args(engine, server, po, tmp_path))
    assert code == 0, out
    assert len(server.seen) == 2
    assert "3 drafted" in out


@pytest.mark.parametrize("engine", ENGINES)
def test_a_second_malformed_answer_is_reported(
    engine: str, server: LLMServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.script = ["garbage", "garbage"]
    before = po.read_bytes()
    code, out = draft(capsys, *args(engine, server, po, tmp_path))
    assert code == 1
    assert len(server.seen) == 2
    assert "malformed answer, asked twice: the answer" in out
    assert po.read_bytes() == before


@pytest.mark.parametrize("engine", ENGINES)
def test_429_is_retried(
    engine: str, server: LLMServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.script = ["429:0", "500"]
    code, out = draft(capsys, *args(engine, server, po, tmp_path))
    assert code == 0, out
    assert len(server.seen) == 3
    assert "HTTP 429 too many requests; retrying" in out
    assert "3 drafted" in out


@pytest.mark.parametrize("engine", ENGINES)
def test_a_second_run_sends_nothing(
    engine: str, server: LLMServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = draft(capsys, *args(engine, server, po, tmp_path))
    assert code == 0
    drafted = po.read_bytes()
    po.write_text(CATALOG, encoding="utf-8")  # drafts thrown away: the same text again
    code, out = draft(capsys, *args(engine, server, po, tmp_path))
    assert code == 0, out
    assert len(server.seen) == 1  # the second run asked nothing
    assert "from cache" in out
    assert po.read_bytes() == drafted
    code, out = draft(capsys, *args(engine, server, po, tmp_path))  # nothing left to draft
    assert len(server.seen) == 1


@pytest.mark.parametrize("engine", ENGINES)
def test_the_key_is_in_no_file_and_no_log(
    engine: str,
    server: LLMServer,
    po: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    code, out = draft(capsys, *args(engine, server, po, tmp_path))
    assert code == 0, out
    assert server.seen and KEY in str(server.seen[0].headers)  # it was sent, as it must be
    server.script = ["echo-key"]
    po.write_text(CATALOG.replace("Le rapport", "Un rapport"), encoding="utf-8")
    code, out = draft(capsys, *args(engine, server, po, tmp_path))
    assert "the answer holds the engine's key" in out
    assert KEY not in out and KEY not in caplog.text
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path


@pytest.mark.parametrize("engine", ENGINES)
def test_dry_run_shows_the_request_without_a_key(
    engine: str,
    server: LLMServer,
    po: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(f"PASSERELLE_{engine.upper()}_KEY")
    before = po.read_bytes()
    code, out = draft(capsys, *args(engine, server, po, tmp_path, "--dry-run"))
    assert code == 0, out
    assert server.seen == []
    assert f"would send to {engine} test-model-1 (de, 5 unit(s)" in out
    assert '"before": []' in out and "Voir [X1X]le site[X2X]" in out
    assert po.read_bytes() == before
    assert not (tmp_path / "cache").exists()


def test_without_a_key_the_engine_says_which_variable(
    server: LLMServer,
    po: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PASSERELLE_ANTHROPIC_KEY")
    code, out = draft(capsys, *args("anthropic", server, po, tmp_path))
    assert code == 2
    assert "set the environment variable PASSERELLE_ANTHROPIC_KEY" in out
    assert "Traceback" not in out


def test_project_settings_give_model_and_style(
    server: LLMServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "passerelle.toml").write_text(
        'languages = ["de"]\n[engines.openai]\nmodel = "from-settings"\n'
        'style = { de = "Sie, nicht du.", "*" = "neutral" }\n',
        encoding="utf-8",
    )
    cli = args("openai", server, po, tmp_path)
    cli.remove("--model")
    cli.remove("test-model-1")
    code, out = draft(capsys, *cli)
    assert code == 0, out
    assert server.seen[0].body["model"] == "from-settings"
    assert server.seen[0].payload()["context"]["style"] == "Sie, nicht du."


def test_the_token_budget_holds(
    server: LLMServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = draft(capsys, *args("openai", server, po, tmp_path, "--max-tokens", "10"))
    assert server.seen == []
    assert "over the --max-tokens budget" in out


def test_a_project_hands_its_terms_to_the_model(
    server: LLMServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from helpers import run_steps_inline
    from passerelle.config import load_config

    (tmp_path / "passerelle.toml").write_text(
        'source-lang = "fr"\nlanguages = ["en", "de"]\nterminology = ["terms.csv"]\n', "utf-8"
    )
    (tmp_path / "terms.csv").write_text(
        "Bund Ouest,West Bund,fr,en\nBund Ouest,the West Bank,fr,en\nXuhui,Xuhui District,fr,en\n",
        "utf-8",
    )
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "article.txt").write_text(
        "Le Bund Ouest accueille la délégation.\n\nUne exposition à Xuhui.\n", "utf-8"
    )
    run_steps_inline(load_config(tmp_path), "extract", "update")
    base = ["--engine", "openai", "--model", "test-model-1", "--engine-url", server.url + "/v1"]
    code, out = draft(capsys, *base, "--lang", "en", "--no-cache")
    assert code == 0 and "2 drafted" in out, out
    assert server.seen[0].payload()["glossary"] == [
        {"source": "Bund Ouest", "target": "West Bund"},  # the first rendering listed
        {"source": "Xuhui", "target": "Xuhui District"},
    ]
    code, out = draft(capsys, *base, "--lang", "de", "--no-cache")
    assert code == 0 and server.seen[1].payload()["glossary"] == []  # no German terms
