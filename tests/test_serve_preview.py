"""The review app's page marks: units become spans in the preview and nowhere else."""

from __future__ import annotations

from pathlib import Path

from helpers import run_steps_inline
from passerelle.config import load_config
from passerelle.serve.preview import CLOSE, OPEN, SEP, spans_from_marks
from passerelle.serve.workspace import Workspace, word_diff
from serve_site import make_project


def mark(number: int, text: str) -> str:
    return f"{OPEN}{number}{SEP}{text}{CLOSE}"


def test_marks_become_spans_in_text_only() -> None:
    page = (
        f"<html><head><title>{mark(0, 'Titre')}</title></head><body>"
        f'<img alt="{mark(1, "Une image")}" src="a.png">'
        f"<!-- {mark(2, 'commentaire')} -->"
        f"<p>{mark(3, 'Une <b>phrase</b>.')} {mark(4, 'Une autre.')}</p>"
        f"<script>var x = '{mark(5, 'non')}';</script></body></html>"
    )
    assert spans_from_marks(page) == (
        "<html><head><title>Titre</title></head><body>"
        '<img alt="Une image" src="a.png">'
        "<!-- commentaire -->"
        '<p><span data-unit="3">Une <b>phrase</b>.</span> <span data-unit="4">Une autre.</span></p>'
        "<script>var x = 'non';</script></body></html>"
    )


def test_a_build_never_carries_marks(tmp_path: Path) -> None:
    root = make_project(tmp_path, guide=True)
    config = load_config(root)
    preview = Workspace(config).preview(Workspace(config).document("guide"), "de")
    assert 'data-unit="1"' in preview and "<code>make</code>" in preview
    run_steps_inline(config, "build")
    for page in (root / "build").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "data-unit" not in text and OPEN not in text and CLOSE not in text, page
    assert "Enregistrer" in (root / "build" / "de" / "guide.html").read_text(encoding="utf-8")


def test_the_previous_french_is_shown_word_by_word() -> None:
    assert word_diff("Le chat dort.", "Le gros chat dort bien.") == [
        ["=", "Le"],
        ["+", " gros"],
        ["=", " chat dort"],
        ["+", " bien"],
        ["=", "."],
    ]
