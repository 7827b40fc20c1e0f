from sqlalchemy import select

from tests.support import text_of
from vms.extensions import db
from vms.mail.delivery import deliver_all, deliver_pending
from vms.mail.models import EmailStatus, OutboxEmail
from vms.mail.services import queue_email


def test_an_email_rolled_back_with_its_transaction_is_never_sent(app, smtp):
    queue_email(
        "rolled@example.org", "en", "auth/password_reset", "Subject", user=None, link="x", hours=1
    )
    db.session.rollback()
    assert deliver_all() == 0
    assert smtp.messages == []
    assert db.session.scalar(select(OutboxEmail)) is None


def test_failed_delivery_stays_in_the_outbox_and_is_retried_after_its_wait(make_app, app, smtp):
    from datetime import timedelta

    from vms.database import now_utc

    class Person:
        name = "Ada"

    broken = make_app(MAIL_PORT=1)  # nothing listens there
    now = now_utc()
    with broken.app_context():
        queue_email(
            "ada@example.org",
            "en",
            "auth/password_reset",
            "Reset",
            user=Person,
            link="http://x",
            hours=2,
        )
        db.session.commit()
        assert deliver_all(now) == 0
        row = db.session.scalar(select(OutboxEmail))
        assert row.status is EmailStatus.PENDING and row.attempts == 1 and row.last_error
        assert row.next_attempt_at > now
        retry_at = row.next_attempt_at
    db.session.expire_all()
    assert deliver_pending(now) == 0  # not before its wait
    assert deliver_pending(retry_at + timedelta(seconds=1)) == 1
    row = db.session.scalar(select(OutboxEmail))
    assert row.status is EmailStatus.SENT
    assert "Hello Ada," in text_of(smtp.last_to("ada@example.org"))


def test_a_calendar_invitation_travels_as_a_method_part_and_an_attachment(app, smtp):
    from datetime import UTC, datetime

    from icalendar import Calendar

    from vms.mail.services import CalendarPart
    from vms.scheduling.calendars.ics import CalendarEvent, Person, request

    class Person_:
        name = "Ann"

    start = datetime(2027, 5, 4, 14, 0, tzinfo=UTC)
    event = CalendarEvent(
        uid="u-1@vms.example", sequence=0, start=start, end=start.replace(hour=15),
        summary="Interview", organizer=Person("c@example.org", "C"),
        attendees=(Person("ann@example.org", "Ann"),),
    )  # fmt: skip
    part = CalendarPart("REQUEST", request(event, start))
    queue_email(
        "ann@example.org", "en", "auth/password_reset", "Invite",
        user=Person_, link="x", hours=1, calendar=part,
    )  # fmt: skip
    db.session.commit()
    assert deliver_all() == 1
    message = smtp.last_to("ann@example.org")
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    inline = [p for p in parts if p.get_content_disposition() is None]
    attached = [p for p in parts if p.get_content_disposition() == "attachment"]
    assert len(inline) == 1 and inline[0].get_param("method") == "REQUEST"
    assert attached[0].get_filename() == "invite.ics"
    for part in (inline[0], attached[0]):
        content = part.get_content()
        calendar = Calendar.from_ical(content if isinstance(content, bytes) else content.encode())
        assert calendar["METHOD"] == "REQUEST"
        assert str(calendar.walk("VEVENT")[0]["UID"]) == "u-1@vms.example"


def test_an_email_another_sender_holds_is_not_sent_twice(app, smtp):
    """The web request and the scheduler may both find an email pending: the one that claims
    it sends it; a claim that runs out (a crashed sender) lets the other try."""
    from datetime import timedelta

    from vms.database import now_utc

    queue_email("held@example.org", "en", "auth/password_reset", "Subject", user=None, link="x",
                hours=1)  # fmt: skip
    db.session.commit()
    email = db.session.scalar(select(OutboxEmail))
    email.claimed_until = now_utc() + timedelta(minutes=4)  # someone else is sending it
    db.session.commit()
    assert deliver_pending() == 0 and smtp.to("held@example.org") == []
    email.claimed_until = now_utc() - timedelta(seconds=1)
    db.session.commit()
    assert deliver_pending() == 1 and len(smtp.to("held@example.org")) == 1
    assert email.status is EmailStatus.SENT and email.claimed_until is None
    assert deliver_pending() == 0


class _Reader:
    name = "Ada"


def _queue(to: str, subject: str = "Reset") -> OutboxEmail:
    return queue_email(to, "en", "auth/password_reset", subject, user=_Reader, link="x", hours=1)


def test_a_subject_with_line_breaks_goes_out_on_one_line_and_injects_nothing(app, smtp):
    email = _queue("ada@example.org", "Hello\r\nBcc: evil@example.org\n\tthere")
    # A row written before subjects were made single-line is sent on one line too.
    old = OutboxEmail(to_address="old@example.org", subject="Old\r\nBcc: evil@example.org",
                      text_body="Hi", html_body=None)  # fmt: skip
    db.session.add(old)
    db.session.commit()
    assert email.subject == "Hello Bcc: evil@example.org there"
    assert deliver_pending() == 2
    message = smtp.last_to("ada@example.org")
    assert message["Subject"] == "Hello Bcc: evil@example.org there" and message["Bcc"] is None
    assert smtp.last_to("old@example.org")["Subject"] == "Old Bcc: evil@example.org"
    assert smtp.to("evil@example.org") == []
    assert {email.status, old.status} == {EmailStatus.SENT}


def test_an_email_that_cannot_be_built_fails_at_once_and_the_next_still_goes(app, smtp):
    broken = _queue("ann@example.org\r\nBcc: evil@example.org")
    _queue("bob@example.org")
    db.session.commit()
    assert deliver_all() == 1
    assert smtp.last_to("bob@example.org") and smtp.to("evil@example.org") == []
    # Retrying cannot cure the message itself: it is failed now, with the reason.
    assert broken.status is EmailStatus.FAILED and broken.attempts == 1
    assert "linefeed or carriage return" in broken.last_error
    assert broken.claimed_until is None
    assert deliver_pending() == 0


def test_an_unexpected_error_sending_one_email_fails_that_one_and_the_batch_goes_on(
    app, smtp, monkeypatch
):
    from vms.mail import transport

    real_send = transport.send

    def send(message, config):
        if message["To"] == "odd@example.org":
            raise RuntimeError("the transport broke")
        real_send(message, config)

    monkeypatch.setattr(transport, "send", send)
    odd = _queue("odd@example.org")
    _queue("fine@example.org")
    db.session.commit()
    assert deliver_pending() == 1
    assert smtp.last_to("fine@example.org")
    assert odd.status is EmailStatus.FAILED and "the transport broke" in odd.last_error
    assert odd.claimed_until is None
