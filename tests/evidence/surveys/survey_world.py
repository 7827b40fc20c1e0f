"""Helpers for the surveys' tests: a team meeting held, an agreement active with a check-in."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.agreements.agreement_world import CLIENT, NOW, AgreementWorld, peer_agreement, sign_as
from vms.agreements import services as agreements
from vms.agreements.models import Agreement
from vms.extensions import db
from vms.scheduling.models import Invitee, Meeting, MeetingKind


def team_meeting(aw: AgreementWorld, starts_at: datetime, attended=None) -> Meeting:
    """A team meeting of the world's team with everyone invited (``attended``: user id ->
    whether they came, as the organiser records it)."""
    people = [aw.founder, *aw.mentors]
    meeting = Meeting(program_id=aw.program.id, kind=MeetingKind.TEAM, team_id=aw.team.id,
                      title="Acme", starts_at=starts_at, ends_at=starts_at + timedelta(hours=1),
                      timezone=aw.program.timezone,
                      invitees=[Invitee(user_id=p.id, attended=(attended or {}).get(p.id))
                                for p in people])  # fmt: skip
    db.session.add(meeting)
    db.session.commit()
    return meeting


def active_peer_agreement(aw: AgreementWorld, check_in_at: datetime | None = None) -> Agreement:
    agreement = peer_agreement(aw)
    for party in (aw.member, aw.peer):
        sign_as(agreement, party, NOW)
    if check_in_at is not None:
        agreements.add_check_in(agreement, aw.member, "Met", "Short", "Prices", check_in_at)
    db.session.commit()
    return agreement


def end_agreement_early(agreement: Agreement, aw: AgreementWorld, now: datetime) -> None:
    agreements.end_early(agreement, aw.coordinator, "We moved", CLIENT, now)
    db.session.commit()
