"""Catalog update properties: no translation is ever lost, and a second update changes nothing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from passerelle.po.catalog import Catalog, format_catalog, parse_catalog
from passerelle.steps.update.merge import MergeOptions, update_catalog
from po_strategies import KEYS, STRING, catalogs, reproducible, templates

DROP = MergeOptions(obsolete="drop")


@st.composite
def updates(draw: st.DrawFn) -> tuple[Catalog, Catalog]:
    """An old catalog as read from disk and a template sharing some of its sources.

    Keys are drawn once and split, so the template keeps some sources, drops others and brings
    new ones; similar strings make fuzzy suggestions common.
    """
    keys = draw(KEYS)
    old_keys = [k for k in keys if draw(st.booleans())]
    new_keys = [k for k in keys if draw(st.booleans())]
    extra = draw(st.lists(st.tuples(st.none(), STRING.filter(bool)), max_size=2, unique=True))
    new_keys += [k for k in extra if k not in new_keys]  # a template defines each key once
    old = parse_catalog(format_catalog(draw(catalogs(old_keys))))
    return old, draw(templates(new_keys))


def texts(catalog: Catalog) -> set[str]:
    """Every translated text a catalog holds, active or obsolete, singular or plural form."""
    found = {entry.msgstr for entry in catalog}
    found.update(text for entry in catalog for text in entry.msgstr_plural.values())
    return found - {""}


def kept_texts(old: Catalog, template: Catalog) -> set[str]:
    """The old catalog's texts, less what cannot stay: when the template makes a plural source
    singular under the same msgid, its entry takes one text, the first form translated (GNU
    allows one entry per msgid, so the other forms have nowhere to go)."""
    singular = {(e.msgctxt, e.msgid) for e in template if not e.msgid_plural}
    lost = {
        text
        for entry in old
        if entry.msgid_plural and (entry.msgctxt, entry.msgid) in singular
        for text in list(filter(None, entry.msgstr_plural.values()))[1:]
    }
    others = Catalog(e for e in old if not (e.msgid_plural and (e.msgctxt, e.msgid) in singular))
    return texts(old) - (lost - texts(others))


def written(catalog: Catalog) -> Catalog:
    """The catalog as the file holds it once written: what a translator gets back."""
    return parse_catalog(format_catalog(catalog))


@reproducible(60)
@given(updates())
def test_an_update_keeps_every_translation_active_or_obsolete(
    case: tuple[Catalog, Catalog],
) -> None:
    old, template = case
    lang = old.metadata["Language"]
    for options in (MergeOptions(), DROP):
        result = written(update_catalog(old, template, lang, options=options))
        assert kept_texts(old, template) <= texts(result), options


@reproducible(60)
@given(updates())
def test_drop_only_removes_obsolete_entries_whose_text_lives_on(
    case: tuple[Catalog, Catalog],
) -> None:
    """``drop`` changes no active entry and drops an obsolete one only when it holds no
    translation (those are never kept) or its msgstr is an active entry's, word for word."""
    old, template = case
    lang = old.metadata["Language"]
    kept = update_catalog(old, template, lang)
    dropped = update_catalog(old, template, lang, options=DROP)
    assert [e for e in dropped if not e.obsolete] == [e for e in kept if not e.obsolete]
    active_texts = {e.msgstr for e in kept if not e.obsolete} - {""}
    retired = [e for e in kept if e.obsolete]
    assert [e for e in dropped if e.obsolete] == [
        e for e in retired if e.msgid_plural or e.msgstr not in active_texts
    ]


@reproducible(60)
@given(updates())
def test_updating_twice_writes_the_same_bytes_as_once(case: tuple[Catalog, Catalog]) -> None:
    old, template = case
    lang = old.metadata["Language"]
    for options in (MergeOptions(), DROP):
        once = format_catalog(update_catalog(old, template, lang, options=options))
        twice = update_catalog(parse_catalog(once), template, lang, options=options)
        assert format_catalog(twice) == once, options


HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
)


def test_an_entry_with_a_context_and_an_empty_msgid_is_kept_obsolete() -> None:
    """Only an empty msgid *without* context is the header: this one is a message like any."""
    old = parse_catalog(HEADER + 'msgctxt "menu"\nmsgid ""\nmsgstr "Le chat"\n')
    result = written(update_catalog(old, Catalog(), "fr"))
    assert [(e.msgctxt, e.msgid, e.msgstr, e.obsolete) for e in result] == [
        ("menu", "", "Le chat", True)
    ]


def test_a_plural_translated_but_for_its_first_form_survives_becoming_obsolete() -> None:
    """GNU writes no obsolete entry whose first form is empty: the entry, and the forms the
    translator did write, vanished from the file. It now lends the first form a translated
    one, fuzzy, so the text stays and a revival is reviewed."""
    old = parse_catalog(
        HEADER + 'msgid "cat"\nmsgid_plural "cats"\nmsgstr[0] ""\nmsgstr[1] "chats"\n'
    )
    result = written(update_catalog(old, Catalog(), "fr"))
    assert len(result) == 1 and result[0].obsolete and result[0].fuzzy
    assert result[0].msgstr_plural == {0: "chats", 1: "chats"}


def test_a_plural_made_singular_keeps_its_first_translated_form() -> None:
    old = parse_catalog(
        HEADER + 'msgid "cat"\nmsgid_plural "cats"\nmsgstr[0] ""\nmsgstr[1] "chats"\n'
    )
    template = parse_catalog(HEADER + 'msgid "cat"\nmsgstr ""\n')
    result = written(update_catalog(old, template, "fr"))
    assert [(e.msgid, e.msgstr, e.fuzzy) for e in result] == [("cat", "chats", True)]


def test_a_suggestion_without_a_first_form_stays_fuzzy_once_written() -> None:
    """GNU writes the fuzzy flag only with a first form: a suggestion from a plural translated
    but for it was written as if reviewed, and the next update changed the file again."""
    old = parse_catalog(
        HEADER + 'msgctxt "a"\nmsgid "cat"\nmsgid_plural "cats"\nmsgstr[0] ""\nmsgstr[1] "chats"\n'
    )
    template = parse_catalog(HEADER + 'msgid "cat"\nmsgid_plural "cats"\nmsgstr[0] ""\n')
    once = format_catalog(update_catalog(old, template, "fr"))
    suggested = parse_catalog(once)[0]
    assert suggested.fuzzy and suggested.msgstr_plural == {0: "chats", 1: "chats"}
    assert format_catalog(update_catalog(parse_catalog(once), template, "fr")) == once
