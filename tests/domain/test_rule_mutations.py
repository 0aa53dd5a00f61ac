"""The deliberate-mutation check of the eligibility rules: each mutation below
changes one rule in the source of a domain module the way a careless edit would, and the
boundary table of tests/domain/test_rules_issue18.py must then fail in at least one row.

A mutation names the exact text it replaces; when that text is no longer in the module
(the rule was rewritten), the test fails and the mutation has to be written again for the
new code, so the check never silently stops checking."""
from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

import portal.domain.eligibility  # noqa: F401  (loads every rule module)
from tests.domain.test_rules_facts import FACT_CASES
from tests.domain.test_rules_issue18 import CASES as ISSUE_CASES
from tests.domain.test_rules_issue18 import check

CASES = ISSUE_CASES + FACT_CASES

MUTATIONS = [
    # (module, original text, mutated text)
    ("portal.domain.referrals", "        if row.by_need_only:\n", "        if False:\n"),
    ("portal.domain.referrals", '"medical": _rows("S-ZX Art. 30", tekun_by_need=False, low_by_need=False)',
     '"medical": _rows("S-ZX Art. 30", tekun_by_need=False, low_by_need=True)'),
    ("portal.domain.referrals", '"housing": _rows("S-YJ item 10; S-ZX Art. 40", tekun_by_need=False, low_by_need=True)',
     '"housing": _rows("S-YJ item 10; S-ZX Art. 40", tekun_by_need=False, low_by_need=False)'),
    ("portal.domain.referrals", '"employment": _rows("S-ZX Arts. 43-44", tekun_by_need=True, low_by_need=True)',
     '"employment": _rows("S-ZX Arts. 43-44", tekun_by_need=False, low_by_need=True)'),
    ("portal.domain.referrals", '        BaseProgramme("rigid_expenditure", BY_NEED, low_by_need),\n', ""),
    ("portal.domain.referrals", 'if s not in ("received", "likely"):', 'if s not in ("received",):'),
    ("portal.domain.referrals", "    if ctx.household.receiving(programme, ctx.on, ctx.long_term_months):\n",
     "    if False:\n"),
    ("portal.domain.referrals", "if not r.personal or applicant_studies", "if True"),
    ("portal.domain.means", 'disabled or e != "disabled_member"', "True"),
    ("portal.domain.means", "if i not in not_counted)", "if True)"),
    ("portal.domain.means", "any(m.disability is not None", "any(m.disability is None"),
    ("portal.domain.means", "    if summary.counted_total < limit:\n", "    if summary.counted_total <= limit:\n"),
    ("portal.domain.tekun", 'elif in_minor_extension(m, on) and "tekun" in m.receiving:',
     "elif in_minor_extension(m, on):"),
    ("portal.domain.tekun", "    elif age is not None and age < 18:\n", "    elif age is not None and age <= 18:\n"),
    ("portal.domain.temporary", "if not annual_below(summary.counted_total", "if annual_below(summary.counted_total"),
    ("portal.domain.temporary", "        if liquid > limit:\n", "        if liquid >= limit:\n"),
    ("portal.domain.temporary", 'a.uncertain("emergency_own_income_high"', 'a.info("emergency_own_income_high"'),
    ("portal.domain.temporary", 'a.uncertain("emergency_own_savings_high"', 'a.info("emergency_own_savings_high"'),
    ("portal.domain.temporary", "        _own_means(a)\n", ""),
    ("portal.domain.temporary", 'a.info("emergency_means_checked_after", ART_MEANS)',
     'a.lacking("emergency_means_checked_after", ART_MEANS, ["members[0].income"])'),
    # Statutory supporters outside the household (S-TK Art. 8), as the journey now asks them.
    ("portal.domain.tekun", "    severe = b.severe_declared or (\n", "    severe = (\n"),
    ("portal.domain.tekun", "if b.age is not None and b.age >= 70:", "if b.age is not None and b.age > 70:"),
    ("portal.domain.tekun", 'elif "dibao" in b.receiving and b.age >= 60:', 'elif "dibao" in b.receiving and b.age > 60:'),
    ("portal.domain.tekun", "        if s.deceased:\n", "        if False:\n"),
    ("portal.domain.tekun", "    if h.supporters is None:\n", "    if False:\n"),
    ("portal.domain.tekun", "return (\"unable\", code) if income_ok and b.property_ok else",
     "return (\"unable\", code) if income_ok else"),
    # Long-term co-residence (S-DB Art. 7 (4)).
    ("portal.domain.members", "m.co_resident_months >= long_term_months",
     "m.co_resident_months > long_term_months"),
    ("portal.domain.members", "m.co_resident_months is None or m.co_resident_months",
     "m.co_resident_months is not None and m.co_resident_months"),
    ("portal.domain.members", "        return _co_resident(m, long_term_months), []\n    # Sons",
     "        return \"co_resident_duty\" if m.lives_with_applicant else \"not_co_resident\", []\n    # Sons"),
    ("portal.domain.members", "    if _long_term(m, long_term_months):\n        return \"co_resident_duty\", []",
     "    if m.lives_with_applicant:\n        return \"co_resident_duty\", []"),
    # Emergencies and housing in detail.
    ("portal.domain.temporary", "    if e.needs:\n", "    if False:\n"),
    ("portal.domain.temporary", "    if e.help_kinds:\n", "    if e.help_kinds is not None:\n"),
    ("portal.domain.referrals", '"has_housing_difficulty"', '"housing_difficulty"'),
    ("portal.domain.referrals", '    if kind is not None:\n        form', '    if False:\n        form'),
    # Single-person routes (S-DB Art. 8 (3); S-DD 一(一)).
    ("portal.domain.basic", " or adult_without_work or m.clergy_at_venue_3y:", " or adult_without_work:"),
    ("portal.domain.basic", "        if adult_without_work:\n            exempt", "        if True:\n            exempt"),
    ("portal.domain.basic", 'if item.subtype == "support_sibling_or_carer_60"', 'if item.subtype == "maintenance_received"'),
    # Unemployed without unemployment insurance (S-DD 二(一)).
    ("portal.domain.referrals", "(h.members[i].months_without_income or 0) >= UNINSURED_MONTHS",
     "(h.members[i].months_without_income or 0) > UNINSURED_MONTHS"),
    ("portal.domain.referrals", "h.members[i].unemployment_insurance is False", "not h.members[i].unemployment_insurance"),
    # Urban or rural rate of tekun (S-TK Art. 19).
    ("portal.domain.tekun", "    if m.rural_rights is True:\n", "    if False:\n"),
    ("portal.domain.tekun", "if rural is not None and rural != multiple:", "if rural is None:"),
]


def apply(monkeypatch: pytest.MonkeyPatch, module_name: str, old: str, new: str) -> None:
    """Run the mutated source as the module: every function, class and table it defines
    replaces the original, in that module and wherever another domain module imported it."""
    module = sys.modules[module_name]
    source = Path(module.__file__).read_text(encoding="utf-8")
    assert source.count(old) == 1, f"mutation target not found once in {module_name}: {old!r}"
    namespace: dict = {"__name__": module_name, "__file__": module.__file__}
    exec(compile(source.replace(old, new), module.__file__, "exec"), namespace)
    replaced = {id(getattr(module, name)): value for name, value in namespace.items()
                if not name.startswith("__") and hasattr(module, name)
                and not isinstance(value, types.ModuleType)
                and getattr(getattr(module, name), "__module__", module_name) == module_name}
    for other in [m for n, m in list(sys.modules.items()) if n.startswith("portal.domain") and m]:
        for name, value in list(vars(other).items()):
            if id(value) in replaced and value is not replaced[id(value)]:
                monkeypatch.setattr(other, name, replaced[id(value)])


def test_the_table_agrees_with_the_rules_unmutated():
    assert [c.name for c in CASES if check(c)] == []


@pytest.mark.parametrize("module_name, old, new", MUTATIONS,
                         ids=[f"{m.rsplit('.', 1)[1]}:{o.strip()[:40]}" for m, o, _ in MUTATIONS])
def test_every_mutation_of_the_rules_is_caught(monkeypatch, module_name, old, new):
    with monkeypatch.context() as patch:
        apply(patch, module_name, old, new)
        caught = [c.name for c in CASES if check(c)]
    assert caught, f"no boundary case catches {module_name}: {old!r} -> {new!r}"
    assert [c.name for c in CASES if check(c)] == []  # restored
