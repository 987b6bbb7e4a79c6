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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from passerelle.engine_settings import EngineTable
from passerelle.exchange.glossary import Glossary as Terminology

PSEUDO_LANG = "qps"


@dataclass(frozen=True)
class Draft:
    """One engine answer: the text, and a note for the reviewer (e.g. a TM match score).

    ``keep`` False: the answer was made without something its cache key stands for (DeepL
    refused the project's glossary), so it is used but not cached; a later run, when the
    glossary is accepted, drafts it again with the terms.
    """

    text: str
    note: str = ""
    keep: bool = True


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
class UnitRequest:
    """One request of a context engine: some units of one document, and what surrounds them.

    ``payload`` is what travels as JSON in the last user message: ``context``, ``glossary``,
    ``notes`` and ``units`` (a list of ``{"id", "text"}``); ``ids`` are the units' ids, which
    the answer must give back, each once.
    """

    source: str
    target: str
    payload: dict[str, Any]
    ids: tuple[str, ...]
    max_output_tokens: int


class ContextEngine(Protocol):
    """An engine that drafts a document's units together, with their context (a language
    model). The driver of :mod:`.documents` plans its batches within ``context_tokens``."""

    name: str
    wire: str  # "token": placeholders travel as opaque tokens
    online: bool
    context: bool  # True: drafted document by document (:mod:`.documents`)
    max_chars: int
    secrets: tuple[str, ...]
    context_tokens: int  # what one request may use, the answer included
    max_output_tokens: int
    style: str  # the target language's style note

    def options_key(self) -> str:
        """Model, server, prompt version and settings (never a secret)."""
        ...

    def draft(self, request: UnitRequest) -> dict[str, str]:
        """Unit id -> draft for every id of ``request``; raises :class:`EngineFailure`."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...


#: Terminology for a batch: (target language, source texts) -> ``{"source", "target"}`` terms
#: (and ``"note"`` when the glossary explains one) found in those texts.
Glossary = Callable[[str, Sequence[str]], list[dict[str, str]]]


def no_glossary(target: str, texts: Sequence[str]) -> list[dict[str, str]]:
    """The glossary of a project without terminology: no terms."""
    return []


def batch_glossary(terminology: Terminology | None) -> Glossary:
    """The terms a batch holds, each with one rendering: the one DeepL's glossary gets too
    (:meth:`Terminology.pairs`), so every engine is told the same term."""
    if terminology is None or not len(terminology):
        return no_glossary

    def terms(target: str, texts: Sequence[str]) -> list[dict[str, str]]:
        found: dict[str, dict[str, str]] = {}
        for text in texts:
            for hit in terminology.hits(text, target):
                term = {"source": hit.source, "target": hit.targets[0]}
                found.setdefault(hit.source, term | ({"note": hit.note} if hit.note else {}))
        return list(found.values())

    return terms


def ignore_report(line: str) -> None:
    """Where an engine's notes go when nobody shows them."""


@dataclass(frozen=True)
class EngineSettings:
    """What the command line and the project's settings may tell an engine."""

    url: str | None = None
    threshold: float = 75.0
    catalogs: tuple[Path, ...] = ()  # tm: where to find translations
    compendia: tuple[Path, ...] = ()
    timeout: float = 20.0
    model: str | None = None  # language models: overrides the table's model
    table: EngineTable = field(default_factory=EngineTable)  # [tool.passerelle.engines.<name>]
    need_key: bool = True  # False for a dry run: nothing is sent, so no key is asked for
    terminology: Terminology | None = None  # the project's glossary (``terminology`` setting)
    report: Callable[[str], None] = ignore_report  # an engine's notes (a glossary it made)
