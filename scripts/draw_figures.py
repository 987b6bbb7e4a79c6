"""Draw the West Bund article's three figures (``source/fig1.jpg``, ``source/fig2+题图.jpg``,
``source/fig3.png``) as simple illustrations, so the shipped pages are complete.

The article's photographs are not ours to ship; these drawings are made here from shapes alone
(no fonts, no photographs), so they carry no third-party licence. Every shape comes from a
seeded generator and Pillow writes no timestamp, so running the script again writes the same
bytes with the same Pillow. Run by hand: ``pip install pillow; python scripts/draw_figures.py``.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw

SOURCE = Path(__file__).resolve().parents[1] / "source"
SIZE = (1200, 675)
Color = tuple[int, int, int]


def sky(draw: ImageDraw.ImageDraw, top: Color, bottom: Color, height: int) -> None:
    """A vertical gradient from ``top`` to ``bottom`` over the first ``height`` rows."""
    for y in range(height):
        t = y / max(height - 1, 1)
        color = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (SIZE[0], y)], fill=color)


def skyline(draw: ImageDraw.ImageDraw, rng: random.Random, base: int, color: Color) -> None:
    """Towers along the far bank, a few with lit windows."""
    x = 0
    while x < SIZE[0]:
        width, height = rng.randint(40, 90), rng.randint(60, 260)
        draw.rectangle([x, base - height, x + width, base], fill=color)
        for wy in range(base - height + 12, base - 10, 18):
            for wx in range(x + 8, x + width - 8, 14):
                if rng.random() < 0.35:
                    draw.rectangle([wx, wy, wx + 5, wy + 8], fill=(250, 214, 120))
        x += width + rng.randint(4, 20)


def person(draw: ImageDraw.ImageDraw, x: int, y: int, scale: float, color: Color) -> None:
    """A standing figure: head and shoulders, feet at ``y``."""
    head = 7 * scale
    draw.ellipse([x - head, y - 62 * scale, x + head, y - 48 * scale], fill=color)
    draw.rounded_rectangle([x - 11 * scale, y - 46 * scale, x + 11 * scale, y], 6, fill=color)


def riverside() -> Image.Image:
    """Fig. 1: the delegation gathered on the West Bund promenade, the river and towers behind."""
    rng = random.Random(1011)
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    sky(draw, (120, 170, 220), (236, 214, 190), 420)
    skyline(draw, rng, 400, (72, 88, 118))
    draw.rectangle([0, 400, SIZE[0], 520], fill=(70, 110, 140))
    for y in range(410, 520, 9):
        x = rng.randint(0, SIZE[0])
        draw.line([(x, y), (x + rng.randint(40, 140), y)], fill=(150, 185, 205), width=2)
    draw.rectangle([0, 520, SIZE[0], SIZE[1]], fill=(196, 186, 170))
    palette = [(38, 44, 58), (60, 66, 84), (120, 44, 52), (34, 70, 96)]
    for i in range(35):
        x = 170 + i * 25 + rng.randint(-6, 6)
        person(draw, x, 610 + (i % 3) * 14, 1.0 + (i % 3) * 0.08, rng.choice(palette))
    return image


def discussion() -> Image.Image:
    """Fig. 2: business leaders in conversation before the meeting."""
    rng = random.Random(1012)
    image = Image.new("RGB", SIZE, (238, 233, 225))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, SIZE[0], 330], fill=(214, 224, 232))
    for x in range(60, SIZE[0], 160):
        draw.rectangle(
            [x, 40, x + 120, 300], fill=(188, 206, 222), outline=(150, 168, 186), width=4
        )
    draw.rectangle([0, 330, SIZE[0], 345], fill=(120, 98, 80))
    for group, center in enumerate((300, 640, 960)):
        for k in range(4 + group % 2):
            x = center + (k - 2) * 58 + rng.randint(-8, 8)
            shade = rng.choice([(40, 46, 60), (82, 60, 52), (30, 62, 90), (96, 98, 104)])
            person(draw, x, 600 - (k % 2) * 20, 3.2 - (k % 2) * 0.3, shade)
    return image


def exhibition() -> Image.Image:
    """Fig. 3: guests before a screen at the artificial-intelligence exhibition under the dome."""
    rng = random.Random(1013)
    image = Image.new("RGB", SIZE, (28, 32, 48))
    draw = ImageDraw.Draw(image)
    draw.pieslice([100, -420, 1100, 580], 180, 360, fill=(46, 54, 80))
    for angle in range(0, 181, 15):
        draw.arc([100, -420, 1100, 580], 180 + angle, 181 + angle, fill=(90, 104, 140), width=3)
    draw.rectangle([330, 140, 870, 440], fill=(18, 60, 110), outline=(120, 190, 255), width=6)
    nodes = [(rng.randint(370, 830), rng.randint(170, 410)) for _ in range(14)]
    for a, b in zip(nodes, nodes[3:] + nodes[:3], strict=True):
        draw.line([a, b], fill=(90, 170, 240), width=2)
    for x, y in nodes:
        draw.ellipse([x - 7, y - 7, x + 7, y + 7], fill=(170, 225, 255))
    draw.rectangle([0, 560, SIZE[0], SIZE[1]], fill=(52, 52, 62))
    for i in range(11):
        person(draw, 140 + i * 92 + rng.randint(-10, 10), 660, 2.1, (12, 14, 22))
    return image


def main() -> None:
    riverside().save(SOURCE / "fig1.jpg", quality=85, optimize=False, progressive=False)
    discussion().save(SOURCE / "fig2+题图.jpg", quality=85, optimize=False, progressive=False)
    exhibition().save(SOURCE / "fig3.png", optimize=False)


if __name__ == "__main__":
    main()
