"""Policy figures changed by administrators: the policy in force, layered.

The shipped ``portal/data/policy/*.json`` is the default. An approved row of ``policy_figures``
is one more dated entry given after them, in the order of approval, so it wins over a shipped
entry of the same key, region and date (a correction) and applies from its own date only.

Every process sees an approval at its next request: each request reads the count and the
highest id of the approved rows (one query on an index), and rebuilds the app's cached policy
when they differ from the ones it was built from. Within a request the policy is kept in ``g``.
"""
from __future__ import annotations

from flask import current_app, g, has_app_context

from portal.domain.figures import APPROVED
from portal.domain.policy import Policy
from portal.extensions import db
from portal.models import PolicyFigure
from portal.policy_figures.shipped import shipped_entries, shipped_policy

_CACHE = "policy_in_force"


def approved_rows() -> list[PolicyFigure]:
    """Approved figures in the order they were approved (a later approval wins its date)."""
    return list(db.session.scalars(db.select(PolicyFigure).where(PolicyFigure.status == APPROVED)
                                   .order_by(PolicyFigure.decided_at, PolicyFigure.id)))


def build(rows: list[PolicyFigure]) -> Policy:
    return Policy.from_entries([*shipped_entries(), *(row.as_entry() for row in rows)]) if rows else shipped_policy()


# Built once: this runs on every request that screens, routes or counts a time limit.
_VERSION = db.select(db.func.count(PolicyFigure.id), db.func.max(PolicyFigure.id)).where(PolicyFigure.status == APPROVED)


def _version() -> tuple[int, int | None]:
    session = db.session()
    autoflush, session.autoflush = session.autoflush, False  # never flush a half-built change from here
    try:
        count, highest = session.execute(_VERSION).one()
    finally:
        session.autoflush = autoflush
    return int(count or 0), highest


def current_policy() -> Policy:
    """The shipped figures with the approved ones on top: one small query per request tells
    whether this process's policy is still current."""
    return policy_in_force()


def policy_in_force() -> Policy:
    if not has_app_context():
        return shipped_policy()
    if "policy" in g:
        return g.policy
    version = _version()
    cached = current_app.extensions.get(_CACHE)
    if cached is None or cached[0] != version:
        policy = build(approved_rows()) if version[0] else shipped_policy()
        cached = current_app.extensions[_CACHE] = (version, policy)
    g.policy = cached[1]
    return g.policy


def forget() -> None:
    """Drop this request's policy (after an approval in it)."""
    g.pop("policy", None)
