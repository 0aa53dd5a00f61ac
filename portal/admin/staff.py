"""Staff accounts: create, change scope, disable, re-enable, reset by a one-time code.

Every change writes an AdminEvent in the same transaction as the change itself. Services own
their transactions; ``actor`` is the administrator, or None from the shell (``flask staff``).
Accounts are never deleted: every case event keeps naming who acted, so disabling is the way
an account ends.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask_babel import gettext as _

from portal.accounts.services import hash_password
from portal.admin.trail import record
from portal.apply.places import districts as places
from portal.domain import staff as rules
from portal.domain.vocabulary import Role
from portal.extensions import db
from portal.models import (
    Account,
    AdminEvent,
    AuthSession,
    District,
    Event,
    Office,
    utcnow,
)


class StaffProblem(Exception):
    """A change the rules refuse; ``field`` names the form field it belongs next to."""

    def __init__(self, code: str, field: str | None = None):
        super().__init__(code)
        self.code = code
        self.field = field


@dataclass
class Scope:
    office_code: str | None = None
    district_code: str | None = None


def resolve_scope(role: str, office_code: str | None, district_code: str | None) -> Scope:
    """The scope the role needs, from what was chosen; StaffProblem when it is missing or unknown."""
    needed = rules.scope_of(role)
    # Checked before any query: a malformed value (a NUL byte, say) must not reach the database.
    office_code = office_code if _plain_code(office_code) else (office_code and "?")
    district_code = district_code if _plain_code(district_code) else (district_code and "?")
    if needed == "office":
        office = db.session.get(Office, office_code) if _plain_code(office_code) else None
        if office is None:
            raise StaffProblem("office_needed" if not office_code else "office_unknown", "office_code")
        # Their district follows from the office: the reviewer of that district oversees them.
        return Scope(office.code, office.district_code)
    if needed == "district":
        district = db.session.get(District, district_code) if _plain_code(district_code) else None
        if district is None:
            raise StaffProblem("district_needed" if not district_code else "district_unknown", "district_code")
        return Scope(None, district.code)
    return Scope()


def _plain_code(value: str | None) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 16 and value.isascii() and value.isalnum()


def _scope_data(account: Account) -> dict:
    return {"office": account.office_code, "district": account.district_code}


def _issue_code(account: Account) -> str:
    code = rules.new_code()
    account.setup_code_hash = hash_password(rules.normalise_code(code))
    account.setup_code_expires_at = utcnow() + timedelta(hours=rules.CODE_HOURS)
    return code


def find_by_username(username: str) -> Account | None:
    name = rules.normalise_username(username)
    if not name:
        return None
    return db.session.scalar(db.select(Account).where(db.func.lower(Account.username) == name))


def create_staff(actor: Account | None, username: str, display_name: str, role: str,
                 office_code: str | None = None, district_code: str | None = None) -> tuple[Account, str]:
    """A new staff account with no password and a one-time set-password code (returned, shown
    once; only its hash is stored)."""
    name = rules.normalise_username(username)
    problem = rules.username_problem(name)
    if problem:
        raise StaffProblem(f"username_{problem}", "username")
    if role not in rules.STAFF_ROLES:
        raise StaffProblem("role_unknown", "role")
    display_name = (display_name or "").strip()
    if not display_name:
        raise StaffProblem("name_needed", "display_name")
    if find_by_username(name) is not None:
        raise StaffProblem("username_taken", "username")
    scope = resolve_scope(role, office_code, district_code)
    account = Account(role=role, username=name, display_name=display_name, office_code=scope.office_code,
                      district_code=scope.district_code, active=True)
    db.session.add(account)
    code = _issue_code(account)
    db.session.flush()
    record(actor, "staff_created", account, role=role, username=name, **_scope_data(account))
    db.session.commit()
    return account, code


def set_scope(actor: Account | None, account: Account, office_code: str | None, district_code: str | None) -> bool:
    """Move a member of staff to another office or district; False when nothing changed."""
    _staff_only(account)
    scope = resolve_scope(account.role, office_code, district_code)
    before = _scope_data(account)
    if (scope.office_code, scope.district_code) == (account.office_code, account.district_code):
        return False
    account.office_code, account.district_code = scope.office_code, scope.district_code
    record(actor, "staff_scope_changed", account, before=before, after=_scope_data(account))
    db.session.commit()
    return True


def _active_admins_locked() -> int:
    """Active administrators, their rows locked (PostgreSQL) so two administrators disabling
    each other at once cannot both succeed and leave nobody."""
    rows = db.session.scalars(db.select(Account.id).where(Account.role == Role.ADMIN, Account.active.is_(True))
                              .with_for_update()).all()
    return len(rows)


def end_sessions_of(account: Account) -> int:
    """Revoke every session of another account (the caller's own cookie is left alone)."""
    now = utcnow()
    result = db.session.execute(db.update(AuthSession)
                                .where(AuthSession.account_id == account.id, AuthSession.revoked_at.is_(None))
                                .values(revoked_at=now))
    return result.rowcount or 0  # type: ignore[attr-defined]  # an UPDATE's CursorResult


def disable(actor: Account | None, account: Account) -> int:
    """Disable the account and end all its sessions at once; returns how many were ended."""
    _staff_only(account)
    if not account.active:
        return 0
    if not rules.may_lose_admin(account.role, account.active, _active_admins_locked()):
        db.session.rollback()
        raise StaffProblem("last_admin")
    account.active = False
    account.disabled_at = utcnow()
    ended = end_sessions_of(account)
    record(actor, "staff_disabled", account, sessions_ended=ended)
    db.session.commit()
    return ended


def enable(actor: Account | None, account: Account) -> bool:
    _staff_only(account)
    if account.active:
        return False
    account.active = True
    account.disabled_at = None
    record(actor, "staff_enabled", account)
    db.session.commit()
    return True


def reset_password(actor: Account | None, account: Account) -> str:
    """A new one-time code; the old password stops working and every session ends."""
    _staff_only(account)
    account.password_hash = None
    code = _issue_code(account)
    ended = end_sessions_of(account)
    record(actor, "staff_password_reset", account, sessions_ended=ended)
    db.session.commit()
    return code


def _staff_only(account: Account) -> None:
    if account.role not in rules.STAFF_ROLES:
        raise StaffProblem("not_staff")


def has_pending_code(account: Account) -> bool:
    return bool(account.setup_code_hash) and account.setup_code_expires_at is not None \
        and account.setup_code_expires_at > utcnow()


PER_PAGE = 50


@dataclass
class StaffPage:
    accounts: list[Account]
    page: int
    more: bool


def list_staff(role: str = "", status: str = "active", page: int = 1) -> StaffPage:
    query = db.select(Account).where(Account.role.in_(rules.STAFF_ROLES))
    if role:
        query = query.where(Account.role == role)
    if status == "active":
        query = query.where(Account.active.is_(True))
    elif status == "disabled":
        query = query.where(Account.active.is_(False))
    page = max(1, min(page, 10_000))
    rows = list(db.session.scalars(query.order_by(Account.role, Account.username)
                                   .offset((page - 1) * PER_PAGE).limit(PER_PAGE + 1)))
    return StaffPage(rows[:PER_PAGE], page, len(rows) > PER_PAGE)


def staff_account(account_id: int) -> Account | None:
    if not 0 < account_id < 2**31:
        return None
    account = db.session.get(Account, account_id)
    return account if account is not None and account.role in rules.STAFF_ROLES else None


def case_events_by(account: Account) -> int:
    """How many case events name this person as the actor (why the account is never deleted)."""
    return db.session.scalar(db.select(db.func.count()).select_from(Event)
                             .where(Event.actor_account_id == account.id)) or 0


def history_of(account: Account, limit: int = 20) -> list[AdminEvent]:
    return list(db.session.scalars(db.select(AdminEvent).where(AdminEvent.target_account_id == account.id)
                                   .order_by(AdminEvent.at.desc(), AdminEvent.id.desc()).limit(limit)))


def counts() -> dict[str, int]:
    rows = db.session.execute(db.select(Account.role, Account.active, db.func.count())
                              .where(Account.role.in_(rules.STAFF_ROLES)).group_by(Account.role, Account.active))
    result = {"active": 0, "disabled": 0}
    for _role, active, n in rows:
        result["active" if active else "disabled"] += n
    return result


def scope_label(account: Account) -> str:
    if account.office_code:
        return places.office_label(account.office_code)
    return places.district_label(account.district_code) if account.district_code else ""


def actor_label(entry: AdminEvent) -> str:
    """Who made a change: the administrator's name and username, or the shell and its user."""
    if entry.actor_account_id is None:
        user = (entry.data or {}).get("shell_user") or "?"
        return _("shell, user %(user)s", user=user)
    actor = db.session.get(Account, entry.actor_account_id)
    return f"{actor.display_name} ({actor.username})" if actor else ""
