"""Which requests a member of staff handles: the caseworker's street office, the reviewer's district.

One rule, used by the queue (as an SQL condition) and by every case page and action (as a
check on a loaded row), so what a person can list and what they can open never disagree.
"""
from __future__ import annotations

from sqlalchemy import false
from sqlalchemy.sql.elements import ColumnElement

from portal.domain.vocabulary import Role
from portal.models import Account, AssistanceRequest

STAFF_ROLES = (Role.CASEWORKER, Role.REVIEWER)


def scope_clause(account: Account) -> ColumnElement[bool]:
    if account.role == Role.CASEWORKER and account.office_code:
        return AssistanceRequest.office_code == account.office_code
    if account.role == Role.REVIEWER and account.district_code:
        return AssistanceRequest.district_code == account.district_code
    return false()


def in_scope(account: Account, request: AssistanceRequest) -> bool:
    if account.role == Role.CASEWORKER:
        return bool(account.office_code) and request.office_code == account.office_code
    if account.role == Role.REVIEWER:
        return bool(account.district_code) and request.district_code == account.district_code
    return False
