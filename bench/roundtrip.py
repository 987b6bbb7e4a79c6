"""Document round trip on the httpd manual (French): Passerelle vs translate-toolkit and itstool.

Unpacks ../shared/corpora/httpd-manual-fr (148 XHTML pages, 149 XML sources) into a temporary
folder and runs ../shared/tools/score_roundtrip.py on each tree: extract templates, translate
every unit with itself, build, compare each output with its source; whole-tree wall times of
Passerelle and the peer are measured in the same run. Targets: every document faithful, and
time at most 0.25x translate-toolkit's (HTML) and 0.1x itstool's (XML).
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpora" / "httpd-manual-fr"
SCORER = SHARED / "tools" / "score_roundtrip.py"
#: (archive, extension, scorer flag for the peer, peer name, target time ratio)
TREES = (
    ("html-mod.tar.xz", "html", "--peer", "translate-toolkit", 0.25),
    ("xml-mod.tar.xz", "xml", "--peer-xml", "itstool", 0.10),
)
LINE_RE = re.compile(
    r"^(?P<tool>\S+)\s+units=(?P<units>\d+) faithful=(?P<ok>\d+)/(?P<total>\d+) "
    r"extract=(?P<ex>[\d.]+)s build=(?P<build>[\d.]+)s"
)


def run_tree(archive: str, ext: str, flag: str, folder: Path) -> dict[str, dict[str, float]]:
    """Unpack one tree, score Passerelle and the peer on it; results per tool."""
    tree = folder / ext
    tree.mkdir()
    with tarfile.open(CORPUS / archive) as tar:
        tar.extractall(tree, filter="data")
    # this interpreter running the package it imports (the checkout on its path), not whatever
    # an entry-point script next to it was installed from
    exe = f"{shlex.quote(sys.executable)} -m passerelle"
    command = [
        sys.executable,
        str(SCORER),
        str(tree),
        "--ext",
        ext,
        flag,
        "--work",
        str(folder / f"work-{ext}"),
        "--extract",
        f"{exe} extract {{src}} -o {{pot}} --format {ext}",
        "--build",
        f"{exe} build {{src}} --po {{po}} -o {{out}} --lang fr --format {ext}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    results: dict[str, dict[str, float]] = {}
    for line in done.stdout.splitlines():
        print(f"  {line}")
        match = LINE_RE.match(line)
        if match:
            values = {k: float(v) for k, v in match.groupdict().items() if k != "tool"}
            results[match.group("tool")] = values
    if done.returncode:
        print(f"  scorer failed: {done.stderr[-400:]}")
    return results


def main() -> int:
    """Print the side-by-side table; 0 when every target is met."""
    if not CORPUS.is_dir() or not SCORER.is_file():
        print(f"skipped: {CORPUS} or {SCORER} not found")
        return 0
    rows = []
    ok = True
    with tempfile.TemporaryDirectory(prefix="passerelle-roundtrip-") as tmp:
        for archive, ext, flag, peer, target in TREES:
            print(f"{archive}:")
            results = run_tree(archive, ext, flag, Path(tmp))
            ours, theirs = results.get("passerelle"), results.get(peer)
            if ours is None or theirs is None:
                print(f"  missing results for {archive}")
                ok = False
                continue
            ratio = (ours["ex"] + ours["build"]) / (theirs["ex"] + theirs["build"])
            faithful = ours["ok"] == ours["total"]
            ok = ok and faithful and ratio <= target
            rows.append((ext, peer, ours, theirs, ratio, target))
    print()
    print(
        f"{'tree':5} {'tool':18} {'units':>6} {'faithful':>9} {'extract':>8} {'build':>7} "
        f"{'ratio':>6} {'target':>6}"
    )
    for ext, peer, ours, theirs, ratio, target in rows:
        for name, r in ((peer, theirs), ("passerelle", ours)):
            faithful = f"{int(r['ok'])}/{int(r['total'])}"
            shown = f"{ratio:6.3f} {target:6.2f}" if name == "passerelle" else ""
            print(
                f"{ext:5} {name:18} {int(r['units']):6d} {faithful:>9} {r['ex']:7.2f}s "
                f"{r['build']:6.2f}s {shown}"
            )
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
