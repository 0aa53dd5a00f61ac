"""Words for screenings in three languages, and the caseworker's explanation of a request."""
from __future__ import annotations

import re
import string
from datetime import date
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from flask_babel import force_locale, gettext

from portal import eligibility_texts as texts
from portal.domain.describe import CHANGE_TEXTS, REASON_TEXTS
from portal.domain.eligibility import screen
from portal.domain.household import Household
from portal.domain.verdicts import ASSISTANCE_TYPES, VERDICTS, Change, Reason
from portal.eligibility_texts import labels
from portal.policy_figures import current_policy

LOCALES = ("zh_Hans", "zh_Hant", "en")
SAMPLES = {
    "count": 2, "members": [0, 1], "member": 1, "household_income": D("900"), "per_capita_income": D("300.00"),
    "amount": D("1480"), "subtypes": ["scholarship"], "line": D("1480"), "multiple": D("1.5"),
    "per_capita_income_annual": D("3600"), "disposable_income": D("76910"), "income": D("800"),
    "standard": D("1480"), "limit": D("1000"), "exempt": 1, "programme": "dibao", "programmes": ["dibao", "tekun"],
    "unrounded": D("3539.5"), "rounding": "up_to_yuan", "expenditure": D("15000"), "threshold": D("0.5"),
    "annual_income": D("10800"), "age": 61, "type": "physical", "grade": 2, "stage": "junior",
    "who": "supporters[0]", "relation": "parent", "kind": "fire", "days": 3, "window": 90, "place": "440305",
    "amounts": {"1": D("1480"), "2": D("4440")}, "cap": D("22200"), "street_limit": D("4440"),
    "key": "dibao_standard", "per_capita": D("12.50"), "date": date(2030, 1, 1), "years": 3,
    "kinds": ["medical", "education"], "share": D("0.55"),
    "needs": ["shelter", "food"], "help_kinds": ["insurance"], "form": "repair", "months": 3,
    "facts": ["members[1].income", "assets.deposits", "supporters", "policy.dibao_standard"],
}


def _params(template: str) -> dict:
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return {name: SAMPLES[name] for name in names}


def test_every_domain_code_has_a_sentence():
    assert set(texts.REASONS) == set(REASON_TEXTS)
    assert set(texts.CHANGES) == set(CHANGE_TEXTS)


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant"])
def test_every_sentence_and_label_is_translated(app, locale):
    tables = [texts.REASONS, texts.CHANGES, labels.ASSISTANCE, labels.ASSISTANCE_SUMMARY, labels.VERDICTS,
              labels.RELATIONS, labels.FACTS, labels.INCOME_SUBTYPES, labels.STUDENT_STAGES, texts.STATUS_LABELS]
    with app.test_request_context(), force_locale(locale):
        untranslated = [lazy._args[0] for table in tables for lazy in table.values()
                        if str(lazy) == lazy._args[0]]
    assert untranslated == []


@pytest.mark.parametrize("locale", LOCALES)
def test_every_reason_and_change_renders_with_its_parameters(app, locale):
    with app.test_request_context(), force_locale(locale):
        for table, make, render in ((REASON_TEXTS, lambda c, p: Reason(c, "met", "S-DB Art. 13", p), texts.reason_text),
                                    (CHANGE_TEXTS, lambda c, p: Change(c, p), texts.change_text)):
            for code, english in table.items():
                text = render(make(code, _params(english)))
                assert text != code and "%(" not in text and "{" not in text, (code, text)


def test_parameters_become_plain_words(app):
    reason = Reason("income_counted", "info", "S-DB Art. 13",
                    {"household_income": D("1480"), "per_capita_income": D("740.50"), "members": 2})
    change = Change("supporter_becomes_unable", {"who": "members[1]", "relation": "spouse"})
    missing = Reason("income_unanswered", "missing", "S-DB Art. 13", {"facts": ["members[1].income"]})
    with app.test_request_context(), force_locale("en"):
        assert texts.reason_text(reason) == ("Income that counts: 1,480 yuan a month for the household, "
                                             "740.50 yuan per person (2 people).")
        assert texts.change_text(change) == "If person 2 (spouse) could no longer support the applicant."
        assert texts.reason_text(missing, ["self", "son"]) == "Income was not given: person 2 (son): monthly income."
    with app.test_request_context(), force_locale("zh_Hans"):
        assert texts.reason_text(reason) == "计入的收入：家庭每月1,480元，人均740.50元（共2人）。"
        assert texts.change_text(change) == "如果第2位成员（配偶）不再有能力赡养、抚养或扶养申请人。"
    with app.test_request_context(), force_locale("zh_Hant"):
        assert texts.reason_text(reason) == "計入的收入：家庭每月1,480元，人均740.50元（共2人）。"


def test_shares_dates_and_lists(app):
    rigid = Reason("rigid_expenditure_above_threshold", "met", "S-GX",
                   {"expenditure": D("15000"), "threshold": D("0.5"), "annual_income": D("10800")})
    with app.test_request_context(), force_locale("en"):
        assert "more than 50% of the year's income (10,800 yuan)" in texts.reason_text(rigid)
        assert texts.change_text(Change("turns_60_on", {"date": date(2031, 3, 5)})) == \
            "The applicant turns 60 on March 5, 2031."
        assert texts.change_text(Change("qualify_for_base_programme", {"programmes": ["dibao", "tekun"]})) == \
            "Getting minimum living allowance, support for people in extreme poverty."
    with app.test_request_context(), force_locale("zh_Hans"):
        assert texts.change_text(Change("qualify_for_base_programme", {"programmes": ["dibao", "tekun"]})) == \
            "获得最低生活保障、特困人员救助供养。"


def test_labels_for_the_eleven_types_and_the_verdicts(app):
    with app.test_request_context(), force_locale("en"):
        assert [texts.assistance_label(t) for t in ASSISTANCE_TYPES][:2] == [
            "Minimum living allowance", "Low-income household recognition"]
        assert all(texts.assistance_summary(t).endswith(".") for t in ASSISTANCE_TYPES)
        assert [texts.verdict_label(v) for v in VERDICTS] == [
            "Likely", "Possibly", "Unlikely", "Cannot tell from these answers"]
    with app.test_request_context(), force_locale("zh_Hans"):
        assert texts.assistance_label("tekun") == "特困人员救助供养"
        assert texts.verdict_label("not_assessable") == "根据这些答案无法判断"
    with app.test_request_context(), force_locale("zh_Hant"):
        assert texts.assistance_label("dibao") == "最低生活保障"
        assert texts.verdict_label("likely") == "可能符合"


def test_unknown_codes_show_as_themselves(app):
    with app.test_request_context(), force_locale("en"):
        assert texts.reason_text(Reason("brand_new_rule", "met", "x", {})) == "brand_new_rule"
        assert texts.reason_text({"code": "income_unanswered", "params": {}}) == "income_unanswered"
        assert texts.assistance_label("teleport") == "teleport"


HOUSEHOLDS = [
    {"members": [{"relation": "self", "age": 72, "income": [], "disability": {"type": "intellectual", "grade": 2}}],
     "supporters": [{"relation": "child", "age": 45, "income_per_capita": "900", "property_within_limits": True},
                    {"relation": "sibling", "age": 75, "deceased": True}],
     "assets": {"deposits": "0", "securities": "0", "insurance_cash_value": "0", "internet_finance": "0",
                "receivables": "0", "vehicles": [{"value": "30000", "exemption": "work"}], "houses": [],
                "business_registrations": 1}},
    {"members": [{"relation": "self", "birth_date": "1990-05-01", "employment": "unemployed",
                  "income": [{"category": "wages", "amount": "5000"},
                             {"category": "excluded", "subtype": "scholarship", "amount": "200"}]},
                 {"relation": "parent", "age": 66},
                 {"relation": "daughter", "age": 19, "student_stage": "bachelor"}],
     "circumstances": {"has_emergency": True, "emergency": {"kind": "fire", "date": "2025-08-20", "place": "440305"},
                       "rigid_expenditure": {"medical": "90000", "other": "100"}}},
]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("data", HOUSEHOLDS)
def test_real_screenings_read_as_sentences(app, locale, data):
    household = Household.from_dict(data, today=date(2025, 9, 1))
    screening = screen(household, current_policy(), date(2025, 9, 1))
    people = [m.relation for m in household.members]
    with app.test_request_context(), force_locale(locale):
        for verdict in screening.verdicts:
            for item in verdict.reasons:
                text = texts.reason_text(item, people)
                assert text != item.code and "%(" not in text and not re.search(r"members\[\d", text)
            for item in verdict.what_would_change:
                assert texts.change_text(item, people) != item.code


def test_texts_never_name_an_untranslated_placeholder(app):
    # The Chinese sentences use exactly the English sentence's placeholders.
    with app.test_request_context():
        for table in (texts.REASONS, texts.CHANGES):
            for lazy in table.values():
                english = set(re.findall(r"%\((\w+)\)s", lazy._args[0]))
                for locale in ("zh_Hans", "zh_Hant"):
                    with force_locale(locale):
                        assert set(re.findall(r"%\((\w+)\)s", gettext(lazy._args[0]))) == english


# --- The caseworker console's explanation (portal.office.explain) -------------------------

def _application(answers: dict) -> SimpleNamespace:
    return SimpleNamespace(answers=answers)


@pytest.fixture
def reads_answers(monkeypatch):
    """The journey's reader of Application.answers, replaced by one that takes a
    Household.to_dict() under "household" (the console test is about the explanation)."""
    import portal.apply.answers.household_map as journey

    def household_from_answers(answers, today):
        return Household.from_dict(answers["household"], today=today)

    monkeypatch.setattr(journey, "household_from_answers", household_from_answers, raising=False)


def test_explanation_for_a_request_gives_rules_articles_and_sources(app, reads_answers):
    from portal.office.explain import explanation_for_request

    data = {"members": [{"relation": "self", "age": 40, "income": [{"category": "wages", "amount": "1000"}]}],
            "assets": {"deposits": "500", "securities": "0", "insurance_cash_value": "0", "internet_finance": "0",
                       "receivables": "0", "vehicles": [], "houses": [], "business_registrations": 0}}
    with app.test_request_context(), force_locale("en"):
        explanation = explanation_for_request(_application({"household": data}), "dibao", on=date(2025, 9, 1))
    assert explanation.available and explanation.label == "Minimum living allowance"
    view = explanation.verdict
    assert (view.verdict, view.verdict_label, view.amount) == ("likely", "Likely", D("480"))
    assert view.amount_text == "480 yuan"
    below = next(r for r in view.reasons if r.code == "income_below_standard")
    assert (below.status, below.status_label, below.article) == ("met", "Met", "S-YJ item 2")
    assert "1,000 yuan a month" in below.text
    standard = next(p for p in explanation.parameters if p.key == "dibao_standard")
    assert (standard.value, standard.effective_from, standard.example) == ("1480", date(2025, 7, 1), True)
    assert standard.source and explanation.uses_example_values
    assert explanation.household["per_capita_income"] == D("1000")


def test_explanation_in_chinese_and_for_missing_answers(app, reads_answers):
    from portal.office.explain import explanation_for_request

    data = {"members": [{"relation": "self", "age": 70}]}
    with app.test_request_context(), force_locale("zh_Hans"):
        explanation = explanation_for_request(_application({"household": data}), "tekun", on=date(2025, 9, 1))
    assert explanation.verdict.verdict == "not_assessable"
    assert "第1位成员（申请人）：月收入" in explanation.verdict.missing
    assert explanation.verdict.label == "特困人员救助供养"


def test_explanation_when_answers_cannot_make_a_household(app, reads_answers):
    from portal.office.explain import explanation_for_request

    bad = {"members": [{"relation": "self", "age": 300}]}
    with app.test_request_context(), force_locale("en"):
        explanation = explanation_for_request(_application({"household": bad}), "dibao", on=date(2025, 9, 1))
        unknown = explanation_for_request(_application({"household": bad}), "teleport")
    assert not explanation.available and explanation.verdict is None
    assert explanation.problems == ["Answer to check: person 1: age"]
    assert not unknown.available and unknown.problems


def test_explanation_of_a_draft_started_from_a_pre_check(app):
    # The journey's real reader of the answers, on answers made from a pre-check household.
    from portal.apply.answers.household_map import answers_from_household
    from portal.office.explain import explanation_for_request

    household = {"members": [{"relation": "self", "age": 40, "employment": "unemployed",
                              "income": [{"category": "wages", "amount": "600"}]}],
                 "assets": {"deposits": "0", "securities": "0", "insurance_cash_value": "0", "internet_finance": "0",
                            "receivables": "0", "vehicles": [], "houses": [], "business_registrations": 0},
                 "supporters": []}
    with app.test_request_context(), force_locale("en"):
        explanation = explanation_for_request(_application(answers_from_household(household)), "dibao",
                                              on=date(2025, 9, 1))
    assert explanation.available, explanation.problems
    assert explanation.verdict.verdict in VERDICTS and explanation.verdict.reasons
