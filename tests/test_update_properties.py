"""Catalog update properties: no translation is ever lost, and a second update changes nothing."""

from __future__ import annotations

from passerelle.catalog import Catalog, format_catalog, parse_catalog
from passerelle.merge import update_catalog


def texts(catalog: Catalog) -> set[str]:
    """Every translated text a catalog holds, active or obsolete, singular or plural form."""
    found = {entry.msgstr for entry in catalog}
    found.update(text for entry in catalog for text in entry.msgstr_plural.values())
    return found - {""}


def written(catalog: Catalog) -> Catalog:
    """The catalog as the file holds it once written: what a translator gets back."""
    return parse_catalog(format_catalog(catalog))


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
