"""The migration that stops links from depending on row ids converts the rows already there:
feed addresses keep working from their hash, and every invitation gets its own RSVP key."""

import hashlib

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from tests.conftest import config_for_tests
from vms import MIGRATIONS_DIR, create_app
from vms.extensions import db
from vms.scheduling.calendars import feeds

BEFORE, AFTER = "5c1e0a9b7d21", "6d2f1b0c8e32"
OLD_TOKEN = "an-address-subscribed-before-the-upgrade"

_ROWS = [
    *(
        "INSERT INTO users (id, email, name, password_hash, timezone, locale, is_admin,"
        f" session_version, created_at) VALUES ({n}, '{n}@example.org', 'A', 'x', 'UTC', 'en',"
        " false, 0, '2026-01-01 00:00:00')"
        for n in (1, 2)
    ),
    "INSERT INTO programs (id, name, slug, timezone, default_locale, created_at)"
    " VALUES (1, 'P', 'p', 'UTC', 'en', '2026-01-01 00:00:00')",
    "INSERT INTO meetings (id, program_id, kind, uid, sequence, title, starts_at, ends_at,"
    " timezone, location, video_url, notes, status, summary, decisions, created_at)"
    " VALUES (1, 1, 'team', 'u@vms', 0, 'T', '2027-01-01 10:00:00', '2027-01-01 11:00:00',"
    " 'UTC', '', '', '', 'scheduled', '', '', '2026-01-01 00:00:00')",
    "INSERT INTO meeting_invitees (id, meeting_id, user_id) VALUES (1, 1, 1)",
    "INSERT INTO meeting_invitees (id, meeting_id, user_id) VALUES (2, 1, 2)",
    f"INSERT INTO calendar_feeds (id, user_id, token, created_at)"
    f" VALUES (1, 1, '{OLD_TOKEN}', '2026-01-01 00:00:00')",
]


def test_existing_feeds_and_invitations_are_converted_and_back(smtp, tmp_path):
    url = "sqlite:///" + str(tmp_path / "migrated.sqlite3")
    app = create_app(config_for_tests(url, smtp, str(tmp_path)))
    with app.app_context():
        upgrade(directory=MIGRATIONS_DIR, revision=BEFORE)
        with db.engine.begin() as connection:
            for statement in _ROWS:
                connection.execute(text(statement))
        upgrade(directory=MIGRATIONS_DIR, revision=AFTER)
        with db.engine.connect() as connection:
            feed = connection.execute(text("SELECT * FROM calendar_feeds")).mappings().one()
            keys = connection.execute(text("SELECT rsvp_key FROM meeting_invitees")).scalars()
            keys = list(keys)
        assert "token" not in feed and feed["key"] is None
        assert feed["token_hash"] == hashlib.sha256(OLD_TOKEN.encode()).hexdigest()
        assert feeds.user_for_token(OLD_TOKEN).email == "1@example.org"
        assert len(set(keys)) == 2 and all(len(key) >= 20 for key in keys)
        db.session.remove()
        downgrade(directory=MIGRATIONS_DIR, revision=BEFORE)
        with db.engine.connect() as connection:
            token = connection.execute(text("SELECT token FROM calendar_feeds")).scalar_one()
            columns = connection.execute(text("SELECT * FROM meeting_invitees")).keys()
        assert token and token != OLD_TOKEN and "rsvp_key" not in columns
        db.engine.dispose()
