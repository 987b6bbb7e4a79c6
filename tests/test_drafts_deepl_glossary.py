"""The project's terminology as a DeepL glossary: DeepL's official client, unmodified, against a
loopback server that keeps glossaries as the v2 API does (tests/mtserver.py)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import run_draft as draft
from helpers import run_steps_inline
from mtserver import MTServer, serving
from passerelle.config import load_config
from passerelle.po.catalog import read_catalog

KEY = "sekrit-KEY-4711:fx"

TOML = """\
source-lang = "fr"
languages = ["en", "ja", "de"]
draft-engine = "deepl"
terminology = ["terms.csv"]
"""

# DeepL's CSV layout; German has no terms. The second rendering of "Bund Ouest" is not the
# preferred one, and a rendering holding a line break is one DeepL would refuse.
TERMS = """\
Bund Ouest,West Bund,fr,en
Bund Ouest,the West Bank,fr,en
l'IA,AI,fr,en
Xuhui,Xuhui District,fr,en
Onglet,"Tab\nbed",fr,en
Bund Ouest,ウェストバンド,fr,ja
"""

ARTICLE = """\
Le Bund Ouest accueille la délégation.

L'IA progresse dans le district de Xuhui.
"""


@pytest.fixture
def server() -> Iterator[MTServer]:
    yield from serving(KEY)


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project in three languages whose catalogs are freshly updated (nothing translated)."""
    (tmp_path / "passerelle.toml").write_text(TOML, "utf-8")
    (tmp_path / "terms.csv").write_text(TERMS, "utf-8")
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "article.txt").write_text(ARTICLE, "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PASSERELLE_DEEPL_KEY", KEY)
    run_steps_inline(load_config(tmp_path), "extract", "update")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], server: MTServer, *extra: str) -> str:
    code, out = draft(capsys, "--engine-url", server.url, *extra)
    assert code == 0, out
    return out


def drafts(proj: Path, lang: str) -> dict[str, str]:
    catalog = read_catalog(proj / "locales" / lang / "article.po")
    return {e.msgid: e.msgstr for e in catalog if e.msgid}


def created(server: MTServer) -> list[dict[str, object]]:
    return [seen.fields for seen in server.requests("POST", "/v2/glossaries")]


def glossary_ids(server: MTServer) -> list[object]:
    return [seen.fields.get("glossary_id") for seen in server.requests("POST", "/v2/translate")]


def test_a_glossary_is_made_once_and_used_for_its_language(
    proj: Path, server: MTServer, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh = (proj / "locales" / "en" / "article.po").read_bytes()
    out = run(capsys, server, "--lang", "en")
    [made] = created(server)
    assert str(made["name"]).startswith("passerelle FR-EN ") and len(str(made["name"])) == 29
    assert (made["source_lang"], made["target_lang"]) == ("FR", "EN")
    # one rendering per term, the first listed; the elided article dropped; the line break left out
    assert made["entries"] == "Bund Ouest\tWest Bund\nIA\tAI\nXuhui\tXuhui District"
    assert glossary_ids(server) == ["gl-0001"]
    assert "created glossary 'passerelle FR-EN " in out and "(3 entries; 1 left out" in out
    assert drafts(proj, "en") == {
        "Le Bund Ouest accueille la délégation.": "[EN-US] Le ⟦West Bund⟧ accueille la délégation.",
        "L'IA progresse dans le district de Xuhui.": (
            "[EN-US] L'⟦AI⟧ progresse dans le district de ⟦Xuhui District⟧."
        ),
    }
    # the same catalog again: the cache answers, nothing is sent at all
    (proj / "locales" / "en" / "article.po").write_bytes(fresh)
    before = len(server.seen)
    out = run(capsys, server, "--lang", "en")
    assert "2 from cache" in out and len(server.seen) == before
    # without the cache: the glossary is found on the account and used, none is made
    (proj / "locales" / "en" / "article.po").write_bytes(fresh)
    out = run(capsys, server, "--lang", "en", "--no-cache")
    assert "created glossary" not in out and len(created(server)) == 1
    assert glossary_ids(server) == ["gl-0001", "gl-0001"]
    assert list(server.glossaries) == ["gl-0001"]


def test_changed_terms_make_a_new_glossary_and_new_drafts(
    proj: Path, server: MTServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.glossaries["user-1"] = {  # the user's own, named as ours would be: left alone
        "name": "passerelle FR-EN 000000000000",
        "source_lang": "fr",
        "target_lang": "en",
        "entries": {"Bund": "Dyke"},
    }
    fresh = (proj / "locales" / "en" / "article.po").read_bytes()
    run(capsys, server, "--lang", "en")
    (proj / "terms.csv").write_text(TERMS.replace("West Bund,", "Westbund,"), "utf-8")
    (proj / "locales" / "en" / "article.po").write_bytes(fresh)
    out = run(capsys, server, "--lang", "en")
    assert "from cache" not in out and "2 drafted" in out
    first, second = created(server)
    assert first["name"] != second["name"]
    assert str(second["entries"]).startswith("Bund Ouest\tWestbund\n")
    assert glossary_ids(server) == ["gl-0001", "gl-0002"]
    assert drafts(proj, "en")["Le Bund Ouest accueille la délégation."].startswith(
        "[EN-US] Le ⟦Westbund⟧"
    )
    assert set(server.glossaries) == {"user-1", "gl-0001", "gl-0002"}  # nothing deleted


def test_a_glossary_of_our_name_with_other_entries_is_not_used(
    proj: Path, server: MTServer, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh = (proj / "locales" / "en" / "article.po").read_bytes()
    run(capsys, server, "--lang", "en", "--no-cache")
    server.glossaries["gl-0001"]["entries"]["IA"] = "A.I."  # edited on DeepL's website
    (proj / "locales" / "en" / "article.po").write_bytes(fresh)
    run(capsys, server, "--lang", "en", "--no-cache")
    first, second = created(server)
    assert first == second  # the same glossary made again, as the terminology says
    assert glossary_ids(server) == ["gl-0001", "gl-0002"]
    assert "⟦AI⟧" in drafts(proj, "en")["L'IA progresse dans le district de Xuhui."]


def test_a_language_without_terms_uses_no_glossary(
    proj: Path, server: MTServer, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(capsys, server, "--lang", "de")
    assert "2 drafted" in out and "glossary" not in out
    assert [s.path for s in server.seen] == ["/v2/translate"]
    assert glossary_ids(server) == [None]


def test_an_unsupported_pair_warns_once_and_still_drafts(
    proj: Path, server: MTServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.glossary_pairs.discard(("fr", "ja"))
    fresh = (proj / "locales" / "ja" / "article.po").read_bytes()
    out = run(capsys, server, "--lang", "ja", "--batch-size", "1", "--concurrency", "2")
    warnings = [line for line in out.splitlines() if "warning" in line]
    assert warnings == [
        "draft: deepl: warning: no FR -> JA glossary (DeepL has no glossaries for this pair); "
        "drafting without the project's 1 term"
    ]
    assert "2 drafted" in out and created(server) == []
    assert glossary_ids(server) == [None, None]
    # drafted without the terms they are keyed by, they were not cached: once DeepL takes the
    # glossary, the same catalog is drafted again, with it
    server.glossary_pairs.add(("fr", "ja"))
    (proj / "locales" / "ja" / "article.po").write_bytes(fresh)
    out = run(capsys, server, "--lang", "ja")
    assert "from cache" not in out and "2 drafted" in out
    assert glossary_ids(server)[2:] == ["gl-0001"]


def test_a_refused_glossary_warns_without_the_key_and_still_drafts(
    proj: Path,
    server: MTServer,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    server.script = ["ok", "ok", "echo-key-error"]  # list, language pairs, then the creation
    out = run(capsys, server, "--lang", "en")
    assert "deepl: warning: no FR -> EN glossary (DeepL refused it: HTTP 400: " in out
    assert "(key ***)" in out and KEY not in out and KEY not in caplog.text
    assert "/v2/glossaries" in caplog.text  # the glossary requests were logged, and redacted
    assert "2 drafted" in out and glossary_ids(server) == [None]


def test_a_dry_run_names_the_glossary_sends_nothing_and_needs_no_key(
    proj: Path,
    server: MTServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PASSERELLE_DEEPL_KEY")
    monkeypatch.delenv("DEEPL_AUTH_KEY", raising=False)
    out = run(capsys, server, "--lang", "en", "--dry-run")
    assert "draft: deepl would use glossary 'passerelle FR-EN " in out
    assert "(3 entries; 1 left out" in out
    assert server.seen == []


def test_entries_deepl_would_refuse_are_left_out() -> None:
    from passerelle.steps.drafts.deepl_glossary import plan_glossary

    pairs = [
        ("Xuhui", "Xuhui District"),
        ("Onglet", "Tab\tbed"),
        (" Bund ", "Bu\u2028nd"),
        ("", "x"),
    ]
    plan = plan_glossary([*pairs, ("IA", "AI")], "EN-GB")
    assert plan is not None and plan.target == "EN"  # glossaries have no regional variants
    assert plan.entries == (("IA", "AI"), ("Xuhui", "Xuhui District")) and plan.left_out == 3
    reordered = plan_glossary([("IA", "AI"), ("Xuhui", "Xuhui District")], "EN-US")
    assert reordered is not None and reordered.name("FR") == plan.name("FR")
    assert plan_glossary(pairs[1:], "DE") is None
