"""The access matrix: every URL rule of the app, every role, the expected outcome.

Outcomes: ``ok`` (the page or action answers: 2xx, a redirect that is not to sign-in, or a
refusal of the input such as 400/409 after access was granted), ``signin`` (redirect to a
sign-in page), ``403`` (signed in, wrong role: the page exists for staff), ``404`` (not yours:
nobody learns that someone else's application, document or receipt exists).

Targets are always resident A's real objects (world.py); resident B is the other resident. The
assistant with consent holds A's standing mandate and acts for A (as the product requires
before any of A's pages open to them); the assistant without consent is of the same office.
"""
from __future__ import annotations

from tests.security.world import ROLES, World

ANON, A, B, AC, AN, CW, CO, RV, AD = ROLES


def _profile(**cells: str) -> dict[str, str]:
    missing = set(ROLES) - set(cells)
    assert not missing, missing
    return cells


PUBLIC = _profile(**{role: "ok" for role in ROLES})
EVERYONE_SIGNIN = _profile(**{role: "signin" for role in ROLES})
EVERYONE_404 = _profile(**{role: "404" for role in ROLES})
SIGNED_IN = _profile(**{role: ("signin" if role == ANON else "ok") for role in ROLES})
RESIDENTS = _profile(anonymous="signin", resident_a="ok", resident_b="ok", assistant_with_consent="403",
                     assistant_without_consent="403", caseworker_of_office="403", caseworker_other_office="403",
                     reviewer="403", admin="403")
RESIDENT_OWN = {**RESIDENTS, B: "404"}
STAFF = _profile(anonymous="signin", resident_a="403", resident_b="403", assistant_with_consent="403",
                 assistant_without_consent="403", caseworker_of_office="ok", caseworker_other_office="ok",
                 reviewer="ok", admin="403")
STAFF_CASE = {**STAFF, CO: "403"}
# The case has no such thing: its handlers are told so, everyone else is refused as for the case.
NO_EVIDENCE = {**STAFF_CASE, CW: "404", RV: "404"}
# Accepting is the street office's step: the district reviewer sees the case but may not accept.
STAFF_ACCEPT = {**STAFF_CASE, RV: "403"}
# A submitted application and what hangs off it (documents, receipt, notices, confirmation).
VIEW = _profile(anonymous="signin", resident_a="ok", resident_b="404", assistant_with_consent="ok",
                assistant_without_consent="404", caseworker_of_office="ok", caseworker_other_office="404",
                reviewer="ok", admin="404")
# A draft: only its applicant (and an assistant the applicant consented to) may open or change it.
DRAFT = _profile(anonymous="signin", resident_a="ok", resident_b="404", assistant_with_consent="ok",
                 assistant_without_consent="404", caseworker_of_office="404", caseworker_other_office="404",
                 reviewer="404", admin="404")
# Submitting: the applicant, or a helper acting under the applicant's mandate: the
# helper reaches the submission, which is refused with a message unless the mandate allows it.
# The office window (窗口受理): street-office caseworkers only.
WINDOW = _profile(**{**{role: "403" for role in ROLES}, "anonymous": "signin",
                     "caseworker_of_office": "ok", "caseworker_other_office": "ok"})
# Community assistants' pages: assistants and street-office caseworkers act for residents.
HELPERS = _profile(anonymous="signin", resident_a="403", resident_b="403", assistant_with_consent="ok",
                   assistant_without_consent="ok", caseworker_of_office="ok", caseworker_other_office="ok",
                   reviewer="403", admin="403")
# A mandate that is not theirs (an id nobody holds): refused like any other mandate of someone else.
HELPERS_NOT_THEIRS = {**HELPERS, **{role: "403" for role in ROLES if HELPERS[role] == "ok"}}
# A's real mandate: only the assistant holding it; another assistant of the same office and
# caseworkers are refused like strangers.
MANDATE = {**HELPERS_NOT_THEIRS, AC: "ok"}
LEADS_OFFICE = _profile(anonymous="signin", resident_a="403", resident_b="403", assistant_with_consent="403",
                        assistant_without_consent="403", caseworker_of_office="ok", caseworker_other_office="ok",
                        reviewer="403", admin="403")
LEADS_NOT_THEIRS = {**LEADS_OFFICE, CW: "403", CO: "403"}
# Administration: administrators only; every other signed-in role gets 403, as on the
# office console, and anonymous visitors are sent to sign in.
ADMIN = _profile(anonymous="signin", resident_a="403", resident_b="403", assistant_with_consent="403",
                 assistant_without_consent="403", caseworker_of_office="403", caseworker_other_office="403",
                 reviewer="403", admin="ok")
# The district view: district reviewers (their district) and administrators.
DISTRICT_VIEW = {**ADMIN, RV: "ok"}
# Anonymous visitors are sent to sign in; a signed-in person (any role) is already signed in.
SIGN_IN_PAGES = PUBLIC


NOBODY = 987654321


# The administrator's working-day calendar: administrators only.
CALENDAR_ADMIN = _profile(**{role: "403" for role in ROLES if role not in (ANON, AD)}, anonymous="signin", admin="ok")
# Policy figures: administrators only; a proposal nobody made is not found, even by them.
FIGURE_NOT_FOUND = {**ADMIN, AD: "404"}


def rows(w: World) -> dict[tuple[str, str], tuple[str, dict, dict]]:
    """(method, rule) -> (url, expected outcome per role, form data for POST)."""
    draft, sent, ref, m = w.draft_id, w.sent_id, w.reference, w.mandate_id  # noqa: F841 - rows may use any of the world's ids
    cw = w.spare_staff_id or NOBODY
    return {
        ("GET", "/"): ("/", PUBLIC, {}),
        ("GET", "/home"): ("/home", SIGNED_IN, {}),
        ("GET", "/healthz"): ("/healthz", PUBLIC, {}),
        ("GET", "/static/<path:filename>"): ("/static/css/site.css", PUBLIC, {}),
        ("GET", "/language/<code>"): ("/language/en", PUBLIC, {}),
        ("GET", "/sign-in"): ("/sign-in", SIGN_IN_PAGES, {}),
        ("POST", "/sign-in"): ("/sign-in", SIGN_IN_PAGES, {"phone": "12"}),
        # Without a code requested first, the code page sends back to the phone number page.
        ("GET", "/sign-in/code"): ("/sign-in/code", EVERYONE_SIGNIN, {}),
        ("POST", "/sign-in/code"): ("/sign-in/code", EVERYONE_SIGNIN, {"code": "12"}),
        ("GET", "/staff/sign-in"): ("/staff/sign-in", SIGN_IN_PAGES, {}),
        ("POST", "/staff/sign-in"): ("/staff/sign-in", SIGN_IN_PAGES, {"username": "", "password": ""}),
        # Choosing a password opens only after signing in with a one-time code; without one, to sign-in.
        ("GET", "/staff/set-password"): ("/staff/set-password", EVERYONE_SIGNIN, {}),
        ("POST", "/staff/set-password"): ("/staff/set-password", EVERYONE_SIGNIN, {"password": "x", "confirm": "x"}),
        ("POST", "/sign-out"): ("/sign-out", PUBLIC, {}),
        ("POST", "/sign-out/everywhere"): ("/sign-out/everywhere", SIGNED_IN, {}),
        ("GET", "/session/ping"): ("/session/ping", SIGNED_IN, {}),
        ("GET", "/resume"): ("/resume", SIGNED_IN, {}),
        ("GET", "/dev/outbox"): ("/dev/outbox", EVERYONE_404, {}),
        ("GET", "/api/openapi.json"): ("/api/openapi.json", PUBLIC, {}),
        ("POST", "/api/v1/screenings"): ("/api/v1/screenings", PUBLIC, {}),
        ("GET", "/api/v1/applications/<reference>/status"): (f"/api/v1/applications/{ref}/status", PUBLIC, {}),
        # The pre-check is anonymous and kept per browser session.
        ("GET", "/check"): ("/check", PUBLIC, {}),
        ("GET", "/check/household"): ("/check/household", PUBLIC, {}),
        ("POST", "/check/household"): ("/check/household", PUBLIC, {}),
        ("GET", "/check/person/<int:number>"): ("/check/person/1", PUBLIC, {}),
        ("POST", "/check/person/<int:number>"): ("/check/person/1", PUBLIC, {}),
        ("GET", "/check/property"): ("/check/property", PUBLIC, {}),
        ("POST", "/check/property"): ("/check/property", PUBLIC, {}),
        ("GET", "/check/circumstances"): ("/check/circumstances", PUBLIC, {}),
        ("POST", "/check/circumstances"): ("/check/circumstances", PUBLIC, {}),
        ("GET", "/check/result"): ("/check/result", PUBLIC, {}),
        ("POST", "/check/restart"): ("/check/restart", PUBLIC, {}),
        ("GET", "/check/supporters"): ("/check/supporters", PUBLIC, {}),
        ("POST", "/check/supporters"): ("/check/supporters", PUBLIC, {}),
        ("GET", "/status"): ("/status", PUBLIC, {}),
        ("POST", "/status"): ("/status", PUBLIC, {"reference": ref, "verifier": "000000"}),
        ("GET", "/verify"): ("/verify", PUBLIC, {}),
        ("POST", "/verify"): ("/verify", PUBLIC, {"reference": ref, "code": "TESTNOTICE01"}),
        ("GET", "/notices/<office_code>"): ("/notices/44030506", PUBLIC, {}),
        # The journey.
        ("GET", "/apply"): ("/apply", RESIDENTS, {}),
        ("POST", "/apply/new"): ("/apply/new", RESIDENTS, {}),
        ("GET", "/apply/saved"): ("/apply/saved", PUBLIC, {}),
        ("GET", "/apply/<int:application_id>"): (f"/apply/{draft}", DRAFT, {}),
        ("GET", "/apply/<int:application_id>/<step_key>"): (f"/apply/{draft}/phone", DRAFT, {}),
        ("POST", "/apply/<int:application_id>/<step_key>"): (f"/apply/{draft}/phone", DRAFT, {"phone": "1"}),
        ("GET", "/apply/<int:application_id>/<step_key>/<ref>"):
            (f"/apply/{draft}/member/{w.member_ref}", DRAFT, {}),
        ("POST", "/apply/<int:application_id>/<step_key>/<ref>"):
            (f"/apply/{draft}/member/{w.member_ref}", DRAFT, {"name": ""}),
        ("GET", "/apply/<int:application_id>/member/<ref>/remove"):
            (f"/apply/{draft}/member/{w.member_ref}/remove", DRAFT, {}),
        ("POST", "/apply/<int:application_id>/member/<ref>/remove"):
            (f"/apply/{draft}/member/{w.member_ref}/remove", DRAFT, {"confirm": ""}),
        ("POST", "/apply/<int:application_id>/save"): (f"/apply/{draft}/save", DRAFT, {}),
        ("GET", "/apply/<int:application_id>/check"): (f"/apply/{draft}/check", DRAFT, {}),
        ("POST", "/apply/<int:application_id>/check"): (f"/apply/{draft}/check", DRAFT, {"submission_token": "x"}),
        ("POST", "/apply/<int:application_id>/documents/upload"):
            (f"/apply/{draft}/documents/upload", DRAFT, {"item": w.upload_item}),
        ("POST", "/apply/<int:application_id>/documents/<int:document_id>/remove"):
            (f"/apply/{draft}/documents/{w.draft_document_id}/remove", DRAFT, {}),
        ("GET", "/documents/<int:document_id>"): (f"/documents/{w.sent_document_id}", VIEW, {}),
        ("GET", "/apply/confirmation/<reference>"): (f"/apply/confirmation/{ref}", VIEW, {}),
        ("GET", "/apply/confirmation/<reference>/print"): (f"/apply/confirmation/{ref}/print", VIEW, {}),
        ("GET", "/apply/emergency"): ("/apply/emergency", PUBLIC, {}),
        ("POST", "/apply/emergency"): ("/apply/emergency", RESIDENTS, {}),
        # Receipts and notices.
        ("GET", "/applications/<reference>/receipt.pdf"): (f"/applications/{ref}/receipt.pdf", VIEW, {}),
        ("GET", "/applications/<reference>/notices/<int:doc_id>.pdf"):
            (f"/applications/{ref}/notices/{w.notice_id}.pdf", VIEW, {}),
        # The resident's own follow-up pages.
        ("GET", "/my/applications"): ("/my/applications", RESIDENTS, {}),
        ("GET", "/my/applications/<reference>"): (f"/my/applications/{ref}", RESIDENT_OWN, {}),
        ("GET", "/my/applications/<reference>/requests/<int:request_id>/materials"):
            (f"/my/applications/{ref}/requests/{w.request_id}/materials", RESIDENT_OWN, {}),
        ("POST", "/my/applications/<reference>/requests/<int:request_id>/materials"):
            (f"/my/applications/{ref}/requests/{w.request_id}/materials", RESIDENT_OWN, {}),
        ("GET", "/my/applications/<reference>/withdraw"): (f"/my/applications/{ref}/withdraw", RESIDENT_OWN, {}),
        ("POST", "/my/applications/<reference>/withdraw"): (f"/my/applications/{ref}/withdraw", RESIDENT_OWN, {}),
        ("GET", "/my/applications/<reference>/withdrawn"): (f"/my/applications/{ref}/withdrawn", RESIDENT_OWN, {}),
        ("GET", "/my/applications/<reference>/documents"): (f"/my/applications/{ref}/documents", RESIDENT_OWN, {}),
        ("POST", "/my/applications/<reference>/documents"): (f"/my/applications/{ref}/documents", RESIDENT_OWN, {}),
        ("GET", "/my/applications/<reference>/requests/<int:request_id>/objection"):
            (f"/my/applications/{ref}/requests/{w.request_id}/objection", RESIDENT_OWN, {}),
        ("POST", "/my/applications/<reference>/requests/<int:request_id>/objection"):
            (f"/my/applications/{ref}/requests/{w.request_id}/objection", RESIDENT_OWN, {"reason": ""}),
        # Reporting a change: the application's own pages, the resident's own only.
        ("GET", "/my/applications/<reference>/change"): (f"/my/applications/{ref}/change", RESIDENT_OWN, {}),
        ("GET", "/my/applications/<reference>/change/<key>"):
            (f"/my/applications/{ref}/change/savings", RESIDENT_OWN, {}),
        ("POST", "/my/applications/<reference>/change/<key>"):
            (f"/my/applications/{ref}/change/savings", RESIDENT_OWN, {"deposits": ""}),
        ("GET", "/my/applications/<reference>/change/<key>/<ref>"):
            (f"/my/applications/{ref}/change/income-sources/m1", RESIDENT_OWN, {}),
        ("POST", "/my/applications/<reference>/change/<key>/<ref>"):
            (f"/my/applications/{ref}/change/income-sources/m1", RESIDENT_OWN, {}),
        # Periodic review: the page the SMS links to, the resident's own only.
        ("GET", "/my/applications/<reference>/review"): (f"/my/applications/{ref}/review", RESIDENT_OWN, {}),
        ("POST", "/my/applications/<reference>/review"): (f"/my/applications/{ref}/review", RESIDENT_OWN, {}),
        ("GET", "/my/messages"): ("/my/messages", RESIDENTS, {}),
        ("POST", "/my/messages/read"): ("/my/messages/read", RESIDENTS, {"message_id": str(w.message_id)}),
        # The office console.
        ("GET", "/office"): ("/office", STAFF, {}),
        ("GET", "/office/sent"): ("/office/sent", STAFF, {}),
        ("GET", "/office/cases/<reference>"): (f"/office/cases/{ref}", STAFF_CASE, {}),
        ("POST", "/office/cases/<reference>/reveal"): (f"/office/cases/{ref}/reveal", STAFF_CASE, {}),
        # A GET of the reveal address shows nothing: it goes back to the masked case page.
        ("GET", "/office/cases/<reference>/reveal"): (f"/office/cases/{ref}/reveal", STAFF_CASE, {}),
        # A filed the application herself: there is no mandate photo, and only its handlers learn that.
        ("GET", "/office/cases/<reference>/mandate"): (f"/office/cases/{ref}/mandate", NO_EVIDENCE, {}),
        # A record's photo or attachment: no such file; only the case's handlers learn that.
        ("GET", "/office/cases/<reference>/files/<int:file_id>"): (f"/office/cases/{ref}/files/999999", NO_EVIDENCE, {}),
        ("GET", "/office/requests/<int:request_id>/actions/<action>"):
            (f"/office/requests/{w.request_id}/actions/accept", STAFF_ACCEPT, {}),
        ("POST", "/office/requests/<int:request_id>/actions/<action>"):
            (f"/office/requests/{w.request_id}/actions/accept", STAFF_ACCEPT, {}),
        # Answering a resident's "我有异议": the street office's caseworkers of the case only.
        ("GET", "/office/requests/<int:request_id>/objection"):
            (f"/office/requests/{w.request_id}/objection", STAFF_ACCEPT, {}),
        ("POST", "/office/requests/<int:request_id>/objection"):
            (f"/office/requests/{w.request_id}/objection", STAFF_ACCEPT, {"reply": ""}),
        # Recording a resident's change report as handled: the street office's caseworkers of the case only.
        ("GET", "/office/requests/<int:request_id>/change"): (f"/office/requests/{w.request_id}/change", STAFF_ACCEPT, {}),
        ("POST", "/office/requests/<int:request_id>/change"):
            (f"/office/requests/{w.request_id}/change", STAFF_ACCEPT, {"note": ""}),
        # Assigning a case: the street office's caseworkers of the case only.
        ("GET", "/office/cases/<reference>/assign"): (f"/office/cases/{ref}/assign", STAFF_ACCEPT, {}),
        ("POST", "/office/cases/<reference>/assign"): (f"/office/cases/{ref}/assign", STAFF_ACCEPT, {"assignee": ""}),
        # One action for several requests of the household: as the single action.
        ("GET", "/office/cases/<reference>/household/<action>"):
            (f"/office/cases/{ref}/household/accept", STAFF_ACCEPT, {}),
        ("POST", "/office/cases/<reference>/household/<action>"):
            (f"/office/cases/{ref}/household/accept", STAFF_ACCEPT, {}),
        ("GET", "/office/district"): ("/office/district", DISTRICT_VIEW, {}),
        ("GET", "/office/district.csv"): ("/office/district.csv", DISTRICT_VIEW, {}),
        # Community assistants, on resident A's real mandate (tests/client/test_assist*.py cover
        # pending consents, withdrawal and other assistants' residents further).
        ("GET", "/assist"): ("/assist", HELPERS, {}),
        ("GET", "/assist/find"): ("/assist/find", HELPERS, {}),
        ("POST", "/assist/find"): ("/assist/find", HELPERS, {"query": "x"}),
        # Consent already given: its holder is sent on to the resident's page.
        ("GET", "/assist/consent/<int:mandate_id>"): (f"/assist/consent/{m}", MANDATE, {}),
        ("POST", "/assist/consent/<int:mandate_id>/send"): (f"/assist/consent/{m}/send", MANDATE, {}),
        ("GET", "/assist/consent/<int:mandate_id>/code"): (f"/assist/consent/{m}/code", MANDATE, {}),
        ("POST", "/assist/consent/<int:mandate_id>/code"): (f"/assist/consent/{m}/code", MANDATE, {"code": "123456"}),
        ("POST", "/assist/consent/<int:mandate_id>/mandate"): (f"/assist/consent/{m}/mandate", MANDATE, {}),
        ("GET", "/assist/residents/<int:mandate_id>"): (f"/assist/residents/{m}", MANDATE, {}),
        ("POST", "/assist/residents/<int:mandate_id>/act"): (f"/assist/residents/{m}/act", MANDATE, {}),
        ("POST", "/assist/residents/<int:mandate_id>/applications/<int:application_id>/handover"):
            (f"/assist/residents/{m}/applications/{draft}/handover", MANDATE, {}),
        ("GET", "/assist/consent/<int:mandate_id>/mandate.pdf"): (f"/assist/consent/{m}/mandate.pdf", MANDATE, {}),
        ("GET", "/assist/residents/<int:mandate_id>/applications/<int:application_id>/declarations.pdf"):
            (f"/assist/residents/{m}/applications/{draft}/declarations.pdf", MANDATE, {}),
        ("POST", "/assist/residents/<int:mandate_id>/applications/<int:application_id>/signed-declarations"):
            (f"/assist/residents/{m}/applications/{draft}/signed-declarations", MANDATE, {}),
        # After submission, for the resident under the mandate (A's mandate allows these).
        ("GET", "/assist/residents/<int:mandate_id>/applications/<reference>/withdraw"):
            (f"/assist/residents/{m}/applications/{ref}/withdraw", MANDATE, {}),
        ("POST", "/assist/residents/<int:mandate_id>/applications/<reference>/withdraw"):
            (f"/assist/residents/{m}/applications/{ref}/withdraw", MANDATE, {}),
        ("GET", "/assist/residents/<int:mandate_id>/applications/<reference>/withdrawn"):
            (f"/assist/residents/{m}/applications/{ref}/withdrawn", MANDATE, {}),
        ("GET", "/assist/residents/<int:mandate_id>/applications/<reference>/change"):
            (f"/assist/residents/{m}/applications/{ref}/change", MANDATE, {}),
        ("GET", "/assist/residents/<int:mandate_id>/applications/<reference>/change/<key>"):
            (f"/assist/residents/{m}/applications/{ref}/change/savings", MANDATE, {}),
        ("POST", "/assist/residents/<int:mandate_id>/applications/<reference>/change/<key>"):
            (f"/assist/residents/{m}/applications/{ref}/change/savings", MANDATE, {"deposits": ""}),
        ("GET", "/assist/residents/<int:mandate_id>/applications/<reference>/change/<key>/<ref>"):
            (f"/assist/residents/{m}/applications/{ref}/change/income-sources/m1", MANDATE, {}),
        ("POST", "/assist/residents/<int:mandate_id>/applications/<reference>/change/<key>/<ref>"):
            (f"/assist/residents/{m}/applications/{ref}/change/income-sources/m1", MANDATE, {}),
        ("GET", "/assist/residents/<int:mandate_id>/applications/<reference>/review"):
            (f"/assist/residents/{m}/applications/{ref}/review", MANDATE, {}),
        ("POST", "/assist/residents/<int:mandate_id>/applications/<reference>/review"):
            (f"/assist/residents/{m}/applications/{ref}/review", MANDATE, {}),
        ("POST", "/assist/stop"): ("/assist/stop", HELPERS, {}),
        ("GET", "/office/window"): ("/office/window", WINDOW, {}),
        ("POST", "/office/window"): ("/office/window", WINDOW, {"name": ""}),
        ("GET", "/claim"): ("/claim", PUBLIC, {}),
        ("POST", "/claim"): ("/claim", PUBLIC, {"reference": ref, "verifier": "000000", "phone": "13900000000"}),
        ("GET", "/claim/code"): ("/claim/code", PUBLIC, {}),
        ("POST", "/claim/code"): ("/claim/code", PUBLIC, {"code": "123456"}),
        ("GET", "/assist/leads/new"): ("/assist/leads/new", HELPERS, {}),
        ("POST", "/assist/leads/new"): ("/assist/leads/new", HELPERS, {"name": ""}),
        ("GET", "/assist/leads"): ("/assist/leads", HELPERS, {}),
        ("GET", "/office/leads"): ("/office/leads", LEADS_OFFICE, {}),
        ("GET", "/office/leads/<int:lead_id>"): (f"/office/leads/{NOBODY}", LEADS_NOT_THEIRS, {}),
        ("POST", "/office/leads/<int:lead_id>/contact"): (f"/office/leads/{NOBODY}/contact", LEADS_NOT_THEIRS, {}),
        ("POST", "/office/leads/<int:lead_id>/close"): (f"/office/leads/{NOBODY}/close", LEADS_NOT_THEIRS, {}),
        ("POST", "/office/leads/<int:lead_id>/convert"): (f"/office/leads/{NOBODY}/convert", LEADS_NOT_THEIRS, {}),
        ("GET", "/my/helpers"): ("/my/helpers", RESIDENTS, {}),
        # Administration, on the real account of a caseworker of the office (one nobody here signs
        # in as: a disable or reset that went through must not end another row's sessions).
        ("GET", "/admin"): ("/admin", ADMIN, {}),
        ("GET", "/admin/staff"): ("/admin/staff", ADMIN, {}),
        ("GET", "/admin/staff/new"): ("/admin/staff/new", ADMIN, {}),
        ("POST", "/admin/staff/new"): ("/admin/staff/new", ADMIN, {"username": "new.person", "display_name": "新人",
                                                                  "role": "caseworker", "office_code": "44030506"}),
        ("GET", "/admin/staff/<int:account_id>"): (f"/admin/staff/{cw}", ADMIN, {}),
        ("POST", "/admin/staff/<int:account_id>/scope"): (f"/admin/staff/{cw}/scope", ADMIN, {"office_code": "44030401"}),
        ("POST", "/admin/staff/<int:account_id>/disable"): (f"/admin/staff/{cw}/disable", ADMIN, {}),
        ("POST", "/admin/staff/<int:account_id>/enable"): (f"/admin/staff/{cw}/enable", ADMIN, {}),
        ("POST", "/admin/staff/<int:account_id>/reset"): (f"/admin/staff/{cw}/reset", ADMIN, {}),
        ("GET", "/admin/audit"): (f"/admin/audit?reference={ref}", ADMIN, {}),
        ("GET", "/admin/audit.csv"): (f"/admin/audit.csv?reference={ref}", ADMIN, {}),
        ("GET", "/admin/offices"): ("/admin/offices", ADMIN, {}),
        ("GET", "/admin/offices/<code>"): ("/admin/offices/44030506", ADMIN, {}),
        ("POST", "/admin/offices/<code>"): ("/admin/offices/44030506", ADMIN, {"phone": "0755-26000001"}),
        ("GET", "/admin/authorities"): ("/admin/authorities", ADMIN, {}),
        ("GET", "/admin/authorities/<authority>/<district>"): ("/admin/authorities/civil_affairs_district/440305", ADMIN, {}),
        ("POST", "/admin/authorities/<authority>/<district>"): ("/admin/authorities/civil_affairs_district/440305",
                                                                ADMIN, {"phone": "0755-26000100"}),
        # Only the resident who gave the mandate may withdraw it.
        ("POST", "/my/helpers/<int:mandate_id>/withdraw"): (f"/my/helpers/{m}/withdraw", RESIDENT_OWN, {}),
        ("GET", "/admin/calendar"): ("/admin/calendar", CALENDAR_ADMIN, {}),
        ("POST", "/admin/calendar"): ("/admin/calendar", CALENDAR_ADMIN, {"notice_text": "", "step": "check"}),
        ("GET", "/admin/figures"): ("/admin/figures", ADMIN, {}),
        ("GET", "/admin/figures/new"): ("/admin/figures/new?key=dibao_standard", ADMIN, {}),
        ("POST", "/admin/figures/new"): ("/admin/figures/new", ADMIN, {"key": "dibao_standard", "region": "440300",
                                                                      "value": "1600", "effective_from": "2026-07-01",
                                                                      "source": "深民规〔2026〕1号", "step": "propose"}),
        ("GET", "/admin/figures/<int:figure_id>"): (f"/admin/figures/{NOBODY}", FIGURE_NOT_FOUND, {}),
        ("POST", "/admin/figures/<int:figure_id>/approve"): (f"/admin/figures/{NOBODY}/approve", FIGURE_NOT_FOUND, {}),
        ("POST", "/admin/figures/<int:figure_id>/reject"): (f"/admin/figures/{NOBODY}/reject", FIGURE_NOT_FOUND,
                                                           {"reason": "文号有误"}),
        # 长者模式 (elderly mode), chosen like the language: anyone, a cookie and a redirect.
        ("GET", "/elderly-mode/<state>"): ("/elderly-mode/on", PUBLIC, {}),
    }
