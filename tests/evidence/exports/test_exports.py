"""Every export parsed back and compared with a small hand-made program, row by row.

The program: a cohort "Otoño"; a coordinator; two mentors, José Núñez and one whose name is
a formula (a spreadsheet must show it as text); a founder, Ana María, of "Café Ñandú"
(accepted, self-assessed in two areas); their published team with José as lead; a team
meeting (José said yes and came; Ana has not answered); a speed-dating event where Ana
ranked the peer mentor Pía first and was paired with her, and their agreement, signed by
both. A second program holds the same kinds of objects and is never exported with it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import event

from tests.agreements.agreement_world import CLIENT, purge_signatures, sign_as
from vms.agreements import services as agreements
from vms.agreements.models import Agreement
from vms.auth.models import Role, User
from vms.cohorts import services as cohorts
from vms.cohorts.models import (
    Cohort,
    Program,
    Venture,
    VentureFounder,
    VentureNeed,
    VentureStage,
    VentureStatus,
)
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.extensions import db
from vms.peer.choices.models import PeerPair, PeerRanking
from vms.peer.models import PeerEvent, PeerParticipant, PeerRole
from vms.scheduling.models import Invitee, Meeting, MeetingKind, Response
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind

FORMULA = '=HYPERLINK("http://evil.example","click")'
SIGNED = datetime(2027, 3, 10, 15, 0, tzinfo=UTC)
MEETING_AT = datetime(2027, 3, 1, 17, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _purge_signatures(app):
    yield
    purge_signatures()


@dataclass
class Small:
    program: Program
    cohort: Cohort
    coordinator: User
    jose: User
    formula: User
    ana: User
    pia: User
    venture: Venture
    team: Team
    meeting: Meeting
    event: PeerEvent
    agreement: Agreement


def build(make_program, make_cohort, make_member, label: str) -> Small:
    program = make_program(f"Programa {label}")
    cohort = make_cohort(program, f"Otoño {label}")
    people = {
        "coordinator": make_member(program, Role.COORDINATOR, None, name=f"Cora {label}"),
        "jose": make_member(program, Role.MENTOR, cohort, name=f"José Núñez {label}"),
        "formula": make_member(program, Role.MENTOR, cohort, name=FORMULA),
        "ana": make_member(program, Role.ENTREPRENEUR, cohort, name=f"Ana María {label}"),
        "pia": make_member(program, Role.PEER_MENTOR, cohort, name=f"Pía {label}"),
    }
    areas = {t.name: t for t in taxonomy.terms(program, TaxonomyKind.EXPERTISE)}
    venture = Venture(program_id=program.id, cohort_id=cohort.id, name=f"Café Ñandú {label}",
                      status=VentureStatus.ACCEPTED, stage=VentureStage.IDEA,
                      website="https://cafe.example", goal_statement="Abrir dos tiendas",
                      created_at=datetime(2027, 1, 5, 12, tzinfo=UTC))  # fmt: skip
    venture.founders = [VentureFounder(user=people["ana"], name="Ana María", email="")]
    venture.assessment = [
        VentureNeed(term=areas["Fundraising"], strength=2, wants_help=True),
        VentureNeed(term=areas["Sales"], strength=4, wants_help=False),
    ]
    team = Team(program_id=program.id, venture=venture, status=TeamStatus.PUBLISHED,
                created_at=datetime(2027, 2, 1, tzinfo=UTC),
                published_at=datetime(2027, 2, 2, tzinfo=UTC))  # fmt: skip
    team.members = [TeamMember(mentor=people["jose"], is_lead=True),
                    TeamMember(mentor=people["formula"])]  # fmt: skip
    db.session.add(team)
    db.session.flush()
    meeting = Meeting(program_id=program.id, kind=MeetingKind.TEAM, team_id=team.id,
                      title="Kick-off",
                      starts_at=MEETING_AT, ends_at=MEETING_AT + timedelta(hours=1),
                      timezone=program.timezone, location="Sala 1",
                      invitees=[Invitee(user_id=people["jose"].id, response=Response.YES,
                                        attended=True),
                                Invitee(user_id=people["ana"].id)])  # fmt: skip
    peer_event = PeerEvent(
        program=program,
        cohort=cohort,
        title="Citas rápidas",
        timezone=program.timezone,
        created_by_id=people["coordinator"].id,
    )
    peer_event.participants = [PeerParticipant(user_id=people["ana"].id, role=PeerRole.MEMBER),
                               PeerParticipant(user_id=people["pia"].id,
                                               role=PeerRole.PEER_MENTOR)]  # fmt: skip
    db.session.add(peer_event)
    db.session.flush()
    ranking = PeerRanking(event_id=peer_event.id, ranker_id=people["ana"].id,
                          ranked_id=people["pia"].id, rank=1, saved_at=SIGNED)  # fmt: skip
    pair = PeerPair(event=peer_event, member_id=people["ana"].id, mentor_id=people["pia"].id,
                    rank=1, published_at=SIGNED)  # fmt: skip
    db.session.add_all([team, meeting, ranking, pair])
    db.session.flush()
    agreement = agreements.make_for_pair(program, pair, people["coordinator"], CLIENT, SIGNED)
    agreement.hours_per_month = 4
    agreements.send_for_signature(agreement, people["coordinator"], CLIENT, SIGNED)
    for who, minutes in (("ana", 5), ("pia", 10)):
        sign_as(agreement, people[who], SIGNED + timedelta(minutes=minutes))
    db.session.commit()
    return Small(program, cohort, venture=venture, team=team, meeting=meeting, event=peer_event,
                 agreement=agreement, **people)  # fmt: skip


@pytest.fixture
def two(make_program, make_cohort, make_member) -> dict[str, Small]:
    return {label: build(make_program, make_cohort, make_member, label) for label in "AB"}


def download(client, url: str) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.mimetype == "text/csv"
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_people_of_the_program_and_of_a_cohort(client, auth, two):
    a = two["A"]
    auth.login(as_=a.coordinator)
    rows = download(client, f"/p/{a.program.slug}/evidence/exports/people.csv")
    assert rows[0] == ["name", "email", "role", "cohorts", "member_since"]
    # By name: the formula's "=" sorts first; a spreadsheet sees it as text.
    got = [row[:4] for row in rows[1:]]
    assert got == [
        ["'" + FORMULA, a.formula.email, "mentor", "Otoño A"],
        ["Ana María A", a.ana.email, "entrepreneur", "Otoño A"],
        ["Cora A", a.coordinator.email, "coordinator", ""],
        ["José Núñez A", a.jose.email, "mentor", "Otoño A"],
        ["Pía A", a.pia.email, "peer_mentor", "Otoño A"],
    ]
    in_cohort = download(
        client, f"/p/{a.program.slug}/evidence/exports/people.csv?cohort={a.cohort.id}"
    )
    assert [row[0] for row in in_cohort[1:]] == ["'" + FORMULA, "Ana María A", "José Núñez A",
                                                  "Pía A"]  # fmt: skip


def test_ventures_with_their_self_assessment_and_the_pages_filter(client, auth, two):
    a = two["A"]
    auth.login(as_=a.coordinator)
    base = f"/p/{a.program.slug}/evidence/exports/ventures.csv"
    rows = download(client, base)
    header = rows[0]
    assert header[:10] == ["id", "name", "status", "stage", "sector", "cohort", "website",
                           "founders", "goal", "applied_at"]  # fmt: skip
    row = dict(zip(header, rows[1], strict=True))
    assert len(rows) == 2
    assert (row["name"], row["status"], row["stage"], row["cohort"], row["goal"]) == (
        "Café Ñandú A",
        "accepted",
        "idea",
        "Otoño A",
        "Abrir dos tiendas",
    )
    assert row["founders"] == f"Ana María <{a.ana.email}>"
    assert (row["strength: Fundraising"], row["help: Fundraising"]) == ("2", "yes")
    assert (row["strength: Sales"], row["help: Sales"]) == ("4", "no")
    assert (row["strength: Legal"], row["help: Legal"]) == ("", "")
    assert row["applied_at"] == "2027-01-05T12:00:00+00:00"
    assert len(download(client, base + "?status=accepted")) == 2
    assert len(download(client, base + "?status=declined")) == 1  # the header only
    assert len(download(client, base + "?q=CAF")) == 2  # as the page searches
    assert len(download(client, base + "?q=nothing-like-it")) == 1


def test_teams_with_lead_and_members(client, auth, two):
    a = two["A"]
    auth.login(as_=a.coordinator)
    rows = download(client, f"/p/{a.program.slug}/evidence/exports/teams.csv")
    assert rows[1:] == [[str(a.team.id), "Café Ñandú A", "published", "José Núñez A",
                         a.jose.email, f"José Núñez A; {FORMULA}", "2",
                         "2027-02-01T00:00:00+00:00", "2027-02-02T00:00:00+00:00"]]  # fmt: skip


def test_meetings_with_each_invitees_answer_and_attendance(client, auth, two):
    a = two["A"]
    auth.login(as_=a.coordinator)
    base = f"/p/{a.program.slug}/evidence/exports/meetings.csv"
    rows = download(client, base)
    first = [str(a.meeting.id), "team", "Kick-off", "2027-03-01T17:00:00+00:00", "scheduled",
             "Sala 1"]  # fmt: skip
    assert sorted(rows[1:]) == sorted([
        [*first, "José Núñez A", a.jose.email, "yes", "yes"],
        [*first, "Ana María A", a.ana.email, "", ""],
    ])  # fmt: skip
    assert len(download(client, base + "?kind=mentor_meeting")) == 1
    # The clock says December 2026: the meeting of March 2027 is upcoming.
    assert len(download(client, base + "?when=upcoming")) == 3
    assert len(download(client, base + "?when=past")) == 1


def test_rankings_and_pairs_of_an_event(client, auth, two):
    a = two["A"]
    auth.login(as_=a.coordinator)
    base = f"/p/{a.program.slug}/evidence/exports/peer/events/{a.event.id}"
    assert download(client, f"{base}/rankings.csv")[1:] == [
        ["Ana María A", a.ana.email, "1", "Pía A", a.pia.email, SIGNED.isoformat()]
    ]
    assert download(client, f"{base}/pairs.csv")[1:] == [
        ["Ana María A", a.ana.email, "Pía A", a.pia.email, "1", "no", SIGNED.isoformat()]
    ]


def test_agreements_with_parties_and_signed_dates(client, auth, two):
    a = two["A"]
    auth.login(as_=a.coordinator)
    rows = download(client, f"/p/{a.program.slug}/evidence/exports/agreements.csv")
    row = dict(zip(rows[0], rows[1], strict=True))
    assert len(rows) == 2
    assert (row["kind"], row["status"], row["hours_per_month"]) == ("peer", "active", "4")
    assert set(row["parties"].split("; ")) == {"Ana María A (member)", "Pía A (peer_mentor)"}
    assert set(row["signed"].split("; ")) == {
        f"Ana María A: {(SIGNED + timedelta(minutes=5)).isoformat()}",
        f"Pía A: {(SIGNED + timedelta(minutes=10)).isoformat()}",
    }
    assert row["sent_at"] == SIGNED.isoformat()


def test_another_programs_lists_are_404_and_members_are_refused(client, auth, two):
    a, b = two["A"], two["B"]
    auth.login(as_=b.coordinator)
    exports = f"/p/{a.program.slug}/evidence/exports"
    for path in (
        "people.csv",
        "ventures.csv",
        "teams.csv",
        "meetings.csv",
        "agreements.csv",
        f"peer/events/{a.event.id}/rankings.csv",
        f"peer/events/{a.event.id}/pairs.csv",
    ):
        assert client.get(f"{exports}/{path}").status_code == 404, path
    own = f"/p/{b.program.slug}/evidence/exports"
    assert client.get(f"{own}/people.csv?cohort={a.cohort.id}").status_code == 404
    assert client.get(f"{own}/peer/events/{a.event.id}/pairs.csv").status_code == 404
    auth.logout()
    auth.login(as_=a.jose)
    assert client.get(f"{exports}/people.csv").status_code == 403


# -- a fixed number of statements, whatever the size -----------------------------------------


def grow(small: Small, first: int, units: int) -> None:
    """``units`` more of everything each export lists (numbered from ``first``)."""
    program, cohort = small.program, small.cohort
    areas = taxonomy.terms(program, TaxonomyKind.EXPERTISE)
    for n in range(first, first + units):
        mentor = User(email=f"m{n}-{program.id}@example.org", name=f"Mentor {n}", password_hash="x")
        founder = User(email=f"f{n}-{program.id}@example.org", name=f"Founder {n}",
                       password_hash="x")  # fmt: skip
        db.session.add_all([mentor, founder])
        db.session.flush()
        cohorts.add_member(mentor, program, Role.MENTOR, cohort)
        cohorts.add_member(founder, program, Role.ENTREPRENEUR, cohort)
        venture = Venture(program_id=program.id, name=f"Venture {n}", cohort_id=cohort.id,
                          founders=[VentureFounder(user=founder, name=founder.name)],
                          assessment=[VentureNeed(term=areas[n % 5], strength=3)])  # fmt: skip
        team = Team(program_id=program.id, venture=venture,
                    members=[TeamMember(mentor=mentor, is_lead=True)])  # fmt: skip
        db.session.add(team)
        db.session.flush()
        start = MEETING_AT + timedelta(days=n)
        meeting = Meeting(
            program_id=program.id,
            kind=MeetingKind.TEAM,
            team_id=team.id,
            title=f"M{n}",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            timezone="UTC",
            invitees=[Invitee(user_id=mentor.id), Invitee(user_id=founder.id)],
        )
        small.event.participants.append(PeerParticipant(user_id=founder.id, role=PeerRole.MEMBER))
        ranking = PeerRanking(event_id=small.event.id, ranker_id=founder.id, ranked_id=small.pia.id,
                              rank=1)  # fmt: skip
        pair = PeerPair(event=small.event, member_id=founder.id, mentor_id=small.pia.id, rank=1,
                        published_at=SIGNED)  # fmt: skip
        db.session.add_all([team, meeting, ranking, pair])
        db.session.flush()
        agreement = agreements.make_for_pair(program, pair, small.coordinator, CLIENT, SIGNED)
        agreements.send_for_signature(agreement, small.coordinator, CLIENT, SIGNED)
        sign_as(agreement, founder, SIGNED)
    db.session.commit()


def statements_of(app: Flask, client, url: str) -> int:
    counted = []

    def count(*_args) -> None:
        counted.append(1)

    client.get(url)  # the first pays for one-time loads
    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(counted)


def test_each_export_issues_the_same_statements_at_two_sizes(app, client, auth, two):
    a = two["A"]
    auth.login(as_=a.coordinator)
    base = f"/p/{a.program.slug}/evidence/exports"
    urls = [f"{base}/{path}" for path in (
        "people.csv", f"people.csv?cohort={a.cohort.id}", "ventures.csv", "teams.csv",
        "meetings.csv", f"peer/events/{a.event.id}/rankings.csv",
        f"peer/events/{a.event.id}/pairs.csv", "agreements.csv")]  # fmt: skip
    grow(a, 0, 1)
    small = {url: statements_of(app, client, url) for url in urls}
    grow(a, 1, 12)
    large = {url: statements_of(app, client, url) for url in urls}
    assert large == small
    assert max(small.values()) <= 12
    assert len(download(client, f"{base}/agreements.csv")) == 1 + 1 + 13
    assert len(download(client, f"{base}/meetings.csv")) == 1 + 2 + 13 * 2


def test_each_page_links_its_export_with_its_filter(client, auth, two):
    a = two["A"]
    auth.login(as_=a.coordinator)
    slug, exports = a.program.slug, f"/p/{a.program.slug}/evidence/exports"
    links = {
        f"/p/{slug}/cohorts": f'href="{exports}/people.csv"',
        f"/p/{slug}/cohorts/{a.cohort.id}": f'href="{exports}/people.csv?cohort={a.cohort.id}"',
        f"/p/{slug}/screening/ventures?status=accepted&q=caf":
            f'href="{exports}/ventures.csv?status=accepted&amp;q=caf"',
        f"/p/{slug}/teams": f'href="{exports}/teams.csv"',
        f"/p/{slug}/meetings?when=past": f'href="{exports}/meetings.csv?when=past"',
        f"/p/{slug}/mentor-meetings": f'href="{exports}/meetings.csv?kind=mentor_meeting"',
        f"/p/{slug}/peer/events/{a.event.id}/pairing":
            f'href="{exports}/peer/events/{a.event.id}/pairs.csv"',
        f"/p/{slug}/agreements": f'href="{exports}/agreements.csv"',
    }  # fmt: skip
    for page, link in links.items():
        response = client.get(page)
        assert response.status_code == 200, page
        assert link in response.get_data(as_text=True), page
