"""Round-trip properties: extract, translate every unit with itself, build -> the source again."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from passerelle.formats.article import to_html
from passerelle.formats.base import Format, FormatOptions
from passerelle.formats.html import FORMAT as HTML
from passerelle.formats.xml import FORMAT as XML
from passerelle.steps.build import make_translate
from passerelle.steps.extract import Segmentation, document_units
from passerelle.units import PLACEHOLDER_RE, Block, Piece

OPTIONS = FormatOptions()
SENTENCES = Segmentation()
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def shout(block: Block) -> list[Piece]:
    """A translation that changes every text, keeps every placeholder and adds markup chars."""
    parts = PLACEHOLDER_RE.split(block.text)
    out = []
    for index in range(0, len(parts), 5):
        out.append(parts[index].upper())
        if index + 4 < len(parts):
            slash, name, number, empty = parts[index + 1 : index + 5]
            out.append(f"<{slash}{name}{number}{empty}>")
    return [Piece("".join(out) + " <&>")]


def identity_build(fmt: Format, text: str, lang: str = "fr") -> str:
    units = document_units(fmt, text, "doc", OPTIONS, SENTENCES)
    table = {u.key: u.msgid for u in units}
    return fmt.write(text, "doc", make_translate(table, SENTENCES), lang, OPTIONS)


WORDS = st.sampled_from(
    [
        "été",
        "l'IA",
        "Voilà",
        "a",
        "&eacute;",
        "&nbsp;",
        "&#x27;",
        "&amp;",
        "&lt;",
        "\xa0",
        "«\u202fx\u202f»",
        "deux.",
        "Trois !",
        "1,5",
    ]
)
SPACE = st.sampled_from([" ", "", "\n", "  \n\t", " "])
TEXT = st.lists(st.tuples(WORDS, SPACE), max_size=6).map(lambda ws: "".join(a + b for a, b in ws))
ATTRS = st.sampled_from(
    ["", ' class="x"', " title='Un titre'", ' id=a1 lang="fr"', ' translate="no"', " hidden"]
)


def _html_node(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    inline = st.sampled_from(["em", "a", "span", "code", "b", "q"])
    block = st.sampled_from(["p", "div", "li", "td", "h2", "pre", "blockquote"])
    paired = st.tuples(st.one_of(inline, block), ATTRS, st.lists(children, max_size=4)).map(
        lambda t: f"<{t[0]}{t[1]}>{''.join(t[2])}</{t[0]}>"
    )
    unclosed = st.tuples(st.sampled_from(["p", "li", "td", "b"]), TEXT).map(
        lambda t: f"<{t[0]}>{t[1]}"
    )
    empty = st.sampled_from(
        [
            "<br>",
            "<br/>",
            '<img src="i.png" alt="Une image">',
            "<!-- note -->",
            "<wbr>",
            "<script>if (a < b) x();</script>",
            "</stray>",
        ]
    )
    return st.one_of(paired, unclosed, empty, TEXT)


HTML_BODY = st.recursive(TEXT, _html_node, max_leaves=25)
HTML_PAGES = st.tuples(
    st.sampled_from(["", "<!DOCTYPE html>\n"]),
    st.sampled_from(['<html lang="fr">', "<html>", ""]),
    st.lists(HTML_BODY, max_size=5),
).map(lambda t: f"{t[0]}{t[1]}<body>{''.join(t[2])}</body>")


@FAST
@given(HTML_PAGES)
def test_html_identity_build_is_the_source(page: str) -> None:
    assert identity_build(HTML, page) == page


@FAST
@given(st.text(alphabet=st.sampled_from(list("<>/!?-=\"' abp&;#x\n[]")), max_size=80))
def test_html_lexer_survives_any_input(text: str) -> None:
    assert identity_build(HTML, text) == text
    HTML.write(text, "doc", shout, "en", OPTIONS)


def _xml_node(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    names = st.sampled_from(["p", "em", "code", "note", "title", "x:y"])
    attrs = st.sampled_from(["", ' a="1"', " b='&amp;'", ' xml:space="preserve"'])
    return st.one_of(
        st.tuples(names, attrs, st.lists(children, max_size=4)).map(
            lambda t: f"<{t[0]}{t[1]}>{''.join(t[2])}</{t[0]}>"
        ),
        st.sampled_from(["<br/>", "<!-- c -->", "<?pi data?>", "<![CDATA[a < b & c]]>", "<e />"]),
    )


XML_TEXT = TEXT.map(lambda t: t.replace("&nbsp;", "&#160;").replace("&#x27;", "&apos;"))
XML_DOCS = st.tuples(
    st.sampled_from(["", '<?xml version="1.0" encoding="UTF-8"?>\n']),
    st.sampled_from(["", '<!DOCTYPE doc SYSTEM "doc.dtd">\n']),
    st.lists(st.recursive(XML_TEXT, _xml_node, max_leaves=20), max_size=5),
).map(lambda t: f'{t[0]}{t[1]}<doc xmlns:x="urn:x">{"".join(t[2])}</doc>\n')


@FAST
@given(XML_DOCS)
def test_xml_identity_build_is_the_source(doc: str) -> None:
    assert identity_build(XML, doc) == doc


@FAST
@given(XML_DOCS)
def test_translated_xml_stays_well_formed_with_the_same_elements(doc: str) -> None:
    out = XML.write(doc, "doc", shout, "en", OPTIONS)
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)

    def tags(text: str) -> list[str]:
        cleaned = text.replace("&eacute;", "e").replace("&EACUTE;", "E")
        root = etree.fromstring(cleaned.encode("utf-8"), parser)
        return [el.tag for el in root.iter() if isinstance(el.tag, str)]

    assert tags(out) == tags(doc)


def test_article_page_identity(article_text: str) -> None:
    page = to_html(article_text)
    assert identity_build(HTML, page) == page
    assert identity_build(HTML, page, "en").replace('lang="en"', 'lang="fr"', 1) == page
