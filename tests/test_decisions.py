"""Decisions, commitments, recommendations and objectives, with their themes."""
import pytest

from etl.decisions import theme_of
from etl.extract import extract_article


def decisions(text):
    return extract_article(text, article_id="t").decisions


@pytest.mark.parametrize("marker", ["-", "•", "✅", "🔹", "1.", "2)", "a)", "*"])
def test_list_under_lead_in_whatever_the_marker(marker):
    text = ("Au terme de leurs travaux, les ministres ont convenu de ce qui suit :\n"
            f"{marker} Création d’un fonds régional de solidarité pour les déplacés.\n"
            f"{marker} Mise en place d’un mécanisme conjoint d’alerte précoce.\n\n"
            "La prochaine session se tiendra à Niamey.")
    rows = decisions(text)
    assert [r["text"] for r in rows] == ["Création d’un fonds régional de solidarité pour les déplacés.",
                                         "Mise en place d’un mécanisme conjoint d’alerte précoce."]
    assert {r["kind"] for r in rows} == {"decision"}
    assert [r["theme"] for r in rows] == ["financing", "early_warning"]


def test_recommendations_heading_and_unmarked_items():
    text = ("L’atelier a pris fin vendredi dans la capitale.\n"
            "Recommandations\n"
            "Les participants ont formulé les recommandations suivantes :\n"
            "Renforcer la coordination entre les services techniques de l’État.\n"
            "Impliquer les leaders communautaires dans la sensibilisation.\n\n"
            "Le ministre a remercié les partenaires techniques et financiers pour leur appui constant.")
    rows = decisions(text)
    assert [r["kind"] for r in rows] == ["recommendation", "recommendation"]
    assert rows[1]["text"].startswith("Impliquer les leaders communautaires")


def test_inline_items_after_lead_in():
    text = ("Le Conseil des ministres a adopté les décisions suivantes : la création d’une agence nationale "
            "de gestion des catastrophes ; la révision du code de l’eau ; le recrutement de 500 enseignants.")
    rows = decisions(text)
    assert len(rows) == 3
    assert rows[1]["text"] == "la révision du code de l’eau"


@pytest.mark.parametrize("sentence, kind, text", [
    ("Les chefs d’État ont décidé de créer une force unifiée de 5 000 hommes.", "decision",
     "créer une force unifiée de 5 000 hommes"),
    ("Les trois pays s’engagent à mutualiser leurs moyens de surveillance aérienne.", "commitment",
     "mutualiser leurs moyens de surveillance aérienne"),
    ("Le comité recommande aux autorités de renforcer la protection des civils.", "recommendation",
     "renforcer la protection des civils"),
    ("Ce projet vise à améliorer l’accès à l’eau potable dans 40 villages.", "objective",
     "améliorer l’accès à l’eau potable dans 40 villages"),
    ("L’initiative a pour but de former 300 jeunes aux métiers du numérique.", "objective",
     "former 300 jeunes aux métiers du numérique"),
    ("L’objectif de cette rencontre est de définir une feuille de route commune.", "objective",
     "définir une feuille de route commune"),
    ("Le programme ambitionne de doter chaque commune d’un plan de développement.", "objective",
     "doter chaque commune d’un plan de développement"),
])
def test_prose_decisions_and_objectives(sentence, kind, text):
    rows = decisions(sentence)
    assert [(r["kind"], r["text"]) for r in rows] == [(kind, text)]
    assert sentence[rows[0]["char_start"]:rows[0]["char_end"]] == rows[0]["quote"]


@pytest.mark.parametrize("sentence", [
    "« Nous avons décidé de nous réunir pour échanger », a-t-il dit.",
    "Le Mali compte 4,8 millions de personnes dans le besoin.",
    "La réunion va se tenir à Bamako la semaine prochaine.",
])
def test_not_decisions(sentence):
    assert decisions(sentence) == []


def test_decision_ids_survive_whitespace_and_punctuation_changes():
    a = decisions("Les ministres ont décidé de créer un fonds commun de solidarité.")
    b = decisions("Les ministres  ont décidé de créer un fonds commun de solidarité !")
    assert a[0]["decision_id"] == b[0]["decision_id"]


@pytest.mark.parametrize("text, theme", [
    ("Mise en place d’actions anticipatoires face aux sécheresses", "anticipatory_action"),
    ("Réaffirmation du respect des principes humanitaires", "principles_sovereignty"),
    ("Promotion de solutions durables pour les déplacés", "durable_solutions"),
    ("Accompagner les communes dans la coopération décentralisée", "decentralisation"),
    ("Un texte sans thème reconnu", "other"),
])
def test_theme_lexicon(text, theme):
    assert theme_of(text) == theme


def test_council_of_ministers_idioms():
    text = ("Le Conseil a adopté deux décrets.\n\n"
            "Le premier décret porte adoption du Plan national de réponse à la période de soudure.\n\n"
            "Le Conseil a marqué son accord pour la ratification de l'accord de financement avec la Banque mondiale.\n\n"
            "Le Conseil a par ailleurs instruit le ministre de la Santé de renforcer la surveillance épidémiologique.\n\n"
            "Au regard de la situation, le Conseil a décidé :\n"
            "1- la gratuité des soins pour les personnes déplacées internes ;\n"
            "2- le renforcement des effectifs de santé dans les zones à fort défi sécuritaire.\n\n"
            "NOMINATIONS\n"
            "- Madame KONATÉ/TRAORÉ Aminata est nommée Directrice générale du Fonds de solidarité ;\n"
            "- Monsieur OUEDRAOGO Issaka est nommé Secrétaire permanent du CONASUR.\n")
    texts = [r["text"] for r in decisions(text)]
    assert "adoption du Plan national de réponse à la période de soudure" in texts
    assert "la ratification de l'accord de financement avec la Banque mondiale" in texts
    assert "renforcer la surveillance épidémiologique" in texts
    assert any(t.startswith("la gratuité des soins") for t in texts)
    assert any(t.startswith("le renforcement des effectifs") for t in texts)
    assert sum(t.startswith(("Madame KONATÉ", "Monsieur OUEDRAOGO")) for t in texts) == 2


@pytest.mark.parametrize("sentence, expected", [
    ("Les ministres se sont engagés, à l'issue de la réunion de Lomé, à reconstituer les stocks de la réserve régionale.",
     ("commitment", "reconstituer les stocks de la réserve régionale")),
    ("L'UE s'engage également à maintenir son appui aux pays du Sahel central.",
     ("commitment", "maintenir son appui aux pays du Sahel central")),
    ("Les partenaires appellent les bailleurs à débloquer « immédiatement » des fonds pour l'assistance.",
     ("recommendation", "débloquer « immédiatement » des fonds pour l'assistance")),
    ("Les ministres ont convenu de se réunir tous les six mois, en alternance dans les trois capitales.",
     ("decision", "se réunir tous les six mois, en alternance dans les trois capitales")),
])
def test_commitments_with_interruptions_and_quotes(sentence, expected):
    assert [(r["kind"], r["text"]) for r in decisions(sentence)] == [expected]


def test_allocation_lists_are_not_decisions_but_aims_lists_are_objectives():
    text = ("Ces fonds seront répartis comme suit :\n✔ Burkina Faso : 22 millions d'euros\n✔ Mali : 17,5 millions d'euros\n\n"
            "Ce financement vise notamment :\n"
            "➢ à fournir une assistance alimentaire d'urgence pendant la soudure ;\n"
            "➢ à garantir l'accès aux soins de santé primaires.\n")
    rows = decisions(text)
    assert [r["kind"] for r in rows] == ["objective", "objective"]
    assert rows[0]["text"].startswith("fournir une assistance alimentaire")
