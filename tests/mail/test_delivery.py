"""The dispatcher under faults (issue 13): the mail server down and back, a sender killed after
its claim, two dispatchers at once. A fixed clock; emails observed at a real SMTP server."""

from __future__ import annotations

import random
import socket
import time
from datetime import timedelta

from sqlalchemy import func, select

from tests.support import at_once, free_port
from vms.database import now_utc
from vms.extensions import db
from vms.mail.backoff import CAP, FIRST_WAIT, JITTER, retry_delay
from vms.mail.delivery import CLAIM, claim_due, deliver_all, deliver_pending
from vms.mail.models import EmailStatus, OutboxEmail
from vms.mail.services import queue_email


class _Reader:
    name = "Ada"


def _queue(to: str) -> OutboxEmail:
    return queue_email(to, "en", "auth/password_reset", "Reset", user=_Reader, link="x", hours=1)


def _rows() -> list[OutboxEmail]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxEmail).order_by(OutboxEmail.id)))


def test_the_wait_doubles_with_jitter_up_to_a_cap():
    rng = random.Random(7)
    for attempts in range(1, 12):
        nominal = min(FIRST_WAIT * 2 ** (attempts - 1), CAP)
        wait = retry_delay(attempts, rng)
        assert nominal * (1 - JITTER) <= wait <= nominal * (1 + JITTER)
    waits = {retry_delay(3, random.Random(seed)) for seed in range(5)}
    assert len(waits) == 5  # jitter: emails that failed together come back apart


def test_mail_server_down_then_back_loses_nothing_sends_once_and_spaces_the_tries(
    make_app, app, smtp
):
    addresses = [f"down{n}@example.org" for n in range(3)]
    for address in addresses:
        _queue(address)
    db.session.commit()
    down = make_app(MAIL_PORT=free_port())  # nothing listens there: the server is down
    clock = now_utc()
    waits = []
    with down.app_context():
        for attempt in range(1, 4):
            for _round in addresses:  # a round stops at the server's first failure
                assert deliver_all(clock) == 0
            rows = _rows()
            assert {(r.status, r.attempts) for r in rows} == {(EmailStatus.PENDING, attempt)}
            assert all(r.last_error for r in rows)
            # Not tried again before its wait, however often the loop runs.
            assert deliver_all(clock + timedelta(seconds=1)) == 0
            assert {r.attempts for r in _rows()} == {attempt}
            waits.append(min(r.next_attempt_at for r in rows) - clock)
            clock = max(r.next_attempt_at for r in rows)
    assert waits[0] >= FIRST_WAIT * (1 - JITTER)
    assert waits[1] > waits[0] * 1.1 and waits[2] > waits[1] * 1.1  # spaced out, growing
    assert smtp.received == []
    # The server is back: everything goes out, once.
    assert deliver_all(clock) == 3
    assert deliver_all(clock + timedelta(hours=3)) == 0
    assert sorted(m["To"] for m in smtp.received) == addresses
    assert {r.status for r in _rows()} == {EmailStatus.SENT}


def test_a_round_stops_at_an_unreachable_server_and_hands_the_rest_back(make_app, app, smtp):
    for n in range(5):
        _queue(f"later{n}@example.org")
    db.session.commit()
    down = make_app(MAIL_PORT=free_port())
    with down.app_context():
        assert deliver_pending(now_utc()) == 0
        rows = _rows()
    assert [r.attempts for r in rows] == [1, 0, 0, 0, 0]
    assert all(r.claimed_until is None for r in rows), "the others are free for the next round"
    assert deliver_all() == 4  # the server is back: the untried go at once
    assert sorted(m["To"] for m in smtp.received) == [f"later{n}@example.org" for n in range(1, 5)]


def test_a_stalled_server_costs_a_round_one_timeout_not_one_per_email(make_app, app, smtp):
    for n in range(3):
        _queue(f"stalled{n}@example.org")
    db.session.commit()
    port = free_port()
    with socket.socket() as stalled:  # accepts connections and never greets
        stalled.bind(("127.0.0.1", port))
        stalled.listen(16)
        with make_app(MAIL_PORT=port, MAIL_TIMEOUT=1).app_context():
            began = time.monotonic()
            assert deliver_pending(now_utc()) == 0
            took = time.monotonic() - began
            rows = _rows()
    assert took < 2.5 and [r.attempts for r in rows] == [1, 0, 0]
    assert "timed out" in rows[0].last_error


def test_after_the_last_try_the_email_is_failed_with_its_reason(make_app, app, smtp):
    _queue("never@example.org")
    db.session.commit()
    down = make_app(MAIL_PORT=free_port())
    clock = now_utc()
    with down.app_context():
        for _ in range(OutboxEmail.MAX_ATTEMPTS):
            deliver_all(clock)
            clock += CAP * 2
        (row,) = _rows()
        assert row.status is EmailStatus.FAILED and row.attempts == OutboxEmail.MAX_ATTEMPTS
        assert "refused" in row.last_error.lower() and row.next_attempt_at is None
        assert deliver_all(clock) == 0 and _rows()[0].attempts == OutboxEmail.MAX_ATTEMPTS
    assert smtp.received == []


def test_a_sender_killed_after_its_claim_delays_the_email_until_the_claim_runs_out(
    make_app, app, smtp
):
    _queue("claimed@example.org")
    db.session.commit()
    clock = now_utc()
    crashed = make_app()
    with crashed.app_context():
        assert len(claim_due(clock, 10)) == 1  # claimed and committed; then the process dies
        db.session.remove()
    assert deliver_all(clock + timedelta(seconds=5)) == 0
    assert smtp.received == []
    assert deliver_all(clock + CLAIM + timedelta(seconds=1)) == 1
    assert deliver_all(clock + 3 * CLAIM) == 0
    assert [m["To"] for m in smtp.received] == ["claimed@example.org"]
    assert _rows()[0].attempts == 1


def test_two_dispatchers_at_once_send_every_email_exactly_once(make_app, app, smtp):
    """On PostgreSQL each claim skips the rows the other holds (FOR UPDATE SKIP LOCKED); on
    SQLite the claiming UPDATE is atomic. Either way: no duplicate, no loss."""
    addresses = [f"race{n}@example.org" for n in range(60)]
    for address in addresses:
        _queue(address)
    db.session.commit()
    workers = [make_app(), make_app()]

    def dispatcher(worker):
        def run() -> int:
            with worker.app_context():
                total = 0
                while sent := deliver_pending(limit=5):
                    total += sent
                db.session.remove()
                return total

        return run

    counts = at_once([dispatcher(w) for w in workers])
    assert sum(counts) == 60
    assert sorted(m["To"] for m in smtp.received) == sorted(addresses)
    assert db.session.scalar(
        select(func.count()).where(OutboxEmail.status == EmailStatus.SENT)
    ) == 60  # fmt: skip
