from __future__ import annotations

from flask import Blueprint, current_app, render_template

from portal.accounts.auth import current_account, login_required
from portal.apply.filing.drafts import applications_of
from portal.domain.vocabulary import Role
from portal.extensions import db
from portal.models import District, Office

bp = Blueprint("pages", __name__)


@bp.get("/")
def start():
    return render_template("pages/start.html")


@bp.get("/home")
@login_required
def home():
    account = current_account()
    office = db.session.get(Office, account.office_code) if account.office_code else None
    district = db.session.get(District, account.district_code) if account.district_code else None
    if office is not None and district is None:
        district = office.district
    applications = []
    if account.role == Role.RESIDENT:
        applications = applications_of(account)
    return render_template(f"pages/home_{account.role}.html", account=account, office=office, district=district,
                           applications=applications,
                           status_pages="status.application" in current_app.view_functions)


@bp.get("/healthz")
def healthz():
    db.session.execute(db.text("SELECT 1"))
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}
