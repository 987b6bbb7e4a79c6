"""What a run over many documents keeps in each of its processes grows with the largest
document, not with the number of documents: caches hold a bounded number of them."""

from __future__ import annotations

import gc
import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from passerelle.config import load_config
from passerelle.project.assets import document_assets
from passerelle.project.layout import Layout, SourceDocument, _placed
from passerelle.project.state import State


def retained(work: Callable[[], object]) -> int:
    """Bytes ``work`` leaves allocated once it returned and its result is gone."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        work()
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def documents(root: Path, count: int, start: int = 0) -> list[SourceDocument]:
    """``count`` documents of one folder, each with a source naming one image."""
    folder = root / "source"
    folder.mkdir(exist_ok=True)
    docs = []
    for n in range(start, start + count):
        path = folder / f"doc{n:05d}.html"
        path.write_text(f'<p>Texte {n}.</p><img src="i{n}.png">\n', encoding="utf-8")
        docs.append(SourceDocument(path, f"doc{n:05d}", "html"))
    return docs


def test_the_path_cache_keeps_a_bounded_number_of_paths(tmp_path: Path) -> None:
    (tmp_path / "passerelle.toml").write_text('languages = ["en"]\n', encoding="utf-8")
    layout = Layout(load_config(tmp_path))
    few = [SourceDocument(tmp_path / f"a{n}.txt", f"a{n}", "text") for n in range(1000)]
    many = [SourceDocument(tmp_path / f"b{n}.txt", f"b{n}", "text") for n in range(20_000)]

    def catalogs(docs: list[SourceDocument]) -> None:
        for doc in docs:
            layout.catalog(doc, "en")

    _placed.cache_clear()
    small = retained(lambda: catalogs(few))
    _placed.cache_clear()
    large = retained(lambda: catalogs(many))
    _placed.cache_clear()
    # 1,000 paths are all kept; of 20,000, no more than a few thousand may be.
    assert large < 8 * small, (small, large)


def test_the_asset_cache_keeps_a_bounded_number_of_documents(tmp_path: Path) -> None:
    (tmp_path / "passerelle.toml").write_text('languages = ["en"]\n', encoding="utf-8")
    layout = Layout(load_config(tmp_path))
    few, many = documents(tmp_path, 50), documents(tmp_path, 1500, start=50)

    def assets(docs: list[SourceDocument]) -> None:
        for doc in docs:
            assert [asset.rel for asset in document_assets(layout, doc)] == [
                f"i{int(doc.name[3:])}.png"
            ]

    small = retained(lambda: assets(few))
    large = retained(lambda: assets(many))
    # 50 documents' assets are all kept; of 1,500, no more than a few hundred may be.
    assert large < 10 * small, (small, large)


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
