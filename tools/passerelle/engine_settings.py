"""``[tool.passerelle.engines.<name>]``: how a drafting engine that needs settings is set up.

Engines that speak to a language model need a model name, may need a server, and follow a
per-language style note::

    [tool.passerelle.engines.openai]
    model = "gpt-4o-mini"
    url = "http://127.0.0.1:8080/v1"      # any OpenAI-compatible server
    context-tokens = 16000                # what one request may use, answer included
    max-output-tokens = 4096
    style = { de = "Sie, not du.", "*" = "Plain, neutral newsroom register." }

Keys never go here: they come from the environment only, so a settings file can be committed.
This module only reads the tables' shape; which engines exist is known to the engines.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from passerelle.errors import ConfigError

KEYS = ("model", "url", "context-tokens", "max-output-tokens", "temperature", "style")
_SECRET_HINTS = ("key", "token", "secret", "password")


@dataclass(frozen=True)
class EngineTable:
    """One engine's settings; the ``repr`` is part of the run state's signature, so it is
    made of tuples in a fixed order."""

    model: str = ""
    url: str = ""
    context_tokens: int = 16_000
    max_output_tokens: int = 4_096
    temperature: float = 0.0
    style: tuple[tuple[str, str], ...] = ()  # (language or "*", note)

    def style_for(self, lang: str) -> str:
        """The style note for ``lang``: its own, else its base language's, else ``*``'s."""
        notes = dict(self.style)
        base = lang.split("_")[0].split("@")[0]
        return notes.get(lang) or notes.get(base) or notes.get("*", "")


def _positive_int(name: str, key: str, value: Any, where: Path | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(f"engines.{name}.{key} must be a positive whole number", path=where)
    return value


def parse_engine_table(name: str, table: Any, where: Path | None) -> EngineTable:
    """Validate one ``[tool.passerelle.engines.<name>]`` table."""
    if not isinstance(table, dict):
        raise ConfigError(f"engines.{name} must be a table", path=where)
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        secret = any(word in unknown[0].lower() for word in _SECRET_HINTS)
        hint = (
            "keys are read from the environment only (PASSERELLE_<ENGINE>_KEY)"
            if secret
            else "known settings: " + ", ".join(KEYS)
        )
        raise ConfigError(f"unknown setting engines.{name}.{unknown[0]}", path=where, hint=hint)
    for key in ("model", "url"):
        if not isinstance(table.get(key, ""), str):
            raise ConfigError(f"engines.{name}.{key} must be a string", path=where)
    temperature = table.get("temperature", 0.0)
    if isinstance(temperature, bool) or not isinstance(temperature, int | float):
        raise ConfigError(f"engines.{name}.temperature must be a number", path=where)
    style = table.get("style", {})
    if isinstance(style, str):
        style = {"*": style}
    if not isinstance(style, dict) or not all(isinstance(v, str) for v in style.values()):
        raise ConfigError(
            f"engines.{name}.style must be a note, or a table of language = note", path=where
        )
    return EngineTable(
        model=table.get("model", ""),
        url=table.get("url", ""),
        context_tokens=_positive_int(
            name, "context-tokens", table.get("context-tokens", 16_000), where
        ),
        max_output_tokens=_positive_int(
            name, "max-output-tokens", table.get("max-output-tokens", 4_096), where
        ),
        temperature=float(temperature),
        style=tuple(sorted(style.items())),
    )


def parse_engines(value: Any, where: Path | None) -> tuple[tuple[str, EngineTable], ...]:
    """Every ``[tool.passerelle.engines.*]`` table, by engine name (sorted)."""
    if not isinstance(value, dict):
        raise ConfigError("engines must be a table of engine tables", path=where)
    return tuple(sorted((name, parse_engine_table(name, t, where)) for name, t in value.items()))
