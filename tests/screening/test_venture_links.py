"""A venture's private link expires and is renewed; signed-in founders reach their profile;
editing the founders keeps their accounts linked."""

from datetime import timedelta

from sqlalchemy import select

from tests.conftest import Auth
from tests.screening.test_ventures import _form
from tests.support import link_in, text_of
from vms.auth.models import Role
from vms.cohorts.models import Venture, VentureFounder
from vms.cohorts.teams.models import Team, TeamStatus
from vms.database import now_utc
from vms.extensions import db


def _apply(client, program, **changes) -> tuple[str, Venture]:
    response = client.post(f"/p/{program.slug}/apply/venture", data=_form(program, **changes))
    assert response.status_code == 302
    return response.location, db.session.scalar(select(Venture))


def _staff(app, user):
    staff = app.test_client()
    Auth(staff).login(as_=user)
    return staff


def test_a_link_lasts_the_programs_days_then_shows_how_to_get_a_new_one(client, app, make_program):
    program = make_program()
    assert program.venture_link_days == 30
    profile_url, venture = _apply(client, program)
    left = venture.access_token_expires_at - now_utc()
    assert timedelta(days=29, hours=23) < left <= timedelta(days=30)
    assert "works until" in client.get(profile_url).get_data(as_text=True)

    venture.access_token_expires_at = now_utc() - timedelta(minutes=1)
    db.session.commit()
    expired = client.get(profile_url)
    page = expired.get_data(as_text=True)
    assert expired.status_code == 410 and "This link has expired" in page
    assert "ask the coordinators of Test Program for a new link" in page and "/signin" in page
    assert "Solar batteries" not in page  # the profile itself stays private
    assert client.get(f"{profile_url}/edit").status_code == 410
    refused = client.post(f"{profile_url}/edit", data=_form(program, name="Renamed"))
    assert refused.status_code == 410
    db.session.refresh(venture)
    assert venture.name == "SunBox"
    assert client.get("/ventures/not-a-token").status_code == 404


def test_the_coordinator_sends_a_new_link_and_the_old_one_dies(
    client, app, smtp, make_program, make_member
):
    program = make_program()
    old_url, venture = _apply(client, program)
    coordinator = make_member(program, Role.COORDINATOR)
    staff = _staff(app, coordinator)
    show_url = f"/p/{program.slug}/screening/ventures/{venture.id}"
    assert "Send the founders a new link" in staff.get(show_url).get_data(as_text=True)
    smtp.clear()
    response = staff.post(f"{show_url}/link")
    assert response.status_code == 302 and response.location == show_url
    new_url = link_in(smtp.last_to("ana@sunbox.example"), "/ventures/")
    assert link_in(smtp.last_to("tom@sunbox.example"), "/ventures/") == new_url
    assert "new link" in text_of(smtp.last_to("ana@sunbox.example"))
    assert new_url != old_url
    assert client.get(old_url).status_code == 404
    assert client.get(new_url).status_code == 200
    # Another program's coordinator cannot renew it.
    other = make_program("Other VMS")
    outsider = _staff(app, make_member(other, Role.COORDINATOR))
    assert outsider.post(f"/p/{other.slug}/screening/ventures/{venture.id}/link").status_code == 404


def test_a_signed_in_founder_reaches_edits_and_renews_their_venture(client, auth, smtp, world):
    a = world["A"]
    team = db.session.get(Team, a.team_id)
    team.status = TeamStatus.PUBLISHED
    db.session.commit()
    auth.login(as_=a.entrepreneur)
    profile_url = f"/p/{a.program.slug}/ventures/{a.venture_id}"
    home = client.get(f"/p/{a.program.slug}/").get_data(as_text=True)
    assert f'href="{profile_url}"' in home
    teams = client.get(f"/p/{a.program.slug}/my-teams").get_data(as_text=True)
    assert f'href="{profile_url}"' in teams
    page = client.get(profile_url).get_data(as_text=True)
    assert "Venture A" in page and f'href="{profile_url}/edit"' in page
    edit = client.get(f"{profile_url}/edit").get_data(as_text=True)
    assert a.entrepreneur.email in edit  # the founder's account address fills the form
    data = _form(a.program, name="Venture A", **{
        "founders-0-name": "Founder A", "founders-0-email": a.entrepreneur.email,
        "founders-1-name": "", "founders-1-email": "", "founders-1-affiliation": ""})  # fmt: skip
    saved = client.post(f"{profile_url}/edit", data=data)
    assert saved.status_code == 302 and saved.location == profile_url
    venture = db.session.get(Venture, a.venture_id)
    assert venture.description == "Solar batteries for apartment blocks."
    assert [f.user_id for f in venture.founders] == [a.entrepreneur.id]

    smtp.clear()
    renewed = client.post(f"{profile_url}/link")
    assert renewed.status_code == 302 and renewed.location == profile_url
    link = link_in(smtp.last_to(a.entrepreneur.email), "/ventures/")
    assert client.get(link).status_code == 200


def test_only_the_founders_and_coordinators_see_the_signed_in_profile(app, world, make_member):
    a, b = world["A"], world["B"]
    url = f"/p/{a.program.slug}/ventures/{a.venture_id}"
    other_founder = make_member(a.program, Role.ENTREPRENEUR)
    allowed = [(a.coordinator, 200), (a.entrepreneur, 200), (a.mentor, 404),
               (other_founder, 404), (b.coordinator, 404), (b.entrepreneur, 404)]  # fmt: skip
    for person, status in allowed:
        browser = _staff(app, person)
        assert browser.get(url).status_code == status, person.name
        assert browser.get(f"{url}/edit").status_code == status, person.name
        expected = 302 if status == 200 else 404
        assert browser.post(f"{url}/link").status_code == expected, person.name
    # B's founder through B's own program: A's venture is not there.
    browser = _staff(app, b.entrepreneur)
    assert browser.get(f"/p/{b.program.slug}/ventures/{a.venture_id}").status_code == 404


def test_editing_the_founders_keeps_each_founders_account(
    client, app, smtp, make_program, make_member
):
    program = make_program()
    profile_url, venture = _apply(client, program)
    ana = make_member(program, Role.ENTREPRENEUR, email="ana@sunbox.example")
    tom = make_member(program, Role.ENTREPRENEUR, email="tom@sunbox.example")
    by_email = {f.email: f for f in venture.founders}
    by_email["ana@sunbox.example"].user = ana
    # A founder linked to an account with no address of their own on the founder row.
    by_email["tom@sunbox.example"].user, by_email["tom@sunbox.example"].email = tom, ""
    db.session.commit()

    same = _form(program, **{"founders-0-email": "Ana@SunBox.example "})
    kept = client.post(f"{profile_url}/edit", data=same)
    db.session.refresh(venture)
    assert {f.user_id for f in venture.founders} == {ana.id, tom.id}
    assert kept.location == profile_url  # nobody left, so the link stays

    # Tom leaves and loses access; Lea, who has an account in the program, is linked.
    lea = make_member(program, Role.ENTREPRENEUR, email="lea@sunbox.example")
    # Max has an account in the program, but as a mentor: typing his address links nothing.
    stranger = make_member(program, Role.MENTOR, email="max@sunbox.example")
    changed = _form(program, **{
        "founders-1-name": "Lea Park", "founders-1-email": "lea@sunbox.example",
        "founders-2-name": "Max Roe", "founders-2-email": "max@sunbox.example",
        "founders-2-affiliation": "staff"})  # fmt: skip
    response = client.post(f"{profile_url}/edit", data=changed)
    # The link Tom holds dies: the founders who stay get a new one, and the editor goes on with it.
    assert response.status_code == 302 and response.location != profile_url
    assert client.get(profile_url).status_code == 404
    assert link_in(smtp.last_to("ana@sunbox.example"), "/ventures/") == response.location
    assert len(smtp.to("tom@sunbox.example")) == 1  # only the application's receipt
    db.session.refresh(venture)
    linked = {f.email: f.user_id for f in venture.founders}
    assert linked == {"ana@sunbox.example": ana.id, "lea@sunbox.example": lea.id,
                      "max@sunbox.example": None}  # fmt: skip
    assert stranger.id not in linked.values()
    url = f"/p/{program.slug}/ventures/{venture.id}"
    assert _staff(app, tom).get(url).status_code == 404
    assert _staff(app, lea).get(url).status_code == 200
    assert db.session.scalar(select(VentureFounder).where(VentureFounder.user_id == tom.id)) is None


def test_coordinators_set_how_long_links_last(app, client, make_program, make_member):
    program = make_program()
    staff = _staff(app, make_member(program, Role.COORDINATOR))
    settings_url = f"/p/{program.slug}/screening/settings"
    assert 'name="days" value="30"' in staff.get(settings_url).get_data(as_text=True)
    for bad in ("0", "366", "soon", ""):
        page = staff.post(f"{settings_url}/venture-links", data={"days": bad},
                          follow_redirects=True).get_data(as_text=True)  # fmt: skip
        assert "A number of days from 1 to 365." in page, bad
    assert staff.post(f"{settings_url}/venture-links", data={"days": "7"}).status_code == 302
    db.session.refresh(program)
    assert program.venture_link_days == 7
    _url, venture = _apply(client, program)
    assert venture.access_token_expires_at - now_utc() <= timedelta(days=7)
    # A program member who is not a coordinator cannot change it.
    mentor = _staff(app, make_member(program, Role.MENTOR))
    assert mentor.post(f"{settings_url}/venture-links", data={"days": "300"}).status_code == 403
