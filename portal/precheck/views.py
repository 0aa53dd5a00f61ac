"""The anonymous eligibility pre-check: a few short pages, then the result in plain words.

No account is needed. The answers live server-side (``portal.precheck.store``); the cookie
session holds only the random token. Pages can be visited in any order once reached: a
page whose earlier pages are unanswered sends the visitor to the first of them.
"""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _

from portal.precheck import answers as steps
from portal.precheck import service
from portal.precheck.forms import (
    SUPPORTER_ROWS,
    AssetsForm,
    CircumstancesForm,
    HouseholdForm,
    PersonForm,
    SupportersForm,
)

bp = Blueprint("precheck", __name__)
SESSION_KEY = "precheck_token"  # the cookie session holds only this random token


def _answers() -> dict:
    return service.answers_for(session.get(SESSION_KEY))


def _save(answers: dict, page: str, values: dict):
    session[SESSION_KEY], following = service.save_page(session.get(SESSION_KEY), answers, page, values)
    if following is None:
        return redirect(url_for("precheck.result"))
    return redirect(url_for(following[0], **following[1]))


def _earlier_gap(answers: dict, endpoint: str, args: dict | None = None):
    """A redirect to the first unanswered page before this one, if any."""
    order = steps.steps(answers)
    first = steps.first_unanswered(answers)
    if first is not None and order.index(first) < order.index((endpoint, args or {})):
        return redirect(url_for(first[0], **first[1]))
    return None


def _back(answers: dict, endpoint: str, args: dict | None = None) -> str:
    order = steps.steps(answers)
    here = order.index((endpoint, args or {}))
    if here == 0:
        return url_for("precheck.start")
    previous, previous_args = order[here - 1]
    return url_for(previous, **previous_args)


@bp.get("/check")
def start():
    return render_template("precheck/start.html", started=bool(_answers()))


@bp.route("/check/household", methods=["GET", "POST"])
def household():
    answers = _answers()
    form = HouseholdForm(data=answers.get("household") or {})
    if form.validate_on_submit():
        return _save(answers, "household", {"size": form.size.value})
    return render_template("precheck/household.html", form=form, back=url_for("precheck.start"))


@bp.route("/check/person/<int:number>", methods=["GET", "POST"])
def person(number: int):
    answers = _answers()
    size = steps.size(answers)
    if size is None:
        return redirect(url_for("precheck.household"))
    if not 1 <= number <= size:
        abort(404)
    gap = _earlier_gap(answers, "precheck.person", {"number": number})
    if gap is not None:
        return gap
    others = [p for n, p in (answers.get("people") or {}).items() if n != str(number)]
    form = PersonForm(data=(answers.get("people") or {}).get(str(number)) or {}, first=number == 1,
                      spouse_taken=any(p.get("relation") == "spouse" for p in others), alone=size == 1)
    if form.validate_on_submit():
        values = {name: getattr(form, name).data for name in steps.PERSON_FIELDS}
        values["age"] = form.age.value
        values["unemployment_insurance"] = form.unemployment_insurance.data or None
        values["months_without_income"] = form.months_without_income.value
        if form.clergy_at_venue_3y:
            values["clergy_at_venue_3y"] = form.clergy_at_venue_3y.data
        if number > 1:
            values["relation"] = form.relation.data
            values["co_residence"] = form.co_residence.data or None
        return _save(answers, f"people.{number}", values)
    return render_template("precheck/person.html", form=form, number=number, size=size,
                           back=_back(answers, "precheck.person", {"number": number}))


@bp.route("/check/property", methods=["GET", "POST"])
def assets():
    answers = _answers()
    gap = _earlier_gap(answers, "precheck.assets")
    if gap is not None:
        return gap
    form = AssetsForm(data=answers.get("assets") or {})
    if form.validate_on_submit():
        return _save(answers, "assets", {"savings": form.savings.data, "vehicles": form.vehicles.data,
                                         "houses": form.houses.value, "businesses": form.businesses.value})
    return render_template("precheck/assets.html", form=form, back=_back(answers, "precheck.assets"))


@bp.route("/check/circumstances", methods=["GET", "POST"])
def circumstances():
    answers = _answers()
    gap = _earlier_gap(answers, "precheck.circumstances")
    if gap is not None:
        return gap
    form = CircumstancesForm(data=answers.get("circumstances") or {})
    if form.validate_on_submit():
        values = {name: field.data for name, field in form._fields.items() if name != "csrf_token"}
        values["emergency_days"] = form.emergency_days.value
        return _save(answers, "circumstances", values)
    return render_template("precheck/circumstances.html", form=form,
                           back=_back(answers, "precheck.circumstances"))


@bp.route("/check/supporters", methods=["GET", "POST"])
def supporters():
    """Family outside the household who must support the applicant, when there is any."""
    answers = _answers()
    if not steps.asks_supporters(answers):
        first = steps.first_unanswered(answers)
        return redirect(url_for("precheck.result") if first is None else url_for(first[0], **first[1]))
    gap = _earlier_gap(answers, "precheck.supporters")
    if gap is not None:
        return gap
    saved = {}
    for n, person in enumerate((answers.get("supporters") or {}).get("people") or [], start=1):
        saved.update({f"relation_{n}": person.get("relation"), f"situation_{n}": person.get("situation"),
                      f"age_{n}": None if person.get("age") is None else str(person["age"]),
                      f"income_{n}": person.get("income"), f"property_{n}": person.get("property")})
    form = SupportersForm(data=saved)
    if form.validate_on_submit():
        return _save(answers, "supporters", {"people": form.people()})
    return render_template("precheck/supporters.html", form=form, rows=range(1, SUPPORTER_ROWS + 1),
                           back=_back(answers, "precheck.supporters"))


@bp.get("/check/result")
def result():
    outcome = service.result(session.get(SESSION_KEY))
    if outcome is None:
        answers = _answers()
        following = steps.first_unanswered(answers)
        if following is not None:
            return redirect(url_for(following[0], **following[1]))
        if not answers:
            return redirect(url_for("precheck.start"))
        flash(_("Check the answers about the people in your household."))
        return redirect(url_for("precheck.person", number=1))
    # The journey's entry (sign-in required there) starts an application from these answers.
    apply_url = "/apply?" + urlencode({"precheck": outcome.token})
    return render_template("precheck/result.html", result=outcome, apply_url=apply_url)


@bp.post("/check/restart")
def restart():
    service.restart(session.pop(SESSION_KEY, None))
    return redirect(url_for("precheck.household"))
