"""The request state machine: every table row, every forbidden combination, and the rules on top."""
from __future__ import annotations

import json
from collections import deque
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from portal.domain.calendar import (
    SHANGHAI,
    CalendarNotCovered,
    WorkCalendar,
    load_calendar,
)
from portal.domain.policy import DATA_DIR, Policy, load_policy
from portal.domain.workflow import (
    Actor,
    Context,
    Flag,
    Principal,
    RequestState,
    Role,
    TransitionError,
    allowed_actions,
    apply,
    deadline_for,
    due_dates,
    effective_roles,
    needs_principal,
    next_step_for_resident,
    step_for,
    timeline,
    workflow_for,
)
from portal.domain.workflow import (
    AssistanceType as T,
)
from portal.domain.workflow import (
    State as S,
)
from portal.domain.workflow_fields import CHOICES, CONDITIONAL, FIELD_KINDS, add_months
from portal.domain.workflow_tables import (
    DELEGATION_KEYS,
    REFERRAL_AUTHORITY,
    STEP,
    WORKFLOWS,
    policy_keys,
)

WORKFLOW_JSON = json.loads((DATA_DIR / "workflow.json").read_text(encoding="utf-8"))
TODAY = date(2025, 11, 14)
ALL_ACTIONS = sorted({row.name for wf in WORKFLOWS.values() for row in wf.actions})
RESIDENT_P = Principal("resident-1", mandate_ref="mandate-7")


def make_policy(delegated: bool = False) -> Policy:
    """The shipped workflow parameters plus fixed values of the keys other modules own."""
    return Policy.from_entries(WORKFLOW_JSON + [
        {"key": "jurisdiction.dibao_delegated_to_street", "region": "440300", "effective_from": "2021-07-01",
         "value": delegated, "source": "test"},
        {"key": "temp_aid_street_limit_multiple", "region": "440300", "effective_from": "2021-07-01",
         "value": 3, "source": "test"},
        {"key": "dibao_standard", "region": "440300", "effective_from": "2024-07-01", "value": 1480, "source": "test"},
    ])


POLICY = make_policy()


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def actor(role: Role | str) -> Actor:
    return Actor(f"{role}-1", Role(role), name=f"{role} name")


def month_str(day: date, ahead: int) -> str:
    moved = add_months(day.replace(day=1), ahead)
    return f"{moved.year:04d}-{moved.month:02d}"


CHOICE_SAMPLE = {"visit_mode": "in_person", "resolution": "democratic_review", "special_reason": "hard_investigation",
                 "self_care_level": "partly_lost", "support_form": "dispersed", "trigger": "periodic",
                 "outcome": "granted", "aid_form": "cash"}


def sample(name: str, today: date):
    kind = FIELD_KINDS[name]
    return {
        "amount": 100, "next_month": month_str(today, 1), "phase_out_month": month_str(today, 3),
        "within_12_months": add_months(today, 6).isoformat(), "past_date": today.isoformat(), "stage_count": 3,
        "items": ["item one"], "two_staff": ["Wang Fang", "Li Lei"], "yes_no": False, "text": "some text",
        "choice": CHOICE_SAMPLE.get(name),
    }[kind]


def valid_data(row, today: date = TODAY) -> dict:
    data = {"reason": "a written reason"}
    for name in row.required:
        data[name] = sample(name, today)
    return data


def ready_state(type_: T, row, delegated: bool = False) -> RequestState:
    """A request in the row's source state whose time conditions are met."""
    past = TODAY - timedelta(days=30)
    return RequestState(type_, row.source, entered_on=past, accepted_on=past, delegated=delegated,
                        valid_until=TODAY - timedelta(days=1))


def principal_for(row, role: Role, delegated: bool):
    return RESIDENT_P if needs_principal(row, role, delegated) else None


ROWS = [(t, row) for t, wf in WORKFLOWS.items() for row in wf.actions]


@pytest.mark.parametrize("delegated", [False, True])
@pytest.mark.parametrize("type_, row", ROWS, ids=[f"{t}-{r.source}-{r.name}" for t, r in ROWS])
def test_every_row_is_allowed_for_its_roles_and_refused_for_the_others(type_, row, delegated):
    for role in Role:
        state = ready_state(type_, row, delegated)
        allowed = role in effective_roles(row, delegated) or role in row.proxy_roles
        if allowed:
            t = apply(state, row.name, actor(role), principal_for(row, role, delegated), at(TODAY),
                      valid_data(row), POLICY)
            assert (t.from_state, t.to_state) == (row.source, row.target)
            assert t.request.state is row.target
            assert t.event.actor_role is role and t.event.legal_basis == row.basis
            assert row in allowed_actions(type_, row.source, role, state.context(TODAY))
        else:
            with pytest.raises(TransitionError) as info:
                apply(state, row.name, actor(role), RESIDENT_P, at(TODAY), valid_data(row), POLICY)
            assert info.value.code == "role_forbidden", (role, info.value)
            assert row not in allowed_actions(type_, row.source, role, state.context(TODAY))


@pytest.mark.parametrize("type_", list(T))
def test_every_combination_outside_the_table_is_not_allowed(type_):
    index = WORKFLOWS[type_].index
    checked = 0
    for state in S:
        for name in ALL_ACTIONS:
            if (state, name) in index:
                continue
            for role in Role:
                with pytest.raises(TransitionError) as info:
                    apply(RequestState(type_, state, entered_on=TODAY), name, actor(role), RESIDENT_P, at(TODAY),
                          {"reason": "r"}, POLICY)
                assert info.value.code == "not_allowed"
                checked += 1
    assert checked > 1000


def test_an_assistant_never_decides_and_acts_in_its_own_right_only_to_report_an_emergency():
    for type_, row in ROWS:
        for delegated in (False, True):
            own = effective_roles(row, delegated)
            if row.is_decision:
                assert Role.ASSISTANT not in own | row.proxy_roles, (type_, row.name)
            if Role.ASSISTANT in own:
                assert (type_, row.name) == (T.TEMP_EMERGENCY, "report")


DECISIONS = {"approve", "reject", "adjust_amount", "phase_out", "stop", "send_back", "cancel_termination",
             "grant_fast_aid", "stage_aid"}
NEGATIVE = {"not_accept", "reject", "terminate", "transfer", "stop", "phase_out", "adjust_amount", "send_back",
            "data_check_failed", "object", "propose_termination", "cancel_termination", "record_return",
            "record_special_reason", "skip_notice"}


def test_decisions_are_held_by_a_decider_and_negative_outcomes_need_written_reasons():
    for type_, row in ROWS:
        if row.name in DECISIONS:
            assert row.is_decision, (type_, row.name)
        if row.name in NEGATIVE:
            assert row.reason_required, (type_, row.name)
        assert row.basis.strip(), (type_, row.name)


@pytest.mark.parametrize("type_", list(T))
def test_every_state_is_reachable_from_draft_and_has_a_code(type_):
    wf = WORKFLOWS[type_]
    seen, queue = {S.DRAFT}, deque([S.DRAFT])
    while queue:
        for row in wf.actions:
            if row.source is queue[0] and row.target not in seen:
                seen.add(row.target)
                queue.append(row.target)
        queue.popleft()
    assert seen == wf.states
    for state in wf.states:
        assert step_for(type_, state) in set(STEP.values()) | {"recognised"}
        code = next_step_for_resident(type_, state)
        assert code is None or (code and code == code.lower())
    assert set(timeline(type_)) <= {step_for(type_, s) for s in wf.states}


def test_every_state_has_a_timeline_step():
    assert set(STEP) == set(S)


def test_every_required_field_has_a_kind():
    for _, row in ROWS:
        for name in row.required:
            assert name in FIELD_KINDS, name
            if FIELD_KINDS[name] == "choice":
                assert CHOICE_SAMPLE[name] in CHOICES[name]
    for (name, _), extra in CONDITIONAL.items():
        assert name in FIELD_KINDS and all(e in FIELD_KINDS for e in extra)


def test_the_shipped_policy_has_every_key_the_workflow_reads():
    shipped = load_policy()
    for key in policy_keys():
        shipped.value(key, TODAY, "440305")  # raises PolicyError when absent
    assert set(DELEGATION_KEYS.values()) <= policy_keys()
    for entry in WORKFLOW_JSON:
        assert entry["key"].startswith("workflow.") and entry["source"].strip() and entry["example"] is True


# --- the road of one 低保 request -------------------------------------------------------------

CW, RV, RES, ASSISTANT, SYSTEM = (actor(r) for r in ("caseworker", "reviewer", "resident", "assistant", "system"))


def run(state: RequestState, steps, policy: Policy = POLICY):
    """Apply (day, action, actor, data[, principal]) in order; return the last transition."""
    t = None
    for step in steps:
        day, name, who, data = step[:4]
        principal = step[4] if len(step) > 4 else None
        t = apply(state, name, who, principal, at(day), data, policy)
        state = t.request
    return t


def accepted_dibao(accept_day=date(2025, 9, 26), policy=POLICY, close_relative=False) -> RequestState:
    return run(RequestState(T.DIBAO), [
        (accept_day - timedelta(days=1), "submit", RES, {}),
        (accept_day, "accept", CW, {"close_relative_of_staff": close_relative}),
    ], policy).request


def test_dibao_clock_is_30_working_days_from_acceptance_across_national_day():
    state = accepted_dibao()
    assert state.accepted_on == date(2025, 9, 26)
    t = apply(state, "start_investigation", CW, None, at(date(2025, 9, 28)), {}, POLICY)
    assert t.deadline == date(2025, 11, 13)
    first = due_dates(state, POLICY)[0]
    assert first.due_on == date(2025, 9, 30)  # investigation starts within 3 wd (Art. 15)
    assert first.deadline == date(2025, 11, 13)


def test_dibao_delegated_to_the_street_has_20_working_days_and_the_caseworker_decides():
    delegated = make_policy(delegated=True)
    state = accepted_dibao(policy=delegated)
    assert state.delegated is True
    assert due_dates(state, delegated)[0].deadline == date(2025, 10, 30)
    review = RequestState(T.DIBAO, S.COUNTY_REVIEW, entered_on=TODAY, accepted_on=TODAY, delegated=True)
    approve = {"amount": 900, "start_month": month_str(TODAY, 1), "income_irregular": False}
    assert apply(review, "approve", CW, None, at(TODAY), approve, delegated).to_state is S.APPROVED
    with pytest.raises(TransitionError) as info:
        apply(replace(review, delegated=False), "approve", CW, None, at(TODAY), approve, POLICY)
    assert info.value.code == "role_forbidden"


def test_a_policy_change_after_acceptance_does_not_move_the_clock():
    state = accepted_dibao(policy=POLICY)  # accepted while not delegated
    assert due_dates(state, make_policy(delegated=True))[0].deadline == date(2025, 11, 13)


@pytest.mark.parametrize("delegated", [False, True])
def test_a_recorded_special_reason_extends_to_45_working_days(delegated):
    policy = make_policy(delegated)
    state = accepted_dibao(policy=policy)
    t = apply(state, "record_special_reason", CW, None, at(date(2025, 10, 9)),
              {"special_reason": "household_separation", "reason": "family lives in Dongguan"}, policy)
    assert t.deadline == date(2025, 12, 4)
    assert t.to_state is S.ACCEPTED and t.request.entered_on == state.entered_on
    assert t.due_on == date(2025, 9, 30)  # the self-transition did not restart the 3-wd limit
    with pytest.raises(TransitionError) as info:
        apply(t.request, "record_special_reason", CW, None, at(date(2025, 10, 10)),
              {"special_reason": "hard_investigation", "reason": "again"}, policy)
    assert info.value.code == "already_recorded"


def test_special_reasons_must_come_from_the_list_that_applies():
    state = accepted_dibao()
    with pytest.raises(TransitionError) as info:
        apply(state, "record_special_reason", CW, None, at(TODAY), {"special_reason": "objection_at_notice",
                                                                    "reason": "r"}, POLICY)
    assert (info.value.code, info.value.field) == ("invalid_field", "special_reason")
    with pytest.raises(TransitionError) as info:
        apply(state, "record_special_reason", CW, None, at(TODAY), {"special_reason": "too_busy", "reason": "r"},
              POLICY)
    assert (info.value.code, info.value.field) == ("invalid_field", "special_reason")
    with pytest.raises(TransitionError) as info:
        apply(state, "record_special_reason", CW, None, at(TODAY), {"special_reason": "hard_investigation"}, POLICY)
    assert info.value.code == "reason_required"
    rigid = RequestState(T.RIGID_EXPENDITURE, S.INVESTIGATING, entered_on=TODAY, accepted_on=TODAY)
    with pytest.raises(TransitionError) as info:  # S-GX: only 人户分离 or a hard investigation
        apply(rigid, "record_special_reason", CW, None, at(TODAY), {"special_reason": "remote_application",
                                                                    "reason": "r"}, POLICY)
    assert info.value.code == "invalid_field"


def test_an_objection_at_the_notice_is_a_valid_special_reason_once_recorded():
    state = RequestState(T.DIBAO, S.PUBLICITY, entered_on=date(2025, 10, 9), accepted_on=date(2025, 9, 26))
    t = run(state, [
        (date(2025, 10, 10), "record_objection", CW, {"objection": "neighbour reports a car"}),
        (date(2025, 10, 10), "record_special_reason", CW, {"special_reason": "objection_at_notice", "reason": "r"}),
    ])
    assert Flag.OBJECTION_AT_NOTICE in t.request.flags and t.deadline == date(2025, 12, 4)


def test_other_types_have_their_own_totals():
    accepted = date(2025, 9, 26)
    d = lambda t_: deadline_for(t_, S.INVESTIGATING, accepted, accepted, policy=POLICY).deadline  # noqa: E731
    assert d(T.DIBAO) == date(2025, 11, 13)
    assert d(T.RIGID_EXPENDITURE) == date(2025, 11, 13)
    assert d(T.LOW_INCOME) == date(2025, 11, 13)           # policy: 30
    assert d(T.TEMP_EXPENDITURE) == date(2025, 10, 23)     # policy: 15
    assert d(T.TEKUN) == date(2025, 11, 20)                # 15 wd + 7 days + 15 wd
    assert d(T.TEMP_EMERGENCY) is None and d(T.MEDICAL) is None
    rigid_45 = deadline_for(T.RIGID_EXPENDITURE, S.HOME_VISIT, accepted, accepted, "hard_investigation",
                            policy=POLICY)
    assert rigid_45.deadline == date(2025, 12, 4)
    # After the decision there is no overall deadline any more.
    assert deadline_for(T.DIBAO, S.APPROVED, accepted, accepted, policy=POLICY).deadline is None


def test_county_review_has_10_working_days_and_the_refusal_notice_3():
    wd = deadline_for(T.DIBAO, S.COUNTY_REVIEW, date(2025, 9, 30), date(2025, 9, 1), policy=POLICY)
    assert wd.due_on == date(2025, 10, 21)  # 9-11 Oct (Saturday make-up day), 13-17, 20-21
    rejected = RequestState(T.DIBAO, S.COUNTY_REVIEW, entered_on=date(2025, 9, 30), accepted_on=date(2025, 9, 1))
    t = apply(rejected, "reject", RV, None, at(date(2025, 9, 30)), {"reason": "income above the standard"}, POLICY)
    assert t.due_on == date(2025, 10, 11) and t.event.reason == "income above the standard"  # a make-up Saturday
    t2 = apply(t.request, "notify_refusal", CW, None, at(date(2025, 10, 9)), {"notice_ref": "N-1"}, POLICY)
    assert t2.due_on is None and t2.to_state is S.REJECTED
    with pytest.raises(TransitionError) as info:
        apply(t2.request, "notify_refusal", CW, None, at(date(2025, 10, 9)), {"notice_ref": "N-2"}, POLICY)
    assert info.value.code == "already_recorded"
    assert next_step_for_resident(T.DIBAO, S.REJECTED) == "appeal_rights"


def test_the_public_notice_runs_7_calendar_days_before_it_can_be_closed():
    opened = RequestState(T.DIBAO, S.PRELIM_OPINION, entered_on=date(2025, 9, 29), accepted_on=date(2025, 9, 26))
    t = apply(opened, "open_notice", CW, None, at(date(2025, 9, 30)), {"location": "桂园社区公告栏"}, POLICY)
    assert t.to_state is S.PUBLICITY and t.due_on == date(2025, 10, 7)  # calendar days, holidays included
    notice = t.request
    for day in (date(2025, 10, 1), date(2025, 10, 7)):
        with pytest.raises(TransitionError) as info:
            apply(notice, "close_notice_no_objection", CW, None, at(day, 23), {}, POLICY)
        assert info.value.code == "notice_running"
        assert not [a for a in allowed_actions(T.DIBAO, S.PUBLICITY, Role.CASEWORKER, notice.context(day))
                    if a.name == "close_notice_no_objection"]
    t = apply(notice, "close_notice_no_objection", CW, None, at(date(2025, 10, 8), 9), {}, POLICY)
    assert t.to_state is S.COUNTY_REVIEW and t.due_on == date(2025, 10, 21)  # 10 wd from 8 Oct (a holiday)


def test_a_related_household_needs_the_countys_own_home_visit_before_any_decision():
    state = accepted_dibao(close_relative=True)
    assert Flag.SEPARATE_REGISTER in state.flags
    review = RequestState(T.DIBAO, S.COUNTY_REVIEW, entered_on=date(2025, 11, 3), accepted_on=state.accepted_on,
                          flags=state.flags)
    approve = {"amount": 900, "start_month": "2025-12", "income_irregular": False}
    for name, data in (("approve", approve), ("reject", {"reason": "r"})):
        with pytest.raises(TransitionError) as info:
            apply(review, name, RV, None, at(date(2025, 11, 5)), data, POLICY)
        assert info.value.code == "county_home_visit_required"
    assert [a.name for a in allowed_actions(T.DIBAO, S.COUNTY_REVIEW, Role.REVIEWER, review.context())
            if a.name in ("approve", "reject")] == []
    visited = apply(review, "record_home_visit", RV, None, at(date(2025, 11, 5)),
                    {"staff_names": ["Zhou Min", "Chen Hao"], "visit_mode": "in_person"}, POLICY)
    assert visited.request.entered_on == date(2025, 11, 3) and visited.due_on == date(2025, 11, 17)
    t = apply(visited.request, "approve", RV, None, at(date(2025, 11, 6)), approve, POLICY)
    assert t.to_state is S.APPROVED


def test_a_complaint_during_county_review_also_requires_the_home_visit():
    review = RequestState(T.LOW_INCOME, S.COUNTY_REVIEW, entered_on=TODAY, accepted_on=TODAY)
    t = apply(review, "record_complaint", CW, None, at(TODAY), {"complaint": "report by phone"}, POLICY)
    with pytest.raises(TransitionError) as info:
        apply(t.request, "approve", RV, None, at(TODAY), {"income_irregular": False}, POLICY)
    assert info.value.code == "county_home_visit_required"


@pytest.mark.parametrize("name, data, field, code", [
    ("approve", {"start_month": "2025-12", "income_irregular": False}, "amount", "missing_field"),
    ("approve", {"amount": 0, "start_month": "2025-12", "income_irregular": False}, "amount", "invalid_field"),
    ("approve", {"amount": True, "start_month": "2025-12", "income_irregular": False}, "amount", "invalid_field"),
    ("approve", {"amount": 900, "income_irregular": False}, "start_month", "missing_field"),
    # Payment starts the month after the decision (Art. 21): not this month, not later.
    ("approve", {"amount": 900, "start_month": "2025-11", "income_irregular": False}, "start_month", "invalid_field"),
    ("approve", {"amount": 900, "start_month": "2026-01", "income_irregular": False}, "start_month", "invalid_field"),
    ("approve", {"amount": 900, "start_month": "2025-12"}, "income_irregular", "missing_field"),
    ("approve", {"amount": 900, "start_month": "2025-12", "income_irregular": "no"}, "income_irregular",
     "invalid_field"),
    ("reject", {}, "reason", "reason_required"),
    ("reject", {"reason": "   "}, "reason", "reason_required"),
    ("send_back", {}, "reason", "reason_required"),
])
def test_decision_data_is_validated(name, data, field, code):
    review = RequestState(T.DIBAO, S.COUNTY_REVIEW, entered_on=TODAY, accepted_on=TODAY)
    with pytest.raises(TransitionError) as info:
        apply(review, name, RV, None, at(TODAY), data, POLICY)
    assert (info.value.code, info.value.field) == (code, field)


@pytest.mark.parametrize("staff, ok", [
    (["Wang Fang", "Li Lei"], True),
    (["Wang Fang", " wang  fang "], False),   # the same person twice
    (["Wang Fang"], False),
    (["Wang Fang", ""], False),
    ("Wang Fang, Li Lei", False),
])
def test_a_home_visit_needs_two_distinct_staff(staff, ok):
    visit = RequestState(T.DIBAO, S.HOME_VISIT, entered_on=TODAY, accepted_on=TODAY)
    data = {"staff_names": staff, "visit_mode": "in_person"}
    if ok:
        assert apply(visit, "record_home_visit", CW, None, at(TODAY), data, POLICY).to_state is S.INVESTIGATING
    else:
        with pytest.raises(TransitionError) as info:
            apply(visit, "record_home_visit", CW, None, at(TODAY), data, POLICY)
        assert (info.value.code, info.value.field) == ("invalid_field", "staff_names")


def test_missing_materials_are_listed_once_and_a_second_request_must_say_why():
    submitted = RequestState(T.DIBAO, S.SUBMITTED, entered_on=TODAY)
    with pytest.raises(TransitionError) as info:
        apply(submitted, "request_materials", CW, None, at(TODAY), {"missing_items": []}, POLICY)
    assert (info.value.code, info.value.field) == ("missing_field", "missing_items")
    first = run(submitted, [
        (TODAY, "request_materials", CW, {"missing_items": ["户口簿", "租赁备案"]}),
        (TODAY, "materials_supplied", RES, {}),
    ])
    assert first.to_state is S.SUBMITTED and Flag.MATERIALS_REQUESTED in first.request.flags
    with pytest.raises(TransitionError) as info:
        apply(first.request, "request_materials", CW, None, at(TODAY), {"missing_items": ["病历"]}, POLICY)
    assert info.value.code == "reason_required"
    again = apply(first.request, "request_materials", CW, None, at(TODAY),
                  {"missing_items": ["病历"], "reason": "the supplied receipt shows a new illness"}, POLICY)
    assert again.event.reason == "the supplied receipt shows a new illness"
    assert next_step_for_resident(T.DIBAO, again.to_state) == "supply_listed_materials"


def test_acting_for_a_resident_needs_the_resident_and_for_an_assistant_the_mandate():
    draft = RequestState(T.DIBAO)
    with pytest.raises(TransitionError) as info:
        apply(draft, "submit", ASSISTANT, None, at(TODAY), {}, POLICY)
    assert info.value.code == "mandate_required"
    with pytest.raises(TransitionError) as info:
        apply(draft, "submit", ASSISTANT, Principal("resident-1"), at(TODAY), {}, POLICY)
    assert info.value.code == "mandate_required"
    t = apply(draft, "submit", ASSISTANT, RESIDENT_P, at(TODAY), {}, POLICY)
    assert t.event.on_behalf_of == RESIDENT_P and t.event.actor_role is Role.ASSISTANT
    with pytest.raises(TransitionError) as info:  # a caseworker recording a withdrawal names the resident
        apply(t.request, "withdraw", CW, None, at(TODAY), {}, POLICY)
    assert info.value.code == "mandate_required"
    assert apply(t.request, "withdraw", CW, Principal("resident-1"), at(TODAY), {}, POLICY).to_state is S.WITHDRAWN
    assert apply(t.request, "withdraw", RES, None, at(TODAY), {}, POLICY).to_state is S.WITHDRAWN


def test_the_event_records_who_for_whom_what_when_why_and_the_basis():
    data = {"reason": " income above the standard ", "extra": [1, 2]}
    state = RequestState(T.DIBAO, S.COUNTY_REVIEW, entered_on=TODAY, accepted_on=TODAY)
    moment = at(TODAY, 15)
    t = apply(state, "reject", RV, None, moment, data, POLICY)
    e = t.event
    assert (e.actor_id, e.actor_role, e.on_behalf_of) == ("reviewer-1", Role.REVIEWER, None)
    assert (e.from_state, e.to_state, e.at, e.on) == (S.COUNTY_REVIEW, S.REJECTED, moment, TODAY)
    assert e.reason == "income above the standard" and e.legal_basis == "S-DB Arts. 21, 38"
    assert dict(e.data) == {"extra": (1, 2)}
    assert data == {"reason": " income above the standard ", "extra": [1, 2]}  # the caller's data is untouched
    assert state.state is S.COUNTY_REVIEW


def test_now_must_be_timezone_aware_and_is_read_in_shanghai():
    draft = RequestState(T.DIBAO)
    with pytest.raises(ValueError):
        apply(draft, "submit", RES, None, datetime(2025, 9, 30, 10), {}, POLICY)
    utc_evening = datetime(2025, 9, 30, 17, 0, tzinfo=timezone.utc)
    assert apply(draft, "submit", RES, None, utc_evening, {}, POLICY).request.entered_on == date(2025, 10, 1)


def test_a_deadline_beyond_the_last_notice_is_provisional_never_blank():
    # Issue 15: accepted on 1 Dec 2026, the 30 working days run into 2027, which has no notice
    # yet; the deadline comes from the statutory holidays (1 January off) instead of None.
    state = accepted_dibao(accept_day=date(2026, 12, 1))
    t = apply(state, "start_investigation", CW, None, at(date(2026, 12, 2)), {}, POLICY)
    assert t.to_state is S.INVESTIGATING and t.deadline == date(2027, 1, 13) and t.warnings == ()
    assert load_calendar().is_provisional(t.deadline)
    assert deadline_for(T.DIBAO, S.INVESTIGATING, date(2026, 12, 2), date(2026, 12, 1),
                        policy=POLICY).deadline == date(2027, 1, 13)


def test_a_deadline_before_the_first_notice_is_reported_not_guessed():
    # A calendar holding 2026 alone cannot count back into 2025 (a request imported from then).
    only_2026 = WorkCalendar(years={2026: load_calendar().years[2026]})
    state = accepted_dibao(accept_day=date(2026, 1, 5))
    late = replace(state, accepted_on=date(2025, 12, 1))
    deadlines, warnings = due_dates(late, POLICY, only_2026)
    assert deadlines.deadline is None and warnings == ("calendar_not_covered",)
    with pytest.raises(CalendarNotCovered):
        deadline_for(T.DIBAO, S.INVESTIGATING, date(2025, 12, 2), date(2025, 12, 1), policy=POLICY,
                     calendar=only_2026)


# --- after approval --------------------------------------------------------------------------

@pytest.mark.parametrize("irregular, months", [(False, 12), (True, 6)])
def test_dibao_review_is_yearly_or_half_yearly_for_irregular_income(irregular, months):
    review = RequestState(T.DIBAO, S.COUNTY_REVIEW, entered_on=TODAY, accepted_on=TODAY)
    t = run(review, [
        (TODAY, "approve", RV, {"amount": 1200, "start_month": "2025-12", "income_irregular": irregular}),
        (date(2025, 12, 1), "start_payment", SYSTEM, {}),
    ])
    assert t.to_state is S.IN_PAYMENT and t.due_on == add_months(date(2025, 12, 1), months)
    assert next_step_for_resident(T.DIBAO, S.IN_PAYMENT) == "report_changes"


def test_dibao_phase_out_is_at_most_6_months_and_a_death_triggers_a_review_within_3_months():
    paying = RequestState(T.DIBAO, S.IN_PAYMENT, entered_on=date(2025, 1, 1), accepted_on=date(2024, 11, 1))
    with pytest.raises(TransitionError) as info:
        apply(paying, "phase_out", RV, None, at(TODAY), {"end_month": "2026-06", "reason": "job found"}, POLICY)
    assert (info.value.code, info.value.field) == ("invalid_field", "end_month")
    t = apply(paying, "phase_out", RV, None, at(TODAY), {"end_month": "2026-05", "reason": "job found"}, POLICY)
    assert t.to_state is S.PHASING_OUT and t.due_on == date(2026, 5, 31)
    stop = apply(t.request, "stop", SYSTEM, None, at(date(2026, 6, 1)), {"reason": "phase-out ended"}, POLICY)
    assert stop.to_state is S.STOPPED
    with pytest.raises(TransitionError) as info:
        apply(paying, "schedule_review", CW, None, at(TODAY), {"trigger": "member_death"}, POLICY)
    assert (info.value.code, info.value.field) == ("missing_field", "death_date")
    with pytest.raises(TransitionError) as info:  # a death date in the future
        apply(paying, "schedule_review", CW, None, at(TODAY), {"trigger": "member_death",
                                                               "death_date": "2025-11-30"}, POLICY)
    assert (info.value.code, info.value.field) == ("invalid_field", "death_date")
    t = apply(paying, "schedule_review", CW, None, at(TODAY), {"trigger": "member_death",
                                                               "death_date": "2025-11-02"}, POLICY)
    assert t.to_state is S.UNDER_REVIEW and t.due_on == date(2026, 2, 2)


def test_rigid_expenditure_recognition_lasts_at_most_12_months_then_expires():
    review = RequestState(T.RIGID_EXPENDITURE, S.COUNTY_REVIEW, entered_on=TODAY, accepted_on=TODAY)
    with pytest.raises(TransitionError) as info:
        apply(review, "approve", RV, None, at(TODAY), {"valid_until": "2026-11-15"}, POLICY)
    assert (info.value.code, info.value.field) == ("invalid_field", "valid_until")
    t = apply(review, "approve", RV, None, at(TODAY), {"valid_until": "2026-11-14"}, POLICY)
    assert t.due_on == date(2026, 11, 14)
    with pytest.raises(TransitionError) as info:
        apply(t.request, "expire", SYSTEM, None, at(date(2026, 11, 14)), {}, POLICY)
    assert info.value.code == "still_valid"
    assert apply(t.request, "expire", SYSTEM, None, at(date(2026, 11, 15)), {}, POLICY).to_state is S.EXPIRED


# --- 特困 ---------------------------------------------------------------------------------------

def test_tekun_must_republish_after_a_dispute_and_each_dispute_extends_the_clock():
    accepted = date(2025, 9, 26)
    notice = RequestState(T.TEKUN, S.PUBLICITY, entered_on=date(2025, 10, 20), accepted_on=accepted)
    assert due_dates(notice, POLICY)[0].deadline == date(2025, 11, 20)
    disputed = apply(notice, "record_objection", CW, None, at(date(2025, 10, 22)),
                     {"objection": "has a son who can support"}, POLICY)
    assert disputed.to_state is S.DISPUTED and disputed.request.disputes == 1
    assert disputed.due_on == date(2025, 11, 12)        # re-investigation: 15 wd
    assert disputed.deadline == date(2025, 12, 18)      # + 15 wd + 7 days
    assert sorted(a.name for a in allowed_actions(T.TEKUN, S.DISPUTED, Role.CASEWORKER)) == [
        "open_notice", "terminate", "withdraw"]
    with pytest.raises(TransitionError) as info:
        apply(disputed.request, "submit_revised_opinion", CW, None, at(TODAY),
              {"opinion": "eligible", "resolution": "reinvestigation"}, POLICY)
    assert info.value.code == "not_allowed"
    republished = apply(disputed.request, "open_notice", CW, None, at(date(2025, 11, 5)),
                        {"location": "社区公告栏", "opinion": "eligible", "resolution": "reinvestigation"}, POLICY)
    assert republished.to_state is S.PUBLICITY and republished.due_on == date(2025, 11, 12)
    # 低保, by contrast, may send the new opinion straight to the county.
    dibao = RequestState(T.DIBAO, S.DISPUTED, entered_on=TODAY, accepted_on=accepted)
    t = apply(dibao, "submit_revised_opinion", CW, None, at(TODAY),
              {"opinion": "eligible", "resolution": "democratic_review"}, POLICY)
    assert t.to_state is S.COUNTY_REVIEW


def test_tekun_phase_limits_are_15_working_days_each():
    accepted = date(2025, 9, 26)
    for state in (S.ACCEPTED, S.HOME_VISIT, S.PRELIM_OPINION):
        assert deadline_for(T.TEKUN, state, date(2025, 10, 20), accepted, policy=POLICY).due_on == date(2025, 10, 23)
    assert deadline_for(T.TEKUN, S.COUNTY_REVIEW, date(2025, 10, 31), accepted,
                        policy=POLICY).due_on == date(2025, 11, 21)


def test_tekun_after_approval_assesses_self_care_and_lets_the_person_choose_the_form_of_support():
    review = RequestState(T.TEKUN, S.COUNTY_REVIEW, entered_on=TODAY, accepted_on=TODAY)
    t = run(review, [
        (TODAY, "approve", RV, {"amount": 2368, "start_month": "2025-12"}),
        (TODAY, "assess_self_care", CW, {"self_care_level": "fully_lost"}),
    ])
    assert t.to_state is S.SUPPORT_CHOICE
    assert next_step_for_resident(T.TEKUN, S.SUPPORT_CHOICE) == "choose_support_form"
    with pytest.raises(TransitionError) as info:
        apply(t.request, "choose_support_form", RES, None, at(TODAY), {"support_form": "hospital"}, POLICY)
    assert info.value.code == "invalid_field"
    t = run(t.request, [
        (TODAY, "choose_support_form", ASSISTANT, {"support_form": "concentrated"}, RESIDENT_P),
        (date(2025, 12, 1), "start_payment", CW, {}),
    ])
    assert t.to_state is S.IN_PAYMENT and t.due_on == date(2026, 12, 1)


def test_tekun_support_ends_only_after_a_termination_notice():
    paying = RequestState(T.TEKUN, S.IN_PAYMENT, entered_on=date(2025, 1, 1), accepted_on=date(2024, 11, 1))
    with pytest.raises(TransitionError) as info:
        apply(paying, "stop", RV, None, at(TODAY), {"reason": "regained labour capacity"}, POLICY)
    assert info.value.code == "not_allowed"
    notice = apply(paying, "propose_termination", CW, None, at(TODAY), {"reason": "regained labour capacity"},
                   POLICY)
    assert notice.to_state is S.TERMINATION_NOTICE and notice.due_on == date(2025, 11, 21)
    with pytest.raises(TransitionError) as info:
        apply(notice.request, "stop", RV, None, at(date(2025, 11, 21)), {"reason": "r"}, POLICY)
    assert info.value.code == "notice_running"
    stopped = apply(notice.request, "stop", RV, None, at(date(2025, 11, 22)), {"reason": "r"}, POLICY)
    assert stopped.to_state is S.STOPPED
    assert next_step_for_resident(T.TEKUN, S.STOPPED) == "appeal_rights_or_other_assistance"


# --- 临时救助 -----------------------------------------------------------------------------------

def test_emergency_aid_is_given_first_and_the_paperwork_follows():
    day = date(2025, 10, 9)
    reported = apply(RequestState(T.TEMP_EMERGENCY), "report", ASSISTANT, None, at(day),
                     {"incident_location": "福田区沙头街道"}, POLICY)
    assert reported.to_state is S.SUBMITTED and reported.due_on == day  # same day
    assert reported.event.on_behalf_of is None
    for skipped in ("accept", "start_investigation", "open_notice"):
        with pytest.raises(TransitionError) as info:
            apply(reported.request, skipped, CW, None, at(day), {}, POLICY)
        assert info.value.code == "not_allowed"
    # The street may grant up to 3 x 1480 = 4440 on its own; above that the district decides.
    with pytest.raises(TransitionError) as info:
        apply(reported.request, "grant_fast_aid", CW, None, at(day), {"aid_form": "cash", "amount": 4441}, POLICY)
    assert (info.value.code, info.value.field) == ("above_street_limit", "amount")
    big = apply(reported.request, "grant_fast_aid", RV, None, at(day), {"aid_form": "cash", "amount": 8000}, POLICY)
    assert big.to_state is S.FAST_AID_GRANTED
    aid = apply(reported.request, "grant_fast_aid", CW, None, at(day), {"aid_form": "cash", "amount": "4440"}, POLICY)
    assert aid.to_state is S.FAST_AID_GRANTED and aid.due_on == date(2025, 10, 22)  # 10 wd incl. Sat 11 Oct
    with pytest.raises(TransitionError) as info:
        apply(aid.request, "close", CW, None, at(day), {}, POLICY)
    assert info.value.code == "not_allowed"
    with pytest.raises(TransitionError) as info:
        apply(aid.request, "backfill", CW, None, at(day), {"recipient": "张三", "cause": "fire", "amount": 4440},
              POLICY)
    assert (info.value.code, info.value.field) == ("missing_field", "signed_by")
    t = run(aid.request, [
        (day, "backfill", CW, {"recipient": "张三", "cause": "fire", "amount": 4440,
                               "signed_by": ["李四", "王五"]}),
        (day, "stage_aid", CW, {"total_amount": 3000, "stages": 3}),
        (day, "record_stage_payment", SYSTEM, {"amount": 1000}),
        (day, "close", CW, {}),
    ])
    assert t.to_state is S.CLOSED and step_for(T.TEMP_EMERGENCY, S.CLOSED) == "closed"


def test_expenditure_type_temporary_aid_follows_the_full_procedure_with_a_street_limit():
    review = RequestState(T.TEMP_EXPENDITURE, S.COUNTY_REVIEW, entered_on=TODAY, accepted_on=TODAY)
    with pytest.raises(TransitionError) as info:
        apply(review, "approve", CW, None, at(TODAY), {"amount": 5000}, POLICY)
    assert info.value.code == "above_street_limit"
    t = run(review, [(TODAY, "approve", RV, {"amount": 5000}), (TODAY, "pay", SYSTEM, {})])
    assert t.to_state is S.PAID
    urgent = RequestState(T.TEMP_EXPENDITURE, S.PRELIM_OPINION, entered_on=TODAY, accepted_on=TODAY)
    with pytest.raises(TransitionError) as info:
        apply(urgent, "skip_notice", CW, None, at(TODAY), {}, POLICY)
    assert info.value.code == "reason_required"
    with pytest.raises(TransitionError):
        apply(RequestState(T.DIBAO, S.PRELIM_OPINION, entered_on=TODAY), "skip_notice", CW, None, at(TODAY),
              {"reason": "urgent"}, POLICY)


# --- referral types --------------------------------------------------------------------------

@pytest.mark.parametrize("type_", list(REFERRAL_AUTHORITY))
def test_referral_types_are_forwarded_and_decided_elsewhere(type_):
    assert workflow_for(type_).authority == REFERRAL_AUTHORITY[type_][0]
    assert not any(row.is_decision for row in workflow_for(type_).actions)
    submitted = apply(RequestState(type_), "submit", RES, None, at(TODAY), {}, POLICY)
    assert submitted.due_on == date(2025, 11, 21)  # 5 wd to forward (policy)
    with pytest.raises(TransitionError) as info:
        apply(submitted.request, "forward", CW, None, at(TODAY), {}, POLICY)
    assert (info.value.code, info.value.field) == ("missing_field", "to_unit")
    t = run(submitted.request, [
        (TODAY, "forward", CW, {"to_unit": "the responsible unit"}),
        (TODAY, "record_return", SYSTEM, {"reason": "needs the street's household check"}),
        (TODAY, "forward", CW, {"to_unit": "the responsible unit"}),
        (TODAY, "record_external_decision", SYSTEM, {"outcome": "granted", "decided_by": "unit"}),
    ])
    assert t.to_state is S.DECIDED_ELSEWHERE
    assert next_step_for_resident(type_, S.DECIDED_ELSEWHERE) == "see_decision_of_authority"
    assert timeline(type_) == ("application", "acceptance", "other_authority", "decision")
    with pytest.raises(TransitionError) as info:
        apply(RequestState(type_, S.FORWARDED), "approve", RV, None, at(TODAY), {"amount": 1}, POLICY)
    assert info.value.code == "not_allowed"


def test_authorities_agree_with_jurisdiction_routing():
    from portal.domain.jurisdiction import TYPE_RULES
    for type_ in T:
        assert workflow_for(type_).authority == TYPE_RULES[type_.value].authority, type_


def test_a_request_can_be_transferred_to_another_office_with_a_reason():
    submitted = RequestState(T.DIBAO, S.SUBMITTED, entered_on=TODAY)
    with pytest.raises(TransitionError) as info:
        apply(submitted, "transfer", Actor("a1", Role.ADMIN), None, at(TODAY), {"to_office": "440304001"}, POLICY)
    assert info.value.code == "reason_required"
    t = apply(submitted, "transfer", Actor("a1", Role.ADMIN), None, at(TODAY),
              {"to_office": "440304001", "reason": "hukou is in 福田"}, POLICY)
    assert t.to_state is S.TRANSFERRED and t.event.data["to_office"] == "440304001"
    assert apply(t.request, "receive_transfer", CW, None, at(TODAY), {}, POLICY).to_state is S.SUBMITTED


def test_resident_codes_for_the_steps_where_they_must_act():
    assert next_step_for_resident(T.DIBAO, S.DRAFT) == "complete_and_submit"
    assert next_step_for_resident(T.DIBAO, S.CHECK_FAILED) == "object_with_evidence_if_you_disagree"
    assert next_step_for_resident(T.DIBAO, S.COUNTY_REVIEW) is None
    assert next_step_for_resident(T.LOW_INCOME, S.APPROVED) == "report_changes"
    assert next_step_for_resident(T.DIBAO, S.APPROVED) is None
    assert step_for(T.LOW_INCOME, S.APPROVED) == "recognised" and step_for(T.DIBAO, S.APPROVED) == "decision"


def test_allowed_actions_accepts_codes_and_defaults():
    names = [a.name for a in allowed_actions("dibao", "SUBMITTED", "caseworker")]
    assert names == ["accept", "request_materials", "not_accept", "withdraw", "transfer"]
    delegated = {a.name for a in allowed_actions("dibao", "COUNTY_REVIEW", "caseworker", Context(delegated=True))}
    assert {"approve", "reject", "send_back"} <= delegated
    district = {a.name for a in allowed_actions("dibao", "COUNTY_REVIEW", "caseworker")}
    assert not district & {"approve", "reject", "send_back"}
    assistant = allowed_actions("dibao", "COUNTY_REVIEW", "assistant", Context(delegated=True))
    assert [a.name for a in assistant] == ["withdraw"]
    assert needs_principal(assistant[0], Role.ASSISTANT, True)
