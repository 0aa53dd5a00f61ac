"""SQLAlchemy 2.0 typed models, one module per aggregate.

Importing this package registers every table on the metadata (migrations and tests rely on it).
"""
from portal.models.account import Account, AuthSession, OneTimeCode, Role
from portal.models.application import Application
from portal.models.calendar_notice import CalendarNotice
from portal.models.contact import ContactEntry
from portal.models.document import Consent, Document
from portal.models.issued import IssuedDocument  # noqa: F401  (registers the table)
from portal.models.message import Message
from portal.models.office import District, Office
from portal.models.pending import PendingPost
from portal.models.policy_figure import PolicyFigure
from portal.models.precheck import PrecheckSession  # noqa: F401  (pre-check answers)
from portal.models.record_file import RecordFile  # noqa: F401  (office records' photos and attachments)
from portal.models.request import AssistanceRequest, Event
from portal.models import ratelimit, tracking  # noqa: F401  (status: rate limits, transfers)
from portal.models import assist, lead  # noqa: F401  (assist: mandates, leads)
from portal.models.staff import AdminEvent
from portal.models import tally  # noqa: F401  (district figures: running totals)
from portal.models.types import utcnow

__all__ = [
    "Account", "AdminEvent", "Application", "AssistanceRequest", "AuthSession", "CalendarNotice", "Consent", "ContactEntry", "District",
    "Document",
    "Event", "Message", "Office", "OneTimeCode", "PendingPost", "PolicyFigure", "Role", "utcnow",
]
