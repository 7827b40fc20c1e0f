from sqlalchemy import select

from tests.support import link_in
from vms.auth.models import Membership, Role
from vms.cohorts.models import Invitation, Program
from vms.extensions import db


def test_admin_creates_a_program_and_appoints_its_first_coordinator(
    client, app, auth, smtp, make_user
):
    admin = make_user(is_admin=True)
    auth.login(as_=admin)
    assert "No programs yet" in client.get("/admin/programs").get_data(as_text=True)
    response = client.post(
        "/admin/programs",
        data={"name": "Harbor City VMS", "timezone": "America/Chicago", "default_locale": "en"},
    )
    assert response.status_code == 302
    program = db.session.scalar(select(Program))
    assert (program.slug, program.timezone) == ("harbor-city-vms", "America/Chicago")
    response = client.post(f"/admin/programs/{program.id}", data={"email": "dir@example.org"})
    assert response.status_code == 302
    path = link_in(smtp.last_to("dir@example.org"), "/invitations/")
    director = app.test_client()
    response = director.post(
        path,
        data={
            "name": "Dana Director",
            "password": "coordinate all things",
            "timezone": "America/Chicago",
            "locale": "en",
        },
    )
    assert response.location == "/p/harbor-city-vms/"
    home = director.get(response.location).get_data(as_text=True)
    assert "Cohorts you run" in home and "No cohorts yet" in home
    role = db.session.scalar(select(Membership.role).where(Membership.program_id == program.id))
    assert role is Role.COORDINATOR
    again = client.post(f"/admin/programs/{program.id}", data={"email": "dir@example.org"})
    assert "already a coordinator" in again.get_data(as_text=True)


def test_program_form_errors_keep_input(client, auth, make_user):
    auth.login(as_=make_user(is_admin=True))
    page = client.post(
        "/admin/programs",
        data={"name": "Kept Name", "timezone": "Nowhere/Land", "default_locale": "en"},
    ).get_data(as_text=True)
    assert 'value="Kept Name"' in page and 'id="timezone-error"' in page
    assert db.session.scalar(select(Program)) is None


def test_same_name_programs_get_distinct_addresses(client, auth, make_user):
    auth.login(as_=make_user(is_admin=True))
    for _ in range(2):
        client.post(
            "/admin/programs", data={"name": "Twin", "timezone": "UTC", "default_locale": "en"}
        )
    assert sorted(db.session.scalars(select(Program.slug))) == ["twin", "twin-2"]


def test_administration_is_invisible_to_others(client, auth, make_user, make_program):
    program = make_program()
    auth.login(as_=make_user())
    assert client.get("/admin/programs").status_code == 404
    assert client.get(f"/admin/programs/{program.id}").status_code == 404
    assert client.post("/admin/programs", data={"name": "X", "timezone": "UTC"}).status_code == 404


def test_admin_resends_and_revokes_coordinator_invitations(client, app, auth, smtp, make_user):
    auth.login(as_=make_user(is_admin=True))
    client.post(
        "/admin/programs", data={"name": "Bay VMS", "timezone": "UTC", "default_locale": "en"}
    )
    program = db.session.scalar(select(Program))
    client.post(f"/admin/programs/{program.id}", data={"email": "lead@example.org"})
    first = link_in(smtp.last_to("lead@example.org"), "/invitations/")
    invitation = db.session.scalar(select(Invitation))
    base = f"/admin/programs/{program.id}/invitations/{invitation.id}"
    assert client.post(f"{base}/resend").status_code == 302
    second = link_in(smtp.last_to("lead@example.org"), "/invitations/")
    assert first != second and app.test_client().get(first).status_code == 404
    page = client.post(f"{base}/revoke", follow_redirects=True).get_data(as_text=True)
    assert "is revoked" in page
    assert app.test_client().get(second).status_code == 410
    again = client.post(f"{base}/revoke", follow_redirects=True).get_data(as_text=True)
    assert "can no longer be changed" in again
