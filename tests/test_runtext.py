"""A run's span leaves out the whitespace at its edges, character references included, and
looks no further than the span it is given."""

from __future__ import annotations

import pytest

from passerelle.formats.runtext import blank_lead_end, blank_trail_start


@pytest.mark.parametrize(
    ("raw", "lead", "trail"),
    [
        ("texte", 0, 5),
        ("  \n texte \t", 4, 9),
        ("&#x0a;&#10; texte&#32;\n", 12, 17),
        ("&#x0A;texte&#X20;", 6, 11),
        ("&#160;texte&#xa0;", 0, 17),  # no-break spaces are content
        ("texte;", 0, 6),
        ("a &amp; b&#32;", 0, 9),
        ("   ", 3, 0),
    ],
)
def test_blank_edges_of_a_whole_text(raw: str, lead: int, trail: int) -> None:
    assert blank_lead_end(raw, 0, len(raw)) == lead
    assert blank_trail_start(raw, 0, len(raw)) == trail


def test_blank_edges_stay_inside_the_span() -> None:
    source = "xx  <p>  mot  </p>&#32;  yy"
    start, end = source.index("  mot"), source.index("</p>")
    assert source[blank_lead_end(source, start, end) : end].startswith("mot")
    assert blank_trail_start(source, start, end) == source.index("mot") + 3
    # a blank span: the trail stops at the span's start, not at the text before it
    blank = source.index("  yy")
    assert blank_trail_start(source, blank, blank + 2) == blank
    assert blank_lead_end(source, blank, blank + 2) == blank + 2
    # a reference cut by the span's start is not whitespace
    ref = source.index("&#32;")
    assert blank_trail_start(source, ref + 1, ref + 5) == ref + 5
