"""Demo success stories in English, each told about the actions (or partnership) it names."""

from hub.demo.blocks import StoryBlock

STORIES_EN: tuple[StoryBlock, ...] = (
    StoryBlock(
        "triage-story",
        "The night shift that changed how {city} treats emergencies",
        "Since nurses learnt a triage scale from diaspora colleagues, the sickest patients "
        "in {city} are seen first.",
        "Before the course, the emergency ward in {city} saw patients in the order they "
        "arrived. On busy nights, a child with severe dehydration could wait behind a row "
        "of minor injuries.",
        "Volunteer nurses from {the_org} taught a five-day triage course, then worked alongside "
        "the trainees for three night shifts. Colour-coded wristbands and a wall chart "
        "replaced the queue, and a monthly video call kept the questions coming.",
        "The ward now assesses every patient within minutes of arrival, and the most urgent "
        "cases go straight to a doctor. Two local nurses have become trainers themselves.",
        "Adapting the scale to the drugs and equipment the ward actually has mattered more "
        "than any slide. Training the night staff first, when pressure is highest, won the "
        "team over.",
        ("health", "skills"), action="triage",
    ),
    StoryBlock(
        "ultrasound-story",
        "Seeing the baby for the first time: scans come to clinics near {city}",
        "Refurbished ultrasound machines and trained midwives mean fewer long journeys for "
        "pregnant women near {city}.",
        "Pregnant women in villages near {city} had to travel to the city for a scan, and "
        "many never had one. Complications were often found only during labour.",
        "{The_org} collected machines replaced by hospitals abroad, had them serviced and "
        "shipped them with spare probes. A sonographer from the diaspora trained the "
        "midwives on site for two weeks and now reviews difficult images remotely.",
        "Women now get their scans at the health centre where they give birth. Midwives "
        "refer high-risk pregnancies weeks earlier than before.",
        "Training a local technician was as important as the machines: the one breakdown "
        "so far was fixed in a day.",
        ("health", "gender"), action="ultrasound",
    ),
    StoryBlock(
        "bootcamp-story",
        "From graduate to developer: the first bootcamp cohort in {city}",
        "Young women who had been job-hunting for years are now writing code for local "
        "companies.",
        "Many of the women who applied to the bootcamp in {city} had degrees but no job, and "
        "no one had told them that software companies were struggling to hire.",
        "For twelve weeks they built real applications, with remote mentors from {the_org} "
        "reviewing their code every evening. Each graduate then joined a partner company "
        "for a paid internship.",
        "Most of the cohort were in paid work six months later; several were hired by the "
        "company where they interned. Three graduates now mentor the next cohort.",
        "Internships mattered as much as teaching. Companies hired people they had seen "
        "work, not people with certificates.",
        ("skills", "youth", "gender"), action="bootcamp",
    ),
    StoryBlock(
        "loans-story",
        "A second stall, then a shop: women borrowers in {city}",
        "Small loans and a mentor abroad helped market traders in {city} grow step by step.",
        "Women trading in the markets of {city} borrowed from moneylenders at rates that "
        "ate most of their profit.",
        "The revolving fund of {the_org} lent them small sums at low interest, and each borrower "
        "was paired with a diaspora mentor running a similar business. Monthly calls covered "
        "stock, pricing and record keeping.",
        "Almost all loans were repaid on time, and repayments funded the next round. Many "
        "borrowers took on their first employee.",
        "Mentoring worked best between people in the same trade. A generic business course "
        "had been far less useful.",
        ("gender", "investment"), action="women-loans",
    ),
    StoryBlock(
        "drought-story",
        "Keeping families together through the drought near {city}",
        "Monthly mobile transfers meant families near {city} did not have to split up to "
        "survive the dry season.",
        "After the rains failed again, families around {city} faced a choice between "
        "selling their last animals and sending members to camps.",
        "Diaspora donations raised by {the_org} were matched with institutional funds and paid "
        "as monthly mobile transfers. Local committees chose the families; a hotline staffed "
        "with diaspora volunteers answered questions in the local language.",
        "Families used the money for food, water and animal fodder, and most stayed in "
        "their villages. Complaints were answered within days.",
        "Diaspora members knew which districts were hit first. Their early warnings got "
        "money moving weeks before the usual appeals.",
        ("humanitarian", "climate"), action="drought-cash",
    ),
    StoryBlock(
        "roofs-story",
        "Roofs that held: rebuilding in {city}",
        "Homes rebuilt with diaspora funding and trained local masons came through the next "
        "storm intact.",
        "The hurricane left thousands of families in {city} under tarpaulins, and the usual "
        "rebuilding would have repeated the weaknesses that made roofs fly off.",
        "{The_org} paid for materials and trained local masons in storm-resistant techniques. "
        "Families worked alongside the crews, and each mason went on to lead a crew of his "
        "or her own.",
        "When a tropical storm hit the following season, the rebuilt roofs held. Trained "
        "masons now charge for the same techniques on other jobs.",
        "Training the builders multiplied the effect far beyond the homes we paid for.",
        ("humanitarian", "climate"), action="storm-roofs",
    ),
    StoryBlock(
        "agri-fund-story",
        "How monthly contributions from abroad filled the grain stores of {city}",
        "A diaspora fund lent cooperatives near {city} the cash they needed to store and "
        "sell their harvest at a better price.",
        "Cooperatives near {city} sold their harvest straight from the field at the lowest "
        "price of the year, because they had no money for storage or transport.",
        "Members of {the_org} paid a fixed sum each month into a fund managed by a licensed "
        "microfinance institution, which lent to cooperatives against purchase agreements.",
        "Financed cooperatives stored their grain and sold months later at better prices. "
        "Losses after harvest fell sharply, and every loan of the first round was repaid.",
        "Investors stayed because the accounts were audited and published; transparency "
        "did more for trust than any return.",
        ("investment", "remittances"), action="agri-fund",
    ),
    StoryBlock(
        "mentors-story",
        "Passing the licensing exam together in {residence}",
        "Newly arrived {origin_adj} nurses find their way back to the profession with mentors "
        "who took the same road.",
        "Nurses trained in {origin} often worked as care assistants for years in "
        "{residence} before passing the licensing exam, if they ever did.",
        "{The_org} paired each newcomer with a mentor who had passed the same exam, ran weekend "
        "revision groups and explained how wards are run in {residence}.",
        "Mentees passed at a much higher rate than before, and many now mentor newcomers "
        "themselves.",
        "The exam was only half the battle; knowing the unwritten rules of the workplace "
        "mattered as much.",
        ("health", "integration"), action="licensing-mentors",
    ),
    StoryBlock(
        "pre-departure-story",
        "Reading the contract before signing it: workers from {city}",
        "Workshops run by former migrant workers help people leaving {city} avoid the traps "
        "they fell into.",
        "Workers leaving {city} often signed contracts in a language they did not read and "
        "paid fees they could never recover.",
        "Volunteers of {the_org}, all of whom had worked abroad, ran one-day workshops with the "
        "local labour office: how to check a contract, what to do if a passport is taken, "
        "and how to send money home cheaply.",
        "Participants were far more likely to know how to report abuse when surveyed after "
        "departure, and several unlawful fee demands were reported.",
        "People listen to those who have been there. Former workers were the best teachers.",
        ("labour-migration", "remittances"), action="pre-departure",
    ),
    StoryBlock(
        "alliance-story",
        "One list of needs: how the {origin_adj} health volunteering alliance works",
        "By agreeing one list of needs with hospitals, diaspora clinicians now go where they "
        "are most useful.",
        "Volunteer clinicians from the diaspora used to arrange visits one by one, so some "
        "hospitals received three visits a year and others none.",
        "The alliance led by {the_org} drew up one list of needs with the hospitals, set up one "
        "registration and licensing route, and agreed how each placement would be "
        "evaluated.",
        "Placements now match requests made by the hospitals themselves, and licences are "
        "issued in weeks rather than months.",
        "Coordination is unglamorous work, but it multiplied what the volunteers could do.",
        ("health", "skills", "diaspora-organizations"), partnership="health-alliance",
    ),
)
