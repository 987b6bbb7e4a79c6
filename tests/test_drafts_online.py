"""Online drafting against a real HTTP server on 127.0.0.1: deep-translator's LibreTranslator and
DeepL's official client run unmodified; the server misbehaves on cue."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from helpers import run_draft as draft
from mtserver import MTServer, serving
from passerelle.po.catalog import parse_catalog, read_catalog

KEY = "sekrit-KEY-4711:fx"

CATALOG = r"""msgid ""
msgstr ""
"Language: en\n"
"Content-Type: text/plain; charset=UTF-8\n"

# reviewed by Ana
msgid "Déjà traduit."
msgstr "Already translated."

#, fuzzy
msgid "Brouillon en attente."
msgstr "Draft awaiting review."

# keep this note
msgid "Voir <a1>le site</a1> de l'IBLAC."
msgstr ""

msgid "Le 11 octobre 2025, 35 délégués."
msgstr ""

msgid "  Avec des espaces autour\n"
msgstr ""
"""


@pytest.fixture
def server() -> Iterator[MTServer]:
    yield from serving(KEY)


@pytest.fixture
def po(tmp_path: Path) -> Path:
    path = tmp_path / "en.po"
    path.write_text(CATALOG, encoding="utf-8")
    return path


def libre(server: MTServer, po: Path, tmp_path: Path, *extra: str) -> list[str]:
    return [
        str(po),
        "--engine",
        "libre",
        "--engine-url",
        server.url,
        "--lang",
        "en",
        "--cache-dir",
        str(tmp_path / "cache"),
        *extra,
    ]


def deepl_args(server: MTServer, po: Path, tmp_path: Path, *extra: str) -> list[str]:
    return [
        str(po),
        "--engine",
        "deepl",
        "--engine-url",
        server.url,
        "--lang",
        "en",
        "--cache-dir",
        str(tmp_path / "cache"),
        *extra,
    ]


def entry_text(path: Path, msgid: str) -> str:
    for entry in read_catalog(path):
        if entry.msgid == msgid:
            return str(entry)
    raise AssertionError(msgid)


@pytest.fixture(autouse=True)
def keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASSERELLE_LIBRE_KEY", KEY)
    monkeypatch.setenv("PASSERELLE_DEEPL_KEY", KEY)


def test_libre_drafts_untranslated_entries_only(
    server: MTServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {e.msgid: str(e) for e in read_catalog(po)}
    code, out = draft(capsys, *libre(server, po, tmp_path))
    assert code == 0, out
    assert "3 drafted" in out
    assert len(server.seen) == 1  # three texts, one request (lines)
    after = {e.msgid: e for e in read_catalog(po)}
    for msgid in ("Déjà traduit.", "Brouillon en attente."):
        assert str(after[msgid]) == before[msgid]
    link = after["Voir <a1>le site</a1> de l'IBLAC."]
    assert link.msgstr == "[en] Voir <a1>le site</a1> de l'IBLAC."
    assert link.fuzzy
    assert link.tcomment.splitlines()[0] == "keep this note"
    assert link.tcomment.splitlines()[1].startswith("machine draft: libre, ")
    spaced = after["  Avec des espaces autour\n"]
    assert spaced.msgstr == "  [en] Avec des espaces autour\n"
    # placeholders travelled as opaque tokens, not as markup
    assert "[X1X]le site[X2X]" in server.seen[0].texts[0]


def test_translated_and_fuzzy_entries_are_byte_for_byte_untouched(
    server: MTServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from passerelle.po.catalog import write_catalog

    write_catalog(po, read_catalog(po))  # canonical layout first
    text = po.read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n\n") if "Déjà traduit" in b or "Brouillon" in b]
    assert len(blocks) == 2
    code, out = draft(capsys, *libre(server, po, tmp_path))
    assert code == 0, out
    new = po.read_text(encoding="utf-8")
    assert new != text
    for block in blocks:
        assert block in new.split("\n\n")


def test_second_run_is_served_from_the_cache(
    server: MTServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft(capsys, *libre(server, po, tmp_path))
    first = po.read_text(encoding="utf-8")
    assert len(server.seen) == 1
    po.write_text(CATALOG, encoding="utf-8")  # the drafts are gone: they must come back free
    code, out = draft(capsys, *libre(server, po, tmp_path))
    assert code == 0, out
    assert len(server.seen) == 1
    assert "3 from cache" in out
    assert po.read_text(encoding="utf-8") == first
    code, out = draft(capsys, *libre(server, po, tmp_path))  # drafts are fuzzy: nothing to do
    assert len(server.seen) == 1
    assert po.read_text(encoding="utf-8") == first


def test_429_with_retry_after_backs_off_then_succeeds(
    server: MTServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.script = ["429:1"]
    code, out = draft(capsys, *libre(server, po, tmp_path))
    assert code == 0, out
    assert len(server.seen) == 2
    assert server.seen[1].at - server.seen[0].at >= 1.0
    assert "429" in out and "retrying in 1." in out
    assert "3 drafted" in out


def test_timeout_is_retried(
    server: MTServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.script = ["sleep:1.5"]
    code, out = draft(capsys, *libre(server, po, tmp_path, "--timeout", "0.3"))
    assert code == 0, out
    assert "no answer within 0.3 s" in out
    assert len(server.seen) == 2
    assert "3 drafted" in out


def test_garbage_json_is_retried_then_counted_as_failed(
    server: MTServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.script = ["garbage"]
    code, out = draft(capsys, *libre(server, po, tmp_path))
    assert code == 0 and "3 drafted" in out
    po.write_text(CATALOG, encoding="utf-8")
    server.script = ["garbage"]
    code, out = draft(capsys, *libre(server, po, tmp_path, "--no-cache", "--retries", "0"))
    assert "unreadable answer" in out and "3 failed" in out
    assert po.read_text(encoding="utf-8") == CATALOG


def test_a_draft_that_drops_a_placeholder_is_rejected(
    server: MTServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po.write_text(CATALOG.replace("Voir <a1>le site", "Voir CASSE <a1>le site"), encoding="utf-8")
    code, out = draft(capsys, *libre(server, po, tmp_path))
    assert code == 0, out
    assert "2 drafted" in out and "1 rejected" in out
    broken = [e for e in read_catalog(po) if "CASSE" in e.msgid][0]
    assert broken.msgstr == "" and not broken.fuzzy


def test_circuit_breaker_stops_the_engine_with_a_clear_message(
    server: MTServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.script = ["500"] * 20
    args = libre(server, po, tmp_path, "--retries", "0", "--batch-size", "1", "--concurrency", "1")
    code, out = draft(capsys, *args)
    assert code == 2
    assert "engine libre stopped after 3 failed requests in a row (last: HTTP 500" in out
    assert len(server.seen) == 3
    assert po.read_text(encoding="utf-8") == CATALOG


def test_max_chars_budget_and_dry_run(
    server: MTServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = draft(capsys, *libre(server, po, tmp_path, "--dry-run"))
    assert code == 0 and not server.seen
    assert po.read_text(encoding="utf-8") == CATALOG
    assert "would send to libre (en, 34 chars): Voir [X1X]le site[X2X] de l'IBLAC." in out
    assert "89 characters would be sent" in out
    assert not (tmp_path / "cache").exists()
    code, out = draft(capsys, *libre(server, po, tmp_path, "--max-chars", "60"))
    assert code == 0
    sent = sum(len(t) for seen in server.seen for t in seen.texts[0].split("\n"))
    assert sent <= 60
    assert "2 drafted" in out and "1 over the --max-chars budget" in out


def test_the_key_never_appears_in_output_logs_catalogs_or_cache(
    server: MTServer,
    po: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    server.script = ["500"]
    code, out = draft(capsys, *libre(server, po, tmp_path))
    assert code == 0 and "3 drafted" in out
    assert quote_plus(KEY) in server.seen[0].raw  # it was sent, as it must be
    for form in (KEY, quote_plus(KEY)):
        assert form not in out
        assert form not in caplog.text
    assert "api_key=***" in caplog.text  # urllib3's request lines were seen, and redacted
    assert KEY not in po.read_text(encoding="utf-8")
    assert KEY.encode() not in (tmp_path / "cache" / "drafts.sqlite3").read_bytes()


def test_deepl_official_client_batches_with_xml_tags(
    server: MTServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = draft(capsys, *deepl_args(server, po, tmp_path))
    assert code == 0, out
    assert len(server.seen) == 1 and server.seen[0].path == "/v2/translate"
    assert server.seen[0].target == "EN-US"
    assert "Voir <a1>le site</a1> de l&#x27;IBLAC." in server.seen[0].texts or (
        "Voir <a1>le site</a1> de l'IBLAC." in server.seen[0].texts
    )
    assert server.seen[0].headers["Authorization"] == f"DeepL-Auth-Key {KEY}"
    drafted = {e.msgid: e.msgstr for e in read_catalog(po)}
    assert (
        drafted["Voir <a1>le site</a1> de l'IBLAC."] == "[EN-US] Voir <a1>le site</a1> de l'IBLAC."
    )
    assert KEY not in out


def test_deepl_429_and_broken_tags(
    server: MTServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po.write_text(CATALOG.replace("Voir <a1>le site", "Voir CASSE <a1>le site"), encoding="utf-8")
    server.script = ["429:1"]
    code, out = draft(capsys, *deepl_args(server, po, tmp_path))
    assert code == 0, out
    assert len(server.seen) == 2 and server.seen[1].at - server.seen[0].at >= 1.0
    assert "2 drafted" in out and "1 rejected" in out


def test_a_rejected_key_stops_at_once(
    server: MTServer,
    po: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PASSERELLE_DEEPL_KEY", "wrong-key")
    code, out = draft(capsys, *deepl_args(server, po, tmp_path))
    assert code == 2
    assert "rejected the key" in out and "wrong-key" not in out
    assert len(server.seen) == 1


def test_missing_key_is_a_one_line_error(
    po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PASSERELLE_DEEPL_KEY")
    monkeypatch.delenv("DEEPL_AUTH_KEY", raising=False)
    code, out = draft(capsys, str(po), "--engine", "deepl", "--lang", "en")
    assert code == 2
    assert "set the environment variable PASSERELLE_DEEPL_KEY" in out


def test_parse_catalog_roundtrip_of_fixture() -> None:
    assert len(parse_catalog(CATALOG)) == 5


def test_interruption_keeps_received_drafts_and_a_rerun_continues(
    server: MTServer,
    po: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from passerelle.cli import console

    def interrupt(self: object, label: str, done: int, total: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(console.Terminal, "__call__", interrupt)
    args = libre(server, po, tmp_path, "--batch-size", "1", "--concurrency", "1")
    code, out = draft(capsys, *args)
    assert code == 130 and "interrupted" in out
    assert len(server.seen) == 1
    drafted = [e for e in read_catalog(po) if e.fuzzy and e.msgstr.startswith("[en]")]
    assert len(drafted) == 1  # the first batch was written before the interruption
    monkeypatch.undo()
    monkeypatch.setenv("PASSERELLE_LIBRE_KEY", KEY)
    code, out = draft(capsys, *args)
    assert code == 0 and "2 drafted" in out and "1 catalog written" in out
    assert len(server.seen) == 3  # only the two entries not yet drafted were sent


def test_dry_run_counts_cached_texts_as_free(
    server: MTServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft(capsys, *libre(server, po, tmp_path))
    po.write_text(CATALOG.replace("35 délégués", "36 délégués"), encoding="utf-8")
    code, out = draft(capsys, *libre(server, po, tmp_path, "--dry-run"))
    assert code == 0 and len(server.seen) == 1
    assert "would send to libre (en, 32 chars): Le 11 octobre 2025, 36 délégués." in out
    assert "32 characters would be sent" in out and "2 from cache" in out
    assert po.read_text(encoding="utf-8") == CATALOG.replace("35 délégués", "36 délégués")
