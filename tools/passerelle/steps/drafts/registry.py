"""Engines by name: the one place that knows every engine, above them all.

``--engine`` names an engine; this module turns the name into one. The engines themselves import
only :mod:`.base`, so the import graph runs one way: registry -> engines -> base. Each engine is
imported when it is built, not before, so commands that draft nothing never load an MT client.
"""

from __future__ import annotations

from passerelle.errors import EngineError
from passerelle.steps.drafts.base import PSEUDO_LANG, ContextEngine, Engine, EngineSettings

OFFLINE_ENGINES = ("tm", "pseudo")
#: Language models: drafted document by document, with context (:mod:`.documents`).
MODEL_ENGINES = ("anthropic", "openai")


def engine_names() -> tuple[str, ...]:
    """Every engine name ``--engine`` accepts."""
    from passerelle.steps.drafts.online import ONLINE_ENGINES

    return (*OFFLINE_ENGINES, *sorted((*ONLINE_ENGINES, *MODEL_ENGINES)))


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
        raise EngineError(
            f"unknown engine {name!r}", hint="known engines: " + ", ".join(engine_names())
        )
    return make_online_engine(name, settings)
