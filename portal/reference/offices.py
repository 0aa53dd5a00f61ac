"""Load Shenzhen's 10 districts and 74 street offices from portal/data/offices.csv.

The CSV is the shared list (district code, district, street) with stable office codes and
Traditional Chinese and English names added. Loading is idempotent: rows are upserted.
"""
from __future__ import annotations

import csv
from pathlib import Path

from portal.extensions import db
from portal.models import District, Office

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "offices.csv"


def read_rows(path: Path = CSV_PATH) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_offices(path: Path = CSV_PATH) -> tuple[int, int]:
    """Upsert districts and offices; returns (districts, offices) in the file."""
    rows = read_rows(path)
    districts: dict[str, dict[str, str]] = {}
    for row in rows:
        districts.setdefault(row["district_key"], row)
    for code, row in districts.items():
        district = db.session.get(District, code) or District(code=code)
        district.name_zh, district.name_hant, district.name_en = row["district"], row["district_hant"], row["district_en"]
        db.session.add(district)
    db.session.flush()
    for row in rows:
        office = db.session.get(Office, row["office_code"]) or Office(code=row["office_code"])
        office.district_code = row["district_key"]
        office.name_zh, office.name_hant, office.name_en = row["street"], row["street_hant"], row["street_en"]
        db.session.add(office)
    db.session.commit()
    return len(districts), len(rows)
