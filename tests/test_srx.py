"""The SRX 2.0 loader: structure, language maps, cascade, Java regex translation, clear errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from passerelle.errors import SegmentationRulesError
from passerelle.segment.java_regex import translate_regex
from passerelle.segment.srx import bundled_srx, load_srx, parse_srx

TWO_LANGUAGES = """\
<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="{cascade}"/>
  <body>
    <languagerules>
      <languagerule languagerulename="French">
        <rule break="no"><beforebreak>\\bM\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
      </languagerule>
      <languagerule languagerulename="Default">
        <rule><beforebreak>[.?!]</beforebreak><afterbreak>\\s</afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern="fr.*" languagerulename="French"/>
      <languagemap languagepattern=".*" languagerulename="Default"/>
    </maprules>
  </body>
</srx>
"""


def srx_with(rule: str, *, name: str = "Default", pattern: str = ".*") -> bytes:
    """A one-rule SRX document whose rule sits on line 5."""
    return (
        '<?xml version="1.0"?>\n<srx xmlns="http://www.lisa.org/srx20" version="2.0">\n'
        '<header cascade="no"/>\n<body><languagerules><languagerule languagerulename="Default">\n'
        f"{rule}\n</languagerule></languagerules>\n"
        f'<maprules><languagemap languagepattern="{pattern}" languagerulename="{name}"/>'
        "</maprules></body></srx>\n"
    ).encode()


def test_rules_are_read_in_order_with_break_defaulting_to_yes() -> None:
    srx = parse_srx(TWO_LANGUAGES.format(cascade="no").encode(), "two.srx")
    french = srx.rules_for("fr_FR")
    assert french is not None and len(french) == 1
    assert not french[0].breaks and french[0].before == r"\bM\." and french[0].line == 7
    default = srx.rules_for("en")
    assert default is not None and [r.breaks for r in default] == [True]


def test_cascade_concatenates_every_matching_map() -> None:
    srx = parse_srx(TWO_LANGUAGES.format(cascade="yes").encode(), "two.srx")
    rules = srx.rules_for("fr")
    assert rules is not None and [r.breaks for r in rules] == [False, True]
    no_cascade = parse_srx(TWO_LANGUAGES.format(cascade="no").encode(), "two.srx")
    assert len(no_cascade.rules_for("fr") or ()) == 1


def test_no_matching_map_is_none() -> None:
    srx = parse_srx(srx_with("<rule/>", pattern="de"), "de.srx")
    assert srx.rules_for("fr") is None
    assert srx.rules_for("de") is not None


@pytest.mark.parametrize(
    ("java", "python_matches", "python_rejects"),
    [
        (r"\p{Lu}\.", ["É.", "M."], ["é.", "1."]),
        (r"\P{Ll}", ["A", "1", " "], ["a", "é"]),
        (r"[\p{Lu}\d]x", ["Éx", "7x"], ["éx"]),
        (r"[^\p{L}]", [" ", "."], ["a", "Ж"]),
        (r"\p{L}", ["\U0001d400", "ж"], ["1"]),
        (r"[a-c[x-z]]", ["b", "y"], ["d"]),
        (r"\Qa.b\E", ["a.b"], ["axb"]),
        (r"\x{1F600}", ["\U0001f600"], ["x"]),
        (r"[\x{1F600}-\x{1F64F}a]", ["\U0001f601", "a"], ["b"]),
        (r"(?i)mme(?-i)X", ["MmeX", "MMEX"], ["Mmex"]),
        (r"(?<name>ab)+", ["abab"], ["a"]),
        (r"a\hb", ["a\u00a0b", "a\u202fb"], ["a\nb"]),
        (r"\p{IsPunctuation}", ["«", "."], ["a"]),
        (r"\p{Lower}", ["a"], ["é", "A"]),
    ],
)
def test_java_regexes_translate(
    java: str, python_matches: list[str], python_rejects: list[str]
) -> None:
    pattern = re.compile(translate_regex(java))
    assert all(pattern.fullmatch(text) for text in python_matches)
    assert not any(pattern.fullmatch(text) for text in python_rejects)


def test_translated_groups_do_not_capture() -> None:
    assert re.compile(translate_regex(r"(a)(?<n>b)(?:c)")).groups == 0


@pytest.mark.parametrize(
    "java", [r"(a)\1", r"\k<n>", r"[a&&b]", r"[a[^b]]", r"(a", r"a)", r"[ab", r"\p{InGreek}", "a\\"]
)
def test_unsupported_or_broken_regexes_are_refused(java: str) -> None:
    with pytest.raises(ValueError):
        translate_regex(java)


@pytest.mark.parametrize(
    ("rule", "line", "words"),
    [
        ('<rule break="maybe"><beforebreak>\\.</beforebreak></rule>', 5, 'break="maybe"'),
        ("<rule><beforebreak>[.</beforebreak></rule>", 5, "invalid beforebreak"),
        ("<rule><afterbreak>(?&lt;=a+)</afterbreak></rule>", 5, "invalid afterbreak"),
        ("<rule><beforebreak>(a)\\1</beforebreak></rule>", 5, "backreferences"),
        ("<rule><middle/></rule>", 5, "unexpected <middle>"),
    ],
)
def test_a_bad_rule_names_its_line(rule: str, line: int, words: str) -> None:
    with pytest.raises(SegmentationRulesError) as caught:
        parse_srx(srx_with(rule), "rules.srx")
    assert caught.value.line == line and words in caught.value.message
    assert str(caught.value).startswith(f"rules.srx:{line}: ")


def test_malformed_xml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.srx"
    path.write_text(TWO_LANGUAGES.format(cascade="no").replace("</rule>", "", 1), "utf-8")
    with pytest.raises(SegmentationRulesError) as caught:
        load_srx(path)
    assert caught.value.path == str(path) and caught.value.line == 8
    assert "not well-formed XML" in caught.value.message


@pytest.mark.parametrize(
    ("document", "words"),
    [
        (b"<rules/>", "not <srx>"),
        (b"<srx><header/></srx>", "no <body>"),
        (b"<srx><body><languagerules/></body></srx>", "no <languagerule>"),
        (
            srx_with("<rule/>").replace(b"<maprules>", b"<x>").replace(b"</maprules>", b"</x>"),
            "no <languagemap>",
        ),
        (srx_with("<rule/>", name="Missing"), "unknown languagerule 'Missing'"),
        (srx_with("<rule/>", pattern="fr("), "invalid languagepattern"),
    ],
)
def test_structure_errors_are_clear(document: bytes, words: str) -> None:
    with pytest.raises(SegmentationRulesError) as caught:
        parse_srx(document, "rules.srx")
    assert words in caught.value.message and caught.value.hint


def test_missing_file_is_a_rules_error(tmp_path: Path) -> None:
    with pytest.raises(SegmentationRulesError) as caught:
        load_srx(tmp_path / "absent.srx")
    assert "cannot read" in caught.value.message


def test_loading_is_cached_until_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "rules.srx"
    path.write_bytes(srx_with("<rule><beforebreak>\\.</beforebreak></rule>"))
    first = load_srx(path)
    assert load_srx(path) is first
    path.write_bytes(srx_with("<rule break='no'><beforebreak>!!</beforebreak></rule>"))
    second = load_srx(path)
    assert second is not first and not (second.rules_for("x") or ())[0].breaks


def test_shipped_rule_files_load() -> None:
    """Loaded unchecked at run time, so every shipped regex must compile here."""
    from importlib import resources

    for name in ("fr", "default"):
        data = resources.files("passerelle.segment").joinpath("rules").joinpath(f"{name}.srx")
        checked = parse_srx(data.read_bytes(), name, check=True)
        assert checked.rulesets == bundled_srx(name).rulesets
    french = bundled_srx("fr")
    assert french.rules_for("fr") and french.rules_for("fr-CA") and french.rules_for("FR_be")
    assert french.rules_for("en") is None and french.rules_for("frr") is None
    assert bundled_srx("default").rules_for("zh_CN")


def test_shipped_unicode_table_is_this_pythons_unicode() -> None:
    """The category table shipped for speed must say exactly what unicodedata says."""
    import json
    import unicodedata
    from importlib import resources

    from passerelle.segment.unicode_classes import category_ranges, walk_categories

    shipped = (
        resources.files("passerelle.segment").joinpath("rules").joinpath("unicode-categories.json")
    )
    version = json.loads(shipped.read_text(encoding="utf-8"))["unidata_version"]
    walked = walk_categories()
    if version == unicodedata.unidata_version:
        assert category_ranges() == walked
    assert sum(len(spans) for spans in walked.values()) > 3000


@pytest.fixture(scope="module")
def categories() -> tuple[list[str], set[int]]:
    """The general category of every code point, walked once for all the class tests, and the
    edges of its runs (first code point of a run, and the one before)."""
    import unicodedata

    table = [unicodedata.category(chr(code)) for code in range(0x110000)]
    starts = [code for code in range(1, 0x110000) if table[code] != table[code - 1]]
    return table, {*starts, *(code - 1 for code in starts)}


_CATEGORIES = (
    "Lu Ll Lt Lm Lo Mn Mc Me Nd Nl No Pc Pd Ps Pe Pi Pf Po Sm Sc Sk So Zs Zl Zp Cc Cf Cs Co Cn"
).split()


def _class_edges(pattern: str) -> set[int]:
    """Every code point a class in ``pattern`` can start or stop matching at (and one before).

    A class is made of characters and ranges, each end written as itself or as an escape, so
    its members can only change at a code point written in the pattern or just after it.
    """
    written = {ord(char) for char in pattern}
    written |= {int(code, 16) for code in re.findall(r"\\u([0-9a-f]{4})", pattern)}
    written |= {int(code, 16) for code in re.findall(r"\\U([0-9a-f]{8})", pattern)}
    return {edge for code in written for edge in (code - 1, code, code + 1)}


@pytest.mark.parametrize("name", [*_CATEGORIES, "L", "M", "N", "P", "S", "Z", "C", "LC"])
def test_property_classes_hold_exactly_their_category(
    categories: tuple[list[str], set[int]], name: str
) -> None:
    """Class members are written as characters, a few escaped: check all of Unicode.

    Every BMP code point (where all the escaped characters live) goes through the regex. Past
    it, both the category and the class are constant between the edges of the category's runs
    and the code points the pattern writes, so those edges stand for every code point.
    """
    table, runs = categories
    wanted = {"Lu", "Ll", "Lt"} if name == "LC" else {c for c in _CATEGORIES if c.startswith(name)}
    negated = {
        f"\\p{{{name}}}": False,
        f"[\\p{{{name}}}]": False,
        f"\\P{{{name}}}": True,
        f"[^\\p{{{name}}}]": True,
        f"[\\P{{{name}}}]": True,
    }
    python = {java: translate_regex(java) for java in negated}
    edges = runs.union(*map(_class_edges, python.values()))
    codes = [*range(0x10000), *sorted(c for c in edges if 0x10000 <= c < 0x110000)]
    text = "".join(map(chr, codes))
    inside = "".join(chr(c) for c in codes if table[c] in wanted)
    outside = "".join(chr(c) for c in codes if table[c] not in wanted)
    for java, pattern in python.items():
        assert re.sub(pattern, "", text) == (inside if negated[java] else outside), java


@pytest.mark.parametrize("name", ["L", "LC", "N", "P"])
def test_property_classes_join_touching_ranges(
    categories: tuple[list[str], set[int]], name: str
) -> None:
    """A class is written with one item per run of its code points, not one per category's
    run (``\\p{L}`` is Lu, Ll... side by side): the shipped rules parse fast in every command."""
    from passerelle.segment.unicode_classes import property_set

    table, _ = categories
    wanted = {"Lu", "Ll", "Lt"} if name == "LC" else {c for c in _CATEGORIES if c.startswith(name)}
    inside = [table[code] in wanted for code in range(0x10000)]
    runs = sum(1 for code in range(0x10000) if inside[code] and (code == 0 or not inside[code - 1]))
    bmp, _ = property_set(name, False)
    items = re._parser.parse(f"[{bmp}]").data[0][1]  # type: ignore[attr-defined]
    assert len(items) == runs
