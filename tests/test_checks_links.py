"""A translated link keeps a safe scheme and the source's host: ``check`` reports one that does
not, and ``build`` keeps the source's link instead (with a warning), in HTML and in XML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import run_cli, run_steps_inline
from passerelle.config import load_config
from passerelle.errors import ConfigError
from passerelle.po.catalog import read_catalog, write_catalog
from passerelle.urls import url_problem

ITS = 'xmlns:its="http://www.w3.org/2005/11/its"'
HTML_RULES = (
    f'<its:rules {ITS} xmlns:h="http://www.w3.org/1999/xhtml" version="2.0">'
    '<its:translateRule selector="//h:a/@href" translate="yes"/></its:rules>'
)
XML_RULES = (
    f'<its:rules {ITS} version="2.0">'
    '<its:translateRule selector="//link/@href" translate="yes"/></its:rules>'
)
TOML = """\
source-lang = "fr"
languages = ["en"]
segment = "paragraph"
its-rules = ["links.its"]
allowed-hosts = ["partenaire.example", "*.exemple.org"]
"""

#: source link -> translation, for links a translation may not change that way
REFUSED = {
    "https://exemple.fr/modules": "javascript:alert(document.cookie)//https://exemple.fr/modules",
    "https://exemple.fr/cours": "https://evil.example/phish?u=https://exemple.fr/modules",
    "https://exemple.fr/aide": "//evil.example/x",
    "https://exemple.fr/plan": " JaVaScRiPt:alert(1)",
    "https://exemple.fr/faq": "java\tscript:alert(1)",
}
#: ...and for links it may localise
ACCEPTED = {
    "/contact": "/en/contact",
    "https://exemple.fr/blog": "https://EXEMPLE.fr/en/blog",
    "https://exemple.fr/equipe": "https://partenaire.example/team",
    "https://exemple.fr/agenda": "https://www.exemple.org/en/agenda",
}


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        *REFUSED.items(),
        ("https://exemple.fr/x", "java\nscript:alert(1)"),
        ("https://exemple.fr/x", "\x01javascript:alert(1)"),
        ("https://exemple.fr/x", "data:text/html,<script>alert(1)</script>"),
        ("https://exemple.fr/x", "https://exemple.fr@evil.example/x"),
        ("https://exemple.fr/x", "https:\\\\evil.example/x"),
        ("https://exemple.fr/x", "/\\evil.example/x"),
        ("https://exemple.fr/x", "https:evil.example"),
        ("https://exemple.fr/x", "https://evil%2Eexample/x"),
        ("/x", "https://evil.example/x"),
        ("mailto:contact@exemple.fr", "mailto:contact@exemple.fr,moi@evil.example"),
        ("https://exemple.fr/x", "https://exemple.org/x"),
    ],
)
def test_unsafe_links_are_refused(source: str, translation: str) -> None:
    assert url_problem(source, translation, ("partenaire.example", "*.exemple.org"))


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        *ACCEPTED.items(),
        ("https://exemple.fr/x", "en/x"),
        ("https://exemple.fr/x", "  https://exemple.fr./en/x#haut"),
        ("https://exemple.fr/x", "//exemple.fr/en/x"),
        ("mailto:contact@exemple.fr", "mailto:contact@EXEMPLE.fr?subject=Hello"),
        ("https://exemple.fr/x", "?lang=en"),
    ],
)
def test_localised_links_are_accepted(source: str, translation: str) -> None:
    assert url_problem(source, translation, ("partenaire.example", "*.exemple.org")) is None


def _page(fmt: str) -> str:
    links = list(REFUSED) + list(ACCEPTED)
    if fmt == "html":
        items = "".join(f'<li><a href="{url}">Lien {n}</a></li>' for n, url in enumerate(links))
        return f'<!DOCTYPE html><html lang="fr"><body><ul>{items}</ul></body></html>\n'
    items = "".join(f'<link href="{url}">Lien {n}</link>' for n, url in enumerate(links))
    return f"<doc>{items}</doc>\n"


@pytest.fixture(params=["html", "xml"])
def site(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    """A project whose links are translatable, each link translated as the tables say."""
    fmt = str(request.param)
    (tmp_path / "passerelle.toml").write_text(TOML, encoding="utf-8")
    rules = HTML_RULES if fmt == "html" else XML_RULES
    (tmp_path / "links.its").write_text(rules, encoding="utf-8")
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / f"page.{fmt}").write_text(_page(fmt), encoding="utf-8")
    config = load_config(tmp_path)
    run_steps_inline(config, "extract", "update")
    path = tmp_path / "locales" / "en" / "page.po"
    catalog = read_catalog(path)
    wanted = {**REFUSED, **ACCEPTED}
    for entry in catalog:
        entry.msgstr = wanted.get(entry.msgid, entry.msgid.replace("Lien", "Link"))
    write_catalog(path, catalog)
    return tmp_path, fmt


def test_check_reports_each_unsafe_link(site: tuple[Path, str]) -> None:
    root, _ = site
    result = run_cli(root, "check")
    assert result.returncode == 1, result.stderr
    reported = [line for line in result.stdout.splitlines() if "url-unsafe" in line]
    assert len(reported) == len(REFUSED)
    for translation in REFUSED.values():
        assert any(repr(translation.strip())[:40] in line for line in reported), translation
    assert all("locales/en/page.po:" in line and ": error url-unsafe:" in line for line in reported)


def test_build_keeps_the_source_link_and_warns(site: tuple[Path, str]) -> None:
    root, fmt = site
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    built = (root / "build" / "en" / f"page.{fmt}").read_text(encoding="utf-8")
    for source in REFUSED:
        assert f'href="{source}"' in built
        said = f"translation of {source!r} not used"
        assert re.search(rf"warning: locales/en/page\.po:\d+: {re.escape(said)}", result.stderr)
    for translation in ACCEPTED.values():
        assert f'href="{translation}"' in built
    assert "javascript" not in built.lower() and "evil" not in built
    assert ">Link 0<" in built  # the element's text is still translated


def test_file_mode_build_keeps_the_source_link(site: tuple[Path, str]) -> None:
    root, fmt = site
    po, rules = "locales/en/page.po", "links.its"
    result = run_cli(root, "build", f"source/page.{fmt}", "--po", po, "--its-rules", rules)
    assert result.returncode == 0, result.stderr
    assert "javascript" not in result.stdout.lower() and "evil" not in result.stdout
    assert all(f'href="{source}"' in result.stdout for source in REFUSED)
    assert 'href="/en/contact"' in result.stdout


def test_allowed_hosts_must_be_host_names(tmp_path: Path) -> None:
    (tmp_path / "passerelle.toml").write_text(
        'languages = ["en"]\nallowed-hosts = ["https://exemple.org/"]\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="allowed-hosts: 'https://exemple.org/' is not a host"):
        load_config(tmp_path)
    (tmp_path / "passerelle.toml").write_text('languages = ["en"]\n', encoding="utf-8")
    assert load_config(tmp_path).allowed_hosts == ()
