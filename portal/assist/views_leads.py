"""Leads (主动发现): assistants and caseworkers report; the street office's caseworkers follow up."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.accounts.auth import current_account, roles_required
from portal.assist import consent, leads
from portal.assist.forms import CloseForm, ContactForm, LeadForm
from portal.assist.views import HELPERS, bp
from portal.domain.vocabulary import Role


@bp.route("/assist/leads/new", methods=["GET", "POST"])
@roles_required(*HELPERS)
def report_lead():
    account = current_account()
    if not account.office_code:
        abort(403)
    form = LeadForm()
    if request.method == "GET":
        form.urgency.data = "normal"
    if form.validate_on_submit():
        leads.report(account, name=form.name.data, phone=form.normalised_phone, address=form.address.data,
                     situation=form.situation.data, urgency=form.urgency.data, how_found=form.how_found.data)
        flash(_("Thank you. The street office has the report and will contact the person."))
        return redirect(url_for("assist.my_leads"))
    return render_template("assist/lead_new.html", form=form)


@bp.get("/assist/leads")
@roles_required(*HELPERS)
def my_leads():
    return render_template("assist/leads_mine.html", leads=leads.reported_by(current_account()))


@bp.get("/office/leads")
@roles_required(Role.CASEWORKER)
def office_leads():
    show_closed = request.args.get("all") == "1"
    return render_template("assist/leads_office.html", leads=leads.office_leads(current_account(), show_closed),
                           show_closed=show_closed)


def _lead(lead_id: int):
    lead = leads.office_lead(current_account(), lead_id)
    if lead is None:
        abort(403)
    return lead


def _finished(lead):
    flash(_("This lead already has an outcome."))
    return redirect(url_for("assist.lead", lead_id=lead.id))


def _lead_page(lead, contact_form=None, close_form=None, status: int = 200):
    return render_template("assist/lead.html", lead=lead, finished=leads.is_finished(lead),
                           contact_form=contact_form or ContactForm(prefix="contact"),
                           close_form=close_form or CloseForm(prefix="close")), status


@bp.get("/office/leads/<int:lead_id>")
@roles_required(Role.CASEWORKER)
def lead(lead_id: int):
    return _lead_page(_lead(lead_id))


@bp.post("/office/leads/<int:lead_id>/contact")
@roles_required(Role.CASEWORKER)
def lead_contact(lead_id: int):
    lead = _lead(lead_id)
    form = ContactForm(prefix="contact")
    if leads.is_finished(lead):
        return _finished(lead)
    if form.validate_on_submit():
        leads.record_contact(current_account(), lead, form.note.data)
        flash(_("Contact recorded."))
        return redirect(url_for("assist.lead", lead_id=lead.id))
    return _lead_page(lead, contact_form=form, status=400)


@bp.post("/office/leads/<int:lead_id>/close")
@roles_required(Role.CASEWORKER)
def lead_close(lead_id: int):
    lead = _lead(lead_id)
    form = CloseForm(prefix="close")
    if leads.is_finished(lead):
        return _finished(lead)
    if form.validate_on_submit():
        leads.close(current_account(), lead, form.outcome.data, form.note.data)
        flash(_("The lead is closed."))
        return redirect(url_for("assist.office_leads"))
    return _lead_page(lead, close_form=form, status=400)


@bp.post("/office/leads/<int:lead_id>/convert")
@roles_required(Role.CASEWORKER)
def lead_convert(lead_id: int):
    """The person agreed: ask for their consent, as an assistant would; consent converts the lead."""
    lead = _lead(lead_id)
    if leads.is_finished(lead):
        return _finished(lead)
    mandate = consent.begin(current_account(), lead.name, lead.phone, None, lead=lead)
    return redirect(url_for("assist.consent_page", mandate_id=mandate.id))
