"""A monthly mentor meeting invites every mentor (thousands in a large program): its pages
count the answers in SQL, list people one page at a time to the organisers, record
attendance a page at a time, and show a mentor their own answer and the counts only.

The program here has 120 mentors (three pages of 50) with hand-made answers; ten of them
share one name, across the boundary between the first two pages.
"""

from __future__ import annotations

import html
import re
from datetime import time, timedelta

import pytest
from sqlalchemy import event, insert, select, update

from tests.conftest import Auth
from vms.auth.models import Membership, Role, User
from vms.database import now_utc
from vms.extensions import db
from vms.paging import PAGE_SIZE
from vms.scheduling.meetings import people
from vms.scheduling.models import Invitee, Meeting, MeetingStatus, Response
from vms.scheduling.series import attendance
from vms.scheduling.series import services as series_services

MENTORS = 120
#: Mentors 45 to 54 are all called this: the first page ends among them.
SHARED_NAME = "Mentor 045"
#: The hand-made answers of the first date, by mentor number: 37 yes, 15 no, 8 maybe, and
#: 61 none (the last 60, and the mentor who signs in).
ANSWERS = [(range(0, 37), Response.YES), (range(37, 52), Response.NO),
           (range(52, 60), Response.MAYBE)]  # fmt: skip
COUNTS = {"yes": 37, "no": 15, "maybe": 8, "none": 61}


def _name(n: int) -> str:
    return SHARED_NAME if 45 <= n <= 54 else f"Mentor {n:03d}"


def _add_mentors(program, numbers) -> list[User]:
    """Mentors in bulk (the factory hashes a password per person: too slow for hundreds)."""
    mentors = [User(email=f"mentor{n}@large.example", name=_name(n), password_hash="-")
               for n in numbers]  # fmt: skip
    db.session.add_all(mentors)
    db.session.flush()
    db.session.add_all(Membership(user_id=m.id, program_id=program.id, role=Role.MENTOR)
                       for m in mentors)  # fmt: skip
    db.session.commit()
    return mentors


@pytest.fixture
def large(app, make_program, make_member):
    """A program of 120 mentors and its monthly meeting; the first date has ANSWERS and the
    second date five yes (so that one date's counts never leak into another's)."""
    program = make_program("Big VMS", timezone="America/New_York")
    coordinator = make_member(program, Role.COORDINATOR, name="Casey Coordinator")
    mentors = _add_mentors(program, range(MENTORS))
    mentor = make_member(program, Role.MENTOR, name="Zed Mentor")  # signs in; answers no
    details = series_services.SeriesDetails("Monthly mentor meeting", 1, 2, time(18, 0), 120,
                                            "America/New_York", "Room 4-231")  # fmt: skip
    series = series_services.create_series(program, details)
    first, second = db.session.scalars(
        select(Meeting).where(Meeting.series_id == series.id).order_by(Meeting.starts_at)
    ).all()[:2]
    for numbers, response in ANSWERS:
        ids = [mentors[n].id for n in numbers]
        db.session.execute(
            update(Invitee)
            .where(Invitee.meeting_id == first.id, Invitee.user_id.in_(ids))
            .values(response=response)
        )
    db.session.execute(update(Invitee).where(Invitee.meeting_id == second.id,
                                             Invitee.user_id.in_([m.id for m in mentors[:5]]))
                       .values(response=Response.YES))  # fmt: skip
    db.session.commit()
    return program, coordinator, mentor, mentors, first, second


def _client(app, user):
    client = app.test_client()
    Auth(client).login(as_=user)
    return client


def _people_section(page: str) -> str:
    start = page.index('id="people"')
    return page[start : page.index("</section>", start)]


def _names(page: str) -> list[str]:
    return re.findall(r"<li>(.*?) — ", _people_section(page))


def _next(page: str) -> str | None:
    found = re.search(r'<a rel="next" href="([^"#]+)(#[^"]*)?"', page)
    return html.unescape(found.group(1)) if found else None


def _walk(client, url: str) -> list[str]:
    """Every page from ``url`` on, following "Next"; the pages' HTML."""
    pages = []
    while url:
        reply = client.get(url)
        assert reply.status_code == 200, url
        pages.append(reply.get_data(as_text=True))
        url = _next(pages[-1])
        assert len(pages) <= 10, "the Next links go round in circles"
    return pages


def test_answer_counts_match_the_hand_made_answers(app, large):
    program, coordinator, mentor, _mentors, first, second = large
    counted = people.answers_of([first.id, second.id])
    assert {a: counted[first.id].count(a) for a in COUNTS} == COUNTS
    assert counted[first.id].invited == MENTORS + 1
    assert (counted[second.id].count("yes"), counted[second.id].count("none")) == (5, MENTORS - 4)
    client = _client(app, coordinator)
    listing = client.get(f"/p/{program.slug}/meetings").get_data(as_text=True)
    assert "Yes: 37 · No: 15 · Maybe: 8 · No answer yet: 61" in listing
    assert "Yes: 5 · No answer yet: 116" in listing
    series_page = client.get(f"/p/{program.slug}/mentor-meetings").get_data(as_text=True)
    row = re.search(rf'meetings/{first.id}".*?</tr>', series_page, re.S).group(0)
    assert re.findall(r"<td>(\d+)</td>", row) == ["37", "8", "15", "61"]  # yes, maybe, no, none
    date = client.get(f"/p/{program.slug}/meetings/{first.id}").get_data(as_text=True)
    for label, n in (("Everyone", 121), ("Yes", 37), ("Maybe", 8), ("No", 15),
                     ("No answer yet", 61)):  # fmt: skip
        assert f"{label} ({n})</a>" in date, label
    # A mentor's answer is counted at once, on the list and on the date.
    mentor_client = _client(app, mentor)
    mentor_client.post(f"/p/{program.slug}/meetings/{first.id}/answer", data={"response": "no"})
    assert "No: 16" in mentor_client.get(f"/p/{program.slug}/meetings").get_data(as_text=True)
    assert "No (16)</a>" in client.get(f"/p/{program.slug}/meetings/{first.id}").get_data(
        as_text=True
    )


def test_paging_the_invitees_loses_or_repeats_no_one(app, large):
    program, coordinator, mentor, mentors, first, _second = large
    everyone = {m.id for m in mentors} | {mentor.id}
    for answer in ("", "yes", "no", "maybe", "none"):
        chosen, seen, number = people.PeopleFilter(answer), [], 1
        while True:
            page = people.people_page(first, chosen, number)
            seen += [i.user_id for i in page.rows]
            if not page.has_next:
                break
            number += 1
        assert len(seen) == len(set(seen)), f"someone shown twice ({answer or 'everyone'})"
        expected = {i.user_id for i in db.session.scalars(
            select(Invitee).where(Invitee.meeting_id == first.id)
        ) if answer in ("", i.response.value if i.response else "none")}  # fmt: skip
        assert set(seen) == expected, answer or "everyone"
    assert set(seen) <= everyone
    # The same walk through the page's own links, as a coordinator clicks them.
    pages = _walk(_client(app, coordinator), f"/p/{program.slug}/meetings/{first.id}")
    assert len(pages) == 3 and "Page 1 of 3" in pages[0]
    names = [n for page in pages for n in _names(page)]
    assert sorted(names) == sorted([_name(n) for n in range(MENTORS)] + ["Zed Mentor"])
    assert all(len(_names(page)) <= PAGE_SIZE for page in pages)
    # A filter is kept in the links: 61 have not answered, two pages of them.
    unanswered = _walk(_client(app, coordinator),
                       f"/p/{program.slug}/meetings/{first.id}?answer=none")  # fmt: skip
    assert len(unanswered) == 2 and sum(len(_names(p)) for p in unanswered) == 61
    assert all("no answer yet" in p and ">Yes</span>" not in _people_section(p) for p in unanswered)


def test_the_answer_counts_stand_in_for_the_count_of_a_page(app, large):
    """Without a name searched, a page's total is the meeting's count for its answer."""
    _program, _coordinator, _mentor, _mentors, first, _second = large
    answers = people.answers_of([first.id])[first.id]
    for answer in ("", "yes", "no", "maybe", "none"):
        for number in (1, 2, 3):
            chosen = people.PeopleFilter(answer)
            counted = people.people_page(first, chosen, number)
            known = people.people_page(first, chosen, number, answers)
            assert (known.total, known.number) == (counted.total, counted.number), answer
            assert [i.user_id for i in known.rows] == [i.user_id for i in counted.rows]
    searched = people.people_page(first, people.PeopleFilter("", "045"), 1, answers)
    assert searched.total == 10  # a search is counted


def test_organisers_search_a_large_meeting_by_name(app, large):
    program, coordinator, _mentor, _mentors, first, _second = large
    client = _client(app, coordinator)
    url = f"/p/{program.slug}/meetings/{first.id}"
    shared = client.get(f"{url}?q=mentor+045").get_data(as_text=True)
    assert _names(shared) == [SHARED_NAME] * 10
    later = ["Mentor 055", "Mentor 056", "Mentor 057", "Mentor 058", "Mentor 059"]
    maybe = client.get(f"{url}?answer=maybe&q=MENTOR").get_data(as_text=True)
    assert _names(maybe) == [SHARED_NAME] * 3 + later, "mentors 52 to 59 said maybe"
    assert _names(client.get(f"{url}?answer=maybe&q=05").get_data(as_text=True)) == later
    # "%" and "_" are letters to search for, not patterns.
    for literal in ("%25", "_"):
        nobody = client.get(f"{url}?q={literal}").get_data(as_text=True)
        assert _names(nobody) == [] and "Nobody invited matches." in nobody
    # Nonsense arguments show everyone's first page.
    odd = client.get(f"{url}?answer=perhaps&page=-3").get_data(as_text=True)
    assert len(_names(odd)) == PAGE_SIZE and "Page 1 of 3" in odd


def test_a_mentor_sees_their_own_answer_and_the_counts_not_the_names(app, large):
    program, _coordinator, mentor, _mentors, first, _second = large
    client = _client(app, mentor)
    client.post(f"/p/{program.slug}/meetings/{first.id}/answer", data={"response": "maybe"})
    for url in (f"/p/{program.slug}/meetings/{first.id}",
                f"/p/{program.slug}/meetings/{first.id}?page=2&answer=yes"):  # fmt: skip
        page = client.get(url).get_data(as_text=True)
        assert _names(page) == ["Zed Mentor"], "only their own line"
        assert ">Maybe</span>" in _people_section(page)
        assert "Yes: 37 · No: 15 · Maybe: 9 · No answer yet: 60" in page
        assert "Mentor 001" not in page and 'rel="next"' not in page
        assert 'role="search"' not in page


def test_attendance_is_recorded_a_page_at_a_time(app, large):
    program, coordinator, mentor, mentors, first, _second = large
    first.starts_at = now_utc() - timedelta(days=2)
    first.ends_at = first.starts_at + timedelta(hours=2)
    db.session.commit()
    client = _client(app, coordinator)
    url = f"/p/{program.slug}/meetings/{first.id}"
    page = client.get(f"{url}?page=2").get_data(as_text=True)
    listed = [int(v) for v in re.findall(r'name="listed" value="(\d+)"', page)]
    assert len(listed) == PAGE_SIZE and f'action="{url}/attendance?page=2"' in page
    came = listed[:3]
    reply = client.post(f"{url}/attendance?page=2", data={"listed": listed, "attended": came})
    assert reply.status_code == 302 and reply.headers["Location"].endswith(f"{url}?page=2")
    recorded = dict(db.session.execute(
        select(Invitee.user_id, Invitee.attended).where(Invitee.meeting_id == first.id)
    ).tuples().all())  # fmt: skip
    assert {u for u, a in recorded.items() if a is True} == set(came)
    assert {u for u, a in recorded.items() if a is False} == set(listed) - set(came)
    assert sum(a is None for a in recorded.values()) == MENTORS + 1 - PAGE_SIZE, "others kept"
    assert "Came: 3 · Did not come: 47" in client.get(url).get_data(as_text=True)
    # Somebody not invited to this date, or a page too long, changes nothing.
    outsider = _add_mentors(program, [999])[0]
    client.post(f"{url}/attendance", data={"listed": [outsider.id], "attended": [outsider.id]})
    too_many = [m.id for m in mentors[: PAGE_SIZE + 1]]
    refused = client.post(f"{url}/attendance", data={"listed": too_many, "attended": too_many},
                          follow_redirects=True)  # fmt: skip
    assert "Tick the people who came." in refused.get_data(as_text=True)
    db.session.expire_all()
    again = dict(db.session.execute(
        select(Invitee.user_id, Invitee.attended).where(Invitee.meeting_id == first.id)
    ).tuples().all())  # fmt: skip
    assert again == recorded and outsider.id not in again
    # Mentors who do not organise the date record nothing.
    assert _client(app, mentor).post(f"{url}/attendance", data={"listed": listed}).status_code \
        == 403  # fmt: skip


def test_the_twelve_month_attendance_is_paged_with_its_figures_from_sql(app, large):
    program, coordinator, mentor, mentors, first, second = large
    now = now_utc()
    held = [(first, now - timedelta(days=40)), (second, now - timedelta(days=70))]
    for meeting, starts in held:
        meeting.starts_at, meeting.ends_at = starts, starts + timedelta(hours=2)
    db.session.flush()
    # Mentor n came to the first date if n is even, to the second if n is a multiple of 3.
    for meeting, step in ((first, 2), (second, 3)):
        for n, m in enumerate(mentors):
            db.session.execute(update(Invitee).where(Invitee.meeting_id == meeting.id,
                                                     Invitee.user_id == m.id)
                               .values(attended=n % step == 0))  # fmt: skip
    # Neither a cancelled date nor one more than a year ago counts.
    old, cancelled = db.session.scalars(
        select(Meeting).where(Meeting.series_id == first.series_id,
                              Meeting.id.not_in([first.id, second.id]))
        .order_by(Meeting.starts_at)
    ).all()[:2]  # fmt: skip
    old.starts_at, old.ends_at = now - timedelta(days=400), now - timedelta(days=400, hours=-2)
    cancelled.starts_at = now - timedelta(days=10)
    cancelled.ends_at, cancelled.status = cancelled.starts_at, MeetingStatus.CANCELLED
    db.session.execute(update(Invitee).where(Invitee.meeting_id.in_([old.id, cancelled.id]))
                       .values(attended=True))  # fmt: skip
    db.session.commit()
    expected = {m.id: (int(n % 2 == 0) + int(n % 3 == 0), 2) for n, m in enumerate(mentors)}
    expected[mentor.id] = (0, 0)
    seen, number = {}, 1
    while True:
        page = attendance.yearly_attendance(program, number)
        assert not set(seen) & {r.mentor.id for r in page.rows}, "a mentor on two pages"
        seen.update({r.mentor.id: (r.attended, r.held) for r in page.rows})
        if not page.has_next:
            break
        number += 1
    assert number == 3 and seen == expected
    client = _client(app, coordinator)
    pages = _walk(client, f"/p/{program.slug}/mentor-meetings")
    rows = [re.findall(r'<tr><th scope="row">(.*?)</th><td>(\d+)</td><td>(\d+)</td>', p)
            for p in pages]  # fmt: skip
    assert [len(r) for r in rows] == [50, 50, 21] and "121 mentors" in pages[0]
    assert rows[0][0] == ("Mentor 000", "2", "2") and rows[2][-1] == ("Zed Mentor", "0", "0")
    found = client.get(f"/p/{program.slug}/mentor-meetings?q=mentor+00").get_data(as_text=True)
    assert len(re.findall(r'<tr><th scope="row">Mentor 00\d</th>', found)) == 10
    nobody = client.get(f"/p/{program.slug}/mentor-meetings?q=nobody").get_data(as_text=True)
    assert "No mentor’s name contains “nobody”." in nobody


def _statements(client, url: str) -> tuple[int, int]:
    """(SQL statements, bytes of HTML) of one request."""
    db.session.expire_all()
    statements = []
    listener = lambda *_a: statements.append(1)  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        reply = client.get(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert reply.status_code == 200, url
    return len(statements), len(reply.data)


def test_a_date_costs_the_same_with_five_times_the_invitees(app, large):
    program, coordinator, mentor, _mentors, first, _second = large
    coordinator_client, mentor_client = _client(app, coordinator), _client(app, mentor)
    urls = [f"/p/{program.slug}/meetings/{first.id}", f"/p/{program.slug}/meetings",
            f"/p/{program.slug}/mentor-meetings"]  # fmt: skip
    clients = (coordinator_client, mentor_client)
    before = [_statements(c, u) for c in clients for u in urls]
    more = _add_mentors(program, range(1000, 1480))
    db.session.execute(insert(Invitee), [{"meeting_id": first.id, "user_id": m.id,
                                          "response": Response.YES} for m in more])  # fmt: skip
    db.session.commit()
    after = [_statements(c, u) for c in clients for u in urls]
    assert [s for s, _size in after] == [s for s, _size in before]
    for (_s, small), (_t, big) in zip(before, after, strict=True):
        assert big < small * 1.1 + 500, "the page grew with the invitees"
