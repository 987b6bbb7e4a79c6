"""A loopback language-model server for the drafting tests: OpenAI's chat completions
(``/v1/chat/completions``) and Anthropic's messages (``/v1/messages``), as their official clients
call them.

It reads the units from the last user message (JSON), "translates" each by prefixing ``[<tag>]``
(the tag is the target language code found in the system prompt's parentheses) and answers in
the shape asked: OpenAI's JSON content, Anthropic's forced tool call. It obeys a script of
misbehaviours for the next requests: ``429:<seconds>`` (with Retry-After), ``500``, ``garbage``
(an answer that is not JSON), ``missing`` (one unit left out), ``echo-key`` (the key appended to
every translation). A unit containing ``CASSE`` comes back without its first placeholder token.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_TOKEN = re.compile(r"\[X\d+X\]")
_TARGET = re.compile(r"into [^(]*\(([^)]+)\)")


@dataclass
class Asked:
    """One request as the server received it."""

    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    raw: str

    def payload(self) -> dict[str, Any]:
        """The JSON of the last user message."""
        last = [m for m in self.body["messages"] if m["role"] == "user"][-1]
        content = last["content"]
        if isinstance(content, list):
            content = "".join(part.get("text", "") for part in content)
        return dict(json.loads(content))


@dataclass
class LLMServer:
    """State shared with the handler threads."""

    key: str | None = None
    script: list[str] = field(default_factory=list)
    seen: list[Asked] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""

    def next_action(self) -> str:
        with self.lock:
            return self.script.pop(0) if self.script else "ok"


def _translations(asked: Asked, action: str, key: str | None) -> Any:
    system = asked.body.get("system") or next(
        (m["content"] for m in asked.body["messages"] if m["role"] == "system"), ""
    )
    found = _TARGET.search(str(system))
    tag = found.group(1) if found else "??"
    items = []
    for unit in asked.payload()["units"]:
        text = str(unit["text"])
        if "CASSE" in text:
            text = _TOKEN.sub("", text, count=1)
        text = f"[{tag}] {text}" + (f" {key}" if action == "echo-key" else "")
        items.append({"id": unit["id"], "text": text})
    if action == "missing":
        items = items[1:]
    return {"translations": items}


def _openai_answer(asked: Asked, action: str, key: str | None) -> dict[str, Any]:
    content = (
        "Here you go!" if action == "garbage" else json.dumps(_translations(asked, action, key))
    )
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 0,
        "model": asked.body.get("model", ""),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _anthropic_answer(asked: Asked, action: str, key: str | None) -> dict[str, Any]:
    tool = asked.body["tools"][0]["name"]
    block: dict[str, Any] = {
        "type": "tool_use",
        "id": "toolu_1",
        "name": tool,
        "input": _translations(asked, action, key),
    }
    if action == "garbage":
        block = {"type": "text", "text": "Here you go!"}
    return {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": asked.body.get("model", ""),
        "content": [block],
        "stop_reason": "tool_use",
        "stop_sequence": None,
        "usage": {"input_tokens": 1, "output_tokens": 1},
    }


def _handler(server: LLMServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return None

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode("utf-8")
            asked = Asked(self.path, json.loads(raw), dict(self.headers), raw)
            with server.lock:
                server.seen.append(asked)
            action = server.next_action()
            if action.startswith("429"):
                retry = {"Retry-After": action.split(":")[1]}
                self._send(429, {"error": {"message": "slow down"}}, retry)
            elif action == "500":
                self._send(500, {"error": {"message": "boom"}})
            elif not self._authorised():
                self._send(401, {"error": {"message": "bad key"}})
            elif self.path.endswith("/chat/completions"):
                self._send(200, _openai_answer(asked, action, server.key))
            elif self.path.endswith("/messages"):
                self._send(200, _anthropic_answer(asked, action, server.key))
            else:
                self._send(404, {"error": {"message": "no such endpoint"}})

        def _authorised(self) -> bool:
            if server.key is None:
                return True
            bearer = self.headers.get("Authorization", "") == f"Bearer {server.key}"
            return bearer or self.headers.get("x-api-key", "") == server.key

        def _send(
            self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
        ) -> None:
            data = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler


def serving(key: str | None = None) -> Iterator[LLMServer]:
    """A server on 127.0.0.1 (a free port) for one test: its state while in use."""
    state = LLMServer(key=key)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
