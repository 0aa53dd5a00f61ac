"""The office answers a resident's objection ("我有异议", portal.status.appeals) with a reply that
the resident reads in their timeline. Routes of the office blueprint."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import ValidationError

from portal.accounts.auth import roles_required
from portal.domain import appeals as rules
from portal.domain.vocabulary import Role
from portal.office.replies import reply_page
from portal.office.views import bp
from portal.status import appeals

bp.add_app_template_global(appeals.pending, "pending_objection")


class AnswerForm(FlaskForm):
    reply = TextAreaField(_l("Your answer to the resident"), description=_l(
        "The resident reads this on their application's page. Say what you looked at again and what follows."))

    def validate_reply(self, field):
        problem = rules.check_reason(field.data)
        if problem == "required":
            raise ValidationError(_l("Write your answer"))
        if problem == "too_long":
            raise ValidationError(_l("Write no more than 1000 characters"))


@bp.route("/office/requests/<int:request_id>/objection", methods=["GET", "POST"])
@roles_required(Role.CASEWORKER)
def answer_objection(request_id: int):
    return reply_page(request_id, pending=appeals.pending, form_class=AnswerForm, text_field="reply",
                      save=appeals.answer, done=_("Answer the objection"), template="office/objection.html",
                      shown_as="objection")
