"""Catalogs saved by someone else while a command works on them are never overwritten.

Each test saves the catalog at a moment it controls, inside the command's window between reading
the file and writing it, and checks that the save survives and the command's own work is there.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from passerelle.config import Config
from passerelle.errors import CatalogError
from passerelle.po.catalog import Catalog, parse_catalog, read_catalog, write_catalog
from passerelle.po.revise import ATTEMPTS, revise_catalog
from passerelle.project.documents import update_in_memory
from passerelle.project.layout import Layout, SourceDocument
from passerelle.steps.update.tree import plan_merge, run_merge

HEADER = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def catalog_text(*pairs: tuple[str, str]) -> str:
    return HEADER + "".join(f'msgid "{i}"\nmsgstr "{s}"\n\n' for i, s in pairs).rstrip("\n") + "\n"


def msgstr(path: Path, msgid: str) -> str:
    return next(e.msgstr for e in read_catalog(path) if e.msgid == msgid)


def test_a_save_during_the_change_is_kept_and_the_change_redone(tmp_path: Path) -> None:
    path = tmp_path / "en.po"
    path.write_text(catalog_text(("Un.", ""), ("Deux.", "")), encoding="utf-8")
    seen: list[str] = []

    def fill_two(current: Catalog | None) -> Catalog | None:
        assert current is not None
        seen.append(current[0].msgstr)
        if len(seen) == 1:  # the translator saves while this change is being worked out
            path.write_text(catalog_text(("Un.", "One."), ("Deux.", "")), encoding="utf-8")
        current[1].msgstr = "Two."
        return current

    catalog, written = revise_catalog(path, fill_two)
    assert written and catalog is not None
    assert seen == ["", "One."]  # done again, from the file as saved
    assert (msgstr(path, "Un."), msgstr(path, "Deux.")) == ("One.", "Two.")


def test_a_file_that_never_settles_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "en.po"
    path.write_text(catalog_text(("Un.", "")), encoding="utf-8")
    rounds: list[int] = []

    def keeps_moving(current: Catalog | None) -> Catalog | None:
        assert current is not None
        rounds.append(1)
        path.write_text(catalog_text(("Un.", f"save {len(rounds)}")), encoding="utf-8")
        current[0].msgstr = "mine"
        return current

    with pytest.raises(CatalogError, match="changed on disk"):
        revise_catalog(path, keeps_moving)
    assert len(rounds) == ATTEMPTS
    assert msgstr(path, "Un.") == f"save {ATTEMPTS}"
    assert [p.name for p in tmp_path.iterdir()] == ["en.po"]


class _SavingTemplate(Catalog):
    """A template whose first reading saves the catalog, as a translator would at that moment."""

    def __init__(self, template: Catalog, save: Path, text: str) -> None:
        super().__init__()
        self.extend(template)
        self.metadata = dict(template.metadata)
        self.pending = (save, text)

    def __iter__(self) -> Iterator[object]:  # type: ignore[override]
        if self.pending is not None:
            path, text = self.pending
            self.pending = None
            path.write_text(text, encoding="utf-8")
        return super().__iter__()


def test_update_starts_again_from_a_catalog_saved_meanwhile(tmp_path: Path) -> None:
    config = Config(
        root=tmp_path,
        source_lang="fr",
        languages=("en",),
        source_dir=tmp_path / "source",
        locales_dir=tmp_path / "locales",
    )
    doc = SourceDocument(tmp_path / "source" / "a.txt", "a", "text")
    path = tmp_path / "locales" / "en" / "a.po"
    path.parent.mkdir(parents=True)
    path.write_text(catalog_text(("Un.", ""), ("Deux.", "")), encoding="utf-8")
    template = parse_catalog(HEADER + 'msgid "Un."\nmsgstr ""\n\nmsgid "Trois."\nmsgstr ""\n')
    saved = catalog_text(("Un.", "One, by hand."), ("Deux.", ""))
    catalog, written = update_in_memory(
        Layout(config), doc, "en", _SavingTemplate(template, path, saved)
    )
    assert written
    kept = next(e for e in read_catalog(path) if e.msgid == "Un.")
    assert (kept.msgstr, kept.fuzzy) == ("One, by hand.", False)  # as saved, not made a draft
    assert [e.msgid for e in read_catalog(path) if not e.obsolete] == ["Un.", "Trois."]
    assert catalog is not None and catalog[0].msgstr == "One, by hand."


def test_an_in_place_merge_keeps_a_translation_saved_while_it_ran(tmp_path: Path) -> None:
    po, pot = tmp_path / "po", tmp_path / "pot"
    po.mkdir()
    pot.mkdir()
    for name in ("a", "b", "c"):
        (po / f"{name}.po").write_text(catalog_text(("Un.", ""), ("Deux.", "")), encoding="utf-8")
        (pot / f"{name}.pot").write_text(
            HEADER + 'msgid "Un."\nmsgstr ""\n\nmsgid "Deux."\nmsgstr ""\n', encoding="utf-8"
        )
    # The merge reads every catalog, then the compendium, then writes: a named pipe holds it
    # at the compendium until the translator's save below is on disk.
    compendium = tmp_path / "compendium.po"
    os.mkfifo(compendium)
    reports = []
    merging = threading.Thread(
        target=lambda: reports.append(
            run_merge(plan_merge(po, pot, po), compendia=[compendium], workers=1)
        )
    )
    merging.start()
    with open(compendium, "w", encoding="utf-8") as pipe:  # returns once the merge opened it
        (po / "c.po").write_text(catalog_text(("Un.", "One."), ("Deux.", "")), encoding="utf-8")
        pipe.write(catalog_text(("Deux.", "Two, from the compendium.")))
    merging.join(timeout=20)
    assert not merging.is_alive() and not reports[0].errors
    assert msgstr(po / "c.po", "Un.") == "One."
    assert msgstr(po / "c.po", "Deux.") == "Two, from the compendium."
    assert msgstr(po / "a.po", "Deux.") == "Two, from the compendium."


def test_a_catalog_left_unchanged_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "en.po"
    write_catalog(path, parse_catalog(catalog_text(("Un.", "One."))))
    before = path.stat().st_mtime_ns
    catalog, written = revise_catalog(path, lambda current: None)
    assert not written and catalog is not None and catalog[0].msgstr == "One."
    assert path.stat().st_mtime_ns == before


def test_a_catalog_that_does_not_exist_yet_is_created(tmp_path: Path) -> None:
    text = catalog_text(("Un.", "One."))
    path = tmp_path / "new.po"
    seen: list[Catalog | None] = []

    def create(current: Catalog | None) -> Catalog:
        seen.append(current)
        return parse_catalog(text)

    catalog, written = revise_catalog(path, create)
    assert seen == [None] and written and catalog is not None
    assert path.read_text(encoding="utf-8") == text
