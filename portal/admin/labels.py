"""Words for the administration pages: roles, problems, and the trail's actions."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.vocabulary import role_title

PROBLEMS = {
    "username_empty": _l("Enter a username"),
    "username_length": _l("A username has 3 to 64 characters"),
    "username_characters": _l("Use only lower-case letters a to z, digits, full stops, hyphens and underscores, starting with a letter or digit"),
    "username_taken": _l("That username is already in use: choose another"),
    "role_unknown": _l("Choose a role"),
    "name_needed": _l("Enter the person's name"),
    "name_long": _l("A name has at most 100 characters"),
    "office_needed": _l("Choose the street office this person works for"),
    "office_unknown": _l("Choose a street office from the list"),
    "district_needed": _l("Choose the district this reviewer works for"),
    "district_unknown": _l("Choose a district from the list"),
    "last_admin": _l("This is the only active administrator. Create or re-enable another administrator first, so that someone can still manage the portal."),
    "not_staff": _l("This is not a staff account"),
}

# The administrators' trail (AdminEvent.action).
ADMIN_ACTIONS = {
    "staff_created": _l("Staff account created"),
    "staff_scope_changed": _l("Office or district changed"),
    "staff_disabled": _l("Staff account disabled"),
    "staff_enabled": _l("Staff account re-enabled"),
    "staff_password_reset": _l("Password reset with a one-time code"),
    "password_chosen": _l("Password chosen with the one-time code"),
    "audit_exported": _l("Audit trail exported"),
    "calendar_notice_loaded": _l("Holiday notice loaded into the working-day calendar"),
    "calendar_recalculated": _l("Deadlines recalculated with the working-day calendar"),
    "figure_proposed": _l("Policy figure proposed"),
    "figure_approved": _l("Policy figure approved"),
    "figure_rejected": _l("Policy figure rejected"),
    "office_contact_changed": _l("Street office contact details changed"),
    "authority_contact_changed": _l("Authority contact details changed"),
}


def role_label(code: str | None) -> str:
    return role_title(code)


def problem_text(code: str) -> str:
    return str(PROBLEMS.get(code, code))


def admin_action_label(code: str) -> str:
    return str(ADMIN_ACTIONS.get(code, code))
