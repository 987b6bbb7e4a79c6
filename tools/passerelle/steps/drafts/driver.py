"""The drafting driver: untranslated entries in, fuzzy drafts out, nothing else touched.

Only entries with no translation are drafted; translated and fuzzy entries (human work, or an
earlier draft waiting for review) are left exactly as they are. Each draft is protected on the
way out, verified on the way back (a lost or invented placeholder rejects it), given back its
outer whitespace, flagged fuzzy and signed with a translator comment naming the engine and date.

Every answer is screened first (``answer``): one holding the engine's key, invalid Unicode or
a runaway length is rejected with its reason and never cached.

Online engines are economical: cached answers are reused, identical texts are sent once, a
character budget is respected, and ``dry_run`` only shows what would be sent. Catalogs are
written after every batch (atomically), so an interruption keeps every draft received and the
next run continues where this one stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path

from passerelle import clock
from passerelle.counts import counted
from passerelle.po.catalog import Catalog, Entry, plural_count, read_catalog
from passerelle.steps.drafts.answer import answer_problem
from passerelle.steps.drafts.base import ContextEngine, Draft, Engine, EngineFailure
from passerelle.steps.drafts.batching import text_batches, within_budget
from passerelle.steps.drafts.cache import DraftCache, cache_key
from passerelle.steps.drafts.plurals import PluralForms, draft_plural, plural_entries
from passerelle.steps.drafts.policy import Caller, RequestPolicy, Stopped
from passerelle.steps.drafts.protect import Protected, protect, split_whitespace
from passerelle.steps.drafts.saving import COMMENT_PREFIX, DraftSaver, is_untranslated
from passerelle.steps.drafts.verify import verify


@dataclass
class Summary:
    """What a run did, counted in entries (``sent_chars`` in characters)."""

    drafted: int = 0
    cached: int = 0
    rejected: int = 0
    suspect: int = 0
    numbers_differ: int = 0
    no_draft: int = 0
    failed: int = 0
    not_sent: int = 0
    over_budget: int = 0
    over_tokens: int = 0
    too_long: int = 0
    plural_skipped: int = 0
    sent_chars: int = 0
    would_send_chars: int = 0
    requests: int = 0
    catalogs_written: int = 0

    def add(self, other: Summary) -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    def line(self) -> str:
        """One human line, naming only the counts that are not zero."""
        labels = {
            "drafted": "drafted",
            "cached": "from cache",
            "rejected": "rejected (placeholders)",
            "suspect": "rejected (suspect answer)",
            "numbers_differ": "with differing numbers",
            "no_draft": "without a draft",
            "failed": "failed",
            "not_sent": "not sent (engine stopped)",
            "over_budget": "over the --max-chars budget",
            "over_tokens": "over the --max-tokens budget",
            "too_long": "too long for the engine",
            "plural_skipped": "plural (skipped)",
            "sent_chars": "characters sent",
            "would_send_chars": "characters would be sent",
        }
        parts = [f"{getattr(self, k)} {v}" for k, v in labels.items() if getattr(self, k)]
        if self.requests:
            parts.append(counted(self.requests, "request"))
        if self.catalogs_written:
            parts.append(f"{counted(self.catalogs_written, 'catalog')} written")
        return ", ".join(parts) if parts else "nothing to draft"


def draft_date() -> str:
    """Today (UTC), or the day of SOURCE_DATE_EPOCH for reproducible runs."""
    return clock.now().strftime("%Y-%m-%d")


@dataclass
class DraftRun:
    """Settings and state shared by every catalog of one ``draft`` run."""

    source_lang: str
    policy: RequestPolicy = field(default_factory=RequestPolicy)
    cache: DraftCache = field(default_factory=lambda: DraftCache(None))
    max_chars: int | None = None
    max_tokens: int | None = None  # estimated tokens, asked and answered (language models)
    dry_run: bool = False
    report: Callable[[str], None] = print
    progress: Callable[[str, int, int], None] | None = None
    date: str = field(default_factory=draft_date)
    batch_size: int | None = None
    spent: int = 0
    spent_tokens: int = 0
    stopped: str | None = None
    caller: Caller | None = None
    failed_requests: int = 0
    first_failure: str | None = None

    def caller_for(self, engine: Engine | ContextEngine) -> Caller:
        if self.caller is None:

            def on_retry(delay: float, failure: EngineFailure) -> None:
                self.report(f"{engine.name}: {failure.message}; retrying in {delay:.1f} s")

            self.caller = Caller(self.policy, on_retry=on_retry)
        return self.caller


@dataclass
class PendingEntry:
    """One untranslated entry and the form its text travels in."""

    entry: Entry
    protected: Protected


def _pending_entries(catalog: Catalog, engine: Engine, summary: Summary) -> list[PendingEntry]:
    pending = []
    for entry in catalog:
        if not is_untranslated(entry):
            continue
        if entry.msgid_plural:
            summary.plural_skipped += 1
            continue
        _, core, _ = split_whitespace(entry.msgid)
        if not core:
            continue
        protected = protect(entry.msgid if engine.wire == "raw" else core, engine.wire)
        if len(protected.text) > engine.max_chars:
            summary.too_long += 1
            continue
        pending.append(PendingEntry(entry, protected))
    return pending


def sign_draft(entry: Entry, engine: str, date: str, notes: list[str]) -> None:
    kept = [line for line in entry.tcomment.splitlines() if not line.startswith(COMMENT_PREFIX)]
    note = "".join(f"; {n}" for n in notes if n)
    kept.append(f"{COMMENT_PREFIX} {engine}, {date}{note}")
    entry.tcomment = "\n".join(kept)


def apply_draft(
    item: PendingEntry,
    answer: Draft | None,
    engine: str,
    target: str,
    run: DraftRun,
    summary: Summary,
    secrets: tuple[str, ...] = (),
) -> bool:
    """Verify one answer and, if it is sound, make it the entry's fuzzy draft."""
    entry = item.entry
    if answer is None or not answer.text.strip():
        summary.no_draft += 1
        return False
    verdict = verify(entry.msgid, item.protected, answer.text, run.source_lang, target, secrets)
    if verdict.text is None:
        summary.suspect += verdict.suspect
        summary.rejected += not verdict.suspect
        run.report(f"rejected: {entry.msgid[:60]!r}: {verdict.problem}")
        return False
    text, numbers = verdict.text, verdict.numbers
    summary.numbers_differ += numbers is not None
    entry.msgstr = text
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    sign_draft(entry, engine, run.date, [answer.note, numbers or ""])
    summary.drafted += 1
    return True


def draft_catalog(
    path: Path, target: str, engine: Engine, run: DraftRun, catalog: Catalog | None = None
) -> Summary:
    """Draft one catalog's untranslated entries; writes it (atomically) only if it changed.

    ``catalog`` is the file as already read (a run's job holds it), filled in place. Drafts go
    into the file as it is when they are saved, never into the copy read here: see
    :mod:`passerelle.steps.drafts.saving`.
    """
    summary = Summary()
    catalog = catalog if catalog is not None else read_catalog(path)
    pending = _pending_entries(catalog, engine, summary)
    plurals = [] if engine.online else _draft_plurals(catalog, target, engine, run, summary)
    saver = DraftSaver(path, [item.entry for item in pending] + plurals)
    label = f"{target}/{path.name}"
    if (pending or plurals) and not engine.online:
        changed = bool(plurals)
        for start in range(0, len(pending), engine.batch_size):
            chunk = pending[start : start + engine.batch_size]
            answers = engine.translate([j.protected.text for j in chunk], run.source_lang, target)
            for item, answer in zip(chunk, answers, strict=True):
                changed |= apply_draft(item, answer, engine.name, target, run, summary)
            if run.progress:
                run.progress(label, start + len(chunk), len(pending))
        if changed and not run.dry_run and saver.save():
            summary.catalogs_written += 1
    elif pending:
        _draft_online(path, saver, pending, target, engine, run, summary)
    return summary


def _draft_plurals(
    catalog: Catalog, target: str, engine: Engine, run: DraftRun, summary: Summary
) -> list[Entry]:
    """Plural entries drafted by an offline engine that offers every form (:mod:`.plurals`)."""
    offer: PluralForms | None = getattr(engine, "plural_forms", None)
    entries = plural_entries(catalog, is_untranslated) if offer is not None else []
    count = plural_count(catalog, target)
    drafted = []
    for entry in entries:
        assert offer is not None
        summary.plural_skipped -= 1
        forms, problem, notes = draft_plural(
            entry, offer(entry, count), count, run.source_lang, target
        )
        if forms is None:
            summary.rejected += problem is not None
            summary.no_draft += problem is None
            if problem is not None:
                run.report(f"rejected: {entry.msgid[:60]!r}: {problem}")
            continue
        entry.msgstr_plural = forms
        if "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        sign_draft(entry, engine.name, run.date, notes)
        summary.drafted += 1
        drafted.append(entry)
    return drafted


def _draft_online(
    path: Path,
    saver: DraftSaver,
    pending: list[PendingEntry],
    target: str,
    engine: Engine,
    run: DraftRun,
    summary: Summary,
) -> None:
    """Cached answers first, then the rest within budget, batch by batch, saving as it goes."""
    options = engine.options_key()
    groups: dict[str, list[PendingEntry]] = {}
    for item in pending:
        key = cache_key(engine.name, options, run.source_lang, target, item.protected.text)
        groups.setdefault(key, []).append(item)
    dirty = False
    for key, cached in _cached(groups, engine, run).items():
        for item in groups.pop(key):
            summary.cached += 1
            dirty |= apply_draft(
                item, Draft(cached), engine.name, target, run, summary, engine.secrets
            )
    todo = within_budget(groups, run, summary)
    if run.dry_run:
        for key in todo:
            text = groups[key][0].protected.text
            run.report(f"would send to {engine.name} ({target}, {len(text)} chars): {text}")
            summary.would_send_chars += len(text)
        return
    written = False
    try:
        for changed in _send(path, groups, todo, target, engine, run, summary):
            dirty |= changed
            if dirty:
                written |= saver.save()
                dirty = False
    finally:
        if dirty:
            written |= saver.save()
        summary.catalogs_written += written


def _send(
    path: Path,
    groups: dict[str, list[PendingEntry]],
    todo: list[str],
    target: str,
    engine: Engine,
    run: DraftRun,
    summary: Summary,
) -> Iterator[bool]:
    """Send ``todo`` in batches; yields, after each batch, whether any entry changed."""
    batches = text_batches(todo, groups, engine, run.batch_size or engine.batch_size)
    caller = run.caller_for(engine)
    texts = {k: groups[k][0].protected.text for k in todo}
    translate = _batch_translator(engine, texts, run.source_lang, target)
    done = 0
    for batch, result in caller.run(batches, translate):
        count = sum(len(groups[k]) for k in batch)
        if isinstance(result, BaseException):
            count_failure(result, count, engine, caller, run, summary)
            continue
        summary.sent_chars += sum(len(texts[k]) for k in batch)
        rows = []
        changed = False
        for key, answer in zip(batch, result, strict=True):
            if (
                answer is not None
                and answer.keep
                and not answer_problem(texts[key], answer.text, engine.secrets)
            ):
                rows.append((key, engine.name, run.source_lang, target, answer.text))
            for item in groups[key]:
                changed |= apply_draft(
                    item, answer, engine.name, target, run, summary, engine.secrets
                )
        run.cache.put_many(rows)
        yield changed
        done += len(batch)
        if run.progress:
            run.progress(f"{target}/{path.name}", done, len(todo))


def count_failure(
    error: BaseException,
    count: int,
    engine: Engine | ContextEngine,
    caller: Caller,
    run: DraftRun,
    summary: Summary,
) -> None:
    if isinstance(error, Stopped):
        summary.not_sent += count
    elif isinstance(error, EngineFailure):
        summary.failed += count
        run.failed_requests += 1
        run.first_failure = run.first_failure or error.message
        entries = "entry" if count == 1 else "entries"
        run.report(f"{engine.name}: {error.message}; {count} {entries} left untranslated")
    else:
        raise error
    if caller.breaker.is_open and run.stopped is None:
        run.stopped = f"engine {engine.name} {caller.breaker.reason}"


def _cached(groups: dict[str, list[PendingEntry]], engine: Engine, run: DraftRun) -> dict[str, str]:
    """The cached answers still fit to be drafts; the others are dropped and asked again
    (a cache written before an answer check existed may hold what it now refuses)."""
    found = run.cache.get_many(list(groups))
    spoiled = [
        key
        for key, text in found.items()
        if answer_problem(groups[key][0].protected.text, text, engine.secrets)
    ]
    if not run.dry_run:
        run.cache.discard(spoiled)
    return {key: text for key, text in found.items() if key not in spoiled}


def _batch_translator(
    engine: Engine, texts: dict[str, str], source: str, target: str
) -> Callable[[list[str]], list[Draft | None]]:
    def translate(batch: list[str]) -> list[Draft | None]:
        answers = engine.translate([texts[k] for k in batch], source, target)
        if len(answers) != len(batch):
            raise EngineFailure("unreadable answer (wrong number of texts)", retryable=True)
        return answers

    return translate
