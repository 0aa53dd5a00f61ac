"""Generate a city's worth of applications into PostgreSQL with COPY: realistic rows, real ciphertext.

Usage (after the schema is built by the migrations and the offices loaded); the loading into
PostgreSQL is in ``tests/bench/scale_load.py``:

    plan = Plan.build(app, templates)                 # pools of ciphertext, staff, workflow paths
    scale_load.prepare_scratch(url, plan)             # the paths and pools, for PostgreSQL
    scale_load.load(app, url, plan, first=1, count=10_000)  # applications first .. first+count-1
    scale_load.finish(url)                            # sequences, VACUUM ANALYZE

What the rows look like, and why:

* 74 street offices, chosen with the weight of their district's population (2020 census), so
  a Bao'an office holds many times what a Dapeng office does, as in life.
* About 1.7 requests per application (1 to 4 assistance types, the minimum living allowance
  most common) and one event per transition: the submit event, then a walk through the type's
  real transition table (``portal.domain.workflow_tables``) from SUBMITTED to where the request
  now stands. Each path has its own pace (1 to 12 days a step; support and recognitions months
  or years), and a request is as far along as that pace reaches by today: old requests are
  mostly decided or closed (a refusal once its letter is recorded, a 刚性支出 recognition a year
  after it was given), recent ones still open, some past their due date. Due dates, reviews and
  the queue stage are those the workflow would have stored. About 2% are urgent; 2% are drafts.
* Encrypted columns hold real Fernet ciphertext made with the app's DATA_KEY (answers of
  households filled through the real journey, with names and ID numbers varied; names; event
  reasons and data), so row sizes are those of production. Encrypting every row separately
  costs about a minute per million; the bulk reuses a pool of a few thousand distinct
  ciphertexts instead (size and decryptability are what matter here). Look-up hashes
  (``household_key``, ``verifier_hash``) are computed for every row, so any generated
  application can be found by its reference number and verifier (``identity(i)``).
* Ids are a function of the application number (request ids ``4*i+k``, event ids
  ``16*request+j``), so chunks load in parallel processes and a load can be extended later
  (10 thousand, then 100 thousand, then a million) without renumbering.
"""
from __future__ import annotations

import bisect
import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from itertools import accumulate

# District populations (millions, 7th census 2020), for the office weights.
POPULATION = {"440303": 1.14, "440304": 1.55, "440305": 1.80, "440306": 4.48, "440307": 3.98, "440308": 0.21,
              "440309": 2.53, "440310": 0.55, "440311": 1.10, "DAPENG": 0.16}
TYPE_WEIGHTS = {"dibao": 30, "medical": 18, "temp_expenditure": 12, "low_income": 10, "education": 8,
                "temp_emergency": 7, "tekun": 4, "rigid_expenditure": 4, "housing": 3, "employment": 3,
                "disaster": 1}
TYPES_PER_APPLICATION = ((1, 45), (2, 40), (3, 12), (4, 3))  # mean 1.73
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍建华红梅鹏辉玲婷雪琳晨宇浩然子涵欣怡梓轩思远"
REASONS = ("经入户调查，家庭人均收入高于当地最低生活保障标准。", "申请人自愿撤回申请。", "材料不齐，请补充户口簿和收入证明后再次提交。",
           "经核对，家庭存款超过规定标准。", "申请人户籍不在本街道，已转至户籍地街道办理。", "公示期间收到异议，经复核异议不成立。")
PAYING_STATES = {"IN_PAYMENT", "PHASING_OUT", "APPROVED", "PAID", "CLOSED", "DECIDED_ELSEWHERE"}
DAY = timedelta(days=1)
MIX = 2654435761  # Knuth's multiplicative constant: odd, so i -> i*MIX mod 2^k is a bijection
POOL = 4096


def _ref_body(i: int) -> str:
    from portal.domain.reference import ALPHABET

    n = (i * MIX) % (32 ** 8)
    chars = []
    for _ in range(8):
        n, r = divmod(n, 32)
        chars.append(ALPHABET[r])
    return "".join(chars)


def reference(i: int) -> str:
    """The reference number of generated application ``i`` (unique, random-looking, valid)."""
    from portal.domain.reference import check_char

    body = _ref_body(i)
    return f"SZ-{body[:4]}-{body[4:]}-{check_char(body)}"


def identity(i: int, region: str = "440305") -> str:
    """The applicant's ID number of application ``i``: valid, distinct for distinct ``i`` below 24 million."""
    from tests.tools.walkthrough import resident_id

    n = (i * MIX) % 23_520_000
    n, seq = divmod(n, 1000)
    n, day = divmod(n, 28)
    year, month = divmod(n, 12)
    return resident_id(region if region.isdigit() else "440300", f"{1940 + year % 70}{month + 1:02d}{day + 1:02d}",
                       f"{seq:03d}")


@dataclass
class Path:
    """One way a request went: (action, from, to, actor role, reason required?, seconds since the
    previous event) per transition."""

    steps: list[tuple[str, str, str, str, bool, int]]
    final: str
    sets: list[tuple[str, ...]] = field(default_factory=list)  # the flags each transition sets
    ends: list[int] = field(default_factory=list)  # seconds from submission to the end of each step

    def __post_init__(self) -> None:
        self.ends = list(accumulate(step[5] for step in self.steps))


@dataclass
class Plan:
    """Everything the worker processes need, built once in the parent (with the app's keys)."""

    offices: list[tuple[str, str]]  # (office code, district code)
    office_weights: list[float]
    caseworkers: dict[str, int]  # office -> account id
    reviewers: dict[str, int]  # district -> account id
    answers: list[str]  # ciphertext pool
    names: list[str]
    reasons: list[str]
    event_data: dict[str, list[str]]  # action -> ciphertext pool
    paths: dict[str, list[Path]]  # type -> sampled paths
    authority: dict[str, str]
    delegated: dict[str, bool]
    resident_base: int = 100_000  # resident account ids start here
    today: date = field(default_factory=date.today)

    @classmethod
    def build(cls, app, templates: list[dict], seed: int = 10) -> "Plan":
        from portal.crypto import encrypt
        from portal.domain.workflow_tables import WORKFLOWS
        from portal.extensions import db
        from portal.models import Account, Office

        rng = random.Random(seed)
        with app.app_context():
            offices = [(o.code, o.district_code) for o in db.session.scalars(db.select(Office).order_by(Office.code))]
            counts: dict[str, int] = {}
            for _, district in offices:
                counts[district] = counts.get(district, 0) + 1
            weights = [POPULATION.get(d, 0.5) / counts[d] for _, d in offices]
            caseworkers, reviewers = _staff(db, Account, offices)
            answers = [encrypt(_vary(rng.choice(templates), rng)) for _ in range(POOL)]
            names = [encrypt(_name(rng)) for _ in range(POOL)]
            reasons = [encrypt(rng.choice(REASONS)) for _ in range(256)]
            paths, needs = {}, {}
            for type_, wf in WORKFLOWS.items():
                paths[str(type_)] = [_walk(wf, rng) for _ in range(200)]
                for action in wf.actions:
                    needs[action.name] = action.required
            event_data = {name: [encrypt(json.dumps(_data(fields, rng), ensure_ascii=False, sort_keys=True))
                                 for _ in range(16)] for name, fields in needs.items() if fields}
            delegated = _delegation(app)
        return cls(offices, weights, caseworkers, reviewers, answers, names, reasons, event_data, paths,
                   {str(t): wf.authority for t, wf in WORKFLOWS.items()}, delegated)


def _staff(db, Account, offices):
    """One caseworker per office and one reviewer per district (created once, then found)."""
    caseworkers, reviewers = {}, {}
    for code, district in offices:
        for role, key, store in (("caseworker", code, caseworkers), ("reviewer", district, reviewers)):
            if key in store:
                continue
            username = f"scale-{role}-{key}"
            account = db.session.scalars(db.select(Account).where(Account.username == username)).first()
            if account is None:
                account = Account(role=role, username=username, display_name=username, password_hash="!",
                                  office_code=code if role == "caseworker" else None, district_code=district)
                db.session.add(account)
                db.session.flush()
            store[key] = account.id
    db.session.commit()
    return caseworkers, reviewers


def _delegation(app) -> dict[str, bool]:
    from portal.domain.workflow_tables import DELEGATION_KEYS
    from portal.policy_figures import current_policy

    with app.test_request_context():
        policy = current_policy()
        result = {}
        for type_, key in DELEGATION_KEYS.items():
            try:
                result[str(type_)] = bool(policy.value(key, date.today()))
            except Exception:  # noqa: BLE001  a policy without the key: decided by the district
                result[str(type_)] = False
        return result


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _vary(answers: dict, rng: random.Random) -> str:
    """A template household's answers with every name and ID number replaced."""
    text = json.dumps(answers, ensure_ascii=False, sort_keys=True)
    about = answers.get("about") or {}
    replacements = {about.get("name"): _name(rng), about.get("id_number"): identity(rng.randrange(10**7))}
    for member in answers.get("members") or []:
        if isinstance(member, dict):
            replacements[member.get("name")] = _name(rng)
            replacements[member.get("id_number")] = identity(rng.randrange(10**7))
    for old, new in replacements.items():
        if isinstance(old, str) and old:
            text = text.replace(old, new)
    return text


def _data(fields: tuple[str, ...], rng: random.Random) -> dict:
    values = {"amount": f"{rng.randrange(300, 3000)}.00", "start_month": f"2026-{rng.randrange(1, 13):02d}",
              "end_month": f"2026-{rng.randrange(1, 13):02d}", "missing_items": ["户口簿复印件", "近六个月收入证明"],
              "to_office": "44030601", "staff_names": "王敏、李强", "visit_mode": "home"}
    return {f: values.get(f, "经核实，情况属实。") for f in fields}


# How likely each action is where it is possible, relative to 1 (the usual next step).
_RARE = {"withdraw": 0.004, "terminate": 0.004, "request_data_check": 0.6, "start_home_visit": 0.5,
         "not_accept": 0.03, "transfer": 0.02, "send_back": 0.04, "request_materials": 0.3,
         "data_check_failed": 0.08, "reject": 0.35, "stop": 0.15, "expire": 3.0, "object": 0.5,
         "record_objection": 0.05, "refer": 0.1, "record_return": 0.1, "phase_out": 0.05, "propose_termination": 0.05,
         "report_change": 0.05}
_STEADY = ("IN_PAYMENT", "APPROVED", "PAID", "CLOSED", "DECIDED_ELSEWHERE")
# How many days a request stays before the next step (1 to 12 unless named here): support and
# recognitions last months or years; a 刚性支出 recognition ends after 12 months (S-GX), so
# most of them leave APPROVED by ``expire`` (weighted up below) a year after the decision.
_STAY_DAYS = {"IN_PAYMENT": (60, 900), "PHASING_OUT": (30, 180), "expire": (365, 380), "APPROVED": (60, 700)}


def _walk(wf, rng: random.Random) -> Path:
    """A plausible route from SUBMITTED through the type's table: mostly the main line, sometimes
    a request for materials, a refusal (then the refusal letter), a withdrawal; no state is
    entered twice except by the table's own ways back, and no action is taken twice."""
    by_source: dict[str, list] = {}
    for action in wf.actions:
        by_source.setdefault(str(action.source), []).append(action)
    state, steps, sets, seen, taken = "SUBMITTED", [], [], {"SUBMITTED"}, set()
    while len(steps) < 14:
        choices = [a for a in by_source.get(state, []) if a.name != "submit" and not a.name.startswith("record_special")
                   and (state, a.name) not in taken
                   and (str(a.target) not in seen or a.name in _WAYS_BACK)]
        settled = state in _STEADY and (state != "APPROVED" or str(wf.type) == "low_income")
        if not choices or (settled and rng.random() < 0.8):
            break
        action = rng.choices(choices, [_RARE.get(a.name, 0.03 if a.name.startswith("record_") else 1.0)
                                       for a in choices])[0]
        roles = sorted(str(r) for r in action.roles) or sorted(str(r) for r in action.proxy_roles) or ["caseworker"]
        role = "caseworker" if "caseworker" in roles else "reviewer" if "reviewer" in roles else roles[0]
        stay = _STAY_DAYS.get(action.name) or (_STAY_DAYS.get(state) if settled or state == "PHASING_OUT" else None)
        gap = rng.randrange(*(stay or (1, 12))) * 86400 + rng.randrange(480) * 60  # seconds after the previous event
        steps.append((action.name, state, str(action.target), role, bool(action.reason_required), gap))
        sets.append(tuple(str(f) for f in action.sets))
        taken.add((state, action.name))
        state = str(action.target)
        seen.add(state)
    return Path(steps, state, sets)


# Actions that may lead back to a state already passed (the table's loops), and the refusal
# letter, which keeps a refused request where it is.
_WAYS_BACK = ("materials_supplied", "data_check_ok", "record_home_visit", "receive_transfer", "notify_refusal")


class _Cumulative:
    """Weighted choice by bisection over cumulative weights (``random.choices`` costs 10x more)."""

    def __init__(self, items, weights):
        from itertools import accumulate

        self.items, self.cum = list(items), list(accumulate(weights))

    def pick(self, u: float):
        from bisect import bisect

        return self.items[min(bisect(self.cum, u * self.cum[-1]), len(self.items) - 1)]


def _dates(status: str, type_: str, stage: str, entered: date, submitted: datetime, today: date, u):
    """(due_on, deadline_on, review_due_on, valid_until, phase_out_ends_on) as the workflow keeps them.

    Open requests: the step's due date (3 to 30 days after entering it; some are now past) and,
    once accepted, the decision deadline; a refusal not yet notified: its 3 working days.
    Support: the next yearly review (a few are a month late), the end of a phase-out, the end
    of a recognition's validity; the due date is that date (``workflow_tables`` ``data_due``).
    Closed requests have none."""
    if stage == "closed":
        return None, None, None, None, None
    if stage == "open" and status != "UNDER_REVIEW":
        if status == "REJECTED":
            return entered + int(3 + u() * 3) * DAY, None, None, None, None
        return entered + int(3 + u() * 27) * DAY, submitted.date() + 45 * DAY, None, None, None
    if status == "PHASING_OUT":
        ends = entered + int(30 + u() * 150) * DAY
        return ends, None, None, None, ends
    if type_ == "rigid_expenditure":
        valid = entered + 365 * DAY
        return valid, None, None, valid, None
    review = entered + 365 * DAY
    late = int(u() * 40) * DAY  # reviews are done within weeks of falling due
    while review < today - late:
        review += 365 * DAY
    return review, None, review, None, None


def rows(plan: Plan, first: int, count: int):
    """Rows of applications ``first`` .. ``first + count - 1``: (applications, requests, walks, accounts).

    ``walks`` name, per request, the sampled path and how far along it the request is; the
    events are made from them by PostgreSQL (``EVENTS_SQL``)."""
    from portal.crypto import lookup_hash
    from portal.models.request import stage_of, urgency_of

    types = _Cumulative(TYPE_WEIGHTS, TYPE_WEIGHTS.values())
    sizes = _Cumulative([n for n, _ in TYPES_PER_APPLICATION], [w for _, w in TYPES_PER_APPLICATION])
    offices = _Cumulative(plan.offices, plan.office_weights)
    now = datetime.combine(plan.today, datetime.min.time(), tzinfo=timezone.utc) + timedelta(hours=2)
    apps, reqs, walks, accounts = [], [], [], []
    for i in range(first, first + count):
        rng = random.Random(i)
        u = rng.random
        office, district = offices.pick(u())
        resident = plan.resident_base + (i - 1 if i % 10 == 0 and i > first else i)  # some residents apply twice
        if resident == plan.resident_base + i:
            accounts.append((resident, "resident", f"1{(i * 7919) % 10**10:010d}", f"居民{i}", "zh_Hans", True, now))
        # Three years of applications, more of them recent: half spread evenly, half at a rate
        # growing steadily to twice the average today.
        age_days = int(1095 * (u() if u() < 0.5 else 1 - u() ** 0.5))
        submitted = now - timedelta(days=age_days, seconds=int(u() * 36000))
        draft = u() < 0.02
        urgent = not draft and u() < 0.02
        id_number = identity(i, district)
        apps.append((
            i, None if draft else reference(i), resident, resident, "assistant" if u() < 0.15 else "self",
            "draft" if draft else ("withdrawn" if u() < 0.01 else "submitted"), "zh_Hans",
            plan.answers[i % POOL], plan.names[(i * 31) % POOL], lookup_hash(id_number),
            lookup_hash(id_number[-6:], "verifier"), urgent, office, "hukou", None, 1, submitted, submitted,
            None if draft else submitted,
        ))
        if draft:
            continue
        chosen: list[str] = []
        for _ in range(sizes.pick(u())):
            t = types.pick(u())
            if t not in chosen:
                chosen.append(t)
        if urgent and "temp_emergency" not in chosen:
            chosen[0] = "temp_emergency"
        for k, type_ in enumerate(chosen):
            rid = 4 * i + k
            number = int(u() * len(plan.paths[type_]))
            path = plan.paths[type_][number]
            # As far along its path as the path's own pace reaches by today: a request older than
            # its path is finished, so the open backlog is about the intake of the last weeks.
            elapsed = (now - submitted).total_seconds()
            taken = bisect.bisect_right(path.ends, elapsed)
            status = path.steps[taken - 1][2] if taken else "SUBMITTED"
            at = submitted + timedelta(seconds=path.ends[taken - 1] if taken else 0)
            entered = at.date()
            accepted = entered if any(step[0] == "accept" for step in path.steps[:taken]) else None
            flags = sorted({f for step in path.sets[:taken] for f in step})
            stage = stage_of(status, type_, flags)
            due, deadline, review, valid, phase_out = _dates(status, type_, stage, entered, submitted, plan.today, u)
            paying = status in ("IN_PAYMENT", "PHASING_OUT", "APPROVED", "PAID")
            reqs.append((
                rid, i, type_, status, plan.authority[type_], office, district, "hukou",
                urgent and type_ == "temp_emergency", entered, accepted, due, deadline,
                plan.delegated.get(type_, False), None, json.dumps(flags), 0, review, valid, phase_out,
                f"{300 + int(u() * 2700)}.00" if paying else None, f"{entered:%Y-%m}" if paying else None,
                plan.reasons[rid % len(plan.reasons)] if status == "REJECTED" else None, 1, submitted, at, stage,
                urgency_of(urgent and type_ == "temp_emergency", type_),
            ))
            walks.append((rid, i, type_, number, taken, submitted, resident, office))
    return apps, reqs, walks, accounts


APP_COLUMNS = ("id", "reference", "account_id", "created_by_id", "channel", "status", "locale", "answers",
               "applicant_name", "household_key", "verifier_hash", "urgent", "receiving_office_code",
               "jurisdiction_basis", "submission_token", "version", "created_at", "updated_at", "submitted_at")
REQUEST_COLUMNS = ("id", "application_id", "type", "status", "authority", "office_code", "district_code", "basis",
                   "urgent", "entered_on", "accepted_on", "due_on", "deadline_on", "delegated", "special_reason",
                   "flags", "disputes", "review_due_on", "valid_until", "phase_out_ends_on", "amount", "start_month",
                   "decision_reasons", "version", "created_at", "updated_at", "stage", "urgency")
ACCOUNT_COLUMNS = ("id", "role", "phone", "display_name", "locale", "active", "created_at")
