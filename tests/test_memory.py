"""One translation memory for the update's suggestions and the ``tm`` engine's drafts."""

from __future__ import annotations

from pathlib import Path

from passerelle.po.catalog import Catalog, Entry, new_entry
from passerelle.steps.drafts.tm import TranslationMemory
from passerelle.steps.memory import Memory
from passerelle.steps.update.merge import update_catalog

QUERY = "Bonne soirée"
# Both score 80 against QUERY: one is shorter, the other comes first.
LONGER = new_entry(msgid="Bonne soirée, Paul", msgstr="Schönen Abend, Paul")
SHORTER = new_entry(msgid="Bonne so", msgstr="Gute")


def _suggestion(memory: list[Entry]) -> str:
    template = Catalog([new_entry(msgid=QUERY)])
    updated = update_catalog(None, template, "de", memory=Memory(memory))
    return next(e.msgstr for e in updated if e.msgid == QUERY)


def test_update_and_drafts_take_the_same_entry_on_a_tie() -> None:
    for order in ([LONGER, SHORTER], [SHORTER, LONGER]):
        draft = TranslationMemory(order, threshold=75).lookup(QUERY)
        assert draft is not None and draft.note == "80% match"
        assert draft.text == _suggestion(order) == order[0].msgstr


def test_a_tie_goes_to_the_project_before_the_compendium(tmp_path: Path) -> None:
    header = 'msgid ""\nmsgstr "Language: de\\n"\n\n'
    project = tmp_path / "project.po"
    project.write_text(header + 'msgid "Bonne soirée, Paul"\nmsgstr "Schönen Abend, Paul"\n')
    compendium = tmp_path / "compendium.po"
    compendium.write_text(header + 'msgid "Bonne so"\nmsgstr "Gute"\n')
    memory = TranslationMemory.from_files([project], [compendium], "de", threshold=75)
    draft = memory.lookup(QUERY)
    assert draft is not None and draft.text == "Schönen Abend, Paul"


def test_only_the_update_trades_a_rare_miss_for_bounded_work() -> None:
    """Past BRUTE_FORCE entries the update looks through rare words; drafts look everywhere."""
    entries = [new_entry(msgid=f"voir la page {i}", msgstr=f"see page {i}") for i in range(500)]
    assert len(entries) > Memory.BRUTE_FORCE
    query = "voir la page 7 !"
    assert Memory(entries).best(query, 60.0) is None  # "voir" and "page" are in every entry
    found = Memory(entries, exhaustive=True).best(query, 60.0)
    assert found is not None and found[1].msgstr == "see page 7"
    draft = TranslationMemory(entries, threshold=60).lookup(query)
    assert draft is not None and draft.text == "see page 7"
