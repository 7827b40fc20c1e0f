"""Rules hold when two people (or two clicks) arrive at the same moment (issue 9, finding 3).

Each test sends real parallel requests from separate sessions to a threaded live server, as
several gunicorn workers would receive them; on PostgreSQL when VMS_TEST_DATABASE_URL is set,
else on SQLite. A lost race answers like a sequential duplicate, never with a 500.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD, application_input
from tests.support import WebSession, at_once, serving
from vms.auth.models import LoginThrottle, Role
from vms.cohorts.models import Invitation, MentorProfile
from vms.cohorts.teams.models import Team, TeamMember
from vms.database import now_utc
from vms.extensions import db
from vms.mail.models import OutboxEmail
from vms.scheduling.models import AgendaItem, Meeting
from vms.screening.mentors.models import Interview, MentorApplication, Scorecard
from vms.screening.principles import services as principles


@pytest.fixture
def live(app, make_app):
    """The base URL of a second app on the same database, served in parallel threads."""
    with serving(make_app()) as url:
        yield url


def _session(live: str, user) -> WebSession:
    return WebSession(live).sign_in(user.email, PASSWORD)


def _signed_mentors(program, make_member, count: int):
    version = principles.current_version(program)
    mentors = []
    for n in range(count):
        user = make_member(program, Role.MENTOR, name=f"Mentor {n}")
        db.session.add(MentorProfile(program_id=program.id, user_id=user.id, industry=f"Field {n}",
                                     function="", expertise=[], lead_eligible=True,
                                     capacity=3))  # fmt: skip
        principles.sign(user, version, user.name, True, "127.0.0.1", "test", version.text_sha256)
        mentors.append(user)
    db.session.commit()
    return mentors


def _members(team_id: int) -> list[int]:
    db.session.expire_all()
    return list(
        db.session.scalars(select(TeamMember.mentor_id).where(TeamMember.team_id == team_id))
    )


def _team_of_four(world, make_member):
    a = world["A"]
    mentors = _signed_mentors(a.program, make_member, 5)
    team = db.session.get(Team, a.team_id)
    team.members.extend(TeamMember(mentor_id=m.id) for m in mentors[:3])
    db.session.commit()
    return a, team, mentors[3:]


def test_two_mentors_added_at_once_to_a_team_of_four_leave_five(app, world, make_member, live):
    a, team, (first, second) = _team_of_four(world, make_member)
    url = f"/p/{a.program.slug}/teams/{team.id}/members"
    coordinators = [_session(live, a.coordinator), _session(live, a.coordinator)]
    ids = (first.id, second.id)  # read here: the threads have no app context
    replies = at_once([lambda s=s, m=m: s.post(url, {"mentor_id": m})
                       for s, m in zip(coordinators, ids, strict=True)])  # fmt: skip
    assert sorted(r.status for r in replies) == [302, 400]
    assert "at most 5 mentors" in next(r.text for r in replies if r.status == 400)
    assert len(_members(team.id)) == 5


def test_the_same_mentor_added_twice_at_once_is_added_once(app, world, make_member, live):
    a, team, (mentor, _other) = _team_of_four(world, make_member)
    url = f"/p/{a.program.slug}/teams/{team.id}/members"
    clicks = [_session(live, a.coordinator), _session(live, a.coordinator)]
    data = {"mentor_id": mentor.id}
    replies = at_once([lambda s=s: s.post(url, data) for s in clicks])
    assert sorted(r.status for r in replies) == [302, 400]
    assert "already on this team" in next(r.text for r in replies if r.status == 400)
    assert _members(team.id).count(mentor.id) == 1


def test_a_scorecard_sent_twice_at_once_is_recorded_once(app, world, live):
    from vms.screening.mentors import rubric

    a = world["A"]
    data = {}
    for criterion in rubric.criteria(a.program.id):
        data[f"score_{criterion.id}"], data[f"note_{criterion.id}"] = "4", "Clear thinker."
    interview = db.session.get(Interview, a.interview_id)
    interview.starts_at = now_utc() - timedelta(minutes=5)  # scoring opens at the start
    db.session.commit()
    url = f"/p/{a.program.slug}/screening/interviews/{a.interview_id}/score"
    clicks = [_session(live, a.mentor), _session(live, a.mentor)]
    replies = at_once([lambda s=s: s.post(url, data) for s in clicks])
    # Both clicks land on the scorecard page: one recorded the scores, the other was told
    # they were already in (not a 500 from the unique scorecard per interviewer).
    assert [r.status for r in replies] == [302, 302], [r.text[-300:] for r in replies]
    db.session.expire_all()
    cards = db.session.scalar(select(func.count()).select_from(Scorecard)
                              .where(Scorecard.interview_id == a.interview_id))  # fmt: skip
    assert cards == 1
    page = clicks[0].get(url).text + clicks[1].get(url).text
    assert "Your scores are in" in page and "already in" in page


def _application_form(program) -> dict:
    fields = application_input(program, "Twice")
    return {
        "name": fields.name, "email": fields.email, "industry": fields.industry_id,
        "function": fields.function_id, "expertise": fields.expertise_ids,
        "years_experience": fields.years_experience, "bio": fields.bio,
        "days_per_month": fields.days_per_month, "max_ventures": fields.max_ventures,
        "weekdays": fields.weekdays, "heard_from": fields.heard_from,
        "motivation": fields.motivation,
    }  # fmt: skip


def _sent_twice_at_once_makes_one(live, url: str, data: dict, counted, refusal: str) -> None:
    """Two sessions post the same public form at once: one row, and the second is refused
    with ``refusal`` and its form kept (200), never a 500."""
    replies = at_once([lambda s=s: s.post(url, data) for s in (WebSession(live), WebSession(live))])
    assert all(r.status < 500 for r in replies), [(r.status, r.text[-300:]) for r in replies]
    db.session.expire_all()
    assert db.session.scalar(counted) == 1
    statuses = sorted(r.status for r in replies)
    assert statuses == [200, 302], statuses
    loser = next(r for r in replies if r.status == 200)
    assert refusal in loser.text


def test_a_public_mentor_application_sent_twice_at_once_is_one(app, world, live):
    program = world["A"].program
    data = _application_form(program)
    counted = (
        select(func.count())
        .select_from(MentorApplication)
        .where(MentorApplication.email == data["email"])
    )
    _sent_twice_at_once_makes_one(live, f"/p/{program.slug}/apply/mentor", data, counted,
                                  "already applied to this program")  # fmt: skip


def test_a_public_venture_application_sent_twice_at_once_is_one(app, world, live):
    from tests.screening.test_ventures import _form
    from vms.cohorts.models import Venture

    program = world["A"].program
    data = _form(program)
    counted = select(func.count()).select_from(Venture).where(Venture.name == data["name"])
    _sent_twice_at_once_makes_one(live, f"/p/{program.slug}/apply/venture", data, counted,
                                  "has already applied here")  # fmt: skip


def test_an_invitation_accepted_twice_at_once_is_accepted_once(app, world, make_user, live):
    from vms.auth.models import Membership
    from vms.cohorts import services as cohort_services

    a = world["A"]
    joiner = make_user(email="joiner@example.org")
    _invitation, token = cohort_services.create_invitation(
        a.program, a.cohort, joiner.email, Role.MENTOR, a.coordinator
    )
    db.session.commit()
    clicks = [_session(live, joiner), _session(live, joiner)]
    replies = at_once([lambda s=s: s.post(f"/invitations/{token}") for s in clicks])
    assert sorted(r.status for r in replies) == [302, 410], [r.text[-300:] for r in replies]
    assert "already accepted" in next(r.text for r in replies if r.status == 410)
    db.session.expire_all()
    memberships = db.session.scalar(select(func.count()).select_from(Membership).where(
        Membership.user_id == joiner.id, Membership.role == Role.MENTOR))  # fmt: skip
    assert memberships == 1


def test_the_same_invitation_posted_four_times_at_once_is_one_invitation(app, world, smtp, live):
    a = world["A"]
    smtp.clear()
    url = f"/p/{a.program.slug}/cohorts/{a.cohort.id}/invitations"
    clicks = [_session(live, a.coordinator) for _ in range(4)]
    data = {"email": "twice@example.org", "role": "mentor"}
    replies = at_once([lambda s=s: s.post(url, data) for s in clicks])
    assert all(r.status < 500 for r in replies), [r.status for r in replies]
    db.session.expire_all()
    invitations = db.session.scalar(select(func.count()).select_from(Invitation)
                                    .where(Invitation.email == "twice@example.org"))  # fmt: skip
    assert invitations == 1
    queued = db.session.scalar(select(func.count()).select_from(OutboxEmail)
                               .where(OutboxEmail.to_address == "twice@example.org"))  # fmt: skip
    assert queued == 1


def test_an_agenda_saved_at_once_by_a_founder_and_a_coordinator_is_one_of_them(app, world, live):
    a = world["A"]
    meeting = db.session.get(Meeting, a.meeting_id)
    meeting.starts_at = now_utc() + timedelta(days=10)
    meeting.ends_at = meeting.starts_at + timedelta(hours=1)
    db.session.commit()
    url = f"/p/{a.program.slug}/meetings/{meeting.id}/agenda"
    founders = {f"items-{n}-title": f"Founder item {n}" for n in range(3)}
    coordinators = {f"items-{n}-title": f"Coordinator item {n}" for n in range(2)}
    founder, coordinator = _session(live, a.entrepreneur), _session(live, a.coordinator)
    for _round in range(3):  # the race is a window: try it a few times
        replies = at_once([lambda: founder.post(url, founders),
                           lambda: coordinator.post(url, coordinators)])  # fmt: skip
        assert [r.status for r in replies] == [302, 302], [r.text[-300:] for r in replies]
        db.session.expire_all()
        items = list(db.session.execute(
            select(AgendaItem.position, AgendaItem.title)
            .where(AgendaItem.meeting_id == meeting.id).order_by(AgendaItem.position)
        ))  # fmt: skip
        titles = [title for _position, title in items]
        assert titles in (list(founders.values()), list(coordinators.values())), titles
        assert [position for position, _title in items] == list(range(len(items)))


def test_thirty_wrong_passwords_at_once_are_checked_three_times(app, world, live):
    """The throttle's limits hold in parallel: 3 tries before slowing down, every one counted."""
    a = world["A"]
    email = a.mentor.email
    sessions = [WebSession(live) for _ in range(30)]
    replies = at_once([lambda s=s: s.post("/signin", {"email": email, "password": "wrong-one"})
                       for s in sessions])  # fmt: skip
    assert all(r.status < 500 for r in replies)
    checked = [r for r in replies if "Too many failed sign-ins" not in r.text]
    db.session.expire_all()
    row = db.session.scalar(select(LoginThrottle).where(LoginThrottle.email == email))
    assert len(checked) == app.config["LOGIN_SLOWDOWN_AFTER"]
    assert row.failures == len(checked)


def test_a_duplicate_no_service_expected_is_a_409_page_not_a_500(make_app):
    """The net under the services' own answers: a unique constraint's refusal is explained."""
    from sqlalchemy.exc import IntegrityError

    app = make_app(PROPAGATE_UNEXPECTED=False)

    def duplicate():
        raise IntegrityError("INSERT …", {}, Exception("UNIQUE constraint failed"))

    app.add_url_rule("/test-duplicate", "test_duplicate", duplicate, methods=["POST"])
    reply = app.test_client().post("/test-duplicate")
    assert reply.status_code == 409
    assert "a second click" in reply.get_data(as_text=True)


def test_a_refused_change_does_not_keep_its_lock(app, world, make_app):
    """A refused edit ends its transaction with the request, so others need not wait for it."""
    from vms.cohorts.teams import services as team_services

    a = world["A"]
    client = app.test_client()
    client.post("/signin", data={"email": a.coordinator.email, "password": PASSWORD})
    # Not a member: refused with its reason after the team was locked.
    refused = client.post(f"/p/{a.program.slug}/teams/{a.team_id}/members/999999/lead",
                          follow_redirects=True)  # fmt: skip
    assert "Only a member of the team can lead it" in refused.get_data(as_text=True)
    other = make_app()
    with other.app_context():  # another worker writes at once (SQLite: no "database is locked")
        team = db.session.get(Team, a.team_id)
        team_services.toggle_lock(team, a.mentor.id)
        db.session.commit()
