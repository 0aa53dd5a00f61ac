"""Sign in with a one-time code (residents) or a password (staff); sign out; language and
elderly mode."""
from __future__ import annotations

import time

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext

from portal.accounts import codes, display
from portal.accounts.auth import (
    current_account,
    end_all_sessions,
    end_session,
    login_required,
    safe_next,
    start_session,
)
from portal.accounts.forms import (
    ChoosePasswordForm,
    CodeForm,
    PhoneForm,
    StaffSignInForm,
)
from portal.accounts.pending import take_pending
from portal.accounts.services import (
    account_for_setup_code,
    authenticate_staff,
    choose_password,
    remember_locale,
)
from portal.domain.ids import mask_phone
from portal.domain.staff import looks_like_code
from portal.extensions import db
from portal.i18n import COOKIE, current_locale, normalise
from portal.models import Account
from portal.ratelimit import client_key, hit

bp = Blueprint("accounts", __name__)


def _after_sign_in() -> str:
    return safe_next(session.pop("next", None), url_for("pages.home"))


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    if request.method == "GET" and request.args.get("next"):
        session["next"] = safe_next(request.args["next"], "")
    form = PhoneForm()
    if form.validate_on_submit():
        # Per client address too: the per-phone limit alone lets one client text many numbers.
        allowed, wait = hit(f"code-ip:{client_key()}", current_app.config.get("CODE_REQUESTS_PER_CLIENT", 20), 3600)
        result = codes.request_code(form.normalised_phone, current_locale()) if allowed else codes.CodeRequest(None, wait)
        if result.token is None:
            minutes = max(1, (result.wait_seconds + 59) // 60)
            return render_template("accounts/wait.html", minutes=minutes), 429
        session["code_token"] = result.token
        session["code_phone"] = mask_phone(form.normalised_phone)
        return redirect(url_for("accounts.enter_code"))
    return render_template("accounts/sign_in.html", form=form)


@bp.route("/sign-in/code", methods=["GET", "POST"])
def enter_code():
    if not session.get("code_token"):
        return redirect(url_for("accounts.sign_in"))
    form = CodeForm()
    if form.validate_on_submit():
        check = codes.check_code(session.get("code_token"), form.code.data)
        if check.outcome == "ok":
            session.pop("code_token", None)
            session.pop("code_phone", None)
            next_url = _after_sign_in()
            start_session(check.account)
            if check.account.locale is None:
                check.account.locale = current_locale()
            db.session.commit()
            return redirect(next_url)
        messages = {
            "wrong": _("That code is not right. Check the text message and try again. Tries left: %(left)d.", left=check.attempts_left),
            "expired": _("That code has expired. Ask for a new code."),
            "locked": _("Too many wrong codes. Ask for a new code."),
            "unknown": _("That code can no longer be used. Ask for a new code."),
        }
        form.code.errors.append(messages[check.outcome])
    return render_template("accounts/enter_code.html", form=form, masked_phone=session.get("code_phone", ""))


def _staff_attempt_wait(username: str) -> int:
    """Seconds to wait when this username or this client tried too often (guessing), else 0.
    Every attempt counts, right or wrong, so the answer never says which usernames exist."""
    config = current_app.config
    user_ok, user_wait = hit(f"staff-user:{username.strip().lower()}", config.get("STAFF_SIGN_IN_PER_USERNAME", 10), 900)
    client_ok, client_wait = hit(f"staff-ip:{client_key()}", config.get("STAFF_SIGN_IN_PER_CLIENT", 50), 900)
    return 0 if user_ok and client_ok else max(user_wait, client_wait)


@bp.route("/staff/sign-in", methods=["GET", "POST"])
def staff_sign_in():
    if request.method == "GET" and request.args.get("next"):
        session["next"] = safe_next(request.args["next"], "")
    form = StaffSignInForm()
    if form.validate_on_submit():
        wait = _staff_attempt_wait(form.username.data)
        if wait:
            minutes = max(1, (wait + 59) // 60)
            form.password.errors.append(ngettext("Too many sign-in attempts. Try again in %(num)d minute.",
                                                 "Too many sign-in attempts. Try again in %(num)d minutes.", minutes))
            return render_template("accounts/staff_sign_in.html", form=form), 429, {"Retry-After": str(wait)}
        account = authenticate_staff(form.username.data, form.password.data)
        if account is not None:
            next_url = _after_sign_in()
            start_session(account)
            db.session.commit()
            return redirect(next_url)
        if looks_like_code(form.password.data):
            account = account_for_setup_code(form.username.data, form.password.data)
            if account is not None:
                # Not signed in yet: the code only opens the page that chooses a password.
                session["choosing"] = {"id": account.id, "until": time.time() + _CHOOSE_SECONDS,
                                       "code": account.setup_code_hash[-16:]}
                return redirect(url_for("accounts.set_password"))
        form.password.errors.append(_("The username or password is not right"))
    return render_template("accounts/staff_sign_in.html", form=form)


_CHOOSE_SECONDS = 15 * 60


def _choosing_account():
    """The account whose one-time code was just entered, while that code is still the pending
    one (a newer reset replaces it) and for at most 15 minutes; None otherwise."""
    state = session.get("choosing")
    if not isinstance(state, dict) or not isinstance(state.get("id"), int) or state.get("until", 0) < time.time():
        return None
    account = db.session.get(Account, state["id"])
    if account is None or not account.active or not account.setup_code_hash \
            or account.setup_code_hash[-16:] != state.get("code"):
        return None
    return account


@bp.route("/staff/set-password", methods=["GET", "POST"])
def set_password():
    account = _choosing_account()
    if account is None:
        session.pop("choosing", None)
        return redirect(url_for("accounts.staff_sign_in"))
    form = ChoosePasswordForm(username=account.username or "")
    if form.validate_on_submit():
        session.pop("choosing", None)
        next_url = _after_sign_in()
        choose_password(account, form.password.data)
        start_session(account)
        db.session.commit()
        flash(_("Your password is set. You are signed in."))
        return redirect(next_url)
    return render_template("accounts/set_password.html", form=form, account=account)


@bp.post("/sign-out")
def sign_out():
    end_session()
    db.session.commit()
    flash(_("You have signed out."))
    return redirect(url_for("pages.start"))


@bp.post("/sign-out/everywhere")
@login_required
def sign_out_everywhere():
    count = end_all_sessions(current_account())
    db.session.commit()
    flash(_("You have signed out on every device (%(count)d sessions).", count=count))
    return redirect(url_for("pages.start"))


@bp.get("/resume")
@login_required
def resume():
    """After signing in again: offer to send the kept answers to where they were going."""
    pending = take_pending()
    if pending is None:
        return redirect(url_for("pages.home"))
    return render_template("accounts/resume.html", fields=pending.fields, action=pending.path)


@bp.get("/session/ping")
@login_required
def ping():
    """Called by the session warning's "stay signed in" button: the request itself renews the session."""
    return "", 204


@bp.get("/language/<code>")
def choose_language(code: str):
    locale = normalise(code)
    target = safe_next(request.args.get("next"), url_for("pages.start"))
    response = redirect(target)
    if locale:
        response.set_cookie(COOKIE, locale, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
                            secure=bool(current_app.config["SESSION_COOKIE_SECURE"] or request.is_secure))
        remember_locale(current_account(), locale)
    return response


@bp.get("/elderly-mode/<state>")
def choose_elderly_mode(state: str):
    """长者模式 on or off, as the language is chosen: a plain link, a cookie for a year."""
    response = redirect(safe_next(request.args.get("next"), url_for("pages.start")))
    if state in display.STATES:
        secure = bool(current_app.config["SESSION_COOKIE_SECURE"] or request.is_secure)
        if display.STATES[state]:
            response.set_cookie(display.COOKIE, display.ON, max_age=365 * 24 * 3600, samesite="Lax",
                                httponly=True, secure=secure)
        else:
            response.delete_cookie(display.COOKIE, samesite="Lax", httponly=True, secure=secure)
    return response
