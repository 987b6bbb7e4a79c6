"""One draft for one text, on request, the way ``passerelle draft`` would make it.

A reviewer asking for the engine's opinion on one unit gets what ``draft`` would have written:
the text protected on the way out, the answer screened, restored and verified on the way back,
and, for an online engine, looked up in and saved to the same cache (same key), so asking twice,
or drafting the catalog afterwards, never pays twice. Nothing is written to a catalog here.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import cast

from passerelle.po.catalog import Entry
from passerelle.steps.drafts.answer import answer_problem
from passerelle.steps.drafts.base import Draft, Engine, EngineFailure, EngineSettings
from passerelle.steps.drafts.cache import cache_key
from passerelle.steps.drafts.driver import DraftRun, PendingEntry, Summary, apply_draft
from passerelle.steps.drafts.protect import protect, split_whitespace
from passerelle.steps.drafts.registry import make_engine


@dataclass(frozen=True)
class Suggestion:
    """The engine's draft (None when there is none) and why not, or where it came from."""

    engine: str
    text: str | None
    note: str = ""
    cached: bool = False


def suggest_draft(
    msgid: str, target: str, engine_name: str, settings: EngineSettings, run: DraftRun
) -> Suggestion:
    """The draft ``engine_name`` gives ``msgid`` in ``target``, through ``run``'s cache."""
    built = make_engine(engine_name, target, settings)
    if getattr(built, "context", False):  # a language model reads the whole document
        built.close()
        return Suggestion(built.name, None, "drafts whole documents: run passerelle draft")
    engine = cast(Engine, built)
    notes: list[str] = []
    run.report = notes.append
    try:
        _, core, _ = split_whitespace(msgid)
        protected = protect(msgid if engine.wire == "raw" else core, engine.wire)
        if not core or len(protected.text) > engine.max_chars:
            return Suggestion(engine.name, None, "nothing to send")
        key = cache_key(engine.name, engine.options_key(), run.source_lang, target, protected.text)
        cached = run.cache.get_many([key]).get(key) if engine.online else None
        answer: Draft | None = Draft(cached) if cached is not None else None
        if answer is None:
            guard: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
            if engine.online:
                from passerelle.steps.drafts.transport import http_guard

                guard = http_guard(engine.secrets)
            with guard:
                try:
                    answer = engine.translate([protected.text], run.source_lang, target)[0]
                except EngineFailure as exc:
                    return Suggestion(engine.name, None, exc.message)
            if engine.online and answer is not None and answer.keep:
                if answer_problem(protected.text, answer.text, engine.secrets) is None:
                    run.cache.put_many([(key, engine.name, run.source_lang, target, answer.text)])
        entry = Entry(msgid=msgid)
        item = PendingEntry(entry, protected)
        if not apply_draft(item, answer, engine.name, target, run, Summary(), engine.secrets):
            return Suggestion(engine.name, None, "; ".join(notes) or "no draft")
        return Suggestion(
            engine.name, entry.msgstr, answer.note if answer else "", cached is not None
        )
    finally:
        engine.close()
