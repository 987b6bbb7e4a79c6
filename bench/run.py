"""`make bench`: every benchmark, Passerelle and its peers side by side in one run.

Benchmarks read the real corpora in ../shared/corpora when present (they are development sets;
the figures must hold on unseen documents too) and generate the scale project on the fly.
Select some with ``python bench/run.py segmentation merge``; ``--quick`` shrinks the scale run.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

BENCHES = {
    "segmentation": "French sentences on UD Sequoia, ParTUT, FQB vs pysbd, translate-toolkit",
    "roundtrip": "HTML/XML extract -> identity -> build on the httpd manual vs html2po, itstool",
    "merge": "catalog update on python-docs-fr 3.10 -> 3.11 vs msgmerge --previous",
    "gettext_suite": "GNU gettext 0.21's own msgmerge tests run against passerelle merge",
    "scale": "10,000 generated documents x 6 languages: time and peak memory",
    "drafts": "tm drafts on python-docs-fr vs msgmerge -C; MT requests vs deep-translator alone",
    "checks": "catalogue checks on python-docs-fr with seeded mistakes vs pofilter, msgfmt -c",
    "reports": "status and check on 2,000 HTML documents x 6 languages vs the no-op run",
    "its": "W3C ITS 2.0 test suite: five data categories, HTML and XML, documents as they come",
    "serve": "review app: open a 1,000-unit document (< 1 s) and save one unit (< 200 ms)",
    "exchange": "XLIFF 2.1/1.2 export -> validate -> import and TMX on python-docs-fr",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help=", ".join(BENCHES))
    parser.add_argument("--quick", action="store_true", help="scale run on 1,000 documents")
    args = parser.parse_args(argv)
    names = args.names or list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        parser.error(f"unknown benchmark {unknown[0]!r}; choose from {', '.join(BENCHES)}")
    failures = 0
    for name in names:
        print(f"\n=== {name}: {BENCHES[name]}", flush=True)
        start = time.perf_counter()
        module = importlib.import_module(name)
        bench_args = ["--docs", "1000"] if (name == "scale" and args.quick) else []
        try:
            takes_args = bool(inspect.signature(module.main).parameters)
            code = module.main(bench_args) if takes_args else module.main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        failures += bool(code)
        print(f"--- {name}: {time.perf_counter() - start:.0f}s", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
