"""``passerelle serve`` over real HTTP: who may talk to it, what a save writes, what a preview
shows. The server runs on 127.0.0.1 in the test's process; the client is http.client, so every
header (Host, Origin, Cookie) is exactly what the test sends."""

from __future__ import annotations

import difflib
import http.client
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import polib
import pytest

from helpers import msgfmt_check, run_cli
from mtserver import serving as mt_serving
from passerelle.po.catalog import read_catalog, write_catalog
from passerelle.serve.security import csrf_token
from passerelle.steps.drafts.base import EngineSettings
from serve_site import ARTICLE, GUIDE_UNIT, Client, make_project, serving

TITLE = "Les membres de l'IBLAC explorent le potentiel de l'IA sur le Bund Ouest de Shanghai"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project for the tests that only read."""
    return make_project(tmp_path_factory.mktemp("site"), guide=True)


def test_a_request_without_the_token_is_refused(site: Path) -> None:
    with serving(site) as running:
        client = Client(running)
        for path in ("/", "/api/session", f"/api/units?lang=de&doc={ARTICLE}", "/static/app.js"):
            assert client.request("GET", path).status == 403, path
        assert client.request("GET", "/?token=wrong").status == 403
        entered = client.request("GET", f"/?token={running.token}&lang=de")
        assert entered.status == 303
        assert entered.headers["location"] == "/?lang=de"  # the token leaves the address
        cookie = entered.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        client.cookie = cookie.split(";", 1)[0]
        assert client.get("/api/session").status == 200
        client.cookie = client.cookie[:-2] + "xx"
        assert client.get("/api/session").status == 403


def test_a_request_naming_another_host_is_refused(site: Path) -> None:
    with serving(site) as running:
        client = Client(running).login()
        for host in (
            f"evil.example:{client.port}",
            f"127.0.0.1.evil.example:{client.port}",
            "127.0.0.1",
            f"localhost:{client.port + 1}",
        ):
            answer = client.request("GET", "/api/session", headers={"Host": host})
            assert answer.status == 421, host
        assert (
            client.request(
                "GET", "/api/session", headers={"Host": f"localhost:{client.port}"}
            ).status
            == 200
        )


def test_a_cross_site_post_is_refused(site: Path) -> None:
    path = site / "locales" / "de" / f"{ARTICLE}.po"
    before = path.read_bytes()
    with serving(site) as running:
        client = Client(running).login()
        unit = client.unit(ARTICLE, "de", TITLE)
        body = (
            f'{{"lang": "de", "doc": "{ARTICLE}", "msgid": "{unit["msgid"]}", "msgstr": "Gekapert",'
            f' "base_msgstr": "{unit["msgstr"]}"}}'
        ).encode()
        evil = {"Origin": "http://evil.example", "Content-Type": "text/plain"}
        good = csrf_token(running.token)
        for headers in (
            evil,  # a form or fetch from another site: no CSRF token
            {**evil, "X-CSRF-Token": good},  # even with it, another origin
            {"X-CSRF-Token": good, "Sec-Fetch-Site": "cross-site"},
            {"X-CSRF-Token": "0" * 64},
        ):
            assert client.request("POST", "/api/save", body, headers).status == 403, headers
    assert path.read_bytes() == before


def test_no_path_leaves_the_project(site: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("outside", encoding="utf-8")
    with serving(site) as running:
        client = Client(running).login()
        assert client.get("/preview/de/fig1.jpg").status == 200  # a figure of the page
        for path in (
            "/preview/de/../../passerelle.toml",
            "/preview/de/%2e%2e/passerelle.toml",
            "/preview/de/..%2f..%2fpasserelle.toml",
            "/preview/de/%2Fetc%2Fpasswd",
            "/preview/de//etc/passwd",
            f"/preview/de/{secret}",
            "/preview/xx/fig1.jpg",
            "/preview/de/../../locales/de/iblac-west-bund.po",
            "/api/units?lang=de&doc=../passerelle",
            "/static/../serve/app.py",
        ):
            answer = client.request("GET", path)
            assert answer.status == 404, (path, answer.status)
        link = site / "source" / "escape.jpg"
        os.symlink(secret, link)  # a link committed in the project, leading out of it
        try:
            answer = client.request("GET", "/preview/de/escape.jpg")
        finally:
            link.unlink()
        assert answer.status == 404 and b"outside" not in answer.body


def test_an_injected_script_is_shown_as_text(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    with serving(root) as running:
        client = Client(running).login()
        unit = client.unit(ARTICLE, "de", TITLE)
        # a forged unit mark too: the page must not grow a span the catalog does not have
        attack = '<script>alert("x")</script><img src=x onerror=alert(1)> \ue0009\ue001Titel'
        assert client.save(ARTICLE, "de", unit, attack).status == 200
        page = client.get(f"/preview/de/{ARTICLE}.html").text
    assert "<script>" not in page and "<img src=x" not in page
    assert '&lt;script&gt;alert("x")&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;' in page
    assert "\ue000" not in page and page.count('data-unit="9"') == 1


def _changed_lines(before: str, after: str) -> list[str]:
    """The lines of ``before`` that ``after`` replaced or removed."""
    old, new = before.splitlines(), after.splitlines()
    changed = []
    for op, i1, i2, _, _ in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op != "equal":
            changed.extend(old[i1:i2])
    return changed


def test_a_save_changes_its_entry_and_header_only(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    path = root / "locales" / "de" / f"{ARTICLE}.po"
    before = path.read_text(encoding="utf-8")
    with serving(root) as running:
        client = Client(running).login()
        unit = client.unit(ARTICLE, "de", TITLE)
        answer = client.save(ARTICLE, "de", unit, "Ein neuer Titel für den Bund")
        assert answer.status == 200, answer.text
        assert answer.json()["unit"]["state"] == "translated"
    after = path.read_text(encoding="utf-8")
    changed = _changed_lines(before, after)
    assert [line.split(":")[0] for line in changed[:2]] == ['"PO-Revision-Date', '"Last-Translator']
    assert changed[2:] == [
        'msgstr "IBLAC-Mitglieder erkunden das KI-Potenzial am West Bund in Shanghai"'
    ]
    assert 'msgstr "Ein neuer Titel für den Bund"' in after
    assert '"Last-Translator: Ada Test <ada@example.org>\\n"' in after
    done = msgfmt_check(path)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert polib.pofile(str(path)).find(TITLE).msgstr == "Ein neuer Titel für den Bund"


def test_a_second_save_from_a_stale_copy_is_a_conflict(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    path = root / "locales" / "de" / f"{ARTICLE}.po"
    with serving(root) as running:
        first, second = Client(running).login(), Client(running).login()
        unit = first.unit(ARTICLE, "de", TITLE)
        stale = second.unit(ARTICLE, "de", TITLE)
        assert first.save(ARTICLE, "de", unit, "Erste Fassung").status == 200
        # another editor changes a different entry meanwhile: no conflict for it, nothing lost
        catalog = read_catalog(path)
        other = catalog[3]
        other.msgstr = "Von Hand geändert."
        write_catalog(path, catalog)
        answer = second.save(ARTICLE, "de", stale, "Zweite Fassung")
        assert answer.status == 409
        assert answer.json() == {
            "conflict": True,
            "theirs": {"msgstr": "Erste Fassung", "fuzzy": False},
            "yours": {"msgstr": "Zweite Fassung", "fuzzy": False},
        }
        saved = read_catalog(path)
        assert saved.find(TITLE).msgstr == "Erste Fassung"  # type: ignore[union-attr]
        # keeping mine on purpose: the base is now what the file holds
        kept = second.save(ARTICLE, "de", stale, "Zweite Fassung", base_msgstr="Erste Fassung")
        assert kept.status == 200
    final = read_catalog(path)
    assert final.find(TITLE).msgstr == "Zweite Fassung"  # type: ignore[union-attr]
    assert final.find(other.msgid).msgstr == "Von Hand geändert."  # type: ignore[union-attr]


def test_placeholders_are_checked_on_the_server(tmp_path: Path) -> None:
    root = make_project(tmp_path, guide=True)
    path = root / "locales" / "de" / "guide.po"
    before = path.read_bytes()
    with serving(root) as running:
        client = Client(running).login()
        unit = client.unit("guide", "de", GUIDE_UNIT)
        assert unit["state"] == "untranslated"
        for wrong in (
            "Klicken Sie auf <b1>Speichern</b1> und starten Sie make.",  # dropped
            "Klicken Sie auf <b1>Speichern</b1> und <code2/> <code2/>.",  # doubled
            "Klicken Sie auf <b1>Speichern</b1> und <code2/> <i3>jetzt</i3>.",  # invented
            "Klicken Sie auf <b1>Speichern und </b1><b1><code2/>.",  # unbalanced
        ):
            answer = client.save("guide", "de", unit, wrong)
            assert answer.status == 422, wrong
            assert "placeholders" in answer.json()["error"]
        assert path.read_bytes() == before
        good = "Klicken Sie auf <b1>Speichern</b1> und starten Sie <code2/>."
        assert client.save("guide", "de", unit, good).status == 200
        page = client.get("/preview/de/guide.html").text
    assert "Klicken Sie auf <b>Speichern</b> und starten Sie <code>make</code>." in page


def test_approving_clears_fuzzy_and_the_previous_french(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    path = root / "locales" / "de" / f"{ARTICLE}.po"
    catalog = read_catalog(path)
    entry = catalog.find(TITLE)
    assert entry is not None
    entry.flags.append("fuzzy")
    entry.previous_msgid = "Les membres de l'IBLAC explorent l'IA sur le Bund"
    write_catalog(path, catalog)
    with serving(root) as running:
        client = Client(running).login()
        unit = client.unit(ARTICLE, "de", TITLE)
        assert unit["state"] == "fuzzy"
        assert ["+", "le potentiel de "] in unit["previous"]
        findings = client.post(
            "/api/check", {"lang": "de", "msgid": unit["msgid"], "msgstr": unit["msgstr"]}
        ).json()["findings"]
        assert findings == []
        numbers = client.post(
            "/api/check",
            {"lang": "de", "msgid": "Le 11 octobre 2025", "msgstr": "Am 12. Oktober 2025"},
        ).json()["findings"]
        assert [f["code"] for f in numbers] == ["number-missing"]
        assert client.save(ARTICLE, "de", unit, unit["msgstr"]).status == 200
    text = path.read_text(encoding="utf-8")
    assert "#| msgid" not in text and "#, fuzzy" not in text
    assert read_catalog(path).find(TITLE).translated()  # type: ignore[union-attr]


def test_lists_search_and_memory(site: Path) -> None:
    with serving(site) as running:
        client = Client(running).login()
        docs = client.get("/api/documents", lang="de").json()["documents"]
        assert {d["name"] for d in docs} == {ARTICLE, "guide"}
        guide = next(d for d in docs if d["name"] == "guide")
        assert guide["untranslated"] == 3 and guide["translated"] == 0
        found = client.get("/api/search", lang="de", q="west bund").json()["results"]
        assert found and all(r["document"] == ARTICLE for r in found)
        assert client.get("/api/search", lang="de", q="Wirtschaftsführern").json()["results"]
        query = "Les membres de l'IBLAC explorent le potentiel de l'IA sur le Bund Est"
        matches = client.get("/api/suggest", lang="de", msgid=query).json()["matches"]
        assert matches[0]["msgstr"].startswith("IBLAC-Mitglieder")


def test_the_draft_comes_through_the_draft_cache(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    for mt in mt_serving():
        settings = EngineSettings(url=mt.url)
        with serving(root, settings=settings, engine="libre") as running:
            client = Client(running).login()
            first = client.get("/api/draft", lang="de", msgid="Une phrase <b1>nouvelle</b1>.")
            second = client.get("/api/draft", lang="de", msgid="Une phrase <b1>nouvelle</b1>.")
        assert first.json()["text"] == "[de] Une phrase <b1>nouvelle</b1>."
        assert (first.json()["cached"], second.json()["cached"]) == (False, True)
        assert len(mt.seen) == 1  # asked once: the second answer came from the cache
    assert (root / ".cache" / "passerelle" / "drafts.sqlite3").is_file()


def test_the_command_prints_an_address_that_answers(site: Path) -> None:
    refused = run_cli(site, "serve", "--lang", "it")
    assert refused.returncode == 2
    assert refused.stderr.startswith("passerelle: error: --lang: 'it' is not a language of this")
    assert refused.stderr.count("\n") == 1
    process = subprocess.Popen(
        [sys.executable, "-m", "passerelle", "serve", "--port", "0", "--translator", "T <t@x>"],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("passerelle serve: ")
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and "?token=" in url
        parts = urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        connection.request("GET", f"/?{parts.query}")
        answer = connection.getresponse()
        assert answer.status == 303 and "HttpOnly" in answer.getheader("set-cookie", "")
        connection.close()
    finally:
        process.terminate()
        process.wait(10)
