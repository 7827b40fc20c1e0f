"""The reminders' sweep (each occasion once) and the home page's part, in constant statements."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event, func, select

from tests.agreements.agreement_world import CLIENT, NOW, peer_agreement, sign_as
from vms.agreements import services
from vms.agreements.home import home_for
from vms.agreements.jobs import send_agreement_reminders
from vms.agreements.models import AgreementReminder, ReminderKind
from vms.auth.models import Role
from vms.extensions import db
from vms.mail.models import OutboxEmail
from vms.peer.choices.models import PeerPair
from vms.peer.models import PeerEvent


def _reminders(kind: ReminderKind) -> list[int]:
    return sorted(db.session.scalars(
        select(AgreementReminder.user_id).where(AgreementReminder.kind == kind)
    ))  # fmt: skip


def test_unsigned_for_three_days_reminds_those_who_have_not_signed_once(aw):
    agreement = peer_agreement(aw)
    sign_as(agreement, aw.member)
    db.session.commit()
    assert send_agreement_reminders(NOW + timedelta(days=2)) == 0
    assert send_agreement_reminders(NOW + timedelta(days=3)) == 1
    assert _reminders(ReminderKind.UNSIGNED) == [aw.peer.id]
    assert send_agreement_reminders(NOW + timedelta(days=4)) == 0  # once per version
    outbox = db.session.scalars(select(OutboxEmail)).all()
    assert [e.to_address for e in outbox] == [aw.peer.email]
    assert "Waiting for your signature" in outbox[0].subject


def test_a_check_in_is_due_monthly_and_the_term_ending_is_announced(aw):
    agreement = peer_agreement(aw)
    sign_as(agreement, aw.member)
    sign_as(agreement, aw.peer)
    db.session.commit()
    assert send_agreement_reminders(NOW + timedelta(days=10)) == 0
    assert send_agreement_reminders(NOW + timedelta(days=31)) == 2  # both parties
    assert send_agreement_reminders(NOW + timedelta(days=32)) == 0
    services.add_check_in(agreement, aw.member, "well", "not", "next", NOW + timedelta(days=40))
    db.session.commit()
    assert send_agreement_reminders(NOW + timedelta(days=65)) == 0  # a check-in 25 days ago
    assert send_agreement_reminders(NOW + timedelta(days=71)) == 2
    near_end = NOW + timedelta(days=170)
    sent = send_agreement_reminders(near_end)
    assert _reminders(ReminderKind.TERM_ENDING) == sorted([aw.member.id, aw.peer.id])
    assert sent >= 2 and send_agreement_reminders(near_end + timedelta(hours=1)) == 0


def test_the_home_part_lists_what_to_sign_and_the_next_check_in(aw):
    peer = peer_agreement(aw)
    team = services.make_for_team(aw.program, aw.team, aw.coordinator, CLIENT, NOW)
    services.send_for_signature(team, aw.coordinator, CLIENT, NOW)
    db.session.commit()
    assert home_for(aw.program, aw.member)["to_sign"] == [peer]
    assert home_for(aw.program, aw.founder)["to_sign"] == [team]
    sign_as(peer, aw.member)
    sign_as(peer, aw.peer)
    db.session.commit()
    home = home_for(aw.program, aw.member)
    assert home["to_sign"] == [] and home["active"] == [(peer, peer.activated_at + timedelta(30))]


def _statements_of(call) -> int:
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    db.session.expire_all()
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_the_home_part_takes_a_constant_number_of_statements(aw, make_member):
    first = peer_agreement(aw)
    sign_as(first, aw.member)
    sign_as(first, aw.peer)
    db.session.commit()
    one = _statements_of(lambda: home_for(aw.program, aw.member))
    for n in range(3):  # more agreements for the member: new events, new peer mentors
        mentor = make_member(aw.program, Role.PEER_MENTOR, name=f"Peer {n}")
        event_ = PeerEvent(program=aw.program, cohort=aw.pair.event.cohort, title=f"Round {n}",
                           timezone="UTC", created_by_id=aw.coordinator.id)  # fmt: skip
        pair = PeerPair(event=event_, member_id=aw.member.id, mentor_id=mentor.id, rank=1,
                        published_at=NOW)  # fmt: skip
        db.session.add(pair)
        db.session.flush()
        made = services.make_for_pair(aw.program, pair, aw.coordinator, CLIENT, NOW)
        services.send_for_signature(made, aw.coordinator, CLIENT, NOW)
        services.add_check_in(first, aw.member, "well", "not", "next", NOW)
    db.session.commit()
    many = _statements_of(lambda: home_for(aw.program, aw.member))
    assert len(home_for(aw.program, aw.member)["to_sign"]) == 3
    # One statement, however many agreements (plus reloading the expired program and person).
    assert many <= one <= 3
    assert db.session.scalar(select(func.count()).select_from(OutboxEmail)) == 0
