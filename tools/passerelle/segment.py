"""Sentence segmentation (interim: every block is one segment until the SRX segmenter lands)."""

from __future__ import annotations

from pathlib import Path


def split_sentences(text: str, lang: str = "fr", rules: Path | None = None) -> list[str]:
    """Split ``text`` into pieces whose concatenation is exactly ``text``.

    Each piece is one sentence followed by the whitespace after it.
    """
    return [text] if text else []
