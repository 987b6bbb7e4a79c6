"""Drafting benchmark: translation-memory quality and online economy, Passerelle vs its peers.

1. Translation memory on python-docs-fr: every entry of 3.11 whose English text is new since 3.10
   is emptied; the 3.10 catalogs are the memory. Passerelle's ``tm`` engine and GNU ``msgmerge
   --compendium`` (the classic gettext way) fill them; each fill is compared with what the
   translators finally wrote in 3.11 (exact, close = rapidfuzz ratio >= 80) and checked for
   unsafe drafts (format specifiers, URLs or markup placeholders that differ from the source).
   "exact" flatters msgmerge: some 3.11 translations are msgmerge's own old fuzzy suggestions,
   accepted as they were, so msgmerge finds them again; "close" and "unsafe" are the fairer figures.
2. Online economy against a loopback LibreTranslate server (20 ms per request): requests and wall
   time to draft the same texts with Passerelle's layer (batched, cached) and with deep-translator
   alone (``translate_batch``: one request per text, no cache).
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "python-docs-fr"
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests"))

from passerelle.po.catalog import read_catalog, write_catalog  # noqa: E402
from passerelle.steps.drafts.base import EngineSettings  # noqa: E402
from passerelle.steps.drafts.catalogs import draft_paths  # noqa: E402
from passerelle.steps.drafts.driver import DraftRun, draft_catalog  # noqa: E402
from passerelle.steps.drafts.protect import draft_problem  # noqa: E402
from passerelle.steps.drafts.tm import TranslationMemory, memory_entries  # noqa: E402

FILES = 15  # the catalogs with the most new text; keeps msgmerge's per-file runs short
ONLINE_TEXTS = 300


def _extract(archive: Path, into: Path) -> Path:
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into


def _targets(old: Path, new: Path) -> tuple[dict[Path, dict[str, str]], list[Path]]:
    """Per 3.11 file: msgid -> final translation, for translated entries new since 3.10."""
    known: set[str] = set()
    old_files = sorted(old.rglob("*.po"))
    for path in old_files:
        known.update(e.msgid for e in read_catalog(path) if e.translated())
    targets: dict[Path, dict[str, str]] = {}
    for path in sorted(new.rglob("*.po")):
        fresh = {
            e.msgid: e.msgstr
            for e in read_catalog(path)
            if e.translated() and not e.msgid_plural and e.msgid not in known
        }
        if fresh:
            targets[path] = fresh
    chosen = sorted(targets, key=lambda p: -len(targets[p]))[:FILES]
    return {p: targets[p] for p in chosen}, old_files


def _emptied(path: Path, fresh: dict[str, str], out: Path) -> Path:
    catalog = read_catalog(path)
    for entry in catalog:
        if entry.msgid in fresh:
            entry.msgstr = ""
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    write_catalog(out, catalog)
    return out


def _score(filled: dict[str, str], fresh: dict[str, str]) -> tuple[int, int, int, int]:
    drafted = exact = close = unsafe = 0
    for msgid, reference in fresh.items():
        draft = filled.get(msgid, "")
        if not draft:
            continue
        drafted += 1
        exact += draft == reference
        close += fuzz.ratio(draft, reference) >= 80
        unsafe += draft_problem(msgid, draft) is not None
    return drafted, exact, close, unsafe


def bench_tm(work: Path) -> list[tuple[str, float, int, int, int, int, int]]:
    old = _extract(CORPUS / "3.10.tar.xz", work / "old")
    new = _extract(CORPUS / "3.11.tar.xz", work / "new")
    targets, old_files = _targets(old, new)
    total = sum(len(f) for f in targets.values())
    rows = []
    # Passerelle tm
    start = time.perf_counter()
    base = [item for path in old_files for item in memory_entries(read_catalog(path))]
    sums = [0, 0, 0, 0]
    for index, (path, fresh) in enumerate(targets.items()):
        target = _emptied(path, fresh, work / "pa" / f"{index}.po")
        # as in a project: the memory is every catalog of the language, this one included
        memory = TranslationMemory([*base, *memory_entries(read_catalog(target))], 75)
        draft_catalog(target, "fr", memory, DraftRun(source_lang="en", report=lambda line: None))
        filled = {e.msgid: e.msgstr for e in read_catalog(target) if e.msgid in fresh}
        sums = [a + b for a, b in zip(sums, _score(filled, fresh), strict=True)]
    rows.append(("passerelle tm", time.perf_counter() - start, total, *sums))
    # GNU msgmerge --compendium
    msgmerge, msgcat = shutil.which("msgmerge"), shutil.which("msgcat")
    if msgmerge and msgcat:
        start = time.perf_counter()
        compendium = work / "compendium.po"
        subprocess.run(
            [msgcat, "--use-first", "-o", str(compendium), *map(str, old_files)],
            check=True,
            capture_output=True,
        )
        sums = [0, 0, 0, 0]
        for index, (path, fresh) in enumerate(targets.items()):
            target = _emptied(path, fresh, work / "mm" / f"{index}.po")
            out = work / "mm" / f"{index}.out.po"
            subprocess.run(
                [
                    msgmerge,
                    "--quiet",
                    f"--compendium={compendium}",
                    "-o",
                    str(out),
                    str(target),
                    str(target),
                ],
                check=True,
                capture_output=True,
            )
            filled = {e.msgid: e.msgstr for e in read_catalog(out) if e.msgid in fresh}
            sums = [a + b for a, b in zip(sums, _score(filled, fresh), strict=True)]
        rows.append(("msgmerge --compendium", time.perf_counter() - start, total, *sums))
    return rows


@contextlib.contextmanager
def _server() -> Iterator[object]:
    from mtserver import serving

    yield from serving(latency=0.02)


def bench_online(texts: list[str], work: Path) -> list[tuple[str, str, int, float]]:
    from deep_translator import LibreTranslator

    rows = []
    with _server() as state:
        url = state.url  # type: ignore[attr-defined]
        seen = state.seen  # type: ignore[attr-defined]
        po = work / "online.po"
        body = "".join(f'\nmsgid "{_quote(t)}"\nmsgstr ""\n' for t in texts)
        original = 'msgid ""\nmsgstr "Language: fr\\n"\n' + body
        settings = EngineSettings(url=url, timeout=10)
        for label in ("first run", "second run (cache)"):
            po.write_text(original, "utf-8")
            before = len(seen)
            start = time.perf_counter()
            run = DraftRun(source_lang="en", report=lambda line: None)
            from passerelle.steps.drafts.cache import DraftCache

            run.cache = DraftCache(work / "cache")
            draft_paths([po], "fr", "libre", settings, run)
            run.cache.close()
            rows.append(
                ("passerelle libre", label, len(seen) - before, time.perf_counter() - start)
            )
        for label in ("first run", "second run"):
            before = len(seen)
            start = time.perf_counter()
            client = LibreTranslator(source="en", target="fr", api_key="x", custom_url=url)
            client.translate_batch(texts)
            rows.append(
                ("deep-translator alone", label, len(seen) - before, time.perf_counter() - start)
            )
    return rows


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def main(argv: list[str] | None = None) -> int:
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "pa").mkdir()
        (work / "mm").mkdir()
        tm_rows = bench_tm(work)
        print(f"\nTM drafts for text new in python-docs-fr 3.11 ({FILES} catalogs), memory = 3.10")
        print(
            f"{'tool':24} {'time s':>7} {'targets':>8} {'drafted':>8} {'exact':>6} "
            f"{'close':>6} {'unsafe':>7}"
        )
        for name, seconds, total, drafted, exact, close, unsafe in tm_rows:
            print(f"{name:24} {seconds:7.1f} {total:8} {drafted:8} {exact:6} {close:6} {unsafe:7}")
        texts = sorted({t for t in _sample_texts(work / "new")})[:ONLINE_TEXTS]
        rows = bench_online(texts, work)
        print(
            f"\nOnline drafting of {len(texts)} texts via loopback LibreTranslate (20 ms/request)"
        )
        print(f"{'tool':24} {'run':20} {'requests':>9} {'time s':>7}")
        for name, label, requests, seconds in rows:
            print(f"{name:24} {label:20} {requests:9} {seconds:7.2f}")
    return 0


def _sample_texts(folder: Path) -> Iterator[str]:
    for path in sorted(folder.rglob("*.po"))[:20]:
        for entry in read_catalog(path):
            if entry.msgid and 10 < len(entry.msgid) < 300 and "\n" not in entry.msgid:
                yield entry.msgid


if __name__ == "__main__":
    raise SystemExit(main())
