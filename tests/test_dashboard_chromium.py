"""The status page in a real browser: headless Chromium renders it, its numbers match the JSON,
and each language's bar is drawn in proportion to its translated share.

Skipped (with the reason) when Chromium is not installed; CI installs Debian's chromium.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from passerelle.config import load_config
from passerelle.project.status import collect_status
from passerelle.reports.status import render_status, status_data
from passerelle.reports.status_page import ROW_FIELDS
from status_pages import assert_page_matches, drawn_rows, status_project

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
TRANSLATED = (0x2E, 0x8B, 0x57)
FUZZY = (0xE0, 0xA5, 0x26)
UNTRANSLATED = (0xC9, 0xCE, 0xD6)
TRACK = (0xE9, 0xEC, 0xF1)  # the bar's own background: parts must fill it exactly


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=90, check=True)


def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB(A) rows of an 8-bit non-interlaced PNG (what Chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        header = body if kind == b"IHDR" else header
        idat += body if kind == b"IDAT" else b""
        pos += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and color in (2, 6), (depth, color)
    step = 3 if color == 2 else 4
    raw, stride = zlib.decompress(idat), width * step
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for x in range(stride):
            left = line[x - step] if x >= step else 0
            up, corner = previous[x], previous[x - step] if x >= step else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                best = min(
                    (abs(p - left), 0, left), (abs(p - up), 1, up), (abs(p - corner), 2, corner)
                )
                line[x] = (line[x] + best[2]) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, [bytes(r[i] for i in range(len(r)) if i % step < 3) for r in rows]


def shades(colour: tuple[int, int, int]) -> set[bytes]:
    """The colour and its near neighbours (antialiasing, colour rounding) as RGB bytes."""
    r, g, b = colour
    spread = range(-3, 4)
    return {bytes((r + i, g + j, b + k)) for i in spread for j in spread for k in spread}


def bar_shares(rows: list[bytes], width: int) -> list[tuple[float, float, float]]:
    """Each bar's (translated, fuzzy, untranslated) share of its track, read on its middle row."""
    palettes = [shades(TRANSLATED), shades(FUZZY), shades(UNTRANSLATED), shades(TRACK)]
    counts = []
    for row in rows:
        pixels = [row[i : i + 3] for i in range(0, width * 3, 3)]
        counts.append(tuple(sum(p in palette for p in pixels) for palette in palettes))
    bars: list[list[tuple[int, ...]]] = []
    current: list[tuple[int, ...]] = []
    for count in counts:
        if sum(count) > 200:  # a bar row, not a colour key swatch
            current.append(count)
        elif current:
            bars.append(current)
            current = []
    if current:
        bars.append(current)
    result = []
    for bar in bars:
        t, f, u, track = bar[len(bar) // 2]
        whole = t + f + u + track
        result.append((t / whole, f / whole, u / whole))
    return result


def test_dashboard_renders_and_matches_json(project: Path, tmp_path: Path) -> None:
    status_project(project)
    status = collect_status(load_config(project))
    data = status_data(status)
    page = tmp_path / "status.html"
    page.write_text(render_status(status, "html"), encoding="utf-8")
    profile = tmp_path / "profile"
    dom = chromium(profile, "--dump-dom", page.as_uri()).stdout
    assert "Translation status" in dom
    assert_page_matches(dom, data)
    drawn = drawn_rows(dom)  # what the page's script drew from its data, every pair
    assert drawn == {
        (lang["lang"], doc["document"]): {
            **{field: str(doc[field]) for field in ROW_FIELDS if field != "percent"},
            "percent": f"{doc['percent']:g}%",
        }
        for lang in data["languages"]
        for doc in lang["documents"]
    }
    shot = tmp_path / "status.png"
    chromium(profile, f"--screenshot={shot}", "--window-size=700,1400", page.as_uri())
    width, _, rows = read_png(shot)
    shares = bar_shares(rows, width)
    expected = [
        tuple(lang[key] / lang["units"] for key in ("translated", "fuzzy", "untranslated"))
        for lang in data["languages"]
    ]
    assert len(shares) == len(expected)
    for measured, wanted in zip(shares, expected, strict=True):
        # The rounded ends of a bar blur a few pixels; a wrong width is off by far more.
        assert all(abs(m - w) < 0.02 for m, w in zip(measured, wanted, strict=True)), (
            shares,
            expected,
        )
