"""Plain factories: create_*(**kw) make a row with sensible defaults and commit it."""
from __future__ import annotations

import itertools
import secrets

from flask import Flask

from portal.accounts.services import hash_password
from portal.extensions import db
from portal.models import Account, AuthSession

_phones = itertools.count(13700000001)
_names = itertools.count(1)
_HASHES: dict[str, str] = {}

DEFAULT_OFFICE = "44030506"  # 南山区 粤海街道
OTHER_OFFICE = "44030401"  # 福田区 园岭街道


def _hash(password: str) -> str:
    # scrypt is slow on purpose; hash each distinct test password once per session.
    if password not in _HASHES:
        _HASHES[password] = hash_password(password)
    return _HASHES[password]


def create_account(role: str = "resident", **kw) -> Account:
    n = next(_names)
    defaults: dict = {"role": role, "display_name": kw.pop("display_name", f"测试{n}")}
    if role == "resident":
        defaults["phone"] = kw.pop("phone", str(next(_phones)))
    else:
        defaults["username"] = kw.pop("username", f"{role}{n}")
        defaults["password_hash"] = _hash(kw.pop("password", "correct horse battery"))
        if role in ("assistant", "caseworker"):
            defaults["office_code"] = kw.pop("office_code", DEFAULT_OFFICE)
            defaults["district_code"] = kw.pop("district_code", defaults["office_code"][:6])
        if role == "reviewer":
            defaults["district_code"] = kw.pop("district_code", DEFAULT_OFFICE[:6])
    defaults.update(kw)
    account = Account(**defaults)
    db.session.add(account)
    db.session.commit()
    return account


def sign_in(client, account: Account) -> str:
    """Sign the test client in as ``account`` without the code or password round trip."""
    sid = secrets.token_urlsafe(32)
    db.session.add(AuthSession(id=sid, account_id=account.id))
    db.session.commit()
    with client.session_transaction() as session:
        session["sid"] = sid
    return sid


def use_app(app: Flask):
    return app.app_context()
