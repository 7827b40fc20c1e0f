import re

from tests.conftest import PASSWORD
from vms.auth.models import Role


def test_missing_or_stale_token_gets_a_clear_page_that_keeps_the_form(
    make_app, make_user, make_program, make_member
):
    app = make_app(WTF_CSRF_ENABLED=True)
    program = make_program()
    coordinator = make_member(program, Role.COORDINATOR)
    client = app.test_client()
    sign_in = client.get("/signin").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', sign_in).group(1)
    client.post(
        "/signin", data={"email": coordinator.email, "password": PASSWORD, "csrf_token": token}
    )

    typed = {"name": "Autumn 2027", "starts_on": "2027-09-01", "ends_on": "2027-12-15"}
    url = f"/p/{program.slug}/cohorts/new"
    same_site = {"Sec-Fetch-Site": "same-origin"}
    response = client.post(url, data={**typed, "csrf_token": "stale-token"}, headers=same_site)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Please send the form again" in page
    for name, value in typed.items():
        assert f'name="{name}" value="{value}"' in page  # nothing typed is lost
    fresh = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    resent = client.post(url, data={**typed, "csrf_token": fresh})
    assert resent.status_code == 302  # sending it again works


def test_a_cross_site_post_is_not_offered_back(make_app, make_program, make_member):
    """Re-offering a forged request's fields would make the forgery one click away."""
    app = make_app(WTF_CSRF_ENABLED=True)
    program = make_program()
    coordinator = make_member(program, Role.COORDINATOR)
    client = app.test_client()
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"',
        client.get("/signin").get_data(as_text=True),
    ).group(1)
    client.post(
        "/signin", data={"email": coordinator.email, "password": PASSWORD, "csrf_token": token}
    )
    for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://evil.example"}, {}):
        response = client.post(
            f"/p/{program.slug}/cohorts/new", data={"name": "Forged"}, headers=headers
        )
        page = response.get_data(as_text=True)
        assert response.status_code == 400
        assert "did not come from this site" in page
        assert "Forged" not in page and "Send again" not in page


def test_passwords_are_never_echoed_back(make_app):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    page = client.post(
        "/signin",
        data={"email": "a@example.org", "password": "s3cret-words"},
        headers={"Origin": "http://localhost"},
    )
    assert page.status_code == 400
    text = page.get_data(as_text=True)
    assert "s3cret-words" not in text and 'value="a@example.org"' in text


def test_every_state_changing_route_requires_the_token(make_app, make_user):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    for url in ("/signup", "/signin", "/password/forgot", "/language", "/signout"):
        assert client.post(url, data={}).status_code == 400, url


def test_a_row_of_the_load_page_saves_with_the_token_the_page_wrote(
    make_app, make_program, make_member
):
    """The load page writes its rows' forms itself (not WTForms): their token must still work."""
    from vms.cohorts.models import MentorProfile
    from vms.extensions import db

    app = make_app(WTF_CSRF_ENABLED=True)
    program = make_program()
    coordinator = make_member(program, Role.COORDINATOR)
    mentor = make_member(program, Role.MENTOR, name="Morgan")
    db.session.add(MentorProfile(program_id=program.id, user_id=mentor.id, industry="Software",
                                 function="Engineering", capacity=1))  # fmt: skip
    db.session.commit()
    client = app.test_client()
    sign_in = client.get("/signin").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', sign_in).group(1)
    client.post(
        "/signin", data={"email": coordinator.email, "password": PASSWORD, "csrf_token": token}
    )
    page = client.get(f"/p/{program.slug}/teams/load").get_data(as_text=True)
    key = f"m{mentor.id}"
    row_token = re.search(rf'name="{key}-csrf_token" type="hidden" value="([^"]+)"', page)
    assert row_token and f'name="{key}-capacity" required type="number" value="1"' in page
    saved = client.post(
        f"/p/{program.slug}/teams/load/{mentor.id}",
        data={f"{key}-csrf_token": row_token.group(1), f"{key}-capacity": "3"},
    )
    assert saved.status_code == 302
    db.session.expire_all()
    assert db.session.get(MentorProfile, db.session.query(MentorProfile.id).scalar()).capacity == 3
