"""SOURCE_DATE_EPOCH: templates, drafts and releases read it alike and refuse it alike."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import run_cli
from passerelle.clock import source_date
from passerelle.errors import ConfigError
from passerelle.po.catalog import now_stamp
from passerelle.steps.drafts.driver import draft_date

READERS: list[Callable[[], object]] = [source_date, now_stamp, draft_date]


@pytest.mark.parametrize("value", ["abc", "yesterday", "²", "-5", "1.5", "9" * 20])
@pytest.mark.parametrize("reader", READERS)
def test_a_malformed_epoch_is_a_config_error_for_every_reader(
    monkeypatch: pytest.MonkeyPatch, reader: Callable[[], object], value: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH"):
        reader()


@pytest.mark.parametrize("value", ["1764201600", " 1764201600\n"])
def test_every_reader_gives_the_same_moment(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    moment = source_date()
    assert moment is not None and moment.isoformat() == "2025-11-27T00:00:00+00:00"
    assert now_stamp() == "2025-11-27 00:00+0000"
    assert draft_date() == "2025-11-27"


def test_extract_refuses_a_malformed_epoch_as_release_does(project: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "abc"}
    extract = run_cli(project, "extract", env=env)
    release = run_cli(project, "release", env=env)
    assert (extract.returncode, release.returncode) == (2, 2)
    assert extract.stderr == release.stderr
    assert extract.stderr.count("\n") == 1 and "Traceback" not in extract.stderr
    assert "SOURCE_DATE_EPOCH='abc' is not a number of seconds" in extract.stderr
