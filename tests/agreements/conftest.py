"""The agreements' fixtures: ``aw``, a program with a published peer pair and a published
venture team; and, on PostgreSQL, the signatures purged on purpose after each test (the
database refuses to delete them otherwise: migration bd4e5f6a7b84), before the suite empties
the tables."""

from __future__ import annotations

import pytest

from tests.agreements.agreement_world import NOW, AgreementWorld, purge_signatures
from vms.auth.models import Role
from vms.cohorts.models import Venture, VentureFounder
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.extensions import db
from vms.peer.choices.models import PeerPair
from vms.peer.models import PeerEvent


@pytest.fixture(autouse=True)
def _purge_signatures(app):
    yield
    purge_signatures()


@pytest.fixture
def aw(app, make_program, make_cohort, make_member) -> AgreementWorld:
    program = make_program("Agreements Program")
    cohort = make_cohort(program)
    coordinator = make_member(program, Role.COORDINATOR, cohort, name="Cora Coordinator")
    member = make_member(program, Role.ENTREPRENEUR, cohort, name="Ana  María Member")
    peer = make_member(program, Role.PEER_MENTOR, cohort, name="Pat Peer")
    outsider = make_member(program, Role.ENTREPRENEUR, cohort, name="Olly Outsider")
    event = PeerEvent(program=program, cohort=cohort, title="Speed dating",
                      timezone=program.timezone, created_by_id=coordinator.id)  # fmt: skip
    pair = PeerPair(event=event, member_id=member.id, mentor_id=peer.id, rank=1,
                    published_at=NOW)  # fmt: skip
    founder = make_member(program, Role.ENTREPRENEUR, cohort, name="Fay Founder")
    mentors = [make_member(program, Role.MENTOR, cohort, name=f"Mentor {n}") for n in (1, 2, 3)]
    venture = Venture(program_id=program.id, name="Acme")
    venture.founders.append(VentureFounder(user_id=founder.id, name=founder.name))
    team = Team(program_id=program.id, venture=venture, status=TeamStatus.PUBLISHED,
                published_at=NOW)  # fmt: skip
    team.members = [TeamMember(mentor_id=m.id, is_lead=(i == 0)) for i, m in enumerate(mentors)]
    db.session.add_all([pair, team])
    db.session.commit()
    return AgreementWorld(program, coordinator, member, peer, pair, founder, mentors, team,
                          outsider)  # fmt: skip
