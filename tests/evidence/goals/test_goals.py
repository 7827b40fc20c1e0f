"""Day-one goals: asked once by email when a team is published or peer pairs are, prompted
on the founder's (member's) pages until stated, stated and edited only by them, read by the
team's or pair's people and the coordinators."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.agreements.agreement_world import CLIENT, NOW
from tests.cohorts.test_team_flow import _propose, _team, _url
from tests.conftest import PASSWORD, Auth
from tests.every_page_peer import hold, rank_and_publish
from tests.support import CONFIRMED, WebSession, at_once, link_in, serving, text_of
from tests.test_authorization import _plan
from vms.agreements import services as agreements
from vms.auth.models import Role
from vms.database import now_utc
from vms.evidence.goals import queries
from vms.evidence.goals import services as goals
from vms.evidence.goals.models import Goal
from vms.extensions import db
from vms.mail.delivery import deliver_all
from vms.notifications.models import Notification
from vms.peer.choices.models import PeerPair
from vms.peer.models import EventStatus

ASKED = "in one sentence"


def _asks(smtp, address: str) -> list:
    return [m for m in smtp.to(address) if ASKED in m["Subject"]]


def _publish(client, tw):
    _propose(client, tw, tw.ventures[0])
    team = _team(tw.ventures[0])
    client.post(_url(tw, team, "/publish"), data=CONFIRMED)
    return _team(tw.ventures[0])


def test_publishing_a_team_asks_its_founders_once(client, auth, tw, smtp, app):
    auth.login(as_=tw.coordinator)
    smtp.clear()
    team = _publish(client, tw)
    # The second click is refused and asks nobody.
    client.post(_url(tw, team, "/publish"), data=CONFIRMED)
    deliver_all()
    asked = _asks(smtp, tw.founder.email)
    assert len(asked) == 1
    assert f"/goals/teams/{team.id}" in link_in(asked[0], "/goals/teams/")
    assert "Alpha" in asked[0]["Subject"]
    # The founder without an account has no page to state it on: no ask.
    assert _asks(smtp, "alpha@example.org") == []
    assert not [m for m in smtp.messages if ASKED in m["Subject"]
                and m["To"] != tw.founder.email]  # fmt: skip
    rows = db.session.scalar(select(func.count()).select_from(Notification)
                             .where(Notification.kind == "team.goal_ask"))  # fmt: skip
    assert rows == 1


def test_the_prompt_shows_until_the_goal_is_stated(client, auth, tw, app):
    auth.login(as_=tw.coordinator)
    team = _publish(client, tw)
    founder = app.test_client()
    Auth(founder).login(as_=tw.founder)
    slug = tw.program.slug
    home = founder.get(f"/p/{slug}/").get_data(as_text=True)
    assert "State your day-one goal" in home and f"/goals/teams/{team.id}" in home
    mine = founder.get(f"/p/{slug}/my-teams").get_data(as_text=True)
    assert "Your goal is not stated yet" in mine
    answer = founder.post(f"/p/{slug}/goals/teams/{team.id}",
                          data={"text": "  Ten paying\nschools by June.  "})  # fmt: skip
    assert answer.status_code == 302
    assert queries.goal_for_team(team.id).text == "Ten paying schools by June."
    assert "State your day-one goal" not in founder.get(f"/p/{slug}/").get_data(as_text=True)
    mine = founder.get(f"/p/{slug}/my-teams").get_data(as_text=True)
    assert "Your goal is not stated yet" not in mine and "Ten paying schools by June." in mine
    # The team's mentors read it on their teams; the coordinators on the team page.
    lead = app.test_client()
    Auth(lead).login(as_=team.lead.mentor)
    assert "Ten paying schools by June." in lead.get(f"/p/{slug}/my-teams").get_data(as_text=True)
    page = client.get(_url(tw, team)).get_data(as_text=True)
    assert "Ten paying schools by June." in page and "Stated by Fiona Founder" in page


def test_only_the_founders_state_it_and_an_edit_keeps_who_and_when(client, auth, tw, app):
    auth.login(as_=tw.coordinator)
    team = _publish(client, tw)
    url = f"/p/{tw.program.slug}/goals/teams/{team.id}"
    for person in (tw.coordinator, team.lead.mentor):
        other = app.test_client()
        Auth(other).login(as_=person)
        assert other.get(url).status_code == 404
        assert other.post(url, data={"text": "Theirs."}).status_code == 404
    founder = app.test_client()
    Auth(founder).login(as_=tw.founder)
    founder.post(url, data={"text": "First words."})
    first = queries.goal_for_team(team.id)
    stated_at = first.stated_at
    assert first.changed_at is None
    founder.post(url, data={"text": "Better words."})
    db.session.expire_all()
    goal = queries.goal_for_team(team.id)
    assert goal.id == first.id and goal.text == "Better words."
    assert goal.stated_by_id == tw.founder.id and goal.stated_at == stated_at
    assert goal.changed_by_id == tw.founder.id and goal.changed_at >= stated_at
    assert db.session.scalar(select(func.count()).select_from(Goal)) == 1


def test_a_refused_goal_keeps_what_was_typed(client, auth, tw, app):
    auth.login(as_=tw.coordinator)
    team = _publish(client, tw)
    founder = app.test_client()
    Auth(founder).login(as_=tw.founder)
    url = f"/p/{tw.program.slug}/goals/teams/{team.id}"
    empty = founder.post(url, data={"text": "   "})
    assert empty.status_code == 400
    assert "Write your goal in one sentence." in empty.get_data(as_text=True)
    long = "Grow " * 60
    refused = founder.post(url, data={"text": long})
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "at most 280 characters" in page and long.strip() in page
    assert queries.goal_for_team(team.id) is None


def test_a_draft_team_or_another_programs_team_has_no_goal_page(
    client,
    auth,
    tw,
    app,
    make_program,
    make_member,
):
    auth.login(as_=tw.coordinator)
    _propose(client, tw, tw.ventures[0])
    draft = _team(tw.ventures[0])
    founder = app.test_client()
    Auth(founder).login(as_=tw.founder)
    assert founder.get(f"/p/{tw.program.slug}/goals/teams/{draft.id}").status_code == 404
    other = make_program("Other Program")
    make_member(other, Role.ENTREPRENEUR, name="Elsewhere")
    assert founder.get(f"/p/{other.slug}/goals/teams/{draft.id}").status_code == 404


def test_the_member_states_the_pairs_goal_and_both_read_it(app, aw):
    url = f"/p/{aw.program.slug}/goals/pairs/{aw.pair.id}"
    peer = app.test_client()
    Auth(peer).login(as_=aw.peer)
    assert peer.get(url).status_code == 404
    member = app.test_client()
    Auth(member).login(as_=aw.member)
    home = member.get(f"/p/{aw.program.slug}/").get_data(as_text=True)
    assert "Your goal with Pat Peer" in home
    assert member.post(url, data={"text": "Price my first product."}).status_code == 302
    assert queries.goal_for_pair(aw.pair.id).text == "Price my first product."
    assert "Your goal with Pat Peer" not in member.get(f"/p/{aw.program.slug}/").get_data(
        as_text=True
    )
    found = queries.goals_for(teams=[aw.team.id], pairs=[aw.pair.id])
    assert found.by_team == {} and list(found.by_pair) == [aw.pair.id]


def test_publishing_pairs_asks_each_member_once(app, world, smtp):
    a = world["A"]
    now = now_utc()
    event = _plan(a, "Paired evening", now.replace(hour=22, minute=0) - timedelta(days=3))
    hold(event)
    smtp.clear()
    rank_and_publish(event, now - timedelta(hours=1))
    db.session.commit()
    deliver_all()
    pair = db.session.scalar(select(PeerPair).filter_by(event_id=event.id))
    asked = _asks(smtp, a.entrepreneur.email)
    assert len(asked) == 1 and f"/goals/pairs/{pair.id}" in text_of(asked[0])
    assert a.peer_mentor.name in asked[0]["Subject"]
    assert _asks(smtp, a.peer_mentor.email) == []  # the member states it, not the peer mentor
    assert event.status is EventStatus.PAIRED


def test_the_pairs_goal_shows_on_its_agreement_page_to_the_parties(app, aw):
    agreement = agreements.make_for_pair(aw.program, aw.pair, aw.coordinator, CLIENT, NOW)
    goals.state_pair_goal(aw.program, aw.pair, "Price my first product.", aw.member)
    db.session.commit()
    url = f"/p/{aw.program.slug}/agreements/{agreement.id}"
    for person in (aw.member, aw.peer, aw.coordinator):
        client = app.test_client()
        Auth(client).login(as_=person)
        page = client.get(url).get_data(as_text=True)
        assert "Price my first product." in page, person.name
        assert ("Change the goal" in page) is (person == aw.member)
    outsider = app.test_client()
    Auth(outsider).login(as_=aw.outsider)
    assert outsider.get(url).status_code == 404


def test_a_spanish_founder_is_asked_in_spanish(client, auth, tw, smtp, app):
    tw.founder.locale = "es"
    db.session.commit()
    auth.login(as_=tw.coordinator)
    smtp.clear()
    _publish(client, tw)
    deliver_all()
    asked = [m for m in smtp.to(tw.founder.email) if "en una frase" in m["Subject"]]
    assert len(asked) == 1
    assert "con sus propias palabras" in text_of(asked[0])


@pytest.fixture
def live(app, make_app):
    with serving(make_app()) as url:
        yield url


def test_two_identical_posts_at_once_state_one_goal(aw, live):
    url = f"/p/{aw.program.slug}/goals/teams/{aw.team.id}"  # the threads have no app context
    sessions = [WebSession(live).sign_in(aw.founder.email, PASSWORD) for _ in range(2)]
    replies = at_once([lambda s=s: s.post(url, {"text": "One goal."}) for s in sessions])
    assert [r.status for r in replies] == [302, 302]
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Goal)) == 1
