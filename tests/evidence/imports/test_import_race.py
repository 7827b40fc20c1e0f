"""Two confirmations of the same upload at the same moment (a double click, two tabs): the
rows go in once, and neither click is a 500. On PostgreSQL when VMS_TEST_DATABASE_URL is
set, else on SQLite."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.conftest import PASSWORD
from tests.evidence.imports.test_import_pages import MENTORS
from tests.support import WebSession, at_once, serving
from vms.auth.models import Role
from vms.cohorts.models import Invitation
from vms.evidence.imports import services as imports
from vms.evidence.imports.models import BatchStatus, ImportBatch
from vms.evidence.imports.rows import ImportKind
from vms.extensions import db


def test_two_confirmations_at_once_import_once(app, make_app, make_program, make_cohort,
                                               make_member):  # fmt: skip
    program = make_program("Race VMS")
    cohort = make_cohort(program, "Spring")
    coordinator = make_member(program, Role.COORDINATOR, cohort)
    batch = imports.start_batch(program, ImportKind.MENTORS, cohort, "race.csv",
                                MENTORS.encode(), coordinator)  # fmt: skip
    db.session.commit()
    url = f"/p/{program.slug}/evidence/import/{batch.id}/confirm"
    with serving(make_app()) as live:
        clicks = [WebSession(live).sign_in(coordinator.email, PASSWORD) for _ in range(2)]
        replies = at_once([lambda s=s: s.post(url, {"mode": "valid_rows"}) for s in clicks])
    assert [r.status for r in replies] == [302, 302]
    db.session.expire_all()
    # MENTORS has four valid rows here: no one of this program is a member or invited yet.
    invited = db.session.scalar(select(func.count()).select_from(Invitation))
    assert invited == 4
    batch = db.session.get(ImportBatch, batch.id)
    assert (batch.status, batch.imported_count) == (BatchStatus.IMPORTED, 4)
