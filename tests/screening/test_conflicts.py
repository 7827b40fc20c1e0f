"""Conflicts of interest: declarations, requests, approval as recusal."""

from sqlalchemy import select

from tests.conftest import Auth
from vms.cohorts.models import Venture
from vms.extensions import db
from vms.screening.conflicts import services as conflicts
from vms.screening.conflicts.models import CommercialRequest, RelationshipKind, RequestStatus


def _venture(program, name):
    venture = Venture(program_id=program.id, name=name, needs=[])
    db.session.add(venture)
    db.session.commit()
    return venture


def test_a_declared_venture_conflict_recuses_at_once(client, auth, world):
    a = world["A"]
    venture = _venture(a.program, "SunBox")
    auth.login(as_=a.mentor)
    url = f"/p/{a.program.slug}/conflicts"
    response = client.post(url, data={"conflict-kind": "venture", "conflict-venture": venture.id,
                                      "conflict-details": "My cousin founded it"})  # fmt: skip
    assert response.status_code == 302
    assert conflicts.conflicted_venture_ids(a.program, a.mentor.id) == {venture.id}
    sector = client.post(url, data={"conflict-kind": "sector", "conflict-subject": "Solar"})
    assert sector.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "SunBox" in page and "Solar" in page


def test_declaration_errors_keep_the_form(client, auth, world):
    a = world["A"]
    auth.login(as_=a.mentor)
    page = client.post(
        f"/p/{a.program.slug}/conflicts",
        data={"conflict-kind": "company", "conflict-details": "Board seat"},
    ).get_data(as_text=True)
    assert "Name the company or sector." in page and "Board seat" in page
    other = _venture(world["B"].program, "Elsewhere")  # another program's venture
    page = client.post(
        f"/p/{a.program.slug}/conflicts",
        data={"conflict-kind": "venture", "conflict-venture": other.id},
    ).get_data(as_text=True)
    assert 'id="conflict-venture-error"' in page
    assert conflicts.conflicted_venture_ids(a.program, a.mentor.id) == set()


def test_approval_of_a_request_recuses_and_records_why(app, world):
    a = world["A"]
    venture = _venture(a.program, "GreenGrid")
    mentor, coordinator = app.test_client(), app.test_client()
    Auth(mentor).login(as_=a.mentor)
    Auth(coordinator).login(as_=a.coordinator)
    response = mentor.post(
        f"/p/{a.program.slug}/conflicts/requests",
        data={"deal-venture": venture.id, "deal-kind": "invest",
              "deal-details": "Angel round, 10k"},
    )  # fmt: skip
    assert response.status_code == 302
    request = db.session.scalar(select(CommercialRequest))
    assert request.status is RequestStatus.PENDING
    review = coordinator.get(f"/p/{a.program.slug}/conflicts/review").get_data(as_text=True)
    assert "Angel round, 10k" in review and a.mentor.name in review
    decide = f"/p/{a.program.slug}/conflicts/requests/{request.id}/decide"
    coordinator.post(decide, data={"decision": "approve", "note": "Disclosed in time"})
    db.session.refresh(request)
    assert request.status is RequestStatus.APPROVED and request.decided_by_id == a.coordinator.id
    assert conflicts.conflicted_venture_ids(a.program, a.mentor.id) == {venture.id}
    recusals = coordinator.get(f"/p/{a.program.slug}/conflicts/review").get_data(as_text=True)
    assert "Disclosed in time" in recusals
    again = coordinator.post(decide, data={"decision": "decline"}, follow_redirects=True)
    assert "already decided" in again.get_data(as_text=True)


def test_a_declined_request_changes_nothing_and_others_cannot_decide(app, world):
    a, b = world["A"], world["B"]
    venture = _venture(a.program, "Quietly")
    request = conflicts.request_relationship(
        a.program, a.mentor, venture, RelationshipKind.WORK, "Part-time CTO"
    )
    db.session.commit()
    outsider = app.test_client()
    Auth(outsider).login(as_=b.coordinator)
    url = f"/p/{b.program.slug}/conflicts/requests/{request.id}/decide"
    assert outsider.post(url, data={"decision": "approve"}).status_code == 404
    coordinator = app.test_client()
    Auth(coordinator).login(as_=a.coordinator)
    coordinator.post(f"/p/{a.program.slug}/conflicts/requests/{request.id}/decide",
                     data={"decision": "decline", "note": "Too close"})  # fmt: skip
    db.session.refresh(request)
    assert request.status is RequestStatus.DECLINED
    assert conflicts.conflicted_venture_ids(a.program, a.mentor.id) == set()
