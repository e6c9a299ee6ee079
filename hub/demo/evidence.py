"""Demo community profiles and data sources (illustrative: figures come from UN DESA, not here)."""

UN_DESA = ("UN DESA, International Migrant Stock 2024 (and 2020 edition): "
           "https://www.un.org/development/desa/pd/content/international-migrant-stock")
KNOMAD = ("World Bank/KNOMAD, Bilateral Remittance Matrix 2017: "
          "https://www.knomad.org/data/remittances")
DEMO_NOTE = "Demo profile written for illustration; check it against the sources before citing it."

# (origin, residence, summary, languages, notes, sources)
COMMUNITY_PROFILES: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("GHA", "DEU",
     "Ghanaian migration to Germany grew from students and seafarers in the 1960s and 1970s "
     "to a settled community with a strong second generation. Health professionals, church "
     "congregations and hometown associations are the backbone of community life, and many "
     "associations fund health and education projects in Ghana.",
     "English, Twi, Ga, Ewe, German",
     "Largest communities are in Hamburg and North Rhine-Westphalia. " + DEMO_NOTE,
     UN_DESA + "\n" + KNOMAD),
    ("SEN", "FRA",
     "One of the oldest African diasporas in France, rooted in the Senegal River valley and "
     "in Dakar. Village associations have financed wells, schools and health posts for "
     "decades, and more recently entrepreneurs and students have joined a more diverse "
     "community.",
     "French, Wolof, Pulaar, Soninke, Diola",
     "Strong presence in Île-de-France, Lyon and Marseille. " + DEMO_NOTE,
     UN_DESA + "\n" + KNOMAD),
    ("IND", "ARE",
     "Indians are the largest foreign-born population in the United Arab Emirates, from "
     "construction and domestic workers to engineers, doctors and business owners. Kerala "
     "has long been a leading state of origin, and remittances shape household budgets "
     "across its districts.",
     "Malayalam, Hindi, Tamil, Urdu, English",
     "Most migrants are on employer-sponsored temporary contracts; return is the norm. "
     + DEMO_NOTE,
     UN_DESA + "\n" + KNOMAD),
    ("MEX", "USA",
     "The largest single-origin immigrant community in the United States, concentrated in "
     "California and Texas but present in every state. Hometown associations have long "
     "co-financed public works in their communities of origin together with Mexican "
     "authorities.",
     "Spanish, English, Zapotec, Mixtec, Purépecha",
     "Figures cover people born in Mexico only, not the much larger Mexican-American "
     "population. " + DEMO_NOTE,
     UN_DESA + "\n" + KNOMAD),
    ("PHL", "USA",
     "Filipino migration to the United States spans a century, with a strong presence of "
     "nurses and other health workers recruited since the 1960s. Community organizations "
     "are active in professional mentoring, disaster relief for the Philippines and "
     "civic participation.",
     "Tagalog/Filipino, English, Ilocano, Cebuano",
     "Largest communities in California, Hawaii, New York and New Jersey. " + DEMO_NOTE,
     UN_DESA + "\n" + KNOMAD),
    ("MAR", "ESP",
     "Moroccans form one of the largest foreign-born communities in Spain, working in "
     "agriculture, construction and services, with a growing number of students and "
     "professionals. Associations link Catalonia, Andalusia and Murcia with the north of "
     "Morocco.",
     "Arabic (Darija), Tamazight, Spanish, Catalan, French",
     "Seasonal agricultural migration adds a circular pattern not visible in stock figures. "
     + DEMO_NOTE,
     UN_DESA + "\n" + KNOMAD),
)

# Fictional studies published by demo organizations (key of the publishing organization first).
DATA_SOURCES: tuple[dict, ...] = (
    dict(org="lmt", slug="demo-cartographie-associations-senegalaises-france",
         title="Cartographie des associations sénégalaises en France (démo)",
         kind="mapping-study", countries=("SEN", "FRA"), themes=("diaspora-organizations",),
         years=(2022, 2024), format="CSV, carte en ligne", licence="CC BY 4.0",
         languages="fr", access="open", update_frequency="Tous les deux ans",
         description="Recensement des associations de la diaspora sénégalaise en France : "
                     "localisation, domaines d'action, projets financés et besoins.",
         limitations="Couverture inégale hors des grandes agglomérations ; données "
                     "déclaratives.", state="published"),
    dict(org="rhine", slug="demo-diaspora-business-panel-germany",
         title="Diaspora Business Panel Germany (demo)",
         kind="survey", countries=("DEU", "GHA", "MAR"), themes=("investment", "data-methods"),
         years=(2019, 2024), format="Stata, CSV", licence="Scientific use file",
         languages="en, de", access="registration", update_frequency="Annual",
         description="A yearly panel survey of migrant-owned businesses in Germany and their "
                     "investments in countries of origin.",
         limitations="Small samples for some origin groups; businesses without a website "
                     "are under-represented.", state="published"),
    dict(org="eastbridge", slug="demo-transnational-family-budgets-study",
         title="Transnational Family Budgets Study (demo)",
         kind="survey", countries=("GBR", "NGA", "PHL"), themes=("remittances", "gender"),
         years=(2021, 2023), format="CSV", licence="CC BY 4.0", languages="en",
         access="open", update_frequency="One-off",
         description="Paired interviews with senders in the UK and receiving households in "
                     "Nigeria and the Philippines on how remittances are spent and decided.",
         limitations="Purposive sample; not representative of all remittance households.",
         state="published"),
    dict(org="pacifico", slug="demo-encuesta-retorno-pacifico",
         title="Encuesta de retorno y reintegración en el Pacífico colombiano (demo)",
         kind="survey", countries=("COL", "PER"), themes=("return", "data-methods"),
         years=(2023, 2024), format="CSV", licence="CC BY 4.0", languages="es",
         access="open", update_frequency="Bienal",
         description="Encuesta a personas retornadas sobre empleo, vivienda y redes de "
                     "apoyo después del regreso.",
         limitations="Muestra concentrada en zonas urbanas.", state="submitted"),
)
