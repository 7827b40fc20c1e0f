"""The teams overview's lists, kept by each worker (``queries._listed`` through
``needs_repair.kept``): after every kind of write a card reads, and when a draft member's
signature turns a year old with no write at all, the kept page is the one made afresh; when
nothing changed, the page's teams are not read again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from flask import current_app

from vms.cohorts.models import MentorProfile, Venture
from vms.cohorts.teams import needs_repair
from vms.cohorts.teams import queries as team_queries
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.cohorts.teams.queries import Listing
from vms.database import now_utc
from vms.extensions import db
from vms.screening.principles import services as principles


@dataclass
class Drafts:
    team_id: int
    venture_id: int
    people: dict[str, int]


@pytest.fixture
def drafts(crowd) -> Drafts:
    m = crowd.mentor
    people = {"Lead": m("Lead", lead=True, expertise=("Sales",)),
              "Plain": m("Plain", expertise=("Legal",)),
              "Unsigned": m("Unsigned", signed=False),
              "Lapsing": m("Lapsing", signed=False),
              "Spare": m("Spare", expertise=("Finance",))}  # fmt: skip
    crowd.sign(people["Lapsing"], days_ago=365 - 1 / 24)  # a year old in an hour
    venture = crowd.venture("Draft venture", needs=("Sales", "Finance"))
    members = [people[n] for n in ("Lead", "Plain", "Unsigned", "Lapsing")]
    team = crowd.team(venture, members, lead=people["Lead"], published=False)
    db.session.commit()
    return Drafts(team.id, venture.id, {name: u.id for name, u in people.items()})


def _listing(program, monkeypatch) -> tuple[list, bool]:
    """The drafts list as a request reads it, in a new transaction, and whether its page of
    teams was made (False: the worker's kept page was used)."""
    db.session.commit()
    db.session.expire_all()
    made = []
    making = team_queries._listed

    def counted(*args):
        made.append(args)
        return making(*args)

    monkeypatch.setattr(team_queries, "_listed", counted)
    with current_app.test_request_context():
        rows = team_queries.overview(program, Listing.DRAFTS).listed.rows
    monkeypatch.setattr(team_queries, "_listed", making)
    return rows, bool(made)


def _fresh(program) -> list:
    """The drafts list made afresh (the program has one team, a draft)."""
    with current_app.test_request_context():
        return team_queries._listed(program, Team.status == TeamStatus.DRAFT, 1, 1).rows


def _add_a_member(d: Drafts, _crowd) -> None:
    db.session.add(TeamMember(team_id=d.team_id, mentor_id=d.people["Spare"]))


def _rename_the_lead(d: Drafts, _crowd) -> None:
    db.session.get(principles.User, d.people["Lead"]).name = "Leslie Lead"


def _change_what_the_venture_needs(d: Drafts, _crowd) -> None:
    db.session.get(Venture, d.venture_id).needs = ["Sales", "Legal"]


def _learn_finance(d: Drafts, _crowd) -> None:
    profile = db.session.scalar(
        db.select(MentorProfile).where(MentorProfile.user_id == d.people["Plain"])
    )
    profile.expertise = ["Legal", "Finance"]


def _sign(d: Drafts, crowd) -> None:
    crowd.sign(db.session.get(principles.User, d.people["Unsigned"]))


@pytest.mark.parametrize("change", [
    _add_a_member, _rename_the_lead, _change_what_the_venture_needs, _learn_finance, _sign,
])  # fmt: skip
def test_after_each_kind_of_write_the_kept_list_is_the_fresh_one(
    drafts, crowd, change, monkeypatch
):
    program = crowd.program
    before, made = _listing(program, monkeypatch)
    again, made_again = _listing(program, monkeypatch)
    assert made and not made_again and again == before == _fresh(program)
    change(drafts, crowd)
    after, made = _listing(program, monkeypatch)
    assert made and after == _fresh(program) != before


def test_a_draft_members_signature_turning_a_year_old_is_noticed_without_any_write(
    drafts, crowd, monkeypatch
):
    before, _ = _listing(crowd.program, monkeypatch)
    later = now_utc() + timedelta(hours=2)
    for module in (needs_repair, principles):
        monkeypatch.setattr(module, "now_utc", lambda: later)
    after, made = _listing(crowd.program, monkeypatch)
    assert made and after[0].problems == before[0].problems + 1
