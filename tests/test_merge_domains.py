"""``merge DEF REF`` on files of several domains is GNU msgmerge 0.21: domain by domain (each
REF domain with DEF's domain of the same name), or with ``-m`` REF's default domain applied to
every DEF domain; compared byte for byte with the real msgmerge on the same inputs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers import gettext_tool, run_main

LATIN1 = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n'
UTF8 = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'
# gettext 0.21's own msgmerge-7 and msgmerge-8 inputs
TWO_LANGUAGES = (
    f'domain "foo-de"\n{LATIN1}\n# Das ist ein Kommentar.\nmsgid "hello"\nmsgstr "Hallo"\n\n'
    '# Noch einer.\nmsgid "bye"\nmsgstr "Tschüß"\n\n'
    f'domain "foo-fr"\n{LATIN1}\n# Ceci est un commentaire.\nmsgid "hello"\nmsgstr "Salut"\n\n'
    '# Encore un.\nmsgid "bye"\nmsgstr "A bientôt"\n'
)
TWO_TEMPLATES = (
    'domain "foo-de"\nmsgid "Hello"\nmsgstr ""\ndomain "foo-fr"\nmsgid "Hello"\nmsgstr ""\n'
)
ONE_TEMPLATE = 'msgid "Hello"\nmsgstr ""\n'
# a default domain and one more; templates naming one of them, or another
MIXED = (
    f'{UTF8}\nmsgid "a"\nmsgstr "A"\n\n'
    f'domain "foo"\n{UTF8}\nmsgid "b"\nmsgstr "B"\n\nmsgid "c"\nmsgstr "C"\n'
)
DEFAULT_ONLY = f'{UTF8}\n#: a.c:1\nmsgid "a"\nmsgstr ""\n\nmsgid "b"\nmsgstr ""\n'
OTHER_DOMAINS = (
    'domain "bar"\nmsgid "b"\nmsgstr ""\n\nmsgid "a"\nmsgstr ""\n'
    'domain "foo"\nmsgid "c"\nmsgstr ""\n'
)

CASES = {
    "msgmerge-7: domain by domain": (TWO_LANGUAGES, TWO_TEMPLATES, []),
    "msgmerge-8: -m, one template for each domain": (TWO_LANGUAGES, ONE_TEMPLATE, ["-m"]),
    "-m with domain templates: the default one applies": (TWO_LANGUAGES, TWO_TEMPLATES, ["-m"]),
    "a domain REF lacks is kept obsolete": (MIXED, DEFAULT_ONLY, []),
    "-m: the default domain merged too": (MIXED, DEFAULT_ONLY, ["-m"]),
    "a domain DEF lacks starts empty": (MIXED, OTHER_DOMAINS, []),
    "counts of several domains": (MIXED, OTHER_DOMAINS, ["-v"]),
    "counts of -m": (TWO_LANGUAGES, ONE_TEMPLATE, ["-m", "-v"]),
    "a domain template for a catalog of one": (
        DEFAULT_ONLY.replace('msgstr ""', 'msgstr "x"'),
        OTHER_DOMAINS,
        [],
    ),
    "sorted, domain by domain": (MIXED, OTHER_DOMAINS, ["-s"]),
    "strict style between domains": (TWO_LANGUAGES, TWO_TEMPLATES, ["--strict"]),
}


def lay_out(folder: Path, definitions: str, reference: str) -> None:
    folder.mkdir()
    charset = "latin-1" if "ISO-8859-1" in definitions else "utf-8"
    (folder / "def.po").write_bytes(definitions.encode(charset))
    (folder / "ref.pot").write_text(reference, encoding="utf-8")


def both(
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    case: tuple[str, str, list[str]],
    *args: str,
) -> tuple[tuple[int, str, str, dict[str, bytes]], ...]:
    """GNU msgmerge and ``passerelle merge``: status, stdout, stderr and files, each in its
    own copy of the inputs."""
    definitions, reference, options = case
    runs = []
    for name in ("gnu", "ours"):
        folder = tmp_path / name
        lay_out(folder, definitions, reference)
        arguments = [*options, *args, "def.po", "ref.pot"]
        if name == "gnu":
            done = subprocess.run(
                ["msgmerge", *arguments],
                executable=gettext_tool("msgmerge"),
                cwd=folder,
                capture_output=True,
                check=False,
            )
            status, out, err = done.returncode, done.stdout.decode(), done.stderr.decode()
        else:
            monkeypatch.chdir(folder)
            capfd.readouterr()
            status = run_main("merge", *arguments)
            out, err = capfd.readouterr()
        files = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
        runs.append((status, out, err.replace("..", "."), files))
    return tuple(runs)


@pytest.mark.parametrize("name", sorted(CASES))
def test_several_domains_merge_as_msgmerge_merges_them(
    name: str, tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    gnu, ours = both(tmp_path, capfd, monkeypatch, CASES[name], "-q", "-o", "out.po")
    assert gnu[0] == 0 and "out.po" in gnu[3]
    assert ours == gnu


def test_msgmerge_7_output_is_gettexts_expected_file(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """gettext's own expected file (mm-test7.ok): each domain's line, a blank line, its header,
    its entries; the old msgids obsolete."""
    case = CASES["msgmerge-7: domain by domain"]
    _, ours = both(tmp_path, capfd, monkeypatch, case, "-q", "-o", "out.po")
    expected = "\n".join(
        f'domain "{name}"\n\n{LATIN1}\n# {comment}\n#, fuzzy\nmsgid "Hello"\nmsgstr "{hello}"\n'
        f'\n# {again}\n#~ msgid "bye"\n#~ msgstr "{bye}"\n'
        for name, comment, hello, again, bye in (
            ("foo-de", "Das ist ein Kommentar.", "Hallo", "Noch einer.", "Tschüß"),
            ("foo-fr", "Ceci est un commentaire.", "Salut", "Encore un.", "A bientôt"),
        )
    )
    assert ours[3]["out.po"] == expected.encode("latin-1")


def test_update_leaves_an_up_to_date_file_of_several_domains_alone(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "first"
    lay_out(first, MIXED, OTHER_DOMAINS)
    subprocess.run([gettext_tool("msgmerge"), "-q", "-U", "def.po", "ref.pot"], cwd=first)
    merged = (first / "def.po").read_text(encoding="utf-8")
    gnu, ours = both(tmp_path, capfd, monkeypatch, (merged, OTHER_DOMAINS, []), "-q", "-U")
    assert ours == gnu
    assert ours[3]["def.po"].decode() == merged and "def.po~" not in ours[3]
