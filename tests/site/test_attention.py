"""The coordinator's home opens on what needs them: each item counted in its own program,
linked to where it is done, and absent when there is nothing to do. A mentor answers the next
monthly date from their home, and several dates at once from the series page."""

from datetime import timedelta

from sqlalchemy import select

from vms.cohorts.models import Venture, VentureStatus
from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.models import Invitee, Meeting, MeetingKind, MeetingStatus, Response
from vms.screening.conflicts.models import CommercialRequest, RelationshipKind
from vms.screening.mentors.models import Interview, MentorApplication, MentorStatus
from vms.screening.principles import services as principles


def _home(client, auth, person, program) -> str:
    auth.login(as_=person)
    page = client.get(f"/p/{program.slug}/").get_data(as_text=True)
    auth.logout()
    return page


def _meeting(program, kind, starts, **fields) -> Meeting:
    meeting = Meeting(program_id=program.id, kind=kind, title=fields.pop("title", "Meeting"),
                      starts_at=starts, ends_at=starts + timedelta(hours=1),
                      timezone="UTC", **fields)  # fmt: skip
    db.session.add(meeting)
    return meeting


def _make_everything_wait(a) -> None:
    program = a.program
    application = db.session.get(MentorApplication, a.application_id)
    application.status = MentorStatus.INTERVIEWED
    db.session.get(Interview, a.interview_id).starts_at = now_utc() - timedelta(days=2)
    db.session.add(MentorApplication(
        program_id=program.id, name="New Applicant", email="new@example.org",
        years_experience=5, bio="b", days_per_month=2, max_ventures=1, motivation="m",
        access_token_hash="x" * 64,
    ))  # fmt: skip
    db.session.add(Venture(program_id=program.id, name="Docketed Co", needs=[],
                           status=VentureStatus.DOCKETED))  # fmt: skip
    _meeting(program, MeetingKind.TEAM, now_utc() + timedelta(days=1), team_id=a.team_id)
    _meeting(program, MeetingKind.TEAM, now_utc() - timedelta(days=3), team_id=a.team_id)
    db.session.add(CommercialRequest(program_id=program.id, mentor_id=a.mentor.id,
                                     venture_id=a.venture_id, kind=RelationshipKind.INVEST,
                                     details="An angel round"))  # fmt: skip
    principles.publish(program, "Be kind.", a.coordinator)
    db.session.commit()


def test_the_coordinator_home_lists_what_waits_each_counted_and_linked(client, auth, world):
    a, b = world["A"], world["B"]
    _make_everything_wait(a)
    page = _home(client, auth, a.coordinator, a.program)
    slug = a.program.slug
    pipeline = f"/p/{slug}/screening/mentors?status="
    for text, link in [
        ("1 interviewed applicant waits for a decision", f"{pipeline}interviewed"),
        ("1 new mentor application waits for an interview", f"{pipeline}submitted"),
        ("1 interview has a scorecard overdue", f"{pipeline}interview_scheduled"),
        ("1 venture on the docket has no team yet", f"/p/{slug}/teams"),
        ("1 team meeting&#39;s agenda is due and not set", f"/p/{slug}/meetings"),
        ("1 team meeting&#39;s summary is overdue", f"/p/{slug}/meetings?when=past"),
        ("1 mentor has not signed this year&#39;s guiding principles",
         f"/p/{slug}/principles/manage"),
        ("1 commercial relationship request waits for a decision", f"/p/{slug}/conflicts/review"),
    ]:  # fmt: skip
        assert f'<a href="{link}">{text}</a>' in page, text
    # Program B's coordinator sees none of A's: their own world waits for nothing of this.
    other = _home(client, auth, b.coordinator, b.program)
    assert "waits for a decision" not in other and "has no team yet" not in other


def test_a_signed_scored_and_answered_program_lists_nothing(client, auth, world):
    a = world["A"]
    version = principles.current_version(a.program)
    principles.sign(a.mentor, version, a.mentor.name, True, "127.0.0.1", "test",
                    version.text_sha256)  # fmt: skip
    db.session.commit()
    # The world's interview is next week, its meeting's agenda not due yet: nothing waits.
    page = _home(client, auth, a.coordinator, a.program)
    quiet = ("waits for a decision", "scorecard overdue", "has no team yet",
             "summary is overdue", "guiding principles", "commercial relationship")  # fmt: skip
    for text in quiet:
        assert text not in page, text
    assert "Needs your attention" in page and "Nothing waits for you today." in page


def test_the_next_monthly_meeting_shows_its_answers_so_far(client, auth, world):
    a = world["A"]
    starts = now_utc() + timedelta(days=5)
    meeting = _meeting(a.program, MeetingKind.MENTOR_MEETING, starts, title="Monthly")
    meeting.invitees = [Invitee(user_id=a.mentor.id, response=Response.YES),
                        Invitee(user_id=a.coordinator.id)]  # fmt: skip
    later = _meeting(a.program, MeetingKind.MENTOR_MEETING, starts + timedelta(days=30))
    later.invitees = [Invitee(user_id=a.mentor.id)]
    db.session.commit()
    page = _home(client, auth, a.coordinator, a.program)
    assert "Next monthly mentor meeting:" in page
    assert "Yes: 1 · Maybe: 0 · No: 0 · No answer yet: 1" in page


def _dates(a, count: int) -> list[Meeting]:
    first = now_utc() + timedelta(days=4)
    made = []
    for n in range(count):
        meeting = _meeting(a.program, MeetingKind.MENTOR_MEETING, first + timedelta(days=30 * n))
        meeting.invitees = [Invitee(user_id=a.mentor.id)]
        made.append(meeting)
    db.session.commit()
    return made


def _answers(meetings) -> list:
    ids = [m.id for m in meetings]
    return list(db.session.scalars(select(Invitee.response).where(
        Invitee.meeting_id.in_(ids)).order_by(Invitee.meeting_id)))  # fmt: skip


def test_a_mentor_answers_several_dates_at_once(client, auth, world):
    a = world["A"]
    first, second, third = _dates(a, 3)
    third.status = MeetingStatus.CANCELLED
    db.session.commit()
    auth.login(as_=a.mentor)
    page = client.get(f"/p/{a.program.slug}/mentor-meetings").get_data(as_text=True)
    assert f'name="answer-{first.id}"' in page and f'name="answer-{second.id}"' in page
    assert f'name="answer-{third.id}"' not in page  # cancelled: nothing to answer
    posted = client.post(f"/p/{a.program.slug}/mentor-meetings/answers", data={
        f"answer-{first.id}": "yes", f"answer-{second.id}": "no", f"answer-{third.id}": "yes",
        f"answer-{a.meeting_id}": "no", "answer-abc": "yes", "answer-999999": "maybe",
    }, follow_redirects=True)  # fmt: skip
    assert "2 answers are saved." in posted.get_data(as_text=True)
    assert posted.request.path == f"/p/{a.program.slug}/mentor-meetings"
    db.session.expire_all()
    assert _answers([first, second, third]) == [Response.YES, Response.NO, None]
    team_meeting = db.session.scalar(select(Invitee.response).where(
        Invitee.meeting_id == a.meeting_id, Invitee.user_id == a.mentor.id))  # fmt: skip
    assert team_meeting is None  # only monthly dates are answered here
    again = client.post(
        f"/p/{a.program.slug}/mentor-meetings/answers",
        data={f"answer-{first.id}": "yes", f"answer-{second.id}": "no"},
        follow_redirects=True,
    )
    assert "Your answers are unchanged." in again.get_data(as_text=True)


def test_a_mentor_answers_the_next_date_from_their_home(client, auth, world):
    a = world["A"]
    first, _second = _dates(a, 2)
    auth.login(as_=a.mentor)
    home = client.get(f"/p/{a.program.slug}/").get_data(as_text=True)
    assert f'name="answer-{first.id}"' in home and f'name="answer-{_second.id}"' not in home
    posted = client.post(f"/p/{a.program.slug}/mentor-meetings/answers",
                         data={f"answer-{first.id}": "maybe", "from": "home"})  # fmt: skip
    assert posted.location == f"/p/{a.program.slug}/"
    db.session.expire_all()
    assert _answers([first]) == [Response.MAYBE]


def test_another_programs_dates_and_other_roles_cannot_be_answered(client, auth, world):
    a, b = world["A"], world["B"]
    (theirs,) = _dates(b, 1)
    auth.login(as_=a.mentor)
    client.post(f"/p/{a.program.slug}/mentor-meetings/answers", data={f"answer-{theirs.id}": "yes"})
    db.session.expire_all()
    assert _answers([theirs]) == [None]
    auth.logout()
    auth.login(as_=a.entrepreneur)
    refused = client.post(f"/p/{a.program.slug}/mentor-meetings/answers", data={})
    assert refused.status_code in (403, 404)


def test_home_shows_coming_team_meetings_with_their_agenda_state(client, auth, world):
    a = world["A"]
    soon = _meeting(a.program, MeetingKind.TEAM, now_utc() + timedelta(days=1), team_id=a.team_id,
                    title="Soon")  # fmt: skip
    soon.invitees = [Invitee(user_id=a.mentor.id), Invitee(user_id=a.entrepreneur.id)]
    db.session.commit()
    founder = _home(client, auth, a.entrepreneur, a.program)
    assert "Your coming meetings" in founder
    assert "Agenda due" in founder and f"/meetings/{soon.id}/agenda" in founder
    mentor = _home(client, auth, a.mentor, a.program)
    assert "Agenda due" in mentor and f"/meetings/{soon.id}/agenda" not in mentor
