"""Progress displays: bars on a terminal (``rich``), sparse lines in a log.

Both take the same calls, ``update(label, done, total)``, from any step: a label names a piece
of work (a step over the documents, a catalog being drafted); a new total, or a count going
back, starts that piece again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import click

#: Seconds between two progress lines in a log, at least; a shorter step prints none.
LOG_INTERVAL = 5.0


class Bars:
    """One bar per label still under way on standard error, erased when it ends or when the
    command prints a line."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True, force_terminal=True),
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.tasks: dict[str, tuple[Any, int, int]] = {}  # label -> (task, done, total)
        self.started = False

    def update(self, label: str, done: int, total: int) -> None:
        known = self.tasks.get(label)
        if known is None or known[2] != total or done < known[1]:
            if known is not None:
                self.progress.remove_task(known[0])
            task = self.progress.add_task(label, total=total, completed=done)
            if not self.started:
                self.progress.start()
                self.started = True
            self.progress.refresh()  # a new bar shows at once; then ten times a second
        else:
            task = known[0]
            self.progress.update(task, completed=done)
        if done >= total:
            self.progress.remove_task(task)
            self.tasks.pop(label, None)
        else:
            self.tasks[label] = (task, done, total)

    def stop(self) -> None:
        if self.started:
            self.progress.stop()
            self.started = False


class LogLines:
    """A line ``label: done/total (share), about N s left`` every :data:`LOG_INTERVAL` at most."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.last = clock()
        self.starts: dict[str, tuple[float, int, int]] = {}  # label -> (time, done, total)

    def update(self, label: str, done: int, total: int) -> None:
        now = self.clock()
        start = self.starts.get(label)
        if start is None or start[2] != total or done < start[1]:
            start = self.starts[label] = (now, done, total)
        if now - self.last < LOG_INTERVAL or done >= total:
            return
        self.last = now
        line = f"{label}: {done}/{total} ({100 * done // total}%)"
        rate = (done - start[1]) / (now - start[0]) if now > start[0] else 0.0
        if rate > 0:
            line += f", about {_duration((total - done) / rate)} left"
        click.echo(line, err=True)


def _duration(seconds: float) -> str:
    whole = int(seconds + 0.5)
    return f"{whole // 60} min {whole % 60:02d} s" if whole >= 60 else f"{whole} s"
