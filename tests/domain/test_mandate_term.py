"""A mandate is in force for one year from consent, unless withdrawn sooner."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from portal.domain import mandates as term


def test_the_term_is_one_year_from_consent():
    granted = datetime(2026, 3, 1, 8, 30, tzinfo=timezone.utc)
    assert term.ends_at(granted) == granted + timedelta(days=365)
    assert term.in_force(granted, None, granted + timedelta(days=364, hours=23))
    assert not term.in_force(granted, None, granted + timedelta(days=365))
    assert not term.in_force(granted, granted + timedelta(days=1), granted + timedelta(days=2))
    assert not term.in_force(None, None, granted)
