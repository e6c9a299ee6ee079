"""Demo actions about people: health, skills, education, youth and women's work (English)."""

from hub.demo.blocks import ActionBlock
from hub.demo.blocks import Setting as S

ACTIONS_PEOPLE: tuple[ActionBlock, ...] = (
    ActionBlock(
        "triage", "skills-transfer",
        "Emergency triage training for nurses in {city}",
        "{origin_adj} nurses living in {residence} spend their annual leave teaching a five-day "
        "emergency triage course, then coach the trainees remotely for six months.",
        "Emergency wards around {city} see patients in order of arrival, and the sickest "
        "sometimes wait longest. Volunteer nurses from {the_org} teach the triage scale they use "
        "every day in {residence}, adapted with local clinicians to the drugs and equipment "
        "actually available.\n\n"
        "Each cohort spends five days in a skills lab and three shifts on the ward with a "
        "mentor. After the course, trainees join a monthly video call to discuss difficult "
        "cases, and two of them become trainers for the next cohort.",
        ("health", "skills"), (3, 4, 17),
        (S("kbha", featured=True), S("bayanihan")),
        results=(("Nurses certified in emergency triage", 0, 60, ""),
                 ("Median time from arrival to first assessment", 45, 15, " min"),
                 ("Local nurses qualified as trainers", 0, 8, "")),
        budget_eur=85_000, beneficiaries="Nurses and patients of four district hospitals",
    ),
    ActionBlock(
        "case-conferences", "skills-transfer",
        "Remote case conferences between {residence} and {city} hospitals",
        "A fortnightly video conference where specialists in the diaspora and doctors in "
        "{city} discuss difficult cases together.",
        "District doctors around {city} often manage complex cases without a specialist to "
        "ask. Every other Thursday, clinicians from {the_org} join a secure video call with the "
        "regional hospital: local doctors present two cases, the group agrees on a plan, and a "
        "short summary is filed with the patient record.\n\n"
        "The hospital provides the room and the bandwidth; the diaspora members give their "
        "time for free and record which advice was followed.",
        ("health", "skills"), (3, 17),
        (S("kbha", city=1), S("habesha")),
        results=(("Case conferences held", 0, 48, ""),
                 ("Local clinicians taking part regularly", 0, 35, ""),
                 ("Cases referred abroad that could be treated locally", 0, 20, "")),
        budget_eur=12_000, beneficiaries="Doctors and patients of the regional referral hospital",
    ),
    ActionBlock(
        "ultrasound", "project",
        "Refurbished ultrasound machines for maternity wards around {city}",
        "Donated, refurbished ultrasound units for rural maternity wards, with training for "
        "the midwives who will use them.",
        "Most health centres around {city} refer pregnant women to the city for a scan, a "
        "journey many cannot afford. {The_org} collects ultrasound machines replaced by hospitals "
        "in {residence}, has them serviced by a certified technician and ships them with a "
        "two-year supply of spare probes.\n\n"
        "A sonographer from the association spends two weeks with each receiving team, and a "
        "local biomedical technician is trained to keep the machines running.",
        ("health",), (3, 5),
        (S("kbha", city=2), S("bayanihan", city=1)),
        results=(("Ultrasound units installed and in use", 0, 6, ""),
                 ("Midwives trained in basic obstetric ultrasound", 0, 30, ""),
                 ("Antenatal scans per month across the sites", 40, 300, "")),
        budget_eur=140_000, beneficiaries="Pregnant women in six rural health centres",
    ),
    ActionBlock(
        "licensing-mentors", "initiative",
        "Licensing-exam mentoring for newly arrived {origin_adj} nurses in {residence}",
        "Experienced members coach newly arrived nurses through the licensing exam and their "
        "first months on the job.",
        "Nurses trained in {origin} often wait years before they can practise in {residence}, "
        "and many give up. {The_org} pairs each newcomer with a mentor who passed the same exam, "
        "runs weekend revision groups and explains the unwritten rules of the workplace.\n\n"
        "Mentees commit to mentoring someone else once they are licensed.",
        ("health", "integration", "skills"), (3, 8, 10),
        (S("bayanihan"), S("kbha")),
        results=(("Nurses mentored", 0, 80, ""),
                 ("First-attempt pass rate of mentees", 55, 85, "%")),
        budget_eur=18_000, beneficiaries="Newly arrived nurses", in_residence_too=True,
    ),
    ActionBlock(
        "expert-placements", "skills-transfer",
        "Diaspora expert placements in public universities of {origin}",
        "Short placements of diaspora academics who co-teach courses and supervise research in "
        "public universities.",
        "Public universities in {origin} have grown faster than their teaching staff. "
        "{The_org} matches diaspora lecturers with departments that have asked for specific help: "
        "a course to co-teach, a laboratory to set up, doctoral students to co-supervise.\n\n"
        "Placements last four to twelve weeks. The host covers local costs; the programme "
        "pays travel and insurance.",
        ("skills", "education"), (4, 17),
        (S("padsf", origin="ETH"), S("accra-desk", origin="GHA")),
        results=(("Experts placed", 0, 40, ""),
                 ("Courses co-taught", 0, 25, ""),
                 ("Doctoral students co-supervised", 0, 30, "")),
        budget_eur=220_000, beneficiaries="Lecturers and students of five universities",
    ),
    ActionBlock(
        "bootcamp", "project",
        "Twelve-week coding bootcamp for young women in {city}",
        "A free, full-time web development bootcamp taught by diaspora engineers, with "
        "internships at local firms.",
        "Tech firms in {city} say they cannot find junior developers, while young women with "
        "degrees struggle to find work. {The_org} runs a twelve-week bootcamp: the curriculum and "
        "remote mentors come from engineers in the diaspora, the classroom and two full-time "
        "instructors are local.\n\n"
        "Every graduate is offered a three-month paid internship with a partner company, and "
        "the best projects are shown to investors on demo day.",
        ("skills", "youth", "gender"), (4, 5, 8),
        (S("naija", featured=True), S("harbor-lab", city=1)),
        results=(("Women enrolled", 0, 120, ""),
                 ("Graduates in paid work six months later", 0, 70, "%"),
                 ("Partner companies offering internships", 0, 15, "")),
        budget_eur=95_000, beneficiaries="Young women aged 18–30",
    ),
    ActionBlock(
        "freelancing", "skills-transfer",
        "Freelancing and remote-work clinics in {city}",
        "Weekend clinics on finding remote work, pricing it and getting paid safely across "
        "borders.",
        "Remote work is a real option for young people in {city}, but scams and unpaid "
        "invoices put many off. At monthly clinics, members of {the_org} who freelance from "
        "abroad review portfolios, role-play client calls and explain contracts, invoicing "
        "and low-cost ways to receive payments.",
        ("skills", "youth"), (8, 9),
        (S("harbor-lab"), S("naija", city=1)),
        results=(("Participants completing three clinics", 0, 300, ""),
                 ("Participants earning from remote work", 0, 90, "")),
        budget_eur=22_000, beneficiaries="Young people and returning workers",
    ),
    ActionBlock(
        "girls-scholarships", "project",
        "Secondary-school scholarships for girls in {city}",
        "Scholarships covering fees, uniforms and exam costs so that girls finish secondary "
        "school.",
        "Girls in and around {city} leave school early when families cannot pay fees or need "
        "help at home. Each scholarship from {the_org} covers four years of fees, uniforms, "
        "books and exam registration, and pays a stipend to the family conditional on "
        "attendance.\n\n"
        "A local committee of teachers and parents selects the students and follows up on "
        "absences; members abroad sponsor a student each and receive a yearly letter.",
        ("education", "gender", "youth"), (4, 5),
        (S("somali-mothers"), S("bridgewell", origin="NGA", city=2)),
        results=(("Girls on scholarship", 0, 150, ""),
                 ("Scholarship holders completing the school year", 70, 95, "%")),
        budget_eur=60_000, beneficiaries="Girls aged 12–18 and their families",
    ),
    ActionBlock(
        "internships", "project",
        "Summer engineering internships for {origin_adj} students",
        "Paid summer internships in {residence} for engineering students from {origin}, with a "
        "mentor from the diaspora.",
        "Engineering students in {origin} rarely get to work on an industrial site before "
        "graduating. Each summer, {the_org} places students in companies in {residence} for ten "
        "weeks, arranges visas and housing, and pairs each one with a diaspora engineer.\n\n"
        "Back home, interns present what they learnt to their department and help select the "
        "next group.",
        ("students", "skills"), (4, 9),
        (S("rhine", origin="MAR"), S("padsf", origin="SEN")),
        results=(("Students placed", 0, 25, ""),
                 ("Host companies", 0, 12, "")),
        budget_eur=75_000, beneficiaries="Final-year engineering students",
        in_residence_too=True,
    ),
    ActionBlock(
        "pre-departure", "initiative",
        "Pre-departure and rights workshops for workers leaving {city}",
        "One-day workshops on contracts, recruitment fees, workers' rights and sending money "
        "home, run by people who have worked abroad.",
        "Many workers from {city} sign contracts they have not read and pay recruitment fees "
        "they cannot recover. Volunteers of {the_org}, all former or current migrant workers, "
        "run one-day workshops with recruitment agencies and the local labour office: how to "
        "check a contract, what to do if a passport is confiscated, which embassy services "
        "exist, and how to compare the cost of sending money.",
        ("labour-migration", "remittances"), (8, 10),
        (S("kgpf"), S("seafarers", city=2)),
        results=(("Workers trained before departure", 0, 1200, ""),
                 ("Participants who knew how to report abuse (follow-up survey)", 20, 80, "%")),
        budget_eur=30_000, beneficiaries="Prospective migrant workers and their families",
    ),
    ActionBlock(
        "family-support", "project",
        "Psychosocial support for families separated by migration in {city}",
        "Peer groups and counselling for children and spouses who stay behind when a parent "
        "works abroad.",
        "When a parent works abroad for years, children and spouses in {city} carry the "
        "weight of the separation alone. {The_org} trains peer facilitators who run monthly "
        "groups for spouses and after-school sessions for children, and refers people who "
        "need more to a counsellor.\n\n"
        "Members abroad join some sessions by video so that families hear from both sides.",
        ("health", "gender"), (3, 5),
        (S("seafarers"), S("somali-mothers", city=1)),
        results=(("Families in peer groups", 0, 200, ""),
                 ("Trained peer facilitators", 0, 24, "")),
        budget_eur=40_000, beneficiaries="Spouses and children of migrant workers",
    ),
    ActionBlock(
        "women-loans", "investment",
        "Mentoring and micro-loans for women-owned businesses in {city}",
        "A revolving loan fund capitalised by diaspora donors, with a diaspora mentor for each "
        "borrower.",
        "Women who run small businesses in {city} rarely qualify for bank credit. {The_org} "
        "lends them between 300 and 3,000 euros equivalent at low interest, from a revolving "
        "fund capitalised by members abroad. Each borrower is paired with a mentor who runs a "
        "similar business in the diaspora, and repayments fund the next round of loans.",
        ("gender", "investment"), (1, 5, 8),
        (S("bridgewell", featured=True), S("kdin", city=0)),
        results=(("Loans disbursed", 0, 400, ""),
                 ("Repayment rate", 0, 95, "%"),
                 ("Jobs created in borrowers' businesses", 0, 250, "")),
        budget_eur=250_000, beneficiaries="Women entrepreneurs in market trades and services",
    ),
    ActionBlock(
        "returnee-children", "project",
        "Career guidance for children of returning migrants in {city}",
        "School-based guidance and tutoring for teenagers who return with their parents after "
        "years abroad.",
        "Teenagers who return to {city} with their parents often lag behind in the local "
        "language of instruction and have no idea which careers are open to them. {The_org} "
        "funds tutors in three secondary schools and organises career days where returnees "
        "who have rebuilt their lives share their path.",
        ("return", "youth", "education"), (4, 10),
        (S("kerala-cell", origin="IND", city=2), S("harbor-lab", city=2)),
        results=(("Students tutored", 0, 180, ""),
                 ("Students passing the end-of-year exam", 60, 85, "%")),
        budget_eur=35_000, beneficiaries="Returnee students aged 13–18",
    ),
    ActionBlock(
        "licence-recognition", "initiative",
        "Fast-track licence recognition for diaspora health volunteers in {origin}",
        "A two-week procedure for recognising the professional licences of diaspora health "
        "workers who volunteer in public hospitals.",
        "Diaspora doctors and nurses who offer to volunteer in {origin} used to wait months "
        "for a temporary licence. {The_org} agreed a two-week procedure with the medical and "
        "nursing councils: one online form, a verification of the foreign licence, and a "
        "temporary registration tied to a named host hospital.",
        ("health", "policy", "skills"), (3, 16, 17),
        (S("accra-desk", origin="GHA"), S("padsf", origin="KEN")),
        results=(("Temporary licences issued", 0, 150, ""),
                 ("Median days to a decision", 90, 14, "")),
        beneficiaries="Diaspora health professionals and host hospitals",
    ),
)
