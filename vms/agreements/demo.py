"""The demo's agreements: an active peer agreement with both signatures and two check-ins, one
waiting for a signature, and one venture team engagement out for signature.

Called by the demo loader (vms.demo_data) after the pairs and teams are published; it writes
no email and adds nothing when the program has agreements already.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from vms.agreements import services
from vms.agreements.models import Agreement
from vms.agreements.services import Client, SignInput
from vms.auth.models import User
from vms.cohorts.models import Program
from vms.cohorts.teams.models import Team, TeamStatus
from vms.database import now_utc
from vms.extensions import db
from vms.peer.choices.models import PeerPair
from vms.peer.models import PeerEvent

_DEMO = Client("127.0.0.1", "VMS demo data")


def agreements(program: Program, coordinator: User) -> None:
    if db.session.scalar(select(Agreement.id).where(Agreement.program_id == program.id)):
        return
    pairs = db.session.scalars(
        select(PeerPair).join(PeerEvent)
        .where(PeerEvent.program_id == program.id, PeerPair.published_at.is_not(None))
        .order_by(PeerPair.id).limit(2)
    ).all()  # fmt: skip
    team = db.session.scalar(
        select(Team).where(Team.program_id == program.id, Team.status == TeamStatus.PUBLISHED)
        .order_by(Team.id).limit(1)
    )  # fmt: skip
    now = now_utc()
    if pairs:
        _active_with_check_ins(program, pairs[0], coordinator, now - timedelta(days=50))
    if len(pairs) > 1:
        waiting = _sent_pair(program, pairs[1], coordinator, now - timedelta(days=9))
        _sign(waiting, pairs[1].member, now - timedelta(days=8))
    if team is not None and services.team_parties(team):
        made = services.make_for_team(program, team, coordinator, _DEMO, now - timedelta(days=4))
        made.seeks = "Introductions to hospital buyers, and a second look at our pricing."
        made.provides = "Two of us sold to hospitals for years; one of us priced SaaS."
        made.cadence, made.hours_per_month = "monthly, with the team", 3
        services.send_for_signature(made, coordinator, _DEMO, now - timedelta(days=4))
    db.session.flush()


def _sent_pair(program: Program, pair: PeerPair, coordinator: User, when) -> Agreement:
    agreement = services.make_for_pair(program, pair, coordinator, _DEMO, when)
    agreement.seeks = "Someone who has priced a product before, and honest feedback."
    agreement.provides = "Eight years running a small shop; an hour every other week."
    agreement.boundaries = "No calls after 8 pm. Either of us may skip a topic."
    agreement.cadence, agreement.hours_per_month = "every other week", 2
    agreement.monthly_sum = "$50"
    agreement.plan_three_years = "Ten paying shops and a part-time hire."
    agreement.plan_next_year = "A price list that holds; three pilot customers."
    agreement.plan_six_months = "Interview twenty owners; one pilot signed."
    services.send_for_signature(agreement, coordinator, _DEMO, when)
    return agreement


def _sign(agreement: Agreement, user: User, when) -> None:
    version = agreement.current_version
    given = SignInput(user.name, True, version.number, version.text_sha256)
    services.sign(agreement, user, given, _DEMO, when)


def _active_with_check_ins(program: Program, pair: PeerPair, coordinator: User, when) -> None:
    agreement = _sent_pair(program, pair, coordinator, when)
    _sign(agreement, pair.member, when + timedelta(hours=2))
    _sign(agreement, pair.mentor, when + timedelta(days=1))
    services.add_check_in(agreement, pair.member, "We agreed on a first price list.",
                          "We ran out of time for hiring.", "Test the prices with three shops.",
                          when + timedelta(days=20))  # fmt: skip
    services.add_check_in(agreement, pair.mentor, "Two shops said yes to the pilot.",
                          "One meeting moved twice.", "Write the pilot's one-page offer.",
                          when + timedelta(days=45))  # fmt: skip
