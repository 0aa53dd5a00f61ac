"""Today's date where the portal works: ages, "not in the future" and time limits use it."""
from __future__ import annotations

from datetime import date

from portal.domain.calendar import shanghai_date
from portal.models import utcnow


def today() -> date:
    return shanghai_date(utcnow())
