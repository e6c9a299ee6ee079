"""Every feature's models, imported in one place: the import point for Alembic."""

from hub.actions.models import Action, ActionLink, ActionResult
from hub.auth.models import ApiToken, Invitation, Membership, User
from hub.events.models import Event, EventOrganizer
from hub.images import StoredImage
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
from hub.review.models import AbuseReport, AuditEvent, Revision
from hub.sources.models import DataSource
from hub.stories.models import Story
from hub.taxonomy.models import SDG, Theme

__all__ = [
    "AbuseReport",
    "Action",
    "ActionLink",
    "ActionResult",
    "ApiToken",
    "AuditEvent",
    "BilateralRemittance",
    "CommunityProfile",
    "Country",
    "CountryTotal",
    "DataSource",
    "Event",
    "EventOrganizer",
    "Invitation",
    "Membership",
    "MigrantStock",
    "Opportunity",
    "Organization",
    "Partnership",
    "PartnershipPartner",
    "ProgressReport",
    "ReferenceImport",
    "RemittanceReceived",
    "UnlistedRemittance",
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
