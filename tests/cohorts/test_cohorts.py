from sqlalchemy import func, select

from vms.auth.models import Role
from vms.cohorts.models import Cohort


def test_coordinator_creates_a_cohort(client, auth, make_program, make_member):
    program = make_program()
    coordinator = make_member(program, Role.COORDINATOR)
    auth.login(as_=coordinator)
    empty = client.get(f"/p/{program.slug}/cohorts").get_data(as_text=True)
    assert "No cohorts yet" in empty and "Create the first cohort" in empty
    response = client.post(
        f"/p/{program.slug}/cohorts/new",
        data={"name": "Spring 2027", "starts_on": "2027-01-15", "ends_on": "2027-06-30"},
    )
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Spring 2027" in page and "Invite someone" in page


def test_end_before_start_and_duplicate_names_keep_what_was_typed(
    client, auth, make_program, make_member, make_cohort, app
):
    program = make_program()
    make_cohort(program, "Taken")
    auth.login(as_=make_member(program, Role.COORDINATOR))
    url = f"/p/{program.slug}/cohorts/new"
    page = client.post(
        url, data={"name": "Autumn", "starts_on": "2027-06-30", "ends_on": "2027-01-01"}
    ).get_data(as_text=True)
    assert "The end date must be on or after the start date." in page
    assert 'value="Autumn"' in page and 'value="2027-06-30"' in page
    page = client.post(
        url, data={"name": "Taken", "starts_on": "2027-01-01", "ends_on": "2027-02-01"}
    ).get_data(as_text=True)
    assert "already has a cohort with this name" in page
    page = client.post(
        url, data={"name": "Broken", "starts_on": "2027-02-31", "ends_on": "soon"}
    ).get_data(as_text=True)
    assert "Please enter a valid date." in page or "Not a valid date value." in page
    from vms.extensions import db

    assert db.session.scalar(select(func.count(Cohort.id))) == 1


def test_mentor_cannot_manage_cohorts(client, auth, make_program, make_member):
    program = make_program()
    auth.login(as_=make_member(program, Role.MENTOR))
    assert client.get(f"/p/{program.slug}/cohorts").status_code == 403
    assert client.get(f"/p/{program.slug}/cohorts/new").status_code == 403
