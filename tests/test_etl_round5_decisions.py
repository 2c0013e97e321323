"""Hard cases for decisions, events and dates found by the fifth held-out set, on sentences
written for these tests: datelines in bold or naming two cities, "Date de publication :" lines,
meetings "réuni avant-hier" or "réunis depuis jeudi", lists of recommendations under addressees,
council prose, commitments in prose, and signatures or intentions to leave that are not decisions."""
import pytest

from etl.dates import find_dates
from etl.extract import extract_article
from etl.segment import segment


def extract(text, published="2025-05-20"):
    return extract_article(text, article_id="t", published_date=published)


def events_of(text, published=None):
    return [(e["date_start"], e["date_precision"], e["kind"]) for e in extract(text, published).events]


# ---------------------------------------------------------------- publication dates
@pytest.mark.parametrize("first_line", [
    "**OUAGADOUGOU/BAMAKO, 12 mars 2025** – Les agences humanitaires ont lancé un appel de fonds pour la saison sèche.",
    "_ABIDJAN, 12 mars 2025_ – Les agences humanitaires ont lancé un appel de fonds pour la saison sèche.",
    "NIAMEY/DAKAR, le 12 mars 2025 – Les agences humanitaires ont lancé un appel de fonds pour la saison sèche.",
])
def test_dateline_in_bold_or_naming_two_cities_dates_the_page(first_line):
    text = f"# Appel humanitaire\n\n*Communiqué de presse*\n\n{first_line}\n\nLa réunion suivante se tiendra le 4 avril à Lomé.\n"
    doc = segment(text)
    assert doc.dateline is not None and doc.dateline.date_start == "2025-03-12"
    ex = extract_article(text, article_id="t")
    assert ex.published_date == "2025-03-12"
    # the day without a year is resolved against it, not left as --04-04
    assert ("2025-04-04", "day", "meeting") in [(e["date_start"], e["date_precision"], e["kind"]) for e in ex.events]


def test_dateline_is_cut_from_the_story_even_when_a_published_line_dates_the_page():
    text = ("Publié le 14 mai 2025 | Par la rédaction\n\n"
            "Dosso, 14 mai (ANP) – Le comité régional de crise s'est réuni hier à Dosso pour faire le point.\n")
    doc = segment(text)
    body = next(ln for ln in doc.lines if ln.kind == "prose")
    assert text[body.content_start:].startswith("Le comité régional")
    ex = extract_article(text, article_id="t")
    assert [(e["date_start"], e["kind"]) for e in ex.events] == [("2025-05-13", "meeting")]


@pytest.mark.parametrize("label", ["Date de publication : 07/11/2025", "Date de parution : 7 novembre 2025"])
def test_date_of_publication_line_dates_a_report(label):
    text = (f"Programme alimentaire mondial (PAM)\nBulletin de suivi des marchés – Niger\n{label}\n"
            "Période couverte : du 1er au 31 octobre 2025\n"
            "Au 31 octobre 2025, les prix du mil ont augmenté dans la plupart des marchés suivis.\n")
    assert extract_article(text, article_id="t").published_date == "2025-11-07"


def test_date_of_collection_is_not_the_publication_date():
    text = ("Bulletin de suivi – Mali\nDate de collecte : 03/10/2025\n"
            "Au 30 septembre 2025, les prix du mil ont augmenté dans la plupart des marchés suivis.\n")
    assert extract_article(text, article_id="t").published_date is None


# ---------------------------------------------------------------- relative days of meetings
@pytest.mark.parametrize("sentence, published, expected", [
    ("Le conseil régional de sécurité s'est réuni avant-hier à Tahoua sous la présidence du gouverneur.",
     "2025-06-12", "2025-06-10"),
    ("Le cadre de concertation humanitaire s'est réunie hier à Kara.", "2025-06-12", "2025-06-11"),
    # "depuis jeudi": the most recent Thursday on or before publication (2025-06-14 is a Saturday)
    ("Les gouverneurs des régions frontalières sont réunis depuis jeudi à Dori pour une session extraordinaire.",
     "2025-06-14", "2025-06-12"),
    ("Les experts des trois pays sont réunis depuis hier à Bobo-Dioulasso.", "2025-06-14", "2025-06-13"),
])
def test_meetings_dated_by_a_relative_day(sentence, published, expected):
    assert (expected, "day", "meeting") in events_of(sentence + "\n", published)


def test_since_weekday_is_a_date_only_after_depuis():
    found = find_dates("Les travaux se poursuivent depuis lundi à Lomé.", published="2025-06-14")
    assert [(d.surface, d.date_start) for d in found] == [("lundi", "2025-06-09")]
    assert find_dates("Lundi sera consacré aux visites de terrain.", published="2025-06-14") == []


def test_since_a_weekday_without_a_meeting_is_no_event():
    assert events_of("Les prix du mil augmentent depuis mardi sur le marché de Kaya.\n", "2025-06-14") == []


# ---------------------------------------------------------------- lists under addressees
COMMUNIQUE = """COMMUNIQUÉ FINAL

1. L'atelier régional de validation s'est tenu les 14 et 15 mai 2025 à Niamey.

2. Au terme de ses travaux, l'atelier a validé le plan régional de contingence et formule les recommandations suivantes :

Aux gouvernements :
1° inscrire les dépenses de préparation aux urgences dans les lois de finances ;
2° actualiser les listes de ménages vulnérables avant la prochaine soudure ;

À la Commission de la CEDEAO :
– appuyer la mise en place des comités régionaux d'alerte précoce ;

Aux partenaires humanitaires :
• pré-positionner les intrants nutritionnels dans les districts frontaliers ;
• financer les évaluations conjointes des marchés.

3. Les participants remercient le pays hôte pour son hospitalité.
"""


def test_recommendations_under_addressee_headings_each_inherit_the_lead_in():
    decs = {d["text"].rstrip("."): d["kind"] for d in extract(COMMUNIQUE).decisions}
    for item in ("inscrire les dépenses de préparation aux urgences dans les lois de finances",
                 "actualiser les listes de ménages vulnérables avant la prochaine soudure",
                 "appuyer la mise en place des comités régionaux d'alerte précoce",
                 "pré-positionner les intrants nutritionnels dans les districts frontaliers",
                 "financer les évaluations conjointes des marchés"):
        assert decs.get(item) == "recommendation", item


def test_what_a_lead_in_adopts_before_introducing_its_list_is_a_decision():
    decs = {d["text"]: d["kind"] for d in extract(COMMUNIQUE).decisions}
    assert decs.get("le plan régional de contingence") == "decision"
    assert not any("recommandations suivantes" in t for t in decs)


def test_a_lead_in_that_only_introduces_its_list_is_not_a_decision():
    text = ("Conseil des ministres du mercredi\n\nLe Conseil a adopté les mesures suivantes :\n– la gratuité des soins pour les enfants déplacés ;\n"
            "– la suspension des frais d'inscription scolaire.\n")
    texts = [d["text"] for d in extract(text).decisions]
    assert not any("mesures suivantes" in t for t in texts)
    assert "la gratuité des soins pour les enfants déplacés" in texts


def test_key_figures_after_a_decision_list_are_not_decisions():
    text = ("Inondations : les mesures du gouvernement\n\nRéuni en session extraordinaire à Niamey, le gouvernement a décidé :\n– la distribution gratuite de vivres aux sinistrés ;\n"
            "– la réhabilitation des écoles endommagées.\n\nChiffres clés :\n• 12 400 sinistrés recensés\n"
            "• 37 écoles endommagées\n")
    texts = [d["text"] for d in extract(text).decisions]
    assert "la distribution gratuite de vivres aux sinistrés" in texts
    assert not any("sinistrés recensés" in t or "écoles endommagées" == t for t in texts)


# ---------------------------------------------------------------- prose
def decisions_of(text):
    return [(d["kind"], d["text"]) for d in extract(text + "\n").decisions]


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


def test_a_sentence_opening_with_reunie_is_a_meeting():
    assert events_of("Réunie lundi dernier à Mopti sous la présidence du gouverneur, la cellule de crise a fait le point.\n",
                     "2025-06-14") == [("2025-06-09", "day", "meeting")]


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
