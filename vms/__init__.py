"""VMS: a cohort manager for managed team-mentoring programs."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

from vms import config as default_config

MIGRATIONS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "migrations")


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then instance/config.py, then VMS_* variables, then test_config."""
    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("VMS_INSTANCE_PATH")
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path)
    app.config.from_object(default_config)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("VMS")
    if test_config is not None:
        app.config.from_mapping(test_config)
    _finish_config(app)
    _init_extensions(app)
    _register_blueprints(app)
    _register_request_hooks(app)
    _register_commands(app)
    from vms.confirmation import REASON_LENGTH
    from vms.form_fields import error_summary, field_html
    from vms.i18n import when_html

    app.jinja_env.globals.update(
        field_html=field_html, when_html=when_html, reason_length=REASON_LENGTH,
        error_summary=error_summary,
    )  # fmt: skip
    return app


def _finish_config(app: Flask) -> None:
    """Derive settings that depend on others, and refuse unsafe production settings."""
    env = app.config["ENV"]
    key = app.config["SECRET_KEY"]
    if env == "production" and (key == default_config.DEV_SECRET_KEY or len(str(key or "")) < 16):
        raise RuntimeError(
            "VMS refuses to start in production without a secret key of 16 or more characters "
            "(not the development one): set VMS_SECRET_KEY (or VMS_ENV=development on a laptop)."
        )
    secure = env not in ("development", "testing")
    for key in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
        if app.config[key] is None:
            app.config[key] = secure
    url = app.config["DATABASE_URL"]
    if not url:
        os.makedirs(app.instance_path, exist_ok=True)
        url = "sqlite:///" + os.path.join(app.instance_path, "vms.sqlite3")
    app.config["SQLALCHEMY_DATABASE_URI"] = _normalise_database_url(url)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        # Sessions in UTC: psycopg then returns datetime.UTC itself, which UTCDateTime keeps as
        # it is (under the server's own zone, every value was converted: ~15 ms on a page of
        # 5,000 timestamps). A startup parameter, so no transaction can roll it back.
        options = dict(app.config["SQLALCHEMY_ENGINE_OPTIONS"])
        options["connect_args"] = {"options": "-c TimeZone=UTC", **options.get("connect_args", {})}
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def _normalise_database_url(url: str) -> str:
    """Route plain PostgreSQL URLs to psycopg 3, the driver we install."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _init_extensions(app: Flask) -> None:
    from vms import i18n, prepared_statements
    from vms.auth.policy import forget_memberships
    from vms.auth.sessions import load_user
    from vms.extensions import babel, csrf, db, login_manager, migrate

    db.init_app(app)
    with app.app_context():
        prepared_statements.install(db.engine)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = None
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)
    app.before_request(forget_memberships)
    _import_models()


def _import_models() -> None:
    """Every model must be imported for metadata (and Alembic) to see it."""
    from vms.agreements import models as _agreements  # noqa: F401
    from vms.auth import models as _auth  # noqa: F401
    from vms.cohorts import models as _cohorts  # noqa: F401
    from vms.cohorts.teams import models as _teams  # noqa: F401
    from vms.evidence.goals import models as _goals  # noqa: F401
    from vms.evidence.imports import models as _evidence_imports  # noqa: F401
    from vms.evidence.measures import models as _measures  # noqa: F401
    from vms.evidence.updates import models as _updates  # noqa: F401
    from vms.mail import models as _mail  # noqa: F401
    from vms.notifications import models as _notifications  # noqa: F401
    from vms.onboarding.files import models as _onboarding_files  # noqa: F401
    from vms.onboarding.preparation import models as _preparation  # noqa: F401
    from vms.onboarding.trials import models as _trials  # noqa: F401
    from vms.onboarding.welcome import models as _onboarding_welcome  # noqa: F401
    from vms.peer import models as _peer  # noqa: F401
    from vms.peer.choices import models as _peer_choices  # noqa: F401
    from vms.peer.circles import models as _peer_circles  # noqa: F401
    from vms.peer.live import models as _peer_clock  # noqa: F401
    from vms.scheduling import models as _scheduling  # noqa: F401
    from vms.screening.conflicts import models as _conflicts  # noqa: F401
    from vms.screening.mentors import models as _screening  # noqa: F401
    from vms.screening.principles import models as _principles  # noqa: F401


def _register_blueprints(app: Flask) -> None:
    from vms.admin import bp as admin_bp
    from vms.agreements import bp as agreements_bp
    from vms.auth import bp as auth_bp
    from vms.cohorts import bp as cohorts_bp
    from vms.evidence.dashboard import bp as dashboard_bp
    from vms.evidence.exports import bp as evidence_exports_bp
    from vms.evidence.goals import bp as goals_bp
    from vms.evidence.health import bp as health_bp
    from vms.evidence.imports import bp as evidence_imports_bp
    from vms.evidence.surveys import bp as surveys_bp
    from vms.evidence.updates import bp as updates_bp
    from vms.input_guard import install_converters
    from vms.notifications import bp as notifications_bp
    from vms.onboarding.files import bp as onboarding_files_bp
    from vms.onboarding.preparation import bp as preparation_bp
    from vms.onboarding.trials import bp as trials_bp
    from vms.onboarding.welcome import bp as onboarding_welcome_bp
    from vms.peer import bp as peer_bp
    from vms.scheduling import bp as scheduling_bp
    from vms.screening import bp as screening_bp
    from vms.site import bp as site_bp

    install_converters(app)
    blueprints = (
        site_bp,
        auth_bp,
        admin_bp,
        cohorts_bp,
        screening_bp,
        scheduling_bp,
        peer_bp,
        agreements_bp,
        notifications_bp,
        surveys_bp,
        dashboard_bp,
        health_bp,
        goals_bp,
        updates_bp,
        evidence_imports_bp,
        evidence_exports_bp,
        preparation_bp,
        onboarding_files_bp,
        onboarding_welcome_bp,
        trials_bp,
    )
    for blueprint in blueprints:
        app.register_blueprint(blueprint)


def _register_request_hooks(app: Flask) -> None:
    from vms import errors, http_headers, input_guard, request_log, row_locks
    from vms.site.navigation import register_template_context

    request_log.init_app(app)
    input_guard.init_app(app)
    http_headers.init_app(app)
    errors.init_app(app)
    row_locks.init_app(app)
    register_template_context(app)


def _register_commands(app: Flask) -> None:
    from vms.cli import register_commands

    register_commands(app)
