"""Staff passwords and account preferences. Services own their transactions."""
from __future__ import annotations

from werkzeug.security import check_password_hash, generate_password_hash

from portal.admin.trail import record
from portal.domain.staff import normalise_code
from portal.extensions import db
from portal.models import Account, Role, utcnow

# scrypt (werkzeug's default) is a memory-hard KDF; the parameters are stored in the hash.
_METHOD = "scrypt"
# Compared against when the username is unknown, so both paths take the same time.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method=_METHOD)


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=_METHOD)


def authenticate_staff(username: str, password: str) -> Account | None:
    account = db.session.scalar(db.select(Account).where(Account.username == username.strip()))
    if account is None or account.role == Role.RESIDENT.value or not account.password_hash:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not account.active or not check_password_hash(account.password_hash, password):
        return None
    return account


def remember_locale(account: Account | None, locale: str) -> None:
    if account is not None and account.locale != locale:
        account.locale = locale
        db.session.commit()


def account_for_setup_code(username: str, code: str) -> Account | None:
    """The active staff account whose one-time set-password code this is, unexpired; else None."""
    account = db.session.scalar(db.select(Account).where(Account.username == username.strip().lower()))
    if account is None or not account.setup_code_hash or account.role == Role.RESIDENT.value:
        check_password_hash(_DUMMY_HASH, code)
        return None
    if not check_password_hash(account.setup_code_hash, normalise_code(code)):
        return None
    expires = account.setup_code_expires_at
    if not account.active or expires is None or expires <= utcnow():
        return None
    return account


def choose_password(account: Account, password: str) -> None:
    """The person's own password, chosen after signing in with the one-time code; the code is
    spent. Written to the administrators' trail with the person as the actor."""
    account.password_hash = hash_password(password)
    account.setup_code_hash = None
    account.setup_code_expires_at = None
    record(account, "password_chosen", account)
