"""Online drafting that fails safe: a failed run says so in its exit status, every request ends on
time and reads a bounded answer, and what an engine answers is screened before anything keeps it.
The real deep-translator and DeepL clients run against a misbehaving server on 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from mtserver import MTServer, start
from passerelle.catalog import read_catalog
from passerelle.cli import main

KEY = "sekrit-KEY/4711:fx"
KEY_FORMS = (
    KEY,
    quote(KEY, safe=""),
    quote_plus(KEY),
    re.sub("%[0-9A-F]{2}", lambda m: m.group().lower(), quote(KEY, safe="")),
    KEY.replace("/", "\\/"),  # as JSON may escape it
)

SOURCE = "Rendez-vous à Paris."  # 20 characters
CATALOG = f"""msgid ""
msgstr ""
"Language: en\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "{SOURCE}"
msgstr ""

msgid "Le musée ouvre à 10 heures."
msgstr ""

msgid "Entrée libre."
msgstr ""
"""


@pytest.fixture
def server() -> Iterator[MTServer]:
    state = MTServer(key=KEY)
    httpd = start(state)
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def po(tmp_path: Path) -> Path:
    path = tmp_path / "en.po"
    path.write_text(CATALOG, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASSERELLE_LIBRE_KEY", KEY)
    monkeypatch.setenv("PASSERELLE_DEEPL_KEY", KEY)


def args(engine: str, server: MTServer, po: Path, *extra: str) -> list[str]:
    cache = str(po.parent / "cache")
    return [
        str(po),
        "--engine",
        engine,
        "--engine-url",
        server.url,
        "--lang",
        "en",
        "--cache-dir",
    ] + [
        cache,
        *extra,
    ]


def draft(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Run ``passerelle draft`` in this process; exit status and everything printed."""
    with pytest.raises(SystemExit) as exc:
        main(["draft", *argv])
    captured = capsys.readouterr()
    return int(exc.value.code or 0), captured.out + captured.err


def drafted(po: Path) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in read_catalog(po) if e.msgid}


def files_holding(folder: Path, needles: tuple[str, ...]) -> list[str]:
    """Every file under ``folder`` whose bytes contain one of ``needles``."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path}: {n}" for n in needles if n.encode() in data]
    return found


def test_a_run_where_every_request_failed_exits_1_with_a_summary(
    server: MTServer, po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.script = ["500"]
    code, out = draft(capsys, *args("libre", server, po, "--retries", "0"))
    assert code == 1, out
    assert "draft: 1 request failed (3 entries left untranslated); first: HTTP 500" in out


def test_a_partial_failure_still_prints_the_summary(
    server: MTServer, po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.script = ["500"]
    extra = ("--retries", "0", "--batch-size", "1", "--concurrency", "1")
    code, out = draft(capsys, *args("libre", server, po, *extra))
    assert code == 0, out
    assert "2 drafted" in out
    assert "draft: 1 request failed (1 entry left untranslated); first: HTTP 500" in out
