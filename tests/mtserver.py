"""A loopback machine-translation server for the drafting tests (LibreTranslate and DeepL APIs).

It "translates" by prefixing each line with ``[<target>]``, so drafts are predictable, and obeys a
script of misbehaviours for the next requests: ``429:<seconds>`` (with Retry-After), ``500``,
``sleep:<seconds>`` (then answers), ``garbage`` (not JSON), ``echo-key`` (the key appended to
every translation), ``echo-key-error`` (HTTP 400 whose body repeats the request line and key),
``big:<chars>`` (each translation that many characters long), ``surrogate`` (a JSON ``\\ud800``
escape in every translation), ``trickle-head:<seconds>:<bytes>`` and
``trickle-body:<seconds>:<bytes>`` (the status line or the body sent one byte per interval, at
most that many bytes, then the connection is closed). A line containing ``CASSE`` comes back
without its first placeholder token, as a careless engine would send it.

It keeps DeepL glossaries as the v2 API does (``POST``/``GET /v2/glossaries``, ``GET`` and
``DELETE /v2/glossaries/<id>``, ``GET /v2/glossaries/<id>/entries`` in TSV,
``GET /v2/glossary-language-pairs``), for the pairs in ``glossary_pairs`` only; a translation
asked with a ``glossary_id`` shows each glossary term it replaced as ``⟦target term⟧``.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

_TOKEN = re.compile(r'\[X\d+X\]|<x i="\d+"\s*/>|</?[a-z]+\d+/?>')


@dataclass
class Seen:
    """One request as the server received it."""

    path: str
    texts: list[str]
    target: str
    raw: str  # request line and body, to look for leaked secrets
    headers: dict[str, str]
    at: float
    method: str = "POST"
    fields: dict[str, Any] = field(default_factory=dict)  # the query, form or JSON fields


@dataclass
class MTServer:
    """State shared with the handler threads."""

    key: str | None = None
    script: list[str] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""
    latency: float = 0.0  # seconds added to every answer (benchmarks)
    glossaries: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> glossary
    created: int = 0  # glossaries ever created (ids never repeat)
    glossary_pairs: set[tuple[str, str]] = field(
        default_factory=lambda: {("fr", t) for t in ("de", "en", "es", "it", "ja", "zh")}
    )

    def requests(self, method: str, path: str) -> list[Seen]:
        """The requests seen with that method and path."""
        with self.lock:
            return [s for s in self.seen if s.method == method and s.path == path]

    def next_action(self) -> str:
        with self.lock:
            return self.script.pop(0) if self.script else "ok"


def fake_translate(text: str, target: str) -> str:
    lines = []
    for line in text.split("\n"):
        if "CASSE" in line:
            line = _TOKEN.sub("", line, count=1)
        lines.append(f"[{target}] {line}")
    return "\n".join(lines)


def apply_glossary(text: str, entries: dict[str, str]) -> str:
    """``text`` with each glossary term, longest first, replaced by ``⟦its target term⟧``."""
    for term in sorted(entries, key=len, reverse=True):
        text = text.replace(term, f"⟦{entries[term]}⟧")
    return text


def _answer(
    path: str,
    texts: list[Any],
    target: str,
    action: str,
    key: str | None,
    entries: dict[str, str] | None = None,
) -> bytes:
    """The JSON body of a successful answer, bent as ``action`` asks."""

    def translate(text: str) -> str:
        if action.startswith("big:"):
            return "x" * int(action.split(":")[1])
        lines = fake_translate(apply_glossary(text, entries or {}), target).split("\n")
        if action == "echo-key":
            lines = [f"{line} {key}" for line in lines]
        if action == "surrogate":
            lines = [f"{line} LONE" for line in lines]
        return "\n".join(lines)

    if path.endswith("/v2/translate"):
        answer: dict[str, Any] = {
            "translations": [
                {
                    "text": translate(str(t)),
                    "detected_source_language": "FR",
                    "billed_characters": len(str(t)),
                }
                for t in texts
            ]
        }
    else:
        answer = {"translatedText": translate(str(texts[0]))}
    # json.dumps cannot write a lone surrogate escape: put it in the serialised text
    return json.dumps(answer).replace(" LONE", " \\ud800").encode("utf-8")


def _handler(server: MTServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return None

        def do_GET(self) -> None:
            self._handle("GET")

        def do_DELETE(self) -> None:
            self._handle("DELETE")

        def do_POST(self) -> None:
            self._handle("POST")

        def _handle(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8")
            url = urlsplit(self.path)
            params = {k: v[0] for k, v in parse_qs(url.query).items()}
            if self.headers.get("Content-Type", "").startswith("application/json"):
                payload: dict[str, Any] = json.loads(body or "{}")
            else:
                payload = {k: v[0] for k, v in parse_qs(body).items()}
            payload = {**params, **payload}
            texts = payload.get("text") or [payload.get("q", "")]
            target = str(payload.get("target_lang") or payload.get("target") or "")
            with server.lock:
                server.seen.append(
                    Seen(
                        url.path,
                        list(texts),
                        target,
                        self.requestline + "\n" + body,
                        dict(self.headers),
                        time.monotonic(),
                        method,
                        payload,
                    )
                )
            action = server.next_action()
            time.sleep(server.latency)
            if action.startswith("429"):
                self._send(429, b'{"error": "slow down"}', {"Retry-After": action.split(":")[1]})
                return
            if action == "500":
                self._send(500, b'{"error": "boom"}')
                return
            if action == "garbage":
                self._send(200, b"<html>this is not json")
                return
            if action.startswith("sleep"):
                time.sleep(float(action.split(":")[1]))
            if action.startswith("trickle"):
                _, seconds, count = action.split(":")
                self._trickle(action.startswith("trickle-head"), float(seconds), int(count))
                return
            if not self._authorised(payload):
                self._send(403, b'{"error": "bad key"}')
                return
            if action == "echo-key-error":
                echo = f"bad request: {self.requestline} (key {server.key})"
                self._send(400, json.dumps({"message": echo}).encode("utf-8"))
                return
            if url.path.startswith(("/v2/glossaries", "/v2/glossary-language-pairs")):
                self._send(*glossary_answer(server, method, url.path, payload))
                return
            entries: dict[str, str] = {}
            if payload.get("glossary_id"):
                glossary = server.glossaries.get(str(payload["glossary_id"]))
                base = target.split("-")[0].lower()
                if glossary is None or glossary["target_lang"] != base:
                    self._send(400, b'{"message": "Invalid glossary_id"}')
                    return
                entries = glossary["entries"]
            self._send(200, _answer(url.path, texts, target, action, server.key, entries))

        def _trickle(self, head: bool, seconds: float, count: int) -> None:
            """Bytes so slowly that no single read ever times out; stops by itself."""
            prefix = b"" if head else b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"
            try:
                self.wfile.write(prefix)
                self.wfile.flush()
                for _ in range(count):
                    time.sleep(seconds)
                    self.wfile.write(b"H" if head else b" ")
                    self.wfile.flush()
            except OSError:
                pass  # the client hung up, as it should
            self.close_connection = True

        def _authorised(self, payload: dict[str, Any]) -> bool:
            if server.key is None:
                return True
            header = self.headers.get("Authorization", "")
            return payload.get("api_key") == server.key or header == f"DeepL-Auth-Key {server.key}"

        def _send(
            self,
            status: int,
            body: bytes,
            headers: dict[str, str] | None = None,
            content_type: str = "application/json",
        ) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (a timeout test)

    return Handler


def _info(glossary_id: str, glossary: dict[str, Any]) -> dict[str, Any]:
    fields = ("name", "source_lang", "target_lang")
    return {
        "glossary_id": glossary_id,
        **{name: glossary[name] for name in fields},
        "ready": True,
        "creation_time": "2025-10-11T08:00:00.000Z",
        "entry_count": len(glossary["entries"]),
    }


def _created(server: MTServer, payload: dict[str, Any]) -> tuple[int, bytes]:
    """``POST /v2/glossaries`` as DeepL answers it: 201 and the new glossary's information."""
    pair = (
        str(payload.get("source_lang", "")).lower(),
        str(payload.get("target_lang", "")).lower(),
    )
    if pair not in server.glossary_pairs:
        return 400, b'{"message": "Unsupported glossary source and target language pair"}'
    if payload.get("entries_format") != "tsv" or not payload.get("name"):
        return 400, b'{"message": "Invalid glossary"}'
    entries: dict[str, str] = {}
    for line in str(payload.get("entries", "")).splitlines():
        term, tab, rendering = line.partition("\t")
        if not tab or not term.strip() or not rendering.strip() or term in entries:
            return 400, b'{"message": "Invalid glossary entries"}'
        entries[term.strip()] = rendering.strip()
    server.created += 1
    glossary_id = f"gl-{server.created:04d}"
    glossary = {"name": payload["name"], "source_lang": pair[0], "target_lang": pair[1]}
    server.glossaries[glossary_id] = glossary | {"entries": entries}
    return 201, json.dumps(_info(glossary_id, server.glossaries[glossary_id])).encode("utf-8")


def glossary_answer(
    server: MTServer, method: str, path: str, payload: dict[str, Any]
) -> tuple[int, bytes, dict[str, str], str]:
    """Status, body, headers and content type of a DeepL v2 glossary request."""
    with server.lock:
        if path == "/v2/glossary-language-pairs" and method == "GET":
            pairs = [{"source_lang": s, "target_lang": t} for s, t in sorted(server.glossary_pairs)]
            return 200, json.dumps({"supported_languages": pairs}).encode("utf-8"), {}, JSON
        if path == "/v2/glossaries" and method == "POST":
            return (*_created(server, payload), {}, JSON)
        if path == "/v2/glossaries" and method == "GET":
            listed = [_info(i, g) for i, g in server.glossaries.items()]
            return 200, json.dumps({"glossaries": listed}).encode("utf-8"), {}, JSON
        parts = path.split("/")  # "", "v2", "glossaries", id[, "entries"]
        glossary = server.glossaries.get(parts[3]) if len(parts) > 3 else None
        if glossary is None:
            return 404, b'{"message": "Glossary not found"}', {}, JSON
        if len(parts) == 5 and parts[4] == "entries" and method == "GET":
            tsv = "\n".join(f"{s}\t{t}" for s, t in glossary["entries"].items())
            return 200, tsv.encode("utf-8"), {}, "text/tab-separated-values"
        if len(parts) == 4 and method == "GET":
            return 200, json.dumps(_info(parts[3], glossary)).encode("utf-8"), {}, JSON
        if len(parts) == 4 and method == "DELETE":
            del server.glossaries[parts[3]]
            return 204, b"", {}, JSON
        return 405, b'{"message": "Method not allowed"}', {}, JSON


JSON = "application/json"


def start(state: MTServer) -> ThreadingHTTPServer:
    """Serve ``state`` on 127.0.0.1 (a free port) in a daemon thread."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    # a short poll interval: shutting a test's server down takes no half second
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    return httpd


def serving(key: str | None = None, latency: float = 0.0) -> Iterator[MTServer]:
    """A server on 127.0.0.1 for one test or benchmark (a fixture's or a context manager's
    body): its state while in use, then shut down."""
    state = MTServer(key=key, latency=latency)
    httpd = start(state)
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
