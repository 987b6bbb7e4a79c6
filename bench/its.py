"""The W3C ITS 2.0 test suite: what Passerelle extracts and builds against the expected outputs.

Runs ../shared/tools/its_suite/run.sh (Translate, Elements Within Text, Preserve Space,
Localization Note, Language Information; HTML and XML) on each document as it comes, its linked
rules left to Passerelle, and prints agreement per category. Translate is read in its "relaxed"
row: a document's ``lang`` is retagged, not translated, and CSS in ``style`` stays as it is.
Target: every test of the five categories agrees.
"""

from __future__ import annotations

import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
RUNNER = SHARED / "tools" / "its_suite" / "run.sh"
CORPUS = SHARED / "corpora" / "its-2.0-testsuite.tar.xz"
NAMES = {
    "translate": "Translate (relaxed)",
    "elementswithintext": "Elements Within Text",
    "preservespace": "Preserve Space",
    "localizationnote": "Localization Note",
    "languageinformation": "Language Information",
}


def verdict(result: dict[str, object]) -> str:
    """A test's verdict on the document as it comes (Translate: the relaxed row)."""
    variant = result["variants"]["as-is"]  # type: ignore[index]
    if result["category"] == "translate":
        return str(variant.get("relaxed", variant["verdict"]))
    return str(variant["verdict"])


def main() -> int:
    """Print the table; 0 when every test agrees."""
    if not RUNNER.is_file() or not CORPUS.is_file():
        print(f"skipped: {RUNNER} or {CORPUS} not found")
        return 0
    passerelle = Path(sys.executable).parent / "passerelle"
    with tempfile.TemporaryDirectory(prefix="passerelle-its-") as tmp:
        report = Path(tmp) / "its.json"
        command = ["bash", str(RUNNER), str(passerelle), "--work", tmp, "--json", str(report)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode or not report.is_file():
            print(f"  suite failed: {(done.stderr or done.stdout)[-400:]}")
            return 1
        results = json.loads(report.read_text(encoding="utf-8"))
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for result in results:
        counts[result["category"]][verdict(result)] += 1
    print("| category | agree | tests |")
    print("|---|---|---|")
    ok = True
    for category, name in NAMES.items():
        agree, total = counts[category]["agree"], sum(counts[category].values())
        ok = ok and agree == total
        print(f"| {name} | {agree} | {total} |")
    for result in results:
        if verdict(result) != "agree":
            print(f"  {result['test']}: {verdict(result)}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
