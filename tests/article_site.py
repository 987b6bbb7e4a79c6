"""The repository's own article built in a temporary copy of the project: every language and
the pseudo-locale, from the catalogs as they stand."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import REPO, run_cli

LANGUAGES = ("en", "zh_CN", "ja", "de", "es", "ar", "qps")
TOML = """\
source-lang = "fr"
languages = ["en", "zh_CN", "ja", "de", "es", "ar"]
draft-languages = ["qps"]
"""


def build_site(root: Path) -> Path:
    """``root/build`` after ``passerelle run`` on a copy of the sources and catalogs."""
    (root / "passerelle.toml").write_text(TOML, encoding="utf-8")
    shutil.copytree(REPO / "source", root / "source")
    shutil.copytree(REPO / "locales", root / "locales", ignore=shutil.ignore_patterns(".*"))
    done = run_cli(root, "run")
    assert done.returncode == 0, done.stdout + done.stderr
    if not (root / "build" / "qps").is_dir():  # draft-languages build with fuzzy included
        done = run_cli(root, "draft", "--lang", "qps")
        assert done.returncode == 0, done.stdout + done.stderr
    return root / "build"
