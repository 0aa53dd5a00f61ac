"""/admin/figures: the dated policy figures in force, and changing one with two administrators.

Propose (check first: what the new value would change in the stored open applications, then
save), approve (a second administrator) or reject (either, with a reason). Administrators only.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.accounts.auth import current_account, roles_required
from portal.clock import today
from portal.domain.vocabulary import Role
from portal.eligibility_texts import assistance_label, verdict_label
from portal.eligibility_texts.params import money, number
from portal.office.explain import _value as shown
from portal.policy_figures import current_policy, labels
from portal.policy_figures import service as figures
from portal.policy_figures.effect import effect_of
from portal.policy_figures.forms import (
    DecideForm,
    ProposeForm,
    RejectForm,
    fill_choices,
)

bp = Blueprint("figures", __name__, url_prefix="/admin/figures")
admin_only = roles_required(Role.ADMIN)


@bp.get("")
@admin_only
def table():
    return render_template("admin/figures.html", groups=figures.table(today()), pending=figures.pending(),
                           rejected=figures.rejected())


def _new_page(form: ProposeForm, status: int = 200, **context):
    return render_template("admin/figure_new.html", form=form, specs=figures.specs(), **context), status


@bp.get("/new")
@admin_only
def new():
    form = ProposeForm(formdata=None)
    specs = figures.specs()
    fill_choices(form, specs)
    key = request.args.get("key", "")
    if key in specs:
        form.key.data = key
        region = request.args.get("region", "")
        form.region.data = region if region in specs[key].regions else specs[key].regions[0]
    return _new_page(form)


@bp.post("/new")
@admin_only
def new_post():
    form = ProposeForm()
    fill_choices(form, figures.specs())
    if not form.validate_on_submit():  # the CSRF token; the fields are checked below
        return _new_page(form, 400)
    proposal, problems = figures.read_proposal(form.key.data, form.region.data, form.value.data,
                                               form.effective_from.data, form.source.data, form.example.data,
                                               form.note.data)
    if problems:
        for name, code in problems.items():
            getattr(form, name).errors.append(labels.problem_text(code))
        return _new_page(form, 400)
    seen = figures.effect(proposal)
    if request.form.get("step") != "propose":
        return _new_page(form, proposal=proposal, effect=seen, before=figures.value_in_force(proposal))
    row = figures.propose(current_account(), proposal, seen)
    flash(_("Proposed. Another administrator must approve it before it takes effect."))
    return redirect(url_for("figures.detail", figure_id=row.id))


def _figure(figure_id: int):
    row = figures.figure(figure_id)
    if row is None:
        abort(404)
    return row


def _detail(row, reject_form=None, problem: str | None = None, status: int = 200):
    live = before = None
    if row.status == "proposed":
        proposal = figures.Proposal(row.key, row.region, row.effective_from, row.value, row.unit, row.source,
                                    row.example, row.note)
        live = effect_of(current_policy(), figures.proposed_policy(proposal), row.effective_from)
        before = figures.value_in_force(proposal)
    me = current_account()
    return render_template("admin/figure_detail.html", figure=row, effect=live, form=reject_form or RejectForm(),
                           decide_form=DecideForm(), problem=problem, own=row.proposed_by_account_id == me.id, before=before,
                           accounts=figures.accounts_of(row)), status


@bp.get("/<int:figure_id>")
@admin_only
def detail(figure_id: int):
    return _detail(_figure(figure_id))


@bp.post("/<int:figure_id>/approve")
@admin_only
def approve(figure_id: int):
    row = _figure(figure_id)
    if not DecideForm().validate_on_submit():
        abort(400)
    try:
        row = figures.approve(current_account(), row.id)
    except figures.FigureProblem as problem:
        return _detail(row, problem=labels.problem_text(problem.code), status=409)
    flash(_("Approved: from %(day)s, screening uses %(value)s for %(figure)s.", day=row.effective_from.isoformat(),
            value=_value(row.value), figure=labels.key_label(row.key)))
    return redirect(url_for("figures.table", _anchor=f"key-{row.key}-{row.region}"))


@bp.post("/<int:figure_id>/reject")
@admin_only
def reject(figure_id: int):
    row = _figure(figure_id)
    form = RejectForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        figures.reject(current_account(), row.id, form.reason.data)
    except figures.FigureProblem as problem:
        if problem.field:
            form.reason.errors.append(labels.problem_text(problem.code))
            return _detail(row, reject_form=form, status=400)
        return _detail(row, reject_form=form, problem=labels.problem_text(problem.code), status=409)
    flash(_("Rejected. The figures in force have not changed."))
    return redirect(url_for("figures.detail", figure_id=row.id))


@bp.context_processor
def _words():
    return {"figure_key_label": labels.key_label, "figure_region_label": labels.region_label,
            "figure_standing_label": labels.standing_label, "figure_status_label": labels.status_label,
            "assistance_label": assistance_label, "verdict_label": verdict_label, "money": money,
            "figure_value": _value}


def _value(value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value)
    return shown(value)
