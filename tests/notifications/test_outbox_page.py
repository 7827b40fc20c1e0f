"""The coordinators' outbox (issue 13): what went to whom and when, what waits, what failed and
why, resend; filtered, paged, and only the program's own mail."""

from __future__ import annotations

from sqlalchemy import select

from vms.extensions import db
from vms.mail.models import EmailStatus, OutboxEmail


def _email(program, to: str, status=EmailStatus.SENT, **fields) -> OutboxEmail:
    email = OutboxEmail(program_id=program.id, to_address=to, subject=f"About {to}",
                        text_body="Hi", html_body=None, status=status, **fields)  # fmt: skip
    db.session.add(email)
    db.session.commit()
    return email


def test_a_coordinator_sees_the_programs_mail_and_never_another_programs(client, auth, world):
    a, b = world["A"], world["B"]
    _email(a.program, "ours@example.org")
    _email(b.program, "theirs@example.org")
    auth.login(as_=a.coordinator)
    page = client.get(f"/p/{a.program.slug}/outbox").get_data(as_text=True)
    assert "ours@example.org" in page and "theirs@example.org" not in page
    # The world's own emails (the invitation, the interview) are the program's too.
    assert world["A"].mentor.email in page or "invitee-a@example.org" in page
    assert client.get(f"/p/{b.program.slug}/outbox").status_code == 404


def test_the_outbox_filters_by_status_and_by_address_or_subject_and_pages(client, auth, world):
    a = world["A"]
    _email(a.program, "broken@example.org", EmailStatus.FAILED, attempts=5,
           last_error="550 mailbox unavailable")  # fmt: skip
    _email(a.program, "waiting@example.org", EmailStatus.PENDING)
    for n in range(55):
        _email(a.program, f"many{n}@example.org")
    auth.login(as_=a.coordinator)
    base = f"/p/{a.program.slug}/outbox"
    failed = client.get(f"{base}?status=failed").get_data(as_text=True)
    assert "broken@example.org" in failed and "550 mailbox unavailable" in failed
    assert "waiting@example.org" not in failed and "Resend" in failed
    found = client.get(f"{base}?q=WAITING").get_data(as_text=True)
    assert "waiting@example.org" in found and "broken@example.org" not in found
    first = client.get(f"{base}?status=sent").get_data(as_text=True)
    second = client.get(f"{base}?status=sent&page=2").get_data(as_text=True)
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    shown = {f"many{n}@example.org" for n in range(55)}
    assert {s for s in shown if s in first} | {s for s in shown if s in second} == shown
    assert not {s for s in shown if s in first} & {s for s in shown if s in second}


def test_resend_queues_a_failed_email_again_and_a_second_click_changes_nothing(
    client, auth, world, smtp
):
    a = world["A"]
    broken = _email(a.program, "broken@example.org", EmailStatus.FAILED, attempts=5,
                    last_error="timed out")  # fmt: skip
    auth.login(as_=a.coordinator)
    url = f"/p/{a.program.slug}/outbox/{broken.id}/resend"
    assert client.post(url).status_code == 302
    db.session.expire_all()
    row = db.session.get(OutboxEmail, broken.id)
    assert row.status is EmailStatus.PENDING and row.attempts == 0
    again = client.post(url, follow_redirects=True)
    assert again.status_code == 200 and "nothing to resend" in again.get_data(as_text=True)
    assert len(smtp.to("broken@example.org")) == 1  # the dispatcher sent it, once


def test_another_programs_email_cannot_be_resent(client, auth, world):
    theirs = _email(world["B"].program, "theirs@example.org", EmailStatus.FAILED, attempts=5)
    auth.login(as_=world["A"].coordinator)
    url = f"/p/{world['A'].program.slug}/outbox/{theirs.id}/resend"
    assert client.post(url).status_code == 404
    db.session.expire_all()
    assert db.session.scalar(
        select(OutboxEmail.status).where(OutboxEmail.id == theirs.id)
    ) is EmailStatus.FAILED  # fmt: skip


def test_every_email_a_program_queues_is_in_its_outbox(app, world):
    """Invitations, interview and meeting invitations: each names its program."""
    rows = db.session.scalars(select(OutboxEmail)).all()
    programs = {world["A"].program.id, world["B"].program.id}
    assert len(rows) >= 6 and {row.program_id for row in rows} == programs
