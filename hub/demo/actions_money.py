"""Demo actions about money, climate, crises, culture and policy (English)."""

from hub.demo.blocks import ActionBlock
from hub.demo.blocks import Setting as S

ACTIONS_MONEY: tuple[ActionBlock, ...] = (
    ActionBlock(
        "agri-fund", "investment",
        "Diaspora-backed agribusiness fund for {city} cooperatives",
        "A fund pooling monthly contributions from the diaspora into working-capital loans "
        "for farmer cooperatives.",
        "Farmer cooperatives around {city} lose part of every harvest because they cannot "
        "pay for storage and transport upfront. Members of {the_org} contribute a fixed amount "
        "each month into a fund managed by a licensed local microfinance institution, which "
        "lends to cooperatives against signed purchase agreements.\n\n"
        "Investors receive a modest annual return and a yearly visit to the cooperatives; an "
        "independent auditor publishes the accounts.",
        ("investment", "remittances"), (1, 2, 8),
        (S("kdin", city=1, featured=True), S("dbap", origin="ETH", city=1)),
        results=(("Diaspora investors contributing monthly", 0, 500, ""),
                 ("Cooperatives financed", 0, 18, ""),
                 ("Post-harvest losses in financed cooperatives", 30, 12, "%")),
        budget_eur=1_200_000, beneficiaries="Smallholder farmers in 18 cooperatives",
    ),
    ActionBlock(
        "savings-accounts", "initiative",
        "Remittance-linked savings accounts for families in {city}",
        "A savings account that receives a share of each transfer automatically, with a "
        "bonus for families who keep saving for a year.",
        "Families in {city} who receive money from abroad usually spend it within days, "
        "because cash at home is hard to keep. With {the_org}, the sender chooses a share of each "
        "transfer that goes straight into a savings account in the recipient's name. "
        "Families who save for twelve months receive a small bonus and a financial planning "
        "session.",
        ("remittances", "investment"), (1, 8, 10),
        (S("kobo", origin="GHA"), S("remit-obs", origin="PHL")),
        results=(("Accounts opened", 0, 2500, ""),
                 ("Accounts still active after a year", 0, 65, "%")),
        budget_eur=180_000, beneficiaries="Households receiving remittances",
    ),
    ActionBlock(
        "price-comparison", "project",
        "Price comparison for sending money to {origin}",
        "A quarterly comparison of fees and exchange-rate margins on the main channels for "
        "sending money to {origin}.",
        "Senders often do not know that the same transfer can cost three times more on one "
        "channel than on another. {The_org} mystery-shops the main banks, money transfer "
        "operators and mobile services every quarter, publishes the total cost of sending "
        "the equivalent of 200 US dollars, and shares the results with community radio and "
        "diaspora associations.",
        ("remittances", "data-methods"), (10, 17),
        (S("remit-obs", origin="GHA"), S("eastbridge", origin="NGA")),
        results=(("Channels compared each quarter", 0, 20, ""),
                 ("Average cost of sending 200 US dollars", 8, 5, "%")),
        budget_eur=45_000, beneficiaries="Senders and receiving families",
    ),
    ActionBlock(
        "diaspora-bond", "investment",
        "Technical assistance for a diaspora bond in {origin}",
        "Advice to the finance ministry on designing, pricing and marketing a bond for savers "
        "in the diaspora.",
        "Savers abroad have asked for a safe way to invest at home. {The_org} helps the finance "
        "ministry of {origin} size a first diaspora bond, choose the denominations and "
        "channels that suit small savers, meet the disclosure rules of the main host "
        "countries and plan a marketing campaign with diaspora associations.",
        ("investment", "policy"), (9, 17),
        (S("dbap", origin="KEN"), S("gdkf", origin="GHA")),
        results=(("Diaspora consultations held", 0, 12, ""),
                 ("Host-country regulators consulted", 0, 5, "")),
        budget_eur=160_000, beneficiaries="Finance ministry and diaspora savers",
    ),
    ActionBlock(
        "investor-matching", "investment",
        "Matching diaspora investors with small manufacturers in {city}",
        "A matchmaking programme that prepares small manufacturers for investment and "
        "introduces them to diaspora investors.",
        "Small manufacturers in {city} need equipment but cannot borrow; diaspora investors "
        "want opportunities but fear bad governance. {The_org} coaches selected firms on "
        "accounts and governance for three months, then presents them at a pitch day where "
        "investors from the diaspora can take stakes or lend.",
        ("investment", "skills"), (8, 9),
        (S("naija", city=2), S("kgpf", city=2)),
        results=(("Firms coached", 0, 30, ""),
                 ("Firms receiving diaspora investment", 0, 10, "")),
        budget_eur=70_000, beneficiaries="Small manufacturers and their workers",
    ),
    ActionBlock(
        "drought-cash", "humanitarian",
        "Drought cash transfers with diaspora matching in {city}",
        "Mobile cash transfers to drought-affected families, with each diaspora donation "
        "matched by institutional funds.",
        "After consecutive failed rains, herding families around {city} have lost much of "
        "their livestock. {The_org} raises donations from the diaspora and matches them with "
        "institutional funds; local committees identify the families in greatest need, who "
        "receive monthly transfers to their mobile wallets for six months.\n\n"
        "A hotline run with diaspora volunteers handles complaints in the local language.",
        ("humanitarian", "displacement", "climate"), (1, 2, 13),
        (S("corridors", origin="SOM"), S("corridors", origin="ETH", city=2)),
        results=(("Households receiving monthly transfers", 0, 3000, ""),
                 ("Complaints resolved within a week", 0, 90, "%")),
        budget_eur=900_000, beneficiaries="Drought-affected pastoralist households",
    ),
    ActionBlock(
        "storm-roofs", "humanitarian",
        "Storm-proof roofs for families in {city} after the hurricane",
        "Rebuilding roofs with hurricane straps and training local masons, funded by the "
        "diaspora.",
        "The last hurricane tore the roofs off thousands of homes around {city}. {The_org} funds "
        "materials and trains local masons to rebuild roofs that resist the next storm: "
        "hurricane straps, steeper pitches and properly fixed sheets. Families contribute "
        "labour, and each trained mason leads a crew.",
        ("humanitarian", "climate"), (1, 11, 13),
        (S("konbit"), S("konbit", city=1)),
        results=(("Homes with storm-proof roofs", 0, 400, ""),
                 ("Local masons trained", 0, 40, "")),
        budget_eur=320_000, beneficiaries="Families whose homes were damaged",
    ),
    ActionBlock(
        "water-points", "project",
        "Solar-powered water points for villages near {city}",
        "Boreholes with solar pumps managed by village water committees, co-funded by the "
        "diaspora.",
        "Women and girls in villages near {city} walk for hours to fetch water in the dry "
        "season. {The_org} drills boreholes fitted with solar pumps and storage tanks; village "
        "committees, half of them women, collect a small fee that pays for repairs.",
        ("climate", "humanitarian", "gender"), (6, 7, 13),
        (S("corridors", origin="KEN", city=2), S("corridors", origin="SOM", city=1)),
        results=(("Water points built", 0, 12, ""),
                 ("People with water within 30 minutes", 2000, 15000, "")),
        budget_eur=260_000, beneficiaries="Residents of twelve villages",
    ),
    ActionBlock(
        "early-warning", "project",
        "Community flood early-warning network in {city}",
        "River gauges, SMS alerts and evacuation drills set up with neighbourhood volunteers.",
        "Floods in {city} regularly come at night with little warning. {The_org} installs "
        "simple river gauges upstream, trains volunteers to read them and send SMS alerts, "
        "and runs evacuation drills with schools. Diaspora members fund the equipment and "
        "relay alerts to relatives abroad, who call home.",
        ("climate", "humanitarian"), (11, 13),
        (S("gdkf", origin="PHL", city=1), S("konbit", city=2)),
        results=(("Neighbourhoods covered by alerts", 0, 25, ""),
                 ("Trained volunteers", 0, 150, "")),
        budget_eur=110_000, beneficiaries="Riverside neighbourhoods",
    ),
    ActionBlock(
        "radio-remittances", "initiative",
        "Call-in radio show on safe remittances for {origin_adj} listeners",
        "A weekly call-in programme where listeners ask about fees, scams and saving, "
        "answered by guests from the diaspora and consumer groups.",
        "Many {origin_adj} families learn about money transfer services from word of mouth, "
        "and scams spread the same way. {The_org} broadcasts a weekly one-hour show, in English "
        "and a local language, where listeners call in with questions and guests explain "
        "fees, exchange rates and how to spot fraud.",
        ("remittances", "culture"), (10, 17),
        (S("dispatch", origin="GHA"), S("dispatch", origin="SOM")),
        results=(("Episodes broadcast", 0, 40, ""),
                 ("Average weekly listeners", 0, 25000, "")),
        budget_eur=25_000, beneficiaries="Diaspora listeners and their families",
    ),
    ActionBlock(
        "oral-history", "project",
        "Oral history archive of the {origin_adj} community in {residence}",
        "Recorded life stories of the first generation of migrants, archived and shared with "
        "schools.",
        "The first generation of {origin_adj} migrants in {residence} is ageing, and their "
        "memories are being lost. Volunteers of {the_org} record long interviews, transcribe and "
        "translate them, and deposit them with a public archive. Selected excerpts become "
        "teaching material for local schools.",
        ("culture", "integration"), (4, 11),
        (S("dispatch", origin="NGA"), S("bayanihan", city=2)),
        results=(("Life stories recorded", 0, 60, ""),
                 ("Schools using the material", 0, 10, "")),
        budget_eur=30_000, beneficiaries="Elders, their families and local schools",
        in_residence_too=True,
    ),
    ActionBlock(
        "investment-survey", "project",
        "Survey of {origin_adj} diaspora investment intentions in {residence}",
        "A representative survey of what the diaspora would invest in at home, and what stops "
        "it.",
        "Policymakers in {origin} often guess what the diaspora wants. {The_org} surveys "
        "{origin_adj}-born residents of {residence} on their savings, the investments they "
        "have made at home, what they would invest in and what holds them back. The "
        "anonymised microdata are published under an open licence.",
        ("investment", "data-methods", "migrant-stock"), (8, 17),
        (S("rhine", origin="GHA"), S("eastbridge", origin="NGA")),
        results=(("Completed interviews", 0, 1500, ""),
                 ("Policy briefings delivered", 0, 6, "")),
        budget_eur=120_000, beneficiaries="Policymakers and diaspora organizations",
        in_residence_too=True,
    ),
    ActionBlock(
        "returnee-grants", "investment",
        "Seed grants for returning workers starting businesses in {city}",
        "Business training followed by seed grants and a bank-loan guarantee for returning "
        "migrant workers.",
        "Workers returning to {city} bring savings and skills but often invest them in "
        "businesses that fail within a year. {The_org} offers a six-week business course; "
        "graduates with a viable plan receive a seed grant and a partial guarantee on a bank "
        "loan, plus a year of mentoring.",
        ("return", "investment", "labour-migration"), (8, 10),
        (S("kerala-cell", origin="IND"), S("manila-ventures")),
        results=(("Returnees trained", 0, 400, ""),
                 ("Businesses still trading after two years", 0, 70, "%")),
        budget_eur=500_000, beneficiaries="Returning migrant workers",
    ),
    ActionBlock(
        "focal-points", "initiative",
        "Training for local government diaspora focal points in {origin}",
        "A blended course for municipal officers who work with diaspora associations.",
        "Many municipalities in {origin} have named a diaspora focal point but given them no "
        "training. {The_org} runs a blended course on mapping the diaspora, co-funding "
        "schemes, transparency and data protection, with a small grant for each trainee to "
        "pilot one initiative.",
        ("policy", "diaspora-organizations"), (16, 17),
        (S("gdkf", origin="SEN"), S("medmob", origin="MAR")),
        results=(("Municipal officers trained", 0, 60, ""),
                 ("Pilot initiatives launched", 0, 20, "")),
        budget_eur=150_000, beneficiaries="Municipal diaspora focal points",
    ),
)
