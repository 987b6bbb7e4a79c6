"""``check`` and ``status`` answer from the run's state, and the answer is a fresh read's.

After a run nothing is read again (the state is trusted whole); after a change, the changed
document is read again and the rest comes from the state; either way the findings and counts
equal those of reading every file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run_main
from passerelle.config import load_config
from passerelle.po.catalog import read_catalog, write_catalog
from passerelle.project import checking, status
from passerelle.project.checking import run_checks
from passerelle.project.runner import report_state
from passerelle.project.status import collect_status


def assert_same_as_fresh(root: Path) -> bool:
    config = load_config(root)
    state = report_state(config)
    fresh = run_checks(config)
    remembered = run_checks(config, state=report_state(config))
    assert remembered.findings == fresh.findings and remembered.files == fresh.files
    assert remembered.exempted == fresh.exempted
    assert collect_status(config, state=report_state(config)) == collect_status(config)
    return state.trusted


def test_check_and_status_from_the_state_equal_a_fresh_read(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project)
    assert run_main("run", "-j", "1") in (0, 1)
    assert assert_same_as_fresh(project)  # nothing changed: the state is trusted whole

    def unread(*args: object, **kwargs: object) -> None:
        raise AssertionError("a catalog was read although nothing changed")

    with monkeypatch.context() as patched:
        patched.setattr(checking, "read_catalog", unread)
        patched.setattr(status, "read_catalog", unread)
        config = load_config(project)
        run_checks(config, state=report_state(config))
        collect_status(config, state=report_state(config))

    path = project / "locales" / "en" / "article.po"
    catalog = read_catalog(path)
    entry = next(e for e in catalog if "2025" in e.msgid)
    entry.msgstr = "On 11 October a delegation met."  # drops numbers: findings change
    write_catalog(path, catalog)
    assert not assert_same_as_fresh(project)
    capsys.readouterr()
