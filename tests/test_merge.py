"""Catalog updates: every merge case, obsolete policy, plurals, contexts, the CLI and its lock."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from lockholder import lock_held_elsewhere
from passerelle.cli import main as cli_main
from passerelle.po.catalog import Catalog, format_catalog, parse_catalog, write_catalog
from passerelle.steps.memory import Memory
from passerelle.steps.update.merge import MergeOptions, update_catalog

HEADER = textwrap.dedent(
    """\
    # French translation.
    msgid ""
    msgstr ""
    "Project-Id-Version: demo 1.0\\n"
    "POT-Creation-Date: {date}\\n"
    "PO-Revision-Date: 2024-01-02 10:00+0100\\n"
    "Last-Translator: Marie <marie@example.org>\\n"
    "Language-Team: French <fr@li.org>\\n"
    "Language: fr\\n"
    "MIME-Version: 1.0\\n"
    "Content-Type: text/plain; charset=UTF-8\\n"
    "Content-Transfer-Encoding: 8bit\\n"
    "Plural-Forms: nplurals=2; plural=(n > 1);\\n"

    """
)


def po(body: str, date: str = "2024-01-01 10:00+0100") -> Catalog:
    return parse_catalog(HEADER.format(date=date) + textwrap.dedent(body))


OLD = po(
    """\
    # checked by the desk
    #: a.txt:1
    msgid "The bridge opens at dawn."
    msgstr "Le pont ouvre à l'aube."

    #: a.txt:2
    msgid "Visitors cross the river on foot every morning before the market opens."
    msgstr "Les visiteurs traversent la rivière à pied chaque matin avant le marché."

    #: a.txt:3
    msgid "A paragraph that the author deleted."
    msgstr "Un paragraphe que l'auteur a supprimé."

    #: a.txt:4
    msgid "Untranslated and removed"
    msgstr ""

    #: a.txt:5
    msgid "one bridge"
    msgid_plural "%d bridges"
    msgstr[0] "un pont"
    msgstr[1] "%d ponts"

    #: a.txt:6
    msgctxt "menu"
    msgid "Open"
    msgstr "Ouvrir"

    #~ msgid "A sentence that comes back."
    #~ msgstr "Une phrase qui revient."
    """
)

TEMPLATE = po(
    """\
    #. A note for translators
    #: a.txt:1
    msgid "The bridge opens at dawn."
    msgstr ""

    #: a.txt:2
    msgid "Visitors cross the river on foot every morning before the fish market opens."
    msgstr ""

    #: a.txt:3
    msgid "A sentence that comes back."
    msgstr ""

    #: a.txt:4
    msgid "one bridge"
    msgid_plural "%d bridges"
    msgstr[0] ""
    msgstr[1] ""

    #: a.txt:5
    msgctxt "menu"
    msgid "Open"
    msgstr ""

    #: a.txt:6
    msgctxt "state"
    msgid "Open"
    msgstr ""

    #: a.txt:7
    msgid "A completely new sentence about something else."
    msgstr ""
    """,
    date="2024-02-01 10:00+0100",
)


def find(catalog: Catalog, msgid: str, msgctxt: str | None = None) -> object:
    for entry in catalog:
        if entry.msgid == msgid and entry.msgctxt == msgctxt:
            return entry
    raise AssertionError(f"{msgid!r} not in catalog")


def test_exact_match_keeps_translation_comments_and_takes_template_notes() -> None:
    new = update_catalog(OLD, TEMPLATE, "fr")
    kept = find(new, "The bridge opens at dawn.")
    assert kept.msgstr == "Le pont ouvre à l'aube." and not kept.fuzzy  # type: ignore[attr-defined]
    assert kept.tcomment == "checked by the desk"  # type: ignore[attr-defined]
    assert kept.comment == "A note for translators"  # type: ignore[attr-defined]


def test_changed_source_gets_fuzzy_suggestion_with_previous_msgid() -> None:
    new = update_catalog(OLD, TEMPLATE, "fr")
    changed = find(new, TEMPLATE[1].msgid)
    assert changed.fuzzy and changed.msgstr.startswith("Les visiteurs")  # type: ignore[attr-defined]
    assert changed.previous_msgid == OLD[1].msgid  # type: ignore[attr-defined]
    assert "#| msgid " in format_catalog(new)


def test_previous_is_optional_and_fuzzy_matching_can_be_off() -> None:
    new = update_catalog(OLD, TEMPLATE, "fr", options=MergeOptions(previous=False))
    assert find(new, TEMPLATE[1].msgid).previous_msgid is None  # type: ignore[attr-defined]
    plain = update_catalog(OLD, TEMPLATE, "fr", options=MergeOptions(fuzzy=False))
    assert find(plain, TEMPLATE[1].msgid).msgstr == ""  # type: ignore[attr-defined]


def test_removed_units_become_obsolete_and_obsolete_ones_revive() -> None:
    new = update_catalog(OLD, TEMPLATE, "fr")
    back = find(new, "A sentence that comes back.")
    assert back.msgstr == "Une phrase qui revient." and not back.obsolete  # type: ignore[attr-defined]
    gone = {e.msgid: e for e in new if e.obsolete}
    assert gone["A paragraph that the author deleted."].msgstr.startswith("Un paragraphe")
    # the fuzzy suggestion's source is kept too: nothing a translator wrote is lost
    assert OLD[1].msgid in gone
    old_texts = {e.msgstr for e in OLD if e.msgstr} | {"un pont", "%d ponts"}
    new_texts = {e.msgstr for e in new} | {t for e in new for t in e.msgstr_plural.values()}
    assert old_texts <= new_texts


def test_obsolete_policy_drop_only_drops_what_holds_no_translation() -> None:
    old = po(
        """\
        msgid "Kept"
        msgstr "Gardé"

        msgid "Removed with a translation"
        msgstr "Supprimé"

        msgid "Removed without one"
        msgstr ""
        """
    )
    template = po('msgid "Kept"\nmsgstr ""\n')
    for policy in ("keep", "drop"):
        new = update_catalog(old, template, "fr", options=MergeOptions(obsolete=policy))
        gone = [e.msgid for e in new if e.obsolete]
        assert gone == ["Removed with a translation"]
        assert "Supprimé" in format_catalog(new)


def test_plural_entries_keep_all_forms_and_new_ones_get_nplurals() -> None:
    new = update_catalog(OLD, TEMPLATE, "fr")
    plural = find(new, "one bridge")
    assert plural.msgstr_plural == {0: "un pont", 1: "%d ponts"}  # type: ignore[attr-defined]
    template = po('msgid "one lock"\nmsgid_plural "%d locks"\nmsgstr[0] ""\nmsgstr[1] ""\n')
    fresh = update_catalog(None, template, "ja")
    assert fresh[0].msgstr_plural == {0: ""}  # Japanese has one form
    singular = po('msgid "one lock"\nmsgstr "une écluse"\n')
    shaped = update_catalog(singular, template, "fr")
    assert shaped[0].fuzzy and shaped[0].msgstr_plural == {0: "une écluse", 1: "une écluse"}


def test_msgctxt_separates_entries_and_a_new_context_is_fuzzy() -> None:
    new = update_catalog(OLD, TEMPLATE, "fr")
    menu = find(new, "Open", "menu")
    assert menu.msgstr == "Ouvrir" and not menu.fuzzy  # type: ignore[attr-defined]
    state = find(new, "Open", "state")
    assert state.fuzzy and state.msgstr == "Ouvrir"  # type: ignore[attr-defined]
    assert state.previous_msgctxt == "menu"  # type: ignore[attr-defined]


def test_document_order_and_header_dates() -> None:
    new = update_catalog(OLD, TEMPLATE, "fr")
    assert [e.msgid for e in new if not e.obsolete] == [e.msgid for e in TEMPLATE]
    assert new.metadata["POT-Creation-Date"] == "2024-02-01 10:00+0100"
    assert new.metadata["Last-Translator"] == "Marie <marie@example.org>"
    assert new.metadata["PO-Revision-Date"] == "2024-01-02 10:00+0100"


def test_no_op_update_is_byte_identical_and_not_rewritten(tmp_path: Path) -> None:
    first = update_catalog(OLD, TEMPLATE, "fr")
    path = tmp_path / "a.po"
    write_catalog(path, first)
    again = parse_catalog(path.read_text(encoding="utf-8"))
    later_template = po(format_catalog(TEMPLATE).split("\n\n", 1)[1], date="2030-01-01 00:00+0000")
    second = update_catalog(again, later_template, "fr")
    assert format_catalog(second) == path.read_text(encoding="utf-8")
    assert second.metadata["POT-Creation-Date"] == "2024-02-01 10:00+0100"
    assert write_catalog(path, second) is False


def test_translation_memory_and_compendium_after_the_document() -> None:
    template = po(
        """\
        msgid "The museum closes at six in the evening on weekdays."
        msgstr ""

        msgid "Tickets are sold at the gate."
        msgstr ""
        """
    )
    other_doc = po(
        'msgid "The museum closes at six in the evening."\nmsgstr "Le musée ferme à 18 h."\n'
    )
    compendium = po(
        'msgid "Tickets are sold at the gate."\nmsgstr "Billets en vente à l\'entrée."\n'
    )
    new = update_catalog(None, template, "fr", memory=list(other_doc), compendia=list(compendium))
    museum, tickets = new[0], new[1]
    assert museum.fuzzy and museum.msgstr == "Le musée ferme à 18 h."
    assert not tickets.fuzzy and tickets.msgstr.startswith("Billets")  # msgmerge -C semantics
    same_doc = po(
        'msgid "The museum closes at six in the evening on Sundays."\nmsgstr "Dimanche."\n'
    )
    preferred = update_catalog(same_doc, template, "fr", memory=Memory(list(other_doc)))
    assert preferred[0].msgstr == "Dimanche."  # the document itself comes first


def test_merged_catalog_passes_msgfmt_check(tmp_path: Path) -> None:
    path = tmp_path / "fr.po"
    write_catalog(path, update_catalog(OLD, TEMPLATE, "fr"))
    done = subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert subprocess.run(["msgcat", str(path)], capture_output=True, text=True).stdout == (
        path.read_text(encoding="utf-8")
    )


def make_tree(root: Path) -> tuple[Path, Path]:
    old, ref = root / "old", root / "ref"
    for folder in (old / "guide", ref / "guide"):
        folder.mkdir(parents=True)
    write_catalog(old / "guide" / "a.po", OLD)
    write_catalog(ref / "guide" / "a.pot", TEMPLATE)
    write_catalog(ref / "b.pot", po('msgid "The bridge opens at dawn."\nmsgstr ""\n'))
    return old, ref


def run_cli(*args: str) -> int:
    try:
        cli_main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_cli_merges_folders_identically_whatever_the_workers(tmp_path: Path) -> None:
    old, ref = make_tree(tmp_path)
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert run_cli("merge", str(old), str(ref), "-o", str(out), "--previous", "-j", jobs) == 0
        outputs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*.po")})
    assert outputs[0] == outputs[1] and set(outputs[0]) == {Path("guide/a.po"), Path("b.po")}
    new_catalog = parse_catalog(outputs[0][Path("b.po")].decode())
    assert new_catalog[0].fuzzy and new_catalog[0].msgstr == "Le pont ouvre à l'aube."
    assert new_catalog.metadata["Language"] == "fr"  # taken from the tree's catalogs


def test_cli_single_file_like_msgmerge(tmp_path: Path) -> None:
    old, ref = make_tree(tmp_path)
    out = tmp_path / "single.po"
    code = run_cli("merge", str(old / "guide/a.po"), str(ref / "guide/a.pot"), "-o", str(out))
    assert code == 0
    assert "#| msgid" not in out.read_text(encoding="utf-8")  # --previous not given


def test_unreadable_catalog_is_reported_and_left_untouched(tmp_path: Path, capsys: object) -> None:
    old, ref = make_tree(tmp_path)
    broken = old / "guide" / "a.po"
    broken.write_text('msgid "a"\nmsgstr "unterminated\n', encoding="utf-8")
    out = tmp_path / "out"
    (out / "guide").mkdir(parents=True)
    (out / "guide" / "a.po").write_text("previous output\n", encoding="utf-8")
    assert run_cli("merge", str(old), str(ref), "-o", str(out)) == 2
    assert f"{broken}:2:" in capsys.readouterr().err  # type: ignore[attr-defined]
    assert (out / "guide" / "a.po").read_text(encoding="utf-8") == "previous output\n"
    assert (out / "b.po").exists()  # the other catalogs were still updated


def test_a_second_merge_of_the_same_tree_waits_then_fails_clearly(
    tmp_path: Path, capsys: object
) -> None:
    old, ref = make_tree(tmp_path)
    out = tmp_path / "out"
    with lock_held_elsewhere(out) as holder:
        code = run_cli("merge", str(old), str(ref), "-o", str(out), "--wait", "0.2")
    assert code == 2
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    lock = out.absolute() / ".passerelle.lock"
    assert err.count(f"waiting for passerelle process {holder} holding {lock}...") == 1
    assert f"another passerelle process (pid {holder}) is updating this tree" in err
    assert not list(out.rglob("*.po"))


def test_concurrent_merges_do_not_interleave(tmp_path: Path) -> None:
    old, ref = make_tree(tmp_path)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "passerelle", "merge", str(old), str(ref), "-o", str(out)]
    runs = [subprocess.Popen([*command, "-j", "2"], stderr=subprocess.PIPE) for _ in range(3)]
    assert all(run.wait(timeout=60) == 0 for run in runs)
    single = tmp_path / "single"
    assert run_cli("merge", str(old), str(ref), "-o", str(single), "-j", "1") == 0
    assert {p.name: p.read_bytes() for p in out.rglob("*.po")} == {
        p.name: p.read_bytes() for p in single.rglob("*.po")
    }
    assert not [p for p in out.rglob("*.tmp")]
