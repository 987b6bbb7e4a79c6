"""Catalog update benchmark: Passerelle's merge against GNU ``msgmerge --previous``.

Two releases of a real translation project (python-docs-fr 3.10 and 3.11): templates are made
from the newer one (msgstr emptied, fuzzy flags, previous strings and obsolete entries removed),
the older catalogs are updated to them by both tools in the same run, and each output is compared
with what the translators finally wrote in the newer release. Also checks that reading and
writing every catalog of both releases gives exactly what ``msgcat`` writes.

Run: ``.venv/bin/python bench/merge.py`` (prints "skipped: ..." without the corpus).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from rapidfuzz import fuzz  # noqa: E402

from passerelle.fsutil import tree_lock  # noqa: E402
from passerelle.po.catalog import format_catalog, read_catalog, write_catalog  # noqa: E402
from passerelle.steps.update.merge import MergeOptions  # noqa: E402
from passerelle.steps.update.tree import plan_merge, run_merge  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "python-docs-fr"
OLD, NEW = "3.10", "3.11"
WORKERS = 2
ROUNDS = 2


def unpack(archive: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    return target


def make_templates(release: Path, target: Path) -> None:
    """POT files from translated catalogs: what the documentation build would extract."""
    for path in sorted(release.rglob("*.po")):
        catalog = read_catalog(path)
        active = [e for e in catalog if not e.obsolete]
        del catalog[:]
        for entry in active:
            entry.msgstr = ""
            entry.msgstr_plural = {k: "" for k in entry.msgstr_plural}
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            entry.previous_msgid = entry.previous_msgctxt = entry.previous_msgid_plural = None
            entry.tcomment = ""
            catalog.append(entry)
        catalog.metadata_is_fuzzy = []
        write_catalog(target / path.relative_to(release).with_suffix(".pot"), catalog)


def run_msgmerge(old: Path, pots: Path, out: Path) -> float:
    """``msgmerge --previous`` per file, two at a time (the machine's cores)."""
    empty = out / ".empty.po"
    out.mkdir(parents=True)
    empty.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n')

    def one(pot: Path) -> None:
        rel = pot.relative_to(pots).with_suffix(".po")
        source = old / rel
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "msgmerge",
                "-q",
                "--previous",
                "-o",
                str(out / rel),
                str(source if source.exists() else empty),
                str(pot),
            ],
            check=True,
        )

    start = time.perf_counter()
    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(one, sorted(pots.rglob("*.pot"))))
    return time.perf_counter() - start


def run_passerelle(old: Path, pots: Path, out: Path) -> float:
    """``passerelle merge OLD POTS -o OUT --previous`` over the folders, in-process."""
    start = time.perf_counter()
    with tree_lock(out):
        report = run_merge(
            plan_merge(old, pots, out),
            options=MergeOptions(previous=True, like_msgmerge=True),
            workers=WORKERS,
        )
    if report.errors:
        raise SystemExit(f"passerelle merge failed: {report.errors[0]}")
    return time.perf_counter() - start


def texts(entry: object) -> list[str]:
    plural = getattr(entry, "msgstr_plural", None)
    if getattr(entry, "msgid_plural", ""):
        return [t for t in (plural or {}).values() if t]
    msgstr = getattr(entry, "msgstr", "")
    return [msgstr] if msgstr else []


def score(old_dir: Path, new_dir: Path, out_dir: Path) -> dict[str, int]:
    """Exact keeps, useful fuzzy suggestions, translations lost, fuzzy total."""
    kept = useful = lost = fuzzy_total = 0
    for new_path in sorted(new_dir.rglob("*.po")):
        rel = new_path.relative_to(new_dir)
        out = read_catalog(out_dir / rel)
        final = {(e.msgctxt, e.msgid): e for e in read_catalog(new_path) if not e.obsolete}
        old_entries: list[object] = (
            list(read_catalog(old_dir / rel)) if (old_dir / rel).exists() else []
        )
        old = {
            (e.msgctxt, e.msgid): e
            for e in old_entries
            if not e.obsolete and not e.fuzzy  # type: ignore[attr-defined]
        }
        for entry in out:
            if entry.obsolete or not texts(entry):
                continue
            key = (entry.msgctxt, entry.msgid)
            if not entry.fuzzy:
                was = old.get(key)
                kept += bool(was is not None and texts(was) == texts(entry))
                continue
            fuzzy_total += 1
            target = final.get(key)
            if target is not None and not target.fuzzy and texts(target):
                useful += fuzz.ratio(texts(entry)[0], texts(target)[0]) >= 80
        everywhere = {t for e in out for t in texts(e)}
        lost += len({t for e in old_entries for t in texts(e)} - everywhere)
    return {"kept": kept, "useful": useful, "lost": lost, "fuzzy": fuzzy_total}


def msgcat_identity(release: Path) -> tuple[int, int]:
    """How many catalogs Passerelle reads and writes back exactly as msgcat writes them."""
    files = sorted(release.rglob("*.po"))

    def same(path: Path) -> bool:
        expected = subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
        return format_catalog(read_catalog(path)).encode("utf-8") == expected

    with ThreadPoolExecutor(WORKERS) as pool:
        return sum(pool.map(same, files)), len(files)


def main() -> int:
    if not (CORPUS / f"{OLD}.tar.xz").exists() or shutil.which("msgmerge") is None:
        print("skipped: python-docs-fr corpus or GNU gettext not available")
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-merge-") as tmp:
        root = Path(tmp)
        old = unpack(CORPUS / f"{OLD}.tar.xz", root / "old")
        new = unpack(CORPUS / f"{NEW}.tar.xz", root / "new")
        make_templates(new, root / "pot")
        t_gnu = t_ours = float("inf")
        for _ in range(ROUNDS):  # alternate, keep each tool's best: the machine is shared
            for out in (root / "gnu", root / "ours"):
                shutil.rmtree(out, ignore_errors=True)
            t_gnu = min(t_gnu, run_msgmerge(old, root / "pot", root / "gnu"))
            t_ours = min(t_ours, run_passerelle(old, root / "pot", root / "ours"))
        gnu = score(old, new, root / "gnu")
        ours = score(old, new, root / "ours")
        same_old, n_old = msgcat_identity(old)
        same_new, n_new = msgcat_identity(new)
    gain = 100.0 * (ours["useful"] - gnu["useful"]) / max(gnu["useful"], 1)
    rows = [
        ("wall time (s)", f"{t_ours:.1f}", f"{t_gnu:.1f}", f"ratio {t_ours / t_gnu:.2f} (<= 0.50)"),
        ("exact translations kept", ours["kept"], gnu["kept"], "same"),
        ("fuzzy suggestions", ours["fuzzy"], gnu["fuzzy"], ""),
        ("useful fuzzy (ratio>=80)", ours["useful"], gnu["useful"], f"{gain:+.1f} % (>= +15 %)"),
        ("translations lost", ours["lost"], gnu["lost"], "0"),
    ]
    print(f"catalog update {OLD} -> {NEW} templates, {WORKERS} workers each, best of {ROUNDS}")
    print(f"{'':28}{'passerelle':>12}{'msgmerge':>12}  target")
    for label, a, b, note in rows:
        print(f"{label:28}{a!s:>12}{b!s:>12}  {note}")
    print(f"msgcat identity: {OLD} {same_old}/{n_old}, {NEW} {same_new}/{n_new}")
    ok = (
        t_ours <= 0.5 * t_gnu
        and ours["kept"] >= gnu["kept"]
        and gain >= 15.0
        and ours["lost"] == 0
        and same_old == n_old
        and same_new == n_new
    )
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
