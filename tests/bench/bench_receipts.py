"""Render receipts and notices 50 times each in one warm process; print median and 95th percentile CPU time, and size.

Run: .venv/bin/python -m tests.bench.bench_receipts [--runs 50]

Typical: a household of three applying for the minimum living allowance and medical assistance,
three documents uploaded, Simplified Chinese. The time is the whole issue path (reading the
application, the template, the PDF), as at submission. The figures are CPU time: on a busy
machine the wall time (printed after them) includes waiting for the processor, the CPU time
does not. Variants follow: a name with rare characters (a fallback face is embedded too), a
name with all five rare characters of the tests, Traditional Chinese, English, and the four
notices (each decision's document). Target on the project's 2-core machine: median under 60 ms,
every document under 100 KB.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

os.environ.setdefault("PORTAL_ENV", "testing")

# A weekday in Shanghai, so that working-day deadlines are ordinary.
DECIDED_AT = datetime(2026, 9, 28, 2, 0, tzinfo=timezone.utc)


def _application(locale: str, name: str, **kw):
    from portal.extensions import db
    from portal.models import Document
    from tests.factories import create_account, create_application, create_contact

    create_contact("44030506", address="深圳市南山区粤海街道科技南十二路 1 号", hours="周一至周五 9:00-12:00, 14:00-18:00",
                   phone="0755-86000000")
    members = [{"ref": "m1", "name": name}, {"ref": "m2", "name": "林静"}, {"ref": "m3", "name": "李小明"}]
    application = create_application(
        create_account("resident"), types=("dibao", "medical"), name=name, locale=locale,
        answers={"about": {"name": name, "id_number": "440305199001011234"}, "members": members}, **kw)
    for n, purpose in enumerate(("income_proof", "disability_cert", "medical_receipts")):
        db.session.add(Document(application_id=application.id, purpose=purpose, stored_name=f"bench-{locale}-{n}-{application.id}",
                                content_type="application/pdf", size=1, sha256="0" * 64,
                                uploaded_at=application.submitted_at))
    db.session.commit()
    return application


def receipt(locale: str, name: str):
    """A callable rendering the receipt of a new application."""
    from portal.models import utcnow
    from portal.receipts.render import receipt_pdf

    application = _application(locale, name)
    return lambda: receipt_pdf(application, "K7QM2DRT", utcnow())


def notice(action: str, role: str, status: str, **data):
    """A callable rendering the notice of a decision taken on a new application (Simplified Chinese)."""
    from portal.extensions import db
    from portal.models import Event, utcnow
    from portal.receipts.notice_content import NOTICE_KINDS
    from portal.receipts.render import notice_pdf
    from portal.tracking.transitions import perform
    from tests.factories import create_account

    application = _application("zh_Hans", "李明", request_status=status)
    request = application.requests[0]
    with contextlib.redirect_stdout(io.StringIO()):  # the test configuration prints each SMS it would send
        perform(request, action, create_account(role), data, now=DECIDED_AT)
        db.session.commit()
    event = db.session.scalars(db.select(Event).where(Event.request_id == request.id, Event.action == action)).one()
    return lambda: notice_pdf(NOTICE_KINDS[action], request, event, "K7QM2DRT", utcnow())


def measure(label: str, render, runs: int) -> None:
    for _ in range(2):  # warm: templates compiled, fonts loaded
        render()
    wall, cpu, size = [], [], 0
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        pdf = render()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        size = max(size, len(pdf))
    print(f"{label:34s} median {statistics.median(cpu) * 1000:6.1f} ms   p95 {_p95(cpu) * 1000:6.1f} ms CPU   "
          f"(wall {statistics.median(wall) * 1000:6.1f} / {_p95(wall) * 1000:6.1f} ms)   size {size / 1024:6.1f} KB",
          flush=True)


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


CASES = (
    ("typical receipt (zh_Hans)", lambda: receipt("zh_Hans", "李明")),
    ("rare name characters (王喆堃)", lambda: receipt("zh_Hans", "王喆堃")),
    ("all five rare (喆堃昇龑䶮, zh_Hant)", lambda: receipt("zh_Hant", "王喆堃昇龑䶮")),
    ("Traditional Chinese (zh_Hant)", lambda: receipt("zh_Hant", "陳美玲")),
    ("English (en)", lambda: receipt("en", "Li Ming 李明")),
    ("acceptance notice", lambda: notice("accept", "caseworker", "SUBMITTED", close_relative_of_staff=False)),
    ("materials notice", lambda: notice("request_materials", "caseworker", "SUBMITTED",
                                        missing_items=["户口簿复印件", "收入证明", "银行流水", "disability_cert"])),
    ("refusal notice", lambda: notice("reject", "reviewer", "COUNTY_REVIEW", reason="家庭人均收入高于当地低保标准。")),
    ("approval notice", lambda: notice("approve", "reviewer", "COUNTY_REVIEW", amount="1480.00", start_month="2026-10",
                                       income_irregular=False)),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs

    from portal import create_app
    from portal.extensions import db
    from portal.receipts import fonts
    from portal.reference.offices import load_offices

    fonts.build()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
                          "SECRET_KEY": "bench", "TESTING": True, "INSTANCE_DIR": folder,
                          "UPLOAD_DIR": str(Path(folder) / "uploads")})
        with app.app_context():
            db.create_all()
            load_offices()
            start = time.perf_counter()
            from portal.receipts.pdf import warm_up

            warm_up()
            print(f"first render in a fresh process (import + fonts): {time.perf_counter() - start:.2f} s; "
                  f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} processors")
            print(f"{runs} renders each (CPU time; wall time in brackets):")
            for label, prepare in CASES:
                measure(label, prepare(), runs)
            print(f"load average at the end {os.getloadavg()[0]:.1f}")
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
