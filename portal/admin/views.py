"""The administrator's pages: home, staff accounts, and the audit view (portal/admin/audit_views.py).

Administrators only; caseworkers and everyone else signed in get 403, as on the other staff
pages. A one-time code is shown once, in the answer to the POST that made it (never cached,
portal/security.py), and only its hash is stored.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.accounts.auth import current_account, roles_required
from portal.admin import forms as F
from portal.admin import labels, staff
from portal.admin.labels import problem_text
from portal.domain import staff as rules
from portal.domain.vocabulary import Role

bp = Blueprint("admin", __name__, url_prefix="/admin")

admin_only = roles_required(Role.ADMIN)


@bp.get("")
@admin_only
def home():
    return render_template("admin/home.html", counts=staff.counts())


@bp.get("/staff")
@admin_only
def staff_list():
    form = F.staff_filter_form(request.args)
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and len(page) < 6 else 1
    found = staff.list_staff(form.role.data, form.status.data, page)
    return render_template("admin/staff_list.html", form=form, found=found,
                           args={"role": form.role.data, "status": form.status.data})


@bp.route("/staff/new", methods=["GET", "POST"])
@admin_only
def staff_new():
    form = F.CreateStaffForm()
    F.fill_role_choices(form)
    F.fill_scope_choices(form)
    if form.validate_on_submit():
        try:
            account, code = staff.create_staff(current_account(), form.username.data, form.display_name.data,
                                               form.role.data, form.office_code.data or None,
                                               form.district_code.data or None)
        except staff.StaffProblem as problem:
            getattr(form, problem.field or "username").errors.append(problem_text(problem.code))
        else:
            return render_template("admin/code.html", account=account, code=code, created=True,
                                   hours=rules.CODE_HOURS)
    return render_template("admin/staff_new.html", form=form)


def _account(account_id: int):
    found = staff.staff_account(account_id)
    if found is None:
        abort(404)
    return found


def _detail(account, scope_form=None, problem: str | None = None, status: int = 200):
    if scope_form is None:
        scope_form = F.ScopeForm(formdata=None, office_code=account.office_code, district_code=account.district_code)
        F.fill_scope_choices(scope_form)
    return render_template("admin/staff_detail.html", account=account, scope_form=scope_form, form=scope_form,
                           action_form=F.ActionForm(), problem=problem, scope=rules.scope_of(account.role),
                           pending=staff.has_pending_code(account), acted=staff.case_events_by(account),
                           history=staff.history_of(account)), status


@bp.get("/staff/<int:account_id>")
@admin_only
def staff_detail(account_id: int):
    return _detail(_account(account_id))


@bp.post("/staff/<int:account_id>/scope")
@admin_only
def staff_scope(account_id: int):
    account = _account(account_id)
    form = F.ScopeForm()
    F.fill_scope_choices(form)
    if form.validate_on_submit():
        try:
            changed = staff.set_scope(current_account(), account, form.office_code.data or None,
                                      form.district_code.data or None)
        except staff.StaffProblem as problem:
            getattr(form, problem.field or "office_code").errors.append(problem_text(problem.code))
        else:
            flash(_("Office or district changed.") if changed else _("Nothing changed."))
            return redirect(url_for("admin.staff_detail", account_id=account.id))
    return _detail(account, scope_form=form)


def _action_checked() -> bool:
    return F.ActionForm().validate_on_submit()


@bp.post("/staff/<int:account_id>/disable")
@admin_only
def staff_disable(account_id: int):
    account = _account(account_id)
    if not _action_checked():
        abort(400)
    try:
        ended = staff.disable(current_account(), account)
    except staff.StaffProblem as problem:
        return _detail(account, problem=problem_text(problem.code), status=409)
    if account.id == current_account().id:
        return redirect(url_for("pages.start"))  # their own sessions, this one included, have ended
    flash(_("%(name)s is disabled. Sessions ended: %(count)d.", name=account.display_name, count=ended))
    return redirect(url_for("admin.staff_detail", account_id=account.id))


@bp.post("/staff/<int:account_id>/enable")
@admin_only
def staff_enable(account_id: int):
    account = _account(account_id)
    if not _action_checked():
        abort(400)
    staff.enable(current_account(), account)
    flash(_("%(name)s can sign in again.", name=account.display_name))
    return redirect(url_for("admin.staff_detail", account_id=account.id))


@bp.post("/staff/<int:account_id>/reset")
@admin_only
def staff_reset(account_id: int):
    account = _account(account_id)
    if not _action_checked():
        abort(400)
    code = staff.reset_password(current_account(), account)
    # Also for one's own account: its sessions have ended, and this page is the only place the code shows.
    return render_template("admin/code.html", account=account, code=code, created=False, hours=rules.CODE_HOURS)


@bp.context_processor
def _labels():
    return {"staff_role_label": labels.role_label, "staff_scope_label": staff.scope_label,
            "admin_action_label": labels.admin_action_label, "audit_actor_label": staff.actor_label}
