"""Sentence segmentation on three UD French sets: Passerelle beside its peers, and its speed.

Runs ``shared/tools/score_segmentation.py`` with ``--peers`` (naive regex, translate-toolkit,
pysbd) and Passerelle's ``segment`` command on UD French-Sequoia (news, wiki, Europarl, medical
notices), UD French-ParTUT (legal, web, wiki) and UD French-FQB (questions, some without
capitals), each set whole, then Passerelle alone on its parts: Sequoia's files, and the parts of
ParTUT and FQB that were held out while the French rules were written (ParTUT dev and test, FQB
after its first 1,200 sentences), which estimate the figures on unseen text. Then it measures the
segmenter in-process on Sequoia's text. Targets: precision and recall >= 0.995 on every set, at
least 5 MB of French text per second on one core.
"""

from __future__ import annotations

import lzma
import re
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
SCORER = SHARED / "tools" / "score_segmentation.py"
LINE = re.compile(r"^(\S+)\s+precision=([\d.]+) recall\(detectable\)=([\d.]+)")
#: FQB sentences looked at while the rules were written; the rest is held out.
FQB_SEEN = 1200


@dataclass(frozen=True)
class Part:
    """Gold sentences scored on their own: whole files, or a slice of their sentences."""

    name: str
    files: tuple[Path, ...]
    start: int = 0
    stop: int | None = None


@dataclass(frozen=True)
class Set:
    """One corpus: its files scored together with the peers, then each part alone."""

    title: str
    files: tuple[Path, ...]
    parts: tuple[Part, ...]


def _sets() -> list[Set]:
    splits = ("train", "dev", "test")
    seq = tuple(CORPORA / "ud-french-sequoia" / f"fr_sequoia-ud-{s}.conllu.xz" for s in splits)
    more = CORPORA / "ud-french-more"
    partut = tuple(more / f"fr_partut-ud-{split}.conllu.xz" for split in splits)
    fqb = (more / "fr_fqb-ud-test.conllu.xz",)
    return [
        Set(
            "UD French-Sequoia, train+dev+test",
            seq,
            tuple(Part(split, (path,)) for split, path in zip(splits, seq, strict=True)),
        ),
        Set(
            "UD French-ParTUT, train+dev+test",
            partut,
            (Part("seen (train)", partut[:1]), Part("held out (dev+test)", partut[1:])),
        ),
        Set(
            "UD French-FQB",
            fqb,
            (
                Part(f"seen (first {FQB_SEEN} sentences)", fqb, 0, FQB_SEEN),
                Part("held out (the rest)", fqb, FQB_SEEN),
            ),
        ),
    ]


def _sentences(path: Path) -> list[str]:
    with lzma.open(path, "rt", encoding="utf-8") as stream:
        return [line[9:].strip() for line in stream if line.startswith("# text = ")]


def _part_files(part: Part, folder: Path) -> list[Path]:
    """The part's files, or, for a slice, a file of its sentences as the scorer reads them."""
    if part.start == 0 and part.stop is None:
        return list(part.files)
    sentences = [s for path in part.files for s in _sentences(path)][part.start : part.stop]
    sliced = folder / f"part-{part.start}.conllu"
    sliced.write_text("".join(f"# text = {s}\n\n" for s in sentences), encoding="utf-8")
    return [sliced]


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


def _paragraphs(files: Sequence[Path], size: int = 6) -> list[str]:
    """The corpus as the scorer builds it: gold sentences joined in paragraphs of ``size``."""
    result: list[str] = []
    for path in files:
        sentences = _sentences(path)
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


def _score_set(corpus: Set, folder: Path) -> tuple[float, float]:
    """Print the set with the peers, then Passerelle on each part; Passerelle's (P, R)."""
    print(f"{corpus.title} (paragraphs of 6 gold sentences):")
    together = _score(list(corpus.files), peers=True)
    for line in together:
        print("  " + line)
    width = max(len(part.name) for part in corpus.parts)
    for part in corpus.parts:
        for line in _score(_part_files(part, folder), peers=False):
            print(f"    {part.name:{width}s} " + line)
    ours = next((LINE.match(line) for line in together if line.startswith("passerelle")), None)
    return (float(ours.group(2)), float(ours.group(3))) if ours else (0.0, 0.0)


def main() -> int:
    sets = _sets()
    missing = [path for corpus in sets for path in corpus.files if not path.exists()]
    if not SCORER.exists() or missing:
        print(f"skipped: no scorer or no {missing[0].name if missing else 'corpus'} in {SHARED}")
        return 0
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        for corpus in sets:
            figures.append(_score_set(corpus, Path(folder)))
    chars, megabytes, wall = _speed(_paragraphs(sets[0].files))
    print(
        f"Passerelle segmenter in-process, one core: {chars:,.0f} chars/s = {megabytes:.2f} MB/s"
        f" of CPU time ({wall:.2f} MB/s by the wall clock, on this machine now)"
    )
    met = all(p >= 0.995 and r >= 0.995 for p, r in figures) and megabytes >= 5.0
    print(f"targets (P, R >= 0.995 on each set; >= 5 MB/s): {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
