"""``passerelle merge`` against real GNU msgmerge on generated catalogs and templates.

Hypothesis draws an old catalog and a template sharing some sources (the shapes translators'
files really have: plurals, contexts, format flags, comments, obsolete entries, headers). Both
programs merge the same files. Without fuzzy matching the outputs must be the same bytes. With
it, Passerelle may pick another suggestion (its matcher is its own), so what must hold is: the
same entries in the same order, every entry msgmerge leaves final identical, a suggestion
wherever msgmerge gives one, and no translation of the input missing from the output.

Two losses are msgmerge's own, and a drop-in has them too (``passerelle update`` has neither:
tests/test_update_properties.py). Only these texts may be missing, and only where msgmerge's
output lacks them as well:

- a plural entry (active or obsolete) whose source the template now has without a plural keeps
  its first form only, empty or not (msgmerge's ``match_domain`` cuts msgstr down to it),
  whether it matched exactly or was the suggestion: its later forms;
- a plural entry left obsolete whose first form is empty is not written at all (write-po's
  ``message_print_obsolete`` prints nothing when msgstr, its first form, is empty): its forms.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from helpers import gettext_tool, run_main
from passerelle.po.catalog import Catalog, Entry, format_catalog, parse_catalog
from po_strategies import KEYS, STRING, catalogs, reproducible, templates


@st.composite
def merges(draw: st.DrawFn) -> tuple[str, str]:
    """An old catalog and a template (as file texts) sharing some of their sources."""
    keys = draw(KEYS)
    old_keys = [k for k in keys if draw(st.booleans())]
    new_keys = [k for k in keys if draw(st.booleans())]
    extra = draw(st.lists(st.tuples(st.none(), STRING.filter(bool)), max_size=2, unique=True))
    new_keys += [k for k in extra if k not in new_keys]
    return format_catalog(draw(catalogs(old_keys))), format_catalog(draw(templates(new_keys)))


def both_merge(old: str, template: str, *options: str) -> tuple[bytes, bytes]:
    """GNU msgmerge's output and Passerelle's, from the same two files and options (an empty
    result is no file at all, as msgmerge does without ``--force-po``)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "def.po").write_text(old, encoding="utf-8")
        (folder / "ref.pot").write_text(template, encoding="utf-8")
        gnu, ours = folder / "gnu.po", folder / "ours.po"
        subprocess.run(
            [gettext_tool("msgmerge"), "-q", *options, "-o", str(gnu), "def.po", "ref.pot"],
            cwd=folder,
            check=True,
            capture_output=True,
        )
        code = run_main("merge", "-q", *options, str(folder / "def.po"), str(folder / "ref.pot"),
                        "-o", str(ours))  # fmt: skip
        assert code == 0
        assert gnu.exists() == ours.exists()
        return (gnu.read_bytes(), ours.read_bytes()) if gnu.exists() else (b"", b"")


def translations(catalog: Catalog) -> set[str]:
    """Every non-empty msgstr and msgstr[n] of the catalog's messages, active or obsolete."""
    found = {e.msgstr for e in catalog} | {t for e in catalog for t in e.msgstr_plural.values()}
    return found - {""}


def msgmerges_losses(old: Catalog, template: Catalog, gnu: Catalog) -> set[str]:
    """What msgmerge itself loses of ``old`` (see the module's docstring): the later forms of a
    plural text it gave a singular source (one the template holds without a plural, or one
    whose text is now its first form), and every form of a plural entry it made obsolete with
    an empty first form."""
    singular = {(e.msgctxt, e.msgid) for e in template if not e.msgid_plural}
    firsts = {e.msgstr for e in gnu if not e.obsolete and not e.msgid_plural}
    active = {(e.msgctxt, e.msgid) for e in gnu if not e.obsolete}
    lost = set()
    for e in (e for e in old if e.msgid_plural):
        key, first = (e.msgctxt, e.msgid), e.msgstr_plural.get(0, "")
        if key in singular or first in firsts:
            lost |= {text for form, text in e.msgstr_plural.items() if form > 0}
        if not first and key not in active:
            lost |= set(e.msgstr_plural.values())
    return lost


def assert_nothing_lost(old: str, template: str, gnu: bytes, ours: bytes) -> None:
    """Every translation of ``old`` is in ``ours``, but for the forms msgmerge drops itself."""
    before, theirs = parse_catalog(old), parse_catalog(gnu.decode())
    mine = translations(parse_catalog(ours.decode()))
    dropped = translations(before) - translations(theirs)
    assert dropped <= msgmerges_losses(before, parse_catalog(template), theirs)
    assert translations(before) - dropped <= mine


def translated(entry: Entry) -> bool:
    return bool(entry.msgstr or any(entry.msgstr_plural.values()))


@reproducible(150)
@given(merges(), st.sampled_from([(), ("--previous",)]))
def test_without_fuzzy_matching_the_bytes_are_msgmerges(
    case: tuple[str, str], options: tuple[str, ...]
) -> None:
    old, template = case
    gnu, ours = both_merge(old, template, "--no-fuzzy-matching", *options)
    assert ours.decode() == gnu.decode()
    if gnu:
        assert_nothing_lost(old, template, gnu, ours)


@reproducible(150)
@given(merges())
def test_with_fuzzy_matching_every_suggestion_and_translation_is_there(
    case: tuple[str, str],
) -> None:
    old, template = case
    gnu_bytes, our_bytes = both_merge(old, template, "--previous")
    if not gnu_bytes:
        return
    gnu, ours = parse_catalog(gnu_bytes.decode()), parse_catalog(our_bytes.decode())
    assert ours.metadata == gnu.metadata
    gnu_active = [e for e in gnu if not e.obsolete]
    our_active = [e for e in ours if not e.obsolete]
    assert [(e.msgctxt, e.msgid) for e in our_active] == [(e.msgctxt, e.msgid) for e in gnu_active]
    for theirs, mine in zip(gnu_active, our_active, strict=True):
        if theirs.fuzzy and translated(theirs):  # a suggestion: ours may be another one
            assert mine.fuzzy and translated(mine), mine.msgid
        else:
            assert mine == theirs
    assert_nothing_lost(old, template, gnu_bytes, our_bytes)
