from sqlalchemy import select

from tests.support import text_of
from vms.extensions import db
from vms.mail.models import EmailStatus, OutboxEmail
from vms.mail.services import deliver_committed, deliver_pending, queue_email


def test_email_is_only_sent_after_the_transaction_commits(app, smtp):
    queue_email(
        "rolled@example.org", "en", "auth/password_reset", "Subject", user=None, link="x", hours=1
    )
    db.session.rollback()
    assert deliver_committed() == 0
    assert smtp.messages == []
    assert db.session.scalar(select(OutboxEmail)) is None


def test_failed_delivery_stays_in_the_outbox_and_is_retried(make_app, app, smtp):
    class Person:
        name = "Ada"

    broken = make_app(MAIL_PORT=1)  # nothing listens there
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
        assert deliver_committed() == 0
        row = db.session.scalar(select(OutboxEmail))
        assert row.status is EmailStatus.PENDING and row.attempts == 1 and row.last_error
    db.session.expire_all()
    assert deliver_pending() == 1
    row = db.session.scalar(select(OutboxEmail))
    assert row.status is EmailStatus.SENT
    assert "Hello Ada," in text_of(smtp.last_to("ada@example.org"))
