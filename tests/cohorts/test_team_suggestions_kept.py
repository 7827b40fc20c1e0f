"""The team page's suggestions with no search, kept by each worker (``queries._suggested``
through ``needs_repair.kept``): after every kind of write that changes who may join a team,
from the principles to the attendance an event step reads, and when a signature turns a year
old with no write at all, the kept suggestions are the ones ranked afresh; when nothing
changed, they cost one statement (the version's token)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.support import statements_run
from vms.cohorts.teams import needs_repair
from vms.cohorts.teams import queries as team_queries
from vms.cohorts.teams.candidates import SHOWN, search, team_pool
from vms.cohorts.teams.load import load_page
from vms.cohorts.teams.models import Team, TeamMember, TeamRulesVersion
from vms.database import now_utc
from vms.extensions import db
from vms.onboarding.preparation.models import (
    CompletionHow,
    OrientationStep,
    PreparationRule,
    StepCompletion,
    StepWay,
)
from vms.scheduling.models import Invitee, Meeting, MeetingKind, MeetingStatus, Response
from vms.screening.principles import services as principles


@dataclass
class Shop:
    """A team that lacks Finance, and more mentors who may join it than it shows."""

    team_id: int
    people: dict[str, int]
    handbook_id: int
    evening_id: int


@pytest.fixture
def shop(crowd) -> Shop:
    m = crowd.mentor
    team = crowd.team(crowd.venture("Needs money", needs=("Finance",)),
                      [m("Lead", lead=True, capacity=3), m("Plain", capacity=3)])  # fmt: skip
    people = {name: m(name, expertise=("Finance",), capacity=2)
              for name in ("Finance A", "Finance B", "Finance C")}  # fmt: skip
    people["Unsigned"] = m("Unsigned", expertise=("Finance",), capacity=2, signed=False)
    people["Lapsing"] = m("Lapsing", expertise=("Finance",), capacity=2, signed=False)
    crowd.sign(people["Lapsing"], days_ago=365 - 1 / 24)  # a year old in an hour
    others = [m(f"Other {i:02d}", capacity=2) for i in range(SHOWN + 5)]
    # Preparation is required: a handbook to confirm and an evening to attend.
    handbook = OrientationStep(program_id=crowd.program.id, title="Handbook", position=1,
                               way=StepWay.CONFIRMED)  # fmt: skip
    evening = OrientationStep(program_id=crowd.program.id, title="Evening", position=2,
                              way=StepWay.EVENT,
                              meeting_kind=MeetingKind.MENTOR_MEETING)  # fmt: skip
    db.session.add_all([handbook, evening,
                        PreparationRule(program_id=crowd.program.id, required=True)])  # fmt: skip
    db.session.flush()
    start = now_utc() - timedelta(days=10)
    everyone = [*people.values(), *others]
    db.session.add(Meeting(
        program_id=crowd.program.id, kind=MeetingKind.MENTOR_MEETING, title="Evening",
        starts_at=start, ends_at=start + timedelta(hours=2), timezone="UTC",
        invitees=[Invitee(user_id=u.id, attended=u is not people["Finance B"]) for u in everyone],
    ))  # fmt: skip
    db.session.add_all([
        StepCompletion(step_id=handbook.id, mentor_id=u.id, how=CompletionHow.CONFIRMED)
        for u in everyone if u is not people["Finance C"]
    ])  # fmt: skip
    db.session.commit()
    return Shop(team.id, {name: u.id for name, u in people.items()}, handbook.id, evening.id)


def _fresh(shop: Shop) -> list[int]:
    team = db.session.get(Team, shop.team_id)
    return search(team, team_pool(team))


def _kept(shop: Shop) -> tuple[list[int], bool]:
    """The suggestions as a request reads them, in a new transaction, and whether the
    mentors were ranked (False: the worker's kept ranking was used)."""
    db.session.commit()
    db.session.expire_all()
    team = db.session.get(Team, shop.team_id)
    assert team.members and team.venture  # loaded before, as the page's first read does
    # "ORDER BY CASE WHEN": the ranking of every mentor (candidates.py)
    with statements_run("ORDER BY CASE WHEN") as ranked:
        _pool, found = team_queries._suggested(team)
    return list(found), bool(ranked)


def _names(shop: Shop, ids: list[int]) -> set[str]:
    by_id = {i: name for name, i in shop.people.items()}
    return {by_id[i] for i in ids if i in by_id}


def test_unchanged_suggestions_are_kept_and_say_what_a_fresh_ranking_says(shop):
    first, ranked = _kept(shop)
    assert ranked and first == _fresh(shop) and len(first) == SHOWN
    # Prepared and signed, with the Finance the team lacks: first. Unprepared or unsigned: out.
    assert _names(shop, first) == {"Finance A", "Lapsing"}
    again, ranked = _kept(shop)
    assert again == first and not ranked


def _sign(shop: Shop, crowd) -> None:
    crowd.sign(db.session.get(principles.User, shop.people["Unsigned"]))


def _publish_a_new_version(shop: Shop, crowd) -> None:
    principles.publish(crowd.program, "New principles, signed by nobody yet.", crowd.coordinator)


def _complete_the_handbook(shop: Shop, crowd) -> None:
    db.session.add(StepCompletion(step_id=shop.handbook_id, mentor_id=shop.people["Finance C"],
                                  how=CompletionHow.MARKED))  # fmt: skip


def _retire_the_handbook(shop: Shop, crowd) -> None:
    db.session.get(OrientationStep, shop.handbook_id).retire()


def _stop_requiring_preparation(shop: Shop, crowd) -> None:
    db.session.get(PreparationRule, crowd.program.id).required = False


def _add_a_step(shop: Shop, crowd) -> None:
    db.session.add(OrientationStep(program_id=crowd.program.id, title="Shadowing", position=3,
                                   way=StepWay.CONFIRMED))  # fmt: skip


def _record_that_they_came(shop: Shop, crowd) -> None:
    invitee = db.session.scalar(select(Invitee).where(Invitee.user_id == shop.people["Finance B"]))
    invitee.attended = True


def _cancel_the_evening(shop: Shop, crowd) -> None:
    meeting = db.session.scalar(select(Meeting).where(Meeting.program_id == crowd.program.id))
    meeting.status = MeetingStatus.CANCELLED


def _add_a_member(shop: Shop, crowd) -> None:
    db.session.add(TeamMember(team_id=shop.team_id, mentor_id=shop.people["Finance A"]))


@pytest.mark.parametrize("change", [
    _sign, _publish_a_new_version, _complete_the_handbook, _retire_the_handbook,
    _stop_requiring_preparation, _add_a_step, _record_that_they_came, _cancel_the_evening,
    _add_a_member,
])  # fmt: skip
def test_after_each_kind_of_write_the_kept_suggestions_are_the_fresh_ones(shop, crowd, change):
    before, _ = _kept(shop)
    change(shop, crowd)
    db.session.flush()
    after, ranked = _kept(shop)
    assert ranked and after == _fresh(shop) != before


def test_an_answer_to_an_invitation_leaves_the_kept_suggestions_be(shop):
    """An RSVP is no attendance: the token stays, and the ranking is not done again."""
    _kept(shop)
    token = db.session.scalar(select(TeamRulesVersion.token))
    invitee = db.session.scalar(select(Invitee).where(Invitee.user_id == shop.people["Lapsing"]))
    invitee.response = Response.NO
    db.session.commit()
    _, ranked = _kept(shop)
    assert not ranked and db.session.scalar(select(TeamRulesVersion.token)) == token


def test_a_signature_turning_a_year_old_is_noticed_without_any_write(shop, monkeypatch):
    before, _ = _kept(shop)
    assert "Lapsing" in _names(shop, before)
    later = now_utc() + timedelta(hours=2)
    monkeypatch.setattr(needs_repair, "now_utc", lambda: later)
    monkeypatch.setattr(principles, "now_utc", lambda: later)
    after, ranked = _kept(shop)
    assert ranked and after == _fresh(shop) and "Lapsing" not in _names(shop, after)


def _load_counts(program) -> tuple[dict[str, int], bool]:
    """The load page's counts as a request reads them, and whether they were counted."""
    db.session.commit()
    db.session.expire_all()
    with statements_run("count(CASE WHEN") as counted:
        counts = load_page(program).counts
    return counts, bool(counted)


def test_the_load_pages_counts_are_kept_until_a_signature_or_the_clock_changes_them(
    shop, crowd, monkeypatch
):
    first, counted = _load_counts(crowd.program)
    again, counted_again = _load_counts(crowd.program)
    assert counted and not counted_again and again == first and first["unsigned"] == 1
    _sign(shop, crowd)
    signed, counted = _load_counts(crowd.program)
    assert counted and signed["unsigned"] == 0
    later = now_utc() + timedelta(hours=2)  # "Lapsing" signed a year ago, less an hour
    monkeypatch.setattr(needs_repair, "now_utc", lambda: later)
    monkeypatch.setattr(principles, "now_utc", lambda: later)
    lapsed, counted = _load_counts(crowd.program)
    assert counted and lapsed["unsigned"] == 1
