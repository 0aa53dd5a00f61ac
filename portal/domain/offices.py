"""Shenzhen's service area as pure data: 10 districts and their 74 street offices.

Read from ``portal/data/offices.csv`` (the shared list ``shenzhen-offices.csv``, which a
teammate ships with extra columns: ``office_code``, ``district_key`` and translated names).

Guarantees:
- Office codes are stable and deterministic. When the file has an ``office_code`` column it is
  used as is; otherwise the code is derived the same way the shipped file was made: the
  district code followed by the 2-digit position of the office within its district, in file
  order (44030301 = 桂园街道). New offices must therefore be appended within their district.
- 大鹏新区 has no GB/T 2260 code (portal/domain/rules.md, "6. Shenzhen specifics"). It gets the project code ``DAPENG`` and its
  offices DAPENG01.. . The code "440312" that one dataset invented is never used.
- No Flask, no SQLAlchemy: ``portal/reference/offices.py`` loads the same file into the database.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "offices.csv"
# Project code for 大鹏新区: a functional area without a GB/T 2260 code (administratively under 龙岗区, 440307).
DAPENG = "DAPENG"


@dataclass(frozen=True)
class Office:
    code: str           # e.g. "44030501", "DAPENG02"
    name: str           # 街道 (or 办事处 in 大鹏新区), simplified Chinese
    district_code: str  # GB/T 2260 district code, or DAPENG
    district_name: str


def load_offices(path: Path | str | None = None) -> list[Office]:
    """All offices in file order. Raises ValueError on a duplicate or malformed office code."""
    return list(_read(str(Path(path) if path else CSV_PATH)))


def districts(offices: list[Office]) -> dict[str, str]:
    """District code -> district name, in the order the districts first appear."""
    result: dict[str, str] = {}
    for office in offices:
        result.setdefault(office.district_code, office.district_name)
    return result


def office_index(offices: list[Office]) -> dict[str, Office]:
    """Office code -> Office."""
    return {office.code: office for office in offices}


@lru_cache(maxsize=4)
def _read(path: str) -> tuple[Office, ...]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    position: dict[str, int] = {}
    offices: list[Office] = []
    for row in rows:
        district = (row.get("district_key") or row["district_code"] or "").strip() or DAPENG
        if district == "440312":
            raise ValueError("440312 is not a GB/T 2260 code; 大鹏新区 uses " + DAPENG)
        position[district] = position.get(district, 0) + 1
        code = (row.get("office_code") or "").strip() or f"{district}{position[district]:02d}"
        if not code.startswith(district) or len(code) != len(district) + 2:
            raise ValueError(f"office code {code!r} does not extend district code {district!r}")
        offices.append(Office(code=code, name=row["street"].strip(), district_code=district,
                              district_name=row["district"].strip()))
    codes = [office.code for office in offices]
    if len(set(codes)) != len(codes):
        raise ValueError("duplicate office codes in " + path)
    return tuple(offices)
