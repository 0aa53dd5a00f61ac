"""Transition rows shared by several assistance types, and the article strings they cite.

Each type's table (``workflow_tables.py``) is assembled from these fragments (intake,
investigation, notice, decision, after approval) so that a rule common to several types is
written once; the assembled rows are plain :class:`Action` values that tests enumerate.
Article strings use the source keys of portal/domain/rules.md (S-DB, S-TK, S-GX, S-LS, S-ZX, S-YJ, S-DD);
"[I]" marks a design choice where the texts are silent.
"""
from __future__ import annotations

from typing import Any

from .workflow_types import Action, Decider, Flag, Guard, Role
from .workflow_types import State as S

RES = frozenset({Role.RESIDENT})
PROXY = frozenset({Role.ASSISTANT, Role.CASEWORKER})
CW = frozenset({Role.CASEWORKER})
RV = frozenset({Role.REVIEWER})
SYS = frozenset({Role.SYSTEM})
ADMIN = frozenset({Role.ADMIN})

# Between acceptance and decision: the overall clock runs, and the applicant may withdraw.
PRE_DECISION = (S.ACCEPTED, S.INVESTIGATING, S.DATA_CHECK, S.CHECK_FAILED, S.RECHECK, S.HOME_VISIT,
                S.PRELIM_OPINION, S.PUBLICITY, S.DISPUTED, S.COUNTY_REVIEW)
# Non-cooperation ends the procedure from investigation to county review (《最低生活保障审核确认办法》第二十九条).
TERMINABLE = PRE_DECISION[1:]
INVESTIGATION_PHASE = PRE_DECISION[:7]

# Name of the amount up to which a street caseworker may decide 临时救助 (see workflow_tables.AMOUNT_LIMITS).
STREET_LIMIT = "street_approval"


def _resident(name: str, source: S, target: S, basis: str, **kw: Any) -> Action:
    # The resident's own acts; an assistant (with the 委托) or a caseworker may record them for the resident.
    return Action(name, source, target, roles=RES, proxy_roles=PROXY, basis=basis, **kw)


def staff_action(name: str, source: S, target: S, roles: frozenset[Role], basis: str, **kw: Any) -> Action:
    """A row taken by the listed roles in their own right."""
    return Action(name, source, target, roles=roles, basis=basis, **kw)


def _decide(name: str, source: S, target: S, decider: Decider, basis: str, **kw: Any) -> Action:
    return Action(name, source, target, decider=decider, basis=basis, **kw)


DIBAO_REFS: dict[str, str] = {
    "apply": "S-DB Arts. 4, 6 (委托)",
    "withdraw": "[I] rules.md §9.1 WITHDRAWN",
    "accept": "S-DB Arts. 10-11",
    "materials": "S-DB Art. 10 (一次性告知)",
    "not_accept": "S-ZX Art. 60",
    "transfer": "S-ZX Art. 60",
    "investigate": "S-DB Art. 15",
    "data_check": "S-DB Art. 17; S-ZX Art. 58 ¶2",
    "check_failed": "S-DB Art. 18",
    "home_visit": "S-DB Art. 16",
    "opinion": "S-DB Art. 19",
    "notice": "S-DB Art. 19; S-DD 四(二)",
    "dispute": "S-DB Art. 19; S-YJ item 24",
    "county_visit": "S-DB Art. 20 ¶2",
    "decision": "S-DB Arts. 20-21, 28",
    "refusal": "S-DB Arts. 21, 38",
    "send_back": "[I] rules.md §9.1 (回退, S-ZT)",
    "terminate": "S-DB Art. 29",
    "special": "S-DB Art. 22; S-DD 四(一)",
    "payment": "S-DB Arts. 21, 25",
    "change": "S-DB Art. 30; S-ZX Art. 13",
    "review": "S-DB Art. 31; S-YJ item 7; S-DD 一(三)",
    "adjust": "S-DB Art. 32",
    "phase_out": "S-DB Art. 33; S-DD 一(三)",
    "stop": "S-DB Art. 32; S-ZX Art. 13 ¶3",
}
LOW_INCOME_REFS = DIBAO_REFS | {
    "apply": "S-DB Art. 8 ¶2; S-DD 一(四), 四(三)",
    "decision": "S-DD 一(四); [I] S-DB Arts. 20-21 skeleton",
    "review": "[I] S-DB Art. 31 applied to 低保边缘",
}
RIGID_REFS = DIBAO_REFS | {
    "apply": "S-GX (one household member applies)",
    "decision": "S-GX (county decides in writing)",
    "refusal": "S-GX (written reasons); S-ZX Art. 65",
    "special": "S-GX (45 wd: 人户分离 or hard investigation)",
    "review": "S-GX (recognition valid at most 12 months)",
    "change": "[I] S-DB Art. 30 applied to 刚性支出",
    "stop": "S-GX; [I] S-DB Art. 32",
}
TEKUN_REFS = DIBAO_REFS | {
    "apply": "S-TK Arts. 10-11",
    "materials": "S-TK Art. 12",
    "accept": "S-TK Art. 12",
    "investigate": "S-TK Arts. 13-18 (rules.md §2.4)",
    "data_check": "S-TK Arts. 13-18; S-TK Art. 10 (授权核查)",
    "check_failed": "S-TK Arts. 13-18",
    "home_visit": "S-TK Arts. 13-18",
    "opinion": "S-TK Arts. 13-18 (15 wd)",
    "notice": "S-TK Arts. 13-18 (7 days)",
    "dispute": "S-TK Arts. 13-18 (re-investigate and re-publish, 15 wd)",
    "decision": "S-TK Arts. 13-18 (county, 15 wd)",
    "refusal": "S-TK Arts. 13-18 (written reasons, 3 wd); S-ZX Art. 65",
    "payment": "S-TK Arts. 16, 19; S-ZX Art. 19",
    "self_care": "S-TK Art. 21",
    "support_form": "S-ZX Art. 19",
    "review": "S-YJ item 7",
    "termination": "S-TK Arts. 20-27 (rules.md §2.5)",
}
TEMP_EXPENDITURE_REFS = DIBAO_REFS | {
    "apply": "S-LS 二(二)",
    "accept": "S-LS 二(二)",
    "notice": "S-ZX Art. 48 (审核、公示后审批)",
    "skip_notice": "S-ZX Art. 48 (urgent cases simplified)",
    "decision": "S-ZX Art. 48; S-LS 二(二)",
    "refusal": "[I] written reasons (rules.md §9.3); S-ZX Art. 65",
    "payment": "S-ZX Art. 49",
}


def _transfers(refs: dict[str, str], sources: tuple[S, ...] = (S.SUBMITTED, S.NOT_ACCEPTED)) -> list[Action]:
    rows = [staff_action("transfer", s, S.TRANSFERRED, CW | ADMIN, refs["transfer"], reason_required=True,
                         required=("to_office",)) for s in sources]
    rows.append(staff_action("receive_transfer", S.TRANSFERRED, S.SUBMITTED, CW, refs["transfer"]))
    return rows


def _intake(refs: dict[str, str], accept_fields: tuple[str, ...] = ()) -> list[Action]:
    return [
        _resident("submit", S.DRAFT, S.SUBMITTED, refs["apply"]),
        _resident("withdraw", S.DRAFT, S.WITHDRAWN, refs["withdraw"]),
        staff_action("accept", S.SUBMITTED, S.ACCEPTED, CW, refs["accept"], required=accept_fields),
        # All missing items in one notice; a second request must say why (S-DB Art. 10).
        staff_action("request_materials", S.SUBMITTED, S.NEEDS_MATERIALS, CW, refs["materials"],
                     required=("missing_items",), sets=frozenset({Flag.MATERIALS_REQUESTED}),
                     reason_if=Flag.MATERIALS_REQUESTED),
        staff_action("not_accept", S.SUBMITTED, S.NOT_ACCEPTED, CW, refs["not_accept"], reason_required=True),
        _resident("withdraw", S.SUBMITTED, S.WITHDRAWN, refs["withdraw"]),
        _resident("materials_supplied", S.NEEDS_MATERIALS, S.SUBMITTED, refs["materials"]),
        _resident("withdraw", S.NEEDS_MATERIALS, S.WITHDRAWN, refs["withdraw"]),
        *_transfers(refs),
    ]


def _investigation(refs: dict[str, str], decider: Decider) -> list[Action]:
    return [
        staff_action("start_investigation", S.ACCEPTED, S.INVESTIGATING, CW, refs["investigate"]),
        staff_action("request_data_check", S.INVESTIGATING, S.DATA_CHECK, CW, refs["data_check"]),
        staff_action("data_check_ok", S.DATA_CHECK, S.INVESTIGATING, RV | SYS, refs["data_check"]),
        staff_action("data_check_failed", S.DATA_CHECK, S.CHECK_FAILED, RV | SYS, refs["check_failed"],
                     reason_required=True),
        _resident("object", S.CHECK_FAILED, S.RECHECK, refs["check_failed"], reason_required=True,
                  required=("evidence",)),
        _decide("reject", S.CHECK_FAILED, S.REJECTED, decider, refs["refusal"], reason_required=True),
        # The 街道 arranges the 复查 (Art. 18), so street and county staff may conclude it.
        staff_action("data_check_ok", S.RECHECK, S.INVESTIGATING, CW | RV, refs["check_failed"]),
        staff_action("data_check_failed", S.RECHECK, S.CHECK_FAILED, CW | RV, refs["check_failed"],
                     reason_required=True),
        staff_action("start_home_visit", S.INVESTIGATING, S.HOME_VISIT, CW, refs["home_visit"]),
        staff_action("record_home_visit", S.HOME_VISIT, S.INVESTIGATING, CW, refs["home_visit"],
                     required=("staff_names", "visit_mode")),
        staff_action("prelim_opinion", S.INVESTIGATING, S.PRELIM_OPINION, CW, refs["opinion"], required=("opinion",)),
        *[staff_action("terminate", s, S.TERMINATED, CW | RV, refs["terminate"], reason_required=True)
          for s in TERMINABLE],
        *[_resident("withdraw", s, S.WITHDRAWN, refs["withdraw"]) for s in PRE_DECISION],
    ]


def _notice(refs: dict[str, str], republish_required: bool) -> list[Action]:
    rows = [
        staff_action("open_notice", S.PRELIM_OPINION, S.PUBLICITY, CW, refs["notice"], required=("location",)),
        staff_action("close_notice_no_objection", S.PUBLICITY, S.COUNTY_REVIEW, CW, refs["notice"],
                     guard=Guard.NOTICE_ELAPSED),
        staff_action("record_objection", S.PUBLICITY, S.DISPUTED, CW, refs["notice"], required=("objection",),
                     sets=frozenset({Flag.OBJECTION_AT_NOTICE})),
        staff_action("open_notice", S.DISPUTED, S.PUBLICITY, CW, refs["dispute"],
                     required=("location", "opinion", "resolution")),
    ]
    if not republish_required:
        # 低保: after re-investigation or 民主评议 the new opinion goes to the county (Art. 19).
        rows.append(staff_action("submit_revised_opinion", S.DISPUTED, S.COUNTY_REVIEW, CW, refs["dispute"],
                                 required=("opinion", "resolution")))
    return rows


def _decision(refs: dict[str, str], decider: Decider, approve_to: S, approve_fields: tuple[str, ...],
              county_visit: bool, limit_key: str | None = None) -> list[Action]:
    guard = Guard.COUNTY_HOME_VISIT if county_visit else None
    rows = [
        _decide("approve", S.COUNTY_REVIEW, approve_to, decider, refs["decision"], required=approve_fields,
                guard=guard, limit_key=limit_key),
        _decide("reject", S.COUNTY_REVIEW, S.REJECTED, decider, refs["refusal"], reason_required=True,
                guard=guard),
        _decide("send_back", S.COUNTY_REVIEW, S.INVESTIGATING, decider, refs["send_back"], reason_required=True),
        staff_action("notify_refusal", S.REJECTED, S.REJECTED, CW, refs["refusal"], required=("notice_ref",),
                     sets=frozenset({Flag.REFUSAL_NOTIFIED}), guard=Guard.NOT_NOTIFIED),
    ]
    if county_visit:
        rows += [
            staff_action("record_home_visit", S.COUNTY_REVIEW, S.COUNTY_REVIEW, RV, refs["county_visit"],
                         required=("staff_names", "visit_mode"), sets=frozenset({Flag.COUNTY_HOME_VISIT})),
            staff_action("record_complaint", S.COUNTY_REVIEW, S.COUNTY_REVIEW, CW | RV, refs["county_visit"],
                         required=("complaint",), sets=frozenset({Flag.COMPLAINT})),
        ]
    return rows


def _special_reason(refs: dict[str, str]) -> list[Action]:
    return [staff_action("record_special_reason", s, s, CW | RV, refs["special"], reason_required=True,
                         required=("special_reason",), guard=Guard.NOT_EXTENDED) for s in PRE_DECISION]


def in_payment(refs: dict[str, str], after: S) -> list[Action]:
    """Monthly benefit and periodic review (低保 and 特困); ``after`` is where payment starts from."""
    county = Decider.COUNTY
    return [
        staff_action("start_payment", after, S.IN_PAYMENT, CW | SYS, refs["payment"]),
        staff_action("schedule_review", S.IN_PAYMENT, S.UNDER_REVIEW, CW | SYS, refs["review"], required=("trigger",)),
        _resident("report_change", S.IN_PAYMENT, S.UNDER_REVIEW, refs["change"], required=("change",)),
        staff_action("review_no_change", S.UNDER_REVIEW, S.IN_PAYMENT, CW, refs["review"]),
        _decide("adjust_amount", S.UNDER_REVIEW, S.IN_PAYMENT, county, refs["adjust"], reason_required=True,
                required=("amount", "start_month")),
    ]


def dibao_exit(refs: dict[str, str]) -> list[Action]:
    """Phase-out (渐退, at most 6 months) and stopping 低保, each a written decision."""
    county = Decider.COUNTY
    return [
        _decide("phase_out", S.IN_PAYMENT, S.PHASING_OUT, county, refs["phase_out"], reason_required=True,
                required=("end_month",)),
        _decide("phase_out", S.UNDER_REVIEW, S.PHASING_OUT, county, refs["phase_out"], reason_required=True,
                required=("end_month",)),
        _decide("stop", S.IN_PAYMENT, S.STOPPED, county, refs["stop"], reason_required=True),
        _decide("stop", S.UNDER_REVIEW, S.STOPPED, county, refs["stop"], reason_required=True),
        # The system may carry out the end of a phase-out that was already decided.
        _decide("stop", S.PHASING_OUT, S.STOPPED, county, refs["stop"], reason_required=True, roles=SYS),
    ]


def tekun_after_approval(refs: dict[str, str]) -> list[Action]:
    """特困 after approval: self-care assessment, the person's choice of support, payment, termination."""
    county, t = Decider.COUNTY, refs["termination"]
    return [
        staff_action("assess_self_care", S.SELF_CARE_ASSESSMENT, S.SUPPORT_CHOICE, CW, refs["self_care"],
                     required=("self_care_level",)),
        # The person chooses 集中 or 分散供养 (S-ZX Art. 19).
        _resident("choose_support_form", S.SUPPORT_CHOICE, S.APPROVED, refs["support_form"],
                  required=("support_form",)),
        *in_payment(refs, S.APPROVED),
        # Ending 特困 support always goes through a 7-day notice (《特困人员认定办法》第二十条至第二十七条).
        *[staff_action("propose_termination", s, S.TERMINATION_NOTICE, CW, t, reason_required=True)
          for s in (S.IN_PAYMENT, S.UNDER_REVIEW)],
        staff_action("record_objection", S.TERMINATION_NOTICE, S.TERMINATION_DISPUTED, CW, t, required=("objection",)),
        _decide("stop", S.TERMINATION_NOTICE, S.STOPPED, county, t, reason_required=True,
                guard=Guard.NOTICE_ELAPSED),
        staff_action("open_notice", S.TERMINATION_DISPUTED, S.TERMINATION_NOTICE, CW, t,
                     required=("location", "opinion")),
        *[_decide("cancel_termination", s, S.IN_PAYMENT, county, t, reason_required=True)
          for s in (S.TERMINATION_NOTICE, S.TERMINATION_DISPUTED)],
    ]


def recognition(refs: dict[str, str], periodic: bool) -> list[Action]:
    """After a recognition (低保边缘, 刚性支出): no monthly benefit of its own, a review or an expiry."""
    county = Decider.COUNTY
    rows = [
        _resident("report_change", S.APPROVED, S.UNDER_REVIEW, refs["change"], required=("change",)),
        staff_action("review_no_change", S.UNDER_REVIEW, S.APPROVED, CW, refs["review"]),
        _decide("stop", S.APPROVED, S.STOPPED, county, refs["stop"], reason_required=True),
        _decide("stop", S.UNDER_REVIEW, S.STOPPED, county, refs["stop"], reason_required=True),
    ]
    if periodic:
        rows.append(staff_action("schedule_review", S.APPROVED, S.UNDER_REVIEW, CW | SYS, refs["review"],
                                 required=("trigger",)))
    else:
        rows.append(staff_action("expire", S.APPROVED, S.EXPIRED, CW | SYS, refs["review"], guard=Guard.VALIDITY_ENDED))
    return rows


def assessed(refs: dict[str, str], decider: Decider, approve_to: S, approve_fields: tuple[str, ...],
             county_visit: bool, republish_required: bool = False, limit_key: str | None = None,
             special: bool = True) -> list[Action]:
    """The 低保 skeleton: intake, investigation, notice, decision (《最低生活保障审核确认办法》第十条至第二十二条)."""
    rows = [
        *_intake(refs, ("close_relative_of_staff",) if county_visit else ()),
        *_investigation(refs, decider),
        *_notice(refs, republish_required),
        *_decision(refs, decider, approve_to, approve_fields, county_visit, limit_key),
    ]
    return rows + (_special_reason(refs) if special else [])


def temp_emergency() -> list[Action]:
    """急难型临时救助: help first, paperwork after; then close, staged aid or referral (《关于进一步加强和改进临时救助工作的意见》二(二))."""
    ls, street = "S-LS 二(二); S-YJ item 15", Decider.STREET_WITHIN_LIMIT
    refs = DIBAO_REFS | {"apply": ls}
    return [
        _resident("submit", S.DRAFT, S.SUBMITTED, "S-LS 二(二); S-DD 四(三) (急难发生地)",
                  required=("incident_location",)),
        # Staff and assistants report people in need in their own right (主动发现, S-YJ item 22).
        staff_action("report", S.DRAFT, S.SUBMITTED, frozenset({Role.ASSISTANT, Role.CASEWORKER}),
                     "S-YJ items 14, 22", required=("incident_location",)),
        _resident("withdraw", S.DRAFT, S.WITHDRAWN, refs["withdraw"]),
        _resident("withdraw", S.SUBMITTED, S.WITHDRAWN, refs["withdraw"]),
        # Help first (小金额先行救助): no 核对, 评议 or 公示 before the aid.
        _decide("grant_fast_aid", S.SUBMITTED, S.FAST_AID_GRANTED, street, ls, required=("aid_form", "amount"),
                limit_key=STREET_LIMIT),
        staff_action("not_accept", S.SUBMITTED, S.NOT_ACCEPTED, CW, refs["not_accept"], reason_required=True),
        staff_action("refer", S.SUBMITTED, S.REFERRED, CW, ls, required=("referred_to",)),
        *_transfers(refs),
        # Paperwork after: recipient, reason, amount, staff signatures (S-LS 二(二)).
        staff_action("backfill", S.FAST_AID_GRANTED, S.BACKFILL, CW, ls,
                     required=("recipient", "cause", "amount", "signed_by")),
        staff_action("close", S.BACKFILL, S.CLOSED, CW, ls),
        _decide("stage_aid", S.BACKFILL, S.STAGED_AID, street, ls + " (一次审批、分阶段救助)",
                required=("total_amount", "stages"), limit_key=STREET_LIMIT, limit_field="total_amount"),
        staff_action("refer", S.BACKFILL, S.REFERRED, CW, ls, required=("referred_to",)),
        staff_action("record_stage_payment", S.STAGED_AID, S.STAGED_AID, CW | SYS, ls, required=("amount",)),
        staff_action("close", S.STAGED_AID, S.CLOSED, CW, ls),
        staff_action("refer", S.STAGED_AID, S.REFERRED, CW, ls, required=("referred_to",)),
    ]


def referral(article: str) -> list[Action]:
    """A type decided by another authority: forward, then record its decision or its return."""
    fwd = f"S-ZX Art. 60; S-YJ item 23; {article}"
    refs = DIBAO_REFS | {"apply": f"{article}; S-YJ item 23", "materials": fwd}
    rows = [row for row in _intake(refs) if row.name != "accept"]
    return rows + [
        staff_action("forward", S.SUBMITTED, S.FORWARDED, CW, fwd, required=("to_unit",)),
        staff_action("record_external_decision", S.FORWARDED, S.DECIDED_ELSEWHERE, CW | SYS, article,
                     required=("outcome", "decided_by")),
        staff_action("record_return", S.FORWARDED, S.RETURNED, CW | SYS, fwd, reason_required=True),
        staff_action("forward", S.RETURNED, S.FORWARDED, CW, fwd, required=("to_unit",)),
        staff_action("close", S.RETURNED, S.CLOSED, CW, fwd, reason_required=True),
        *[_resident("withdraw", s, S.WITHDRAWN, refs["withdraw"]) for s in (S.FORWARDED, S.RETURNED)],
    ]
