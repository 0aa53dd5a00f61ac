"""Household <-> plain JSON-like dicts, under the names the JSON API and the application journey
use: ``household_from_dict`` is ``Household.from_dict`` and ``household_to_dict`` is
``Household.to_dict`` (read and written by ``household_reader``, whose docstring gives the
guarantees and the problem codes); ``flags`` comes from ``model_fields``."""
from __future__ import annotations

from datetime import date
from typing import Any

from portal.domain.household import Household
from portal.domain.model_fields import flags

__all__ = ["flags", "household_from_dict", "household_to_dict"]


def household_from_dict(data: Any, today: date) -> Household:
    """Read a household; dates after ``today`` are refused; raises ``HouseholdError`` listing
    every problem."""
    return Household.from_dict(data, today)


def household_to_dict(household: Household) -> dict[str, Any]:
    return household.to_dict()
