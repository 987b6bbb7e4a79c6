"""Shared fixtures: a small project on disk, the real article, and real GNU gettext."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from passerelle.config import Config
from passerelle.project.jobs import JobResult
from passerelle.project.runner import run_steps

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "source" / "iblac-west-bund.txt"

PROJECT_TOML = """\
source-lang = "fr"
languages = ["en", "de", "ar"]
segment = "sentence"
"""


@pytest.fixture
def article_text() -> str:
    """The West Bund article exactly as published."""
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, article_text: str) -> Path:
    """A project folder with passerelle.toml and the article in source/."""
    (tmp_path / "passerelle.toml").write_text(PROJECT_TOML, encoding="utf-8")
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "article.txt").write_text(article_text, encoding="utf-8")
    return tmp_path


def run_cli(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real ``passerelle`` command line in ``cwd`` (a fresh process, as a user would)."""
    return subprocess.run(
        [sys.executable, "-m", "passerelle", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    """Run real GNU msgfmt's format and header checks on a PO or POT file."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.fail("GNU msgfmt is required (apt-get install gettext)")
    return subprocess.run(
        [msgfmt, "--check-format", "--check-header", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def run_steps_inline(config: Config, *steps: str, **options: Any) -> list[JobResult]:
    """The project runner with one worker: every document in this process, one after another."""
    return list(run_steps(config, steps, workers=1, **options))
