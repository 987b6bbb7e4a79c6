"""Drafts land in the catalog as it is when they arrive, never in the copy read before.

The engine is a real HTTP server on 127.0.0.1; when the first request arrives (the draft is now
waiting for the engine), the translator saves the catalog: one entry translated by hand, one
draft reviewed (fuzzy flag cleared). Both must survive, and the other entries still be drafted.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mtserver import MTServer, start
from passerelle.cli import main
from passerelle.po.catalog import read_catalog

HEADER = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'

READ_BY_DRAFT = f"""{HEADER}
msgid "Le pont ouvre à l'aube."
msgstr ""

#, fuzzy
msgid "Brouillon en attente."
msgstr "Draft awaiting review."

msgid "Les visiteurs traversent la rivière."
msgstr ""
"""

SAVED_MEANWHILE = f"""{HEADER}
msgid "Le pont ouvre à l'aube."
msgstr "The bridge opens at dawn."

msgid "Brouillon en attente."
msgstr "Draft awaiting review."

msgid "Les visiteurs traversent la rivière."
msgstr ""

msgid "Une phrase ajoutée à la main."
msgstr ""
"""


class SavingServer(MTServer):
    """An engine that, on its first request, lets the translator save the catalog."""

    catalog: Path | None = None

    def next_action(self) -> str:
        if self.catalog is not None:
            self.catalog.write_text(SAVED_MEANWHILE, encoding="utf-8")
            self.catalog = None
        return super().next_action()


@pytest.fixture
def server() -> Iterator[SavingServer]:
    state = SavingServer()
    httpd = start(state)
    yield state
    httpd.shutdown()
    httpd.server_close()


def test_a_translation_and_a_review_saved_while_drafting_survive(
    tmp_path: Path, server: SavingServer, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "en.po"
    po.write_text(READ_BY_DRAFT, encoding="utf-8")
    server.catalog = po
    args = ["draft", str(po), "--engine", "libre", "--engine-url", server.url, "--lang", "en"]
    with pytest.raises(SystemExit) as exc:
        main([*args, "--cache-dir", str(tmp_path / "cache")])
    assert exc.value.code in (0, None), capsys.readouterr()
    assert server.catalog is None and server.seen  # the save happened while the draft waited
    entries = {e.msgid: e for e in read_catalog(po)}
    human = entries["Le pont ouvre à l'aube."]
    assert (human.msgstr, human.fuzzy, human.tcomment) == ("The bridge opens at dawn.", False, "")
    reviewed = entries["Brouillon en attente."]
    assert (reviewed.msgstr, reviewed.fuzzy) == ("Draft awaiting review.", False)
    drafted = entries["Les visiteurs traversent la rivière."]
    assert drafted.msgstr == "[en] Les visiteurs traversent la rivière."
    assert drafted.fuzzy and drafted.tcomment.startswith("machine draft: libre")
    added = entries["Une phrase ajoutée à la main."]  # not read by the draft: left as saved
    assert (added.msgstr, added.fuzzy) == ("", False)
