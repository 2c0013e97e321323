"""A generated corpus of French news articles in the style of West African sites.

For benchmarks only: ``generate_corpus(folder, n, seed)`` writes ``n`` varied
articles (mostly .txt, some .html pages with menus and comments, some with a
sidecar) built from templates, reference lists of places and organisations,
and random numbers written the French way. The same seed gives the same
corpus. Nothing here is committed output; it is generated at bench time.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

NBSP, NNBSP = "\u00a0", "\u202f"

# (country, "au/en/à" form, demonym, capital, regions or towns)
COUNTRIES = [
    ("Mali", "au Mali", "malien", "Bamako", ["Mopti", "Ségou", "Tombouctou", "Gao", "Kidal", "Kayes", "Sikasso", "Ménaka"]),
    ("Burkina Faso", "au Burkina Faso", "burkinabè", "Ouagadougou",
     ["Djibo", "Dori", "Kaya", "Fada N'Gourma", "Ouahigouya", "Bobo-Dioulasso", "Arbinda"]),
    ("Niger", "au Niger", "nigérien", "Niamey", ["Tillabéri", "Diffa", "Tahoua", "Maradi", "Agadez", "Zinder", "Dosso"]),
    ("Togo", "au Togo", "togolais", "Lomé", ["Dapaong", "Kara", "Sokodé", "Atakpamé", "Mango", "Kpalimé", "Tsévié"]),
    ("Tchad", "au Tchad", "tchadien", "N'Djamena", ["Abéché", "Moundou", "Mao", "Bol", "Adré", "Farchana"]),
    ("Bénin", "au Bénin", "béninois", "Cotonou", ["Parakou", "Natitingou", "Kandi", "Djougou", "Malanville"]),
    ("Côte d'Ivoire", "en Côte d'Ivoire", "ivoirien", "Abidjan", ["Korhogo", "Bouaké", "Odienné", "Ferkessédougou"]),
    ("Sénégal", "au Sénégal", "sénégalais", "Dakar", ["Matam", "Kolda", "Tambacounda", "Ziguinchor", "Podor"]),
    ("Mauritanie", "en Mauritanie", "mauritanien", "Nouakchott", ["Bassikounou", "Néma", "Kiffa", "Aleg"]),
    ("Guinée", "en Guinée", "guinéen", "Conakry", ["Kankan", "Labé", "Nzérékoré", "Siguiri", "Boké"]),
    ("Nigeria", "au Nigeria", "nigérian", "Abuja", ["Maiduguri", "Yola", "Sokoto", "Kano"]),
    ("Cameroun", "au Cameroun", "camerounais", "Yaoundé", ["Maroua", "Kousseri", "Garoua", "Mokolo"]),
]
ORGS = [
    ("Bureau de la coordination des affaires humanitaires", "OCHA"),
    ("Programme alimentaire mondial", "PAM"),
    ("Fonds des Nations unies pour l'enfance", "UNICEF"),
    ("Haut-Commissariat des Nations unies pour les réfugiés", "HCR"),
    ("Organisation internationale pour les migrations", "OIM"),
    ("Communauté économique des États de l'Afrique de l'Ouest", "CEDEAO"),
    ("Union économique et monétaire ouest-africaine", "UEMOA"),
    ("Comité international de la Croix-Rouge", "CICR"),
    ("Organisation des Nations unies pour l'alimentation et l'agriculture", "FAO"),
    ("Programme des Nations unies pour le développement", "PNUD"),
    ("Organisation mondiale de la santé", "OMS"),
    ("Banque africaine de développement", "BAD"),
]
FIRST_NAMES = ["Aminata", "Moussa", "Fatoumata", "Ibrahim", "Kossi", "Awa", "Boubacar", "Mariam", "Yaya", "Adjoa",
               "Souleymane", "Ramatou", "Issa", "Kadiatou", "Abdoulaye", "Efua", "Hamidou", "Salamatou", "Koffi",
               "Oumou", "Seydou", "Akouvi", "Mahamadou", "Nafissatou", "Yao", "Hadiza", "Lassina", "Djénéba"]
LAST_NAMES = ["Traoré", "Diallo", "Ouédraogo", "Mahamadou", "Agbéko", "Coulibaly", "Sawadogo", "Issoufou", "Kéita",
              "Kouassi", "Sanogo", "Abdou", "Amégah", "Camara", "Zongo", "Garba", "Mensah", "Touré", "Kaboré",
              "Diarra", "Tchassanti", "Hamani", "Soro", "Bamba", "Sidibé", "Adjovi"]
TITLES = ["M.", "Mme", "Monsieur", "Madame", "Dr", "Prof.", "Colonel", "Colonel-major", "S.E.M."]
ROLES = [
    "ministre de l'Action humanitaire", "ministre de la Santé publique", "ministre de l'Agriculture",
    "ministre de la Solidarité nationale", "gouverneur de la région", "préfet du département",
    "coordonnatrice humanitaire des Nations unies", "représentant résident", "directeur national de la protection civile",
    "secrétaire permanent du dispositif de prévention des crises", "maire de la commune", "chef de bureau",
]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]
SITES = ["Sahel Infos", "L'Écho du Faso", "Togo Matin Hebdo", "Le Républicain du Niger", "Bamako Express",
         "La Voix de l'Ouest", "Afrique Solidaire", "Le Quotidien du Golfe"]
STATES = [
    ("ont besoin d'une assistance humanitaire", "people_in_need"),
    ("sont en situation d'insécurité alimentaire", "food_insecure"),
    ("ont été affectées par les inondations", "affected"),
    ("ont été contraintes de quitter leur foyer", "idps"),
    ("vivent comme réfugiés dans les camps de la région", "refugees"),
    ("ont regagné leurs localités d'origine", "returnees"),
    ("seront ciblées par la réponse", "targeted"),
    ("ont reçu une aide alimentaire depuis janvier", "reached"),
]
DECISIONS = [
    "renforcer la coordination entre les acteurs humanitaires et les services techniques de l'État",
    "mettre en place un fonds commun pour financer les actions anticipatoires",
    "accélérer le déploiement des systèmes d'alerte précoce dans les communes frontalières",
    "associer les leaders communautaires et religieux à la planification des interventions",
    "créer un cadre permanent de concertation entre les ministères et les partenaires",
    "mutualiser les moyens logistiques pour atteindre les zones difficiles d'accès",
    "partager les données sur les mouvements de population à l'échelle régionale",
    "promouvoir des solutions durables pour les personnes déplacées et les rapatriés",
    "respecter les principes humanitaires de neutralité, d'impartialité et d'indépendance",
    "décentraliser la gestion des stocks de sécurité alimentaire au niveau des régions",
    "mobiliser le secteur privé et la diaspora pour le financement de la réponse",
    "réhabiliter les écoles et les centres de santé endommagés",
]
OBJECTIVES = [
    "améliorer l'accès à l'eau potable des ménages vulnérables",
    "réduire la malnutrition aiguë chez les enfants de moins de cinq ans",
    "renforcer la résilience des communautés face aux chocs climatiques",
    "faciliter le retour volontaire des personnes déplacées dans leurs localités",
    "harmoniser les interventions des partenaires dans la région",
]
EVENTS = ["l'atelier national de validation du plan de réponse", "le forum régional sur la sécurité alimentaire",
          "la réunion du comité de pilotage", "la cérémonie de lancement du projet", "la table ronde des bailleurs",
          "la session extraordinaire du conseil des ministres", "la mission conjointe d'évaluation"]
CONTEXT = [
    "La situation sécuritaire reste volatile dans plusieurs localités, où les attaques de groupes armés "
    "perturbent les activités agricoles et l'accès aux marchés.",
    "La soudure, période qui sépare l'épuisement des stocks de la prochaine récolte, s'annonce particulièrement "
    "difficile cette année pour les ménages les plus pauvres.",
    "Les pluies tardives et irrégulières ont fortement réduit les rendements céréaliers, aggravant la "
    "vulnérabilité des éleveurs et des agriculteurs.",
    "Les acteurs humanitaires déplorent un sous-financement chronique qui limite la couverture des besoins "
    "prioritaires en santé, en nutrition et en protection.",
    "De nombreuses écoles restent fermées en raison de l'insécurité, privant des milliers d'élèves de leur "
    "droit à l'éducation.",
    "Les femmes et les enfants représentent la majorité des personnes déplacées, selon les services sociaux.",
    "Le gouvernement a réaffirmé sa volonté de travailler main dans la main avec les partenaires techniques "
    "et financiers pour soulager les populations.",
    "Les routes coupées par les eaux compliquent l'acheminement de l'aide vers les villages isolés.",
]
QUOTES = [
    "Nous ne pouvons pas attendre que la crise s'aggrave pour agir",
    "Chaque franc investi dans la prévention épargne des vies",
    "Les communautés doivent être au cœur de la réponse",
    "Notre pays ne laissera personne au bord du chemin",
    "La solidarité régionale est notre meilleure arme contre la faim",
]
NUMBER_WORDS = ["trois", "cinq", "dix", "douze", "quinze", "vingt", "trente", "cent", "deux mille", "dix-huit mille"]


class Writer:
    """Random choices and French number formats, from one seeded generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def pick(self, seq):
        return self.rng.choice(seq)

    def grouped(self, n: int) -> str:
        sep = self.pick([" ", NBSP, NNBSP, ".", " "])
        return f"{n:,}".replace(",", sep)

    def people(self) -> str:
        r = self.rng.random()
        if r < 0.3:
            return f"{self.rng.randint(12, 98) / 10:.1f}".replace(".", ",") + " millions"
        if r < 0.7:
            return self.grouped(self.rng.randint(1_200, 999_999))
        if r < 0.85:
            return self.grouped(self.rng.randint(1_000_000, 9_999_999))
        return self.pick(NUMBER_WORDS)

    def counted(self, noun: str = "personnes") -> str:
        number = self.people()
        return f"{number} de {noun}" if number.endswith("millions") else f"{number} {noun}"

    def money(self) -> str:
        amount = f"{self.rng.randint(11, 990) / 10:.1f}".replace(".", ",")
        return self.pick([f"{amount} millions de dollars", f"{amount} milliards de FCFA", f"{amount} M $",
                          f"{amount} millions d'euros", f"{self.grouped(self.rng.randint(10, 999) * 1_000_000)} FCFA"])

    def qualifier(self) -> str:
        return self.pick(["", "", "près de ", "environ ", "plus de ", "au moins ", "jusqu'à "])

    def person(self) -> str:
        last = self.pick(LAST_NAMES)
        return f"{self.pick(TITLES)} {self.pick(FIRST_NAMES)} {last.upper() if self.rng.random() < 0.3 else last}"

    def day(self, year: int) -> str:
        return f"{self.rng.randint(1, 28)} {self.pick(MONTHS)}" + (f" {year}" if self.rng.random() < 0.6 else "")


def article(rng: random.Random, index: int) -> tuple[str, str, dict]:
    """(headline, body text, metadata) of one article."""
    w = Writer(rng)
    country, in_country, demonym, capital, towns = w.pick(COUNTRIES)
    other = w.pick([c for c in COUNTRIES if c[0] != country])
    org, acronym = w.pick(ORGS)
    year = rng.randint(2021, 2025)
    town = w.pick(towns)
    state, _indicator = w.pick(STATES)
    figure = w.counted()
    headline = w.pick([
        f"{country} : {figure} {state}, selon {acronym}",
        f"{capital} accueille {w.pick(EVENTS)}",
        f"{acronym} : un appel de {w.money()} pour la réponse humanitaire {in_country}",
        f"Crise humanitaire : la région de {town} au cœur des préoccupations",
        f"{country} : les partenaires s'engagent à soutenir les populations de {town}",
    ])
    paragraphs = [
        f"{capital}, le {w.day(year)} ({w.pick(SITES)}) – Selon le dernier rapport du {org} ({acronym}), "
        f"{w.qualifier()}{figure} {state} {in_country} en {year}, contre "
        f"{w.people()} l'année précédente.",
        f"Le plan de réponse humanitaire requiert {w.money()}, mais il n'est financé qu'à hauteur de "
        f"{rng.randint(5, 60)},{rng.randint(0, 99):02d} % à ce jour. Dans la région de {town}, "
        f"{w.qualifier()}{w.counted()} déplacées internes ont été enregistrées, tandis que des milliers "
        f"d'autres vivent dans des conditions précaires {other[1]}.",
        f"{w.pick(EVENTS).capitalize()} s'est tenu{'e' if rng.random() < 0.5 else ''} le {w.day(year)} à "
        f"{w.pick([capital, town])} en présence de {w.person()}, {w.pick(ROLES)}, et de représentants de "
        f"{rng.randint(3, 40)} organisations.",
        f"« {w.pick(QUOTES)} », a déclaré {w.person()}, {w.pick(ROLES)}, appelant les partenaires du {org} "
        f"à redoubler d'efforts pour les populations {demonym}nes.",
    ]
    decisions = rng.sample(DECISIONS, rng.randint(3, 7))
    marker = w.pick(["- ", "• ", "* ", "1. ", "✅ "])
    lines = [f"{i + 1}. {d}" if marker == "1. " else f"{marker}{d[0].upper()}{d[1:]}." for i, d in enumerate(decisions)]
    paragraphs.append(w.pick(["À l'issue des travaux, les participants ont convenu de :",
                              "Les ministres ont arrêté ce qui suit :", "Principales recommandations :"])
                      + "\n" + "\n".join(lines))
    paragraphs.append(f"Ce programme de {w.pick(NUMBER_WORDS)} ans vise à {w.pick(OBJECTIVES)} d'ici {year + rng.randint(1, 5)}.")
    paragraphs += rng.sample(CONTEXT, rng.randint(3, 7))
    middle = paragraphs[1:4]
    rng.shuffle(middle)
    paragraphs[1:4] = middle
    meta = {"url": f"https://{w.pick(SITES).lower().replace(' ', '-').replace(chr(39), '')}.example/{year}/{index}",
            "published": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "source": w.pick(SITES)}
    return headline, "\n\n".join(paragraphs), meta


def boilerplate(rng: random.Random, headline: str, body: str) -> str:
    """The page furniture news sites leave in a copied article."""
    w = Writer(rng)
    others = [article(random.Random(rng.random()), 0)[0] for _ in range(3)]
    top = w.pick(["A la une\n\n", "Accueil > Société > Humanitaire\n\n", "", "Actualités\n\n"])
    share = w.pick(["\n\nPartager\n\n", "\n\nPartager sur Facebook | Twitter | WhatsApp\n\n", "\n\n"])
    bottom = [
        f"\n\nÀ lire aussi : {others[0]}",
        "\n\nArticles récents\n" + "\n".join(others),
        f"\n\nMétéo : {w.pick(COUNTRIES)[3]} {rng.randint(24, 44)}°C",
        f"\n\n© {rng.randint(2020, 2025)} {w.pick(SITES)}. Tous droits réservés.",
        "\n\nLaisser un commentaire\nVotre adresse e-mail ne sera pas publiée.",
        "\n\nPublicité",
    ]
    return top + headline + share + body + "".join(rng.sample(bottom, rng.randint(1, 4))) + "\n"


def html_page(rng: random.Random, headline: str, body: str) -> str:
    w = Writer(rng)
    paras = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>\n" for p in body.split("\n\n"))
    return (
        f"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{headline} | {w.pick(SITES)}</title>"
        "</head><body><header><nav><a href='/'>Accueil</a> <a href='/politique'>Politique</a> "
        "<a href='/societe'>Société</a> <a href='/sport'>Sport</a></nav></header><main><article>"
        f"<h1>{headline}</h1><div class='share'>Partager sur Facebook Tweeter WhatsApp</div>{paras}</article>"
        "<section class='comments'><h3>Laisser un commentaire</h3><form><textarea></textarea></form></section>"
        "</main><aside><h3>Articles récents</h3><ul><li><a href='/a'>Autre article</a></li></ul></aside>"
        "<footer>© Tous droits réservés</footer></body></html>\n"
    )


def generate_corpus(folder: Path, n: int, *, seed: int = 2024, start: int = 0) -> list[Path]:
    """Write ``n`` articles into ``folder`` (numbered from ``start``); returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(start, start + n):
        rng = random.Random(seed * 1_000_003 + i)
        headline, body, meta = article(rng, i)
        name = f"{i:05d}_{rng.getrandbits(32):08x}"
        kind = rng.random()
        if kind < 0.05:
            path = folder / f"{name}.html"
            path.write_text(html_page(rng, headline, body), encoding="utf-8")
        else:
            path = folder / f"{name}.txt"
            path.write_text(boilerplate(rng, headline, body), encoding="utf-8")
        if kind > 0.8:
            (folder / f"{name}.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        written.append(path)
    return written
