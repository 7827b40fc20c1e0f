from datetime import timedelta

from tests.conftest import PASSWORD
from tests.support import link_in, text_of
from vms.auth.models import LoginThrottle, PasswordResetToken
from vms.extensions import db


def _ask_reset(client, email):
    return client.post("/password/forgot", data={"email": email})


def test_reset_link_arrives_by_smtp_and_works_once(client, make_user, smtp):
    user = make_user(email="ada@example.org")
    response = _ask_reset(client, "ADA@example.org")
    assert response.status_code == 302
    message = smtp.last_to("ada@example.org")
    assert message["Subject"] == "Reset your VMS password"
    path = link_in(message, "/password/reset/")
    assert client.get(path).status_code == 200
    assert client.post(path, data={"new_password": "my new long passphrase"}).status_code == 302
    assert (
        client.post("/signin", data={"email": user.email, "password": PASSWORD}).status_code == 200
    )
    assert (
        client.post(
            "/signin", data={"email": user.email, "password": "my new long passphrase"}
        ).status_code
        == 302
    )
    used = client.get(path)
    assert used.status_code == 404
    assert "This link no longer works" in used.get_data(as_text=True)


def test_only_the_token_hash_is_stored(client, make_user, smtp):
    make_user(email="ada@example.org")
    _ask_reset(client, "ada@example.org")
    token = link_in(smtp.last_to("ada@example.org"), "/password/reset/").rsplit("/", 1)[1]
    stored = db.session.scalar(db.select(PasswordResetToken))
    assert token not in stored.token_hash and len(stored.token_hash) == 64


def test_unknown_address_gets_the_same_answer_and_no_email(client, smtp):
    page = _ask_reset(client, "nobody@example.org")
    assert page.status_code == 302
    follow = client.get(page.location).get_data(as_text=True)
    assert "If an account exists for nobody@example.org" in follow
    assert smtp.messages == []


def test_expired_link_is_refused(client, make_user, smtp):
    make_user(email="ada@example.org")
    _ask_reset(client, "ada@example.org")
    path = link_in(smtp.last_to("ada@example.org"), "/password/reset/")
    row = db.session.scalar(db.select(PasswordResetToken))
    row.expires_at = row.created_at - timedelta(seconds=1)
    db.session.commit()
    assert client.get(path).status_code == 404
    assert client.post(path, data={"new_password": "whatever long enough"}).status_code == 404


def test_reset_email_is_in_the_persons_language(client, make_user, smtp):
    make_user(email="ana@example.org", locale="es")
    _ask_reset(client, "ana@example.org")
    message = smtp.last_to("ana@example.org")
    assert message["Subject"] != "Reset your VMS password"
    assert "Hola" in text_of(message)


def test_reset_lifts_a_sign_in_lock_and_weak_password_is_refused(client, make_user, smtp, app):
    user = make_user(email="ada@example.org")
    db.session.add(LoginThrottle(email=user.email, failures=99))
    db.session.commit()
    _ask_reset(client, user.email)
    path = link_in(smtp.last_to(user.email), "/password/reset/")
    page = client.post(path, data={"new_password": "password"}).get_data(as_text=True)
    assert "one of the most common" in page
    client.post(path, data={"new_password": "a fresh long passphrase"})
    assert db.session.scalar(db.select(LoginThrottle)) is None


def test_older_reset_links_stop_working_once_the_password_changes(client, make_user, smtp):
    make_user(email="ada@example.org")
    _ask_reset(client, "ada@example.org")
    older = link_in(smtp.last_to("ada@example.org"), "/password/reset/")
    _ask_reset(client, "ada@example.org")
    newer = link_in(smtp.last_to("ada@example.org"), "/password/reset/")
    assert client.post(newer, data={"new_password": "the newest passphrase"}).status_code == 302
    assert client.get(older).status_code == 404
