from vms.auth.models import User
from vms.extensions import db


def test_settings_change_name_timezone_and_language(client, make_user, auth):
    user = make_user()
    auth.login(as_=user)
    response = client.post(
        "/account", data={"name": "Grace Hopper", "timezone": "America/Chicago", "locale": "es"}
    )
    assert response.status_code == 302
    db.session.refresh(user)
    assert (user.name, user.timezone, user.locale) == ("Grace Hopper", "America/Chicago", "es")
    page = client.get("/account").get_data(as_text=True)
    assert '<html lang="es">' in page
    assert "Configuración" in page


def test_bad_settings_keep_what_was_typed(client, make_user, auth):
    user = make_user(name="Old Name")
    auth.login(as_=user)
    page = client.post(
        "/account", data={"name": "New Name", "timezone": "Not/AZone", "locale": "en"}
    ).get_data(as_text=True)
    assert 'value="New Name"' in page
    assert 'id="timezone-error"' in page
    assert db.session.get(User, user.id).name == "Old Name"


def test_visitor_language_switch(client):
    response = client.post("/language", data={"locale": "es", "next": "/signin"})
    assert response.location == "/signin"
    page = client.get("/signin").get_data(as_text=True)
    assert '<html lang="es">' in page and "Iniciar sesión" in page
    assert client.post("/language", data={"locale": "xx"}).status_code == 400
    offsite = client.post("/language", data={"locale": "en", "next": "https://evil.example"})
    assert offsite.location == "/"


def test_browser_language_is_the_default(client):
    page = client.get("/signin", headers={"Accept-Language": "es-MX,es;q=0.9"})
    assert '<html lang="es">' in page.get_data(as_text=True)


def test_only_timezones_the_formatter_accepts_are_offered(client, make_user, auth):
    from vms.i18n import timezone_names

    assert "localtime" not in timezone_names() and "Factory" not in timezone_names()
    assert "America/New_York" in timezone_names()
    auth.login(as_=make_user())
    page = client.post(
        "/account", data={"name": "X", "timezone": "localtime", "locale": "en"}
    ).get_data(as_text=True)
    assert 'id="timezone-error"' in page


def test_a_name_of_only_spaces_is_refused(client, make_user, auth):
    user = make_user(name="Kept")
    auth.login(as_=user)
    page = client.post(
        "/account", data={"name": "    ", "timezone": "UTC", "locale": "en"}
    ).get_data(as_text=True)
    assert "Please enter your name." in page
    db.session.refresh(user)
    assert user.name == "Kept"
