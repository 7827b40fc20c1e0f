"""The dashboard of the hand-made program (tests/evidence/conftest.py): every number worked out
by hand from the world's story, the filter narrowing each, the CSV of each table, and who may
see it."""

from __future__ import annotations

import base64
import csv
import io
import re
from datetime import timedelta

from vms.auth.models import Role
from vms.evidence.measures.models import MeasureSettings
from vms.extensions import db


def _rows(client, program, table: str, **args) -> list[list[str]]:
    response = client.get(f"/p/{program.slug}/evidence/export.csv",
                          query_string={"table": table, **args})  # fmt: skip
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def _counts(rows: list[list[str]]) -> dict[str, str]:
    return {row[0]: row[1] for row in rows[1:]}


def test_the_funnel_counts_each_stage(ew, client, auth):
    auth.login(ew.coordinator)
    rows = _rows(client, ew.program, "funnel")
    # Five applied; Dune was never accepted; Alder, Birch and Elm have teams; Alder and Birch
    # met; only Alder held four meetings (the cancelled and the coming one do not count).
    assert rows[1:] == [["Applied", "5", "100%"], ["Accepted", "4", "80%"],
                        ["Teamed", "3", "60%"], ["First meeting held", "2", "40%"],
                        ["Meaningful connection", "1", "20%"]]  # fmt: skip


def test_the_filter_narrows_every_number(ew, client, auth):
    auth.login(ew.coordinator)
    cohort_one = {"cohort": ew.one.id}
    assert list(_counts(_rows(client, ew.program, "funnel", **cohort_one)).values()) == [
        "2", "2", "2", "2", "1"]  # Alder and Birch  # fmt: skip
    # From 50 days ago: Cedar, Dune and Elm applied; only Elm has a team, and no meeting.
    since = (ew.now - timedelta(days=50)).date().isoformat()
    recent = {"starts_on": since}
    assert list(_counts(_rows(client, ew.program, "funnel", **recent)).values()) == [
        "3", "2", "1", "0", "0"]  # fmt: skip
    # Meetings from 50 days ago: Alder's four (50 days ago is the first day, included) and
    # Birch's one; new teams: Elm only (Alder's and Birch's came before the range).
    months = _rows(client, ew.program, "monthly", **recent)[1:]
    assert sum(int(r[1]) for r in months) == 5
    assert sum(int(r[2]) for r in months) == 1
    # The pairs: both of cohort One; from 20 days ago only Ivo's (3rd choice).
    assert _counts(_rows(client, ew.program, "speed_dating", **cohort_one)) == {
        "1st choice": "1", "2nd choice": "0", "Other": "1"}  # fmt: skip
    later = {"starts_on": (ew.now - timedelta(days=20)).date().isoformat()}
    assert _counts(_rows(client, ew.program, "speed_dating", **later)) == {
        "1st choice": "0", "2nd choice": "0", "Other": "1"}  # fmt: skip
    # Agreements are all Alder's (cohort One): none in cohort Two.
    assert (
        _counts(_rows(client, ew.program, "agreements", cohort=ew.two.id))["All agreements"] == "0"
    )


def test_time_to_team_meaningful_connections_and_trends(ew, client, auth):
    auth.login(ew.coordinator)
    # Days to a team: Alder 40, Birch 10, Elm 25.
    assert _counts(_rows(client, ew.program, "time_to_team")) == {
        "0–30 days": "2", "31–60 days": "1", "61–90 days": "0", "91–180 days": "0",
        "over 180 days": "0"}  # fmt: skip
    # Teamed ventures by meetings held: Elm 0, Birch 1, Alder 4.
    assert _counts(_rows(client, ew.program, "meaningful")) == {
        "0": "1", "1": "1", "2": "0", "3": "0", "≥ 4": "1"}  # fmt: skip
    months = {r[0]: r for r in _rows(client, ew.program, "monthly")[1:]}
    assert len(months) == 12
    expected: dict[str, int] = {}
    for days in (50, 40, 30, 20, 45):
        month = (ew.now - timedelta(days=days)).strftime("%Y-%m")
        expected[month] = expected.get(month, 0) + 1
    assert {m: int(r[1]) for m, r in months.items() if int(r[1])} == expected
    this_month = ew.now.strftime("%Y-%m")
    assert months[this_month][3] == "3"  # three live teams by this month's end
    html = client.get(f"/p/{ew.program.slug}/evidence").get_data(as_text=True)
    assert "4 meetings held" not in html and "at least 4 team meetings" in html


def test_speed_dating_and_agreements(ew, client, auth):
    auth.login(ew.coordinator)
    assert _counts(_rows(client, ew.program, "speed_dating")) == {
        "1st choice": "1", "2nd choice": "0", "Other": "1"}  # fmt: skip
    assert _counts(_rows(client, ew.program, "agreements")) == {
        "Signed": "2", "Active": "1", "Completed": "1", "All agreements": "3"}  # fmt: skip


def test_which_factors_lead_to_a_team(ew, client, auth):
    auth.login(ew.coordinator)
    # Self-assessed: Alder (teamed in 40 days, meaningful). Not: Birch (10), Cedar, Dune, Elm (25).
    rows = _rows(client, ew.program, "factor_assessed")
    assert rows[0] == ["Self-assessment", "Ventures", "Teamed", "Share teamed",
                       "Median days to team", "Meaningful connections"]  # fmt: skip
    assert rows[1:] == [["No", "4", "2", "50%", "17.5", "0"], ["Yes", "1", "1", "100%", "40", "1"]]
    stage = {r[0]: r[1:] for r in _rows(client, ew.program, "factor_stage")[1:]}
    assert stage == {"Not given": ["3", "1", "33%", "25", "0"],
                     "Idea": ["1", "1", "100%", "40", "1"],
                     "Revenue": ["1", "1", "100%", "10", "0"]}  # fmt: skip


def test_the_threshold_is_the_programs_own(ew, client, auth):
    auth.login(ew.coordinator)
    page = client.get(f"/p/{ew.program.slug}/evidence/settings")
    assert page.status_code == 200
    refused = client.post(f"/p/{ew.program.slug}/evidence/settings",
                          data={"meaningful_meetings": "0"})  # fmt: skip
    assert "Please enter a number from 1 to 24." in refused.get_data(as_text=True)
    assert 'value="0"' in refused.get_data(as_text=True)  # what was typed stays
    client.post(f"/p/{ew.program.slug}/evidence/settings", data={"meaningful_meetings": "1"})
    assert db.session.get(MeasureSettings, ew.program.id).meaningful_meetings == 1
    # Now Birch (one meeting) is a meaningful connection too.
    assert _counts(_rows(client, ew.program, "funnel"))["Meaningful connection"] == "2"


def test_the_page_has_charts_without_external_references_and_tables(ew, client, auth):
    auth.login(ew.coordinator)
    response = client.get(f"/p/{ew.program.slug}/evidence")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    images = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert len(images) >= 8
    for encoded in images:
        svg = base64.b64decode(encoded).decode()
        assert not re.search(r'(?:href|src)\s*=\s*"(?!#)', svg)  # nothing loaded from outside
        assert "@import" not in svg and "url(http" not in svg
    assert html.count("<caption>") == html.count('class="evidence-chart"') + html.count(
        'class="empty-state"'
    ) or html.count("<caption>") >= len(images)
    assert '<th scope="col">Stage</th>' in html and '<th scope="row">Applied</th>' in html
    assert 'id="funnel-definition"' in html


def test_a_wrong_filter_is_answered_next_to_the_field(ew, client, auth):
    auth.login(ew.coordinator)
    backwards = {"starts_on": "2027-03-10", "ends_on": "2027-03-01"}
    response = client.get(f"/p/{ew.program.slug}/evidence", query_string=backwards)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "The end comes before the start." in html and 'value="2027-03-10"' in html
    assert client.get(f"/p/{ew.program.slug}/evidence", query_string={"starts_on": "soon"}
                      ).status_code == 400  # fmt: skip
    assert client.get(f"/p/{ew.program.slug}/evidence/export.csv",
                      query_string={"table": "nothing"}).status_code == 404  # fmt: skip


def test_an_empty_program_says_what_to_do_next(app, client, auth, make_program, make_member):
    program = make_program("Empty Program")
    coordinator = make_member(program, Role.COORDINATOR)
    auth.login(coordinator)
    html = client.get(f"/p/{program.slug}/evidence").get_data(as_text=True)
    assert "No venture applied in this range." in html
    assert "Publish teams from the team overview." in html
    assert "Teams and pairs at risk" in html


def test_only_the_programs_coordinators_see_it(ew, client, auth, make_program, make_member):
    for person in (ew.mentors[0], ew.founders["Alder"]):
        auth.login(person)
        for path in ("evidence", "evidence/at-risk", "evidence/settings",
                     "evidence/export.csv?table=funnel"):  # fmt: skip
            assert client.get(f"/p/{ew.program.slug}/{path}").status_code == 403
        auth.logout()
    other = make_member(make_program("Other Program"), Role.COORDINATOR)
    auth.login(other)
    assert client.get(f"/p/{ew.program.slug}/evidence").status_code == 404


def test_the_mentor_commitment_ledger(ew, client, auth):
    auth.login(ew.coordinator)
    response = client.get(f"/p/{ew.program.slug}/evidence/mentors")
    assert response.status_code == 200
    body = response.get_data(as_text=True).split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r)).strip()
            for r in body.split("</tr>") if r.strip()]  # fmt: skip
    # Mentor 1 came to Alder's four meetings and the monthly one; Mentor 2 missed Birch's
    # one and was not marked at the monthly one; Mentor 3 was invited to nothing held.
    assert rows == ["Mentor 1 2 4 of 4 1 of 1 (100%)", "Mentor 2 1 0 of 1 0 of 1 (0%)",
                    "Mentor 3 1 0 of 0 0 of 0"]  # fmt: skip
    # From 30 days ago: Alder's meetings 30 and 20 days ago, and the monthly one.
    since = (ew.now - timedelta(days=30)).date().isoformat()
    html = client.get(f"/p/{ew.program.slug}/evidence/mentors",
                      query_string={"starts_on": since}).get_data(as_text=True)  # fmt: skip
    assert "2 of 2" in html and "0 of 1" in html  # Birch's meeting (45 days ago) is out
    download = client.get(f"/p/{ew.program.slug}/evidence/mentors.csv")
    rows = list(csv.reader(io.StringIO(download.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[1:] == [["Mentor 1", "2", "4", "4", "1", "1"],
                        ["Mentor 2", "1", "0", "1", "0", "1"],
                        ["Mentor 3", "1", "0", "0", "0", "0"]]  # fmt: skip
