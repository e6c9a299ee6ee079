"""Demo events and opportunities, placed around today so the lists always have a past, a now and a future.

About twenty events in a dozen zones and all three formats (one cancelled, one postponed, three
past, several co-organized) and twelve calls (three closed, several closing within days).
"""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

from hub.events.models import Event, EventOrganizer
from hub.extensions import db
from hub.opportunities.models import Opportunity
from hub.timezones import to_utc

# (org, title, summary, format, zone, days from today, start, hours, city, venue country, countries,
#  themes, languages, status, co-organizer)
EVENTS = [
    ("kbha", "Diaspora clinicians' webinar on triage training", "Kumasi and Frankfurt nurses compare triage "
     "training methods.", "online", "Europe/Berlin", -40, "17:00", 2, "", None, ("GHA", "DEU"), ("health", "skills"),
     "en", "scheduled", "accra-desk"),
    ("teranga", "Forum Teranga des associations sénégalaises de Lyon", "Une journée pour les associations "
     "sénégalaises de la région lyonnaise.", "in-person", "Europe/Paris", -12, "09:30", 8, "Lyon", "FRA",
     ("SEN", "FRA"), ("diaspora-organizations",), "fr", "scheduled", None),
    ("raices", "Remesas y ahorro: taller para familias oaxaqueñas", "Cómo enviar dinero a Oaxaca pagando menos.",
     "hybrid", "America/Los_Angeles", -3, "18:00", 2, "Los Angeles", "USA", ("MEX", "USA"), ("remittances",),
     "es", "scheduled", "valle-alto"),
    ("padsf", "Pan-African skills exchange: virtual session", "Diaspora engineers mentor graduates in Accra, "
     "Dakar and Nairobi.", "online", "Europe/Brussels", 1, "14:00", 2, "", None, ("GHA", "SEN", "KEN"),
     ("skills", "youth"), "en,fr", "scheduled", "gdkf"),
    ("kdin", "Kenyan diaspora investment fair", "Meet Kenyan fund managers and county investment desks.",
     "in-person", "America/New_York", 4, "10:00", 7, "New York", "USA", ("KEN", "USA"), ("investment",),
     "en,sw", "scheduled", None),
    ("accra-desk", "Consultation on the national diaspora policy", "The ministry's desk hears diaspora "
     "associations on the draft policy.", "hybrid", "Africa/Accra", 6, "10:00", 3, "Accra", "GHA",
     ("GHA", "DEU", "GBR"), ("policy",), "en", "scheduled", "kbha"),
    ("remit-obs", "Remittance prices: quarterly briefing", "The observatory presents the quarter's corridor "
     "prices.", "online", "Europe/Luxembourg", 9, "11:00", 1, "", None, ("MEX", "PHL", "SEN"), ("remittances",),
     "en,fr,es", "scheduled", None),
    ("bayanihan", "Filipino nurses' licensing clinic", "Volunteers help nurses through New Jersey licensing.",
     "in-person", "America/New_York", 11, "13:00", 4, "Newark", "USA", ("PHL", "USA"), ("health", "labour-migration"),
     "en", "scheduled", None),
    ("atlas", "Ingenieros marroquíes: encuentro anual", "Encuentro anual de la red de ingenieros en Cataluña.",
     "in-person", "Europe/Madrid", 14, "17:30", 3, "Barcelona", "ESP", ("MAR", "ESP"), ("skills",), "es,fr,ar",
     "cancelled", None),
    ("naija", "Code for Lagos: weekend hackathon", "Diaspora developers build tools with Lagos start-ups.",
     "hybrid", "Africa/Lagos", 18, "09:00", 30, "Lagos", "NGA", ("NGA", "GBR"), ("skills", "youth"), "en",
     "scheduled", None),
    ("sahel-fed", "Assemblée des associations sahéliennes d'Europe", "Assemblée générale de la fédération.",
     "in-person", "Europe/Paris", 21, "10:00", 6, "Paris", "FRA", ("MLI", "SEN", "NER", "FRA"),
     ("diaspora-organizations",), "fr", "postponed", "lmt"),
    ("gdkf", "Knowledge exchange on diaspora mapping", "Researchers and ministries share mapping methods.",
     "online", "Europe/Zurich", 25, "15:00", 2, "", None, ("GHA", "MEX", "PHL"), ("data-methods",), "en,fr,es",
     "scheduled", "eastbridge"),
    ("kerala-cell", "Returnee enterprise day", "Gulf returnees meet banks and mentors in Kochi.", "in-person",
     "Asia/Kolkata", 29, "10:30", 6, "Kochi", "IND", ("IND", "ARE"), ("return", "investment"), "en,hi", "scheduled",
     "kgpf"),
    ("seafarers", "Seafarers' families online forum", "Families of Filipino seafarers share what helps.",
     "online", "Asia/Manila", 33, "19:00", 2, "", None, ("PHL",), ("labour-migration",), "en", "scheduled", None),
    ("habesha", "Habesha clinicians: surgical mission briefing", "Volunteers prepare the next mission to Gondar.",
     "online", "Europe/Stockholm", 38, "18:00", 1, "", None, ("ETH", "SWE"), ("health",), "en", "scheduled", None),
    ("puentes", "Talento latinoamericano en Madrid", "Feria de empleo para profesionales latinoamericanos.",
     "in-person", "Europe/Madrid", 45, "11:00", 6, "Madrid", "ESP", ("COL", "PER", "ESP"), ("labour-migration",),
     "es", "scheduled", None),
    ("konbit", "Konbit Lakay: rebuilding schools", "Boston's Haitian community plans the next school season.",
     "hybrid", "America/New_York", 52, "19:00", 2, "Boston", "USA", ("HTI", "USA"), ("education",), "en,fr",
     "scheduled", None),
    ("medmob", "Mediterranean mobility dialogue", "Officials and diaspora groups on legal pathways.", "in-person",
     "Europe/Malta", 60, "09:00", 8, "Valletta", "MLT", ("MAR", "TUN", "ITA"), ("policy", "labour-migration"),
     "en,fr,ar", "scheduled", None),
    ("baobab", "Journée de l'éducation en Casamance", "Une journée toute entière pour les écoles partenaires.",
     "in-person", "Africa/Dakar", 70, "", 0, "Ziguinchor", "SEN", ("SEN", "FRA"), ("education",), "fr",
     "scheduled", "ziguinchor"),
    ("kobo", "Cheaper corridors: fintech roundtable", "Remittance start-ups on costs in African corridors.",
     "online", "Europe/London", 85, "16:00", 2, "", None, ("GHA", "NGA", "KEN", "GBR"), ("remittances",), "en",
     "scheduled", None),
]

# (org, title, kind, summary, zone, days from today until the deadline, based in, countries, themes,
#  amount, currency, languages)
OPPORTUNITIES = [
    ("semilla", "Fondo Semilla para proyectos de retorno", "grant", "Subvenciones para migrantes que emprenden "
     "a su regreso.", "Europe/Madrid", 2, ("ESP",), ("COL", "ECU", "PER"), ("return", "investment"), "15000", "EUR",
     "es"),
    ("gdkf", "Call for diaspora practices in knowledge transfer", "call-for-practices", "Share a practice that "
     "moved skills home; the best are published.", "Europe/Zurich", 5, (), ("GHA", "PHL", "MEX"), ("skills",), None,
     "", "en,fr,es"),
    ("baobab", "Bourses Baobab pour étudiants de la diaspora", "fellowship", "Bourses d'études pour les jeunes "
     "de la diaspora sénégalaise.", "Europe/Paris", 9, ("FRA",), ("SEN",), ("education", "students"), "3000", "EUR",
     "fr"),
    ("accra-desk", "Diaspora health experts for district hospitals", "expert-request", "Short missions for "
     "specialists of Ghanaian heritage.", "Africa/Accra", 12, (), ("GHA",), ("health", "skills"), None, "", "en"),
    ("remit-obs", "Tender: remittance price survey 2027", "tender", "Collect remittance prices in twenty "
     "corridors.", "Europe/Luxembourg", 20, (), ("MEX", "PHL", "SEN", "GHA"), ("remittances", "data-methods"),
     "80000", "EUR", "en"),
    ("corridors", "Call for proposals: safe migration information", "call-for-proposals", "Projects that give "
     "migrants reliable information before they leave.", "Europe/London", 28, ("GBR", "DEU", "FRA"),
     ("NGA", "GHA"), ("labour-migration",), "25000", "GBP", "en,fr"),
    ("harbor-lab", "Volunteer tutors for coding classes", "volunteer", "Teach coding online to young people in "
     "Manila.", "Asia/Manila", 35, (), ("PHL",), ("skills", "youth"), None, "", "en"),
    ("dispatch", "Producer, diaspora affairs desk", "job", "Produce our weekly diaspora affairs programme.",
     "Europe/London", 40, ("GBR",), ("GBR",), ("culture",), "38000", "GBP", "en"),
    ("rhine", "Research fellowship on diaspora investment", "fellowship", "Twelve months at the institute in "
     "Bonn.", "Europe/Berlin", 60, (), ("GHA", "NGA", "KEN"), ("investment",), "36000", "EUR", "en,de"),
    ("kdin", "County investment matching grants", "grant", "Matching grants for diaspora investment in Kenyan "
     "counties.", "America/New_York", -2, ("USA", "CAN"), ("KEN",), ("investment",), "10000", "USD", "en"),
    ("oasis", "Appel à projets: oasis et climat", "call-for-proposals", "Projets de la diaspora pour les oasis "
     "du Drâa.", "Africa/Casablanca", -15, ("FRA", "BEL", "ESP"), ("MAR",), ("climate",), "20000", "EUR", "fr,ar"),
    ("valle-alto", "Voluntarios para el censo migrante", "volunteer", "Voluntarios para contar a la diáspora "
     "vallealteña.", "America/Mexico_City", -40, ("USA",), ("MEX",), ("data-methods",), None, "", "es"),
]


def build_events(b) -> int:
    """The demo events; a few co-organized, confirmed by their partner."""
    events = []
    for i, (key, title, summary, fmt, zone, days, start, hours, city, venue_country, countries, themes,
            languages, status, partner) in enumerate(EVENTS):
        org = b.orgs[key]
        day = b.today + timedelta(days=days)
        all_day = not start
        starts = to_utc(day, None if all_day else time.fromisoformat(start), zone)
        ends = to_utc(day + timedelta(days=1), None, zone) if all_day else starts + timedelta(hours=hours)
        slug = b.slug(Event, title)
        event = Event(
            slug=slug, title=title, summary=summary, organization=org, format=fmt,
            timezone=zone, all_day=all_day, starts_at=starts, ends_at=ends, city=city if fmt != "online" else "",
            venue=f"{city} community centre" if fmt != "online" else "", venue_country_iso3=venue_country,
            join_url=f"https://events.example.org/{slug}" if fmt != "in-person" else "",
            languages=languages, status=status, language=languages.split(",")[0] if languages[:2] in (
                "en", "fr", "es") else "en",
            status_note={"cancelled": "The venue is no longer available.",
                         "postponed": "New date to be announced."}.get(status, ""),
            description=f"{summary}\n\nFree entry; please register.", created_by_id=b.moderator_id,
        )
        b.review(event, i, org.is_verified, max(1, 30 - days // 2), event.language, state="published"
                 if org.is_verified else "")
        event.countries = b.place(*countries)
        event.themes = b.tags(themes)
        if partner and b.orgs[partner].is_verified:
            event.organizers = [EventOrganizer(organization=b.orgs[partner], confirmation="confirmed",
                                               responded_at=b.now)]
        db.session.add(event)
        events.append(event)
    db.session.flush()
    past = sum(e.ends_at <= b.now for e in events)
    b.progress(f"Events: {len(events)} ({sum(e.is_published for e in events)} published, {past} past, "
               f"{sum(e.is_cancelled for e in events)} cancelled).")
    return len(events)


def build_opportunities(b) -> int:
    """The demo calls: some closing within days, three already closed."""
    calls = []
    for i, (key, title, kind, summary, zone, days, based_in, countries, themes, amount, currency,
            languages) in enumerate(OPPORTUNITIES):
        org = b.orgs[key]
        closes = to_utc(b.today + timedelta(days=days), time(23, 59), zone)
        call = Opportunity(
            slug=b.slug(Opportunity, title), title=title, kind=kind, summary=summary, organization=org,
            description=f"{summary}\n\nRead the guidelines before applying.", timezone=zone, closes_at=closes,
            opens_at=closes - timedelta(days=60), apply_url=f"https://calls.example.org/{i + 1}",
            amount=Decimal(amount) if amount else None, currency=currency, languages=languages,
            eligibility="Diaspora associations and their members.", eligible_org_types="diaspora-association,ngo",
            language=languages.split(",")[0] if languages[:2] in ("en", "fr", "es") else "en",
            created_by_id=b.moderator_id,
        )
        b.review(call, i, org.is_verified, max(1, 70 - days), call.language,
                 state="published" if org.is_verified else "")
        call.residence_countries = b.place(*based_in)
        call.countries = b.place(*countries)
        call.themes = b.tags(themes)
        db.session.add(call)
        calls.append(call)
    db.session.flush()
    b.progress(f"Opportunities: {len(calls)} ({sum(c.is_published for c in calls)} published, "
               f"{sum(c.closes_at <= b.now for c in calls)} closed).")
    return len(calls)
