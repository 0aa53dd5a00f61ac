"""Which requests a member of staff handles: the caseworker's street office, the reviewer's district.

One rule, used by the queue (as an SQL condition) and by every case page and action (as a
check on a loaded row), so what a person can list and what they can open never disagree.
"""
from __future__ import annotations

from sqlalchemy import bindparam, false
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


# The name of the bound parameter that carries the office's or district's code in statements
# built once per kind of scope (see :func:`scope_of` and :func:`bound_scope`).
SCOPE_CODE = "scope_code"


def scope_of(account: Account) -> tuple[str, str] | None:
    """(column, code) of :func:`scope_clause`: ("office_code", the office) for a caseworker,
    ("district_code", the district) for a reviewer; None when the person handles no request."""
    if account.role == Role.CASEWORKER and account.office_code:
        return "office_code", account.office_code
    if account.role == Role.REVIEWER and account.district_code:
        return "district_code", account.district_code
    return None


def bound_scope(column: str) -> ColumnElement[bool]:
    """:func:`scope_clause` with the code left as the bound parameter ``SCOPE_CODE``, for a
    statement built once and run with ``{SCOPE_CODE: code}`` (building it again on every page
    was a large part of the queue's server time)."""
    return getattr(AssistanceRequest, column) == bindparam(SCOPE_CODE)


def in_scope(account: Account, request: AssistanceRequest) -> bool:
    if account.role == Role.CASEWORKER:
        return bool(account.office_code) and request.office_code == account.office_code
    if account.role == Role.REVIEWER:
        return bool(account.district_code) and request.district_code == account.district_code
    return False
