"""Check and status commands: validate options, run the checks, print a report."""

from __future__ import annotations

from pathlib import Path

import click

from passerelle.cli import LANG_HELP, Context, cli
from passerelle.cli.console import Terminal
from passerelle.config import Config, project_languages, validate_locale
from passerelle.counts import counted
from passerelle.errors import ConfigError
from passerelle.fsutil import write_atomic
from passerelle.project.checking import run_checks
from passerelle.project.layout import Layout
from passerelle.project.runner import report_state
from passerelle.project.state import State
from passerelle.project.status import collect_status
from passerelle.reports.findings import FINDINGS_FORMATS, failing, render_findings, summary
from passerelle.reports.status import STATUS_FORMATS, render_status
from passerelle.steps.checks import (
    ERROR,
    Finding,
    check_catalog_file,
    check_codes,
    reported_files,
)


def _codes_help() -> str:
    """The checks as a table whose descriptions wrap under themselves, so that ``check
    --help`` stays within 80 columns (click indents the text by two)."""
    import textwrap

    rows = []
    for code, (sev, text) in check_codes().items():
        lead = f"  {code:24} {sev:8} "
        lines = textwrap.wrap(text, HELP_WIDTH - len(lead)) or [""]
        rows.append(lead + lines[0])
        rows.extend(" " * len(lead) + line for line in lines[1:])
    return "\n".join(rows)


#: Columns of help text: click indents it by two in an 80-column terminal.
HELP_WIDTH = 78

CHECK_HELP = f"""Check catalogs before they ship; exit 1 on findings.

With no FILES, checks every document's template and catalogs in the project (the languages
of the settings, or --lang). With FILES (PO catalogs, as a pre-commit hook passes them),
checks those files; a catalog under the project's locales folder is also compared with its
template. Findings at or above --fail-on make the exit status 1.

\b
Formats (--format):
  text    file:line: severity code: message
          (the line is left out for whole-file findings)
  json    {{"version": 1, "findings": [{{path, line, severity, code, message,
          lang, document}}], "summary": {{errors, warnings, files}},
          "files": [...], "fail_on": ...}}
  github  ::error file=F,line=N,title=CODE::MESSAGE (GitHub Actions)
  junit   JUnit XML, one testcase per file, failed at or above --fail-on

\b
Exit status:
  0  no finding at or above --fail-on (default: error)
  1  at least one finding at or above --fail-on
  2  could not run (bad settings, a template or catalog that cannot be
     read, including a PO syntax error, which is still reported as
     po-syntax; bad option)

Tuning: [tool.passerelle.checks] in pyproject.toml turns checks off (disable =
["number-missing"]) or changes their severity (severity = {{url-changed = "error"}}); a flag
"#, ignore-CODE" on an entry exempts that entry from that entry check; one naming no entry
check is reported as unknown-ignore-flag.

\b
Checks (code, severity, what it finds); in fuzzy entries, all are warnings:
{_codes_help()}
"""


def _optional_config(obj: Context) -> Config | None:
    try:
        return obj.config
    except ConfigError:
        if obj.config_path is not None:
            raise
        return None


def _check_files(
    obj: Context, files: tuple[Path, ...], exempted: list[Finding]
) -> tuple[list[Finding], list[str]]:
    config = _optional_config(obj)
    findings: list[Finding] = []
    shown = []
    for path in files:
        if config is None:
            template, lang = None, None
        else:
            layout = Layout(config)
            template, lang = layout.catalog_template(path)
        if config is None or lang is None:
            findings.extend(check_catalog_file(path, template, lang, None, exempted=exempted))
            shown.append(str(path))
        else:
            findings.extend(
                check_catalog_file(
                    path, template, lang, config, shown=layout.shown, exempted=exempted
                )
            )
            shown.append(str(path.resolve().relative_to(config.root.resolve())))
    return findings, shown


@cli.command(help=CHECK_HELP)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--lang", "languages", multiple=True, help=LANG_HELP)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FINDINGS_FORMATS),
    default="text",
    show_default=True,
    help="How findings are written (see Formats below).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default=ERROR,
    show_default=True,
    help="The lowest severity that makes the exit status 1.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write here.")
@click.pass_obj
def check(
    obj: Context,
    files: tuple[Path, ...],
    languages: tuple[str, ...],
    fmt: str,
    fail_on: str,
    output: Path | None,
) -> int:
    exempted: list[Finding] = []
    terminal = obj.terminal()
    if files:
        for code in languages:
            validate_locale(code, key="--lang")
        findings, checked = _check_files(obj, files, exempted)
    else:
        langs = project_languages(obj.config, languages) or None
        state = _answering_state(obj, langs, terminal)
        run = run_checks(obj.config, langs, state, progress=terminal.progress)
        findings, checked, exempted = run.findings, run.files, run.exempted
    terminal.clear()
    text = render_findings(findings, fmt, checked, fail_on)
    if output is not None:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    counts = summary(findings)
    terminal.remark(
        f"check: {counted(counts['errors'], 'error')}, {counted(counts['warnings'], 'warning')}"
        f" in {counted(len(reported_files(findings, checked)), 'file')} checked"
        + (f"; {len(exempted)} exempted by ignore- flags" if exempted else "")
    )
    if any(f.code == "po-syntax" for f in findings):
        return 2  # a catalog that cannot be read was not checked: as msgfmt, refuse it
    return 1 if failing(findings, fail_on) else 0


@cli.command()
@click.option("--lang", "languages", multiple=True, help=LANG_HELP)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(STATUS_FORMATS),
    default="text",
    show_default=True,
    help="A text table, JSON, or one HTML page (see below).",
)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write here.")
@click.option("--totals", is_flag=True, help="Text: one total row per language only.")
@click.pass_obj
def status(
    obj: Context, languages: tuple[str, ...], fmt: str, output: Path | None, totals: bool
) -> None:
    """Translated, fuzzy and untranslated units per language.

    Units and words in each state, and findings, per language and document.

    \b
    --format text  a table (default)
    --format json  {"languages": [{lang, units, translated, fuzzy,
                    untranslated, words, ..., errors, warnings,
                    documents: [...]}], ...}
    --format html  one self-contained page: a summary per language, then
                   the documents of the language chosen, to filter and sort
    """
    langs = project_languages(obj.config, languages) or None
    terminal = obj.terminal()
    state = _answering_state(obj, langs, terminal)
    data = collect_status(obj.config, langs, state=state, progress=terminal.progress)
    terminal.clear()
    text = render_status(data, fmt, totals_only=totals)
    if output is not None:
        write_atomic(output, text)
        terminal.remark(f"status: written to {output}")
    else:
        click.echo(text, nl=False)


def _answering_state(obj: Context, languages: tuple[str, ...] | None, terminal: Terminal) -> State:
    """The project state, whose remembered findings and counts spare reading every catalog."""
    state = report_state(obj.config, languages)
    if state.trusted:
        terminal.detail("answered from the project state: nothing changed since the last run")
    else:
        terminal.detail("answered from the project state where files are unchanged")
    return state
