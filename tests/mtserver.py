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


@dataclass
class MTServer:
    """State shared with the handler threads."""

    key: str | None = None
    script: list[str] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""
    latency: float = 0.0  # seconds added to every answer (benchmarks)

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


def _answer(path: str, texts: list[Any], target: str, action: str, key: str | None) -> bytes:
    """The JSON body of a successful answer, bent as ``action`` asks."""

    def translate(text: str) -> str:
        if action.startswith("big:"):
            return "x" * int(action.split(":")[1])
        lines = fake_translate(text, target).split("\n")
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

        def do_POST(self) -> None:
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
            self._send(200, _answer(url.path, texts, target, action, server.key))

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

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (a timeout test)

    return Handler


def start(state: MTServer) -> ThreadingHTTPServer:
    """Serve ``state`` on 127.0.0.1 (a free port) in a daemon thread."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
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
