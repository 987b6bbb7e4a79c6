"""The files a document refers to and a reader's browser will ask for: images, stylesheets,
scripts, media. A page shipped without them is broken, so they are listed with their line for
``check`` and copied beside the localised documents by a build and a release.

Only local references count: a URL with a scheme or a host (``https:``, ``//cdn``), a path from
the site's root (``/img.png``), a fragment or a ``data:`` URI is someone else's to serve.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from passerelle.formats.text import walk


@dataclass(frozen=True)
class AssetRef:
    """A reference to a file, as the document writes it, and the line it is on."""

    ref: str
    line: int


_TAG_RE = re.compile(r"<(?P<name>[A-Za-z][\w:.-]*)\b(?P<attrs>[^<>]*)>")
_ATTR_RE = re.compile(
    r"""(?P<key>[\w:.-]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))"""
)
#: (element, attribute) pairs that load a file; ``*`` is any element.
_LOADING = {
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("script", "src"),
    ("input", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("image", "href"),  # DITA, SVG
    ("imagedata", "fileref"),  # DocBook
    ("graphic", "fileref"),
}
_STYLESHEET_RELS = {"stylesheet", "icon", "preload"}


def is_local(ref: str) -> bool:
    """Whether ``ref`` names a file beside the document (no scheme, host, root or fragment)."""
    if not ref or ref.startswith(("#", "/", "\\")):
        return False
    parts = urlsplit(ref)
    return not parts.scheme and not parts.netloc and bool(parts.path)


def local_path(ref: str) -> str:
    """The file a local reference names: query and fragment dropped, ``%XX`` decoded."""
    return unquote(urlsplit(ref).path)


def asset_references(format_name: str, text: str) -> list[AssetRef]:
    """The local files ``text`` refers to, in document order, each once per line."""
    found = _text_refs(text) if format_name == "text" else _markup_refs(text)
    return list(dict.fromkeys(ref for ref in found if is_local(ref.ref)))


def _text_refs(text: str) -> list[AssetRef]:
    refs: list[AssetRef] = []
    line = 1
    for part in walk(text):
        if part.role == "image":
            refs.append(AssetRef(part.raw.split()[0], line))
        line += part.raw.count("\n")
    return refs


def _markup_refs(text: str) -> list[AssetRef]:
    refs: list[AssetRef] = []
    for tag in _TAG_RE.finditer(text):
        name = tag["name"].lower().rsplit(":", 1)[-1]
        attrs = {
            m["key"].lower(): html.unescape(
                m["dq"] if m["dq"] is not None else m["sq"] or m["bare"]
            )
            for m in _ATTR_RE.finditer(tag["attrs"])
        }
        line = text.count("\n", 0, tag.start()) + 1
        for key, value in attrs.items():
            if (name, key) in _LOADING:
                candidates = _srcset(value) if key == "srcset" else [value.strip()]
                refs.extend(AssetRef(ref, line) for ref in candidates)
        rels = set(attrs.get("rel", "").lower().split())
        if name == "link" and rels & _STYLESHEET_RELS and "href" in attrs:
            refs.append(AssetRef(attrs["href"].strip(), line))
    return refs


def _srcset(value: str) -> list[str]:
    """The URLs of a ``srcset`` (``a.png 1x, b.png 2x``)."""
    return [item.split()[0] for item in value.split(",") if item.split()]
