"""Quiet teams and pairs: a published team with no meeting for a while is flagged to its lead,
and later to the program's coordinators; a peer pair with no agreement check-in for as long,
to its peer mentor and then the coordinators. Once per quiet spell (named by when it began)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from vms.agreements.models import Agreement, AgreementCheckIn
from vms.auth.models import Role
from vms.cohorts.models import Venture
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.notifications.nudges.delays import delays_by_program
from vms.notifications.nudges.notice import members_of, nudge, programs_by_id
from vms.notifications.services import notify
from vms.peer.choices.models import PeerPair
from vms.peer.models import PeerEvent
from vms.scheduling.models import Meeting, MeetingStatus


def send_quiet_team_nudges(now: datetime | None = None) -> int:
    now = now or now_utc()
    delays = delays_by_program()
    teams = db.session.scalars(
        select(Team).where(Team.status == TeamStatus.PUBLISHED)
        .options(selectinload(Team.members).selectinload(TeamMember.mentor),
                 selectinload(Team.venture).selectinload(Venture.founders))
    ).all()  # fmt: skip
    last = dict(db.session.execute(
        select(Meeting.team_id, func.max(Meeting.starts_at))
        .where(Meeting.team_id.in_([t.id for t in teams]), Meeting.starts_at <= now,
               Meeting.status == MeetingStatus.SCHEDULED)
        .group_by(Meeting.team_id)
    ).tuples().all()) if teams else {}  # fmt: skip
    programs = programs_by_id(t.program_id for t in teams)
    coordinators = members_of(programs, Role.COORDINATOR)
    notices = []
    for team in teams:
        since = last.get(team.id) or team.published_at or team.created_at
        quiet = now - since
        program, delay = programs[team.program_id], delays[team.program_id]
        link = email_link("cohorts.show_team", program_slug=program.slug, team_id=team.id)
        own = email_link("cohorts.my_teams", program_slug=program.slug)  # the lead's page
        lines = [_l("%(venture)s has had no team meeting for %(days)d days.",
                    venture=team.venture.name, days=quiet.days)]  # fmt: skip
        subject = _l("A quiet team: %(venture)s", venture=team.venture.name)
        spell = since.date().isoformat()
        if quiet >= timedelta(days=delay.quiet_lead_days) and team.lead is not None:
            notices.append(nudge("team.quiet_lead", team.id, team.lead.mentor, spell, program,
                                 subject, lines, own))  # fmt: skip
        if quiet >= timedelta(days=delay.quiet_coordinators_days):
            notices += [nudge("team.quiet_coordinators", team.id, person, spell, program,
                              subject, lines, link)
                        for person in coordinators[team.program_id]]  # fmt: skip
    fresh = notify(notices, now)
    db.session.commit()
    return len(fresh)


#: Pairs are chased for the six months of a peer agreement's term after their publication.
PAIRS_CHASED_FOR = timedelta(days=183)


def send_quiet_pair_nudges(now: datetime | None = None) -> int:
    now = now or now_utc()
    delays = delays_by_program()
    rows = db.session.execute(
        select(PeerPair, PeerEvent.program_id).join(PeerEvent, PeerEvent.id == PeerPair.event_id)
        .where(PeerPair.published_at > now - PAIRS_CHASED_FOR, PeerPair.published_at <= now)
        .options(selectinload(PeerPair.member), selectinload(PeerPair.mentor))
    ).tuples().all()  # fmt: skip
    last = dict(db.session.execute(
        select(Agreement.peer_pair_id, func.max(AgreementCheckIn.created_at))
        .join(AgreementCheckIn, AgreementCheckIn.agreement_id == Agreement.id)
        .where(Agreement.peer_pair_id.in_([pair.id for pair, _pid in rows]))
        .group_by(Agreement.peer_pair_id)
    ).tuples().all()) if rows else {}  # fmt: skip
    programs = programs_by_id(pid for _pair, pid in rows)
    coordinators = members_of(programs, Role.COORDINATOR)
    notices = []
    for pair, pid in rows:
        since = max(last.get(pair.id) or pair.published_at, pair.published_at)
        quiet, program, delay = now - since, programs[pid], delays[pid]
        link = email_link("agreements.list_agreements", program_slug=program.slug)
        subject = _l("A quiet peer pair: %(member)s", member=pair.member.name)
        lines = [_l("%(member)s and %(mentor)s have not checked in for %(days)d days.",
                    member=pair.member.name, mentor=pair.mentor.name, days=quiet.days)]  # fmt: skip
        spell = since.date().isoformat()
        if quiet >= timedelta(days=delay.quiet_lead_days):
            notices.append(nudge("peer_pair.quiet_mentor", pair.id, pair.mentor, spell, program,
                                 subject, lines, link))  # fmt: skip
        if quiet >= timedelta(days=delay.quiet_coordinators_days):
            notices += [nudge("peer_pair.quiet_coordinators", pair.id, person, spell, program,
                              subject, lines, link) for person in coordinators[pid]]  # fmt: skip
    fresh = notify(notices, now)
    db.session.commit()
    return len(fresh)
