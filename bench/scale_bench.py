"""Scale benchmark (issue 16): a page's cost must depend on what it shows, not on how much the
program holds.

Builds a large program (3,000 mentors, 1,000 ventures, 300 published teams, 50,000 meetings
with about 310,000 invitations, 5,000 mentor applications, 2,500 interviews, and the rest a
program of that size has) beside a small sister program, in a fresh database through the
app's migrations. Then, for each page and the people it is for, reports the SQL statements
one request issues (also in the sister program, 50 times smaller: the two must match), the
time of one request (median, in-process), the size of the HTML, and requests per second
under gunicorn with 2 workers, as a share of /healthz's rate in the same run (the mean of
its runs just before and just after the page).

PostgreSQL when a server answers at VMS_BENCH_DATABASE_URL (default
postgresql://postgres@127.0.0.1:5433/vms_scale; the database is created if missing and
emptied first, so give it a database of its own), else SQLite in a temporary folder.
VMS_SCALE=0.1 builds a tenth of the size; VMS_SCALE_MENTORS (…_VENTURES, _TEAMS, _MEETINGS,
_APPLICATIONS, _INTERVIEWS) set one count; VMS_BENCH_SECONDS (5) and VMS_BENCH_THREADS (4)
shape each load run. Run: `make bench` (or python bench/scale_bench.py).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from psycopg import sql  # noqa: E402
from sqlalchemy import event, func, select  # noqa: E402

from bench.scale import serve  # noqa: E402
from bench.scale.people import Sizes  # noqa: E402
from bench.scale.program import Personas, build_program  # noqa: E402
from vms import MIGRATIONS_DIR, create_app  # noqa: E402
from vms.auth.passwords import hash_password  # noqa: E402
from vms.cohorts.models import Program  # noqa: E402
from vms.extensions import db  # noqa: E402
from vms.scheduling.models import Invitee, Meeting  # noqa: E402
from vms.screening.mentors.models import Interview, MentorApplication  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5433/vms_scale"
SECRET_KEY = "scale-benchmark-secret-key-0123456789"
PASSWORD = "scale-benchmark-password-1"
SISTER_SHARE = 0.02
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Page:
    name: str
    persona: str
    path: str


def pages_of(p: Personas) -> list[Page]:
    base = f"/p/{p.slug}"
    found = [Page(f"{role} home", role, f"{base}/") for role in ("coordinator", "mentor",
                                                                   "founder")]  # fmt: skip
    found += [Page(name, "coordinator", base + path) for name, path in (
        ("mentor pipeline", "/screening/mentors"), ("team page", f"/teams/{p.team_id}"),
        ("teams overview", "/teams"), ("mentor load", "/teams/load"),
        ("conflicts review", "/conflicts/review"))]  # fmt: skip
    for role in ("coordinator", "mentor"):
        found.append(Page("monthly mentor meeting: series", role, f"{base}/mentor-meetings"))
        found.append(Page("monthly mentor meeting: one date", role,
                          f"{base}/meetings/{p.mentor_meeting_id}"))  # fmt: skip
    found += [Page("meetings list", role, f"{base}/meetings")
              for role in ("coordinator", "mentor", "founder")]  # fmt: skip
    return found + [Page("calendar feed", role, p.feeds[role]) for role in ("mentor", "founder")]


def choose_database(folder: str) -> tuple[str, str]:
    """(URL, what to call it): a fresh PostgreSQL database, else SQLite, saying why."""
    url = os.environ.get("VMS_BENCH_DATABASE_URL", DEFAULT_URL).replace("+psycopg", "")
    fallback = f"sqlite:///{folder}/scale.sqlite3"
    if url.startswith("sqlite"):
        return url, "SQLite"
    try:
        version = _fresh_postgres(url)
    except psycopg.OperationalError as error:
        reason = str(error).strip().splitlines()[0]
        return fallback, f"SQLite (PostgreSQL is not reachable at {url}: {reason})"
    return url, f"PostgreSQL {version} ({urllib.parse.urlsplit(url).netloc})"


def _fresh_postgres(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name.startswith("vms_test"):
        raise SystemExit(f"refusing to empty {name!r}: give the benchmark its own database")
    server = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True, connect_timeout=3) as connection:
        version = connection.execute("SHOW server_version").fetchone()[0]
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                  (name,)).fetchone():  # fmt: skip
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")
    return version


def app_for(url: str, folder: str):
    return create_app({"ENV": "production", "SECRET_KEY": SECRET_KEY, "DATABASE_URL": url,
                       "MAIL_BACKEND": "log", "WTF_CSRF_ENABLED": False,
                       "SESSION_COOKIE_SECURE": False, "REMEMBER_COOKIE_SECURE": False,
                       "INSTANCE_PATH": folder})  # fmt: skip


def build(app, scale: float) -> tuple[Personas, Personas, str]:
    with app.app_context():
        upgrade(directory=MIGRATIONS_DIR)
        password_hash = hash_password(PASSWORD)
        big = build_program("Cambridge Venture Mentoring", "America/New_York", "en",
                            Sizes.scaled(scale, overrides=True), 16, password_hash)  # fmt: skip
        sister = build_program("Programa Hermano de Mentoría", "Europe/Madrid", "es",
                               Sizes.scaled(scale * SISTER_SHARE), 17, password_hash)  # fmt: skip
        counted = _counts(big.slug)
        _analyze()
        db.engine.dispose()
    return big, sister, counted


def _analyze() -> None:
    """Statistics for the planner, as autovacuum would have gathered them in production: the
    bulk inserts left none, and the first minutes' plans were sequential scans (a team page
    took 370 ms in-process while gunicorn, later, served it at 25 ms)."""
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
        else:
            connection.exec_driver_sql("ANALYZE")
            connection.commit()


def _counts(slug: str) -> str:
    program_id = db.session.scalar(select(Program.id).where(Program.slug == slug))

    def count(query) -> int:
        return db.session.scalar(select(func.count()).select_from(query.subquery()))

    meetings = select(Meeting.id).where(Meeting.program_id == program_id)
    invitees = select(Invitee.id).join(Meeting).where(Meeting.program_id == program_id)
    apps = select(MentorApplication.id).where(MentorApplication.program_id == program_id)
    interviews = select(Interview.id).join(MentorApplication).where(
        MentorApplication.program_id == program_id)  # fmt: skip
    return (f"{count(meetings):,} meetings, {count(invitees):,} invitations, "
            f"{count(apps):,} mentor applications, {count(interviews):,} interviews")  # fmt: skip


@dataclass(frozen=True)
class Measure:
    status: int
    statements: int
    milliseconds: float
    size: int


def measure_in_process(app, personas: Personas, runs: int) -> dict[tuple[str, str], Measure]:
    """Statements and time of one request through the Flask test client, on the same database."""
    clients = {}
    for role, email in personas.emails.items():
        clients[role] = app.test_client()
        reply = clients[role].post("/signin", data={"email": email, "password": PASSWORD})
        assert reply.status_code == 302, f"in-process sign-in failed for {email}"
    with app.app_context():
        engine = db.engine
    found, statements = {}, []

    def record(*_args) -> None:
        statements.append(1)

    for page in pages_of(personas):
        client = clients[page.persona]
        client.get(page.path)  # templates compiled, caches warm
        statements.clear()
        timings = []
        event.listen(engine, "before_cursor_execute", record)
        try:
            began = time.perf_counter()
            reply = client.get(page.path)
            timings.append((time.perf_counter() - began) * 1000)
        finally:
            event.remove(engine, "before_cursor_execute", record)
        for _ in range(runs - 1):
            began = time.perf_counter()
            client.get(page.path)
            timings.append((time.perf_counter() - began) * 1000)
        found[(page.name, page.persona)] = Measure(
            reply.status_code, len(statements), statistics.median(timings), len(reply.data)
        )
    return found


#: Seconds of load on each page before its rate is measured.
WARM_UP = 1.0


def measure_served(url: str, personas: Personas, folder: str, seconds: float, threads: int):
    """Each page's rate, and /healthz's before the first page and after each: a page is
    compared with the two /healthz runs on either side of it, as this machine's speed drifts
    during a run (once by a third between the first and the last)."""
    rates = {}
    with serve.gunicorn(url, SECRET_KEY, Path(folder) / "gunicorn.log") as base:
        cookies = {role: serve.sign_in(base, email, PASSWORD)
                   for role, email in personas.emails.items()}  # fmt: skip
        serve.load(base, "/healthz", "", WARM_UP, threads)
        health = [serve.load(base, "/healthz", "", seconds, threads)]
        for page in pages_of(personas):
            cookie = "" if page.path.startswith("/calendar/") else cookies[page.persona]
            # Not counted: each worker's first requests of a page compile its templates and
            # statements, prepare them on its connection and fill what it keeps.
            serve.load(base, page.path, cookie, WARM_UP, threads)
            rates[(page.name, page.persona)] = serve.load(base, page.path, cookie, seconds,
                                                          threads)  # fmt: skip
            health.append(serve.load(base, "/healthz", "", seconds, threads))
    return rates, health


def _duration(ms: float) -> str:
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.0f} ms" if ms >= 10 else f"{ms:.1f} ms"


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KiB"


def table(big, small, rates, health) -> str:
    """``health``: /healthz's runs, before the first page and after each."""
    lines = ["| page | as | statements (sister, 1/50) | statements | one request | HTML | "
             "req/s | share of /healthz |", "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for n, ((name, persona), m) in enumerate(big.items()):
        rate = rates[(name, persona)]
        sister = small[(name, persona)]
        status = "" if m.status == 200 else f" (HTTP {m.status})"
        errors = f" ({rate.errors} failed)" if rate.errors else ""
        health_rate = statistics.mean(h.per_second for h in health[n : n + 2])
        share = 100 * rate.per_second / health_rate if health_rate else 0
        lines.append(f"| {name}{status} | {persona} | {sister.statements} | {m.statements} | "
                     f"{_duration(m.milliseconds)} | {_size(m.size)} | "
                     f"{rate.per_second:.1f}{errors} | {share:.2g}% |")  # fmt: skip
    return "\n".join(lines)


def commit_of_checkout() -> str:
    """The checkout's commit, read from .git (no git command needed)."""
    try:
        head = (ROOT / ".git" / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:12]
        ref = head[5:]
        loose = ROOT / ".git" / ref
        if loose.exists():
            return loose.read_text().strip()[:12]
        packed = (ROOT / ".git" / "packed-refs").read_text().splitlines()
        return next(line.split()[0][:12] for line in packed if line.endswith(ref))
    except (OSError, StopIteration):
        return "unknown"


def main() -> None:
    scale = float(os.environ.get("VMS_SCALE", "1"))
    seconds = float(os.environ.get("VMS_BENCH_SECONDS", "5"))
    threads = int(os.environ.get("VMS_BENCH_THREADS", "4"))
    with tempfile.TemporaryDirectory() as folder:
        url, described = choose_database(folder)
        print(f"scale benchmark: {described}, VMS_SCALE={scale:g}, commit {commit_of_checkout()}, "
              f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC", flush=True)  # fmt: skip
        app = app_for(url, folder)
        began = time.perf_counter()
        big, sister, counted = build(app, scale)
        print(f"built in {time.perf_counter() - began:.0f} s: {counted} (and a sister "
              f"program {1 / SISTER_SHARE:.0f} times smaller)", flush=True)  # fmt: skip
        in_big = measure_in_process(app, big, runs=3)
        in_sister = measure_in_process(app, sister, runs=1)
        with app.app_context():
            db.engine.dispose()
        rates, health = measure_served(url, big, folder, seconds, threads)
        health_rates = [h.per_second for h in health]
        print(f"/healthz under gunicorn (2 workers, {threads} client threads, {seconds:g} s "
              f"per page after {WARM_UP:g} s uncounted), before the first page and after "
              f"each: {min(health_rates):.0f}-{max(health_rates):.0f} req/s (median "
              f"{statistics.median(health_rates):.0f}); each page's share is of the mean of "
              f"the two runs beside it\n")  # fmt: skip
        print(table(in_big, in_sister, rates, health))


if __name__ == "__main__":
    main()
