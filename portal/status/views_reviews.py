"""Periodic review (portal.status.reviews): the page the SMS links to. The resident sees the last
answers on household, income and assets, updates any of them through the change pages
(portal.status.views_changes) or confirms nothing changed. Routes of the status blueprint."""
from __future__ import annotations

from flask import flash, redirect, render_template
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from portal.accounts.auth import current_account, roles_required
from portal.clock import today
from portal.domain.vocabulary import Role
from portal.status import changes, reviews
from portal.status.acting import Acting
from portal.status.views import bp, own_application


@bp.route("/my/applications/<reference>/review", methods=["GET", "POST"])
@roles_required(Role.RESIDENT)
def review(reference: str):
    return review_page(Acting(own_application(reference), current_account()))


def review_page(acting: Acting):
    """The review page, for the resident or a helper under their mandate."""
    found, account = acting.application, acting.account
    on = today()
    back = acting.url("application")
    waiting = reviews.waiting(found, on)
    if not waiting:
        return redirect(back)
    form = FlaskForm()
    if form.validate_on_submit():
        try:
            reviews.confirm(found, account, on, acting.mandate)
        except ValueError:
            return redirect(back)
        flash(_("Thank you. The office has your answer: nothing has changed."))
        return redirect(back)
    sections = []
    for topic in changes.topics(found, on):
        if topic.adds:  # someone moved in: a link under the sections, no last answers to show
            continue
        ctx = changes.page_ctx(found, topic.ref, on, account.id)
        last = changes.last_answers(topic.step.key, ctx)
        sections.append((topic, changes.rows(topic.step.key, ctx, last, last)))
    answer_by = min((by for _r, by in waiting if by), default=None)
    return render_template("status/review.html", application=found, sections=sections, answer_by=answer_by,
                           form=form, acting=acting)
