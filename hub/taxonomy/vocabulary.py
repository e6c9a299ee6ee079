"""The fixed lists behind themes, SDGs and every choice field, with translatable labels."""

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

# Themes: the data-source catalogue's vocabulary plus what diaspora actions are about.
THEMES = [
    ("migrant-stock", _l("Migrant stock")),
    ("remittances", _l("Remittances")),
    ("investment", _l("Investment and entrepreneurship")),
    ("skills", _l("Skills and knowledge transfer")),
    ("health", _l("Health")),
    ("education", _l("Education")),
    ("students", _l("Students")),
    ("labour-migration", _l("Labour migration")),
    ("humanitarian", _l("Humanitarian response")),
    ("displacement", _l("Displacement")),
    ("return", _l("Return and reintegration")),
    ("integration", _l("Integration")),
    ("gender", _l("Gender")),
    ("youth", _l("Youth")),
    ("climate", _l("Climate and environment")),
    ("culture", _l("Culture and heritage")),
    ("policy", _l("Policy and governance")),
    ("diaspora-organizations", _l("Diaspora organizations")),
    ("data-methods", _l("Data and methods")),
]

SDGS = [
    (1, _l("No poverty")),
    (2, _l("Zero hunger")),
    (3, _l("Good health and well-being")),
    (4, _l("Quality education")),
    (5, _l("Gender equality")),
    (6, _l("Clean water and sanitation")),
    (7, _l("Affordable and clean energy")),
    (8, _l("Decent work and economic growth")),
    (9, _l("Industry, innovation and infrastructure")),
    (10, _l("Reduced inequalities")),
    (11, _l("Sustainable cities and communities")),
    (12, _l("Responsible consumption and production")),
    (13, _l("Climate action")),
    (14, _l("Life below water")),
    (15, _l("Life on land")),
    (16, _l("Peace, justice and strong institutions")),
    (17, _l("Partnerships for the goals")),
]

ORGANIZATION_TYPES = [
    ("diaspora-association", _l("Diaspora association")),
    ("diaspora-network", _l("Diaspora network or federation")),
    ("ngo", _l("NGO")),
    ("government", _l("Government institution")),
    ("international", _l("International organization")),
    ("academia", _l("Academia or research")),
    ("private-sector", _l("Private sector")),
    ("foundation", _l("Foundation")),
    ("media", _l("Media")),
]

ACTION_KINDS = [
    ("project", _l("Project")),
    ("initiative", _l("Initiative")),
    ("investment", _l("Investment")),
    ("skills-transfer", _l("Skills transfer")),
    ("humanitarian", _l("Humanitarian response")),
]

ACTIVITY_STATUSES = [
    ("planned", _l("Planned")),
    ("ongoing", _l("Ongoing")),
    ("completed", _l("Completed")),
]

PARTNER_ROLES = [
    ("lead", _l("Lead")),
    ("implementing", _l("Implementing")),
    ("funding", _l("Funding")),
    ("knowledge", _l("Knowledge")),
]

SOURCE_KINDS = [
    ("dataset", _l("Dataset")),
    ("survey", _l("Survey")),
    ("census", _l("Census")),
    ("administrative-data", _l("Administrative data")),
    ("report", _l("Report")),
    ("portal", _l("Portal or map")),
    ("policy-database", _l("Policy document or database")),
    ("mapping-study", _l("Diaspora mapping study")),
    ("indicator", _l("Indicator")),
]

SOURCE_ACCESS = [
    ("open", _l("Open")),
    ("registration", _l("Registration required")),
    ("restricted", _l("Restricted")),
]

CONTENT_LANGUAGES = [
    ("en", _l("English")),
    ("fr", _l("French")),
    ("es", _l("Spanish")),
]

EVENT_FORMATS = [
    ("in-person", _l("In person")),
    ("online", _l("Online")),
    ("hybrid", _l("Hybrid")),
]

EVENT_STATUSES = [
    ("scheduled", _l("Scheduled")),
    ("postponed", _l("Postponed")),
    ("cancelled", _l("Cancelled")),
]

OPPORTUNITY_KINDS = [
    ("call-for-proposals", _l("Call for proposals")),
    ("call-for-practices", _l("Call for practices")),
    ("grant", _l("Grant")),
    ("fellowship", _l("Fellowship or scholarship")),
    ("expert-request", _l("Expert request")),
    ("volunteer", _l("Volunteer mission")),
    ("job", _l("Job")),
    ("tender", _l("Tender")),
]

# Languages an event is held in or an application is accepted in (ISO 639-1).
SPOKEN_LANGUAGES = [
    ("en", _l("English")),
    ("fr", _l("French")),
    ("es", _l("Spanish")),
    ("ar", _l("Arabic")),
    ("pt", _l("Portuguese")),
    ("sw", _l("Swahili")),
    ("de", _l("German")),
    ("it", _l("Italian")),
    ("ru", _l("Russian")),
    ("zh", _l("Chinese")),
    ("hi", _l("Hindi")),
    ("tr", _l("Turkish")),
]

REVIEW_STATES = [
    ("draft", _l("Draft")),
    ("submitted", _l("Submitted for review")),
    ("changes_requested", _l("Changes requested")),
    ("published", _l("Published")),
    ("rejected", _l("Rejected")),
]


def codes(choices) -> list[str]:
    """The stored values of a choices list."""
    return [value for value, _label in choices]


def label(choices, value) -> str:
    """The translated label of `value` in a choices list, or the value itself."""
    return str(dict(choices).get(value, value))


def _numbered(number: int, name) -> str:
    return f"{number}. {name}"


# "3. Good health and well-being", translated when shown (not when imported).
SDG_CHOICES = [(number, LazyString(_numbered, number, name)) for number, name in SDGS]
