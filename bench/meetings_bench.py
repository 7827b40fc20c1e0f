"""Meetings list benchmark: the SQL a coordinator's meetings page issues with 50 meetings and
with 50,000 must be the same number of statements (the page is paged, and its answer and
agenda counts are read for the page in one query each). Also times the page.

Run: `make bench` (or python bench/meetings_bench.py).
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
from sqlalchemy import event, insert, select  # noqa: E402

from vms import MIGRATIONS_DIR, create_app  # noqa: E402
from vms.auth.models import Role, User  # noqa: E402
from vms.auth.passwords import hash_password  # noqa: E402
from vms.cohorts import services as cohorts  # noqa: E402
from vms.database import now_utc  # noqa: E402
from vms.extensions import db  # noqa: E402
from vms.scheduling.models import Invitee, Meeting, MeetingKind, MeetingStatus, Response  # noqa: E402

PASSWORD = "benchmark-password-1"


def add_meetings(program_id: int, people: list[int], count: int, offset: int) -> None:
    """Meetings (and two invitees each) inserted in bulk: the ORM would take minutes."""
    start = now_utc() + timedelta(days=1)
    rows = [
        {"program_id": program_id, "kind": MeetingKind.TEAM, "uid": f"bench-{offset + n}@vms",
         "sequence": 0, "title": f"Venture {n % 300}",
         "starts_at": start + timedelta(minutes=30 * (offset + n)),
         "ends_at": start + timedelta(minutes=30 * (offset + n) + 60),
         "timezone": "America/New_York", "location": "Room 1", "video_url": "", "notes": "",
         "status": MeetingStatus.SCHEDULED, "summary": "", "decisions": "",
         "created_at": now_utc()}
        for n in range(count)
    ]  # fmt: skip
    db.session.execute(insert(Meeting), rows)
    ids = db.session.scalars(select(Meeting.id).where(Meeting.uid.like("bench-%"))).all()
    known = set(db.session.scalars(select(Invitee.meeting_id)).all())
    invitees = [{"meeting_id": mid, "user_id": uid, "response": Response.YES}
                for mid in ids if mid not in known for uid in people]  # fmt: skip
    db.session.execute(insert(Invitee), invitees)
    db.session.commit()


def measure(client, url: str, app) -> tuple[int, float]:
    statements: list[str] = []

    def record(*_args) -> None:
        statements.append("sql")

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        client.get(url)  # warm
        statements.clear()
        response = client.get(url)
        assert response.status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    timings = []
    for _ in range(9):
        began = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
    return len(statements), statistics.median(timings)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SECRET_KEY": "benchmark-secret-key-0123456789",
                          "DATABASE_URL": f"sqlite:///{folder}/bench.db", "MAIL_BACKEND": "log",
                          "WTF_CSRF_ENABLED": False})  # fmt: skip
        with app.app_context():
            upgrade(directory=str(MIGRATIONS_DIR))
            program = cohorts.create_program("Bench Program", "America/New_York", "en")
            people = []
            for n, role in enumerate((Role.COORDINATOR, Role.MENTOR)):
                user = User(email=f"bench{n}@example.org", name=f"Bench {n}",
                            password_hash=hash_password(PASSWORD))  # fmt: skip
                db.session.add(user)
                db.session.flush()
                cohorts.add_member(user, program, role)
                people.append(user.id)
            db.session.commit()
            program_id, slug = program.id, program.slug
            add_meetings(program_id, people, 50, 0)
        client = app.test_client()
        client.post("/signin", data={"email": "bench0@example.org", "password": PASSWORD})
        url = f"/p/{slug}/meetings"
        few, few_ms = measure(client, url, app)
        with app.app_context():
            add_meetings(program_id, people, 49_950, 50)
        many, many_ms = measure(client, url, app)
        print(f"meetings list: {few} SQL statements with 50 meetings ({few_ms:.1f} ms), "
              f"{many} with 50,000 ({many_ms:.1f} ms): "
              f"{'same' if few == many else 'DIFFERENT'}")  # fmt: skip


if __name__ == "__main__":
    main()
