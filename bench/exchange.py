"""XLIFF 2.1 / 1.2 and TMX round trips on a real translation project.

Corpus: python-docs-fr 3.11 (../shared/corpora), ~490 catalogs, ~27,000 human translations. Each
catalog is exported as XLIFF 2.1 and 1.2, validated against the shipped OASIS schemas, read
back and imported into the catalog as it was: an import of unchanged files must change nothing
(byte-identical catalogs). The whole memory goes out as one TMX and is read back as a
compendium: every approved translation must come back as it was.

Run: .venv/bin/python bench/exchange.py [--limit FILES]
"""

from __future__ import annotations

import argparse
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from passerelle.exchange.apply import apply_units  # noqa: E402
from passerelle.exchange.model import exchange_units  # noqa: E402
from passerelle.exchange.tmx import MemoryUnit, read_tmx, write_tmx  # noqa: E402
from passerelle.exchange.validation import SCHEMA_FILES, schema_for  # noqa: E402
from passerelle.exchange.xliff import read_xliff, write_xliff  # noqa: E402
from passerelle.po.catalog import catalog_bytes, catalog_from_bytes  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "python-docs-fr"


def roundtrip(path: Path, version: str, work: Path, schema: etree.XMLSchema) -> tuple[int, str]:
    """Units exported, and "" or what went wrong, for one catalog in one version."""
    data = path.read_bytes()
    catalog = catalog_from_bytes(data, path)
    units = list(exchange_units(catalog))
    try:
        xliff = write_xliff(version, units, original=path.stem, source_lang="fr", target_lang="fr")
    except ValueError as exc:
        return len(units), f"not writable: {exc}"
    out = work / f"{path.stem}.{version}.xlf"
    out.write_bytes(xliff)
    if not schema.validate(etree.parse(str(out))):
        return len(units), f"invalid: {schema.error_log.last_error}"
    [file] = read_xliff(out)
    again = catalog_from_bytes(data, path)
    outcome = apply_units(again, file.units)
    if outcome.applied or outcome.rejected or outcome.stale:
        return len(units), f"import changed {outcome.applied}, rejected {len(outcome.rejected)}"
    if catalog_bytes(again, path) != catalog_bytes(catalog, path):
        return len(units), "import touched the catalog"
    return len(units), ""


def memory(files: list[Path], work: Path) -> tuple[int, int]:
    """Approved translations, and how many came back unchanged through one TMX."""
    approved: dict[tuple[str | None, str], str] = {}
    for path in files:
        for entry in catalog_from_bytes(path.read_bytes(), path):
            if entry.translated() and not entry.msgid_plural and entry.msgid:
                approved.setdefault((entry.msgctxt, entry.msgid), entry.msgstr)
    units = [MemoryUnit(c, i, {"en": s}) for (c, i), s in approved.items()]
    out = work / "memory.tmx"
    out.write_bytes(write_tmx(units, source_lang="fr"))
    back = {(c, i): s for c, i, s in read_tmx(out, "fr", "en")}
    return len(approved), sum(back.get(key) == text for key, text in approved.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="catalogs to use (0: all)")
    args = parser.parse_args(argv)
    if not (CORPUS / "3.11.tar.xz").exists():
        print(f"skipped: {CORPUS} not found")
        return 0
    failures = 0
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        with tarfile.open(CORPUS / "3.11.tar.xz") as tar:
            tar.extractall(tmp / "corpus", filter="data")
        files = sorted((tmp / "corpus").rglob("*.po"))[: args.limit or None]
        for version in SCHEMA_FILES:
            schema = schema_for(version)
            start = time.perf_counter()
            units, problems = 0, []
            for path in files:
                count, problem = roundtrip(path, version, tmp, schema)
                units += count
                if problem:
                    problems.append(f"{path.name}: {problem}")
            took = time.perf_counter() - start
            print(
                f"XLIFF {version}: {len(files)} catalogs, {units} units, export+validate+import "
                f"{took:.1f}s; {len(files) - len(problems)} byte-identical, "
                f"{len(problems)} not"
            )
            for line in problems[:5]:
                print(f"  {line}")
            failures += len(problems)
        start = time.perf_counter()
        total, same = memory(files, tmp)
        print(
            f"TMX: {total} approved translations, {same} read back unchanged "
            f"({time.perf_counter() - start:.1f}s)"
        )
        failures += total - same
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
