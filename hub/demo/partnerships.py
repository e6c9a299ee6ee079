"""Demo partnerships: who works with whom, in which role, and what they reported."""

from hub.demo.blocks import PartnershipBlock
from hub.demo.blocks import Setting as S

PARTNERSHIPS: tuple[PartnershipBlock, ...] = (
    PartnershipBlock(
        "health-alliance",
        "{origin_adj} diaspora health volunteering alliance",
        "Diaspora clinicians, the health authorities and a funder coordinate volunteer "
        "placements so that they answer needs the hospitals have named.",
        "Volunteer visits by diaspora clinicians used to be arranged hospital by hospital, "
        "with duplicated effort and gaps. The alliance keeps one list of needs drawn up with "
        "the hospitals, one registration and licensing route, and one way of recording what "
        "each placement achieved.\n\n"
        "The lead association recruits and prepares volunteers; the public partner handles "
        "licences and host hospitals; the funder covers travel; the research partner "
        "evaluates.",
        ("health", "skills", "diaspora-organizations"), (3, 17),
        (S("kbha"), S("bayanihan")),
        ((("accra-desk", "implementing"), ("padsf", "knowledge"), ("gdkf", "funding")),
         (("gdkf", "funding"), ("eastbridge", "knowledge"))),
        reports=(
            ("Eleven volunteers completed placements in four hospitals; the shared needs list "
             "now covers emergency care, neonatal care and anaesthesia.",
             "Two placements were postponed because temporary licences arrived late."),
            ("Trainees from the first cohort now teach triage on their own wards; the "
             "evaluation framework was agreed with the research partner.",
             "Hospital managers change often, so agreements must be renewed each year."),
            ("The alliance opened a second region and signed a data-sharing agreement on "
             "placement outcomes.",
             "Volunteer availability drops sharply in the winter months."),
        ),
        actions=("triage",),
    ),
    PartnershipBlock(
        "skills-corridor",
        "Diaspora skills corridor between Europe and {origin}",
        "A federation of diaspora associations, public institutions and funders matching "
        "diaspora experts with requests from universities and ministries.",
        "The corridor turns ad hoc expert visits into a programme: host institutions post "
        "requests, the federation finds and prepares experts, and each placement ends with a "
        "short report published on the hub.",
        ("skills", "education", "policy"), (4, 17),
        (S("padsf", origin="ETH"), S("padsf", origin="KEN")),
        ((("accra-desk", "implementing"), ("gdkf", "funding"), ("rhine", "knowledge")),
         (("kdin", "implementing"), ("gdkf", "funding"))),
        reports=(
            ("Requests from six institutions were matched with experts within a month.",
             "Some requests were too vague to match; a request template was introduced."),
            ("Placement reports are now published within two weeks of each visit.",
             "Visa appointments for experts with foreign passports take up to eight weeks."),
            ("Host institutions co-funded a third of local costs this period.",
             "Internet connectivity limits follow-up mentoring at two universities."),
        ),
        actions=("expert-placements",),
    ),
    PartnershipBlock(
        "cheaper-remittances",
        "Coalition for cheaper remittances to {origin}",
        "Researchers, a payments company, community media and diaspora groups working to "
        "bring down what it costs to send money home.",
        "The coalition publishes a quarterly price comparison, explains it on community "
        "radio and in diaspora associations, and discusses the findings with regulators and "
        "providers.",
        ("remittances", "data-methods"), (10, 17),
        (S("remit-obs", origin="GHA"), S("eastbridge", origin="NGA")),
        ((("kobo", "implementing"), ("dispatch", "implementing"), ("eastbridge", "knowledge")),
         (("kobo", "implementing"), ("naija", "implementing"), ("remit-obs", "knowledge"))),
        reports=(
            ("The average cost of sending the equivalent of 200 US dollars fell below six "
             "per cent on the channels monitored.",
             "Two providers stopped publishing their exchange-rate margins."),
            ("A radio series explaining the price comparison reached listeners in three "
             "cities.",
             "Mystery shopping of cash-based channels remains slow and costly."),
            ("Regulators agreed to review disclosure rules on exchange-rate margins.",
             "Digital channels are cheap but many older senders still prefer cash."),
        ),
        actions=("price-comparison",),
    ),
    PartnershipBlock(
        "women-enterprise",
        "Women's enterprise partnership in {city}",
        "A lending NGO, diaspora mentors and a funder combining credit, mentoring and market "
        "access for women entrepreneurs.",
        "Loans alone rarely change a business. The partnership combines a revolving loan "
        "fund, one diaspora mentor per borrower and introductions to buyers abroad.",
        ("gender", "investment"), (5, 8),
        (S("bridgewell"), S("kdin", city=0)),
        ((("naija", "knowledge"), ("kobo", "funding")),
         (("dbap", "knowledge"), ("gdkf", "funding"))),
        reports=(
            ("The fund's third round of loans went to 90 women, two thirds of them "
             "first-time borrowers.",
             "Inflation has squeezed margins in food trades."),
            ("Mentors and borrowers met monthly in 80 per cent of pairs.",
             "Mentors in different time zones find regular calls hard."),
        ),
        actions=("women-loans",),
    ),
    PartnershipBlock(
        "drought-response",
        "Diaspora drought response in {origin}",
        "A humanitarian NGO, diaspora associations and a funder combining diaspora donations, "
        "local knowledge and cash assistance.",
        "Diaspora associations know which districts are hit first and can raise money "
        "quickly; humanitarian agencies have the systems to deliver it accountably. The "
        "partnership joins the two, with matched funding and a shared complaints line.",
        ("humanitarian", "displacement", "climate"), (1, 2, 13),
        (S("corridors", origin="SOM"), S("corridors", origin="ETH")),
        ((("somali-mothers", "implementing"), ("dispatch", "knowledge"), ("gdkf", "funding")),
         (("habesha", "implementing"), ("gdkf", "funding"))),
        reports=(
            ("Cash transfers reached 2,100 households in the first three months.",
             "Insecurity on two roads delayed registration in remote villages."),
            ("Diaspora donations were matched in full for the second consecutive quarter.",
             "Mobile network outages interrupted transfers for a week."),
            ("Complaints are now resolved in five days on average.",
             "Funding beyond the next six months is not yet secured."),
        ),
        actions=("drought-cash",),
    ),
    PartnershipBlock(
        "digital-skills",
        "Digital skills partnership for young people in {city}",
        "Diaspora engineers, local trainers, employers and funders building a pipeline from "
        "training to first job.",
        "The partnership links a bootcamp taught with diaspora engineers to employers who "
        "commit to internships, and tracks graduates for a year.",
        ("skills", "youth"), (4, 8),
        (S("naija"), S("harbor-lab", city=1)),
        ((("kobo", "funding"), ("eastbridge", "knowledge")),
         (("seafarers", "implementing"), ("gdkf", "funding"))),
        reports=(
            ("The second cohort graduated; 14 companies offered internships.",
             "Power cuts disrupted evening classes; a generator was rented."),
            ("Graduate tracking shows most alumni in paid work after six months.",
             "Employers want more back-end skills than the curriculum covers."),
        ),
        actions=("bootcamp",),
    ),
    PartnershipBlock(
        "returnee-enterprise",
        "Returnee enterprise partnership in {city}",
        "Public services, diaspora associations and investors helping returning workers build "
        "businesses that last.",
        "Returning workers receive training, seed grants, guarantees and mentoring from one "
        "place instead of five. Diaspora associations abroad prepare members before they "
        "return.",
        ("return", "investment"), (8, 10),
        (S("kerala-cell", origin="IND"), S("manila-ventures")),
        ((("kgpf", "implementing"), ("dbap", "knowledge")),
         (("harbor-lab", "implementing"), ("seafarers", "implementing"))),
        reports=(
            ("Pre-return workshops were held in two Gulf cities.",
             "Bank branches apply the loan guarantee inconsistently."),
            ("The first 120 grantees opened businesses, mostly in food and transport.",
             "Several grantees returned abroad within a year."),
        ),
        actions=("returnee-grants",),
    ),
    PartnershipBlock(
        "climate-resilience",
        "Diaspora climate resilience partnership for {city}",
        "Diaspora associations, a knowledge facility and local volunteers preparing "
        "neighbourhoods for floods and storms.",
        "Neighbourhood volunteers run the alert network; diaspora members fund equipment and "
        "relay warnings to relatives; the knowledge partner documents what works.",
        ("climate", "humanitarian"), (11, 13),
        (S("gdkf", origin="PHL", city=1), S("konbit", city=2)),
        ((("bayanihan", "funding"), ("corridors", "knowledge")),
         (("gdkf", "funding"), ("corridors", "knowledge"))),
        reports=(
            ("Evacuation drills were held in every school of the covered neighbourhoods.",
             "Two river gauges were damaged in the last flood."),
            ("Alerts reached residents about 40 minutes before the water rose.",
             "Volunteer turnover is high among young people who leave for work."),
        ),
        actions=("early-warning",),
    ),
    PartnershipBlock(
        "investment-dialogue",
        "Diaspora investment policy dialogue with {origin}",
        "Advisers, researchers, diaspora investment clubs and public institutions discussing "
        "the rules that shape diaspora investment.",
        "The dialogue brings the concerns of diaspora investors to the finance ministry and "
        "regulators, backed by survey evidence, and follows up on what changes.",
        ("investment", "policy"), (8, 17),
        (S("dbap", origin="KEN"), S("gdkf", origin="GHA")),
        ((("kdin", "implementing"), ("gdkf", "knowledge"), ("rhine", "knowledge")),
         (("dbap", "knowledge"), ("rhine", "knowledge"), ("accra-desk", "implementing"))),
        reports=(
            ("Diaspora consultations fed a draft prospectus for a first retail bond.",
             "Securities rules in host countries limit how the bond can be marketed."),
            ("The ministry published a response to the dialogue's recommendations.",
             "Exchange-rate volatility worries potential investors."),
        ),
        actions=("diaspora-bond",),
    ),
    PartnershipBlock(
        "eau-jeunesse",
        "Programme eau et jeunesse de {city}",
        "Associations de la diaspora, collectivité et chercheurs réunis autour de l'accès à "
        "l'eau et de l'emploi des jeunes.",
        "Le programme finance des forages et des bornes-fontaines, forme de jeunes "
        "fontainiers et plombiers, et évalue l'effet des investissements de la diaspora sur "
        "la vie des villages.",
        ("climate", "youth", "diaspora-organizations"), (6, 8, 17),
        (S("teranga"), S("sahel-fed", origin="MLI")),
        ((("ziguinchor", "implementing"), ("sahel-fed", "funding"), ("lmt", "knowledge")),
         (("retour-digne", "implementing"), ("lmt", "knowledge"))),
        reports=(
            ("Trois villages sont désormais raccordés ; douze jeunes ont été formés à "
             "l'entretien des installations.",
             "La hausse du prix du ciment a retardé le chantier du château d'eau."),
            ("Les comités de gestion publient leurs comptes chaque trimestre.",
             "Certaines familles peinent à payer l'eau pendant la soudure."),
        ),
        actions=("eau-potable",),
        language="fr",
    ),
    PartnershipBlock(
        "retour-reussi",
        "Plateforme retour et réinsertion {au_origin}",
        "ONG, médias, fondation et services publics coordonnés pour que chaque migrant de "
        "retour trouve un accompagnement complet.",
        "La plateforme réunit l'accueil, le soutien psychosocial, la formation et le "
        "financement d'activités, et informe la diaspora sur ce qui existe avant le retour.",
        ("return", "skills"), (8, 10),
        (S("retour-digne", origin="SEN"), S("retour-digne", origin="MLI")),
        ((("le-pont", "knowledge"), ("baobab", "funding"), ("ziguinchor", "implementing")),
         (("sahel-fed", "implementing"), ("sahel-solar", "implementing"))),
        reports=(
            ("Un guichet unique a accueilli 140 personnes ce semestre.",
             "Les besoins en soutien psychologique dépassent l'offre disponible."),
            ("Une série de reportages a fait connaître la plateforme dans la diaspora.",
             "Les délais de financement des activités restent trop longs."),
        ),
        actions=("reinsertion",),
        language="fr",
    ),
    PartnershipBlock(
        "alianza-clubes",
        "Alianza de clubes de migrantes para {city}",
        "Clubes de oriundos, gobierno municipal y organizaciones civiles que cofinancian y "
        "vigilan obras comunitarias.",
        "La alianza junta las aportaciones de los clubes en Estados Unidos con fondos "
        "públicos, y organizaciones civiles acompañan a los comités de obra para que las "
        "cuentas sean claras.",
        ("investment", "remittances", "policy"), (9, 11, 17),
        (S("raices"), S("valle-alto", origin="MEX", city=1)),
        ((("valle-alto", "implementing"), ("remesa-viva", "implementing"),
          ("voces", "knowledge")),
         (("remesa-viva", "implementing"), ("raices", "funding"))),
        reports=(
            ("Se terminaron dos obras: un aula y una red de agua.",
             "El retraso en la aportación estatal detuvo una obra durante tres meses."),
            ("Los comités de obra publicaron sus cuentas en asamblea.",
             "Algunos clubes tienen dificultades para renovar su directiva."),
        ),
        actions=("obras-comunitarias",),
        language="es",
    ),
    PartnershipBlock(
        "cooperacion-cientifica",
        "Red de cooperación científica con {es_origin}",
        "Investigadores en el exterior, universidades y una fundación que impulsan proyectos "
        "conjuntos de investigación.",
        "La red financia estancias, organiza convocatorias conjuntas y da seguimiento a las "
        "colaboraciones que nacen de ellas.",
        ("skills", "students"), (4, 9, 17),
        (S("puentes", origin="COL"),),
        ((("pacifico", "knowledge"), ("semilla", "funding")),),
        reports=(
            ("Se realizaron diez estancias y se presentaron cuatro proyectos conjuntos.",
             "Los trámites de convalidación de títulos siguen siendo lentos."),
        ),
        actions=("retorno-investigadores",),
        language="es",
    ),
)
