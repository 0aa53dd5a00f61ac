"""The policy parameters shipped with the portal (``portal/data/policy/*.json``), read once per
process. The policy in force layers the approved figures on them: ``portal.policy_figures.current_policy``;
the working-day calendar in force is ``portal.calendar_notices.work_calendar``."""
from __future__ import annotations

from functools import lru_cache

from portal.domain.policy import Policy, load_entries


@lru_cache(maxsize=1)
def shipped_entries() -> tuple[dict, ...]:
    """The entries of ``portal/data/policy/*.json``, read once per process."""
    return tuple(load_entries())


@lru_cache(maxsize=1)
def shipped_policy() -> Policy:
    return Policy.from_entries(shipped_entries())
