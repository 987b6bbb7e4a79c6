"""The review app on a large document: opening a 1,000-unit document, and saving one unit.

A generated project (one HTML page of 1,000 sentences with inline markup, half of them
translated into German) is served on 127.0.0.1 by ``passerelle serve``'s own server, and a real
HTTP client asks for what the page asks for when a document is opened (its units with their
findings, the page as it will ship, the French page), then saves units one after another.
Budgets: opening answers within 1 s, a save within 200 ms (medians of repeated runs).

Run: .venv/bin/python bench/serve.py
"""

from __future__ import annotations

import http.client
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from passerelle.config import load_config  # noqa: E402
from passerelle.po.catalog import read_catalog, write_catalog  # noqa: E402
from passerelle.project.runner import run_steps  # noqa: E402
from passerelle.serve.security import csrf_token  # noqa: E402
from passerelle.serve.server import make_server  # noqa: E402

UNITS = 1000
OPEN_BUDGET = 1.0
SAVE_BUDGET = 0.200
ROUNDS = 7


def make_project(root: Path) -> None:
    """One page of ``UNITS`` paragraphs of one sentence each; every other one translated."""
    (root / "passerelle.toml").write_text(
        'source-lang = "fr"\nlanguages = ["de"]\nsegment = "paragraph"\n', encoding="utf-8"
    )
    (root / "source").mkdir()
    paragraphs = "\n".join(
        f"<p>Le paragraphe {n} explique comment <b>enregistrer</b> le fichier {n} avec"
        f" <code>make</code> puis le relire.</p>"
        for n in range(UNITS)
    )
    page = (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>Grand</title>'
        f"</head>\n<body>\n{paragraphs}\n</body></html>\n"
    )
    (root / "source" / "big.html").write_text(page, encoding="utf-8")
    config = load_config(root)
    for _ in run_steps(config, ("extract", "update"), workers=1):
        pass
    path = root / "locales" / "de" / "big.po"
    catalog = read_catalog(path)
    for index, entry in enumerate(catalog):
        if index % 2 == 0 and entry.msgid.startswith("Le paragraphe"):
            entry.msgstr = entry.msgid.replace("Le paragraphe", "Absatz").replace(
                "explique comment", "erklärt, wie man"
            )
    write_catalog(path, catalog)


class Client:
    def __init__(self, port: int, token: str) -> None:
        self.port = port
        self.token = token
        self.cookie = f"passerelle-{port}={token}"

    def call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> bytes:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": self.cookie}
        body = None
        if payload is not None:
            body = json.dumps(payload).encode()
            headers["Content-Type"] = "application/json"
            headers["X-CSRF-Token"] = csrf_token(self.token)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        if response.status != 200:
            raise SystemExit(f"{method} {path}: HTTP {response.status}: {data[:200]!r}")
        return data


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        make_project(root)
        running = make_server(load_config(root), translator="Bench <bench@example.org>")
        thread = running.start()
        try:
            client = Client(running.sock.getsockname()[1], running.token)
            opening = [_open(client) for _ in range(ROUNDS)]
            units = json.loads(client.call("GET", "/api/units?lang=de&doc=big"))["units"]
            saves = [_save(client, units[n * 2 + 1], n) for n in range(ROUNDS * 2)]
        finally:
            running.stop(thread)
    open_time, save_time = statistics.median(opening), statistics.median(saves)
    print(f"units in the document: {len(units)}")
    print(
        f"open a document (units + page + French page): median {open_time * 1000:.0f} ms,"
        f" worst {max(opening) * 1000:.0f} ms (budget {OPEN_BUDGET * 1000:.0f} ms)"
    )
    print(
        f"save one unit: median {save_time * 1000:.0f} ms, worst {max(saves) * 1000:.0f} ms"
        f" (budget {SAVE_BUDGET * 1000:.0f} ms)"
    )
    failed = len(units) < UNITS or open_time > OPEN_BUDGET or save_time > SAVE_BUDGET
    print("serve: " + ("OVER BUDGET" if failed else "within budget"))
    return 1 if failed else 0


def _open(client: Client) -> float:
    start = time.perf_counter()
    client.call("GET", "/api/units?lang=de&doc=big")
    client.call("GET", "/preview/de/big.html")
    client.call("GET", "/preview/de/big.html?french=1")
    return time.perf_counter() - start


def _save(client: Client, unit: dict[str, Any], n: int) -> float:
    text = unit["msgid"].replace("Le paragraphe", f"Absatz (Fassung {n})")
    payload = {
        "lang": "de",
        "doc": "big",
        "id": unit["id"],
        "msgid": unit["msgid"],
        "msgctxt": unit["msgctxt"],
        "msgstr": text,
        "fuzzy": False,
        "base_msgstr": unit["msgstr"],
        "base_fuzzy": unit["fuzzy"],
    }
    start = time.perf_counter()
    client.call("POST", "/api/save", payload)
    return time.perf_counter() - start


if __name__ == "__main__":
    raise SystemExit(main())
