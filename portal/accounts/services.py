"""Staff passwords and account preferences. Services own their transactions."""
from __future__ import annotations

from werkzeug.security import check_password_hash, generate_password_hash

from portal.extensions import db
from portal.models import Account, Role

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
