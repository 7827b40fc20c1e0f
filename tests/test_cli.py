from sqlalchemy import func, select

from vms.auth.models import Membership, User
from vms.cohorts.models import CohortMember, MentorProfile, Program, Venture
from vms.extensions import db
from vms.screening.mentors.models import MentorApplication, MentorStatus


def _counts():
    return {
        model.__name__: db.session.scalar(select(func.count()).select_from(model))
        for model in (User, Program, Membership, Venture, MentorApplication, CohortMember)
    }


def test_demo_is_realistic_and_idempotent(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert "coordinator@demo.vms.example" in first.output
    counts = _counts()
    assert counts["User"] >= 45 and counts["Venture"] == 18 and counts["Program"] == 2
    stages = set(db.session.scalars(select(MentorApplication.status)))
    assert stages == set(MentorStatus)  # applicants at every stage
    # This year's thirty mentors and last year's nine (the dashboard's year of history).
    assert db.session.scalar(select(func.count()).select_from(MentorProfile)) == 30 + 9
    second = runner.invoke(args=["demo"])
    assert "nothing added" in second.output
    assert _counts() == counts


def test_create_admin(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "create-admin",
            "--email",
            "Root@Example.org",
            "--name",
            "Root",
            "--password",
            "a long admin passphrase",
        ]
    )
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User.is_admin).where(User.email == "root@example.org"))
    weak = runner.invoke(
        args=["create-admin", "--email", "w@example.org", "--name", "W", "--password", "password"]
    )
    assert weak.exit_code != 0 and "most common" in weak.output
