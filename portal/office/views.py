"""The office console: queue, case page, the generic action form, transfers sent, public notices."""
from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from werkzeug.datastructures import CombinedMultiDict

from portal.accounts.auth import current_account, roles_required
from portal.clock import today
from portal.domain.vocabulary import Role
from portal.extensions import db
from portal.models import AssistanceRequest
from portal.office import actions, notices, queue, transfers
from portal.office import case as cases
from portal.office import fields as field_table
from portal.office.assignment import names_of, workload
from portal.office.forms import filter_form
from portal.office.landing import after_action
from portal.office.scope import STAFF_ROLES, in_scope
from portal.office.side_lists import side_lists
from portal.receipts.legal import marked_basis, readable_source
from portal.status import texts

bp = Blueprint("office", __name__)

_MAX_ID = 2**31 - 1  # larger ids cannot exist; refusing them early keeps databases from overflowing


@bp.get("/office")
@roles_required(*STAFF_ROLES)
def queue_page():
    account = current_account()
    filters = queue.Filters.from_args(request.args)
    page = queue.queue(account, filters)
    form = filter_form(filters)

    loads = workload(account.office_code, page.today) if account.role == Role.CASEWORKER else []
    apart = side_lists(account, today())
    return render_template("office/queue.html", page=page, filters=filters, form=form, objections=apart.objections,
                           change_reports=apart.change_reports, today=today(), reviews_overdue=apart.reviews_overdue,
                           workload=loads, assignees=names_of({row.application.assigned_to_id for row in page.rows}))


@bp.get("/office/cases/<reference>")
@roles_required(*STAFF_ROLES)
def case(reference: str):
    return _case_page(reference, revealed=False)


# Full details are shown only in the answer to the button's POST, each time written to the
# audit trail first. The answer is never cached (no-store, portal/security.py): reloading it
# is the browser's "resubmit the form?" question, and resubmitting shows the details again,
# so it is recorded again. A GET of this address (typed, reopened tab, history) shows and
# records nothing: it goes back to the masked case page.
@bp.route("/office/cases/<reference>/reveal", methods=["GET", "POST"])
@roles_required(*STAFF_ROLES)
def reveal(reference: str):
    if request.method == "GET":
        _handled_application(reference)
        return redirect(url_for("office.case", reference=reference), 303)
    return _case_page(reference, revealed=True)


@bp.get("/office/cases/<reference>/mandate")
@roles_required(*STAFF_ROLES)
def mandate_evidence(reference: str):
    """The photo of the signed mandate a helper filed under; each view is recorded first."""
    application = _handled_application(reference)
    evidence = cases.mandate_evidence(application)
    if evidence is None:
        abort(404)
    mandate, path = evidence
    cases.record_evidence_view(current_account(), application)
    extension = path.suffix or ".bin"
    response = send_file(path, mimetype=mandate.evidence_content_type, as_attachment=True,
                         download_name=f"mandate-{application.reference}{extension}", max_age=0)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _handled_application(reference: str):
    application = cases.find_application(reference)
    if application is None:
        abort(404)
    if not cases.handles(current_account(), application):
        abort(403)
    return application


def _case_page(reference: str, revealed: bool):
    account = current_account()
    application = _handled_application(reference)
    if revealed:
        cases.record_reveal(account, application)
    view = cases.load_case(account, application, queue.today(), revealed)
    return render_template("office/case.html", case=view)


def request_in_scope(request_id: int) -> AssistanceRequest:
    """The request a staff page acts on: 404 when it cannot exist, 403 outside the person's scope."""
    if request_id > _MAX_ID:
        abort(404)
    found = db.session.get(AssistanceRequest, request_id)
    if found is None:
        abort(404)
    if not in_scope(current_account(), found):
        abort(403)
    return found


def _load_request(request_id: int, action: str) -> AssistanceRequest:
    if not actions.is_known(action):
        abort(404)
    return request_in_scope(request_id)


@bp.route("/office/requests/<int:request_id>/actions/<action>", methods=["GET", "POST"])
@roles_required(*STAFF_ROLES)
def action(request_id: int, action: str):
    account = current_account()
    assistance_request = _load_request(request_id, action)
    today = queue.today()
    setup = actions.setup_for(account, assistance_request, action, today)
    if setup is None and not actions.role_may(assistance_request, action, account.role):
        abort(403)
    if request.method == "POST":
        seen = request.form.get("seen")
        if setup is None:
            return _conflict(assistance_request, action, seen, None, {})
        # Files too: a record's photos and attachments (portal/office/records.py).
        form = actions.form_for(setup, formdata=CombinedMultiDict((request.files, request.form)))
        if form.validate_on_submit():
            outcome = actions.carry_out(account, setup, form, today)
            if outcome.done:
                landing = after_action(account, assistance_request, action, today)
                flash(landing.message, landing.category)
                return redirect(landing.url)
            if outcome.stale:
                return _conflict(assistance_request, action, seen, account, actions.typed_values(setup, form))
            general = actions.attach(form, outcome, today)
            return render_template("office/action.html", setup=setup, form=form, general=general,
                                   application=assistance_request.application), 200
    if setup is None:
        return render_template("office/unavailable.html", assistance_request=assistance_request,
                               application=assistance_request.application, action=action), 409
    form = actions.form_for(setup)
    return render_template("office/action.html", setup=setup, form=form, general=None,
                           application=assistance_request.application)


def _conflict(assistance_request: AssistanceRequest, action: str, seen, account, typed: dict):
    """Someone else saved first: show what changed since the form was opened, and offer the form again."""
    db.session.refresh(assistance_request)
    setup = actions.setup_for(account or current_account(), assistance_request, action, queue.today())
    form = actions.form_for(setup, typed=typed) if setup is not None else None
    changes = cases.staff_events(actions.events_since(assistance_request, seen), {})
    return render_template("office/conflict.html", assistance_request=assistance_request,
                           application=assistance_request.application, changes=changes, setup=setup, form=form,
                           action=action), 409


@bp.get("/office/sent")
@roles_required(*STAFF_ROLES)
def sent():
    return render_template("office/sent.html", lines=transfers.sent_by_office(current_account()))


@bp.get("/notices/<office_code>")
def notice(office_code: str):
    office = notices.find_office(office_code)
    if office is None:
        abort(404)
    under_notice, approved = notices.notice_board(office)
    return render_template("office/notice.html", office=office, under_notice=under_notice, approved=approved,
                           contact=notices.contact_today(office))


@bp.app_template_global()
def office_counts():
    """Headline numbers of the signed-in caseworker's or reviewer's queue (for their home page)."""
    account = current_account()
    if account is None or account.role not in STAFF_ROLES:
        return None
    return queue.counts(account)


# The queue's two filter selects (38 states in groups, the kinds of assistance) as the form
# macro renders them, by language, field and choice: the same HTML on every queue page, and
# rendering their 50 options was about a millisecond of each page. The choices are fixed
# (portal/office/forms.py), so the entries are bounded (languages x choices).
_FILTER_SELECTS: dict[tuple[str, str, str | None], str] = {}


@bp.app_template_global()
def filter_select(render, field) -> str:
    """``render(field)`` (the macro ``f.select``), kept per language, field and chosen value."""
    from portal.i18n import current_locale

    key = (current_locale(), field.name, field.data)
    html = _FILTER_SELECTS.get(key)
    if html is None:
        if len(_FILTER_SELECTS) > 2000:  # cannot happen with the fixed choices; a guard all the same
            _FILTER_SELECTS.clear()
        html = _FILTER_SELECTS[key] = render(field)
    return html


@bp.app_template_global()
def field_macro(name: str) -> str:
    """Which form macro renders a workflow field (see templates/office/action.html)."""
    kind = field_table.FIELDS[name].kind
    return {"choice": "choices", "yes_no": "choices", "office": "select", "long_text": "textarea",
            "lines": "textarea"}.get(kind, "input")


@bp.app_template_global()
def field_input_type(name: str) -> str:
    return {"month": "month", "date": "date"}.get(field_table.FIELDS[name].kind, "text")


bp.add_app_template_global(texts.basis_label, "basis_label")
bp.add_app_template_global(marked_basis, "marked_basis")
bp.add_app_template_global(readable_source, "readable_source")
bp.add_app_template_global(texts.authority_label, "authority_label")
bp.add_app_template_global(texts.purpose_label, "purpose_label")
bp.add_app_template_filter(texts.flag_label, "flag_label")

