"""A translation is text, and XML input cannot reach files, the network or unbounded memory."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from passerelle.errors import SourceError
from passerelle.formats.base import FormatOptions
from passerelle.formats.html import FORMAT as HTML
from passerelle.formats.xml import FORMAT as XML
from passerelle.steps.build import make_translate
from passerelle.steps.extract import Segmentation
from passerelle.units import Piece

OPTIONS = FormatOptions()
PAGE = '<html lang="fr"><body><p>Voir <a href="/x">la page</a>.</p><img alt="Logo"></body></html>'
SOURCE = "Voir <a1>la page</a1>."


def build(table: dict[tuple[str | None, str], str]) -> str:
    translate = make_translate(table, Segmentation(mode="paragraph"))
    return HTML.write(PAGE, "p.html", translate, "en", OPTIONS)


def test_script_in_msgstr_is_escaped() -> None:
    out = build({(None, SOURCE): "See <a1>the page</a1><script>alert(1)</script>."})
    assert "<script>" not in out
    assert '<a href="/x">the page</a>&lt;script&gt;alert(1)&lt;/script&gt;.' in out


def test_msgstr_cannot_forge_attributes_or_other_tags() -> None:
    forged = {
        SOURCE: 'See <a1 onclick="x()">the page</a1><img src=x onerror=y>.</a1>',
        "Logo": '"><script>alert(1)</script>',
    }
    out = HTML.write(PAGE, "p.html", lambda b: [Piece(forged[b.text])], "en", OPTIONS)
    assert "<script>" not in out and "<img src=x" not in out and "<a1" not in out
    assert "See &lt;a1 onclick=&quot;x()&quot;&gt;" not in out  # text is not attribute-escaped
    assert 'See &lt;a1 onclick="x()"&gt;the page</a>&lt;img src=x onerror=y&gt;.' in out
    assert 'alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in out


def test_writer_maps_only_the_units_own_placeholders() -> None:
    page = '<p>Un <b>gras</b>.</p><p>Deux <a href="javascript:evil()">lien</a>.</p>'
    out = HTML.write(page, "p.html", lambda b: [Piece("X <a2>y</a2> <b1>z</b1>")], "en", OPTIONS)
    first = out.split("</p>")[0]
    assert "javascript" not in first
    assert "&lt;a2&gt;y&lt;/a2&gt; <b>z</b>" in first


def test_unbalanced_translation_falls_back_with_a_warning() -> None:
    with pytest.warns(UserWarning, match="not used"):
        out = build({(None, SOURCE): "See <a1>the page."})
    assert '<p lang="fr">Voir <a href="/x">la page</a>.</p>' in out


def test_xxe_file_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    doc = (
        f'<!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]><d><p>Texte &x; ici</p><q>&x;</q></d>'
    )
    found = XML.read_blocks(doc, "d.xml", OPTIONS)
    assert all("TOP-SECRET" not in b.text for b in found)
    out = XML.write(doc, "d.xml", lambda b: [Piece(b.text.upper())], "en", OPTIONS)
    assert "TOP-SECRET" not in out and "&x;" in out


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        _Counter.hits.append(self.path)
        body = b'<!ENTITY x "NETWORK-VALUE">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Counter.hits = []
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_xxe_network_and_external_dtd_are_never_fetched(server: str) -> None:
    doc = (
        f'<!DOCTYPE d SYSTEM "{server}/ext.dtd" [<!ENTITY % p SYSTEM "{server}/p.dtd"> %p;'
        f'<!ENTITY y SYSTEM "{server}/y.txt">]><d><p>Texte &y; &x;</p></d>'
    )
    found = XML.read_blocks(doc, "d.xml", OPTIONS)
    out = XML.write(doc, "d.xml", lambda b: [Piece(b.text + " !")], "en", OPTIONS)
    assert _Counter.hits == []
    assert "NETWORK-VALUE" not in out and all("NETWORK" not in b.text for b in found)


def test_entity_expansion_bomb_is_refused_quickly() -> None:
    levels = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    ]
    doc = f"<!DOCTYPE bomb [{''.join(levels)}]><bomb><p>Boum &l9;</p></bomb>"
    started = time.perf_counter()
    try:
        found = XML.read_blocks(doc, "bomb.xml", OPTIONS)
    except SourceError as error:
        assert error.line == 1 and "bomb.xml" in str(error)
    else:
        assert all(len(b.text) < 100 for b in found)
    assert time.perf_counter() - started < 2.0
