"""portal/domain/ is pure Python: no Flask, no SQLAlchemy, nothing from the rest of portal.

Imports point one way (design.md §2 rule 1), so the rules can be tested without an app and
reused by the API, the journey and the console alike.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[2] / "portal" / "domain"
FORBIDDEN_ROOTS = {"flask", "sqlalchemy", "werkzeug", "jinja2", "wtforms", "alembic"}


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, absolute-looking module name) for every import; relative imports resolved
    against portal.domain (a module directly inside it)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ["portal", "domain"][: max(0, 3 - node.level)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.append((node.lineno, name))
    return found


def violation(module: str) -> str | None:
    root = module.split(".")[0]
    if root in FORBIDDEN_ROOTS or root.startswith("flask_"):
        return "framework import"
    if root == "portal" and not (module == "portal.domain" or module.startswith("portal.domain.")):
        return "import from portal outside portal.domain"
    return None


@pytest.mark.parametrize("module, bad", [
    ("flask", True), ("flask_babel", True), ("sqlalchemy.orm", True), ("portal.models", True),
    ("portal", True), ("portal.extensions", True), ("portal.domain.ids", False),
    ("portal.domain", False), ("decimal", False), ("portal_tools", False),
])
def test_violation_rule(module, bad):
    assert (violation(module) is not None) is bad


def test_relative_imports_are_resolved():
    tree = ast.parse("from . import ids\nfrom ..models import x\nfrom .policy import Policy\n")
    assert [m for _, m in imported_modules(tree)] == ["portal.domain", "portal.models", "portal.domain.policy"]


@pytest.mark.parametrize("path", sorted(DOMAIN.glob("*.py")), ids=lambda p: p.name)
def test_domain_module_is_pure(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    problems = [f"{path.name}:{line} imports {module} ({why})"
                for line, module in imported_modules(tree) if (why := violation(module))]
    assert not problems, "\n".join(problems)


def test_there_are_domain_modules_to_check():
    assert {"household.py", "eligibility.py", "policy.py", "ids.py"} <= {p.name for p in DOMAIN.glob("*.py")}
