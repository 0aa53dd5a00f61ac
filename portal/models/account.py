"""Accounts of every role, their server-side sign-in sessions and one-time codes."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.domain.vocabulary import Role
from portal.extensions import db
from portal.models.types import UTCDateTime, utcnow


class Account(db.Model):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(16), index=True)
    # Residents sign in with a mobile number; staff with a username and password.
    phone: Mapped[str | None] = mapped_column(String(11), unique=True)
    username: Mapped[str | None] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(100), default="")
    # Office scope: a street office for assistants and caseworkers, a district for reviewers.
    office_code: Mapped[str | None] = mapped_column(ForeignKey("offices.code"), index=True)
    district_code: Mapped[str | None] = mapped_column(ForeignKey("districts.code"))
    locale: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A one-time set-password code (only its hash) given by an administrator for a new account
    # or a reset; the person signs in with it once and chooses a password.
    setup_code_hash: Mapped[str | None] = mapped_column(String(255))
    setup_code_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    @property
    def is_staff(self) -> bool:
        return self.role_enum.is_staff


class AuthSession(db.Model):
    """A signed-in session. The cookie carries only its random id.

    Server-side rows make "sign out everywhere" and the idle timeout enforceable across
    every app process, which a cookie-only session cannot do.
    """

    __tablename__ = "auth_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OneTimeCode(db.Model):
    """A 6-digit sign-in code. Only a hash of the code is stored."""

    __tablename__ = "one_time_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)  # names the attempt in the cookie
    phone: Mapped[str] = mapped_column(String(11), index=True)
    purpose: Mapped[str] = mapped_column(String(20), default="sign_in")
    code_hash: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
