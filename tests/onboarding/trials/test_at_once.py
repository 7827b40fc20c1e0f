"""Two starts at once (two coordinators, two workers): one trial runs, the other is refused
with the reason, and no 500 (tests/test_concurrency.py shows the method)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.onboarding.trials.conftest import make_trial
from tests.support import WebSession, at_once, serving
from vms.extensions import db
from vms.onboarding.trials.models import Trial, TrialStatus


@pytest.fixture
def live(app, make_app):
    with serving(make_app()) as url:
        yield url


def test_two_trials_started_at_once_leave_one_running(app, program, coordinator, live):
    first, second = (make_trial(program, start=False, name=n) for n in ("First", "Second"))
    urls = [f"/p/{program.slug}/evidence/trials/{t.id}/start" for t in (first, second)]
    sessions = [WebSession(live).sign_in(coordinator.email, PASSWORD) for _url in urls]
    replies = at_once([lambda s=s, u=u: s.post(u, {"confirmed": "yes"})
                       for s, u in zip(sessions, urls, strict=True)])  # fmt: skip
    assert [r.status for r in replies] == [302, 302]
    db.session.expire_all()
    statuses = sorted(t.status.value for t in db.session.scalars(select(Trial)))
    assert statuses == [TrialStatus.DRAFT.value, TrialStatus.RUNNING.value]


def test_the_same_start_clicked_twice_at_once_starts_it_once(app, program, coordinator, live):
    trial = make_trial(program, start=False)
    url = f"/p/{program.slug}/evidence/trials/{trial.id}/start"
    sessions = [WebSession(live).sign_in(coordinator.email, PASSWORD) for _n in range(2)]
    replies = at_once([lambda s=s: s.post(url, {"confirmed": "yes"}) for s in sessions])
    assert [r.status for r in replies] == [302, 302]
    db.session.expire_all()
    assert db.session.get(Trial, trial.id).status is TrialStatus.RUNNING
