"""The Nu HTML checker (vnu.jar, from npm, run with Java): errors in a set of pages."""
from __future__ import annotations

import json
import shutil

# Reviewed (B404): runs java with a fixed argument list, never a shell
import subprocess  # nosec B404
from pathlib import Path

VNU = Path(__file__).resolve().parents[2] / ".cache" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check_pages(pages: dict[str, str], workdir: Path) -> list[dict]:
    """Write each page to ``workdir`` and return the checker's errors (with the file each is in)."""
    java = shutil.which("java")
    if java is None or not VNU.exists():
        raise RuntimeError(f"the Nu checker needs java and {VNU} (make test installs both)")
    workdir.mkdir(parents=True, exist_ok=True)
    for key, html in pages.items():
        (workdir / f"{key}.html").write_text(html, encoding="utf-8")
    result = subprocess.run([java, "-Xss2m", "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always",  # nosec B603
                             "--skip-non-html", str(workdir)], capture_output=True, text=True, check=True)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
