"""Calendar feed benchmark: a personal feed of 1,000 meetings served over HTTP (target < 100 ms).

Builds a throwaway SQLite database with one program, a team and 1,000 meetings
the person is invited to, then times GET /calendar/<token>.ics through the WSGI
app (the full request: routing, query, calendar rendering, ETag). Also checks a
poll with If-None-Match answers 304. Run: `make bench` (or python bench/feed_bench.py).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402

from vms import MIGRATIONS_DIR, create_app  # noqa: E402
from vms.auth.models import Role, User  # noqa: E402
from vms.cohorts import services as cohorts  # noqa: E402
from vms.database import now_utc  # noqa: E402
from vms.extensions import db  # noqa: E402
from vms.scheduling.calendars import feeds  # noqa: E402
from vms.scheduling.models import Invitee, Meeting, MeetingKind  # noqa: E402

MEETINGS = 1_000
RUNS = 21


def build(app) -> str:
    program = cohorts.create_program("Bench Program", "America/New_York", "en")
    person = User(email="bench@example.org", name="Bench Person", password_hash="x")
    db.session.add(person)
    db.session.flush()
    cohorts.add_member(person, program, Role.MENTOR)
    start = now_utc() - timedelta(days=60)
    for n in range(MEETINGS):
        begins = start + timedelta(hours=7 * n)
        db.session.add(Meeting(
            program_id=program.id, kind=MeetingKind.TEAM, title=f"Venture {n % 40}",
            starts_at=begins, ends_at=begins + timedelta(hours=1), timezone=program.timezone,
            location=f"Room {n % 9}", notes="Agenda: traction, hiring, next round.",
            invitees=[Invitee(user_id=person.id)],
        ))  # fmt: skip
    token = feeds.token_of(feeds.feed_of(person))
    db.session.commit()
    return f"/calendar/{token}.ics"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({
            "SECRET_KEY": "benchmark-secret-key-0123456789",
            "DATABASE_URL": f"sqlite:///{folder}/bench.db",
            "MAIL_BACKEND": "log",
        })  # fmt: skip
        with app.app_context():
            upgrade(directory=str(MIGRATIONS_DIR))
            url = build(app)
        client = app.test_client()
        first = client.get(url)
        assert first.status_code == 200 and first.data.count(b"BEGIN:VEVENT") == MEETINGS
        timings = []
        for _ in range(RUNS):
            began = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200
        etag = first.headers["ETag"]
        began = time.perf_counter()
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
        not_modified = (time.perf_counter() - began) * 1000
        median = statistics.median(timings)
        size = len(first.data) // 1024
        print(f"feed of {MEETINGS} meetings ({size} KiB): median {median:.1f} ms, "
              f"best {min(timings):.1f} ms, worst {max(timings):.1f} ms over {RUNS} runs; "
              f"304 poll {not_modified:.1f} ms; target < 100 ms: "
              f"{'met' if median < 100 else 'NOT met'}")  # fmt: skip


if __name__ == "__main__":
    main()
