"""How an application came in (its channel: the applicant online, a community assistant, the
office window...) and who submitted it, in all three languages, on the receipt, the case page and
the resident's own pages."""
from __future__ import annotations

import pytest

from portal.models import Account
from tests.client.test_receipts_pdf import pdf_text
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import get_page

LABELS = {
    "zh_Hans": {
        "self": "由申请人本人在线提交",
        "assistant": "经申请人同意，由社区协理员代为提交",
        "window": "由街道办事处窗口根据申请人的纸质申请录入",
        "proxy": "由申请人委托的人代为提交",
        "heading": "申请方式",
        "submitter": "提交人",
        "submitted_by": {"assistant": "由社区协理员小陈受申请人委托代钱奶奶提交。",
                         "window": "由街道经办人员林芳受申请人委托代钱奶奶提交。"},
    },
    "zh_Hant": {
        "self": "由申請人本人線上提交",
        "assistant": "經申請人同意，由社區協理員代為提交",
        "window": "由街道辦事處窗口根據申請人的紙質申請錄入",
        "proxy": "由申請人委託的人代為提交",
        "heading": "申請方式",
        "submitter": "提交人",
        # Names are the people's own and are never converted.
        "submitted_by": {"assistant": "由社區協理員小陈受申請人委託代钱奶奶提交。",
                         "window": "由街道經辦人員林芳受申請人委託代钱奶奶提交。"},
    },
    "en": {
        "self": "Filed online by the applicant",
        "assistant": "Filed for the applicant by a community assistant, with the applicant's consent",
        "window": "Entered at the street office window from the applicant's paper application",
        "proxy": "Filed for the applicant by an authorised person",
        "heading": "How it was filed",
        "submitter": "Submitted by",
        "submitted_by": {"assistant": "Submitted by Community assistant 小陈 for 钱奶奶, with the applicant's mandate.",
                         "window": "Submitted by Street office caseworker 林芳 for 钱奶奶, with the applicant's mandate."},
    },
}
CHANNELS = ("self", "assistant", "window", "proxy")


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _application(channel: str, locale: str = "zh_Hans"):
    resident = create_account("resident")
    helper = None
    if channel == "assistant":
        helper = create_account("assistant", display_name="小陈")
    elif channel == "window":
        helper = create_account("caseworker", display_name="林芳")
    application = create_application(resident, name="钱奶奶", channel=channel, locale=locale,
                                     submitted_by_id=helper.id if helper else resident.id,
                                     created_by_id=helper.id if helper else resident.id)
    return resident, application


def _client(app, account: Account, locale: str):
    client = app.test_client()
    sign_in(client, account)
    client.get(f"/language/{locale}")
    return client


@pytest.mark.parametrize("locale", LABELS)
@pytest.mark.parametrize("channel", CHANNELS)
def test_the_case_page_says_how_every_application_came_in(app, locale, channel):
    _, application = _application(channel)
    caseworker = _client(app, create_account("caseworker"), locale)
    page = get_page(caseworker, f"/office/cases/{application.reference}")
    rows = {div.dt.get_text(strip=True): div.dd.get_text(strip=True) for div in page.select("dl.summary > div")}
    words = LABELS[locale]
    assert rows[words["heading"]] == words[channel]
    others = [words[c] for c in CHANNELS if c != channel]
    assert not any(other in page.get_text() for other in others)
    if channel in words["submitted_by"]:
        assert _squeezed(rows[words["submitter"]]) == _squeezed(words["submitted_by"][channel])
    else:
        assert words["submitter"] not in rows


@pytest.mark.parametrize("locale", LABELS)
@pytest.mark.parametrize("channel", CHANNELS)
def test_the_resident_sees_how_it_came_in_on_their_pages_unless_they_filed_it_themselves(app, locale, channel):
    resident, application = _application(channel)
    client = _client(app, resident, locale)
    words = LABELS[locale]
    listing = get_page(client, "/my/applications").select_one("main").get_text()
    detail = get_page(client, f"/my/applications/{application.reference}")
    rows = {div.dt.get_text(strip=True): div.dd.get_text(strip=True) for div in detail.select("dl.summary > div")}
    if channel == "self":
        assert words["heading"] not in rows and words["self"] not in listing
        assert not any(words[c] in listing for c in CHANNELS)
    else:
        assert words[channel] in listing
        assert rows[words["heading"]] == words[channel]
    if channel in words["submitted_by"]:
        assert _squeezed(rows[words["submitter"]]) == _squeezed(words["submitted_by"][channel])


@pytest.mark.parametrize("locale", LABELS)
@pytest.mark.parametrize("channel", ("self", "assistant", "window"))
def test_the_receipt_says_how_it_came_in_and_who_submitted(app, locale, channel):
    """The receipt is in the language the application was submitted in."""
    resident, application = _application(channel, locale)
    client = _client(app, resident, locale)
    response = client.get(f"/applications/{application.reference}/receipt.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = _squeezed(pdf_text(response.data))
    words = LABELS[locale]
    assert not any(_squeezed(words[c]) in text for c in CHANNELS if c != channel)
    if channel == "self":
        assert _squeezed(words["self"]) not in text  # nothing to say when the applicant filed it
    else:
        assert _squeezed(words[channel]) in text
        assert _squeezed(words["submitted_by"][channel]) in text


def test_traditional_chinese_never_calls_the_office_window_a_computer_window(app):
    from portal.cli.translate import _to_traditional, po_path

    catalogue = po_path("zh_Hant").read_text(encoding="utf-8")
    assert "視窗" not in catalogue and "籤署" not in catalogue
    assert _to_traditional("街道办事处窗口") == "街道辦事處窗口"
    assert _to_traditional("居民在纸质申请表上签署") == "居民在紙質申請表上簽署"
