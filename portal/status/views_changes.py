"""Reporting a change (portal.status.changes): choose what changed, answer the application's own
page prefilled with the last answers, see before and after, send. Routes of the status blueprint."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import ValidationError

from portal.accounts.auth import current_account, roles_required
from portal.apply.pages.registry import PAGES
from portal.clock import today
from portal.domain import changes as rules
from portal.domain.vocabulary import Role
from portal.status import changes
from portal.status.acting import Acting
from portal.status.views import bp, own_application


class NoteForm(FlaskForm):
    note = TextAreaField(_l("Anything else the office should know (optional)"), description=_l(
        "For example: since when, or a person who moved in or out."))

    def validate_note(self, field):
        if rules.check_note(field.data) == "too_long":
            raise ValidationError(_l("Write no more than 1000 characters"))


@bp.get("/my/applications/<reference>/change")
@roles_required(Role.RESIDENT)
def change(reference: str):
    return change_page(Acting(own_application(reference), current_account()))


def change_page(acting: Acting):
    found = acting.application
    if not changes.may_report(found):
        return redirect(acting.url("application"))
    return render_template("status/change.html", application=found, topics=changes.topics(found, today()),
                           due_days=changes.due_date(today()), acting=acting)


@bp.route("/my/applications/<reference>/change/<key>", methods=["GET", "POST"], defaults={"ref": None})
@bp.route("/my/applications/<reference>/change/<key>/<ref>", methods=["GET", "POST"])
@roles_required(Role.RESIDENT)
def change_step(reference: str, key: str, ref: str | None):
    return change_step_page(Acting(own_application(reference), current_account()), key, ref)


def change_step_page(acting: Acting, key: str, ref: str | None):
    """One of the application's pages reopened for a change, then the check page; for the resident
    or a helper under their mandate."""
    found, account = acting.application, acting.account
    if len(key) > 40 or (ref is not None and len(ref) > 8):
        abort(404)
    if not changes.may_report(found):
        return redirect(acting.url("application"))
    on = today()
    topic = changes.topic(found, key, ref, on)
    if topic is None:
        abort(404)
    ctx = changes.page_ctx(found, ref, on, account.id)
    page = PAGES[key]
    form_class = page.form_class(ctx)
    form = form_class(data=page.load(ctx)) if request.method == "GET" else form_class()
    title = page.title(topic.step, ctx)
    action = acting.url("change_step", key=key, ref=ref)
    editing = request.form.get("confirm") == "edit"  # back from the check page, with what was typed
    if request.method == "POST" and form.validate() and page.check(form, ctx) and not editing:
        note = NoteForm()
        before, after = changes.before_after(key, ctx, form)
        if request.form.get("confirm") == "1" and note.validate():
            try:
                event = changes.report(found, key, ref, before, after, note.note.data or "", account, on,
                                       updates=page.dump(form, ctx), mandate=acting.mandate)
            except ValueError as refused:
                if str(refused) != "nothing_changed":
                    return redirect(acting.url("application"))
                note.note.errors = [_("Nothing has changed. Change an answer, or say what changed here.")]
            else:
                follow = _after_addition(acting, key, ref, event, on)
                if follow:
                    flash(_("Sent. Now tell the office about their income."))
                    return redirect(follow)
                flash(_("Sent. The office will look at the change; you can follow it on this page."))
                return redirect(acting.url("application"))
        return render_template("status/change_check.html", application=found, note=note, page_title=title,
                               action=action, rows=changes.rows(key, ctx, before, after), acting=acting,
                               hidden=[(k, v) for k in request.form if k not in ("csrf_token", "confirm", "note")
                                       for v in request.form.getlist(k)],
                               )
    return render_template("status/change_step.html", application=found, form=form, page=page,
                           page_title=title, topic=topic, action=action, note=request.form.get("note", "")[:1000],
                           acting=acting, **page.template_context(ctx))


def _after_addition(acting: Acting, key: str, ref: str | None, event, on) -> str | None:
    """After adding a person who moved in: their income page (or their health and work page), when
    the household's answers ask it of them."""
    if not rules.is_addition(key, ref):
        return None
    added = (event.data or {}).get("ref")
    for follow in ("income-sources", "member-details"):
        if changes.topic(acting.application, follow, added, on) is not None:
            return acting.url("change_step", key=follow, ref=added)
    return None
