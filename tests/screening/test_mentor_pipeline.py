"""Every legal and illegal move of the mentor pipeline, recorded with who, when and why; the
coordinator's pipeline, paged."""

import csv
import html
import io
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from tests.test_statements_do_not_grow import StatementCounter
from vms.auth.models import Role
from vms.extensions import db
from vms.paging import PAGE_SIZE
from vms.screening.mentors.models import MENTOR_MOVES, MentorApplication, MentorStatus
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind
from vms.states import IllegalTransition
from vms.tokens import new_token

S = MentorStatus


def _application(status: MentorStatus) -> MentorApplication:
    application = MentorApplication(name="Ann", email="ann@example.org", status=status)
    application.events = []
    return application


@pytest.mark.parametrize(
    ("current", "target"),
    [(current, target) for current, targets in MENTOR_MOVES.items() for target in targets],
)
def test_legal_moves_are_made_and_recorded(current, target):
    application = _application(current)
    event = application.move_to(target, actor=None, note="why")
    assert application.status is target
    assert (event.from_status, event.to_status, event.note) == (current, target, "why")
    assert event.at is not None and application.events == [event]


@pytest.mark.parametrize(
    ("current", "target"),
    [(c, t) for c in MentorStatus for t in MentorStatus if t not in MENTOR_MOVES[c]],
)
def test_illegal_moves_are_refused_with_a_reason(current, target):
    application = _application(current)
    with pytest.raises(IllegalTransition, match=f"from {current.value} to {target.value}"):
        application.move_to(target, actor=None)
    assert application.status is current and application.events == []


def test_acceptance_needs_an_interview_and_decisions_are_final():
    assert S.ACCEPTED not in MENTOR_MOVES[S.SUBMITTED]
    assert S.ACCEPTED not in MENTOR_MOVES[S.INTERVIEW_SCHEDULED]
    for final in (S.ACCEPTED, S.DECLINED, S.WITHDRAWN):
        assert MENTOR_MOVES[final] == frozenset()


# -- the coordinator's pipeline, paged ------------------------------------------------------


def _grow(program, n: int, start: int = 0, **fields) -> list[MentorApplication]:
    """``n`` applications, three to a submission time, so that pages must break ties."""
    sent = datetime(2024, 1, 1, tzinfo=UTC)
    made = []
    for i in range(start, start + n):
        application = MentorApplication(
            program_id=program.id, name=f"Applicant {i:04d}", email=f"a{i}@example.org",
            years_experience=10, days_per_month=2, max_ventures=1, weekdays=[2],
            motivation="To help.", access_token_hash=new_token()[1],
            submitted_at=sent + timedelta(hours=i // 3), **{"bio": "Built things.", **fields},
        )  # fmt: skip
        application.events = []
        made.append(application)
    db.session.add_all(made)
    db.session.commit()
    return made


def _newest_first(applications) -> list[int]:
    return [a.id for a in sorted(applications, key=lambda a: (a.submitted_at, a.id), reverse=True)]


def _ids(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'name="ids" value="(\d+)"', page)]


def _next_link(page: str) -> str | None:
    found = re.search(r'<a rel="next" href="([^"]+)"', page)
    return html.unescape(found.group(1)) if found else None


def _walk(client, url: str) -> tuple[list[int], list[str]]:
    """The ids on every page from ``url`` on, following Next, and the Next links followed."""
    seen, links = [], []
    while url is not None:
        page = client.get(url).get_data(as_text=True)
        seen += _ids(page)
        url = _next_link(page)
        links += [url] if url else []
    return seen, links


def _expertise(program, name: str):
    return next(t for t in taxonomy.terms(program, TaxonomyKind.EXPERTISE) if t.name == name)


def test_a_long_filtered_pipeline_shows_each_application_once_across_pages(
    client, auth, make_program, make_member
):
    program = make_program()
    sales, legal = _expertise(program, "Sales"), _expertise(program, "Legal")
    matching = _grow(program, 2 * PAGE_SIZE + 13, bio="Finds the NEEDLE", expertise=[sales])
    others = _grow(program, 9, start=500, bio="Finds the needle", expertise=[legal])
    others += _grow(program, 8, start=600, bio="Finds hay", expertise=[sales])
    declined = _grow(program, 7, start=700, bio="needle", expertise=[sales],
                     status=MentorStatus.DECLINED)  # fmt: skip
    auth.login(as_=make_member(program, Role.COORDINATOR))
    base = f"/p/{program.slug}/screening/mentors"
    chosen = f"status=submitted&q=needle&expertise={sales.id}"

    seen, links = _walk(client, f"{base}?{chosen}")
    assert seen == _newest_first(matching)  # none lost, none repeated, newest first
    assert len(links) == 2
    for link in links:  # each Next keeps the filter
        args = parse_qs(urlsplit(link).query)
        assert args["status"] == ["submitted"] and args["q"] == ["needle"]
        assert args["expertise"] == [str(sales.id)]
    last = client.get(f"{base}?{chosen}&page=3").get_data(as_text=True)
    assert "Page 3 of 3" in last and f"101–{2 * PAGE_SIZE + 13} of {2 * PAGE_SIZE + 13}" in last
    assert 'rel="prev"' in last and 'rel="next"' not in last
    # A page past the end shows the last one; a page that is not a number, the first.
    assert _ids(client.get(f"{base}?{chosen}&page=99").get_data(as_text=True)) == _ids(last)
    first = client.get(f"{base}?{chosen}&page=x").get_data(as_text=True)
    assert _ids(first) == seen[:PAGE_SIZE] and 'rel="prev"' not in first
    # A stage alone (its total is the stage's count): every submitted application, once.
    submitted, _links = _walk(client, f"{base}?status=submitted")
    assert submitted == _newest_first(matching + others)
    # The stage counts are the program's, not the page's.
    assert f'Declined <span class="tag">{len(declined)}</span>' in first
    # The export is not a page: every matching application.
    export = client.get(f"{base}.csv?{chosen}&page=2").get_data().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(export)))
    assert [int(row["id"]) for row in rows] == _newest_first(matching)
    assert {row["expertise"] for row in rows} == {"Sales"}


def test_a_short_pipeline_has_no_pager(client, auth, make_program, make_member):
    program = make_program()
    _grow(program, 3)
    auth.login(as_=make_member(program, Role.COORDINATOR))
    page = client.get(f"/p/{program.slug}/screening/mentors").get_data(as_text=True)
    assert len(_ids(page)) == 3 and 'aria-label="Pages"' not in page


def test_the_bulk_form_acts_on_the_ticked_rows_and_returns_to_the_same_page(
    client, auth, smtp, make_program, make_member
):
    program = make_program()
    applications = _grow(program, PAGE_SIZE + 10, bio="needle")
    auth.login(as_=make_member(program, Role.COORDINATOR))
    page = client.get(f"/p/{program.slug}/screening/mentors?q=needle&page=2")
    text = page.get_data(as_text=True)
    assert "rows you tick on this page only" in text
    action = html.unescape(re.search(r'<form method="post" action="([^"]+/bulk[^"]*)"', text)[1])
    assert parse_qs(urlsplit(action).query) == {"q": ["needle"], "page": ["2"]}
    ticked = _ids(text)[:2]
    moved = client.post(action, data={"ids": ticked, "target": "waitlisted"})
    assert moved.status_code == 302
    assert parse_qs(urlsplit(moved.location).query) == {"q": ["needle"], "page": ["2"]}
    waitlisted = db.session.scalars(
        select(MentorApplication.id).where(MentorApplication.status == MentorStatus.WAITLISTED)
    )
    assert sorted(waitlisted) == sorted(ticked)
    nothing = client.post(action, data={"target": "waitlisted"}, follow_redirects=True)
    assert "Choose at least one application" in nothing.get_data(as_text=True)
    assert len(applications) == PAGE_SIZE + 10


def _statements(app, client, url: str) -> tuple[int, int]:
    """The statements one request issues, on a fresh session as in production, and its size."""
    with StatementCounter(app) as counter:
        db.session.remove()
        counter.reset()
        response = client.get(url)
        assert response.status_code == 200
        return counter.statements, len(response.data)


def test_the_pipeline_and_its_export_cost_the_same_statements_at_any_size(
    app, client, auth, make_program, make_member
):
    """Past 500 rows an unpaged list's eager loads take one more statement per 500 (the
    general guard, tests/test_statements_do_not_grow.py, stops at about 150 applications)."""
    program = make_program()
    sales = _expertise(program, "Sales")
    _grow(program, PAGE_SIZE + 1, expertise=[sales])
    auth.login(as_=make_member(program, Role.COORDINATOR))
    base = f"/p/{program.slug}/screening/mentors"
    urls = [base, f"{base}?expertise={sales.id}&page=2", f"{base}.csv"]
    small = [_statements(app, client, url) for url in urls]
    _grow(program, 1150, start=PAGE_SIZE + 1, expertise=[sales])
    large = [_statements(app, client, url) for url in urls]
    assert [n for n, _size in large] == [n for n, _size in small]
    assert all(n <= 25 for n, _size in large)
    assert large[0][1] < 200 * 1024  # the page shows a page, whatever the program holds
    export = client.get(f"{base}.csv").get_data().decode("utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(export)))) == PAGE_SIZE + 1 + 1150
