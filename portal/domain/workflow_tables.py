"""The assistance types' workflows, time limits and display codes, as data.

National time limits are numbers here with their article; local ones (tagged [R]/[I] in portal/domain/rules.md, "Legend")
are policy keys (``portal/data/policy/workflow.json``) read on the date the clock started.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from .workflow_fragments import (
    CW,
    DIBAO_REFS,
    INVESTIGATION_PHASE,
    LOW_INCOME_REFS,
    PRE_DECISION,
    RIGID_REFS,
    STREET_LIMIT,
    SYS,
    TEKUN_REFS,
    TEMP_EXPENDITURE_REFS,
    assessed,
    dibao_exit,
    in_payment,
    recognition,
    referral,
    staff_action,
    tekun_after_approval,
    temp_emergency,
)
from .workflow_types import (
    Action,
    Anchor,
    ChainLimit,
    Decider,
    Flag,
    Limit,
    SpecialReason,
    TotalLimit,
    Unit,
)
from .workflow_types import (
    AssistanceType as T,
)
from .workflow_types import (
    State as S,
)

__all__ = ["ACCEPTANCE_KEY", "AMOUNT_LIMITS", "DELEGATION_KEYS", "PRE_DECISION", "RESIDENT_NEXT",
           "RESIDENT_NEXT_OVERRIDES", "STEP", "STEP_OVERRIDES", "WORKFLOWS", "Workflow", "policy_keys"]

WD, CD = Unit.WORKING_DAYS, Unit.CALENDAR_DAYS
ACCEPTANCE_KEY = "workflow.acceptance_decision_wd"
# Whether 审核确认 is delegated to the street office; the key is shared with jurisdiction.py so that
# routing and time limits cannot disagree. Types absent here are always decided by the district.
DELEGATION_KEYS: Mapping[T, str] = MappingProxyType({T.DIBAO: "jurisdiction.dibao_delegated_to_street"})
# An amount limit is the product of policy values on the decision date: the street may approve
# 临时救助 up to temp_aid_street_limit_multiple x dibao_standard (S-ZX Art. 48; assistance.json).
AMOUNT_LIMITS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    STREET_LIMIT: ("temp_aid_street_limit_multiple", "dibao_standard"),
})


@dataclass(frozen=True)
class Workflow:
    """Everything the engine knows about one assistance type.

    ``authority`` uses the codes of ``jurisdiction.py`` (the authority that normally decides);
    where 低保 is delegated, jurisdiction routes the decision to the street office.
    """

    type: T
    authority: str
    actions: tuple[Action, ...]
    limits: Mapping[S, Limit]
    total: TotalLimit | ChainLimit | None
    data_due: Mapping[S, str] = field(default_factory=lambda: MappingProxyType({}))
    review_months: tuple[int, int] | None = None  # (regular income, irregular income)
    timeline: tuple[str, ...] = ()
    index: Mapping[tuple[S, str], Action] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[tuple[S, str], Action] = {}
        for row in self.actions:
            key = (row.source, row.name)
            if key in index:
                raise ValueError(f"{self.type}: two rows for {key}")
            index[key] = row
        object.__setattr__(self, "index", MappingProxyType(index))

    @property
    def states(self) -> frozenset[S]:
        return frozenset({r.source for r in self.actions} | {r.target for r in self.actions})


def _limits(**by_state: Limit) -> Mapping[S, Limit]:
    return MappingProxyType({S[name]: limit for name, limit in by_state.items()})


_ACCEPTANCE = Limit(ACCEPTANCE_KEY, WD, "[I] local limit for deciding on acceptance (rules.md §9.1 row 1)")
_NOTICE = Limit(7, CD, "S-DB Art. 19; S-DD 四(二): 公示 for 7 days")
DIBAO_LIMITS = _limits(
    SUBMITTED=_ACCEPTANCE,
    ACCEPTED=Limit(3, WD, "S-DB Art. 15: investigation starts within 3 wd"),
    DATA_CHECK=Limit(3, WD, "S-DB Art. 17: county starts matching within 3 wd"),
    PUBLICITY=_NOTICE,
    COUNTY_REVIEW=Limit(10, WD, "S-DB Art. 20: county opinion within 10 wd"),
    REJECTED=Limit(3, WD, "S-DB Art. 21: written refusal within 3 wd", until=Flag.REFUSAL_NOTIFIED),
)
_TEKUN_PHASE = Limit(15, WD, "S-TK: investigation and 初审意见 within 15 wd of acceptance", anchor=Anchor.ACCEPTED)
TEKUN_LIMITS = MappingProxyType({
    S.SUBMITTED: _ACCEPTANCE,
    **{s: _TEKUN_PHASE for s in INVESTIGATION_PHASE},
    S.PUBLICITY: Limit(7, CD, "S-TK: 公示 for 7 days"),
    S.DISPUTED: Limit(15, WD, "S-TK: re-investigation and re-publication within 15 wd"),
    S.COUNTY_REVIEW: Limit(15, WD, "S-TK: county review within 15 wd"),
    S.REJECTED: Limit(3, WD, "S-TK: written refusal within 3 wd", until=Flag.REFUSAL_NOTIFIED),
    S.TERMINATION_NOTICE: Limit(7, CD, "S-TK: termination 公示 for 7 days"),
    S.TERMINATION_DISPUTED: Limit(15, WD, "S-TK: objection to termination decided within 15 wd"),
})

ALL_SPECIAL = frozenset(SpecialReason)
_PAYMENT_DUE = MappingProxyType({S.IN_PAYMENT: "review_due_on", S.UNDER_REVIEW: "review_due_on",
                                 S.PHASING_OUT: "phase_out_ends_on"})
_ASSESSED_TIMELINE = ("application", "acceptance", "investigation", "public_notice", "decision")
_REFERRAL_TIMELINE = ("application", "acceptance", "other_authority", "decision")
REFERRAL_AUTHORITY: dict[T, tuple[str, str]] = {
    T.MEDICAL: ("medical_security_bureau", "S-ZX Art. 30"),
    T.EDUCATION: ("school_education_bureau", "S-ZX Art. 36"),
    T.HOUSING: ("housing_bureau", "S-ZX Art. 40"),
    T.EMPLOYMENT: ("public_employment_service", "S-ZX Art. 44"),
    T.DISASTER: ("emergency_management", "rules.md §8 [I]"),
}

_COUNTY, _STREET = Decider.COUNTY, Decider.STREET_WITHIN_LIMIT
WORKFLOWS: Mapping[T, Workflow] = MappingProxyType({
    T.DIBAO: Workflow(
        T.DIBAO, "civil_affairs_district",
        tuple(assessed(DIBAO_REFS, _COUNTY, S.APPROVED, ("amount", "start_month", "income_irregular"), True)
              + in_payment(DIBAO_REFS, S.APPROVED) + dibao_exit(DIBAO_REFS)),
        DIBAO_LIMITS,
        TotalLimit(30, "S-DB Art. 22; S-DD 四(一)", delegated=20, special=45, special_reasons=ALL_SPECIAL),
        _PAYMENT_DUE, (12, 6), _ASSESSED_TIMELINE + ("support",)),
    T.LOW_INCOME: Workflow(
        T.LOW_INCOME, "civil_affairs_district",
        tuple(assessed(LOW_INCOME_REFS, _COUNTY, S.APPROVED, ("income_irregular",), True)
              + recognition(LOW_INCOME_REFS, periodic=True)),
        DIBAO_LIMITS,
        TotalLimit("workflow.low_income_total_wd", "[I] S-DB Art. 22 skeleton (policy)",
                   special="workflow.low_income_special_total_wd", special_reasons=ALL_SPECIAL),
        MappingProxyType({S.APPROVED: "review_due_on", S.UNDER_REVIEW: "review_due_on"}), (12, 6),
        _ASSESSED_TIMELINE + ("recognised",)),
    T.RIGID_EXPENDITURE: Workflow(
        T.RIGID_EXPENDITURE, "civil_affairs_district",
        tuple(assessed(RIGID_REFS, _COUNTY, S.APPROVED, ("valid_until",), True)
              + recognition(RIGID_REFS, periodic=False)),
        _limits(SUBMITTED=_ACCEPTANCE, PUBLICITY=_NOTICE),
        TotalLimit(30, "S-GX", special=45, special_reasons=frozenset(
            {SpecialReason.HOUSEHOLD_SEPARATION, SpecialReason.HARD_INVESTIGATION})),
        MappingProxyType({S.APPROVED: "valid_until"}), None, _ASSESSED_TIMELINE + ("recognised",)),
    T.TEKUN: Workflow(
        T.TEKUN, "civil_affairs_district",
        tuple(assessed(TEKUN_REFS, _COUNTY, S.SELF_CARE_ASSESSMENT, ("amount", "start_month"), False,
                        republish_required=True, special=False) + tekun_after_approval(TEKUN_REFS)),
        TEKUN_LIMITS,
        ChainLimit(phases=((15, WD), (7, CD)), per_dispute=((15, WD), (7, CD)), final=((15, WD),),
                   basis="S-TK Arts. 13-18: 15 wd + 7-day notice (+ 15 wd + notice per objection) + 15 wd"),
        MappingProxyType({S.IN_PAYMENT: "review_due_on", S.UNDER_REVIEW: "review_due_on"}), (12, 12),
        _ASSESSED_TIMELINE + ("support_arrangement", "support")),
    T.TEMP_EXPENDITURE: Workflow(
        T.TEMP_EXPENDITURE, "civil_affairs_district",
        tuple(assessed(TEMP_EXPENDITURE_REFS, _STREET, S.APPROVED, ("amount",), False,
                        limit_key=STREET_LIMIT, special=False)
              + [staff_action("skip_notice", S.PRELIM_OPINION, S.COUNTY_REVIEW, CW,
                              TEMP_EXPENDITURE_REFS["skip_notice"], reason_required=True),
                 staff_action("pay", S.APPROVED, S.PAID, CW | SYS, TEMP_EXPENDITURE_REFS["payment"])]),
        _limits(SUBMITTED=_ACCEPTANCE, PUBLICITY=Limit(7, CD, "[I] S-ZX Art. 48 公示; 7 days as for 低保")),
        TotalLimit("workflow.temp_expenditure_total_wd", "[R] local limit (rules.md §3.2; policy)"),
        timeline=_ASSESSED_TIMELINE + ("support",)),
    T.TEMP_EMERGENCY: Workflow(
        T.TEMP_EMERGENCY, "street_office", tuple(temp_emergency()),
        _limits(SUBMITTED=Limit(0, CD, "[I] S-LS 二(二): help first, the same day"),
                FAST_AID_GRANTED=Limit("workflow.emergency_backfill_wd", WD, "[I] backfill limit (policy)")),
        None, timeline=("application", "aid", "paperwork", "closed")),
    **{t: Workflow(t, authority, tuple(referral(article)), _limits(SUBMITTED=_ACCEPTANCE), None,
                   timeline=_REFERRAL_TIMELINE)
       for t, (authority, article) in REFERRAL_AUTHORITY.items()},
})

# Coarse step of each state, for the resident's timeline (translated by the web layer).
STEP: Mapping[S, str] = MappingProxyType({
    S.DRAFT: "application",
    **{s: "acceptance" for s in (S.SUBMITTED, S.NEEDS_MATERIALS, S.NOT_ACCEPTED, S.TRANSFERRED)},
    **{s: "investigation" for s in INVESTIGATION_PHASE},
    S.PUBLICITY: "public_notice", S.DISPUTED: "public_notice",
    S.COUNTY_REVIEW: "decision", S.APPROVED: "decision", S.REJECTED: "decision",
    S.SELF_CARE_ASSESSMENT: "support_arrangement", S.SUPPORT_CHOICE: "support_arrangement",
    S.IN_PAYMENT: "support", S.PHASING_OUT: "support", S.PAID: "support", S.UNDER_REVIEW: "review",
    S.TERMINATION_NOTICE: "termination_notice", S.TERMINATION_DISPUTED: "termination_notice",
    S.FAST_AID_GRANTED: "aid", S.STAGED_AID: "aid", S.BACKFILL: "paperwork",
    S.FORWARDED: "other_authority", S.RETURNED: "other_authority", S.DECIDED_ELSEWHERE: "decision",
    **{s: "closed" for s in (S.STOPPED, S.TERMINATED, S.WITHDRAWN, S.EXPIRED, S.REFERRED, S.CLOSED)},
})
# Recognitions are "recognised" rather than "decision" once approved.
STEP_OVERRIDES: Mapping[tuple[T, S], str] = MappingProxyType({
    (T.LOW_INCOME, S.APPROVED): "recognised", (T.RIGID_EXPENDITURE, S.APPROVED): "recognised",
})

# What the resident must (or may) do now; None = nothing, just wait.
RESIDENT_NEXT: Mapping[S, str] = MappingProxyType({
    S.DRAFT: "complete_and_submit",
    S.NEEDS_MATERIALS: "supply_listed_materials",
    S.NOT_ACCEPTED: "read_reasons",
    S.INVESTIGATING: "cooperate_with_investigation",   # S-DB Art. 9(4)
    S.HOME_VISIT: "be_available_for_home_visit",
    S.CHECK_FAILED: "object_with_evidence_if_you_disagree",  # S-DB Art. 18
    S.REJECTED: "appeal_rights",                          # S-DB Art. 38; S-ZX Art. 65
    S.STOPPED: "appeal_rights",
    S.SUPPORT_CHOICE: "choose_support_form",              # S-ZX Art. 19
    S.IN_PAYMENT: "report_changes",                       # S-DB Art. 30
    S.PHASING_OUT: "report_changes",
    S.UNDER_REVIEW: "cooperate_with_review",
    S.TERMINATION_NOTICE: "object_during_notice_if_you_disagree",
    S.FAST_AID_GRANTED: "confirm_aid_received",
    S.REFERRED: "contact_referred_service",
    S.DECIDED_ELSEWHERE: "see_decision_of_authority",
    S.EXPIRED: "reapply_if_still_in_hardship",            # S-GX: valid at most 12 months
})
RESIDENT_NEXT_OVERRIDES: Mapping[tuple[T, S], str | None] = MappingProxyType({
    (T.LOW_INCOME, S.APPROVED): "report_changes",
    (T.RIGID_EXPENDITURE, S.APPROVED): "report_changes",
    (T.TEKUN, S.STOPPED): "appeal_rights_or_other_assistance",  # S-TK Art. 27: move to 低保/临时救助
})


def policy_keys() -> frozenset[str]:
    """Every policy key the workflow reads (the shipped policy must define each for Shenzhen)."""
    keys = set(DELEGATION_KEYS.values())
    keys |= {k for parts in AMOUNT_LIMITS.values() for k in parts}
    for wf in WORKFLOWS.values():
        keys |= {limit.amount for limit in wf.limits.values() if isinstance(limit.amount, str)}
        if isinstance(wf.total, TotalLimit):
            keys |= {a for a in (wf.total.normal, wf.total.delegated, wf.total.special) if isinstance(a, str)}
    return frozenset(keys)
