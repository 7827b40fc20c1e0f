"""The team pages at scale (issue 16): each reads only what it shows, and says the same.

A restricted pool judges its mentors as the whole pool does; the SQL twin of the rules
finds exactly the teams ``problems`` finds; the repair drawn from a few mentors is the one
drawn from everyone; the team page searches mentors on the server; the overview, the load
page and the homes are paged or capped, with their counts from SQL.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from sqlalchemy import delete, event, select

from tests.conftest import PASSWORD, Auth
from vms.auth.models import Membership, Role, User
from vms.auth.passwords import hash_password
from vms.cohorts.models import MentorProfile, Program, Venture, VentureStatus
from vms.cohorts.teams import repair_team
from vms.cohorts.teams import services as team_services
from vms.cohorts.teams.builder.repair import Repair
from vms.cohorts.teams.candidates import SHOWN, team_pool
from vms.cohorts.teams.load import MENTORS_PER_PAGE
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.cohorts.teams.pool import Pool, builder_venture
from vms.cohorts.teams.queries import TEAMS_PER_PAGE
from vms.cohorts.teams.rules import MAX_SIZE, MIN_SIZE, breaks_a_rule, problems
from vms.database import now_utc
from vms.extensions import db
from vms.screening.conflicts.models import Recusal
from vms.screening.principles import services as principles
from vms.screening.principles.models import Signature

AREAS = ["Marketing", "Sales", "Finance", "Fundraising", "Legal", "Product", "Technology"]
BACKGROUNDS = ["Software", "Energy", "Retail", "Law", "Media", "", "Biotech"]


@dataclass
class Crowd:
    """A program with many mentors, built without the slow paths (one row each)."""

    program: Program
    coordinator: User
    #: One password hash for everyone (hashing is slow on purpose).
    password_hash: str
    mentors: list[User] = field(default_factory=list)
    ventures: list[Venture] = field(default_factory=list)
    _n: int = 0

    def mentor(self, name=None, background="Software", expertise=("Sales",), lead=False,
               capacity=1, weekdays=(), signed=True) -> User:  # fmt: skip
        self._n += 1
        user = User(email=f"crowd{self._n}@example.org", name=name or f"Mentor {self._n:03d}",
                    password_hash=self.password_hash)  # fmt: skip
        db.session.add(user)
        db.session.flush()
        db.session.add(Membership(user_id=user.id, program_id=self.program.id, role=Role.MENTOR))
        db.session.add(MentorProfile(
            program_id=self.program.id, user_id=user.id, industry=background, function="",
            expertise=list(expertise), lead_eligible=lead, capacity=capacity,
            weekdays=list(weekdays)))  # fmt: skip
        if signed:
            self.sign(user)
        self.mentors.append(user)
        return user

    def sign(self, user: User, days_ago: int = 0) -> None:
        version = principles.current_version(self.program)
        db.session.add(Signature(
            version=version, user_id=user.id, typed_name=user.name, consented=True,
            signed_at=now_utc() - timedelta(days=days_ago), ip_address="127.0.0.1",
            user_agent="test", text_sha256=version.text_sha256))  # fmt: skip

    def venture(self, name: str, needs=("Sales",), day=None) -> Venture:
        venture = Venture(program_id=self.program.id, name=name, needs=list(needs),
                          status=VentureStatus.TEAMED, meeting_weekday=day)  # fmt: skip
        db.session.add(venture)
        db.session.flush()
        self.ventures.append(venture)
        return venture

    def team(self, venture: Venture, members: list[User], lead: User | None = None,
             published: bool = True) -> Team:  # fmt: skip
        lead = lead if lead is not None else (members[0] if members else None)
        team = Team(program_id=self.program.id, venture=venture, members=[
            TeamMember(mentor=m, is_lead=m is lead) for m in members])  # fmt: skip
        if published:
            team.publish(self.coordinator, now_utc())
        db.session.add(team)
        db.session.flush()
        return team


@pytest.fixture
def crowd(app, make_program, make_member) -> Crowd:
    program = make_program("Crowd Program")
    coordinator = make_member(program, Role.COORDINATOR, name="Casey Coordinator")
    return Crowd(program, coordinator, hash_password(PASSWORD))


def _statements(client, url: str) -> tuple[int, str]:
    db.session.commit()
    db.session.expire_all()
    found = []

    def record(*_args):
        found.append(1)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        response = client.get(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert response.status_code == 200, (url, response.status_code)
    return len(found), response.get_data(as_text=True)


# -- the pool, the rules in SQL and the repair, without the web ------------------------------


def test_a_restricted_pool_judges_its_mentors_as_the_whole_pool_does(crowd):
    signed = crowd.mentor("Signed", capacity=2)
    unsigned = crowd.mentor("Unsigned", signed=False)
    lapsed = crowd.mentor("Lapsed", signed=False)
    crowd.sign(lapsed, days_ago=400)
    others = [crowd.mentor() for _ in range(5)]
    venture = crowd.venture("Alpha")
    crowd.team(venture, [signed, *others[:2]])
    db.session.add(Recusal(program_id=crowd.program.id, mentor_id=signed.id,
                           venture_id=crowd.venture("Beta").id, reason="test"))  # fmt: skip
    db.session.flush()
    everyone = Pool(crowd.program)
    chosen = [signed.id, unsigned.id, lapsed.id]
    few = Pool(crowd.program, mentor_ids=chosen)
    assert set(few.mentors) == set(chosen) and len(everyone.mentors) == 8
    for mentor_id in chosen:
        assert few.mentors[mentor_id].signed == everyone.mentors[mentor_id].signed
        assert few.load(mentor_id) == everyone.load(mentor_id)
        assert few.builder_mentor(mentor_id) == everyone.builder_mentor(mentor_id)
    assert few.conflicts == {c for c in everyone.conflicts if c[0] in chosen}
    assert [few.mentors[m].signed for m in chosen] == [True, False, False]
    few.include([others[0].id, signed.id])  # only the new one is read
    assert few.load(others[0].id) == 1 and len(few.mentors) == 4


def _broken_world(crowd: Crowd) -> dict[str, Team]:
    """One published team per way of breaking a rule, a healthy one, and a draft."""
    m = crowd.mentor
    lead = [m(f"Lead {i}", lead=True, capacity=3) for i in range(9)]
    plain = [m(f"Plain {i}", capacity=3) for i in range(16)]
    teams = {}

    def team(name, members, lead_of=None, day=None, published=True):
        teams[name] = crowd.team(crowd.venture(name, day=day), members, lead_of, published)

    team("healthy", [lead[0], plain[0], plain[1]])
    team("too small", [lead[1], plain[2]])
    team("too big", [lead[2], *plain[3:7], m("Sixth")])
    team("no lead", [plain[8], plain[9], plain[10]], lead_of=False)
    team("lead not eligible", [plain[11], lead[3], plain[12]], lead_of=plain[11])
    recused = m("Recused")
    team("conflict", [lead[4], plain[13], recused])
    db.session.add(Recusal(program_id=crowd.program.id, mentor_id=recused.id,
                           venture_id=teams["conflict"].venture_id, reason="test"))  # fmt: skip
    team("wrong day", [lead[5], plain[14], m("Tuesdays", weekdays=[2, 4])], day=3)
    team("right day", [lead[6], plain[15], m("Wednesdays", weekdays=[1, 3])], day=3)
    busy = m("Busy", capacity=1)
    team("over capacity", [lead[7], plain[0], busy])
    team("busy's draft", [busy], published=False)
    gone = m("Gone")
    team("left the program", [lead[8], plain[1], gone])
    db.session.execute(delete(Membership).where(Membership.user_id == gone.id))
    db.session.flush()
    return teams


def test_the_rules_in_sql_find_exactly_the_teams_problems_finds(crowd):
    teams = _broken_world(crowd)
    pool = Pool(crowd.program)
    expected = {t.id for t in teams.values()
                if t.status is TeamStatus.PUBLISHED and problems(t, pool)}  # fmt: skip
    found = set(db.session.scalars(select(Team.id).where(
        Team.program_id == crowd.program.id, Team.status == TeamStatus.PUBLISHED,
        breaks_a_rule(crowd.program))))  # fmt: skip
    names = {t.id: name for name, t in teams.items()}
    assert {names[i] for i in found} == {names[i] for i in expected}
    assert {names[i] for i in expected} == {
        "too small", "too big", "no lead", "lead not eligible", "conflict", "wrong day",
        "over capacity", "left the program"}  # fmt: skip


def _repair_from_everyone(team: Team) -> Repair:
    """The repair as it was computed before issue 16: every mentor of the program a candidate."""
    pool = Pool(db.session.get(Program, team.program_id))
    if not problems(team, pool):
        return Repair(lead=team.lead.mentor_id if team.lead else None)
    members = [
        pool.builder_mentor(m.mentor_id) for m in team.members if m.mentor_id in pool.mentors
    ]
    missing = tuple(m.mentor_id for m in team.members if m.mentor_id not in pool.mentors)
    gone = [m.mentor_id for m in team.members if m.mentor_id in pool.mentors
            and pool.load(m.mentor_id) > pool.mentors[m.mentor_id].profile.capacity]  # fmt: skip
    on_team = {m.mentor_id for m in team.members}
    candidates = [m for m in pool.builder_mentors() if m.id not in on_team]
    repair = repair_team(builder_venture(team.venture), members,
                         team.lead.mentor_id if team.lead else None, candidates, pool.conflicts,
                         gone, MIN_SIZE, MAX_SIZE)  # fmt: skip
    return Repair(drop=missing + repair.drop, add=repair.add, lead=repair.lead,
                  impossible=repair.impossible)  # fmt: skip


@pytest.mark.parametrize("seed", range(9))
def test_the_repair_drawn_from_a_few_is_the_repair_drawn_from_everyone(crowd, seed):
    rng = random.Random(seed)
    # Few backgrounds and areas in some worlds: many mentors of a kind, several picked.
    backgrounds, areas = [(BACKGROUNDS[:1], AREAS[:2]), (BACKGROUNDS[:3], AREAS[:3]),
                          (BACKGROUNDS, AREAS)][seed % 3]  # fmt: skip
    for _ in range(70):
        crowd.mentor(background=rng.choice(backgrounds),
                     expertise=rng.sample(areas, rng.randint(0, 2)), lead=rng.random() < 0.3,
                     capacity=rng.choice([0, 1, 1, 2]), weekdays=rng.choice([[], [], [2], [3, 4]]),
                     signed=rng.random() < 0.85)  # fmt: skip
    teams = []
    for n in range(8):
        venture = crowd.venture(f"Venture {n}", needs=rng.sample(AREAS, rng.randint(1, 3)),
                                day=rng.choice([None, None, 2, 3]))  # fmt: skip
        members = rng.sample(crowd.mentors, rng.choice([0, 1, 1, 2, 3, MAX_SIZE, MAX_SIZE + 1]))
        lead = rng.choice([*members, None]) if members else None
        teams.append(crowd.team(venture, members, lead if lead else False))
    for team in teams[:3]:
        if team.members:
            db.session.add(Recusal(program_id=crowd.program.id, venture_id=team.venture_id,
                                   mentor_id=team.members[0].mentor_id, reason="test"))  # fmt: skip
    db.session.flush()
    for team in teams:
        expected = _repair_from_everyone(team)
        assert team_services.repair_plan(team, team_pool(team)) == expected, team.venture.name
        assert team_services.repair_plan(team) == expected


def test_the_repair_draws_on_the_few_lowest_ids_of_each_kind(crowd):
    lead = crowd.mentor("Lead", "Finance", ["Finance"], lead=True)
    member = crowd.mentor("Member", "Law", ["Legal"])
    alike = [crowd.mentor(f"Alike {n:02d}", "Media", ["Sales"]) for n in range(40)]
    crowd.mentor("Signed no more", "Energy", ["Sales"], signed=False)
    team = crowd.team(crowd.venture("Alpha", needs=["Sales", "Legal"]), [lead, member])
    pool = team_pool(team)
    # One member is missing: one pick, so one mentor of the one kind that may join.
    assert set(pool.mentors) == {lead.id, member.id, alike[0].id}
    assert team_services.repair_plan(team, pool) == _repair_from_everyone(team)
    assert team_services.repair_plan(team, pool).add == (alike[0].id,)
    lead_leaves = crowd.team(crowd.venture("Beta", needs=["Sales"]), [member, alike[1]], False)
    # No lead and one short: a lead-eligible mentor (only Lead, on another team: capacity 1)
    assert len(team_pool(lead_leaves).mentors) <= 2 + 2
    assert team_services.repair_plan(lead_leaves) == _repair_from_everyone(lead_leaves)


def test_a_full_team_without_a_lead_gets_one_chosen_before_a_member_makes_room(crowd):
    """The new lead is the best for the team as it is (the lowest id among equals), and
    then the member it misses least goes: the draw counts the whole team as kept."""
    members = [crowd.mentor(f"Member {b}", b, []) for b in ("A", "B", "C", "D", "E")]
    same_as_a = crowd.mentor("Lead like A", "A", [], lead=True)
    crowd.mentor("Lead like E", "E", [], lead=True)
    team = crowd.team(crowd.venture("Alpha", needs=["Legal"]), members, lead=False)
    repair = team_services.repair_plan(team)
    assert repair == _repair_from_everyone(team)
    assert repair.drop == (members[-1].id,) and repair.add == (same_as_a.id,)
    assert len(team_pool(team).mentors) == len(members) + 1  # the two leads are alike


# -- the team page: a server-side search --------------------------------------------------------


@pytest.fixture
def team_page(crowd, auth):
    """A draft team of three for a venture needing legal help, and 30 mentors outside it."""
    lead = crowd.mentor("Lena Lead", "Finance", ["Finance"], lead=True)
    members = [lead, crowd.mentor("Omar Member", "Software"), crowd.mentor("Pia Member", "Law")]
    for n in range(30):
        crowd.mentor(f"Crowd Mentor {n:02d}", "Media", ["Marketing"])
    crowd.mentor("Zoe Legal", "Law", ["Legal"], capacity=2)
    crowd.mentor("Yuri Unsigned", "Energy", ["Legal"], signed=False)
    venture = crowd.venture("Alpha", needs=["Legal", "Finance"])
    venture.status = VentureStatus.DOCKETED
    team = crowd.team(venture, members, lead, published=False)
    db.session.commit()
    auth.login(as_=crowd.coordinator)
    return f"/p/{crowd.program.slug}/teams/{team.id}", team


def _results(page: str) -> str:
    return page.split('id="results-heading"')[1].split("</ol>")[0]


def test_the_team_page_suggests_the_best_few_and_searches_on_the_server(client, team_page):
    url, _team = team_page
    _count, page = _statements(client, url)
    suggested = _results(page)
    assert "Zoe Legal" in suggested and "Team score with them: " in suggested
    assert suggested.index("Zoe Legal") < suggested.index("Crowd Mentor")  # best first
    assert suggested.count("<li>") == SHOWN
    assert len(set(re.findall(r"Crowd Mentor \d\d", page))) < 30  # not every mentor
    assert "Only the best 20 are listed" in page
    for text, expected in [("zoe", "Zoe Legal"), ("LEGAL", "Yuri Unsigned"), ("energy", "Yuri")]:
        found = _results(client.get(f"{url}?q={text}").get_data(as_text=True))
        assert expected in found and "Crowd Mentor" not in found, text
    found = _results(client.get(f"{url}?q=yuri").get_data(as_text=True))
    assert "has not signed this year" in found  # the reason a rule keeps them out
    assert '<option disabled value="' in client.get(f"{url}?q=yuri").get_data(as_text=True)
    nothing = client.get(f"{url}?q=nobody+at+all").get_data(as_text=True)
    assert "No mentor matches this search." in nothing and 'value="nobody at all"' in nothing
    assert client.get(f"{url}?q=%25_%5C").status_code == 200  # LIKE's wildcards are text


def test_the_add_and_swap_forms_take_a_mentor_the_search_found(client, team_page, crowd):
    url, team = team_page
    zoe = next(u for u in crowd.mentors if u.name == "Zoe Legal")
    yuri = next(u for u in crowd.mentors if u.name == "Yuri Unsigned")
    page = client.get(f"{url}?q=legal").get_data(as_text=True)
    assert f'action="{url}/members?q=legal"' in page and f'<option value="{zoe.id}">' in page
    refused = client.post(f"{url}/members?q=legal", data={"mentor_id": yuri.id})
    text = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "has not signed this year" in text
    assert "Zoe Legal" in _results(text)  # the same search, shown again
    assert client.post(f"{url}/members?q=legal", data={"mentor_id": zoe.id}).status_code == 302
    omar = next(m.mentor_id for m in team.members if m.mentor.name == "Omar Member")
    crowd_mentor = next(u for u in crowd.mentors if u.name == "Crowd Mentor 07")
    response = client.post(f"{url}/swap", data={"out_id": omar, "in_id": crowd_mentor.id})
    assert response.status_code == 302
    db.session.expire_all()
    names = {m.mentor.name for m in db.session.get(Team, team.id).members}
    assert names == {"Lena Lead", "Pia Member", "Zoe Legal", "Crowd Mentor 07"}


def test_the_team_page_reads_the_same_whatever_the_program_holds(client, team_page, crowd):
    url, _team = team_page
    few, page = _statements(client, url)
    for n in range(40):
        crowd.mentor(f"Later Mentor {n:02d}", "Retail", ["Legal"])
    many, page = _statements(client, url)
    assert many == few and many <= 25
    assert len(set(re.findall(r"Later Mentor \d\d", page))) == SHOWN  # not all 40


# -- the overview, the load page and the homes: paged and capped ------------------------------


def test_the_overview_shows_one_list_at_a_time_paged_with_every_list_counted(client, auth, crowd):
    m = [crowd.mentor(f"Member {i:02d}", lead=i == 0, capacity=60) for i in range(3)]
    for n in range(53):
        crowd.team(crowd.venture(f"Draft {n:02d}"), [], published=False)
    for n in range(12):  # published with two mentors: each needs a repair
        crowd.team(crowd.venture(f"Short {n:02d}"), m[:2])
    crowd.team(crowd.venture("Whole"), m)
    db.session.commit()
    auth.login(as_=crowd.coordinator)
    base = f"/p/{crowd.program.slug}/teams"
    few, page = _statements(client, base)  # drafts first: there are some
    n = TEAMS_PER_PAGE  # 53 drafts: three pages
    assert (
        page.count(">Draft ") == n and f"Draft {n - 1:02d}" in page and f"Draft {n:02d}" not in page
    )
    assert "Short" not in page.split('id="teams"')[1] and ">Whole<" not in page
    assert "Page 1 of 3" in page and f'href="{base}?show=drafts&amp;page=2#teams"' in page
    assert re.search(r'aria-current="page">Drafts <span class="tag">53<', page)
    assert re.search(r'>Published <span class="tag">13<', page)
    assert "See all 12 teams that need a repair" in page and page.count("it needs at least") == 10
    last = client.get(f"{base}?show=drafts&page=3").get_data(as_text=True)
    assert "Draft 52" in last and "Draft 00" not in last and ">Whole<" not in last
    published = client.get(f"{base}?show=published").get_data(as_text=True)
    assert ">Whole<" in published and "Draft 00" not in published
    for address in (f"{base}?show=repair", f"{base}?needs=repair"):  # the old address too
        only = client.get(address).get_data(as_text=True)
        assert "Short 11" in only and ">Whole<" not in only and "See all" not in only
        assert re.search(r'aria-current="page">Need a repair <span class="tag">12<', only)
    for n in range(40):
        crowd.team(crowd.venture(f"More {n:02d}"), [], published=False)
    assert _statements(client, base)[0] == few
    assert client.get(f"{base}?page=99").status_code == 200  # past the end: the last
    assert client.get(f"{base}?show=nonsense").status_code == 200  # the default list


def test_the_coordinator_home_lists_a_few_teams_to_repair_and_links_to_the_rest(
    client, auth, crowd
):
    m = [crowd.mentor(f"Member {i}", lead=i == 0, capacity=60) for i in range(3)]
    crowd.team(crowd.venture("Short 00"), m[:2])
    crowd.team(crowd.venture("Whole"), m)
    db.session.commit()
    auth.login(as_=crowd.coordinator)
    home = f"/p/{crowd.program.slug}/"
    few, page = _statements(client, home)
    assert "Teams that need a repair" in page and "Short 00" in page and "See all" not in page
    for n in range(1, 14):
        crowd.team(crowd.venture(f"Short {n:02d}"), m[:2])
    many, page = _statements(client, home)
    assert many == few and page.count("it needs at least") == 10
    assert "See all 14 teams that need a repair" in page and "?show=repair#teams" in page


def test_the_load_page_is_paged_with_its_filters_counted(client, auth, crowd):
    lead = crowd.mentor("Aaron Busy", lead=True, capacity=1)
    for n in range(54):
        crowd.mentor(f"Idle {n:02d}", signed=n % 10 != 0)
    crowd.team(crowd.venture("One"), [lead])
    crowd.team(crowd.venture("Two"), [lead], published=False)
    db.session.commit()
    auth.login(as_=crowd.coordinator)
    url = f"/p/{crowd.program.slug}/teams/load"
    few, page = _statements(client, url)
    assert page.count('class="load-form"') == MENTORS_PER_PAGE and "Page 1 of 3" in page
    assert "All mentors (55)" in page and "Overloaded (1)" in page and "Idle (54)" in page
    assert "Principles not signed (6)" in page
    busy = client.get(f"{url}?show=overloaded").get_data(as_text=True)
    assert busy.count('class="load-form"') == 1 and "Aaron Busy" in busy and "One" in busy
    unsigned = client.get(f"{url}?show=unsigned").get_data(as_text=True)
    assert unsigned.count('class="load-form"') == 6
    third = client.get(f"{url}?page=3").get_data(as_text=True)
    last = sorted(u.name for u in crowd.mentors)[-1]
    assert third.count('class="load-form"') == 55 - 2 * MENTORS_PER_PAGE and last in third
    for n in range(60):
        crowd.mentor(f"Later {n:02d}")
    assert _statements(client, url)[0] == few
    mentor = next(u for u in crowd.mentors if u.name == last)
    refused = client.post(f"{url}/{mentor.id}?page=3", data={f"m{mentor.id}-capacity": "9"})
    assert refused.status_code == 400 and 'value="9"' in refused.get_data(as_text=True)
    saved = client.post(f"{url}/{mentor.id}?page=3&show=idle",
                        data={f"m{mentor.id}-capacity": "2"})  # fmt: skip
    assert saved.status_code == 302 and saved.location.endswith("?page=3&show=idle")


def test_my_teams_and_the_mentor_home_read_one_pool_of_the_teams_shown(app, crowd):
    mentors = [crowd.mentor(f"Member {i}", lead=i == 0, capacity=5) for i in range(4)]
    crowd.team(crowd.venture("Alpha"), mentors[:3])
    db.session.commit()
    mentor = app.test_client()
    Auth(mentor).login(as_=mentors[0])
    few, page = _statements(mentor, f"/p/{crowd.program.slug}/my-teams")
    assert "Alpha" in page and "Member 2" in page and "Lead mentor" in page
    home_few, home = _statements(mentor, f"/p/{crowd.program.slug}/")
    assert "Alpha" in home and "Lead" in home
    crowd.team(crowd.venture("Beta"), [mentors[0], mentors[3], mentors[1]])
    for n in range(30):
        crowd.mentor(f"Other {n}")
    many, page = _statements(mentor, f"/p/{crowd.program.slug}/my-teams")
    assert many == few and "Beta" in page and "Member 3" in page and "Other" not in page
    assert _statements(mentor, f"/p/{crowd.program.slug}/")[0] == home_few
