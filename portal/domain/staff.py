"""Rules for staff accounts: roles and the scope each needs, usernames, passwords, set-password
codes, and the last administrator. Pure: no Flask, no database."""
from __future__ import annotations

import re
import secrets

from portal.domain.vocabulary import (
    STAFF_ROLES as STAFF_ROLES,  # re-exported: the staff rules name it
)
from portal.domain.vocabulary import Role

# What a role's work is bounded by: assistants and caseworkers work for one street office,
# reviewers for one district; administrators handle no cases, so they need neither.
SCOPE_OF_ROLE: dict[str, str | None] = {Role.ASSISTANT: "office", Role.CASEWORKER: "office", Role.REVIEWER: "district", Role.ADMIN: None}

USERNAME_MIN, USERNAME_MAX = 3, 64
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]*")
PASSWORD_MIN, PASSWORD_MAX = 10, 256

# Set-password codes are read out or handed over on paper: no letters that look alike (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12  # 31**12 is about 2**59: beyond guessing within the sign-in rate limits
CODE_HOURS = 72


def scope_of(role: str) -> str | None:
    return SCOPE_OF_ROLE.get(role)


def normalise_username(raw: str) -> str:
    return (raw or "").strip().lower()


def username_problem(username: str) -> str | None:
    """None, or why the (normalised) username cannot be used: empty, length, characters."""
    if not username:
        return "empty"
    if not USERNAME_MIN <= len(username) <= USERNAME_MAX:
        return "length"
    if not _USERNAME.fullmatch(username):
        return "characters"
    return None


def password_problem(password: str, username: str) -> str | None:
    """None, or why a chosen password is refused: empty, short, long, or the username itself."""
    if not password:
        return "empty"
    if len(password) < PASSWORD_MIN:
        return "short"
    if len(password) > PASSWORD_MAX:
        return "long"
    if username and username.lower() in password.lower():
        return "username"
    return None


def new_code() -> str:
    """A fresh set-password code, shown in groups of four: ``K7QM-4XPD-9RTA``."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(raw: str) -> str:
    return re.sub(r"[\s-]", "", raw or "").upper()


def looks_like_code(raw: str) -> bool:
    value = normalise_code(raw)
    return len(value) == CODE_LENGTH and all(c in CODE_ALPHABET for c in value)


def may_lose_admin(role: str, active: bool, active_admins: int) -> bool:
    """Whether an account may be disabled: never the last active administrator, so the
    portal always keeps someone who can manage it."""
    return not (role == Role.ADMIN and active and active_admins <= 1)
