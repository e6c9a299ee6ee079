"""How the demo texts name the countries they use, in English, French and Spanish.

Only the countries the demo content places things in are here; a missing one fails the load
(and the tests) at once rather than printing a half-filled sentence.
"""

from __future__ import annotations

from typing import NamedTuple


class Words(NamedTuple):
    en: str
    adj: str  # English demonym: "a Ghanaian nurse"
    cities: tuple[str, ...]
    fr: str
    fr_in: str  # "au Sénégal", "en France", "aux États-Unis"
    fr_of: str  # "du Sénégal", "de France", "des États-Unis"
    fr_adj: str  # feminine singular: "la diaspora sénégalaise"
    es: str
    es_adj: str  # feminine singular: "la diáspora mexicana"
    currency: str


COUNTRY_WORDS: dict[str, Words] = {
    "GHA": Words("Ghana", "Ghanaian", ("Kumasi", "Tamale", "Cape Coast"), "Ghana", "au Ghana",
                 "du Ghana", "ghanéenne", "Ghana", "ghanesa", "GHS"),
    "SEN": Words("Senegal", "Senegalese", ("Ziguinchor", "Thiès", "Saint-Louis", "Kolda"),
                 "Sénégal", "au Sénégal", "du Sénégal", "sénégalaise", "Senegal", "senegalesa",
                 "XOF"),
    "IND": Words("India", "Indian", ("Kozhikode", "Thrissur", "Malappuram"), "Inde", "en Inde",
                 "de l'Inde", "indienne", "India", "india", "INR"),
    "MEX": Words("Mexico", "Mexican", ("Oaxaca", "Zacatecas", "Morelia", "Puebla"), "Mexique",
                 "au Mexique", "du Mexique", "mexicaine", "México", "mexicana", "MXN"),
    "PHL": Words("the Philippines", "Filipino", ("Iloilo", "Tacloban", "Batangas"), "Philippines",
                 "aux Philippines", "des Philippines", "philippine", "Filipinas", "filipina",
                 "PHP"),
    "MAR": Words("Morocco", "Moroccan", ("Tangier", "Beni Mellal", "Nador", "Zagora"),
                 "Maroc", "au Maroc", "du Maroc", "marocaine", "Marruecos", "marroquí", "MAD"),
    "NGA": Words("Nigeria", "Nigerian", ("Enugu", "Ibadan", "Kano"), "Nigeria", "au Nigeria",
                 "du Nigeria", "nigériane", "Nigeria", "nigeriana", "NGN"),
    "SOM": Words("Somalia", "Somali", ("Baidoa", "Garowe", "Kismayo"), "Somalie", "en Somalie",
                 "de Somalie", "somalienne", "Somalia", "somalí", "SOS"),
    "CIV": Words("Côte d'Ivoire", "Ivorian", ("Bouaké", "Korhogo", "San-Pédro", "Daloa"),
                 "Côte d'Ivoire", "en Côte d'Ivoire", "de Côte d'Ivoire", "ivoirienne",
                 "Côte d'Ivoire", "marfileña", "XOF"),
    "ETH": Words("Ethiopia", "Ethiopian", ("Bahir Dar", "Hawassa", "Mekelle"), "Éthiopie",
                 "en Éthiopie", "d'Éthiopie", "éthiopienne", "Etiopía", "etíope", "ETB"),
    "KEN": Words("Kenya", "Kenyan", ("Kisumu", "Eldoret", "Machakos"), "Kenya", "au Kenya",
                 "du Kenya", "kényane", "Kenia", "keniana", "KES"),
    "HTI": Words("Haiti", "Haitian", ("Les Cayes", "Jérémie", "Gonaïves"), "Haïti", "en Haïti",
                 "d'Haïti", "haïtienne", "Haití", "haitiana", "HTG"),
    "MLI": Words("Mali", "Malian", ("Kayes", "Ségou", "Mopti"), "Mali", "au Mali", "du Mali",
                 "malienne", "Malí", "maliense", "XOF"),
    "NER": Words("Niger", "Nigerien", ("Tahoua", "Zinder", "Maradi"), "Niger", "au Niger",
                 "du Niger", "nigérienne", "Níger", "nigerina", "XOF"),
    "BFA": Words("Burkina Faso", "Burkinabè", ("Koudougou", "Bobo-Dioulasso", "Kaya"),
                 "Burkina Faso", "au Burkina Faso", "du Burkina Faso", "burkinabè",
                 "Burkina Faso", "burkinesa", "XOF"),
    "COL": Words("Colombia", "Colombian", ("Pereira", "Cali", "Bucaramanga"), "Colombie",
                 "en Colombie", "de Colombie", "colombienne", "Colombia", "colombiana", "COP"),
    "PER": Words("Peru", "Peruvian", ("Arequipa", "Cusco", "Trujillo"), "Pérou", "au Pérou",
                 "du Pérou", "péruvienne", "Perú", "peruana", "PEN"),
    "GTM": Words("Guatemala", "Guatemalan", ("Huehuetenango", "Quetzaltenango", "Cobán"),
                 "Guatemala", "au Guatemala", "du Guatemala", "guatémaltèque", "Guatemala",
                 "guatemalteca", "GTQ"),
    "DEU": Words("Germany", "German", ("Hamburg", "Cologne", "Düsseldorf"), "Allemagne",
                 "en Allemagne", "d'Allemagne", "allemande", "Alemania", "alemana", "EUR"),
    "FRA": Words("France", "French", ("Paris", "Lyon", "Marseille"), "France", "en France",
                 "de France", "française", "Francia", "francesa", "EUR"),
    "ESP": Words("Spain", "Spanish", ("Barcelona", "Madrid", "Murcia"), "Espagne",
                 "en Espagne", "d'Espagne", "espagnole", "España", "española", "EUR"),
    "ITA": Words("Italy", "Italian", ("Milan", "Turin", "Brescia"), "Italie", "en Italie",
                 "d'Italie", "italienne", "Italia", "italiana", "EUR"),
    "BEL": Words("Belgium", "Belgian", ("Brussels", "Antwerp", "Liège"), "Belgique",
                 "en Belgique", "de Belgique", "belge", "Bélgica", "belga", "EUR"),
    "LUX": Words("Luxembourg", "Luxembourgish", ("Luxembourg",), "Luxembourg",
                 "au Luxembourg", "du Luxembourg", "luxembourgeoise", "Luxemburgo",
                 "luxemburguesa", "EUR"),
    "MLT": Words("Malta", "Maltese", ("Valletta",), "Malte", "à Malte", "de Malte", "maltaise",
                 "Malta", "maltesa", "EUR"),
    "CHE": Words("Switzerland", "Swiss", ("Geneva", "Zurich"), "Suisse", "en Suisse",
                 "de Suisse", "suisse", "Suiza", "suiza", "CHF"),
    "SWE": Words("Sweden", "Swedish", ("Stockholm", "Gothenburg", "Malmö"), "Suède", "en Suède",
                 "de Suède", "suédoise", "Suecia", "sueca", "SEK"),
    "GBR": Words("the United Kingdom", "British", ("London", "Manchester", "Birmingham"),
                 "Royaume-Uni", "au Royaume-Uni", "du Royaume-Uni", "britannique",
                 "Reino Unido", "británica", "GBP"),
    "USA": Words("the United States", "American", ("Los Angeles", "Chicago", "Houston"),
                 "États-Unis", "aux États-Unis", "des États-Unis", "américaine",
                 "Estados Unidos", "estadounidense", "USD"),
    "CAN": Words("Canada", "Canadian", ("Toronto", "Ottawa", "Montréal"), "Canada",
                 "au Canada", "du Canada", "canadienne", "Canadá", "canadiense", "CAD"),
    "ARE": Words("the United Arab Emirates", "Emirati", ("Dubai", "Abu Dhabi", "Sharjah"),
                 "Émirats arabes unis", "aux Émirats arabes unis", "des Émirats arabes unis",
                 "émirienne", "Emiratos Árabes Unidos", "emiratí", "AED"),
    "QAT": Words("Qatar", "Qatari", ("Doha",), "Qatar", "au Qatar", "du Qatar", "qatarienne",
                 "Catar", "catarí", "QAR"),
    "ZAF": Words("South Africa", "South African", ("Johannesburg", "Cape Town"),
                 "Afrique du Sud", "en Afrique du Sud", "d'Afrique du Sud", "sud-africaine",
                 "Sudáfrica", "sudafricana", "ZAR"),
}

# Rough units of each currency per euro, only to make demo budgets look local.
PER_EURO = {
    "EUR": 1, "USD": 1.1, "GBP": 0.85, "CAD": 1.5, "CHF": 0.95, "SEK": 11.5, "AED": 4,
    "QAR": 4, "XOF": 655.957, "GHS": 16, "NGN": 1600, "MXN": 19, "PHP": 62, "INR": 92,
    "MAD": 11, "KES": 140, "ETB": 130, "HTG": 145, "COP": 4400, "PEN": 4.1, "GTQ": 8.5,
    "ZAR": 20, "SOS": 630,
}
