"""What needs a coordinator today: the opening of their home.

Every count comes from one statement of scalar subqueries, so the home costs the same in a
program of ten mentors and of three thousand; the counts that read only what the team rules'
token follows are kept by each worker under it (``needs_repair.kept``), and the next monthly
mentor meeting and its answers so far take one more. An item with nothing to do is not shown
at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import url_for
from flask_babel import ngettext
from sqlalchemy import bindparam, func, select

from vms.auth.models import Membership, Role
from vms.cohorts.models import Program, Venture, VentureStatus
from vms.cohorts.teams import needs_repair
from vms.cohorts.teams.models import Team, TeamStatus
from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.meetings.queries import LONGEST_MEETING
from vms.scheduling.models import (
    AgendaItem,
    Invitee,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Response,
)
from vms.screening.conflicts.models import CommercialRequest, RequestStatus
from vms.screening.mentors.models import (
    Interview,
    MentorApplication,
    MentorStatus,
    Scorecard,
    interview_interviewers,
)
from vms.screening.principles import services as principles
from vms.screening.principles.models import PrinciplesVersion
from vms.statements import reused

#: An interview's scorecards are overdue a day after it began: time enough to write them up.
SCORECARD_GRACE = timedelta(days=1)
#: Summaries overdue longer than this are no longer counted (the jobs stop chasing them too).
SUMMARIES_COUNTED_FOR = timedelta(days=30)


@dataclass(frozen=True)
class Item:
    key: str
    count: int
    text: str
    url: str


@dataclass(frozen=True)
class NextMentorMeeting:
    meeting: Meeting
    yes: int
    no: int
    maybe: int
    unanswered: int


@dataclass(frozen=True)
class Attention:
    items: list[Item]
    mentor_meeting: NextMentorMeeting | None

    @property
    def anything(self) -> bool:
        return bool(self.items)


def coordinator_attention(program: Program, now: datetime | None = None) -> Attention:
    now = now or now_utc()
    counts = reused(
        ("coordinator attention", program.id),
        lambda: select(*(q.label(k) for k, q in _counts(program).items())),
    )
    row = db.session.execute(counts, _moments(program, now)).one()._asdict()
    row |= needs_repair.kept(program, "coordinator counts", lambda: _counts_kept(program),
                             lasts_until=lambda: principles.next_lapse(program))  # fmt: skip
    items = [_item(program, key, row[key]) for key in ITEM_ORDER if row[key]]
    return Attention(items, next_mentor_meeting(program, now))


def _moments(program: Program, now: datetime) -> dict[str, datetime]:
    """The times the counts compare with, given when the (reused) statement runs."""
    summaries_since = now - SUMMARIES_COUNTED_FOR
    return {
        "now": now,
        "scorecards_due_before": now - SCORECARD_GRACE,
        "agendas_due_by": now + timedelta(days=program.agenda_due_days),
        "summaries_due_before": now - timedelta(hours=program.summary_due_hours),
        "summaries_since": summaries_since,
        # The start bounds the search (its index skips years of history); the end decides.
        "summaries_started_after": summaries_since - LONGEST_MEETING,
    }


def _written(value, column):
    """``value`` written into the SQL as ``column``'s literal, not sent as a parameter."""
    return bindparam(None, value, type_=column.type, literal_execute=True)


def _moment(name: str):
    return bindparam(name, type_=Meeting.starts_at.type)


def _counts(program: Program) -> dict:
    def applications(status: MentorStatus):
        return _count(MentorApplication, MentorApplication.program_id == program.id,
                      MentorApplication.status == status)  # fmt: skip

    return {
        "to_interview": applications(MentorStatus.SUBMITTED),
        "to_decide": applications(MentorStatus.INTERVIEWED),
        "scorecards_overdue": _scorecards_overdue(program),
        "agendas_pending": _agendas_pending(program),
        "summaries_overdue": _summaries_overdue(program),
        "requests_waiting": _count(CommercialRequest, CommercialRequest.program_id == program.id,
                                   CommercialRequest.status == RequestStatus.PENDING),
    }  # fmt: skip


def _counts_kept(program: Program) -> dict[str, int]:
    """The counts that read only what the team rules' token follows (ventures, teams,
    memberships, principles and signatures), kept by each worker until one of those changes
    or a signature lapses: 2-3 ms of a large program's home."""
    counts = {"docket_without_team": _docket_without_team(program),
              "principles_unsigned": _unsigned(program)}  # fmt: skip
    moments = {"signed_since": now_utc() - principles.REAFFIRM_AFTER}
    row = db.session.execute(select(*(q.label(k) for k, q in counts.items())), moments).one()
    return row._asdict()


def _count(model, *where):
    return select(func.count()).select_from(model).where(*where).scalar_subquery()


def _scorecards_overdue(program: Program):
    """Interviews that began over a day ago with an interviewer's scorecard still missing."""
    scored = (
        select(Scorecard.id)
        .where(Scorecard.interview_id == interview_interviewers.c.interview_id,
               Scorecard.interviewer_id == interview_interviewers.c.user_id)
        .exists()
    )  # fmt: skip
    unscored = select(interview_interviewers.c.interview_id).where(~scored)
    return _count(
        Interview.__table__.join(MentorApplication.__table__),
        MentorApplication.program_id == program.id,
        Interview.starts_at < _moment("scorecards_due_before"),
        Interview.id.in_(unscored),
        # The two statuses are written into the SQL: as parameters, the prepared statement's
        # generic plan read all the program's applications instead of its index (2.7 -> 1 ms).
        MentorApplication.status.in_(bindparam(
            "scored", [MentorStatus.INTERVIEW_SCHEDULED, MentorStatus.INTERVIEWED],
            expanding=True, literal_execute=True)),
    )  # fmt: skip


def _docket_without_team(program: Program):
    teamed = select(Team.venture_id).where(Team.program_id == program.id,
                                           Team.status != TeamStatus.ENDED)  # fmt: skip
    return _count(Venture, Venture.program_id == program.id,
                  Venture.status == VentureStatus.DOCKETED, Venture.id.not_in(teamed))  # fmt: skip


def _team_meetings(program: Program):
    return (Meeting.program_id == program.id, Meeting.kind == MeetingKind.TEAM,
            Meeting.status == MeetingStatus.SCHEDULED)  # fmt: skip


def _agendas_pending(program: Program):
    """Team meetings whose agenda is due (or about to be) and still empty."""
    has_agenda = select(AgendaItem.id).where(AgendaItem.meeting_id == Meeting.id).exists()
    return _count(Meeting, *_team_meetings(program), Meeting.starts_at > _moment("now"),
                  Meeting.starts_at <= _moment("agendas_due_by"), ~has_agenda)  # fmt: skip


def _summaries_overdue(program: Program):
    return _count(Meeting, *_team_meetings(program),
                  Meeting.starts_at > _moment("summaries_started_after"),
                  Meeting.ends_at <= _moment("summaries_due_before"),
                  Meeting.ends_at > _moment("summaries_since"),
                  Meeting.summary_at.is_(None))  # fmt: skip


def _unsigned(program: Program):
    """Mentors without a current signature (none while the program has no principles)."""
    has_principles = (
        select(PrinciplesVersion.id).where(PrinciplesVersion.program_id == program.id).exists()
    )
    signers = principles.current_signers(program, since=_moment("signed_since"))
    return _count(Membership, has_principles, Membership.program_id == program.id,
                  Membership.role == Role.MENTOR, Membership.user_id.not_in(signers))  # fmt: skip


def next_mentor_meeting(program: Program, now: datetime) -> NextMentorMeeting | None:
    """The next monthly mentor meeting (its start bounds the search: the index then skips
    the past) and its answers so far, counted in SQL in the same statement: one pass over its
    invitations (a scalar subquery per answer read the 3,000 of a large program four times)."""
    statement = reused(("next mentor meeting", program.id), lambda: _next_mentor_meeting(program))
    row = db.session.execute(
        statement, {"now": now, "started_after": now - LONGEST_MEETING}
    ).first()
    if row is None:
        return None
    meeting, unanswered, yes, no, maybe = row
    return NextMentorMeeting(meeting, yes, no, maybe, unanswered)


def _next_mentor_meeting(program: Program):
    # The program and the kind are written into the SQL (the statement is the program's own):
    # as parameters, the generic plan's guess of the meetings they match was so large that
    # PostgreSQL planned the statement afresh on every request (~1.3 ms) instead.
    next_one = (
        select(Meeting.id)
        .where(Meeting.program_id == _written(program.id, Meeting.program_id),
               Meeting.kind == _written(MeetingKind.MENTOR_MEETING, Meeting.kind),
               Meeting.status == MeetingStatus.SCHEDULED,
               Meeting.starts_at > _moment("started_after"), Meeting.ends_at > _moment("now"))
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(1)
        .scalar_subquery()
    )  # fmt: skip

    def answered(response: Response | None):
        said = Invitee.response.is_(None) if response is None else Invitee.response == response
        # Of a column of the answers' index, so the index alone is read; none when uninvited.
        return func.count(Invitee.meeting_id).filter(said)

    shown = (None, Response.YES, Response.NO, Response.MAYBE)
    return (
        select(Meeting, *(answered(r) for r in shown))
        .outerjoin(Invitee, Invitee.meeting_id == Meeting.id)
        .where(Meeting.id == next_one)
        .group_by(Meeting.id)
    )


ITEM_ORDER = ("to_decide", "to_interview", "scorecards_overdue", "docket_without_team",
              "agendas_pending", "summaries_overdue", "principles_unsigned",
              "requests_waiting")  # fmt: skip


def _item(program: Program, key: str, n: int) -> Item:
    text, endpoint, args = _ITEMS[key]
    return Item(key, n, text(n), url_for(endpoint, program_slug=program.slug, **args))


_ITEMS = {
    "to_decide": (lambda n: ngettext(
        "%(num)d interviewed applicant waits for a decision",
        "%(num)d interviewed applicants wait for a decision", n),
        "screening.mentor_pipeline", {"status": MentorStatus.INTERVIEWED.value}),
    "to_interview": (lambda n: ngettext(
        "%(num)d new mentor application waits for an interview",
        "%(num)d new mentor applications wait for an interview", n),
        "screening.mentor_pipeline", {"status": MentorStatus.SUBMITTED.value}),
    "scorecards_overdue": (lambda n: ngettext(
        "%(num)d interview has a scorecard overdue",
        "%(num)d interviews have scorecards overdue", n),
        "screening.mentor_pipeline", {"status": MentorStatus.INTERVIEW_SCHEDULED.value}),
    "docket_without_team": (lambda n: ngettext(
        "%(num)d venture on the docket has no team yet",
        "%(num)d ventures on the docket have no team yet", n),
        "cohorts.team_overview", {}),
    "agendas_pending": (lambda n: ngettext(
        "%(num)d team meeting's agenda is due and not set",
        "%(num)d team meetings' agendas are due and not set", n),
        "scheduling.list_meetings", {}),
    "summaries_overdue": (lambda n: ngettext(
        "%(num)d team meeting's summary is overdue",
        "%(num)d team meetings' summaries are overdue", n),
        "scheduling.list_meetings", {"when": "past"}),
    "principles_unsigned": (lambda n: ngettext(
        "%(num)d mentor has not signed this year's guiding principles",
        "%(num)d mentors have not signed this year's guiding principles", n),
        "screening.manage_principles", {}),
    "requests_waiting": (lambda n: ngettext(
        "%(num)d commercial relationship request waits for a decision",
        "%(num)d commercial relationship requests wait for a decision", n),
        "screening.review_conflicts", {}),
}  # fmt: skip
