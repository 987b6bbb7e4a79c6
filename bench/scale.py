"""Scale run: a project of many generated French documents in six languages.

Generates N documents on the fly (news articles in the text layout and HTML pages, built from a
French vocabulary with a fixed seed), then times a full ``passerelle run`` without drafts and one
with translation-memory drafts into four languages (their ratio says what drafting costs on a
machine whose speed varies with its load), a no-op ``passerelle run``, extract, update and build
one at a time, and the full run once more, reporting wall time and the peak resident memory of
the whole process tree (main process and workers together).

Usage: python bench/scale.py [--docs 10000] [--jobs N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

LANGS = ["en", "zh_CN", "ja", "de", "es", "ar"]
DRAFT_LANGS = ["de", "ja", "es", "ar"]
SUBJECTS = [
    "La délégation",
    "Le maire",
    "Mme Dupont",
    "M. Martin",
    "Le conseil municipal",
    "L'entreprise",
    "Le Dr Lefèvre",
    "La région",
    "Le ministère",
    "Le groupe industriel",
    "Le président de l'association",
    "Une équipe de chercheurs",
    "Le district",
]
VERBS = [
    "a présenté",
    "a annoncé",
    "a souligné",
    "a inauguré",
    "prévoit",
    "a salué",
    "développe",
    "a signé",
    "étudie",
    "finance",
    "a rappelé",
    "soutient",
]
OBJECTS = [
    "un nouveau centre de recherche",
    "la coopération internationale",
    "les progrès de l'IA",
    "un plan de 3,5 milliards d'euros",
    "la transition énergétique",
    "un forum sur l'innovation",
    "les résultats du 2e trimestre",
    "un programme de formation",
    "la rénovation du quartier",
    "une exposition consacrée à la robotique",
    "l'ouverture de 1 200 logements",
    "une croissance annuelle de 15 %",
    "le projet présenté en janv. dernier",
]
TAILS = [
    "",
    " à Shanghai",
    " dans la région",
    " avec ses partenaires",
    " depuis 2019",
    " selon le communiqué",
    " au cours de l'année",
    " (voir p. 12)",
    " cf. le rapport annuel",
]
QUOTES = [
    "« Nous sommes très fiers de ce résultat », a déclaré {s}.",
    "{s} a ajouté : « Ce n'est qu'un début. »",
    "« Il faut aller plus loin, et plus vite. »",
]


def sentence(rng: random.Random) -> str:
    if rng.random() < 0.12:
        return rng.choice(QUOTES).format(s=rng.choice(SUBJECTS).lower())
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(1, 4)))


def article(rng: random.Random, n: int) -> str:
    title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} (n° {n})"
    parts = [title, "", "exemple.fr", f"photo{n}.jpg", paragraph(rng) + " [Photo/Agence]"]
    parts += ["", *"\n\n".join(paragraph(rng) for _ in range(rng.randint(3, 8))).split("\n")]
    return "\n".join(parts) + "\n"


def page(rng: random.Random, n: int) -> str:
    items = "\n".join(f"<li>{sentence(rng)}</li>" for _ in range(rng.randint(2, 5)))
    paras = "\n".join(
        f'<p>{paragraph(rng)} Voir <a href="/doc/{n}">la page {n}</a>.</p>'
        for _ in range(rng.randint(2, 6))
    )
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Document {n}</title>\n</head>\n<body>\n<h1>{sentence(rng)}</h1>\n"
        f'{paras}\n<ul>\n{items}\n</ul>\n<img src="i{n}.png" alt="Illustration {n}">\n'
        "</body>\n</html>\n"
    )


def settings(root: Path, drafts: bool) -> None:
    """The project's settings: with ``drafts``, tm drafts into :data:`DRAFT_LANGS`."""
    text = f'source-lang = "fr"\nlanguages = {LANGS!r}\n'
    text += 'segment = "sentence"\ndraft-engine = "tm"\n'
    if drafts:
        text += f"draft-languages = {DRAFT_LANGS!r}\n"
    (root / "passerelle.toml").write_text(text.replace("'", '"'), encoding="utf-8")


def generate(root: Path, docs: int, seed: int = 20251011) -> None:
    rng = random.Random(seed)
    settings(root, drafts=True)
    for n in range(docs):
        folder = root / "source" / f"s{n // 500:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        if n % 2:
            (folder / f"doc{n:05d}.html").write_text(page(rng, n), encoding="utf-8")
        else:
            (folder / f"doc{n:05d}.txt").write_text(article(rng, n), encoding="utf-8")


class PeakRss:
    """Samples the resident memory of a process and all its descendants."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self, pid: int) -> list[int]:
        out = [pid]
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    for child in handle.read().split():
                        out.extend(self._tree(int(child)))
        except OSError:
            pass
        return out

    def _rss(self, pid: int) -> int:
        try:
            with open(f"/proc/{pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(self._rss(p) for p in self._tree(self.pid)))
            time.sleep(0.05)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def timed(cmd: list[str], cwd: Path) -> tuple[float, int, str]:
    # Flush what earlier steps (and the generator) left for the disk to write, so that this
    # step's time is its own and not the writeback of the previous one's files.
    os.sync()
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    sampler = PeakRss(proc.pid)
    out, _ = proc.communicate()
    peak = sampler.stop()
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out[-2000:]}")
    return elapsed, peak, out


def generated_project(
    argv: list[str] | None, description: str, docs: int, name: str
) -> tuple[argparse.Namespace, str, Path]:
    """What a bench on a generated project starts from: its options (``--docs``, ``--jobs``,
    ``--keep DIR``), the ``passerelle`` command beside this Python, and an empty project folder
    (``--keep``'s, emptied, or a new temporary one)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--docs", type=int, default=docs)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args(argv)
    exe = str(Path(sys.executable).with_name("passerelle"))
    root = args.keep or Path(tempfile.mkdtemp(prefix=f"passerelle-{name}-"))
    if root.exists() and args.keep:
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    return args, exe, root


def main(argv: list[str] | None = None) -> int:
    args, exe, root = generated_project(argv, __doc__.splitlines()[0], 10000, "scale")
    try:
        t0 = time.perf_counter()
        generate(root, args.docs)
        size = sum(p.stat().st_size for p in (root / "source").rglob("*") if p.is_file())
        print(
            f"scale: {args.docs} documents ({size / 1e6:.1f} MB of French) x {len(LANGS)} "
            f"languages, generated in {time.perf_counter() - t0:.1f}s, jobs={args.jobs}"
        )
        base = [exe, "--jobs", str(args.jobs)]
        rows = []

        def clear() -> None:
            for name in ("locales", "build", ".cache"):
                shutil.rmtree(root / name, ignore_errors=True)

        # The full run first, on the tree as generated: the step-by-step runs below create and
        # delete some 330,000 files, after which this machine's disk stays slower for minutes.
        # The full run is measured again after them, for comparison (no target).
        settings(root, drafts=False)
        rows.append(("no drafts", *timed([*base, "run"], root)[:2]))
        clear()
        settings(root, drafts=True)
        rows.append(("full run", *timed([*base, "run"], root)[:2]))
        rows.append(("no-op run", *timed([*base, "run"], root)[:2]))
        clear()
        for label, cmd in [
            ("extract", [*base, "extract"]),
            ("update", [*base, "update"]),
            ("build", [*base, "build"]),
        ]:
            rows.append((label, *timed(cmd, root)[:2]))
        clear()
        rows.append(("full, again", *timed([*base, "run"], root)[:2]))
        print(f"{'step':12} {'time':>9} {'peak RSS':>10}")
        for label, elapsed, peak in rows:
            print(f"{label:12} {elapsed:8.2f}s {peak / 1e6:8.0f}MB")
        times = {label: elapsed for label, elapsed, _ in rows}
        print(
            f"full run with tm drafts into {', '.join(DRAFT_LANGS)}: "
            f"{times['full run'] / times['no drafts']:.2f} x the run without drafts"
        )
        targets = {"full run": 120.0, "no-op run": 2.0}
        for label, elapsed, _peak in rows:
            if label in targets:
                verdict = "ok" if elapsed < targets[label] else "MISSED"
                print(f"target {label} < {targets[label]:.0f}s: {verdict}")
        print(
            f"target peak memory < 500MB: {'ok' if max(r[2] for r in rows) < 500e6 else 'MISSED'}"
        )
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
