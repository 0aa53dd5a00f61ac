"""The papers printed for a resident without a smartphone, looked at as pages: the
mandate (委托书) and the declarations form each fit on one A4 page, so that one photo records
them, even for a household with three adults; the mandate has a line for each signature."""
from __future__ import annotations

import pytest

from tests.client.assist_helpers import assistant_client, begin
from tests.client.test_assist_no_phone import ID_ZHAO, _consent_by_paper
from tests.client.test_receipts_pdf import page_count, pdf_text
from tests.tools.walkthrough import three_person_family, walk


@pytest.mark.parametrize("locale, lines", [
    ("en", ["Date", "If the resident cannot sign: witness's name and signature",
            "Signature of the person who acts for them",
            "This mandate ends one year after it is recorded on the portal, unless I withdraw it sooner.",
            'or on the portal, on the page "People helping you".']),  # the page's own name
    ("zh_Hant", ["日期", "受託人簽字", "本委託書自在平台登記之日起一年內有效，本人提前撤回的除外。",
                 "“協助您的人員”頁面撤回本委託"]),
])
def test_the_mandate_is_one_page_with_a_line_for_each_signature(app, locale, lines):
    client, _ = assistant_client(app, display_name="陈晓明")
    client.get(f"/language/{locale}")
    mandate = begin(client, name="欧阳秀兰", id_number=ID_ZHAO, allows=("upload", "submit", "notices"))
    pdf = client.get(f"/assist/consent/{mandate.id}/mandate.pdf").data
    assert page_count(pdf) == 1
    text = " ".join(pdf_text(pdf).split())
    squeezed = "".join(text.split())
    for line in lines:
        assert "".join(line.split()) in squeezed, line


def test_the_declarations_form_of_a_three_adult_household_is_one_page(app):
    client, _ = assistant_client(app)
    mandate = _consent_by_paper(client, allows=("upload", "submit"))
    household = three_person_family()
    household.pages["name"]["id_number"] = ID_ZHAO
    household.pages["declarations"] = {**household.pages["declarations"], "agreed_how": "signed_form"}
    result = walk(client, household, start=f"/assist/residents/{mandate.id}/act", stop_at_check=True)
    application_id = int(result.visited[-1].split("/")[2])
    for locale in ("zh_Hans", "en"):
        client.get(f"/language/{locale}")
        pdf = client.get(f"/assist/residents/{mandate.id}/applications/{application_id}/declarations.pdf").data
        assert page_count(pdf) == 1, locale
        text = pdf_text(pdf)
        assert "张伟" in text and "陈桂兰" in text  # each other adult has a line to sign
