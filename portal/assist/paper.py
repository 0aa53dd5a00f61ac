"""The papers a helper prints for a resident without a smartphone, filled in by the portal:

* the mandate (委托书): the resident's name and masked ID number, the helper, what the mandate
  allows (ticked boxes, portal.assist.scope) and a box for a signature or thumb print; its
  photo, uploaded back, records the consent (``consent.confirm_photo``);
* the declarations form: each declaration's text and version, as the resident hears it read
  aloud, with a box per declaration to sign or thumb-print; its photo is uploaded with the
  application when the declarations were made that way.

Rendered by the receipts' PDF engine (the same fonts and A4 page), in the helper's language.
The full ID number is never printed: the masked one is enough to tell which resident signed.
"""
from __future__ import annotations

from flask import current_app
from flask_babel import force_locale

from portal.apply.answers import shape as A
from portal.apply.filing.declarations import DECLARATIONS
from portal.apply.places.districts import office_label
from portal.assist import scope
from portal.clock import today
from portal.domain.ids import mask_id
from portal.i18n import HTML_LANG, current_locale
from portal.models import Account, Application
from portal.models.assist import Mandate
from portal.receipts.pdf import render_pdf
from portal.vocabulary import role_title

MANDATE_TEXT_VERSION = "2026-12"


def _helper(helper: Account) -> dict:
    return {"name": helper.display_name or helper.username or "", "role": role_title(helper.role, ""),
            "office": office_label(helper.office_code)}


def _render(template: str, context: dict) -> bytes:
    locale = current_locale()
    with force_locale(locale):
        html = current_app.jinja_env.get_template(template).render(
            html_lang=HTML_LANG.get(locale, "zh-Hans"), **context)
    return render_pdf(html, locale)


def mandate_pdf(mandate: Mandate, helper: Account) -> bytes:
    chosen = (mandate.allows or "").split(",")
    return _render("assist/paper_mandate.html", {
        "number": f"M{mandate.id:06d}", "name": mandate.resident_name or "",
        "masked_id": mask_id(mandate.id_number) if mandate.id_number else "",
        "helper": _helper(helper), "version": MANDATE_TEXT_VERSION, "printed_on": today().isoformat(),
        "allows": [(str(label), key in chosen) for key, label in scope.ALLOW_LABELS.items()],
    })


def declarations_pdf(application: Application, helper: Account) -> bytes:
    answers = application.answers or {}
    about = answers.get("about") or {}
    adults = [m.get("name") or "" for m in A.members(answers) if m.get("relation") != "self"]
    return _render("assist/paper_declarations.html", {
        "name": about.get("name") or application.applicant_name or "",
        "masked_id": mask_id(about["id_number"]) if about.get("id_number") else "",
        "helper": _helper(helper), "printed_on": today().isoformat(), "others": adults,
        "declarations": [(d.title, d.text, d.version) for d in DECLARATIONS.values()
                         if d.kind != "not_receiving_elsewhere" or A.get(answers, "about.hukou.kind") == "elsewhere"],
    })
