"""Keep the answers consistent after every saved page.

``settle`` derives what follows from other answers (the registration kind, a registration
"where I live", the applicant as a member), removes the answers of pages no longer needed
(``steps.prune``) and re-opens pages whose answers no longer cover the household (a new
adult must also authorise the checks). It returns what was removed, for the summary.
"""
from __future__ import annotations

from datetime import date

from portal.apply.answers import shape as A
from portal.apply.journey import steps
from portal.models import utcnow

_KIND = {"residence": "shenzhen", "shenzhen": "shenzhen", "elsewhere": "elsewhere"}


def _derive(answers: dict) -> None:
    about = answers.get("about") or {}
    hukou = about.get("hukou")
    if isinstance(hukou, dict):
        where = hukou.get("where")
        if where in _KIND:
            hukou["kind"] = _KIND[where]
        if where == "residence":
            hukou["district_code"], hukou["office_code"] = about.get("district_code"), about.get("office_code")
    if about.get("name") or about.get("id_number"):
        people = A.members(answers)
        me = A.applicant(answers)
        if me is None:
            me = {"ref": A.SELF_REF, "relation": "self"}
            people.insert(0, me)
        me.update({"name": about.get("name"), "id_number": about.get("id_number"), "lives_with_applicant": True})
        answers["members"] = people


def _underive(answers: dict) -> None:
    """Take out the registration copied from the address before pruning, so that pruning the
    "registration in Shenzhen" page does not report a copy as an answer removed."""
    about = answers.get("about") or {}
    hukou = about.get("hukou")
    if isinstance(hukou, dict) and hukou.get("where") == "residence" \
            and (hukou.get("district_code"), hukou.get("office_code")) == (about.get("district_code"), about.get("office_code")):
        hukou.pop("district_code", None)
        hukou.pop("office_code", None)


def _reopen(answers: dict, today: date) -> None:
    """Pages done earlier whose answers no longer fit the household."""
    adults = [m["ref"] for m in A.members(answers) if A.in_household(m)
              and (m.get("relation") == "self" or A.is_adult(m, today))]
    covered = A.get(answers, "declarations.economic_check.members") or []
    # The emergency path asks for no authorisation of checks (help first): nothing to cover yet.
    if sorted(covered) != sorted(adults) and answers.get("path") != "emergency":
        A.unmark(answers, "declarations", None)
    holder = A.get(answers, "payment.holder_ref")
    if holder and holder not in adults:
        A.unmark(answers, "payment", None)


def settle(answers: dict, today: date) -> list[tuple[str, str | None]]:
    """Derive, prune and re-open in place; returns the (step, ref) whose answers were removed,
    and appends them to ``answers["_removed"]``."""
    _derive(answers)
    _underive(answers)
    removed = steps.prune(answers, today)
    _derive(answers)
    _reopen(answers, today)
    if removed:
        log = list(answers.get("_removed") or [])
        stamp = utcnow().isoformat()
        log.extend({"step": key, "ref": ref, "at": stamp} for key, ref in removed)
        answers["_removed"] = log[-50:]
    return removed
