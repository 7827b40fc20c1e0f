"""Dashboard benchmark (issue 14): the coordinator's evidence dashboard of a program with
3,000 mentors, 1,000 ventures and 50,000 meetings renders in under 500 ms, in a statement count
that does not grow with the data.

Builds the scale world of bench/scale/ with the scale benchmark's own builder (a large program
and a sister program fifty times smaller, through the app's migrations), then opens, as the
large program's coordinator, the dashboard (unfiltered; with every chart drawn afresh, since
charts are kept by their numbers between requests; and filtered to a cohort and a year), the
at-risk list, a page of the mentor ledger and one CSV export, each several times in-process:
min and median time, statements (beside the sister program's: the two must match) and the
size of the HTML.

The database is chosen as by bench/scale_bench.py (VMS_BENCH_DATABASE_URL, default
postgresql://postgres@127.0.0.1:5433/vms_dashboard_bench, created and emptied; else SQLite in
a temporary folder). A full build takes minutes: VMS_BENCH_REUSE=1 measures the world an
earlier run left in that database instead of building it again. VMS_SCALE as for the scale
benchmark; VMS_BENCH_RUNS (7) requests per page. Run: `make bench` or python
bench/dashboard_bench.py.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, select  # noqa: E402

from bench import scale_bench  # noqa: E402
from vms.auth.models import Membership, Role, User  # noqa: E402
from vms.cohorts.models import Cohort, Program  # noqa: E402
from vms.evidence.dashboard import charts  # noqa: E402
from vms.extensions import db  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5433/vms_dashboard_bench"
#: The issue's target for the dashboard of the large program.
TARGET_MS = 500
#: The dashboard with no chart kept from an earlier request (charts are kept by their numbers).
COLD = "dashboard, every chart drawn afresh"


@dataclass(frozen=True)
class Timing:
    status: int
    statements: int
    fastest_ms: float
    median_ms: float
    size: int


def _coordinator_and_paths(slug: str) -> tuple[str, list[tuple[str, str]]]:
    program = db.session.scalar(select(Program).where(Program.slug == slug))
    email = db.session.scalar(
        select(User.email).join(Membership, Membership.user_id == User.id)
        .where(Membership.program_id == program.id, Membership.role == Role.COORDINATOR)
        .order_by(User.id)
    )  # fmt: skip
    cohort = db.session.scalar(select(Cohort.id).where(Cohort.program_id == program.id))
    year_ago = (datetime.now(UTC) - timedelta(days=365)).date().isoformat()
    base = f"/p/{slug}/evidence"
    return email, [
        ("dashboard", base),
        (COLD, base),
        ("dashboard, a cohort and a year", f"{base}?cohort={cohort or ''}&starts_on={year_ago}"),
        ("at-risk list", f"{base}/at-risk"),
        ("mentor commitment ledger, page 2", f"{base}/mentors?page=2"),
        ("CSV: the funnel", f"{base}/export.csv?table=funnel"),
    ]


def measure(app, slug: str, runs: int) -> dict[str, Timing]:
    with app.app_context():
        email, paths = _coordinator_and_paths(slug)
        engine = db.engine
    client = app.test_client()
    reply = client.post("/signin", data={"email": email, "password": scale_bench.PASSWORD})
    assert reply.status_code == 302, f"sign-in failed for {email}"
    counted: list[int] = []
    found = {}

    def record(*_args) -> None:
        counted.append(1)

    for name, path in paths:
        client.get(path)  # templates compiled, caches warm
        counted.clear()
        event.listen(engine, "before_cursor_execute", record)
        timings = []
        for _ in range(runs):
            if name == COLD:
                charts.forget_charts()
            began = time.perf_counter()
            reply = client.get(path)
            timings.append((time.perf_counter() - began) * 1000)
        event.remove(engine, "before_cursor_execute", record)
        found[name] = Timing(reply.status_code, len(counted) // runs, min(timings),
                             statistics.median(timings), len(reply.data))  # fmt: skip
    return found


def _slugs(app) -> tuple[str, str]:
    with app.app_context():
        slugs = list(db.session.scalars(select(Program.slug).order_by(Program.id)))
    return slugs[0], slugs[1]


def report(big: dict[str, Timing], sister: dict[str, Timing]) -> str:
    lines = ["| page | statements (sister, 1/50) | statements | fastest | median | HTML |",
             "|---|---|---|---|---|---|"]  # fmt: skip
    for name, m in big.items():
        status = "" if m.status == 200 else f" (HTTP {m.status})"
        lines.append(f"| {name}{status} | {sister[name].statements} | {m.statements} | "
                     f"{m.fastest_ms:.0f} ms | {m.median_ms:.0f} ms | "
                     f"{m.size / 1024:.0f} KiB |")  # fmt: skip
    dashboard = big[COLD]
    verdict = "under" if dashboard.median_ms < TARGET_MS else "OVER"
    grew = [n for n in big if big[n].statements != sister[n].statements]
    lines.append(f"\nThe dashboard, its charts drawn afresh: median "
                 f"{dashboard.median_ms:.0f} ms, {verdict} the {TARGET_MS} ms target; statements "
                 + (f"GREW with the data on: {', '.join(grew)}" if grew else
                    "the same in both programs"))  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    os.environ.setdefault("VMS_BENCH_DATABASE_URL", DEFAULT_URL)
    scale = float(os.environ.get("VMS_SCALE", "1"))
    runs = int(os.environ.get("VMS_BENCH_RUNS", "7"))
    reuse = os.environ.get("VMS_BENCH_REUSE") == "1"
    with tempfile.TemporaryDirectory() as folder:
        if reuse:
            url = os.environ["VMS_BENCH_DATABASE_URL"]
            described = f"the world already in {url}"
        else:
            url, described = scale_bench.choose_database(folder)
        print(f"dashboard benchmark: {described}, VMS_SCALE={scale:g}, commit "
              f"{scale_bench.commit_of_checkout()}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
              flush=True)  # fmt: skip
        app = scale_bench.app_for(url, folder)
        if not reuse:
            began = time.perf_counter()
            _big, _sister, counted = scale_bench.build(app, scale)
            print(f"built in {time.perf_counter() - began:.0f} s: {counted}", flush=True)
        big_slug, sister_slug = _slugs(app)
        print(report(measure(app, big_slug, runs), measure(app, sister_slug, runs)))
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
