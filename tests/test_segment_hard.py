"""French sentence boundaries that edited news, wiki and legal text needs and a generic rule set
gets wrong: each case is written here for this test, the sentences as a reader cuts them.

The cases come in pairs where they can: the same abbreviation, initial or numeral once inside a
sentence and once at its end, so that a rule that only ever breaks, or never does, fails one.
"""

from __future__ import annotations

import pytest

from passerelle.segment.sentences import split_sentences

INITIALS_AND_ACRONYMS = [
    ["Le Hobbit, de J.R.R. Tolkien, paraît en 1937.", "Le succès est immédiat."],
    ["La préface cite H.G. Wells, E.T.A. Hoffmann et W.B. Yeats."],
    ["L'enquête vise la S.N.C.F.", "Le ministre a réagi dès lundi."],
    ["Ils ont fondé une S.A.", "Elle compte douze salariés."],
    ["Le colis est parti par U.P.S.", "Nous le recevrons jeudi."],
    ["Le rapport a été remis à l'O.N.U.", "Depuis, rien n'a bougé."],
    ["Il a rejoint l'O.N.U. (Organisation des Nations unies) en 1995."],
    ["Elle gère la société S.A.R.L. (société à responsabilité limitée) de son père."],
    [
        "Les chercheurs du C.N.R.S. (Centre national de la recherche scientifique) et, depuis "
        "peu, ceux de l'université travaillent ensemble."
    ],
    ["Un article de J. Le Goff ouvre le volume.", "Il date de 1977."],
    ["Le prix est allé à J.-M. G. Le Clézio en 2008."],
    ["On doit à J. d'Alembert une partie de l'Encyclopédie."],
    ["Le modèle s'appelle Série X.", "Il sort en septembre."],
    ["Ils ont choisi le plan B.", "Personne n'y croyait pourtant."],
    ["Les soldats de l'U.S. Army sont arrivés hier."],
]

LEGAL_REFERENCES = [
    ["La sanction est prévue à l'article R. 123-4 du code de la route.", "Elle est rare."],
    ["Selon l'art. L. 1234-9 du Code du travail, l'indemnité est due."],
    ["Les articles L. 312-1 et R. 312-2 s'appliquent.", "Voir aussi l'art. D. 45."],
    ["Le décret modifie l'article D. 8 et l'article A. 12 du même code."],
    ["L'al. 2 de l'art. 5 est abrogé.", "Le reste demeure."],
    ["Voir Cass. soc., 12 mai 2010, et Cass. civ. 1re, 3 juin 2015."],
    ["Le texte renvoie à l'article L. 121.", "Il ne dit rien de plus."],
    ["Voir l'art. 1240 C. civ. et l'art. 121-3 C. pén.", "Ces textes fondent la responsabilité."],
]

ENGLISH_ABBREVIATIONS = [
    ["Le Dr. Watson entre.", "Mr. Holmes l'attend depuis une heure."],
    ["Mrs. Dalloway est un roman de Virginia Woolf."],
    ["Le film suit Martin Luther King Jr. et sa famille."],
    ["Le discours est de Martin Luther King Jr.", "Il date de 1963."],
    ["La start-up a été rachetée par Apple Inc. en 2019.", "Le montant reste secret."],
    ["Le siège de Acme Ltd. se trouve à Leeds."],
    ["Dupont et al. ont montré l'inverse.", "La question reste ouverte."],
    ["Le texte est de Dupont et al.", "Les données sont publiques."],
]

PUNCTUATION_AFTER_A_PERIOD = [
    ["Réf. : ISO 9001.", "Version : 2."],
    ["Tél. : 01 23 45 67 89.", "Courriel : contact@exemple.fr."],
    ["Il attendit. . . puis il partit.", "La nuit tomba."],
    ["Il attendit. . .", "Rien ne vint."],
]

NUMERALS_AT_A_SENTENCE_END = [
    ["Le traité fut signé sous Napoléon III.", "Puis vint la guerre."],
    ["Le poste tournait sous Windows XP.", "Il a été remplacé en 2015."],
    ["Le concile s'ouvrit sous Jean XXIII.", "Il dura trois ans."],
    ["La course se joue en Formule 1.", "Les pilotes partent à 15 h."],
    ["Auguste meurt en 14 apr. J.-C.", "Tibère lui succède."],
    ["Il naît en 63 av. J.-C. à Rome.", "Sa mère est la nièce de César."],
]

RUNS_OF_DOTS = [
    ["Et puis.... plus rien...", "Le silence."],
    ["Il hésita..... puis il signa.", "Tout était dit."],
    ["Attends....", "Non, reste !"],
    ["Il compta : un.... deux.... trois."],
]

STRAIGHT_QUOTES = [
    ['Il a dit : " C\'est fini. "', "Puis il est parti."],
    ["Il est parti.", '" Je reste ", dit-elle.'],
    ['Il cria : " Sortez ! "', "Personne ne bougea."],
    ['Elle répondit : "Non."', "Puis elle sortit."],
    ['Il a lu " Le Rouge et le Noir ".', '" Un chef-d\'œuvre ", dit-il.'],
    ['"Pourquoi ?" demanda-t-elle.'],
    ["L'écran mesure 15\" et pèse peu.", '" Trop cher ", dit le vendeur.'],
]

NUMBERED_PARAGRAPHS = [
    ["Article premier.", "1. Toute personne a droit au repos.", "2. Nul ne peut en être privé."],
    ["Les résultats sont nets.", "II. Les causes sont multiples."],
    ["Il en reste deux.", "1.2. La méthode retenue est simple."],
    ["La loi modifie l'art. 12.", "Elle entre en vigueur en mars."],
]

LOWERCASE_QUESTIONS = [
    ["Quand part le train ?", "à quelle heure arrive-t-il ?"],
    ["Quelle chaleur !", "à midi, il faisait 40 degrés."],
    ["Tu viens ? demanda-t-il."],
]

ALL = (
    INITIALS_AND_ACRONYMS
    + LEGAL_REFERENCES
    + ENGLISH_ABBREVIATIONS
    + PUNCTUATION_AFTER_A_PERIOD
    + NUMERALS_AT_A_SENTENCE_END
    + RUNS_OF_DOTS
    + STRAIGHT_QUOTES
    + NUMBERED_PARAGRAPHS
    + LOWERCASE_QUESTIONS
)


@pytest.mark.parametrize("expected", ALL, ids=[case[0][:40] for case in ALL])
def test_hard_case(expected: list[str]) -> None:
    text = " ".join(expected)
    pieces = split_sentences(text, "fr")
    assert "".join(pieces) == text
    assert [piece.strip() for piece in pieces] == expected


def test_cases_joined_into_one_paragraph() -> None:
    """Cases run together as a paragraph: context from one must not change the next."""
    expected = [sentence for case in ALL for sentence in case]
    text = " ".join(expected)
    assert [piece.strip() for piece in split_sentences(text, "fr")] == expected
