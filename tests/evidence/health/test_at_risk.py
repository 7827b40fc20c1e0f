"""The at-risk list of the hand-made program (tests/evidence/conftest.py) and its nudges."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from tests.support import text_of
from vms.auth.models import Role
from vms.database import now_utc
from vms.evidence.health import queries
from vms.extensions import db
from vms.notifications.models import Notification


def _rows(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
            for row in body.split("</tr>") if row.strip()]  # fmt: skip


def test_the_list_shows_who_is_not_on_track_worst_first_with_reasons(ew, client, auth):
    auth.login(ew.coordinator)
    response = client.get(f"/p/{ew.program.slug}/evidence/at-risk")
    assert response.status_code == 200
    rows = _rows(response.get_data(as_text=True))
    # Birch: its one meeting 45 days ago, no agenda, no summary, its mentor absent (the
    # founder's attendance was not recorded). Gil and Hana: paired 40 days ago, no check-in.
    # Alder is on track; Elm (5 days) and Ivo's pair (10 days) are too early to tell.
    assert rows == [
        "Birch Needs a check-in no meeting for 45 days, last meeting had no agenda, last "
        "summary missing, attendance 0% Nudge",
        "Gil · Hana peer pair Needs a check-in no check-in for 40 days Nudge",
    ]
    html = response.get_data(as_text=True)
    assert 'On track <span class="tag">1</span>' in html
    assert 'Too early to tell <span class="tag">2</span>' in html


def test_the_cohort_filter_narrows_the_list(ew, client, auth):
    auth.login(ew.coordinator)
    html = client.get(f"/p/{ew.program.slug}/evidence/at-risk",
                      query_string={"cohort": ew.two.id}).get_data(as_text=True)  # fmt: skip
    assert "Birch" not in html and "Gil" not in html
    assert "Every team and pair is on track or too young to tell." in html


def test_the_facts_take_a_fixed_number_of_statements(ew):
    from sqlalchemy import event

    assert ew.program.id  # loaded before counting
    count = []
    listener = lambda *_a: count.append(1)  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        queries.team_facts(ew.program, now_utc())
        queries.pair_facts(ew.program, now_utc())
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert len(count) == 4 + 2  # and the fit checks' "no", once for teams and once for pairs


def test_a_nudge_emails_the_lead_and_the_founders_once_a_day(ew, client, auth, smtp):
    auth.login(ew.coordinator)
    team = ew.teams["Birch"]
    url = f"/p/{ew.program.slug}/evidence/at-risk/teams/{team.id}/nudge"
    smtp.clear()
    first = client.post(url, follow_redirects=True)
    assert "Birch: nudged by email." in first.get_data(as_text=True)
    lead, founder = ew.mentors[1], ew.founders["Birch"]
    assert {m["To"] for m in smtp.messages} == {lead.email, founder.email}
    body = text_of(smtp.last_to(lead.email))
    assert "no meeting for 45 days" in body and "last summary missing" in body
    second = client.post(url, follow_redirects=True)
    assert second.status_code == 200
    assert "Birch was already nudged today." in second.get_data(as_text=True)
    assert len(smtp.messages) == 2
    sent = db.session.scalar(select(func.count()).select_from(Notification)
                             .where(Notification.object_id == team.id))  # fmt: skip
    assert sent == 2


def test_a_pair_is_nudged_both_of_them(ew, client, auth, smtp):
    auth.login(ew.coordinator)
    pair = ew.pairs[0]
    smtp.clear()
    client.post(f"/p/{ew.program.slug}/evidence/at-risk/pairs/{pair.id}/nudge")
    assert len(smtp.messages) == 2
    assert "no check-in for 40 days" in text_of(smtp.last_to(ew.members[0].email))


def test_a_nudge_is_for_coordinators_of_the_program_only(ew, client, auth, make_program,
                                                         make_member):  # fmt: skip
    team = ew.teams["Birch"]
    url = f"/p/{ew.program.slug}/evidence/at-risk/teams/{team.id}/nudge"
    auth.login(ew.mentors[1])
    assert client.post(url).status_code == 403
    auth.logout()
    other = make_program("Other Program")
    auth.login(make_member(other, Role.COORDINATOR))
    assert client.post(url).status_code == 404
    # Another program's team under one's own program: 404.
    assert client.post(f"/p/{other.slug}/evidence/at-risk/teams/{team.id}/nudge").status_code == 404
    assert client.post(f"/p/{other.slug}/evidence/at-risk/pairs/{ew.pairs[0].id}/nudge"
                       ).status_code == 404  # fmt: skip


def test_spanish_words_for_the_health(ew, client, auth):
    ew.coordinator.locale = "es"
    db.session.commit()
    auth.login(ew.coordinator)
    html = client.get(f"/p/{ew.program.slug}/evidence/at-risk").get_data(as_text=True)
    assert "Necesita seguimiento" in html and "sin reunión desde hace 45 días" in html


def test_a_team_with_nobody_to_write_to_is_told_so(ew, client, auth, smtp):
    from datetime import timedelta

    from vms.cohorts.models import Venture
    from vms.cohorts.teams.models import Team, TeamStatus

    cedar = db.session.scalar(select(Venture).where(Venture.name == "Cedar"))
    team = Team(
        program_id=ew.program.id,
        venture=cedar,
        status=TeamStatus.PUBLISHED,
        published_at=ew.now - timedelta(days=60),
    )  # no mentor yet, no founder account
    db.session.add(team)
    db.session.commit()
    auth.login(ew.coordinator)
    smtp.clear()
    reply = client.post(f"/p/{ew.program.slug}/evidence/at-risk/teams/{team.id}/nudge",
                        follow_redirects=True)  # fmt: skip
    assert "Cedar: nobody to write to" in reply.get_data(as_text=True)
    assert smtp.messages == []


def test_a_long_list_is_paged_worst_first(ew, client, auth):
    from datetime import timedelta

    from vms.cohorts.models import Venture
    from vms.cohorts.teams.models import Team, TeamStatus
    from vms.paging import PAGE_SIZE

    for n in range(PAGE_SIZE):  # quiet for 100 + n days: the last made is the worst
        venture = Venture(program_id=ew.program.id, name=f"Quiet {n:02d}", needs=[])
        db.session.add(Team(program_id=ew.program.id, venture=venture,
                            status=TeamStatus.PUBLISHED,
                            published_at=ew.now - timedelta(days=100 + n)))  # fmt: skip
    db.session.commit()
    auth.login(ew.coordinator)
    first = _rows(client.get(f"/p/{ew.program.slug}/evidence/at-risk").get_data(as_text=True))
    assert len(first) == PAGE_SIZE and first[0].startswith(f"Quiet {PAGE_SIZE - 1:02d}")
    second = client.get(f"/p/{ew.program.slug}/evidence/at-risk", query_string={"page": 2})
    rows = _rows(second.get_data(as_text=True))
    # Then Birch (45 days) and Gil and Hana (40).
    assert [r.split(" Needs")[0] for r in rows] == ["Birch", "Gil · Hana peer pair"]
