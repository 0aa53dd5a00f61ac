"""The journey's pages: start, task list, one route for every step, remove a member.

Views are thin: they read the request, ask ``access`` who may see what, let the step's Page
build and check the form, call one service and render or redirect.
"""
from __future__ import annotations

from flask import abort, redirect, render_template, request, session, url_for

from portal.accounts.auth import current_account, login_required, roles_required
from portal.apply.answers import shape as A
from portal.apply.answers.household_map import answers_from_household
from portal.apply.blueprint import _draft_or_redirect, bp
from portal.apply.documents.outstanding import of_application
from portal.apply.filing import drafts
from portal.apply.filing.confirmation import time_limit
from portal.apply.journey import navigation as flow
from portal.apply.journey.steps import SECTION, STEP
from portal.apply.pages.base import PageCtx, add_error
from portal.apply.pages.registry import PAGES
from portal.apply.views_documents import save_documents, upload_forms
from portal.clock import today
from portal.contacts.book import hotline_today
from portal.domain.ids import mask_phone
from portal.domain.vocabulary import Role


def _precheck_store():
    try:
        # optional: its ImportError is handled here
        from portal.precheck import store
    except ImportError:  # the pre-check capability is optional
        return None
    return store


@bp.get("/apply")
@roles_required(Role.RESIDENT)
def start():
    account = current_account()
    existing = drafts.drafts_of(account)
    token = request.args.get("precheck", "")[:200]
    store = _precheck_store() if token and not existing else None
    household = store.load(token) if store is not None else None
    if isinstance(household, dict):
        application = drafts.start_draft(account, answers_from_household(household))
        store.discard(token)  # used: the draft now holds the answers
        return redirect(flow.tasks_url(application.id))
    if existing:
        return redirect(flow.tasks_url(existing[0].id))
    return render_template("apply/start.html")


@bp.post("/apply/new")
@roles_required(Role.RESIDENT)
def new():
    application = drafts.start_draft(current_account())
    return redirect(flow.continue_url(application.id, application.answers, today()))


@bp.get("/apply/emergency")
def emergency():
    """遇到突发困难？ What the emergency path asks and what happens; open to anyone."""
    return render_template("apply/emergency.html", timing=time_limit("temp_emergency", False),
                           hotline=hotline_today())


@bp.post("/apply/emergency")
@roles_required(Role.RESIDENT)
def emergency_start():
    application = drafts.start_emergency(current_account())
    return redirect(flow.continue_url(application.id, application.answers, today()))


@bp.get("/apply/<int:application_id>")
@login_required
def tasks(application_id: int):
    application, elsewhere = _draft_or_redirect(application_id)
    if elsewhere:
        return elsewhere
    answers, on = application.answers or {}, today()

    return render_template("apply/tasks.html", application=application,
                           tasks=flow.task_list(application.id, answers, on, of_application(application, on)),
                           continue_url=flow.continue_url(application.id, answers, on),
                           emergency_path=answers.get("path") == "emergency")


@bp.route("/apply/<int:application_id>/<step_key>", methods=["GET", "POST"], defaults={"ref": None})
@bp.route("/apply/<int:application_id>/<step_key>/<ref>", methods=["GET", "POST"])
@login_required
def step(application_id: int, step_key: str, ref: str | None):
    application, elsewhere = _draft_or_redirect(application_id)
    if elsewhere:
        return elsewhere
    current = STEP.get(step_key)
    if current is None or current.repeated != (ref is not None) or (ref is not None and len(ref) > 8):
        abort(404)
    answers, on = application.answers or {}, today()
    member = {} if ref == "new" else flow.member_of(answers, ref)
    if ref is not None and member is None:
        abort(404)
    if not flow.available(current, answers, on, member, ref):
        return redirect(flow.tasks_url(application.id))
    if current.key == "documents" and request.method == "POST":
        return save_documents(application_id=application.id)  # files and answers of one form
    ctx = PageCtx(answers, member, ref, on, current_account().id)
    page = PAGES[current.key]
    form_class = page.form_class(ctx)
    form = form_class(data=page.load(ctx)) if request.method == "GET" else form_class()
    if request.method == "POST" and form.validate() and page.check(form, ctx):
        more = request.form.get("more") == "1"
        try:
            saved_ref, _removed = drafts.save_page(application, current, ref, page.dump(form, ctx),
                                                   completes=page.completes(form, ctx) and not more)
        except drafts.StepRefused as refused:
            add_error(form[refused.field], refused.message)
        except drafts.DraftClosed:  # submitted on another device meanwhile
            return _draft_or_redirect(application.id)[1]
        else:
            return redirect(_after_save(application, current, saved_ref, form, more))
    context = page.template_context(ctx)
    if current.key == "documents":
        context["upload_forms"] = _upload_forms(application, answers, on)
        context["outstanding"] = of_application(application, on)
    return render_template(
        page.template, form=form, page=page, step=current, ref=ref, member=member,
        page_title=page.title(current, ctx), section_title=str(SECTION[current.section].title),
        back_url=flow.back_url(application.id, answers, on, (current.key, ref)), application=application,
        button=page.button, **context)


def _after_save(application, current, ref, form, more: bool) -> str:
    answers, on = application.answers, today()
    if request.form.get("then") == "exit":
        masked = mask_phone(A.get(answers, "about.phone") or current_account().phone or "")
        drafts.sign_out()
        session["saved_phone"] = masked
        return url_for("apply.saved")
    if more:
        return flow.step_url(application.id, current, ref, more="1")
    if current.key == "household" and form.add_another.data == "yes":
        return url_for("apply.step", application_id=application.id, step_key="member", ref="new")
    return flow.next_url(application.id, answers, on, (current.key, ref if current.repeated else None))


def _upload_forms(application, answers, on):
    return upload_forms(application, answers, on)


@bp.post("/apply/<int:application_id>/save")
@login_required
def save_and_exit(application_id: int):
    application, elsewhere = _draft_or_redirect(application_id)
    if elsewhere:
        return elsewhere
    masked = mask_phone(A.get(application.answers or {}, "about.phone") or current_account().phone or "")
    drafts.sign_out()
    session["saved_phone"] = masked
    return redirect(url_for("apply.saved"))


@bp.get("/apply/saved")
def saved():
    return render_template("apply/saved.html", masked_phone=session.get("saved_phone", ""))


@bp.route("/apply/<int:application_id>/member/<ref>/remove", methods=["GET", "POST"])
@login_required
def remove_member(application_id: int, ref: str):
    application, elsewhere = _draft_or_redirect(application_id)
    if elsewhere:
        return elsewhere
    person = A.member(application.answers or {}, ref)
    if person is None or person.get("relation") == "self":
        abort(404)
    if request.method == "POST":
        if request.form.get("confirm") == "yes":
            try:
                drafts.remove_member(application, ref)
            except drafts.DraftClosed:  # submitted on another device meanwhile
                return _draft_or_redirect(application.id)[1]
        return redirect(url_for("apply.step", application_id=application.id, step_key="household"))
    return render_template("apply/remove_member.html", application=application, person=person,
                           back_url=url_for("apply.step", application_id=application.id, step_key="household"))

