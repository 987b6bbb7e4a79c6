"""Document commands: segment."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from passerelle.cli import cli
from passerelle.segment import split_sentences


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, allow_dash=True))
@click.option("--lang", default="fr", show_default=True)
@click.option("--srx", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--mode", type=click.Choice(["sentence", "paragraph"]), default="sentence")
def segment(file: Path, lang: str, srx: Path | None, mode: str) -> None:
    """Print one segment per line, a blank line after each paragraph."""
    text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
    out = sys.stdout
    for paragraph in _paragraphs(text):
        pieces = split_sentences(paragraph, lang, srx) if mode == "sentence" else [paragraph]
        for piece in pieces:
            if piece.strip():
                out.write(piece.strip() + "\n")
        out.write("\n")


def _paragraphs(text: str) -> list[str]:
    blocks, current = [], []
    for line in text.splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return blocks
