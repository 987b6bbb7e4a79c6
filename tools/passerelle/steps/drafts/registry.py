"""Engines by name: the one place that knows every engine, above them all.

``--engine`` names an engine; this module turns the name into one. The engines themselves import
only :mod:`.base`, so the import graph runs one way: registry -> engines -> base. Each engine is
imported when it is built, not before, so commands that draft nothing never load an MT client.
"""

from __future__ import annotations

from pathlib import Path

from passerelle.errors import EngineError
from passerelle.hints import hint_for, setting_error
from passerelle.steps.drafts.base import PSEUDO_LANG, ContextEngine, Engine, EngineSettings

OFFLINE_ENGINES = ("tm", "pseudo")
#: Language models: drafted document by document, with context (:mod:`.documents`).
MODEL_ENGINES = ("anthropic", "openai")


def engine_names() -> tuple[str, ...]:
    """Every engine name ``--engine`` accepts."""
    from passerelle.steps.drafts.online import ONLINE_ENGINES

    return (*OFFLINE_ENGINES, *sorted((*ONLINE_ENGINES, *MODEL_ENGINES)))


def known_engine(name: str, *, source: Path | None = None, key: str = "--engine") -> str:
    """``name`` if it is an engine, else a one-line error naming the nearest engine, at the
    settings line that writes it (``source``): a typo must not pass for an online engine."""
    if name in OFFLINE_ENGINES:
        return name  # without loading the online engines' clients
    names = engine_names()
    if name in names:
        return name
    hint = hint_for(name, names, "known engines: " + ", ".join(names))
    raise setting_error(f"{key}: unknown engine {name!r}", source, name, key, hint=hint)


def make_engine(name: str, target: str, settings: EngineSettings) -> Engine | ContextEngine:
    """Build engine ``name`` for drafting into ``target``."""
    if (name == "pseudo") != (target == PSEUDO_LANG):
        raise EngineError(
            f"engine {name!r} cannot draft language {target!r}",
            hint="pseudo-localisation goes to language qps, and qps only takes --engine pseudo",
        )
    if name == "tm":
        from passerelle.steps.drafts.tm import TranslationMemory

        return TranslationMemory.from_files(
            settings.catalogs, settings.compendia, target, threshold=settings.threshold
        )
    if name == "pseudo":
        from passerelle.steps.drafts.pseudo import PseudoEngine

        return PseudoEngine()
    if name in MODEL_ENGINES:
        from passerelle.steps.drafts.llm import make_model_engine

        return make_model_engine(name, target, settings)
    from passerelle.steps.drafts.online import ONLINE_ENGINES, make_online_engine

    if name not in ONLINE_ENGINES:
        names = engine_names()
        raise EngineError(
            f"unknown engine {name!r}",
            hint=hint_for(name, names, "known engines: " + ", ".join(names)),
        )
    return make_online_engine(name, settings, target)
