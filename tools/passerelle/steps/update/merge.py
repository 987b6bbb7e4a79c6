"""Catalog update: a template and an old catalog in, a catalog that lost nothing out.

The rules, in the order a template entry meets them:

1. exact match (msgctxt, msgid) in the old catalog, active or obsolete (revived): translation,
   translator comments and flags kept; extracted comments, references, format, range and wrap
   flags come from the template. It turns fuzzy, as msgmerge's does, when msgid_plural changed,
   when the template newly says format string and the text fails that check, or when the
   number's range grew;
2. otherwise a fuzzy suggestion, best ``rapidfuzz`` ratio at or above the cutoff, looked for in
   the same document first (the entries its template dropped: a changed source's old version),
   then the language's translation memory (every catalog of that language, or the whole old
   document when none is given), then compendia; another source must beat the document by a
   margin. It carries the ``fuzzy`` flag and ``#|`` previous strings; a source left unchanged
   but untranslated only takes exact matches from elsewhere;
3. otherwise untranslated, with the template's comments.

Old entries no template entry claims become obsolete ``#~`` entries, their flags kept, so a
suggestion's source is never lost either (``like_msgmerge``: unless the suggestion took it).
Policy ``drop`` only removes obsolete entries with no translated text, or whose text survives
verbatim in an active entry: human work is never silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from passerelle.po.catalog import (
    Catalog,
    Entry,
    add_entry,
    empty_catalog_like,
    has_translation,
    lend_first_form,
    new_catalog,
    new_entry,
    plural_count,
    same_entries,
)
from passerelle.po.header import merge_header
from passerelle.steps.memory import Key, Memory
from passerelle.steps.update.formats import (
    arg_range,
    breaks_format,
    format_languages,
    format_state,
)
from passerelle.steps.update.gnu_search import Definitions, first_text

CUTOFF = 60.0  # like msgmerge's FUZZY_THRESHOLD (0.6), on rapidfuzz's 0-100 scale
SAME_DOCUMENT_MARGIN = 5.0  # another source must beat the document itself by this much


@dataclass(frozen=True)
class MergeOptions:
    """How an update behaves; the defaults are Passerelle's project mode.

    ``like_msgmerge`` decides as GNU msgmerge does where project mode is more careful: fuzzy
    entries are suggestion sources too, and an old entry a suggestion was taken from is not
    also kept as an obsolete copy (the suggestion carries its text, and ``#|`` its msgid).
    """

    fuzzy: bool = True
    previous: bool = True
    obsolete: str = "keep"  # keep | drop
    cutoff: float = CUTOFF
    like_msgmerge: bool = False
    # msgmerge's header takes the template's POT-Creation-Date every time; a project moves it
    # only when the entries move, so an update with nothing new rewrites nothing.
    template_date: bool = False
    # the drop-in for msgmerge on two files, where Makefiles compare its bytes: suggestions
    # found where msgmerge finds them (gnu_search), from the old catalog and the compendia
    # only; and msgmerge's own losses: a plural text given a singular source keeps its first
    # form, empty or not, and an obsolete plural entry whose first form is empty is not kept.
    drop_in: bool = False


@dataclass
class _Context:
    """What every entry's merge needs to know of the whole update."""

    options: MergeOptions
    nplurals: int
    plural_forms: str
    used: set[int] = field(default_factory=set)  # id() of old entries a suggestion came from


def update_catalog(
    old: Catalog | None,
    template: Catalog,
    lang: str,
    *,
    options: MergeOptions | None = None,
    memory: Memory | Iterable[Entry] | None = None,
    compendia: Memory | Iterable[Entry] | None = None,
    compendium_catalogs: Callable[[], Sequence[Catalog]] = tuple,
) -> Catalog:
    """Return ``old`` brought up to ``template`` (``old`` itself is not modified); the header
    as msgmerge merges it, from the compendia read whole when ``old`` has none."""
    options = options or MergeOptions()
    if old is None:
        po = new_catalog(template, lang)
        old_entries: list[Entry] = []
    else:
        po = empty_catalog_like(old)
        old_entries = list(old)
    active = {(e.msgctxt, e.msgid): e for e in reversed(old_entries) if not e.obsolete}
    retired = {(e.msgctxt, e.msgid): e for e in reversed(old_entries) if e.obsolete}
    document, memory = _own_sources(old_entries, template, memory, options.like_msgmerge)
    compendium = _as_memory(compendia)
    base = old if old is not None else po
    context = _Context(options, plural_count(base, lang), base.metadata.get("Plural-Forms", ""))
    gnu = Definitions(old, compendium_catalogs) if options.drop_in else None
    # A new language has nothing to suggest from: skip the lookups, entry by entry.
    suggest = options.fuzzy and gnu is None and any(map(len, (document, memory, compendium)))
    claimed: set[Key] = set()
    for tentry in template:
        if tentry.obsolete or (tentry.msgid == "" and tentry.msgctxt is None):
            continue
        key = (tentry.msgctxt, tentry.msgid)
        entry = _from_template(tentry, context.nplurals)
        found = active.get(key) or retired.get(key)
        if found is not None:
            claimed.add(key)
            entry.tcomment = found.tcomment  # the translator's notes, not the template's
        if found is not None and has_translation(found):
            adopt(entry, tentry, found, context, exact=True)
            add_entry(po, entry)
            continue
        if gnu is not None:
            _suggest_as_msgmerge(entry, tentry, found is None, (gnu, compendium), context)
        elif suggest:
            # An unchanged source left untranslated only takes exact matches from elsewhere:
            # the fuzzy search across the whole language is for sources that changed.
            wide = found is None
            _suggest(entry, tentry, (document, memory, compendium), context, wide)
        add_entry(po, entry)
    if options.like_msgmerge:
        old_entries = [e for e in old_entries if id(e) not in context.used]
    _retire(po, old_entries, claimed, template, options)
    if old is not None:
        dated = options.template_date or not same_entries(old, po)
        merge_header(po, old, template, lang=lang, compendia=compendium_catalogs(), date=dated)
    return po


def _own_sources(
    old_entries: list[Entry],
    template: Catalog,
    memory: Memory | Iterable[Entry] | None,
    with_fuzzy: bool,
) -> tuple[Memory, Memory]:
    """The old document's suggestions, then the memory's (the document stands in for it)."""
    if memory is None:
        # msgmerge's scope: the whole old document, searched through, best match first.
        return Memory(()), Memory(old_entries, fuzzy=with_fuzzy, exhaustive=True)
    # The document's own candidates are the entries the template no longer has: a changed
    # source's old version is among them. (Entries still in use are in the memory anyway.)
    wanted = {(e.msgctxt, e.msgid) for e in template}
    document = (e for e in old_entries if (e.msgctxt, e.msgid) not in wanted)
    return Memory(document, fuzzy=with_fuzzy), _as_memory(memory)


def _retire(
    po: Catalog,
    old_entries: list[Entry],
    claimed: set[Key],
    template: Catalog,
    options: MergeOptions,
) -> None:
    """Add the old entries no template entry claimed, as obsolete ones.

    A template may carry obsolete entries (a catalog used as one): an old entry they name
    retires with their flags, in their order, as msgmerge merges them.
    """
    retiring = {(e.msgctxt, e.msgid): e for e in reversed(template) if e.obsolete}
    order = {key: at for at, key in enumerate(retiring)}
    old_entries.sort(key=lambda e: order.get((e.msgctxt, e.msgid), len(order)))
    for gone in _obsolete(old_entries, claimed, po, options.obsolete, options.drop_in):
        told = retiring.get((gone.msgctxt, gone.msgid))
        if told is not None:
            gone.flags = [
                *(f for f in gone.flags if not _template_flag(f) or f == "fuzzy"),
                *(f for f in told.flags if _template_flag(f) and f != "fuzzy"),
            ]
        add_entry(po, gone)


def _as_memory(source: Memory | Iterable[Entry] | None) -> Memory:
    if isinstance(source, Memory):
        return source
    return Memory(source or ())


def _from_template(tentry: Entry, nplurals: int) -> Entry:
    return new_entry(
        msgid=tentry.msgid,
        msgctxt=tentry.msgctxt,
        msgid_plural=tentry.msgid_plural,
        msgstr="",
        msgstr_plural={i: "" for i in range(nplurals)} if tentry.msgid_plural else {},
        comment=tentry.comment,
        tcomment=tentry.tcomment,  # a template's own notes to translators (msgmerge keeps them)
        occurrences=list(tentry.occurrences),
        flags=[f for f in tentry.flags if f != "fuzzy"],
    )


def adopt(entry: Entry, tentry: Entry, source: Entry, context: _Context, *, exact: bool) -> None:
    """Give ``entry`` (made from ``tentry``) the old ``source``'s translation, as msgmerge does.

    The translator's comments and flags come from the source; extracted comments, references,
    format, range and wrap flags from the template. A suggestion is fuzzy; so is an exact match
    whose plural, format or range no longer fits its translation (see :func:`needs_review`).
    """
    same_shape = _copy_text(entry, source, context.nplurals, context.options.drop_in)
    if entry.msgid_plural and not exact:
        lend_first_form(entry.msgstr_plural)
    entry.tcomment = source.tcomment or entry.tcomment
    entry.flags += [f for f in source.flags if f not in entry.flags and not _template_flag(f)]
    review = not exact or not same_shape or source.fuzzy
    review = review or needs_review(tentry, source, entry, context.plural_forms)
    if review:
        entry.flags.insert(0, "fuzzy")
    if review and context.options.previous and first_text(entry):
        # the msgid the text was written for: the source's own, unless it was a suggestion too
        # (none for a text left empty: msgmerge writes it as untranslated)
        was = source.fuzzy or not has_translation(source)
        entry.previous_msgctxt = source.previous_msgctxt if was else source.msgctxt
        entry.previous_msgid = source.previous_msgid if was else source.msgid
        plural = source.previous_msgid_plural if was else source.msgid_plural
        entry.previous_msgid_plural = plural or None
    if not exact:
        context.used.add(id(source))


def _template_flag(flag: str) -> bool:
    """Flags msgmerge takes from the template only (fuzzy is the merge's own decision)."""
    flag = flag.strip()
    return (
        flag in ("fuzzy", "wrap", "no-wrap")
        or flag.endswith("-format")
        or flag.startswith("range:")
    )


def needs_review(tentry: Entry, source: Entry, entry: Entry, plural_forms: str) -> bool:
    """An exact match whose translation no longer fits: msgid_plural changed, the template now
    says format string and the text fails that check, or the number's range grew."""
    if tentry.msgid_plural != source.msgid_plural:
        return True
    forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)] or [entry.msgstr]
    for lang in format_languages(tentry.flags):
        if format_state(source.flags, lang) in ("yes", "possible"):
            continue
        span = arg_range(tentry.flags)
        if breaks_format(lang, tentry.msgid, tentry.msgid_plural, forms, plural_forms, span):
            return True
    was, now = arg_range(source.flags), arg_range(tentry.flags)
    return was is not None and (now is None or now[0] < was[0] or now[1] > was[1])


def _copy_text(entry: Entry, source: Entry, nplurals: int, first_only: bool) -> bool:
    """Copy the translation across; False when singular/plural shapes differ (needs review).
    A plural text given a singular source keeps its first translated form (``first_only``:
    its first form, as msgmerge keeps it)."""
    if entry.msgid_plural:
        if source.msgid_plural:
            entry.msgstr_plural = dict(source.msgstr_plural)
            return True
        entry.msgstr_plural = {i: source.msgstr for i in range(nplurals)}
        return False
    if source.msgid_plural and first_only:
        entry.msgstr = source.msgstr_plural.get(0, "")
        return False
    if source.msgid_plural:  # the first form translated (forms are read in order)
        entry.msgstr = next(filter(None, source.msgstr_plural.values()), "")
        return False
    entry.msgstr = source.msgstr
    return True


def _suggest(
    entry: Entry,
    tentry: Entry,
    sources: tuple[Memory, Memory, Memory],
    context: _Context,
    wide: bool = True,
) -> None:
    """Fill ``entry`` with the best fuzzy suggestion, if any source has one."""
    document, memory, compendium = sources
    if _compendium_exact(entry, tentry, compendium, context):
        return
    cutoff = context.options.cutoff
    best = document.best(tentry.msgid, cutoff) if wide else None
    margin = 0.0 if best is None else SAME_DOCUMENT_MARGIN
    for other in (memory, compendium):
        if best is not None and best[0] + margin >= 100.0:
            break
        floor = cutoff if best is None else max(cutoff, best[0] + margin + 1e-9)
        candidate = _exact_or_best(other, tentry, floor, wide)
        if candidate is not None:
            best, margin = candidate, 0.0
    if best is not None:
        adopt(entry, tentry, best[1], context, exact=False)


def _suggest_as_msgmerge(
    entry: Entry,
    tentry: Entry,
    new: bool,
    sources: tuple[Definitions, Memory],
    context: _Context,
) -> None:
    """The drop-in's lookup: a compendium's exact translation, fuzzy matching or not, else for
    a message DEF lacks (``new``) msgmerge's own suggestion."""
    gnu, compendium = sources
    if _compendium_exact(entry, tentry, compendium, context) or not new:
        return
    source = gnu.best(tentry.msgctxt, tentry.msgid) if context.options.fuzzy else None
    if source is not None:
        adopt(entry, tentry, source, context, exact=False)


def _compendium_exact(entry: Entry, tentry: Entry, compendium: Memory, context: _Context) -> bool:
    """msgmerge -C: an exact compendium match counts as translated."""
    exact = compendium.exact((tentry.msgctxt, tentry.msgid))
    if exact is None or exact.msgctxt != tentry.msgctxt:
        return False
    adopt(entry, tentry, exact, context, exact=True)
    return True


def _exact_or_best(
    memory: Memory, tentry: Entry, floor: float, wide: bool
) -> tuple[float, Entry] | None:
    exact = memory.exact((tentry.msgctxt, tentry.msgid))
    if exact is not None:
        return 100.0, exact
    return memory.best(tentry.msgid, floor) if wide and len(memory) else None


def _obsolete(
    old_entries: list[Entry], claimed: set[Key], po: Catalog, policy: str, drop_in: bool
) -> Iterator[Entry]:
    """Old entries nobody claimed, as obsolete entries, in old file order, one per key."""
    active_keys = {(e.msgctxt, e.msgid) for e in po}
    kept_texts = {e.msgstr for e in po if e.msgstr} if policy == "drop" else set()
    seen: set[Key] = set()
    for old in [e for e in old_entries if not e.obsolete] + [e for e in old_entries if e.obsolete]:
        key = (old.msgctxt, old.msgid)
        if key in claimed or key in active_keys or key in seen or key == (None, ""):
            continue
        seen.add(key)
        if not has_translation(old) or policy == "drop" and old.msgstr in kept_texts:
            continue  # nothing to keep (msgcat would not even write it), or kept word for word
        if drop_in and old.msgid_plural and not old.msgstr_plural.get(0):
            continue  # msgmerge writes an obsolete entry only with its first form
        forms, flags = dict(old.msgstr_plural), list(old.flags)  # format flags too, as msgmerge
        if old.msgid_plural and lend_first_form(forms):  # to be reviewed if it comes back
            flags = [*dict.fromkeys(["fuzzy", *flags])]
        yield new_entry(
            msgid=old.msgid,
            msgctxt=old.msgctxt,
            msgid_plural=old.msgid_plural,
            msgstr=old.msgstr,
            msgstr_plural=forms,
            tcomment=old.tcomment,
            flags=flags,
            previous_msgctxt=old.previous_msgctxt,
            previous_msgid=old.previous_msgid,
            previous_msgid_plural=old.previous_msgid_plural,
            comment=old.comment if old.obsolete else "",
            occurrences=list(old.occurrences) if old.obsolete else [],
            obsolete=True,
        )


def same_but_template_date(old: Catalog, new: Catalog) -> bool:
    """msgmerge's ``msgdomain_list_equal (def, result, true)``: the same entries in the same
    order and the same header but for POT-Creation-Date. ``msgmerge -U`` then leaves the file
    alone (its line breaks, its modification time): projects that keep no template under
    version control would otherwise see every run touch every catalog."""

    def undated(catalog: Catalog) -> list[tuple[str, str]]:
        return [item for item in catalog.metadata.items() if item[0] != "POT-Creation-Date"]

    return (
        same_entries(old, new)
        and undated(old) == undated(new)
        and old.header == new.header
        and old.metadata_is_fuzzy == new.metadata_is_fuzzy
    )
