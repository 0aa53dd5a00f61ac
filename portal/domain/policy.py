"""Dated policy parameters: standards, thresholds, multiples and local time limits.

A parameter change is a data change (a new entry with a later ``effective_from`` in
``portal/data/policy/*.json``), never a code change. A calculation for a past date uses
the value that was in force on that date.

Each entry::

    {"key": "dibao_standard", "region": "440300", "effective_from": "2025-07-01",
     "value": 1480, "unit": "CNY/person/month",
     "source": "document and article, or a link", "example": true, "note": "..."}

``example: true`` marks a value awaiting official confirmation (tagged [R]/[I] in portal/domain/rules.md, "Legend").
Regions are GB/T 2260 codes or "CN"; a look-up for a district (440305) falls back to its
city (440300), its province (440000) and then the national value ("CN").
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "policy"
SHENZHEN = "440300"


class PolicyError(LookupError):
    """No value of a parameter is in force for the region on the date asked."""


@dataclass(frozen=True)
class Param:
    key: str
    region: str
    effective_from: date
    value: Any
    source: str
    example: bool = False
    unit: str = ""
    note: str = ""


def region_chain(region: str) -> list[str]:
    """The region itself, then the broader ones it belongs to, ending with "CN"."""
    chain = [region]
    if region != "CN" and len(region) == 6 and region.isdigit():
        for broader in (region[:4] + "00", region[:2] + "0000"):
            if broader not in chain:
                chain.append(broader)
    if "CN" not in chain:
        chain.append("CN")
    return chain


@dataclass
class Policy:
    """All parameter entries, queryable by key, region and date.

    Entries of a key with the same date keep the order they were given in: the last one given
    is the one in force (a correction given after the entry it corrects). ``stamp`` is unique
    to this object: caches of results computed under a policy key on it.
    """

    entries: dict[str, list[Param]] = field(default_factory=dict)
    stamp: object = field(default_factory=object, compare=False, repr=False)

    @classmethod
    def from_entries(cls, raw: Iterable[dict[str, Any]]) -> "Policy":
        policy = cls()
        for item in raw:
            param = Param(
                key=item["key"],
                region=str(item.get("region", "CN")),
                effective_from=date.fromisoformat(item["effective_from"]),
                value=item["value"],
                source=item["source"],
                example=bool(item.get("example", False)),
                unit=item.get("unit", ""),
                note=item.get("note", ""),
            )
            policy.entries.setdefault(param.key, []).append(param)
        for params in policy.entries.values():
            params.sort(key=lambda p: p.effective_from)
        return policy

    def param(self, key: str, on: date, region: str = SHENZHEN) -> Param:
        """The entry in force on ``on``: the most specific region first, latest date first."""
        candidates = self.entries.get(key, [])
        for reg in region_chain(region):
            in_force = [p for p in candidates if p.region == reg and p.effective_from <= on]
            if in_force:
                return in_force[-1]
        raise PolicyError(f"no value of {key!r} for region {region} on {on.isoformat()}")

    def value(self, key: str, on: date, region: str = SHENZHEN) -> Any:
        return self.param(key, on, region).value

    def keys(self) -> list[str]:
        return sorted(self.entries)


def load_entries(directory: Path | str | None = None) -> list[dict[str, Any]]:
    """Every entry of every ``*.json`` file of the directory, as given (file by file)."""
    folder = Path(directory) if directory else DATA_DIR
    raw: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.json")):
        raw.extend(json.loads(path.read_text(encoding="utf-8")))
    return raw


def load_policy(directory: Path | str | None = None) -> Policy:
    """Read every ``*.json`` file of the directory (a list of entries each) into one Policy."""
    return Policy.from_entries(load_entries(directory))
