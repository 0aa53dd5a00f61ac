"""Demo accounts for every role, created idempotently for development and the demo site."""
from __future__ import annotations

from dataclasses import dataclass

from portal.accounts.services import hash_password
from portal.extensions import db
from portal.models import Account, Role

DEMO_OFFICE = "44030506"  # 南山区 粤海街道
OTHER_OFFICE = "44030401"  # 福田区 园岭街道
DEMO_DISTRICT = "440305"  # 南山区


@dataclass(frozen=True)
class DemoAccount:
    role: str
    username: str | None
    password: str | None
    display_name: str
    phone: str | None = None
    office_code: str | None = None
    district_code: str | None = None


DEMO_ACCOUNTS = (
    DemoAccount(Role.RESIDENT.value, None, None, "张三", phone="13800138000"),
    DemoAccount(Role.RESIDENT.value, None, None, "李四", phone="13900139000"),
    DemoAccount(Role.ASSISTANT.value, "assistant", "demo-assistant-2026", "王协理", office_code=DEMO_OFFICE, district_code=DEMO_DISTRICT),
    DemoAccount(Role.CASEWORKER.value, "caseworker", "demo-caseworker-2026", "陈经办", office_code=DEMO_OFFICE, district_code=DEMO_DISTRICT),
    DemoAccount(Role.CASEWORKER.value, "caseworker-futian", "demo-caseworker-2026", "刘经办", office_code=OTHER_OFFICE, district_code="440304"),
    DemoAccount(Role.REVIEWER.value, "reviewer", "demo-reviewer-2026", "周审核", district_code=DEMO_DISTRICT),
    DemoAccount(Role.ADMIN.value, "admin", "demo-admin-2026", "系统管理员"),
)


def ensure_demo_accounts() -> list[DemoAccount]:
    """Create the demo accounts that are missing; never touches existing ones."""
    for demo in DEMO_ACCOUNTS:
        if demo.phone:
            existing = db.session.scalar(db.select(Account).where(Account.phone == demo.phone))
        else:
            existing = db.session.scalar(db.select(Account).where(Account.username == demo.username))
        if existing is not None:
            continue
        db.session.add(Account(
            role=demo.role, phone=demo.phone, username=demo.username,
            password_hash=hash_password(demo.password) if demo.password else None,
            display_name=demo.display_name, office_code=demo.office_code, district_code=demo.district_code,
        ))
    db.session.commit()
    return list(DEMO_ACCOUNTS)


def sign_in_instructions(base_url: str) -> str:
    lines = [f"Demo accounts (development only) at {base_url}:"]
    for demo in DEMO_ACCOUNTS:
        if demo.phone:
            lines.append(f"  {demo.role:<11} mobile {demo.phone}: the sign-in code appears in this console and at {base_url}/dev/outbox")
        else:
            lines.append(f"  {demo.role:<11} {base_url}/staff/sign-in  username {demo.username}  password {demo.password}")
    return "\n".join(lines)
