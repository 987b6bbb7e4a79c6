"""Hypothesis strategies for PO catalogs: the texts translators and templates really hold.

Strings mix French, CJK, right-to-left scripts and what the PO syntax must escape (quotes,
backslashes, newlines, tabs), long runs that wrap, and near-empty values. Catalogs are drawn in
the shape our writer (and GNU msgcat) leaves them, so a round trip may be compared with ``==``.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from passerelle.po.catalog import Catalog, Entry
from passerelle.po.write import FORMAT_LANGUAGES


def reproducible(examples: int) -> settings:
    """Fixed examples (no seed, no database): a failure in CI fails the same way everywhere."""
    return settings(
        derandomize=True,
        database=None,
        deadline=None,
        max_examples=examples,
        suppress_health_check=[HealthCheck.too_slow],
    )


TOKENS = [
    "Le chat",
    "dort",
    "état",
    "naïve",
    "e\u0301",
    "«\u202fOui\u202f»",
    "l'été",
    "汉字",
    "テスト",
    "、",
    "。",
    "한국어",
    "مرحبا",
    "بالعالم",
    "שלום",
    "\u200f",
    "\u00a0",
    "\u200b",
    '"',
    "\\",
    "\\n",
    "\n",
    "\t",
    "\r",
    "%s",
    "%(name)s",
    "{0}",
    "http://example.org/a/b",
    "state-of-the-art",
    "x" * 30,
    "—",
    "…",
    "1.5",
]
SPACES = st.sampled_from(["", " ", " ", "  "])
TEXT = st.lists(st.tuples(st.sampled_from(TOKENS), SPACES), max_size=12).map(
    lambda parts: "".join(token + space for token, space in parts)
)
EMPTYISH = st.sampled_from(["", " ", "\n", "\t", '"', "\\"])
STRING = st.one_of(TEXT, EMPTYISH)
FILLED = STRING.filter(bool)
# Comment lines hold no line end, and none ends in a backslash: GNU reads backslash-newline as
# one line continued (the writer's answer to that has its own tests in test_poformat.py).
COMMENT_LINE = STRING.map(lambda text: text.replace("\n", " ").replace("\r", " ").rstrip("\\"))
COMMENT = st.lists(COMMENT_LINE, max_size=3).map("\n".join)
PATH = st.from_regex(r"[a-z][a-z0-9_]{0,8}(/[a-z0-9_.-]{1,8}){0,2}\.(html|txt|xml)", fullmatch=True)
OCCURRENCES = st.lists(
    st.tuples(PATH, st.sampled_from(["", "1", "42", "10000"])), max_size=4, unique=True
)
FORMAT_FLAGS = st.lists(st.sampled_from(["c", "python", "no-c", "no-python"]), max_size=1)


def _flags(fuzzy: bool, formats: list[str], no_wrap: bool) -> list[str]:
    """Flags in msgcat's order: fuzzy, then format flags in gettext's order, then no-wrap."""
    order = {lang: i for i, lang in enumerate(FORMAT_LANGUAGES)}
    named = sorted(formats, key=lambda f: order[f.removeprefix("no-")])
    return [*(["fuzzy"] if fuzzy else []), *(f"{f}-format" for f in named)] + (
        ["no-wrap"] if no_wrap else []
    )


@st.composite
def entries(
    draw: st.DrawFn,
    key: tuple[str | None, str],
    nplurals: int,
    *,
    obsolete: bool = False,
    template: bool = False,
) -> Entry:
    """One entry for ``key``: sometimes plural, translated or not (never in a template)."""
    msgctxt, msgid = key
    plural = draw(st.booleans())
    msgid_plural = draw(FILLED) if plural else ""
    translate = not template and (obsolete or draw(st.booleans()))
    if plural:
        forms = {i: draw(STRING) if translate else "" for i in range(nplurals)}
        if obsolete:  # msgcat writes an obsolete entry only with a first form
            forms[0] = draw(FILLED)
        msgstr, first = "", forms[0]
    else:
        forms = {}
        msgstr = draw(FILLED if obsolete else STRING) if translate else ""
        first = msgstr
    fuzzy = bool(first) and draw(st.booleans())
    previous = draw(st.one_of(st.none(), st.tuples(st.none() | STRING, STRING)))
    prev_ctxt, prev_id = previous if fuzzy and previous else (None, None)
    return Entry(
        msgid=msgid,
        msgctxt=msgctxt,
        msgid_plural=msgid_plural,
        msgstr=msgstr,
        msgstr_plural=forms,
        obsolete=obsolete,
        tcomment="" if template else draw(COMMENT),
        comment="" if obsolete else draw(COMMENT),
        occurrences=[] if obsolete else draw(OCCURRENCES),
        flags=_flags(fuzzy, draw(FORMAT_FLAGS), draw(st.booleans())),
        previous_msgctxt=prev_ctxt,
        previous_msgid=prev_id,
        previous_msgid_plural=draw(st.none() | FILLED) if prev_id is not None and plural else None,
    )


def _key_ok(key: tuple[str | None, str]) -> bool:
    """An empty msgid without a context is the header, not a message."""
    return key[1] != "" or key[0] is not None


KEYS = st.lists(st.tuples(st.none() | STRING, STRING).filter(_key_ok), max_size=8, unique=True)
PLURAL_FORMS = {
    1: "nplurals=1; plural=0;",
    2: "nplurals=2; plural=(n > 1);",
    3: "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || "
    "n%100>=20) ? 1 : 2);",
}


def metadata(nplurals: int, lang: str) -> dict[str, str]:
    """A header as translators' tools write it."""
    return {
        "Project-Id-Version": "demo 1.0",
        "POT-Creation-Date": "2024-01-01 10:00+0100",
        "PO-Revision-Date": "2024-01-02 10:00+0100",
        "Last-Translator": "Marie <marie@example.org>",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS[nplurals],
    }


@st.composite
def catalogs(draw: st.DrawFn, keys: list[tuple[str | None, str]] | None = None) -> Catalog:
    """A catalog as msgcat writes one: active entries, then obsolete ones holding a text."""
    if keys is None:
        keys = draw(KEYS)
    nplurals = draw(st.sampled_from(sorted(PLURAL_FORMS)))
    gone = draw(st.lists(st.booleans(), min_size=len(keys), max_size=len(keys)))
    active = [draw(entries(k, nplurals)) for k, old in zip(keys, gone, strict=True) if not old]
    retired = [
        draw(entries(k, nplurals, obsolete=True)) for k, old in zip(keys, gone, strict=True) if old
    ]
    return Catalog(
        active + retired,
        metadata=metadata(nplurals, draw(st.sampled_from(["fr", "ja", "uk"]))),
        header=draw(COMMENT),
        metadata_is_fuzzy=draw(st.booleans()),
    )


@st.composite
def templates(draw: st.DrawFn, keys: list[tuple[str | None, str]]) -> Catalog:
    """A POT for ``keys`` in a drawn order: sources, comments, references, no translation."""
    order = draw(st.permutations(keys))
    fields = {"Project-Id-Version": "demo 1.0", "POT-Creation-Date": "2024-03-01 09:00+0100"}
    fields["Content-Type"] = "text/plain; charset=UTF-8"
    return Catalog([draw(entries(k, 2, template=True)) for k in order], metadata=fields)
