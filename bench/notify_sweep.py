"""Notification sweep benchmark (issue 13): one full sweep of the meeting reminders (the
day-before reminders, agendas due, summaries due) over a program with 100,000 future meetings
of which 1,000 have their agenda due. Target: under one second, and the same number of SQL
statements as over 2,000 meetings with the same 1,000 due (the cost grows with due work, not
with the meetings ahead).

Run: `make bench` (or python bench/notify_sweep.py).
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import delete, event, func, insert, select, update  # noqa: E402

from vms import MIGRATIONS_DIR, create_app  # noqa: E402
from vms.auth.models import Role, User  # noqa: E402
from vms.cohorts import services as cohorts  # noqa: E402
from vms.cohorts.models import Venture, VentureFounder  # noqa: E402
from vms.cohorts.teams.models import Team, TeamMember  # noqa: E402
from vms.database import now_utc  # noqa: E402
from vms.extensions import db  # noqa: E402
from vms.mail.models import OutboxEmail  # noqa: E402
from vms.notifications.models import Notification  # noqa: E402
from vms.scheduling import jobs  # noqa: E402
from vms.scheduling.models import Meeting, MeetingKind, MeetingStatus  # noqa: E402

TEAMS = 100
DUE = 1_000


def build_program() -> tuple[int, list[int]]:
    program = cohorts.create_program("Bench Program", "America/New_York", "en")
    team_ids = []
    for n in range(TEAMS):
        founder = User(email=f"founder{n}@example.org", name=f"Founder {n}", password_hash="x",
                       timezone="America/New_York")  # fmt: skip
        mentor = User(email=f"mentor{n}@example.org", name=f"Mentor {n}", password_hash="x")
        db.session.add_all([founder, mentor])
        db.session.flush()
        cohorts.add_member(founder, program, Role.ENTREPRENEUR)
        cohorts.add_member(mentor, program, Role.MENTOR)
        venture = Venture(program_id=program.id, name=f"Venture {n}", needs=[])
        venture.founders = [VentureFounder(user=founder, name=founder.name)]
        team = Team(program_id=program.id, venture=venture,
                    members=[TeamMember(mentor_id=mentor.id, is_lead=True)])  # fmt: skip
        db.session.add(team)
        db.session.flush()
        team_ids.append(team.id)
    db.session.commit()
    return program.id, team_ids


def add_meetings(program_id: int, team_ids: list[int], count: int, due: int, offset: int) -> None:
    """``due`` meetings start in two days (agenda due, no day-before reminder yet); the rest
    from ten days on, thirty minutes apart."""
    now = now_utc()
    rows = []
    for n in range(count):
        start = (now + timedelta(days=2, seconds=n) if n < due
                 else now + timedelta(days=10, minutes=30 * (offset + n)))  # fmt: skip
        rows.append({
            "program_id": program_id, "kind": MeetingKind.TEAM, "team_id": team_ids[n % TEAMS],
            "uid": f"bench-{offset + n}@vms", "sequence": 0, "title": f"Venture {n % TEAMS}",
            "starts_at": start, "ends_at": start + timedelta(hours=1),
            "timezone": "America/New_York", "location": "Room 1", "video_url": "", "notes": "",
            "status": MeetingStatus.SCHEDULED, "summary": "", "decisions": "", "created_at": now,
        })  # fmt: skip
    db.session.execute(insert(Meeting), rows)
    db.session.commit()


def sweep(app) -> tuple[int, float, int]:
    """(statements, seconds, emails queued) of one full sweep of the meeting reminders."""
    statements = []
    engine = db.engine

    def record(*_args) -> None:
        statements.append(1)

    event.listen(engine, "before_cursor_execute", record)
    began = time.perf_counter()
    for job in (jobs.send_meeting_reminders, jobs.send_agenda_reminders,
                jobs.send_summary_reminders):  # fmt: skip
        job()
    seconds = time.perf_counter() - began
    event.remove(engine, "before_cursor_execute", record)
    emails = db.session.scalar(select(func.count()).select_from(OutboxEmail))
    return len(statements), seconds, emails


def reset() -> None:
    """Forget the sweep's work so it can run again over more meetings."""
    db.session.execute(delete(OutboxEmail))
    db.session.execute(delete(Notification))
    db.session.execute(update(Meeting).values(agenda_reminded_at=None, reminded_at=None))
    db.session.commit()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SECRET_KEY": "benchmark-secret-key-0123456789",
                          "DATABASE_URL": f"sqlite:///{folder}/bench.db", "MAIL_BACKEND": "log",
                          "BASE_URL": "https://mentoring.example.org"})  # fmt: skip
        with app.app_context():
            upgrade(directory=str(MIGRATIONS_DIR))
            program_id, team_ids = build_program()
            add_meetings(program_id, team_ids, 2_000, DUE, 0)
            few, few_s, few_emails = sweep(app)
            reset()
            add_meetings(program_id, team_ids, 98_000, 0, 2_000)
            many, many_s, many_emails = sweep(app)
        print(f"notification sweep: {few} SQL statements over 2,000 meetings ({few_s:.2f} s), "
              f"{many} over 100,000 ({many_s:.2f} s, {many_emails} emails for {DUE} due): "
              f"statements {'same' if few == many else 'DIFFERENT'}, "
              f"{'under' if many_s < 1 else 'OVER'} one second")  # fmt: skip
        assert few_emails == many_emails == DUE


if __name__ == "__main__":
    main()
