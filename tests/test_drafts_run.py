"""Translation-memory drafts inside ``passerelle run``'s per-document jobs (two workers)."""

from __future__ import annotations

from pathlib import Path

from helpers import run_cli
from passerelle.po.catalog import read_catalog, write_catalog

TOML = """\
source-lang = "fr"
languages = ["de", "ja"]
draft-languages = ["de", "ja"]
"""

DOCS = {
    f"d{n}.txt": f"Texte propre au document {n}.\n\nLes délégués ont visité une {adj} exposition.\n"
    for n, adj in enumerate(["belle", "grande", "vaste", "petite", "nouvelle"])
}


def test_run_drafts_each_document_from_the_shared_memory(tmp_path: Path) -> None:
    (tmp_path / "passerelle.toml").write_text(TOML, encoding="utf-8")
    (tmp_path / "source").mkdir()
    for name, text in DOCS.items():
        (tmp_path / "source" / name).write_text(text, encoding="utf-8")
    first = run_cli(tmp_path, "--jobs", "2", "run")
    assert first.returncode in (0, 1), first.stderr
    assert "draft: de, ja (tm): 0 drafted" in first.stdout
    human = tmp_path / "locales" / "de" / "d0.po"
    catalog = read_catalog(human)
    [entry] = [e for e in catalog if "belle exposition" in e.msgid]
    entry.msgstr = "Die Delegierten besuchten eine schöne Ausstellung."
    write_catalog(human, catalog)
    second = run_cli(tmp_path, "--jobs", "2", "run")
    assert second.returncode in (0, 1), second.stderr
    assert "draft: de, ja (tm): 4 drafted" in second.stdout
    for n in range(1, 5):
        drafted = [e for e in read_catalog(tmp_path / "locales" / "de" / f"d{n}.po") if e.fuzzy]
        assert [e.msgstr for e in drafted] == [entry.msgstr]
        assert drafted[0].tcomment.startswith("machine draft: tm, ")
        assert "% match" in drafted[0].tcomment
        built = (tmp_path / "build" / "de" / f"d{n}.txt").read_text(encoding="utf-8")
        assert "exposition" in built  # a fuzzy draft is not published
    assert not any(e.fuzzy for e in read_catalog(tmp_path / "locales" / "ja" / "d1.po"))
    files = sorted(p for p in tmp_path.rglob("*") if p.is_file() and ".cache" not in p.parts)
    snapshot = {p: p.read_bytes() for p in files}
    third = run_cli(tmp_path, "--jobs", "2", "run")
    assert "nothing changed since the last run" in third.stdout
    (tmp_path / "source" / "d4.txt").write_text(DOCS["d4.txt"] + "\nUn ajout.\n", "utf-8")
    fourth = run_cli(tmp_path, "--jobs", "2", "run")
    assert "draft: de, ja (tm): 0 drafted" in fourth.stdout  # the memory did not change
    unchanged = [p for p in files if "d4" not in p.name]
    assert {p: p.read_bytes() for p in unchanged} == {p: snapshot[p] for p in unchanged}
