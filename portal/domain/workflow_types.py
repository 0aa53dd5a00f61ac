"""Vocabulary of the request state machine: codes and the shape of a table row.

Every code here is stable: it is stored in the database, sent to the web layer (which
translates it into three languages) and appears in audit events. Rename nothing; add.
The tables that use this vocabulary are in ``workflow_tables.py``; the engine is ``workflow.py``.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# Defined once in vocabulary.py; imported here because the tables and the engine name them.
from portal.domain.vocabulary import AssistanceType as AssistanceType
from portal.domain.vocabulary import Role as Role


class State(StrEnum):
    # 低保 and the recognitions (《最低生活保障审核确认办法》第十条至第三十四条)
    DRAFT = "DRAFT"
    SUBMITTED = "SUBMITTED"
    NEEDS_MATERIALS = "NEEDS_MATERIALS"
    NOT_ACCEPTED = "NOT_ACCEPTED"
    ACCEPTED = "ACCEPTED"
    INVESTIGATING = "INVESTIGATING"
    DATA_CHECK = "DATA_CHECK"
    CHECK_FAILED = "CHECK_FAILED"
    RECHECK = "RECHECK"
    HOME_VISIT = "HOME_VISIT"
    PRELIM_OPINION = "PRELIM_OPINION"
    PUBLICITY = "PUBLICITY"
    DISPUTED = "DISPUTED"
    COUNTY_REVIEW = "COUNTY_REVIEW"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    IN_PAYMENT = "IN_PAYMENT"
    UNDER_REVIEW = "UNDER_REVIEW"
    PHASING_OUT = "PHASING_OUT"
    STOPPED = "STOPPED"
    TERMINATED = "TERMINATED"
    WITHDRAWN = "WITHDRAWN"
    # sent to another street office (S-ZX Art. 60: handle or forward)
    TRANSFERRED = "TRANSFERRED"
    # 特困 after approval and termination (《特困人员认定办法》第十九条至第二十七条)
    SELF_CARE_ASSESSMENT = "SELF_CARE_ASSESSMENT"
    SUPPORT_CHOICE = "SUPPORT_CHOICE"
    TERMINATION_NOTICE = "TERMINATION_NOTICE"
    TERMINATION_DISPUTED = "TERMINATION_DISPUTED"
    # 刚性支出 recognition lapses after at most 12 months (《刚性支出困难家庭认定办法》)
    EXPIRED = "EXPIRED"
    # 临时救助 (《社会救助暂行办法》第四十七条至第四十九条; 《关于进一步加强和改进临时救助工作的意见》二(二))
    FAST_AID_GRANTED = "FAST_AID_GRANTED"
    BACKFILL = "BACKFILL"
    STAGED_AID = "STAGED_AID"
    REFERRED = "REFERRED"
    CLOSED = "CLOSED"
    PAID = "PAID"
    # types decided by another authority (《社会救助暂行办法》第六十条)
    FORWARDED = "FORWARDED"
    DECIDED_ELSEWHERE = "DECIDED_ELSEWHERE"
    RETURNED = "RETURNED"


class Decider(StrEnum):
    """Who holds a decision, when that depends on the case rather than on the row alone."""

    NONE = "none"                                # the row's roles, as listed
    COUNTY = "county"                            # reviewer; also caseworker when delegated (S-DB Art. 2 ¶2)
    STREET_WITHIN_LIMIT = "street_within_limit"  # caseworker up to a policy amount, reviewer any (S-ZX Art. 48)


class Flag(StrEnum):
    """Facts about a request that later rules depend on; set only by transitions."""

    SEPARATE_REGISTER = "separate_register"    # member is a close relative of staff (S-DB Art. 11)
    COMPLAINT = "complaint"                    # complaint/report during county review (S-DB Art. 20 ¶2)
    COUNTY_HOME_VISIT = "county_home_visit"    # the county's own home visit is on file (Art. 20 ¶2)
    OBJECTION_AT_NOTICE = "objection_at_notice"
    INCOME_IRREGULAR = "income_irregular"      # reviewed every 6 months (S-DB Art. 31)
    MATERIALS_REQUESTED = "materials_requested"
    REFUSAL_NOTIFIED = "refusal_notified"


class SpecialReason(StrEnum):
    """Recorded grounds for the 45-working-day limit (S-DB Art. 22; S-DD 四(一); S-GX)."""

    OBJECTION_AT_NOTICE = "objection_at_notice"    # 公示有异议
    HOUSEHOLD_SEPARATION = "household_separation"  # 人户分离
    REMOTE_APPLICATION = "remote_application"      # 异地申办
    HARD_INVESTIGATION = "hard_investigation"      # 调查核实难度大


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"


class Anchor(StrEnum):
    ENTERED = "entered"    # counted from the day the current state was entered
    ACCEPTED = "accepted"  # counted from the day of acceptance (the legal clock)


class Guard(StrEnum):
    """Conditions a row adds beyond role, reason and fields; each maps to an error code."""

    COUNTY_HOME_VISIT = "county_home_visit"  # Art. 20 ¶2: separately registered or complained about
    NOTICE_ELAPSED = "notice_elapsed"        # a 公示 cannot be closed before its 7 days have run
    NOT_EXTENDED = "not_extended"            # the 45-day reason is recorded once
    NOT_NOTIFIED = "not_notified"            # the refusal notice is recorded once
    VALIDITY_ENDED = "validity_ended"        # a recognition expires only after its end date


@dataclass(frozen=True)
class Action:
    """One row of a transition table: ``name`` moves a request from ``source`` to ``target``.

    ``roles`` act in their own right; ``proxy_roles`` only on a resident's behalf (the event
    then names the resident; an assistant must also cite the mandate, S-DB Art. 6).
    ``limit_key`` names the amount (``workflow_tables.AMOUNT_LIMITS``, computed from the policy on
    the decision date) up to which a caseworker (the street) may decide, compared with
    ``data[limit_field]``; the reviewer (the district) may decide any amount.
    """

    name: str
    source: State
    target: State
    roles: frozenset[Role] = frozenset()
    proxy_roles: frozenset[Role] = frozenset()
    decider: Decider = Decider.NONE
    reason_required: bool = False
    reason_if: Flag | None = None
    required: tuple[str, ...] = ()
    basis: str = ""
    sets: frozenset[Flag] = frozenset()
    guard: Guard | None = None
    limit_key: str | None = None
    limit_field: str = "amount"

    @property
    def is_decision(self) -> bool:
        return self.decider is not Decider.NONE


@dataclass(frozen=True)
class Limit:
    """A time limit: ``amount`` is a number, or a policy key whose value is the number."""

    amount: int | str
    unit: Unit
    basis: str
    anchor: Anchor = Anchor.ENTERED
    until: Flag | None = None  # the limit no longer applies once this flag is set


@dataclass(frozen=True)
class TotalLimit:
    """The overall limit from acceptance to decision, in working days (numbers or policy keys)."""

    normal: int | str
    basis: str
    delegated: int | str | None = None
    special: int | str | None = None
    special_reasons: frozenset[SpecialReason] = frozenset()


@dataclass(frozen=True)
class ChainLimit:
    """An overall limit that is the sum of phase limits (特困, S-TK Arts. 13-16).

    ``per_dispute`` is added once for every objection at the notice, because each one forces
    a re-investigation and a re-publication.
    """

    phases: tuple[tuple[int, Unit], ...]
    per_dispute: tuple[tuple[int, Unit], ...]
    final: tuple[tuple[int, Unit], ...]
    basis: str
