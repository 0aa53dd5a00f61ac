"""Propose, approve and reject policy figures; the table of every entry.

Two people change a figure: one administrator proposes a new dated entry with its source
(after seeing what it would change), a second one approves it; either may reject it with a
reason. Every step writes an AdminEvent in the same transaction. An approval is one
conditional UPDATE (``WHERE status = 'proposed' AND proposed_by <> approver``): two
administrators approving at once both reach it, the database lets one through and the other
finds nothing left to approve, so a figure is applied once.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from portal.admin.trail import record
from portal.domain import figures as rules
from portal.domain.policy import Policy
from portal.extensions import db
from portal.models import Account, PolicyFigure, utcnow
from portal.policy_figures import approved_rows, current_policy, forget
from portal.policy_figures.effect import Effect, effect_of
from portal.policy_figures.labels import KEYS
from portal.policy_figures.shipped import shipped_entries, shipped_policy


class FigureProblem(Exception):
    """A proposal or decision the rules refuse; ``field`` names the form field it belongs next to."""

    def __init__(self, code: str, field: str | None = None):
        super().__init__(code)
        self.code = code
        self.field = field


def specs() -> dict[str, rules.KeySpec]:
    return rules.proposable(shipped_policy())


@dataclass(frozen=True)
class Proposal:
    """A checked proposal, not stored yet."""

    key: str
    region: str
    effective_from: date
    value: Any
    unit: str
    source: str
    example: bool
    note: str

    def entry(self) -> dict:
        return rules.entry_dict(self.key, self.region, self.effective_from, self.value, self.unit, self.source,
                                self.example, self.note)


def read_proposal(key: str | None, region: str | None, value: str | None, effective_from: str | None,
                  source: str | None, example: bool, note: str | None) -> tuple[Proposal | None, dict[str, str]]:
    """The proposal, or None and {field: problem code} for every field with a problem."""
    problems: dict[str, str] = {}
    spec = specs().get(key or "")
    if spec is None:
        problems["key"] = "key_unknown" if key else "key_needed"
    if region not in rules.REGIONS:
        problems["region"] = "region_unknown"
    number = None
    if spec is not None:
        number, problem = rules.read_value(value, spec)
        if problem:
            problems["value"] = problem
    day, problem = rules.read_date(effective_from)
    if problem:
        problems["effective_from"] = problem
    for name, text, needed, longest in (("source", source, True, rules.MAX_SOURCE),
                                        ("note", note, False, rules.MAX_NOTE)):
        problem = rules.text_problem(text, needed, longest, name)
        if problem:
            problems[name] = problem
    if not problems and rules.same_as_in_force(current_policy(), key, region, day, number):
        problems["value"] = "value_same"
    if problems:
        return None, problems
    return Proposal(key, region, day, number, spec.unit, source.strip(), bool(example), (note or "").strip()), {}


def proposed_policy(proposal: Proposal) -> Policy:
    """The policy in force with the proposal given last, as an approval would make it."""
    return rules.with_entry([*shipped_entries(), *(row.as_entry() for row in approved_rows())], proposal.entry())


def value_in_force(proposal: Proposal) -> Any:
    """The value the proposal would replace on its date (None when the key had none there)."""
    try:
        return current_policy().value(proposal.key, proposal.effective_from, proposal.region)
    except LookupError:
        return None


def effect(proposal: Proposal) -> Effect:
    return effect_of(current_policy(), proposed_policy(proposal), proposal.effective_from)


def _data(row: PolicyFigure) -> dict:
    return {"figure": row.id, "key": row.key, "region": row.region, "value": row.value,
            "effective_from": row.effective_from.isoformat()}


def propose(actor: Account, proposal: Proposal, seen: Effect) -> PolicyFigure:
    """Store the proposal, waiting for a second administrator; ``seen`` is what the proposer was shown."""
    row = PolicyFigure(key=proposal.key, region=proposal.region, effective_from=proposal.effective_from,
                       value=proposal.value, unit=proposal.unit, source=proposal.source, example=proposal.example,
                       note=proposal.note, status=rules.PROPOSED, proposed_by_account_id=actor.id,
                       proposed_at=utcnow(), effect=seen.summary())
    db.session.add(row)
    db.session.flush()
    record(actor, "figure_proposed", None, **_data(row), effect=seen.summary())
    db.session.commit()
    return row


def _decide(actor: Account, figure_id: int, approving: bool, reason: str | None = None) -> PolicyFigure:
    where = [PolicyFigure.id == figure_id, PolicyFigure.status == rules.PROPOSED]
    if approving:
        where.append(PolicyFigure.proposed_by_account_id != actor.id)
    values = {"status": rules.APPROVED if approving else rules.REJECTED, "decided_by_account_id": actor.id,
              "decided_at": utcnow()}
    if not approving:
        values["reject_reason"] = reason
    done = db.session.execute(db.update(PolicyFigure).where(*where).values(**values)
                              .execution_options(synchronize_session=False)).rowcount  # type: ignore[attr-defined]  # an UPDATE's CursorResult
    if done != 1:
        db.session.rollback()
        row = db.session.get(PolicyFigure, figure_id, populate_existing=True)
        code = rules.decision_problem(row.status, row.proposed_by_account_id, actor.id, approving) if row else None
        raise FigureProblem(code or "already_decided")
    row = db.session.get(PolicyFigure, figure_id, populate_existing=True)
    record(actor, "figure_approved" if approving else "figure_rejected", None, **_data(row))
    db.session.commit()
    forget()
    return row


def approve(actor: Account, figure_id: int) -> PolicyFigure:
    """Approve another administrator's proposal: from its date, screening uses the new value."""
    return _decide(actor, figure_id, approving=True)


def reject(actor: Account, figure_id: int, reason: str | None) -> PolicyFigure:
    problem = rules.text_problem(reason, True, rules.MAX_REASON, "reason")
    if problem:
        raise FigureProblem(problem, "reason")
    return _decide(actor, figure_id, approving=False, reason=reason.strip())


def figure(figure_id: int) -> PolicyFigure | None:
    return db.session.get(PolicyFigure, figure_id) if 0 < figure_id < 2**31 else None


def pending() -> list[PolicyFigure]:
    return list(db.session.scalars(db.select(PolicyFigure).where(PolicyFigure.status == rules.PROPOSED)
                                   .order_by(PolicyFigure.proposed_at, PolicyFigure.id)))


def rejected(limit: int = 20) -> list[PolicyFigure]:
    return list(db.session.scalars(db.select(PolicyFigure).where(PolicyFigure.status == rules.REJECTED)
                                   .order_by(PolicyFigure.decided_at.desc(), PolicyFigure.id.desc()).limit(limit)))


# --- the table --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    key: str
    region: str
    effective_from: date
    value: Any
    unit: str
    source: str
    example: bool
    note: str
    standing: str
    figure: PolicyFigure | None = None  # None: shipped in portal/data/policy


@dataclass(frozen=True)
class Group:
    key: str
    region: str
    lines: list[Line]
    proposable: bool


def table(today: date) -> list[Group]:
    """Every entry, shipped and approved, grouped by key and region in policy order."""
    rows = approved_rows()
    given: list[tuple[dict, PolicyFigure | None]] = [(e, None) for e in shipped_entries()]
    given += [(row.as_entry(), row) for row in rows]
    grouped: dict[tuple[str, str], list[tuple[dict, PolicyFigure | None]]] = {}
    for entry, row in given:
        grouped.setdefault((entry["key"], str(entry.get("region", "CN"))), []).append((entry, row))
    keys = specs()
    groups = []

    rank = {key: n for n, key in enumerate(KEYS)}  # the named figures in a reading order, then the rest
    order = sorted(grouped.items(), key=lambda kv: (rank.get(kv[0][0], len(rank)), kv[0][0], len(kv[0][1]) < 6,
                                                    kv[0][1]))
    for (key, region), items in order:
        items.sort(key=lambda item: item[0]["effective_from"])  # stable: a later one of a date stays later
        dates = [date.fromisoformat(e["effective_from"]) for e, _row in items]
        standings = rules.standing(dates, today)
        lines = [Line(key, region, d, e["value"], e.get("unit", ""), e["source"], bool(e.get("example")),
                      e.get("note", ""), s, row) for (e, row), d, s in zip(items, dates, standings)]
        groups.append(Group(key, region, lines, key in keys and region in rules.REGIONS))
    return groups


def accounts_of(row: PolicyFigure) -> dict[str, Account | None]:
    """Who proposed and who decided, for the detail page."""
    def get(account_id):
        return db.session.get(Account, account_id) if account_id else None

    return {"proposer": get(row.proposed_by_account_id), "decider": get(row.decided_by_account_id)}
