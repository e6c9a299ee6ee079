"""Every feature's models, imported in one place: the import point for Alembic."""

from hub.actions.models import Action, ActionLink, ActionResult
from hub.auth.models import ApiToken, Invitation, Membership, User
from hub.caching.models import CacheVersion
from hub.contact.models import ContactMessage, ContactSetting
from hub.events.models import Event, EventOrganizer
from hub.follows.models import AlertPreference, DigestRun, Follow
from hub.images import StoredImage
from hub.jobs.models import JobRun
from hub.mailqueue.models import OutgoingMail
from hub.offers.models import PartnerCall, PartnerOffer
from hub.opportunities.models import Opportunity
from hub.orgs.models import Organization
from hub.outbox import SearchIndexPosition, SearchLogState, SearchOutbox
from hub.partnerships.models import Partnership, PartnershipPartner, ProgressReport
from hub.places.models import (
    BilateralRemittance,
    CommunityProfile,
    Country,
    CountryTotal,
    MigrantStock,
    ReferenceImport,
    RemittanceReceived,
    UnlistedRemittance,
)
from hub.reminders.models import ReminderSent
from hub.review.models import AbuseReport, AuditEvent, Revision
from hub.sources.models import DataSource
from hub.stories.models import Story
from hub.taxonomy.models import SDG, Theme

__all__ = [
    "AbuseReport",
    "Action",
    "ActionLink",
    "ActionResult",
    "AlertPreference",
    "ApiToken",
    "AuditEvent",
    "BilateralRemittance",
    "CacheVersion",
    "CommunityProfile",
    "ContactMessage",
    "ContactSetting",
    "Country",
    "CountryTotal",
    "DataSource",
    "DigestRun",
    "Follow",
    "Event",
    "EventOrganizer",
    "Invitation",
    "JobRun",
    "Membership",
    "MigrantStock",
    "OutgoingMail",
    "Opportunity",
    "Organization",
    "PartnerCall",
    "PartnerOffer",
    "Partnership",
    "PartnershipPartner",
    "ProgressReport",
    "ReferenceImport",
    "RemittanceReceived",
    "UnlistedRemittance",
    "ReminderSent",
    "Revision",
    "SDG",
    "SearchIndexPosition",
    "SearchLogState",
    "SearchOutbox",
    "Story",
    "StoredImage",
    "Theme",
    "User",
]
