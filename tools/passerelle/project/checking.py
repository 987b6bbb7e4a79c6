"""The checks over a whole project: every document's template (and source) and its catalogs.

The checks themselves work on given catalogs (:mod:`passerelle.steps.checks`); this module
finds the files through the project's layout, and replays a document's findings from the
incremental state when none of its files changed since it was last checked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from passerelle.config import Config
from passerelle.errors import CatalogError
from passerelle.po.catalog import Catalog, read_catalog
from passerelle.project.assets import asset_findings, asset_inputs
from passerelle.project.console import Progress, no_progress
from passerelle.project.layout import Layout, SourceDocument
from passerelle.project.state import State
from passerelle.steps.checks import WARNING, CheckRun, Finding, check_catalog
from passerelle.steps.checks.checker import check_template_source, known_codes, syntax_finding
from passerelle.steps.checks.tuning import settings_of, tuned


def run_checks(
    config: Config,
    languages: tuple[str, ...] | None = None,
    state: State | None = None,
    progress: Progress = no_progress,
) -> CheckRun:
    """Every check on every document's template and catalogs.

    With an incremental ``state``, a document whose source, template and catalogs are unchanged
    since it was last checked replays its findings instead of being checked again.
    """
    settings_of(config, known_codes())  # a bad name fails before any work
    layout = Layout(config)
    run = CheckRun()
    langs = languages or config.languages
    documents = layout.documents()
    for done, doc in enumerate(documents, 1):
        progress("check", done, len(documents))
        if state is None:
            part = check_document(layout, doc, langs)
        else:
            key = check_key(doc, langs)
            cached = state.recall(key)
            if cached is None:
                key, inputs = check_memo(layout, doc, langs)
                cached = state.remembered(key, inputs)
            if cached is not None:
                findings, files, exempted = cached
                part = CheckRun(
                    [Finding(*row) for row in findings],
                    list(files),
                    [Finding(*row) for row in exempted],
                )
            else:
                part = check_document(layout, doc, langs)
                state.remember(key, state.signature(inputs), findings_memo(part))
        run.findings.extend(part.findings)
        run.files.extend(part.files)
        run.exempted.extend(part.exempted)
    return run


def check_project(
    config: Config, languages: tuple[str, ...] | None = None, progress: Progress = no_progress
) -> list[Finding]:
    """All findings for the project's (or the given) languages."""
    return run_checks(config, languages, progress=progress).findings


def check_key(doc: SourceDocument, langs: tuple[str, ...]) -> str:
    """Where the state keeps a document's findings in ``langs``."""
    return f"check:{doc.name}:{','.join(langs)}"


def check_memo(
    layout: Layout, doc: SourceDocument, langs: tuple[str, ...]
) -> tuple[str, list[Path]]:
    """Where the state keeps a document's findings, and the files they come from."""
    inputs = [doc.path, layout.template(doc), *asset_inputs(layout, doc)]
    inputs += [layout.catalog(doc, lang) for lang in langs]
    return check_key(doc, langs), inputs


def findings_memo(run: CheckRun) -> list[Any]:
    """A document's findings as the state keeps them (JSON-able)."""
    return [
        [list(dataclasses.astuple(f)) for f in run.findings],
        run.files,
        [list(dataclasses.astuple(f)) for f in run.exempted],
    ]


def check_document(
    layout: Layout,
    doc: SourceDocument,
    langs: tuple[str, ...],
    pot: Catalog | None = None,
    catalogs: Mapping[str, Catalog | None] | None = None,
) -> CheckRun:
    """Findings for one document's template (and source) and its catalogs in ``langs``.

    ``pot`` and ``catalogs`` (None for a missing one) are the files as just read or written by
    the same job; entries know their lines, so the findings are those a fresh read would give.
    """
    run = CheckRun(asset_findings(layout, doc))
    settings = settings_of(layout.config, known_codes())
    pot_path = layout.template(doc)
    shown_pot = layout.shown(pot_path)
    if pot is None:
        if not pot_path.exists():
            missing = "no template yet; run passerelle extract"
            finding = Finding(shown_pot, 0, WARNING, "template-missing", missing, None, doc.name)
            run.findings.extend(filter(None, [tuned(finding, settings)]))
            return run
        try:
            pot = read_catalog(pot_path)
        except CatalogError as exc:
            run.findings.append(syntax_finding(exc, shown_pot, None, doc.name))
            return run
    run.files.append(shown_pot)
    run.findings.extend(
        check_template_source(
            pot_path,
            pot,
            layout.config.source_lang,
            referenced=layout.referenced,
            shown_pot=shown_pot,
            document=doc.name,
            settings=settings,
        )
    )
    for lang in langs:
        run.findings.extend(_check_document_lang(layout, doc, lang, pot, run, catalogs))
    return run


def _check_document_lang(
    layout: Layout,
    doc: SourceDocument,
    lang: str,
    pot: Catalog,
    run: CheckRun,
    catalogs: Mapping[str, Catalog | None] | None = None,
) -> list[Finding]:
    path = layout.catalog(doc, lang)
    shown = layout.shown(path)
    given = catalogs or {}
    known = lang in given
    if (given[lang] is None) if known else not path.exists():
        missing = "no catalog yet; run passerelle update"
        finding = Finding(shown, 0, WARNING, "catalog-missing", missing, lang, doc.name)
        return list(filter(None, [tuned(finding, layout.config.checks)]))
    run.files.append(shown)
    try:
        catalog = given[lang] if known else read_catalog(path)
    except CatalogError as exc:
        return [syntax_finding(exc, shown, lang, doc.name)]
    assert catalog is not None
    return check_catalog(
        path,
        catalog,
        lang,
        template=pot,
        config=layout.config,
        display=shown,
        document=doc.name,
        exempted=run.exempted,
    )
