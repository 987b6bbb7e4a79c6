"""Every check runs in time linear in its input: no text a translator (or a machine) writes can
stall ``passerelle check``.

Each case checks a catalog of one huge entry through :func:`check_catalog_file`, what ``passerelle
check FILE`` runs, in a child process with a deadline: a quadratic check fails the test in
seconds instead of hanging it. The limit is far above what linear code takes (about 0.1 s).
"""

from __future__ import annotations

import multiprocessing
import time
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from passerelle.steps.checks import check_catalog_file

LIMIT = 1.0  # seconds for one catalog of a quarter of a megabyte
DEADLINE = 20.0  # the child is stopped after this: a quadratic check never ends in a test
HEADER = 'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Plural-Forms: {plural}\\n"\n\n'
PLURAL = "nplurals=2; plural=(n != 1);"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_po(
    path: Path,
    source: str,
    translation: str,
    lang: str = "en",
    plural: str = PLURAL,
    flags: str = "",
) -> Path:
    head = HEADER.format(lang=lang, plural=plural) + (f"#, {flags}\n" if flags else "")
    path.write_text(
        f"{head}msgid {_quote(source)}\nmsgstr {_quote(translation)}\n", encoding="utf-8"
    )
    return path


def _measure(path: Path, sender: Connection) -> None:
    # a small catalog first: locale data and compiled patterns are loaded once, not measured
    check_catalog_file(write_po(path.with_suffix(".small.po"), "Un 1 a@b.fr", "One 1 a@b.fr"))
    started = time.perf_counter()
    findings = check_catalog_file(path)
    sender.send((time.perf_counter() - started, [f.code for f in findings]))


def check_seconds(path: Path) -> tuple[float, list[str]]:
    """Seconds ``check_catalog_file`` takes on ``path`` (measured in a child process)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_measure, args=(path, sender))
    child.start()
    try:
        if not receiver.poll(DEADLINE):
            pytest.fail(f"checking {path.name} took more than {DEADLINE:.0f} s")
        seconds, codes = receiver.recv()
    finally:
        child.kill()
        child.join()
    return float(seconds), list(codes)


#: A quarter of a megabyte: linear checks take about 0.1 s on it, quadratic ones minutes.
N = 250_000
CJK = "中文字符测试没有空格的长文本" * (N // 14)  # no space at all

CASES = {
    "cjk-without-spaces": (CJK, CJK[::-1]),
    "one-long-word": ("a" * N, "b" * N),
    "one-long-accented-word": ("é" * N, "e" * N),
    "at-signs": ("a@" * (N // 2), "a@" * (N // 2)),
    "dots": ("." * N, "." * N),
    "letters-and-dots": ("a." * (N // 2), "ab." * (N // 3)),
    "digits": ("1" * N, "2" * N),
    # a number costs more than a letter: dense numbers are fewer characters
    "dotted-digits": (".1" * (N // 4), "1." * (N // 4)),
    "grouped-digits": ("1 000" * (N // 10), "1,000" * (N // 10)),
    "separated-digits": ("1.2,3 4" * (N // 14), "1.2,3 4" * (N // 14)),
    "tag-start-without-end": ("x", "<" + "a" * N),
    "many-tags": ("<p>" * (N // 3), "".join(f"<x{i} a>" for i in range(N // 20))),
    "long-code-then-word": ("1" * N + " x", "1" * N + " x"),
    "elisions": ("l'" * (N // 2) + "1", "l'" * (N // 2)),
    "long-link": ("https://exemple.fr/" + "a" * N, "java\tscript:" + "a" * N),
    "spaces-before-mark": ("a" + " " * N + "x", "a" + " " * N + "x"),
    # format strings, guessed from the msgid (the flagged ones are below)
    "percent-signs": ("%s" + "%" * N, "%s" + "%" * N),
    "percent-digits": ("%s %" + "1" * N, "%s %" + "1" * N + "$"),
    "percent-parens": ("%(a)s" + "%(" * (N // 2), "%(a)s" + "%(" * (N // 2)),
    "open-braces": ("{a}" + "{" * N, "{a}" + "{b" * (N // 2)),
    # a directive costs more than a letter, as a number does: dense directives are fewer
    "many-directives": ("%s " * (N // 6), "%d " * (N // 6)),
    "many-fields": ("{x} " * (N // 8), "{y} " * (N // 8)),
    # half-width punctuation against CJK text, and CJK against links
    "cjk-commas-and-spaces": ("x", "中, " * (N // 3)),
    "cjk-space-runs": ("x", "中," + " " * N + "文"),
    "cjk-parentheses": ("x", "中(文)" * (N // 4)),
    "cjk-after-links": ("www.a.b.fr " * (N // 11), "访问www.a.b.fr了解" * (N // 14)),
}

#: Entries flagged as format strings, whatever their msgid holds.
FLAGGED = {
    "c-format-stars": ("%*d", "%" + "*" * N + "d"),
    "c-format-numbered": ("%1$s", "%" + "9" * N + "$s"),
    "python-format-names": ("%(a)s", "%(" + "a" * N + ")s"),
    "python-brace-format-nested": ("{a}", "{" + "{a" * (N // 2) + "}"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_entry_checks_are_linear(tmp_path: Path, name: str) -> None:
    source, translation = CASES[name]
    seconds, _ = check_seconds(write_po(tmp_path / f"{name}.po", source, translation))
    assert seconds < LIMIT, f"{name}: {seconds:.2f} s"


@pytest.mark.parametrize("name", sorted(FLAGGED))
def test_format_string_checks_are_linear(tmp_path: Path, name: str) -> None:
    source, translation = FLAGGED[name]
    flag = name.rsplit("-", 1)[0]
    po = write_po(tmp_path / f"{name}.po", source, translation, flags=flag)
    seconds, _ = check_seconds(po)
    assert seconds < LIMIT, f"{name}: {seconds:.2f} s"


def test_many_links_are_compared_in_linear_time(tmp_path: Path) -> None:
    count = N // 20
    source = " ".join(f"u{i}@exemple.fr https://exemple.fr/p{i}" for i in range(count // 2))
    translation = " ".join(f"v{i}@exemple.fr https://exemple.fr/q{i}" for i in range(count // 2))
    seconds, codes = check_seconds(write_po(tmp_path / "links.po", source, translation))
    assert seconds < LIMIT
    assert "url-changed" in codes
    extra = source + " " + translation  # every source link kept, as many added
    seconds, codes = check_seconds(write_po(tmp_path / "added.po", source, extra))
    assert seconds < LIMIT
    assert "url-added" in codes


def test_many_distinct_numbers_are_matched_in_linear_time(tmp_path: Path) -> None:
    # "3,5" (fr) and "3.5" (en) differ in spelling: every number goes through the matching
    source = " ".join(f"{i},5" for i in range(8000))
    translation = " ".join(f"{i}.5" for i in range(8000))
    po = write_po(tmp_path / "numbers.po", source, translation)
    seconds, codes = check_seconds(po)
    assert seconds < LIMIT and "number-missing" not in codes
    seconds, codes = check_seconds(write_po(po, source, translation.replace("7999.5", "")))
    assert seconds < LIMIT and "number-missing" in codes


def test_plural_forms_with_a_long_blank_run(tmp_path: Path) -> None:
    plural = "nplurals=2; plural=(n != 1)" + " " * N + "x;"
    seconds, codes = check_seconds(write_po(tmp_path / "h.po", "Un", "One", plural=plural))
    assert seconds < LIMIT
    assert "header-plural-forms" in codes


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_megabyte_of_cjk_or_of_one_word_is_checked_within_a_second(
    tmp_path: Path, lang: str
) -> None:
    """The promise at full size: a million characters without a space, in each script."""
    size = 1_000_000
    if lang == "zh_CN":
        text = ("中文字符测试没有空格的长文本" * (size // 14 + 1))[:size]
        source, translation = text, text[::-1]
    else:
        source, translation = "a" * size, "b" * size
    seconds, _ = check_seconds(write_po(tmp_path / f"{lang}.po", source, translation, lang=lang))
    assert seconds < LIMIT, f"{lang}: {seconds:.2f} s"
