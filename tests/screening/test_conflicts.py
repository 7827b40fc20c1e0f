"""Conflicts of interest: declarations, requests, approval as recusal."""

import html
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

from sqlalchemy import event, select

from tests.conftest import Auth
from tests.support import link_in, text_of
from vms.cohorts.models import Venture
from vms.extensions import db
from vms.mail.delivery import deliver_all
from vms.paging import PAGE_SIZE
from vms.screening.conflicts import services as conflicts
from vms.screening.conflicts.models import (
    CommercialRequest,
    ConflictDeclaration,
    ConflictKind,
    Recusal,
    RelationshipKind,
    RequestStatus,
)


def _statements(app, call) -> int:
    """How many SQL statements ``call`` issues."""
    seen = []
    with app.app_context():
        engine = db.engine
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return len(seen)


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


def test_the_venture_options_are_in_each_readers_language(client, auth, world):
    # The options are written once per process: an English page must not serve a Spanish one.
    a = world["A"]
    _venture(a.program, "SunBox")
    auth.login(as_=a.mentor)
    url = f"/p/{a.program.slug}/conflicts"
    assert "Choose…" in client.get(url).get_data(as_text=True)
    a.mentor.locale = "es"
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert "Elige…" in page and "Choose…" not in page and "SunBox" in page


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


def test_approval_of_a_request_recuses_and_records_why(app, world, smtp):
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
    # The mentor is told what was decided, once, whatever their email choices.
    deliver_all()
    told = [m for m in smtp.to(a.mentor.email) if "recused" in m["Subject"]]
    assert [m["Subject"] for m in told] == [f"You are recused from {venture.name}"]
    assert "no longer on its mentor team" in text_of(told[0])
    assert "Disclosed in time" in text_of(told[0])
    assert "/conflicts" in link_in(told[0], "/conflicts")


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


def _links(page: str, anchor: str) -> list[dict]:
    """The query arguments of the links of the pager that brings the reader back to ``anchor``."""
    found = re.findall(rf'href="[^"?]*/conflicts/review\??([^"#]*)#{anchor}"', page)
    return [dict(parse_qsl(html.unescape(query))) for query in found]


def _many_records(a, count, batch="Venture"):
    """``count`` declined requests (the oldest first), declarations and recusals, and one
    pending request older than all of them."""
    start = datetime(2026, 1, 1, tzinfo=UTC)
    ventures = [Venture(program_id=a.program.id, name=f"{batch} {n:02d}", needs=[])
                for n in range(count)]  # fmt: skip
    db.session.add_all(ventures)
    db.session.flush()
    for n, venture in enumerate(ventures):
        at = start + timedelta(hours=n + 1)
        db.session.add_all([
            CommercialRequest(program_id=a.program.id, mentor_id=a.mentor.id,
                              venture_id=venture.id, kind=RelationshipKind.SELL,
                              details=f"Deal {n:02d}", status=RequestStatus.DECLINED,
                              requested_at=at),
            ConflictDeclaration(program_id=a.program.id, mentor_id=a.mentor.id,
                                kind=ConflictKind.COMPANY, subject=f"Company {n:02d}",
                                declared_at=at),
            Recusal(program_id=a.program.id, mentor_id=a.mentor.id, venture_id=venture.id,
                    reason=f"Reason {n:02d}", created_at=at),
        ])  # fmt: skip
    db.session.add(CommercialRequest(
        program_id=a.program.id, mentor_id=a.mentor.id, venture_id=ventures[0].id,
        kind=RelationshipKind.INVEST, details="Still waiting", requested_at=start,
    ))  # fmt: skip
    db.session.commit()


def test_each_review_list_pages_on_its_own(client, auth, world):
    a = world["A"]
    _many_records(a, PAGE_SIZE + 2)
    auth.login(as_=a.coordinator)
    url = f"/p/{a.program.slug}/conflicts/review"
    first = client.get(url).get_data(as_text=True)
    # The pending request comes first although it is the oldest; then the latest.
    assert first.index("Still waiting") < first.index(f"Deal {PAGE_SIZE + 1:02d}")
    assert "1 request waits for a decision." in first
    assert "Deal 03" in first and "Deal 02" not in first  # the pending one and 49 latest
    assert "Company 02" in first and "Company 01" not in first
    assert "Reason 02" in first and "Reason 01" not in first
    assert _links(first, "requests") == [{"requests_page": "2"}]
    assert _links(first, "declarations") == [{"declarations_page": "2"}]
    assert _links(first, "recusals") == [{"recusals_page": "2"}]
    second = client.get(f"{url}?declarations_page=2&recusals_page=2").get_data(as_text=True)
    assert "Company 01" in second and "Company 00" in second and "Company 02" not in second
    assert "Reason 00" in second and "Reason 02" not in second
    assert "Still waiting" in second and "Deal 02" not in second  # requests stay on page 1
    # Paging one list keeps the pages the others are on.
    assert _links(second, "requests") == [
        {"requests_page": "2", "declarations_page": "2", "recusals_page": "2"}
    ]
    assert _links(second, "declarations") == [{"recusals_page": "2"}]  # back to its page 1
    both = client.get(f"{url}?requests_page=2&recusals_page=2").get_data(as_text=True)
    assert "Deal 02" in both and "Deal 00" in both and "Still waiting" not in both
    assert "Company 02" in both and "Reason 00" in both


def test_a_decision_returns_to_the_pages_the_coordinator_was_on(client, auth, world):
    a = world["A"]
    _many_records(a, PAGE_SIZE + 2)
    pending = db.session.scalar(select(CommercialRequest).where(
        CommercialRequest.status == RequestStatus.PENDING))  # fmt: skip
    auth.login(as_=a.coordinator)
    url = f"/p/{a.program.slug}/conflicts/review"
    page = client.get(f"{url}?recusals_page=2").get_data(as_text=True)
    decide = f"/p/{a.program.slug}/conflicts/requests/{pending.id}/decide?recusals_page=2"
    assert f'action="{decide}"' in page and 'for="decision-' in page and 'for="note-' in page
    response = client.post(decide, data={"decision": "decline", "note": "No"})
    assert response.headers["Location"].endswith(f"{url}?recusals_page=2")
    db.session.refresh(pending)
    assert pending.status is RequestStatus.DECLINED


def test_the_review_costs_the_same_statements_however_many_records(app, client, auth, world):
    a = world["A"]
    auth.login(as_=a.coordinator)
    url = f"/p/{a.program.slug}/conflicts/review"
    _many_records(a, 3)
    few = _statements(app, lambda: client.get(url))
    _many_records(a, PAGE_SIZE + 2, "More")
    assert _statements(app, lambda: client.get(url)) == few
