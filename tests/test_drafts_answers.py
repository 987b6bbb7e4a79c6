"""Online drafting that fails safe: a failed run says so in its exit status, every request ends on
time and reads a bounded answer, and what an engine answers is screened before anything keeps it.
The real deep-translator and DeepL clients run against a misbehaving server on 127.0.0.1."""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from conftest import run_cli
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


@pytest.mark.parametrize(
    ("engine", "trickle"),
    [("libre", "trickle-body"), ("libre", "trickle-head"), ("deepl", "trickle-body")],
)
def test_the_timeout_is_a_deadline_for_the_whole_request(
    engine: str, trickle: str, server: MTServer, po: Path
) -> None:
    server.script = [f"{trickle}:0.25:40"]  # a byte every 0.25 s for 10 s: no read times out
    env = {**os.environ, "PASSERELLE_LIBRE_KEY": KEY, "PASSERELLE_DEEPL_KEY": KEY}
    started = time.monotonic()
    done = run_cli(
        po.parent, "draft", *args(engine, server, po, "--timeout", "1", "--retries", "0"), env=env
    )
    elapsed = time.monotonic() - started  # the whole process, exit included
    assert elapsed < 4.0, (elapsed, done.stderr)
    assert done.returncode == 1, done.stderr
    assert "no answer within 1 s" in done.stderr
    assert len(server.seen) == 1
    assert po.read_text(encoding="utf-8") == CATALOG


def test_a_deadline_leaves_no_thread_behind(
    server: MTServer, po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.script = ["trickle-body:0.1:40", "ok"]
    code, out = draft(capsys, *args("libre", server, po, "--timeout", "0.5"))
    assert code == 0 and "no answer within 0.5 s" in out and "3 drafted" in out, out
    assert [t for t in threading.enumerate() if t.name.startswith("passerelle")] == []


def test_a_3_mb_answer_is_not_read_past_the_size_limit(
    server: MTServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.script = ["big:3000000"]
    code, out = draft(capsys, *args("deepl", server, po, "--retries", "0"))
    assert code == 1, out
    assert "the answer is larger than 2 MiB" in out
    assert po.read_text(encoding="utf-8") == CATALOG
    assert sum(p.stat().st_size for p in tmp_path.rglob("*") if p.is_file()) < 100_000
