"""The combined application in real Chromium at 375 px, with JavaScript on and off, axe-core
on every page: a three-person household from start to confirmation, and residents
registered in another province with a valid and with an expired residence permit."""
from __future__ import annotations

import io
import re
import secrets
from datetime import timedelta

import pytest
from PIL import Image

from portal.clock import today
from portal.extensions import db
from portal.models import Account, Application
from tests.tools.walkthrough import (
    Household,
    permit_holder,
    resident_id,
    three_person_family,
)

pytestmark = pytest.mark.browser

SAVE = re.compile("^保存并继续$")


def signed_in(phone, live_server) -> Account:
    """A resident with a session, put into the browser as the portal's session cookie."""
    with live_server.data():
        account = Account(role="resident", phone=f"137{secrets.randbelow(10**8):08d}", display_name="居民")
        db.session.add(account)
        db.session.commit()
        account_id = account.id
    live_server.sign_in(phone.context, account_id)
    return account_id


_used: set[str] = set()


def fresh(household: Household) -> Household:
    """The same household with ID numbers nobody on the shared live server used yet (one open
    application per household would otherwise stop the second run)."""
    def renumber(data: dict) -> None:
        if "id_number" in data:
            while True:
                number = resident_id(data["id_number"][:6], data["id_number"][6:14], f"{secrets.randbelow(1000):03d}")
                if number not in _used:
                    _used.add(number)
                    data["id_number"] = number
                    return

    for data in list(household.pages.values()) + household.members:
        renumber(data)
    return household


def fill(page, data: dict) -> None:
    for name, value in data.items():
        if name == "__all__":
            for box in page.locator("main form input[type=checkbox]").all():
                box.check()
            continue
        values = value if isinstance(value, list) else [value]
        field = page.locator(f"main [name='{name}']")
        kind = field.first.get_attribute("type")
        tag = field.first.evaluate("e => e.tagName")
        if tag == "SELECT":
            field.select_option(values[0])
        elif kind == "radio":
            page.locator(f"main input[name='{name}'][value='{values[0]}']").check()
        elif kind == "checkbox" and field.count() > 1 or name in ("sources", "types", "costs", "situations", "owns", "exclusions"):
            for box in field.all():
                box.set_checked(box.get_attribute("value") in values)
        elif kind == "checkbox":
            field.set_checked(values[0] in ("y", True))
        else:
            field.fill(values[0])


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


def walk_in_browser(phone, household: Household, uploads: dict | None = None, until: str | None = None):
    """Answer every page as ``household`` says; returns the Playwright page on the
    confirmation (or on the first page whose URL ends with ``until``)."""
    page = phone.goto("/apply")
    phone.check()
    page.get_by_role("button", name="开始申请").click()
    pending = list(household.members)
    for _ in range(80):
        phone.check()
        path = page.url.split("://", 1)[1].split("/", 1)[1].split("#")[0]
        if until and path.endswith(until):
            return page
        if "apply/confirmation/" in path:
            return page
        match = re.match(r"apply/\d+/([a-z-]+)(?:/([a-z0-9]+))?$", path)
        assert match, path
        key, ref = match.groups()
        if key == "check":
            page.get_by_role("button", name="提交申请").click()
            continue
        if key == "documents":
            for item, content in (uploads or {}).items():
                prefix = item.replace(":", "-").replace("_", "-")
                page.set_input_files(f"#{prefix}-file", files=[{"name": "证件.jpg", "mimeType": "image/jpeg",
                                                                  "buffer": content}])
                page.locator(f"div#{prefix} button", has_text="上传").click()
                phone.check()
                assert page.locator(f"div#{prefix} a", has_text="已上传的文件 1").count() == 1
            page.get_by_role("button", name="继续").click()
            continue
        if key == "household":
            data = {"add_another": "yes" if pending else "no"}
        elif key == "member" and ref == "new":
            data = pending.pop(0)
        else:
            data = household.pages.get(f"{key}:{ref}" if ref else key, {})
        fill(page, data)
        page.get_by_role("button", name=SAVE).click()
        assert page.locator(".error-summary").count() == 0, (path, page.locator(".error-summary").inner_text())
    raise AssertionError("the journey did not end")


def test_three_person_household_applies_from_start_to_confirmation(phone, live_server):
    account_id = signed_in(phone, live_server)
    page = walk_in_browser(phone, fresh(three_person_family()), uploads={"disability_cert:m3": jpeg()})
    assert page.locator("h1").inner_text() == "申请已提交"
    reference = page.locator(".reference").inner_text()
    assert re.fullmatch(r"SZ-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]", reference)
    text = page.locator("main").inner_text()
    assert "最低生活保障" in text and "南山区 粤海街道" in text and "自受理之日起 30 个工作日内作出决定。" in text
    page.get_by_role("link", name="本页的打印版").click()
    phone.check()
    assert reference in page.locator("h1").inner_text()
    with live_server.data():
        application = db.session.scalars(db.select(Application).where(Application.account_id == account_id)).one()
        assert application.status == "submitted" and len(application.answers["members"]) == 3
        assert {r.type for r in application.requests} == {"dibao", "medical", "education"}


def test_a_mistake_is_shown_next_to_the_field_and_fixed(phone, live_server):
    signed_in(phone, live_server)
    page = phone.goto("/apply")
    page.get_by_role("button", name="开始申请").click()
    page.locator("#name").fill("王小明")
    page.locator("#id_number").fill("44030519700315113")
    page.get_by_role("button", name=SAVE).click()
    assert page.title().startswith("错误：")
    assert page.locator(".field-error").inner_text().endswith("身份证号码共 18 位：请检查是否填全")
    assert page.locator("#name").input_value() == "王小明"
    phone.check()
    page.locator(".error-summary a").click()
    page.locator("#id_number").fill(fresh(Household("", {"name": {"id_number": "440305197003151130"}})).pages["name"]["id_number"])
    page.get_by_role("button", name=SAVE).click()
    assert page.locator("h1").inner_text() == "您的手机号码"
    phone.check()


def _permit_household(expires_in_days: int) -> Household:
    household = fresh(permit_holder())
    household.pages["permit-details"] = {
        "number": "", "issued_on": (today() - timedelta(days=800)).isoformat(),
        "expires_on": (today() + timedelta(days=expires_in_days)).isoformat(), "district_code": "440305"}
    return household


def test_permit_holder_registered_elsewhere_sees_what_shenzhen_handles(phone, live_server):
    signed_in(phone, live_server)
    page = walk_in_browser(phone, _permit_household(300), until="/where")
    handled = page.locator("#handled-here").inner_text()
    assert "最低生活保障" in handled and "南山区 粤海街道" in handled and "45 个工作日" in handled
    assert "特困人员救助供养" not in handled
    assert "请到您户籍所在地的街道办事处申请：湖南省 衡阳市衡南县。" in page.locator("main").inner_text()
    assert page.locator(".notice--warning").count() == 0
    page.locator("#not_receiving_elsewhere").check()
    page.get_by_role("button", name=SAVE).click()
    phone.check()
    assert page.locator("h1").inner_text() == "您的健康、学习和工作情况"


def test_expired_permit_is_told_what_it_can_still_apply_for_here(phone, live_server):
    signed_in(phone, live_server)
    page = walk_in_browser(phone, _permit_household(-10), until="/where")
    text = page.locator("main").inner_text()
    assert "您的居住证已于" in page.locator(".notice--warning").inner_text()
    handled = page.locator("#handled-here").inner_text()
    assert "急难型临时救助" in handled and "最低生活保障" not in handled
    assert "持有效居住证，深圳可以办理这项救助，但您的居住证已过期。" in page.locator("#not-handled").inner_text()
    assert "请到您户籍所在地的街道办事处申请：湖南省 衡阳市衡南县。" in text
