import pytest
from tests.factories import create_account, create_contact
from portal.contacts.changes import load_demo_contacts

pytestmark = pytest.mark.browser

def test_shots(browser, live_server):
    with live_server.data():
        admin = create_account("admin", username="shots-admin")
        load_demo_contacts()
        aid = admin.id
    for width, height, mobile in ((1280, 900, False), (375, 667, True)):
        ctx = browser.new_context(viewport={"width": width, "height": height}, is_mobile=mobile, base_url=live_server.url)
        live_server.sign_in(ctx, aid)
        page = ctx.new_page()
        page.goto("/language/en?next=/admin")
        for name, path in (("home", "/admin"), ("offices", "/admin/offices"), ("auth", "/admin/authorities"),
                           ("detail", "/admin/offices/44030506"), ("adetail", "/admin/authorities/civil_affairs_district/440305")):
            page.goto(path)
            page.screenshot(path=f"/tmp/offices-shots/{name}-{width}.png", full_page=(name != "offices" and name != "auth"))
        page.goto("/admin/offices/44030506")
        page.locator("#phone").fill("1234")
        page.locator("#effective_from").fill("2020-01-01")
        page.locator("main form[method=post] button[type=submit]").click()
        page.screenshot(path=f"/tmp/offices-shots/error-{width}.png", full_page=True)
        ctx.close()
