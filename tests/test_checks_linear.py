"""Every check runs in time linear in its input: no text a translator (or a machine) writes can
stall ``passerelle check``.

Each case checks a catalog of one huge entry through :func:`check_catalog_file`, what ``passerelle
check FILE`` runs, in a child process with a deadline: a quadratic check fails the test in
seconds instead of hanging it. What is asserted is the growth, not a speed: the same entry four
times longer may take at most eight times the processor time (linear code takes four, quadratic
sixteen), so a busy machine does not fail the test and a fast one does not hide a quadratic loop.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from passerelle.steps.checks import check_catalog_file

GROWTH = 8.0  # four times the input: linear code takes 4x the time, quadratic 16x
NOISE = 0.05  # seconds of processor time below which a difference is measurement noise
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
    started = time.process_time()
    findings = check_catalog_file(path)
    sender.send((time.process_time() - started, [f.code for f in findings]))


def check_seconds(path: Path) -> tuple[float, list[str]]:
    """Processor seconds ``check_catalog_file`` takes on ``path`` (in a child process)."""
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


#: A quarter of a megabyte at full size: linear checks take about 0.1 s on it, quadratic ones
#: minutes. Each case is made at a quarter of that size and at full size.
N = 250_000
Case = Callable[[int], tuple[str, str]]


def _cjk(n: int) -> str:
    return ("中文字符测试没有空格的长文本" * (n // 14 + 1))[:n]  # no space at all


CASES: dict[str, Case] = {
    "cjk-without-spaces": lambda n: (_cjk(n), _cjk(n)[::-1]),
    "one-long-word": lambda n: ("a" * n, "b" * n),
    "one-long-accented-word": lambda n: ("é" * n, "e" * n),
    "at-signs": lambda n: ("a@" * (n // 2), "a@" * (n // 2)),
    "dots": lambda n: ("." * n, "." * n),
    "letters-and-dots": lambda n: ("a." * (n // 2), "ab." * (n // 3)),
    "digits": lambda n: ("1" * n, "2" * n),
    # a number costs more than a letter: dense numbers are fewer characters
    "dotted-digits": lambda n: (".1" * (n // 4), "1." * (n // 4)),
    "grouped-digits": lambda n: ("1 000" * (n // 10), "1,000" * (n // 10)),
    "separated-digits": lambda n: ("1.2,3 4" * (n // 14), "1.2,3 4" * (n // 14)),
    "tag-start-without-end": lambda n: ("x", "<" + "a" * n),
    "many-tags": lambda n: ("<p>" * (n // 3), "".join(f"<x{i} a>" for i in range(n // 20))),
    "long-code-then-word": lambda n: ("1" * n + " x", "1" * n + " x"),
    "elisions": lambda n: ("l'" * (n // 2) + "1", "l'" * (n // 2)),
    "long-link": lambda n: ("https://exemple.fr/" + "a" * n, "java\tscript:" + "a" * n),
    "spaces-before-mark": lambda n: ("a" + " " * n + "x", "a" + " " * n + "x"),
    "many-links": lambda n: (
        " ".join(f"u{i}@exemple.fr https://exemple.fr/p{i}" for i in range(n // 40)),
        " ".join(f"v{i}@exemple.fr https://exemple.fr/q{i}" for i in range(n // 40)),
    ),
    # "3,5" (fr) and "3.5" (en) differ in spelling: every number goes through the matching
    "many-distinct-numbers": lambda n: (
        " ".join(f"{i},5" for i in range(n // 30)),
        " ".join(f"{i}.5" for i in range(n // 30 - 1)),
    ),
    # format strings, guessed from the msgid (the flagged ones are below)
    "percent-signs": lambda n: ("%s" + "%" * n, "%s" + "%" * n),
    "percent-digits": lambda n: ("%s %" + "1" * n, "%s %" + "1" * n + "$"),
    "percent-parens": lambda n: ("%(a)s" + "%(" * (n // 2), "%(a)s" + "%(" * (n // 2)),
    "open-braces": lambda n: ("{a}" + "{" * n, "{a}" + "{b" * (n // 2)),
    # a directive costs more than a letter, as a number does: dense directives are fewer
    "many-directives": lambda n: ("%s " * (n // 6), "%d " * (n // 6)),
    "many-fields": lambda n: ("{x} " * (n // 8), "{y} " * (n // 8)),
    # half-width punctuation against CJK text, and CJK against links
    "cjk-commas-and-spaces": lambda n: ("x", "中, " * (n // 3)),
    "cjk-space-runs": lambda n: ("x", "中," + " " * n + "文"),
    "cjk-parentheses": lambda n: ("x", "中(文)" * (n // 4)),
    "cjk-after-links": lambda n: ("www.a.b.fr " * (n // 11), "访问www.a.b.fr了解" * (n // 14)),
    # every source link kept, as many added
    "many-links-added": lambda n: (
        " ".join(f"https://exemple.fr/p{i}" for i in range(n // 40)),
        " ".join(f"https://exemple.fr/p{i} https://exemple.fr/q{i}" for i in range(n // 40)),
    ),
}

#: Entries flagged as format strings, whatever their msgid holds (flag: the name's first part).
FLAGGED: dict[str, Case] = {
    "c-format-stars": lambda n: ("%*d", "%" + "*" * n + "d"),
    "c-format-numbered": lambda n: ("%1$s", "%" + "9" * n + "$s"),
    "python-format-names": lambda n: ("%(a)s", "%(" + "a" * n + ")s"),
    "python-brace-format-nested": lambda n: ("{a}", "{" + "{a" * (n // 2) + "}"),
}


def assert_linear(
    folder: Path, make: Case, size: int = N, lang: str = "en", flags: str = ""
) -> None:
    """Check the case at a quarter of ``size``, then at ``size``: the time may grow 4x, not 16x."""
    small, _ = check_seconds(write_po(folder / "s.po", *make(size // 4), lang=lang, flags=flags))
    large, _ = check_seconds(write_po(folder / "l.po", *make(size), lang=lang, flags=flags))
    assert large <= GROWTH * small + NOISE, f"{small:.3f} s, then {large:.3f} s at 4x the size"


@pytest.mark.parametrize("name", sorted(CASES))
def test_entry_checks_are_linear(tmp_path: Path, name: str) -> None:
    assert_linear(tmp_path, CASES[name])


@pytest.mark.parametrize("name", sorted(FLAGGED))
def test_format_string_checks_are_linear(tmp_path: Path, name: str) -> None:
    assert_linear(tmp_path, FLAGGED[name], flags=name.rsplit("-", 1)[0])


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("many-links", "url-changed"),
        ("many-links-added", "url-added"),
        ("many-distinct-numbers", "number-missing"),
    ],
)
def test_the_linear_cases_still_find_what_they_hold(tmp_path: Path, name: str, code: str) -> None:
    """The large cases are real findings, not inputs a check gives up on early."""
    assert code in check_seconds(write_po(tmp_path / "x.po", *CASES[name](N)))[1]


#: ``#, ignore-`` flags naming no entry check, each looked up for the nearest check's name.
IGNORE_FLAGS: dict[str, Callable[[int], str]] = {
    "one-long-ignore-flag": lambda n: "ignore-" + "number-mising" * (n // 13),
    "many-misspelt-ignore-flags": lambda n: ", ".join(
        f"ignore-number-mising{i}" for i in range(n // 28)
    ),
}


@pytest.mark.parametrize("name", sorted(IGNORE_FLAGS))
def test_unknown_ignore_flags_are_found_in_linear_time(tmp_path: Path, name: str) -> None:
    make = IGNORE_FLAGS[name]
    small, _ = check_seconds(write_po(tmp_path / "s.po", "Un", "One", flags=make(N // 4)))
    large, codes = check_seconds(write_po(tmp_path / "l.po", "Un", "One", flags=make(N)))
    assert large <= GROWTH * small + NOISE, f"{small:.3f} s, then {large:.3f} s at 4x the size"
    assert "unknown-ignore-flag" in codes


def test_plural_forms_with_a_long_blank_run(tmp_path: Path) -> None:
    def header(n: int) -> str:
        return "nplurals=2; plural=(n != 1)" + " " * n + "x;"

    small, _ = check_seconds(write_po(tmp_path / "small.po", "Un", "One", plural=header(N // 4)))
    large, codes = check_seconds(write_po(tmp_path / "large.po", "Un", "One", plural=header(N)))
    assert large <= GROWTH * small + NOISE and "header-plural-forms" in codes


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_megabyte_of_cjk_or_of_one_word_is_checked_in_linear_time(
    tmp_path: Path, lang: str
) -> None:
    """The promise at full size: a million characters without a space, in each script."""
    make = CASES["cjk-without-spaces" if lang == "zh_CN" else "one-long-word"]
    assert_linear(tmp_path, make, size=1_000_000, lang=lang)
