"""The statutory public holidays of a year, worked out from the law alone (no State Council notice).

《全国年节及纪念日放假办法》 as amended by State Council Decree No. 795 (2024-11-10, in force
2025-01-01), Art. 2 lists the holidays every citizen has:

    元旦 1 day (1 January); 春节 4 days (农历除夕, 正月初一, 初二, 初三); 清明节 1 day (the day of
    the 清明 solar term); 劳动节 2 days (1-2 May); 端午节 1 day (农历五月初五); 中秋节 1 day
    (农历八月十五); 国庆节 3 days (1-3 October).

The yearly notice then moves days around (调休: make-up working days on weekends, holidays
stretched over the weekend), which cannot be predicted. A calendar built from this module
alone is therefore *provisional*: it never counts a statutory holiday as a working day, but it
knows no make-up working day, so a deadline computed on it may fall a day or two early or late
against the notice. That is why dates computed on it are labelled as such, and recalculated
when the notice is loaded (portal.calendar_notices).

Lunar dates and the 清明 solar term come from ``lunar_python`` (a maintained library whose tables
cover 1900-2100); nothing here is hand-typed per year.
"""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

from lunar_python import Lunar

# The amendment took effect on 2025-01-01; before it 春节 had 3 days and 劳动节 1, so the
# provisional rule is only defined from this year on.
FIRST_YEAR = 2025
# lunar_python's tables end in 2100.
LAST_YEAR = 2099

SOURCE = "《全国年节及纪念日放假办法》（2024年11月10日国务院令第795号修订）第二条，按法定节假日推算"


def _lunar(year: int, month: int, day: int) -> date:
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _qingming(year: int) -> date:
    # The solar-term table of lunar year `year`; 清明 (about 5 April) always lies in it.
    solar = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


@lru_cache(maxsize=None)
def statutory_holidays(year: int) -> Mapping[date, str]:
    """{day: holiday name} of the statutory holidays of ``year`` (Art. 2 of the 2024 text).

    Raises ValueError outside FIRST_YEAR..LAST_YEAR. Two holidays on one day (中秋 on 1-3
    October happens) keep both names, joined by "、".
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"the statutory holiday rule of 2024 applies to {FIRST_YEAR}-{LAST_YEAR}, not {year}")
    new_year = _lunar(year, 1, 1)  # 正月初一 of the lunar year that starts in January/February of `year`
    days: list[tuple[date, str]] = [
        (date(year, 1, 1), "元旦"),
        *((new_year + timedelta(days=offset), "春节") for offset in (-1, 0, 1, 2)),  # 除夕 .. 初三
        (_qingming(year), "清明节"),
        (date(year, 5, 1), "劳动节"),
        (date(year, 5, 2), "劳动节"),
        (_lunar(year, 5, 5), "端午节"),
        (_lunar(year, 8, 15), "中秋节"),
        *((date(year, 10, day), "国庆节") for day in (1, 2, 3)),
    ]
    holidays: dict[date, str] = {}
    for day, name in days:
        if day.year != year:  # cannot happen for 2025-2099; a guard against a library change
            raise ValueError(f"{name} of {year} computed as {day.isoformat()}")
        holidays[day] = f"{holidays[day]}、{name}" if day in holidays else name
    return MappingProxyType(dict(sorted(holidays.items())))
