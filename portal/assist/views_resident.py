"""The resident's side: who helps them, what was done on their behalf, withdrawing access."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.accounts.auth import current_account, roles_required
from portal.apply.places.districts import office_label
from portal.assist import mandates, trail
from portal.assist.views import bp
from portal.domain.vocabulary import Role
from portal.extensions import db
from portal.models import Account
from portal.vocabulary import role_title


@bp.get("/my/helpers")
@roles_required(Role.RESIDENT)
def helpers():
    resident = current_account()
    rows = mandates.mandates_of_resident(resident)
    names = {a.id: a for a in db.session.scalars(db.select(Account).where(
        Account.id.in_([m.assistant_id for m in rows] or [0])))}
    return render_template("assist/helpers.html", mandates=rows, helpers=names, entries=trail.acted_for(resident),
                           helper_role=_helper_role)


def _helper_role(role: str | None, office_code: str | None) -> str:
    """"Street office caseworker · 南山区 粤海街道": who at which office acted for the resident."""
    return " · ".join(part for part in (role_title(role, ""), office_label(office_code)) if part)


@bp.post("/my/helpers/<int:mandate_id>/withdraw")
@roles_required(Role.RESIDENT)
def withdraw(mandate_id: int):
    if not mandates.withdraw(current_account(), mandate_id):
        abort(404)
    flash(_("Access withdrawn. The helper can no longer see or change your applications."))
    return redirect(url_for("assist.helpers"))
