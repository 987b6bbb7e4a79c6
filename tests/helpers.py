"""What tests share besides fixtures: the repository's paths, the real command line, real GNU
gettext, and the project runner with one worker."""

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
FIGURES = ("fig1.jpg", "fig2+题图.jpg", "fig3.png")  # the article's figures, beside it

# The reference every PO test compares against; ``make test`` needs them all.
GETTEXT_TOOLS = ("msgfmt", "msgcat", "msgmerge", "msgunfmt")

PROJECT_TOML = """\
source-lang = "fr"
languages = ["en", "de", "ar"]
segment = "sentence"
"""


def gettext_tool(name: str) -> str:
    """The path of a GNU gettext program (present: :func:`pytest_configure` made sure)."""
    found = shutil.which(name)
    assert found is not None, f"GNU gettext is required: apt-get install gettext ({name})"
    return found


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


def msgfmt_c(path: Path) -> subprocess.CompletedProcess[str]:
    """Run real GNU ``msgfmt -c`` (format, header and domain checks) on a PO file."""
    return subprocess.run(
        [gettext_tool("msgfmt"), "-c", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    """Run real GNU msgfmt's format and header checks on a PO or POT file."""
    return subprocess.run(
        [gettext_tool("msgfmt"), "--check-format", "--check-header", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def run_steps_inline(config: Config, *steps: str, **options: Any) -> list[JobResult]:
    """The project runner with one worker: every document in this process, one after another."""
    return list(run_steps(config, steps, workers=1, **options))


def run_main(*args: str) -> int:
    """The command line in this process (for tests that look inside it): its exit status."""
    from passerelle.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    code = exit_info.value.code
    return code if isinstance(code, int) else 1


def run_draft(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """``passerelle draft`` in this process: its exit status and everything it printed."""
    from passerelle.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["draft", *args])
    captured = capsys.readouterr()
    return int(exc.value.code or 0), captured.out + captured.err


def plant_source_typo(project: Path) -> None:
    """Double an elision in the project's article (``par l'l'intelligence``, as its publisher
    once printed it): a typo the source checks report, for tests of how findings travel."""
    article = project / "source" / "article.txt"
    text = article.read_text(encoding="utf-8")
    assert "par l'intelligence" in text
    article.write_text(text.replace("par l'intelligence", "par l'l'intelligence"), encoding="utf-8")
