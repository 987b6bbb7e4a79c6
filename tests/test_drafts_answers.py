"""Online drafting that fails safe: a failed run says so in its exit status, every request ends on
time and reads a bounded answer, and what an engine answers is screened before anything keeps it.
The real deep-translator and DeepL clients run against a misbehaving server on 127.0.0.1."""

from __future__ import annotations

import html
import logging
import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from helpers import run_cli
from helpers import run_draft as draft
from mtserver import MTServer, serving
from passerelle.po.catalog import read_catalog
from passerelle.steps.drafts.answer import answer_problem
from passerelle.steps.drafts.cache import DraftCache
from passerelle.steps.drafts.redact import scrub

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
    yield from serving(KEY)


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


@pytest.mark.parametrize("engine", ["libre", "deepl"])
def test_a_key_echoed_by_the_server_is_rejected_and_never_kept_or_printed(
    engine: str,
    server: MTServer,
    po: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    server.script = ["echo-key"]
    code, out = draft(capsys, *args(engine, server, po))
    assert "3 rejected (suspect answer)" in out, out
    assert "the answer holds the engine's key" in out
    assert drafted(po) == {m: "" for m in drafted(po)}
    server.script = ["echo-key-error"]
    code, failed = draft(capsys, *args(engine, server, po, "--retries", "0"))
    assert code == 1 and "HTTP 400" in failed, failed
    code, good = draft(capsys, *args(engine, server, po))  # nothing bad was cached
    assert code == 0 and "3 drafted" in good and "from cache" not in good, good
    assert files_holding(tmp_path, KEY_FORMS) == []
    for form in KEY_FORMS:
        assert form not in out + failed + good
        assert form not in caplog.text


def test_a_cached_answer_holding_the_key_is_dropped_and_asked_again(
    server: MTServer, po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = draft(capsys, *args("libre", server, po))
    assert "3 drafted" in out
    database = tmp_path / "cache" / "drafts.sqlite3"
    with sqlite3.connect(database) as db:  # as a cache written before answers were screened
        db.execute("UPDATE drafts SET answer = answer || ' ' || ?", (KEY,))
    db.close()
    po.write_text(CATALOG, encoding="utf-8")
    code, out = draft(capsys, *args("libre", server, po))
    assert code == 0 and "3 drafted" in out and "from cache" not in out, out
    assert len(server.seen) == 2
    assert files_holding(tmp_path, KEY_FORMS) == []


def test_answer_bounds_hold_for_real_translations() -> None:
    real = [
        ("Entrée libre.", "இலவச அனுமதி."),  # Tamil
        ("Entrée libre.", "الدخول مجاني."),  # Arabic
        ("Rendez-vous à Paris.", "パリで会いましょう。"),  # Japanese
        ("OK", "Einverstanden, so machen wir es."),  # a short label grown into a sentence
        ("Le musée ouvre à 10 heures.", "Das Museum öffnet um 10 Uhr seine Türen für alle."),
    ]
    for sent, answer in real:
        assert answer_problem(sent, answer, [KEY]) is None, answer
    assert answer_problem(SOURCE, "x" * 120, ()) is None
    assert answer_problem(SOURCE, "x" * 121, ()) == "the answer has 121 characters for 20 sent"
    assert answer_problem("a", "a\x1b[2J", ()) == "the answer holds the control character U+001B"
    assert answer_problem("a\tb", "a\tb\r\n", ()) is None


def test_every_spelling_of_a_key_is_masked() -> None:
    spellings = [*KEY_FORMS, KEY.upper(), html.escape("<" + KEY + ">")]
    text = " | ".join(spellings)
    masked = scrub(text, [KEY])
    assert masked.count("***") == len(spellings), masked
    assert all(answer_problem("x" * 50, form, [KEY]) for form in spellings)


def test_an_answer_far_longer_than_its_source_is_rejected_not_cached(
    server: MTServer, po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.script = ["big:20000"]
    code, out = draft(capsys, *args("libre", server, po, "--batch-size", "1", "--concurrency", "1"))
    assert code == 0, out
    assert f"rejected: {SOURCE!r}: the answer has 20000 characters for 20 sent" in out
    assert "2 drafted" in out and "1 rejected (suspect answer)" in out
    assert drafted(po)[SOURCE] == ""
    code, out = draft(capsys, *args("libre", server, po))
    assert "1 drafted" in out and "from cache" not in out  # asked again, not served the junk
    assert drafted(po)[SOURCE] == f"[en] {SOURCE}"


@pytest.mark.parametrize("engine", ["libre", "deepl"])
def test_a_lone_surrogate_is_rejected_without_a_traceback(
    engine: str, server: MTServer, po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.script = ["surrogate"]
    code, out = draft(capsys, *args(engine, server, po))
    assert code == 0, out
    assert "the answer is not valid Unicode (a lone surrogate)" in out
    assert "3 rejected (suspect answer)" in out
    assert po.read_text(encoding="utf-8") == CATALOG
    code, out = draft(capsys, *args(engine, server, po))
    assert code == 0 and "3 drafted" in out and "from cache" not in out


def test_the_cache_neither_stores_nor_crashes_on_text_that_is_not_unicode(tmp_path: Path) -> None:
    cache = DraftCache(tmp_path)
    cache.put_many([("bad", "libre", "fr", "en", "x \ud800"), ("good", "libre", "fr", "en", "ok")])
    assert cache.get_many(["bad", "good"]) == {"good": "ok"}
    assert cache._db is not None
    cache._db.execute(
        "INSERT INTO drafts VALUES ('raw', 'libre', 'fr', 'en', CAST(x'ff41' AS TEXT))"
    )
    assert cache.get_many(["raw"]) == {}  # undecodable bytes on disk are skipped, not raised
    cache.close()
