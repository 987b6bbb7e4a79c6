"""A copy of the repository's article project served by ``passerelle serve`` on 127.0.0.1, and a
small HTTP client that talks to it as a browser would (token, cookie, CSRF header)."""

from __future__ import annotations

import http.client
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from helpers import REPO, run_steps_inline
from passerelle.config import load_config
from passerelle.serve.security import csrf_token
from passerelle.serve.server import Running, make_server

TOML = """\
source-lang = "fr"
languages = ["en", "de", "ar"]
draft-languages = ["qps"]
"""
#: Languages of six plural forms and of one, for the editor of plural entries.
PLURAL_TOML = """\
source-lang = "fr"
languages = ["ar", "ja"]
"""
ARTICLE = "iblac-west-bund"
#: A page with inline markup, so its units carry placeholders.
GUIDE = """\
<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Guide</title></head>
<body><p>Cliquez sur <b>Enregistrer</b> puis lancez <code>make</code>.</p>
<p>Une phrase simple.</p></body></html>
"""
GUIDE_UNIT = "Cliquez sur <b1>Enregistrer</b1> puis lancez <code2/>."


def make_project(root: Path, *, guide: bool = False, toml: str = TOML) -> Path:
    """The repository's sources and catalogs (and the guide page) in ``root``, brought up to
    date, so every catalog holds what ``passerelle update`` writes."""
    (root / "passerelle.toml").write_text(toml, encoding="utf-8")
    shutil.copytree(REPO / "source", root / "source")
    shutil.copytree(REPO / "locales", root / "locales", ignore=shutil.ignore_patterns(".*"))
    if guide:
        (root / "source" / "guide.html").write_text(GUIDE, encoding="utf-8")
    run_steps_inline(load_config(root), "extract", "update")
    return root


@contextmanager
def serving(root: Path, **options: Any) -> Iterator[Running]:
    """The project at ``root`` served on 127.0.0.1 (a free port) while the block runs."""
    running = make_server(load_config(root), translator="Ada Test <ada@example.org>", **options)
    thread = running.start()
    try:
        yield running
    finally:
        running.stop(thread)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


class Client:
    """Requests to a running server, with the session cookie and CSRF token once logged in."""

    def __init__(self, running: Running) -> None:
        self.running = running
        self.port = running.sock.getsockname()[1]
        self.host = f"127.0.0.1:{self.port}"
        self.cookie = ""

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": self.host}
        if self.cookie:
            sent["Cookie"] = self.cookie
        sent.update(headers or {})
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for key, value in sent.items():
            connection.putheader(key, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        answer = Answer(
            response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        )
        connection.close()
        return answer

    def login(self) -> Client:
        """Open the printed address once, as a browser does, and keep the cookie it sets."""
        answer = self.request("GET", f"/?token={self.running.token}")
        assert answer.status == 303, answer
        self.cookie = answer.headers["set-cookie"].split(";", 1)[0]
        return self

    def get(self, path: str, **params: str) -> Answer:
        return self.request("GET", path + ("?" + urlencode(params) if params else ""))

    def post(self, path: str, payload: dict[str, Any]) -> Answer:
        headers = {
            "Content-Type": "application/json",
            "X-CSRF-Token": csrf_token(self.running.token),
            "Origin": f"http://{self.host}",
        }
        return self.request("POST", path, json.dumps(payload).encode(), headers)

    def save(self, doc: str, lang: str, unit: dict[str, Any], msgstr: str, **more: Any) -> Answer:
        payload = {
            "lang": lang,
            "doc": doc,
            "id": unit["id"],
            "msgid": unit["msgid"],
            "msgctxt": unit["msgctxt"],
            "msgstr": msgstr,
            "fuzzy": False,
            "base_msgstr": unit["msgstr"],
            "base_fuzzy": unit["fuzzy"],
        }
        payload.update(more)
        return self.post("/api/save", payload)

    def unit(self, doc: str, lang: str, msgid: str) -> dict[str, Any]:
        units = self.get("/api/units", lang=lang, doc=doc).json()["units"]
        found: dict[str, Any] = next(u for u in units if u["msgid"] == msgid)
        return found
