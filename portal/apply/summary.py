"""Read an application's answers for display: sections of rows, sensitive values masked.

Used by check-your-answers, the office console's case page and the receipts. The journey
owns the answers' shape; this is the one place that turns it into labelled rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from portal.domain.ids import mask_id, mask_phone
from portal.models import Application


@dataclass
class Row:
    key: str
    label: str
    value: str
    sensitive: bool = False  # masked unless revealed by someone entitled to see it


@dataclass
class Section:
    key: str
    title: str
    rows: list[Row] = field(default_factory=list)


def applicant_id_number(application: Application) -> str:
    return (application.answers or {}).get("about", {}).get("id_number", "") or ""


def household_size(application: Application) -> int:
    members = (application.answers or {}).get("members") or []
    return max(1, len(members))


def summary_sections(application: Application, reveal: bool = False) -> list[Section]:
    about = (application.answers or {}).get("about", {})
    id_number = about.get("id_number", "")
    phone = about.get("phone", "")
    rows = [
        Row("name", str(_l("Name")), about.get("name") or application.applicant_name or ""),
        Row("id_number", str(_l("ID number")), id_number if reveal else mask_id(id_number), sensitive=True),
    ]
    if phone:
        rows.append(Row("phone", str(_l("Mobile number")), phone if reveal else mask_phone(phone), sensitive=True))
    return [Section("about", str(_l("About you")), rows)]
