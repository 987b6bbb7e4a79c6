"""Shared fixtures: a small project on disk, the real article; and no run without GNU gettext."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import ARTICLE, FIGURES, GETTEXT_TOOLS, PROJECT_TOML


def pytest_configure(config: pytest.Config) -> None:
    """Refuse to run without GNU gettext: a test that skipped for want of the reference would
    let a run pass that proved nothing about msgcat fidelity."""
    missing = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if missing:
        raise pytest.UsageError(
            f"GNU gettext is required: apt-get install gettext (missing: {', '.join(missing)})"
        )


@pytest.fixture
def article_text() -> str:
    """The West Bund article as the project holds it."""
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, article_text: str) -> Path:
    """A project folder with passerelle.toml and the article (and its figures) in source/."""
    (tmp_path / "passerelle.toml").write_text(PROJECT_TOML, encoding="utf-8")
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "article.txt").write_text(article_text, encoding="utf-8")
    for figure in FIGURES:
        shutil.copyfile(ARTICLE.parent / figure, tmp_path / "source" / figure)
    return tmp_path
