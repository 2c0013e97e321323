"""People and organisations: titles, roles, names in capitals, acronyms, merged variants."""
import pytest

from etl.actors import display_name, is_actor_name, merge_actor_mentions
from etl.extract import extract_article


def mentions(text, article_id="t"):
    return extract_article(text, article_id=article_id).actor_mentions


def test_person_with_role_after_name():
    ms = mentions("Aïcha Zongo-Sawadogo, ministre de la Solidarité, de l’Action humanitaire et de la Famille, a ouvert les travaux.")
    (p,) = [m for m in ms if m["kind"] == "person"]
    assert p["name"] == "Aïcha Zongo-Sawadogo"
    assert p["role"] == "ministre de la Solidarité, de l’Action humanitaire et de la Famille"


def test_person_with_role_before_name_gets_country_from_role():
    ms = mentions("Le Secrétaire général du ministère de la Santé du Niger, Moussa Issoufou Garba, a présidé la séance.")
    (p,) = [m for m in ms if m["kind"] == "person"]
    assert p["name"] == "Moussa Issoufou Garba"
    assert p["role"].startswith("secrétaire général du ministère de la Santé")
    assert p["country_iso3"] == "NER"


def test_titles_and_names_in_capitals():
    ms = mentions("Selon le Dr Aminata TRAORÉ, la situation reste préoccupante. Le colonel-major Issa KONÉ a confirmé.")
    names = sorted(m["name"] for m in ms if m["kind"] == "person")
    assert names == ["Aminata TRAORÉ", "Issa KONÉ"]


def test_organisations_with_acronyms():
    ms = mentions("Le Programme alimentaire mondial (PAM) et le Haut-Commissariat des Nations unies pour les réfugiés (HCR) "
                  "appuient l’Agence nationale de la protection civile. Le PAM a distribué des vivres.")
    orgs = {(m["name"], m["acronym"]) for m in ms if m["kind"] == "organization"}
    assert ("Programme alimentaire mondial", "PAM") in orgs
    assert ("Haut-Commissariat des Nations unies pour les réfugiés", "HCR") in orgs
    assert any(name.startswith("Agence nationale de la protection civile") for name, _ in orgs)


def test_variants_merge_across_articles():
    a = mentions("Mariam Ouédraogo-Kaboré, ministre de l’Action sociale, a lancé le programme.", "a1")
    b = mentions("Prof. Mariam OUÉDRAOGO-KABORÉ a rappelé l’engagement du gouvernement.", "a2")
    c = mentions("Le Programme alimentaire mondial (PAM) intervient. Le PAM salue l’initiative.", "a3")
    actors, rows = merge_actor_mentions(a + b + c)
    people = [x for x in actors if x["kind"] == "person"]
    assert len(people) == 1
    assert people[0]["name"] == "Mariam Ouédraogo-Kaboré" and people[0]["n_articles"] == 2
    pam = [x for x in actors if x["acronym"] == "PAM"]
    assert len(pam) == 1 and pam[0]["name"] == "Programme alimentaire mondial"
    assert {r["actor_id"] for r in rows} == {x["actor_id"] for x in actors}


def test_different_first_names_stay_apart():
    a = mentions("Le ministre Oumar Coulibaly a parlé.", "a1")
    b = mentions("Le maire Fatoumata Coulibaly a parlé.", "a2")
    actors, _ = merge_actor_mentions(a + b)
    assert len([x for x in actors if x["kind"] == "person"]) == 2


def test_byline_and_related_posts_are_not_actors():
    text = ("Le ministre Adama Sangaré a inauguré l’école de Kati, a-t-il annoncé mardi.\n\n"
            "Boubacar DIALLO\n\nArticles similaires\nQui est Oumou Sall, nouvelle directrice de l’Agence nationale ?\n")
    names = {m["name"] for m in mentions(text)}
    assert "Adama Sangaré" in names
    assert not any("DIALLO" in n or "Oumou" in n for n in names)


def test_display_name():
    assert display_name("Kossi ZINSOU-KLASSOU") == "Kossi Zinsou-Klassou"


def test_an_acronym_alone_and_its_long_form_are_one_actor_with_one_id():
    from etl.actors import merge_actor_mentions

    mentions = [
        {"name": "ONU", "kind": "organization", "acronym": None, "article_id": "a", "char_start": 0, "char_end": 3,
         "quote": "ONU", "mention": "ONU"},
        {"name": "Organisation des Nations unies", "kind": "organization", "acronym": "ONU", "article_id": "b",
         "char_start": 0, "char_end": 36, "quote": "Organisation des Nations unies (ONU)", "mention": "Organisation"},
    ]
    actors, assignment = merge_actor_mentions(mentions)
    assert len({a["actor_id"] for a in actors}) == len(actors) == 1
    assert {m["actor_id"] for m in assignment} == {actors[0]["actor_id"]}


@pytest.mark.parametrize("name, expected", [
    ("DE", False), ("AU TITRE DU", False), ("CHAPITRE", False), ("US", False), ("SE", False), ("G5", False),
    ("Mesures", False), ("HCR", True), ("Union africaine", True), ("Conseil des ministres", True),
])
def test_is_actor_name(name, expected):
    assert is_actor_name(name) is expected


def test_headings_in_capitals_give_no_actor():
    text = ("Communiqué du conseil des ministres du 12 mars 2025\n\n"
            "Le Conseil des ministres s'est tenu le mercredi 12 mars 2025 sous la présidence du Chef de l'Etat.\n\n"
            "I. DELIBERATIONS\n\nI.1. AU TITRE DU MINISTERE DE L’ECONOMIE, DES FINANCES ET DE LA PROSPECTIVE\n\n"
            "Le Conseil a adopté un décret portant organisation du ministère.\n\n"
            "AU CHAPITRE DES MESURES LEGISLATIVES ET REGLEMENTAIRES\n\n"
            "Le Conseil a adopté un projet d’ordonnance autorisant la ratification de l’Accord de prêt signé "
            "entre le Burkina Faso et le Fonds OPEP pour le développement international (OFID).\n")
    names = {a["name"] for a in extract_article(text, article_id="t").actor_mentions}
    assert names == {"Conseil des ministres", "Fonds OPEP pour le développement international"}


@pytest.mark.parametrize("text, first, second", [
    ("L'accord a été signé entre la Banque ouest-africaine de développement et le Fonds international de "
     "développement agricole.", "Banque ouest-africaine de développement", "Fonds international de développement agricole"),
    ("Une convention lie la Commission de la CEDEAO et l’Agence française de développement.",
     "Commission de la CEDEAO", "Agence française de développement"),
])
def test_two_organisations_joined_by_et_and_an_article_are_two_actors(text, first, second):
    names = {m["name"] for m in mentions(text) if m["kind"] == "organization"}
    assert first in names and second in names, names


@pytest.mark.parametrize("name", ["Ministère de l’Économie et des Finances",
                                  "Ministère de l’Agriculture et de l’Élevage"])
def test_a_name_whose_parts_are_joined_by_et_de_stays_one_actor(name):
    names = {m["name"] for m in mentions(f"Campagne agricole\n\nÀ Bamako, le {name} a publié mardi une note sur la campagne.") if m["kind"] == "organization"}
    assert name in names, names
