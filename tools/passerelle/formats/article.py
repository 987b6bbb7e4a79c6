"""The news-article layout as a web page a reader accepts: a French HTML5 page, styled inline.

The page is produced in the source language and translated with the same walker as any other
HTML, which keeps one reassembly path: fallback marking, escaping and ``dir`` come from there.
Its stylesheet is embedded (no network, no asset to lose): a readable measure, and a font stack
and line height per script, so Chinese, Japanese and Arabic read as well as French. The empty
``<nav data-passerelle="languages">`` is where a build or a release lists the page's language
versions, from the same alternates as its ``hreflang`` links.
"""

from __future__ import annotations

import html
import re

from passerelle.formats.text import walk

#: A caption's closing credit in brackets: ``[Photo/Services Internationaux de Shanghai]``.
CREDIT_RE = re.compile(r"^(?P<caption>.*?)\s*(?P<credit>\[[^\[\]]+\])$", re.DOTALL)
SWITCHER_SLOT = '<nav class="languages" data-passerelle="languages" translate="no"></nav>'

_LATIN = 'Charter, "Bitstream Charter", Georgia, "Noto Serif", "DejaVu Serif", serif'
_SANS = '"Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif'
_HAN_SC = '"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun'
_HAN_JP = '"Noto Serif CJK JP", "Source Han Serif JP", "Hiragino Mincho ProN", "Yu Mincho"'
_ARABIC = '"Noto Naskh Arabic", Amiri, "Geeza Pro", "Traditional Arabic", "DejaVu Sans"'

STYLE = f"""\
:root{{--ink:#1f2328;--muted:#59636e;--rule:#d8dee4;--accent:#0b5cad}}
html{{background:#fff;color:var(--ink)}}
body{{margin:0;font-family:{_LATIN};font-size:1.0625rem;line-height:1.65}}
nav.languages,article{{max-width:40rem;margin:0 auto;padding:0 1.25rem}}
nav.languages ul{{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;\
padding:.8rem 0;border-bottom:1px solid var(--rule);font:.875rem/1.5 {_SANS}}}
nav.languages a{{color:var(--accent);text-decoration:none}}
nav.languages a[aria-current]{{color:var(--ink);font-weight:700}}
article{{padding-bottom:3rem}}
h1{{font-family:{_SANS};font-size:2rem;line-height:1.25;margin:1.75rem 0 .5rem}}
.origin{{font:.8125rem/1.4 {_SANS};letter-spacing:.06em;text-transform:uppercase;\
color:var(--muted);margin:0 0 1.75rem;padding-bottom:.9rem;border-bottom:1px solid var(--rule)}}
.origin a{{color:inherit;text-decoration:none}}
p{{margin:0 0 1.1em;line-height:1.65}}
figure{{margin:2rem 0}}
figure img{{display:block;width:100%;height:auto;background:#eef1f4}}
figcaption{{margin-top:.6rem;font:.9rem/1.55 {_SANS};color:var(--muted)}}
figcaption p{{margin:0;line-height:inherit}}
figcaption .credit{{font-size:.8rem;margin-top:.2rem}}
:lang(zh){{font-family:{_LATIN.rsplit(", ", 1)[0]}, {_HAN_SC}, serif}}
:lang(ja){{font-family:{_LATIN.rsplit(", ", 1)[0]}, {_HAN_JP}, serif}}
:lang(ar){{font-family:{_ARABIC}, serif}}
p:lang(zh),p:lang(ja){{line-height:1.85;text-align:justify;line-break:strict}}
h1:lang(zh),h1:lang(ja){{line-height:1.4}}
p:lang(ar){{line-height:1.95}}
article:lang(ar),h1:lang(ar){{font-size:1.08em}}
[dir=rtl] .origin{{letter-spacing:0}}
"""


def caption_parts(text: str) -> tuple[str, str]:
    """A caption and its closing bracketed credit ("" when it has none)."""
    found = CREDIT_RE.match(text)
    if found is None or not found["caption"]:
        return text, ""
    return found["caption"], found["credit"]


def _attr(value: str) -> str:
    """An attribute value for double quotes (apostrophes left as they are)."""
    return html.escape(value, quote=False).replace('"', "&quot;")


def _figure(figure: dict[str, str | None]) -> str:
    """A ``<figure>``: the image, its caption and credit as separate blocks.

    Without its own alternative text, the image is described by its caption (credit aside): the
    same sentence, so the same catalog entry translates both.
    """
    esc = html.escape
    caption = figure["caption"]
    text, credit = caption_parts(caption or "")
    described = figure["alt"] if figure["alt"] is not None else text
    src = _attr(figure["src"] or "")
    out = [f'<figure>\n<img src="{src}" alt="{_attr(described)}">']
    if caption:
        lines = [f"<p>{esc(text, quote=False)}</p>"]
        if credit:
            lines.append(f'<p class="credit">{esc(credit, quote=False)}</p>')
        out.append("<figcaption>\n" + "\n".join(lines) + "\n</figcaption>")
    return "\n".join(out) + "\n</figure>"


def _origin(host: str) -> str:
    href = host if "://" in host else f"https://{host}"
    link = f'<a href="{_attr(href)}">{html.escape(host, quote=False)}</a>'
    return f'<p class="origin" translate="no">{link}</p>'


def to_html(text: str, source_lang: str = "fr") -> str:
    """The article as a French HTML5 page, ready for the ``html`` format's translating writer."""
    esc = html.escape
    title = ""
    header: list[str] = []
    body: list[str] = []
    figure: dict[str, str | None] | None = None
    for part in walk(text):
        if figure is not None and part.role not in ("", "alt", "caption"):
            body.append(_figure(figure))
            figure = None
        if part.role == "title" and part.block:
            title = part.block.text
            header.append(f"<h1>{esc(title, quote=False)}</h1>")
        elif part.role == "origin":
            (header if header else body).append(_origin(part.raw.strip()))
        elif part.role == "image":
            figure = {"src": part.raw.split()[0], "alt": None, "caption": None}
        elif part.role in ("alt", "caption") and part.block and figure is not None:
            figure[part.role] = part.block.text
        elif part.role == "paragraph" and part.block:
            body.append(f"<p>{esc(part.block.text, quote=False)}</p>")
    if figure is not None:
        body.append(_figure(figure))
    if header:
        body.insert(0, "<header>\n" + "\n".join(header) + "\n</header>")
    head = (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(source_lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title, quote=False)}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
        f"{SWITCHER_SLOT}\n<article>\n"
    )
    return head + "\n".join(body) + "\n</article>\n</body>\n</html>\n"
