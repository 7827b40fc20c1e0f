"""The public mentor application, the applicant's page, and the coordinator's pipeline."""

import csv
import io
from datetime import timedelta

from sqlalchemy import func, select

from tests.conftest import application_input
from tests.support import link_in, text_of
from vms.auth.models import Membership, Role
from vms.cohorts.models import MentorProfile
from vms.database import now_utc
from vms.extensions import db
from vms.mail.delivery import deliver_all
from vms.screening.mentors import interviews, services
from vms.screening.mentors.models import MentorApplication, MentorStatus
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind


def _form(program, **changes):
    ids = {kind: [t.id for t in taxonomy.offered_terms(program, kind)] for kind in TaxonomyKind}
    data = {
        "name": "Grace Hopper", "email": "grace@example.org",
        "industry": ids[TaxonomyKind.INDUSTRY][0], "function": ids[TaxonomyKind.FUNCTION][2],
        "expertise": ids[TaxonomyKind.EXPERTISE][:2], "years_experience": "30",
        "bio": "Wrote the first compiler.", "link": "https://example.org/grace",
        "days_per_month": "2", "max_ventures": "1", "weekdays": ["2", "4"],
        "heard_from": "The newsletter", "motivation": "To help founders ship.",
    }  # fmt: skip
    data.update(changes)
    return data


def _applications() -> int:
    return db.session.scalar(select(func.count(MentorApplication.id)))


def test_a_volunteer_applies_and_gets_a_private_status_link(client, app, smtp, make_program):
    program = make_program("Harbor VMS")
    form_page = client.get(f"/p/{program.slug}/apply/mentor").get_data(as_text=True)
    assert "Apply to mentor with Harbor VMS" in form_page and "Fundraising" in form_page
    response = client.post(f"/p/{program.slug}/apply/mentor", data=_form(program))
    assert response.status_code == 302 and response.location.endswith("/apply/mentor/thanks")
    application = db.session.scalar(select(MentorApplication))
    assert application.status is MentorStatus.SUBMITTED
    assert [t.name for t in application.expertise] == ["Marketing", "Sales"]
    assert application.function.name == "Engineering" and application.weekdays == [2, 4]
    assert application.events[0].to_status is MentorStatus.SUBMITTED
    message = smtp.last_to("grace@example.org")
    path = link_in(message, "/applications/")
    status_page = app.test_client().get(path).get_data(as_text=True)
    assert "Submitted" in status_page and "Withdraw my application" in status_page


def test_second_application_with_the_same_email_is_refused_clearly(client, make_program):
    program = make_program()
    client.post(f"/p/{program.slug}/apply/mentor", data=_form(program))
    page = client.post(
        f"/p/{program.slug}/apply/mentor", data=_form(program, email="GRACE@example.org ")
    ).get_data(as_text=True)
    assert "You have already applied to this program with this address" in page
    assert 'value="Grace Hopper"' in page
    assert _applications() == 1


def test_the_same_person_may_apply_to_another_program(client, make_program):
    first, second = make_program("One"), make_program("Two")
    for program in (first, second):
        assert (
            client.post(f"/p/{program.slug}/apply/mentor", data=_form(program)).status_code == 302
        )
    assert _applications() == 2


def test_bad_input_keeps_what_was_typed_and_saves_nothing(client, make_program):
    program = make_program()
    other = make_program("Other")
    foreign_term = taxonomy.terms(other, TaxonomyKind.EXPERTISE)[0].id
    page = client.post(
        f"/p/{program.slug}/apply/mentor",
        data=_form(program, expertise=[foreign_term], years_experience="lots", bio="x" * 2001,
                   link="javascript:alert(1)", weekdays=[], days_per_month="0"),
    ).get_data(as_text=True)  # fmt: skip
    assert 'value="Grace Hopper"' in page and "To help founders ship." in page
    for field in ("expertise", "years_experience", "bio", "link", "weekdays", "days_per_month"):
        assert f'id="{field}-error"' in page, field
    assert _applications() == 0


def test_applicant_withdraws_with_a_post_never_a_get(app, client, smtp, make_program):
    program = make_program()
    client.post(f"/p/{program.slug}/apply/mentor", data=_form(program))
    path = link_in(smtp.last_to("grace@example.org"), "/applications/")
    visitor = app.test_client()
    visitor.get(path)
    application = db.session.scalar(select(MentorApplication))
    assert application.status is MentorStatus.SUBMITTED  # a mail scanner's GET changes nothing
    response = visitor.post(path, follow_redirects=True)
    assert "Your application is withdrawn" in response.get_data(as_text=True)
    db.session.refresh(application)
    assert application.status is MentorStatus.WITHDRAWN
    assert application.events[-1].actor is None and "applicant" in application.events[-1].note
    again = visitor.post(path, follow_redirects=True).get_data(as_text=True)
    assert "can no longer be withdrawn" in again
    assert visitor.get("/applications/not-a-token").status_code == 404


def _submit(program, label, **changes):
    application = services.submit_mentor_application(
        program, application_input(program, label, **changes)
    )
    db.session.commit()
    deliver_all()
    return application


def test_pipeline_counts_filters_search_and_csv(client, auth, make_program, make_member):
    program = make_program()
    sales = next(t for t in taxonomy.terms(program, TaxonomyKind.EXPERTISE) if t.name == "Sales")
    _submit(program, "Ann", bio="Sold software for years", expertise_ids=[sales.id])
    bob = _submit(program, "Bob", name='=HYPERLINK("evil")')
    coordinator = make_member(program, Role.COORDINATOR)
    services.move(bob, MentorStatus.WAITLISTED, coordinator)
    db.session.commit()
    auth.login(as_=coordinator)
    base = f"/p/{program.slug}/screening/mentors"
    page = client.get(base).get_data(as_text=True)
    assert "Applicant Ann" in page and "HYPERLINK" in page
    assert 'Waitlisted <span class="tag">1</span>' in page
    assert "Applicant Ann" not in client.get(f"{base}?status=waitlisted").get_data(as_text=True)
    assert "Applicant Ann" in client.get(f"{base}?q=SOLD").get_data(as_text=True)
    assert "HYPERLINK" not in client.get(f"{base}?expertise={sales.id}").get_data(as_text=True)
    assert client.get(f"{base}?status=bogus&expertise=99999999999").status_code == 200
    export = client.get(f"{base}.csv")
    assert export.mimetype == "text/csv" and "attachment" in export.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(export.get_data().decode("utf-8-sig"))))
    names = {row["name"] for row in rows}
    assert names == {"Applicant Ann", '\'=HYPERLINK("evil")'}  # formula defused


def test_moves_record_who_and_why_and_illegal_ones_are_refused(
    client, auth, smtp, make_program, make_member
):
    program = make_program()
    application = _submit(program, "Cy")
    coordinator = make_member(program, Role.COORDINATOR, name="Casey")
    auth.login(as_=coordinator)
    url = f"/p/{program.slug}/screening/mentors/{application.id}"
    page = client.get(url).get_data(as_text=True)
    assert 'value="accepted"' not in page  # not offered before an interview
    refused = client.post(url, data={"target": "accepted"}).get_data(as_text=True)
    assert 'id="target-error"' in refused
    assert 'value="interview_scheduled"' not in page  # that goes through the interview page
    response = client.post(url, data={"target": "waitlisted", "note": "Strong fit, no room"})
    assert response.status_code == 302
    db.session.refresh(application)
    event = application.events[-1]
    assert (event.to_status, event.actor_id, event.note) == (
        MentorStatus.WAITLISTED,
        coordinator.id,
        "Strong fit, no room",
    )
    history = client.get(url).get_data(as_text=True)
    assert "Strong fit, no room" in history and "Casey" in history


def test_bulk_decline_moves_what_it_may_and_says_why_not_for_the_rest(
    client, auth, smtp, make_program, make_member
):
    program = make_program()
    first = _submit(program, "One", locale="es")
    second = _submit(program, "Two")
    done = _submit(program, "Three")
    coordinator = make_member(program, Role.COORDINATOR)
    services.withdraw_by_applicant(done)
    db.session.commit()
    smtp.clear()
    auth.login(as_=coordinator)
    response = client.post(
        f"/p/{program.slug}/screening/mentors/bulk",
        data={"ids": [first.id, second.id, done.id], "target": "declined"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "2 applications moved." in page and "Applicant Three was not moved" in page
    for application in (first, second, done):
        db.session.refresh(application)
    assert (first.status, second.status, done.status) == (
        MentorStatus.DECLINED,
        MentorStatus.DECLINED,
        MentorStatus.WITHDRAWN,
    )
    assert "Hola" in text_of(smtp.last_to(first.email))  # in the applicant's language
    assert "not able to offer you a place" in text_of(smtp.last_to(second.email))


def _interviewed(program, label, coordinator):
    application = _submit(program, label)
    starts = now_utc() + timedelta(days=1)
    details = interviews.InterviewDetails(starts, 45, "Room 1", "", [coordinator.id])
    interviews.schedule(application, details, coordinator)
    services.move(application, MentorStatus.INTERVIEWED, coordinator, now=starts)
    db.session.commit()
    return application


def test_accepting_someone_with_an_account_makes_them_a_mentor(
    client, auth, smtp, make_program, make_member, make_user
):
    program = make_program()
    coordinator = make_member(program, Role.COORDINATOR)
    existing = make_user(email="applicant-dee@example.org")
    application = _interviewed(program, "Dee", coordinator)
    auth.login(as_=coordinator)
    client.post(
        f"/p/{program.slug}/screening/mentors/{application.id}", data={"target": "accepted"}
    )
    role = db.session.scalar(select(Membership.role).where(Membership.user_id == existing.id))
    assert role is Role.MENTOR
    profile = db.session.scalar(select(MentorProfile).where(MentorProfile.user_id == existing.id))
    assert profile.years_experience == 12 and profile.expertise
    assert "/signin" in text_of(smtp.last_to(existing.email))


def test_accepting_a_newcomer_emails_an_invitation_that_links_the_application(
    client, app, auth, smtp, make_program, make_member
):
    program = make_program()
    coordinator = make_member(program, Role.COORDINATOR)
    application = _interviewed(program, "Eve", coordinator)
    auth.login(as_=coordinator)
    client.post(
        f"/p/{program.slug}/screening/mentors/{application.id}", data={"target": "accepted"}
    )
    message = smtp.last_to("applicant-eve@example.org")
    assert "welcome you as a mentor" in text_of(message)
    path = link_in(message, "/invitations/")
    app.test_client().post(path, data={"name": "Eve", "password": "mentoring with care",
                                       "timezone": "UTC", "locale": "en"})  # fmt: skip
    db.session.refresh(application)
    assert application.user is not None and application.user.email == "applicant-eve@example.org"
    assert db.session.scalar(
        select(MentorProfile).where(MentorProfile.user_id == application.user_id)
    )
