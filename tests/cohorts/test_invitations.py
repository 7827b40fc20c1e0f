from datetime import timedelta

from sqlalchemy import select

from tests.conftest import PASSWORD, Auth
from tests.support import link_in, text_of
from vms.auth.models import Membership, Role, User
from vms.cohorts.models import CohortMember, Invitation, InvitationStatus
from vms.extensions import db


def _setup(make_program, make_cohort, make_member):
    program = make_program("River Valley VMS")
    cohort = make_cohort(program)
    coordinator = make_member(program, Role.COORDINATOR)
    return program, cohort, coordinator


def _invite(client, program, cohort, email="new.mentor@example.org", role="mentor"):
    return client.post(
        f"/p/{program.slug}/cohorts/{cohort.id}/invitations", data={"email": email, "role": role}
    )


def test_invitation_email_and_acceptance_with_a_new_account(
    client, app, auth, smtp, make_program, make_cohort, make_member
):
    program, cohort, coordinator = _setup(make_program, make_cohort, make_member)
    auth.login(as_=coordinator)
    assert _invite(client, program, cohort, "New.Mentor@example.org").status_code == 302
    listed = client.get(f"/p/{program.slug}/cohorts/{cohort.id}").get_data(as_text=True)
    assert "new.mentor@example.org" in listed and "Waiting" in listed
    message = smtp.last_to("new.mentor@example.org")
    assert "River Valley VMS" in message["Subject"]
    assert "as Mentor" in text_of(message)
    path = link_in(message, "/invitations/")

    newcomer = app.test_client()
    page = newcomer.get(path).get_data(as_text=True)
    assert "Create your account to join." in page and 'value="new.mentor@example.org"' in page
    weak = newcomer.post(
        path,
        data={
            "name": "Nia",
            "password": "short",
            "timezone": "UTC",
            "locale": "en",
            "email": "attacker@example.org",
        },
    )
    assert "Use at least 8 characters" in weak.get_data(as_text=True)
    response = newcomer.post(
        path,
        data={
            "name": "Nia Long",
            "password": "mentoring is a joy",
            "timezone": "America/New_York",
            "locale": "en",
            "email": "attacker@example.org",
        },
    )
    assert response.status_code == 302 and response.location == f"/p/{program.slug}/"
    user = db.session.scalar(select(User).where(User.name == "Nia Long"))
    assert user.email == "new.mentor@example.org"  # the invited address, whatever was posted
    home = newcomer.get(response.location).get_data(as_text=True)
    assert "Mentoring" in home and cohort.name in home
    assert (
        db.session.scalar(select(CohortMember).where(CohortMember.user_id == user.id)).role
        is Role.MENTOR
    )
    used = newcomer.get(path)
    assert used.status_code == 410 and "already accepted" in used.get_data(as_text=True)
    joined = client.get(f"/p/{program.slug}/cohorts/{cohort.id}").get_data(as_text=True)
    assert "Joined" in joined and "Nia Long" in joined


def test_existing_account_signs_in_then_accepts(
    client, app, auth, smtp, make_program, make_cohort, make_member, make_user
):
    program, cohort, coordinator = _setup(make_program, make_cohort, make_member)
    existing = make_user(email="known@example.org")
    auth.login(as_=coordinator)
    _invite(client, program, cohort, "known@example.org", "entrepreneur")
    path = link_in(smtp.last_to("known@example.org"), "/invitations/")
    browser = app.test_client()
    page = browser.get(path).get_data(as_text=True)
    assert "Sign in to accept" in page
    response = browser.post(
        f"/signin?next={path}", data={"email": existing.email, "password": PASSWORD}
    )
    assert response.location == path
    assert "Accept invitation" in browser.get(path).get_data(as_text=True)
    assert browser.post(path).status_code == 302
    roles = db.session.scalars(
        select(Membership.role).where(Membership.user_id == existing.id)
    ).all()
    assert roles == [Role.ENTREPRENEUR]


def test_signed_in_as_someone_else_cannot_accept(
    client, app, auth, smtp, make_program, make_cohort, make_member, make_user
):
    program, cohort, coordinator = _setup(make_program, make_cohort, make_member)
    auth.login(as_=coordinator)
    _invite(client, program, cohort, "invitee@example.org")
    path = link_in(smtp.last_to("invitee@example.org"), "/invitations/")
    assert client.post(path).status_code == 403  # the coordinator follows the invitee's link
    bystander = make_user(email="bystander@example.org")
    browser = app.test_client()
    Auth(browser).login(as_=bystander)
    response = browser.post(path)
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert "invitee@example.org" not in page, "the page must not reveal who was invited"
    assert "sent to a different address" in page and bystander.email in page
    assert db.session.scalar(select(Invitation)).status is InvitationStatus.PENDING
    signed_out = browser.post("/signout", data={"next": path})  # the page's sign-out button
    assert f'name="next" value="{path}"' in page and signed_out.location == path
    assert browser.get(path).status_code == 200
    Auth(browser).login(as_=bystander)
    elsewhere = browser.post("/signout", data={"next": "//evil.example/"})
    assert elsewhere.location == "/signin", "only a path on this site"


def test_expired_revoked_and_unknown_links_say_what_happened(
    client, app, auth, smtp, make_program, make_cohort, make_member
):
    program, cohort, coordinator = _setup(make_program, make_cohort, make_member)
    auth.login(as_=coordinator)
    _invite(client, program, cohort, "late@example.org")
    _invite(client, program, cohort, "revoked@example.org")
    late = link_in(smtp.last_to("late@example.org"), "/invitations/")
    revoked = link_in(smtp.last_to("revoked@example.org"), "/invitations/")
    invitation = db.session.scalar(select(Invitation).filter_by(email="late@example.org"))
    invitation.expires_at = invitation.created_at - timedelta(seconds=1)
    db.session.commit()
    to_revoke = db.session.scalar(select(Invitation).filter_by(email="revoked@example.org"))
    client.post(f"/p/{program.slug}/cohorts/{cohort.id}/invitations/{to_revoke.id}/revoke")
    visitor = app.test_client()
    expired_page = visitor.get(late)
    assert expired_page.status_code == 410
    assert "expired" in expired_page.get_data(
        as_text=True
    ) and "River Valley VMS" in expired_page.get_data(as_text=True)
    assert "withdrawn" in visitor.get(revoked).get_data(as_text=True)
    assert (
        visitor.post(revoked, data={"name": "x", "password": "long enough pass"}).status_code == 410
    )
    unknown = visitor.get("/invitations/not-a-real-token")
    assert unknown.status_code == 404 and "not valid" in unknown.get_data(as_text=True)


def test_resend_gives_a_new_link_and_the_old_one_stops(
    client, app, auth, smtp, make_program, make_cohort, make_member
):
    program, cohort, coordinator = _setup(make_program, make_cohort, make_member)
    auth.login(as_=coordinator)
    _invite(client, program, cohort, "again@example.org")
    first = link_in(smtp.last_to("again@example.org"), "/invitations/")
    invitation = db.session.scalar(select(Invitation))
    invitation.expires_at = invitation.created_at - timedelta(seconds=1)  # expired: resend revives
    db.session.commit()
    response = client.post(
        f"/p/{program.slug}/cohorts/{cohort.id}/invitations/{invitation.id}/resend"
    )
    assert response.status_code == 302
    second = link_in(smtp.last_to("again@example.org"), "/invitations/")
    assert first != second
    assert app.test_client().get(first).status_code == 404
    assert app.test_client().get(second).status_code == 200
    db.session.refresh(invitation)
    assert invitation.sent_count == 2


def test_accepted_invitation_cannot_be_revoked_or_resent(
    client, app, auth, smtp, make_program, make_cohort, make_member
):
    program, cohort, coordinator = _setup(make_program, make_cohort, make_member)
    auth.login(as_=coordinator)
    _invite(client, program, cohort, "done@example.org")
    path = link_in(smtp.last_to("done@example.org"), "/invitations/")
    app.test_client().post(
        path,
        data={"name": "Done", "password": "a long enough pass", "timezone": "UTC", "locale": "en"},
    )
    invitation = db.session.scalar(select(Invitation))
    for action in ("revoke", "resend"):
        response = client.post(
            f"/p/{program.slug}/cohorts/{cohort.id}/invitations/{invitation.id}/{action}",
            follow_redirects=True,
        )
        assert "can no longer be changed" in response.get_data(as_text=True)
    db.session.refresh(invitation)
    assert invitation.status is InvitationStatus.ACCEPTED


def test_duplicate_invitation_and_existing_member_get_clear_messages(
    client, auth, smtp, make_program, make_cohort, make_member
):
    program, cohort, coordinator = _setup(make_program, make_cohort, make_member)
    member = make_member(program, Role.MENTOR, cohort)
    auth.login(as_=coordinator)
    _invite(client, program, cohort, "twice@example.org")
    page = _invite(client, program, cohort, "TWICE@example.org").get_data(as_text=True)
    assert "already has an open invitation" in page and 'value="TWICE@example.org"' in page
    page = _invite(client, program, cohort, member.email).get_data(as_text=True)
    assert "already in the cohort with this role" in page
    assert len(smtp.messages) == 1


def test_invitation_form_errors_keep_input(client, auth, make_program, make_cohort, make_member):
    program, cohort, coordinator = _setup(make_program, make_cohort, make_member)
    auth.login(as_=coordinator)
    page = _invite(client, program, cohort, "not an email", "chief").get_data(as_text=True)
    assert "This does not look like an email address." in page
    assert 'value="not an email"' in page
    assert 'id="role-error"' in page


def test_invitation_email_is_in_the_programs_language_for_newcomers(
    client, auth, smtp, make_program, make_cohort, make_member
):
    program = make_program("Programa Hermano", locale="es")
    cohort = make_cohort(program)
    auth.login(as_=make_member(program, Role.COORDINATOR))
    _invite(client, program, cohort, "nuevo@example.org")
    message = smtp.last_to("nuevo@example.org")
    assert "Programa Hermano" in message["Subject"] and "invita" in message["Subject"]


def test_invitation_expiry_is_dated_in_the_programs_timezone(
    client, auth, smtp, make_program, make_cohort, make_member, app
):
    program = make_program("Island VMS", timezone="Pacific/Kiritimati")  # UTC+14
    cohort = make_cohort(program)
    coordinator = make_member(program, Role.COORDINATOR, timezone="Pacific/Pago_Pago")  # UTC-11
    auth.login(as_=coordinator)
    _invite(client, program, cohort, "far@example.org")
    invitation = db.session.scalar(select(Invitation))
    from zoneinfo import ZoneInfo

    local = invitation.expires_at.astimezone(ZoneInfo("Pacific/Kiritimati")).date()
    expected = f"{local:%B} {local.day}, {local.year}"
    assert expected in text_of(smtp.last_to("far@example.org"))


def test_cohort_name_of_only_spaces_is_refused(client, auth, make_program, make_member):
    program = make_program()
    auth.login(as_=make_member(program, Role.COORDINATOR))
    page = client.post(
        f"/p/{program.slug}/cohorts/new",
        data={"name": "   ", "starts_on": "2027-01-01", "ends_on": "2027-02-01"},
    ).get_data(as_text=True)
    assert "Please name the cohort." in page
