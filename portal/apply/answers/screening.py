"""The eligibility screening of a draft's answers, used to pre-select types and for "assess all".

Screening a household costs about a millisecond, and the "what you apply for" page needs it
every time it is shown or re-shown, with answers that rarely change between two visits. The
verdicts are therefore kept per (answers, day, policy) in a small per-process cache (a new
policy, after an administrator approves a figure, has a new ``stamp``): the key
is a SHA-256 digest of the answers, so the cache holds no personal data, and a household's
verdicts are only ever found again from exactly the same answers.
"""
from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from datetime import date

from portal.apply.answers.household_map import household_from_answers
from portal.domain.eligibility import screen
from portal.domain.household import HouseholdError
from portal.policy_figures import current_policy

_CACHE_SIZE = 512  # about 300 bytes an entry; enough for every draft being filled at once on a worker
_cache: OrderedDict[tuple, dict[str, str]] = OrderedDict()
_lock = threading.Lock()


def _key(answers: dict, on: date, policy) -> tuple:
    text = json.dumps(answers, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).digest(), on, policy.stamp


def _screen(answers: dict, on: date, policy) -> dict[str, str]:
    try:
        result = screen(household_from_answers(answers, on), policy, on)
    except (HouseholdError, LookupError, ValueError):
        return {}
    return {v.assistance: v.verdict for v in result.verdicts}


def verdicts(answers: dict, on: date) -> dict[str, str]:
    """{type: likely | possibly | unlikely | not_assessable}; empty if the answers cannot be read."""
    policy = current_policy()
    key = _key(answers, on, policy)
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return dict(found)
    found = _screen(answers, on, policy)
    with _lock:
        _cache[key] = found
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return dict(found)


def suggested(answers: dict, on: date) -> dict[str, str]:
    """The types the answers so far suggest: {type: likely | possibly}."""
    return {t: v for t, v in verdicts(answers, on).items() if v in ("likely", "possibly")}
