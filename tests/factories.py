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
    """Sign the test client in as ``account`` without the code or password round trip; the
    cookie is the one a real sign-in gives (permanent, expiring with the session's lifetime)."""
    from flask import current_app

    from portal.accounts.cookie import UNTIL
    from portal.models import utcnow

    sid = secrets.token_urlsafe(32)
    now = utcnow().replace(microsecond=0)
    db.session.add(AuthSession(id=sid, account_id=account.id, created_at=now, last_seen_at=now))
    db.session.commit()
    with client.session_transaction() as session:
        session["sid"] = sid
        session[UNTIL] = int((now + current_app.permanent_session_lifetime).timestamp())
        session.permanent = True
    return sid


def use_app(app: Flask):
    return app.app_context()


def create_application(account: Account | None = None, *, status: str = "submitted", types=("dibao",),
                       office_code: str = DEFAULT_OFFICE, request_status: str = "SUBMITTED",
                       answers: dict | None = None, name: str = "张三", id_number: str = "440305199001011234",
                       urgent: bool = False, **kw):
    """An application with one request per type, as the journey's submit would leave it."""
    from datetime import date

    from portal.crypto import lookup_hash
    from portal.domain.reference import new_reference
    from portal.models import Application, AssistanceRequest, utcnow

    account = account or create_account("resident")
    submitted = status != "draft"
    application = Application(
        account_id=account.id, created_by_id=kw.pop("created_by_id", account.id), status=status,
        reference=new_reference() if submitted else None, applicant_name=name,
        answers=answers if answers is not None else {"about": {"name": name, "id_number": id_number}},
        household_key=lookup_hash(id_number), verifier_hash=lookup_hash(id_number[-6:], "verifier"),
        receiving_office_code=office_code, jurisdiction_basis="hukou", urgent=urgent,
        submitted_at=utcnow() if submitted else None, **kw,
    )
    db.session.add(application)
    if submitted:
        for type_ in types:
            application.requests.append(AssistanceRequest(
                type=type_, status=request_status, authority="civil_affairs_district", office_code=office_code,
                district_code=office_code[:6], basis="hukou", urgent=urgent, entered_on=date.today(),
            ))
    db.session.commit()
    return application


def create_contact(office_code: str | None = DEFAULT_OFFICE, *, subject: str | None = None, address: str = "",
                   phone: str = "", hours: str = "", effective_from=None, **kw):
    """A dated contact entry of an office (or of any ``subject`` key), in force from 2000 unless told."""
    from datetime import date

    from portal.domain.contacts import office_key
    from portal.models import ContactEntry

    entry = ContactEntry(subject=subject or office_key(office_code), address=address, phone=phone, hours=hours,
                         effective_from=effective_from or date(2000, 1, 1), source=kw.pop("source", "test"), **kw)
    db.session.add(entry)
    db.session.commit()
    return entry
