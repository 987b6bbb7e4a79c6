"""GNU gettext's own msgmerge tests with ``msgmerge`` pointed at ``passerelle merge``.

Runs ``../shared/tools/gettext_suite.py`` (GNU gettext 0.21's test scripts, unchanged, from
``../shared/corpora/gettext-tests-0.21.tar.xz``; ``-U`` mapped to ``-o``) and prints its table,
the tests that still differ from GNU byte for byte, and any translation lost. The target: at
least 31 of the 33 applicable msgmerge tests GNU passes, byte for byte, and nothing lost.

Run: ``.venv/bin/python bench/gettext_suite.py`` (prints "skipped: ..." without the corpus).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SUITE = SHARED / "tools" / "gettext_suite.py"
TESTS = SHARED / "corpora" / "gettext-tests-0.21.tar.xz"
TARGET = 31


def _passed(result: dict[str, object] | None) -> bool:
    return isinstance(result, dict) and result.get("rc") == 0


def _lost(row: dict[str, object]) -> list[str]:
    """The merge calls of a test whose output misses a translation of its input."""
    found = []
    for mode in ("pas-exact",):
        result = row.get(mode)
        if not isinstance(result, dict):
            continue
        for call in result.get("log", []):
            if isinstance(call, dict) and call.get("lost_passerelle"):
                found.append(f"{row['test']} call {call.get('n')}")
    return found


def main() -> int:
    if not SUITE.exists() or not TESTS.exists():
        print(f"skipped: {SUITE} or {TESTS} not found")
        return 0
    passerelle = Path(sys.executable).parent / "passerelle"
    with tempfile.TemporaryDirectory(prefix="gettext-suite-") as tmp:
        work = Path(tmp) / "work"
        command = [sys.executable, str(SUITE), str(passerelle), "--tests-tar", str(TESTS)]
        command += ["--map-update", "--work", str(work)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        report = work / "report.json"
        if done.returncode != 0 or not report.exists():
            print(done.stdout[-2000:], done.stderr[-2000:], sep="\n")
            print("gettext suite: the harness failed")
            return 1
        data = json.loads(report.read_text(encoding="utf-8"))
    rows = [r for r in data["tests"] if r["family"] == "msgmerge" and r["applicable"]]
    gnu_ok = [r for r in rows if _passed(r["gnu"])]
    exact = [r for r in gnu_ok if _passed(r.get("pas-exact"))]
    body = [r for r in gnu_ok if _passed(r.get("pas-body"))]
    lost = [call for r in rows for call in _lost(r)]
    print(f"{'msgmerge tests (applicable, GNU passes)':44} {len(gnu_ok):>4}")
    print(f"{'passerelle merge, byte for byte':44} {len(exact):>4}   (target >= {TARGET})")
    print(f"{'passerelle merge, entries (header ignored)':44} {len(body):>4}")
    print(f"{'merge calls that lost a translation':44} {len(lost):>4}")
    for row in gnu_ok:
        if row not in exact:
            print(f"  differs: {row['test']}")
    for call in lost:
        print(f"  LOST: {call}")
    return 0 if len(exact) >= TARGET and not lost else 1


if __name__ == "__main__":
    raise SystemExit(main())
