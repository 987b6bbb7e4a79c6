"""The one small interface every drafting engine implements, and the engine registry.

An engine turns a batch of texts into a batch of drafts (or ``None`` where it has nothing). It
declares what it wants to receive (``wire``): ``raw`` texts (offline engines that look texts up or
transform them locally), opaque ``token`` form, or ``xml`` form (DeepL's tag handling). Everything
else - protecting placeholders, verifying drafts, whitespace, caching, batching, retries, budgets,
writing catalogs - is the driver's job, so an engine stays a few dozen lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from passerelle.errors import EngineError

OFFLINE_ENGINES = ("tm", "pseudo")
PSEUDO_LANG = "qps"


@dataclass(frozen=True)
class Draft:
    """One engine answer: the text, and a note for the reviewer (e.g. a TM match score)."""

    text: str
    note: str = ""


class EngineFailure(Exception):
    """A request that failed; ``retryable`` failures (429, 5xx, timeouts) are tried again.

    ``fatal`` failures (bad key, quota) stop the engine at once: retrying cannot help.
    """

    def __init__(
        self,
        message: str,
        *,
        retryable: bool = False,
        fatal: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.retryable = retryable
        self.fatal = fatal
        self.retry_after = retry_after


class Engine(Protocol):
    """A drafting engine."""

    name: str
    wire: str  # "raw", "token" or "xml"
    online: bool  # online engines are cached, budgeted, retried and never used by `run`
    batch_size: int  # texts per request
    batch_chars: int  # characters per request
    max_chars: int  # longest single text the engine accepts
    secrets: tuple[str, ...]  # keys: masked in messages, and an answer holding one is refused

    def options_key(self) -> str:
        """What, besides languages and text, changes the answer (never a secret)."""
        ...

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Draft | None]:
        """Drafts for ``texts``, in order; raises :class:`EngineFailure` when a request fails."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...


@dataclass(frozen=True)
class EngineSettings:
    """What the command line may tell an engine."""

    url: str | None = None
    threshold: float = 75.0
    catalogs: tuple[Path, ...] = ()  # tm: where to find translations
    compendia: tuple[Path, ...] = ()
    timeout: float = 20.0


def engine_names() -> tuple[str, ...]:
    """Every engine name ``--engine`` accepts."""
    from passerelle.steps.drafts.online import ONLINE_ENGINES

    return (*OFFLINE_ENGINES, *sorted(ONLINE_ENGINES))


def make_engine(name: str, target: str, settings: EngineSettings) -> Engine:
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
    from passerelle.steps.drafts.online import ONLINE_ENGINES, make_online_engine

    if name not in ONLINE_ENGINES:
        raise EngineError(
            f"unknown engine {name!r}", hint="known engines: " + ", ".join(engine_names())
        )
    return make_online_engine(name, settings)
