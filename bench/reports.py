"""Reports on a large project: ``status`` and ``check`` against the no-op ``run``.

Generates 2,000 French HTML pages in six languages (the generator of :mod:`scale`), runs the
pipeline once, then times, best of three, the no-op ``run``, ``status --totals``, ``check`` and
``status --format html``: with nothing changed, the reports answer from the run's state and
must take at most three times the no-op run. The HTML page's size is reported too.

Usage: python bench/reports.py [--docs 2000] [--jobs N] [--keep DIR]
"""

from __future__ import annotations

import random
import shutil
import subprocess
import time
from pathlib import Path

from scale import LANGS, generated_project, page

#: The reports may take this many times the no-op run, at most.
RATIO = 3.0


def generate(root: Path, docs: int, seed: int = 20251129) -> None:
    rng = random.Random(seed)
    (root / "passerelle.toml").write_text(
        f'source-lang = "fr"\nlanguages = {LANGS!r}\n'.replace("'", '"')
        + 'segment = "sentence"\ndraft-engine = "tm"\n',
        encoding="utf-8",
    )
    for n in range(docs):
        folder = root / "source" / f"s{n // 500:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"doc{n:05d}.html").write_text(page(rng, n), encoding="utf-8")


def best_of(cmd: list[str], cwd: Path, times: int = 3) -> float:
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, check=False)
        best = min(best, time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(
                f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]!r}"
            )
    return best


def main(argv: list[str] | None = None) -> int:
    args, exe, root = generated_project(argv, __doc__.splitlines()[0], 2000, "reports")
    try:
        generate(root, args.docs)
        base = [exe, "-q", "--jobs", str(args.jobs)]
        start = time.perf_counter()
        subprocess.run([*base, "run"], cwd=root, capture_output=True, check=False)
        print(
            f"reports: {args.docs} HTML documents x {len(LANGS)} languages, first run "
            f"{time.perf_counter() - start:.1f}s"
        )
        noop = best_of([*base, "run"], root)
        rows = [("no-op run", noop)]
        for label, cmd in [
            ("status --totals", ["status", "--totals"]),
            ("check", ["check"]),
            ("status html", ["status", "--format", "html", "-o", str(root / "status.html")]),
        ]:
            rows.append((label, best_of([*base, *cmd], root)))
        failures = 0
        for label, elapsed in rows:
            ratio = elapsed / noop
            verdict = ""
            if label != "no-op run":
                failed = ratio > RATIO
                failures += failed
                verdict = f"  ({ratio:.1f}x the no-op run; target <= {RATIO:.0f}x: "
                verdict += "MISSED)" if failed else "ok)"
            print(f"{label:16} {elapsed:6.2f}s{verdict}")
        size = (root / "status.html").stat().st_size
        print(f"status page: {size / 1e6:.2f} MB for {args.docs * len(LANGS)} (document, language)")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
