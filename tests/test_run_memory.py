"""What a run over many documents keeps in each of its processes grows with the largest
document, not with the number of documents: caches hold a bounded number of them."""

from __future__ import annotations

import gc
import json
import tracemalloc
from pathlib import Path

from passerelle.config import load_config
from passerelle.project.assets import ASSET_CACHE, Asset, document_assets
from passerelle.project.layout import PATH_CACHE, Layout, SourceDocument, _placed
from passerelle.project.state import State


def documents(root: Path, count: int) -> list[SourceDocument]:
    """``count`` documents of one folder, each with a source naming one image."""
    folder = root / "source"
    folder.mkdir(exist_ok=True)
    docs = []
    for n in range(count):
        path = folder / f"doc{n:05d}.html"
        path.write_text(f'<p>Texte {n}.</p><img src="i{n}.png">\n', encoding="utf-8")
        docs.append(SourceDocument(path, f"doc{n:05d}", "html"))
    return docs


def alive(kind: type) -> int:
    """How many objects of ``kind`` are alive."""
    gc.collect()
    return sum(1 for obj in gc.get_objects() if type(obj) is kind)


def test_the_path_cache_keeps_a_bounded_number_of_paths(tmp_path: Path) -> None:
    (tmp_path / "passerelle.toml").write_text('languages = ["en"]\n', encoding="utf-8")
    layout = Layout(load_config(tmp_path))
    kind = type(tmp_path)
    _placed.cache_clear()
    before = alive(kind)
    for n in range(20_000):
        layout.catalog(SourceDocument(tmp_path / f"d{n}.txt", f"d{n}", "text"), "en")
    kept = alive(kind) - before
    _placed.cache_clear()
    # The catalogs of the last few thousand documents at most, not of all 20,000.
    assert kept <= PATH_CACHE < 5000, kept


def test_the_asset_cache_keeps_a_bounded_number_of_documents(tmp_path: Path) -> None:
    (tmp_path / "passerelle.toml").write_text('languages = ["en"]\n', encoding="utf-8")
    layout = Layout(load_config(tmp_path))
    before = alive(Asset)
    for doc in documents(tmp_path, 1500):
        assert [asset.rel for asset in document_assets(layout, doc)] == [
            f"i{int(doc.name[3:])}.png"
        ]
    kept = alive(Asset) - before
    # The assets of the last few hundred documents at most, not of all 1,500 (one each).
    assert kept <= ASSET_CACHE < 500, kept


def test_saving_the_state_never_holds_its_whole_text(tmp_path: Path) -> None:
    state = State(tmp_path / "state.json", "settings")
    for n in range(30_000):
        state.steps[f"build:news/doc{n:05d}:en:0"] = f"{n:064x}"
        state.memos[f"stats:news/doc{n:05d}:en"] = [f"{n:064x}", [n, 2 * n, 0, 1, {"é": None}]]
    state.files["/p/source/news/doc00000.txt"] = [12, 1_700_000_000_000_000_000, "0" * 64]
    state.dirty = True
    gc.collect()
    tracemalloc.start()
    try:
        state.save()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    text = (tmp_path / "state.json").read_text(encoding="utf-8")
    expected = {
        "version": 1,
        "settings": "settings",
        "files": state.files,
        "steps": state.steps,
        "memos": state.memos,
    }
    assert text == json.dumps(expected, separators=(",", ":"), sort_keys=True)
    assert State(tmp_path / "state.json", "settings").memos == state.memos
    assert peak < len(text) / 4, (peak, len(text))
