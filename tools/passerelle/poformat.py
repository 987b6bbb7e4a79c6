"""PO text output in GNU msgcat's layout (interim: polib's own layout until the exact writer)."""

from __future__ import annotations

from typing import Any


def format_po(catalog: Any) -> str:
    """Serialise ``catalog`` (a polib.POFile)."""
    text: str = catalog.__unicode__()
    return text if text.endswith("\n") else text + "\n"
