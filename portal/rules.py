"""The domain's data: policy parameters (loaded once per process) and the working-day calendar."""
from __future__ import annotations

from functools import lru_cache

from portal.domain.calendar import WorkCalendar
from portal.domain.policy import Policy, load_policy


@lru_cache(maxsize=1)
def current_policy() -> Policy:
    return load_policy()


def work_calendar() -> WorkCalendar:
    """The shipped calendar plus the notices loaded since (portal.calendar_notices)."""
    from portal.calendar_notices import current_calendar  # models import late: rules is imported early

    return current_calendar()
