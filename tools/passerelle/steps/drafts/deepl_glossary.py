"""DeepL glossaries made from the project's terminology, kept on the account without piling up.

DeepL applies a glossary on its side, to every text sent with its id, so the project's terms
reach its drafts as they reach the translators' notes and ``term-mismatch``. Glossaries live on
the DeepL account, beyond any run: one is named after what it holds (``passerelle FR-EN
<digest>``, the digest of its target and entries). A run lists the account's glossaries and uses
the one of that name whose entries are exactly these, and creates it only when there is none;
so a repeated run creates nothing, and changed terminology makes (and uses) a new one. Nothing
is ever deleted: the account's other glossaries, a user's or another project's, are not ours to
remove, and one whose terms changed is merely no longer used.

A glossary the account cannot have (DeepL has no glossaries for the pair, or refuses the
request) is not worth failing a run over: the texts are drafted without it, after one line
saying so.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import deepl

#: A 4xx answer (other than a bad key, quota or rate) to a glossary request: no glossary, no
#: retry. 404 too: a DeepL-compatible server without the glossary endpoints answers so.
_REFUSED = (400, 404, 405, 413, 415, 422)


@dataclass(frozen=True)
class GlossaryPlan:
    """The glossary one target language needs: DeepL's target code and the entries."""

    target: str  # the glossary's target ("EN": DeepL glossaries have no regional variants)
    entries: tuple[tuple[str, str], ...]  # sorted (source term, target term)
    left_out: int  # terms DeepL would refuse (empty, holding a tab or a line break)

    @property
    def digest(self) -> str:
        """What tells this glossary from any other of the source language: its target and
        entries (the drafts' cache keys hold it; they hold the source language already)."""
        data = json.dumps([self.target, self.entries], ensure_ascii=False)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    def name(self, source: str) -> str:
        """Its name on the account, for DeepL source code ``source`` (``FR``)."""
        return f"passerelle {source}-{self.target} {self.digest[:12]}"

    def describe(self, source: str) -> str:
        """``'passerelle FR-EN 1a2b…' (4 entries)``, and the terms left out, if any."""
        count = len(self.entries)
        text = f"{self.name(source)!r} ({count} {'entry' if count == 1 else 'entries'}"
        if self.left_out:
            text += f"; {self.left_out} left out: DeepL takes no tab or line break in a term"
        return text + ")"


def _acceptable(term: str) -> bool:
    try:
        deepl.validate_glossary_term(term)
    except ValueError:
        return False
    return True


def plan_glossary(pairs: Sequence[tuple[str, str]], target: str) -> GlossaryPlan | None:
    """The glossary of ``pairs`` (one target term per source term, :meth:`Glossary.pairs`) for
    DeepL target code ``target`` (``EN-GB`` makes an ``EN`` glossary); None when no entry is
    left. A pair DeepL would refuse is left out, never a reason to fail the run."""
    entries: dict[str, str] = {}
    left_out = 0
    for term, rendering in pairs:
        term, rendering = term.strip(), rendering.strip()
        if _acceptable(term) and _acceptable(rendering) and term not in entries:
            entries[term] = rendering
        else:
            left_out += 1
    if not entries:
        return None
    base = target.split("-")[0].upper()
    return GlossaryPlan(base, tuple(sorted(entries.items())), left_out)


@dataclass(frozen=True)
class GlossaryRefused:
    """What the server (or the client, checking the request) said when it refused one."""

    reason: str


def refusable(call: Callable[[], Any]) -> Callable[[], Any]:
    """``call``, answering :class:`GlossaryRefused` where a refusal means "no glossary" rather
    than a failure to retry or a key to fix."""

    def attempt() -> Any:
        try:
            return call()
        except deepl.DeepLException as exc:
            if exc.http_status_code not in _REFUSED:
                raise
            return GlossaryRefused(f"HTTP {exc.http_status_code}: {exc}")
        except ValueError as exc:  # the client refused the entries or the answer
            return GlossaryRefused(str(exc))

    return attempt


#: The engine's way of making one request: a deadline, classified failures, secrets masked.
Guarded = Callable[[Callable[[], Any]], Any]


def find_or_create(
    client: deepl.Translator,
    plan: GlossaryPlan,
    source: str,
    guarded: Guarded,
    report: Callable[[str], None],
) -> str | None:
    """The id of the account's glossary for ``plan`` from DeepL source code ``source`` (made
    if it has none), or None after reporting why there is none. Failures worth retrying (5xx,
    timeouts) and bad keys raise."""
    listed = guarded(refusable(client.list_glossaries))
    if isinstance(listed, GlossaryRefused):
        return _without(plan, source, f"the glossaries cannot be listed: {listed.reason}", report)
    for info in listed:
        same = (info.name, info.source_lang, info.target_lang) == (
            plan.name(source),
            source,
            plan.target,
        )
        if same and info.ready and info.entry_count == len(plan.entries):
            entries = guarded(refusable(functools.partial(client.get_glossary_entries, info)))
            if entries == dict(plan.entries):
                return str(info.glossary_id)
    pairs = guarded(refusable(client.get_glossary_languages))
    known = set() if isinstance(pairs, GlossaryRefused) else {_pair(p) for p in pairs}
    if known and (source, plan.target) not in known:
        return _without(plan, source, "DeepL has no glossaries for this pair", report)
    create = functools.partial(
        client.create_glossary, plan.name(source), source, plan.target, dict(plan.entries)
    )
    created = guarded(refusable(create))
    if isinstance(created, GlossaryRefused):
        return _without(plan, source, f"DeepL refused it: {created.reason}", report)
    report(f"deepl: created glossary {plan.describe(source)} on the account")
    return str(created.glossary_id)


def _pair(pair: Any) -> tuple[str, str]:
    return str(pair.source_lang).upper(), str(pair.target_lang).upper()


def _without(
    plan: GlossaryPlan, source: str, why: str, report: Callable[[str], None]
) -> str | None:
    """No glossary, after one line saying why."""
    count = len(plan.entries)
    terms = "term" if count == 1 else "terms"
    report(
        f"deepl: warning: no {source} -> {plan.target} glossary ({why}); "
        f"drafting without the project's {count} {terms}"
    )
    return None
