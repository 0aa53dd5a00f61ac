"""Render a typical receipt 50 times in one warm process; print the median and 95th percentile time and the size.

Run: .venv/bin/python -m tests.bench.bench_receipts [--runs 50]

Typical: a household of three applying for the minimum living allowance and medical assistance,
three documents uploaded, Simplified Chinese. The time is the whole issue path (reading the
application, the template, the PDF), as at submission. CPU time is printed beside the wall
time: on a busy machine the wall time includes waiting for the processor, the CPU time does not.
Two variants follow: a name with rare characters (the fallback face is embedded too) and
Traditional Chinese. Target on the project's 2-core machine: median under 60 ms, under 100 KB.
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PORTAL_ENV", "testing")


def _application(locale: str, name: str):
    from portal.extensions import db
    from portal.models import Document, Office
    from tests.factories import create_account, create_application

    office = db.session.get(Office, "44030506")
    office.address = "深圳市南山区粤海街道科技南十二路 1 号"
    office.hours = "周一至周五 9:00-12:00, 14:00-18:00"
    office.phone = "0755-86000000"
    members = [{"ref": "m1", "name": name}, {"ref": "m2", "name": "林静"}, {"ref": "m3", "name": "李小明"}]
    application = create_application(
        create_account("resident"), types=("dibao", "medical"), name=name, locale=locale,
        answers={"about": {"name": name, "id_number": "440305199001011234"}, "members": members})
    for n, purpose in enumerate(("income_proof", "disability_cert", "medical_receipts")):
        db.session.add(Document(application_id=application.id, purpose=purpose, stored_name=f"bench-{locale}-{n}-{application.id}",
                                content_type="application/pdf", size=1, sha256="0" * 64,
                                uploaded_at=application.submitted_at))
    db.session.commit()
    return application


def measure(label: str, application, runs: int) -> None:
    from portal.models import utcnow
    from portal.receipts.render import receipt_pdf

    for _ in range(2):  # warm: templates compiled, fonts loaded
        receipt_pdf(application, "K7QM2DRT", utcnow())
    wall, cpu, size = [], [], 0
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        pdf = receipt_pdf(application, "K7QM2DRT", utcnow())
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        size = len(pdf)
    p95 = statistics.quantiles(wall, n=20)[-1]
    print(f"{label:34s} median {statistics.median(wall) * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms   "
          f"cpu median {statistics.median(cpu) * 1000:6.1f} ms   size {size / 1024:6.1f} KB")


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
            print(f"{runs} renders each:")
            measure("typical receipt (zh_Hans)", _application("zh_Hans", "李明"), runs)
            measure("rare name characters (王喆堃)", _application("zh_Hans", "王喆堃"), runs)
            measure("Traditional Chinese (zh_Hant)", _application("zh_Hant", "陳美玲"), runs)
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
