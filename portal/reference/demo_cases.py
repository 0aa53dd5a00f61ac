"""Demo applications in every state, so the console and the residents' timelines look lived in.

Development and the demo site only (``flask seed`` refuses demo data in production). Each case
is a household with realistic answers; its requests are moved through the real workflow with
``perform`` at dates in the past, so events, due dates and messages are the ones the portal
itself would have produced. Idempotent: every case has a fixed reference number, and a case
whose reference exists is left alone. No text message is sent while loading.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from portal.crypto import lookup_hash
from portal.domain.calendar import shanghai_date
from portal.domain.ids import check_character
from portal.domain.reference import new_reference
from portal.domain.workflow_fields import add_months
from portal.domain.workflow_tables import WORKFLOWS
from portal.domain.workflow_types import AssistanceType
from portal.extensions import db
from portal.models import (
    Account,
    Application,
    AssistanceRequest,
    Message,
    Office,
    utcnow,
)
from portal.models.tracking import Transfer
from portal.reference.demo import DEMO_OFFICE, OTHER_OFFICE
from portal.status.notifications import sms_quiet
from portal.tracking.transitions import perform

# The steps of each path: (action, who takes it, days after the previous step).
_INTAKE = [("accept", "caseworker", 1)]
_TO_OPINION = _INTAKE + [("start_investigation", "caseworker", 2), ("request_data_check", "caseworker", 1),
                         ("data_check_ok", "reviewer", 3), ("start_home_visit", "caseworker", 1),
                         ("record_home_visit", "caseworker", 2), ("prelim_opinion", "caseworker", 2)]
_TO_REVIEW = _TO_OPINION + [("open_notice", "caseworker", 1), ("close_notice_no_objection", "caseworker", 8)]
PATHS: dict[str, list[tuple[str, str, int]]] = {
    "submitted": [],
    "materials": [("request_materials", "caseworker", 1)],
    "materials_supplied": [("request_materials", "caseworker", 1), ("materials_supplied", "resident", 3)],
    "not_accepted": [("not_accept", "caseworker", 2)],
    "withdrawn": [("withdraw", "resident", 3)],
    "accepted": _INTAKE,
    "investigating": _INTAKE + [("start_investigation", "caseworker", 2)],
    "data_check": _INTAKE + [("start_investigation", "caseworker", 2), ("request_data_check", "caseworker", 1)],
    "home_visit": _TO_OPINION[:5],
    "opinion": _TO_OPINION,
    "publicity": _TO_OPINION + [("open_notice", "caseworker", 1)],
    "disputed": _TO_OPINION + [("open_notice", "caseworker", 1), ("record_objection", "caseworker", 3)],
    "county_review": _TO_REVIEW,
    "approved": _TO_REVIEW + [("approve", "reviewer", 3)],
    "in_payment": _TO_REVIEW + [("approve", "reviewer", 3), ("start_payment", "caseworker", 2)],
    "under_review": _TO_REVIEW + [("approve", "reviewer", 3), ("start_payment", "caseworker", 2),
                                  ("schedule_review", "caseworker", 20)],
    "rejected": _TO_REVIEW + [("reject", "reviewer", 4), ("notify_refusal", "caseworker", 1)],
    "transferred": [("transfer", "caseworker", 1)],
    "transfer_received": [("transfer", "caseworker", 1), ("receive_transfer", "receiver", 1)],
    "fast_aid": [("grant_fast_aid", "caseworker", 0)],
    "backfill": [("grant_fast_aid", "caseworker", 0), ("backfill", "caseworker", 2)],
    "aid_closed": [("grant_fast_aid", "caseworker", 0), ("backfill", "caseworker", 2), ("close", "caseworker", 1)],
    "forwarded": [("forward", "caseworker", 2)],
    "decided_elsewhere": [("forward", "caseworker", 2), ("record_external_decision", "caseworker", 12)],
}

_UNITS = {"medical": "南山区医疗保障局", "education": "南山区教育局", "housing": "南山区住房和建设局",
          "employment": "南山区公共就业服务中心", "disaster": "南山区应急管理局"}


@dataclass(frozen=True)
class Member:
    name: str
    relation: str
    birth: str  # YYYYMMDD
    sex: str  # "M" or "F"


@dataclass(frozen=True)
class DemoCase:
    key: str
    phone: str
    members: tuple[Member, ...]  # the applicant first
    requests: tuple[tuple[str, str], ...]  # (type, path)
    days_ago: int  # when it was sent
    office: str = DEMO_OFFICE
    urgent: bool = False
    address: str = "南山区粤海街道科技园社区"
    extra: dict = field(default_factory=dict)


def _m(name, relation, birth, sex) -> Member:
    return Member(name, relation, birth, sex)


CASES: tuple[DemoCase, ...] = (
    # The demo residents of README (13800138000, 13900139000).
    DemoCase("zhangsan", "13800138000", (_m("张三", "self", "19780312", "M"), _m("刘芳", "spouse", "19800825", "F"),
                                         _m("张子涵", "daughter", "20090517", "F")),
             (("dibao", "publicity"), ("medical", "forwarded"), ("temp_expenditure", "materials")), 26),
    DemoCase("lisi", "13900139000", (_m("李四", "self", "19650203", "M"), _m("王桂兰", "spouse", "19670419", "F")),
             (("dibao", "in_payment"), ("low_income", "rejected")), 70),
    DemoCase("wangxiuying", "13607550001", (_m("王秀英", "self", "19520916", "F"),), (("tekun", "county_review"),), 40),
    DemoCase("lijianguo", "13607550002", (_m("李建国", "self", "19700101", "M"), _m("陈丽", "spouse", "19721111", "F"),
                                          _m("李浩", "son", "20010304", "M")), (("dibao", "submitted"),), 12),
    DemoCase("zhangwei", "13607550003", (_m("张伟", "self", "19880620", "M"),), (("temp_emergency", "fast_aid"),), 1,
             urgent=True, extra={"incident": "南山区粤海街道高新南七道（住所火灾）"}),
    DemoCase("liuyang", "13607550004", (_m("刘洋", "self", "19910708", "M"), _m("赵敏", "spouse", "19930214", "F")),
             (("dibao", "materials"),), 9),
    DemoCase("chenjing", "13607550005", (_m("陈静", "self", "19830430", "F"), _m("陈小雨", "daughter", "20120921", "F")),
             (("dibao", "investigating"), ("education", "forwarded")), 14),
    DemoCase("yangfan", "13607550006", (_m("杨帆", "self", "19750815", "M"),), (("dibao", "data_check"),), 16),
    DemoCase("huangli", "13607550007", (_m("黄丽", "self", "19680122", "F"), _m("黄建华", "father", "19400610", "M")),
             (("dibao", "home_visit"), ("rigid_expenditure", "accepted")), 20),
    DemoCase("zhaolei", "13607550008", (_m("赵磊", "self", "19860909", "M"), _m("孙倩", "spouse", "19870303", "F"),
                                        _m("赵一鸣", "son", "20150612", "M")), (("dibao", "opinion"),), 24),
    DemoCase("zhoumin", "13607550009", (_m("周敏", "self", "19790505", "F"),), (("dibao", "disputed"),), 30),
    DemoCase("wuqiang", "13607550010", (_m("吴强", "self", "19620718", "M"), _m("吴母", "mother", "19380228", "F")),
             (("dibao", "approved"), ("housing", "decided_elsewhere")), 45),
    DemoCase("xufang", "13607550011", (_m("徐芳", "self", "19900101", "F"),), (("dibao", "not_accepted"),), 18),
    DemoCase("sunlijuan", "13607550012", (_m("孙丽娟", "self", "19731212", "F"),), (("dibao", "withdrawn"),), 22),
    DemoCase("majun", "13607550013", (_m("马俊", "self", "19850404", "M"),), (("dibao", "transferred"),), 5),
    DemoCase("zhuhong", "13607550014", (_m("朱红", "self", "19770707", "F"), _m("朱小军", "son", "20060808", "M")),
             (("dibao", "transfer_received"),), 8),
    DemoCase("hujun", "13607550015", (_m("胡军", "self", "19800909", "M"),), (("temp_emergency", "backfill"),), 4,
             urgent=True, extra={"incident": "南山区科技园地铁站（交通事故）"}),
    DemoCase("guoxia", "13607550016", (_m("郭霞", "self", "19690303", "F"),), (("temp_emergency", "aid_closed"),), 15,
             extra={"incident": "南山区粤海街道（突发重病）"}),
    DemoCase("heyong", "13607550017", (_m("何勇", "self", "19580606", "M"), _m("何妻", "spouse", "19600101", "F")),
             (("dibao", "under_review"),), 90),
    DemoCase("linxiaohong", "13607550018", (_m("林小红", "self", "19950215", "F"),), (("dibao", "submitted"),), 28),
    DemoCase("luozhigang", "13607550019", (_m("罗志刚", "self", "19720419", "M"),), (("employment", "forwarded"),), 6),
    DemoCase("liangmeiling", "13607550020", (_m("梁美玲", "self", "19880811", "F"),), (("dibao", "submitted"),), 3,
             office=OTHER_OFFICE, address="福田区园岭街道百花社区"),
    DemoCase("songjia", "13607550021", (_m("宋佳", "self", "19921030", "F"), _m("宋母", "mother", "19601212", "F")),
             (("dibao", "accepted"),), 5, office=OTHER_OFFICE, address="福田区园岭街道红荔社区"),
    DemoCase("zhenghao", "13607550022", (_m("郑浩", "self", "19990301", "M"),), (("dibao", "submitted"),), 2,
             office="44030502", address="南山区南头街道"),
)


def _id_number(region: str, member: Member, index: int) -> str:
    sequence = 100 + index * 2 + (1 if member.sex == "M" else 0)
    first17 = f"{region}{member.birth}{sequence:03d}"
    return first17 + check_character(first17)


def _answers(case: DemoCase, ids: list[str], office: Office) -> dict:
    applicant = case.members[0]
    return {
        "about": {"name": applicant.name, "id_number": ids[0], "phone": case.phone,
                  "district_code": office.district_code, "office_code": office.code, "address": case.address,
                  "hukou": {"kind": "shenzhen", "district_code": office.district_code, "office_code": office.code},
                  "marital_status": "married" if any(m.relation == "spouse" for m in case.members) else "single"},
        "members": [{"ref": f"m{i + 1}", "name": m.name, "relation": m.relation, "id_number": ids[i],
                     "lives_with_applicant": True} for i, m in enumerate(case.members)],
        "types": [t for t, _path in case.requests],
    }


def _reference(case: DemoCase) -> str:
    # Reviewed (B311): a seeded generator on purpose, so a demo case always gets the same
    # reference and loading twice finds it; demo references protect nothing.
    rng = random.Random(f"demo-case:{case.key}")  # nosec B311
    return new_reference(randbelow=rng.randrange)


def _month(day: date, months: int) -> str:
    following = add_months(day, months)
    return f"{following.year:04d}-{following.month:02d}"


def _data(action: str, type_: str, day: date, case: DemoCase) -> dict[str, Any]:
    data: dict[str, dict[str, Any]] = {
        "accept": {"close_relative_of_staff": False} if type_ in ("dibao", "low_income", "rigid_expenditure") else {},
        "request_materials": {"missing_items": ["户口簿首页及本人页", "近6个月银行流水"]},
        "not_accept": {"reason": "申请人户籍及居住证均不在本街道，请向户籍地街道申请。"},
        "transfer": {"to_office": OTHER_OFFICE, "reason": "申请人户籍在福田区园岭街道，依户籍地转交办理。"},
        "record_home_visit": {"staff_names": ["陈经办", "王协理"], "visit_mode": "in_person", "home_visit": {
            "visit_date": day.isoformat(), "finding_housing": "租住单间，约20平方米", "finding_living": "家具陈旧，生活用品简单",
            "finding_members": "本人及子女在家", "finding_income_assets": "未见车辆、经营场所或贵重物品",
            "acknowledgement": "signed"}},
        "prelim_opinion": {"opinion": "经入户调查和信息核对，家庭人均收入低于当地低保标准，建议纳入。"},
        "open_notice": {"location": "科技园社区居委会公告栏"},
        "record_objection": {"objection": "有居民反映申请人家庭有一辆小汽车。"},
        "approve": {"amount": "2960", "start_month": _month(day, 1), "income_irregular": False}
        if type_ in ("dibao", "tekun") else {"income_irregular": False} if type_ == "low_income"
        else {"valid_until": add_months(day, 12).isoformat()},
        "reject": {"reason": "经信息核对，家庭人均收入高于低保边缘家庭认定标准。"},
        "notify_refusal": {"notice_ref": "南民救字〔2026〕18号"},
        "schedule_review": {"trigger": "change_reported"},
        "grant_fast_aid": {"aid_form": "cash", "amount": "2000"},
        "backfill": {"recipient": case.members[0].name, "cause": "住所突发火灾，生活用品损毁。", "amount": "2000",
                     "signed_by": ["陈经办", "王协理"]},
        "forward": {"to_unit": _UNITS.get(type_, "南山区相关部门")},
        "record_external_decision": {"outcome": "granted", "decided_by": _UNITS.get(type_, "南山区相关部门")},
    }
    return data.get(action, {})


def _actor(role: str, request: AssistanceRequest, staff: dict[str, Account], resident: Account) -> Account:
    if role == "resident":
        return resident
    if role == "reviewer":
        return staff["reviewer"]
    if role == "receiver" or request.office_code == OTHER_OFFICE:
        return staff["caseworker-futian"]
    return staff["caseworker"]


def _stamp_new_messages(moment: datetime, read: bool, stamped: set[int]) -> None:
    """Messages carry the time of the change they announce, as if the portal had sent them then.

    A message may already be flushed (autoflush), so every message of this session not yet
    stamped is the one the last change queued.
    """
    for row in list(db.session.new) + list(db.session.identity_map.values()):
        if isinstance(row, Message) and id(row) not in stamped:
            stamped.add(id(row))
            row.created_at = moment
            row.sent_at = moment
            row.read_at = moment + timedelta(hours=3) if read else None


def _resident(case: DemoCase) -> Account:
    account = db.session.scalar(db.select(Account).where(Account.phone == case.phone))
    if account is None:
        account = Account(role="resident", phone=case.phone, display_name=case.members[0].name)
        db.session.add(account)
        db.session.flush()
    return account


def _load(case: DemoCase, staff: dict[str, Account], now: datetime, stamped: set[int]) -> None:
    office = db.session.get(Office, case.office)
    resident = _resident(case)
    ids = [_id_number(office.district_code, m, i) for i, m in enumerate(case.members)]
    sent = now - timedelta(days=case.days_ago, hours=3)
    application = Application(
        reference=_reference(case), account_id=resident.id, created_by_id=resident.id, channel="self",
        status="submitted", locale="zh_Hans", answers=_answers(case, ids, office), applicant_name=case.members[0].name,
        household_key=lookup_hash(ids[0]), verifier_hash=lookup_hash(ids[0][-6:], "verifier"), urgent=case.urgent,
        receiving_office_code=office.code, jurisdiction_basis="incident_location" if case.urgent else "hukou",
        submitted_at=sent, created_at=sent - timedelta(days=1),
    )
    db.session.add(application)
    for type_, path in case.requests:
        request = AssistanceRequest(type=type_, status="DRAFT", authority=WORKFLOWS[AssistanceType(type_)].authority,
                                    office_code=office.code, district_code=office.district_code,
                                    basis=application.jurisdiction_basis, urgent=case.urgent,
                                    entered_on=shanghai_date(sent), created_at=sent)
        application.requests.append(request)
        db.session.flush()
        submit_data = {"incident_location": case.extra.get("incident", case.address)} if type_ == "temp_emergency" else {}
        perform(request, "submit", resident, submit_data, now=sent)
        _stamp_new_messages(sent, True, stamped)
        moment = sent
        for action, role, gap in PATHS[path]:
            moment = min(moment + timedelta(days=gap, minutes=37), now - timedelta(minutes=5))
            day = shanghai_date(moment)
            origin = request.office_code
            perform(request, action, _actor(role, request, staff, resident), _data(action, type_, day, case), now=moment)
            _after(request, action, _data(action, type_, day, case), origin, staff, moment)
            _stamp_new_messages(moment, (now - moment).days > 7, stamped)


def _after(request: AssistanceRequest, action: str, data: dict, origin: str, staff: dict[str, Account],
           moment: datetime) -> None:
    """What the console records beside the status (see portal/office/actions.py)."""
    if action in ("approve", "grant_fast_aid") and data.get("amount"):
        request.amount = data["amount"]
    if action == "approve" and data.get("start_month"):
        request.start_month = data["start_month"]
    if action in ("reject", "not_accept") and data.get("reason"):
        request.decision_reasons = data["reason"]
    if action == "transfer":
        office = db.session.get(Office, data["to_office"])
        db.session.flush()
        db.session.add(Transfer(request_id=request.id, application_id=request.application_id,
                                event_id=request.events[-1].id, from_office_code=origin, to_office_code=office.code,
                                sent_by_id=staff["caseworker"].id, sent_at=moment))
        request.office_code, request.district_code = office.code, office.district_code
    if action == "receive_transfer":
        db.session.flush()
        for transfer in db.session.scalars(db.select(Transfer).where(Transfer.request_id == request.id)):
            transfer.received_at, transfer.received_by_id = moment, staff["caseworker-futian"].id


def load_demo_cases(now: datetime | None = None) -> int:
    """Create the demo cases that are missing; returns how many were created. Needs the demo accounts."""
    now = now or utcnow()
    staff = {a.username: a for a in db.session.scalars(
        db.select(Account).where(Account.username.in_(("caseworker", "caseworker-futian", "reviewer"))))}
    if len(staff) < 3:
        raise RuntimeError("create the demo accounts first (portal.reference.demo.ensure_demo_accounts)")
    created = 0
    # Messages already in the session (none, normally) are not the demo's to re-date.
    stamped = {id(row) for row in db.session.identity_map.values() if isinstance(row, Message)}
    with sms_quiet():
        for case in CASES:
            if db.session.scalar(db.select(Application.id).where(Application.reference == _reference(case))):
                continue
            _load(case, staff, now.astimezone(timezone.utc), stamped)
            db.session.commit()
            created += 1
    return created


def path_days(path: str) -> int:
    """Days a path needs between sending and its last step (a case must be older than that)."""
    return sum(gap for _action, _role, gap in PATHS[path])
