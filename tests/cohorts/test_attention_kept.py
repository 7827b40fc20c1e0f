"""The coordinator's counts that read only what the team rules' token follows (ventures on the
docket without a team, mentors without a current signature) are kept by each worker
(``attention._counts_kept`` through ``needs_repair.kept``): counted again after a write that
changes them, and when a signature turns a year old with no write at all; when nothing
changed, the home does not count them."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app

from tests.support import statements_run
from vms.cohorts.models import Venture, VentureStatus
from vms.cohorts.teams import needs_repair
from vms.database import now_utc
from vms.extensions import db
from vms.screening.principles import services as principles
from vms.site import attention


def _home_counts(program) -> tuple[dict[str, int], bool]:
    """The attention items' counts as a request reads them, in a new transaction, and whether
    the kept counts were counted."""
    db.session.commit()
    db.session.expire_all()
    with statements_run("AS docket_without_team") as counted, current_app.test_request_context():
        found = attention.coordinator_attention(program)
    return {item.key: item.count for item in found.items}, bool(counted)


def _later(monkeypatch, hours: int) -> None:
    later = now_utc() + timedelta(hours=hours)
    for module in (needs_repair, principles, attention):
        monkeypatch.setattr(module, "now_utc", lambda: later)


def test_the_kept_counts_follow_signatures_teams_and_the_clock(crowd, monkeypatch):
    program = crowd.program
    crowd.mentor("Signed")
    unsigned = crowd.mentor("Unsigned", signed=False)
    crowd.sign(crowd.mentor("Lapsing", signed=False), days_ago=365 - 1 / 24)  # in an hour
    docketed = Venture(program_id=program.id, name="On the docket", needs=["Sales"],
                       status=VentureStatus.DOCKETED)  # fmt: skip
    db.session.add(docketed)

    first, counted = _home_counts(program)
    assert counted and first["principles_unsigned"] == 1 and first["docket_without_team"] == 1
    again, counted = _home_counts(program)
    assert not counted and again == first

    crowd.sign(unsigned)
    signed, counted = _home_counts(program)
    assert counted and "principles_unsigned" not in signed and signed["docket_without_team"] == 1

    crowd.team(docketed, crowd.mentors[:1], published=False)
    teamed, counted = _home_counts(program)
    assert counted and "docket_without_team" not in teamed

    _later(monkeypatch, hours=2)  # "Lapsing" signed a year ago, less an hour
    lapsed, counted = _home_counts(program)
    assert counted and lapsed["principles_unsigned"] == 1


def test_the_token_is_read_once_in_a_transaction_and_again_in_the_next(crowd):
    db.session.commit()
    with statements_run("team_rules_versions.token") as reads:
        needs_repair.kept(crowd.program, "one answer", lambda: 1)
        needs_repair.kept(crowd.program, "another answer", lambda: 2)
        assert len(reads) == 1
        db.session.commit()
        assert needs_repair.kept(crowd.program, "one answer", lambda: 3) == 1
        assert len(reads) == 2
