"""The teams that need a repair, kept by each worker until what the rules read changes
(``vms.cohorts.teams.needs_repair``): after every kind of write, from this session or from
another worker's, the kept answer is the answer computed afresh; when nothing changed it is
read without asking the database again."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, event, select, update

from tests.cohorts.test_team_scale import _broken_world
from vms.auth.models import Membership, User
from vms.cohorts.models import MentorProfile, Venture
from vms.cohorts.teams import queries as team_queries
from vms.cohorts.teams.models import Team, TeamMember, TeamRulesVersion, TeamStatus
from vms.cohorts.teams.needs_repair import broken_team_ids
from vms.cohorts.teams.rules import breaks_a_rule
from vms.extensions import db
from vms.screening.conflicts.models import Recusal


def _afresh(program) -> set[int]:
    return set(db.session.scalars(select(Team.id).where(
        Team.program_id == program.id, Team.status == TeamStatus.PUBLISHED,
        breaks_a_rule(program))))  # fmt: skip


def _kept(program, read=broken_team_ids):
    """The answer as a request would read it, in a new transaction, and its statements."""
    db.session.commit()
    db.session.expire_all()
    assert program.id  # the program itself, as a request has loaded it before
    statements = []
    listener = lambda *_args: statements.append(1)  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        found = read(program)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    return found, len(statements)


def _lines_afresh(program) -> list[tuple[int, str, tuple[str, ...]]]:
    """What the homes and the overview say of the first teams that need a repair, judged now."""
    fresh = team_queries._repairs(program)
    return [(line.team_id, line.venture_name, line.problems) for line in fresh.lines]


def _lines_kept(program):
    repairs, statements = _kept(program, team_queries.repairs_needed)
    return [(line.team_id, line.venture_name, line.problems) for line in repairs.lines], statements


@pytest.fixture
def broken(crowd):
    teams = _broken_world(crowd)
    db.session.commit()
    return teams


def _names(teams, ids) -> set[str]:
    by_id = {t.id: name for name, t in teams.items()}
    return {by_id[i] for i in ids}


def test_an_unchanged_program_is_answered_from_what_the_worker_kept(crowd, broken):
    first, _ = _kept(crowd.program)
    again, statements = _kept(crowd.program)
    assert again == first and statements == 1  # the version's token only
    assert set(first) == _afresh(crowd.program) and "too small" in _names(broken, first)


def _add_a_member(crowd, teams):
    db.session.add(TeamMember(team_id=teams["too small"].id, mentor_id=crowd.mentor("New").id))


def _raise_a_capacity(crowd, teams):
    busy = db.session.scalar(select(MentorProfile).join(MentorProfile.user).where(
        MentorProfile.program_id == crowd.program.id, MentorProfile.capacity == 1,
        MentorProfile.user.has(name="Busy")))  # fmt: skip
    busy.capacity = 2


def _recuse(crowd, teams):
    member = teams["healthy"].members[1]
    db.session.add(Recusal(program_id=crowd.program.id, mentor_id=member.mentor_id,
                           venture_id=teams["healthy"].venture_id, reason="test"))  # fmt: skip


def _bulk_delete_a_membership(crowd, teams):
    member = teams["right day"].members[2]
    db.session.execute(delete(Membership).where(Membership.user_id == member.mentor_id))


def _bulk_update_a_lead(crowd, teams):
    healthy = teams["healthy"].id
    db.session.execute(
        update(TeamMember).where(TeamMember.team_id == healthy).values(is_lead=False)
    )


def _move_a_meeting_day(crowd, teams):
    db.session.get(Venture, teams["wrong day"].venture_id).meeting_weekday = 2


def _delete_a_team(crowd, teams):
    db.session.delete(db.session.get(Team, teams["conflict"].id))


def _remove_a_member(crowd, teams):
    team = db.session.get(Team, teams["healthy"].id)
    db.session.delete(team.members[2])


@pytest.mark.parametrize("change", [
    _add_a_member, _raise_a_capacity, _recuse, _bulk_delete_a_membership, _bulk_update_a_lead,
    _move_a_meeting_day, _delete_a_team, _remove_a_member,
])  # fmt: skip
def test_after_each_kind_of_write_the_kept_answer_is_the_fresh_one(crowd, broken, change):
    before, _ = _kept(crowd.program)
    change(crowd, broken)
    db.session.flush()
    # Inside the writing transaction the kept answer is not used: its writes are not in it.
    assert set(broken_team_ids(crowd.program)) == _afresh(crowd.program)
    after, _ = _kept(crowd.program)
    assert set(after) == _afresh(crowd.program) != set(before)


@pytest.mark.parametrize("change", [
    _add_a_member, _raise_a_capacity, _recuse, _bulk_delete_a_membership, _bulk_update_a_lead,
    _move_a_meeting_day, _delete_a_team, _remove_a_member,
])  # fmt: skip
def test_the_kept_repair_lines_are_the_fresh_ones_after_each_kind_of_write(
    app, crowd, broken, change
):
    with app.test_request_context():
        before, _ = _lines_kept(crowd.program)
        again, statements = _lines_kept(crowd.program)
        assert again == before and statements == 1  # the version's token only
        change(crowd, broken)
        db.session.flush()
        after, _ = _lines_kept(crowd.program)
        assert after == _lines_afresh(crowd.program) != before


def test_a_renamed_member_is_quoted_by_the_new_name(app, crowd, broken):
    with app.test_request_context():
        before, _ = _lines_kept(crowd.program)
        assert any("Plain 11 leads the team" in " ".join(problems) for _, _, problems in before)
        lead = db.session.scalar(select(User).where(User.name == "Plain 11"))
        lead.name = "Renamed Lead"
        after, _ = _lines_kept(crowd.program)
        said = " ".join(" ".join(problems) for _, _, problems in after)
        assert "Renamed Lead leads the team" in said and "Plain 11" not in said


def test_a_write_committed_by_another_worker_is_seen(crowd, broken):
    fresh = crowd.mentor("Fresh", capacity=3).id
    before, _ = _kept(crowd.program)
    other = db.session.session_factory()  # another worker's session, with the same listeners
    try:
        other.add(TeamMember(team_id=broken["too small"].id, mentor_id=fresh))
        other.commit()
    finally:
        other.close()
    after, _ = _kept(crowd.program)
    assert set(after) == _afresh(crowd.program) and broken["too small"].id in set(before)
    assert broken["too small"].id not in set(after)


def test_a_rolled_back_write_leaves_the_version_as_it_was(crowd, broken):
    _kept(crowd.program)
    token = db.session.scalar(select(TeamRulesVersion.token)
                              .where(TeamRulesVersion.program_id == crowd.program.id))  # fmt: skip
    _add_a_member(crowd, broken)
    db.session.flush()
    db.session.rollback()
    _, statements = _kept(crowd.program)
    assert statements == 1 and token == db.session.scalar(
        select(TeamRulesVersion.token).where(TeamRulesVersion.program_id == crowd.program.id)
    )


def test_a_new_user_leaves_every_kept_answer_be(crowd, broken):
    """Signing up (or an import) renames nobody: the token stays, and the answer is kept."""
    _kept(crowd.program)
    token = db.session.scalar(select(TeamRulesVersion.token)
                              .where(TeamRulesVersion.program_id == crowd.program.id))  # fmt: skip
    db.session.add(User(email="newcomer@example.org", name="Newcomer", password_hash="x"))
    db.session.commit()
    _, statements = _kept(crowd.program)
    assert statements == 1 and token == db.session.scalar(
        select(TeamRulesVersion.token).where(TeamRulesVersion.program_id == crowd.program.id)
    )
