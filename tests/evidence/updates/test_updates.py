"""Monthly venture updates: written by a founder of a venture whose team is published, one per
venture and calendar month of the program (America/New_York), the form keeping what was typed
when refused; the coordinators' list by month; the monthly nudge, once a month."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD, Auth
from tests.support import WebSession, at_once, serving
from vms.auth.models import Role
from vms.cohorts.models import Venture, VentureFounder
from vms.evidence.updates import jobs, services
from vms.evidence.updates.models import VentureUpdate
from vms.extensions import db
from vms.mail.delivery import deliver_all

GOOD = {"progress": "Two pilots signed.", "challenges": "Hiring.", "asks": "An intro to a CFO."}


def _count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(VentureUpdate))


def _client(app, person):
    client = app.test_client()
    Auth(client).login(as_=person)
    return client


def _url(aw) -> str:
    return f"/p/{aw.program.slug}/ventures/{aw.team.venture_id}/update"


def test_only_a_founder_of_a_teamed_venture_writes_it(app, aw):
    for person in (aw.coordinator, aw.mentors[0], aw.member):
        assert _client(app, person).get(_url(aw)).status_code == 404
    assert _client(app, aw.founder).get(_url(aw)).status_code == 200
    # A venture whose team is not published has no update page.
    untamed = Venture(program_id=aw.program.id, name="Draft Co")
    untamed.founders.append(VentureFounder(user_id=aw.founder.id, name=aw.founder.name))
    db.session.add(untamed)
    db.session.commit()
    url = f"/p/{aw.program.slug}/ventures/{untamed.id}/update"
    assert _client(app, aw.founder).get(url).status_code == 404


def test_a_refused_update_keeps_what_was_typed(app, aw):
    founder = _client(app, aw.founder)
    refused = founder.post(_url(aw), data={**GOOD, "asks": "  ", "challenges": "x" * 1001})
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "Say what the mentors could help with." in page
    assert "at most 1000 characters" in page
    assert "Two pilots signed." in page and "x" * 1001 in page
    assert _count() == 0


def test_two_identical_posts_make_one_update(app, aw):
    founder = _client(app, aw.founder)
    assert founder.post(_url(aw), data=GOOD).status_code == 302
    assert founder.post(_url(aw), data={**GOOD, "asks": "A CFO, please."}).status_code == 302
    assert _count() == 1
    update = db.session.scalar(select(VentureUpdate))
    assert update.asks == "A CFO, please." and update.changed_by_id == aw.founder.id
    page = founder.get(_url(aw)).get_data(as_text=True)
    assert "A CFO, please." in page and "Save the change" in page


def test_the_month_is_the_programs_and_a_new_month_is_a_new_update(app, aw):
    venture = db.session.get(Venture, aw.team.venture_id)
    # 03:30 UTC on 1 April is still 31 March, 23:30, in New York.
    late_march = datetime(2027, 4, 1, 3, 30, tzinfo=UTC)
    first = services.write_update(aw.program, venture, ("a", "b", "c"), aw.founder, late_march)
    assert first.month == date(2027, 3, 1)
    april = datetime(2027, 4, 1, 5, 0, tzinfo=UTC)  # 01:00 in New York
    second = services.write_update(aw.program, venture, ("d", "e", "f"), aw.founder, april)
    db.session.commit()
    assert second.month == date(2027, 4, 1) and second.id != first.id
    assert (first.progress, _count()) == ("a", 2)
    assert first.editable_in(date(2027, 3, 1)) and not first.editable_in(date(2027, 4, 1))


def test_coordinators_list_the_updates_by_month(app, aw, make_program, make_member):
    venture = db.session.get(Venture, aw.team.venture_id)
    march, april = (datetime(2027, m, 10, 15, tzinfo=UTC) for m in (3, 4))
    services.write_update(aw.program, venture, ("March moves", "b", "c"), aw.founder, march)
    services.write_update(aw.program, venture, ("April moves", "b", "c"), aw.founder, april)
    db.session.commit()
    coordinator = _client(app, aw.coordinator)
    url = f"/p/{aw.program.slug}/updates"
    every = coordinator.get(url).get_data(as_text=True)
    assert every.index("April moves") < every.index("March moves")
    only = coordinator.get(f"{url}?month=2027-03").get_data(as_text=True)
    assert "March moves" in only and "April moves" not in only
    none = coordinator.get(f"{url}?month=2026-01").get_data(as_text=True)
    assert "No venture has written an update for this month yet." in none
    assert coordinator.get(f"{url}?month=nonsense").status_code == 200
    assert _client(app, aw.founder).get(url).status_code == 403
    other = make_program("Other Program")
    stranger = make_member(other, Role.COORDINATOR, name="Stranger")
    assert _client(app, stranger).get(url).status_code == 404


def test_the_nudge_goes_once_a_month_until_the_update_is_written(app, aw, smtp):
    early = datetime(2027, 3, 2, 15, tzinfo=UTC)
    smtp.clear()
    assert jobs.send_update_nudges(early) == 1
    assert jobs.send_update_nudges(early.replace(day=20)) == 0  # the month's nudge went
    deliver_all()
    nudged = [m for m in smtp.to(aw.founder.email) if "monthly update" in m["Subject"]]
    assert len(nudged) == 1
    venture = db.session.get(Venture, aw.team.venture_id)
    services.write_update(aw.program, venture, tuple(GOOD.values()), aw.founder,
                          datetime(2027, 4, 1, 12, tzinfo=UTC))  # fmt: skip
    db.session.commit()
    assert jobs.send_update_nudges(datetime(2027, 4, 2, 15, tzinfo=UTC)) == 0  # written
    assert jobs.send_update_nudges(datetime(2027, 5, 2, 15, tzinfo=UTC)) == 1  # a new month


@pytest.fixture
def live(app, make_app):
    with serving(make_app()) as url:
        yield url


def test_two_identical_posts_at_once_make_one_update(aw, live):
    url = _url(aw)  # read here: the threads have no app context
    sessions = [WebSession(live).sign_in(aw.founder.email, PASSWORD) for _ in range(2)]
    replies = at_once([lambda s=s: s.post(url, GOOD) for s in sessions])
    assert [r.status for r in replies] == [302, 302]
    assert _count() == 1
