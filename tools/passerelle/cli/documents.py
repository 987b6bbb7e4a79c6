"""Document commands: segment."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from passerelle.cli import Context, cli
from passerelle.errors import ConfigError, SourceError
from passerelle.segment.sentences import segmenter_for


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, allow_dash=True))
@click.option("--lang", help="Source language (default: the project's, else fr).")
@click.option(
    "--srx",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="SRX 2.0 rules file (default: the project's srx setting, else the shipped rules).",
)
@click.option(
    "--mode",
    type=click.Choice(["sentence", "paragraph"]),
    default="sentence",
    show_default=True,
    help="paragraph: one line per paragraph, not split into sentences.",
)
@click.pass_obj
def segment(obj: Context, file: Path, lang: str | None, srx: Path | None, mode: str) -> None:
    """Print FILE (or - for stdin) one segment per line.

    A blank line follows each paragraph. Paragraphs are separated by blank lines; the lines of a
    paragraph are joined by spaces.
    """
    if lang is None or srx is None:
        project_lang, project_srx = _project_defaults(obj)
        lang = lang or project_lang
        srx = srx or project_srx
    text = _read(file)
    splitter = segmenter_for(lang, srx).split if mode == "sentence" else None
    out: list[str] = []
    for paragraph in _paragraphs(text):
        pieces = splitter(paragraph) if splitter else [paragraph]
        out.extend(piece.strip() + "\n" for piece in pieces if piece.strip())
        out.append("\n")
    sys.stdout.write("".join(out))


def _project_defaults(obj: Context) -> tuple[str, Path | None]:
    """The project's source language and SRX file, when run inside a project."""
    try:
        config = obj.config
    except ConfigError:
        return "fr", None
    return config.source_lang, config.srx


def _read(file: Path) -> str:
    if str(file) == "-":
        return sys.stdin.read()
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(f"cannot read text: {error}", path=file) from None


def _paragraphs(text: str) -> list[str]:
    """Runs of non-blank lines, each joined into one line."""
    blocks: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return blocks
