"""SQLAlchemy 2.0 typed models, one module per aggregate.

Importing this package registers every table on the metadata (migrations and tests rely on it).
"""
from portal.models.account import Account, AuthSession, OneTimeCode, Role
from portal.models.application import Application
from portal.models.document import Consent, Document
from portal.models.message import Message
from portal.models.office import District, Office
from portal.models.pending import PendingPost
from portal.models.request import AssistanceRequest, Event
from portal.models.types import utcnow

__all__ = [
    "Account", "Application", "AssistanceRequest", "AuthSession", "Consent", "District", "Document",
    "Event", "Message", "Office", "OneTimeCode", "PendingPost", "Role", "utcnow",
]
