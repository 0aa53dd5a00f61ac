"""Static checks over the code, each configured in pyproject.toml:

- bandit over the product code: every finding is fixed or reviewed in place with `# nosec BXXX: why`;
- ruff over product code and tests: every `# noqa` names a rule it still suppresses;
- mypy: strict for the pure rules in portal/domain/, lenient elsewhere.
"""
import subprocess
import sys

from portal.config import PROJECT_ROOT


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=PROJECT_ROOT, capture_output=True, text=True)


def test_bandit_reports_no_unreviewed_finding():
    result = _run("bandit", "-q", "-r", "portal", "app.py", "-c", "pyproject.toml",
                  "-f", "custom", "--msg-template", "{relpath}:{line} {test_id} {msg}")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing():
    result = _run("ruff", "check", "--no-fix", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout
