"""PO syntax: the writer against real GNU msgcat, the reader's losslessness and its errors."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest

from passerelle.errors import CatalogError
from passerelle.po.linebreak import line_breaks
from passerelle.po.parse import parse_po
from passerelle.po.write import format_entries, wrap_string

FIXTURES = Path(__file__).parent / "fixtures" / "catalogs"


def msgcat(text: str, tmp_path: Path) -> str:
    source = tmp_path / "in.po"
    source.write_text(text, encoding="utf-8")
    done = subprocess.run(["msgcat", str(source)], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


class Plain:
    """An entry with polib's attribute names, so the writer is tested without polib."""

    def __init__(self, msgid: str, msgstr: str = "", **fields: object) -> None:
        self.msgid, self.msgstr = msgid, msgstr
        self.msgid_plural = ""
        self.msgstr_plural: dict[int, str] = {}
        self.msgctxt: str | None = None
        self.obsolete = False
        self.tcomment = self.comment = ""
        self.occurrences: list[tuple[str, str]] = []
        self.flags: list[str] = []
        self.previous_msgctxt = self.previous_msgid = self.previous_msgid_plural = None
        self.__dict__.update(fields)


HEADER = Plain("", "Content-Type: text/plain; charset=UTF-8\n")


def test_short_strings_stay_on_one_line() -> None:
    assert wrap_string("msgid", "Hello") == ['msgid "Hello"']
    assert wrap_string("msgid", "") == ['msgid ""']


def test_embedded_newlines_split_after_each_newline() -> None:
    assert wrap_string("msgstr", "a\nb\n") == ['msgstr ""', '"a\\n"', '"b\\n"']
    assert wrap_string("msgstr", "only one line\n") == ['msgstr "only one line\\n"']


def test_breaks_after_hyphen_and_slash_not_only_spaces() -> None:
    text = "x" * 60 + " state-of-the-art/path"
    lines = wrap_string("msgid", text)
    assert lines[0] == 'msgid ""'
    assert all(len(line) <= 79 for line in lines)
    words = "word-" * 30
    assert len(wrap_string("msgid", words)) > 2  # no space at all, still wrapped at hyphens


def test_wide_characters_count_two_columns() -> None:
    ideographs = "汉" * 50  # 100 columns: must wrap although only 50 characters
    lines = wrap_string("msgstr", ideographs)
    assert len(lines) == 3 and lines[1] == '"' + "汉" * 38 + '"'
    assert line_breaks("汉" * 10, 10, 0, frozenset()) == [5]


def test_escapes_are_never_split() -> None:
    text = "a" * 74 + '"' + "b" * 10
    for line in wrap_string("msgid", text):
        assert not line.endswith('\\"') or line.endswith('\\""')


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.po")))
def test_fixture_written_exactly_as_msgcat(name: str, tmp_path: Path) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    ours = format_entries(_plain_entries(text))
    assert ours == msgcat(text, tmp_path)


def _plain_entries(text: str) -> list[Plain]:
    result = []
    for raw in parse_po(text):
        result.append(
            Plain(
                raw.msgid or "",
                raw.msgstr or "",
                msgid_plural=raw.msgid_plural or "",
                msgstr_plural=raw.msgstr_plural,
                msgctxt=raw.msgctxt,
                obsolete=raw.obsolete,
                tcomment="\n".join(raw.tcomments),
                comment="\n".join(raw.ecomments),
                occurrences=raw.references,
                flags=raw.flags,
                previous_msgctxt=raw.previous.get("msgctxt"),
                previous_msgid=raw.previous.get("msgid"),
                previous_msgid_plural=raw.previous.get("msgid_plural"),
            )
        )
    return result


ALPHABET = (
    ["word", "mot", "état", "naïve", "x" * 30, "-", "/", ".", ",", ":", ";", "!", "?", "(", ")"]
    + ["[", "]", "{", "}", "%", "$", "€", "«", "»", "“", "”", "'", '"', "\\", "\t", "\n", "—"]
    + ["汉字", "テスト", "、", "。", "（", "）", "한국어", "é", "e\u0301", "\u200b", "\u00a0"]
    + ["%(name)s", "%d", "{0}", "http://example.org/a/b", "1.5", "10%", "$5", "…", "´"]
)


def random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 60)):
        parts.append(rng.choice(ALPHABET))
        parts.append(rng.choice([" ", " ", " ", "", "  "]))
    return "".join(parts).strip("\n") or "x"


def test_random_strings_wrapped_exactly_as_msgcat(tmp_path: Path) -> None:
    rng = random.Random(20240502)
    entries: list[Plain] = [HEADER]
    for i in range(400):
        flags = rng.choice([[], ["fuzzy"], ["python-format"], ["c-format"], ["no-wrap"]])
        entry = Plain(f"{i} {random_text(rng)}", random_text(rng), flags=flags)
        entry.obsolete = i % 17 == 0
        if i % 5 == 0:
            entry.msgctxt = random_text(rng)
        if i % 7 == 0:
            entry.previous_msgid = random_text(rng)
        entries.append(entry)
    ours = format_entries(entries)
    assert ours == msgcat(ours, tmp_path)


def test_flags_normalised_like_msgcat(tmp_path: Path) -> None:
    text = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, python-format, fuzzy, c-format\nmsgid "a %s"\nmsgstr "b %s"\n\n'
        '#, fuzzy\nmsgid "untranslated"\nmsgstr ""\n'
    )
    assert format_entries(_plain_entries(text)) == msgcat(text, tmp_path)


def test_reader_keeps_obsolete_previous_and_comments() -> None:
    raw = parse_po((FIXTURES / "guide.po").read_text(encoding="utf-8"))
    header = raw[0]
    assert header.msgid == "" and "fuzzy" in header.flags and header.tcomments[-1] == ""
    obsolete = [e for e in raw if e.obsolete]
    assert obsolete[0].tcomments == ["Removed in 1.2, kept for the next release."]
    assert obsolete[1].previous == {"msgid": "An older sentence"} and "fuzzy" in obsolete[1].flags
    assert obsolete[2].msgctxt == "menu"
    plural = next(e for e in raw if e.msgid_plural)
    assert plural.msgstr_plural == {0: "un catalogue", 1: "%d catalogues"}
    escaped = next(e for e in raw if e.msgid.startswith("Line one"))
    assert escaped.msgid == 'Line one\nLine two with a "quoted" word and a back\\slash and a\ttab\n'


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('msgid "a"\nmsgstr "b\n', 2),
        ('msgstr "b"\n', 1),
        ('msgid "a"\n\nmsgid "b"\nmsgstr ""\n', 3),
        ('msgid "a"\nmsgstr "b"\nnonsense\n', 3),
        ('msgid "a"\n', 1),
    ],
)
def test_syntax_errors_name_the_line(text: str, line: int) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_po(text, "broken.po")
    assert caught.value.line == line and str(caught.value).startswith(f"broken.po:{line}:")


def test_numbered_entries_carry_the_lines_a_read_gives() -> None:
    from passerelle.po.catalog import format_catalog, new_entry, parse_catalog

    text = (
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\n'
        '# translator\n#. extracted\n#: a.txt:1\n#, fuzzy\n#| msgid "Ancien"\n'
        'msgctxt "titre"\nmsgid "Bonjour"\nmsgstr "Hallo"\n\n'
        'msgid "Un"\nmsgid_plural "Plusieurs"\nmsgstr[0] "Eins"\nmsgstr[1] "Mehrere"\n\n'
        '#~ msgid "Vieux"\n#~ msgstr "Alt"\n'
    )
    catalog = parse_catalog(text)
    catalog.append(new_entry(msgid="Une phrase " * 12, occurrences=[("b.html", "3")]))
    written = format_catalog(catalog, number=True)
    numbered = {(e.obsolete, e.msgctxt, e.msgid): e.linenum for e in catalog}
    read = {(e.obsolete, e.msgctxt, e.msgid): e.linenum for e in parse_catalog(written)}
    assert numbered == read
    assert len(set(read.values())) == 4
