import re
from datetime import timedelta

from sqlalchemy import func, select

from tests.support import link_in, text_of
from vms.auth import registration
from vms.auth.models import User
from vms.database import now_utc
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


def _finish_link(client, smtp, **changes) -> str:
    """Sign up and return the path of the link emailed to finish."""
    data = {**GOOD, **changes}
    assert client.post("/signup", data=data).status_code == 302
    return link_in(smtp.last_to(data["email"].lower()), "/signup/finish/")


def test_sign_up_emails_a_link_and_only_the_link_creates_the_account_and_signs_in(client, smtp):
    response = client.post("/signup", data=GOOD)
    assert response.status_code == 302 and response.location == "/signup/sent"
    assert users() == 0  # nothing exists until the address is proven
    page = client.get(response.location).get_data(as_text=True)
    assert "Check your email" in page and "Ada@Example.org" in page  # as typed: spot a typo
    message = smtp.last_to("ada@example.org")
    assert message["Subject"] == "Finish creating your VMS account"
    assert "Hello Ada Lovelace," in text_of(message)
    link = link_in(message, "/signup/finish/")
    assert re.search(r"http://localhost/signup/finish/\S+", text_of(message))  # on BASE_URL
    form_page = client.get(link).get_data(as_text=True)  # a mail scanner's GET creates nothing
    assert users() == 0 and "ada@example.org" in form_page
    response = client.post(link, data={"email": "other@example.org", "password": GOOD["password"]})
    assert response.status_code == 302
    user = db.session.scalar(select(User))
    assert user.email == "ada@example.org"  # the proven address, whatever was posted
    assert (user.name, user.timezone) == ("Ada Lovelace", "Europe/London")
    assert user.password_hash.startswith("scrypt:")
    assert "analytical" not in user.password_hash
    page = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert "You are not in a program yet" in page


def test_a_finish_link_works_once_and_a_forged_or_old_one_not_at_all(client, smtp):
    link = _finish_link(client, smtp)
    assert client.post(link, data={"password": GOOD["password"]}).status_code == 302
    client.post("/signout")
    used = client.post(link, data={"password": "another long passphrase"})
    assert used.status_code == 404 and "This link no longer works" in used.get_data(as_text=True)
    assert client.get(link[:-3] + "xyz").status_code == 404
    assert client.get("/signup/finish/" + "a" * 5000).status_code == 404
    token = _finish_link(client, smtp, email="grace@example.org").rsplit("/", 1)[1]
    before_expiry = now_utc() + timedelta(hours=23)
    assert registration.pending_sign_up(token, before_expiry).email == "grace@example.org"
    assert registration.pending_sign_up(token, now_utc() + timedelta(hours=25)) is None  # 24 hours
    assert users() == 1


def test_an_existing_address_gets_the_same_answer_and_its_owner_an_email(client, smtp, make_user):
    new = client.post("/signup", data={**GOOD, "email": "new@example.org"})
    new_page = client.get(new.location).get_data(as_text=True)
    make_user(email="ada@example.org", name="Ada L.", locale="es")
    taken = client.post("/signup", data=GOOD)
    assert (taken.status_code, taken.location) == (new.status_code, new.location)
    taken_page = client.get(taken.location).get_data(as_text=True)
    # CSRF tokens carry a timestamp that can tick between the two pages.
    assert _without_csrf(taken_page.replace(GOOD["email"], "new@example.org")) == _without_csrf(
        new_page
    )
    assert "already" not in taken_page
    assert users() == 1
    # The owner learns of it, in the account's language, with links on BASE_URL.
    message = smtp.last_to("ada@example.org")
    body = text_of(message)
    assert "Hola, Ada L.:" in body and "/signup/finish/" not in body
    assert "http://localhost/signin" in body and "http://localhost/password/forgot" in body
    assert message["Subject"] == "Alguien intentó crear una cuenta de VMS con tu dirección"


def test_short_and_common_passwords_are_refused_next_to_the_field(client, smtp):
    link = _finish_link(client, smtp)
    for password, message in [
        ("short", "Use at least 8 characters"),
        ("password1", "one of the most common"),
        ("Iloveyou1", "one of the most common"),
        ("ada@example.org", "must not be your email"),
    ]:
        page = client.post(link, data={"password": password}).get_data(as_text=True)
        assert message in page, password
        assert 'id="password-error"' in page
    assert users() == 0


def test_long_passphrases_are_welcome_and_no_composition_rules(client, smtp):
    passphrase = "all lower case words and spaces " * 5  # 160 characters
    link = _finish_link(client, smtp)
    assert client.post(link, data={"password": passphrase}).status_code == 302
    client.post("/signout")
    response = client.post("/signin", data={"email": GOOD["email"], "password": passphrase})
    assert response.status_code == 302


def test_absurdly_long_password_is_refused_not_crashed(client, smtp):
    link = _finish_link(client, smtp)
    page = client.post(link, data={"password": "x" * 5000}).get_data(as_text=True)
    assert "Use at most 1024 characters" in page


def test_unknown_timezone_and_bad_email_are_field_errors(client):
    page = client.post(
        "/signup", data={**GOOD, "timezone": "Mars/Olympus", "email": "not-an-email"}
    ).get_data(as_text=True)
    assert "Not a valid choice" in page or "no es una opción válida" in page.lower()
    assert "This does not look like an email address" in page
    assert users() == 0


def _without_csrf(page: str) -> str:
    return re.sub(r'name="csrf_token"( type="hidden")? value="[^"]+"', "TOKEN", page)
