"""The administrator's pages for office and authority contact details.

Administrators only; everyone else signed in gets 403. A change is a new dated entry: the form
never edits the entry in force, and a change for a later date shows as scheduled until then.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.accounts.auth import current_account, roles_required
from portal.admin.views import _labels
from portal.clock import today
from portal.contacts import changes, labels
from portal.contacts.book import hotline_today
from portal.contacts.forms import ContactForm, office_filter_form
from portal.contacts.names import subject_name
from portal.domain import contacts as rules
from portal.domain.vocabulary import Role
from portal.filters import date_local

bp = Blueprint("contacts_admin", __name__, url_prefix="/admin")
bp.context_processor(_labels)
bp.add_app_template_global(hotline_today, "social_hotline")
admin_only = roles_required(Role.ADMIN)


def subject_url(subject: changes.Subject) -> str:
    if subject.office is not None:
        return url_for("contacts_admin.office_page", code=subject.office.code)
    return url_for("contacts_admin.authority_page", authority=subject.authority,
                   district=subject.district.code if subject.district else rules.CITY)


@bp.context_processor
def _words():
    return {"contact_status_label": labels.status_label, "contact_subject_name": subject_name,
            "contact_subject_url": subject_url}


@bp.get("/offices")
@admin_only
def offices_page():
    form = office_filter_form(request.args)
    groups = changes.office_groups(form.district.data or None, bool(form.missing.data), today())
    return render_template("admin/offices.html", form=form, groups=groups,
                           shown=sum(len(lines) for _d, lines in groups))


@bp.get("/authorities")
@admin_only
def authorities_page():
    return render_template("admin/authorities.html", groups=changes.authority_groups(today()))


def _office(code: str) -> changes.Subject:
    subject = changes.office_subject(code)
    if subject is None:
        abort(404)
    return subject


def _authority(authority: str, district: str) -> changes.Subject:
    subject = changes.authority_subject(authority, district)
    if subject is None:
        abort(404)
    return subject


def _detail_page(subject: changes.Subject, form: ContactForm, action: str, status: int = 200):
    found = changes.detail(subject, today())
    if not form.is_submitted() and found.current is not None:
        # Start from what is in force; only the date and the source are typed afresh.
        form.address.data, form.phone.data, form.hours.data = found.current.address, found.current.phone, found.current.hours
    configured = changes.configured_hotline() if subject.key == rules.HOTLINE_KEY else ""
    return render_template("admin/contact_detail.html", subject=subject, found=found, form=form, action=action,
                           today=today(), configured=configured), status


def _change(subject: changes.Subject, form: ContactForm, action: str):
    if not form.validate_on_submit():
        return _detail_page(subject, form, action, 400)
    try:
        entry = changes.change(current_account(), subject, form.address.data, form.phone.data, form.hours.data,
                               form.effective_from.data, form.source.data, today())
    except changes.ContactProblems as problems:
        for field, code in problems.problems:
            getattr(form, field).errors.append(labels.problem_text(code))
        return _detail_page(subject, form, action, 400)
    if entry.effective_from > today():
        flash(_("Change scheduled: it takes effect on %(date)s. Until then receipts and pages show the current details.",
                date=date_local(entry.effective_from)))
    else:
        flash(_("Change saved: in force from today on receipts and pages."))
    return redirect(action)


@bp.route("/offices/<code>", methods=["GET", "POST"])
@admin_only
def office_page(code: str):
    subject = _office(code)
    action = subject_url(subject)
    if request.method == "POST":
        return _change(subject, ContactForm(), action)
    return _detail_page(subject, ContactForm(formdata=None), action)


@bp.route("/authorities/<authority>/<district>", methods=["GET", "POST"])
@admin_only
def authority_page(authority: str, district: str):
    subject = _authority(authority, district)
    action = subject_url(subject)
    if request.method == "POST":
        return _change(subject, ContactForm(), action)
    return _detail_page(subject, ContactForm(formdata=None), action)

