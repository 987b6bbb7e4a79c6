"""Catalog commands: merge (msgmerge-compatible, on single files or whole trees)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from passerelle.cli import Context, cli
from passerelle.cli.console import Terminal
from passerelle.cli.gnu_options import GnuCommand, GnuUsageError, usage_error
from passerelle.counts import counted
from passerelle.errors import CatalogError, DuplicateEntryError
from passerelle.fsutil import tree_lock
from passerelle.po.layout import LOCATIONS, PageLayout
from passerelle.steps.update.merge import MergeOptions
from passerelle.steps.update.single import (
    PROGRAM,
    MergeCounts,
    MsgmergeError,
    SingleMerge,
    run_single,
)
from passerelle.steps.update.tree import plan_merge, run_merge

FILE = click.Path(path_type=str)


@cli.command(cls=GnuCommand, program=PROGRAM)
@click.argument("operands", metavar="DEF REF", nargs=-1, type=FILE)
@click.option("-o", "--output-file", "--output", "output", type=FILE, help="Output file or folder.")
@click.option("-U", "--update", is_flag=True, help="Update DEF in place (files only).")
@click.option("--backup", metavar="CONTROL", help="With -U: none, simple, numbered, existing.")
@click.option("--suffix", help="With -U: suffix of simple backups (default ~).")
@click.option("-D", "--directory", "directories", multiple=True, help="Look for inputs here too.")
@click.option("--previous", is_flag=True, help="Keep the previous msgid (#|) of fuzzy entries.")
@click.option("-N", "--no-fuzzy-matching", "no_fuzzy", is_flag=True, help="No fuzzy suggestions.")
@click.option(
    "-C",
    "--compendium",
    "compendia",
    multiple=True,
    type=FILE,
    help="Extra catalog to take translations from (repeatable).",
)
@click.option("-m", "--multi-domain", is_flag=True, help="REF applies to each domain of DEF.")
@click.option("--for-msgfmt", is_flag=True, help="Only what msgfmt compiles, no comments.")
@click.option("--lang", default="", help="Language field of the result (default: DEF's).")
@click.option("-e", "--no-escape", "escape", flag_value=False, help="No C escapes (default).")
@click.option("-E", "--escape", "escape", flag_value=True, help="C escapes, no extended chars.")
@click.option("-i", "--indent", is_flag=True, help="Indented output style.")
@click.option("--strict", is_flag=True, help="Strict Uniforum output style.")
@click.option("--color", metavar="WHEN", help="Accepted; the output has no colours.")
@click.option("--style", metavar="STYLEFILE", help="Accepted and ignored (no colours).")
@click.option("--force-po", is_flag=True, help="Write the file even if it has no message.")
@click.option("--add-location", metavar="full|file|never", help="What #: lines show.")
@click.option("--no-location", is_flag=True, help="No #: lines.")
@click.option("-w", "--width", default="", help="Page width (default 79).")
@click.option("--no-wrap", is_flag=True, help="Do not break long strings.")
@click.option("-s", "--sort-output", is_flag=True, help="Sort by msgid.")
@click.option("-F", "--sort-by-file", is_flag=True, help="Sort by file reference.")
@click.option("-q", "--quiet", "--silent", is_flag=True, help="No progress line.")
@click.option("-v", "--verbose", count=True, help="Print merge statistics.")
@click.option(
    "--obsolete",
    type=click.Choice(["keep", "drop"]),
    default="keep",
    help="drop: obsolete entries without translation are not kept.",
)
@click.option("-j", "--jobs", type=int, default=0, help="Worker processes (default: CPU count).")
@click.option(
    "--wait",
    type=float,
    default=30.0,
    show_default=True,
    help="Seconds to wait for another update of the same output tree.",
)
def merge(operands: tuple[str, ...], output: str | None, **opts: object) -> int:
    """Update catalogs (.po) to templates (.pot), like msgmerge.

    DEF catalogs are brought up to REF templates into OUT. With two files this is GNU msgmerge 0.21:
    the same options, output (standard output without -o), messages and exit statuses. With folders,
    REF/x.pot pairs with DEF/x.po and OUT mirrors REF; a template without a catalog starts a new
    one. Fuzzy suggestions come from the same catalog first, then from every catalog in DEF, then
    from the compendia.
    """
    if not operands:
        raise usage_error(PROGRAM, "no input files given")
    if len(operands) != 2:
        raise usage_error(PROGRAM, "exactly 2 input files required")
    definitions, reference = operands
    if any(Path(p).is_dir() for p in (definitions, reference, output or "-")):
        _merge_folders(Path(definitions), Path(reference), output, opts)
        return 0
    job = _single_job(definitions, reference, output, opts)
    # output for msgfmt is output for a build: msgmerge prints no progress then
    quiet, verbose = bool(opts["quiet"] or opts["for_msgfmt"]), int(str(opts["verbose"]))
    try:
        run_single(job, lambda outcome: _progress(outcome, quiet, verbose))
    except MsgmergeError as exc:
        click.echo("\n".join(exc.lines), err=True)
        return 1
    return 0


def _single_job(
    definitions: str, reference: str, output: str | None, opts: dict[str, object]
) -> SingleMerge:
    """msgmerge's checks of the options, in its order, then the job they describe."""
    for first, second in (("update", "output"), ("update", "for_msgfmt")):
        if opts.get(first) and (output if second == "output" else opts.get(second)):
            names = {"update": "--update", "output": "--output-file", "for_msgfmt": "--for-msgfmt"}
            raise _fatal(f"{names[first]} and {names[second]} are mutually exclusive")
    if opts["sort_output"] and opts["sort_by_file"]:
        raise _fatal("--sort-output and --sort-by-file are mutually exclusive")
    width = str(opts["width"])
    location = "never" if opts["no_location"] else str(opts["add_location"] or "full")
    if location not in (*LOCATIONS, "yes", "no"):
        click.echo(f"invalid --add-location argument: {location}", err=True)  # GNU's words
        click.echo(f"Try '{PROGRAM} --help' for more information.", err=True)
        raise GnuUsageError()
    layout = PageLayout(
        width=int(width) if width.isdigit() and int(width) > 0 else PageLayout().width,
        wrap=not opts["no_wrap"],
        locations={"yes": "full", "no": "never"}.get(location, location),
        escape=bool(opts["escape"]),
        indent=bool(opts["indent"]),
        uniforum=bool(opts["strict"]),
    )
    return SingleMerge(
        definitions,
        reference,
        output=output,
        update=bool(opts["update"]),
        backup=_text(opts["backup"]),
        suffix=_text(opts["suffix"]),
        compendia=tuple(str(c) for c in opts["compendia"]),  # type: ignore[attr-defined]
        directories=tuple(str(d) for d in opts["directories"]),  # type: ignore[attr-defined]
        lang=str(opts["lang"]),
        options=MergeOptions(
            fuzzy=not opts["no_fuzzy"],
            previous=bool(opts["previous"]),
            obsolete="keep",
            like_msgmerge=True,
            drop_in=True,
        ),
        layout=layout,
        sort="msgid" if opts["sort_output"] else "file" if opts["sort_by_file"] else "",
        for_msgfmt=bool(opts["for_msgfmt"]),
        force=bool(opts["force_po"]),
        multi_domain=bool(opts["multi_domain"]),
    )


def _fatal(message: str) -> GnuUsageError:
    click.echo(f"{PROGRAM}: {message}", err=True)
    return GnuUsageError()


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _progress(outcome: MergeCounts, quiet: bool, verbose: int) -> None:
    """msgmerge's stderr after a merge: a dot per ten messages and "done", or its counts."""
    dots = "." * max(1, -(-outcome.references // 10))
    if verbose:
        lead = f"{dots}\n" if not quiet and verbose <= 1 else ""
        click.echo(
            f"{lead}Read {outcome.old_domains} old + {outcome.reference_domains} reference, "
            f"merged {outcome.merged}, fuzzied "
            f"{outcome.fuzzied}, missing {outcome.missing}, obsolete {outcome.obsolete}.",
            err=True,
        )
    elif not quiet:
        click.echo(f"{dots} done.", err=True)


def _merge_folders(
    definitions: Path, reference: Path, output: str | None, opts: dict[str, object]
) -> None:
    """Folder mode: every REF/x.pot with DEF/x.po into OUT/x.po, a summary on stdout."""
    if output is None:
        raise CatalogError("folders need -o OUT", path=reference, hint="add -o OUT_FOLDER")
    for name in opts["compendia"]:  # type: ignore[attr-defined]
        if not Path(name).is_file():
            raise CatalogError("compendium not found", path=name)
    out = Path(output)
    plan = plan_merge(definitions, reference, out)
    options = MergeOptions(
        fuzzy=not opts["no_fuzzy"],
        previous=bool(opts["previous"]),
        obsolete=str(opts["obsolete"]),
        like_msgmerge=True,
    )
    jobs = int(str(opts["jobs"]))
    lock_dir = out if reference.is_dir() else out.parent
    shared = click.get_current_context().find_object(Context)
    terminal = Terminal(quiet=bool(opts["quiet"]) or (shared is not None and shared.quiet))
    with tree_lock(lock_dir, wait=float(str(opts["wait"])), sweep=(out,)):
        report = run_merge(
            plan,
            lang=str(opts["lang"]),
            options=options,
            compendia=[Path(str(c)) for c in opts["compendia"]],  # type: ignore[attr-defined]
            workers=jobs or os.cpu_count() or 1,
            progress=terminal.progress,
        )
    terminal.clear()
    for error in report.errors:
        click.echo(f"passerelle: error: {error}", err=True)
    click.echo(
        f"{counted(len(report.written), 'catalog')} written, {len(report.unchanged)} unchanged"
        + (f", {len(report.errors)} left untouched (errors above)" if report.errors else "")
    )
    if report.errors:
        first = report.errors[0]
        error = CatalogError(
            f"{counted(len(report.errors), 'catalog')} could not be read; first: {first.message}",
            path=first.path,
            line=first.line,
            hint="fix them, then rerun",
        )
        if any(isinstance(each, DuplicateEntryError) for each in report.errors):
            error.exit_code = 1  # msgmerge's status for a duplicate message definition
        raise error
