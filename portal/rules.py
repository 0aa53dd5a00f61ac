"""The domain's data: policy parameters (the shipped files plus approved figures) and the
working-day calendar."""
from __future__ import annotations

from functools import lru_cache

from portal.domain.calendar import WorkCalendar
from portal.domain.policy import Policy, load_entries


@lru_cache(maxsize=1)
def shipped_entries() -> tuple[dict, ...]:
    """The entries of ``portal/data/policy/*.json``, read once per process."""
    return tuple(load_entries())


@lru_cache(maxsize=1)
def shipped_policy() -> Policy:
    return Policy.from_entries(shipped_entries())


def current_policy() -> Policy:
    """The shipped figures with the approved ones on top (portal.policy_figures): one small
    query per request tells whether this process's policy is still current."""
    from portal.policy_figures import policy_in_force  # models import late: rules is imported early

    return policy_in_force()


def work_calendar() -> WorkCalendar:
    """The shipped calendar plus the notices loaded since (portal.calendar_notices)."""
    from portal.calendar_notices import current_calendar  # models import late: rules is imported early

    return current_calendar()
