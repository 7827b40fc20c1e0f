"""The requirement: when a program turns it on, the team builder never proposes an
unprepared mentor and every team edit refuses one with the reason; mentors already on teams
stay, and the coordinator is told who they are; turned off, everything is as before."""

from __future__ import annotations

import pytest

from tests.cohorts.test_team_flow import TeamWorld, _propose, _team, _url, tw  # noqa: F401
from vms.cohorts.teams.models import TeamMember
from vms.extensions import db
from vms.onboarding.preparation import services
from vms.onboarding.preparation.models import CompletionHow, StepWay
from vms.onboarding.preparation.services import StepDetails
from vms.scheduling.models import MeetingKind

CONFIRMED = {"confirmed": "yes"}


@pytest.fixture
def steps(tw: TeamWorld):  # noqa: F811
    """Two steps; every signed mentor has done both except Lena and Ravi (none done)."""
    session = services.add_step(tw.program, StepDetails(
        "Orientation session", "", StepWay.EVENT, MeetingKind.MENTOR_MEETING))  # fmt: skip
    handbook = services.add_step(tw.program, StepDetails("Handbook", "", StepWay.CONFIRMED))
    for name, mentor in tw.mentors.items():
        if name not in ("Lena", "Ravi"):
            for step in (session, handbook):
                services.complete(step, mentor, CompletionHow.MARKED, marked_by=tw.coordinator)
    db.session.commit()
    return session, handbook


def _require(client, tw, on=True):  # noqa: F811
    data = {"required": "on", **CONFIRMED} if on else {}
    return client.post(f"/p/{tw.program.slug}/preparation/requirement", data=data,
                       follow_redirects=True)  # fmt: skip


def test_the_builder_never_proposes_an_unprepared_mentor(client, auth, tw, steps):  # noqa: F811
    auth.login(as_=tw.coordinator)
    assert "Mentors must now complete" in _require(client, tw).get_data(as_text=True)
    _propose(client, tw)
    unprepared = {tw.mentors["Lena"].id, tw.mentors["Ravi"].id}
    for venture in tw.ventures:
        team = _team(venture)
        assert team.members and not {m.mentor_id for m in team.members} & unprepared


def test_every_team_edit_refuses_an_unprepared_mentor_with_the_reason(client, auth, tw, steps):  # noqa: F811
    auth.login(as_=tw.coordinator)
    _require(client, tw)
    _propose(client, tw, tw.ventures[0])
    team = _team(tw.ventures[0])
    before = sorted(m.mentor_id for m in team.members)
    reason = "Lena Lead has 2 orientation steps left: Orientation session, Handbook."
    lena = tw.mentors["Lena"].id
    added = client.post(_url(tw, team, "/members"), data={"mentor_id": lena})
    assert added.status_code == 400 and reason in added.get_data(as_text=True)
    leaving = next(m.mentor_id for m in team.members if not m.is_lead)
    swapped = client.post(_url(tw, team, "/swap"), data={"out_id": leaving, "in_id": lena})
    assert swapped.status_code == 400 and reason in swapped.get_data(as_text=True)
    assert sorted(m.mentor_id for m in _team(tw.ventures[0]).members) == before
    # The team page shows the reason next to the candidate.
    page = client.get(_url(tw, team, "?q=Lena")).get_data(as_text=True)
    assert reason in page
    # Making an unprepared member (on the team before the rule) the lead is refused too.
    db.session.add(TeamMember(team_id=team.id, mentor_id=lena))
    db.session.commit()
    lead = client.post(_url(tw, team, f"/members/{lena}/lead"), follow_redirects=True)
    assert reason in lead.get_data(as_text=True)
    assert _team(tw.ventures[0]).lead.mentor_id != lena


def test_the_rule_off_again_lets_them_join(client, auth, tw, steps):  # noqa: F811
    auth.login(as_=tw.coordinator)
    _require(client, tw)
    _require(client, tw, on=False)
    _propose(client, tw, tw.ventures[0])
    team = _team(tw.ventures[0])
    ravi = tw.mentors["Ravi"].id
    if ravi not in {m.mentor_id for m in team.members}:
        response = client.post(_url(tw, team, "/members"), data={"mentor_id": ravi})
        assert "orientation step" not in response.get_data(as_text=True)
    assert ravi in {m.mentor_id for m in _team(tw.ventures[0]).members}


def test_turning_it_on_names_who_is_on_a_team_unprepared(client, auth, tw, steps):  # noqa: F811
    auth.login(as_=tw.coordinator)
    _propose(client, tw)  # the rule is off: Lena and Ravi may be proposed
    on_teams = {m.mentor_id for v in tw.ventures for m in _team(v).members}
    for name in ("Lena", "Ravi"):
        if tw.mentors[name].id not in on_teams:
            db.session.add(TeamMember(team_id=_team(tw.ventures[1]).id,
                                      mentor_id=tw.mentors[name].id))  # fmt: skip
    db.session.commit()
    page = _require(client, tw).get_data(as_text=True)
    assert ("2 mentors already on teams are not prepared and stay on them: "
            "Lena Lead, Ravi.") in page  # fmt: skip
    still = {m.mentor_id for v in tw.ventures for m in _team(v).members}
    assert {tw.mentors["Lena"].id, tw.mentors["Ravi"].id} <= still
    # Spanish too.
    _require(client, tw, on=False)
    client.post("/language", data={"locale": "es", "next": "/"})
    assert "Lena Lead, Ravi" in _require(client, tw).get_data(as_text=True)


def test_turning_it_on_needs_the_confirmation(client, auth, tw, steps):  # noqa: F811
    auth.login(as_=tw.coordinator)
    client.post(f"/p/{tw.program.slug}/preparation/requirement", data={"required": "on"})
    assert not services.is_required(tw.program)


def test_a_capped_list_says_how_many_more(app, tw, steps):  # noqa: F811
    from vms.onboarding.preparation.views import _not_prepared_note

    with app.test_request_context():
        note = _not_prepared_note([f"M{i}" for i in range(7)])
    assert "7 mentors already on teams" in note and "M0, M1, M2, M3, M4." in note
    assert note.endswith("…and 2 more.")
