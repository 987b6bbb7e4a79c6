"""A document's assets: found where its references say, checked, and copied beside its builds.

A reference resolves against the document's folder and must stay inside the source folder: the
copy lands at the same place under ``build/<lang>/`` (and the release), where the localised
page's unchanged reference finds it. A reference that leads out of the source folder, or to no
file, is an ``asset-missing`` warning at its line (the page still builds; it shows a gap).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from passerelle.errors import PasserelleError
from passerelle.formats.assets import AssetRef, asset_references, local_path
from passerelle.fsutil import read_utf8, write_atomic
from passerelle.project.layout import Layout, SourceDocument
from passerelle.steps.checks import WARNING, Finding


@dataclass(frozen=True)
class Asset:
    """A referenced file: where the source folder should hold it, and whether it does."""

    ref: AssetRef
    path: Path | None  # None when the reference leads out of the source folder
    rel: str  # relative to the source folder, as it lands under build/<lang>/

    @property
    def present(self) -> bool:
        return self.path is not None and self.path.is_file()


def document_assets(layout: Layout, doc: SourceDocument) -> list[Asset]:
    """The assets ``doc`` refers to, in document order."""
    st = doc.path.stat()
    config = layout.config
    key = (str(config.root), str(config.source_dir), config.follow_links, str(doc.path))
    cached = _CACHE.pop(key, None)  # taken out and put back last: the most recently asked
    if cached is None or cached[0] != (st.st_mtime_ns, st.st_size):
        cached = ((st.st_mtime_ns, st.st_size), _assets(layout, doc))
    _CACHE[key] = cached
    if len(_CACHE) > ASSET_CACHE:
        del _CACHE[next(iter(_CACHE))]  # the least recently asked
    return list(cached[1])


#: Documents whose assets are remembered while unchanged: a document's job asks once per
#: language and step, one after the other. Not every document of a project: each process of a
#: run would hold them all, and a pass over more documents finds none of them again anyway.
ASSET_CACHE = 256
_CACHE: dict[tuple[str, str, bool, str], tuple[tuple[int, int], tuple[Asset, ...]]] = {}


def _assets(layout: Layout, doc: SourceDocument) -> tuple[Asset, ...]:
    source_dir = Path(os.path.abspath(layout.config.source_dir))
    found = []
    for ref in asset_references(doc.format_name, read_utf8(doc.path)):
        file = Path(os.path.normpath(doc.path.parent.absolute() / local_path(ref.ref)))
        if not file.is_relative_to(source_dir) or file == source_dir:
            found.append(Asset(ref, None, ""))
            continue
        try:
            file = layout.inside(file)
        except PasserelleError:
            found.append(Asset(ref, None, ""))
            continue
        found.append(Asset(ref, file, file.relative_to(source_dir).as_posix()))
    return tuple(found)


def asset_findings(layout: Layout, doc: SourceDocument) -> list[Finding]:
    """An ``asset-missing`` warning per reference to no file (or to one outside the sources)."""
    shown = layout.shown(doc.path)
    findings = []
    for asset in document_assets(layout, doc):
        if asset.present:
            continue
        if asset.path is None:
            why = f"{asset.ref.ref} leads out of {layout.shown(layout.config.source_dir)}/"
            hint = "keep assets inside the source folder"
        else:
            why = f"{asset.ref.ref}: no such file ({layout.shown(asset.path)})"
            hint = "add the file or correct the reference"
        message = f"{why}; {hint}"
        findings.append(
            Finding(shown, asset.ref.line, WARNING, "asset-missing", message, None, doc.name)
        )
    return findings


def asset_inputs(layout: Layout, doc: SourceDocument) -> list[Path]:
    """The files a build copies (present or not): their change makes the build stale."""
    return [asset.path for asset in document_assets(layout, doc) if asset.path is not None]


def asset_outputs(layout: Layout, doc: SourceDocument, lang: str) -> list[Path]:
    """Where a build of ``doc`` in ``lang`` puts its present assets."""
    return [
        layout.asset_output(lang, asset.rel)
        for asset in document_assets(layout, doc)
        if asset.present
    ]


def copy_assets(layout: Layout, doc: SourceDocument, lang: str) -> list[Path]:
    """Copy ``doc``'s present assets beside its build in ``lang``; return those that changed."""
    written = []
    for asset in document_assets(layout, doc):
        if not asset.present or asset.path is None:
            continue
        target = layout.asset_output(lang, asset.rel)
        data = asset.path.read_bytes()
        if write_atomic(target, data, durable=False):
            written.append(target)
    return written
