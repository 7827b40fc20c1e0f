from datetime import timedelta

from sqlalchemy import delete, select, update

from vms.auth.models import Role
from vms.cohorts import services
from vms.cohorts.models import MentorProfile, Venture, VentureFounder
from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.models import Invitee, Meeting, MeetingKind, Response
from vms.screening.mentors.models import Interview


def test_each_role_lands_on_its_home(client, auth, world):
    a = world["A"]
    profile = db.session.scalar(select(MentorProfile).where(MentorProfile.user_id == a.mentor.id))
    profile.industry, profile.function, profile.expertise = "Energy", "Sales", ["sales"]
    profile.years_experience = 9
    venture = Venture(program_id=a.program.id, name="SunBox", needs=["fundraising"])
    venture.founders = [VentureFounder(user_id=a.entrepreneur.id)]
    db.session.add(venture)
    db.session.commit()
    expectations = {
        a.coordinator: ["Cohorts you run", "Cohort A"],
        a.mentor: ["Mentoring", "Energy", "Your venture teams will appear here"],
        a.entrepreneur: ["Your venture", "SunBox", "fundraising"],
        a.peer_mentor: ["Peer mentoring", "Speed-dating"],
    }
    for person, texts in expectations.items():
        auth.login(as_=person)
        response = client.get("/", follow_redirects=True)
        assert response.request.path == f"/p/{a.program.slug}/"
        page = response.get_data(as_text=True)
        for text in texts:
            assert text in page, (person.name, text)
        assert "Program B" not in page
        auth.logout()


def test_person_in_two_programs_switches_between_them(client, auth, world):
    a, b = world["A"], world["B"]
    services.add_member(a.mentor, b.program, Role.MENTOR)
    db.session.commit()
    auth.login(as_=a.mentor)
    page = client.get(f"/p/{a.program.slug}/").get_data(as_text=True)
    assert f'href="/p/{b.program.slug}/"' in page  # the switcher offers the other program
    client.get(f"/p/{b.program.slug}/")
    # An interview to score and a meeting to answer wait in A: that is where they land.
    assert client.get("/").location == f"/p/{a.program.slug}/"
    _nothing_waits()
    client.get(f"/p/{b.program.slug}/")
    assert client.get("/").location == f"/p/{b.program.slug}/"  # nothing waits: remembered


def _nothing_waits() -> None:
    db.session.execute(delete(Interview))
    db.session.execute(update(Invitee).values(response=Response.YES))
    db.session.commit()


def test_a_mentor_lands_where_a_date_waits_for_an_answer(client, auth, world):
    a, b = world["A"], world["B"]
    services.add_member(a.mentor, b.program, Role.MENTOR)
    _nothing_waits()
    starts = now_utc() + timedelta(days=9)
    meeting = Meeting(
        program_id=b.program.id,
        kind=MeetingKind.MENTOR_MEETING,
        title="Monthly",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        timezone="UTC",
    )
    meeting.invitees = [Invitee(user_id=a.mentor.id)]
    db.session.add(meeting)
    db.session.commit()
    auth.login(as_=a.mentor)
    client.get(f"/p/{a.program.slug}/")  # they last chose A …
    assert client.get("/").location == f"/p/{b.program.slug}/"  # … but B waits for an answer


def test_someone_without_a_program_is_told_what_to_do(client, auth, make_user):
    auth.login(as_=make_user(email="solo@example.org"))
    page = client.get("/").get_data(as_text=True)
    assert "Ask the coordinator of your mentoring program to invite solo@example.org" in page


def test_another_programs_pages_answer_404(client, auth, world):
    auth.login(as_=world["B"].coordinator)
    a = world["A"]
    assert client.get(f"/p/{a.program.slug}/").status_code == 404
    assert client.get(f"/p/{a.program.slug}/cohorts/{a.cohort.id}").status_code == 404
    assert client.get("/p/no-such-program/").status_code == 404
    page = client.get(f"/p/{a.program.slug}/").get_data(as_text=True)
    assert "Page not found" in page and "Go to your home page" in page


def test_anonymous_landing_page(client):
    page = client.get("/").get_data(as_text=True)
    assert "Mentoring teams for ventures" in page and "/signin" in page


def test_cohort_list_query_count_does_not_grow_with_cohorts(client, auth, world, make_cohort, app):
    from sqlalchemy import event

    a = world["A"]
    auth.login(as_=a.coordinator)
    url = f"/p/{a.program.slug}/cohorts"

    def count_queries() -> list[str]:
        db.session.expire_all()  # the test shares the requests' session: start cold each time
        statements = []

        def record(_conn, _cursor, statement, *_args):
            statements.append(statement.split(" FROM ")[-1][:60])

        event.listen(db.engine, "before_cursor_execute", record)
        try:
            assert client.get(url).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
        return statements

    few = count_queries()
    for n in range(8):
        make_cohort(a.program, f"Extra {n}")
    assert len(count_queries()) == len(few), (few, count_queries())


def test_a_visitor_sees_the_programs_public_page_with_its_applications(client, world):
    a = world["A"]
    page = client.get(f"/p/{a.program.slug}/").get_data(as_text=True)
    assert "Program A" in page and "Program B" not in page
    assert f'href="/p/{a.program.slug}/apply/mentor"' in page
    assert f'href="/p/{a.program.slug}/apply/venture"' in page
    assert "Cohort A" not in page and a.mentor.name not in page  # nothing of the members
    assert client.get("/p/no-such-program/").status_code == 404
