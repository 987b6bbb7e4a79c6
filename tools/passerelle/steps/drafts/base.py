"""The one small interface every drafting engine implements, and the types it speaks in.

Engines import this module and nothing above it; :mod:`.registry` builds engines by name, so the
interface never needs to know which engines exist.

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
