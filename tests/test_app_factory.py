import logging

import pytest
from sqlalchemy import text

from tests.support import PRODUCTION_KEY
from vms import create_app
from vms.extensions import db


def test_config_layers_defaults_instance_env_then_test_config(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text("MAIL_SERVER = 'from-instance'\nMAIL_PORT = 1111\n")
    monkeypatch.setenv("VMS_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("VMS_MAIL_PORT", "2222")
    monkeypatch.setenv("VMS_ENV", "development")
    app = create_app()
    assert app.config["MAIL_SERVER"] == "from-instance"  # instance/config.py over defaults
    assert app.config["MAIL_PORT"] == 2222  # VMS_* over instance/config.py
    assert app.config["MAIL_USE_TLS"] is False  # defaults remain
    overridden = create_app({"ENV": "testing", "MAIL_PORT": 3333})
    assert overridden.config["MAIL_PORT"] == 3333  # test_config over everything
    assert overridden.config["MAIL_SERVER"] == "localhost"  # tests never read instance/config.py


def test_production_refuses_the_development_secret_key_and_weak_ones(tmp_path):
    for key in (None, "", "short"):
        config = {"ENV": "production", "INSTANCE_PATH": str(tmp_path)}
        if key is not None:
            config["SECRET_KEY"] = key
        with pytest.raises(RuntimeError, match="secret key"):
            create_app(config)


def test_production_cookies_are_secure(tmp_path):
    app = create_app(
        {
            "ENV": "production",
            "SECRET_KEY": PRODUCTION_KEY,
            "INSTANCE_PATH": str(tmp_path),
        }
    )
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["REMEMBER_COOKIE_DURATION"].days <= 14
    assert app.config["MAX_CONTENT_LENGTH"]


def test_postgres_urls_use_psycopg3(tmp_path):
    app = create_app(
        {"ENV": "testing", "DATABASE_URL": "postgresql://u:p@h/db", "INSTANCE_PATH": str(tmp_path)}
    )
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@h/db"


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path):
    app = create_app({"ENV": "testing", "INSTANCE_PATH": str(tmp_path)})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/vms.sqlite3"


def test_sqlite_connections_are_tuned(tmp_path):
    app = create_app({"ENV": "testing", "INSTANCE_PATH": str(tmp_path)})
    with app.app_context():
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        db.engine.dispose()


def test_health_and_readiness(client, make_app, tmp_path):
    assert client.get("/healthz").json == {"status": "ok"}
    assert client.get("/readyz").json == {"status": "ok"}
    broken = make_app(DATABASE_URL=f"sqlite:///{tmp_path}/missing-dir/x.sqlite3")
    response = broken.test_client().get("/readyz")
    assert response.status_code == 503
    assert broken.test_client().get("/healthz").status_code == 200


def test_request_id_in_header(client):
    request_id = client.get("/healthz").headers["X-Request-ID"]
    assert len(request_id) == 32
    kept = client.get("/healthz", headers={"X-Request-ID": "proxy-id-1234"})
    assert kept.headers["X-Request-ID"] == "proxy-id-1234"
    junk = client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"})
    assert junk.headers["X-Request-ID"] != "bad id with spaces"


def test_unexpected_error_is_a_500_page_in_the_layout_and_logged_with_the_request_id(make_app):
    app = make_app(PROPAGATE_UNEXPECTED=False)
    lines: list[str] = []
    handler = app.logger.handlers[0]

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(handler.format(record))

    keep = Keep()
    keep.addFilter(handler.filters[0])
    app.logger.addHandler(keep)

    @app.get("/__boom")
    def boom():
        raise ZeroDivisionError

    response = app.test_client().get("/__boom", headers={"X-Request-ID": "trace-me-please"})
    assert response.status_code == 500
    assert "Something went wrong" in response.get_data(as_text=True)
    assert any("[trace-me-please]" in line and "ZeroDivisionError" in line for line in lines), lines


def test_security_headers_on_every_page(client):
    for url in ("/signin", "/healthz", "/no-such-page"):
        headers = client.get(url).headers
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
