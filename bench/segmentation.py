"""Sentence segmentation on UD French-Sequoia: Passerelle beside its peers, and its speed.

Runs ``shared/tools/score_segmentation.py`` with ``--peers`` (naive regex, translate-toolkit,
pysbd) and Passerelle's ``segment`` command on train, dev and test together, then Passerelle alone
on each file, and measures the segmenter in-process on the corpus text. Targets: precision and
recall >= 0.995, at least 1 MB of French text per second on one core.
"""

from __future__ import annotations

import lzma
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "ud-french-sequoia"
SCORER = SHARED / "tools" / "score_segmentation.py"
SPLITS = ("train", "dev", "test")
LINE = re.compile(r"^(\S+)\s+precision=([\d.]+) recall\(detectable\)=([\d.]+)")


def _command() -> str:
    """The ``passerelle segment`` command of this checkout's environment."""
    script = Path(sys.executable).parent / "passerelle"
    base = (
        shlex.quote(str(script))
        if script.exists()
        else f"{shlex.quote(sys.executable)} -m passerelle"
    )
    return f"{base} segment --lang fr -"


def _score(files: list[Path], peers: bool) -> list[str]:
    args = [sys.executable, str(SCORER), *map(str, files), "--cmd", _command()]
    if peers:
        args.append("--peers")
    done = subprocess.run(args, capture_output=True, text=True, timeout=600, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"scorer failed: {done.stderr.strip()[-300:]}")
    return [line for line in done.stdout.splitlines() if line.strip()]


def _paragraphs(files: list[Path], size: int = 6) -> list[str]:
    """The corpus as the scorer builds it: gold sentences joined in paragraphs of ``size``."""
    result: list[str] = []
    for path in files:
        with lzma.open(path, "rt", encoding="utf-8") as stream:
            sentences = [line[9:].strip() for line in stream if line.startswith("# text = ")]
        result += [" ".join(sentences[i : i + size]) for i in range(0, len(sentences), size)]
    return result


def _speed(paragraphs: list[str]) -> tuple[float, float, float]:
    """(chars/s, MB/s, wall-clock MB/s) of the compiled French segmenter on one core.

    The rate is per second of this process's CPU time, so other work on a shared machine
    does not count against it; the wall-clock rate is shown beside it.
    """
    sys.path.insert(0, str(ROOT / "tools"))
    from passerelle.segment.sentences import segmenter_for

    segmenter = segmenter_for("fr")
    segmenter.split(paragraphs[0])  # compiled and warm
    chars = sum(len(p) for p in paragraphs)
    size = sum(len(p.encode("utf-8")) for p in paragraphs)
    rounds, cpu, wall = 0, time.process_time(), time.perf_counter()
    while rounds < 3 or time.process_time() - cpu < 2.0:
        for paragraph in paragraphs:
            segmenter.split(paragraph)
        rounds += 1
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return chars * rounds / cpu, size * rounds / cpu / 1e6, size * rounds / wall / 1e6


def main() -> int:
    files = [CORPUS / f"fr_sequoia-ud-{split}.conllu.xz" for split in SPLITS]
    if not SCORER.exists() or not all(path.exists() for path in files):
        print(f"skipped: no Sequoia corpus or scorer under {SHARED}")
        return 0
    print("UD French-Sequoia, train+dev+test (paragraphs of 6 gold sentences):")
    together = _score(files, peers=True)
    for line in together:
        print("  " + line)
    print("Passerelle on each file:")
    for split, path in zip(SPLITS, files, strict=True):
        for line in _score([path], peers=False):
            print(f"  {split:5s} " + line)
    chars, megabytes, wall = _speed(_paragraphs(files))
    print(
        f"Passerelle segmenter in-process, one core: {chars:,.0f} chars/s = {megabytes:.2f} MB/s"
        f" of CPU time ({wall:.2f} MB/s by the wall clock, on this machine now)"
    )
    ours = next((LINE.match(line) for line in together if line.startswith("passerelle")), None)
    if ours:
        precision, recall = float(ours.group(2)), float(ours.group(3))
        met = precision >= 0.995 and recall >= 0.995 and megabytes >= 1.0
        print(f"targets (P, R >= 0.995; >= 1 MB/s): {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
