from sqlalchemy import func, select

from vms.auth.models import User
from vms.extensions import db

GOOD = {
    "name": "Ada Lovelace",
    "email": "Ada@Example.org",
    "password": "analytical engine notes",
    "timezone": "Europe/London",
    "locale": "en",
}


def users() -> int:
    return db.session.scalar(select(func.count(User.id)))


def test_sign_up_creates_an_account_and_signs_in(client):
    response = client.post("/signup", data=GOOD)
    assert response.status_code == 302
    user = db.session.scalar(select(User))
    assert user.email == "ada@example.org"  # one address, one account, whatever the case
    assert user.timezone == "Europe/London"
    assert user.password_hash.startswith("scrypt:")
    assert "analytical" not in user.password_hash
    page = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert "You are not in a program yet" in page


def test_duplicate_email_is_refused_with_a_clear_message_and_keeps_input(client, make_user):
    make_user(email="ada@example.org")
    response = client.post("/signup", data=GOOD)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "An account with this email already exists" in page
    assert 'value="Ada Lovelace"' in page  # what was typed is kept
    assert users() == 1


def test_short_and_common_passwords_are_refused_next_to_the_field(client):
    for password, message in [
        ("short", "Use at least 8 characters"),
        ("password1", "one of the most common"),
        ("Iloveyou1", "one of the most common"),
        ("ada@example.org", "must not be your email"),
    ]:
        page = client.post("/signup", data={**GOOD, "password": password}).get_data(as_text=True)
        assert message in page, password
        assert 'id="password-error"' in page
    assert users() == 0


def test_long_passphrases_are_welcome_and_no_composition_rules(client):
    passphrase = "all lower case words and spaces " * 5  # 160 characters
    assert client.post("/signup", data={**GOOD, "password": passphrase}).status_code == 302
    client.post("/signout")
    response = client.post("/signin", data={"email": GOOD["email"], "password": passphrase})
    assert response.status_code == 302


def test_absurdly_long_password_is_refused_not_crashed(client):
    page = client.post("/signup", data={**GOOD, "password": "x" * 5000}).get_data(as_text=True)
    assert "Use at most 1024 characters" in page


def test_unknown_timezone_and_bad_email_are_field_errors(client):
    page = client.post(
        "/signup", data={**GOOD, "timezone": "Mars/Olympus", "email": "not-an-email"}
    ).get_data(as_text=True)
    assert "Not a valid choice" in page or "no es una opción válida" in page.lower()
    assert "This does not look like an email address" in page
    assert users() == 0
