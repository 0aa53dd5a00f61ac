"""The office's explanation and case-page answers show the new facts: supporters outside the
household, how long a relative has lived with the applicant, an emergency in detail."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from flask_babel import force_locale

from portal.apply.answers.household_map import answers_from_household
from portal.apply.filing.summary import summary_sections
from portal.office.explain import explanation_for_request

ON = date(2025, 9, 1)
ASSETS = {"deposits": "0", "securities": "0", "insurance_cash_value": "0", "internet_finance": "0",
          "receivables": "0", "vehicles": [], "houses": [], "business_registrations": 0}
HOUSEHOLD = {
    "members": [{"relation": "self", "age": 75, "income": []},
                {"relation": "parent", "age": 95, "lives_with_applicant": True, "co_resident_months": 3,
                 "income": [{"category": "transfer", "subtype": "pension", "amount": "5000"}]}],
    "assets": ASSETS,
    "supporters": [{"relation": "child", "age": 45, "receiving": ["tekun"]}],
}


def _application():
    answers = answers_from_household(HOUSEHOLD)
    answers["types"] = ["tekun", "dibao"]
    return SimpleNamespace(answers=answers)


def test_the_explanation_names_the_supporter_and_the_short_co_residence(app):
    application = _application()
    with app.test_request_context(), force_locale("en"):
        tekun = explanation_for_request(application, "tekun", on=ON)
        dibao = explanation_for_request(application, "dibao", on=ON)
    assert tekun.available, tekun.problems
    texts = {r.code: r.text for r in tekun.verdict.reasons}
    assert texts["supporter_unable_tekun"] == ("family member 1 outside the household (child) cannot give support: "
                                               "receives extreme-poverty support.")
    reason = next(r for r in dibao.verdict.reasons if r.code == "member_not_long_term_co_resident")
    assert reason.article == "S-DB Art. 7" and "person 2 (parent)" in reason.text
    # The mother's pension is not counted: she moved in 3 months ago.
    assert dibao.household["counted_members"] == [{"member": 0, "basis": "self"}]
    assert dibao.household["not_counted_members"] == [{"member": 1, "basis": "not_long_term_co_resident"}]


def test_the_case_page_answers_show_the_supporter_masked_until_revealed(app):
    application = _application()
    with app.test_request_context(), force_locale("en"):
        rows = {r.key: r for s in summary_sections(application) for r in s.rows}
        revealed = {r.key: r for s in summary_sections(application, reveal=True) for r in s.rows}
    assert rows["supporters"].value == "Yes"
    assert rows["supporter1"].value == "(hidden)" and rows["supporter1"].sensitive
    assert revealed["supporter1"].value.startswith("Son or daughter; aged 45; Receives extreme-poverty support")
    assert revealed["m2.co_residence"].value == "Less than 6 months"
