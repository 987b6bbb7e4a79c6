"""Drafting with a context engine: a document's units in order, in batches, with their context.

For each catalog (one document in one language): the untranslated units in document order
(every form of a plural entry too), their cached answers first, then the rest in requests
planned within the model's budget (:mod:`.context`), under the run's character and token
budgets. Every answer is verified as any engine's is (:mod:`.verify`); a plural entry is drafted
only when every one of its forms passes. Drafts are fuzzy, signed with engine, model and date,
and saved into the file as it is on disk after every request (:mod:`.saving`), so human work
saved meanwhile is never touched and an interruption keeps what was received.
"""

from __future__ import annotations

from pathlib import Path

from passerelle.po.catalog import Entry, read_catalog
from passerelle.steps.drafts.base import ContextEngine, Glossary, UnitRequest
from passerelle.steps.drafts.cache import cache_key
from passerelle.steps.drafts.context import (
    DocumentContext,
    DraftUnit,
    approved_pairs,
    document_units,
    estimate_tokens,
    plan_batches,
    unit_context_key,
)
from passerelle.steps.drafts.driver import DraftRun, Summary, count_failure, sign_draft
from passerelle.steps.drafts.prompt import user_message
from passerelle.steps.drafts.saving import DraftSaver
from passerelle.steps.drafts.verify import verify


def draft_document(
    path: Path, target: str, engine: ContextEngine, run: DraftRun, glossary: Glossary
) -> Summary:
    """Draft one catalog's untranslated units with ``engine``; see the module's docstring."""
    summary = Summary()
    catalog = read_catalog(path)
    units, summary.too_long = document_units(catalog, target, engine.wire, engine.max_chars)
    if not units:
        return summary
    doc = DocumentContext(
        run.source_lang,
        target,
        approved_pairs(catalog, engine.context_tokens // 4),
        engine.style,
        glossary,
    )
    keys = _unit_keys(units, doc, engine, run)
    saver = DraftSaver(path, list({id(u.entry): u.entry for u in units}.values()))
    cached = run.cache.get_many(list(keys.values()))
    answers = {u.id: cached[keys[u.id]] for u in units if keys[u.id] in cached}
    todo = [u for u in units if _entry_open(u, units, answers)]
    summary.cached += len({id(u.entry) for u in units} - {id(u.entry) for u in todo})
    label = f"{engine.name} {getattr(engine, 'model', '')}".strip()
    _apply(units, answers, label, target, run, summary, engine.secrets, done_only=True)
    requests, oversized = plan_batches(todo, doc, engine, run.batch_size or 40)
    summary.too_long += len({id(u.entry) for u in oversized})
    requests = _within_budget(requests, run, summary)
    if run.dry_run:
        _show(requests, label, target, run, summary)
        return summary
    written = saver.save()
    by_id = {u.id: u for u in units}
    caller = run.caller_for(engine)
    try:
        for request, result in caller.run(requests, engine.draft):
            count = len({id(by_id[i].entry) for i in request.ids})
            if isinstance(result, BaseException):
                count_failure(result, count, engine, caller, run, summary)
                continue
            summary.requests += 1
            summary.sent_chars += sum(len(by_id[i].protected.text) for i in request.ids)
            _store(request, result, by_id, keys, engine, run)
            answers.update(result)
            sent = [by_id[i] for i in request.ids]
            _apply(sent, answers, label, target, run, summary, engine.secrets)
            written |= saver.save()
    finally:
        written |= saver.save()
    summary.catalogs_written += written
    return summary


def _unit_keys(
    units: list[DraftUnit], doc: DocumentContext, engine: ContextEngine, run: DraftRun
) -> dict[str, str]:
    """Each unit's cache key: engine, model, prompt version, its context and its text."""
    shared = doc.digest()
    options = engine.options_key()
    return {
        u.id: cache_key(
            engine.name, options, run.source_lang, doc.target, unit_context_key(u, doc, shared)
        )
        for u in units
    }


def _show(
    requests: list[UnitRequest], label: str, target: str, run: DraftRun, summary: Summary
) -> None:
    """A dry run: each request's last user message, as it would be sent."""
    for request in requests:
        size = sum(len(u["text"]) for u in request.payload["units"])
        run.report(
            f"would send to {label} ({target}, {len(request.ids)} unit(s), {size} chars): "
            + user_message(request.payload)
        )
        summary.would_send_chars += size


def _entry_open(unit: DraftUnit, units: list[DraftUnit], answers: dict[str, str]) -> bool:
    """Whether ``unit``'s entry still needs a request: some form of it has no cached answer."""
    if unit.form is None:
        return unit.id not in answers
    return any(u.id not in answers for u in units if u.entry is unit.entry)


def _store(
    request: UnitRequest,
    result: dict[str, str],
    by_id: dict[str, DraftUnit],
    keys: dict[str, str],
    engine: ContextEngine,
    run: DraftRun,
) -> None:
    """Cache the answers fit to be drafts (one holding a key is never stored)."""
    from passerelle.steps.drafts.answer import answer_problem

    rows = [
        (keys[i], engine.name, run.source_lang, request.target, result[i])
        for i in request.ids
        if not answer_problem(by_id[i].protected.text, result[i], engine.secrets)
    ]
    run.cache.put_many(rows)


def _within_budget(
    requests: list[UnitRequest], run: DraftRun, summary: Summary
) -> list[UnitRequest]:
    """The requests the run's --max-chars and --max-tokens budgets allow, in order."""
    kept = []
    for request in requests:
        chars = sum(len(u["text"]) for u in request.payload["units"])
        tokens = estimate_tokens(user_message(request.payload)) + request.max_output_tokens
        entries = len({i.split(".")[0] for i in request.ids})
        if run.max_chars is not None and run.spent + chars > run.max_chars:
            summary.over_budget += entries
            continue
        if run.max_tokens is not None and run.spent_tokens + tokens > run.max_tokens:
            summary.over_tokens += entries
            continue
        run.spent += chars
        run.spent_tokens += tokens
        kept.append(request)
    return kept


def _apply(
    units: list[DraftUnit],
    answers: dict[str, str],
    label: str,
    target: str,
    run: DraftRun,
    summary: Summary,
    secrets: tuple[str, ...],
    done_only: bool = False,
) -> None:
    """Make drafts of the entries of ``units`` whose every form has an answer."""
    entries: dict[int, list[DraftUnit]] = {}
    for unit in units:
        entries.setdefault(id(unit.entry), []).append(unit)
    for forms in entries.values():
        if any(u.id not in answers for u in forms):
            if not done_only:
                summary.no_draft += 1
            continue
        _apply_entry(forms, answers, label, target, run, summary, secrets)


def _apply_entry(
    forms: list[DraftUnit],
    answers: dict[str, str],
    label: str,
    target: str,
    run: DraftRun,
    summary: Summary,
    secrets: tuple[str, ...],
) -> None:
    entry: Entry = forms[0].entry
    texts: list[str] = []
    notes: list[str] = []
    for unit in forms:
        answer = answers[unit.id]
        if not answer.strip():
            summary.no_draft += 1
            return
        verdict = verify(unit.source, unit.protected, answer, run.source_lang, target, secrets)
        if verdict.text is None:
            summary.suspect += verdict.suspect
            summary.rejected += not verdict.suspect
            where = "" if unit.form is None else f" (plural form {unit.form})"
            run.report(f"rejected: {entry.msgid[:60]!r}{where}: {verdict.problem}")
            return
        texts.append(verdict.text)
        notes.append(verdict.numbers or "")
    if forms[0].form is None:
        entry.msgstr = texts[0]
    else:
        entry.msgstr_plural = dict(enumerate(texts))
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    sign_draft(entry, label, run.date, list(dict.fromkeys(notes)))
    summary.drafted += 1
