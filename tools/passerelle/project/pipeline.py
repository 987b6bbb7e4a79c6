"""The whole pipeline, as ``passerelle run`` (and ``make``) does it:
extract -> update -> draft -> check -> build -> status.

Only what changed since the last run is redone; with nothing changed, nothing is written and the
last run's findings and status are said again. The project lock is held from the first step to
the last, so the state and report saved between steps are this run's alone, and a run killed
anywhere is known as such to the next one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from passerelle.config import Config
from passerelle.counts import counted
from passerelle.project.console import Console
from passerelle.project.layout import Layout
from passerelle.project.runner import last_run, load_state, record_run, run_steps
from passerelle.project.state import State
from passerelle.project.status import ProjectStatus
from passerelle.steps.checks import ERROR, Finding, reported_files, sort_findings
from passerelle.steps.checks.checker import known_codes
from passerelle.steps.checks.tuning import settings_of
from passerelle.steps.drafts.registry import known_engine

#: Findings that say a language is simply not translated yet: never a reason to fail ``run``.
NOT_YET = frozenset(
    {"catalog-missing", "template-missing", "fuzzy-threshold", "untranslated-threshold"}
)
#: Findings a run shows (``passerelle check`` shows all).
SHOWN_FINDINGS = 40
#: Past this many documents, ``run`` shows one status row per language.
SHOWN_DOCUMENTS = 30


@dataclass(frozen=True)
class Renderers:
    """How a run's report shows findings and the status: the command line passes the text
    renderers of :mod:`passerelle.reports`, which sit above this layer."""

    findings: Callable[[Sequence[Finding]], str]
    status: Callable[[ProjectStatus, bool], str]  # (status, totals only)


def run_pipeline(
    config: Config, console: Console, render: Renderers, *, workers: int | None = None
) -> int:
    """Run every step on what changed; the exit status (1 on errors in translated content)."""
    settings_of(config, known_codes())  # a bad check name fails before any step runs
    known_engine(config.draft_engine, source=config.config_file, key="draft-engine")  # and engine
    last = last_run(config)
    if last is not None:
        console.say("run: nothing changed since the last run; its findings and status follow")
        for line in last.text.splitlines():
            console.say(line)
        return last.code
    with Layout(config).lock():
        state = load_state(config)
        try:
            return _run_steps(config, state, _Recorder(console), render, workers)
        finally:
            state.save()


def _run_steps(
    config: Config, state: State, console: _Recorder, render: Renderers, workers: int | None
) -> int:
    from passerelle.project.drafting import draft_step
    from passerelle.project.draftjobs import plan_drafts
    from passerelle.project.status import collect_status

    # One pass per stale document does everything, translation-memory drafts included (the
    # memory is read once, for every worker); other drafts (pseudo-localisation) come after,
    # and what they change is checked and built again below.
    plan = plan_drafts(config)
    written = built = drafted = 0
    steps = ("extract", "update", "check", "build")
    for result in run_steps(
        config, steps, workers=workers, state=state, progress=console.progress, drafts=plan
    ):
        written += len(result.written) - result.built
        built += result.built
        drafted += result.drafted
        for path in result.written:
            console.detail(f"  wrote {Layout(config).shown(Path(path))}")
    console.say(f"extract, update: {counted(written, 'file')} written")
    if plan is not None:
        console.say(f"draft: {', '.join(plan.languages)} (tm): {drafted} drafted")
    state.save()
    draft_step(config, state, console, workers, skip=plan.languages if plan else ())
    state.save()
    console.recording = True
    code = check_step(config, state, console, render)
    console.recording = False
    again = run_steps(config, ("build",), workers=workers, state=state, progress=console.progress)
    built += sum(len(result.written) for result in again)
    console.say(f"build: {counted(built, 'file')} written")
    many = len(Layout(config).documents()) > SHOWN_DOCUMENTS
    console.recording = True
    status = collect_status(config, state=state, progress=console.progress)
    for line in render.status(status, many).splitlines():
        console.say(line)
    state.save()  # before the record: who finds the record current may trust the state
    record_run(config, code, "".join(line + "\n" for line in console.recorded))
    return code


def check_step(config: Config, state: State | None, console: Console, render: Renderers) -> int:
    """The check step of ``passerelle run``: report everything, fail only on broken translations.

    Languages that are not translated yet and warnings (the source's own typos, drafts awaiting
    review) are said but do not fail ``make``; an error in translated content does.
    """
    from passerelle.project.checking import run_checks

    run = run_checks(config, state=state, progress=console.progress)
    ordered = sort_findings(run.findings)
    for line in render.findings(ordered[:SHOWN_FINDINGS]).splitlines():
        console.say(f"  {line}")
    if len(ordered) > SHOWN_FINDINGS:
        console.say(f"  ... and {len(ordered) - SHOWN_FINDINGS} more (passerelle check shows all)")
    errors = sum(1 for f in run.findings if f.severity == ERROR)
    warnings = sum(1 for f in run.findings if f.severity == "warning")
    blocking = [f for f in run.findings if f.severity == ERROR and f.code not in NOT_YET]
    console.say(
        f"check: {counted(errors, 'error')}, {counted(warnings, 'warning')} in "
        f"{counted(len(reported_files(run.findings, run.files)), 'file')}"
        + (f"; {counted(len(blocking), 'error')} in translated content" if blocking else "")
    )
    return 1 if blocking else 0


class _Recorder:
    """Passes lines on, keeping those of the report an unchanged run says again."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.recording = False
        self.recorded: list[str] = []

    def say(self, line: str) -> None:
        if self.recording:
            self.recorded.append(line)
        self.console.say(line)

    def note(self, line: str) -> None:
        self.console.note(line)

    def remark(self, line: str) -> None:
        self.console.remark(line)

    def detail(self, line: str) -> None:
        self.console.detail(line)

    def progress(self, label: str, done: int, total: int) -> None:
        self.console.progress(label, done, total)
