"""Delivery happens outside web requests (issue 13): a page answers while the mail server stalls,
and the real scheduler process delivers a due reminder to a real SMTP server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from tests.support import free_port
from vms.database import now_utc
from vms.extensions import db
from vms.mail.delivery import CLAIM, deliver_all
from vms.mail.models import EmailStatus, OutboxEmail
from vms.mail.services import queue_email
from vms.scheduling.models import Meeting

ROOT = Path(__file__).resolve().parents[2]


def _env(database_url: str, smtp, tmp_path) -> dict[str, str]:
    """A process of its own on the tests' database and SMTP server."""
    return {**os.environ, "VMS_ENV": "testing", "VMS_SECRET_KEY": "test-secret-key",
            "VMS_DATABASE_URL": database_url, "VMS_MAIL_SERVER": "127.0.0.1",
            "VMS_MAIL_PORT": str(smtp.port), "VMS_BASE_URL": "http://localhost",
            "VMS_INSTANCE_PATH": str(tmp_path)}  # fmt: skip


#: A sender that claims the due emails, commits the claim and is killed before sending.
_KILLED_SENDER = """
import os, signal
from vms import create_app
from vms.database import now_utc
from vms.mail.delivery import claim_due
with create_app().app_context():
    print(len(claim_due(now_utc(), 10)), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_an_email_claimed_by_a_killed_sender_goes_once_after_the_claim_runs_out(
    app, smtp, database_url, tmp_path
):
    queue_email("killed@example.org", "en", "auth/password_reset", "Reset", user=None,
                link="x", hours=1)  # fmt: skip
    db.session.commit()
    env = _env(database_url, smtp, tmp_path)
    killed = subprocess.run([sys.executable, "-c", _KILLED_SENDER], cwd=ROOT, env=env,
                            timeout=60, capture_output=True)  # fmt: skip
    assert killed.returncode == -signal.SIGKILL and killed.stdout.strip() == b"1", killed.stderr
    db.session.expire_all()
    assert deliver_all() == 0, "still claimed by the dead sender"
    later = now_utc() + CLAIM + timedelta(seconds=1)
    assert deliver_all(later) == 1 and deliver_all(later + CLAIM * 2) == 0
    assert [m["To"] for m in smtp.received] == ["killed@example.org"]


def test_a_page_that_queues_an_email_answers_while_the_mail_server_stalls(make_app, app, world):
    port = free_port()
    with socket.socket() as stalled:  # accepts connections and never says a word
        stalled.bind(("127.0.0.1", port))
        stalled.listen(16)
        web = make_app(MAIL_PORT=port, MAIL_TIMEOUT=20)
        client = web.test_client()
        started = time.monotonic()
        response = client.post("/password/forgot", data={"email": world["A"].mentor.email})
        elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert elapsed < 3, f"the page waited {elapsed:.1f}s for the mail server"
    queued = db.session.scalar(
        select(OutboxEmail).where(OutboxEmail.to_address == world["A"].mentor.email)
        .order_by(OutboxEmail.id.desc())
    )  # fmt: skip
    assert queued.status is EmailStatus.PENDING and queued.attempts == 0
    assert "password" in queued.subject.lower()


def test_the_scheduler_process_delivers_a_due_reminder(app, world, smtp, database_url, tmp_path):
    meeting = db.session.get(Meeting, world["A"].meeting_id)
    meeting.starts_at = now_utc() + timedelta(hours=20)
    meeting.ends_at = meeting.starts_at + timedelta(hours=1)
    db.session.commit()
    smtp.dispatcher = None  # only the scheduler process may deliver in this test
    smtp.clear()
    flask = Path(sys.executable).with_name("flask")
    process = subprocess.Popen([str(flask), "--app", "vms", "scheduler"], cwd=ROOT,
                               env=_env(database_url, smtp, tmp_path),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not smtp.received:
            time.sleep(0.2)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            output = process.communicate(timeout=15)[0].decode()
        except subprocess.TimeoutExpired:
            process.kill()
            output = process.communicate()[0].decode()
    reminded = {m["To"] for m in smtp.received if m["Subject"].startswith("Reminder")}
    assert reminded == {world["A"].mentor.email, world["A"].entrepreneur.email}, output
