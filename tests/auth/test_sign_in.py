import re
from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest

from tests.conftest import PASSWORD
from tests.support import PRODUCTION_KEY
from vms.auth.models import LoginThrottle
from vms.database import now_utc
from vms.extensions import db


def test_sign_in_and_out(client, make_user):
    user = make_user()
    response = client.post("/signin", data={"email": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    client.post("/signout")
    assert client.get("/account").status_code == 302  # back to sign-in


def test_wrong_password_and_unknown_account_read_the_same(client, make_user):
    user = make_user()
    wrong = client.post("/signin", data={"email": user.email, "password": "not it at all"})
    unknown = client.post("/signin", data={"email": "nobody@example.org", "password": "whatever1"})
    for response in (wrong, unknown):
        page = response.get_data(as_text=True)
        assert "The email or password is not right." in page
        assert f'value="{user.email}"' in page or 'value="nobody@example.org"' in page


def _fail(client, email, times):
    for _ in range(times):
        client.post("/signin", data={"email": email, "password": "wrong guess!"})


def _age_failures(email, seconds):
    """Pretend the last failure was ``seconds`` ago (the slow-down is real time otherwise)."""
    row = db.session.scalar(db.select(LoginThrottle).filter_by(email=email))
    row.last_failure_at = now_utc() - timedelta(seconds=seconds)
    db.session.commit()


def test_repeated_failures_slow_down_then_lock_even_the_right_password(client, make_user, app):
    user = make_user()
    _fail(client, user.email, app.config["LOGIN_SLOWDOWN_AFTER"])
    page = client.post("/signin", data={"email": user.email, "password": PASSWORD}).get_data(
        as_text=True
    )
    assert "Please wait" in page  # slowed: even the right password waits
    for _ in range(app.config["LOGIN_LOCK_AFTER"]):
        _age_failures(user.email, 120)
        _fail(client, user.email, 1)
    _age_failures(user.email, 120)
    page = client.post("/signin", data={"email": user.email, "password": PASSWORD}).get_data(
        as_text=True
    )
    assert "signing in is paused for 15 minutes" in page


def test_the_lock_holds_across_workers(make_app, make_user, app):
    """Two app instances on one database, like two gunicorn workers."""
    user = make_user()
    worker_a, worker_b = make_app().test_client(), make_app().test_client()
    for n in range(app.config["LOGIN_LOCK_AFTER"]):
        _age_failures(user.email, 120) if n else None
        _fail(worker_a if n % 2 else worker_b, user.email, 1)
    _age_failures(user.email, 120)
    page = worker_b.post("/signin", data={"email": user.email, "password": PASSWORD})
    assert "signing in is paused" in page.get_data(as_text=True)


def test_lock_gives_no_hint_whether_the_account_exists(client, make_user, app):
    user = make_user()
    pages = []
    for email in (user.email, "ghost@example.org"):
        for n in range(app.config["LOGIN_LOCK_AFTER"]):
            if n:
                _age_failures(email, 120)
            _fail(client, email, 1)
        _age_failures(email, 120)
        response = client.post("/signin", data={"email": email, "password": "still wrong!"})
        page = response.get_data(as_text=True).replace(email, "EMAIL")
        # CSRF tokens carry a timestamp: the only part allowed to differ.
        pages.append(re.sub(r'name="csrf_token"( type="hidden")? value="[^"]+"', "TOKEN", page))
    assert "signing in is paused" in pages[0]
    assert pages[0] == pages[1]


def test_lock_expires(client, make_user, app):
    user = make_user()
    row = LoginThrottle(
        email=user.email,
        failures=app.config["LOGIN_LOCK_AFTER"],
        last_failure_at=now_utc() - timedelta(hours=1),
        locked_until=now_utc() - timedelta(seconds=1),
    )
    db.session.add(row)
    db.session.commit()
    assert (
        client.post("/signin", data={"email": user.email, "password": PASSWORD}).status_code == 302
    )


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "http:evil.example",
        "javascript:alert(1)",
        "/%0d%0aSet-Cookie:x",
    ],
)
def test_next_only_goes_to_this_site(client, make_user, target):
    user = make_user()
    response = client.post(
        "/signin", query_string={"next": target}, data={"email": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.location in ("/", "/%0d%0aSet-Cookie:x")
    assert "evil" not in response.location


def test_next_to_a_local_page_is_followed(client, make_user):
    user = make_user()
    response = client.post(
        "/signin",
        query_string={"next": "/account"},
        data={"email": user.email, "password": PASSWORD},
    )
    assert response.location == "/account"


def test_signing_out_ends_the_other_sessions(app, make_user, auth):
    user = make_user()
    phone = app.test_client()
    phone.post("/signin", data={"email": user.email, "password": PASSWORD})
    auth.login(as_=user)
    assert phone.get("/account").status_code == 200
    auth.logout()
    assert phone.get("/account").status_code == 302


def test_changing_the_password_ends_other_sessions_but_not_this_one(app, make_user, auth, client):
    user = make_user()
    phone = app.test_client()
    phone.post("/signin", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    auth.login(as_=user)
    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": "a brand new passphrase"},
    )
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    assert phone.get("/account").status_code == 302  # even with its remember-me cookie


def test_wrong_current_password_changes_nothing(client, make_user, auth):
    user = make_user()
    auth.login(as_=user)
    page = client.post(
        "/account/password",
        data={"current_password": "not my password", "new_password": "a brand new passphrase"},
    ).get_data(as_text=True)
    assert "This is not your current password." in page
    client.post("/signout")
    auth.login(as_=user)  # the old password still works


def test_cookie_flags_and_remember_me_lifetime(make_app, make_user):
    user = make_user()
    client = make_app(ENV="production", SECRET_KEY=PRODUCTION_KEY).test_client()
    response = client.post(
        "/signin",
        data={"email": user.email, "password": PASSWORD, "remember": "y"},
        base_url="https://localhost",
    )
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    for name in ("session", "remember_token"):
        flags = cookies[name].lower()
        assert "httponly" in flags and "samesite=lax" in flags and "secure" in flags, name
    expires = cookies["remember_token"].split("Expires=")[1].split(";")[0]
    lifetime = parsedate_to_datetime(expires) - now_utc()
    assert timedelta(days=13) < lifetime <= timedelta(days=14)


def test_unknown_addresses_cost_a_password_check_too(client, make_user, monkeypatch):
    """No timing hint: an unknown address is verified against a dummy hash."""
    from vms.auth import services

    checked = []
    real = services.verify_password
    monkeypatch.setattr(services, "verify_password", lambda h, p: checked.append(h) or real(h, p))
    client.post("/signin", data={"email": "ghost@example.org", "password": "anything long"})
    assert len(checked) == 1 and checked[0].startswith("scrypt:")
