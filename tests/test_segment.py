"""French sentence segmentation: each exception class, exact reassembly, placeholders, the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from passerelle.cli import main
from passerelle.errors import SegmentationRulesError
from passerelle.segment.sentences import split_sentences
from passerelle.units import placeholder_problem

NBSP, NNBSP = "\u00a0", "\u202f"

#: Paragraphs of the West Bund article (source/iblac-west-bund.txt), copied as published.
ARTICLE = [
    "«\u00a0Je suis impressionné par la façon dont toute la zone du West Bund s'est transformée "
    "en très peu de temps\u00a0», a déclaré Severin Schwan, président du Conseil "
    "d'administration du groupe Roche et nouvellement nommé Citoyen d'honneur de Shanghai. "
    "«\u00a0Nous venons d'avoir l'occasion de découvrir les dernières avancées en matière d'IA "
    "et la manière dont celles-ci peuvent améliorer notre qualité de vie.\u00a0»",
    "«\u00a0Ici à Shanghai, je pense que nous avons un écosystème merveilleux où nous pouvons "
    "rassembler tous ces éléments avec tous les partenaires autour de nous\u00a0», a affirmé "
    "M. Schwan.",
    "M. Schwan, dont l'entreprise a été la première entreprise étrangère à établir un centre de "
    "recherche à Shanghai, a relevé l'importance d'intégrer les connaissances traditionnelles en "
    "biologie et en chimie aux technologies émergentes comme l'IA.",
    "En abordant spécifiquement le potentiel de l'IA dans les soins de santé, M. Schwan a "
    "ajouté\u00a0: «\u00a0Je m'intéresse toujours à la manière dont ces technologies peuvent "
    "aider les patients, comment elles peuvent leur permettre de vivre mieux et plus "
    "longtemps.\u00a0»",
]


def sentences(text: str, lang: str = "fr", rules: Path | None = None) -> list[str]:
    pieces = split_sentences(text, lang, rules)
    assert "".join(pieces) == text
    return [piece.strip() for piece in pieces]


def test_article_boundaries() -> None:
    first = sentences(ARTICLE[0])
    assert len(first) == 2
    assert first[0].startswith("«\u00a0Je suis impressionné")
    assert first[0].endswith("Citoyen d'honneur de Shanghai.")
    assert first[1].startswith("«\u00a0Nous venons") and first[1].endswith("qualité de vie.\u00a0»")
    assert sentences(ARTICLE[1]) == [ARTICLE[1]]
    assert sentences(ARTICLE[2]) == [ARTICLE[2]]
    assert sentences(ARTICLE[3]) == [ARTICLE[3]]
    whole = sentences(" ".join(ARTICLE))
    assert len(whole) == 5 and not any(piece.strip("«» \u00a0") == "" for piece in whole)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # civil titles and honorifics, before a name or a lowercase word
        ("Il a vu M. Dupont. MM. Duff et Voggenhuber aussi.", 2),
        ("M. le maire et Mme. Durand sont là. Mlle. Roux aussi.", 2),
        ("Selon Me. Martin et Mgr. Lustiger, oui. Dr. House non.", 2),
        ("Il a écrit à Pr. Curie. St. Louis est loin.", 2),
        # abbreviations that never end a sentence
        ("Voir cf. Dupont, p. ex. le chapitre 2. Fin.", 2),
        ("Il faut, c.-à-d. Paul, venir. Ensuite on part.", 2),
        ("Les mois, i.e. Janvier et mars, sont froids. Oui.", 2),
        ("Il habite 3 av. Foch à Paris. Elle bd. Haussmann.", 2),
        # abbreviations before a lowercase word or a number, but an end before a capital
        ("Les fruits, légumes, etc. sont chers. Il paie.", 2),
        ("Il y a des fruits, des légumes, etc. Les prix montent.", 2),
        ("Lire l'art. 3 du code et le vol. 2 du traité. Puis signer.", 2),
        ("Voir fig. 4 et pp. 57-60 du rapport. Le reste suit.", 2),
        ("Le 3 janv. 2006 et le 1er sept. 1939 sont cités. Voilà.", 2),
        ("Revue, Vol. XVII, No. 3, septembre 1986. Suite.", 2),
        ("Il a raté son vol. Le suivant part demain.", 2),
        ("Grasset, 1 500 p. Paris, 1997. Épuisé.", 2),
        # initials
        ("J. Chirac et J.-P. Sartre se sont croisés. Thanh H. Vuong aussi.", 2),
        ("Selon J. de La Fontaine, oui. Non.", 2),
        ("Le roman de Ph. Sollers et le Prof. Tournesol. Fin.", 2),
        ("Selon F.L. Copperman, ancien consul, oui. Non.", 2),
        # a parenthesis opening on a lowercase word belongs to the sentence before it
        ("Il l'a dit. (cité par Le Monde). Puis rien.", 2),
        ("La direction du G.O. (le Conseil) décide. Bien.", 2),
        ("C'est arrivé en 52 av. J.-C. Les Gaulois ont perdu.", 2),
        ("C'est arrivé en 52 av. J.-C. au printemps. Puis non.", 2),
        # units and acronyms are not initials
        ("Il a payé 30 F. Le temps de digérer passe.", 2),
        ("Conserver à 25 °C. Ne pas congeler.", 2),
        ("Il vit aux U.S.A. Les gens y sont bien.", 2),
        ("Confier à la B.C.E. certaines missions. Bien.", 2),
        ("La dose est de 0,25 mg/kg/h. Si le patient saigne, arrêter.", 2),
        ("Environ 99 % en 72 h. Après angiographie, oui.", 2),
        # ordinals and numbers
        ("Le 1er mai et le 21e siècle. La valeur 3.5 ou 21,4 reste.", 2),
        ("Voir le Module 1.8.2. de l'autorisation. Bien.", 2),
        ("1. Introduction générale du texte", 1),
        ("En 2006. Puis en 2007.", 2),
        # ellipsis
        ("Il a hésité... puis il est parti. Fin.", 2),
        ("À savoir... 30 F au total. Bon.", 2),
        ("Il attend… Personne ne vient.", 2),
        ("Le texte dit [...] que non. Le passage (...) manque.", 2),
        ("Il a 17 ans (!) déjà. Oui.", 2),
        # a mark quoted on its own is a character
        ("Le dernier \".\" de l'URL compte, pas le '?' final. Voilà.", 2),
        # URLs and e-mail addresses
        ("Voir https://www.example.fr/a.b?x=1. Écrire à jean.dupont@example.fr. Merci.", 3),
        ("Le site www.gouv.fr est ouvert. Il ferme à minuit.", 2),
        # question and exclamation marks before a lowercase word continue the sentence
        ("Tout ça pour ça ? sur cent papiers. Bon.", 2),
        ("Quoi ! vous ici ? Oui.", 2),
    ],
)
def test_exception_classes(text: str, expected: int) -> None:
    assert len(sentences(text)) == expected, sentences(text)


@pytest.mark.parametrize("space", [" ", NBSP, NNBSP])
def test_guillemets_with_any_space(space: str) -> None:
    text = (
        f"Il a dit{space}: «{space}Je pars demain. Je reviens lundi.{space}» "
        f"Puis il est parti. «{space}Quoi{space}?{space}» dit-elle."
    )
    pieces = sentences(text)
    assert pieces == [
        f"Il a dit{space}: «{space}Je pars demain.",
        f"Je reviens lundi.{space}»",
        "Puis il est parti.",
        f"«{space}Quoi{space}?{space}» dit-elle.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Il a dit "non." Puis il est parti.', ['Il a dit "non."', "Puis il est parti."]),
        ("Il a dit « non. » et il est parti.", ["Il a dit « non. » et il est parti."]),
        ("C'est vrai (enfin presque.) Bref.", ["C'est vrai (enfin presque.)", "Bref."]),
        ("Quelle idée ! » Il rit.", ["Quelle idée ! »", "Il rit."]),
        ("Il a dit : « Fini. »", ["Il a dit : « Fini. »"]),
        ("Fini. » Non.", ["Fini. »", "Non."]),
    ],
)
def test_closing_marks_stay_with_their_sentence(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_no_punctuation_only_segment() -> None:
    for text in ["Fin. »", "Un. ... Deux.", "Oui ! !!! Non.", "« » Début. »"]:
        assert all(any(ch.isalnum() for ch in piece) for piece in sentences(text)), text


def test_whitespace_is_kept_exactly() -> None:
    text = f"  Un.{NBSP}{NNBSP} Deux !\t\nTrois ?{NBSP}"
    pieces = split_sentences(text)
    assert pieces == [f"  Un.{NBSP}{NNBSP} ", "Deux !\t\n", f"Trois ?{NBSP}"]


def test_placeholders_are_invisible_to_the_rules() -> None:
    assert split_sentences("Voir <a1>M. Dupont</a1>. Il vient.") == [
        "Voir <a1>M. Dupont</a1>. ",
        "Il vient.",
    ]
    assert split_sentences("Fin.</b1> <a2>Début</a2> ici.") == ["Fin.</b1> ", "<a2>Début</a2> ici."]
    assert split_sentences("Fin.<br1/> Suite.") == ["Fin.<br1/> ", "Suite."]


def test_a_paired_placeholder_never_straddles_two_segments() -> None:
    text = "Avant. <a1>Une phrase. Une autre.</a1> Après."
    assert split_sentences(text) == ["Avant. ", "<a1>Une phrase. Une autre.</a1> ", "Après."]


WORDS = st.sampled_from(
    ["Un", "deux", "M.", "J.", "etc.", "«", "»", ".", "!", "?", "...", "…", " ", NBSP, NNBSP]
    + ["\n", "Fin", "(", ")", "'", '"', "3.5", "1er", "a", "É", "<br9/>", "<", ">"]
)
#: Text as a tree: a word, a run of subtrees, or a subtree wrapped in a paired placeholder.
TREES = st.recursive(
    WORDS.map(lambda word: [word]),
    lambda inner: (
        st.lists(inner, max_size=4).map(lambda runs: sum(runs, []))
        | inner.map(lambda run: ["\x01", *run, "\x02"])
    ),
    max_leaves=40,
)


def number_placeholders(items: list[str]) -> str:
    """Replace the open/close markers by numbered, properly nested ``<aN>``/``</aN>``."""
    out, stack, count = [], [], 0
    for item in items:
        if item == "\x01":
            count += 1
            stack.append(count)
            out.append(f"<a{count}>")
        elif item == "\x02":
            out.append(f"</a{stack.pop()}>")
        else:
            out.append(item)
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(TREES)
def test_round_trip_and_placeholders_never_straddled(items: list[str]) -> None:
    text = number_placeholders(items)
    pieces = split_sentences(text)
    assert "".join(pieces) == text
    assert all(pieces)
    for piece in pieces:
        assert placeholder_problem(piece, piece) is None, (text, pieces)


@given(st.text(max_size=200))
def test_round_trip_on_any_text(text: str) -> None:
    assert "".join(split_sentences(text)) == text


def test_other_languages_use_the_default_rules() -> None:
    assert sentences("Mr. Smith went home. He slept.", "en") == [
        "Mr. Smith went home.",
        "He slept.",
    ]
    assert sentences("你好。我很好！谢谢。", "zh_CN") == ["你好。", "我很好！", "谢谢。"]
    assert sentences("Wie geht's? Gut, z. B. heute. Ja.", "de") == [
        "Wie geht's?",
        "Gut, z. B. heute.",
        "Ja.",
    ]


USER_SRX = """\
<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header cascade="no"/>
  <body>
    <languagerules>
      <languagerule languagerulename="Lines">
        <rule break="no"><beforebreak>\\bNB;</beforebreak><afterbreak>\\s</afterbreak></rule>
        <rule break="yes"><beforebreak>;</beforebreak><afterbreak>\\s</afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules><languagemap languagepattern="fr.*" languagerulename="Lines"/></maprules>
  </body>
</srx>
"""


def test_a_users_srx_file_replaces_the_shipped_rules(tmp_path: Path) -> None:
    rules = tmp_path / "mine.srx"
    rules.write_text(USER_SRX, "utf-8")
    assert sentences("Un; deux. Trois; NB; quatre", "fr", rules) == [
        "Un;",
        "deux. Trois;",
        "NB; quatre",
    ]
    with pytest.raises(SegmentationRulesError) as caught:
        split_sentences("Hello. World.", "en", rules)
    assert "no languagemap matches language 'en'" in str(caught.value)


def run_cli(args: list[str], stdin: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run the console entry point; (exit status, stdout + stderr)."""
    import io
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with pytest.raises(SystemExit) as caught:
            main(args)
    finally:
        sys.stdin = old
    captured = capsys.readouterr()
    return int(caught.value.code or 0), captured.out + captured.err


def test_cli_prints_one_segment_per_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "text.txt"
    source.write_text("M. Dupont arrive. Il\nsourit.\n\n\nFin ! Oui.\n", "utf-8")
    status, output = run_cli(["segment", str(source)], "", capsys)
    assert status == 0
    assert output == "M. Dupont arrive.\nIl sourit.\n\nFin !\nOui.\n\n"
    status, output = run_cli(["segment", "--mode", "paragraph", "-"], "A. B.\n", capsys)
    assert (status, output) == (0, "A. B.\n\n")


def test_cli_reports_a_malformed_srx_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.srx"
    bad.write_text("<srx>\n<body>\n<languagerules>\n</srx>\n", "utf-8")
    status, output = run_cli(["segment", "--srx", str(bad), "-"], "Un. Deux.\n", capsys)
    assert status == 2
    assert f"passerelle: error: {bad}:4: not well-formed XML" in output


def test_cli_takes_the_projects_srx_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "rules.srx").write_text(USER_SRX, "utf-8")
    (tmp_path / "passerelle.toml").write_text('source-lang = "fr"\nsrx = "rules.srx"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    status, output = run_cli(["segment", "-"], "Un; deux. Trois\n", capsys)
    assert (status, output) == (0, "Un;\ndeux. Trois\n\n")
