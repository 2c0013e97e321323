"""Decisions in lists: lead-ins that adopt or only introduce, items under addressee headings, lists after "en outre",
key figures after a list. Sentences written for the tests."""
from etl.extract import extract_article


def extract(text, published="2025-05-20"):
    return extract_article(text, article_id="t", published_date=published)


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


def test_a_council_that_examined_and_adopted_and_a_list_after_en_outre():
    text = ("Compte rendu du Conseil des ministres\n\nLe Conseil a examiné et adopté le projet de loi portant code "
            "de la protection civile au Niger.\n\nLe Conseil a par ailleurs décidé :\n"
            "- la création d'un fonds de riposte aux catastrophes ;\n- le recrutement de 300 agents de santé communautaire.\n")
    texts = [d["text"] for d in extract(text).decisions]
    assert any(t.startswith("le projet de loi portant code de la protection civile") for t in texts)
    assert any(t.startswith("la création d'un fonds de riposte") for t in texts)
    assert any(t.startswith("le recrutement de 300 agents") for t in texts)


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


def test_a_councils_item_on_a_line_of_its_own_is_a_decision():
    text = ("Compte rendu du Conseil des ministres\n\n"
            "Le Conseil des ministres s’est réuni le mercredi 26 mars 2025 sous la présidence du Chef de l’État.\n\n"
            "Réalisation des études et travaux de requalification de l’esplanade du Palais des Congrès de Cotonou.\n\n"
            "Le Conseil a pris acte de la situation des marchés.\n")
    rows = extract(text).decisions
    assert [r["rule"] for r in rows if r["text"].startswith("Réalisation des études")] == ["titled_act"]


def test_a_noun_line_outside_a_communique_or_with_a_verb_is_not_a_titled_act():
    assert not [r for r in extract("Un reportage\n\nRéalisation des études de terrain dans trois villages du nord.\n").decisions
                if r["rule"] == "titled_act"]
    rows = extract("Compte rendu du Conseil des ministres\n\nLe Conseil des ministres s’est réuni le mercredi 26 mars "
                   "2025.\n\nConstruction du pont qui a été retardée par les pluies.\n").decisions
    assert not [r for r in rows if r["rule"] == "titled_act"]


# ---------------------------------------------------------------- texts named after the sentence that adopts them
def test_the_sentence_naming_adopted_texts_gives_one_row_per_repeated_title():
    text = ("Compte rendu\n\nLes ministres de la Confédération ont adopté trois projets de textes juridiques. "
            "Il s’agit des projets de Protocole additionnel relatif à la gestion des frontières, relatif à la "
            "coordination des secours et relatif aux échanges de données sanitaires.\n")
    texts = [d["text"] for d in extract(text).decisions if d["rule"] == "named_instruments"]
    assert texts == ["projets de Protocole additionnel relatif à la gestion des frontières",
                     "relatif à la coordination des secours", "relatif aux échanges de données sanitaires"]


def test_it_is_about_texts_only_after_a_sentence_that_adopts_something():
    text = ("Compte rendu\n\nLe ministre a visité le marché central de Dosso. Il s’agit des projets de loi "
            "relatifs au commerce de détail dont il a parlé la veille.\n")
    assert [d for d in extract(text).decisions if d["rule"] == "named_instruments"] == []
