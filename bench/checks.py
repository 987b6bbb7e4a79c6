"""Catalogue checks on a real translation project: Passerelle vs pofilter vs msgfmt -c.

Corpus: python-docs-fr 3.11 (../shared/corpora), ~27,000 published, human-reviewed translations.
There is no gold list of their errors, so errors are injected: for a sample of entries a twin is
added (same msgid, a marker msgctxt) whose msgstr carries one known mistake: a dropped or changed
number, a <script> tag, an altered URL, a doubled word, a stray trailing newline. A tool *detects*
a mistake when it flags the twin for something it did not flag on the original. *Noise* is what
a tool reports on the untouched published entries, per 1,000 entries (some of it real problems).

Run: .venv/bin/python bench/checks.py [--limit FILES] [--per-kind N]   (~2 min for everything)
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from passerelle.config import Config  # noqa: E402
from passerelle.po.catalog import Catalog, Entry, read_catalog, write_catalog  # noqa: E402
from passerelle.steps.checks import check_catalog  # noqa: E402
from passerelle.urls import links  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "python-docs-fr"
MARK = "bench-mutation:"
Key = tuple[str, str | None, str]  # file, msgctxt, msgid
Flags = dict[Key, set[str]]


def _count(number: str, text: str) -> int:
    return len(re.findall(rf"(?<![\w.,]){number}(?![\w.,])", text))


def _number(entry: Entry) -> str | None:
    """A number written once in the source and once in the translation."""
    numbers = re.findall(r"(?<![\w.,])\d+(?![\w.,])", entry.msgid)
    once = [n for n in numbers if _count(n, entry.msgid) == 1 == _count(n, entry.msgstr)]
    return once[0] if once else None


def drop_number(entry: Entry) -> str | None:
    n = _number(entry)
    return re.sub(rf"(?<![\w.,]){n}(?![\w.,])\s?", "", entry.msgstr, count=1) if n else None


def change_number(entry: Entry) -> str | None:
    n = _number(entry)
    pattern = rf"(?<![\w.,]){n}(?![\w.,])"
    return re.sub(pattern, str(int(n) + 1), entry.msgstr, count=1) if n else None


def add_script(entry: Entry) -> str | None:
    return entry.msgstr + "<script>alert(1)</script>"


def alter_url(entry: Entry) -> str | None:
    url = next((u for u in links(entry.msgid) if "://" in u and u in entry.msgstr), None)
    return entry.msgstr.replace(url, url.replace("://", "://x", 1), 1) if url else None


def double_word(entry: Entry) -> str | None:
    words = list(re.finditer(r"(?<![\w`*:<'’-])[^\W\d_]{4,}(?![\w`*:>'’-])", entry.msgstr))
    if len(words) < 3:
        return None
    word = words[len(words) // 2]
    return entry.msgstr[: word.end()] + " " + word.group(0) + entry.msgstr[word.end() :]


def trailing_newline(entry: Entry) -> str | None:
    return None if entry.msgstr.endswith("\n") else entry.msgstr + "\n"


MUTATIONS: dict[str, Callable[[Entry], str | None]] = {
    "drop-number": drop_number,
    "change-number": change_number,
    "script-tag": add_script,
    "altered-url": alter_url,
    "doubled-word": double_word,
    "trailing-newline": trailing_newline,
}


def inject(folder: Path, files: list[Path], per_kind: int, seed: int = 7) -> dict[Key, str]:
    """Add mutated twins to the catalogs in place; return ``twin key -> mutation``."""
    rng = random.Random(seed)
    catalogs: dict[Path, Catalog] = {p: read_catalog(p) for p in files}
    candidates = [
        (path, entry)
        for path, catalog in catalogs.items()
        for entry in catalog
        if entry.msgid and entry.msgstr and not entry.fuzzy and not entry.obsolete
        and not entry.msgid_plural
    ]  # fmt: skip
    twins: dict[Key, str] = {}
    for kind, mutate in MUTATIONS.items():
        pool = candidates[:]
        rng.shuffle(pool)
        made = 0
        for path, entry in pool:
            text = mutate(entry)
            if made == per_kind or not text or not text.strip() or text == entry.msgstr:
                continue
            twin = copy.deepcopy(entry)
            twin.msgctxt = f"{MARK}{kind}:{entry.msgctxt or ''}"
            twin.msgstr = text
            catalogs[path].append(twin)
            twins[(str(path.relative_to(folder)), twin.msgctxt, twin.msgid)] = kind
            made += 1
    for path, catalog in catalogs.items():
        write_catalog(path, catalog)
    return twins


class LineMap:
    """PO line -> the key of the entry it belongs to."""

    def __init__(self, folder: Path, path: Path, catalog: Catalog | None = None) -> None:
        catalog = read_catalog(path) if catalog is None else catalog
        entries = sorted(((e.linenum or 0, e) for e in catalog if e.msgid), key=lambda x: x[0])
        self.starts = [start for start, _ in entries]
        rel = str(path.relative_to(folder))
        self.keys = [(rel, e.msgctxt, e.msgid) for _, e in entries]

    def key(self, line: int) -> Key | None:
        index = max((i for i, s in enumerate(self.starts) if s <= line), default=None)
        return None if index is None else self.keys[index]


def run_passerelle(folder: Path, files: list[Path]) -> tuple[float, Flags]:
    config = Config(root=folder, source_lang="en")
    flags: Flags = {}
    start = time.perf_counter()
    for path in files:
        catalog = read_catalog(path)
        lines = LineMap(folder, path, catalog)
        for finding in check_catalog(path, catalog, "fr", config=config):
            key = lines.key(finding.line) if finding.line else None
            if key and not finding.code.startswith(("header", "po-")):
                flags.setdefault(key, set()).add(finding.code)
    return time.perf_counter() - start, flags


def run_pofilter(folder: Path, files: list[Path]) -> tuple[float, Flags] | None:
    """pofilter over the whole folder (it holds exactly ``files``), output beside it."""
    pofilter = shutil.which("pofilter") or str(Path(sys.executable).parent / "pofilter")
    if not Path(pofilter).exists():
        return None
    out = folder.parent / "pofilter"
    start = time.perf_counter()
    command = [pofilter, "--progress=none", "--language=fr", "--nofuzzy", "-i", str(folder)]
    subprocess.run([*command, "-o", str(out)], check=False, capture_output=True)
    elapsed = time.perf_counter() - start
    flags: Flags = {}
    for path in sorted(out.rglob("*.po")):
        rel = str(path.relative_to(out))
        for entry in read_catalog(path):
            for note in entry.tcomment.splitlines():
                if note.startswith("(pofilter) "):
                    test = note[len("(pofilter) ") :].split(":", 1)[0]
                    flags.setdefault((rel, entry.msgctxt, entry.msgid), set()).add(test)
    return elapsed, flags


def run_msgfmt(folder: Path, files: list[Path]) -> tuple[float, Flags] | None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return None
    flags: Flags = {}
    elapsed = 0.0
    for path in files:
        start = time.perf_counter()
        result = subprocess.run(
            [msgfmt, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        elapsed += time.perf_counter() - start
        lines = LineMap(folder, path) if result.returncode else None
        for match in re.finditer(r"^[^\n:]+:(\d+): (.*)$", result.stderr, re.MULTILINE):
            key = lines.key(int(match.group(1))) if lines else None
            if key:
                flags.setdefault(key, set()).add(match.group(2)[:30])
    return elapsed, flags


def show_misses(folder: Path, files: list[Path], twins: dict[Key, str], flags: Flags) -> None:
    entries = {
        (str(p.relative_to(folder)), e.msgctxt, e.msgid): e for p in files for e in read_catalog(p)
    }
    for twin, kind in twins.items():
        if not detected(flags, twin):
            print(f"missed {kind}: {twin[2][:150]!r}\n   -> {entries[twin].msgstr[:150]!r}")


def detected(flags: Flags, twin: Key) -> bool:
    original = (twin[0], twin[1].split(":", 2)[2] or None, twin[2])  # type: ignore[union-attr]
    return bool(flags.get(twin, set()) - flags.get(original, set()))


def _noise(flags: Flags, published: set[Key]) -> int:
    """Published entries a tool flags (pofilter also reports untranslated ones: left out)."""
    return len(published & set(flags))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="catalogs to use (0: all)")
    parser.add_argument("--per-kind", type=int, default=150, help="mistakes injected per kind")
    parser.add_argument("--misses", action="store_true", help="show what Passerelle missed")
    parser.add_argument("--no-peers", action="store_true", help="run Passerelle alone")
    args = parser.parse_args(argv)
    if not (CORPUS / "3.11.tar.xz").exists():
        print(f"skipped: {CORPUS} not found")
        return 0
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder = tmp / "3.11"
        folder.mkdir()
        with tarfile.open(CORPUS / "3.11.tar.xz") as tar:
            tar.extractall(folder, filter="data")
        files = sorted(folder.rglob("*.po"))
        for extra in files[args.limit or len(files) :]:
            extra.unlink()  # every tool sees the same catalogs
        files = files[: args.limit or None]
        twins = inject(folder, files, args.per_kind)
        results: dict[str, tuple[float, Flags]] = {}
        results["passerelle"] = run_passerelle(folder, files)
        peers = [] if args.no_peers else [("pofilter", run_pofilter), ("msgfmt -c", run_msgfmt)]
        for name, run in peers:
            outcome = run(folder, files)
            if outcome is None:
                print(f"{name}: not installed, left out")
            else:
                results[name] = outcome
        published = {
            (str(p.relative_to(folder)), e.msgctxt, e.msgid)
            for p in files for e in read_catalog(p)
            if e.msgid and e.msgstr and not e.fuzzy and not (e.msgctxt or "").startswith(MARK)
        }  # fmt: skip
        print(f"{len(files)} catalogs, {len(published)} published entries, {len(twins)} injected")
        names = list(results)
        print(f"{'':18}" + "".join(f"{name:>12}" for name in names))
        for kind in MUTATIONS:
            mine = [k for k, v in twins.items() if v == kind]
            cells = "".join(
                f"{100 * sum(detected(results[n][1], t) for t in mine) / max(len(mine), 1):11.0f}%"
                for n in names
            )
            print(f"{kind + f' ({len(mine)})':18}{cells}")
        noise = "".join(
            f"{1000 * _noise(results[n][1], published) / len(published):12.1f}" for n in names
        )
        print(f"{'flagged /1000':18}{noise}")
        print(f"{'time (s)':18}" + "".join(f"{results[n][0]:12.1f}" for n in names))
        if args.misses:
            show_misses(folder, files, twins, results["passerelle"][1])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
