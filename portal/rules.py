"""The domain's data, loaded once per process: policy parameters and the working-day calendar."""
from __future__ import annotations

from functools import lru_cache

from portal.domain.calendar import WorkCalendar, load_calendar
from portal.domain.policy import Policy, load_policy


@lru_cache(maxsize=1)
def current_policy() -> Policy:
    return load_policy()


@lru_cache(maxsize=1)
def work_calendar() -> WorkCalendar:
    return load_calendar()
