"""The fictional demo organizations: every organization type, many countries."""

from hub.demo.blocks import Org

ORGANIZATIONS: tuple[Org, ...] = (
    # Diaspora associations
    Org("kbha", "Kente Bridge Health Association", "diaspora-association", "DEU",
        "Ghanaian doctors, nurses and midwives living in Germany who volunteer their leave to "
        "train colleagues in Ghanaian district hospitals and to donate refurbished equipment. "
        "Members run short placements, remote case conferences and a mentoring scheme for "
        "young clinicians.",
        acronym="KBHA", heritage=("GHA",), operation=("GHA", "DEU"),
        themes=("health", "skills", "diaspora-organizations"), founded=2009, article="the "),
    Org("teranga", "Association Teranga Solidarité Lyon", "diaspora-association", "FRA",
        "Association de Sénégalais de la région lyonnaise qui finance, avec les transferts de "
        "ses membres, des projets d'eau, d'école et d'emploi des jeunes en Casamance et dans la "
        "région de Thiès. Elle accompagne aussi les nouveaux arrivants dans leurs démarches.",
        acronym="ATSL", heritage=("SEN",), operation=("SEN", "FRA"),
        themes=("remittances", "education", "integration"), founded=1998, language="fr", article="l'"),
    Org("kgpf", "Malabar Gulf Professionals Forum", "diaspora-association", "ARE",
        "Engineers, accountants and nurses from Kerala working in the Emirates. The forum runs "
        "pre-departure and return-preparation workshops, a savings club and a job board for "
        "members who plan to go home and start a business.",
        acronym="MGPF", heritage=("IND",), operation=("IND", "ARE"),
        themes=("labour-migration", "return", "skills"), founded=2011, article="the "),
    Org("raices", "Asociación Raíces de Oaxaca en California", "diaspora-association", "USA",
        "Club de oriundos de la Sierra Norte de Oaxaca con sede en Los Ángeles. Financia obras "
        "comunitarias en sus pueblos de origen, becas para jóvenes y festivales que mantienen "
        "viva la lengua zapoteca entre las segundas generaciones.",
        heritage=("MEX",), operation=("MEX", "USA"),
        themes=("investment", "culture", "youth"), founded=2003, language="es", article="la "),
    Org("bayanihan", "Bayanihan Nurses Circle of New Jersey", "diaspora-association", "USA",
        "Filipino nurses in the New York metropolitan area who mentor newly arrived colleagues "
        "through licensing exams and fund continuing education for rural health workers in the "
        "Visayas.",
        acronym="BNCNJ", heritage=("PHL",), operation=("PHL", "USA"),
        themes=("health", "skills", "integration"), founded=2012, article="the "),
    Org("atlas", "Asociación Atlas de Ingenieros Marroquíes en Cataluña", "diaspora-association",
        "ESP",
        "Ingenieros e ingenieras de origen marroquí residentes en Cataluña. Organizan misiones "
        "de asistencia técnica a cooperativas del norte de Marruecos y un programa de prácticas "
        "para estudiantes de ambas orillas del Mediterráneo.",
        heritage=("MAR",), operation=("MAR", "ESP"),
        themes=("skills", "students", "climate"), founded=2014, language="es", article="la "),
    Org("naija", "Naija Code Diaspora Circle", "diaspora-association", "GBR",
        "Nigerian software engineers and data scientists in the UK who teach coding bootcamps "
        "in Nigerian cities, mentor start-up founders and help members invest in early-stage "
        "companies at home.",
        acronym="NCDC", heritage=("NGA",), operation=("NGA", "GBR"),
        themes=("skills", "youth", "investment"), founded=2016, article="the "),
    Org("somali-mothers", "Hooyo Link Somali Mothers' Network", "diaspora-association", "CAN",
        "Somali-Canadian mothers in the Toronto area who support families separated by "
        "displacement, fund girls' schooling in Baidoa and share information on settlement "
        "services in Somali.",
        heritage=("SOM",), operation=("SOM", "CAN"),
        themes=("gender", "education", "humanitarian"), founded=2019, verified=False, article="the "),
    Org("ivoiriens", "Association des Ivoiriens de Milan pour le Développement", "diaspora-association",
        "ITA",
        "Association de la diaspora ivoirienne en Lombardie. Elle soutient des coopératives "
        "agricoles dans la région de Bouaké, organise des formations à l'entrepreneuriat et "
        "accompagne les projets de retour de ses membres.",
        acronym="AIMD", heritage=("CIV",), operation=("CIV", "ITA"),
        themes=("investment", "return", "diaspora-organizations"), founded=2006, language="fr", article="l'"),
    Org("habesha", "Habesha Clinicians Society Sweden", "diaspora-association", "SWE",
        "Ethiopian-born physicians and pharmacists in Sweden organising teleconsultations and "
        "short teaching visits with regional hospitals in Ethiopia.",
        heritage=("ETH",), operation=("ETH", "SWE"),
        themes=("health", "skills"), founded=2021, verified=False, article="the "),
    Org("konbit", "Konbit Lakay Boston", "diaspora-association", "USA",
        "Haitian-American volunteers in Massachusetts who respond to hurricanes and earthquakes "
        "in the south of Haiti and then stay to rebuild: water points, schools and storm-proof "
        "roofs.",
        heritage=("HTI",), operation=("HTI", "USA"),
        themes=("humanitarian", "climate", "diaspora-organizations"), founded=2010),
    # Diaspora networks and federations
    Org("padsf", "Pan-African Diaspora Skills Federation", "diaspora-network", "BEL",
        "A federation of 60 diaspora professional associations across Europe that matches "
        "volunteer experts with public institutions in Africa and publishes guidance on "
        "short-term skills transfer.",
        acronym="PADSF", heritage=("GHA", "NGA", "SEN", "KEN", "ETH"),
        operation=("GHA", "NGA", "SEN", "KEN", "ETH", "BEL"),
        themes=("skills", "diaspora-organizations", "policy"), founded=2007, trusted=True, article="the "),
    Org("puentes", "Red Puentes de Talento Latinoamericano", "diaspora-network", "ESP",
        "Red de profesionales latinoamericanos en Europa que conecta investigadores, "
        "emprendedores y universidades de México, Colombia y Perú con sus pares europeos.",
        heritage=("MEX", "COL", "PER"), operation=("MEX", "COL", "PER", "ESP"),
        themes=("skills", "students", "investment"), founded=2013, language="es", article="la "),
    Org("kdin", "Kenyan Diaspora Investment Network North America", "diaspora-network", "USA",
        "A network of investment clubs formed by Kenyans in the United States and Canada, "
        "pooling monthly contributions into real estate, agribusiness and small-business "
        "loans in Kenya.",
        acronym="KDIN", heritage=("KEN",), operation=("KEN", "USA", "CAN"),
        themes=("investment", "remittances"), founded=2015, article="the "),
    Org("sahel-fed", "Fédération des Associations Sahéliennes d'Europe", "diaspora-network", "FRA",
        "Fédération de 35 associations de ressortissants du Mali, du Sénégal, du Niger et du "
        "Burkina Faso. Elle mutualise les projets de développement local de ses membres et "
        "porte leur voix auprès des collectivités françaises.",
        acronym="FASE", heritage=("MLI", "SEN", "NER", "BFA"),
        operation=("MLI", "SEN", "NER", "BFA", "FRA"),
        themes=("climate", "humanitarian", "diaspora-organizations"), founded=2001,
        language="fr", article="la "),
    Org("seafarers", "Global Filipino Seafarers and Families Network", "diaspora-network", "PHL",
        "Families of Filipino seafarers and overseas workers organised in chapters in Dubai, "
        "Doha and Manila, offering financial literacy courses and legal referrals.",
        heritage=("PHL",), operation=("PHL", "ARE", "QAT"),
        themes=("labour-migration", "remittances"), founded=2020, verified=False, article="the "),
    # NGOs
    Org("corridors", "Open Corridors Migration Trust", "ngo", "GBR",
        "A humanitarian NGO that works with Somali and Ethiopian diaspora groups to deliver "
        "cash assistance and water during droughts in the Horn of Africa.",
        operation=("SOM", "ETH", "KEN"), themes=("humanitarian", "displacement", "climate"),
        founded=2005),
    Org("remesa-viva", "Colectivo Remesa Viva", "ngo", "MEX",
        "Organización civil que acompaña a familias receptoras de remesas en Zacatecas y Oaxaca "
        "para que ahorren, inviertan y accedan a servicios financieros formales.",
        operation=("MEX",), themes=("remittances", "investment", "gender"), founded=2008,
        language="es", article="el "),
    Org("retour-digne", "Solidarité Retour Dignité", "ngo", "SEN",
        "ONG sénégalaise qui accompagne le retour et la réinsertion des migrants : accueil, "
        "soutien psychosocial, formation professionnelle et appui à la création d'activités.",
        operation=("SEN", "MLI"), themes=("return", "skills"), founded=2012, language="fr"),
    Org("bridgewell", "Bridgewell Women's Enterprise Initiative", "ngo", "NGA",
        "A Nigerian NGO that pairs women entrepreneurs in the south-east with diaspora mentors "
        "and runs a revolving loan fund capitalised partly by diaspora donors.",
        operation=("NGA",), themes=("gender", "investment"), founded=2014),
    Org("oasis", "Oasis Vivantes", "ngo", "MAR",
        "Association marocaine de protection des oasis du Drâa qui mobilise la diaspora "
        "marocaine en Europe autour de l'irrigation économe et du reboisement.",
        operation=("MAR",), themes=("climate", "culture"), founded=2010, language="fr"),
    Org("harbor-lab", "Digital Harbor Learning Lab", "ngo", "PHL",
        "Community learning centres in the Visayas teaching digital and freelancing skills to "
        "young people and to returning overseas workers.",
        operation=("PHL",), themes=("skills", "youth", "return"), founded=2018, verified=False),
    # Government institutions (fictional desks and offices)
    Org("accra-desk", "Accra Diaspora Skills Desk", "government", "GHA",
        "A pilot unit that places diaspora volunteers in Ghanaian public hospitals and "
        "universities and smooths the recognition of their professional licences.",
        operation=("GHA",), themes=("skills", "policy", "health"), founded=2017, article="the "),
    Org("ziguinchor", "Cellule régionale Diaspora de Ziguinchor", "government", "SEN",
        "Service régional qui informe la diaspora casamançaise sur les opportunités "
        "d'investissement et coordonne ses projets avec les plans de développement communaux.",
        operation=("SEN",), themes=("investment", "policy"), founded=2016, language="fr", article="la "),
    Org("valle-alto", "Instituto Municipal del Migrante de Valle Alto", "government", "MEX",
        "Oficina municipal que atiende a las familias de migrantes, cofinancia obras con los "
        "clubes de oriundos y acompaña a quienes regresan de Estados Unidos.",
        operation=("MEX",), themes=("return", "investment", "policy"), founded=2004,
        language="es", article="el "),
    Org("kerala-cell", "Kerala Returnee Enterprise Cell", "government", "IND",
        "A state-level cell offering returning migrant workers business training, seed "
        "capital and help with bank loans.",
        operation=("IND",), themes=("return", "investment", "labour-migration"), founded=2018, article="the "),
    # International organizations
    Org("gdkf", "Global Diaspora Knowledge Facility", "international", "CHE",
        "An intergovernmental facility that documents what works in diaspora engagement, trains "
        "government focal points and funds pilot projects.",
        acronym="GDKF", operation=("GHA", "SEN", "PHL", "MEX", "MAR", "ETH"),
        themes=("policy", "data-methods", "diaspora-organizations"), founded=2012,
        trusted=True, article="the "),
    Org("remit-obs", "Inter-Regional Remittance Observatory", "international", "LUX",
        "Tracks the cost of sending money across 40 corridors and advises central banks on "
        "digital remittance channels.",
        acronym="IRRO", operation=("NGA", "GHA", "SEN", "PHL", "MEX"),
        themes=("remittances", "data-methods"), founded=2015, article="the "),
    Org("medmob", "Mediterranean Mobility Partnership Secretariat", "international", "MLT",
        "Supports cities on both shores of the Mediterranean in designing diaspora investment "
        "and skills programmes.",
        acronym="MMPS", operation=("MAR", "ESP", "ITA"),
        themes=("policy", "labour-migration", "investment"), founded=2016, article="the "),
    # Academia and research
    Org("eastbridge", "Centre for Transnational Families, University of Eastbridge", "academia",
        "GBR",
        "An interdisciplinary research centre studying how families living across borders "
        "share money, care and decisions.",
        operation=("GBR", "NGA", "PHL"), themes=("data-methods", "remittances", "gender"),
        founded=2008, article="the "),
    Org("lmt", "Laboratoire Migrations et Territoires d'Afrique de l'Ouest", "academia", "SEN",
        "Laboratoire universitaire qui cartographie les associations de la diaspora ouest-"
        "africaine et évalue l'effet de leurs projets sur les territoires d'origine.",
        acronym="LMTAO", operation=("SEN", "MLI", "CIV", "FRA"),
        themes=("data-methods", "diaspora-organizations"), founded=2009, language="fr", article="le "),
    Org("pacifico", "Instituto de Estudios de Movilidad del Pacífico", "academia", "COL",
        "Centro de investigación que estudia el retorno, las remesas y la movilidad "
        "estudiantil entre América Latina, España y Estados Unidos.",
        operation=("COL", "PER", "MEX"), themes=("data-methods", "return", "students"),
        founded=2011, language="es", article="el "),
    Org("rhine", "Rhine Institute for Diaspora Economics", "academia", "DEU",
        "Applied research on diaspora investment, skills and entrepreneurship, with a panel "
        "survey of migrant-owned businesses in Germany.",
        acronym="RIDE", operation=("DEU", "GHA", "MAR"),
        themes=("investment", "data-methods"), founded=2013, article="the "),
    # Private sector
    Org("kobo", "Kobo Remit Technologies", "private-sector", "GBR",
        "A payments start-up offering low-fee transfers from the UK to mobile wallets in "
        "West Africa and a savings product for families who receive them.",
        operation=("GBR", "NGA", "GHA"), themes=("remittances", "investment"), founded=2019),
    Org("sahel-solar", "Sahel Solaire Habitat", "private-sector", "SEN",
        "Entreprise sociale qui installe des kits solaires domestiques financés par la "
        "diaspora, avec paiement échelonné et maintenance assurée par des techniciens locaux.",
        operation=("SEN", "MLI"), themes=("climate", "investment"), founded=2017, language="fr"),
    Org("dbap", "Diaspora Bond Advisory Partners", "private-sector", "USA",
        "Advises governments and development banks on diaspora bonds and investment funds "
        "that let savers abroad invest in infrastructure at home.",
        acronym="DBAP", operation=("USA", "KEN", "NGA", "ETH"), themes=("investment",),
        founded=2014),
    Org("manila-ventures", "Manila Bay Returnee Ventures", "private-sector", "PHL",
        "An incubator for small businesses started by returning overseas Filipino workers.",
        operation=("PHL",), themes=("return", "investment"), founded=2022, verified=False),
    # Foundations
    Org("baobab", "Fondation Baobab pour l'Éducation", "foundation", "FRA",
        "Fondation abritée qui attribue des bourses d'études à des élèves et étudiants "
        "d'Afrique de l'Ouest, financées par des donateurs de la diaspora.",
        operation=("SEN", "CIV", "MLI", "BFA"), themes=("education", "students", "youth"),
        founded=2005, language="fr", article="la "),
    Org("semilla", "Fundación Semilla Migrante", "foundation", "ESP",
        "Fundación que cofinancia proyectos productivos de mujeres en comunidades de origen de "
        "la migración latinoamericana en España.",
        operation=("COL", "PER", "GTM"), themes=("gender", "investment"), founded=2009,
        language="es", article="la "),
    # Media
    Org("dispatch", "Diaspora Dispatch Radio", "media", "GBR",
        "A community radio and podcast network broadcasting in English, Twi, Yoruba and Somali "
        "to diaspora listeners in Britain and back home.",
        operation=("GBR", "GHA", "NGA", "SOM"), themes=("culture", "integration"), founded=2011),
    Org("le-pont", "Le Pont Média", "media", "FRA",
        "Média en ligne consacré aux diasporas africaines en France : reportages, portraits "
        "d'entrepreneurs et guide pratique des démarches.",
        operation=("FRA", "SEN", "CIV"), themes=("culture", "diaspora-organizations"),
        founded=2015, language="fr"),
    Org("voces", "Voces del Norte", "media", "USA",
        "Colectivo de periodistas que produce un pódcast semanal sobre la vida de las "
        "comunidades mexicanas y centroamericanas en Texas.",
        operation=("USA", "MEX", "GTM"), themes=("culture", "integration"), founded=2020,
        language="es", verified=False),
)
