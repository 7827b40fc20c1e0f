import re

from vms.auth.models import User
from vms.extensions import db
from vms.i18n import current_zone, timezone_names


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


def _zone_select(page: str) -> str:
    return re.search(r'<select[^>]*name="timezone".*?</select>', page, re.S).group(0)


def test_the_timezone_picker_offers_todays_zones_grouped_the_persons_first(client, make_user, auth):
    # Aliases and old names are not offered; the zones of today's places are, UTC among them.
    names = set(timezone_names())
    assert {"US/Eastern", "Africa/Asmera", "Europe/Kiev", "Asia/Calcutta"}.isdisjoint(names)
    assert {"America/New_York", "Europe/Kyiv", "Asia/Kolkata", "Africa/Asmara", "UTC"} <= names
    auth.login(as_=make_user(timezone="Europe/Madrid"))
    select = _zone_select(client.get("/account").get_data(as_text=True))
    groups = re.findall(r'<optgroup label="([^"]+)">', select)
    assert groups[0] == "Current choice" and {"America", "Europe", "Asia", "Pacific"} <= set(groups)
    first = re.search(r'<optgroup label="Current choice">(.*?)</optgroup>', select).group(1)
    assert first == '<option selected value="Europe/Madrid">Europe/Madrid</option>'
    assert select.count('value="Europe/Madrid"') == 1  # not twice: once, on top
    assert '<option value="America/New_York">America/New York</option>' in select  # as written


def test_a_zone_stored_under_an_old_name_is_shown_and_saved_as_todays(client, make_user, auth):
    user = make_user(timezone="US/Eastern")
    auth.login(as_=user)
    select = _zone_select(client.get("/account").get_data(as_text=True))
    assert 'selected value="America/New_York"' in select and "US/Eastern" not in select
    assert current_zone("Asia/Calcutta") == "Asia/Kolkata" and current_zone("Etc/UTC") == "UTC"
    client.post("/account", data={"name": user.name, "timezone": "America/New_York",
                                  "locale": "en"})  # fmt: skip
    db.session.refresh(user)
    assert user.timezone == "America/New_York"


def test_the_sign_up_form_starts_at_the_browsers_zone_when_it_can(client):
    page = client.get("/signup").get_data(as_text=True)
    assert "data-detect-zone" in _zone_select(page) and "timezone.js" in page
    failed = client.post("/signup", data={"name": "", "email": "x@example.org",
                                          "timezone": "Asia/Tokyo", "locale": "en"})  # fmt: skip
    text = failed.get_data(as_text=True)  # what the person chose is kept, not detected again
    assert "data-detect-zone" not in _zone_select(text)
    assert 'selected value="Asia/Tokyo"' in _zone_select(text)
