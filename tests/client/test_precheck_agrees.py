"""Issue 18: the pre-check and the application use one name for 低保边缘家庭认定 and say the
same about choosing the kinds of help."""
from __future__ import annotations

from tests.client.test_apply_journey import signed_in
from tests.client.test_precheck import fill_in
from tests.helpers.pages import get_page
from tests.tools.walkthrough import one_person_dibao, walk


def test_the_pre_check_names_low_income_recognition_as_the_application_does(client):
    fill_in(client)
    result = get_page(client, "/check/result").get_text()
    circumstances = get_page(client, "/check/circumstances").get_text()
    for text in (result, circumstances):
        assert "低保边缘家庭认定" in text and "低收入家庭认定" not in text
    # The application's "which help" page: suggestions, which can be changed, or assess all.
    assert "无需自己选择" not in result
    assert "您可以修改" in result and "全面评估" in result


def test_the_application_offers_the_same_name_and_the_assess_all_choice(client):
    signed_in(client)
    result = walk(client, one_person_dibao(), stop_at_check=True)
    types_url = next(url for url in result.visited if url.endswith("/types"))
    text = get_page(client, types_url).get_text()
    assert "低保边缘家庭认定" in text and "低收入家庭认定" not in text
    assert "全面评估" in text
