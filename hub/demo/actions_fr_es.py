"""Demo actions written in French and in Spanish."""

from hub.demo.blocks import ActionBlock
from hub.demo.blocks import Setting as S

ACTIONS_FR_ES: tuple[ActionBlock, ...] = (
    ActionBlock(
        "eau-potable", "project",
        "Adduction d'eau potable pour les villages autour de {city}",
        "Forages, château d'eau et bornes-fontaines financés par les cotisations de la "
        "diaspora et gérés par un comité villageois.",
        "Dans les villages autour de {city}, les femmes parcourent plusieurs kilomètres pour "
        "puiser une eau souvent impropre. Les membres {of_org} cotisent chaque mois pour "
        "financer un forage, un château d'eau et des bornes-fontaines, en partenariat avec la "
        "commune.\n\n"
        "Un comité de gestion, composé pour moitié de femmes, fixe le prix de l'eau et "
        "rémunère un fontainier formé à l'entretien.",
        ("climate", "remittances", "gender"), (6, 5, 17),
        (S("teranga", featured=False), S("sahel-fed", origin="MLI")),
        results=(("Habitants desservis", 0, 6000, ""),
                 ("Bornes-fontaines en service", 0, 14, ""),
                 ("Temps moyen de corvée d'eau par jour", 180, 30, " min")),
        budget_eur=210_000, beneficiaries="Habitants de six villages", language="fr",
    ),
    ActionBlock(
        "bourses-lyceennes", "project",
        "Bourses d'excellence pour les lycéennes de {city}",
        "Des bourses couvrant la scolarité, les fournitures et le transport de lycéennes "
        "méritantes, avec un parrainage par une femme de la diaspora.",
        "Beaucoup de jeunes filles de {city} quittent le lycée faute de moyens. {The_org} "
        "attribue chaque année des bourses de trois ans qui couvrent les frais de scolarité, "
        "les fournitures et le transport. Chaque boursière est parrainée par une "
        "professionnelle de la diaspora qui l'accompagne dans ses choix d'orientation.",
        ("education", "gender", "students"), (4, 5),
        (S("baobab", origin="SEN", city=3), S("baobab", origin="CIV", city=1)),
        results=(("Boursières", 0, 90, ""),
                 ("Taux de réussite au baccalauréat des boursières", 45, 80, "%")),
        budget_eur=75_000, beneficiaries="Lycéennes et leurs familles", language="fr",
    ),
    ActionBlock(
        "cajou", "investment",
        "Unité de transformation du cajou pour les coopératives de {city}",
        "Un atelier de décorticage géré par une coopérative, cofinancé par des investisseurs "
        "de la diaspora.",
        "Les producteurs de {city} vendent leur noix de cajou brute à bas prix, et la valeur "
        "ajoutée part à l'étranger. Avec {the_org}, des membres de la diaspora investissent aux "
        "côtés d'une coopérative dans un atelier de décorticage et de conditionnement, "
        "équipé de machines semi-automatiques.\n\n"
        "Les bénéfices sont partagés entre la coopérative et les investisseurs, après "
        "constitution d'une réserve pour l'entretien.",
        ("investment", "gender"), (8, 9, 12),
        (S("ivoiriens"), S("ziguinchor", origin="SEN")),
        results=(("Tonnes de noix transformées par an", 0, 300, ""),
                 ("Emplois créés, dont une majorité de femmes", 0, 60, "")),
        budget_eur=380_000, beneficiaries="Producteurs membres de la coopérative",
        language="fr",
    ),
    ActionBlock(
        "reinsertion", "project",
        "Accompagnement à la réinsertion des migrants de retour à {city}",
        "Accueil, soutien psychosocial, formation et appui au démarrage d'une activité pour "
        "les migrants de retour.",
        "Les migrants qui reviennent à {city}, souvent après un parcours éprouvant, "
        "retrouvent rarement leur place sans aide. {The_org} les accueille, propose un "
        "accompagnement psychosocial, oriente chacun vers une formation et finance le "
        "démarrage d'une activité, individuelle ou collective.",
        ("return", "skills", "health"), (3, 8, 10),
        (S("retour-digne", origin="SEN", city=1), S("retour-digne", origin="MLI", city=1)),
        results=(("Personnes accompagnées", 0, 350, ""),
                 ("Activités encore actives après un an", 0, 65, "%")),
        budget_eur=290_000, beneficiaries="Migrants de retour et leurs familles",
        language="fr",
    ),
    ActionBlock(
        "kits-solaires", "investment",
        "Kits solaires domestiques financés par la diaspora à {city}",
        "La diaspora paie l'apport initial d'un kit solaire pour sa famille ; le reste est "
        "remboursé par petites mensualités.",
        "Beaucoup de familles de {city} s'éclairent encore au pétrole. Avec {the_org}, un membre "
        "de la diaspora paie l'apport initial d'un kit solaire pour sa famille restée au "
        "pays ; la famille rembourse le solde par paiement mobile, et des techniciens "
        "locaux assurent l'installation et la maintenance.",
        ("climate", "remittances", "investment"), (7, 13),
        (S("sahel-solar", origin="SEN", city=3), S("sahel-solar", origin="MLI", city=2)),
        results=(("Kits installés", 0, 1500, ""),
                 ("Techniciens locaux formés", 0, 20, "")),
        budget_eur=330_000, beneficiaries="Familles sans accès au réseau électrique",
        language="fr",
    ),
    ActionBlock(
        "cartographie", "project",
        "Cartographie des associations de la diaspora {fr_adj} {en_residence}",
        "Un recensement des associations, de leurs projets et de leurs besoins, publié en "
        "données ouvertes.",
        "Personne ne sait combien d'associations de la diaspora {fr_adj} sont actives "
        "{en_residence}, ni ce qu'elles financent. {The_org} les recense à partir des registres "
        "publics et des réseaux associatifs, mène des entretiens avec leurs responsables et "
        "publie une carte interactive et un jeu de données ouvert.",
        ("diaspora-organizations", "data-methods"), (17,),
        (S("lmt", origin="SEN", residence="FRA"), S("lmt", origin="CIV", residence="ITA")),
        results=(("Associations recensées", 0, 400, ""),
                 ("Entretiens approfondis", 0, 60, "")),
        budget_eur=65_000, beneficiaries="Associations, collectivités et chercheurs",
        in_residence_too=True, language="fr",
    ),
    ActionBlock(
        "oasis", "project",
        "Irrigation goutte-à-goutte et reboisement dans la région de {city}",
        "Des réseaux d'irrigation économes et des plantations de palmiers, financés par les "
        "ressortissants installés en Europe.",
        "La nappe baisse et le sable avance autour de {city}. {The_org} mobilise les "
        "ressortissants de la région installés en Europe pour financer l'irrigation "
        "goutte-à-goutte des parcelles et la plantation de palmiers et d'arbres brise-vent. "
        "Les agriculteurs sont formés à l'entretien des réseaux.",
        ("climate", "culture"), (6, 13, 15),
        (S("oasis", origin="MAR", city=3), S("sahel-fed", origin="NER")),
        results=(("Hectares irrigués au goutte-à-goutte", 0, 120, ""),
                 ("Arbres plantés", 0, 20000, "")),
        budget_eur=240_000, beneficiaries="Agriculteurs des oasis", language="fr",
    ),
    ActionBlock(
        "reportages", "initiative",
        "Série de reportages sur les entrepreneurs de retour {au_origin}",
        "Douze portraits vidéo d'entrepreneurs revenus s'installer {au_origin}, avec leurs "
        "réussites et leurs difficultés.",
        "Les récits de retour oscillent souvent entre l'échec et le conte de fées. {The_org} "
        "produit une série de douze portraits d'entrepreneurs revenus {au_origin} : ce "
        "qu'ils ont créé, ce qui a coincé, ce qu'ils conseilleraient. Chaque épisode est "
        "suivi d'un débat en ligne avec la diaspora.",
        ("return", "culture", "investment"), (8, 17),
        (S("le-pont", origin="SEN"), S("le-pont", origin="CIV")),
        results=(("Épisodes diffusés", 0, 12, ""),
                 ("Vues cumulées", 0, 150000, "")),
        budget_eur=40_000, beneficiaries="Diaspora et porteurs de projets", language="fr",
    ),
    ActionBlock(
        "obras-comunitarias", "investment",
        "Cofinanciamiento de obras comunitarias en {city}",
        "El club de migrantes, el municipio y el estado aportan a partes iguales para obras "
        "que la comunidad elige en asamblea.",
        "Las comunidades de {city} llevan años pidiendo caminos, aulas y redes de agua. "
        "{The_org} reúne las aportaciones de la diáspora {es_adj} {es_residence} y las suma a "
        "las del municipio y del estado; la asamblea comunitaria elige la obra y un comité "
        "de vecinos vigila la ejecución y publica las cuentas.",
        ("investment", "remittances", "policy"), (6, 9, 11),
        (S("raices"), S("valle-alto", origin="MEX", city=1, residence="USA")),
        results=(("Obras terminadas", 0, 8, ""),
                 ("Habitantes beneficiados", 0, 9000, "")),
        budget_eur=450_000, beneficiaries="Habitantes de las comunidades de origen",
        language="es",
    ),
    ActionBlock(
        "educacion-financiera", "initiative",
        "Educación financiera para familias receptoras de remesas en {city}",
        "Talleres sobre ahorro, presupuesto familiar y servicios financieros formales para "
        "quienes reciben remesas.",
        "Muchas familias de {city} reciben remesas cada mes pero no logran ahorrar. {The_org} "
        "organiza talleres en las escuelas y los centros de salud sobre presupuesto familiar, "
        "ahorro, crédito y costo de los envíos, y acompaña a quienes quieren abrir una cuenta.",
        ("remittances", "gender"), (1, 5, 10),
        (S("remesa-viva", origin="MEX", city=1), S("semilla", origin="GTM")),
        results=(("Personas capacitadas", 0, 1200, ""),
                 ("Participantes con cuenta de ahorro", 15, 60, "%")),
        budget_eur=55_000, beneficiaries="Familias receptoras de remesas, sobre todo mujeres",
        language="es",
    ),
    ActionBlock(
        "asistencia-tecnica", "skills-transfer",
        "Misiones de asistencia técnica a cooperativas agrícolas de {city}",
        "Ingenieros de la diáspora pasan dos semanas con cooperativas para mejorar el riego, "
        "la poscosecha y la gestión.",
        "Las cooperativas de {city} piden asesoría técnica que no pueden pagar. {The_org} envía "
        "equipos de dos o tres ingenieros voluntarios que trabajan dos semanas con cada "
        "cooperativa en un problema concreto y dejan un plan de mejora con seguimiento a "
        "distancia durante seis meses.",
        ("skills", "climate"), (2, 9, 17),
        (S("atlas", city=2), S("puentes", origin="PER")),
        results=(("Misiones realizadas", 0, 16, ""),
                 ("Cooperativas con plan de mejora en marcha", 0, 12, "")),
        budget_eur=48_000, beneficiaries="Socios de las cooperativas", language="es",
    ),
    ActionBlock(
        "retorno-investigadores", "skills-transfer",
        "Estancias de investigadores de la diáspora en universidades de {es_origin}",
        "Estancias de tres a seis meses para investigadores en el extranjero que quieren "
        "colaborar con universidades de su país.",
        "Miles de investigadores formados en {es_origin} trabajan en el extranjero. {The_org} "
        "financia estancias de tres a seis meses para que codirijan tesis, dicten cursos y "
        "preparen proyectos conjuntos con universidades públicas, como primer paso hacia "
        "colaboraciones duraderas o un retorno.",
        ("skills", "students", "return"), (4, 9, 17),
        (S("puentes", origin="COL"), S("pacifico", origin="PER", residence="ESP")),
        results=(("Estancias realizadas", 0, 30, ""),
                 ("Proyectos conjuntos presentados", 0, 15, "")),
        budget_eur=200_000, beneficiaries="Universidades públicas e investigadores",
        language="es",
    ),
    ActionBlock(
        "artesanas", "investment",
        "Emprendimientos de mujeres artesanas en {city}",
        "Capital semilla, diseño y acceso a mercados para grupos de artesanas, con apoyo de "
        "la diáspora en España.",
        "Las artesanas de {city} venden sus tejidos a intermediarios que fijan el precio. "
        "{The_org} aporta capital semilla y asesoría en diseño, y la diáspora en España abre "
        "canales de venta directa en ferias y tiendas de comercio justo.",
        ("gender", "investment", "culture"), (5, 8, 12),
        (S("semilla", origin="COL"), S("semilla", origin="PER", city=1)),
        results=(("Artesanas en los grupos apoyados", 0, 150, ""),
                 ("Aumento del ingreso mensual de las artesanas", 0, 40, "%")),
        budget_eur=90_000, beneficiaries="Mujeres artesanas y sus familias", language="es",
    ),
)
