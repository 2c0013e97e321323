"""Decisions in prose: council acts, commitments and recommendations, what is cut after "et" or "tandis que",
signatures and intentions that are not decisions, agenda counts. Sentences written for the tests."""
import pytest

from etl.extract import extract_article


def extract(text, published="2025-05-20"):
    return extract_article(text, article_id="t", published_date=published)


# ---------------------------------------------------------------- prose
def decisions_of(text):
    return [(d["kind"], d["text"]) for d in extract(text + "\n").decisions]


def test_a_forecast_is_not_a_commitment():
    text = "Les services météorologiques annoncent des températures de 41°C et des pluies orageuses sur Kayes."
    assert extract(text).decisions == []
    kept = extract("Le gouvernement malien annonce la création de trois centres d'accueil à Kayes.").decisions
    assert [d["kind"] for d in kept] == ["commitment"]


@pytest.mark.parametrize("sentence, expected", [
    ("Le préfet a également promis de rétablir l'eau potable dans les quartiers sinistrés avant la fin du mois.",
     ("commitment", "rétablir l'eau potable dans les quartiers sinistrés avant la fin du mois")),
    ("La situation reste préoccupante à Djibo, a-t-elle souligné, avant d'inviter les bailleurs à renforcer l'aide alimentaire.",
     ("recommendation", "les bailleurs à renforcer l'aide alimentaire")),
    ("Le Bénin entend par ailleurs doubler la capacité de stockage du port sec de Parakou d'ici à 2028.",
     ("commitment", "doubler la capacité de stockage du port sec de Parakou d'ici à 2028")),
    ("Le ministre a annoncé que le gouvernement allait recruter 300 agents de santé communautaires.",
     ("commitment", "recruter 300 agents de santé communautaires")),
    ("Il a annoncé que le conseil municipal a décidé de suspendre les taxes sur les marchés de bétail.",
     ("decision", "suspendre les taxes sur les marchés de bétail")),
])
def test_prose_commitments_and_recommendations(sentence, expected):
    assert decisions_of(sentence) == [expected]


def test_a_second_statement_after_et_is_cut_from_the_first():
    rows = decisions_of("La ministre a annoncé que l'État prendra en charge les frais d'obsèques des victimes, "
                        "et a instruit les gouverneurs de recenser les familles sinistrées.")
    assert ("commitment", "que l'État prendra en charge les frais d'obsèques des victimes") in rows or \
        ("commitment", "l'État prendra en charge les frais d'obsèques des victimes") in rows
    assert ("decision", "recenser les familles sinistrées") in rows
    assert not any("instruit" in text for _, text in rows)


def test_a_statement_of_another_subject_after_tandis_que_is_cut():
    rows = decisions_of("Le Burkina Faso promet de céder un terrain de cinq hectares à Ouagadougou, "
                        "tandis que Niamey entend héberger le centre régional de formation.")
    assert ("commitment", "céder un terrain de cinq hectares à Ouagadougou") in rows
    assert ("commitment", "héberger le centre régional de formation") in rows


def test_a_signature_with_a_purpose_is_an_event_and_an_objective_not_a_decision():
    rows = decisions_of("L'UNICEF et le ministère de la Santé ont signé le 12 du mois en cours, à Niamey, une convention "
                        "de 3 millions d'euros destinée à équiper les centres de santé de la région de Diffa.")
    assert rows == [("objective", "équiper les centres de santé de la région de Diffa")]


def test_a_signed_agreement_without_a_purpose_is_a_decision_starting_at_the_instrument():
    rows = decisions_of("Les gouverneurs de Tillabéri et de Gao ont signé mardi, à Ayorou, un accord de coopération "
                        "transfrontalière relatif à la transhumance.")
    assert rows == [("decision", "un accord de coopération transfrontalière relatif à la transhumance")]


@pytest.mark.parametrize("sentence", [
    "Les retours restent précaires : près de 30 % des ménages retournés envisagent de repartir.",
    "Selon l'enquête, la moitié des familles déplacées souhaitent un retour dans leurs villages d'origine.",
    "Beaucoup de jeunes envisagent un départ vers les sites aurifères.",
])
def test_intentions_of_people_are_not_objectives(sentence):
    assert decisions_of(sentence) == []


def test_intentions_of_institutions_remain_objectives():
    assert decisions_of("Le gouvernement envisage la construction de trois nouveaux sites d'accueil à Kaya.") == \
        [("objective", "la construction de trois nouveaux sites d'accueil à Kaya")]


@pytest.mark.parametrize("sentence, expected", [
    ("Le gouvernement s'est également engagé à distribuer des semences améliorées aux producteurs sinistrés.",
     [("commitment", "distribuer des semences améliorées aux producteurs sinistrés")]),
    ("La Banque mondiale s'engage par ailleurs à financer la reconstruction des ponts emportés par la crue.",
     [("commitment", "financer la reconstruction des ponts emportés par la crue")]),
    # a second infinitive after ", et à": two commitments
    ("Le ministre s'est en outre engagé à réhabiliter les salles de classe endommagées, soit près de 120 selon la direction "
     "régionale, et à doter les écoles de kits scolaires.",
     [("commitment", "réhabiliter les salles de classe endommagées, soit près de 120 selon la direction régionale"),
      ("commitment", "doter les écoles de kits scolaires")]),
])
def test_commitments_with_an_adverb_after_the_auxiliary(sentence, expected):
    assert decisions_of(sentence) == expected


def test_an_appeal_to_someone_to_act_is_a_recommendation_but_an_appeal_for_solidarity_is_not():
    assert decisions_of("Le sommet LANCE UN APPEL aux bailleurs de fonds pour qu'ils honorent leurs promesses de contribution.") == \
        [("recommendation", "aux bailleurs de fonds pour qu'ils honorent leurs promesses de contribution")]
    assert decisions_of("Le préfet a lancé un appel à la solidarité envers les familles sinistrées de Dosso.") == []


@pytest.mark.parametrize("sentence", [
    "Le Conseil a adopté trois (03) décrets.",
    "Au cours de cette séance, le Conseil a adopté deux projets de loi et un projet de décret, écouté cinq communications et suivi des divers.",
    "Cette annonce intervient après la visite du Premier ministre dans la région de Dosso.",
    "Plus de 4 300 ménages ont été recensés dans les communes de Karimama et de Malanville, a annoncé le préfet de l'Alibori.",
    "Au moins 1 200 réfugiés sont arrivés en une semaine, a annoncé la Coordination nationale des réfugiés (CNR).",
])
def test_agenda_counts_announcement_nouns_and_speakers_are_not_decisions(sentence):
    assert decisions_of(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Le Conseil a adopté deux décrets portant création des agences régionales de l'eau.",
     ("decision", "deux décrets portant création des agences régionales de l'eau")),
    ("Le gouverneur, en tournée à Fada N'Gourma, a annoncé la réouverture de douze écoles.",
     ("commitment", "la réouverture de douze écoles")),
])
def test_substantive_adoptions_and_announcements_remain(sentence, expected):
    assert decisions_of(sentence) == [expected]


@pytest.mark.parametrize("sentence", [
    "Le Conseil des ministres a examiné des projets de texte, procédé à des nominations, et autorisé des missions à l’étranger.",
    "Le Conseil a adopté sept projets de textes et suivi une communication du Président de la République.",
    "Au cours de cette séance, plusieurs décisions ont été prises par le Gouvernement.",
])
def test_a_meeting_described_by_its_agenda_is_not_a_decision(sentence):
    assert extract("Compte rendu du Conseil des ministres\n\n" + sentence + "\n").decisions == []


def test_an_agenda_item_with_its_content_remains_a_decision():
    rows = extract("Compte rendu du Conseil des ministres\n\nLe Conseil a adopté un décret portant création d’un fonds "
                   "national de solidarité pour les personnes déplacées internes.\n").decisions
    assert len(rows) == 1 and "fonds national de solidarité" in rows[0]["text"]


@pytest.mark.parametrize("sentence, text, decided_by", [
    ("Les députés ont voté, ce jeudi, à l’unanimité, leur budget exercice 2025.", "leur budget exercice 2025", "députés"),
    ("Les ministres ont adopté, mardi dernier, le plan régional de riposte aux inondations.",
     "le plan régional de riposte aux inondations", "ministres"),
])
def test_adverbials_before_the_object_are_cut_and_the_article_of_who_decided_dropped(sentence, text, decided_by):
    rows = extract("Compte rendu\n\n" + sentence + "\n").decisions
    assert [(r["text"], r["decided_by"]) for r in rows] == [(text, decided_by)]


@pytest.mark.parametrize("sentence, expected", [
    ("Le second projet de loi porte sur la protection des personnes déplacées.",
     "la protection des personnes déplacées"),
    ("Le premier prêt, de 40 milliards de francs CFA, concerne un programme d’adduction d’eau dans trois régions.",
     "un programme d’adduction d’eau dans trois régions"),
    ("Un autre don du même montant servira, lui, à financer la réhabilitation des centres de santé.",
     "financer la réhabilitation des centres de santé"),
])
def test_each_counted_item_after_a_signature_is_a_decision(sentence, expected):
    text = "Compte rendu\n\nLe ministre a signé trois accords de financement avec la banque. " + sentence + "\n"
    rows = [d for d in extract_article(text, article_id="t").decisions if d["rule"] == "ordinal_item"]
    assert [d["text"] for d in rows] == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("Le programme vise dans sa première phase à restaurer les pâturages de la région de Tahoua.",
     [("objective", "restaurer les pâturages de la région de Tahoua")]),
    ("Le port sec va contribuer à la fluidité du trafic sur le corridor Lomé-Ouagadougou.",
     [("objective", "la fluidité du trafic sur le corridor Lomé-Ouagadougou")]),
    ("L’objectif global du projet financé par la banque est de réduire la malnutrition des enfants de moins de cinq ans.",
     [("objective", "réduire la malnutrition des enfants de moins de cinq ans")]),
    ("Trois ONG ont lancé un projet pour renforcer les moyens d’existence des ménages agropastoraux.",
     [("objective", "renforcer les moyens d’existence des ménages agropastoraux")]),
    ("Le projet contribuera à : (i) la réhabilitation des forages ; (ii) la formation des comités de gestion de l’eau.",
     [("objective", "la réhabilitation des forages"), ("objective", "la formation des comités de gestion de l’eau")]),
])
def test_aims_of_programmes_in_their_other_wordings(sentence, expected):
    assert decisions_of(sentence) == expected


def test_a_purpose_after_a_word_that_is_no_initiative_is_not_an_objective():
    assert [k for k, _ in decisions_of("Les familles ont quitté le village pour rejoindre leurs proches à Dori.")
            if k == "objective"] == []


@pytest.mark.parametrize("sentence", [
    "« Les mécanismes doivent être renforcés », a insisté Laurent Traoré, le ministre de l’Agriculture.",
    "« Nous avons parlé de notre action conjointe », a confié Dr Paul Martin.",
    "« L’analyse couvre tous les besoins » plaide Awa Diallo, coordinatrice humanitaire.",
    "Le ministre des Mines a présenté une communication relative au bilan de la saison.",
    "La ministre a procédé ce lundi, à Kayes, au lancement du plan régional de riposte.",
    "Le chef de coopération a procédé, le 21 juin, à l’inauguration du centre de santé de Dogbo.",
])
def test_attributions_agenda_items_and_ceremonies_are_not_decisions(sentence):
    """The speaker after a quotation is no decision (the quotation may hold one); an agenda item or a ceremony is none."""
    closing = sentence.find("»")  # -1 without a quotation: then nothing may be read as a decision
    assert [text for _kind, text in decisions_of(sentence) if sentence.find(text) > closing] == []
