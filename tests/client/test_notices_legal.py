"""Legal text on documents: citations for readers, time limits and appeal periods from data."""
from __future__ import annotations

from datetime import date

import pytest
from flask_babel import force_locale

from portal.receipts.legal import appeal_rights, cite, time_limit

ON = date(2026, 9, 28)


@pytest.mark.parametrize("locale, expected", [
    ("zh_Hans", "《最低生活保障审核确认办法》第二十条至第二十一条、第二十八条；《社会救助暂行办法》第六十五条"),
    ("zh_Hant", "《最低生活保障審核確認辦法》第二十條至第二十一條、第二十八條；《社會救助暫行辦法》第六十五條"),
    ("en", "Measures for Reviewing and Confirming the Minimum Living Allowance, Arts. 20-21, 28; "
           "Interim Measures on Social Assistance, Art. 65"),
])
def test_citations_name_the_regulation_and_drop_design_notes(app, locale, expected):
    with force_locale(locale):
        assert cite("S-DB Arts. 20-21, 28; [I] rules.md §9.1; S-ZX Art. 65") == expected


def test_citation_keeps_chinese_section_marks_and_drops_english_comments(app):
    with force_locale("zh_Hans"):
        assert cite("S-TK Arts. 13-18 (written reasons, 3 wd); S-DB Art. 20 ¶2; S-YJ item 22") == (
            "《特困人员认定办法》第十三条至第十八条；《最低生活保障审核确认办法》第二十条第二款；"
            "《关于改革完善社会救助制度的意见》第二十二项")
        assert cite("S-DB Art. 7") == "《最低生活保障审核确认办法》第七条"
        assert cite("S-DB Art. 105") == "《最低生活保障审核确认办法》第一百零五条"
        assert cite("S-DD 四(一)").endswith("四(一)")
        assert cite("[I] design only") == "" and cite(None) == ""


@pytest.mark.parametrize("request_type, expected", [
    ("dibao", ["within 5 working days", "within 30 working days of acceptance", "Up to 45"]),
    ("tekun", ["within 30 working days of acceptance, plus a 7-day public notice"]),
    ("temp_emergency", ["Help first"]),
    ("medical", ["within 5 working days", "forwarded to the deciding authority"]),
    ("temp_expenditure", ["within 15 working days of acceptance"]),
])
def test_time_limits_come_from_the_workflow_and_policy(app, request_type, expected):
    with force_locale("en"):
        text = " ".join(time_limit(request_type, ON))
    for phrase in expected:
        assert phrase in text, (request_type, text)


def test_a_known_acceptance_due_date_is_printed_instead_of_a_count(app):
    with force_locale("en"):
        text = " ".join(time_limit("dibao", ON, date(2026, 10, 12), lambda d: d.isoformat()))
    assert "Acceptance decided by 2026-10-12." in text and "within 5 working days" not in text


def test_appeal_periods_are_policy_data_marked_as_examples(app):
    from portal.policy_figures import current_policy

    policy = current_policy()
    for key, value in (("notices.reconsideration_days", 60), ("notices.litigation_months", 6)):
        param = policy.param(key, ON, "440300")
        assert param.value == value and param.example is True
    with force_locale("en"):
        assert "within 60 days" in appeal_rights(ON) and "within 6 months" in appeal_rights(ON)
